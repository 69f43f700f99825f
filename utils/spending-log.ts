import { z } from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { capString } from './billing/schemas';
import { toCsv, csvDelimiterFor } from './csv';
import { t } from './i18n';
import { firstDayOfWeek, inWeek, safeTimeZone, weekRange, type WeekRange } from './limits/week';

/**
 * The spending log (product.md, "Personal limits and the spending log"): the credit-spending
 * actions this browser saw confirmed — when, on which page, what, on how many prospects, for
 * how many credits. The last 500, oldest first, in `local` storage (kept across restarts, never
 * sent anywhere). Written by the background only; parsed on every read, so a corrupt entry is
 * dropped on its own and never takes the rest of the log with it.
 */

/** How many entries are kept: the last ones recorded. */
export const LOG_CAP = 500;

const MAX_ORIGIN_LENGTH = 300;
const MAX_PATH_LENGTH = 1_000;
const MAX_TITLE_LENGTH = 200;
const MAX_COUNT = 10_000_000;
/** The largest time a Date can hold. */
const MAX_TIME = 8.64e15;

export const SpendingEntrySchema = z.object({
  /** When it was confirmed (epoch ms). */
  at: z.number().check(z.minimum(0), z.maximum(MAX_TIME)),
  /** The page's origin ("https://app.deskflow.io") and path ("/prospects"): no query, no fragment. */
  origin: z.string().check(z.maxLength(MAX_ORIGIN_LENGTH)),
  path: z.string().check(z.maxLength(MAX_PATH_LENGTH)),
  /** The page's title, as the tab showed it ('' when unknown). */
  title: z.string().check(z.maxLength(MAX_TITLE_LENGTH)),
  /** The action in Deskflow's words: 'enrich', 'export'… */
  action: z.string().check(z.minLength(1), z.maxLength(64)),
  prospects: z.int().check(z.minimum(0), z.maximum(MAX_COUNT)),
  credits: z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)),
});
export type SpendingEntry = z.infer<typeof SpendingEntrySchema>;

/**
 * The layout of the stored log. A later layout bumps this and adds its step to
 * SPENDING_LOG_MIGRATIONS (WXT runs them before the first read), keyed by the version it
 * migrates to; the version of what is stored lives in WXT's meta (`spendingLog$`: `{ v: 1 }`).
 */
export const SPENDING_LOG_VERSION = 1;
export const SPENDING_LOG_MIGRATIONS: Record<number, (stored: unknown) => unknown> = {};

/** The log as stored: read it with parseSpendingLog, write it through createSpendingLog. */
export const spendingLogItem = storage.defineItem<unknown>('local:spendingLog', {
  fallback: [],
  version: SPENDING_LOG_VERSION,
  // Given even while empty: it makes WXT record the version with the first write.
  migrations: SPENDING_LOG_MIGRATIONS,
});

/** The stored log as the extension uses it: its valid entries, oldest first, at most the last LOG_CAP. */
export function parseSpendingLog(value: unknown): SpendingEntry[] {
  if (!Array.isArray(value)) return [];
  const entries: SpendingEntry[] = [];
  for (const item of value.slice(-LOG_CAP * 2)) {
    const parsed = SpendingEntrySchema.safeParse(item);
    if (parsed.success) entries.push(parsed.data);
  }
  return entries.slice(-LOG_CAP);
}

/** The log with `entry` recorded last, the oldest dropped beyond LOG_CAP. */
export function appendEntry(log: readonly SpendingEntry[], entry: SpendingEntry): SpendingEntry[] {
  const next = [...log, entry];
  return next.length > LOG_CAP ? next.slice(next.length - LOG_CAP) : next;
}

export interface ConfirmedAction {
  readonly at: number;
  /** The page's URL (the sender's): only its origin and path are kept. */
  readonly url: string;
  readonly title?: string | undefined;
  readonly action: string;
  readonly prospects: number;
  readonly credits: number;
}

/** A log entry for a confirmed action, or null when it spends nothing or does not make one. */
export function entryFor(confirmed: ConfirmedAction): SpendingEntry | null {
  let url: URL;
  try {
    url = new URL(confirmed.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const parsed = SpendingEntrySchema.safeParse({
    at: confirmed.at,
    origin: url.origin,
    path: capString(url.pathname, MAX_PATH_LENGTH),
    title: capString((confirmed.title ?? '').replace(/\s+/g, ' ').trim(), MAX_TITLE_LENGTH),
    action: confirmed.action,
    prospects: confirmed.prospects,
    credits: confirmed.credits,
  });
  return parsed.success ? parsed.data : null;
}

/** The user's week: their locale's first day, their time zone. */
export interface WeekSettings {
  readonly locale: string;
  readonly timeZone: string;
}

/** The week containing `now` for this user. */
export function currentWeek(now: number, { locale, timeZone }: WeekSettings): WeekRange {
  return weekRange(now, timeZone, firstDayOfWeek(locale));
}

/** Credits of the entries within the week. */
export function weekTotal(log: readonly SpendingEntry[], week: WeekRange): number {
  let total = 0;
  for (const entry of log) if (inWeek(entry.at, week)) total += entry.credits;
  return total;
}

/** Credits this week, for this user. */
export function spentThisWeek(log: readonly SpendingEntry[], now: number, user: WeekSettings): number {
  return weekTotal(log, currentWeek(now, user));
}

export interface SpendingLogStore {
  /** The entries, oldest first. */
  read(): Promise<SpendingEntry[]>;
  /** Records an entry (one write at a time: concurrent confirmations are all kept). */
  record(entry: SpendingEntry): Promise<void>;
  clear(): Promise<void>;
}

/** The log in storage. Writes are queued, so two confirmations at once never lose one. */
export function createSpendingLog(item: Pick<typeof spendingLogItem, 'getValue' | 'setValue'> = spendingLogItem): SpendingLogStore {
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(step: () => Promise<T>): Promise<T> => {
    const done = queue.then(step);
    queue = done.catch(() => undefined);
    return done;
  };
  const read = async () => parseSpendingLog(await item.getValue());
  return {
    read: () => inTurn(read),
    record: (entry) => inTurn(async () => item.setValue(appendEntry(await read(), entry))),
    clear: () => inTurn(() => item.setValue([])),
  };
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-12-02 06:30:05": the local time in `timeZone`, as spreadsheets read a date and time. */
export function localDateTime(ms: number, timeZone: string): string {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    if (dateTimeFormats.size > 20) dateTimeFormats.clear();
    dateTimeFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

export interface CsvOptions {
  readonly locale: string;
  readonly timeZone: string;
  /** The action's name in the user's language ("Enrich"). */
  readonly actionLabel: (action: string) => string;
}

/**
 * The log as a CSV file (utils/csv.ts): a header row in the user's language, then the entries
 * oldest first — local time (the header names the time zone), page, page title, action,
 * prospects, credits. The delimiter is the one a spreadsheet of the user's locale expects.
 */
export function spendingLogCsv(log: readonly SpendingEntry[], { locale, timeZone, actionLabel }: CsvOptions): string {
  const zone = safeTimeZone(timeZone);
  const header = [t('logTime', zone), t('logPage'), t('logPageTitle'), t('logAction'), t('logProspects'), t('logCredits')];
  const rows = log.map((entry) => [
    localDateTime(entry.at, zone),
    entry.origin + entry.path,
    entry.title,
    actionLabel(entry.action),
    entry.prospects,
    entry.credits,
  ]);
  return toCsv([header, ...rows], csvDelimiterFor(locale));
}

/** "deskflow-credits-log-2026-12-02.csv": the day of the export, in the user's time zone. */
export function csvFileName(now: number, timeZone: string): string {
  return `deskflow-credits-log-${localDateTime(now, safeTimeZone(timeZone)).slice(0, 10)}.csv`;
}
