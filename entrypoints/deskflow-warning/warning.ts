import { createCostLabelsUi } from '@/components/warning/cost-labels';
import { bannerModel, dialogFor, sameQuestion, withCarryOn, type DialogModel } from '@/components/warning/model';
import { actionLabel, warmWarningMessages, warningStrings } from '@/components/warning/strings';
import { createWarningUi } from '@/components/warning/ui';
import type { PurchaseItem } from '@/utils/billing/schemas';
import { userLocale } from '@/utils/i18n';
import { askBackground } from '@/utils/ask-background';
import { selectionNow } from '@/utils/warning/actions';
import { quoteOf, showsSameCosts, verdictOf, type AccountView } from '@/utils/warning/ask';
import { carryOnFor, carryOnView, sameCarryOn, type CarryOn } from '@/utils/warning/carry-on';
import { costLabels, type CostLabel } from '@/utils/warning/labels';
import { listByKey, listKeyOf } from '@/utils/warning/list-key';
import type { ListSelection } from '@/utils/warning/types';
import type { PageSelectionObserver } from '@/utils/warning/watcher';
import type { Guard, HeldAction } from '@/utils/warning/guard';
import { createPageState, extensionAlive } from '@/utils/warning/page-state';
import { nativeRuntime } from '@/utils/native-runtime';

/** The options page at the limits (the link's address; the background opens it). */
function limitsPageUrl(): string {
  try {
    return (extensionAlive() && nativeRuntime()?.getURL('/options.html#limits')) || '#';
  } catch {
    return '#';
  }
}

export interface WarningOptions {
  document: Document;
  guard: Guard;
  observer: PageSelectionObserver;
  /** The background; tests pass a stand-in. (Not named `ask`: WXT would auto-import one.) */
  messageBackground?: typeof askBackground;
  /** Whether the extension is still there; tests pass a stand-in. */
  alive?: () => boolean;
  locale?: string;
  /** The browser's own confirm(), used only when the page will not let our dialog be seen. */
  confirmNatively?: (text: string) => boolean;
  /** Ends its listeners on the page (tests; in a page it lasts as long as the page). */
  signal?: AbortSignal;
}

/**
 * The in-page warning, wired: the selection observer reports lists, the model decides what to
 * show, the UI shows it, and held actions (utils/warning/guard.ts) are asked about. What was
 * confirmed is what runs: the question follows the selection and the balance while it is open,
 * and Continue runs the action only if the question of that moment is the one on screen.
 */
export function startWarning({
  document: doc,
  guard,
  observer,
  messageBackground = askBackground,
  alive,
  locale = userLocale(),
  confirmNatively = (text) => window.confirm(text),
  signal,
}: WarningOptions) {
  warmWarningMessages();
  const ui = createWarningUi({ document: doc, onBuy: buy, onContinue: carryOn, onNotNow: notNow });
  const labels = createCostLabelsUi(doc);
  /** The offers to carry on after buying on screen, by list (what Continue must find unchanged). */
  const offers = new Map<Element, CarryOn>();
  /** The waiting action answered here (Continue or Not now) until the background forgets it too. */
  let answered: number | null = null;
  /** The question on screen, if any. */
  let open: { held: HeldAction; refresh: () => void } | null = null;
  const pageState = createPageState({
    messageBackground,
    alive,
    onChange: () => {
      for (const [list, selection] of observer.selections()) update(list, selection);
      open?.refresh();
    },
  });

  function update(list: Element, selection: ListSelection): void {
    if (selection.count > 0) pageState.ensure();
    const account = pageState.get();
    let model = selection.count > 0 ? bannerModel(selection, account, { locale, now: Date.now() }) : null;
    const carry = carryOnHere(list, selection, account);
    const view = carry && carryOnView(carry, locale, actionLabel);
    if (carry && view) {
      offers.set(list, carry);
      model = withCarryOn(model, view);
    } else {
      offers.delete(list);
    }
    if (model) ui.show(list, model, selection.anchor);
    else ui.hide(list);
    drawLabels(list, selection, account);
    followWhileShown();
    if (open?.held.list === list) open.refresh();
  }

  // ---- costs on the page's own buttons --------------------------------------------------------

  /** The labels drawn last, by list (their words are reused while their costs stay the same). */
  const drawnLabels = new WeakMap<Element, CostLabel[]>();
  function drawLabels(list: Element, selection: ListSelection, account: AccountView): void {
    const wanted = account.kind === 'state' && account.costLabels === false ? [] : costLabels(selection, account, locale, actionLabel, drawnLabels.get(list));
    const anchor = selection.anchor;
    if (wanted.length === 0 || !anchor) {
      drawnLabels.delete(list);
      return labels.hide(list);
    }
    drawnLabels.set(list, wanted);
    const buttons = new Map<string, Element>();
    for (const button of selection.buttons) if (!buttons.has(button.action)) buttons.set(button.action, button.element);
    labels.show(list, wanted, buttons);
  }

  // The labels follow their buttons when the page scrolls or the window resizes (once a frame);
  // while none shows, the page scrolls without running any of our code.
  let repositioning = false;
  const reposition = () => {
    if (repositioning) return;
    repositioning = true;
    requestAnimationFrame(() => {
      repositioning = false;
      labels.reposition();
    });
  };
  let following: AbortController | null = null;
  signal?.addEventListener('abort', () => following?.abort());
  function followWhileShown(): void {
    const view = doc.defaultView;
    if (labels.showing() === (following !== null) || !view || signal?.aborted) return;
    if (following) {
      following.abort();
      following = null;
      return;
    }
    following = new AbortController();
    view.addEventListener('scroll', reposition, { capture: true, passive: true, signal: following.signal });
    view.addEventListener('resize', reposition, { passive: true, signal: following.signal });
  }

  // ---- carry on after buying --------------------------------------------------------------------

  /** What this list's banner says about the action waiting in this tab, or null. */
  function carryOnHere(list: Element, selection: ListSelection, account: AccountView): CarryOn | null {
    const waiting = account.kind === 'state' ? (account.carryOn ?? null) : null;
    if (!waiting || account.kind !== 'state' || waiting.boughtAt === answered) return null;
    const path = doc.location?.pathname ?? '';
    if (listByKey(waiting.list, doc, path) !== list) return null;
    // Over the user's block no offer to carry on: pressing the action shows it blocked.
    if (verdictOf(selection, waiting.action, account)?.kind === 'block') return null;
    const summary = account.snapshot.summary;
    return carryOnFor({
      waiting,
      tabId: waiting.tabId,
      path,
      now: Date.now(),
      selection,
      pricing: summary?.pricing ?? null,
      remaining: summary?.credits.remaining ?? null,
    });
  }

  /** Buy, from a list's alert: remember the action it was short for, then open the checkout. */
  function buy(item: PurchaseItem, list: Element): void {
    const selection = selectionNow(list, doc);
    const quoted = quoteOf(selection, pageState.get());
    const key = listKeyOf(list, doc, doc.location?.pathname ?? '');
    if (quoted && !quoted.estimated && quoted.quote.level === 'short' && key) {
      const { action } = quoted.quote.largest;
      void messageBackground({ type: 'rememberCarryOn', list: key, action, count: selection.count, atLeast: selection.atLeast });
    }
    void messageBackground({ type: 'startPurchase', item });
  }

  /**
   * Continue, pressed by the user: runs the waiting action once, through the guard, with the
   * selection of this moment — and only if the offer of this moment is the one on screen.
   */
  function carryOn(list: Element): void {
    const shown = offers.get(list);
    const account = pageState.get();
    if (!shown || shown.kind !== 'offer' || account.kind !== 'state' || !account.carryOn) return;
    const selection = selectionNow(list, doc);
    const now = carryOnHere(list, selection, account);
    if (!now || !sameCarryOn(now, shown)) {
      // The selection or the balance changed since it was drawn: show the offer of this moment.
      update(list, selection);
      return;
    }
    if (now.kind !== 'offer' || !guard.runConfirmed({ list, action: now.action })) return;
    answered = account.carryOn.boughtAt;
    void messageBackground({ type: 'forgetCarryOn' });
    if (now.credits > 0) void messageBackground({ type: 'bulkActionConfirmed', action: now.action, count: now.count });
    update(list, selectionNow(list, doc));
  }

  /** Not now: the waiting action is forgotten; the banner is the usual one again. */
  function notNow(list: Element): void {
    const account = pageState.get();
    if (!offers.has(list) || account.kind !== 'state' || !account.carryOn) return;
    answered = account.carryOn.boughtAt;
    void messageBackground({ type: 'forgetCarryOn' });
    update(list, selectionNow(list, doc));
  }

  function run(held: HeldAction, confirmed: DialogModel): void {
    // Over the user's block nothing runs, whatever pressed Continue.
    if (confirmed.blocked) return guard.drop(held);
    if (guard.run(held) && confirmed.credits > 0) {
      // For the spending log: what the confirmation stated, and the page's title.
      const title = doc.title.slice(0, 1_000);
      void messageBackground({ type: 'bulkActionConfirmed', action: confirmed.action, count: confirmed.count, credits: confirmed.credits, title });
    }
  }

  function ask(held: HeldAction): void {
    pageState.ensure();
    const questionNow = () => dialogFor(selectionNow(held.list, doc), held.action, pageState.get(), locale);
    let shown = questionNow();
    const finish = () => {
      open = null;
      question.close();
    };
    const question = ui.ask(shown, {
      returnFocusTo: held.element,
      onContinue: () => {
        const now = questionNow();
        if (!sameQuestion(now, shown)) {
          // The selection or the balance changed since the question was drawn: ask this one.
          shown = now;
          question.update(now);
          return;
        }
        finish();
        run(held, now);
      },
      onCancel: () => {
        finish();
        guard.drop(held);
      },
      onUnshown: () => {
        finish();
        askNatively(held, questionNow);
      },
      // Blocked: the link opens the limits in the options page; the action does not run.
      onLimits: () => {
        finish();
        guard.drop(held);
        void messageBackground({ type: 'openLimits' });
      },
      limitsUrl: limitsPageUrl(),
    });
    open = {
      held,
      refresh: () => {
        const now = questionNow();
        if (!sameQuestion(now, shown)) {
          shown = now;
          question.update(now);
        }
      },
    };
  }

  /** The browser's own dialog, which no page can hide or press; asked again if the numbers moved. */
  function askNatively(held: HeldAction, questionNow: () => DialogModel): void {
    let shown = questionNow();
    // Blocked: there is nothing to confirm (the browser's confirm() would offer OK).
    if (shown.blocked) return guard.drop(held);
    for (let tries = 0; tries < 3; tries += 1) {
      if (!confirmNatively(warningStrings.dialogNotShown(`${shown.title}\n${shown.body}`))) break;
      const now = questionNow();
      if (sameQuestion(now, shown)) return run(held, now);
      shown = now;
    }
    guard.drop(held);
  }

  observer.setHandlers({
    onSelection: update,
    // A count that changes nothing drawn (under the threshold: no banner, labels "Free") is kept
    // without a frame; the labels' places are looked at once the selection settles.
    showsNothingNew: (list, before, after) => {
      if (open?.held.list === list || offers.has(list) || !showsSameCosts(before, after, pageState.get())) return false;
      labels.settle();
      return true;
    },
    isOwnNode: (node) => ui.isOwnNode(node) || labels.isOwnNode(node),
    onOwnNodesRemoved: () => {
      ui.repair();
      labels.repair();
    },
  });
  observer.start();
  for (const [list, selection] of observer.selections()) update(list, selection);
  observer.rescan();
  return { account: () => pageState.get(), ask, ui, pageState };
}

export type Warning = ReturnType<typeof startWarning>;
