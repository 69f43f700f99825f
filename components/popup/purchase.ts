import type { PurchaseItem } from '@/utils/billing/schemas';
import { isPurchasePending, type Snapshot } from '@/utils/snapshot';
import { useBackgroundAction, useOnceAtATime } from '../extension';

export interface PurchaseUi {
  /** The item whose checkout is being created, if any. */
  busyItem: PurchaseItem | null;
  /** Any purchase is being created: every purchase button refuses. */
  pending: boolean;
  /** A checkout tab is open and the background watches for the payment. */
  waitingForPayment: boolean;
  /**
   * While watching, Deskflow does not answer: the background checks the balance again at this
   * time (its backoff), or as soon as it can (0).
   */
  checkingAgainAt: number | null;
  /** Why the last purchase failed, in words. */
  error: string | null;
  buy: (item: PurchaseItem) => void;
}

export interface PortalUi {
  busy: boolean;
  error: string | null;
  open: () => void;
}

/** Buying from the popup: the background creates the checkout; the snapshot says how it goes. */
export function usePurchase(snapshot: Snapshot, now: number): PurchaseUi {
  const mutation = useBackgroundAction<{ type: 'startPurchase'; item: PurchaseItem }>();
  const once = useOnceAtATime();
  const state = snapshot.purchase;
  const creating = isPurchasePending(snapshot);
  const pending = creating || mutation.isPending;
  const busyItem = creating && state ? state.item : mutation.isPending ? (mutation.variables?.item ?? null) : null;
  const failed = state?.state === 'failed' ? state.error : null;
  const waitingForPayment = state?.state === 'open' && snapshot.checkoutWatchUntil !== null && snapshot.checkoutWatchUntil > now;
  const retryAt = snapshot.lastError?.retryAt ?? null;
  return {
    busyItem,
    pending,
    waitingForPayment,
    checkingAgainAt: waitingForPayment && snapshot.lastError ? (retryAt !== null && retryAt > now ? retryAt : 0) : null,
    // The background's answer first (it also covers refusals that never reach the snapshot).
    error: mutation.error?.message ?? failed ?? null,
    buy: (item) => {
      if (pending) return;
      void once(() => mutation.mutateAsync({ type: 'startPurchase', item }).catch(() => undefined));
    },
  };
}

/** Stripe's customer portal, opened by the background. */
export function usePortal(): PortalUi {
  const openPortal = useBackgroundAction<{ type: 'openPortal' }>();
  const once = useOnceAtATime();
  return {
    busy: openPortal.isPending,
    error: openPortal.error?.message ?? null,
    open: () => void once(() => openPortal.mutateAsync({ type: 'openPortal' }).catch(() => undefined)),
  };
}
