// @vitest-environment node
/**
 * Adversarial: the background under bad answers, outages and old browsers (issue 14). Oversized
 * strings and bodies from the API, a checkout watch during an outage, a corrupted snapshot, a
 * tab that cannot open, http: and redirecting API origins, an API origin switched under a
 * running watch, the storage access level, extra sites with partial permissions and ports.
 * fakeBrowser for the browser, the sandbox (and small local servers) for the network.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkOrigin } from '@/components/options/access';
import wxtConfig from '../../wxt.config';
import { RETRY_ALARM } from '@/utils/background/refresher';
import { createBillingClient } from '@/utils/billing/client';
import { buildConfig, buildConfigFrom } from '@/utils/config';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { isPurchasePending, type Snapshot } from '@/utils/snapshot';
import { apiKeyItem, purchaseAttemptItem, settingsItem, snapshotItem } from '@/utils/storage';
import { backgroundHarness, EXTENSION_PAGE, MINUTE } from '../harness';
import type { Sandbox } from '../sandbox/server';
import { reliabilityReport } from './report';

const report = reliabilityReport('Bad answers, outages, old browsers', 'adversarial-background.test.ts', 5);

const { sandbox, clock, background, signedInQuietly, snapshot } = backgroundHarness({ skipBackoff: true });
async function signedIn(bg = background()) {
  await signedInQuietly(bg);
  expect((await snapshot()).summary?.credits.remaining).toBe(412);
  return bg;
}
const chars = (s: string | undefined) => Array.from(s ?? '').length;

/** A local HTTP server that records each request's headers and answers with `reply`. */
async function recorder(reply: (url: string) => { status: number; headers?: Record<string, string>; body?: string }) {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const r = reply(req.url ?? '');
    res.writeHead(r.status, r.headers);
    res.end(r.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return { origin, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Runs `fn` as a production build (no loopback origins): unit tests run as a development build. */
async function asProduction<T>(fn: () => Promise<T> | T): Promise<T> {
  const was = buildConfig.development;
  buildConfig.development = false;
  try {
    return await fn();
  } finally {
    buildConfig.development = was;
  }
}

// ---- sizes (billing-api.md "Sizes") ----------------------------------------------------------

describe('sizes: strings and bodies from the API are capped before they are stored or shown', () => {
  report.check('names over 200 characters (account, plan, plan offers) are stored cut to 200, ending "…"', async (t) => {
    const bg = await signedIn();
    const long = (c: string) => c.repeat(300);
    const summary = sandbox.summary();
    sandbox.setFault('summary', {
      type: 'status',
      status: 200,
      body: { ...summary, account: { ...summary.account, name: long('A') }, plan: { ...summary.plan, name: `${long('P')}😀` } },
    });
    clock.now += 2 * 60 * MINUTE; // the catalog is re-read too
    const catalog = await (await fetch(`${sandbox.apiUrl}/v1/billing/catalog`, { headers: { authorization: `Bearer ${sandbox.demoKey}` } })).json();
    sandbox.setFault('catalog', {
      type: 'status',
      status: 200,
      body: { ...catalog, plans: catalog.plans.map((p: { name: string }) => ({ ...p, name: long('N') })) },
    });
    await bg.refresher.refresh('user');
    const s = await snapshot();
    for (const name of [s.summary?.account.name, s.summary?.plan.name, ...(s.catalog?.plans ?? []).map((p) => p.name)]) {
      expect(chars(name)).toBe(200);
      expect(name?.endsWith('…')).toBe(true);
    }
    expect(s.catalog?.plans).toHaveLength(3);
    t.add({ cases: 5, badInputs: 5 });
  });

  report.check('a 10 MB account name: the body over 1 MB is an error, the last good data is kept and the reason shown', async (t) => {
    const bg = await signedIn();
    const summary = sandbox.summary();
    sandbox.setFault('summary', {
      type: 'status',
      status: 200,
      body: { ...summary, account: { ...summary.account, name: 'x'.repeat(10 * 1024 * 1024) } },
    });
    clock.now += MINUTE;
    await bg.refresher.refresh('user');
    const s = await snapshot();
    expect(s.summary?.account.name.slice(0, 20)).toBe('Acme Sales');
    expect(s.lastError).toMatchObject({ kind: 'invalid_response' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null)).length).toBeLessThan(100_000);
    expect(sandbox.requests().counts.summary).toBe(1); // not retried
    t.add({ cases: 1, badInputs: 1 });
  });

  report.check('API error messages: 1,000 characters kept whole, 1,500 cut to 1,000 ending "…"', async (t) => {
    const bg = await signedIn();
    for (const [length, expected] of [
      [1_000, 1_000],
      [1_500, 1_000],
    ]) {
      sandbox.setFault('summary', {
        type: 'status',
        status: 503,
        body: { error: { code: 'server_error', message: 'm'.repeat(length!) } },
        times: 3,
      });
      clock.now += 10 * MINUTE;
      await bg.refresher.refresh('user');
      const message = (await snapshot()).lastError?.message;
      expect(chars(message)).toBe(expected);
      expect(message?.endsWith('…')).toBe(length! > 1_000);
      t.add({ cases: 1, badInputs: 1 });
    }
  });
});

// ---- http: API origins and redirects ---------------------------------------------------------

describe('the key travels only over https, and only to the API origin', () => {
  report.check('a production build refuses an http: API origin: at build time, in the options page, in saveSettings and in the client (nothing sent)', async (t) => {
    expect(() => buildConfigFrom({ WXT_DESKFLOW_API_URL: 'http://api.deskflow.app' })).toThrow(/WXT_DESKFLOW_API_URL.*https/);
    expect(buildConfigFrom({ WXT_DESKFLOW_API_URL: 'http://127.0.0.1:4010' }).development).toBe(true); // the sandbox
    await asProduction(async () => {
      expect(checkOrigin('http://api.staging.deskflow.test', 'apiOrigin')).toEqual({
        ok: false,
        message: expect.stringMatching(/^"http:\/\/api\.staging\.deskflow\.test" is not a secure address/),
      });
      expect(checkOrigin('https://api.staging.deskflow.test', 'apiOrigin')).toEqual({ ok: true, origin: 'https://api.staging.deskflow.test' });
      expect(checkOrigin('http://crm.example.com', 'site')).toMatchObject({ ok: true }); // only the API carries the key

      const bg = background();
      const answer = await bg.handleMessage(
        { type: 'saveSettings', settings: { ...DEFAULT_SETTINGS, apiOrigin: 'http://api.staging.deskflow.test' } },
        EXTENSION_PAGE,
      );
      expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_settings', message: expect.stringContaining('https://') } });
      expect((await settingsItem.getValue()).apiOrigin).toBe(sandbox.apiUrl);

      const fetch = vi.fn(globalThis.fetch);
      const client = createBillingClient({ apiOrigin: 'http://api.staging.deskflow.test', apiKey: sandbox.demoKey, fetch });
      expect(await client.getSummary()).toMatchObject({ ok: false, error: { message: expect.stringContaining('https://') } });
      expect(fetch).not.toHaveBeenCalled();
    });
    // A development build (loopback origins) still talks to its sandbox over http.
    expect(checkOrigin('http://127.0.0.1:4010', 'apiOrigin')).toMatchObject({ ok: true });
    t.add({ cases: 7, hostileUrls: 4 });
  });

  report.check('an API origin that redirects to another origin: not followed, the key never reaches the other origin, the user told', async (t) => {
    for (const status of [301, 302, 307, 308]) {
      fakeBrowser.reset();
      sandbox.resetRequests();
      const redirector = await recorder((url) => ({ status, headers: { location: `${sandbox.apiUrl}${url}` } }));
      try {
        await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiOrigin: redirector.origin, appOrigin: sandbox.appUrl });
        const answer = await background().handleMessage({ type: 'setApiKey', key: sandbox.demoKey }, EXTENSION_PAGE);
        expect(answer).toMatchObject({ ok: false, error: { message: expect.stringMatching(/redirect/) } });
        expect(redirector.seen).toHaveLength(1);
        expect(sandbox.requests().total).toBe(0);
        expect(await apiKeyItem.getValue()).toBeNull();
        t.add({ cases: 1, hostileUrls: 1 });
      } finally {
        await redirector.close();
      }
    }
  });
});

// ---- a tab that cannot open, a corrupted snapshot ---------------------------------------------

describe('recovery without a restart', () => {
  const buy = { type: 'startPurchase', item: { packageId: 'pkg_100' } };

  report.check('tabs.create throws: the purchase is "failed" with the reason (Buy usable again), and the next Buy opens the same session', async (t) => {
    const bg = await signedIn(background({ checkoutPollMs: 3_600_000 }));
    const created = vi.spyOn(fakeBrowser.tabs, 'create').mockRejectedValueOnce(new Error('No current window'));
    expect(await bg.handleMessage(buy, EXTENSION_PAGE)).toEqual({
      ok: false,
      error: { kind: 'tab_failed', message: 'The checkout did not open. Try again.' },
    });
    const failed = await snapshot();
    expect(failed.purchase).toMatchObject({ state: 'failed', error: 'The checkout did not open. Try again.' });
    expect(isPurchasePending(failed)).toBe(false);
    expect(failed.checkoutWatchUntil).toBeNull();
    expect(await bg.handleMessage(buy, EXTENSION_PAGE)).toEqual({ ok: true, value: { opened: true } });
    expect(created).toHaveBeenCalledTimes(2);
    expect(created.mock.calls[1]?.[0]).toEqual({ url: sandbox.sessions()[0]!.url });
    expect(sandbox.sessions()).toHaveLength(1); // the same Idempotency-Key: the same session
    expect((await purchaseAttemptItem.getValue())?.openedAt).toBe(clock.now);
    t.add({ cases: 2, faults: 1 });
  });

  report.check('a corrupted snapshot: the next refresh restores who is signed in (me), not only the data', async (t) => {
    await signedIn();
    const me = (await snapshot()).me;
    expect(me).toMatchObject({ email: 'ana@acme.test' });
    await snapshotItem.setValue({ signedIn: 'yes', me: 42 } as unknown as Snapshot);
    const restarted = background();
    await restarted.started('wake');
    clock.now += MINUTE;
    await restarted.alarm('refresh');
    expect(await snapshot()).toMatchObject({ signedIn: true, me, summary: { credits: { remaining: 412 } } });
    expect(sandbox.requests().counts.me).toBe(1);
    // Once known, me is not asked again.
    clock.now += 10 * MINUTE;
    await restarted.alarm('refresh');
    expect(sandbox.requests().counts.me).toBe(1);
    t.add({ cases: 2, badInputs: 1 });
  });
});

// ---- the checkout watch during an outage ------------------------------------------------------

describe('the checkout watch during an API outage', () => {
  /**
   * Ten minutes of a checkout watch with the summary failing (`fault`), on fake timers: every
   * second of the extension's clock its timers run, and the browser fires the alarms it would
   * (the retry alarm when due, the watch alarm every 30 s, the refresh alarm every 5 minutes).
   * Returns the summary requests sent.
   */
  async function outage(fault: Parameters<Sandbox['setFault']>[1]) {
    const bg = await signedIn(background({ checkoutPollMs: 5_000 }));
    let running = 0;
    const refresh = bg.refresher.refresh;
    vi.spyOn(bg.refresher, 'refresh').mockImplementation((reason) => {
      running++;
      return refresh(reason).finally(() => running--);
    });
    const settle = async () => {
      for (let i = 0; i < 20 || running > 0; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      expect(await bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE)).toMatchObject({ ok: true });
      sandbox.setFault('summary', fault);
      sandbox.resetRequests();
      const started = clock.now;
      for (let second = 1; second <= 10 * 60; second++) {
        clock.now += 1_000;
        await vi.advanceTimersByTimeAsync(1_000);
        await settle();
        const retry = await fakeBrowser.alarms.get(RETRY_ALARM);
        if (retry && retry.scheduledTime <= clock.now) {
          await fakeBrowser.alarms.clear(RETRY_ALARM);
          await bg.alarm(RETRY_ALARM);
        }
        if (second % 30 === 0) await bg.alarm('checkout-watch');
        if (second % 300 === 0) await bg.alarm('refresh');
        await settle();
        if (clock.now - started === 5 * MINUTE) {
          // Mid-outage: the popup's data says the balance is being checked, and when next.
          const s = await snapshot();
          expect(s.purchase).toMatchObject({ state: 'open' });
          expect(s.checkoutWatchUntil).toBeGreaterThan(clock.now);
          expect(s.lastError?.retryAt).toBeGreaterThan(clock.now);
        }
      }
    } finally {
      vi.useRealTimers();
    }
    return sandbox.requests().counts.summary;
  }

  report.check('a 10-minute outage (500s) during a checkout watch: the watch backs off with the retry alarm instead of polling every 5 s', async (t) => {
    const requests = await outage({ type: 'status', status: 500 });
    // Was 120 watch ticks × 3 tries = 360+; now a handful of refreshes of 3 tries each.
    expect(requests).toBeLessThanOrEqual(24);
    console.log(`checkout watch, 10 minutes of 500s: ${requests} summary requests`);
    t.add({ cases: 600, faults: requests });
  }, 60_000);

  report.check('a 10-minute outage (connection resets) during a checkout watch: backs off the same way', async (t) => {
    const requests = await outage({ type: 'reset' });
    expect(requests).toBeLessThanOrEqual(24);
    console.log(`checkout watch, 10 minutes of resets: ${requests} summary requests`);
    t.add({ cases: 600, faults: requests });
  }, 60_000);
});

// ---- switching the API origin under a running watch ---------------------------------------------

describe('changing the API origin', () => {
  report.check('a checkout-watch tick right after the new origin is saved never sends the old key to it (the switch is one storage write)', async (t) => {
    const bg = await signedIn(background({ checkoutPollMs: 3_600_000 }));
    const other = await recorder(() => ({ status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":{"code":"unauthorized","message":"no"}}' }));
    try {
      const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
      const ticks: Promise<unknown>[] = [];
      vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
        await set(items);
        // The moment the new origin is in storage, a watch tick (or any refresh) runs.
        if (Object.hasOwn(items, 'settings')) ticks.push(bg.refresher.refresh('checkout-watch'));
      });
      clock.now += MINUTE;
      const saved = await bg.handleMessage(
        { type: 'saveSettings', settings: { ...(await settingsItem.getValue()), apiOrigin: `${other.origin}/` } },
        EXTENSION_PAGE,
      );
      expect(saved).toEqual({ ok: true, value: null });
      await Promise.all(ticks);
      expect(ticks.length).toBeGreaterThan(0);
      expect(other.seen.map((r) => r.headers.authorization)).not.toContain(`Bearer ${sandbox.demoKey}`);
      expect(await apiKeyItem.getValue()).toBeNull();
      expect((await snapshot()).signedIn).toBe(false);
      t.add({ cases: 1, faults: 1 });
    } finally {
      await other.close();
    }
  });
});

// ---- extra sites -----------------------------------------------------------------------------

describe('extra sites', () => {
  report.check('one revoked site does not disable the others, and a site on a port is registered with its port', async (t) => {
    const bg = background();
    const granted = new Set([`${sandbox.appUrl}/*`, 'https://crm.example.com:8443/*', 'https://other.example.com/*']);
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async ({ origins = [] }) => origins.every((o) => granted.has(o)));
    vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(async () => []);
    const registered = vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation(async () => {});
    const sites = ['https://crm.example.com:8443', 'https://revoked.example.com', 'https://other.example.com'];
    expect(await bg.handleMessage({ type: 'saveSettings', settings: { ...(await settingsItem.getValue()), extraSites: sites } }, EXTENSION_PAGE)).toEqual({
      ok: true,
      value: null,
    });
    expect(registered).toHaveBeenCalledTimes(1);
    const matches = registered.mock.calls[0]![0][0]!.matches;
    // Extra sites get the guard where the app has it: before any page script.
    expect(registered.mock.calls[0]![0][0]!.runAt).toBe('document_start');
    expect([...(matches ?? [])].sort()).toEqual([`${sandbox.appUrl}/*`, 'https://crm.example.com:8443/*', 'https://other.example.com/*'].sort());
    t.add({ cases: 3, hostileUrls: 1 });
  });
});

// ---- old browsers: where the key is kept away from content scripts ----------------------------

describe('storage access level', () => {
  report.check('Chrome builds require Chrome 140 (storage.local.setAccessLevel), which the background calls at start-up; Firefox builds do not claim it', async (t) => {
    const manifestOf = async (browser: string, manifestVersion: 2 | 3) => {
      const manifest = wxtConfig.manifest;
      if (typeof manifest !== 'function') throw new Error('wxt.config.ts: manifest is not a function');
      return manifest({ browser, manifestVersion, mode: 'production', command: 'build' });
    };
    expect(await manifestOf('chrome', 3)).toMatchObject({ minimum_chrome_version: '140' });
    expect(await manifestOf('firefox', 2)).not.toHaveProperty('minimum_chrome_version');

    const setAccessLevel = vi.fn(async () => {});
    vi.stubGlobal('chrome', { storage: { local: { setAccessLevel } } });
    try {
      await background().started('wake');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    t.add({ cases: 3 });
  });
});
