import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../csv-reader';
import { axClick, axCount, axFocused, axName, axText, BANNER, DIALOG, inDialog } from './ax';
import type { LoadedExtension } from './browser';
import { openApp, sandbox, screenshot, startSignedIn } from './fixtures';

/**
 * Personal limits and the spending log in a real Chromium with the production build
 * (product.md, "Personal limits and the spending log"): a block set in the options page stops
 * a large Enrich with a dialog that has no Continue; a confirmed Enrich shows in the popup's
 * week line; the log exports as a CSV a spreadsheet opens, with the right columns.
 */

let extension: LoadedExtension;
afterEach(async () => {
  await extension?.close();
});

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
/** The whole page (the options page is taller than the window). */
async function fullPageShot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** Types the limits into the options page and saves them, as a user does. */
async function setLimits(options: Page, limits: { ask?: string; block?: string; budget?: string }): Promise<void> {
  if (limits.ask !== undefined) await options.getByRole('textbox', { name: /^Ask before actions over .*credits$/ }).fill(limits.ask);
  if (limits.block !== undefined) await options.getByRole('textbox', { name: /^Block actions over .*credits$/ }).fill(limits.block);
  if (limits.budget !== undefined) await options.getByRole('textbox', { name: /^Weekly budget: .*credits$/ }).fill(limits.budget);
  await options.getByRole('button', { name: 'Save limits' }).click();
  await options.getByText('Saved', { exact: true }).waitFor();
}

const selectPage = (page: Page) => page.getByRole('checkbox', { name: 'Select all on this page' }).check();
const enrich = (page: Page) => page.getByRole('button', { name: 'Enrich', exact: true });

describe('personal limits', () => {
  it('a block of 500: select all 1,204 → Enrich shows the dialog without Continue, Cancel runs nothing, the link opens the limits', async () => {
    extension = await startSignedIn('basic');
    const options = await extension.open('options.html');
    await setLimits(options, { block: '500' });
    await fullPageShot(options, 'limits-options');

    const page = await openApp(extension, '/prospects');
    await selectPage(page);
    await page.getByRole('button', { name: 'Select all 1,204 prospects' }).click();
    await expect.poll(() => axText(page, BANNER)).toMatch(/Enrich needs 1,204 credits/);
    await enrich(page).click();

    await expect.poll(() => axCount(page, DIALOG)).toBe(1);
    expect(await axName(page, DIALOG)).toBe('Over your limit');
    expect(await axText(page, DIALOG)).toContain('Enrich 1,204 prospects would use 1,204 credits — over your limit of 500 per action.');
    expect(await axCount(page, inDialog('Continue'))).toBe(0);
    expect(await axCount(page, inDialog('Cancel'))).toBe(1);
    expect(await axFocused(page, inDialog('Cancel'))).toBe(true);
    expect(await axCount(page, { role: 'link', name: 'Change your limits', within: DIALOG })).toBe(1);
    await screenshot(page, 'limits-blocked-dialog');

    // Enter on Cancel closes it, and the key's release does not ask again; nothing ran.
    await page.keyboard.press('Enter');
    await expect.poll(() => axCount(page, DIALOG)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await axCount(page, DIALOG)).toBe(0);
    expect(await sandbox.actions()).toEqual([]);

    // The link: the options page opens at the limits; the action is dropped.
    await enrich(page).click();
    await expect.poll(() => axCount(page, DIALOG)).toBe(1);
    const opened = extension.context.waitForEvent('page');
    await axClick(page, { role: 'link', name: 'Change your limits', within: DIALOG });
    const limitsPage = await opened;
    await limitsPage.waitForLoadState();
    expect(limitsPage.url()).toBe(`chrome-extension://${extension.extensionId}/options.html#limits`);
    const block = limitsPage.getByRole('textbox', { name: /^Block actions over .*credits$/ });
    await expect.poll(() => block.inputValue()).toBe('500');
    await expect.poll(() => limitsPage.evaluate(() => document.activeElement?.getAttribute('inputmode'))).toBe('numeric');
    await expect.poll(() => axCount(page, DIALOG)).toBe(0);
    expect(await sandbox.actions()).toEqual([]);

    // 50 prospects are within the block: the usual question, and Continue runs it once.
    await page.goto(`${sandbox.appUrl}/prospects`);
    await selectPage(page);
    await enrich(page).click();
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 50 prospects\?.*Uses 50 credits/);
    await axClick(page, inDialog('Continue'));
    await expect.poll(() => sandbox.actions()).toHaveLength(1);
  });

  it('confirm 50 → the popup says 50 this week; export → a CSV with the right columns that reads back', async () => {
    extension = await startSignedIn('basic');
    const options = await extension.open('options.html');
    await setLimits(options, { budget: '300' });

    const page = await openApp(extension, '/prospects');
    await selectPage(page);
    await enrich(page).click();
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 50 prospects\?/);
    await axClick(page, inDialog('Continue'));
    await expect.poll(() => sandbox.actions()).toHaveLength(1);
    const title = await page.title();

    const popup = await extension.open('popup.html');
    await popup.getByText('This week: 50 credits through this browser, of your 300 budget').waitFor();
    await popup.setViewportSize({ width: 380, height: 640 });
    await screenshot(popup, 'limits-popup-week-line');

    // The options page lists it, newest first, and exports it.
    await options.reload();
    const log = options.getByRole('region', { name: 'Spending log' });
    await log.getByRole('cell', { name: 'Enrich' }).waitFor();
    await fullPageShot(options, 'limits-options-log');
    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^deskflow-credits-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(await file.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const zone = await options.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([`Time (${zone})`, 'Page', 'Page title', 'Action', 'Prospects', 'Credits']);
    expect(rows.slice(1)).toEqual([[expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), `${sandbox.appUrl}/prospects`, title, 'Enrich', '50', '50']]);

    // Clear asks first, then empties the log; the popup's line says 0.
    await options.getByRole('button', { name: 'Clear log' }).click();
    await options.getByRole('group', { name: /^Clear the log's only entry\?/ }).getByRole('button', { name: 'Clear', exact: true }).click();
    await options.getByText('No credit-spending actions yet.').waitFor();
    await popup.getByText('This week: 0 credits through this browser, of your 300 budget').waitFor();
  });

  it('over the weekly budget the confirmation says by how much', async () => {
    extension = await startSignedIn('basic');
    const options = await extension.open('options.html');
    await setLimits(options, { budget: '30' });
    const page = await openApp(extension, '/prospects');
    await selectPage(page);
    await enrich(page).click();
    await expect.poll(() => axText(page, DIALOG)).toContain('That is 20 credits over your weekly budget of 30 (0 used this week).');
    expect(await axCount(page, { role: 'alertdialog' })).toBe(1);
    await screenshot(page, 'limits-over-budget-dialog');
    await axClick(page, inDialog('Cancel'));
    expect(await sandbox.actions()).toEqual([]);
  });
});
