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
  /** A plan status worth saying in the tooltip ("trial"), or null. */
  planStatus: (status: string): string | null => {
    switch (status) {
      case 'trialing':
        return t('planStatusTrialing');
      case 'past_due':
        return t('planStatusPastDue');
      case 'canceled':
        return t('planStatusCanceled');
      default:
        return null;
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
