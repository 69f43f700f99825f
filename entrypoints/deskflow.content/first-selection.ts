import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PageSelectionObserver } from '@/utils/selection';

/**
 * Calls `start` once, in the frame a list on the page first has a selection. Until then only
 * the selection watcher runs: the warning's model, its UI and the snapshot schemas (zod),
 * most of the content script, are evaluated only on pages where someone selects prospects.
 */
export function onFirstSelection(ctx: ContentScriptContext, doc: Document, start: () => void): void {
  let started = false;
  const observer = new PageSelectionObserver({
    root: doc,
    requestFrame: (callback) =>
      void requestAnimationFrame(() => {
        if (ctx.isValid) callback();
      }),
    onSelection: (_list, selection) => {
      if (started || selection.count === 0) return;
      started = true;
      queueMicrotask(() => observer.stop());
      start();
    },
  });
  ctx.addEventListener(doc.defaultView ?? window, 'wxt:locationchange', () => observer.rescan());
  ctx.onInvalidated(() => observer.stop());
  observer.start();
}
