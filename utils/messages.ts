import { z } from 'zod/mini';
import { browser } from 'wxt/browser';
import { t } from './i18n';
import type { Request } from './requests';
import { CONFIRMATION_MODES, type ConfirmationMode } from './settings';
import type { Snapshot } from './snapshot';

/**
 * The message protocol between the popup, options and content scripts and the background: how
 * a request (utils/requests.ts, validated and checked by sender in the background) is sent and
 * answered, and what the background pushes to content scripts.
 */

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

/** A page state as a content script receives it: the snapshot is validated on its own (parseSnapshot). */
export const PageStateSchema = z.object({ snapshot: z.unknown(), confirmation: z.enum(CONFIRMATION_MODES) });

/** Pushed by the background to content scripts when the snapshot or the settings change. */
export const PageStatePushSchema = z.strictObject({ type: z.literal('pageState'), state: PageStateSchema });
