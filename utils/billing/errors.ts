/**
 * What can go wrong talking to the billing API, as values (never thrown past the client).
 * `message` is written for the user; it never contains the API key.
 */
export type BillingError =
  | { kind: 'unauthorized'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'not_found'; message: string }
  | { kind: 'conflict'; message: string }
  | { kind: 'invalid_request'; message: string }
  | { kind: 'rate_limited'; message: string; retryAfterMs: number }
  /** `retryAfterMs`: set when the server sent a usable `Retry-After` (e.g. 503 during maintenance). */
  | { kind: 'server'; message: string; status: number; retryAfterMs?: number }
  | { kind: 'network'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'invalid_response'; message: string };

export type BillingErrorKind = BillingError['kind'];

export type Result<T> = { ok: true; value: T } | { ok: false; error: BillingError };
