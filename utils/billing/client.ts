import type { z } from 'zod/mini';
import type { BillingError, BillingErrorKind, Result } from './errors';
import {
  ApiErrorBodySchema,
  capString,
  CatalogSchema,
  CheckoutSessionSchema,
  MAX_BODY_BYTES,
  MAX_MESSAGE_LENGTH,
  MeSchema,
  PortalSessionSchema,
  PurchaseItemSchema,
  SummarySchema,
  UsageSchema,
  type Catalog,
  type CheckoutSession,
  type Me,
  type PortalSession,
  type PurchaseItem,
  type Summary,
  type Usage,
} from './schemas';
import { isAllowedApiOrigin } from '../config';
import { t, tp } from '../i18n';
import { MAX_IN_CLIENT_WAIT_MS, parseHttpDate, parseRetryAfter, retryDelayMs } from './retry';

export {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  MAX_IN_CLIENT_WAIT_MS,
  MAX_RETRY_AFTER_MS,
  parseHttpDate,
  parseRetryAfter,
  retryDelayMs,
} from './retry';

/**
 * The typed HTTP client of Deskflow's billing API (/work/shared/spec/billing-api.md).
 * Every method resolves to a `Result`; none rejects, whatever the network or the server does.
 */

export interface BillingClientOptions {
  /** e.g. `https://api.deskflow.app` (a path prefix is kept, a trailing slash is not needed). */
  apiOrigin: string;
  apiKey: string;
  /** Default: `globalThis.fetch`, looked up at each request. */
  fetch?: typeof fetch;
  /** Per try, including reading the body. Default 10 000. */
  timeoutMs?: number;
  /** Tries in total for GETs (POSTs are tried once). Default 3. */
  maxTries?: number;
  /** Waits between tries; injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1), for the backoff jitter; injectable for tests. Default `Math.random`. */
  random?: () => number;
  /** The clock for HTTP-date `Retry-After` when the response has no usable `Date`. Default `Date.now`. */
  now?: () => number;
  /** Whether an http: origin may be used (development builds only). Default: the build's. */
  development?: boolean;
}

export interface BillingClient {
  getSummary(): Promise<Result<Summary>>;
  getCatalog(): Promise<Result<Catalog>>;
  /** `days`: an integer from 1 to 90; omitted → the server's default (30). */
  getUsage(days?: number): Promise<Result<Usage>>;
  getMe(): Promise<Result<Me>>;
  /** Never retried here: retry a failed attempt with the same `idempotencyKey` (a UUID). */
  createCheckoutSession(item: PurchaseItem, idempotencyKey: string): Promise<Result<CheckoutSession>>;
  createPortalSession(): Promise<Result<PortalSession>>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_TRIES = 3;
/** `retryAfterMs` of a 429 without a usable `Retry-After`. */
export const DEFAULT_RATE_LIMIT_RETRY_MS = 60_000;
/** Longest server-provided message shown to the user (billing-api.md "Sizes"). */
export const MAX_API_MESSAGE_LENGTH = MAX_MESSAGE_LENGTH;
export const MIN_USAGE_DAYS = 1;
export const MAX_USAGE_DAYS = 90;

const MAX_TRIES_LIMIT = 10;
const MAX_TIMER_MS = 2_147_483_647;

/** The message for an error without a usable one from the API, in the user's language. */
function genericMessage(kind: Exclude<BillingErrorKind, 'timeout' | 'server'>): string {
  switch (kind) {
    case 'invalid_request':
      return t('errorInvalidRequest');
    case 'unauthorized':
      return t('errorUnauthorized');
    case 'forbidden':
      return t('errorForbidden');
    case 'not_found':
      return t('errorNotFound');
    case 'conflict':
      return t('errorConflict');
    case 'rate_limited':
      return t('errorRateLimited');
    case 'network':
      return t('errorNetwork');
    case 'invalid_response':
      return t('errorInvalidResponse');
  }
}

function serverMessage(status: number): string {
  return t('errorServer', String(status));
}

function timeoutMessage(timeoutMs: number): string {
  if (timeoutMs >= 1000) {
    const s = Math.round(timeoutMs / 1000);
    return tp('errorTimeoutSeconds', s, String(s));
  }
  const ms = Math.round(timeoutMs);
  return tp('errorTimeoutMilliseconds', ms, String(ms));
}

/** Outcome of one try: a retryable error carries what the retry loop needs. */
type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; error: BillingError; retryable: boolean; retryAfterMs?: number };

interface PreparedRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Printable ASCII without spaces: safe as (part of) a header value. */
const HEADER_TOKEN = /^[\x21-\x7e]+$/;
const LOOKS_LIKE_API_KEY = /dfk_[A-Za-z0-9_-]{8,}/;

function fail<T>(kind: Exclude<BillingErrorKind, 'rate_limited' | 'server' | 'timeout'>, message?: string): Result<T> {
  return { ok: false, error: { kind, message: message ?? genericMessage(kind) } };
}

/** The API base URL without a trailing slash, or undefined when it is not an http(s) URL. */
function baseUrlOf(apiOrigin: string): string | undefined {
  try {
    const url = new URL(apiOrigin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.username !== '' || url.password !== '') return undefined;
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

function positiveOr(value: number | undefined, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
}

/**
 * A redirect the client did not follow (`redirect: 'manual'`): browsers answer with an opaque
 * response (status 0), Node with the 3xx itself. The contract has no redirects.
 */
function isRedirect(res: Response): boolean {
  return res.type === 'opaqueredirect' || (res.status >= 300 && res.status <= 399);
}

/**
 * The body as text, or null as soon as it is over MAX_BODY_BYTES (billing-api.md "Sizes"): a
 * declared length over it is not read at all, and a body without one is read only that far.
 */
async function readCapped(res: Response): Promise<string | null> {
  const declared = Number(res.headers.get('content-length') ?? '');
  const body = res.body;
  if (declared > MAX_BODY_BYTES) {
    body?.cancel().catch(() => undefined);
    return null;
  }
  if (!body) return res.text();
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > MAX_BODY_BYTES) {
      reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createBillingClient(o: BillingClientOptions): BillingClient {
  const apiKey = typeof o.apiKey === 'string' ? o.apiKey : '';
  const baseUrl = typeof o.apiOrigin === 'string' ? baseUrlOf(o.apiOrigin) : undefined;
  // Outside development builds the key is never sent over http (it would travel in clear text).
  const insecure = baseUrl !== undefined && !isAllowedApiOrigin(baseUrl, o.development);
  const timeoutMs = positiveOr(o.timeoutMs, DEFAULT_TIMEOUT_MS, MAX_TIMER_MS);
  const maxTries = Math.floor(positiveOr(o.maxTries, DEFAULT_MAX_TRIES, MAX_TRIES_LIMIT)) || 1;
  const sleep = o.sleep ?? defaultSleep;
  const random = o.random ?? Math.random;
  const now = o.now ?? Date.now;
  // Called as a plain function (never `o.fetch(...)`): a browser's fetch throws "Illegal
  // invocation" when called with another object as `this`.
  const doFetch: typeof fetch = (input, init) => (o.fetch ?? globalThis.fetch)(input, init);

  /** A user-facing message from the API's error body, or undefined when it can't be used. */
  function apiMessage(text: string): string | undefined {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return undefined;
    }
    const parsed = ApiErrorBodySchema.safeParse(json);
    if (!parsed.success) return undefined;
    // eslint-disable-next-line no-control-regex
    const clean = parsed.data.error.message.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
    if (clean === '') return undefined;
    // Never show a key, even if the server echoes one.
    if ((apiKey !== '' && clean.includes(apiKey)) || LOOKS_LIKE_API_KEY.test(clean)) return undefined;
    return capString(clean, MAX_API_MESSAGE_LENGTH);
  }

  function retryAfterOf(res: Response): number | undefined {
    const header = res.headers.get('retry-after');
    if (header === null) return undefined;
    // An HTTP-date is relative to the server's clock: use its `Date` header when it has one.
    const dateHeader = res.headers.get('date');
    const serverNow = dateHeader === null ? undefined : parseHttpDate(dateHeader);
    return parseRetryAfter(header, serverNow ?? now());
  }

  /** `text`: the body, or null when it was over MAX_BODY_BYTES (then it was not read further). */
  function interpret<T>(res: Response, body: string | null, schema: z.ZodMiniType<T>): Attempt<T> {
    const status = res.status;
    if (isRedirect(res)) {
      return { ok: false, error: { kind: 'invalid_response', message: t('errorApiRedirect') }, retryable: false };
    }
    const text = body ?? '';
    if (status >= 200 && status <= 299) {
      if (body === null) {
        return { ok: false, error: { kind: 'invalid_response', message: genericMessage('invalid_response') }, retryable: false };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return { ok: false, error: { kind: 'invalid_response', message: genericMessage('invalid_response') }, retryable: false };
      }
      const parsed = schema.safeParse(json);
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, error: { kind: 'invalid_response', message: genericMessage('invalid_response') }, retryable: false };
    }

    const message = apiMessage(text);
    const retryAfterMs = retryAfterOf(res);
    const simple = (kind: Exclude<BillingErrorKind, 'rate_limited' | 'server' | 'timeout'>): Attempt<T> => ({
      ok: false,
      error: { kind, message: message ?? genericMessage(kind) },
      retryable: false,
    });

    if (status === 408 || (status >= 500 && status <= 599)) {
      const error: BillingError = { kind: 'server', message: message ?? serverMessage(status), status };
      if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs;
      return { ok: false, error, retryable: true, retryAfterMs };
    }
    if (status === 429) {
      return {
        ok: false,
        error: {
          kind: 'rate_limited',
          message: message ?? genericMessage('rate_limited'),
          retryAfterMs: retryAfterMs ?? DEFAULT_RATE_LIMIT_RETRY_MS,
        },
        retryable: true,
        retryAfterMs,
      };
    }
    if (status === 401) return simple('unauthorized');
    if (status === 403) return simple('forbidden');
    if (status === 404) return simple('not_found');
    if (status === 409) return simple('conflict');
    // 400 and any other 4xx: the extension asked for something the API doesn't accept.
    if (status >= 400 && status <= 499) return simple('invalid_request');
    // 1xx/3xx/unknown: nothing the contract allows.
    return { ok: false, error: { kind: 'invalid_response', message: genericMessage('invalid_response') }, retryable: false };
  }

  async function attemptOnce<T>(url: string, req: PreparedRequest, schema: z.ZodMiniType<T>): Promise<Attempt<T>> {
    const controller = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeoutError: Attempt<T> = {
      ok: false,
      error: { kind: 'timeout', message: timeoutMessage(timeoutMs) },
      retryable: true,
    };
    const networkError: Attempt<T> = {
      ok: false,
      error: { kind: 'network', message: genericMessage('network') },
      retryable: true,
    };
    // The timeout wins the race even against a fetch that ignores its signal.
    const expired = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        resolve('timeout');
      }, timeoutMs);
    });
    try {
      const exchange = (async () => {
        const headers: Record<string, string> = {
          Accept: 'application/json',
          Authorization: `Bearer ${apiKey}`,
          ...req.headers,
        };
        const init: RequestInit = {
          method: req.method,
          headers,
          signal: controller.signal,
          credentials: 'omit',
          // A redirect is never followed: the Bearer key would go to wherever it points.
          redirect: 'manual',
        };
        if (req.body !== undefined) {
          headers['Content-Type'] = 'application/json';
          init.body = JSON.stringify(req.body);
        }
        const res = await doFetch(url, init);
        // The body is read inside the same timeout: a server may send headers and then stall.
        const text = isRedirect(res) ? '' : await readCapped(res);
        return { res, text };
      })();
      // If the timeout wins, the exchange later rejects with an AbortError: nobody awaits it.
      exchange.catch(() => undefined);
      const winner = await Promise.race([exchange, expired]);
      if (winner === 'timeout') return timeoutError;
      return interpret(winner.res, winner.text, schema);
    } catch {
      return timedOut ? timeoutError : networkError;
    } finally {
      clearTimeout(timer);
    }
  }

  async function request<T>(req: PreparedRequest, schema: z.ZodMiniType<T>): Promise<Result<T>> {
    if (baseUrl === undefined) {
      return fail('invalid_request', t('errorBadApiAddress'));
    }
    if (insecure) return fail('invalid_request', t('errorApiNotHttps'));
    if (!HEADER_TOKEN.test(apiKey)) return fail('unauthorized');
    const url = baseUrl + req.path;
    const tries = req.method === 'GET' ? maxTries : 1;
    for (let attempt = 0; ; attempt++) {
      const out = await attemptOnce(url, req, schema);
      if (out.ok) return out;
      if (!out.retryable || attempt + 1 >= tries) return { ok: false, error: out.error };
      let delay: number;
      if (out.retryAfterMs !== undefined) {
        // Too long to hold a request open: the caller schedules it from `retryAfterMs`.
        if (out.retryAfterMs > MAX_IN_CLIENT_WAIT_MS) return { ok: false, error: out.error };
        delay = out.retryAfterMs;
      } else {
        delay = retryDelayMs(attempt, random);
      }
      try {
        await sleep(delay);
      } catch {
        return { ok: false, error: out.error };
      }
    }
  }

  /** No method ever rejects: anything unexpected becomes a network error. */
  async function safely<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await run();
    } catch {
      return fail('network');
    }
  }

  return {
    getSummary: () => safely(() => request({ method: 'GET', path: '/v1/billing/summary' }, SummarySchema)),
    getCatalog: () => safely(() => request({ method: 'GET', path: '/v1/billing/catalog' }, CatalogSchema)),
    getUsage: (days?: number) =>
      safely(() => {
        if (days === undefined) return request({ method: 'GET', path: '/v1/billing/usage' }, UsageSchema);
        if (!Number.isInteger(days) || days < MIN_USAGE_DAYS || days > MAX_USAGE_DAYS) {
          return Promise.resolve(
            fail<Usage>('invalid_request', t('errorUsageDays', [String(MIN_USAGE_DAYS), String(MAX_USAGE_DAYS)])),
          );
        }
        return request({ method: 'GET', path: `/v1/billing/usage?days=${days}` }, UsageSchema);
      }),
    getMe: () => safely(() => request({ method: 'GET', path: '/v1/me' }, MeSchema)),
    createCheckoutSession: (item: PurchaseItem, idempotencyKey: string) =>
      safely(() => {
        const parsed = PurchaseItemSchema.safeParse(item);
        if (!parsed.success) {
          return Promise.resolve(
            fail<CheckoutSession>('invalid_request', t('errorChooseOneItem')),
          );
        }
        if (typeof idempotencyKey !== 'string' || !UUID.test(idempotencyKey)) {
          return Promise.resolve(
            fail<CheckoutSession>('invalid_request', t('errorPurchaseNotStarted')),
          );
        }
        return request(
          {
            method: 'POST',
            path: '/v1/billing/checkout-sessions',
            body: parsed.data,
            headers: { 'Idempotency-Key': idempotencyKey },
          },
          CheckoutSessionSchema,
        );
      }),
    createPortalSession: () =>
      safely(() => request({ method: 'POST', path: '/v1/billing/portal-sessions', body: {} }, PortalSessionSchema)),
  };
}
