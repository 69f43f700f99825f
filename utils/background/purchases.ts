import { browser } from 'wxt/browser';
import type { PurchaseItem } from '../billing/schemas';
import { isAllowedStripeUrl, newIdempotencyKey } from '../checkout';
import { canBuy, purchaseItemKey } from '../credits/packages';
import { t } from '../i18n';
import type { Response } from '../messages';
import type { Snapshot } from '../snapshot';
import { purchaseAttemptItem, type PurchaseAttempt } from '../storage';
import type { Account } from './account';
import type { Refresher } from './refresher';
import type { SnapshotStore } from './snapshot-store';

export const CHECKOUT_WATCH_MS = 10 * 60_000;
export const CHECKOUT_POLL_MS = 5_000;
export const CHECKOUT_WATCH_ALARM = 'checkout-watch';
/** A second Buy of the same item this soon after its tab opened focuses that tab instead. */
export const REOPEN_WINDOW_MS = 30_000;
/** An unfinished attempt this recent is retried with the same Idempotency-Key. */
export const RETRY_WINDOW_MS = 10 * 60_000;

export interface PurchasesDeps {
  store: SnapshotStore;
  account: Account;
  refresher: Refresher;
  now: () => number;
  pollMs?: number;
}

type Failure = { ok: false; error: { kind: string; message: string } };
const fail = (kind: string, message: string): Failure => ({ ok: false, error: { kind, message } });

function inCatalog(snapshot: Snapshot, item: PurchaseItem): boolean {
  const catalog = snapshot.catalog;
  if (!catalog) return false;
  return 'packageId' in item
    ? catalog.packages.some((pkg) => pkg.id === item.packageId)
    : catalog.plans.some((plan) => plan.id === item.planId);
}

/**
 * Checkout and portal sessions. One purchase at a time (attempts are serialised); each attempt
 * has an Idempotency-Key stored before the request, so a retry, a double click or a worker
 * restart reuses it and Deskflow creates one session. Only allowlisted URLs are opened.
 */
export function createPurchases({ store, account, refresher, now, pollMs = CHECKOUT_POLL_MS }: PurchasesDeps) {
  let queue: Promise<unknown> = Promise.resolve();
  let watchTimer: ReturnType<typeof setTimeout> | null = null;

  function startPurchase(item: PurchaseItem): Promise<Response<{ opened: boolean }>> {
    const next = queue.then(() => purchase(item));
    queue = next.catch(() => undefined);
    return next;
  }

  async function purchase(item: PurchaseItem): Promise<Response<{ opened: boolean }>> {
    const snapshot = await store.read();
    const api = await account.client();
    if (!api || !snapshot.signedIn) return fail('unauthorized', t('signInFirst'));
    const accountInfo = snapshot.summary?.account;
    if (accountInfo && !canBuy(accountInfo)) {
      return fail('forbidden', t('askAdminSentence', accountInfo.name));
    }
    if (!inCatalog(snapshot, item)) return fail('not_found', t('notForSale'));

    const itemJson = purchaseItemKey(item);
    const started = now();
    const previous = await purchaseAttemptItem.getValue();
    const sameItem = previous?.itemJson === itemJson;
    if (sameItem && previous.openedAt !== null && started - previous.openedAt < REOPEN_WINDOW_MS && previous.tabId !== null) {
      const focused = await browser.tabs.update(previous.tabId, { active: true }).then(
        () => true,
        () => false,
      );
      if (focused) return { ok: true, value: { opened: true } };
    }
    const reuse = sameItem && previous.openedAt === null && started - previous.startedAt < RETRY_WINDOW_MS;
    const attempt: PurchaseAttempt = reuse
      ? previous
      : { key: newIdempotencyKey(), itemJson, startedAt: started, sessionUrl: null, openedAt: null, tabId: null };
    await purchaseAttemptItem.setValue(attempt);
    await store.update((current) => ({
      ...current,
      purchase: { item, state: 'creating', startedAt: attempt.startedAt, error: null },
    }));

    const session = await api.createCheckoutSession(item, attempt.key);
    if (!session.ok) {
      if (session.error.kind === 'unauthorized') await account.signOut();
      return purchaseFailed(item, attempt, session.error.kind, session.error.message);
    }
    if (!isAllowedStripeUrl(session.value.url, 'checkout')) {
      await purchaseAttemptItem.removeValue();
      return purchaseFailed(item, attempt, 'unsafe_url', t('checkoutNotStripe'));
    }
    // The watch (its alarm too) starts before the tab opens: a worker stopped the moment after
    // the checkout is on screen still finds the payment when its alarm wakes it.
    const baseline = (await store.read()).summary;
    await startWatch(baseline ? { remaining: baseline.credits.remaining, planId: baseline.plan.id } : null, item);
    let tab: { id?: number };
    try {
      tab = await browser.tabs.create({ url: session.value.url });
    } catch {
      // No window to open it in, or the browser refused: the attempt (its Idempotency-Key) is
      // kept unopened, so Buy again gets the same session and tries the tab again.
      await stopWatch();
      return purchaseFailed(item, attempt, 'tab_failed', t('checkoutDidNotOpen'));
    }
    await purchaseAttemptItem.setValue({
      ...attempt,
      sessionUrl: session.value.url,
      openedAt: now(),
      tabId: tab.id ?? null,
    });
    return { ok: true, value: { opened: true } };
  }

  async function purchaseFailed(
    item: PurchaseItem,
    attempt: PurchaseAttempt,
    kind: string,
    message: string,
  ): Promise<Failure> {
    await store.update((current) => ({
      ...current,
      purchase: { item, state: 'failed', startedAt: attempt.startedAt, error: message },
    }));
    return fail(kind, message);
  }

  // --- The checkout watch: re-read the summary every 5 s until the balance or plan changes
  // (during an outage, at the refresher's backoff).

  interface Baseline {
    remaining: number;
    planId: string;
  }
  let baseline: Baseline | null = null;

  async function startWatch(from: Baseline | null, item: PurchaseItem): Promise<void> {
    baseline = from;
    const until = now() + CHECKOUT_WATCH_MS;
    await store.update((current) => ({
      ...current,
      purchase: { item, state: 'open', startedAt: current.purchase?.startedAt ?? now(), error: null },
      checkoutWatchUntil: until,
    }));
    await browser.alarms.create(CHECKOUT_WATCH_ALARM, { periodInMinutes: 0.5 });
    scheduleTick();
  }

  function scheduleTick(delayMs: number = pollMs): void {
    if (watchTimer !== null) return;
    watchTimer = setTimeout(() => {
      watchTimer = null;
      void tick();
    }, delayMs);
  }

  /** Every 5 s, or, while refreshes fail, at the refresher's next retry (its backoff). */
  function nextTickIn(after: Snapshot): number {
    const retryAt = after.lastError?.retryAt ?? null;
    if (retryAt === null) return pollMs;
    return Math.max(pollMs, Math.min(retryAt - now(), CHECKOUT_WATCH_MS));
  }

  async function tick(): Promise<void> {
    const before = await store.read();
    if (before.checkoutWatchUntil === null) return;
    // Past its end, or ending further away than a watch lasts (the device clock went back).
    const left = before.checkoutWatchUntil - now();
    if (left < 0 || left > CHECKOUT_WATCH_MS) return stopWatch();
    // After a worker restart the baseline is gone: take it from the snapshot as it is.
    baseline ??= before.summary ? { remaining: before.summary.credits.remaining, planId: before.summary.plan.id } : null;
    const after = await refresher.refresh('checkout-watch');
    const summary = after.summary;
    if (!after.signedIn) return stopWatch();
    if (summary && baseline && (summary.credits.remaining !== baseline.remaining || summary.plan.id !== baseline.planId)) {
      await purchaseAttemptItem.removeValue();
      return stopWatch();
    }
    scheduleTick(nextTickIn(after));
  }

  async function stopWatch(): Promise<void> {
    baseline = null;
    if (watchTimer !== null) clearTimeout(watchTimer);
    watchTimer = null;
    await browser.alarms.clear(CHECKOUT_WATCH_ALARM);
    await store.update((current) => ({ ...current, checkoutWatchUntil: null, purchase: null }));
  }

  /** The watch alarm (every 30 s) restarts the 5-s loop after the worker was stopped. */
  async function resumeWatch(): Promise<void> {
    const snapshot = await store.read();
    if (snapshot.checkoutWatchUntil === null) {
      await browser.alarms.clear(CHECKOUT_WATCH_ALARM);
      return;
    }
    scheduleTick();
  }

  /** Open Stripe's customer portal in a new tab. */
  async function openPortal(): Promise<Response<null>> {
    const api = await account.client();
    if (!api) return fail('unauthorized', t('signInFirst'));
    const session = await api.createPortalSession();
    if (!session.ok) {
      if (session.error.kind === 'unauthorized') await account.signOut();
      return fail(session.error.kind, session.error.message);
    }
    if (!isAllowedStripeUrl(session.value.url, 'portal')) {
      return fail('unsafe_url', t('portalNotStripe'));
    }
    await browser.tabs.create({ url: session.value.url });
    return { ok: true, value: null };
  }

  return { startPurchase, openPortal, resumeWatch };
}

export type Purchases = ReturnType<typeof createPurchases>;
