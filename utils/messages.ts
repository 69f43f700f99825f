import { z } from 'zod/mini';
import { browser } from 'wxt/browser';
import { ApiKeySchema, PurchaseItemSchema } from './billing/schemas';
import { t } from './i18n';
import type { ConfirmationMode } from './settings';
import type { Snapshot } from './snapshot';

/**
 * The message protocol between the popup, options and content scripts and the background.
 * Every message is validated with zod and checked against who sent it: a content script may
 * ask for less than an extension page may.
 */

const SelectionCount = z.int().check(z.nonnegative(), z.maximum(10_000_000));

export const RequestSchema = z.discriminatedUnion('type', [
  /** The snapshot and the confirmation mode (content scripts cannot read storage). */
  z.strictObject({ type: z.literal('getPageState') }),
  /** Refresh now; `force` (the Refresh button) skips the 10-second limit. */
  z.strictObject({ type: z.literal('refresh'), force: z.optional(z.boolean()) }),
  /** Refresh if the data is older than a minute (the popup opening). */
  z.strictObject({ type: z.literal('refreshIfOld') }),
  /** Start a checkout for a catalog item. */
  z.strictObject({ type: z.literal('startPurchase'), item: PurchaseItemSchema }),
  /** A credit-spending bulk action was confirmed on a page: refresh shortly after. */
  z.strictObject({
    type: z.literal('bulkActionConfirmed'),
    action: z.string().check(z.minLength(1), z.maxLength(64)),
    count: SelectionCount,
  }),
  /** The app's connect page handed over a key (app-pages.md §3). */
  z.strictObject({ type: z.literal('connectKey'), key: ApiKeySchema }),
  /** Options page: validate a pasted key with GET /v1/me, then save it. */
  z.strictObject({ type: z.literal('setApiKey'), key: z.string().check(z.maxLength(300)) }),
  z.strictObject({ type: z.literal('signOut') }),
  z.strictObject({ type: z.literal('openPortal') }),
  z.strictObject({ type: z.literal('saveSettings'), settings: z.unknown() }),
]);
export type Request = z.infer<typeof RequestSchema>;
export type RequestType = Request['type'];

/** What each kind of sender may ask. */
const CONTENT_SCRIPT_MAY: ReadonlySet<RequestType> = new Set([
  'getPageState',
  'startPurchase',
  'bulkActionConfirmed',
  'connectKey',
]);

export type SenderKind = 'extension-page' | 'content-script';

export interface SenderInfo {
  kind: SenderKind;
  /** The web page's origin, for content scripts. */
  origin: string | null;
  /** 0 for a top-level frame. */
  frameId: number | null;
  tabId: number | null;
}

/**
 * Who sent a message, or null when it is not from this extension at all. `extensionOrigin` is
 * the extension's base URL without its trailing slash, e.g. `chrome-extension://<id>`.
 */
export function classifySender(
  sender: { id?: string; url?: string; tab?: { id?: number }; frameId?: number },
  extensionId: string,
  extensionOrigin: string,
): SenderInfo | null {
  if (sender.id !== extensionId || typeof sender.url !== 'string') return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  // The extension's own pages are recognised by scheme and host, not by `origin`: that is the
  // opaque "null" for about:blank, data: and sandboxed frames, and a URL implementation that
  // does not know the extension scheme (Node's, in tests) gives "null" for it too — which
  // made any opaque-origin sender look like an extension page.
  if (`${url.protocol}//${url.host}` === extensionOrigin) {
    return { kind: 'extension-page', origin: null, frameId: sender.frameId ?? null, tabId: sender.tab?.id ?? null };
  }
  if (sender.tab?.id === undefined) return null;
  return { kind: 'content-script', origin: url.origin, frameId: sender.frameId ?? null, tabId: sender.tab.id };
}

export function isAllowedFor(sender: SenderInfo, type: RequestType): boolean {
  return sender.kind === 'extension-page' || CONTENT_SCRIPT_MAY.has(type);
}

export type ResponseError = { kind: string; message: string };
export type Response<T = unknown> = { ok: true; value: T } | { ok: false; error: ResponseError };

/** The value each request answers with. */
/** What a content script knows: the snapshot and how the user wants to be asked. */
export interface PageState {
  snapshot: Snapshot;
  confirmation: ConfirmationMode;
}

export interface ResponseValues {
  getPageState: PageState;
  refresh: Snapshot;
  refreshIfOld: Snapshot;
  startPurchase: { opened: boolean };
  bulkActionConfirmed: null;
  connectKey: { email: string };
  setApiKey: { email: string };
  signOut: null;
  openPortal: null;
  saveSettings: null;
}

/** Ask the background; resolves with its answer, or a `no_answer` error if it gave none. */
export async function askBackground<T extends Request>(
  request: T,
): Promise<Response<ResponseValues[T['type']]>> {
  try {
    const answer = (await browser.runtime.sendMessage(request)) as Response<ResponseValues[T['type']]> | undefined;
    return answer ?? { ok: false, error: { kind: 'no_answer', message: t('noAnswer') } };
  } catch {
    return { ok: false, error: { kind: 'no_answer', message: t('noAnswer') } };
  }
}

/** Pushed by the background to content scripts when the snapshot or the settings change. */
export const PageStatePushSchema = z.strictObject({
  type: z.literal('pageState'),
  state: z.object({ snapshot: z.unknown(), confirmation: z.enum(['always', 'short', 'off']) }),
});
