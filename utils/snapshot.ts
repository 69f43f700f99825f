import { z } from 'zod';
import { isStale as isStaleData } from './credits/badge';
import { CatalogSchema, MeSchema, PurchaseItemSchema, SummarySchema, UsageSchema } from './billing/schemas';

/**
 * The snapshot: everything the background knows about the account, written only by the
 * background and read by the popup, the options page and (through a message) content scripts.
 * It never holds the API key.
 */

const epochMs = z.number().int().nonnegative();

export const LastErrorSchema = z.object({
  kind: z.string(),
  message: z.string(),
  at: epochMs,
  /** When the background will try again by itself (rate limits, backoff). */
  retryAt: epochMs.nullable(),
});
export type LastError = z.infer<typeof LastErrorSchema>;

export const PurchaseStateSchema = z.object({
  item: PurchaseItemSchema,
  /** creating: the checkout session is being created; open: its tab was opened; failed. */
  state: z.enum(['creating', 'open', 'failed']),
  startedAt: epochMs,
  error: z.string().nullable(),
});
export type PurchaseState = z.infer<typeof PurchaseStateSchema>;

export const SnapshotSchema = z.object({
  signedIn: z.boolean(),
  me: MeSchema.nullable(),
  summary: SummarySchema.nullable(),
  /** When the summary was fetched (the extension's clock). */
  fetchedAt: epochMs.nullable(),
  catalog: CatalogSchema.nullable(),
  catalogFetchedAt: epochMs.nullable(),
  usage: UsageSchema.nullable(),
  usageFetchedAt: epochMs.nullable(),
  lastError: LastErrorSchema.nullable(),
  purchase: PurchaseStateSchema.nullable(),
  /** Until when the background watches for a payment to land (epoch ms), if it does. */
  checkoutWatchUntil: epochMs.nullable(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const SIGNED_OUT: Snapshot = {
  signedIn: false,
  me: null,
  summary: null,
  fetchedAt: null,
  catalog: null,
  catalogFetchedAt: null,
  usage: null,
  usageFetchedAt: null,
  lastError: null,
  purchase: null,
  checkoutWatchUntil: null,
};

/**
 * Fields the first stored version (v0) did not have: the catalog's and usage's own fetch times,
 * the purchase in progress and the checkout watch. A snapshot without them gets these values
 * (no fetch time: the next refresh re-reads the catalog and usage).
 */
const ADDED_AFTER_V0 = { catalogFetchedAt: null, usageFetchedAt: null, purchase: null, checkoutWatchUntil: null } as const;

/** An older stored snapshot brought to the current shape; anything else is returned as it is. */
export function migrateSnapshot(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return { ...ADDED_AFTER_V0, ...value };
}

/**
 * The stored value, migrated when it comes from an older version. A value that still does not
 * validate (corrupted, or from a newer version) reads as empty.
 */
export function parseSnapshot(value: unknown): Snapshot {
  const parsed = SnapshotSchema.safeParse(migrateSnapshot(value));
  return parsed.success ? parsed.data : SIGNED_OUT;
}

/** The popup refreshes data older than this when it opens. */
export const POPUP_REFRESH_AFTER_MS = 60_000;

/** Old data while refreshes fail (the badge's rule, utils/credits/badge.ts). */
export function isStale(snapshot: Snapshot, now: number): boolean {
  return snapshot.fetchedAt !== null && isStaleData(snapshot.fetchedAt, snapshot.lastError?.message, now);
}

/** A purchase counts as pending while its checkout session is being created. */
export function isPurchasePending(snapshot: Snapshot): boolean {
  return snapshot.purchase?.state === 'creating';
}
