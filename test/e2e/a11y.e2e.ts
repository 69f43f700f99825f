import type { Page } from 'playwright-core';
import { axClick, axCount, axNodeId, axText, BANNER, DIALOG, inBanner } from './ax';
import { afterEach, describe, expect, it } from 'vitest';
import { axePasses, axeViolations, settle, type AxeViolation } from './axe';
import type { LoadedExtension } from './browser';
import { pollUntilMatches, sandbox, signInWithKey, startBrowser } from './fixtures';

const STATUS = { role: 'status', name: 'Deskflow credits' } as const;
const ALERT = { role: 'alert', name: 'Deskflow credits' } as const;

/**
 * axe-core in the real browser on every state of the popup the sandbox's scenarios and faults
 * reach, the options page, the in-page banner (status, alert, dock) and the confirmation
 * (dialog, alertdialog), in light and dark: zero violations of WCAG 2.2 A/AA and axe's best
 * practices. Then the screen-reader side: live regions and what they say.
 */

let extension: LoadedExtension;
afterEach(async () => {
  await sandbox.clearFaults();
  await extension?.close();
});

type Found = { state: string; scheme: 'light' | 'dark'; violations: AxeViolation[] };

/** Runs axe on the page as it is, in light and in dark, and records what it finds. */
function checker() {
  const found: Found[] = [];
  return {
    found,
    async check(state: string, page: Page, options: Parameters<typeof axeViolations>[1] = {}) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await settle(page);
        found.push({ state, scheme, violations: await axeViolations(page, options) });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    },
    /** Every state checked, and not one violation. */
    expectNone() {
      expect(found.length).toBeGreaterThan(0);
      const failures = found.filter((f) => f.violations.length > 0);
      expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
    },
  };
}

const meterValue = (popup: Page) =>
  popup.getByRole('meter', { name: 'Credits remaining' }).getAttribute('aria-valuenow');

/** Switches the sandbox's account and lets the popup's Refresh bring it in. */
async function scenario(popup: Page, name: string, remaining: string): Promise<void> {
  await sandbox.scenario(name);
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => meterValue(popup), { timeout: 10_000 }).toBe(remaining);
}

/** Rewrites the stored snapshot from the service worker (as time passing would). */
async function ageSnapshot(ext: LoadedExtension, minutes: number): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(async (ms) => {
    type Local = { get(key: string): Promise<Record<string, { fetchedAt: number }>>; set(items: object): Promise<void> };
    const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local;
    const { snapshot } = await local.get('snapshot');
    await local.set({ snapshot: { ...snapshot, fetchedAt: Date.now() - ms } });
  }, minutes * 60_000);
}

describe('axe: zero violations', () => {
  it('the popup in every state, and the options page signed out and connected', async () => {
    const axe = checker();
    await sandbox.scenario('basic');
    extension = await startBrowser();

    const signedOut = await extension.open('popup.html');
    await expect.poll(() => signedOut.getByRole('button', { name: 'Sign in with Deskflow' }).isVisible()).toBe(true);
    await axe.check('popup: signed out', signedOut);
    const optionsSignedOut = await extension.open('options.html');
    await expect.poll(() => optionsSignedOut.getByLabel('API key').isVisible()).toBe(true);
    await axe.check('options: signed out', optionsSignedOut);
    await optionsSignedOut.getByLabel('API key').fill('dfk_not_a_real_key_at_all_000000');
    await optionsSignedOut.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => optionsSignedOut.getByRole('alert').first().textContent()).toMatch(/refused this key/);
    await axe.check('options: a refused key', optionsSignedOut);
    await optionsSignedOut.close();

    const options = await signInWithKey(extension);
    await expect.poll(() => options.getByText(/Connected as/).isVisible()).toBe(true);
    await axe.check('options: connected', options);

    const popup = await extension.open('popup.html');
    await expect.poll(() => meterValue(popup)).toBe('412');
    await axe.check('popup: fresh (basic)', popup);
    await popup.getByRole('button', { name: 'Refresh' }).focus();
    await axe.check('popup: fresh, Refresh focused', popup);

    for (const [name, remaining, state] of [
      ['low', '40', 'popup: low, short (suggested package first)'],
      ['zero', '0', 'popup: zero'],
      ['member', '412', 'popup: member'],
      ['canceled', '412', 'popup: canceled plan'],
      ['pro', '12345', 'popup: pro (top tier, no upgrade)'],
      ['free', '18', 'popup: free'],
    ] as const) {
      await scenario(popup, name, remaining);
      await axe.check(state, popup);
    }
    await scenario(popup, 'basic', '412');

    await sandbox.fault('summary', { type: 'status', status: 500 });
    await popup.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => popup.getByRole('alert').first().textContent(), { timeout: 15_000 }).toMatch(/Couldn.t refresh/);
    await axe.check('popup: error (refresh failed, data recent)', popup);

    await ageSnapshot(extension, 20);
    const stale = await extension.open('popup.html');
    await expect.poll(() => stale.getByText(/Showing data from/).isVisible(), { timeout: 15_000 }).toBe(true);
    await axe.check('popup: stale', stale);
    await stale.close();

    // Signed in, but the first summary fails: nothing to show but the reason.
    await options.getByRole('button', { name: 'Sign out' }).click();
    await sandbox.fault('summary', { type: 'status', status: 503 });
    await signInWithKey(extension);
    const noData = await extension.open('popup.html');
    // The first summary after signing in again waits for the 10-s refresh limit, then retries.
    await pollUntilMatches(extension, () => noData.locator('body').innerText(), /Couldn't load your credits/, 30_000);
    await axe.check('popup: no data (first refresh failed)', noData);

    // Waiting for a slow first answer: the skeleton.
    await options.getByRole('button', { name: 'Sign out' }).click();
    await sandbox.fault('summary', { type: 'latency', ms: 8_000 });
    await options.getByLabel('API key').fill(sandbox.demoKey);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    const loading = await extension.open('popup.html');
    await expect.poll(() => loading.getByRole('status').filter({ hasText: 'Loading your credits…' }).count(), { timeout: 5_000 }).toBe(1);
    await axe.check('popup: first load', loading);
    await sandbox.clearFaults();
    await expect.poll(() => meterValue(loading), { timeout: 20_000 }).toBe('412');

    // A checkout tab open: the popup waits for the payment.
    const checkoutOpened = extension.context.waitForEvent('page');
    await loading.getByRole('button', { name: /^Buy 50 credits/ }).click();
    await checkoutOpened;
    await expect.poll(() => loading.getByRole('status').filter({ hasText: 'waiting for payment' }).isVisible()).toBe(true);
    await axe.check('popup: waiting for payment', loading);

    // Last: a Retry-After outlives a sign-out (it is Deskflow's, not the key's).
    // The 429 reaches the popup by Refresh or by the checkout watch's 5-s poll, whichever comes
    // first; after the watch's, Refresh is already aria-disabled (a wait hint), so the click is forced.
    await sandbox.fault('summary', { type: 'status', status: 429, retryAfter: 600 });
    await loading.getByRole('button', { name: 'Refresh' }).click({ force: true });
    await expect.poll(() => loading.getByText(/retrying at/i).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await axe.check('popup: rate limited', loading);

    axe.expectNone();
  }, 240_000);

  it('the banner (status, expanded, alert, dock, signed out) and the confirmation (dialog, alertdialog)', async () => {
    const axe = checker();
    await sandbox.scenario('basic');
    extension = await startBrowser();
    const options = await signInWithKey(extension);
    const ours = { include: ['deskflow-credits-warning', 'deskflow-credits-dock', 'deskflow-credits-confirm'] };

    const page = await extension.context.newPage();
    await page.goto(`${sandbox.appUrl}/prospects`);
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => axText(page, STATUS)).toMatch(/50 prospects selected/);
    // axe sees into the banner's shadow root: its button is among what it checked.
    expect(JSON.stringify(await axePasses(page, 'button-name', ours))).toContain('deskflow-credits-warning');
    await axe.check('banner: status', page, ours);
    await axClick(page, inBanner(/more action/));
    await expect.poll(() => axCount(page, { role: 'listitem', within: BANNER })).toBeGreaterThan(0);
    await axe.check('banner: other actions expanded', page, ours);

    await page.getByRole('button', { name: 'Enrich', exact: true }).click();
    await expect.poll(() => axCount(page, { role: 'dialog' })).toBe(1);
    await axe.check('confirmation: dialog', page, ours);
    await page.keyboard.press('Escape');
    await expect.poll(() => axCount(page, DIALOG)).toBe(0);

    await page.getByRole('button', { name: 'Select all 1,204 prospects' }).click();
    await expect.poll(() => axText(page, ALERT)).toMatch(/Enrich needs 1,204 credits/);
    await axe.check('banner: alert (short), Buy and Upgrade', page, ours);
    await page.getByRole('button', { name: 'Enrich', exact: true }).click();
    await expect.poll(() => axCount(page, { role: 'alertdialog' })).toBe(1);
    await axe.check('confirmation: alertdialog (short)', page, ours);
    await page.keyboard.press('Escape');

    const grid = await extension.context.newPage();
    await grid.goto(`${sandbox.appUrl}/grid`);
    await grid.getByRole('checkbox', { name: 'Select all' }).click();
    await expect.poll(() => axText(grid, BANNER)).toMatch(/Enrich/);
    await axe.check('banner: in the dock (a grid without a bulk bar)', grid, ours);

    await options.getByRole('button', { name: 'Sign out' }).click();
    await page.reload();
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => axText(page, STATUS)).toMatch(/Sign in to Deskflow Credits/);
    await axe.check('banner: signed out (estimate)', page, ours);

    axe.expectNone();
  }, 180_000);
});

describe('screen readers', () => {
  it('the banner is one live region: its words change in place as the selection does, status → alert', async () => {
    await sandbox.scenario('basic');
    extension = await startBrowser();
    await signInWithKey(extension);
    const page = await extension.context.newPage();
    await page.goto(`${sandbox.appUrl}/prospects`);
    const rows = page.locator('section[data-deskflow-list] tbody input[type=checkbox]');
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => axText(page, STATUS)).toMatch(/^50 prospects selected/);
    // The live region's element: a re-mounted one would be another node.
    const region = await axNodeId(page, STATUS);

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await rows.first().check();
    await expect.poll(() => axText(page, STATUS)).toMatch(/^51 prospects selected · Enrich uses 51 credits · 361 left after/);
    expect(await axNodeId(page, STATUS)).toBe(region);

    await page.getByRole('button', { name: 'Select all 1,204 prospects' }).click();
    await expect.poll(() => axCount(page, ALERT)).toBe(1);
    expect(await axNodeId(page, ALERT)).toBe(region);
    expect(await axText(page, ALERT)).toMatch(/^Enrich needs 1,204 credits — you have 412 \(792 short\)/);

    await rows.first().uncheck();
    await expect.poll(() => axText(page, ALERT)).toMatch(/^Enrich needs 1,203 credits — you have 412 \(791 short\)/);
    expect(await axCount(page, ALERT)).toBe(1);
    expect(await axCount(page, STATUS)).toBe(0);
    expect(await axNodeId(page, ALERT)).toBe(region);
  });

  it('the popup says what happens through status and alert regions', async () => {
    await sandbox.scenario('basic');
    extension = await startBrowser();
    await signInWithKey(extension);
    const popup = await extension.open('popup.html');
    await expect.poll(() => meterValue(popup)).toBe('412');
    // "Last updated …" / "Refreshing…" is a polite live region.
    expect(await popup.locator('.footer__updated').getAttribute('aria-live')).toBe('polite');

    // Errors first: the checkout watch started by Buy re-reads the summary every 5 s and
    // would keep re-rendering the error under the test's feet.
    await sandbox.fault('summary', { type: 'status', status: 500 });
    await popup.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => popup.getByRole('alert').first().textContent(), { timeout: 15_000 }).toMatch(/Couldn.t refresh your credits/);

    await sandbox.fault('summary', { type: 'status', status: 429, retryAfter: 600 });
    // Once the failed refresh (with its retries) is over, Retry asks again.
    await expect.poll(() => popup.getByRole('button', { name: 'Refresh' }).getAttribute('aria-busy'), { timeout: 15_000 }).toBeNull();
    await popup.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => popup.getByRole('status').filter({ hasText: /asked us to wait/ }).count(), { timeout: 15_000 }).toBe(1);

    const opened = extension.context.waitForEvent('page');
    await popup.getByRole('button', { name: /^Buy 50 credits/ }).click();
    await opened;
    // Deskflow still asks us to wait: the popup says the new balance will be checked when it may.
    await expect.poll(() => popup.getByRole('status').filter({ hasText: /Checking your new balance/ }).count()).toBe(1);
  });
});
