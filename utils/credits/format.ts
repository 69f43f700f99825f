import type { Money } from '../billing/schemas';
import { creditStrings } from './strings';
import { DAY_MS, HOUR_MS, MINUTE_MS, toEpochMs, type Instant } from './time';

/**
 * Locale-aware formatting for counts, prices, dates and ages. Every function takes the locale
 * explicitly (no browser APIs) and never throws: a malformed locale falls back to English,
 * because a broken label must never take the popup or the in-page banner down with it.
 */

const FALLBACK_LOCALE = 'en';

/**
 * Intl formatters cost about 0.1 ms each to build (0.2 ms for dates) and the popup and the
 * banner ask for the same few on every render: each is built once. A constructor that throws
 * (an unknown currency) throws every time, as before. Bounded, as currencies come from the API.
 */
const formatters = new Map<string, unknown>();

function memo<T>(key: string, make: () => T): T {
  if (formatters.has(key)) return formatters.get(key) as T;
  const made = make();
  if (formatters.size >= 200) formatters.clear();
  formatters.set(key, made);
  return made;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return memo(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** The locale if Intl accepts it, else English. */
export function safeLocale(locale: string | undefined): string {
  if (!locale) return FALLBACK_LOCALE;
  return memo(`l|${locale}`, () => {
    try {
      return Intl.getCanonicalLocales(locale)[0] ?? FALLBACK_LOCALE;
    } catch {
      return FALLBACK_LOCALE;
    }
  });
}

/** A whole number with the locale's grouping: 12,345 (en), 12.345 (de). */
export function formatCount(n: number, locale: string): string {
  return numberFormat(safeLocale(locale), { maximumFractionDigits: 0 }).format(n);
}

/** How many minor units the currency has (USD 2, JPY 0, KWD 3), as Intl knows it. */
export function currencyDigits(currency: string): number {
  try {
    return numberFormat(FALLBACK_LOCALE, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * A price in its currency: `{ amount: 2500, currency: 'usd' }` → "$25.00", JPY 1500 → "¥1,500".
 * `amount` is in minor units (Stripe's convention) and may be fractional (price per credit);
 * it is rounded to the currency's digits. A currency Intl rejects is shown as "12.50 XYZ".
 */
export function formatMoney(money: Money, locale: string): string {
  const loc = safeLocale(locale);
  const code = money.currency.toUpperCase();
  const digits = currencyDigits(code);
  const major = money.amount / 10 ** digits;
  try {
    return numberFormat(loc, {
      style: 'currency',
      currency: code,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(major);
  } catch {
    const number = numberFormat(loc, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(major);
    return `${number} ${code}`;
  }
}

/** A day and month in UTC, as the locale writes it: "Dec 1" (en), "1. Dez." (de); '' if invalid. */
export function formatShortDate(date: Instant, locale: string): string {
  const ms = toEpochMs(date);
  if (Number.isNaN(ms)) return '';
  const loc = safeLocale(locale);
  return memo(`d|${loc}`, () => new Intl.DateTimeFormat(loc, { month: 'short', day: 'numeric', timeZone: 'UTC' })).format(ms);
}

/**
 * A time of day in the user's time zone, as the locale writes it ("10:32 AM", "10:32"); with
 * the weekday when it is not on the same day as `now` ("Tue 10:32 AM").
 */
export function formatTime(ms: number, locale: string, now?: number): string {
  const loc = safeLocale(locale);
  const otherDay = now !== undefined && new Date(ms).toDateString() !== new Date(now).toDateString();
  return memo(`t|${loc}|${otherDay}`, () =>
    new Intl.DateTimeFormat(loc, { hour: 'numeric', minute: '2-digit', ...(otherDay ? { weekday: 'short' as const } : {}) }),
  ).format(ms);
}

/**
 * How long ago something happened, given its age in milliseconds: "just now" under a minute
 * (and for a negative age, i.e. clock skew), then "2 minutes ago", "3 hours ago", "2 days ago",
 * each rounded down (119 s is "1 minute ago"). Intl's long style, so a later locale just works.
 */
export function formatRelativeAge(ms: number, locale: string): string {
  if (!Number.isFinite(ms) || ms < MINUTE_MS) return creditStrings.justNow();
  const loc = safeLocale(locale);
  const format = memo(`r|${loc}`, () => new Intl.RelativeTimeFormat(loc, { numeric: 'always', style: 'long' }));
  if (ms < HOUR_MS) return format.format(-Math.floor(ms / MINUTE_MS), 'minute');
  if (ms < DAY_MS) return format.format(-Math.floor(ms / HOUR_MS), 'hour');
  return format.format(-Math.floor(ms / DAY_MS), 'day');
}

/**
 * "1 credit", "2 credits", "1,500 credits": the count formatted for the locale, with the plural
 * form the catalog's language picks (utils/i18n.ts).
 */
export function creditsLabel(n: number, locale: string): string {
  return creditStrings.credits(n, formatCount(n, safeLocale(locale)));
}
