import { DAY_MS, MAX_DATE_MS, startOfUtcDay, toEpochMs, utcDayKey, type Instant } from './time';

/**
 * The popup's usage figures and run-out forecast ("At your 7-day pace: runs out about Dec 14").
 * Pure: usage days come from `GET /v1/billing/usage`, `now` is passed in. Days are UTC days,
 * like the API's `YYYY-MM-DD` dates.
 */

/**
 * A usage day as the API sends it (`Usage['days'][number]`): a `YYYY-MM-DD` date plus one count
 * per category. Typed loosely so parsed API data and plain fixtures both fit; non-numbers are
 * ignored.
 */
export type UsageDayLike = { readonly date: string; readonly [category: string]: unknown };
export type UsageDays = readonly UsageDayLike[];

/** Days the pace is averaged over. */
export const PACE_DAYS = 7;

export type Forecast =
  | { readonly kind: 'empty' }
  | { readonly kind: 'no-usage' }
  /** `date`: ISO timestamp, never before `now`; `perDay`: average credits a day. */
  | { readonly kind: 'runs-out'; readonly date: string; readonly perDay: number }
  /** The included credits reset (at `resetDate`, ISO) before the balance would run out. */
  | { readonly kind: 'lasts-past-reset'; readonly resetDate: string; readonly perDay: number };

export interface ForecastInput {
  readonly remaining: number;
  readonly usageDays: UsageDays;
  /** When the included credits reset (summary.credits.included.resetsAt); null if never. */
  readonly resetsAt: string | null;
  readonly now: Instant;
}

/** Credits spent on one day, over every category, including ones we do not know yet. */
export function dayTotal(day: UsageDayLike): number {
  let total = 0;
  for (const [key, value] of Object.entries(day)) {
    if (key !== 'date' && typeof value === 'number' && Number.isFinite(value) && value > 0) total += value;
  }
  return total;
}

/** Credits spent per UTC day key (days listed twice are added up). */
function totalsByDay(days: UsageDays): Map<string, number> {
  const totals = new Map<string, number>();
  for (const day of days) totals.set(day.date, (totals.get(day.date) ?? 0) + dayTotal(day));
  return totals;
}

/**
 * Credits per day for the `n` UTC days ending today (inclusive), oldest first, with days the
 * API left out as 0: the popup's 30-day chart.
 */
export function dailyTotals(days: UsageDays, now: Instant, n = 30): Array<{ date: string; credits: number }> {
  const today = startOfUtcDay(toEpochMs(now));
  const count = Number.isSafeInteger(n) && n > 0 ? n : 0;
  if (Number.isNaN(today) || count === 0) return [];
  const totals = totalsByDay(days);
  const result: Array<{ date: string; credits: number }> = [];
  for (let i = count - 1; i >= 0; i--) {
    const date = utcDayKey(today - i * DAY_MS);
    result.push({ date, credits: totals.get(date) ?? 0 });
  }
  return result;
}

/**
 * Average credits a day over the 7 UTC days ending today inclusive (missing days count as 0).
 * Today is included so a big bulk action this morning moves the forecast at once, at the cost
 * of slightly underestimating the pace early in the day.
 */
export function dailyPace(days: UsageDays, now: Instant): number {
  const week = dailyTotals(days, now, PACE_DAYS);
  if (week.length === 0) return 0;
  return week.reduce((sum, day) => sum + day.credits, 0) / PACE_DAYS;
}

/**
 * When the balance runs out at the 7-day pace: already empty, no usage to extrapolate, a run-out
 * date (now + remaining / pace, never in the past), or lasting past the reset when the included
 * credits reset first. A reset already in the past (stale data) is ignored. Add-on credits do
 * not reset; we keep it simple and compare the run-out date with the reset date.
 */
export function forecast({ remaining, usageDays, resetsAt, now }: ForecastInput): Forecast {
  if (!(remaining > 0)) return { kind: 'empty' };
  const nowMs = toEpochMs(now);
  const perDay = dailyPace(usageDays, now);
  if (!(perDay > 0) || Number.isNaN(nowMs)) return { kind: 'no-usage' };
  const runOutMs = Math.min(MAX_DATE_MS, Math.max(nowMs, nowMs + (remaining / perDay) * DAY_MS));
  const resetMs = resetsAt === null ? Number.NaN : toEpochMs(resetsAt);
  if (resetsAt !== null && resetMs >= nowMs && resetMs < runOutMs) {
    return { kind: 'lasts-past-reset', resetDate: resetsAt, perDay };
  }
  return { kind: 'runs-out', date: new Date(runOutMs).toISOString(), perDay };
}

/**
 * Start of the current credit period, as a UTC day key: one month before the included credits
 * reset (allowances are monthly, `monthlyCredits`, even on yearly plans). The day of the month
 * is clamped (Mar 31 → Feb 28). Null when there is no valid reset date.
 */
export function creditPeriodStart(resetsAt: string | null): string | null {
  if (resetsAt === null) return null;
  const ms = toEpochMs(resetsAt);
  if (Number.isNaN(ms)) return null;
  const reset = new Date(ms);
  const year = reset.getUTCFullYear();
  const month = reset.getUTCMonth() - 1;
  const lastDayOfPrevMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(reset.getUTCDate(), lastDayOfPrevMonth);
  return utcDayKey(Date.UTC(year, month, day));
}

export interface CategoryUsage {
  readonly category: string;
  readonly credits: number;
}

export interface PeriodUsage {
  readonly total: number;
  /** Every category seen (bulk, api, ai and unknown ones), most credits first, then by name. */
  readonly categories: readonly CategoryUsage[];
}

/**
 * This period's credits by category for the popup: days on or after `from` (a `YYYY-MM-DD` day
 * key or any instant, taken as its UTC day; all days when absent). Unknown categories are kept.
 */
export function usageByCategory(days: UsageDays, from?: Instant | null): PeriodUsage {
  const fromKey = dayKeyOf(from);
  const totals = new Map<string, number>();
  for (const day of days) {
    if (fromKey !== null && day.date < fromKey) continue;
    for (const [category, value] of Object.entries(day)) {
      if (category === 'date' || typeof value !== 'number' || !Number.isFinite(value)) continue;
      totals.set(category, (totals.get(category) ?? 0) + Math.max(0, value));
    }
  }
  const categories = [...totals]
    .map(([category, credits]) => ({ category, credits }))
    .sort((a, b) => b.credits - a.credits || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  return { total: categories.reduce((sum, c) => sum + c.credits, 0), categories };
}

/** A `YYYY-MM-DD` key stays as it is; any other instant becomes its UTC day; null if none. */
function dayKeyOf(from: Instant | null | undefined): string | null {
  if (from === null || from === undefined) return null;
  if (typeof from === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(from)) return from;
  const ms = toEpochMs(from);
  return Number.isNaN(ms) ? null : utcDayKey(ms);
}
