import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createBulkActionGuard } from '@/components/warning/guard';
import { bannerModel, confirmationFor } from '@/components/warning/model';
import { createWarningUi } from '@/components/warning/ui';
import { userLocale } from '@/utils/i18n';
import { askBackground } from '@/utils/messages';
import { PageSelectionObserver, type ListSelection } from '@/utils/selection';
import { createPageState } from './page-state';

export interface WarningOptions {
  ctx: ContentScriptContext;
  document: Document;
  /** The background; tests pass a stand-in. (Not named `ask`: WXT would auto-import one.) */
  messageBackground?: typeof askBackground;
  locale?: string;
  requestFrame?: (callback: () => void) => void;
}

/**
 * The in-page warning, wired: the selection watcher reports lists, the model decides what to
 * show, the UI shows it, and the guard stands in front of credit-spending bulk actions.
 * Nothing heavy runs at start: the first look at the page happens in the next animation
 * frame, and the banner and the page state are needed only once a list has a selection.
 * Everything stops, and the UI goes away, when the extension is reloaded or updated.
 */
export function startWarning({
  ctx,
  document: doc,
  messageBackground = askBackground,
  locale = userLocale(),
  requestFrame = (callback) => void requestAnimationFrame(() => callback()),
}: WarningOptions) {
  const ui = createWarningUi({ ctx, document: doc, onBuy: (item) => void messageBackground({ type: 'startPurchase', item }) });
  const pageState = createPageState(ctx, messageBackground, () => {
    for (const [list, selection] of observer.selections()) update(list, selection);
  });

  function update(list: Element, selection: ListSelection): void {
    if (!ctx.isValid) return;
    if (selection.count > 0) pageState.ensure();
    const model = selection.count > 0 ? bannerModel(selection, pageState.get(), { locale, now: Date.now() }) : null;
    if (model) ui.show(list, model, selection.anchor);
    else ui.hide(list);
  }

  const observer = new PageSelectionObserver({
    root: doc,
    requestFrame: (callback) =>
      requestFrame(() => {
        if (ctx.isValid) callback();
      }),
    isOwnNode: ui.isOwnNode,
    onSelection: update,
    onOwnNodesRemoved: () => ui.repair(),
  });

  const guard = createBulkActionGuard({
    actionAt: (target) => observer.actionAt(target),
    selectionOf: (list) => observer.selectionOf(list),
    confirmationFor: (selection, action) => confirmationFor(selection, action, pageState.get(), locale),
    confirm: (model, returnFocusTo) => ui.confirm(model, returnFocusTo),
    currentButton: (list, action) => observer.actionButton(list, action),
    onConfirmed: (action, count) => void messageBackground({ type: 'bulkActionConfirmed', action, count }),
    isActive: () => ctx.isValid,
  });

  ctx.addEventListener(doc, 'click', guard.onClick, { capture: true });
  ctx.addEventListener(doc.defaultView ?? window, 'wxt:locationchange', () => observer.rescan());
  ctx.onInvalidated(() => {
    observer.stop();
    ui.destroy();
  });
  observer.start();
  return { observer, ui, pageState };
}
