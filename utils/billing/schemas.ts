import { z } from 'zod/mini';

// Extension pages and content scripts run under a CSP without 'unsafe-eval': keep zod from
// even trying to compile parsers with `new Function` (it would log CSP errors in the page).
// zod/mini's objects do not compile parsers today; this keeps it that way whatever zod does.
z.config({ jitless: true });

/**
 * zod schemas of the Deskflow billing API (../shared/spec/billing-api.md), in zod/mini's
 * functional form (tree-shakable; product code never imports the classic 'zod').
 * Objects ignore unknown fields (zod's default); enums that may grow (tier, status,
 * usage categories) are open strings so a new value is shown generically, never a crash.
 */

/** billing-api.md "Sizes": names are at most 200 characters, error messages at most 1,000. */
export const MAX_NAME_LENGTH = 200;
export const MAX_MESSAGE_LENGTH = 1_000;
/** A response body longer than this (in bytes) is an error (billing-api.md "Sizes"). */
export const MAX_BODY_BYTES = 1_000_000;

/** `value` cut to `max` characters (code points), the last one "…" when it was longer. */
export function capString(value: string, max: number): string {
  if (value.length <= max) return value; // UTF-16 units: never fewer than characters
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * A name shown to the user (account, plan, plan offer, plan feature): cut to 200 characters
 * when the API sends more, so a hostile or broken answer cannot fill storage or the popup.
 */
const name = z.pipe(z.string(), z.transform((value: string) => capString(value, MAX_NAME_LENGTH)));

const count = z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER));
const positiveCount = z.int().check(z.positive(), z.maximum(Number.MAX_SAFE_INTEGER));
const nonEmpty = z.string().check(z.minLength(1));
const isoTimestamp = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

export const MoneySchema = z.object({
  amount: count,
  currency: z.string().check(z.regex(/^[a-z]{3}$/)),
});
export type Money = z.infer<typeof MoneySchema>;

export const SummarySchema = z.object({
  account: z.object({
    id: nonEmpty,
    name,
    role: z.string(), // 'admin' | 'member'; anything else cannot buy
  }),
  plan: z.object({
    id: nonEmpty,
    name,
    tier: z.string(),
    status: z.string(),
    interval: z.string(),
    renewsAt: z.nullable(isoTimestamp),
  }),
  credits: z.object({
    remaining: count,
    included: z.object({
      remaining: count,
      allowance: count,
      resetsAt: z.nullable(isoTimestamp),
    }),
    addOn: z.object({ remaining: count }),
  }),
  pricing: z.object({
    bulkThreshold: positiveCount,
    bulkActions: z.record(z.string(), count),
    apiCall: count,
    individualEnrichment: z.string(), // 'unlimited' | 'credits'
  }),
  asOf: isoTimestamp,
});
export type Summary = z.infer<typeof SummarySchema>;

export const CreditPackageSchema = z.object({
  id: nonEmpty,
  credits: positiveCount,
  price: MoneySchema,
});
export type CreditPackage = z.infer<typeof CreditPackageSchema>;

export const PlanOfferSchema = z.object({
  id: nonEmpty,
  name,
  tier: z.string(),
  interval: z.string(),
  monthlyCredits: count,
  price: MoneySchema,
  features: z._default(z.array(name), []),
});
export type PlanOffer = z.infer<typeof PlanOfferSchema>;

export const CatalogSchema = z.object({
  packages: z.array(CreditPackageSchema),
  plans: z.array(PlanOfferSchema),
});
export type Catalog = z.infer<typeof CatalogSchema>;

/**
 * One day of usage: `date` plus one number per category (bulk, api, ai, or new ones).
 * Fields that are not numbers are not categories: they are dropped before validation, so a
 * future non-numeric field (`"note": "…"`, `null`) is ignored instead of failing the response.
 * (Classic zod's z.preprocess is, in zod/mini, a pipe from a transform: the same parser.)
 */
export const UsageDaySchema = z.pipe(
  z.transform((day: unknown) =>
    typeof day === 'object' && day !== null && !Array.isArray(day)
      ? Object.fromEntries(
          Object.entries(day).filter(([key, value]) => key === 'date' || typeof value === 'number'),
        )
      : day,
  ),
  z.catchall(z.object({ date: isoDate }), count),
);
export type UsageDay = z.infer<typeof UsageDaySchema>;

export const UsageSchema = z.object({
  from: isoDate,
  to: isoDate,
  days: z.array(UsageDaySchema),
});
export type Usage = z.infer<typeof UsageSchema>;

export const CheckoutSessionSchema = z.object({
  id: nonEmpty,
  url: z.string(),
  expiresAt: z.optional(isoTimestamp),
});
export type CheckoutSession = z.infer<typeof CheckoutSessionSchema>;

export const PortalSessionSchema = z.object({ url: z.string() });
export type PortalSession = z.infer<typeof PortalSessionSchema>;

export const MeSchema = z.object({
  id: nonEmpty,
  email: z.string(),
  accountId: nonEmpty,
});
export type Me = z.infer<typeof MeSchema>;

export const ApiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** What can be bought: exactly one of a package or a plan. */
const catalogId = z.string().check(z.minLength(1), z.maxLength(100));
export const PurchaseItemSchema = z.union([
  z.strictObject({ packageId: catalogId }),
  z.strictObject({ planId: catalogId }),
]);
export type PurchaseItem = z.infer<typeof PurchaseItemSchema>;

/** API keys: `dfk_` then 24 or more URL-safe characters. */
export const ApiKeySchema = z.string().check(z.regex(/^dfk_[A-Za-z0-9_-]{24,200}$/));
