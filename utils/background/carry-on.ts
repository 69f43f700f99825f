import { t } from '../i18n';
import type { RequestOf, Response, SenderInfo } from '../messages';
import { carryOnItem } from '../storage';
import { forgetTab, parseCarryOnStore, remember, waitingFor, type CarryOnStore, type WaitingAction } from '../warning/carry-on';
import type { SnapshotStore } from './snapshot-store';

export interface CarryOnDeps {
  store: SnapshotStore;
  now: () => number;
  /** Tell the pages (the tab's warning shows or drops its offer). */
  changed: () => Promise<void>;
}

const refused = (message: string): { ok: false; error: { kind: string; message: string } } => ({
  ok: false,
  error: { kind: 'refused', message },
});

/**
 * Carry on after buying, the background's side (product.md): the action a tab was short for
 * when the user bought from its alert, kept in storage per tab for 30 minutes — a stopped
 * worker forgets nothing — and handed to that tab's content script with its page state. The
 * tab, the page and the time come from the sender and the clock, never from the page; the
 * balance to compare with from the snapshot.
 */
export function createCarryOn({ store, now, changed }: CarryOnDeps) {
  /** Writes one after the other: two quick messages must not lose each other's change. */
  let queue: Promise<unknown> = Promise.resolve();
  function update(change: (current: CarryOnStore) => CarryOnStore): Promise<void> {
    const next = queue.then(async () => {
      const current = parseCarryOnStore(await carryOnItem.getValue(), now());
      const updated = change(current);
      if (updated !== current) await carryOnItem.setValue(updated);
    });
    queue = next.catch(() => undefined);
    return next;
  }

  async function rememberFor(request: RequestOf<'rememberCarryOn'>, sender: SenderInfo): Promise<Response<null>> {
    if (sender.kind !== 'content-script' || sender.tabId === null || !sender.page || sender.frameId !== 0) {
      return refused(t('notAllowedFromPage'));
    }
    const summary = (await store.read()).summary;
    if (!summary) return refused(t('notAllowedFromPage'));
    const entry: WaitingAction = {
      tabId: sender.tabId,
      page: sender.page,
      list: { ...request.list, path: new URL(sender.page).pathname },
      action: request.action,
      count: request.count,
      atLeast: request.atLeast,
      remainingAtBuy: summary.credits.remaining,
      boughtAt: now(),
    };
    await update((current) => remember(current, entry, now()));
    await changed();
    return { ok: true, value: null };
  }

  async function forget(tabId: number | null): Promise<Response<null>> {
    if (tabId === null) return refused(t('notAllowedFromPage'));
    await update((current) => forgetTab(current, tabId));
    await changed();
    return { ok: true, value: null };
  }

  /** What waits for each tab now. */
  async function waiting(): Promise<CarryOnStore> {
    return parseCarryOnStore(await carryOnItem.getValue(), now());
  }

  return {
    remember: rememberFor,
    forget,
    waiting,
    forTab: async (tabId: number | null) => (tabId === null ? null : waitingFor(await waiting(), tabId, now())),
  };
}

export type CarryOn = ReturnType<typeof createCarryOn>;
