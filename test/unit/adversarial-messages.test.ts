// @vitest-environment node
/**
 * Adversarial: the background's message handler (createBackground().handleMessage, with
 * fakeBrowser and the sandbox) on arbitrary payloads and senders, what a content script can
 * and cannot do, the connect hand-over (background and content side), and the absence of any
 * external messaging entry point. test/unit/background.test.ts has the basic refusals (one
 * malformed message per kind, the five forbidden types, one connect from another origin);
 * here they are generated, and every refusal is checked for side effects: the whole of
 * storage, the alarms, the open tabs and the requests the sandbox saw must be unchanged.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { acceptConnectMessage, CONNECT_KEY_TYPE } from '@/utils/connect';
import { classifySender, isAllowedFor, requestSchemaOf } from '@/utils/messages';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import type { Snapshot } from '@/utils/snapshot';
import { apiKeyItem, settingsItem } from '@/utils/storage';
import { backgroundHarness, EXTENSION_PAGE } from '../harness';
import { reliabilityReport } from './report';

const report = reliabilityReport('Messages and senders', 'adversarial-messages.test.ts', 2);
const ROOT = resolve(import.meta.dirname, '../..');

const { sandbox, clock, background, signedInQuietly: signedIn } = backgroundHarness({ skipBackoff: true, clock: 'hourly' });

const ID = fakeBrowser.runtime.id;
const EXTENSION_ORIGIN = `chrome-extension://${ID}`;
const contentScript = (url: string, frameId = 0, tabId = 7) => ({ id: ID, url, tab: { id: tabId }, frameId });


/** Everything a message could change: all of storage, alarms, tabs, and requests to Deskflow. */
async function world() {
  return {
    storage: await fakeBrowser.storage.local.get(null),
    alarms: (await fakeBrowser.alarms.getAll()).map((a) => a.name).sort(),
    tabs: (await fakeBrowser.tabs.query({})).length,
    requests: sandbox.requests().total,
  };
}

// ---- arbitrary messages --------------------------------------------------------------------

const TYPES = [
  'getPageState', 'refresh', 'refreshIfOld', 'startPurchase', 'bulkActionConfirmed', 'connectKey', 'setApiKey', 'signOut', 'loadWarning', 'loadConnect',
  'openPortal', 'saveSettings', 'getApiKey', 'getKey', 'openTab', 'eval', 'pageState', '__proto__', 'constructor', 'toString',
  'GETPAGESTATE', 'getPageState ', '',
];
const VALID_TEMPLATES: Array<Record<string, unknown>> = [
  { type: 'getPageState' },
  { type: 'refresh', force: true },
  { type: 'refreshIfOld' },
  { type: 'startPurchase', item: { packageId: 'pkg_100' } },
  { type: 'startPurchase', item: { planId: 'pro' } },
  { type: 'bulkActionConfirmed', action: 'enrich', count: 73 },
  { type: 'connectKey', key: 'dfk_demo_000000000000000000000000' },
  { type: 'setApiKey', key: 'dfk_demo_000000000000000000000000' },
  { type: 'signOut' },
  { type: 'openPortal' },
  { type: 'saveSettings', settings: { ...DEFAULT_SETTINGS, apiOrigin: 'https://evil.test' } },
];
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 2, withObjectString: true, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }),
  fc.constantFrom('https://evil.test/', 'javascript:alert(1)', '__proto__', 'dfk_demo_000000000000000000000000', -1, Infinity, NaN, 2 ** 53 + 1),
  fc.constantFrom({ __proto__: { polluted: true } }, JSON.parse('{"__proto__":{"polluted":true}}') as unknown, { url: 'https://evil.test' }),
);

/** Valid messages bent one way: an extra key, a field removed or replaced, the type changed. */
const bentMessage = fc.oneof(
  fc.tuple(fc.constantFrom(...VALID_TEMPLATES), fc.constantFrom('url', 'tabId', 'key', 'apiKey', 'sender', '__proto__', 'x'), hostileValue).map(
    ([m, k, v]) => Object.defineProperty({ ...m }, k, { value: v, enumerable: true, configurable: true, writable: true }) as unknown,
  ),
  fc.tuple(fc.constantFrom(...VALID_TEMPLATES), hostileValue).map(([m, v]) => {
    const keys = Object.keys(m).filter((k) => k !== 'type');
    return keys.length === 0 ? { ...m, type: v } : { ...m, [keys[0]!]: v };
  }),
  fc.tuple(fc.constantFrom(...VALID_TEMPLATES), fc.constantFrom(...TYPES)).map(([m, type]) => ({ ...m, type })),
  fc.constantFrom(...VALID_TEMPLATES).map((m) => JSON.stringify(m)),
  fc.constantFrom(...VALID_TEMPLATES).map((m) => [m]),
);
const anyMessage = fc.oneof(bentMessage, hostileValue, fc.constantFrom(...VALID_TEMPLATES));

const anySender = fc.record(
  {
    id: fc.constantFrom(ID, 'another-extension-id', '', undefined),
    url: fc.constantFrom(
      `${EXTENSION_ORIGIN}/popup.html`, `${EXTENSION_ORIGIN}/options.html`, 'http://localhost:9/prospects', 'https://evil.test/',
      'chrome-extension://another-extension-id/popup.html', `chrome-extension://${ID}.evil.test/`, 'about:blank', 'null', '',
      'not a url', 'data:text/html,hi', undefined,
    ),
    tab: fc.constantFrom(undefined, { id: 7 }, {}),
    frameId: fc.constantFrom(undefined, 0, 3, -1),
  },
  { requiredKeys: [] },
);

/** Whether the handler should act on a message: known sender, valid shape, allowed for it. */
function accepted(message: unknown, sender: Parameters<typeof classifySender>[0]): boolean {
  const who = classifySender(sender, ID, EXTENSION_ORIGIN);
  const parsed = requestSchemaOf().safeParse(message);
  return who !== null && parsed.success && isAllowedFor(who, parsed.data.type);
}

describe('the message handler on arbitrary input', () => {
  report.check('arbitrary payloads × arbitrary senders: refused without any side effect (storage, alarms, tabs, API), never a throw', async (t) => {
    await signedIn();
    const bg = background(); // a fresh worker: nothing in memory
    const before = await world();
    await fc.assert(
      fc.asyncProperty(anyMessage, anySender, async (message, sender) => {
        // Messages that should act (they have effects by design) are covered below, not here.
        const acts = accepted(message, sender);
        fc.pre(!acts || (message as { type?: string }).type === 'getPageState');
        const answer = await bg.handleMessage(message, sender);
        if (!acts) expect(answer).toMatchObject({ ok: false, error: { kind: 'refused' } });
        expect(JSON.stringify(answer)).not.toContain(sandbox.demoKey);
        expect(await world()).toEqual(before);
        t.add({ cases: 1, badInputs: acts ? 0 : 1 });
      }),
      { numRuns: 200 },
    );
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 30_000);

  report.check('a sender with an opaque origin (about:blank, data:, sandboxed frame) or a look-alike extension URL is never an extension page', async (t) => {
    await signedIn();
    const bg = background();
    const before = await world();
    const urls = [
      'about:blank', 'about:srcdoc', 'data:text/html,<h1>hi', 'null', 'javascript:void 0',
      `chrome-extension://${ID}.evil.test/popup.html`, `chrome-extension://evil.test/${ID}/popup.html`,
      `https://${ID}/popup.html`, `chrome-extension://another-extension-id/popup.html`, `moz-extension://${ID}/popup.html`,
    ];
    for (const url of urls) {
      for (const sender of [{ id: ID, url }, { id: ID, url, tab: { id: 3 }, frameId: 0 }]) {
        for (const message of [{ type: 'signOut' }, { type: 'saveSettings', settings: DEFAULT_SETTINGS }, { type: 'openPortal' }]) {
          expect(await bg.handleMessage(message, sender)).toMatchObject({ ok: false, error: { kind: 'refused' } });
          t.add({ cases: 1, hostileUrls: 1 });
        }
      }
    }
    expect(await world()).toEqual(before);
  });

  report.check('a content script, whatever it sends, never gets the key back and never changes the key or settings', async (t) => {
    await signedIn();
    const bg = background();
    const settings = await settingsItem.getValue();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(bentMessage, fc.constantFrom(...VALID_TEMPLATES.filter((m) => m.type !== 'connectKey' && m.type !== 'bulkActionConfirmed' && m.type !== 'startPurchase'))),
        fc.constantFrom('http://localhost:9/prospects', `${sandbox.appUrl}/prospects`, 'https://evil.test/'),
        async (message, url) => {
          const parsed = requestSchemaOf().safeParse(message);
          // A valid connectKey from the app page signs in by design; tested on its own below.
          fc.pre(!(parsed.success && ['connectKey', 'startPurchase', 'bulkActionConfirmed'].includes(parsed.data.type)));
          const answer = await bg.handleMessage(message, contentScript(url));
          expect(JSON.stringify(answer)).not.toContain(sandbox.demoKey);
          expect(await apiKeyItem.getValue()).toBe(sandbox.demoKey);
          expect(await settingsItem.getValue()).toEqual(settings);
          t.add({ cases: 1, badInputs: parsed.success ? 0 : 1 });
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000);
});

// ---- what a content script may not do -------------------------------------------------------

describe('a content script', () => {
  const appPage = () => contentScript(`${sandbox.appUrl}/prospects`);

  report.check('cannot buy anything absent from the catalog (look-alike ids, prototype names, no catalog yet)', async (t) => {
    const bg = await signedIn();
    const before = await world();
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    const ids = fc.oneof(
      fc.constantFrom('pkg_1000', 'PKG_100', 'pkg_100 ', ' pkg_100', 'pkg_100\u0000', 'pkg_\u0031\u0030\u0030\u200b', '__proto__', 'constructor',
        'toString', 'hasOwnProperty', 'enterprise', 'free ', 'pro\n'),
      fc.string({ minLength: 1, maxLength: 100 }),
    );
    await fc.assert(
      fc.asyncProperty(ids, fc.boolean(), async (itemId, plan) => {
        fc.pre(!['pkg_50', 'pkg_100', 'pkg_250', 'pkg_500', 'free', 'basic', 'pro'].includes(itemId));
        const item = plan ? { planId: itemId } : { packageId: itemId };
        const answer = await bg.handleMessage({ type: 'startPurchase', item }, appPage());
        expect(answer).toMatchObject({ ok: false, error: { kind: 'not_found' } });
        expect(await world()).toEqual(before);
        t.add({ cases: 1, badInputs: 1 });
      }),
      { numRuns: 200 },
    );
    expect(created).not.toHaveBeenCalled();
    expect(sandbox.sessions()).toHaveLength(0);
  }, 30_000);

  report.check('cannot buy before a catalog is known, nor name two items, nor add a url to the request', async (t) => {
    const bg = await signedIn();
    await bg.store.update((current) => ({ ...current, catalog: null, catalogFetchedAt: null })); // no catalog known yet
    const before = await world();
    const requests = [
      { type: 'startPurchase', item: { packageId: 'pkg_100' } },
      { type: 'startPurchase', item: { packageId: 'pkg_100', planId: 'pro' } },
      { type: 'startPurchase', item: { packageId: 'pkg_100' }, url: 'https://evil.test/' },
      { type: 'startPurchase', item: { packageId: 'pkg_100', url: 'https://evil.test/' } },
      { type: 'startPurchase', item: 'pkg_100' },
      { type: 'startPurchase', item: { packageId: ['pkg_100'] } },
    ];
    for (const request of requests) {
      expect(await bg.handleMessage(request, appPage())).toMatchObject({ ok: false });
      t.add({ cases: 1, badInputs: 1 });
    }
    expect(await world()).toEqual(before);
  });

  report.check('asks to buy only from the app origin or an extra site the user still has', async (t) => {
    const bg = await signedIn();
    const buy = (url: string) => bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, contentScript(url));
    await settingsItem.setValue({ ...(await settingsItem.getValue()), extraSites: ['https://crm.example'] });
    const refusedFrom = ['https://evil.test/', 'https://crm.example.evil.test/', 'http://crm.example/', 'https://gone.example/'];
    for (const url of refusedFrom) {
      expect(await buy(url)).toMatchObject({ ok: false, error: { kind: 'refused' } });
      t.add({ cases: 1, hostileUrls: 1 });
    }
    expect(sandbox.requests().counts.checkout).toBe(0);
    expect(await buy('https://crm.example/leads')).toMatchObject({ ok: true });
    expect(sandbox.requests().counts.checkout).toBe(1);
    // The site removed: no more purchases from it.
    await settingsItem.setValue({ ...(await settingsItem.getValue()), extraSites: [] });
    expect(await buy('https://crm.example/leads')).toMatchObject({ ok: false, error: { kind: 'refused' } });
    t.add({ cases: 2, hostileUrls: 1 });
  });

  report.check('gets the warning run in its own frame only, and only where the warning runs (the app, an extra site the user still has)', async (t) => {
    const bg = await signedIn();
    const run = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue(undefined as never);
    await settingsItem.setValue({ ...(await settingsItem.getValue()), extraSites: ['https://crm.example'] });
    const load = (sender: Parameters<typeof bg.handleMessage>[1]) => bg.handleMessage({ type: 'loadWarning' }, sender);
    for (const url of ['https://evil.test/', 'https://crm.example.evil.test/', 'http://crm.example/', 'https://gone.example/']) {
      expect(await load(contentScript(url))).toMatchObject({ ok: false, error: { kind: 'refused' } });
      t.add({ cases: 1, hostileUrls: 1 });
    }
    expect(await load(EXTENSION_PAGE)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await load({ id: ID, url: `${sandbox.appUrl}/prospects`, tab: { id: 7 } })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(run).not.toHaveBeenCalled();

    expect(await load(contentScript(`${sandbox.appUrl}/prospects`, 3, 9))).toEqual({ ok: true, value: null });
    expect(await load(contentScript('https://crm.example/leads', 0, 11))).toEqual({ ok: true, value: null });
    expect(run.mock.calls.map(([details]) => details)).toEqual([
      { target: { tabId: 9, frameIds: [3] }, files: ['/deskflow-warning.js'] },
      { target: { tabId: 11, frameIds: [0] }, files: ['/deskflow-warning.js'] },
    ]);
    // The site removed: the warning no longer runs there.
    await settingsItem.setValue({ ...(await settingsItem.getValue()), extraSites: [] });
    expect(await load(contentScript('https://crm.example/leads'))).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(run).toHaveBeenCalledTimes(2);
    t.add({ cases: 4, hostileUrls: 1 });
  });

  report.check('a page is told only what the warning needs: no e-mail, no usage history; an extra site no account name either (asked and pushed)', async (t) => {
    const bg = await signedIn();
    await settingsItem.setValue({ ...(await settingsItem.getValue()), extraSites: ['https://crm.example'] });
    const asked = (await bg.handleMessage({ type: 'getPageState' }, contentScript('https://crm.example/leads'))) as { ok: true; value: { snapshot: Snapshot } };
    expect(asked.value.snapshot.me).toBeNull();
    expect(asked.value.snapshot.summary?.account.name).toBe('');
    expect(asked.value.snapshot.summary?.credits.remaining).toBe(412);
    expect(JSON.stringify(asked)).not.toMatch(/ana@acme\.test|Acme Sales/);
    const app = (await bg.handleMessage({ type: 'getPageState' }, contentScript(`${sandbox.appUrl}/prospects`))) as { ok: true; value: { snapshot: Snapshot } };
    expect(app.value.snapshot.summary?.account.name).toBe('Acme Sales');
    expect(app.value.snapshot.me).toBeNull();
    // The extension has the usage history (the popup shows it); the pages are not told it.
    expect(JSON.stringify(await fakeBrowser.storage.local.get('snapshot'))).toContain('"days"');
    for (const state of [asked, app]) expect(state.value.snapshot).toMatchObject({ usage: null, usageFetchedAt: null });
    expect(JSON.stringify(app)).not.toMatch(/ana@acme\.test/);
    t.add({ cases: 2 });

    const sent: Array<{ tabId: number; message: unknown }> = [];
    const tabs = [
      { id: 11, url: 'https://crm.example/leads' },
      { id: 12, url: `${sandbox.appUrl}/prospects` },
    ];
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue(tabs as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (tabId: number, message: unknown) => void sent.push({ tabId, message }));
    clock.now += 60_000;
    sandbox.adjustCredits(-2);
    await bg.refresher.refresh('user');
    const toSite = sent.filter((m) => m.tabId === 11).at(-1);
    const toApp = sent.filter((m) => m.tabId === 12).at(-1);
    expect(JSON.stringify(toSite)).not.toMatch(/ana@acme\.test|Acme Sales/);
    expect(JSON.stringify(toSite)).toContain('"remaining":410');
    expect(JSON.stringify(toApp)).toMatch(/Acme Sales/);
    expect(JSON.stringify(toApp)).not.toMatch(/ana@acme\.test|"days"/);
    vi.restoreAllMocks();
    t.add({ cases: 2 });
  });

  report.check('corrupt or partial stored settings read as the defaults for what is wrong (confirmation "always", never "off")', async (t) => {
    const bg = await signedIn();
    const garbage: unknown[] = [
      null, 42, 'off', [], { confirmation: 'OFF' }, { confirmation: 'off ' }, { confirmation: null }, { confirmation: ['off'] },
      { confirmation: { toString: 'off' } }, { extraSites: 'https://evil.test' }, { appOrigin: 'javascript:alert(1)' }, {},
      JSON.parse('{"__proto__":{"confirmation":"off"}}') as unknown,
    ];
    for (const value of garbage) {
      await fakeBrowser.storage.local.set({ settings: value });
      const state = (await bg.handleMessage({ type: 'getPageState' }, contentScript(`${sandbox.appUrl}/prospects`))) as {
        ok: boolean;
        value: { confirmation: string };
      };
      expect(state.ok).toBe(true);
      expect(state.value.confirmation).toBe('always');
      t.add({ cases: 1, badInputs: 1 });
    }
    // Partial: what is right is kept.
    await fakeBrowser.storage.local.set({ settings: { confirmation: 'short', extraSites: 7 } });
    expect(await settingsItem.getValue()).toMatchObject({ confirmation: 'short', extraSites: [] });
    t.add({ cases: 1, badInputs: 1 });
  });

  report.check('cannot read the key: no request type answers with it, and the page state has no key field', async (t) => {
    const bg = await signedIn();
    for (const template of VALID_TEMPLATES) {
      if (['connectKey', 'startPurchase', 'bulkActionConfirmed'].includes(template.type as string)) continue;
      const answer = await bg.handleMessage(template, appPage());
      expect(JSON.stringify(answer)).not.toContain(sandbox.demoKey);
      expect(JSON.stringify(answer)).not.toMatch(/dfk_/);
      t.add({ cases: 1 });
    }
    const state = await bg.handleMessage({ type: 'getPageState' }, appPage());
    expect(JSON.stringify(state)).not.toMatch(/apiKey|dfk_/i);
    t.add({ cases: 1 });
  });

  report.check('cannot read the key from storage either: local storage is restricted to extension pages, and only apiKey holds it', async (t) => {
    const setAccessLevel = vi.fn(async (_options: object) => {});
    vi.stubGlobal('chrome', { storage: { local: { setAccessLevel } } });
    try {
      const bg = await signedIn();
      await bg.started('wake');
      expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    } finally {
      vi.unstubAllGlobals();
    }
    const { apiKey, ...rest } = await fakeBrowser.storage.local.get(null);
    expect(apiKey).toBe(sandbox.demoKey);
    expect(JSON.stringify(rest)).not.toContain(sandbox.demoKey);
    t.add({ cases: 2 });
  });

  report.check('cannot change settings, sign out, set a key or open the portal (any payload)', async (t) => {
    const bg = await signedIn();
    const before = await world();
    const settingsArb = fc.oneof(
      fc.record({
        apiOrigin: fc.constantFrom(null, 'https://evil.test', 'http://localhost:1'),
        appOrigin: fc.constantFrom(null, 'https://evil.test'),
        extraSites: fc.array(fc.constantFrom('https://evil.test', 'https://bank.test'), { maxLength: 3 }),
        confirmation: fc.constantFrom('always', 'short', 'off'),
        lowBalanceNotification: fc.boolean(),
      }),
      hostileValue,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          settingsArb.map((settings) => ({ type: 'saveSettings', settings })),
          fc.constantFrom({ type: 'signOut' }, { type: 'openPortal' }, { type: 'setApiKey', key: 'dfk_attackerattackerattackerattacker' }, { type: 'refresh', force: true }),
        ),
        fc.constantFrom(`${sandbox.appUrl}/prospects`, `${sandbox.appUrl}/extension/connect`, 'https://evil.test/'),
        async (message, url) => {
          expect(await bg.handleMessage(message, contentScript(url))).toMatchObject({ ok: false, error: { kind: 'refused' } });
          expect(await world()).toEqual(before);
          t.add({ cases: 1, badInputs: 1 });
        },
      ),
      { numRuns: 100 },
    );
  }, 30_000);

  report.check('cannot open a tab: the only tab it can cause is the allowlisted checkout of a catalog item', async (t) => {
    const bg = await signedIn();
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    const answer = await bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, appPage());
    expect(answer).toEqual({ ok: true, value: { opened: true } });
    expect(created).toHaveBeenCalledTimes(1);
    expect(created.mock.calls[0]?.[0]).toEqual({ url: sandbox.sessions()[0]?.url });
    // The same click again focuses that tab instead of opening another one.
    expect(await bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, appPage())).toEqual({ ok: true, value: { opened: true } });
    expect(created).toHaveBeenCalledTimes(1);
    t.add({ cases: 2 });
  });

  report.check('a flood of bulkActionConfirmed (a hostile page clicking fast) costs at most one summary request', async (t) => {
    const bg = await signedIn();
    clock.now += 60_000;
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      for (let i = 0; i < 200; i++) {
        expect(await bg.handleMessage({ type: 'bulkActionConfirmed', action: 'enrich', count: 73 }, appPage())).toEqual({ ok: true, value: null });
      }
      vi.advanceTimersByTime(5_000);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(() => expect(sandbox.requests().counts.summary).toBe(1));
    await new Promise((r) => setTimeout(r, 100));
    expect(sandbox.requests().counts.summary).toBe(1);
    t.add({ cases: 200, badInputs: 200 });
  });
});

// ---- the connect hand-over ----------------------------------------------------------------

describe('the connect hand-over', () => {
  const KEY = 'dfk_demo_000000000000000000000000';

  report.check('background: connectKey only from the app origin top frame; look-alike origins, frames and extension pages refused, nothing stored', async (t) => {
    const bg = background();
    const app = new URL(sandbox.appUrl);
    const hostile = [
      `http://evil.test/extension/connect`,
      `https://${app.host}/extension/connect`, // https instead of http: another origin
      `http://${app.hostname}:${Number(app.port) + 1}/extension/connect`, // another port
      `http://127.0.0.1:${app.port}/extension/connect`, // the API origin, not the app's
      `http://${app.hostname}.evil.test:${app.port}/extension/connect`,
      `http://${app.hostname}.:${app.port}/extension/connect`,
      `http://evil.test/${app.host}/extension/connect`,
      `http://user@evil.test/?${app.host}`,
      `about:blank`,
      `data:text/html,${sandbox.appUrl}`,
      `chrome-extension://${ID}/popup.html`,
    ];
    const senders = [
      ...hostile.map((url) => contentScript(url)),
      ...hostile.map((url) => contentScript(url, 2)),
      contentScript(`${sandbox.appUrl}/extension/connect`, 1),
      contentScript(`${sandbox.appUrl}/extension/connect`, -1),
      { id: ID, url: `${sandbox.appUrl}/extension/connect`, frameId: 0 }, // no tab
      { id: 'another-extension-id', url: `${sandbox.appUrl}/extension/connect`, tab: { id: 7 }, frameId: 0 },
      EXTENSION_PAGE,
    ];
    const before = await world();
    for (const sender of senders) {
      expect(await bg.handleMessage({ type: 'connectKey', key: KEY }, sender)).toMatchObject({ ok: false });
      t.add({ cases: 1, hostileUrls: 1 });
    }
    expect(await world()).toEqual(before);
    expect(await apiKeyItem.getValue()).toBeNull();
    expect(await bg.handleMessage({ type: 'connectKey', key: KEY }, contentScript(`${sandbox.appUrl}/extension/connect?x=1#y`))).toMatchObject({
      ok: true,
    });
    expect(await apiKeyItem.getValue()).toBe(KEY);
    t.add({ cases: 1 });

    // The hand-over's own file (entrypoints/deskflow-connect/) is run for the same senders only.
    const run = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue(undefined as never);
    for (const sender of senders) {
      expect(await bg.handleMessage({ type: 'loadConnect' }, sender)).toMatchObject({ ok: false, error: { kind: 'refused' } });
      t.add({ cases: 1, hostileUrls: 1 });
    }
    expect(run).not.toHaveBeenCalled();
    expect(await bg.handleMessage({ type: 'loadConnect' }, contentScript(`${sandbox.appUrl}/extension/connect`, 0, 12))).toEqual({ ok: true, value: null });
    expect(run.mock.calls.map(([details]) => details)).toEqual([{ target: { tabId: 12, frameIds: [0] }, files: ['/deskflow-connect.js'] }]);
    t.add({ cases: 1 });
  });

  report.check('background: with the app origin overridden in settings, only the new origin may connect', async (t) => {
    const bg = background();
    const staging = 'https://app.staging.deskflow.test';
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiOrigin: sandbox.apiUrl, appOrigin: staging });
    expect(await bg.handleMessage({ type: 'connectKey', key: KEY }, contentScript(`${sandbox.appUrl}/extension/connect`))).toMatchObject({ ok: false });
    expect(await apiKeyItem.getValue()).toBeNull();
    expect(await bg.handleMessage({ type: 'connectKey', key: KEY }, contentScript(`${staging}/extension/connect`))).toMatchObject({ ok: true });
    t.add({ cases: 2, hostileUrls: 1 });
  });

  report.check('background: a key posted in a loop costs one GET /v1/me, and the first summary waits for the 10-s limit and Retry-After', async (t) => {
    const bg = background();
    const connect = () => bg.handleMessage({ type: 'connectKey', key: sandbox.demoKey }, contentScript(`${sandbox.appUrl}/extension/connect`));
    // 20 posts at once, then 20 more one after the other.
    const answers = [...(await Promise.all(Array.from({ length: 20 }, connect)))];
    for (let i = 0; i < 20; i += 1) answers.push(await connect());
    expect(answers.every((a) => a.ok)).toBe(true);
    await vi.waitFor(() => expect(sandbox.requests().counts.summary).toBe(1));
    expect(sandbox.requests().counts.me).toBe(1);
    t.add({ cases: 40 });

    // Other keys in a loop (a page cycling keys): refused within 10 s of the last, no request.
    const before = sandbox.requests().total;
    for (let i = 0; i < 10; i += 1) {
      const other = `dfk_loop_${String(i).padStart(24, '0')}`;
      expect(await bg.handleMessage({ type: 'connectKey', key: other }, contentScript(`${sandbox.appUrl}/extension/connect`))).toMatchObject({ ok: false });
    }
    expect(sandbox.requests().total).toBe(before);
    t.add({ cases: 10, badInputs: 10 });

    // A Retry-After in force: a new key is validated, but no summary is asked before it ends.
    sandbox.setFault('summary', { type: 'status', status: 429, retryAfter: 120 });
    clock.now += 60_000;
    await bg.refresher.refresh('alarm');
    await bg.handleMessage({ type: 'signOut' }, EXTENSION_PAGE);
    sandbox.clearFaults();
    sandbox.resetRequests();
    clock.now += 30_000;
    expect(await connect()).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandbox.requests().counts).toMatchObject({ me: 1, summary: 0 });
    t.add({ cases: 1, faults: 1 });
  });

  report.check('content side (utils/connect.ts): arbitrary events → a key only from this window, on the app origin, in the exact shape', (t) => {
    const APP = 'https://app.deskflow.app';
    const win = { location: { origin: APP } } as unknown as Window;
    const otherWindow = { location: { origin: APP } } as unknown as Window;
    const keyArb = fc.oneof(
      fc.constant(KEY),
      fc.stringMatching(/^dfk_[A-Za-z0-9_-]{20,30}$/),
      fc.constantFrom(`${KEY}<img src=x>`, ` ${KEY}`, KEY.toUpperCase(), 'dfk_', '', null, 42),
    );
    const dataArb = fc.oneof(
      fc.record({ type: fc.constantFrom(CONNECT_KEY_TYPE, 'deskflow:extension-keys', 'DESKFLOW:EXTENSION-KEY', ''), key: keyArb }),
      fc.record({ type: fc.constant(CONNECT_KEY_TYPE), key: keyArb, extra: hostileValue }),
      hostileValue,
      keyArb.map((key) => JSON.stringify({ type: CONNECT_KEY_TYPE, key })),
    );
    const originArb = fc.constantFrom(APP, `${APP}.evil.test`, 'https://evil.test', 'http://app.deskflow.app', 'https://app.deskflow.app:444', 'null', '');
    const sourceArb = fc.constantFrom<'self' | 'other' | 'none'>('self', 'other', 'none');
    fc.assert(
      fc.property(dataArb, originArb, sourceArb, fc.constantFrom(APP, 'https://evil.test'), (data, origin, source, pageOrigin) => {
        const page = { location: { origin: pageOrigin } } as unknown as Window;
        const thisWin = pageOrigin === APP ? win : page;
        const event = { data, origin, source: source === 'self' ? thisWin : source === 'other' ? otherWindow : null } as MessageEvent;
        const key = acceptConnectMessage(event, thisWin, APP);
        const d = data as { type?: unknown; key?: unknown } | null;
        const expected =
          source === 'self' && origin === APP && pageOrigin === APP && typeof d === 'object' && d !== null && d.type === CONNECT_KEY_TYPE &&
          typeof d.key === 'string' && /^dfk_[A-Za-z0-9_-]{24,200}$/.test(d.key);
        expect(key).toBe(expected ? d!.key : null);
        t.add({ cases: 1, badInputs: expected ? 0 : 1, hostileUrls: origin === APP ? 0 : 1 });
      }),
      { numRuns: 200 },
    );
  });
});

// ---- no external entry points ---------------------------------------------------------------

describe('external messaging', () => {
  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.(ts|tsx|js|mjs|html|json)$/.test(name) ? [path] : [];
    });
  }

  report.check('no onMessageExternal / onConnectExternal listener and no externally_connectable anywhere in the source', (t) => {
    const files = [...['entrypoints', 'components', 'utils'].flatMap((d) => sourceFiles(join(ROOT, d))), join(ROOT, 'wxt.config.ts')];
    const offenders = files.filter((file) => /onMessageExternal|onConnectExternal|externally_connectable|onRequestExternal/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
    t.add({ cases: files.length });
  });
});
