import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoadedExtension } from './browser';
import { badgeOf, hexOf, sandbox, screenshot, signInWithKey, startBrowser } from './fixtures';

let extension: LoadedExtension;
beforeEach(async () => {
  await sandbox.scenario('basic');
  extension = await startBrowser();
});
afterEach(async () => {
  await extension?.close();
});

describe('a fresh install', () => {
  it('shows "?" and a signed-out popup, then connects with an API key from the options page', async () => {
    await expect.poll(() => badgeOf(extension)).toMatchObject({ text: '?', title: 'Deskflow Credits: not signed in' });
    const popup = await extension.open('popup.html');
    await expect.poll(() => popup.getByRole('button', { name: 'Sign in with Deskflow' }).isVisible()).toBe(true);
    expect(await popup.getByRole('link', { name: 'Use an API key' }).isVisible()).toBe(true);
    await screenshot(popup, 'popup-signed-out');

    const options = await extension.open('options.html');
    await options.getByLabel('API key').fill('dfk_not_a_real_key_at_all_000000');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => options.getByRole('alert').textContent()).toMatch(/refused this key/);
    expect((await badgeOf(extension)).text).toBe('?');

    await options.getByLabel('API key').fill(sandbox.demoKey);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => options.getByText(/Connected as/).textContent()).toMatch(/Connected as \S+@\S+/);
    expect(await options.content()).not.toContain(sandbox.demoKey);
    await screenshot(options, 'options-connected');
    await expect.poll(() => badgeOf(extension).then((b) => b.text)).toBe('412');
  });

  it('connects through "Sign in with Deskflow" and the app\'s connect page', async () => {
    const popup = await extension.open('popup.html');
    const connectTab = extension.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Sign in with Deskflow' }).click();
    const connect = await connectTab;
    await connect.waitForLoadState();
    expect(connect.url()).toBe(`${sandbox.appUrl}/extension/connect`);
    await connect.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => connect.getByText('Connected').isVisible()).toBe(true);
    await expect.poll(() => badgeOf(extension).then((b) => b.text)).toBe('412');
  });
});

describe('the badge', () => {
  it.each([
    { scenario: 'basic', text: '412', color: '#1a7f37', title: /^Deskflow: 412 credits left · Basic · renews / },
    { scenario: 'thousand', text: '1.2k', color: '#1a7f37', title: /^Deskflow: 1,234 credits left/ },
    { scenario: 'pro', text: '12k', color: '#1a7f37', title: /^Deskflow: 12,345 credits left · Pro/ },
    { scenario: 'low', text: '40', color: '#cf222e', title: /^Deskflow: 40 credits left/ },
    { scenario: 'zero', text: '0', color: '#cf222e', title: /^Deskflow: 0 credits left/ },
  ])('reads $text for the $scenario account', async ({ scenario, text, color, title }) => {
    await sandbox.scenario(scenario);
    await signInWithKey(extension);
    await expect.poll(() => badgeOf(extension).then((b) => b.text)).toBe(text);
    const badge = await badgeOf(extension);
    expect(hexOf(badge.color)).toBe(color);
    expect(badge.title).toMatch(title);
  });
});

describe('the badge when refreshes keep failing', () => {
  it('turns grey once the data is older than 15 minutes, and says how old and why', async () => {
    const options = await signInWithKey(extension);
    await expect.poll(() => badgeOf(extension).then((b) => b.text)).toBe('412');
    // Age the stored data by 20 minutes, as if the browser had been offline that long.
    await options.evaluate(async () => {
      const storage = (globalThis as unknown as { chrome: { storage: { local: chrome_storage } } }).chrome.storage.local;
      type chrome_storage = { get(key: string): Promise<Record<string, { fetchedAt: number }>>; set(items: object): Promise<void> };
      const { snapshot } = await storage.get('snapshot');
      await storage.set({ snapshot: { ...snapshot, fetchedAt: Date.now() - 20 * 60_000 } });
    });
    await sandbox.fault('summary', { type: 'status', status: 503 });
    const popup = await extension.open('popup.html');
    await popup.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => badgeOf(extension).then((b) => hexOf(b.color)), { timeout: 15_000 }).toBe('#6e7781');
    const badge = await badgeOf(extension);
    expect(badge.text).toBe('412');
    expect(badge.title).toMatch(/^Deskflow: 412 credits left · Basic · renews .* · last updated 20 minutes ago — /);
    await sandbox.clearFaults();
  });
});

describe('the popup', () => {
  it('when credits are short suggests the package that covers the gap; dark mode follows the system', async () => {
    await sandbox.scenario('low');
    await signInWithKey(extension);
    const popup = await extension.open('popup.html');
    await popup.setViewportSize({ width: 360, height: 600 });
    await expect.poll(() => popup.getByRole('meter', { name: 'Credits remaining' }).getAttribute('aria-valuetext')).toBe(
      '40 of 500 credits',
    );
    const suggested = popup.locator('.package--suggested');
    expect(await suggested.count()).toBe(1);
    expect(await suggested.getAttribute('aria-label')).toMatch(/^Buy \d+ credits/);
    await screenshot(popup, 'popup-short');

    await popup.emulateMedia({ colorScheme: 'dark' });
    const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(150); // a dark background, not a white one
    await screenshot(popup, 'popup-dark');
  });
});

describe("the popup's first paint", () => {
  it('opened from the toolbar, paints the balance from its URL before React, then React takes over', async () => {
    const options = await signInWithKey(extension);
    const toolbarPopup = () =>
      options.evaluate(() =>
        (globalThis as unknown as { chrome: { action: { getPopup(d: object): Promise<string> } } }).chrome.action.getPopup({}),
      );
    await expect.poll(toolbarPopup).toMatch(/\/popup\.html#%7B/);
    const popup = await extension.context.newPage();
    // Note, in the page, what else was there when the meter first appeared: the footer is React's.
    await popup.addInitScript(() => {
      const seen = { meter: '', footer: true };
      (window as unknown as { __firstMeter: typeof seen }).__firstMeter = seen;
      const observer = new MutationObserver(() => {
        const meter = document.querySelector('[role="meter"]');
        if (!meter) return;
        seen.meter = meter.getAttribute('aria-valuetext') ?? '';
        seen.footer = document.querySelector('.popup__footer') !== null;
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(await toolbarPopup());
    await expect.poll(() => popup.getByRole('button', { name: 'Refresh' }).isVisible()).toBe(true);
    expect(await popup.evaluate(() => (window as unknown as { __firstMeter: unknown }).__firstMeter)).toEqual({
      meter: '412 of 550 credits',
      footer: false,
    });
    expect(await popup.getByRole('meter', { name: 'Credits remaining' }).count()).toBe(1);
    expect(await popup.getByRole('banner').count()).toBe(1);
    await screenshot(popup, 'popup-from-toolbar');
  });
});
