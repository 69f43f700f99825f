/** Small UTC time helpers shared by the credit rules (all pure: `now` is always passed in). */

/** A point in time as the snapshot may hold it: a Date, epoch milliseconds or an ISO string. */
export type Instant = Date | number | string;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Largest time a Date can hold; forecasts are clamped to it instead of becoming Invalid Date. */
export const MAX_DATE_MS = 8.64e15;

/** Epoch milliseconds of an instant, or NaN when it is not a time a Date can hold. */
export function toEpochMs(value: Instant): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return Math.abs(value) <= MAX_DATE_MS ? value : Number.NaN;
  return Date.parse(value);
}

/** The UTC calendar day of a time as `YYYY-MM-DD` (the usage API's day key). */
export function utcDayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of the day containing `ms`. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
