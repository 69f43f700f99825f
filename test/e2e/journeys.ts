import { afterEach, describe, expect, it } from 'vitest';
import { BANNER, DIALOG, inDialog, type AxQuery } from './ax';
import type { ExtensionDriver, LaunchDriver, Tab } from './driver';
import { hexOf, sandbox } from './fixtures';

/**
 * The user's journeys, written once against the driver (driver.ts) and run in each browser:
 * journeys.firefox.e2e.ts (Firefox ESR over WebDriver BiDi) and journeys.chromium.e2e.ts. The
 * Chromium suite's other files go deeper in Chromium alone (service worker, CDP-only checks).
 */

const button = (name: string | RegExp): AxQuery => ({ role: 'button', name });
const METER: AxQuery = { role: 'meter', name: 'Credits remaining' };
const SELECT_PAGE: AxQuery = { role: 'checkbox', name: 'Select all on this page' };
const ENRICH = button('Enrich');

const badgeText = (driver: ExtensionDriver) => driver.badge().then((b) => b.text);
const settle = (ms = 500) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects the demo account through the options page, as a user pasting a key would. */
async function signIn(driver: ExtensionDriver, { label = 'API key', save = 'Save' } = {}): Promise<Tab> {
  const options = await driver.open('options.html');
  await expect.poll(() => options.count({ role: 'textbox', name: label })).toBe(1);
  await options.fill({ role: 'textbox', name: label }, sandbox.demoKey);
  await options.click(button(save));
  await expect.poll(() => badgeText(driver), { timeout: 10_000 }).not.toBe('?');
  return options;
}

async function openPopup(driver: ExtensionDriver, value = '412'): Promise<Tab> {
  const popup = await driver.open('popup.html');
  await expect.poll(() => popup.count(METER).then((n) => (n === 1 ? popup.attribute(METER, 'aria-valuenow') : null))).toBe(value);
  return popup;
}

export function defineJourneys(browserName: string, launch: LaunchDriver): void {
  let driver: ExtensionDriver | undefined;
  const start = async (scenario: string, locale?: string) => {
    await sandbox.clearFaults();
    await sandbox.scenario(scenario);
    driver = await launch(locale ? { locale } : {});
    return driver;
  };
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
    await sandbox.clearFaults();
  });

  describe(`journeys in ${browserName}`, () => {
    it('connects with an API key from the options page (a wrong key is refused)', async () => {
      const d = await start('basic');
      await expect.poll(() => d.badge()).toMatchObject({ text: '?', title: 'Deskflow Credits: not signed in' });
      const options = await d.open('options.html');
      const key: AxQuery = { role: 'textbox', name: 'API key' };
      await expect.poll(() => options.count(key)).toBe(1);
      await options.fill(key, 'dfk_not_a_real_key_at_all_000000');
      await options.click(button('Save'));
      await expect.poll(() => options.text({ role: 'alert' })).toMatch(/refused this key/);
      expect(await badgeText(d)).toBe('?');

      await options.fill(key, sandbox.demoKey);
      await options.click(button('Save'));
      await expect.poll(() => options.bodyText()).toMatch(/Connected as \S+@\S+/);
      expect(await options.bodyText()).not.toContain(sandbox.demoKey);
      await expect.poll(() => badgeText(d), { timeout: 10_000 }).toBe('412'); // after /v1/me, the first summary, catalog and usage
      await options.screenshot('options-connected');
    });

    it('connects through "Sign in with Deskflow" and the app\'s connect page', async () => {
      const d = await start('basic');
      const popup = await d.open('popup.html');
      await expect.poll(() => popup.count(button('Sign in with Deskflow'))).toBe(1);
      await popup.click(button('Sign in with Deskflow'));
      const connect = await d.waitForTab((url) => url === `${sandbox.appUrl}/extension/connect`);
      await connect.click(button('Approve'));
      await expect.poll(() => connect.text({ role: 'status' })).toMatch(/Connected/);
      await expect.poll(() => badgeText(d), { timeout: 10_000 }).toBe('412'); // after /v1/me, the first summary, catalog and usage
    });

    it('the badge and the popup: balance, plan, packages, forecast', async () => {
      const d = await start('basic');
      await signIn(d);
      await expect.poll(() => badgeText(d), { timeout: 10_000 }).toBe('412'); // after /v1/me, the first summary, catalog and usage
      const badge = await d.badge();
      expect(hexOf(badge.color)).toBe('#1a7f37');
      expect(badge.title).toMatch(/^Deskflow: 412 credits left · Basic · renews /);

      const popup = await openPopup(d);
      expect(await popup.attribute(METER, 'aria-valuetext')).toBe('412 of 550 credits');
      const text = await popup.bodyText();
      expect(text).toMatch(/\bBasic\b/);
      expect(text).toMatch(/At your 7-day pace: (runs out about|lasts past your reset on) /);
      for (const credits of [50, 100, 250, 500]) expect(await popup.count(button(new RegExp(`^Buy ${credits} credits`)))).toBe(1);
      expect(await popup.count(button(/^Upgrade to Pro/))).toBe(1);
      await popup.screenshot('popup');

      await sandbox.scenario('low');
      await popup.click(button('Refresh'));
      await expect.poll(() => badgeText(d)).toBe('40');
      expect(hexOf((await d.badge()).color)).toBe('#cf222e');
    });

    it('the in-page warning, and the confirmation: Cancel and Escape run nothing, Continue runs the action once', async () => {
      const d = await start('basic');
      await signIn(d);
      const page = await d.visit(`${sandbox.appUrl}/prospects`);
      await page.click(SELECT_PAGE);
      await expect.poll(() => page.text(BANNER)).toMatch(/50 prospects selected · Enrich uses 50 credits · 362 left after/);
      await page.screenshot('warning-banner');

      await page.click(ENRICH);
      await expect.poll(() => page.text(DIALOG)).toMatch(/Enrich 50 prospects\?.*Uses 50 credits, 362 left after\./);
      await page.screenshot('warning-dialog');
      await page.click(inDialog('Cancel'));
      await expect.poll(() => page.count(DIALOG)).toBe(0);

      await page.click(ENRICH);
      await expect.poll(() => page.count(DIALOG)).toBe(1);
      await page.press('Escape');
      await expect.poll(() => page.count(DIALOG)).toBe(0);
      await settle();
      expect(await sandbox.actions()).toEqual([]);

      await page.click(ENRICH);
      await expect.poll(() => page.count(DIALOG)).toBe(1);
      await page.click(inDialog('Continue'));
      await expect.poll(() => sandbox.actions()).toHaveLength(1);
      expect((await sandbox.actions())[0]).toMatchObject({ action: 'enrich', count: 50 });
      await settle();
      expect(await sandbox.actions()).toHaveLength(1);
      // The balance follows by itself shortly after the action.
      await expect.poll(() => badgeText(d), { timeout: 20_000 }).toBe('362');
    });

    it('a purchase: two clicks on Buy make one checkout session and one tab; the checkout watch updates the badge', async () => {
      const d = await start('basic');
      await signIn(d);
      const popup = await openPopup(d);
      const tabsBefore = (await d.tabUrls()).length;
      const buy = button(/^Buy 100 credits/);
      await popup.click(buy);
      await popup.click(buy).catch(() => undefined); // the button may already be busy
      const checkout = await d.waitForTab((url) => url.startsWith(`${sandbox.appUrl}/checkout/`));
      await settle();
      expect(await sandbox.sessions()).toHaveLength(1);
      expect(await d.tabUrls()).toHaveLength(tabsBefore + 1);

      await checkout.click(button('Pay'));
      await expect.poll(() => checkout.bodyText()).toMatch(/Payment complete/);
      await expect.poll(() => badgeText(d), { timeout: 10_000 }).toBe('512');
      await expect.poll(() => popup.attribute(METER, 'aria-valuenow'), { timeout: 10_000 }).toBe('512');
    });

    it("a member's view: the balance, and who can buy instead of Buy buttons", async () => {
      const d = await start('member');
      await signIn(d);
      const popup = await openPopup(d);
      await expect.poll(() => popup.bodyText()).toMatch(/Ask an admin of Acme Sales to buy credits\./);
      expect(await popup.count(button(/^Buy /))).toBe(0);
      expect(await popup.count(button(/^Upgrade/))).toBe(0);
      await popup.screenshot('popup-member');
    });

    it('a fault and the recovery: the last balance stays, the reason shows, and Refresh recovers', async () => {
      const d = await start('basic');
      await signIn(d);
      const popup = await openPopup(d);
      await sandbox.fault('summary', { type: 'status', status: 503 });
      await popup.click(button('Refresh'));
      await expect.poll(() => popup.text({ role: 'alert' }), { timeout: 15_000 }).toMatch(/Couldn.t refresh/);
      expect(await popup.attribute(METER, 'aria-valuenow')).toBe('412');
      expect(await badgeText(d)).toBe('412');
      await popup.screenshot('popup-fault');

      await sandbox.clearFaults();
      await sandbox.control('POST', 'credits', { delta: -2 });
      // (Recovering with no one asking, on the 30-s retry alarm, is resilience.e2e.ts's, in Chromium.)
      await popup.click(button('Refresh'));
      await expect.poll(() => popup.attribute(METER, 'aria-valuenow'), { timeout: 15_000 }).toBe('410');
      await expect.poll(() => popup.count({ role: 'alert' })).toBe(0);
      expect(await badgeText(d)).toBe('410');
    });

    it('in German: options, badge, popup, the banner and the confirmation', async () => {
      const d = await start('basic', 'de-DE');
      await expect.poll(() => d.badge().then((b) => b.title)).toBe('Deskflow Credits: nicht angemeldet');
      await signIn(d, { label: 'API-Schlüssel', save: 'Speichern' });
      await expect.poll(() => badgeText(d), { timeout: 10_000 }).toBe('412'); // after /v1/me, the first summary, catalog and usage
      expect((await d.badge()).title).toMatch(/^Deskflow: 412 Credits übrig · Basic · Verlängerung am /);

      const popup = await d.open('popup.html');
      const meter: AxQuery = { role: 'meter', name: 'Verbleibende Credits' };
      await expect.poll(() => popup.count(meter)).toBe(1);
      expect(await popup.attribute(meter, 'aria-valuetext')).toBe('412 von 550 Credits');
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
      expect(await popup.count(button(/^Kaufen: 50 Credits · 25,00\s\$ · 0,50\s\$ pro Credit$/))).toBe(1);
      await popup.screenshot('de-popup');

      const page = await d.visit(`${sandbox.appUrl}/prospects`);
      await page.click(SELECT_PAGE);
      const banner: AxQuery = { role: 'status', name: 'Deskflow-Credits' };
      await expect.poll(() => page.text(banner)).toMatch(/^50 Kontakte ausgewählt · Anreichern verbraucht 50 Credits · danach 362 übrig/);
      await page.click(ENRICH);
      await expect.poll(() => page.text(DIALOG)).toMatch(/„Anreichern“ für 50 Kontakte ausführen\?.*Verbraucht 50 Credits, danach 362 übrig\./);
      await page.screenshot('de-warning-dialog');
      await page.click(inDialog('Abbrechen'));
      await expect.poll(() => page.count(DIALOG)).toBe(0);
      expect(await sandbox.actions()).toEqual([]);
    });
  });
}
