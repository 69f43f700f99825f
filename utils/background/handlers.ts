import { isAllowedApiOrigin } from '../config';
import { t } from '../i18n';
import type { PageState, Response } from '../messages';
import { classifySender, isAllowedFor, RequestSchema, type Request, type SenderInfo } from '../requests';
import { apiOriginOf, appOriginOf, SettingsSchema, type Settings } from '../settings';
import { apiKeyItem, lastConnectItem, settingsItem } from '../storage';
import type { SnapshotStore } from './snapshot-store';
import type { Account } from './account';
import type { Purchases } from './purchases';
import type { Refresher } from './refresher';

export interface HandlerDeps {
  /** The page state for a content script of this origin (null: an extension page). */
  pageState: (origin: string | null) => Promise<PageState>;
  account: Account;
  refresher: Refresher;
  purchases: Purchases;
  /** Apply saved settings (content-script registration, account, pages). */
  settingsChanged: (previous: Settings, next: Settings) => Promise<void>;
  /** Schedule the refresh that follows a confirmed bulk action. */
  afterBulkAction: () => Promise<void>;
  extensionId: string;
  extensionOrigin: string;
  store: SnapshotStore;
  now: () => number;
}

/** A page's connect hand-over with another key is taken at most this often. */
export const CONNECT_INTERVAL_MS = 10_000;

const refused = (message: string): Response => ({ ok: false, error: { kind: 'refused', message } });

/**
 * The background's single entry for messages: validate the shape, check the sender may ask
 * it, then act. Anything invalid is refused without side effects.
 */
export function createMessageHandler(deps: HandlerDeps) {
  const { account, refresher, purchases, pageState } = deps;

  async function act(request: Request, sender: SenderInfo): Promise<Response> {
    switch (request.type) {
      case 'getPageState':
        return { ok: true, value: await pageState(sender.origin) };
      case 'refresh':
        return { ok: true, value: await refresher.refresh(request.force ? 'user' : 'popup') };
      case 'refreshIfOld':
        return { ok: true, value: await refresher.refreshIfOld() };
      case 'startPurchase': {
        // A page may ask to buy only where the warning runs: the app, or an extra site the user still has.
        if (sender.kind === 'content-script') {
          const settings = await settingsItem.getValue();
          const origins = [appOriginOf(settings), ...settings.extraSites];
          if (sender.origin === null || !origins.includes(sender.origin)) return refused(t('notAllowedFromPage'));
        }
        return purchases.startPurchase(request.item);
      }
      case 'bulkActionConfirmed':
        await deps.afterBulkAction();
        return { ok: true, value: null };
      case 'connectKey': {
        // Only the configured app origin's top-level page may hand over a key (app-pages.md §3).
        const appOrigin = appOriginOf(await settingsItem.getValue());
        if (sender.kind !== 'content-script' || sender.origin !== appOrigin || sender.frameId !== 0) {
          return refused(t('keysOnlyFromApp'));
        }
        return connect(request.key);
      }
      case 'setApiKey': {
        const result = await account.signIn(request.key);
        if (result.ok) void refresher.refresh('user');
        return result;
      }
      case 'signOut':
        await account.signOut();
        return { ok: true, value: null };
      case 'openPortal':
        return purchases.openPortal();
      case 'saveSettings': {
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
      }
    }
  }

  /** The connect hand-overs, one after the other; the last one's key and answer. */
  let connecting: { key: string; answer: Promise<Response> } | null = null;
  let connects: Promise<unknown> = Promise.resolve();

  /**
   * The connect page's key (app-pages.md §3). However often a page posts: the same key while it
   * is being handed over shares that one GET /v1/me, a key already in use costs no request,
   * another key within CONNECT_INTERVAL_MS of the last is refused, and the first summary waits
   * for the refresh limits like any other refresh.
   */
  function connect(candidate: string): Promise<Response> {
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

  async function connectOnce(key: string): Promise<Response> {
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
    const parsed = RequestSchema.safeParse(message);
    if (!parsed.success) return refused(t('malformedRequest'));
    if (!isAllowedFor(sender, parsed.data.type)) return refused(t('notAllowedFromPage'));
    try {
      return await act(parsed.data, sender);
    } catch {
      return { ok: false, error: { kind: 'internal', message: t('internalError') } };
    }
  }
}
