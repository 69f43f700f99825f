import type { createConnectHandOver } from '@/utils/connect';
import type { askBackground } from '@/utils/ask-background';
import type { RequestType } from '@/utils/messages';
import { nativeRuntime } from '@/utils/native-runtime';
import type { startWarning } from '../deskflow-warning/warning';

/**
 * The content script in three files. What runs at document_start (index.ts: the guard, the
 * selection observer, the connect listener) is small; the rest is in two more files
 * (utils/script-files.ts) that the background runs in the same frame and the same isolated
 * world when the page first needs them: the warning — its UI, words and page-state check,
 * `deskflow-warning.js` — on a selection or a held click; the connect hand-over — its schema and
 * the messaging, `deskflow-connect.js` — on a post on the connect page. A page where nobody
 * selects parses neither; the warning's file carries no zod and no polyfill (issue 19).
 *
 * They meet on a property of the isolated world's global object, which page scripts cannot
 * see or set.
 */
export interface Parts {
  warning: { startWarning: typeof startWarning };
  connect: { createConnectHandOver: typeof createConnectHandOver; askBackground: typeof askBackground };
}
export type PartName = keyof Parts;
export type LoadPart = <P extends PartName>(part: P) => Promise<Parts[P]>;

/** How long a held click waits for the warning before the browser's own confirm() asks instead. */
export const REST_TIMEOUT_MS = 5_000;

/** The background said no: the part does not run in this frame (it will not, until settings change). */
export class PartRefused extends Error {
  constructor(part: PartName) {
    super(`The background refused the ${part} part.`);
  }
}

/** What a part's file asks the background for. */
const REQUEST: { [P in PartName]: RequestType } = { warning: 'loadWarning', connect: 'loadConnect' };

type Slots = { [slot: string]: ((value: never) => void) | undefined };
const slotOf = (part: PartName) => `__deskflowCredits_${part}`;

/** A part's file, once evaluated: hands its parts to the script that asked for them. */
export function handOverPart<P extends PartName>(part: P, value: Parts[P]): void {
  const slots = globalThis as unknown as Slots;
  const receive = slots[slotOf(part)] as ((value: Parts[P]) => void) | undefined;
  delete slots[slotOf(part)];
  receive?.(value);
}

/**
 * Ask the background to run a part in this frame; resolves with it, rejects when the extension
 * is gone (reloaded or removed under the page), refuses, or does not answer in time. Messages go
 * through the browser's own `runtime` (no polyfill, no schemas at document_start).
 */
export function requestPart<P extends PartName>(part: P, timeoutMs = REST_TIMEOUT_MS): Promise<Parts[P]> {
  const slots = globalThis as unknown as Slots;
  const slot = slotOf(part);
  return new Promise<Parts[P]>((resolve, reject) => {
    const timer = setTimeout(() => {
      delete slots[slot];
      reject(new Error(`The ${part} part did not load in time.`));
    }, timeoutMs);
    slots[slot] = ((value: Parts[P]) => {
      clearTimeout(timer);
      resolve(value);
    }) as (value: never) => void;
    Promise.resolve()
      .then(() => nativeRuntime()?.sendMessage({ type: REQUEST[part] }))
      .then((answer) => {
        const ok = (answer as { ok?: unknown } | undefined)?.ok;
        if (ok === false) throw new PartRefused(part);
        if (ok !== true) throw new Error(`The background did not answer for the ${part} part.`);
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        delete slots[slot];
        reject(error instanceof Error ? error : new Error(String(error)));
      });
  });
}
