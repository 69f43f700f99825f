import { z } from 'zod';

// Extension pages and content scripts run under a CSP without 'unsafe-eval': keep zod from
// even trying to compile parsers with `new Function` (it would log CSP errors in the page).
z.config({ jitless: true });

/**
 * zod schemas of the Deskflow billing API (../shared/spec/billing-api.md).
 * Objects ignore unknown fields (zod's default); enums that may grow (tier, status,
 * usage categories) are open strings so a new value is shown generically, never a crash.
 */

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const isoTimestamp = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

export const MoneySchema = z.object({
  amount: count,
  currency: z.string().regex(/^[a-z]{3}$/),
});
export type Money = z.infer<typeof MoneySchema>;

export const SummarySchema = z.object({
  account: z.object({
    id: z.string().min(1),
    name: z.string(),
    role: z.string(), // 'admin' | 'member'; anything else cannot buy
  }),
  plan: z.object({
    id: z.string().min(1),
    name: z.string(),
    tier: z.string(),
    status: z.string(),
    interval: z.string(),
    renewsAt: isoTimestamp.nullable(),
  }),
  credits: z.object({
    remaining: count,
    included: z.object({
      remaining: count,
      allowance: count,
      resetsAt: isoTimestamp.nullable(),
    }),
    addOn: z.object({ remaining: count }),
  }),
  pricing: z.object({
    bulkThreshold: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    bulkActions: z.record(z.string(), count),
    apiCall: count,
    individualEnrichment: z.string(), // 'unlimited' | 'credits'
  }),
  asOf: isoTimestamp,
});
export type Summary = z.infer<typeof SummarySchema>;

export const CreditPackageSchema = z.object({
  id: z.string().min(1),
  credits: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  price: MoneySchema,
});
export type CreditPackage = z.infer<typeof CreditPackageSchema>;

export const PlanOfferSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  tier: z.string(),
  interval: z.string(),
  monthlyCredits: count,
  price: MoneySchema,
  features: z.array(z.string()).default([]),
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
 */
export const UsageDaySchema = z.preprocess(
  (day) =>
    typeof day === 'object' && day !== null && !Array.isArray(day)
      ? Object.fromEntries(
          Object.entries(day).filter(([key, value]) => key === 'date' || typeof value === 'number'),
        )
      : day,
  z.object({ date: isoDate }).catchall(count),
);
export type UsageDay = z.infer<typeof UsageDaySchema>;

export const UsageSchema = z.object({
  from: isoDate,
  to: isoDate,
  days: z.array(UsageDaySchema),
});
export type Usage = z.infer<typeof UsageSchema>;

export const CheckoutSessionSchema = z.object({
  id: z.string().min(1),
  url: z.string(),
  expiresAt: isoTimestamp.optional(),
});
export type CheckoutSession = z.infer<typeof CheckoutSessionSchema>;

export const PortalSessionSchema = z.object({ url: z.string() });
export type PortalSession = z.infer<typeof PortalSessionSchema>;

export const MeSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  accountId: z.string().min(1),
});
export type Me = z.infer<typeof MeSchema>;

export const ApiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** What can be bought: exactly one of a package or a plan. */
export const PurchaseItemSchema = z.union([
  z.object({ packageId: z.string().min(1).max(100) }).strict(),
  z.object({ planId: z.string().min(1).max(100) }).strict(),
]);
export type PurchaseItem = z.infer<typeof PurchaseItemSchema>;

/** API keys: `dfk_` then 24 or more URL-safe characters. */
export const ApiKeySchema = z.string().regex(/^dfk_[A-Za-z0-9_-]{24,200}$/);
