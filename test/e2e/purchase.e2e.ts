import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoadedExtension } from './browser';
import { badgeOf, sandbox, screenshot, startSignedIn } from './fixtures';

let extension: LoadedExtension;
beforeEach(async () => {
  extension = await startSignedIn('basic');
});
afterEach(async () => {
  await extension?.close();
});

const meterValue = (popup: Page) =>
  popup.getByRole('meter', { name: 'Credits remaining' }).getAttribute('aria-valuenow');

async function openPopup(): Promise<Page> {
  const popup = await extension.open('popup.html');
  await expect.poll(() => meterValue(popup)).not.toBeNull();
  return popup;
}

/** Clicks a purchase button and returns the checkout tab it opened. */
async function checkoutFrom(popup: Page, name: RegExp): Promise<Page> {
  const opened = extension.context.waitForEvent('page');
  await popup.getByRole('button', { name }).click();
  const checkout = await opened;
  await checkout.waitForLoadState();
  return checkout;
}

describe('buying credits', () => {
  it('Buy 100 credits → Pay → the badge and popup show +100 within seconds, no manual refresh', async () => {
    const popup = await openPopup();
    expect(await meterValue(popup)).toBe('412');
    await screenshot(popup, 'popup-fresh');
    const checkout = await checkoutFrom(popup, /^Buy 100 credits/);
    expect(checkout.url()).toMatch(new RegExp(`^${sandbox.appUrl}/checkout/`));
    await checkout.getByRole('button', { name: 'Pay' }).click();
    await expect.poll(() => checkout.getByText('Payment complete').isVisible()).toBe(true);

    const start = Date.now();
    await expect.poll(() => badgeOf(extension).then((b) => b.text), { timeout: 10_000 }).toBe('512');
    await expect.poll(() => meterValue(popup), { timeout: 10_000 }).toBe('512');
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(await sandbox.sessions()).toHaveLength(1);
  });

  it('Cancel on the checkout page changes nothing', async () => {
    const popup = await openPopup();
    const checkout = await checkoutFrom(popup, /^Buy 50 credits/);
    await checkout.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => checkout.getByText('Payment canceled').isVisible()).toBe(true);
    expect(await meterValue(popup)).toBe('412');
    expect((await badgeOf(extension)).text).toBe('412');
  });

  it('Upgrade to Pro → Pay → the popup shows the Pro plan', async () => {
    const popup = await openPopup();
    const checkout = await checkoutFrom(popup, /^Upgrade to Pro/);
    await checkout.getByRole('button', { name: 'Pay' }).click();
    await expect.poll(() => badgeOf(extension).then((b) => b.title), { timeout: 10_000 }).toMatch(/· Pro ·/);
    await expect.poll(() => popup.getByText('Pro', { exact: true }).first().isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('a double click on Buy creates one checkout session and opens one tab', async () => {
    const popup = await openPopup();
    const pagesBefore = extension.context.pages().length;
    await popup.getByRole('button', { name: /^Buy 250 credits/ }).dblclick();
    await expect.poll(() => sandbox.sessions().then((s) => s.length)).toBe(1);
    await expect.poll(() => extension.context.pages().length).toBe(pagesBefore + 1);
    await new Promise((resolve) => setTimeout(resolve, 500)); // nothing more comes
    expect(await sandbox.sessions()).toHaveLength(1);
    expect(extension.context.pages()).toHaveLength(pagesBefore + 1);
  });
});

describe('checkout addresses outside the allowlist', () => {
  it.each([
    'javascript:alert(document.domain)',
    'https://checkout.stripe.com.evil.test/c/pay/cs_1',
    'http://checkout.stripe.com/c/pay/cs_1',
    'https://user:pass@checkout.stripe.com/c/pay/cs_1',
    'data:text/html,<h1>pay here</h1>',
  ])('never opens %s, and says why', async (url) => {
    await sandbox.control('POST', 'checkout-url', { url });
    const popup = await openPopup();
    const pagesBefore = extension.context.pages().length;
    await popup.getByRole('button', { name: /^Buy 50 credits/ }).click();
    await expect.poll(() => popup.getByRole('alert').first().textContent()).toMatch(/not Stripe Checkout/);
    expect(extension.context.pages()).toHaveLength(pagesBefore);
    expect(extension.context.pages().some((page) => page.url() === url)).toBe(false);
  });
});
