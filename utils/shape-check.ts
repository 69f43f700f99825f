import type { Summary } from './billing/schemas';

/**
 * Hand-written shape checks for the two channels between parts of this extension that are read
 * on the way to something the user waits for: the popup's preview (utils/popup-preview-read.ts)
 * and the content script's page state (utils/warning/page-state-check.ts). The background writes
 * both from data it validated with the zod schemas of utils/billing/schemas.ts and
 * utils/snapshot.ts, so they are not trust boundaries (issue 19), and a check of their exact
 * shape keeps zod out of the popup's first script and the warning's file. It imports nothing.
 *
 * Each check accepts exactly what the schemas can output, and what the background writes: the
 * keys of each object, no more, no fewer; the types and ranges of the schemas. Tests hold them
 * to the schemas (test/unit/popup-preview.test.ts, test/unit/warning-page-state.test.ts).
 */

export type Check = (value: unknown) => boolean;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with exactly these keys (those in `optional` may be absent), each passing its check. */
export const exactly = (fields: Record<string, Check>, optional: readonly string[] = []): Check => {
  const required = Object.keys(fields).filter((key) => !optional.includes(key));
  return (value) => {
    if (!isRecord(value)) return false;
    return (
      required.every((key) => Object.hasOwn(value, key)) &&
      Object.keys(value).every((key) => Object.hasOwn(fields, key) && fields[key]!(value[key]))
    );
  };
};

export const nullable =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);

export const arrayOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);

export const oneOf =
  (...values: readonly unknown[]): Check =>
  (value) =>
    values.includes(value);

export const isString: Check = (value) => typeof value === 'string';
export const isBoolean: Check = (value) => typeof value === 'boolean';
export const nonEmpty: Check = (value) => typeof value === 'string' && value.length > 0;
/** Names are cut to 200 characters when read from the API (MAX_NAME_LENGTH in the schemas). */
export const NAME_MAX = 200;
const isName: Check = (value) =>
  typeof value === 'string' && (value.length <= NAME_MAX || Array.from(value).length <= NAME_MAX);
/** A whole number from 0 (`z.int()` is a safe integer). */
export const isCount: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
const isPositiveCount: Check = (value) => isCount(value) && (value as number) > 0;
/** A calendar date that exists (2024-02-29, not 2026-02-30), as `z.iso.date()`. */
export const isDate: Check = (value) => typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value) && dayExists(value);
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

const isCountRecord: Check = (value) => isRecord(value) && Object.values(value).every(isCount);

/** The API's account summary as SummarySchema outputs it. */
export const isSummary = exactly({
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
}) as (value: unknown) => value is Summary;

const isMoney = exactly({ amount: isCount, currency: (value) => typeof value === 'string' && /^[a-z]{3}$/.test(value) });

/** The catalog as CatalogSchema outputs it (a plan's features are always there: `[]` by default). */
export const isCatalog = exactly({
  packages: arrayOf(exactly({ id: nonEmpty, credits: isPositiveCount, price: isMoney })),
  plans: arrayOf(
    exactly({
      id: nonEmpty,
      name: isName,
      tier: isString,
      interval: isString,
      monthlyCredits: isCount,
      price: isMoney,
      features: arrayOf(isName),
    }),
  ),
});

/** A catalog item's id, as PurchaseItemSchema's (1 to 100 characters). */
const isCatalogId: Check = (value) => typeof value === 'string' && value.length >= 1 && value.length <= 100;
const isPackageItem = exactly({ packageId: isCatalogId });
const isPlanItem = exactly({ planId: isCatalogId });
/** Exactly one of a package or a plan, as PurchaseItemSchema. */
export const isPurchaseItem: Check = (value) => isPackageItem(value) || isPlanItem(value);
