// @vitest-environment node
import { lookup } from 'node:dns/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBodySchema, CatalogSchema, CheckoutSessionSchema, MeSchema, PortalSessionSchema, SummarySchema, UsageSchema } from '../../utils/billing/schemas';
import { sandboxHarness } from '../harness';
import { SCENARIO_NAMES, type ScenarioName } from '../sandbox/server';

const sandbox = sandboxHarness();
let auth: Record<string, string>;
beforeAll(() => {
  auth = { authorization: `Bearer ${sandbox.demoKey}` };
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${sandbox.apiUrl}${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });

const checkout = (body: unknown, key: string = crypto.randomUUID(), raw?: string) =>
  api('/v1/billing/checkout-sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: raw ?? JSON.stringify(body),
  });

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = ApiErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message).not.toBe('');
}

const control = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${sandbox.apiUrl}/__sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

function firstOfNextMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().replace('.000Z', 'Z');
}

describe('sandbox server', () => {
  it('serves the API on 127.0.0.1 and the app on localhost, same port', async () => {
    expect(sandbox.apiUrl).toBe(`http://127.0.0.1:${sandbox.port}`);
    expect(sandbox.appUrl).toBe(`http://localhost:${sandbox.port}`);
    expect((await lookup('localhost', { all: true })).map((a) => a.address)).toContain('127.0.0.1');
    expect((await api('/v1/me')).status).toBe(200);
    const page = await fetch(`${sandbox.appUrl}/prospects`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('answers 401 with the error body unless the demo key is sent', async () => {
    await expectError(await fetch(`${sandbox.apiUrl}/v1/billing/summary`), 401, 'unauthorized');
    for (const key of [`dfk_${'x'.repeat(24)}`, 'dfk_short', 'nope', `${sandbox.demoKey}x`]) {
      await expectError(
        await fetch(`${sandbox.apiUrl}/v1/billing/summary`, { headers: { authorization: `Bearer ${key}` } }),
        401,
        'unauthorized',
      );
    }
    await expectError(
      await fetch(`${sandbox.apiUrl}/v1/me`, { headers: { authorization: sandbox.demoKey } }),
      401,
      'unauthorized',
    );
    await expectError(await api('/v1/unknown'), 404, 'not_found');
  });

  const expected: Record<ScenarioName, Partial<{ remaining: number; tier: string; status: string; role: string }>> = {
    basic: { remaining: 412, tier: 'basic', status: 'active', role: 'admin' },
    low: { remaining: 40, tier: 'basic' },
    zero: { remaining: 0, tier: 'basic' },
    free: { tier: 'free' },
    pro: { remaining: 12345, tier: 'pro' },
    member: { remaining: 412, role: 'member' },
    canceled: { status: 'canceled' },
    thousand: { remaining: 1234 },
  };

  it.each(SCENARIO_NAMES)('scenario %s: every response passes the API schemas', async (name) => {
    sandbox.setScenario(name);
    const summary = SummarySchema.parse(await (await api('/v1/billing/summary')).json());
    const { credits, plan, account, pricing } = summary;
    const want = expected[name];
    if (want.remaining !== undefined) expect(credits.remaining).toBe(want.remaining);
    if (want.tier) expect(plan.tier).toBe(want.tier);
    if (want.status) expect(plan.status).toBe(want.status);
    if (want.role) expect(account.role).toBe(want.role);
    expect(account.name).toBe('Acme Sales');
    expect(credits.remaining).toBe(credits.included.remaining + credits.addOn.remaining);
    expect(credits.included.remaining).toBeLessThanOrEqual(credits.included.allowance);
    expect(pricing).toMatchObject({ bulkThreshold: 50, bulkActions: { enrich: 1, export: 1 }, apiCall: 1 });
    expect(pricing.individualEnrichment).toBe(name === 'free' ? 'credits' : 'unlimited');

    CatalogSchema.parse(await (await api('/v1/billing/catalog')).json());
    MeSchema.parse(await (await api('/v1/me')).json());
    for (const days of ['', '?days=1', '?days=7', '?days=90']) {
      UsageSchema.parse(await (await api(`/v1/billing/usage${days}`)).json());
    }
    const session = await checkout({ packageId: 'pkg_50' });
    const portal = await api('/v1/billing/portal-sessions', { method: 'POST', body: '{}' });
    if (name === 'member') {
      await expectError(session, 403, 'forbidden');
      await expectError(portal, 403, 'forbidden');
    } else {
      expect(session.status).toBe(201);
      CheckoutSessionSchema.parse(await session.json());
      expect(portal.status).toBe(201);
      PortalSessionSchema.parse(await portal.json());
    }
  });

  it('has the numbers and dates of the spec', async () => {
    const summary = await (await api('/v1/billing/summary')).json();
    expect(summary.credits).toEqual({
      remaining: 412,
      included: { remaining: 362, allowance: 500, resetsAt: firstOfNextMonth() },
      addOn: { remaining: 50 },
    });
    expect(summary.plan).toEqual({
      id: 'basic', name: 'Basic', tier: 'basic', status: 'active', interval: 'month', renewsAt: firstOfNextMonth(),
    });
    sandbox.setScenario('free');
    const free = await (await api('/v1/billing/summary')).json();
    expect(free.plan).toMatchObject({ name: 'Free', renewsAt: null });
    expect(free.credits.included.allowance).toBe(25);
    sandbox.setScenario('canceled');
    expect((await (await api('/v1/billing/summary')).json()).plan.renewsAt).toBeNull();

    const catalog = await (await api('/v1/billing/catalog')).json();
    expect(catalog.packages.map((p: { id: string; credits: number; price: { amount: number } }) => [p.id, p.credits, p.price.amount])).toEqual([
      ['pkg_50', 50, 2500], ['pkg_100', 100, 4500], ['pkg_250', 250, 10000], ['pkg_500', 500, 17500],
    ]);
    expect(catalog.plans.map((p: { id: string; monthlyCredits: number }) => [p.id, p.monthlyCredits])).toEqual([
      ['free', 25], ['basic', 500], ['pro', 2000],
    ]);
  });

  it('returns usage for 1..90 days ending today, oldest first, and 400 otherwise', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const usage = UsageSchema.parse(await (await api('/v1/billing/usage')).json());
    expect(usage.to).toBe(today);
    expect(usage.from).toBe(new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10));
    const dates = usage.days.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d) => d >= usage.from && d <= usage.to)).toBe(true);
    expect(usage.days.length).toBeGreaterThan(3);
    expect(usage.days.length).toBeLessThan(30); // some days are missing
    // Deterministic.
    expect(await (await api('/v1/billing/usage')).json()).toEqual(usage);
    expect(UsageSchema.parse(await (await api('/v1/billing/usage?days=90')).json()).from).toBe(
      new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10),
    );
    for (const bad of ['0', '91', '-1', '1.5', 'abc', '', '1e1']) {
      await expectError(await api(`/v1/billing/usage?days=${bad}`), 400, 'invalid_request');
    }
  });

  describe('checkout sessions', () => {
    it('validates the Idempotency-Key and the body', async () => {
      const post = (headers: Record<string, string>, body: string) =>
        api('/v1/billing/checkout-sessions', { method: 'POST', headers, body });
      await expectError(await post({}, '{"packageId":"pkg_50"}'), 400, 'invalid_request');
      await expectError(await post({ 'idempotency-key': 'not-a-uuid' }, '{"packageId":"pkg_50"}'), 400, 'invalid_request');
      await expectError(await checkout({ packageId: 'pkg_50', planId: 'pro' }), 400, 'invalid_request');
      await expectError(await checkout({}), 400, 'invalid_request');
      await expectError(await checkout({ packageId: 50 }), 400, 'invalid_request');
      await expectError(await checkout(null, undefined, '{oops'), 400, 'invalid_request');
      await expectError(await checkout({ packageId: 'pkg_7' }), 404, 'not_found');
      await expectError(await checkout({ planId: 'enterprise' }), 404, 'not_found');
      sandbox.setScenario('member');
      await expectError(await checkout({ packageId: 'pkg_50' }), 403, 'forbidden');
      expect(sandbox.sessions()).toEqual([]);
    });

    it('returns the same session for the same key and body, 409 for another body', async () => {
      const key = crypto.randomUUID();
      const first = await checkout({ packageId: 'pkg_100' }, key);
      expect(first.status).toBe(201);
      const session = CheckoutSessionSchema.parse(await first.json());
      expect(session.id).toMatch(/^cs_test_/);
      expect(session.url).toBe(`${sandbox.appUrl}/checkout/${session.id}`);
      const again = await checkout({ packageId: 'pkg_100' }, key);
      expect(again.status).toBe(201);
      expect(await again.json()).toEqual(session);
      await expectError(await checkout({ packageId: 'pkg_250' }, key), 409, 'idempotency_conflict');
      const other = CheckoutSessionSchema.parse(await (await checkout({ packageId: 'pkg_100' })).json());
      expect(other.id).not.toBe(session.id);
      expect(sandbox.sessions().map((s) => s.id)).toEqual([session.id, other.id]);
    });

    it('Pay on the checkout page grants the package credits once; Cancel grants nothing', async () => {
      const { id, url } = await (await checkout({ packageId: 'pkg_100' })).json();
      const page = await (await fetch(url)).text();
      expect(page).toContain('100 Deskflow credits');
      expect(page).toContain('$45.00');
      expect(page).toContain(`action="/checkout/${id}/pay"`);
      const paid = await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' });
      expect(paid.status).toBe(303);
      expect(await (await fetch(url)).text()).toContain('Payment complete');
      await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' });
      expect(sandbox.summary().credits).toMatchObject({ remaining: 512, addOn: { remaining: 150 } });
      expect(sandbox.sessions()[0]).toMatchObject({ id, status: 'complete' });

      const canceled = await (await checkout({ packageId: 'pkg_500' })).json();
      await fetch(`${canceled.url}/cancel`, { method: 'POST', redirect: 'manual' });
      expect(await (await fetch(canceled.url)).text()).toContain('Payment canceled');
      await fetch(`${canceled.url}/pay`, { method: 'POST', redirect: 'manual' });
      expect(sandbox.summary().credits.remaining).toBe(512);
    });

    it('Pay for a plan changes the plan as the webhook would', async () => {
      const { url } = await (await checkout({ planId: 'pro' })).json();
      expect(await (await fetch(url)).text()).toContain('Deskflow Pro');
      await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' });
      const summary = SummarySchema.parse(await (await api('/v1/billing/summary')).json());
      expect(summary.plan).toMatchObject({ id: 'pro', name: 'Pro', tier: 'pro', status: 'active', renewsAt: firstOfNextMonth() });
      expect(summary.credits).toMatchObject({ remaining: 2050, included: { remaining: 2000, allowance: 2000 } });
    });

    it('does not reflect unknown session ids into the page', async () => {
      const res = await fetch(`${sandbox.appUrl}/checkout/${encodeURIComponent('<script>alert(1)</script>')}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('<script>alert');
    });
  });

  it('creates portal sessions with a page', async () => {
    const res = await api('/v1/billing/portal-sessions', { method: 'POST', body: '{}' });
    expect(res.status).toBe(201);
    const { url } = PortalSessionSchema.parse(await res.json());
    expect(url.startsWith(`${sandbox.appUrl}/portal/`)).toBe(true);
    expect(await (await fetch(url)).text()).toContain('Customer portal');
  });

  describe('faults', () => {
    it('sends a status with the error body, and 429 with Retry-After', async () => {
      sandbox.setFault('summary', { type: 'status', status: 503 });
      await expectError(await api('/v1/billing/summary'), 503, 'server_error');
      sandbox.setFault('summary', { type: 'status', status: 429, retryAfter: 30 });
      const limited = await api('/v1/billing/summary');
      expect(limited.headers.get('retry-after')).toBe('30');
      await expectError(limited, 429, 'rate_limited');
      expect((await api('/v1/billing/catalog')).status).toBe(200);
    });

    it('resets the connection, hangs, and sends malformed, truncated, HTML and empty bodies', async () => {
      sandbox.setFault('summary', { type: 'reset' });
      await expect(api('/v1/billing/summary')).rejects.toThrow();

      sandbox.setFault('summary', { type: 'hang' });
      await expect(api('/v1/billing/summary', { signal: AbortSignal.timeout(150) })).rejects.toThrow(/timeout|aborted/i);

      sandbox.setFault('summary', { type: 'malformed' });
      let res = await api('/v1/billing/summary');
      expect(res.status).toBe(200);
      const malformed = await res.text();
      expect(() => JSON.parse(malformed)).toThrow(SyntaxError);

      sandbox.setFault('summary', { type: 'truncated' });
      res = await api('/v1/billing/summary');
      expect(res.status).toBe(200);
      const truncated = await res.text();
      expect(truncated.startsWith('{"account"')).toBe(true);
      expect(() => JSON.parse(truncated)).toThrow(SyntaxError);

      sandbox.setFault('summary', { type: 'html' });
      res = await api('/v1/billing/summary');
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toContain('502 Bad Gateway');

      sandbox.setFault('summary', { type: 'empty', status: 503 });
      res = await api('/v1/billing/summary');
      expect(res.status).toBe(503);
      expect(await res.text()).toBe('');
    });

    it('adds latency, limits a fault to a number of requests, and applies * to every endpoint', async () => {
      sandbox.setFault('me', { type: 'latency', ms: 120 });
      const start = Date.now();
      expect((await api('/v1/me')).status).toBe(200);
      expect(Date.now() - start).toBeGreaterThanOrEqual(100);

      sandbox.setFault('catalog', { type: 'status', status: 500, times: 2 });
      expect((await api('/v1/billing/catalog')).status).toBe(500);
      expect((await api('/v1/billing/catalog')).status).toBe(500);
      expect((await api('/v1/billing/catalog')).status).toBe(200);

      sandbox.setFault('*', { type: 'status', status: 502 });
      sandbox.setFault('me', { type: 'status', status: 401 });
      expect((await api('/v1/billing/usage')).status).toBe(502);
      expect((await checkout({ packageId: 'pkg_50' })).status).toBe(502);
      expect((await api('/v1/me')).status).toBe(401);
      sandbox.clearFaults();
      expect((await api('/v1/billing/usage')).status).toBe(200);
    });

    it('is scriptable over HTTP', async () => {
      let res = await control('faults', 'POST', { endpoint: 'usage', fault: { type: 'status', status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' } });
      expect(res.status).toBe(200);
      expect((await api('/v1/billing/usage')).headers.get('retry-after')).toBe('Wed, 21 Oct 2026 07:28:00 GMT');
      expect((await control('faults', 'POST', { endpoint: 'usage', fault: { type: 'nope' } })).status).toBe(400);
      expect((await control('faults', 'POST', { endpoint: 'usage', fault: null })).status).toBe(200);
      expect((await api('/v1/billing/usage')).status).toBe(200);
      await control('faults', 'POST', { endpoint: '*', fault: { type: 'html' } });
      res = await control('faults', 'DELETE');
      expect(await res.json()).toEqual({ faults: {} });
      expect((await api('/v1/me')).status).toBe(200);
    });
  });

  it('counts requests per endpoint and logs idempotency keys', async () => {
    await api('/v1/billing/summary');
    await api('/v1/billing/summary');
    await api('/v1/billing/usage?days=7');
    const key = crypto.randomUUID();
    await checkout({ packageId: 'pkg_50' }, key);
    const stats = sandbox.requests();
    expect(stats.counts).toMatchObject({ summary: 2, usage: 1, checkout: 1, catalog: 0, me: 0, portal: 0 });
    expect(stats.log.at(-1)).toMatchObject({ method: 'POST', endpoint: 'checkout', idempotencyKey: key, status: 201 });
    expect(stats.log[2]).toMatchObject({ path: '/v1/billing/usage', search: '?days=7' });
    expect((await (await control('requests')).json()).total).toBe(4);
    await control('requests', 'DELETE');
    expect(sandbox.requests().total).toBe(0);
  });

  it('switches scenarios over HTTP, resetting state', async () => {
    await checkout({ packageId: 'pkg_50' });
    const res = await control('scenario', 'POST', { name: 'pro' });
    expect(res.status).toBe(200);
    expect(sandbox.scenario()).toBe('pro');
    expect(sandbox.sessions()).toEqual([]);
    expect(sandbox.requests().total).toBe(0);
    expect((await (await api('/v1/billing/summary')).json()).credits.remaining).toBe(12345);
    expect((await control('scenario', 'POST', { name: 'enterprise' })).status).toBe(400);
  });

  it('records bulk actions from the pages and charges credits like Deskflow', async () => {
    const act = async (body: object) => (await control('actions', 'POST', body)).json();
    expect(await act({ list: 'prospects', action: 'enrich', count: 73 })).toMatchObject({ ok: true, charged: 73, remaining: 339 });
    expect(await act({ list: 'prospects', action: 'add-to-campaign', count: 73 })).toMatchObject({ ok: true, charged: 0 });
    expect(await act({ list: 'grid', action: 'export', count: 10 })).toMatchObject({ ok: true, charged: 0 });
    expect(sandbox.actions().map((a) => [a.list, a.action, a.count])).toEqual([
      ['prospects', 'enrich', 73], ['prospects', 'add-to-campaign', 73], ['grid', 'export', 10],
    ]);
    const usage = UsageSchema.parse(await (await api('/v1/billing/usage?days=1')).json());
    expect(usage.days[0]?.bulk).toBeGreaterThanOrEqual(73);

    sandbox.setScenario('low');
    expect(await act({ list: 'prospects', action: 'enrich', count: 73 })).toMatchObject({ ok: false, charged: 0, cost: 73, remaining: 40 });
    sandbox.setScenario('free');
    expect(await act({ list: 'prospects', action: 'enrich', count: 3 })).toMatchObject({ ok: true, charged: 3, remaining: 15 });
    expect((await control('actions', 'POST', { list: 'x' })).status).toBe(400);
  });

  it('adjusts credits over HTTP', async () => {
    expect(await (await control('credits', 'POST', { delta: 100 })).json()).toMatchObject({ credits: { remaining: 512 } });
    expect(await (await control('credits', 'POST', { delta: -400 })).json()).toMatchObject({
      credits: { remaining: 112, included: { remaining: 0 }, addOn: { remaining: 112 } },
    });
  });

  it('serves the app pages', async () => {
    const root = await fetch(`${sandbox.appUrl}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/prospects');
    for (const path of ['/prospects', '/lists/saved', '/two-lists', '/grid', '/settings/billing', '/settings/usage', '/settings/api-keys']) {
      const res = await fetch(`${sandbox.appUrl}${path}`);
      expect(res.status, path).toBe(200);
    }
    const connect = await (await fetch(`${sandbox.appUrl}/extension/connect`)).text();
    expect(connect).toContain('Connect the Deskflow Credits extension');
    expect(connect).toContain(`data-extension-key="${sandbox.demoKey}"`);
    expect(await (await fetch(`${sandbox.appUrl}/settings/api-keys`)).text()).toContain(sandbox.demoKey);
    for (const asset of ['lists.js', 'grid.js', 'connect.js']) {
      const res = await fetch(`${sandbox.appUrl}/assets/${asset}`);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(await res.text()).not.toMatch(/innerHTML|insertAdjacentHTML|outerHTML/);
    }
    expect((await fetch(`${sandbox.appUrl}/nowhere`)).status).toBe(404);
  });
});
