import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoadedExtension } from './browser';
import { axClick, axCount, axText, BANNER, DIALOG, inBanner, inDialog } from './ax';
import { badgeOf, openApp as openAppIn, sandbox, screenshot, startSignedIn } from './fixtures';

let extension: LoadedExtension;
let pageErrors: string[];

async function start(scenario: string): Promise<void> {
  extension = await startSignedIn(scenario);
}
afterEach(async () => {
  await extension?.close();
});

/** A page of the app; its script and console errors (since it opened) in `pageErrors`. */
function openApp(path: string): Promise<Page> {
  pageErrors = [];
  return openAppIn(extension, path, pageErrors);
}

const bannerText = (page: Page) => axText(page, BANNER);

/** Selects the first `n` prospects of the current page (50 a page). */
async function selectOnPage(page: Page, n: number): Promise<void> {
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  const rows = page.locator('section[data-deskflow-list] tbody input[type=checkbox]');
  for (let i = 49; i >= n; i -= 1) await rows.nth(i).uncheck();
}

describe('the in-page warning on Deskflow lists', () => {
  beforeEach(() => start('basic'));

  it('49 selected shows nothing; 50 shows the cost and what is left; select all follows', async () => {
    const page = await openApp('/prospects');
    await selectOnPage(page, 49);
    await expect.poll(() => page.locator('[data-deskflow-selection-count]').getAttribute('data-deskflow-selection-count')).toBe('49');
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few frames: still nothing
    expect(await axCount(page, BANNER)).toBe(0);

    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => bannerText(page)).toMatch(/50 prospects selected · Enrich uses 50 credits · 362 left after/);
    await screenshot(page, 'warning-banner');

    await page.getByRole('button', { name: 'Select all 1,204 prospects' }).click();
    await expect.poll(() => bannerText(page)).toMatch(/Enrich needs 1,204 credits — you have 412 \(792 short\)/);
    expect(await axCount(page, { role: 'alert', name: 'Deskflow credits' })).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('Enrich asks first: Cancel runs nothing, Continue runs it exactly once, free actions pass', async () => {
    const page = await openApp('/prospects');
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => bannerText(page)).toMatch(/50 prospects selected/);

    await page.getByRole('button', { name: 'Enrich', exact: true }).click();
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 50 prospects\?.*Uses 50 credits, 362 left after\./);
    await screenshot(page, 'warning-dialog');
    await axClick(page, inDialog('Cancel'));
    await expect.poll(() => axCount(page, DIALOG)).toBe(0);
    expect(await sandbox.actions()).toEqual([]);

    await page.getByRole('button', { name: 'Enrich', exact: true }).click();
    await expect.poll(() => axCount(page, DIALOG)).toBe(1);
    await axClick(page, inDialog('Continue'));
    await expect.poll(() => sandbox.actions()).toHaveLength(1);
    expect((await sandbox.actions())[0]).toMatchObject({ action: 'enrich', count: 50 });
    // The balance follows by itself shortly after the action.
    await expect.poll(() => badgeOf(extension).then((b) => b.text), { timeout: 20_000 }).toBe('362');

    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await page.getByRole('button', { name: 'Add to campaign' }).click();
    await expect.poll(() => sandbox.actions()).toHaveLength(2);
    expect(await axCount(page, DIALOG)).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('follows single-page navigation between lists', async () => {
    const page = await openApp('/prospects');
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => bannerText(page)).toMatch(/50 prospects selected/);
    await page.getByRole('link', { name: 'Saved leads' }).click();
    await expect.poll(() => page.url()).toBe(`${sandbox.appUrl}/lists/saved`);
    await expect.poll(() => axCount(page, BANNER)).toBe(0);
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => bannerText(page)).toMatch(/50 prospects selected/);
    expect(pageErrors).toEqual([]);
  });

  it('after an extension reload the page works on, and the orphaned guard still asks (it never fails open)', async () => {
    const page = await openApp('/prospects');
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => bannerText(page)).toMatch(/50 prospects selected/);
    const worker = await extension.worker();
    await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);
    await page.getByRole('checkbox', { name: 'Select all on this page' }).uncheck();
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await page.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Export 50 prospects\?Uses about 50 credits\. .*updated or reloaded/);
    expect(await sandbox.actions()).toEqual([]);
    await axClick(page, inDialog('Continue'));
    await expect.poll(() => sandbox.actions()).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});

describe('when credits are short', () => {
  beforeEach(() => start('low'));

  it('turns into an alert with the smallest covering package, and buying from it opens one checkout', async () => {
    const page = await openApp('/prospects');
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => bannerText(page)).toMatch(/Enrich needs 50 credits — you have 40 \(10 short\)/);
    await screenshot(page, 'warning-banner-short');
    const opened = extension.context.waitForEvent('page');
    await axClick(page, inBanner(/^Buy 50 credits/));
    const checkout = await opened;
    await checkout.waitForLoadState();
    await checkout.getByRole('button', { name: 'Pay' }).click();
    // The banner follows the new balance by itself, offering to carry on (test/e2e/carry-on.e2e.ts).
    await expect.poll(() => bannerText(page), { timeout: 15_000 }).toMatch(/50 credits added — Enrich 50 prospects now\?.*40 left after/);
    expect(await sandbox.sessions()).toHaveLength(1);
  });
});

describe('buying from the popup and the banner at once', () => {
  beforeEach(() => start('low'));

  it('creates one checkout session and opens one tab', async () => {
    const page = await openApp('/prospects');
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => axCount(page, inBanner(/^Buy 50 credits/))).toBe(1);
    const popup = await extension.open('popup.html');
    const popupBuy = popup.getByRole('button', { name: /^Buy 50 credits/ });
    await popupBuy.waitFor();
    const pagesBefore = extension.context.pages().length;
    await Promise.all([axClick(page, inBanner(/^Buy 50 credits/)), popupBuy.click()]);
    await expect.poll(() => sandbox.sessions().then((s) => s.length)).toBe(1);
    await expect.poll(() => extension.context.pages().length).toBe(pagesBefore + 1);
    await new Promise((resolve) => setTimeout(resolve, 500)); // and nothing more follows
    expect(await sandbox.sessions()).toHaveLength(1);
    expect(extension.context.pages()).toHaveLength(pagesBefore + 1);
  });
});

describe('a virtualised ARIA grid without Deskflow markup', () => {
  it('select all counts every row, from aria-rowcount', async () => {
    await start('pro');
    const page = await openApp('/grid');
    await page.getByRole('checkbox', { name: 'Select all' }).click();
    await expect.poll(() => bannerText(page)).toMatch(/2,000 prospects selected · (Enrich|Export) uses 2,000 credits/);
    await screenshot(page, 'warning-grid');
  });

  it('a partial selection says "at least N"', async () => {
    await start('free'); // on Free, enriching costs credits from the first prospect
    const page = await openApp('/grid');
    const rows = page.getByRole('row').locator('input[type=checkbox]');
    await rows.nth(0).check();
    await rows.nth(1).check();
    await rows.nth(2).check();
    await expect.poll(() => bannerText(page)).toMatch(/^At least 3 prospects selected · Enrich uses at least 3 credits · at most 15 left after/);
  });
});
