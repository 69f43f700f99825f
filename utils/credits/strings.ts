import { t, tp } from '../i18n';

/**
 * Every word the credit helpers produce, in one place, from the browser's i18n
 * (public/_locales; utils/i18n.ts). Numbers and dates arrive already formatted for the locale.
 * Unit tests read the English catalog; `setCatalogForTesting` swaps in another one.
 */

/** Joins the parts of a line: "412 credits left · Basic · renews Dec 1". */
export const SEPARATOR = ' · ';

function withReason(text: string, reason: string): string {
  return reason ? `${text} — ${reason}` : text;
}

export const creditStrings = {
  /** "1 credit", "2 credits": `formatted` is the count formatted for the locale. */
  credits: (count: number, formatted: string) => tp('credits', count, formatted),
  /** The unit beside a big number: "credit" or "credits". */
  creditUnit: (count: number) => tp('creditUnit', count),
  justNow: () => t('justNow'),
  /**
   * A plan status worth saying, or null ("active" says nothing): as a label ("Trial", the popup's
   * header; a status Deskflow added later in its own words) or inside a sentence ("trial", the
   * tooltip; an unknown status is left out there).
   */
  planStatus: (status: string, form: 'label' | 'inline' = 'inline'): string | null => {
    const label = form === 'label';
    switch (status) {
      case 'active':
        return null;
      case 'trialing':
        return t(label ? 'statusTrial' : 'planStatusTrialing');
      case 'past_due':
        return t(label ? 'statusPastDue' : 'planStatusPastDue');
      case 'canceled':
        return t(label ? 'statusCanceled' : 'planStatusCanceled');
      default:
        return label ? humanize(status) : null;
    }
  },
  planWithStatus: (name: string, status: string) => t('planWithStatus', [name, status]),
  renews: (date: string) => t('renewsOn', date),
  resets: (date: string) => t('resetsOn', date),
  creditsLeft: (credits: string) => t('creditsLeft', credits),
  lastUpdated: (age: string) => t('lastUpdatedLower', age),
  badgeTitle: (parts: readonly string[]) => t('badgeTitle', parts.join(SEPARATOR)),
  badgeSignedOut: () => t('badgeSignedOut'),
  badgeUnknown: (reason: string) => withReason(t('badgeUnknown'), reason),
  withReason,
  /** "$99.00/month", "$990.00/year", or the interval as Deskflow names it. */
  pricePer: (price: string, interval: string) => {
    switch (interval || 'month') {
      case 'month':
        return t('pricePerMonth', price);
      case 'year':
        return t('pricePerYear', price);
      default:
        return t('pricePerInterval', [price, interval]);
    }
  },
} as const;

/** A key Deskflow added later, readable: "ai_research" → "Ai research". */
export function humanize(key: string): string {
  const words = key.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
