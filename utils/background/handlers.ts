import { isAllowedApiOrigin } from '../config';
import { t } from '../i18n';
import type { PageState, Response } from '../messages';
import { classifySender, isAllowedFor, RequestSchema, type Request, type SenderInfo } from '../requests';
import { apiOriginOf, appOriginOf, SettingsSchema, type Settings } from '../settings';
import { settingsItem } from '../storage';
import type { Account } from './account';
import type { Purchases } from './purchases';
import type { Refresher } from './refresher';

export interface HandlerDeps {
  pageState: () => Promise<PageState>;
  account: Account;
  refresher: Refresher;
  purchases: Purchases;
  /** Apply saved settings (content-script registration, account, pages). */
  settingsChanged: (previous: Settings, next: Settings) => Promise<void>;
  /** Schedule the refresh that follows a confirmed bulk action. */
  afterBulkAction: () => Promise<void>;
  extensionId: string;
  extensionOrigin: string;
}

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
        return { ok: true, value: await pageState() };
      case 'refresh':
        return { ok: true, value: await refresher.refresh(request.force ? 'user' : 'popup') };
      case 'refreshIfOld':
        return { ok: true, value: await refresher.refreshIfOld() };
      case 'startPurchase':
        return purchases.startPurchase(request.item);
      case 'bulkActionConfirmed':
        await deps.afterBulkAction();
        return { ok: true, value: null };
      case 'connectKey': {
        // Only the configured app origin's top-level page may hand over a key (app-pages.md §3).
        const appOrigin = appOriginOf(await settingsItem.getValue());
        if (sender.kind !== 'content-script' || sender.origin !== appOrigin || sender.frameId !== 0) {
          return refused(t('keysOnlyFromApp'));
        }
        return signIn(request.key);
      }
      case 'setApiKey':
        return signIn(request.key);
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

  async function signIn(key: string): Promise<Response> {
    const result = await account.signIn(key);
    if (result.ok) void refresher.refresh('sign-in');
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
