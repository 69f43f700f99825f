// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readPopupPreview } from '@/utils/popup-preview-read';
import type { Snapshot } from '@/utils/snapshot';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { apiKeyItem, purchaseAttemptItem, settingsItem, snapshotItem } from '@/utils/storage';
import { backgroundHarness, EXTENSION_PAGE } from '../harness';

const { sandbox, clock, background, signedIn, snapshot } = backgroundHarness();

const contentScript = (url: string, frameId = 0) => ({ id: fakeBrowser.runtime.id, url, tab: { id: 7 }, frameId });

async function badge() {
  return {
    text: await fakeBrowser.action.getBadgeText({}),
    title: await fakeBrowser.action.getTitle({}),
  };
}
/** The balance the toolbar's popup paints first (its URL's preview), or null for the plain page. */
async function popupPreview(): Promise<{ remaining: number; appOrigin: string } | null> {
  const url = new URL(await fakeBrowser.action.getPopup({}), `chrome-extension://${fakeBrowser.runtime.id}/`);
  expect(url.pathname).toBe('/popup.html');
  const preview = readPopupPreview(url.hash);
  return preview && { remaining: preview.summary.credits.remaining, appOrigin: preview.appOrigin };
}

describe('signing in', () => {
  it('starts signed out: badge "?", nothing asked of Deskflow', async () => {
    await background().started('install');
    expect((await snapshot()).signedIn).toBe(false);
    expect(await badge()).toEqual({ text: '?', title: 'Deskflow Credits: not signed in' });
    expect(sandbox.requests().total).toBe(0);
  });

  it('refuses a key of the wrong shape without asking Deskflow', async () => {
    const answer = await background().handleMessage({ type: 'setApiKey', key: 'hello' }, EXTENSION_PAGE);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_key' } });
    expect(await apiKeyItem.getValue()).toBeNull();
    expect(sandbox.requests().total).toBe(0);
  });

  it('does not save a key Deskflow refuses, and says why', async () => {
    const answer = await background().handleMessage(
      { type: 'setApiKey', key: 'dfk_wrongwrongwrongwrongwrong' },
      EXTENSION_PAGE,
    );
    expect(answer).toMatchObject({ ok: false, error: { kind: 'unauthorized', message: /refused this key/ } });
    expect(await apiKeyItem.getValue()).toBeNull();
  });

  it('saves a good key, then shows the balance on the badge', async () => {
    await signedIn();
    const now = await snapshot();
    expect(now.signedIn).toBe(true);
    expect(now.summary?.credits.remaining).toBe(412);
    expect(now.catalog?.packages).toHaveLength(4);
    expect(now.usage?.days.length).toBeGreaterThan(0);
    expect(await badge()).toEqual({ text: '412', title: expect.stringMatching(/^Deskflow: 412 credits left · Basic · renews /) });
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual(expect.anything());
  });

  it('forgets the account entirely when the key is revoked (401)', async () => {
    const bg = await signedIn();
    sandbox.setFault('summary', { type: 'status', status: 401 });
    clock.now += 60_000;
    await bg.refresher.refresh('alarm');
    const after = await snapshot();
    expect(after.signedIn).toBe(false);
    expect(after.summary).toBeNull();
    expect(await apiKeyItem.getValue()).toBeNull();
    expect((await badge()).text).toBe('?');
  });
});

describe("the popup's preview (its first paint, in the toolbar's popup URL)", () => {
  it('follows the snapshot: none signed out, the balance once known, the new one after a refresh', async () => {
    await background().started('install');
    expect(await popupPreview()).toBeNull();
    const bg = await signedIn();
    expect(await popupPreview()).toEqual({ remaining: 412, appOrigin: sandbox.appUrl });
    sandbox.adjustCredits(-12);
    clock.now += 5 * 60_000;
    await bg.alarm('refresh');
    expect(await popupPreview()).toEqual({ remaining: 400, appOrigin: sandbox.appUrl });
  });

  it('none while a failure is shown (the popup leads with it), back after recovery', async () => {
    const bg = await signedIn();
    sandbox.setFault('summary', { type: 'status', status: 500 });
    clock.now += 60_000;
    await bg.refresher.refresh('alarm');
    expect(await popupPreview()).toBeNull();
    sandbox.clearFaults();
    clock.now += 60_000;
    await bg.alarm('retry');
    expect(await popupPreview()).toEqual({ remaining: 412, appOrigin: sandbox.appUrl });
  });

  it('links to the app origin in the settings, and is repainted when the browser restarts', async () => {
    const bg = await signedIn();
    // No content script registered yet, and no access to that site yet (fakeBrowser has neither).
    vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(async () => []);
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => false);
    const saved = await bg.handleMessage(
      { type: 'saveSettings', settings: { ...(await settingsItem.getValue()), appOrigin: 'https://app.acme.test' } },
      EXTENSION_PAGE,
    );
    expect(saved).toEqual({ ok: true, value: null });
    expect((await popupPreview())?.appOrigin).toBe('https://app.acme.test');
    await fakeBrowser.action.setPopup({ popup: 'popup.html' }); // the browser restarted
    await background().started('wake');
    expect(await popupPreview()).toEqual({ remaining: 412, appOrigin: 'https://app.acme.test' });
  });

  it('signing out takes the balance out of the URL', async () => {
    const bg = await signedIn();
    await bg.handleMessage({ type: 'signOut' }, EXTENSION_PAGE);
    expect(await popupPreview()).toBeNull();
  });
});

describe('refresh policy', () => {
  it('shares one request between concurrent callers', async () => {
    const bg = await signedIn();
    sandbox.resetRequests();
    clock.now += 60_000;
    await Promise.all([
      bg.refresher.refresh('alarm'),
      bg.refresher.refresh('popup'),
      bg.refresher.refresh('bulk-action'),
      bg.refresher.refreshIfOld(),
    ]);
    expect(sandbox.requests().counts.summary).toBe(1);
  });

  it('sends at most one summary request per 10 s unless the user presses Refresh', async () => {
    const bg = await signedIn();
    sandbox.resetRequests();
    clock.now += 9_000;
    await bg.refresher.refresh('alarm');
    expect(sandbox.requests().counts.summary).toBe(0);
    await bg.refresher.refresh('user');
    expect(sandbox.requests().counts.summary).toBe(1);
    clock.now += 10_001;
    await bg.refresher.refresh('alarm');
    expect(sandbox.requests().counts.summary).toBe(2);
  });

  it('refreshes on popup open only when the data is older than a minute', async () => {
    const bg = await signedIn();
    sandbox.resetRequests();
    clock.now += 59_000;
    await bg.handleMessage({ type: 'refreshIfOld' }, EXTENSION_PAGE);
    expect(sandbox.requests().counts.summary).toBe(0);
    clock.now += 2_000;
    await bg.handleMessage({ type: 'refreshIfOld' }, EXTENSION_PAGE);
    expect(sandbox.requests().counts.summary).toBe(1);
  });

  it('keeps a 5-minute alarm, re-created when it goes missing', async () => {
    const bg = background();
    await bg.started('startup');
    expect(await fakeBrowser.alarms.get('refresh')).toMatchObject({ periodInMinutes: 5 });
    await fakeBrowser.alarms.clearAll();
    await bg.started('wake');
    expect(await fakeBrowser.alarms.get('refresh')).toMatchObject({ periodInMinutes: 5 });
  });

  it('a worker waking up paints the badge and writes nothing when there is nothing to mend', async () => {
    await signedIn();
    await fakeBrowser.action.setBadgeText({ text: '' }); // the browser restarted
    const writes = vi.spyOn(fakeBrowser.storage.local, 'set');
    await background().started('wake');
    expect((await badge()).text).toBe('412');
    expect(writes.mock.calls.filter(([items]) => 'snapshot' in items)).toEqual([]);
  });

  it('refreshes when the alarm fires', async () => {
    const bg = await signedIn();
    sandbox.adjustCredits(-12);
    clock.now += 5 * 60_000;
    await bg.alarm('refresh');
    expect((await snapshot()).summary?.credits.remaining).toBe(400);
    expect((await badge()).text).toBe('400');
  });

  it('keeps the last good data on a server error, says why, and retries later by itself', async () => {
    const bg = await signedIn();
    sandbox.setFault('summary', { type: 'status', status: 500 });
    clock.now += 60_000;
    await bg.refresher.refresh('alarm');
    const failed = await snapshot();
    expect(failed.summary?.credits.remaining).toBe(412);
    expect(failed.lastError).toMatchObject({ kind: 'server' });
    const retry = await fakeBrowser.alarms.get('retry');
    expect(retry?.scheduledTime).toBeGreaterThan(clock.now);
    expect((await badge()).text).toBe('412');

    clock.now += 16 * 60_000; // still failing 16 minutes later: stale, grey
    await bg.refresher.refresh('retry');
    expect((await badge()).title).toMatch(/last updated 17 minutes ago/);

    sandbox.clearFaults();
    clock.now += 60_000;
    await bg.alarm('retry');
    const recovered = await snapshot();
    expect(recovered.lastError).toBeNull();
    expect(await fakeBrowser.alarms.get('retry')).toBeUndefined();
  });

  it("honours a 429's Retry-After: no request before it, even from the Refresh button", async () => {
    const bg = await signedIn();
    sandbox.setFault('summary', { type: 'status', status: 429, retryAfter: 120 });
    clock.now += 60_000;
    await bg.refresher.refresh('alarm');
    expect((await snapshot()).lastError).toMatchObject({ kind: 'rate_limited', retryAt: clock.now + 120_000 });
    sandbox.clearFaults();
    sandbox.resetRequests();
    clock.now += 60_000;
    await bg.refresher.refresh('user');
    expect(sandbox.requests().counts.summary).toBe(0);
    clock.now += 61_000;
    await bg.refresher.refresh('retry');
    expect(sandbox.requests().counts.summary).toBe(1);
    expect((await snapshot()).lastError).toBeNull();
  });

  it('reads a corrupted stored snapshot as empty and recovers with a clean refresh', async () => {
    const bg = await signedIn();
    await snapshotItem.setValue({ signedIn: 'yes', summary: 42 } as unknown as Snapshot);
    clock.now += 60_000;
    await bg.refresher.refresh('user');
    expect((await snapshot()).summary?.credits.remaining).toBe(412);
  });
});

describe('after a confirmed bulk action', () => {
  it('re-reads the balance shortly after, even right after another refresh', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const bg = await signedIn();
      clock.now += 2_000; // 2 s after the sign-in refresh: the 10-s limit would drop a plain refresh
      sandbox.adjustCredits(-73);
      await bg.handleMessage({ type: 'bulkActionConfirmed', action: 'enrich', count: 73 }, contentScript(`${sandbox.appUrl}/prospects`));
      clock.now += 4_000;
      await vi.advanceTimersByTimeAsync(4_000);
      expect(sandbox.requests().counts.summary).toBe(1); // not yet: 10 s after the last request
      clock.now += 4_001;
      await vi.advanceTimersByTimeAsync(4_001);
      await vi.waitFor(() => expect(sandbox.requests().counts.summary).toBe(2));
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(async () => expect((await snapshot()).summary?.credits.remaining).toBe(339));
  });
});

describe('settings', () => {
  it('changing the confirmation mode keeps the data and asks Deskflow nothing', async () => {
    const bg = await signedIn();
    sandbox.resetRequests();
    const before = await snapshot();
    const saved = await bg.handleMessage(
      { type: 'saveSettings', settings: { ...(await settingsItem.getValue()), confirmation: 'short' } },
      EXTENSION_PAGE,
    );
    expect(saved).toEqual({ ok: true, value: null });
    expect(await snapshot()).toEqual(before);
    expect(sandbox.requests().total).toBe(0);
    expect((await settingsItem.getValue()).confirmation).toBe('short');
  });

  it('never sends the key to another API origin: changing it signs out', async () => {
    const bg = await signedIn();
    sandbox.resetRequests();
    await bg.handleMessage(
      { type: 'saveSettings', settings: { ...(await settingsItem.getValue()), apiOrigin: 'https://api.staging.deskflow.test' } },
      EXTENSION_PAGE,
    );
    expect(await apiKeyItem.getValue()).toBeNull();
    expect((await snapshot()).signedIn).toBe(false);
    expect((await badge()).text).toBe('?');
  });
});

describe('messages', () => {
  const appPage = () => contentScript(`${sandbox.appUrl}/prospects`);

  it('refuses malformed requests and unknown senders without acting', async () => {
    const bg = background();
    expect(await bg.handleMessage({ type: 'signOut', extra: 1 }, EXTENSION_PAGE)).toMatchObject({ ok: false });
    expect(await bg.handleMessage('signOut', EXTENSION_PAGE)).toMatchObject({ ok: false });
    expect(await bg.handleMessage({ type: 'getPageState' }, { id: 'another-extension', url: 'https://x.test/' })).toMatchObject({
      ok: false,
      error: { message: 'Unknown sender.' },
    });
  });

  it.each([
    { type: 'setApiKey', key: 'dfk_demo_000000000000000000000000' },
    { type: 'signOut' },
    { type: 'openPortal' },
    { type: 'refresh', force: true },
    { type: 'saveSettings', settings: DEFAULT_SETTINGS },
  ])('a content script may not send $type', async (request) => {
    const bg = await signedIn();
    const before = await snapshot();
    expect(await bg.handleMessage(request, appPage())).toMatchObject({
      ok: false,
      error: { message: 'Not allowed from a web page.' },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('gives a content script the page state, never the key', async () => {
    const bg = await signedIn();
    const answer = await bg.handleMessage({ type: 'getPageState' }, appPage());
    expect(answer).toMatchObject({ ok: true, value: { confirmation: 'always', snapshot: { signedIn: true } } });
    expect(JSON.stringify(answer)).not.toContain(sandbox.demoKey);
  });

  it('accepts a connect key only from the app origin top frame', async () => {
    const bg = background();
    const connect = { type: 'connectKey', key: sandbox.demoKey };
    expect(await bg.handleMessage(connect, contentScript('https://evil.test/extension/connect'))).toMatchObject({ ok: false });
    expect(await bg.handleMessage(connect, contentScript(`${sandbox.appUrl}/extension/connect`, 3))).toMatchObject({ ok: false });
    expect(await apiKeyItem.getValue()).toBeNull();
    expect(await bg.handleMessage(connect, contentScript(`${sandbox.appUrl}/extension/connect`))).toMatchObject({ ok: true });
    expect(await apiKeyItem.getValue()).toBe(sandbox.demoKey);
  });

  it('refuses invalid settings with a message and keeps the saved ones', async () => {
    const bg = background();
    const answer = await bg.handleMessage(
      { type: 'saveSettings', settings: { ...DEFAULT_SETTINGS, apiOrigin: 'javascript:alert(1)' } },
      EXTENSION_PAGE,
    );
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_settings', message: expect.stringContaining('javascript:') } });
    expect((await settingsItem.getValue()).apiOrigin).toBe(sandbox.apiUrl);
  });

  it('refuses a 51st extra site in words the options page can show', async () => {
    const bg = background();
    const sites = Array.from({ length: 51 }, (_, i) => `https://crm${i}.example.com`);
    const answer = await bg.handleMessage({ type: 'saveSettings', settings: { ...DEFAULT_SETTINGS, extraSites: sites } }, EXTENSION_PAGE);
    expect(answer).toEqual({ ok: false, error: { kind: 'invalid_settings', message: 'At most 50 extra sites.' } });
    expect((await settingsItem.getValue()).extraSites).toEqual([]);
  });
});

describe('purchases', () => {
  const buy100 = { type: 'startPurchase', item: { packageId: 'pkg_100' } };

  it('creates one checkout session and opens one tab for a double click', async () => {
    const bg = await signedIn();
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    const answers = await Promise.all([bg.handleMessage(buy100, EXTENSION_PAGE), bg.handleMessage(buy100, EXTENSION_PAGE)]);
    expect(answers).toEqual([
      { ok: true, value: { opened: true } },
      { ok: true, value: { opened: true } },
    ]);
    expect(sandbox.sessions()).toHaveLength(1);
    expect(created).toHaveBeenCalledTimes(1);
    expect(created.mock.calls[0]?.[0].url).toBe(sandbox.sessions()[0]?.url);
    expect((await snapshot()).purchase).toMatchObject({ state: 'open' });
  });

  it('reuses the Idempotency-Key when an attempt is retried after the worker stopped', async () => {
    const bg = await signedIn();
    sandbox.setFault('checkout', { type: 'reset' });
    await bg.handleMessage(buy100, EXTENSION_PAGE);
    const firstKey = (await purchaseAttemptItem.getValue())?.key;
    sandbox.clearFaults();
    const restarted = background(); // a new worker: nothing in memory
    await restarted.started('wake');
    expect(await restarted.handleMessage(buy100, EXTENSION_PAGE)).toEqual({ ok: true, value: { opened: true } });
    expect(sandbox.requests().log.filter((r) => r.endpoint === 'checkout').map((r) => r.idempotencyKey)).toEqual([
      firstKey,
      firstKey,
    ]);
    expect(sandbox.sessions()).toHaveLength(1);
  });

  it('refuses items not in the catalog, and members', async () => {
    const bg = await signedIn();
    expect(await bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_free_money' } }, EXTENSION_PAGE)).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
    sandbox.setScenario('member');
    clock.now += 60_000;
    await bg.refresher.refresh('user');
    expect(await bg.handleMessage(buy100, EXTENSION_PAGE)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: 'Ask an admin of Acme Sales to buy credits.' },
    });
    expect(sandbox.sessions()).toHaveLength(0);
  });

  it('watches the checkout and shows the new balance after payment, with no manual refresh', async () => {
    const bg = await signedIn(background({ checkoutPollMs: 20 }));
    await bg.handleMessage(buy100, EXTENSION_PAGE);
    expect((await snapshot()).checkoutWatchUntil).toBe(clock.now + 10 * 60_000);
    sandbox.resetRequests();
    await vi.waitFor(() => expect(sandbox.requests().counts.summary).toBeGreaterThanOrEqual(2));
    expect((await snapshot()).purchase).toMatchObject({ state: 'open' });

    sandbox.completeCheckout(sandbox.sessions()[0]!.id);
    await vi.waitFor(async () => expect((await snapshot()).summary?.credits.remaining).toBe(512));
    await vi.waitFor(async () => expect((await snapshot()).checkoutWatchUntil).toBeNull());
    expect((await snapshot()).purchase).toBeNull();
    expect((await badge()).text).toBe('512');
    const polls = sandbox.requests().counts.summary;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sandbox.requests().counts.summary).toBe(polls); // the watch stopped
  });

  it('stops watching after 10 minutes when nothing was paid', async () => {
    const bg = await signedIn(background({ checkoutPollMs: 20 }));
    await bg.handleMessage(buy100, EXTENSION_PAGE);
    clock.now += 10 * 60_000 + 1;
    await vi.waitFor(async () => expect((await snapshot()).checkoutWatchUntil).toBeNull());
    expect((await snapshot()).summary?.credits.remaining).toBe(412);
  });
});
