import { z } from 'zod/mini';
import { ApiKeySchema, PurchaseItemSchema } from './billing/schemas';

/**
 * The requests extension pages and content scripts send the background (utils/messages.ts has
 * how they are sent and answered). Every request is validated with zod and checked against who
 * sent it: a content script may ask for less than an extension page may. Only the background
 * builds these schemas; content scripts do not load this module.
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
