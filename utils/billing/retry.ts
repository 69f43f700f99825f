/**
 * Retry timing for the billing client: capped exponential backoff with full jitter, and
 * `Retry-After` parsing (delay-seconds or HTTP-date, RFC 9110 §10.2.3).
 */

/** First backoff window. */
export const BACKOFF_BASE_MS = 500;
/** Largest backoff window. */
export const BACKOFF_CAP_MS = 8_000;
/** Longest `Retry-After` the client accepts; anything later is treated as this. */
export const MAX_RETRY_AFTER_MS = 15 * 60 * 1000;
/**
 * Longest `Retry-After` the client waits for by itself. A longer one is handed back to the
 * caller (`retryAfterMs` on the error) so the background can schedule the retry.
 */
export const MAX_IN_CLIENT_WAIT_MS = 30_000;

/**
 * Full-jitter backoff before the retry that follows the failed try number `attempt` (0-based):
 * `random() * min(cap, base * 2^attempt)`, so the result is in `[0, min(cap, base * 2^attempt)]`.
 * A `random` that returns something outside [0, 1] (or NaN) is clamped.
 */
export function retryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  baseMs: number = BACKOFF_BASE_MS,
  capMs: number = BACKOFF_CAP_MS,
): number {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  const window = Math.min(capMs, baseMs * 2 ** n);
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return unit * window;
}

const DAY_NAMES = 'Mon|Tue|Wed|Thu|Fri|Sat|Sun';
const LONG_DAY_NAMES = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';

/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(
  `^(?:${DAY_NAMES}), (\\d{2}) (${MONTH_NAMES}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`,
  'i',
);
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete, still to be accepted) */
const RFC_850 = new RegExp(
  `^(?:${LONG_DAY_NAMES}), (\\d{2})-(${MONTH_NAMES})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`,
  'i',
);
/** `Sun Nov  6 08:49:37 1994` (obsolete, still to be accepted) */
const ASCTIME = new RegExp(
  `^(?:${DAY_NAMES}) (${MONTH_NAMES}) ( \\d|\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$`,
  'i',
);

function utc(year: number, monthName: string, day: number, h: number, m: number, s: number): number | undefined {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month < 0 || h > 23 || m > 59 || s > 60 || day < 1) return undefined;
  const t = Date.UTC(year, month, day, h, m, Math.min(s, 59));
  // Date.UTC rolls 31 Feb over into March: refuse dates that do not exist.
  if (new Date(t).getUTCDate() !== day) return undefined;
  return t;
}

/**
 * Strict HTTP-date parser (the three formats of RFC 9110 §5.6.7), in epoch ms. `Date.parse` is
 * not used: it accepts nearly anything ("1.5" is a date in 2001 for V8).
 */
export function parseHttpDate(value: string, now: number = Date.now()): number | undefined {
  const v = value.trim();
  let m = IMF_FIXDATE.exec(v);
  if (m) return utc(Number(m[3]), m[2]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  m = RFC_850.exec(v);
  if (m) {
    // Two-digit years: a year more than 50 years in the future is in the previous century.
    let year = 2000 + Number(m[3]);
    if (year > new Date(now).getUTCFullYear() + 50) year -= 100;
    return utc(year, m[2]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
  m = ASCTIME.exec(v);
  if (m) return utc(Number(m[6]), m[1]!, Number(m[2]!.trim()), Number(m[3]), Number(m[4]), Number(m[5]));
  return undefined;
}

/**
 * A `Retry-After` header value as a delay in ms from `now` (epoch ms), capped at 15 minutes.
 * Delay-seconds (`120`) or an HTTP-date; a date in the past means "now" (0).
 * Returns undefined for a missing, negative or unparsable value.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
  if (!Number.isFinite(now)) return undefined;
  const at = parseHttpDate(v, now);
  if (at === undefined) return undefined;
  return Math.min(Math.max(at - now, 0), MAX_RETRY_AFTER_MS);
}

/**
 * The background's wait between automatic refreshes after failures (not the client's own
 * retries of one request, retryDelayMs): 30 s, 1 min, 2 min … capped at 5 min.
 */
export function refreshBackoffMs(failures: number): number {
  return Math.min(5 * 60_000, 30_000 * 2 ** Math.max(0, failures - 1));
}
