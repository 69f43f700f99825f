import type { Summary, Usage } from './billing/schemas';

/**
 * The popup's side of utils/popup-preview.ts: the preview's type and its reader, in a module of
 * its own that imports nothing, because it is part of the popup's first script (the writer needs
 * the settings, and with them zod).
 */
export interface PopupPreview {
  summary: Summary;
  usage: Usage | null;
  appOrigin: string;
}

/** The preview in a popup URL's fragment (`location.hash`); null for none or anything malformed. */
export function readPopupPreview(hash: string): PopupPreview | null {
  if (hash.length < 2) return null;
  let value: unknown;
  try {
    value = JSON.parse(decodeURIComponent(hash.slice(1)));
  } catch {
    return null; // not URI-encoded JSON
  }
  return isPreview(value) ? value : null;
}

// ---------------------------------------------------------------------------------------------
// The shape check. The fragment is a channel between two parts of this extension (the
// background writes it from a snapshot it validated with the API's zod schemas), not a trust
// boundary: a small hand-written check instead of those schemas keeps zod out of the popup's
// first script, the one on the way to the first paint (issue 19). It accepts exactly what
// popupPreviewOf writes — the keys of each object, no more, no fewer; the types and ranges of
// utils/billing/schemas.ts; an http(s) origin to link to — and nothing else (tests in
// test/unit/popup-preview.test.ts round-trip it and feed it malformed fragments).

type Check = (value: unknown) => boolean;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with exactly these keys, each passing its check. */
const exactly =
  (fields: Record<string, Check>): Check =>
  (value) => {
    if (!isRecord(value)) return false;
    const keys = Object.keys(value);
    return keys.length === Object.keys(fields).length && keys.every((key) => Object.hasOwn(fields, key) && fields[key]!(value[key]));
  };

const nullable =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);

const isString: Check = (value) => typeof value === 'string';
const nonEmpty: Check = (value) => typeof value === 'string' && value.length > 0;
/** Names are cut to 200 characters when read from the API (MAX_NAME_LENGTH in the schemas). */
export const PREVIEW_NAME_MAX = 200;
const isName: Check = (value) =>
  typeof value === 'string' && (value.length <= PREVIEW_NAME_MAX || Array.from(value).length <= PREVIEW_NAME_MAX);
const isCount: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
const isPositiveCount: Check = (value) => isCount(value) && (value as number) > 0;
/** A calendar date that exists (2024-02-29, not 2026-02-30), as `z.iso.date()`. */
const isDate: Check = (value) => typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value) && dayExists(value);
/** RFC 3339 with seconds and Z or an offset, as the schemas' `z.iso.datetime({ offset: true })`. */
const isTimestamp: Check = (value) =>
  typeof value === 'string' &&
  /^\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/.test(value) &&
  dayExists(value.slice(0, 10));

function dayExists(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day); // years 0–99 too (Date.UTC would add 1900)
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

/** An http(s) origin, exactly as URL.origin writes it (the links of the header go there). */
const isAppOrigin: Check = (value) => {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
};
const isCountRecord: Check = (value) => isRecord(value) && Object.values(value).every(isCount);
/** One day of usage: its date and one count per category. */
const isUsageDay: Check = (value) =>
  isRecord(value) && isDate(value.date) && Object.entries(value).every(([key, n]) => key === 'date' || isCount(n));

const isSummary = exactly({
  account: exactly({ id: nonEmpty, name: isName, role: isString }),
  plan: exactly({
    id: nonEmpty,
    name: isName,
    tier: isString,
    status: isString,
    interval: isString,
    renewsAt: nullable(isTimestamp),
  }),
  credits: exactly({
    remaining: isCount,
    included: exactly({ remaining: isCount, allowance: isCount, resetsAt: nullable(isTimestamp) }),
    addOn: exactly({ remaining: isCount }),
  }),
  pricing: exactly({ bulkThreshold: isPositiveCount, bulkActions: isCountRecord, apiCall: isCount, individualEnrichment: isString }),
  asOf: isTimestamp,
});

const isUsage = exactly({
  from: isDate,
  to: isDate,
  days: (value) => Array.isArray(value) && value.every(isUsageDay),
});

const isPreview = exactly({ summary: isSummary, usage: nullable(isUsage), appOrigin: isAppOrigin }) as (value: unknown) => value is PopupPreview;
