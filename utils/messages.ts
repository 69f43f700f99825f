import { z } from 'zod/mini';
import { ApiKeySchema, PurchaseItemSchema } from './billing/schemas';
import type { Limits } from './limits/rules';
import type { ConfirmationMode } from './warning/cost';
import type { Snapshot } from './snapshot';
import { rememberCarryOnFields, type WaitingAction } from './warning/carry-on';

/**
 * The one contract between the parts of the extension: every request the popup, the options
 * page and content scripts may send the background — its fields (zod), who may send it, and
 * what it answers — in one table (MESSAGES), the background's handlers typed from it
 * (utils/background/handlers.ts); and what the background pushes to content scripts (the page
 * state, checked by hand there: utils/warning/page-state-check.ts).
 *
 * Schemas are built only where they are checked (the background, requestSchema()): a content
 * script that only sends pays nothing for them.
 */

export type ResponseError = { kind: string; message: string };
export type Response<T = unknown> = { ok: true; value: T } | { ok: false; error: ResponseError };

/** What a content script knows: the snapshot and how the user wants to be asked. */
export interface PageState {
  snapshot: Snapshot;
  confirmation: ConfirmationMode;
  /** Whether to draw cost labels beside the page's bulk action buttons. */
  costLabels?: boolean;
  /** The action waiting in this tab to carry on after buying, or null. */
  carryOn?: WaitingAction | null;
  /** The user's limits (ask over N, block over M, weekly budget); none when absent. */
  limits?: Limits;
  /** Credits this browser saw spent this week (the spending log). */
  spentThisWeek?: number;
}

/** Who may send a request: the extension's own pages always; content scripts only where marked. */
type Senders = 'extension-pages' | 'extension-pages-and-content-scripts';

type FieldShapes = Record<string, z.core.SomeType>;

interface MessageSpec<F extends FieldShapes, Answer> {
  readonly from: Senders;
  /** The request's fields besides `type` (built only by the background). */
  readonly fields: () => F;
  /** Type only (never set): what the background answers. */
  readonly answer?: [Answer];
}

/** One row of the table: `message(from, fields).answers<T>()`. */
function message<F extends FieldShapes = Record<never, never>>(from: Senders, fields: () => F = () => ({}) as F) {
  return { answers: <Answer>(): MessageSpec<F, Answer> => ({ from, fields }) };
}

const SelectionCount = () => z.int().check(z.nonnegative(), z.maximum(10_000_000));

export const MESSAGES = {
  /** The snapshot and the confirmation mode (content scripts cannot read storage). */
  getPageState: message('extension-pages-and-content-scripts').answers<PageState>(),
  /** Refresh now; `force` (the Refresh button) skips the 10-second limit. */
  refresh: message('extension-pages', () => ({ force: z.optional(z.boolean()) })).answers<Snapshot>(),
  /** Refresh if the data is older than a minute (the popup opening). */
  refreshIfOld: message('extension-pages').answers<Snapshot>(),
  /** Start a checkout for a catalog item. */
  startPurchase: message('extension-pages-and-content-scripts', () => ({ item: PurchaseItemSchema })).answers<{ opened: boolean }>(),
  /**
   * A credit-spending bulk action was confirmed on a page: refresh shortly after, and log it
   * (the spending log) with the credits the confirmation stated and the page's title.
   */
  bulkActionConfirmed: message('extension-pages-and-content-scripts', () => ({
    action: z.string().check(z.minLength(1), z.maxLength(64)),
    count: SelectionCount(),
    credits: z.optional(z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER))),
    title: z.optional(z.string().check(z.maxLength(1_000))),
  })).answers<null>(),
  /**
   * A content script's first part asks for the warning's file (entrypoints/deskflow/rest.ts):
   * the background runs it in the sender's frame, only where the warning runs.
   */
  loadWarning: message('extension-pages-and-content-scripts').answers<null>(),
  /** The same for the connect hand-over: run only in the app origin's top frame (as connectKey). */
  loadConnect: message('extension-pages-and-content-scripts').answers<null>(),
  /** The blocked dialog's link: open the options page at the limits. */
  openLimits: message('extension-pages-and-content-scripts').answers<null>(),
  /** Options page: empty the spending log. */
  clearSpendingLog: message('extension-pages').answers<null>(),
  /**
   * The user is buying from the in-page alert: remember the action it was about for this tab
   * (carry on after buying). The tab, the page and the time come from the sender and the clock.
   */
  rememberCarryOn: message('extension-pages-and-content-scripts', rememberCarryOnFields).answers<null>(),
  /** The tab's waiting action ran, or the user said "Not now": forget it. */
  forgetCarryOn: message('extension-pages-and-content-scripts').answers<null>(),
  /** The app's connect page handed over a key (app-pages.md §3). */
  connectKey: message('extension-pages-and-content-scripts', () => ({ key: ApiKeySchema })).answers<{ email: string }>(),
  /** Options page: validate a pasted key with GET /v1/me, then save it. */
  setApiKey: message('extension-pages', () => ({ key: z.string().check(z.maxLength(300)) })).answers<{ email: string }>(),
  signOut: message('extension-pages').answers<null>(),
  openPortal: message('extension-pages').answers<null>(),
  saveSettings: message('extension-pages', () => ({ settings: z.unknown() })).answers<null>(),
} as const;

export type RequestType = keyof typeof MESSAGES;
type Fields<K extends RequestType> = ReturnType<(typeof MESSAGES)[K]['fields']>;
/** The request of a type, as the background receives it once validated. */
export type RequestOf<K extends RequestType> = { type: K } & { [F in keyof Fields<K>]: z.infer<Fields<K>[F]> } extends infer R
  ? { [P in keyof R as undefined extends R[P] ? never : P]: R[P] } & { [P in keyof R as undefined extends R[P] ? P : never]?: R[P] }
  : never;
export type Request = { [K in RequestType]: RequestOf<K> }[RequestType];
/** What the background answers to a request of a type. */
export type AnswerOf<K extends RequestType> = NonNullable<(typeof MESSAGES)[K]['answer']>[0];

let requestSchema: z.ZodMiniType<Request> | null = null;
/** Every request's schema, built on first use (in the background). */
export function requestSchemaOf(): z.ZodMiniType<Request> {
  requestSchema ??= z.discriminatedUnion(
    'type',
    (Object.keys(MESSAGES) as RequestType[]).map((type) => z.strictObject({ type: z.literal(type), ...MESSAGES[type].fields() })) as never,
  ) as unknown as z.ZodMiniType<Request>;
  return requestSchema;
}

// ---- who sent it --------------------------------------------------------------------------

export type SenderKind = 'extension-page' | 'content-script';

export interface SenderInfo {
  kind: SenderKind;
  /** The web page's origin, for content scripts. */
  origin: string | null;
  /** 0 for a top-level frame. */
  frameId: number | null;
  tabId: number | null;
  /** The web page's origin and path (no query, no fragment), for content scripts. */
  page?: string | null;
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
  return { kind: 'content-script', origin: url.origin, frameId: sender.frameId ?? null, tabId: sender.tab.id, page: url.origin + url.pathname };
}

export function isAllowedFor(sender: SenderInfo, type: RequestType): boolean {
  return sender.kind === 'extension-page' || MESSAGES[type].from === 'extension-pages-and-content-scripts';
}
