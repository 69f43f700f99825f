import { z } from 'zod/mini';
import { CatalogSchema, MeSchema, PurchaseItemSchema, SummarySchema, UsageSchema } from './billing/schemas';

/**
 * The snapshot: everything the background knows about the account, written only by the
 * background and read by the popup, the options page and (through a message) content scripts.
 * It never holds the API key.
 */

const epochMs = z.int().check(z.nonnegative());

export const LastErrorSchema = z.object({
  kind: z.string(),
  message: z.string(),
  at: epochMs,
  /** When the background will try again by itself (rate limits, backoff). */
  retryAt: z.nullable(epochMs),
});
export type LastError = z.infer<typeof LastErrorSchema>;

export const PurchaseStateSchema = z.object({
  item: PurchaseItemSchema,
  /** creating: the checkout session is being created; open: its tab was opened; failed. */
  state: z.enum(['creating', 'open', 'failed']),
  startedAt: epochMs,
  error: z.nullable(z.string()),
});
export type PurchaseState = z.infer<typeof PurchaseStateSchema>;

export const SnapshotSchema = z.object({
  signedIn: z.boolean(),
  me: z.nullable(MeSchema),
  summary: z.nullable(SummarySchema),
  /** When the summary was fetched (the extension's clock). */
  fetchedAt: z.nullable(epochMs),
  catalog: z.nullable(CatalogSchema),
  catalogFetchedAt: z.nullable(epochMs),
  usage: z.nullable(UsageSchema),
  usageFetchedAt: z.nullable(epochMs),
  lastError: z.nullable(LastErrorSchema),
  purchase: z.nullable(PurchaseStateSchema),
  /** Until when the background watches for a payment to land (epoch ms), if it does. */
  checkoutWatchUntil: z.nullable(epochMs),
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


/** A purchase counts as pending while its checkout session is being created. */
export function isPurchasePending(snapshot: Snapshot): boolean {
  return snapshot.purchase?.state === 'creating';
}
