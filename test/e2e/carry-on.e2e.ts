import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedExtension } from './browser';
import { axClick, axCount, axText, BANNER, inBanner, type AxQuery } from './ax';
import { settle } from './axe';
import { backgroundState, badgeOf, pollUntilMatches, sandbox, signInWithKey, startBrowser, stopServiceWorker } from './fixtures';

/**
 * Carry on after buying, and the costs on the page's own buttons (product.md), in Chromium
 * against the sandbox: the whole journey from "short" to the action running once, and the
 * labels beside the page's bulk action buttons.
 */

let extension: LoadedExtension;
let pageErrors: string[];

async function start(scenario: string, locale?: string): Promise<void> {
  await sandbox.scenario(scenario);
  extension = await startBrowser(locale ? { locale } : {});
  await signInWithKey(extension);
}
afterEach(async () => {
  await extension?.close();
});

async function openApp(path: string): Promise<Page> {
  const page = await extension.context.newPage();
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${sandbox.appUrl}${path}`);
  return page;
}

const bannerText = (page: Page) => axText(page, BANNER);
const selectAllOnPage = (page: Page) => page.getByRole('checkbox', { name: 'Select all on this page' }).check();

/** Buys from the page's alert and pays on the sandbox's checkout page; returns that page. */
async function buyFromAlertAndPay(page: Page, buy: RegExp = /^Buy 50 credits/, pay = true): Promise<Page> {
  const opened = extension.context.waitForEvent('page');
  await axClick(page, inBanner(buy));
  const checkout = await opened;
  await checkout.waitForLoadState('domcontentloaded');
  if (pay) await checkout.getByRole('button', { name: 'Pay' }).click();
  return checkout;
}

const OFFER = /50 credits added — Enrich 50 prospects now\?Uses 50 credits, 40 left after/;

describe('carry on after buying, on a Deskflow list', () => {
  it('short → buy from the page → pay → the offer → Continue runs the page\'s action exactly once, with the count of that moment', async () => {
    await start('low'); // 40 credits
    const page = await openApp('/prospects');
    await selectAllOnPage(page);
    await expect.poll(() => bannerText(page)).toMatch(/Enrich needs 50 credits — you have 40 \(10 short\)/);
    await buyFromAlertAndPay(page);
    await page.bringToFront();
    await expect.poll(() => bannerText(page), { timeout: 20_000 }).toMatch(OFFER);
    // Nothing runs without the click.
    expect(await sandbox.actions()).toEqual([]);
    expect(await axCount(page, inBanner('Not now'))).toBe(1);

    await axClick(page, inBanner(/^Continue/));
    await expect.poll(() => sandbox.actions()).toHaveLength(1);
    expect((await sandbox.actions())[0]).toMatchObject({ list: 'prospects', action: 'enrich', count: 50 });
    await new Promise((done) => setTimeout(done, 1000)); // and nothing more follows
    expect(await sandbox.actions()).toHaveLength(1);
    // The page cleared its selection after the action: no offer, no banner.
    await expect.poll(() => axCount(page, BANNER)).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('"Not now" drops it: the usual banner again, nothing runs, and it is not offered again', async () => {
    await start('low');
    const page = await openApp('/prospects');
    await selectAllOnPage(page);
    await expect.poll(() => bannerText(page)).toMatch(/10 short/);
    await buyFromAlertAndPay(page);
    await page.bringToFront();
    await expect.poll(() => bannerText(page), { timeout: 20_000 }).toMatch(OFFER);
    await axClick(page, inBanner('Not now'));
    await expect.poll(() => bannerText(page)).toMatch(/^50 prospects selected · Enrich uses 50 credits · 40 left after/);
    await page.getByRole('checkbox', { name: 'Select all on this page' }).uncheck();
    await selectAllOnPage(page);
    await expect.poll(() => bannerText(page)).toMatch(/^50 prospects selected/);
    expect(await axCount(page, inBanner(/^Continue/))).toBe(0);
    expect(await sandbox.actions()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('a selection changed before Continue shows the new numbers, and Continue runs those', async () => {
    await start('low');
    const page = await openApp('/prospects');
    await selectAllOnPage(page);
    await expect.poll(() => bannerText(page)).toMatch(/10 short/);
    await buyFromAlertAndPay(page);
    await page.bringToFront();
    await expect.poll(() => bannerText(page), { timeout: 20_000 }).toMatch(OFFER);
    // Three more prospects from the next page: 53 selected.
    await page.getByRole('button', { name: 'Next' }).click();
    const rows = page.locator('section[data-deskflow-list] tbody input[type=checkbox]');
    for (let i = 0; i < 3; i += 1) await rows.nth(i).check();
    await expect
      .poll(() => bannerText(page))
      .toMatch(/50 credits added — Enrich 53 prospects now\?Uses 53 credits, 37 left after.*selection changed since you bought/);
    await axClick(page, inBanner(/^Continue/));
    await expect.poll(() => sandbox.actions()).toHaveLength(1);
    expect((await sandbox.actions())[0]).toMatchObject({ action: 'enrich', count: 53 });
    expect(pageErrors).toEqual([]);
  });

  it('a purchase that does not cover it says what is still short (no Continue)', async () => {
    await start('low');
    const page = await openApp('/prospects');
    await selectAllOnPage(page);
    await page.getByRole('button', { name: /^Select all 1,204 prospects/ }).click();
    await expect.poll(() => bannerText(page)).toMatch(/Enrich needs 1,204 credits — you have 40 \(1,164 short\)/);
    await buyFromAlertAndPay(page, /^Buy 500 credits/);
    await page.bringToFront();
    await expect
      .poll(() => bannerText(page), { timeout: 20_000 })
      .toMatch(/500 credits added — still not enoughEnrich needs 1,204 credits — you have 540 \(664 short\)/);
    expect(await axCount(page, { role: 'alert', name: 'Deskflow credits' })).toBe(1);
    expect(await axCount(page, inBanner(/^Continue/))).toBe(0);
    expect(await axCount(page, inBanner('Not now'))).toBe(1);
    expect(await sandbox.actions()).toEqual([]);
  });

  it('the tab was closed: the popup mentions the waiting action, with a link back to the app', async () => {
    await start('low');
    const page = await openApp('/prospects');
    await selectAllOnPage(page);
    await expect.poll(() => bannerText(page)).toMatch(/10 short/);
    const checkout = await buyFromAlertAndPay(page, /^Buy 50 credits/, false);
    await page.close();
    await checkout.getByRole('button', { name: 'Pay' }).click();
    const popup = await extension.open('popup.html');
    await expect
      .poll(() => popup.getByRole('status').filter({ hasText: 'was waiting' }).textContent(), { timeout: 20_000 })
      .toMatch(/^Enrich 50 prospects was waiting for your new credits, but its tab was closed\.Open Deskflow to carry on$/);
    expect(await popup.getByRole('link', { name: 'Open Deskflow to carry on' }).getAttribute('href')).toBe(`${sandbox.appUrl}/prospects`);
    expect(await sandbox.actions()).toEqual([]);
  });

  it('the worker stopped while waiting: the remembered action survives, and the offer comes', async () => {
    await start('low');
    const page = await openApp('/prospects');
    await selectAllOnPage(page);
    await expect.poll(() => bannerText(page)).toMatch(/10 short/);
    // Stopped the moment the checkout tab appears (the worker may still be writing down the watch).
    const opened = extension.context.waitForEvent('page');
    await axClick(page, inBanner(/^Buy 50 credits/));
    const checkout = await opened;
    await stopServiceWorker(extension, page);
    await checkout.waitForLoadState('domcontentloaded');
    await checkout.getByRole('button', { name: 'Pay' }).click();
    await page.bringToFront();
    // The checkout watch's alarm (every 30 s) wakes the worker, which finds the new balance.
    // Up to two alarm periods on a busy machine.
    await pollUntilMatches(extension, () => bannerText(page), OFFER, 70_000);
    await axClick(page, inBanner(/^Continue/));
    await expect.poll(() => sandbox.actions()).toHaveLength(1);
    expect((await sandbox.actions())[0]).toMatchObject({ action: 'enrich', count: 50 });
  }, 120_000);
});

describe('carry on after buying, on an ARIA grid (no Deskflow markup)', () => {
  it('short → buy → pay → offer → Continue runs the grid\'s Enrich once', async () => {
    await start('free'); // 18 credits; on Free every enrichment costs a credit
    const page = await openApp('/grid');
    const rows = page.getByRole('row').locator('input[type=checkbox]');
    for (let i = 0; i < 20; i += 1) await rows.nth(i).check();
    await expect.poll(() => bannerText(page)).toMatch(/Enrich needs at least 20 credits — you have 18 \(at least 2 short\)/);
    await buyFromAlertAndPay(page);
    await page.bringToFront();
    await expect
      .poll(() => bannerText(page), { timeout: 20_000 })
      .toMatch(/50 credits added — Enrich at least 20 prospects now\?Uses at least 20 credits, at most 48 left after/);
    expect(await sandbox.actions()).toEqual([]);
    await axClick(page, inBanner(/^Continue/));
    await expect.poll(() => sandbox.actions()).toHaveLength(1);
    expect((await sandbox.actions())[0]).toMatchObject({ list: 'grid', action: 'enrich', count: 20 });
    expect(pageErrors).toEqual([]);
  });
});

// ---- the cost labels --------------------------------------------------------------------------

interface DomNode {
  nodeId: number;
  localName?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/** Our cost labels as drawn (through DevTools: they are in closed shadow roots): text and box. */
async function labelBoxes(page: Page): Promise<{ text: string; x: number; y: number; width: number; height: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const pills: DomNode[] = [];
    const visit = (node: DomNode, inHost: boolean) => {
      const attrs = node.attributes ?? [];
      const cls = attrs[attrs.indexOf('class') + 1];
      if (inHost && attrs.includes('class') && cls === 'cost' && !attrs.includes('hidden')) pills.push(node);
      const host = inHost || node.localName === 'deskflow-credits-costs';
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) visit(child, host);
    };
    visit(root, false);
    const out = [];
    for (const pill of pills) {
      const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: pill.nodeId })) as { model: { border: number[] } };
      const [x1, y1, x2, , , y3] = model.border as [number, number, number, number, number, number];
      const { object } = (await cdp.send('DOM.resolveNode', { nodeId: pill.nodeId })) as { object: { objectId: string } };
      const { result } = (await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: 'function () { return this.lastChild.textContent; }',
        returnByValue: true,
      })) as { result: { value: string } };
      out.push({ text: result.value, x: x1, y: y1, width: x2 - x1, height: y3 - y1 });
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

const spoken = (name: string | RegExp): AxQuery => ({ role: 'StaticText', name });

/** Where the page's bulk action buttons are, and how tall the page is. */
const pageLayout = (page: Page) =>
  page.evaluate(() => ({
    buttons: [...document.querySelectorAll('[data-deskflow-bulk-action]')].map((b) => JSON.stringify(b.getBoundingClientRect())),
    height: document.documentElement.scrollHeight,
    attributes: [...document.querySelectorAll('[data-deskflow-bulk-action]')].map((b) =>
      [...b.attributes].map((a) => `${a.name}=${a.value}`).join(' ') + ` children=${b.childNodes.length} text=${b.textContent}`,
    ),
  }));

/** The basic plan's prospects page with its first row selected, once the labels say "Free". */
async function oneProspectSelected(): Promise<Page> {
  await start('basic');
  const page = await openApp('/prospects');
  await page.locator('section[data-deskflow-list] tbody input[type=checkbox]').nth(0).check();
  await expect.poll(() => axCount(page, spoken('Enrich: Free'))).toBe(1);
  return page;
}

/** Whether the first cost label sits over the Enrich button (centred within 8 px, above it). */
async function labelAboveEnrich(page: Page): Promise<boolean> {
  const box = (await page.locator('[data-deskflow-bulk-action="enrich"]').boundingBox())!;
  const label = (await labelBoxes(page))[0]!;
  return Math.abs(label.x + label.width / 2 - (box.x + box.width / 2)) <= 8 && box.y - (label.y + label.height) >= 0;
}

/** The page moves its Enrich button 150 px to the left and toggles the row `index`, in one task. */
function moveEnrichAndToggle(page: Page, index: number): Promise<void> {
  return page.evaluate((row) => {
    const button = document.querySelector<HTMLElement>('[data-deskflow-bulk-action="enrich"]')!;
    button.style.position = 'relative';
    button.style.left = '-150px';
    document.querySelectorAll<HTMLInputElement>('section[data-deskflow-list] tbody input[type=checkbox]')[row]!.click();
  }, index);
}

describe('costs on the page\'s own buttons', () => {
  it('"Free" and "50 credits" beside each credit-spending action, read by screen readers, following the selection, hidden at 0', async () => {
    const page = await oneProspectSelected();
    expect(await axCount(page, spoken('Export: Free'))).toBe(1);
    // Add to campaign never costs credits: no label.
    expect(await axCount(page, spoken(/^Add to campaign:/))).toBe(0);

    await selectAllOnPage(page);
    await expect.poll(() => axCount(page, spoken('Enrich: 50 credits'))).toBe(1);
    expect(await axCount(page, spoken('Export: 50 credits'))).toBe(1);

    // Each label sits just above its own button, and the page's buttons are untouched.
    const labels = await labelBoxes(page);
    expect(labels.map((l) => l.text)).toEqual(['50 credits', '50 credits']);
    for (const [i, action] of ['enrich', 'export'].entries()) {
      const box = (await page.locator(`[data-deskflow-bulk-action="${action}"]`).boundingBox())!;
      const label = labels[i]!;
      // Over its own button (moved aside only as far as its neighbour needs), never over the next label.
      expect(label.x).toBeLessThan(box.x + box.width);
      expect(label.x + label.width).toBeGreaterThan(box.x);
      if (i > 0) expect(label.x).toBeGreaterThanOrEqual(labels[i - 1]!.x + labels[i - 1]!.width);
      expect(box.y - (label.y + label.height)).toBeGreaterThanOrEqual(0);
      expect(box.y - (label.y + label.height)).toBeLessThanOrEqual(6);
    }
    const withLabels = await pageLayout(page);
    expect(withLabels.attributes.join('\n')).not.toMatch(/deskflow-credits|credits/);

    // The options page turns them off: nothing of the page moves.
    const options = await extension.open('options.html');
    const option = options.getByLabel("Show costs on the page's buttons");
    await option.click(); // a click, not uncheck(): the box follows the saved setting a moment later
    await expect.poll(() => option.isChecked()).toBe(false);
    await page.bringToFront();
    await expect.poll(() => axCount(page, spoken(/^Enrich: /))).toBe(0);
    expect(await pageLayout(page)).toEqual(withLabels);
    await options.bringToFront();
    await option.click();
    await expect.poll(() => option.isChecked()).toBe(true);
    await page.bringToFront();
    await expect.poll(() => axCount(page, spoken('Enrich: 50 credits'))).toBe(1);

    // Nothing selected: no labels.
    await page.getByRole('checkbox', { name: 'Select all on this page' }).uncheck();
    await expect.poll(() => axCount(page, spoken(/^(Enrich|Export): /))).toBe(0);
    expect(await labelBoxes(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('follow their buttons when the page moves them while only the count changes', async () => {
    await start('basic');
    const page = await openApp('/prospects');
    await selectAllOnPage(page);
    await expect.poll(() => axCount(page, spoken('Enrich: 50 credits'))).toBe(1);
    const aboveEnrich = () => labelAboveEnrich(page);
    expect(await aboveEnrich()).toBe(true);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(aboveEnrich).toBe(true);
    // The page moves its Enrich button 150 px to the left, and one prospect more is selected:
    // the label reads 51 credits (the same width) and moves over the button.
    await moveEnrichAndToggle(page, 0);
    await expect.poll(() => axCount(page, spoken('Enrich: 51 credits'))).toBe(1);
    await expect.poll(aboveEnrich).toBe(true);
  });

  it('follow their buttons when the page moves them while the labels stay the same ("Free")', async () => {
    const page = await oneProspectSelected();
    const aboveEnrich = () => labelAboveEnrich(page);
    await expect.poll(aboveEnrich).toBe(true);
    // The page moves its Enrich button 150 px to the left, and one prospect more is selected:
    // the label still reads Free, and moves over the button.
    await moveEnrichAndToggle(page, 1);
    await expect.poll(aboveEnrich).toBe(true);
    expect(await axCount(page, spoken('Enrich: Free'))).toBe(1);
  });

  it('on an ARIA grid\'s toolbar too ("at least" for a partly shown selection)', async () => {
    await start('free');
    const page = await openApp('/grid');
    const rows = page.getByRole('row').locator('input[type=checkbox]');
    await rows.nth(0).check();
    await rows.nth(1).check();
    await expect.poll(() => axCount(page, spoken('Enrich: at least 2 credits'))).toBe(1);
    expect(await axCount(page, spoken('Export: Free'))).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});

// ---- store screenshots of both, in English and German --------------------------------------------

const ROOT = resolve(import.meta.dirname, '../..');
const STORE = process.env.UPDATE_STORE_SCREENSHOTS === '1' ? join(ROOT, 'test/e2e/store') : join(ROOT, 'test-results/store');

async function storeShot(page: Page, path: string): Promise<void> {
  await settle(page);
  await page.waitForTimeout(200);
  const file = join(STORE, `${path}.png`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, await page.screenshot({ type: 'png' }));
}

describe.each([
  { dir: 'en', locale: 'en-US', apiKey: 'API key', save: 'Save', banner: 'Deskflow credits', buy: /^Buy 50 credits/, offer: /^50 credits added/, labels: 'Enrich: 50 credits' },
  { dir: 'de', locale: 'de-DE', apiKey: 'API-Schlüssel', save: 'Speichern', banner: 'Deskflow-Credits', buy: /^Kaufen: 50 Credits/, offer: /^50 Credits hinzugefügt/, labels: 'Anreichern: 50 Credits' },
])('store screenshots ($dir)', (language) => {
  it('the offer to carry on, and the costs on the buttons', async () => {
    await sandbox.scenario('low');
    extension = await startBrowser({ locale: language.locale });
    const options = await extension.open('options.html');
    await options.getByLabel(language.apiKey).fill(sandbox.demoKey);
    await options.getByRole('button', { name: language.save, exact: true }).click();
    await expect.poll(() => badgeOf(extension).then((b) => b.text), { timeout: 10_000 }).toBe('40');
    const page = await extension.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${sandbox.appUrl}/prospects`);
    const banner: AxQuery = { role: ['status', 'alert'], name: language.banner };
    // What the alert said last and what the background knew, for the failure message (this wait
    // has failed in full CI runs only, never alone).
    let said: string | null = null;
    try {
      await expect.poll(async () => {
        await page.getByRole('checkbox', { name: 'Select all on this page' }).uncheck();
        await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
        said = await axText(page, banner);
        return axCount(page, { role: 'button', name: language.buy, within: banner });
      }, { timeout: 30_000 }).toBe(1);
    } catch (error) {
      throw new Error(`No package offered in the alert; it said: ${String(said)}; the background: ${await backgroundState(extension)}`, {
        cause: error,
      });
    }
    const opened = extension.context.waitForEvent('page');
    await axClick(page, { role: 'button', name: language.buy, within: banner });
    const checkout = await opened;
    await checkout.waitForLoadState();
    await checkout.getByRole('button', { name: 'Pay' }).click();
    await page.bringToFront();
    await expect.poll(() => axText(page, banner), { timeout: 20_000 }).toMatch(language.offer);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await storeShot(page, `${language.dir}/6-carry-on`);
    await axClick(page, { role: 'button', name: /^(Not now|Nicht jetzt)$/, within: banner });
    await expect.poll(() => axCount(page, spoken(language.labels))).toBe(1);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await storeShot(page, `${language.dir}/7-costs`);
  }, 90_000);
});
