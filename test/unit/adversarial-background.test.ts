// @vitest-environment node
/**
 * Adversarial: the background under bad answers, outages and old browsers (issue 14). Oversized
 * strings and bodies from the API, a checkout watch during an outage, a corrupted snapshot, a
 * tab that cannot open, http: and redirecting API origins, an API origin switched under a
 * running watch, the storage access level, extra sites with partial permissions and ports.
 * fakeBrowser for the browser, the sandbox (and small local servers) for the network.
 */
import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '@/utils/background';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { parseSnapshot, type Snapshot } from '@/utils/snapshot';
import { settingsItem, snapshotItem } from '@/utils/storage';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { reliabilityReport } from './report';

const report = reliabilityReport('Bad answers, outages, old browsers', 'adversarial-background.test.ts', 5);

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const EXTENSION_PAGE = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };
const MINUTE = 60_000;

let clock: number;
function background(over: Parameters<typeof createBackground>[0] = {}) {
  return createBackground({ now: () => clock, billing: { sleep: async () => {} }, ...over });
}
async function snapshot(): Promise<Snapshot> {
  return parseSnapshot(await snapshotItem.getValue());
}
async function signedIn(bg = background()) {
  expect(await bg.handleMessage({ type: 'setApiKey', key: sandbox.demoKey }, EXTENSION_PAGE)).toMatchObject({ ok: true });
  await bg.refresher.refresh('sign-in');
  expect((await snapshot()).summary?.credits.remaining).toBe(412);
  sandbox.resetRequests();
  return bg;
}
const chars = (s: string | undefined) => Array.from(s ?? '').length;

beforeEach(async () => {
  sandbox.setScenario('basic');
  clock = Date.parse('2026-11-26T10:00:00Z');
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiOrigin: sandbox.apiUrl, appOrigin: sandbox.appUrl });
});

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
    clock += 2 * 60 * MINUTE; // the catalog is re-read too
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
    clock += MINUTE;
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
      clock += 10 * MINUTE;
      await bg.refresher.refresh('user');
      const message = (await snapshot()).lastError?.message;
      expect(chars(message)).toBe(expected);
      expect(message?.endsWith('…')).toBe(length! > 1_000);
      t.add({ cases: 1, badInputs: 1 });
    }
  });
});
