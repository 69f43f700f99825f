import { APP_PAGES } from '@/utils/app-pages';
import { GRID, TOOLBAR } from '@/utils/warning/aria';
import { DESKFLOW_LIST } from '@/utils/warning/deskflow';
import { closest } from '@/utils/warning/dom';
import { actionButtonNow, bulkActionAt, selectionNow } from '@/utils/warning/actions';
import { PageSelectionObserver } from '@/utils/warning/watcher';
import { mustAsk, PENDING } from '@/utils/warning/ask';
import { installGuard, type HeldAction } from '@/utils/warning/guard';
import { PartRefused, type LoadPart } from './rest';
import type { Warning, WarningOptions } from '../deskflow-warning/warning';

export interface ContentScriptOptions extends Pick<WarningOptions, 'messageBackground' | 'alive' | 'locale' | 'confirmNatively'> {
  window: Window;
  /** Ends it all (tests; in a page it lasts as long as the page). */
  signal?: AbortSignal;
  /** Runs work in the next frame (tests step frames by hand); requestAnimationFrame otherwise. */
  requestFrame?: (callback: () => void) => void;
  /**
   * The warning and the connect hand-over (rest.ts): in a page, asked of the background
   * (requestPart); tests import them.
   */
  loadPart: LoadPart;
}

/** After the background refused the connect hand-over, ask again no sooner than this. */
export const CONNECT_RETRY_MS = 10_000;

/**
 * Said by the browser's own confirm() when the warning cannot load (the extension was reloaded
 * or removed under the page, or does not answer): nothing is known, so nothing runs unasked.
 * In the browser's language (`warningNotLoaded`) while the extension's catalog can be read; in
 * English once it cannot (it may be gone with the extension).
 */
export const NO_WARNING_QUESTION =
  'Deskflow Credits could not check what this bulk action costs (the extension is not answering).\n\nRun it anyway? It may spend credits.';

function noWarningQuestion(): string {
  try {
    const i18n = (globalThis as { chrome?: { i18n?: { getMessage?: (name: string) => string } } }).chrome?.i18n;
    return i18n?.getMessage?.('warningNotLoaded') || NO_WARNING_QUESTION;
  } catch {
    return NO_WARNING_QUESTION;
  }
}

/**
 * The content script, wired: the guard first (it must be the page's first listener), the
 * connect hand-over, and the selection observer once the page is parsed. The warning (its UI,
 * words and page-state check: most of the content script) is a second file (rest.ts), loaded
 * when a list is first pressed in or has a selection, or an action is held, so a page where
 * nobody selects pays only for this small file, its listeners and the observer (npm run bench,
 * content cost). A held click waits for it; if it cannot load, the browser's own confirm() asks.
 */
export function startContentScript({ window: win, signal, requestFrame, loadPart, ...options }: ContentScriptOptions) {
  const doc = win.document;
  /** Asked for once; a failed load is asked for again by the next selection or click. */
  let warning: Promise<Warning> | null = null;
  let started: Warning | null = null;
  const startWarning = () =>
    (warning ??= loadPart('warning').then(
      ({ startWarning }) => {
        // Stopped while it loaded (tests; a page never stops it): nothing more to start.
        if (signal?.aborted) throw new Error('The content script was stopped.');
        return (started = startWarning({ ...options, document: doc, guard, observer, signal }));
      },
      (error: unknown) => {
        warning = null;
        throw error;
      },
    ));
  const confirmNatively = options.confirmNatively ?? ((text: string) => win.confirm(text));
  /** Without the warning: the browser's own dialog, which no page can hide or press. */
  const askWithoutWarning = (held: HeldAction) => {
    if (confirmNatively(noWarningQuestion())) guard.run(held);
    else guard.drop(held);
  };

  const guard = installGuard({
    win,
    signal,
    actionAt: (target) => {
      const hit = bulkActionAt(target, doc);
      return hit && { list: hit.list, action: hit.button.action, element: hit.button.element };
    },
    mustAsk: (hit) => mustAsk(selectionNow(hit.list, doc), hit.action, started?.account() ?? PENDING),
    ask: (held) =>
      void startWarning().then(
        (warning) => warning.ask(held),
        () => askWithoutWarning(held),
      ),
    currentButton: (list, action) => actionButtonNow(list, action, doc),
  });

  // A press inside a list (a checkbox, a row) usually selects something: the second half is
  // asked for then, so it has arrived by the time the selection shows (first banner sooner).
  // Once it is asked for, by a press or otherwise, the listeners go.
  const LISTS = `${DESKFLOW_LIST},${GRID},${TOOLBAR}`;
  const presses = new AbortController();
  signal?.addEventListener('abort', () => presses.abort());
  const onPress = (event: Event) => {
    const target = event.target;
    if (!warning && target instanceof Element && closest(target, LISTS)) startWarning().catch(() => undefined);
    if (warning) presses.abort();
  };
  for (const type of ['pointerdown', 'keydown'] as const) {
    doc.addEventListener(type, onPress, { capture: true, passive: true, signal: presses.signal });
  }

  const observer = new PageSelectionObserver({
    root: doc,
    requestFrame,
    // Until the warning takes over (it replaces these handlers).
    onSelection: (_list, selection) => {
      if (selection.count > 0) startWarning().catch(() => undefined);
    },
  });

  // The connect hand-over (and its schema) is loaded by the first message on the connect page,
  // in the top frame only (the background takes a key from nowhere else). A failed load is asked
  // for again by the next message; a refused one only by a message CONNECT_RETRY_MS later: a page
  // the background refuses that posts in a loop costs it one request, not one a post.
  let connect: Promise<(event: MessageEvent) => void> | null = null;
  let connectRefusedAt = Number.NEGATIVE_INFINITY;
  win.addEventListener(
    'message',
    (event) => {
      if (win.location.pathname !== APP_PAGES.connect || event.source !== win || win.top !== win) return;
      if (!connect && Date.now() - connectRefusedAt < CONNECT_RETRY_MS) return;
      connect ??= loadPart('connect').then(({ createConnectHandOver, askBackground }) =>
        createConnectHandOver({
          win,
          forward: async (key) => (await (options.messageBackground ?? askBackground)({ type: 'connectKey', key })).ok,
        }),
      );
      connect.then(
        (handOver) => handOver(event),
        (error: unknown) => {
          connect = null;
          if (error instanceof PartRefused) connectRefusedAt = Date.now();
        },
      );
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
