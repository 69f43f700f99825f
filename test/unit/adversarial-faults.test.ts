// @vitest-environment node
/**
 * Adversarial: every fault mode of the sandbox (test/sandbox/faults.ts) against the
 * background's refresh and purchase flows, a worker stopped mid-purchase, a revoked key then
 * another account, clock skew (the server's and the device's), storage that refuses writes, a
 * corrupted stored snapshot and one written by an older version.
 *
 * test/unit/background.test.ts covers one 500 with its retry, one 429, the corrupted snapshot's
 * summary and a reset during a purchase; here every mode is run with the request counts that
 * prove there is no hot loop, the data kept, the error recorded, and recovery with no user.
 * The billing client's timeout and backoff are shortened (BackgroundDeps.billing) so a hang
 * costs 50 ms instead of 10 s; the policy under test (tries, intervals, alarms) is unchanged.
 */
import { describe, expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CHECKOUT_WATCH_ALARM } from '@/utils/background/purchases';
import { RETRY_ALARM } from '@/utils/background/refresher';
import { BADGE_COLORS } from '@/utils/credits/badge';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { isStale as isStaleAt } from '@/utils/credits/badge';
import { SIGNED_OUT, type Snapshot } from '@/utils/snapshot';

/** Old data while refreshes fail, as the badge, the popup and the banner judge it. */
const isStale = (s: Snapshot, now: number) => s.fetchedAt !== null && isStaleAt(s.fetchedAt, s.lastError?.message, now);
import {
  apiKeyItem,
  lowBalanceNotifiedItem,
  purchaseAttemptItem,
  refreshBookkeepingItem,
  settingsItem,
  snapshotItem,
} from '@/utils/storage';
import { backgroundHarness, EXTENSION_PAGE, MINUTE } from '../harness';
import type { Fault } from '../sandbox/server';
import { reliabilityReport, type Tally } from './report';

const report = reliabilityReport('Faults and recovery', 'adversarial-faults.test.ts', 4);

/** Workers skip the billing client's backoff sleeps. */
const { sandbox, clock, background, signedInQuietly, snapshot } = backgroundHarness({ skipBackoff: true });
/** The client's timeout where a fault is meant to time out (hang, latency): a hang costs little. */
const TIMEOUT_MS = 50;
/**
 * A worker for a fault phase: requests time out after TIMEOUT_MS where the fault is meant to
 * time out (hang, latency); elsewhere the real 10 s, so a slow machine cannot turn a 500 into a
 * timeout.
 */
function workerFor(mode: { fault: Fault }) {
  const timesOut = mode.fault.type === 'hang' || mode.fault.type === 'latency';
  return background(timesOut ? { billing: { timeoutMs: TIMEOUT_MS, sleep: async () => {} } } : {});
}
async function badge() {
  return {
    text: await fakeBrowser.action.getBadgeText({}),
    title: await fakeBrowser.action.getTitle({}),
    color: await fakeBrowser.action.getBadgeBackgroundColor({}),
  };
}
async function signedIn(bg = background()) {
  await signedInQuietly(bg);
  expect((await snapshot()).summary?.credits.remaining).toBe(412);
  return bg;
}
/** A promise with its resolve (Promise.withResolvers is Node 22+). */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
/** A badge colour as fakeBrowser reports it: [r, g, b, 255]. */
const rgba = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).concat(255);
/** Faulted responses the sandbox sent since the last reset. */
const faulted = () => sandbox.requests().log.filter((r) => r.fault !== undefined).length;

// ---- every fault mode against refresh ----------------------------------------------------

interface Mode {
  name: string;
  fault: Fault;
  /** The error kind the snapshot records. */
  kind: string;
  /** Tries per refresh: GETs are retried on network errors, timeouts, 408, 429 and 5xx. */
  tries: number;
  /** A server wait (Retry-After) decides when to retry, not the backoff. */
  retryAfterMs?: number;
}

const MODES: Mode[] = [
  { name: '500', fault: { type: 'status', status: 500 }, kind: 'server', tries: 3 },
  { name: '502', fault: { type: 'status', status: 502 }, kind: 'server', tries: 3 },
  { name: '503', fault: { type: 'status', status: 503 }, kind: 'server', tries: 3 },
  { name: '503 with Retry-After: 120', fault: { type: 'status', status: 503, retryAfter: 120 }, kind: 'server', tries: 1, retryAfterMs: 120_000 },
  { name: '408', fault: { type: 'status', status: 408 }, kind: 'server', tries: 3 },
  { name: '429 with Retry-After: 90', fault: { type: 'status', status: 429, retryAfter: 90 }, kind: 'rate_limited', tries: 1, retryAfterMs: 90_000 },
  { name: '429 with an HTTP-date Retry-After', fault: { type: 'status', status: 429, retryAfter: 'Thu, 26 Nov 2099 10:00:00 GMT' }, kind: 'rate_limited', tries: 1, retryAfterMs: 15 * MINUTE },
  { name: 'latency beyond the timeout', fault: { type: 'latency', ms: 300 }, kind: 'timeout', tries: 3 },
  { name: 'hang', fault: { type: 'hang' }, kind: 'timeout', tries: 3 },
  { name: 'malformed JSON', fault: { type: 'malformed' }, kind: 'invalid_response', tries: 1 },
  { name: 'truncated JSON', fault: { type: 'truncated' }, kind: 'invalid_response', tries: 1 },
  { name: 'proxy HTML 502', fault: { type: 'html' }, kind: 'server', tries: 3 },
  { name: 'connection reset', fault: { type: 'reset' }, kind: 'network', tries: 3 },
  { name: 'empty 502', fault: { type: 'empty' }, kind: 'server', tries: 3 },
  { name: 'empty 200', fault: { type: 'empty', status: 200 }, kind: 'invalid_response', tries: 1 },
  { name: '200 with an HTML body', fault: { type: 'status', status: 200, body: '<html><body>Maintenance</body></html>', contentType: 'text/html' }, kind: 'invalid_response', tries: 1 },
];

const ATTEMPTS = 5;

async function faultedRefreshes(mode: Mode, t: Tally) {
  await signedIn();
  const bg = workerFor(mode); // a restarted worker
  const good = await snapshot();
  sandbox.setFault('summary', mode.fault);

  // The 5-minute alarm, the popup, a bulk action and the retry alarm keep asking while it fails.
  const delays: number[] = [];
  for (let i = 0; i < ATTEMPTS; i++) {
    clock.now += i % 2 === 0 ? 5 * MINUTE : 20_000;
    await Promise.all([bg.alarm('refresh'), bg.refresher.refresh('popup'), bg.refresher.refreshIfOld(), bg.refresher.refresh('bulk-action')]);
    const retry = await fakeBrowser.alarms.get(RETRY_ALARM);
    if (retry) delays.push(retry.scheduledTime - clock.now);
  }
  const counts = sandbox.requests().counts;
  t.add({ cases: ATTEMPTS * 4, faults: faulted() });

  // No hot loop: one summary request per allowed refresh, each tried at most `tries` times;
  // nothing else is asked while the summary fails.
  expect(counts.summary).toBeLessThanOrEqual(ATTEMPTS * mode.tries);
  expect(counts.catalog + counts.usage + counts.me + counts.checkout + counts.portal).toBe(0);
  // The retry is scheduled by the server's wait, else by a backoff of at least 30 s that grows.
  expect(delays.length).toBeGreaterThan(0);
  for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(mode.retryAfterMs === undefined ? 30_000 : 0);
  if (mode.retryAfterMs === undefined) {
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(5 * MINUTE);
  }

  // The last good data is kept, marked with the error, and stale once older than 15 minutes.
  const kept = await snapshot();
  expect(kept.summary).toEqual(good.summary);
  expect(kept.catalog).toEqual(good.catalog);
  expect(kept.usage).toEqual(good.usage);
  expect(kept.fetchedAt).toBe(good.fetchedAt);
  expect(kept.signedIn).toBe(true);
  expect(kept.lastError).toMatchObject({ kind: mode.kind, message: expect.any(String) });
  expect(kept.lastError?.message).not.toMatch(/<|dfk_/);
  clock.now = Math.max(clock.now, kept.fetchedAt! + 16 * MINUTE);
  await bg.alarm('nothing'); // repaints the badge on the extension's clock
  expect(isStale(await snapshot(), clock.now)).toBe(true);
  expect(await badge()).toMatchObject({ text: '412', title: expect.stringMatching(/last updated \d+ minutes ago/) });

  // Recovery by itself: the fault clears, the retry alarm fires in a restarted worker.
  sandbox.clearFaults();
  const retry = await fakeBrowser.alarms.get(RETRY_ALARM);
  expect(retry).toBeDefined();
  clock.now = Math.max(clock.now, retry!.scheduledTime);
  const restarted = background();
  await restarted.started('wake');
  await restarted.alarm(RETRY_ALARM);
  const recovered = await snapshot();
  expect(recovered.lastError).toBeNull();
  expect(recovered.fetchedAt).toBe(clock.now);
  expect(isStale(recovered, clock.now)).toBe(false);
  expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  expect(await refreshBookkeepingItem.getValue()).toMatchObject({ failures: 0, notBefore: null });
  expect((await badge()).title).toMatch(/^Deskflow: 412 credits left/);
  t.add({ cases: 1 });
}

describe('refresh under every fault mode', () => {
  for (const mode of MODES) {
    report.check(`summary ${mode.name}: no hot loop, last good data kept with lastError "${mode.kind}", stale after 15 min, recovers from the retry alarm`, (t) =>
      faultedRefreshes(mode, t),
    );
  }

  report.check('catalog and usage failing while the summary works: new balance shown, last good catalog and usage kept', async (t) => {
    await signedIn();
    const good = await snapshot();
    for (const mode of MODES) {
      sandbox.setFault('catalog', mode.fault);
      sandbox.setFault('usage', mode.fault);
      sandbox.adjustCredits(-1);
      clock.now += 2 * 60 * MINUTE; // catalog older than an hour, usage older than 10 minutes
      await workerFor(mode).refresher.refresh('user');
      const now = await snapshot();
      expect(now.summary?.credits.remaining).toBe(sandbox.summary().credits.remaining);
      expect(now.catalog).toEqual(good.catalog);
      expect(now.usage).not.toBeNull();
      t.add({ cases: 1, faults: 2 });
    }
    expect(sandbox.requests().counts.catalog).toBeLessThanOrEqual(MODES.length * 3);
  });

  report.check('every endpoint failing at once (*) for an hour of alarms: at most 3 tries per alarm, nothing else', async (t) => {
    const bg = await signedIn();
    sandbox.setFault('*', { type: 'status', status: 503 });
    for (let i = 0; i < 12; i++) {
      clock.now += 5 * MINUTE;
      await bg.alarm('refresh');
      const retry = await fakeBrowser.alarms.get(RETRY_ALARM);
      if (retry && retry.scheduledTime <= clock.now + 5 * MINUTE) {
        clock.now = retry.scheduledTime;
        await bg.alarm(RETRY_ALARM);
      }
    }
    expect(sandbox.requests().total).toBeLessThanOrEqual(24 * 3);
    expect((await snapshot()).summary?.credits.remaining).toBe(412);
    t.add({ cases: 24, faults: faulted() });
  });
});

// ---- every fault mode against the purchase flow --------------------------------------------

describe('purchases under every fault mode', () => {
  const buy = { type: 'startPurchase', item: { packageId: 'pkg_100' } };
  const PURCHASE_MODES = MODES.filter((m) => m.fault.type !== 'status' || m.fault.status !== 200);

  for (const mode of PURCHASE_MODES) {
    report.check(`checkout ${mode.name}: one request, no tab, the user told; the retry reuses the key and opens exactly one session`, async (t) => {
      await signedIn();
      const bg = workerFor(mode);
      const created = vi.spyOn(fakeBrowser.tabs, 'create');
      sandbox.setFault('checkout', mode.fault);
      const answer = await bg.handleMessage(buy, EXTENSION_PAGE);
      expect(answer).toMatchObject({ ok: false, error: { message: expect.any(String) } });
      expect(created).not.toHaveBeenCalled();
      expect(sandbox.requests().counts.checkout).toBe(1); // a POST is never retried by itself
      const failed = await snapshot();
      expect(failed.purchase).toMatchObject({ state: 'failed', error: expect.any(String) });
      expect(failed.summary?.credits.remaining).toBe(412);
      t.add({ cases: 1, faults: faulted() });

      sandbox.clearFaults();
      expect(await background().handleMessage(buy, EXTENSION_PAGE)).toEqual({ ok: true, value: { opened: true } });
      // A late answer to the first request (latency) must not add a session either.
      if (mode.fault.type === 'latency') await new Promise((r) => setTimeout(r, mode.fault.type === 'latency' ? mode.fault.ms : 0));
      const keys = sandbox.requests().log.filter((r) => r.endpoint === 'checkout').map((r) => r.idempotencyKey);
      expect(new Set(keys).size).toBe(1);
      expect(sandbox.sessions()).toHaveLength(1);
      expect(created).toHaveBeenCalledTimes(1);
      expect(created.mock.calls[0]?.[0]).toEqual({ url: sandbox.sessions()[0]!.url });
      t.add({ cases: 1 });
    });
  }

  report.check('portal under every fault mode: one request each, no tab, the reason given', async (t) => {
    await signedIn();
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    for (const mode of PURCHASE_MODES) {
      sandbox.resetRequests();
      sandbox.setFault('portal', mode.fault);
      expect(await workerFor(mode).handleMessage({ type: 'openPortal' }, EXTENSION_PAGE)).toMatchObject({ ok: false, error: { message: expect.any(String) } });
      expect(sandbox.requests().counts.portal).toBe(1);
      t.add({ cases: 1, faults: 1 });
    }
    expect(created).not.toHaveBeenCalled();
  });
});

// ---- a worker stopped mid-purchase ---------------------------------------------------------

describe('a worker stopped mid-purchase', () => {
  report.check('stopped after the request left (the server made a session), restarted, Buy again → the same session, one tab', async (t) => {
    await signedIn();
    // The first worker's request reaches Deskflow, which creates the session; the worker is
    // stopped before the answer arrives (its fetch never settles: nothing after it runs).
    const arrived = deferred();
    const dying = background({
      billing: { timeoutMs: 2_147_483_647, sleep: async () => {} },
      fetch: (input, init) => {
        void fetch(input, { ...init, signal: undefined })
          .then(() => arrived.resolve())
          .catch(() => undefined);
        return new Promise<Response>(() => {});
      },
    });
    void dying.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE);
    await arrived.promise;
    expect(sandbox.sessions()).toHaveLength(1);
    expect((await snapshot()).purchase).toMatchObject({ state: 'creating' });
    t.add({ faults: 1 });

    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    const restarted = background();
    await restarted.started('wake');
    expect((await snapshot()).purchase).toMatchObject({ state: 'failed' }); // the button is usable again
    expect(await restarted.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE)).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(sandbox.sessions()).toHaveLength(1);
    expect(created).toHaveBeenCalledTimes(1);
    expect(created.mock.calls[0]?.[0]).toEqual({ url: sandbox.sessions()[0]!.url });
    t.add({ cases: 1 });
  });

  report.check('stopped the moment the checkout tab appeared: its alarm wakes the next worker, which finds the payment', async (t) => {
    await signedIn();
    // The browser opens the tab, and the worker is stopped before tabs.create answers: nothing
    // after it runs in that worker.
    const opened = deferred();
    vi.spyOn(fakeBrowser.tabs, 'create').mockImplementationOnce(() => {
      opened.resolve();
      return new Promise<never>(() => {});
    });
    const dying = background({ checkoutPollMs: 20 });
    void dying.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE);
    await opened.promise;
    expect(await fakeBrowser.alarms.get(CHECKOUT_WATCH_ALARM)).toBeDefined();

    sandbox.completeCheckout(sandbox.sessions()[0]!.id);
    const restarted = background({ checkoutPollMs: 20 });
    await restarted.alarm(CHECKOUT_WATCH_ALARM);
    await vi.waitFor(async () => expect((await snapshot()).summary?.credits.remaining).toBe(512));
    await vi.waitFor(async () => expect((await snapshot()).checkoutWatchUntil).toBeNull());
    t.add({ cases: 1, faults: 1 });
  });

  report.check('stopped after the tab opened, restarted, Buy again within 30 s → that tab is focused, no second session', async (t) => {
    const bg = await signedIn(background({ checkoutPollMs: 3_600_000 }));
    expect(await bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE)).toMatchObject({ ok: true });
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    const updated = vi.spyOn(fakeBrowser.tabs, 'update');
    clock.now += 10_000;
    const restarted = background({ checkoutPollMs: 3_600_000 });
    await restarted.started('wake');
    expect(await restarted.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE)).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(created).not.toHaveBeenCalled();
    expect(updated).toHaveBeenCalledWith(expect.any(Number), { active: true });
    expect(sandbox.sessions()).toHaveLength(1);
    expect((await snapshot()).checkoutWatchUntil).not.toBeNull(); // the watch survived the restart
    t.add({ cases: 1, faults: 1 });
  });
});

// ---- a revoked key, then another account ---------------------------------------------------

describe('401, then another account', () => {
  async function firstAccountWithPurchase() {
    const bg = await signedIn(background({ checkoutPollMs: 3_600_000 }));
    sandbox.adjustCredits(88); // 500: a balance the second account does not have
    clock.now += MINUTE;
    await bg.refresher.refresh('user');
    expect(await bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE)).toMatchObject({ ok: true });
    const first = await snapshot();
    expect(first).toMatchObject({ me: { email: 'ana@acme.test' }, summary: { credits: { remaining: 500 } }, purchase: { state: 'open' } });
    return bg;
  }

  function expectNoTraceOfFirst(s: Snapshot) {
    const text = JSON.stringify(s);
    expect(text).not.toContain('ana@acme.test');
    expect(text).not.toContain('usr_1');
    expect(text).not.toContain('"remaining":500');
    expect(text).not.toContain('"role":"admin"');
    expect(s.purchase).toBeNull();
    expect(s.checkoutWatchUntil).toBeNull();
  }

  report.check('a 401 forgets the key, the data and the purchase attempt (the refresh limits stay: they are the API\'s); the member who signs in next sees only theirs', async (t) => {
    const bg = await firstAccountWithPurchase();
    sandbox.setFault('summary', { type: 'status', status: 401 });
    clock.now += MINUTE;
    await bg.alarm('refresh');
    expect(await snapshot()).toEqual(SIGNED_OUT);
    expect(await apiKeyItem.getValue()).toBeNull();
    expect(await purchaseAttemptItem.getValue()).toBeNull();
    expect(await lowBalanceNotifiedItem.getValue()).toBeNull();
    expect(await refreshBookkeepingItem.getValue()).toEqual({ lastSummaryRequestAt: clock.now, notBefore: null, failures: 0 });
    expect((await badge()).text).toBe('?');
    t.add({ cases: 1, faults: 1 });

    sandbox.setScenario('member');
    clock.now += MINUTE;
    await signedIn(bg);
    const second = await snapshot();
    expect(second).toMatchObject({ me: { email: 'sam@acme.test' }, summary: { account: { role: 'member' }, credits: { remaining: 412 } } });
    expectNoTraceOfFirst(second);
    // Catalog and usage were read again for the second account, not carried over.
    expect([second.fetchedAt, second.catalogFetchedAt, second.usageFetchedAt]).toEqual([clock.now, clock.now, clock.now]);
    const served = await fetch(`${sandbox.apiUrl}/v1/billing/usage?days=30`, { headers: { authorization: `Bearer ${sandbox.demoKey}` } });
    expect(second.usage).toEqual(await served.json());
    const page = await bg.handleMessage({ type: 'getPageState' }, { id: fakeBrowser.runtime.id, url: `${sandbox.appUrl}/prospects`, tab: { id: 3 }, frameId: 0 });
    expectNoTraceOfFirst((page as { ok: true; value: { snapshot: Snapshot } }).value.snapshot);
    t.add({ cases: 1 });
  });

  report.check('a refresh of the first account still in flight when the second signs in never lands in the second one', async (t) => {
    const gate = { armed: false, release: deferred() };
    const bg = background({
      checkoutPollMs: 3_600_000,
      fetch: async (input, init) => {
        const holding = gate.armed && String(input).includes('/v1/billing/summary');
        const response = await fetch(input, init);
        if (holding) await gate.release.promise;
        return response;
      },
    });
    await signedIn(bg);
    sandbox.adjustCredits(88);
    gate.armed = true;
    clock.now += MINUTE;
    const stale = bg.refresher.refresh('user'); // answered with the first account's 500, held back
    await vi.waitFor(() => expect(sandbox.requests().counts.summary).toBe(1));
    gate.armed = false;

    expect(await bg.handleMessage({ type: 'signOut' }, EXTENSION_PAGE)).toEqual({ ok: true, value: null });
    sandbox.setScenario('member');
    expect(await bg.handleMessage({ type: 'setApiKey', key: sandbox.demoKey }, EXTENSION_PAGE)).toMatchObject({ ok: true });
    gate.release.resolve();
    await stale;
    await vi.waitFor(async () => expect((await snapshot()).summary).not.toBeNull());
    const second = await snapshot();
    expect(second).toMatchObject({ signedIn: true, me: { email: 'sam@acme.test' }, summary: { account: { role: 'member' } } });
    expect(JSON.stringify(second)).not.toContain('"remaining":500');
    expect(second.catalog).not.toBeNull(); // the second account's own refresh ran
    t.add({ cases: 1, faults: 1 });
  });

  report.check('a 401 on a purchase signs out and leaves no purchase of the first account behind', async (t) => {
    const bg = await signedIn();
    sandbox.setFault('checkout', { type: 'status', status: 401 });
    expect(await bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE)).toMatchObject({ ok: false });
    const after = await snapshot();
    expect(after.signedIn).toBe(false);
    expect(after.summary).toBeNull();
    expect(await purchaseAttemptItem.getValue()).toBeNull();
    sandbox.setScenario('member');
    await signedIn(bg);
    expect((await snapshot()).purchase).toBeNull();
    t.add({ cases: 1, faults: 1 });
  });
});

// ---- clocks --------------------------------------------------------------------------------

describe('clock skew', () => {
  for (const [name, asOf] of [
    ['a day ahead', '2026-11-27T10:00:00Z'],
    ['in 2099', '2099-01-01T00:00:00Z'],
    ['a day behind', '2026-11-25T10:00:00Z'],
    ['in 1970', '1970-01-01T00:00:00Z'],
  ] as const) {
    report.check(`server asOf ${name}: fetchedAt, staleness, popup refresh and badge all use the extension's clock`, async (t) => {
      const bg = await signedIn();
      sandbox.setFault('summary', { type: 'status', status: 200, body: { ...sandbox.summary(), asOf }, times: 1 });
      clock.now += MINUTE;
      await bg.refresher.refresh('user');
      const s = await snapshot();
      expect(s.summary?.asOf).toBe(asOf);
      expect(s.fetchedAt).toBe(clock.now);
      expect(isStale(s, clock.now)).toBe(false);
      expect(await badge()).toMatchObject({ text: '412', color: rgba(BADGE_COLORS.good), title: expect.not.stringMatching(/last updated/) });
      sandbox.resetRequests();
      clock.now += 30_000;
      await bg.refresher.refreshIfOld();
      expect(sandbox.requests().counts.summary).toBe(0); // 30 s old on our clock
      clock.now += 31_000;
      await bg.refresher.refreshIfOld();
      expect(sandbox.requests().counts.summary).toBe(1); // 61 s old on our clock
      sandbox.setFault('summary', { type: 'status', status: 500 });
      clock.now += 16 * MINUTE;
      await bg.refresher.refresh('user');
      expect(isStale(await snapshot(), clock.now)).toBe(true);
      expect((await badge()).title).toMatch(/last updated 16 minutes ago/);
      t.add({ cases: 1, faults: 2 });
    });
  }

  report.check('the device clock jumps back a day: the alarm, the popup and Refresh still refresh', async (t) => {
    const bg = await signedIn();
    clock.now -= 24 * 60 * MINUTE;
    sandbox.adjustCredits(-12);
    await bg.alarm('refresh');
    expect((await snapshot()).summary?.credits.remaining).toBe(400);
    sandbox.adjustCredits(-1);
    clock.now += 11_000;
    await bg.alarm('refresh');
    expect((await snapshot()).summary?.credits.remaining).toBe(399);
    sandbox.adjustCredits(-1);
    clock.now -= 60 * MINUTE; // again: the data now looks fetched in the future
    await bg.refresher.refreshIfOld();
    expect((await snapshot()).summary?.credits.remaining).toBe(398);
    t.add({ cases: 3, faults: 2 });
  });

  report.check('the device clock jumps back during a checkout watch: the watch ends instead of lasting a day', async (t) => {
    const bg = await signedIn(background({ checkoutPollMs: 20 }));
    expect(await bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE)).toMatchObject({ ok: true });
    expect((await snapshot()).checkoutWatchUntil).toBe(clock.now + 10 * MINUTE);
    clock.now -= 24 * 60 * MINUTE;
    await vi.waitFor(async () => expect((await snapshot()).checkoutWatchUntil).toBeNull());
    t.add({ cases: 1, faults: 1 });
  });

  report.check('the device clock jumps back after a 429: the Retry-After wait does not last a day', async (t) => {
    const bg = await signedIn();
    sandbox.setFault('summary', { type: 'status', status: 429, retryAfter: 600, times: 1 });
    clock.now += MINUTE;
    await bg.refresher.refresh('user');
    expect((await snapshot()).lastError?.kind).toBe('rate_limited');
    clock.now -= 24 * 60 * MINUTE;
    sandbox.resetRequests();
    await bg.refresher.refresh('user');
    expect(sandbox.requests().counts.summary).toBe(1);
    expect((await snapshot()).lastError).toBeNull();
    t.add({ cases: 1, faults: 2 });
  });
});

// ---- storage ------------------------------------------------------------------------------

describe('storage', () => {
  /** Snapshot writes fail (storage.local full) `times` times, or until `stop()`. */
  function failSnapshotWrites(times = Infinity) {
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    let left = times;
    const refused: unknown[] = [];
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if (left > 0 && Object.hasOwn(items, 'snapshot')) {
        left--;
        refused.push(items);
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      return set(items);
    });
    return { refused, stop: () => (left = 0) };
  }

  report.check('storage full while writing the snapshot: alarm, start-up and messages do not throw; the next refresh writes cleanly', async (t) => {
    const bg = await signedIn();
    sandbox.adjustCredits(-12);
    const full = failSnapshotWrites();
    clock.now += MINUTE;
    await expect(bg.alarm('refresh')).resolves.toBeUndefined();
    clock.now += MINUTE;
    await expect(bg.started('startup')).resolves.toBeUndefined();
    clock.now += MINUTE;
    expect(await bg.handleMessage({ type: 'refresh', force: true }, EXTENSION_PAGE)).toMatchObject({ ok: expect.any(Boolean) });
    expect((await snapshot()).summary?.credits.remaining).toBe(412); // the writes were refused
    expect(full.refused.length).toBeGreaterThanOrEqual(3);
    t.add({ cases: 3, faults: full.refused.length });

    full.stop();
    clock.now += MINUTE;
    await bg.alarm('refresh');
    const after = await snapshot();
    expect(after.summary?.credits.remaining).toBe(400);
    expect(after.lastError).toBeNull();
    expect((await badge()).text).toBe('400');
    t.add({ cases: 1 });
  });

  report.check('storage full while starting a purchase: an answer, no tab, and the next attempt works', async (t) => {
    const bg = await signedIn();
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    const full = failSnapshotWrites(1);
    expect(await bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE)).toMatchObject({ ok: false });
    expect(created).not.toHaveBeenCalled();
    expect(await bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE)).toEqual({ ok: true, value: { opened: true } });
    expect(created).toHaveBeenCalledTimes(1);
    expect(sandbox.sessions()).toHaveLength(1);
    t.add({ cases: 2, faults: full.refused.length });
  });

  const CORRUPT: unknown[] = [
    'not an object', 42, null, [], [1, 2], true,
    { signedIn: 'yes', summary: 42 },
    { ...SIGNED_OUT, signedIn: true, summary: { credits: { remaining: -5 } } },
    { ...SIGNED_OUT, signedIn: true, fetchedAt: 'yesterday' },
    { ...SIGNED_OUT, signedIn: true, purchase: { item: { packageId: '' }, state: 'creating', startedAt: 1, error: null } },
    { ...SIGNED_OUT, signedIn: true, checkoutWatchUntil: -1 },
    { __proto__: { signedIn: true } },
    JSON.parse('{"__proto__":{"signedIn":true,"polluted":true}}'),
  ];

  report.check('a corrupted stored snapshot (any of 13 shapes): nothing throws, reads as empty, and a refresh restores a signed-in snapshot', async (t) => {
    for (const corrupt of CORRUPT) {
      fakeBrowser.reset();
      await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiOrigin: sandbox.apiUrl, appOrigin: sandbox.appUrl });
      const bg = await signedIn();
      await snapshotItem.setValue(corrupt as Snapshot);
      const restarted = background();
      await expect(restarted.started('wake')).resolves.toBeUndefined();
      const page = await restarted.handleMessage({ type: 'getPageState' }, { id: fakeBrowser.runtime.id, url: `${sandbox.appUrl}/x`, tab: { id: 1 }, frameId: 0 });
      expect(page).toMatchObject({ ok: true });
      clock.now += MINUTE;
      await restarted.alarm('refresh');
      const s = await snapshot();
      expect([corrupt, s.signedIn, s.summary?.credits.remaining]).toEqual([corrupt, true, 412]);
      expect((await badge()).text).toBe('412');
      expect(Object.prototype).not.toHaveProperty('polluted');
      void bg;
      t.add({ cases: 1, badInputs: 1 });
    }
  });

  report.check('a snapshot written by an older version (v0: no catalog/usage times, no purchase, no checkout watch) is migrated, not dropped', async (t) => {
    const bg = await signedIn();
    const current = await snapshot();
    const { catalogFetchedAt: _c, usageFetchedAt: _u, purchase: _p, checkoutWatchUntil: _w, ...v0 } = current;
    await fakeBrowser.storage.local.set({ snapshot: v0 }); // as v0 wrote it, with no version meta
    const restarted = background();
    await restarted.started('wake');
    const migrated = await snapshot();
    expect(migrated).toEqual({ ...current, catalogFetchedAt: null, usageFetchedAt: null, purchase: null, checkoutWatchUntil: null });
    expect((await badge()).text).toBe('412'); // shown at once, before any refresh
    // The catalog and usage have no fetch time: the next refresh re-reads them.
    sandbox.resetRequests();
    clock.now += MINUTE;
    await restarted.alarm('refresh');
    expect(sandbox.requests().counts).toMatchObject({ summary: 1, catalog: 1, usage: 1 });
    expect(await snapshot()).toMatchObject({ catalogFetchedAt: clock.now, usageFetchedAt: clock.now });
    void bg;
    t.add({ cases: 1, badInputs: 1 });
  });
});
