import { browser } from 'wxt/browser';
import type { BillingClient } from '../billing/client';
import type { BillingError } from '../billing/errors';
import { MAX_RETRY_AFTER_MS, refreshBackoffMs } from '../billing/retry';
import { refreshBookkeepingItem, type RefreshBookkeeping } from '../storage';
import { POPUP_REFRESH_AFTER_MS, type Snapshot } from '../snapshot';
import type { SnapshotStore } from './snapshot-store';

/**
 * Why a refresh was asked for. The user's Refresh (and a key the user saved) and the checkout watch
 * skip the 10-s limit; nothing skips Retry-After, and a page's connect hand-over skips neither.
 */
export type RefreshReason =
  | 'install'
  | 'startup'
  | 'alarm'
  | 'retry'
  | 'popup'
  | 'user'
  | 'bulk-action'
  | 'checkout-watch'
  | 'sign-in';

const UNLIMITED_REASONS: ReadonlySet<RefreshReason> = new Set(['user', 'checkout-watch']);

export const MIN_SUMMARY_INTERVAL_MS = 10_000;
export const CATALOG_MAX_AGE_MS = 60 * 60_000;
export const USAGE_MAX_AGE_MS = 10 * 60_000;
export const REFRESH_ALARM = 'refresh';
export const REFRESH_PERIOD_MINUTES = 5;
export const RETRY_ALARM = 'retry';

export interface RefresherDeps {
  store: SnapshotStore;
  /** A client for the saved key and configured origin, or null when signed out. */
  client: () => Promise<BillingClient | null>;
  /** Called on a 401: the key is no longer good. */
  signOut: () => Promise<void>;
  now: () => number;
  /**
   * Which sign-in the work belongs to (account.ts): it changes when the key is forgotten or
   * replaced, so a refresh started for an earlier key never writes into, nor signs out, a later one.
   */
  session?: () => number;
}

/**
 * The refresh policy of product.md: one request in flight shared by every caller, at most one
 * summary request per 10 s unless the user asked, Retry-After honoured, automatic retry with
 * backoff, catalog cached for an hour. All bookkeeping is in storage (the worker may stop).
 */
export function createRefresher({ store, client, signOut, now, session = () => 0 }: RefresherDeps) {
  let inFlight: { session: number; promise: Promise<Snapshot> } | null = null;

  /** Shared by every caller of the same sign-in; never rejects (a refused write keeps what is stored). */
  function refresh(reason: RefreshReason): Promise<Snapshot> {
    const mine = session();
    if (inFlight?.session !== mine) {
      const promise: Promise<Snapshot> = run(reason, mine)
        .catch(() => store.read())
        .finally(() => {
          if (inFlight?.promise === promise) inFlight = null;
        });
      inFlight = { session: mine, promise };
    }
    return inFlight.promise;
  }

  /** Milliseconds since `at`; a time in the future (the device clock went back) counts as old. */
  function ageOf(at: number | null, atTime: number): number {
    if (at === null) return Infinity;
    const age = atTime - at;
    return age < 0 ? Infinity : age;
  }

  async function refreshIfOld(): Promise<Snapshot> {
    const snapshot = await store.read();
    return ageOf(snapshot.fetchedAt, now()) > POPUP_REFRESH_AFTER_MS ? refresh('popup') : snapshot;
  }

  async function run(reason: RefreshReason, mine: number): Promise<Snapshot> {
    const stillMine = () => session() === mine;
    const api = await client();
    if (!api) return store.read();

    const bookkeeping = await refreshBookkeepingItem.getValue();
    const started = now();
    // A wait longer than any Retry-After means the device clock went back: it no longer holds.
    const { notBefore } = bookkeeping;
    if (notBefore !== null && started < notBefore && notBefore - started <= MAX_RETRY_AFTER_MS) {
      return store.read();
    }
    if (!UNLIMITED_REASONS.has(reason) && ageOf(bookkeeping.lastSummaryRequestAt, started) < MIN_SUMMARY_INTERVAL_MS) {
      return store.read();
    }
    // The checkout watch skips the 10-s limit, not the backoff: during an outage it waits for
    // the next retry (30 s, 1 min, 2 min … 5 min) instead of asking every 5 s.
    if (reason === 'checkout-watch' && bookkeeping.failures > 0 && ageOf(bookkeeping.lastSummaryRequestAt, started) < refreshBackoffMs(bookkeeping.failures)) {
      return store.read();
    }
    await refreshBookkeepingItem.setValue({ ...bookkeeping, lastSummaryRequestAt: started });

    const summary = await api.getSummary();
    if (!summary.ok) return failed(summary.error, bookkeeping, stillMine);

    const before = await store.read();
    const catalogOld = before.catalog === null || ageOf(before.catalogFetchedAt, started) > CATALOG_MAX_AGE_MS;
    const usageOld =
      before.usage === null ||
      ageOf(before.usageFetchedAt, started) > USAGE_MAX_AGE_MS ||
      before.summary?.credits.remaining !== summary.value.credits.remaining;
    // Who is signed in is lost with a corrupted snapshot: ask again (once, with this refresh).
    const [catalog, usage, me] = await Promise.all([
      catalogOld ? api.getCatalog() : null,
      usageOld ? api.getUsage(30) : null,
      before.me === null ? api.getMe() : null,
    ]);
    if (!stillMine()) return store.read(); // signed out or another key while this was in flight
    if ([catalog, usage, me].some((answer) => answer && !answer.ok && answer.error.kind === 'unauthorized')) {
      await signOut();
      return store.read();
    }

    await refreshBookkeepingItem.setValue({ lastSummaryRequestAt: started, notBefore: null, failures: 0 });
    await browser.alarms.clear(RETRY_ALARM);
    const done = now();
    return store.update((current) => {
      if (!stillMine()) return current;
      return {
        ...current,
        // The key was accepted: signed in, even if the stored snapshot was lost or corrupted.
        signedIn: true,
        me: me?.ok ? me.value : current.me,
        summary: summary.value,
        fetchedAt: done,
        catalog: catalog?.ok ? catalog.value : current.catalog,
        catalogFetchedAt: catalog?.ok ? done : current.catalogFetchedAt,
        usage: usage?.ok ? usage.value : current.usage,
        usageFetchedAt: usage?.ok ? done : current.usageFetchedAt,
        lastError: null,
      };
    });
  }

  async function failed(error: BillingError, bookkeeping: RefreshBookkeeping, stillMine: () => boolean): Promise<Snapshot> {
    if (!stillMine()) return store.read();
    if (error.kind === 'unauthorized') {
      await signOut();
      return store.read();
    }
    const at = now();
    const failures = bookkeeping.failures + 1;
    // Deskflow's Retry-After (429, or a 503 in maintenance) decides; otherwise our backoff.
    const serverWait = 'retryAfterMs' in error ? error.retryAfterMs : undefined;
    const retryAt = at + (serverWait ?? refreshBackoffMs(failures));
    await refreshBookkeepingItem.setValue({
      lastSummaryRequestAt: at,
      notBefore: serverWait !== undefined ? retryAt : null,
      failures,
    });
    await browser.alarms.create(RETRY_ALARM, { when: retryAt });
    return store.update((current) =>
      stillMine() ? { ...current, lastError: { kind: error.kind, message: error.message, at, retryAt } } : current,
    );
  }

  /**
   * Refresh in `delayMs`, or as soon after as the 10-s limit allows (a confirmed bulk action
   * right after another refresh must still show its cost, not be dropped).
   */
  async function refreshSoon(reason: RefreshReason, delayMs: number): Promise<void> {
    const { lastSummaryRequestAt } = await refreshBookkeepingItem.getValue();
    const allowedIn = lastSummaryRequestAt === null ? 0 : lastSummaryRequestAt + MIN_SUMMARY_INTERVAL_MS - now();
    setTimeout(() => void refresh(reason), Math.max(delayMs, allowedIn + 1));
  }

  /** Make sure the 5-minute alarm exists (alarms can be lost, e.g. after an update). */
  async function ensureAlarm(): Promise<void> {
    const existing = await browser.alarms.get(REFRESH_ALARM);
    if (!existing) {
      await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_PERIOD_MINUTES });
    }
  }

  return { refresh, refreshIfOld, refreshSoon, ensureAlarm };
}

export type Refresher = ReturnType<typeof createRefresher>;
