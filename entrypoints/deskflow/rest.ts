import type { createConnectHandOver } from '@/utils/connect';
import type { askBackground, RequestOf } from '@/utils/messages';
import type { startWarning } from '../deskflow-warning/warning';

/**
 * The content script in two files. What runs at document_start (index.ts: the guard, the
 * selection observer, the connect listener) is small; the rest — the warning's UI, words and
 * schemas, the messaging, the connect hand-over — is `deskflow-warning.js` (utils/script-files.ts), which the background
 * runs in the same frame and the same isolated world when the page first needs it (a selection,
 * a held click, a post on the connect page). A page where nobody selects never parses it.
 *
 * The two meet on a property of the isolated world's global object, which page scripts cannot
 * see or set.
 */
export interface Rest {
  startWarning: typeof startWarning;
  createConnectHandOver: typeof createConnectHandOver;
  askBackground: typeof askBackground;
}

/** How long a held click waits for the rest before the browser's own confirm() asks instead. */
export const REST_TIMEOUT_MS = 5_000;

const SLOT = '__deskflowCreditsRest';
type Slot = { [SLOT]?: (rest: Rest) => void };

/** deskflow-warning.js, once evaluated: hands its parts to the script that asked for them. */
export function handOverRest(rest: Rest): void {
  const receive = (globalThis as Slot)[SLOT];
  delete (globalThis as Slot)[SLOT];
  receive?.(rest);
}

type RuntimeLike = { runtime?: { sendMessage?: (message: unknown) => Promise<unknown> } };

/**
 * Ask the background to run the rest in this frame; resolves with its parts, rejects when the
 * extension is gone (reloaded or removed under the page), refuses, or does not answer in time.
 * Messages go through the browser's own `runtime` (no polyfill, no schemas at document_start).
 */
export function requestRest(timeoutMs = REST_TIMEOUT_MS): Promise<Rest> {
  return new Promise<Rest>((resolve, reject) => {
    const timer = setTimeout(() => {
      delete (globalThis as Slot)[SLOT];
      reject(new Error('The warning did not load in time.'));
    }, timeoutMs);
    (globalThis as Slot)[SLOT] = (rest) => {
      clearTimeout(timer);
      resolve(rest);
    };
    const api = (globalThis as { browser?: RuntimeLike }).browser ?? (globalThis as { chrome?: RuntimeLike }).chrome;
    const request: RequestOf<'loadWarning'> = { type: 'loadWarning' };
    Promise.resolve()
      .then(() => api?.runtime?.sendMessage?.(request))
      .then((answer) => {
        if ((answer as { ok?: unknown } | undefined)?.ok !== true) throw new Error('The background refused the warning.');
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        delete (globalThis as Slot)[SLOT];
        reject(error instanceof Error ? error : new Error(String(error)));
      });
  });
}
