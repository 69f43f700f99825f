import { isAllowedApiOrigin } from '../config';
import { t } from '../i18n';
import {
  classifySender,
  isAllowedFor,
  requestSchemaOf,
  type AnswerOf,
  type PageState,
  type RequestOf,
  type RequestType,
  type Response,
  type ResponseError,
  type SenderInfo,
} from '../messages';
import { apiOriginOf, appOriginOf, SettingsSchema, type Settings } from '../settings';
import { apiKeyItem, lastConnectItem, settingsItem } from '../storage';
import type { SnapshotStore } from './snapshot-store';
import type { Account } from './account';
import type { CarryOn } from './carry-on';
import type { Purchases } from './purchases';
import type { Refresher } from './refresher';
import type { Spending } from './spending';

export interface HandlerDeps {
  /** The page state for a content script of this origin (null: an extension page) and tab. */
  pageState: (origin: string | null, tabId: number | null) => Promise<PageState>;
  /** Carry on after buying: the actions remembered per tab. */
  carryOn: CarryOn;
  account: Account;
  refresher: Refresher;
  purchases: Purchases;
  /** Apply saved settings (content-script registration, account, pages). */
  settingsChanged: (previous: Settings, next: Settings) => Promise<void>;
  /** Schedule the refresh that follows a confirmed bulk action. */
  afterBulkAction: () => Promise<void>;
  /** The spending log: confirmed actions are recorded there. */
  spending: Pick<Spending, 'record' | 'clear'>;
  /** Open the options page at the limits (the blocked dialog's link). */
  openLimits: () => Promise<void>;
  /** Run a file of the content script (the warning, the connect hand-over) in a tab's frame. */
  runPart: (part: 'warning' | 'connect', tabId: number, frameId: number) => Promise<void>;
  extensionId: string;
  extensionOrigin: string;
  store: SnapshotStore;
  now: () => number;
}

/** A page's connect hand-over with another key is taken at most this often. */
export const CONNECT_INTERVAL_MS = 10_000;

const refused = (message: string): { ok: false; error: ResponseError } => ({ ok: false, error: { kind: 'refused', message } });

/**
 * The background's single entry for messages: validate the shape, check the sender may ask
 * it, then act. Anything invalid is refused without side effects.
 */
export function createMessageHandler(deps: HandlerDeps) {
  const { account, refresher, purchases, pageState } = deps;

  /** One handler per request of the contract (utils/messages.ts), typed from it. */
  const handlers: { [K in RequestType]: (request: RequestOf<K>, sender: SenderInfo) => Promise<Response<AnswerOf<K>>> } = {
    getPageState: async (_request, sender) => ({ ok: true, value: await pageState(sender.origin, sender.tabId) }),
    refresh: async (request) => ({ ok: true, value: await refresher.refresh(request.force ? 'user' : 'popup') }),
    refreshIfOld: async () => ({ ok: true, value: await refresher.refreshIfOld() }),
    startPurchase: async (request, sender) => {
      // A page may ask to buy only where the warning runs: the app, or an extra site the user still has.
      if (sender.kind === 'content-script' && !(await warningRunsFor(sender))) return refused(t('notAllowedFromPage'));
      return purchases.startPurchase(request.item);
    },
    loadWarning: async (_request, sender) => {
      if (sender.kind !== 'content-script' || sender.tabId === null || sender.frameId === null || !(await warningRunsFor(sender))) {
        return refused(t('notAllowedFromPage'));
      }
      await deps.runPart('warning', sender.tabId, sender.frameId);
      return { ok: true, value: null };
    },
    loadConnect: async (_request, sender) => {
      if (sender.kind !== 'content-script' || sender.tabId === null || !(await isAppTopFrame(sender))) {
        return refused(t('keysOnlyFromApp'));
      }
      await deps.runPart('connect', sender.tabId, 0);
      return { ok: true, value: null };
    },
    bulkActionConfirmed: async (request, sender) => {
      await deps.spending.record(request, sender);
      await deps.afterBulkAction();
      return { ok: true, value: null };
    },
    openLimits: async () => {
      await deps.openLimits();
      return { ok: true, value: null };
    },
    clearSpendingLog: async () => {
      await deps.spending.clear();
      return { ok: true, value: null };
    },
    rememberCarryOn: async (request, sender) => {
      // As buying: only where the warning runs (the app, or an extra site the user still has).
      if (!(await warningRunsFor(sender))) return refused(t('notAllowedFromPage'));
      return deps.carryOn.remember(request, sender);
    },
    forgetCarryOn: (_request, sender) => deps.carryOn.forget(sender.kind === 'content-script' ? sender.tabId : null),
    connectKey: async (request, sender) => {
      // Only the configured app origin's top-level page may hand over a key (app-pages.md §3).
      if (!(await isAppTopFrame(sender))) return refused(t('keysOnlyFromApp'));
      return connect(request.key);
    },
    setApiKey: async (request) => {
      const result = await account.signIn(request.key);
      if (result.ok) void refresher.refresh('user');
      return result;
    },
    signOut: async () => {
      await account.signOut();
      return { ok: true, value: null };
    },
    openPortal: () => purchases.openPortal(),
    saveSettings: async (request) => {
      const parsed = SettingsSchema.safeParse(request.settings);
      if (!parsed.success) {
        return { ok: false, error: { kind: 'invalid_settings', message: parsed.error.issues.map((i) => i.message).join(' ') } };
      }
      // The key is sent to the API origin: never over http outside development builds.
      if (parsed.data.apiOrigin !== null && !isAllowedApiOrigin(parsed.data.apiOrigin)) {
        return { ok: false, error: { kind: 'invalid_settings', message: t('apiOriginNeedsHttps', parsed.data.apiOrigin) } };
      }
      const previous = await settingsItem.getValue();
      // A key belongs to one Deskflow: another API origin drops it in the same write.
      if (apiOriginOf(previous) !== apiOriginOf(parsed.data)) await account.switchApiOrigin(parsed.data);
      else await settingsItem.setValue(parsed.data);
      await deps.settingsChanged(previous, parsed.data);
      return { ok: true, value: null };
    },
  };

  /** Whether the warning runs on the sender's page: the app, or an extra site the user still has. */
  async function warningRunsFor(sender: SenderInfo): Promise<boolean> {
    const settings = await settingsItem.getValue();
    return sender.origin !== null && [appOriginOf(settings), ...settings.extraSites].includes(sender.origin);
  }

  /** Whether the sender is the configured app origin's top-level page (app-pages.md §3: only it connects). */
  async function isAppTopFrame(sender: SenderInfo): Promise<boolean> {
    return sender.kind === 'content-script' && sender.frameId === 0 && sender.origin === appOriginOf(await settingsItem.getValue());
  }

  /** The connect hand-overs, one after the other; the last one's key and answer. */
  let connecting: { key: string; answer: Promise<Response<{ email: string }>> } | null = null;
  let connects: Promise<unknown> = Promise.resolve();

  /**
   * The connect page's key (app-pages.md §3). However often a page posts: the same key while it
   * is being handed over shares that one GET /v1/me, a key already in use costs no request,
   * another key within CONNECT_INTERVAL_MS of the last is refused, and the first summary waits
   * for the refresh limits like any other refresh.
   */
  function connect(candidate: string): Promise<Response<{ email: string }>> {
    const key = candidate.trim();
    if (connecting?.key === key) return connecting.answer;
    const answer = connects.then(() => connectOnce(key));
    connects = answer.catch(() => undefined);
    connecting = { key, answer };
    void answer.finally(() => {
      if (connecting?.answer === answer) connecting = null;
    });
    return answer;
  }

  async function connectOnce(key: string): Promise<Response<{ email: string }>> {
    const snapshot = await deps.store.read();
    if (snapshot.signedIn && snapshot.me && (await apiKeyItem.getValue()) === key) {
      return { ok: true, value: { email: snapshot.me.email } };
    }
    const last = await lastConnectItem.getValue();
    const at = deps.now();
    if (last !== null && at >= last && at - last < CONNECT_INTERVAL_MS) return refused(t('connectTooOften'));
    await lastConnectItem.setValue(at);
    const result = await account.signIn(key);
    if (result.ok) void refresher.refreshSoon('sign-in', 0);
    return result;
  }

  return async function handleMessage(
    message: unknown,
    rawSender: Parameters<typeof classifySender>[0],
  ): Promise<Response> {
    const sender = classifySender(rawSender, deps.extensionId, deps.extensionOrigin);
    if (!sender) return refused(t('unknownSender'));
    const parsed = requestSchemaOf().safeParse(message);
    if (!parsed.success) return refused(t('malformedRequest'));
    if (!isAllowedFor(sender, parsed.data.type)) return refused(t('notAllowedFromPage'));
    const handle = handlers[parsed.data.type] as (request: typeof parsed.data, sender: SenderInfo) => Promise<Response>;
    try {
      return await handle(parsed.data, sender);
    } catch {
      return { ok: false, error: { kind: 'internal', message: t('internalError') } };
    }
  }
}
