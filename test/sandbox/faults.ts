/**
 * Scriptable faults for the billing API: what a flaky network, a proxy or an overloaded
 * Deskflow can do to a response. Set per endpoint (or '*') over HTTP or from a test.
 */
import { z } from 'zod';

export const ENDPOINTS = ['summary', 'catalog', 'usage', 'me', 'checkout', 'portal'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];
export type FaultTarget = Endpoint | '*';

export const FaultSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('status'),
    status: z.number().int().min(200).max(599),
    /** JSON value to send; a string is sent as is ('' = empty body). Default: the error body. */
    body: z.unknown().optional(),
    /** Retry-After header: seconds or an HTTP date. */
    retryAfter: z.union([z.number().int().nonnegative(), z.string()]).optional(),
    contentType: z.string().optional(),
  }),
  /** Waits, then answers normally. */
  z.object({ type: z.literal('latency'), ms: z.number().int().nonnegative().max(600_000) }),
  /** Never answers (until the client gives up or the sandbox closes). */
  z.object({ type: z.literal('hang') }),
  /** 200 with a body that is not JSON. */
  z.object({ type: z.literal('malformed') }),
  /** 200 with the real JSON cut in half. */
  z.object({ type: z.literal('truncated') }),
  /** A reverse proxy's 502 HTML page. */
  z.object({ type: z.literal('html') }),
  /** An empty body with the given status (default 502). */
  z.object({ type: z.literal('empty'), status: z.number().int().min(200).max(599).optional() }),
  /** The connection is reset before any response. */
  z.object({ type: z.literal('reset') }),
]);
export type FaultSpec = z.infer<typeof FaultSchema>;
/** A fault, optionally only for the next `times` matching requests. */
export type Fault = FaultSpec & { times?: number };

export const FaultTargetSchema = z.enum([...ENDPOINTS, '*']);

export const SetFaultBodySchema = z.object({
  endpoint: FaultTargetSchema,
  fault: FaultSchema.and(z.object({ times: z.number().int().positive().optional() })).nullable(),
});

const ERROR_CODES: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'request_timeout',
  409: 'idempotency_conflict',
  429: 'rate_limited',
};

export function errorCodeFor(status: number): string {
  return ERROR_CODES[status] ?? (status >= 500 ? 'server_error' : 'error');
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

const REASONS: Record<number, string> = {
  408: 'Request timed out.',
  429: 'Too many requests, retry later.',
  500: 'Something went wrong on our side.',
  502: 'Bad gateway.',
  503: 'Service temporarily unavailable.',
  504: 'Gateway timeout.',
};

/** The response of a `status` fault. */
export function statusFaultResponse(fault: Extract<FaultSpec, { type: 'status' }>): Response {
  const headers = new Headers();
  if (fault.retryAfter !== undefined) headers.set('retry-after', String(fault.retryAfter));
  let text: string;
  if (typeof fault.body === 'string') {
    text = fault.body;
  } else if (fault.body !== undefined) {
    text = JSON.stringify(fault.body);
  } else if (fault.status >= 400) {
    const message =
      fault.status === 429 && typeof fault.retryAfter === 'number'
        ? `Too many requests, retry in ${fault.retryAfter} s.`
        : (REASONS[fault.status] ?? `Sandbox fault ${fault.status}.`);
    text = JSON.stringify(errorBody(errorCodeFor(fault.status), message));
  } else {
    text = '{}';
  }
  if (text !== '') headers.set('content-type', fault.contentType ?? 'application/json');
  return new Response(text === '' ? null : text, { status: fault.status, headers });
}

export const PROXY_502_HTML = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.25.3</center>
</body>
</html>
`;

export const MALFORMED_JSON = '{"credits": {remaining: 412,}, "asOf": 2026-11-26}';
