import type { Page } from 'playwright-core';
import { axAttribute, axClick, axCount, axText, DIALOG, inDialog } from './ax';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import type { LoadedExtension } from './browser';
import { badgeOf, sandbox, screenshot, startBrowser } from './fixtures';

/**
 * The real extension in a German browser (Chromium with --lang=de-DE): the browser picks the
 * German catalog, numbers, prices and dates follow de-DE, nothing overflows the 360-px popup,
 * and axe finds nothing in German either.
 */

let extension: LoadedExtension;
beforeEach(async () => {
  await sandbox.scenario('basic');
  extension = await startBrowser({ locale: 'de-DE' });
});
afterEach(async () => {
  await extension?.close();
});

/** Elements that stick out of the popup, or whose text is cut off inside them. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('.popup');
    if (!root) return ['no .popup'];
    const edge = root.getBoundingClientRect().right + 0.5;
    const found: string[] = [];
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      if (element.closest('[aria-hidden="true"], .visually-hidden, svg')) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (box.right > edge || (clips && element.scrollWidth > element.clientWidth + 1)) {
        found.push(`${element.tagName.toLowerCase()}.${element.className}: "${element.textContent?.trim().slice(0, 60)}"`);
      }
    }
    return found;
  });
}

async function signInGerman(): Promise<Page> {
  const options = await extension.open('options.html');
  await options.getByLabel('API-Schlüssel').fill(sandbox.demoKey);
  await options.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect.poll(() => badgeOf(extension).then((b) => b.text), { timeout: 10_000 }).toBe('412');
  return options;
}

describe('in a German browser', () => {
  it('the manifest, options, popup and badge speak German, with German numbers, prices and dates', async () => {
    const worker = await extension.worker();
    const manifest = await worker.evaluate(() => {
      const chrome = (globalThis as unknown as { chrome: { i18n: { getMessage(k: string): string; getUILanguage(): string } } }).chrome;
      return { description: chrome.i18n.getMessage('extDescription'), ui: chrome.i18n.getUILanguage() };
    });
    // Debian's Chromium has only English until chromium-l10n is installed (.ci/run does).
    expect(manifest.ui, 'Chromium has no German UI here: install chromium-l10n').toMatch(/^de/);
    expect(manifest.description).toMatch(/^Ihre Deskflow-Credits auf einen Blick/);
    await expect.poll(() => badgeOf(extension).then((b) => b.title)).toBe('Deskflow Credits: nicht angemeldet');

    const signedOut = await extension.open('popup.html');
    await signedOut.setViewportSize({ width: 360, height: 600 });
    await expect.poll(() => signedOut.getByRole('button', { name: 'Mit Deskflow anmelden' }).isVisible()).toBe(true);
    expect(await signedOut.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await overflowing(signedOut)).toEqual([]);
    await screenshot(signedOut, 'de-popup-signed-out');

    const options = await signInGerman();
    await expect.poll(() => options.getByText(/Verbunden als/).isVisible()).toBe(true);
    expect(await options.title()).toBe('Deskflow Credits – Einstellungen');
    await expect.poll(() => options.getByRole('region', { name: 'Tastenkürzel' }).locator('kbd').textContent()).toMatch(/D$/);
    await screenshot(options, 'de-options-connected');
    expect(await axeViolations(options)).toEqual([]);

    const popup = await extension.open('popup.html');
    await popup.setViewportSize({ width: 360, height: 600 });
    const meter = popup.getByRole('meter', { name: 'Verbleibende Credits' });
    await expect.poll(() => meter.getAttribute('aria-valuetext')).toBe('412 von 550 Credits');
    expect(await popup.getByRole('button', { name: /^Kaufen: 50 Credits · 25,00\s\$ · 0,50\s\$ pro Credit$/ }).isVisible()).toBe(true);
    expect(await popup.getByRole('button', { name: /^Upgrade auf Pro · 99,00\s\$\/Monat · 2\.000 Credits pro Monat/ }).isVisible()).toBe(true);
    expect(await popup.getByText(/^Verlängerung am \d{1,2}\. \w+\.?$/).isVisible()).toBe(true);
    expect(await popup.getByText(/^Aktualisiert /).isVisible()).toBe(true);
    expect(await overflowing(popup)).toEqual([]);
    await screenshot(popup, 'de-popup-fresh');
    expect(await axeViolations(popup)).toEqual([]);
    expect((await badgeOf(extension)).title).toMatch(/^Deskflow: 412 Credits übrig · Basic · Verlängerung am /);

    await sandbox.scenario('low');
    await popup.getByRole('button', { name: 'Aktualisieren' }).click();
    await expect.poll(() => meter.getAttribute('aria-valuenow')).toBe('40');
    expect(await popup.getByText('Empfohlen').isVisible()).toBe(true);
    expect(await overflowing(popup)).toEqual([]);
    await screenshot(popup, 'de-popup-low');
  });

  it('the banner and the confirmation on the prospects page', async () => {
    await signInGerman();
    const page = await extension.context.newPage();
    await page.goto(`${sandbox.appUrl}/prospects`);
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    const banner = { role: 'status', name: 'Deskflow-Credits' };
    await expect.poll(() => axText(page, banner)).toMatch(/^50 Kontakte ausgewählt · Anreichern verbraucht 50 Credits · danach 362 übrig/);
    expect(await axAttribute(page, banner, 'lang')).toBe('de');
    await screenshot(page, 'de-warning-banner');

    await page.getByRole('button', { name: 'Enrich', exact: true }).click();
    await expect.poll(() => axText(page, DIALOG)).toMatch(/„Anreichern“ für 50 Kontakte ausführen\?.*Verbraucht 50 Credits, danach 362 übrig\./);
    await screenshot(page, 'de-warning-dialog');
    const ours = { include: ['deskflow-credits-warning', 'deskflow-credits-confirm'] };
    expect(await axeViolations(page, ours)).toEqual([]);
    await axClick(page, inDialog('Abbrechen'));

    await page.getByRole('button', { name: 'Select all 1,204 prospects' }).click();
    const alert = { role: 'alert', name: 'Deskflow-Credits' };
    await expect.poll(() => axText(page, alert)).toMatch(/^Anreichern braucht 1\.204 Credits – Sie haben 412 \(792 zu wenig\)/);
    expect(await axCount(page, { role: 'button', name: /^Kaufen: 500 Credits · 175,00\s\$$/, within: alert })).toBe(1);
    await screenshot(page, 'de-warning-banner-short');
    expect(await axeViolations(page, ours)).toEqual([]);
  });
});
