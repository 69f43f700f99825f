// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import { delay, http, HttpResponse } from 'msw';
import fc from 'fast-check';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  MAX_RETRY_AFTER_MS,
  createBillingClient,
  parseRetryAfter,
  retryDelayMs,
  type BillingClient,
  type BillingClientOptions,
} from '../../utils/billing/client';
import type { BillingError, Result } from '../../utils/billing/errors';
import { CATALOG, EXAMPLES } from '../fixtures/snapshots';

/** Tests of the billing client against msw's real HTTP interception (fetch → msw handlers). */

const API = 'https://api.deskflow.test';
const KEY = 'dfk_Zq8xT3vLm9PwR2sYk7Hn4Jc6';
const IDEMPOTENCY_KEY = '0b8e0f7c-3a4d-4b6e-9f21-5c7d8e9fa0b1';

// ---- the spec's example bodies (billing-api.md) ----

const { summary: SUMMARY, usage: USAGE, checkout: CHECKOUT, portal: PORTAL, me: ME } = EXAMPLES;

const HTML_PROXY_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>' +
  '<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

// ---- msw ----

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

type Reply = () => Response | Promise<Response>;

/**
 * Serves `replies` in order for one route (the last one repeats) and records every request.
 */
function route(method: 'get' | 'post', path: string, ...replies: Reply[]): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http[method](`${API}${path}`, async ({ request }) => {
      seen.push({
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        body: await request.text(),
      });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)]!;
      return reply();
    }),
  );
  return seen;
}

const json = (body: unknown, status = 200, headers?: Record<string, string>): Reply =>
  () => HttpResponse.json(body as object, { status, headers });
const text = (body: string, status: number, headers?: Record<string, string>): Reply =>
  () => new HttpResponse(body, { status, headers });
const apiError = (status: number, code: string, message: string, headers?: Record<string, string>): Reply =>
  json({ error: { code, message } }, status, headers);

function makeClient(over: Partial<BillingClientOptions> = {}): { client: BillingClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const client = createBillingClient({
    apiOrigin: API,
    apiKey: KEY,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    ...over,
  });
  return { client, sleeps };
}

function errorOf<T>(r: Result<T>): BillingError {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}
function valueOf<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected a value, got ${JSON.stringify(r.error)}`);
  return r.value;
}

// ---- tests ----

describe('successful responses (spec examples)', () => {
  it('getSummary sends the Bearer key and returns the summary', async () => {
    const seen = route('get', '/v1/billing/summary', json(SUMMARY));
    const { client } = makeClient();
    expect(valueOf(await client.getSummary())).toEqual(SUMMARY);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(seen[0]!.headers.get('accept')).toBe('application/json');
  });

  it('getCatalog returns the catalog', async () => {
    route('get', '/v1/billing/catalog', json(CATALOG));
    expect(valueOf(await makeClient().client.getCatalog())).toEqual(CATALOG);
  });

  it('getUsage returns the usage and passes days', async () => {
    const seen = route('get', '/v1/billing/usage', json(USAGE));
    const { client } = makeClient();
    expect(valueOf(await client.getUsage(30))).toEqual(USAGE);
    expect(seen[0]!.url.searchParams.get('days')).toBe('30');
    valueOf(await client.getUsage());
    expect(seen[1]!.url.searchParams.has('days')).toBe(false);
    valueOf(await client.getUsage(1));
    valueOf(await client.getUsage(90));
    expect(seen.map((s) => s.url.searchParams.get('days'))).toEqual(['30', null, '1', '90']);
  });

  it('getMe returns who the key belongs to', async () => {
    route('get', '/v1/me', json(ME));
    expect(valueOf(await makeClient().client.getMe())).toEqual(ME);
  });

  it('createCheckoutSession POSTs the exact body with the Idempotency-Key (201)', async () => {
    const seen = route('post', '/v1/billing/checkout-sessions', json(CHECKOUT, 201));
    const { client } = makeClient();
    expect(valueOf(await client.createCheckoutSession({ packageId: 'pkg_100' }, IDEMPOTENCY_KEY))).toEqual(CHECKOUT);
    expect(valueOf(await client.createCheckoutSession({ planId: 'pro' }, IDEMPOTENCY_KEY))).toEqual(CHECKOUT);
    expect(seen.map((s) => s.body)).toEqual(['{"packageId":"pkg_100"}', '{"planId":"pro"}']);
    for (const s of seen) {
      expect(s.method).toBe('POST');
      expect(s.headers.get('idempotency-key')).toBe(IDEMPOTENCY_KEY);
      expect(s.headers.get('content-type')).toBe('application/json');
      expect(s.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    }
  });

  it('createPortalSession POSTs {}', async () => {
    const seen = route('post', '/v1/billing/portal-sessions', json(PORTAL, 201));
    expect(valueOf(await makeClient().client.createPortalSession())).toEqual(PORTAL);
    expect(seen[0]!.body).toBe('{}');
    expect(seen[0]!.headers.get('idempotency-key')).toBeNull();
  });

  it('accepts an origin with a trailing slash', async () => {
    route('get', '/v1/me', json(ME));
    expect(valueOf(await makeClient({ apiOrigin: `${API}/` }).client.getMe())).toEqual(ME);
  });
});

describe('forward compatibility', () => {
  it('ignores unknown fields everywhere', async () => {
    route(
      'get',
      '/v1/billing/summary',
      json({
        ...SUMMARY,
        newTopLevel: { x: 1 },
        plan: { ...SUMMARY.plan, seats: 12 },
        credits: { ...SUMMARY.credits, rollover: { remaining: 3 } },
      }),
    );
    route(
      'get',
      '/v1/billing/catalog',
      json({ ...CATALOG, coupons: [], packages: CATALOG.packages.map((p) => ({ ...p, badge: 'Popular' })) }),
    );
    const { client } = makeClient();
    const summary = valueOf(await client.getSummary());
    expect(summary).toEqual(SUMMARY);
    expect(summary).not.toHaveProperty('newTopLevel');
    expect(summary.plan).not.toHaveProperty('seats');
    expect(valueOf(await client.getCatalog())).toEqual(CATALOG);
  });

  it('keeps unknown tiers, statuses, roles and usage categories', async () => {
    route(
      'get',
      '/v1/billing/summary',
      json({
        ...SUMMARY,
        account: { ...SUMMARY.account, role: 'billing_viewer' },
        plan: { ...SUMMARY.plan, tier: 'enterprise', status: 'paused', interval: 'quarter' },
        pricing: { ...SUMMARY.pricing, bulkActions: { enrich: 1, export: 1, 'ai-write': 2 }, individualEnrichment: 'metered' },
      }),
    );
    route(
      'get',
      '/v1/billing/usage',
      json({ ...USAGE, days: [{ date: '2026-11-25', bulk: 1, api: 2, ai: 3, voice: 9 }] }),
    );
    const { client } = makeClient();
    const s = valueOf(await client.getSummary());
    expect(s.plan.tier).toBe('enterprise');
    expect(s.plan.status).toBe('paused');
    expect(s.account.role).toBe('billing_viewer');
    expect(s.pricing.bulkActions['ai-write']).toBe(2);
    const u = valueOf(await client.getUsage(7));
    expect(u.days[0]).toEqual({ date: '2026-11-25', bulk: 1, api: 2, ai: 3, voice: 9 });
  });

  it('ignores a non-numeric unknown field on a usage day (it is not a category)', async () => {
    route(
      'get',
      '/v1/billing/usage',
      json({ ...USAGE, days: [{ date: '2026-11-25', bulk: 1, note: 'migrated', meta: null, tags: ['x'] }] }),
    );
    const u = valueOf(await makeClient().client.getUsage(7));
    expect(u.days[0]).toEqual({ date: '2026-11-25', bulk: 1 });
  });

  it('still rejects a negative usage count', async () => {
    route('get', '/v1/billing/usage', json({ ...USAGE, days: [{ date: '2026-11-25', bulk: -1 }] }));
    expect(errorOf(await makeClient().client.getUsage(7)).kind).toBe('invalid_response');
  });
});

describe('error statuses', () => {
  const cases = [
    { status: 400, code: 'invalid_request', kind: 'invalid_request' },
    { status: 401, code: 'unauthorized', kind: 'unauthorized' },
    { status: 403, code: 'forbidden', kind: 'forbidden' },
    { status: 404, code: 'not_found', kind: 'not_found' },
    { status: 409, code: 'idempotency_conflict', kind: 'conflict' },
    { status: 422, code: 'unprocessable', kind: 'invalid_request' },
  ] as const;

  for (const c of cases) {
    it(`${c.status} → ${c.kind}, with the API's message, never retried`, async () => {
      const seen = route('get', '/v1/billing/summary', apiError(c.status, c.code, `Server says ${c.status}.`));
      const { client, sleeps } = makeClient();
      const e = errorOf(await client.getSummary());
      expect(e).toEqual({ kind: c.kind, message: `Server says ${c.status}.` });
      expect(seen).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    it(`${c.status} with an empty body → ${c.kind} with a generic message`, async () => {
      route('get', '/v1/billing/summary', text('', c.status));
      const e = errorOf(await makeClient().client.getSummary());
      expect(e.kind).toBe(c.kind);
      expect(e.message.length).toBeGreaterThan(10);
    });
  }

  it('401 says to sign in again', async () => {
    route('get', '/v1/me', text('Unauthorized', 401, { 'content-type': 'text/plain' }));
    expect(errorOf(await makeClient().client.getMe())).toEqual({
      kind: 'unauthorized',
      message: 'Your API key was refused. Sign in again.',
    });
  });

  it('403 on checkout (a member) → forbidden, not retried', async () => {
    const seen = route(
      'post',
      '/v1/billing/checkout-sessions',
      apiError(403, 'forbidden', 'Only billing admins can buy credits.'),
    );
    const e = errorOf(await makeClient().client.createCheckoutSession({ packageId: 'pkg_50' }, IDEMPOTENCY_KEY));
    expect(e).toEqual({ kind: 'forbidden', message: 'Only billing admins can buy credits.' });
    expect(seen).toHaveLength(1);
  });

  it('500 three times → server error after exactly 3 requests', async () => {
    const seen = route('get', '/v1/billing/summary', apiError(500, 'server_error', 'Internal error.'));
    const { client, sleeps } = makeClient();
    expect(errorOf(await client.getSummary())).toEqual({ kind: 'server', status: 500, message: 'Internal error.' });
    expect(seen).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('502 HTML proxy page → server error with a generic message (no HTML)', async () => {
    route('get', '/v1/billing/summary', text(HTML_PROXY_PAGE, 502, { 'content-type': 'text/html' }));
    const e = errorOf(await makeClient().client.getSummary());
    expect(e).toEqual({
      kind: 'server',
      status: 502,
      message: 'Deskflow is having trouble right now (error 502). Please try again in a few minutes.',
    });
  });

  it('503 with an empty body and 408 → server errors with their status', async () => {
    route('get', '/v1/billing/summary', text('', 503));
    route('get', '/v1/billing/catalog', text('', 408));
    const { client } = makeClient();
    expect(errorOf(await client.getSummary())).toMatchObject({ kind: 'server', status: 503 });
    expect(errorOf(await client.getCatalog())).toMatchObject({ kind: 'server', status: 408 });
  });

  it('an error body that is JSON but not the error format → generic message', async () => {
    route('get', '/v1/billing/summary', json({ message: 'nope' }, 404));
    route('get', '/v1/billing/catalog', json({ error: { code: 'x', message: '   ' } }, 404));
    const { client } = makeClient();
    expect(errorOf(await client.getSummary())).toEqual({
      kind: 'not_found',
      message: 'Deskflow could not find that package or plan.',
    });
    expect(errorOf(await client.getCatalog()).message).toBe('Deskflow could not find that package or plan.');
  });

  it("truncates the API's message to 1,000 characters (billing-api.md \"Sizes\")", async () => {
    route('get', '/v1/billing/summary', apiError(400, 'invalid_request', 'x'.repeat(5000)));
    const e = errorOf(await makeClient().client.getSummary());
    expect(Array.from(e.message)).toHaveLength(1000);
    expect(e.message.endsWith('…')).toBe(true);
  });

  it('flattens control characters in the API message', async () => {
    route('get', '/v1/billing/summary', apiError(400, 'invalid_request', 'Bad\r\n\tthing\u0000here'));
    expect(errorOf(await makeClient().client.getSummary()).message).toBe('Bad thing here');
  });
});

describe('invalid 2xx responses', () => {
  const bad: Array<[string, Reply]> = [
    ['malformed JSON', text('{"account": {', 200, { 'content-type': 'application/json' })],
    ['an empty body', text('', 200)],
    ['a 204', () => new HttpResponse(null, { status: 204 })],
    ['an HTML page (captive portal)', text('<html><body>Log in to Wi-Fi</body></html>', 200, { 'content-type': 'text/html' })],
    ['negative remaining', json({ ...SUMMARY, credits: { ...SUMMARY.credits, remaining: -5 } })],
    ['missing credits', json({ ...SUMMARY, credits: undefined })],
    ['a string for a number', json({ ...SUMMARY, credits: { ...SUMMARY.credits, remaining: '412' } })],
    ['a bad timestamp', json({ ...SUMMARY, asOf: 'yesterday' })],
    ['JSON null', json(null)],
    ['a JSON array', json([SUMMARY])],
  ];
  for (const [name, reply] of bad) {
    it(`${name} → invalid_response, not retried`, async () => {
      const seen = route('get', '/v1/billing/summary', reply);
      const e = errorOf(await makeClient().client.getSummary());
      expect(e).toEqual({ kind: 'invalid_response', message: "Deskflow sent a response the extension doesn't understand." });
      expect(seen).toHaveLength(1);
    });
  }

  it('a checkout session without a url → invalid_response', async () => {
    route('post', '/v1/billing/checkout-sessions', json({ id: 'cs_1' }, 201));
    const e = errorOf(await makeClient().client.createCheckoutSession({ packageId: 'pkg_50' }, IDEMPOTENCY_KEY));
    expect(e.kind).toBe('invalid_response');
  });
});

describe('network failures and timeouts', () => {
  it('a network error → network, retried up to 3 tries', async () => {
    const seen = route('get', '/v1/billing/summary', () => HttpResponse.error());
    const { client, sleeps } = makeClient();
    expect(errorOf(await client.getSummary())).toEqual({
      kind: 'network',
      message: "Can't reach Deskflow. Check your connection.",
    });
    expect(seen).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('a network error then success → ok', async () => {
    route('get', '/v1/me', () => HttpResponse.error(), json(ME));
    expect(valueOf(await makeClient().client.getMe())).toEqual(ME);
  });

  it('a server that never answers → timeout after timeoutMs, per try', async () => {
    const seen = route('get', '/v1/billing/summary', async () => {
      await delay('infinite');
      return HttpResponse.json(SUMMARY);
    });
    const { client, sleeps } = makeClient({ timeoutMs: 30 });
    const started = Date.now();
    const e = errorOf(await client.getSummary());
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('Deskflow did not answer within 30 milliseconds.');
    expect(seen).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('the default timeout is 10 seconds per try, and its message says so', async () => {
    // Fake timers cannot drive msw's real HTTP layer, so this one test uses a fetch that never
    // settles (not even when aborted): the client's own timer must still end the try.
    const client = createBillingClient({
      apiOrigin: API,
      apiKey: KEY,
      maxTries: 1,
      fetch: () => new Promise<Response>(() => undefined),
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let settled = false;
      const pending = client.getMe().finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(9_999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(errorOf(await pending)).toEqual({ kind: 'timeout', message: 'Deskflow did not answer within 10 seconds.' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('headers arrive but the body stalls → timeout', async () => {
    route('get', '/v1/billing/summary', () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"account":'));
          // never closed
        },
      });
      return new HttpResponse(stream, { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const e = errorOf(await makeClient({ timeoutMs: 40, maxTries: 1 }).client.getSummary());
    expect(e.kind).toBe('timeout');
  });

  it('a slow answer within the timeout is fine', async () => {
    route('get', '/v1/me', async () => {
      await delay(20);
      return HttpResponse.json(ME);
    });
    expect(valueOf(await makeClient({ timeoutMs: 1_000 }).client.getMe())).toEqual(ME);
  });
});

describe('retries', () => {
  it('500, 500, 200 → ok after 3 tries, with jittered backoff sleeps', async () => {
    const seen = route('get', '/v1/billing/summary', text('', 500), text('', 500), json(SUMMARY));
    const { client, sleeps } = makeClient({ random: () => 0.5 });
    expect(valueOf(await client.getSummary())).toEqual(SUMMARY);
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([0.5 * 500, 0.5 * 1000]);
  });

  it('408 and 429 without Retry-After are retried with backoff', async () => {
    const a = route('get', '/v1/billing/summary', text('', 408), json(SUMMARY));
    const b = route('get', '/v1/billing/catalog', text('', 429), json(CATALOG));
    const { client, sleeps } = makeClient({ random: () => 1 });
    valueOf(await client.getSummary());
    valueOf(await client.getCatalog());
    expect(a).toHaveLength(2);
    expect(b).toHaveLength(2);
    expect(sleeps).toEqual([500, 500]);
  });

  it('401 is never retried', async () => {
    const seen = route('get', '/v1/billing/summary', apiError(401, 'unauthorized', 'Key revoked.'));
    const { client, sleeps } = makeClient();
    expect(errorOf(await client.getSummary()).kind).toBe('unauthorized');
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('POST checkout is never retried (500, 429, network error, timeout)', async () => {
    const replies: Array<[string, Reply]> = [
      ['server', text('', 500)],
      ['rate_limited', apiError(429, 'rate_limited', 'Slow down.', { 'retry-after': '1' })],
      ['network', () => HttpResponse.error()],
      [
        'timeout',
        async () => {
          await delay('infinite');
          return HttpResponse.json(CHECKOUT, { status: 201 });
        },
      ],
    ];
    for (const [kind, reply] of replies) {
      server.resetHandlers();
      const seen = route('post', '/v1/billing/checkout-sessions', reply);
      const { client, sleeps } = makeClient({ timeoutMs: 30 });
      const e = errorOf(await client.createCheckoutSession({ packageId: 'pkg_100' }, IDEMPOTENCY_KEY));
      expect(e.kind).toBe(kind);
      expect(seen).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
  });

  it('POST portal is never retried', async () => {
    const seen = route('post', '/v1/billing/portal-sessions', text('', 503));
    expect(errorOf(await makeClient().client.createPortalSession())).toMatchObject({ kind: 'server', status: 503 });
    expect(seen).toHaveLength(1);
  });

  it('maxTries is honoured', async () => {
    const seen = route('get', '/v1/me', text('', 500));
    const { client, sleeps } = makeClient({ maxTries: 1 });
    expect(errorOf(await client.getMe()).kind).toBe('server');
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('jitter stays within [0, min(cap, base·2^attempt)] through the client', async () => {
    for (const r of [0, 0.999999]) {
      server.resetHandlers();
      route('get', '/v1/me', text('', 500));
      const { client, sleeps } = makeClient({ random: () => r });
      await client.getMe();
      expect(sleeps).toHaveLength(2);
      expect(sleeps[0]).toBeGreaterThanOrEqual(0);
      expect(sleeps[0]).toBeLessThanOrEqual(500);
      expect(sleeps[1]).toBeGreaterThanOrEqual(0);
      expect(sleeps[1]).toBeLessThanOrEqual(1000);
      if (r === 0) expect(sleeps).toEqual([0, 0]);
    }
  });
});

describe('Retry-After', () => {
  it('429 with Retry-After in seconds (short) → sleeps exactly that, then retries', async () => {
    const seen = route(
      'get',
      '/v1/billing/summary',
      apiError(429, 'rate_limited', 'Too many requests, retry in 5 s.', { 'retry-after': '5' }),
      json(SUMMARY),
    );
    const { client, sleeps } = makeClient();
    valueOf(await client.getSummary());
    expect(seen).toHaveLength(2);
    expect(sleeps).toEqual([5_000]);
  });

  it('429 with Retry-After in seconds (long) → rate_limited with retryAfterMs, no sleep, one request', async () => {
    const seen = route(
      'get',
      '/v1/billing/summary',
      apiError(429, 'rate_limited', 'Too many requests, retry in 120 s.', { 'retry-after': '120' }),
    );
    const { client, sleeps } = makeClient();
    expect(errorOf(await client.getSummary())).toEqual({
      kind: 'rate_limited',
      message: 'Too many requests, retry in 120 s.',
      retryAfterMs: 120_000,
    });
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('429 with an HTTP-date Retry-After (relative to the injected clock)', async () => {
    const now = Date.UTC(2026, 10, 26, 4, 0, 0);
    route('get', '/v1/billing/summary', text('', 429, { 'retry-after': 'Thu, 26 Nov 2026 04:00:20 GMT' }), json(SUMMARY));
    route('get', '/v1/billing/catalog', text('', 429, { 'retry-after': 'Thu, 26 Nov 2026 04:05:00 GMT' }));
    const { client, sleeps } = makeClient({ now: () => now });
    valueOf(await client.getSummary());
    expect(sleeps).toEqual([20_000]);
    expect(errorOf(await client.getCatalog())).toEqual({
      kind: 'rate_limited',
      message: 'Deskflow is receiving too many requests. Please wait a moment and try again.',
      retryAfterMs: 300_000,
    });
  });

  it("an HTTP-date Retry-After is measured against the response's Date header when present", async () => {
    // The extension's clock is an hour off; the server's Date header is authoritative.
    route(
      'get',
      '/v1/billing/summary',
      text('', 429, { date: 'Thu, 26 Nov 2026 04:00:00 GMT', 'retry-after': 'Thu, 26 Nov 2026 04:00:10 GMT' }),
      json(SUMMARY),
    );
    const { client, sleeps } = makeClient({ now: () => Date.UTC(2026, 10, 26, 5, 0, 0) });
    valueOf(await client.getSummary());
    expect(sleeps).toEqual([10_000]);
  });

  it('Retry-After is capped at 15 minutes', async () => {
    route('get', '/v1/billing/summary', text('', 429, { 'retry-after': '86400' }));
    route('get', '/v1/billing/catalog', text('', 429, { 'retry-after': 'Fri, 01 Jan 2100 00:00:00 GMT' }));
    const { client, sleeps } = makeClient();
    expect(errorOf(await client.getSummary())).toMatchObject({ kind: 'rate_limited', retryAfterMs: MAX_RETRY_AFTER_MS });
    expect(errorOf(await client.getCatalog())).toMatchObject({ kind: 'rate_limited', retryAfterMs: MAX_RETRY_AFTER_MS });
    expect(sleeps).toEqual([]);
  });

  it('429 without (or with garbage) Retry-After → retried with backoff, then retryAfterMs defaults to 60 s', async () => {
    const a = route('get', '/v1/billing/summary', text('', 429));
    const b = route('get', '/v1/billing/catalog', text('', 429, { 'retry-after': 'soon' }));
    const { client, sleeps } = makeClient();
    expect(errorOf(await client.getSummary())).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
    expect(errorOf(await client.getCatalog())).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(3);
    expect(sleeps).toEqual([250, 500, 250, 500]);
  });

  it('a 429 on every try keeps the last Retry-After in the error', async () => {
    const seen = route('get', '/v1/me', text('', 429, { 'retry-after': '2' }));
    const { client, sleeps } = makeClient();
    expect(errorOf(await client.getMe())).toMatchObject({ kind: 'rate_limited', retryAfterMs: 2_000 });
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([2_000, 2_000]);
  });

  it('503 with a short Retry-After is honoured; a long one is returned to the caller', async () => {
    const a = route('get', '/v1/billing/summary', text('', 503, { 'retry-after': '3' }), json(SUMMARY));
    const b = route('get', '/v1/billing/catalog', text('', 503, { 'retry-after': '600' }));
    const { client, sleeps } = makeClient();
    valueOf(await client.getSummary());
    expect(a).toHaveLength(2);
    expect(sleeps).toEqual([3_000]);
    expect(errorOf(await client.getCatalog())).toMatchObject({ kind: 'server', status: 503, retryAfterMs: 600_000 });
    expect(b).toHaveLength(1);
  });

  it('POST 429 → rate_limited with retryAfterMs, not retried', async () => {
    route('post', '/v1/billing/checkout-sessions', text('', 429, { 'retry-after': '7' }));
    const e = errorOf(await makeClient().client.createCheckoutSession({ planId: 'pro' }, IDEMPOTENCY_KEY));
    expect(e).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7_000 });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(1994, 10, 6, 8, 49, 0); // Sun, 06 Nov 1994 08:49:00 GMT

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('900', now)).toBe(900_000);
    expect(parseRetryAfter('901', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('99999999999999999999999', now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('reads the three HTTP-date formats', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(37_000);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(37_000);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', now)).toBe(37_000);
  });

  it('treats a past date as now, and caps a far one', () => {
    expect(parseRetryAfter('Sat, 05 Nov 1994 08:49:37 GMT', now)).toBe(0);
    expect(parseRetryAfter('Mon, 07 Nov 1994 08:49:37 GMT', now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('returns undefined for missing, negative or garbage values', () => {
    for (const v of [
      null, '', '   ', '-1', '-0.5', '1.5', '1e3', '0x10', '+5', 'soon', 'Infinity', 'NaN',
      '2026-11-26T04:00:00Z', 'Sun, 31 Feb 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 25:00:00 GMT',
      'Sun, 06 Nov 1994 08:49:37 PST', 'Sun, 06 Foo 1994 08:49:37 GMT', '30 seconds',
    ]) {
      expect(parseRetryAfter(v, now), String(v)).toBeUndefined();
    }
  });

  it('never returns a negative, non-finite or over-cap delay (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 4_102_444_800_000 }), (v, t) => {
        const ms = parseRetryAfter(v, t);
        return ms === undefined || (Number.isFinite(ms) && ms >= 0 && ms <= MAX_RETRY_AFTER_MS);
      }),
    );
    fc.assert(
      fc.property(fc.nat(), (s) => parseRetryAfter(String(s), now) === Math.min(s * 1000, MAX_RETRY_AFTER_MS)),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (s) => {
        const header = new Date(now + s * 1000).toUTCString();
        return parseRetryAfter(header, now) === Math.min(s * 1000, MAX_RETRY_AFTER_MS);
      }),
    );
  });
});

describe('retryDelayMs (full jitter)', () => {
  it('is random() × min(cap, base·2^attempt)', () => {
    expect(retryDelayMs(0, () => 1)).toBe(500);
    expect(retryDelayMs(1, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, () => 1)).toBe(4_000);
    expect(retryDelayMs(4, () => 1)).toBe(8_000);
    expect(retryDelayMs(30, () => 1)).toBe(8_000);
    expect(retryDelayMs(5000, () => 1)).toBe(8_000);
    expect(retryDelayMs(2, () => 0.25)).toBe(500);
    expect(retryDelayMs(2, () => 0)).toBe(0);
  });

  it('stays within bounds for any attempt and random value (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const d = retryDelayMs(attempt, () => r);
        return d >= 0 && d <= Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
      }),
    );
  });

  it('clamps a misbehaving random()', () => {
    expect(retryDelayMs(0, () => Number.NaN)).toBe(0);
    expect(retryDelayMs(0, () => -3)).toBe(0);
    expect(retryDelayMs(0, () => 7)).toBe(500);
    expect(retryDelayMs(-2, () => 1)).toBe(500);
  });
});

describe('client-side validation (no request is made)', () => {
  it('rejects invalid usage periods', async () => {
    const seen = route('get', '/v1/billing/usage', json(USAGE));
    const { client } = makeClient();
    for (const days of [0, -1, 91, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(errorOf(await client.getUsage(days))).toEqual({
        kind: 'invalid_request',
        message: 'The usage period must be from 1 to 90 days.',
      });
    }
    expect(seen).toHaveLength(0);
  });

  it('rejects a purchase that is not exactly one package or plan, or a bad idempotency key', async () => {
    const seen = route('post', '/v1/billing/checkout-sessions', json(CHECKOUT, 201));
    const { client } = makeClient();
    const badItems = [{}, { packageId: '' }, { packageId: 'pkg_50', planId: 'pro' }, { packageId: 50 }, null];
    for (const item of badItems) {
      const e = errorOf(await client.createCheckoutSession(item as never, IDEMPOTENCY_KEY));
      expect(e.kind).toBe('invalid_request');
    }
    for (const key of ['', 'not-a-uuid', `${IDEMPOTENCY_KEY}\n`, `${IDEMPOTENCY_KEY}x`]) {
      expect(errorOf(await client.createCheckoutSession({ packageId: 'pkg_50' }, key)).kind).toBe('invalid_request');
    }
    expect(seen).toHaveLength(0);
  });

  it('refuses an invalid API origin', async () => {
    for (const apiOrigin of ['', 'not a url', 'ftp://api.deskflow.test', 'javascript:alert(1)']) {
      const e = errorOf(await makeClient({ apiOrigin }).client.getSummary());
      expect(e.kind).toBe('invalid_request');
    }
  });

  it('treats a missing or unusable API key as unauthorized without sending it', async () => {
    const seen = route('get', '/v1/me', json(ME));
    for (const apiKey of ['', 'dfk_abc def', 'dfk_abc\r\nX-Evil: 1', 'dfk_ünïcode']) {
      const e = errorOf(await makeClient({ apiKey }).client.getMe());
      expect(e).toEqual({ kind: 'unauthorized', message: 'Your API key was refused. Sign in again.' });
    }
    expect(seen).toHaveLength(0);
  });
});

describe('no exception escapes', () => {
  it('a fetch that throws synchronously → network error', async () => {
    const client = createBillingClient({
      apiOrigin: API,
      apiKey: KEY,
      maxTries: 1,
      fetch: () => {
        throw new TypeError(`boom ${KEY}`);
      },
    });
    expect(errorOf(await client.getSummary())).toEqual({
      kind: 'network',
      message: "Can't reach Deskflow. Check your connection.",
    });
  });

  it('a sleep that rejects or a random that throws → the error so far, not an exception', async () => {
    route('get', '/v1/me', text('', 500));
    const a = createBillingClient({ apiOrigin: API, apiKey: KEY, sleep: () => Promise.reject(new Error('x')) });
    expect(errorOf(await a.getMe())).toMatchObject({ kind: 'server', status: 500 });
    const b = createBillingClient({
      apiOrigin: API,
      apiKey: KEY,
      sleep: () => Promise.resolve(),
      random: () => {
        throw new Error('x');
      },
    });
    expect(errorOf(await b.getMe()).kind).toBe('network');
  });

  it('any status and any body → a Result with a known kind (property, real HTTP)', async () => {
    const kinds = new Set(['invalid_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'server', 'network', 'timeout', 'invalid_response']);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        fc.oneof(fc.string(), fc.json(), fc.constant(HTML_PROXY_PAGE), fc.constant('')),
        fc.option(fc.string(), { nil: undefined }),
        async (status, body, retryAfter) => {
          server.resetHandlers();
          const noBody = status === 204 || status === 205 || status === 304;
          route('get', '/v1/billing/summary', () =>
            new HttpResponse(noBody ? null : body, {
              status,
              headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter.replace(/[^\x20-\x7e]/g, '') },
            }),
          );
          const r = await makeClient().client.getSummary();
          if (r.ok) return status >= 200 && status < 300;
          return kinds.has(r.error.kind) && !r.error.message.includes(KEY) && Array.from(r.error.message).length <= 200;
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the API key never appears in an error message', () => {
  const replies: Reply[] = [
    apiError(400, 'invalid_request', `Bad header: Bearer ${KEY}`),
    apiError(401, 'unauthorized', `Key ${KEY} is revoked.`),
    apiError(403, 'forbidden', `The key ${KEY.slice(0, 20)} is a member key.`),
    apiError(429, 'rate_limited', `Slow down, ${KEY}`, { 'retry-after': '60' }),
    apiError(500, 'server_error', `Traceback: auth=${KEY}`),
    apiError(401, 'unauthorized', 'Another key dfk_AAAAAAAAAAAAAAAAAAAAAAAAAAAA was used.'),
    text(`<html>${KEY}</html>`, 502),
    text(`{"leak":"${KEY}"`, 200),
    json({ ...SUMMARY, credits: KEY }),
    () => HttpResponse.error(),
  ];
  for (const [i, reply] of replies.entries()) {
    it(`case ${i}`, async () => {
      route('get', '/v1/billing/summary', reply);
      const e = errorOf(await makeClient().client.getSummary());
      expect(e.message).not.toContain(KEY);
      expect(e.message).not.toMatch(/dfk_/);
      expect(JSON.stringify(e)).not.toContain(KEY);
    });
  }
});
