import { bannerModel, dialogFor, sameQuestion, type DialogModel } from '@/components/warning/model';
import { warmWarningMessages, warningStrings } from '@/components/warning/strings';
import { createWarningUi } from '@/components/warning/ui';
import { userLocale } from '@/utils/i18n';
import { askBackground } from '@/utils/messages';
import { selectionNow } from '@/utils/warning/actions';
import type { ListSelection } from '@/utils/warning/types';
import type { PageSelectionObserver } from '@/utils/warning/watcher';
import type { Guard, HeldAction } from '@/utils/warning/guard';
import { createPageState } from '@/utils/warning/page-state';

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
}: WarningOptions) {
  warmWarningMessages();
  const ui = createWarningUi({ document: doc, onBuy: (item) => void messageBackground({ type: 'startPurchase', item }) });
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
    const model = selection.count > 0 ? bannerModel(selection, pageState.get(), { locale, now: Date.now() }) : null;
    if (model) ui.show(list, model, selection.anchor);
    else ui.hide(list);
    if (open?.held.list === list) open.refresh();
  }

  function run(held: HeldAction, confirmed: DialogModel): void {
    if (guard.run(held) && confirmed.credits > 0) {
      void messageBackground({ type: 'bulkActionConfirmed', action: confirmed.action, count: confirmed.count });
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
    for (let tries = 0; tries < 3; tries += 1) {
      if (!confirmNatively(warningStrings.dialogNotShown(`${shown.title}\n${shown.body}`))) break;
      const now = questionNow();
      if (sameQuestion(now, shown)) return run(held, now);
      shown = now;
    }
    guard.drop(held);
  }

  observer.setHandlers({ onSelection: update, isOwnNode: ui.isOwnNode, onOwnNodesRemoved: () => ui.repair() });
  observer.start();
  for (const [list, selection] of observer.selections()) update(list, selection);
  observer.rescan();
  return { account: () => pageState.get(), ask, ui, pageState };
}

export type Warning = ReturnType<typeof startWarning>;
