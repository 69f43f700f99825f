import type { Summary } from '@/utils/billing/schemas';
import { shortfallToHealthy } from '@/utils/credits/packages';
import { creditStrings, humanize } from '@/utils/credits/strings';
import { t } from '@/utils/i18n';
import { isStale } from '@/utils/credits/badge';
import type { LastError, Snapshot } from '@/utils/snapshot';

/**
 * What the popup shows for a snapshot, decided without React so every state is easy to test.
 */

export type Notice =
  /** Deskflow answered 429: the background waits until `retryAt`. */
  | { kind: 'rate-limited'; retryAt: number | null; message: string }
  /** Refreshes fail and the data is older than 15 minutes. */
  | { kind: 'stale'; fetchedAt: number; message: string }
  /** The last refresh failed; the data shown is still recent. */
  | { kind: 'error'; message: string };

export type PopupView =
  | { kind: 'signed-out' }
  /** Signed in, no summary yet and nothing failed: the first refresh is running. */
  | { kind: 'first-load' }
  /** Signed in, no summary, and the refresh failed: nothing to show but the reason. */
  | { kind: 'no-data'; notice: Notice }
  | { kind: 'summary'; summary: Summary; fetchedAt: number | null; notice: Notice | null };

function noticeFor(error: LastError, snapshot: Snapshot, now: number): Notice {
  if (error.kind === 'rate_limited') {
    return { kind: 'rate-limited', retryAt: error.retryAt, message: error.message };
  }
  if (snapshot.fetchedAt !== null && isStale(snapshot.fetchedAt, snapshot.lastError?.message, now)) {
    return { kind: 'stale', fetchedAt: snapshot.fetchedAt, message: error.message };
  }
  return { kind: 'error', message: error.message };
}

export function popupView(snapshot: Snapshot, now: number): PopupView {
  if (!snapshot.signedIn) return { kind: 'signed-out' };
  const error = snapshot.lastError;
  if (!snapshot.summary) {
    return error ? { kind: 'no-data', notice: noticeFor(error, snapshot, now) } : { kind: 'first-load' };
  }
  return {
    kind: 'summary',
    summary: snapshot.summary,
    fetchedAt: snapshot.fetchedAt,
    notice: error ? noticeFor(error, snapshot, now) : null,
  };
}


/** The meter's scale: included allowance plus add-on credits (never below what remains). */
export function meterMax(credits: Summary['credits']): number {
  return Math.max(credits.included.allowance + credits.addOn.remaining, credits.remaining);
}

/**
 * The popup's shortfall, in credits: how much brings a low balance back above 25 %
 * (utils/credits/packages.ts; the low-balance notification offers the same package).
 */
export const popupShortfall = shortfallToHealthy;


/** A usage category's name; a new category is shown by its key, made readable. */
export function categoryLabel(category: string): string {
  switch (category) {
    case 'bulk':
      return t('categoryBulk');
    case 'api':
      return t('categoryApi');
    case 'ai':
      return t('categoryAi');
    default:
      return humanize(category);
  }
}


/** "$99.00/month", "$990.00/year", or "$297.00/quarter" for an interval we do not know yet. */
export function pricePerInterval(price: string, interval: string): string {
  return creditStrings.pricePer(price, interval);
}
