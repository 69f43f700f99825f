import { storage } from 'wxt/utils/storage';
import { createBillingClient, type BillingClient, type BillingClientOptions } from '../billing/client';
import { ApiKeySchema } from '../billing/schemas';
import { t } from '../i18n';
import type { Response } from '../messages';
import { apiOriginOf, parseSettings, type Settings } from '../settings';
import { SIGNED_OUT } from '../snapshot';
import {
  apiKeyItem,
  lowBalanceNotifiedItem,
  lowBalanceOfferItem,
  purchaseAttemptItem,
  refreshBookkeepingItem,
  settingsItem,
  storedSettings,
} from '../storage';
import type { SnapshotStore } from './snapshot-store';

export interface AccountDeps {
  store: SnapshotStore;
  fetch?: typeof fetch;
  /** Timeout and retry timing of the billing client (tests shorten them). */
  billing?: Pick<BillingClientOptions, 'timeoutMs' | 'sleep' | 'random'>;
}

/** The API key's life: validated before it is saved, the only reader the billing client. */
export function createAccount({ store, fetch, billing }: AccountDeps) {
  /** Changes whenever the key is forgotten or replaced: work started for an earlier key is void. */
  let session = 0;

  async function clientFor(key: string): Promise<BillingClient> {
    const settings = await settingsItem.getValue();
    return createBillingClient({ ...billing, apiOrigin: apiOriginOf(settings), apiKey: key, fetch });
  }

  /**
   * The key and the API origin are read in one storage read: with switchApiOrigin writing both
   * at once, no client is ever made of the old key and the new origin.
   */
  async function client(): Promise<BillingClient | null> {
    const [key, settings] = await storage.getItems([apiKeyItem, storedSettings]);
    if (typeof key?.value !== 'string' || key.value === '') return null;
    return createBillingClient({ ...billing, apiOrigin: apiOriginOf(parseSettings(settings?.value)), apiKey: key.value, fetch });
  }

  /**
   * Save settings with another API origin: the key belongs to the old one, so it is dropped in
   * the same storage write that saves the new origin (a checkout-watch tick in between would
   * otherwise send it there), then everything else of the account is forgotten.
   */
  async function switchApiOrigin(next: Settings): Promise<void> {
    session++;
    await storage.setItems([
      { item: apiKeyItem, value: null },
      { item: storedSettings, value: next },
    ]);
    await signOut();
  }

  /** Validate a key with GET /v1/me; save it only when Deskflow accepts it. */
  async function signIn(candidate: string): Promise<Response<{ email: string }>> {
    const key = candidate.trim();
    if (!ApiKeySchema.safeParse(key).success) {
      return {
        ok: false,
        error: {
          kind: 'invalid_key',
          message: t('invalidKeyFormat'),
        },
      };
    }
    const me = await (await clientFor(key)).getMe();
    if (!me.ok) {
      const message =
        me.error.kind === 'unauthorized'
          ? t('keyRefused')
          : me.error.message;
      return { ok: false, error: { kind: me.error.kind, message } };
    }
    await forget();
    await apiKeyItem.setValue(key);
    await store.update(() => ({ ...SIGNED_OUT, signedIn: true, me: me.value }));
    return { ok: true, value: { email: me.value.email } };
  }

  /** Forget the key and everything of the account (401, Sign out, another account). */
  async function forget(): Promise<void> {
    session++;
    await apiKeyItem.removeValue();
    await purchaseAttemptItem.removeValue();
    // The refresh limits belong to the API, not to a key: a new key (a page posting keys in a
    // loop, too) waits for them like any refresh. Only the failure count is the old key's.
    const bookkeeping = await refreshBookkeepingItem.getValue();
    await refreshBookkeepingItem.setValue({ ...bookkeeping, failures: 0 });
    await lowBalanceNotifiedItem.removeValue();
    await lowBalanceOfferItem.removeValue();
  }

  async function signOut(): Promise<void> {
    await forget();
    await store.update(() => SIGNED_OUT);
  }

  return { client, signIn, signOut, switchApiOrigin, session: () => session };
}

export type Account = ReturnType<typeof createAccount>;
