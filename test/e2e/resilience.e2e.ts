import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoadedExtension } from './browser';
import { badgeOf, sandbox, screenshot, startSignedIn, stopServiceWorker } from './fixtures';

let extension: LoadedExtension;
beforeEach(async () => {
  extension = await startSignedIn('basic');
});
afterEach(async () => {
  await sandbox.clearFaults();
  await extension?.close();
});

const meterValue = (popup: Page) =>
  popup.getByRole('meter', { name: 'Credits remaining' }).getAttribute('aria-valuenow');

async function refreshFromPopup(): Promise<Page> {
  const popup = await extension.open('popup.html');
  await expect.poll(() => meterValue(popup)).toBe('412');
  await popup.getByRole('button', { name: 'Refresh' }).click();
  return popup;
}

describe('when Deskflow misbehaves', () => {
  it.each([
    { name: 'a 500', fault: { type: 'status', status: 500 }, says: /Couldn.t refresh/ },
    { name: 'malformed JSON', fault: { type: 'malformed' }, says: /doesn.t understand/ },
    { name: 'an HTML error page', fault: { type: 'html' }, says: /Deskflow/ },
    { name: 'a connection reset', fault: { type: 'reset' }, says: /reach Deskflow/ },
  ])('keeps the last good balance, says why, and sends no storm of requests: $name', async ({ fault, says }) => {
    await sandbox.fault('summary', fault);
    await sandbox.resetRequests();
    const popup = await refreshFromPopup();
    await expect.poll(() => popup.getByRole('alert').first().textContent(), { timeout: 15_000 }).toMatch(says);
    expect(await meterValue(popup)).toBe('412');
    expect((await badgeOf(extension)).text).toBe('412');
    const { counts } = await sandbox.requests();
    // One refresh of at most 3 tries; Chromium itself may resend a GET once when a reused
    // connection is reset, so a reset can show up to twice per try.
    expect(counts.summary).toBeLessThanOrEqual(6);
  });

  it('says when it will retry after a 429, and does not ask before then', async () => {
    await sandbox.fault('summary', { type: 'status', status: 429, retryAfter: 600 });
    const popup = await refreshFromPopup();
    await expect.poll(() => popup.getByText(/retrying at/i).isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(popup, 'popup-rate-limited');
    await sandbox.resetRequests();
    const refresh = popup.getByRole('button', { name: 'Refresh' });
    expect(await refresh.getAttribute('aria-disabled')).toBe('true');
    await refresh.click({ force: true });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await sandbox.requests()).counts.summary).toBe(0);
  });

  it('recovers by itself once the fault clears', async () => {
    await sandbox.fault('summary', { type: 'status', status: 503 });
    const popup = await refreshFromPopup();
    await expect.poll(() => popup.getByRole('alert').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await sandbox.clearFaults();
    await sandbox.control('POST', 'credits', { delta: -2 });
    // The retry alarm (30 s, Chrome's shortest) re-reads the summary with no one asking.
    await expect.poll(() => meterValue(popup), { timeout: 50_000, interval: 1_000 }).toBe('410');
    expect(await popup.getByRole('alert').count()).toBe(0);
  }, 70_000);

  it('a 401 mid-session signs out and shows nothing of the old account', async () => {
    await sandbox.fault('summary', { type: 'status', status: 401 });
    const popup = await refreshFromPopup();
    await expect.poll(() => popup.getByRole('button', { name: 'Sign in with Deskflow' }).isVisible()).toBe(true);
    expect(await popup.content()).not.toMatch(/Acme Sales|412/);
    await expect.poll(() => badgeOf(extension).then((b) => b.text)).toBe('?');
  });
});

describe('the service worker', () => {
  it('can be stopped at any moment: the popup still shows the balance, and Refresh wakes it', async () => {
    const popup = await extension.open('popup.html');
    await expect.poll(() => meterValue(popup)).toBe('412');
    await stopServiceWorker(extension, popup);

    const reopened = await extension.open('popup.html');
    await expect.poll(() => meterValue(reopened)).toBe('412');
    await sandbox.control('POST', 'credits', { delta: -12 });
    await reopened.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => meterValue(reopened), { timeout: 10_000 }).toBe('400');
    expect((await badgeOf(extension)).text).toBe('400');
  });

  it('stopped right after a checkout was requested, makes no second session', async () => {
    const popup = await extension.open('popup.html');
    await expect.poll(() => meterValue(popup)).toBe('412');
    await sandbox.fault('checkout', { type: 'latency', ms: 1_500 });
    await popup.getByRole('button', { name: /^Buy 50 credits/ }).click();
    await stopServiceWorker(extension, popup);
    await sandbox.clearFaults();

    const again = await extension.open('popup.html');
    const opened = extension.context.waitForEvent('page', (page) => page.url().includes('/checkout/'));
    await again.getByRole('button', { name: /^Buy 50 credits/ }).click();
    await opened;
    await expect.poll(() => sandbox.sessions().then((s) => s.length)).toBe(1);
  });
});

describe('privacy and economy', () => {
  it("the API key can be read neither from the content script's world nor from the page", async () => {
    const page = await extension.context.newPage();
    const cdp = await extension.context.newCDPSession(page);
    const worlds: { id: number; name: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await cdp.send('Runtime.enable');
    await page.goto(`${sandbox.appUrl}/prospects`);
    await expect.poll(() => worlds.some((w) => w.auxData?.type === 'isolated' && w.name === 'Deskflow Credits')).toBe(true);
    const contentWorld = worlds.find((w) => w.auxData?.type === 'isolated' && w.name === 'Deskflow Credits')!;

    const fromContentScript = await cdp.send('Runtime.evaluate', {
      contextId: contentWorld.id,
      awaitPromise: true,
      returnByValue: true,
      expression: `chrome.storage.local.get(null).then((all) => JSON.stringify(all), (error) => 'refused: ' + error.message)`,
    });
    expect(String(fromContentScript.result.value)).toMatch(/^refused/);
    expect(String(fromContentScript.result.value)).not.toContain(sandbox.demoKey);

    const fromPage = await page.evaluate(() => typeof (globalThis as { chrome?: { storage?: unknown } }).chrome?.storage);
    expect(fromPage).toBe('undefined');
  });

  it('ten app tabs and the popup opened repeatedly cost at most one more summary request', async () => {
    await sandbox.resetRequests();
    const tabs = await Promise.all(Array.from({ length: 10 }, () => extension.context.newPage()));
    await Promise.all(tabs.map((tab) => tab.goto(`${sandbox.appUrl}/prospects`)));
    for (let i = 0; i < 10; i += 1) {
      const popup = await extension.open('popup.html');
      await expect.poll(() => meterValue(popup)).toBe('412');
      await popup.close();
    }
    expect((await sandbox.requests()).counts.summary).toBeLessThanOrEqual(1);
  });
});
