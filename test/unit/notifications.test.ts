// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import german from '@/public/_locales/de/messages.json';
import { LOW_BALANCE_NOTIFICATION, notifyIfLow } from '@/utils/background/notifications';
import { setCatalogForTesting } from '@/utils/i18n';
import { parseSnapshot, type Snapshot } from '@/utils/snapshot';
import { lowBalanceNotifiedItem, lowBalanceOfferItem, settingsItem, snapshotItem } from '@/utils/storage';
import { signedIn as snapshotWith } from '../fixtures/snapshots';
import { backgroundHarness, EXTENSION_PAGE, START, type Background } from '../harness';

/**
 * The low-balance notification (product.md, Background): once per credit period when the
 * balance falls to 10 % or less, with a Buy button that starts the checkout of the package the
 * popup suggests; off when the option is off; a click on the notification opens billing.
 */

/** Its clock stays at START: the notification is about the balance, not the time. */
const { sandbox, signedIn: signedInBackground } = backgroundHarness();

type CreateOptions = Awaited<ReturnType<typeof fakeBrowser.notifications.getAllCreateOptions>>[string];
const shown = (): Record<string, CreateOptions> => fakeBrowser.notifications.getAllCreateOptions();

let create: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  create = vi.spyOn(fakeBrowser.notifications, 'create');
});
afterEach(() => {
  setCatalogForTesting(null);
});

/** Spend credits on Deskflow's side, then let the background read the new balance. */
async function spendTo(bg: Background, remaining: number): Promise<Snapshot> {
  sandbox.adjustCredits(remaining - sandbox.summary().credits.remaining);
  return bg.refresher.refresh('user');
}

describe('the low-balance notification', () => {
  it('stays quiet above 10 %, says so once at 10 %, with a Buy button for the suggested package', async () => {
    const bg = await signedInBackground();
    expect(create).not.toHaveBeenCalled(); // 412 of 550

    await spendTo(bg, 56); // 10.2 %
    expect(create).not.toHaveBeenCalled();

    await spendTo(bg, 55); // 10 % of the 500 included + 50 add-on
    expect(create).toHaveBeenCalledOnce();
    expect(shown()[LOW_BALANCE_NOTIFICATION]).toEqual({
      type: 'basic',
      iconUrl: `chrome-extension://${fakeBrowser.runtime.id}/icon/128.png`,
      title: 'Deskflow credits are running low',
      message: '55 credits left on Acme Sales.',
      contextMessage: 'Click to open billing.',
      // 111 more credits bring 55 of 550 back above 25 %: the popup suggests 250 as well.
      buttons: [{ title: 'Buy 250 credits · $100.00' }],
    });
    expect(await lowBalanceOfferItem.getValue()).toEqual({ packageId: 'pkg_250' });

    // Lower still, refreshed again and again: the same period, no second notification.
    await spendTo(bg, 20);
    await spendTo(bg, 1);
    await bg.refresher.refresh('user');
    expect(create).toHaveBeenCalledOnce();
  });

  it('one credit left says "1 credit"', async () => {
    const bg = await signedInBackground();
    await spendTo(bg, 1);
    expect(shown()[LOW_BALANCE_NOTIFICATION]?.message).toBe('1 credit left on Acme Sales.');
  });

  it('the Buy button starts the checkout of the package it named, as the popup does', async () => {
    const bg = await signedInBackground();
    await spendTo(bg, 40);
    const tabs = vi.spyOn(fakeBrowser.tabs, 'create');
    await bg.notificationButton(LOW_BALANCE_NOTIFICATION, 0);
    const sessions = sandbox.sessions();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.item).toEqual({ packageId: 'pkg_250' });
    expect(tabs).toHaveBeenCalledWith({ url: sessions[0]!.url });
    expect(shown()).toEqual({}); // the notification is gone
    expect(parseSnapshot(await snapshotItem.getValue()).purchase).toMatchObject({ item: { packageId: 'pkg_250' }, state: 'open' });
  });

  it('is wired in the background entrypoint: a click on Buy (button 0) buys, other clicks do not', async () => {
    const { default: entrypoint } = await import('@/entrypoints/background/index');
    const bg = await signedInBackground();
    await spendTo(bg, 40);
    entrypoint.main();
    fakeBrowser.notifications.onButtonClicked.trigger('another-extension-id', 0);
    fakeBrowser.notifications.onButtonClicked.trigger(LOW_BALANCE_NOTIFICATION, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sandbox.sessions()).toEqual([]);
    fakeBrowser.notifications.onButtonClicked.trigger(LOW_BALANCE_NOTIFICATION, 0);
    await vi.waitFor(() => expect(sandbox.sessions()).toHaveLength(1));
  });

  it('a click on the notification itself opens the billing page (Firefox has no buttons)', async () => {
    const bg = await signedInBackground();
    await spendTo(bg, 40);
    const tabs = vi.spyOn(fakeBrowser.tabs, 'create');
    await bg.notificationClicked(LOW_BALANCE_NOTIFICATION);
    expect(tabs).toHaveBeenCalledWith({ url: `${sandbox.appUrl}/settings/billing` });
    expect(shown()).toEqual({});
    await bg.notificationClicked('something-else');
    expect(tabs).toHaveBeenCalledOnce();
    expect(sandbox.sessions()).toEqual([]);
  });

  it('is not shown when the option is off, and is shown once it is turned back on', async () => {
    await settingsItem.setValue({ ...(await settingsItem.getValue()), lowBalanceNotification: false });
    const bg = await signedInBackground();
    await spendTo(bg, 30);
    expect(create).not.toHaveBeenCalled();
    expect(await lowBalanceNotifiedItem.getValue()).toBeNull();

    await settingsItem.setValue({ ...(await settingsItem.getValue()), lowBalanceNotification: true });
    await spendTo(bg, 29);
    expect(create).toHaveBeenCalledOnce();
  });

  it('members are told without a Buy button (they cannot buy)', async () => {
    sandbox.setScenario('member');
    const bg = await signedInBackground();
    await spendTo(bg, 10);
    expect(shown()[LOW_BALANCE_NOTIFICATION]).not.toHaveProperty('buttons');
    expect(await lowBalanceOfferItem.getValue()).toBeNull();
    await bg.notificationButton(LOW_BALANCE_NOTIFICATION, 0);
    expect(sandbox.sessions()).toEqual([]);
  });

  it('on Firefox: no buttons, and the message says a click opens billing', async () => {
    await notifyIfLow(snapshotWith({ remaining: 30 }), { locale: 'en-US', buttons: false });
    const options = shown()[LOW_BALANCE_NOTIFICATION];
    expect(options).not.toHaveProperty('buttons');
    expect(options).not.toHaveProperty('contextMessage');
    expect(options?.message).toBe('30 credits left on Acme Sales. Click to open billing.');
  });
});

describe('once per credit period', () => {
  const low = (resetsAt: string, accountId = 'acc_7Hq2') => {
    const snapshot = snapshotWith({ remaining: 30 });
    const summary = snapshot.summary!;
    return {
      ...snapshot,
      summary: {
        ...summary,
        account: { ...summary.account, id: accountId },
        credits: { ...summary.credits, included: { ...summary.credits.included, resetsAt } },
      },
    };
  };

  it('again in the next period, and for another account, never twice in one', async () => {
    await notifyIfLow(low('2026-12-01T00:00:00Z'));
    await notifyIfLow(low('2026-12-01T00:00:00Z'));
    expect(create).toHaveBeenCalledTimes(1);
    await notifyIfLow(low('2027-01-01T00:00:00Z'));
    expect(create).toHaveBeenCalledTimes(2);
    await notifyIfLow(low('2027-01-01T00:00:00Z', 'acc_other'));
    expect(create).toHaveBeenCalledTimes(3);
  });

  it('not on data a failed refresh left behind, nor without a summary', async () => {
    await notifyIfLow({ ...low('2026-12-01T00:00:00Z'), lastError: { kind: 'network', message: 'offline', at: START, retryAt: null } });
    await notifyIfLow(parseSnapshot(null));
    expect(create).not.toHaveBeenCalled();
  });

  it('signing out forgets what was shown: the next account is told again', async () => {
    const bg = await signedInBackground();
    await spendTo(bg, 40);
    expect(await lowBalanceNotifiedItem.getValue()).not.toBeNull();
    await bg.handleMessage({ type: 'signOut' }, EXTENSION_PAGE);
    expect(await lowBalanceNotifiedItem.getValue()).toBeNull();
    expect(await lowBalanceOfferItem.getValue()).toBeNull();
  });
});

describe('in German', () => {
  it('title, message, button and hint from the German catalog, numbers and prices by the locale', async () => {
    setCatalogForTesting(german);
    await notifyIfLow(snapshotWith({ remaining: 1 }), { locale: 'de-DE', buttons: true });
    expect(shown()[LOW_BALANCE_NOTIFICATION]).toMatchObject({
      title: 'Ihre Deskflow-Credits werden knapp',
      message: 'Noch 1 Credit für Acme Sales.',
      contextMessage: 'Klicken, um die Abrechnung zu öffnen.',
      buttons: [{ title: 'Kaufen: 250 Credits · 100,00\u00a0$' }],
    });
  });
});
