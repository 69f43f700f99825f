/**
 * "This week" as the user lives it: weeks start on the first day of the week of the user's
 * locale (Sunday in the US, Monday in Germany, Saturday in Egypt…) at midnight in the user's
 * time zone, so a week is 167 or 169 hours long when it holds a daylight-saving change. Pure:
 * the locale, the time zone and the time are passed in.
 */

/** A day of the week as Intl.Locale's week info numbers them: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * Regions whose week does not start on Monday (CLDR's weekData, as the engines ship it; every
 * other region starts on Monday). Used where the engine cannot say (Intl.Locale without
 * getWeekInfo / weekInfo: Firefox before 145); test/unit/limits-week.test.ts checks it against
 * the engine.
 */
const FIRST_DAY_BY_REGION: Readonly<Record<string, Weekday>> = (() => {
  const table: Record<string, Weekday> = {};
  const sunday =
    'AG AS BD BR BS BT BW BZ CA CO DM DO ET GT GU HK HN ID IL IN IS JM JP KE KH KR LA MH MM MO MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW';
  const saturday = 'AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY';
  for (const region of sunday.split(' ')) table[region] = 7;
  for (const region of saturday.split(' ')) table[region] = 6;
  table.MV = 5;
  return table;
})();

const FW: Readonly<Record<string, Weekday>> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

const isWeekday = (day: unknown): day is Weekday => typeof day === 'number' && Number.isInteger(day) && day >= 1 && day <= 7;

interface WeekInfoLocale {
  getWeekInfo?: () => { firstDay?: unknown };
  weekInfo?: { firstDay?: unknown };
}

/** The first day of the week from a fixed table (the `-u-fw-` keyword, then the region). */
export function firstDayFromTable(locale: string): Weekday {
  let parsed: Intl.Locale;
  try {
    parsed = new Intl.Locale(locale);
  } catch {
    return 1;
  }
  const keyword = /-u(?:-[a-z0-9]{2,8})*?-fw-([a-z]{3})(?:-|$)/i.exec(parsed.toString())?.[1]?.toLowerCase();
  const chosen = keyword !== undefined && Object.hasOwn(FW, keyword) ? FW[keyword] : undefined;
  if (chosen) return chosen;
  let region = parsed.region;
  try {
    region ??= parsed.maximize().region;
  } catch {
    // No likely-subtags data: no region.
  }
  return region !== undefined && Object.hasOwn(FIRST_DAY_BY_REGION, region) ? FIRST_DAY_BY_REGION[region]! : 1;
}

/** The first day of the week in this locale: the engine's week info where it has it, else the table. */
export function firstDayOfWeek(locale: string): Weekday {
  try {
    const parsed = new Intl.Locale(locale) as Intl.Locale & WeekInfoLocale;
    const info = typeof parsed.getWeekInfo === 'function' ? parsed.getWeekInfo() : parsed.weekInfo;
    if (isWeekday(info?.firstDay)) return info.firstDay;
  } catch {
    // Not a locale, or week info that throws: the table decides.
  }
  return firstDayFromTable(locale);
}

/** The time zone if Intl knows it, else UTC. */
export function safeTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

/** The user's time zone, as the browser says. */
export function userTimeZone(): string {
  try {
    return safeTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  } catch {
    return 'UTC';
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', era: 'short' });
    if (dayFormats.size > 20) dayFormats.clear();
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** A calendar day as a number that sorts like the day: year × 10,000 + month × 100 + day. */
type DayNumber = number;

/** The calendar day in `timeZone` at the instant `ms`. */
export function localDay(ms: number, timeZone: string): { year: number; month: number; day: number } {
  const parts = dayFormat(timeZone).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const era = parts.find((part) => part.type === 'era')?.value;
  const year = era === 'BC' ? 1 - get('year') : get('year');
  return { year, month: get('month'), day: get('day') };
}

const dayNumber = ({ year, month, day }: { year: number; month: number; day: number }): DayNumber =>
  year * 10_000 + month * 100 + day;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Midnight UTC of a calendar day; days past the month's end roll over (Date.UTC, without its 1900s for years 0–99). */
function utcMidnightOf(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/**
 * The first instant of a calendar day in `timeZone` (usually its midnight; 01:00 where the
 * clocks skip midnight). UTC offsets lie within −12 h … +14 h, so that instant is within 30 hours
 * of the day's midnight in UTC, where a binary search finds it to the millisecond.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const utcMidnight = utcMidnightOf(year, month, day);
  const civil = new Date(utcMidnight);
  const target = dayNumber({ year: civil.getUTCFullYear(), month: civil.getUTCMonth() + 1, day: civil.getUTCDate() });
  let before = utcMidnight - 30 * HOUR_MS; // still the day before, there
  let at = utcMidnight + 30 * HOUR_MS; // already that day (or the next), there
  while (at - before > 1) {
    const middle = Math.floor((before + at) / 2);
    if (dayNumber(localDay(middle, timeZone)) >= target) at = middle;
    else before = middle;
  }
  return at;
}

export interface WeekRange {
  /** The week's first instant (epoch ms), included. */
  readonly start: number;
  /** The next week's first instant, excluded. */
  readonly end: number;
}

/**
 * The week containing `now` in `timeZone`, starting on `firstDay`. NaN bounds for a time that
 * is not one (nothing falls into them).
 */
export function weekRange(now: number, timeZone: string, firstDay: Weekday): WeekRange {
  if (!Number.isFinite(now) || Math.abs(now) > 8.64e15 - 40 * DAY_MS) return { start: Number.NaN, end: Number.NaN };
  const zone = safeTimeZone(timeZone);
  const today = localDay(now, zone);
  // Weekday of that calendar day: getUTCDay's 0 Sunday … 6 Saturday as 1 Monday … 7 Sunday.
  const weekday = ((new Date(utcMidnightOf(today.year, today.month, today.day)).getUTCDay() + 6) % 7) + 1;
  const back = (weekday - firstDay + 7) % 7;
  const start = startOfLocalDay(today.year, today.month, today.day - back, zone);
  const end = startOfLocalDay(today.year, today.month, today.day - back + 7, zone);
  return { start, end };
}

/** Whether `at` falls into the week. */
export function inWeek(at: number, week: WeekRange): boolean {
  return at >= week.start && at < week.end;
}
