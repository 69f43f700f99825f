import { browser } from 'wxt/browser';
import type { BillingClientOptions } from '../billing/client';
import { buildConfig } from '../config';
import { CONNECT_SCRIPT_FILE, WARNING_SCRIPT_FILE } from '../script-files';
import { t } from '../i18n';
import { apiOriginOf, appOriginOf, type Settings } from '../settings';
import { settingsItem } from '../storage';
import type { Snapshot } from '../snapshot';
import { createAccount } from './account';
import { createCarryOn } from './carry-on';
import { applyToolbar } from './badge';
import { createMessageHandler } from './handlers';
import { notifyIfLow, onNotificationButton, onNotificationClicked } from './notifications';
import { CHECKOUT_WATCH_ALARM, createPurchases } from './purchases';
import { createRefresher, REFRESH_ALARM, RETRY_ALARM } from './refresher';
import { createSnapshotStore } from './snapshot-store';
import { createSpending } from './spending';
import { pageStateFor, pushPageStateToTabs, syncExtraSiteScripts } from './tabs';

export interface BackgroundDeps {
  now?: () => number;
  fetch?: typeof fetch;
  /** How often the checkout watch re-reads the summary (tests shorten it). */
  checkoutPollMs?: number;
  /** The billing client's timeout and retry timing (tests shorten them); defaults otherwise. */
  billing?: Pick<BillingClientOptions, 'timeoutMs' | 'sleep' | 'random'>;
}

/** How long after a confirmed bulk action the balance is re-read. */
export const AFTER_BULK_ACTION_MS = 4_000;

/**
 * The background: owner of the key, the API and the snapshot. Built from small parts so
 * tests can drive it with fakeBrowser and the sandbox; the entrypoint only wires events.
 */
export function createBackground({ now = Date.now, fetch, checkoutPollMs, billing }: BackgroundDeps = {}) {
  const store = createSnapshotStore();
  const account = createAccount({ store, fetch, billing });
  const refresher = createRefresher({ store, client: account.client, signOut: account.signOut, now, session: account.session });
  const purchases = createPurchases({ store, account, refresher, now, pollMs: checkoutPollMs });

  const paintToolbar = async (snapshot: Snapshot) => applyToolbar(snapshot, await settingsItem.getValue(), now());
  const pushPages = async (snapshot: Snapshot, settings?: Settings) =>
    pushPageStateToTabs(snapshot, settings ?? (await settingsItem.getValue()), await carryOn.waiting(), now(), await spending.thisWeek());
  const spending = createSpending({ now, readSnapshot: () => store.read(), recorded: async () => pushPages(await store.read()) });
  const carryOn = createCarryOn({ store, now, changed: async () => pushPages(await store.read()) });
  store.onWrite(paintToolbar);
  store.onWrite((snapshot: Snapshot) => pushPages(snapshot));
  store.onWrite((snapshot: Snapshot) => notifyIfLow(snapshot));

  const handleMessage = createMessageHandler({
    pageState: async (origin, tabId) =>
      pageStateFor(await store.read(), await settingsItem.getValue(), origin, await carryOn.forTab(tabId), await spending.thisWeek()),
    spending,
    carryOn,
    account,
    refresher,
    purchases,
    store,
    now,
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/').replace(/\/+$/, ''),
    afterBulkAction: () => refresher.refreshSoon('bulk-action', AFTER_BULK_ACTION_MS),
    runPart: async (part, tabId, frameId) => {
      const file = part === 'warning' ? WARNING_SCRIPT_FILE : CONNECT_SCRIPT_FILE;
      await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [`/${file}`] });
    },
    openLimits: async () => {
      await browser.tabs.create({ url: browser.runtime.getURL('/options.html#limits') });
    },
    settingsChanged: async (previous, next) => {
      // A key belongs to one Deskflow: never send it to another API origin.
      if (apiOriginOf(previous) !== apiOriginOf(next)) await account.signOut();
      const snapshot = await store.read();
      await paintToolbar(snapshot); // the popup's preview links to the app
      await pushPages(snapshot, next);
      if (appOriginOf(previous) !== appOriginOf(next) || previous.extraSites.join() !== next.extraSites.join()) {
        await syncExtraSiteScripts(next, buildConfig.appOrigin);
      }
    },
  });

  /** Every start of the worker: state is in storage; redo what memory lost. */
  async function started(reason: 'install' | 'startup' | 'wake'): Promise<void> {
    // Queued first, before any message that woke the worker can start a new purchase: a
    // checkout being created when the worker stopped will not finish, so let the user retry.
    const cleaned = store
      .update((current) =>
        current.purchase?.state === 'creating'
          ? { ...current, purchase: { ...current.purchase, state: 'failed', error: t('checkoutDidNotOpen') } }
          : current,
      )
      // Storage refusing the write (full) must not stop the start-up: alarms and refresh follow.
      .catch(() => store.read());
    await restrictStorageToExtensionPages();
    await refresher.ensureAlarm();
    const snapshot = await cleaned;
    await purchases.resumeWatch();
    // The browser forgets the badge on restart; paint it before anything slow.
    await paintToolbar(snapshot);
    if (reason !== 'wake') {
      await syncExtraSiteScripts(await settingsItem.getValue(), buildConfig.appOrigin).catch(() => undefined);
      await refresher.refresh(reason);
    }
  }

  async function alarm(name: string): Promise<void> {
    if (name === REFRESH_ALARM) await refresher.refresh('alarm');
    else if (name === RETRY_ALARM) await refresher.refresh('retry');
    else if (name === CHECKOUT_WATCH_ALARM) await purchases.resumeWatch();
    await paintToolbar(await store.read());
  }

  /** The low-balance notification's Buy button: the purchase it offered, as the popup's Buy does. */
  async function notificationButton(notificationId: string, buttonIndex: number): Promise<void> {
    const item = await onNotificationButton(notificationId, buttonIndex);
    if (item) await purchases.startPurchase(item);
  }

  /** A click on the notification itself (Firefox has no buttons): the app's billing page. */
  async function notificationClicked(notificationId: string): Promise<void> {
    await onNotificationClicked(notificationId);
  }

  return { handleMessage, started, alarm, notificationButton, notificationClicked, refresher, purchases, account, store };
}

/**
 * Keep `storage.local` (the API key) away from content scripts where the browser allows it:
 * Chrome 140+ (the manifest's minimum_chrome_version). Firefox has no setAccessLevel (its
 * content scripts can read storage.local; see the README's Privacy section).
 */
async function restrictStorageToExtensionPages(): Promise<void> {
  const local = (globalThis as { chrome?: { storage?: { local?: { setAccessLevel?: (o: object) => Promise<void> } } } })
    .chrome?.storage?.local;
  try {
    await local?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch {
    // Firefox has no access levels, and Chrome before 140 none for `local`: nothing more to do.
  }
}
