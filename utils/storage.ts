import { storage } from 'wxt/utils/storage';
import type { PurchaseItem } from './billing/schemas';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_MIGRATIONS, SETTINGS_VERSION, type Settings } from './settings';
import { SIGNED_OUT, type Snapshot } from './snapshot';
import { SETTINGS_KEY, SNAPSHOT_KEY } from './storage-keys';
import { EMPTY_CARRY_ON } from './warning/carry-on';

/**
 * Every storage item of the extension, in one place. All live in `local` (survives browser
 * restarts and service-worker stops). The background restricts `local` to trusted contexts
 * (extension pages) where the browser allows it, so content scripts cannot read the key.
 */

/** The API key. Read by the background only. */
export const apiKeyItem = storage.defineItem<string | null>('local:apiKey', { fallback: null });

/** The snapshot; validate with parseSnapshot when reading. Written by the background only. */
export const snapshotItem = storage.defineItem<Snapshot>(`local:${SNAPSHOT_KEY}`, {
  fallback: SIGNED_OUT,
  version: 1,
});

/**
 * The settings as stored, for reads and writes batched with other items (storage.getItems /
 * setItems); parse what it reads (parseSettings). Everything else uses settingsItem.
 */
export const storedSettings = storage.defineItem<unknown>(`local:${SETTINGS_KEY}`, {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});

/**
 * The settings, parsed on every read (parseSettings: what is corrupt or missing reads as the
 * default), so no part of the extension ever acts on a raw stored value.
 */
export const settingsItem = {
  getValue: async (): Promise<Settings> => parseSettings(await storedSettings.getValue()),
  setValue: (settings: Settings): Promise<void> => storedSettings.setValue(settings),
  watch: (callback: (settings: Settings) => void): (() => void) =>
    storedSettings.watch((value) => callback(parseSettings(value))),
};

/** Bookkeeping of the refresh policy, kept across service-worker restarts. */
export interface RefreshBookkeeping {
  /** When the last summary request was sent (epoch ms). */
  lastSummaryRequestAt: number | null;
  /** Not before this time (a 429's Retry-After, or backoff after failures). */
  notBefore: number | null;
  /** Consecutive failed refreshes, for the backoff. */
  failures: number;
}
export const refreshBookkeepingItem = storage.defineItem<RefreshBookkeeping>('local:refreshBookkeeping', {
  fallback: { lastSummaryRequestAt: null, notBefore: null, failures: 0 },
});

/** The purchase attempt: its idempotency key survives worker restarts so a retry reuses it. */
export interface PurchaseAttempt {
  key: string;
  itemJson: string;
  startedAt: number;
  sessionUrl: string | null;
  openedAt: number | null;
  tabId: number | null;
}
export const purchaseAttemptItem = storage.defineItem<PurchaseAttempt | null>('local:purchaseAttempt', {
  fallback: null,
});

/** The credit period for which the low-balance notification was already shown. */
export const lowBalanceNotifiedItem = storage.defineItem<string | null>('local:lowBalanceNotifiedFor', {
  fallback: null,
});

/** What the low-balance notification's Buy button offered: its click buys exactly that. */
export const lowBalanceOfferItem = storage.defineItem<PurchaseItem | null>('local:lowBalanceOffer', {
  fallback: null,
});

/** When a page last handed over a key (the connect hand-over's rate limit, across worker restarts). */
export const lastConnectItem = storage.defineItem<number | null>('local:lastConnectAt', { fallback: null });

/**
 * The actions waiting to carry on after buying, one per tab (utils/warning/carry-on.ts); read
 * with parseCarryOnStore. Written by the background only; in storage so that a stopped worker
 * forgets nothing.
 */
export const carryOnItem = storage.defineItem<unknown>('local:carryOn', { fallback: EMPTY_CARRY_ON });
