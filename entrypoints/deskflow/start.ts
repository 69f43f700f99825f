import { APP_PAGES } from '@/utils/app-pages';
import { actionButtonNow, bulkActionAt, selectionNow } from '@/utils/warning/actions';
import { PageSelectionObserver } from '@/utils/warning/watcher';
import { mustAsk, PENDING } from '@/utils/warning/ask';
import { installGuard } from '@/utils/warning/guard';
import type { Warning, WarningOptions } from './warning';

export interface ContentScriptOptions extends Pick<WarningOptions, 'messageBackground' | 'alive' | 'locale' | 'confirmNatively'> {
  window: Window;
  /** Ends it all (tests; in a page it lasts as long as the page). */
  signal?: AbortSignal;
  /** Runs work in the next frame (tests step frames by hand); requestAnimationFrame otherwise. */
  requestFrame?: (callback: () => void) => void;
}

/**
 * The content script, wired: the guard first (it must be the page's first listener), the
 * connect hand-over, and the selection observer once the page is parsed. The warning (its UI,
 * words and schemas: most of this script) is evaluated when a list first has a selection or an
 * action is held, so a page where nobody selects pays only for the listeners and the observer
 * (npm run bench, content cost).
 */
export function startContentScript({ window: win, signal, requestFrame, ...options }: ContentScriptOptions) {
  const doc = win.document;
  let warning: Promise<Warning> | null = null;
  let started: Warning | null = null;
  const startWarning = () =>
    (warning ??= import('./warning').then(({ startWarning }) => (started = startWarning({ ...options, document: doc, guard, observer }))));

  const guard = installGuard({
    win,
    signal,
    actionAt: (target) => {
      const hit = bulkActionAt(target, doc);
      return hit && { list: hit.list, action: hit.button.action, element: hit.button.element };
    },
    mustAsk: (hit) => mustAsk(selectionNow(hit.list, doc), hit.action, started?.account() ?? PENDING),
    ask: (held) => void startWarning().then((warning) => warning.ask(held)),
    currentButton: (list, action) => actionButtonNow(list, action, doc),
  });

  const observer = new PageSelectionObserver({
    root: doc,
    requestFrame,
    // Until the warning takes over (it replaces these handlers).
    onSelection: (_list, selection) => {
      if (selection.count > 0) void startWarning();
    },
  });

  // The connect hand-over (and its schemas) is loaded by the first message on the connect page.
  let connect: Promise<(event: MessageEvent) => void> | null = null;
  win.addEventListener(
    'message',
    (event) => {
      if (win.location.pathname !== APP_PAGES.connect || event.source !== win) return;
      connect ??= Promise.all([import('@/utils/connect'), import('@/utils/messages')]).then(([{ createConnectHandOver }, { askBackground }]) =>
        createConnectHandOver({
          win,
          forward: async (key) => (await (options.messageBackground ?? askBackground)({ type: 'connectKey', key })).ok,
        }),
      );
      void connect.then((handOver) => handOver(event));
    },
    { signal },
  );

  // Lists are looked for once the page is parsed (at document_start an observer would read
  // every node as the parser adds it).
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', () => observer.start(), { once: true });
  else observer.start();
  signal?.addEventListener('abort', () => observer.stop());

  return { guard, observer, warning: () => startWarning() };
}
