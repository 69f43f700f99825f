import { axCount, axText } from './ax';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { settle } from './axe';
import type { LoadedExtension } from './browser';
import { badgeOf, sandbox, startBrowser } from './fixtures';

/**
 * Store screenshots at the Chrome Web Store's size (1280×800, plus the 440×280 small promo
 * tile), from the real extension against the sandbox, in English and German. They are
 * documentation and committed: `UPDATE_STORE_SCREENSHOTS=1 npx vitest run --config
 * vitest.e2e.config.ts test/e2e/store.e2e.ts` rewrites test/e2e/store/<lang>/; a plain run
 * writes them to test-results/store/ only (the dates in them change every day).
 */

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = process.env.UPDATE_STORE_SCREENSHOTS === '1' ? join(ROOT, 'test/e2e/store') : join(ROOT, 'test-results/store');
const SIZE = { width: 1280, height: 800 };

const LANGUAGES = [
  {
    dir: 'en',
    locale: 'en-US',
    words: { apiKey: 'API key', save: 'Save', banner: 'Deskflow credits', selected: /^50 prospects selected/, short: /^Enrich needs/ },
    headline: 'Your Deskflow credits, always in view',
  },
  {
    dir: 'de',
    locale: 'de-DE',
    words: { apiKey: 'API-Schlüssel', save: 'Speichern', banner: 'Deskflow-Credits', selected: /^50 Kontakte ausgewählt/, short: /^Anreichern braucht/ },
    headline: 'Ihre Deskflow-Credits immer im Blick',
  },
] as const;

let extension: LoadedExtension;
afterEach(async () => {
  await extension?.close();
});

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** A page of exactly `width`×`height` showing `html`, saved as a PNG. */
async function stage(name: string, html: string, size: { width: number; height: number } = SIZE): Promise<Buffer> {
  const page = await extension.context.newPage();
  await page.setViewportSize(size);
  await page.setContent(`<!doctype html><html><body style="margin:0">${html}</body></html>`);
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));
  const shot = await save(page, name);
  await page.close();
  return shot;
}

async function save(page: Page, path: string): Promise<Buffer> {
  await settle(page);
  const file = join(OUT, `${path}.png`);
  mkdirSync(join(file, '..'), { recursive: true });
  const shot = await page.screenshot({ type: 'png' });
  writeFileSync(file, shot);
  return shot;
}

/** The PNG's size and whether it is 24-bit RGB without alpha (what the Chrome Web Store asks for). */
function pngInfo(png: Buffer): { width: number; height: number; rgb24: boolean } {
  // IHDR: width and height at 16 and 20, bit depth at 24, colour type at 25 (2 = RGB).
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), rgb24: png[24] === 8 && png[25] === 2 };
}

/** Refreshes the popup's data after the sandbox changed (the footer's button, in any language). */
async function refreshed(popup: Page, remaining: string): Promise<void> {
  await popup.locator('button.refresh').click();
  await expect.poll(() => popup.getByRole('meter').getAttribute('aria-valuenow'), { timeout: 10_000 }).toBe(remaining);
}

describe.each(LANGUAGES)('store screenshots ($dir)', (language) => {
  it('popup over a Deskflow list, warning, confirmation, alert, options; small promo tile', async () => {
    await sandbox.scenario('basic');
    extension = await startBrowser({ locale: language.locale });
    const options = await extension.open('options.html');
    await options.setViewportSize(SIZE);
    await options.getByLabel(language.words.apiKey).fill(sandbox.demoKey);
    await options.getByRole('button', { name: language.words.save, exact: true }).click();
    await expect.poll(() => badgeOf(extension).then((b) => b.text), { timeout: 10_000 }).toBe('412');

    // The popup, as the toolbar button opens it, over a Deskflow list with a selection.
    const popup = await extension.open('popup.html');
    await popup.setViewportSize({ width: 360, height: 600 });
    await expect.poll(() => popup.getByRole('meter').getAttribute('aria-valuenow')).toBe('412');
    await settle(popup);
    const popupPng = await popup.locator('.popup').screenshot();

    const page = await extension.context.newPage();
    await page.setViewportSize(SIZE);
    // Saved leads: the prospects list also holds the sandbox's hostile names (XSS probes).
    await page.goto(`${sandbox.appUrl}/lists/saved`);
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => axText(page, { role: 'status', name: language.words.banner })).toMatch(language.words.selected);
    await settle(page);
    const pagePng = await page.screenshot();
    const shots: Buffer[] = [];
    shots.push(
      await stage(
        `${language.dir}/1-popup`,
        `<div style="position:relative;width:1280px;height:800px;overflow:hidden">
          <img src="${dataUrl(pagePng)}" style="display:block;width:1280px;height:800px">
          <div style="position:absolute;inset:0;background:rgba(17,24,39,.18)"></div>
          <img src="${dataUrl(popupPng)}" style="position:absolute;top:10px;right:24px;width:360px;border-radius:10px;
            box-shadow:0 18px 48px rgba(17,24,39,.35),0 0 0 1px rgba(17,24,39,.12)">
        </div>`,
      ),
    );

    // The warning beside the list's bulk bar, then the confirmation of Enrich.
    shots.push(await save(page, `${language.dir}/2-warning`));
    await page.getByRole('button', { name: 'Enrich', exact: true }).click();
    await expect.poll(() => axCount(page, { role: 'dialog' })).toBe(1);
    shots.push(await save(page, `${language.dir}/3-confirmation`));
    await page.keyboard.press('Escape');
    // The focus went back to Enrich (as it should): not part of the picture.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // Not enough credits: the alert with the package that covers it.
    await sandbox.scenario('low');
    await refreshed(popup, '40');
    await expect.poll(() => axText(page, { role: 'alert', name: language.words.banner }), { timeout: 10_000 }).toMatch(
      language.words.short,
    );
    shots.push(await save(page, `${language.dir}/4-short`));

    // The options page, connected.
    await sandbox.scenario('basic');
    await refreshed(popup, '412');
    await options.bringToFront();
    await expect.poll(() => options.locator('.connected').isVisible()).toBe(true);
    shots.push(await save(options, `${language.dir}/5-options`));
    for (const shot of shots) expect(pngInfo(shot)).toEqual({ ...SIZE, rgb24: true });

    // The small promo tile: the popup's balance beside the name and what it does.
    const tile = await stage(
      `${language.dir}/promo-440x280`,
      `<div style="box-sizing:border-box;width:440px;height:280px;padding:26px 0 0 28px;overflow:hidden;position:relative;
          font-family:system-ui,sans-serif;color:#fff;background:linear-gradient(135deg,#1f4fd8 0%,#1a3a9e 100%)">
        <div style="display:flex;align-items:center;gap:10px;font-size:22px;font-weight:700">
          <img src="${dataUrl(await popup.locator('.logo').first().screenshot({ omitBackground: true }))}" width="30" height="30">
          Deskflow Credits
        </div>
        <p style="margin:22px 0 0;width:184px;font-size:18px;font-weight:600;line-height:1.3">${language.headline}</p>
        <img src="${dataUrl(popupPng)}" style="position:absolute;left:232px;top:78px;width:270px;border-radius:10px;
          box-shadow:0 14px 36px rgba(0,0,0,.35)">
      </div>`,
      { width: 440, height: 280 },
    );
    expect(pngInfo(tile)).toEqual({ width: 440, height: 280, rgb24: true });
  }, 120_000);
});
