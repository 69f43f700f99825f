import type { Locator, Page } from 'playwright-core';
import { axCount, axFocused, axText, BANNER, DIALOG, inDialog } from './ax';
import { afterEach, describe, expect, it } from 'vitest';
import { focused } from './axe';
import type { LoadedExtension } from './browser';
import { sandbox, signInWithKey, startBrowser } from './fixtures';

/**
 * A keyboard-only journey, no mouse anywhere: the popup (opened as a page: headless Chromium
 * cannot press the browser's extension shortcut, so the test checks the shortcut is registered
 * instead), Buy, then a bulk selection on Deskflow's prospects page, its confirmation
 * cancelled with Escape and confirmed with Enter.
 */

let extension: LoadedExtension;
afterEach(async () => {
  await extension?.close();
});

const hasFocus = (target: Locator) => target.evaluate((element) => element.matches(':focus')).catch(() => false);

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 40 } = {}): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await hasFocus(target)) return presses;
  }
  throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} never reached the target; focus is on ${await focused(page)}`);
}

describe('keyboard only', () => {
  it('the popup shortcut is registered: Alt+Shift+D opens the popup (_execute_action)', async () => {
    await sandbox.scenario('basic');
    extension = await startBrowser();
    const worker = await extension.worker();
    const commands = await worker.evaluate(() =>
      (globalThis as unknown as { chrome: { commands: { getAll(): Promise<Array<{ name?: string; shortcut?: string }>> } } }).chrome.commands.getAll(),
    );
    expect(commands).toEqual(expect.arrayContaining([expect.objectContaining({ name: '_execute_action', shortcut: 'Alt+Shift+D' })]));
    const options = await extension.open('options.html');
    const section = options.getByRole('region', { name: 'Keyboard shortcut' });
    await expect.poll(() => section.locator('kbd').textContent()).toBe('Alt+Shift+D');
    expect(await section.textContent()).toContain('chrome://extensions/shortcuts');
  });

  it('popup → Buy 50 credits → select on the prospects page → Enrich → Escape cancels → Enter, Enter runs it once', async () => {
    await sandbox.scenario('basic');
    extension = await startBrowser();
    await (await signInWithKey(extension)).close();

    // The popup: Tab through it to the first package and buy it with Enter.
    const popup = await extension.open('popup.html');
    const buy = popup.getByRole('button', { name: /^Buy 50 credits/ });
    await expect.poll(() => buy.isVisible()).toBe(true);
    const presses = await tabTo(popup, buy);
    // Shift+Tab goes back the way it came, and Tab returns.
    await popup.keyboard.press('Shift+Tab');
    expect(await hasFocus(buy)).toBe(false);
    await popup.keyboard.press('Tab');
    expect(await hasFocus(buy)).toBe(true);
    expect(presses).toBeLessThan(10); // the header links and nothing else come first
    const checkoutOpened = extension.context.waitForEvent('page');
    await popup.keyboard.press('Enter');
    const checkout = await checkoutOpened;
    await checkout.waitForLoadState();
    expect(checkout.url()).toMatch(new RegExp(`^${sandbox.appUrl}/checkout/`));
    expect(await sandbox.sessions()).toHaveLength(1);
    await checkout.close();

    // The prospects page: select the page with Space on the header checkbox.
    const page = await extension.context.newPage();
    await page.goto(`${sandbox.appUrl}/prospects`);
    await page.bringToFront();
    const selectAll = page.getByRole('checkbox', { name: 'Select all on this page' });
    await tabTo(page, selectAll);
    await page.keyboard.press('Space');
    await expect.poll(() => axText(page, BANNER)).toMatch(/^50 prospects selected/);

    // The bulk bar appears above the list: Shift+Tab back to Enrich. Enter asks first, with
    // the focus inside the dialog on Continue.
    const enrich = page.getByRole('button', { name: 'Enrich', exact: true });
    await tabTo(page, enrich, { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => axCount(page, DIALOG)).toBe(1);
    await expect.poll(() => axFocused(page, inDialog('Continue'))).toBe(true);
    // Tab and Shift+Tab stay in the dialog.
    await page.keyboard.press('Tab');
    expect(await axFocused(page, inDialog('Cancel'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await axFocused(page, inDialog('Continue'))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await axFocused(page, inDialog('Cancel'))).toBe(true);
    await page.keyboard.press('Shift+Tab');

    // Escape cancels: nothing runs, and the focus is back on Enrich.
    await page.keyboard.press('Escape');
    await expect.poll(() => axCount(page, DIALOG)).toBe(0);
    await expect.poll(() => hasFocus(enrich)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await sandbox.actions()).toEqual([]);

    // Enter again, then Enter on Continue: the page's action runs exactly once.
    await page.keyboard.press('Enter');
    await expect.poll(() => axFocused(page, inDialog('Continue'))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => sandbox.actions()).toHaveLength(1);
    expect((await sandbox.actions())[0]).toMatchObject({ action: 'enrich', count: 50 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await sandbox.actions()).toHaveLength(1);
    expect(await axCount(page, DIALOG)).toBe(0);
  });
});
