import type { Summary } from '../billing/schemas';
import { creditStrings } from './strings';
import { creditsLabel, formatRelativeAge, formatShortDate } from './format';
import { MINUTE_MS, toEpochMs, type Instant } from './time';

/**
 * The toolbar badge: compact text, a colour for the level of credits, and a tooltip.
 * Pure: the background passes the snapshot, the current time and the browser's locale.
 */

/** What the background knows when it paints the badge. */
export type BadgeInput =
  | { readonly kind: 'signed-out' }
  /** Signed in but no good summary at all (first refresh failed); `reason` is the error message. */
  | { readonly kind: 'unknown'; readonly reason?: string | null }
  | {
      readonly kind: 'summary';
      readonly summary: Summary;
      /** When the summary was fetched (epoch ms, ISO string or Date). */
      readonly fetchedAt: Instant;
      /** Message of the last refresh's error, or null/absent when the last refresh succeeded. */
      readonly lastError?: string | null;
    };

export type BadgeLevel = 'good' | 'low' | 'critical' | 'stale' | 'unknown';

export interface Badge {
  readonly text: string;
  /** A hex colour on which white badge text has at least 4.5:1 contrast. */
  readonly color: string;
  readonly title: string;
  readonly level: BadgeLevel;
}

export const BADGE_COLORS: Readonly<Record<BadgeLevel, string>> = {
  good: '#1a7f37',
  low: '#9a6700',
  critical: '#cf222e',
  stale: '#6e7781',
  unknown: '#6e7781',
};

/** Data this old, while refreshes keep failing, is shown grey: it may no longer be true. */
export const STALE_AFTER_MS = 15 * MINUTE_MS;

/** The levels of the balance, in percent of the included allowance plus add-ons (product.md, Badge). */
export const LOW_PERCENT = 25;
export const CRITICAL_PERCENT = 10;

/** Suffixes for thousands, millions, billions, trillions, quadrillions (MAX_SAFE_INTEGER ≈ 9Q). */
const UNITS = ['k', 'M', 'B', 'T', 'Q'] as const;

/**
 * Remaining credits in at most 4 characters, always rounded DOWN so the badge never promises
 * credits that are not there: 412, 999, 1.2k (1,299), 1k (1,000–1,099: a zero decimal is
 * dropped), 9.9k, 12k, 999k (999,999), 1.2M, 12M, 1.2B… ASCII '.' whatever the locale, since
 * the badge has room for 4 characters and the tooltip carries the exact, localised number.
 */
export function compactCredits(n: number): string {
  if (!Number.isFinite(n)) return '!';
  const whole = Math.max(0, Math.floor(n));
  if (whole < 1000) return String(whole);
  let unit = 1000;
  for (const suffix of UNITS) {
    if (whole < 10 * unit) {
      const tenths = Math.floor(whole / (unit / 10));
      const text = tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
      return `${text}${suffix}`;
    }
    if (whole < 1000 * unit || suffix === UNITS[UNITS.length - 1]) {
      return `${Math.floor(whole / unit)}${suffix}`;
    }
    unit *= 1000;
  }
  return '!'; // unreachable: the last unit always answers
}

/**
 * The level of credits: remaining against the included allowance plus add-on credits.
 * ≤ 10 % (or zero) is critical, ≤ 25 % low, otherwise good. With nothing to measure against
 * (allowance and add-ons both 0) any remaining credit counts as good and zero as critical.
 */
export function creditLevel(credits: Summary['credits']): 'good' | 'low' | 'critical' {
  const { remaining } = credits;
  const whole = credits.included.allowance + credits.addOn.remaining;
  if (remaining <= 0 || remaining * 100 <= whole * CRITICAL_PERCENT) return 'critical';
  if (remaining * 100 <= whole * LOW_PERCENT) return 'low';
  return 'good';
}

/**
 * Stale means refreshes are failing (a last error is recorded) and the data is strictly older
 * than 15 minutes; exactly 15 minutes is still current. Old data without an error is not stale:
 * nothing has failed, the next alarm simply has not fired yet.
 */
export function isStale(fetchedAt: Instant, lastError: string | null | undefined, now: Instant): boolean {
  if (lastError === null || lastError === undefined) return false;
  const age = toEpochMs(now) - toEpochMs(fetchedAt);
  return Number.isNaN(age) || age > STALE_AFTER_MS;
}

export interface BadgeContext {
  readonly now: Instant;
  readonly locale: string;
}

/** "Basic", or "Basic (past due)" when the status matters to the reader. */
export function planLabel(plan: Summary['plan']): string {
  const status = creditStrings.planStatus(plan.status);
  return status ? creditStrings.planWithStatus(plan.name, status) : plan.name;
}

/** "renews Dec 1", else (canceled or free) "resets Dec 1" for the included credits, else null. */
export function renewalLabel(summary: Summary, locale: string): string | null {
  if (summary.plan.renewsAt) {
    const date = formatShortDate(summary.plan.renewsAt, locale);
    if (date) return creditStrings.renews(date);
  }
  if (summary.credits.included.resetsAt) {
    const date = formatShortDate(summary.credits.included.resetsAt, locale);
    if (date) return creditStrings.resets(date);
  }
  return null;
}

/** Everything the background sets on the action: text, colour and tooltip. */
export function badgeFor(input: BadgeInput, { now, locale }: BadgeContext): Badge {
  switch (input.kind) {
    case 'signed-out':
      return { text: '?', color: BADGE_COLORS.unknown, title: creditStrings.badgeSignedOut(), level: 'unknown' };
    case 'unknown':
      return {
        text: '!',
        color: BADGE_COLORS.unknown,
        title: creditStrings.badgeUnknown(input.reason?.trim() ?? ''),
        level: 'unknown',
      };
    case 'summary':
      return summaryBadge(input, now, locale);
  }
}

function summaryBadge(input: Extract<BadgeInput, { kind: 'summary' }>, now: Instant, locale: string): Badge {
  const { summary, fetchedAt, lastError } = input;
  const stale = isStale(fetchedAt, lastError, now);
  const level: BadgeLevel = stale ? 'stale' : creditLevel(summary.credits);
  const parts = [creditStrings.creditsLeft(creditsLabel(summary.credits.remaining, locale)), planLabel(summary.plan)];
  const renewal = renewalLabel(summary, locale);
  if (renewal) parts.push(renewal);
  if (stale) {
    const age = formatRelativeAge(toEpochMs(now) - toEpochMs(fetchedAt), locale);
    parts.push(creditStrings.withReason(creditStrings.lastUpdated(age), lastError?.trim() ?? ''));
  }
  return {
    text: compactCredits(summary.credits.remaining),
    color: BADGE_COLORS[level],
    title: creditStrings.badgeTitle(parts),
    level,
  };
}
