import type { CreditPackage, Money, PlanOffer, PurchaseItem, Summary } from '../billing/schemas';
import { LOW_PERCENT } from './badge';

/**
 * Which credit package to suggest and which plan is the upgrade (popup and in-page alert).
 * Pure functions of the catalog (billing-api.md, `GET /v1/billing/catalog`).
 */

export interface PackageSuggestion {
  readonly pkg: CreditPackage;
  /** False when even the largest package is smaller than the shortfall. */
  readonly covers: boolean;
}

/** Fewer credits first, then cheaper, then by id so the choice is stable. */
function bySizeThenPrice(a: CreditPackage, b: CreditPackage): number {
  if (a.credits !== b.credits) return a.credits - b.credits;
  if (a.price.amount !== b.price.amount) return a.price.amount - b.price.amount;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The package to highlight for a shortfall: the one with the fewest credits that still covers
 * it (ties: the cheaper). When none covers, the largest package (ties: the cheaper) with
 * `covers: false`, so the user can still buy the most they can in one step.
 * Null when nothing is short (shortBy ≤ 0 or not a number) or there are no packages.
 */
export function smallestCoveringPackage(
  packages: readonly CreditPackage[],
  shortBy: number,
): PackageSuggestion | null {
  if (!(shortBy > 0) || packages.length === 0) return null;
  const sorted = [...packages].sort(bySizeThenPrice);
  const covering = sorted.find((p) => p.credits >= shortBy);
  if (covering) return { pkg: covering, covers: true };
  const largestCredits = sorted.at(-1)?.credits;
  const largest = sorted.find((p) => p.credits === largestCredits);
  return largest ? { pkg: largest, covers: false } : null;
}

/**
 * Price of one credit in the package's currency. `amount` stays in minor units and may be
 * fractional (4500 for 100 credits → 45; 1000 for 3 → 333.33…); formatMoney rounds it.
 */
export function pricePerCredit(pkg: CreditPackage): Money {
  return { amount: pkg.price.amount / pkg.credits, currency: pkg.price.currency };
}

/**
 * The plan to offer as the upgrade: a plan of the tier that follows the current one in the
 * catalog (plans are listed cheapest first, so catalog order is the tier order), preferring the
 * same billing interval. Null on the top tier, and null for a tier the catalog does not list
 * (a new or legacy tier): we cannot rank it, and offering a "step up" that may be a downgrade
 * would be worse than offering none.
 */
export function nextPlanUp(
  plans: readonly PlanOffer[],
  currentTier: string,
  interval?: string,
): PlanOffer | null {
  const tiers = [...new Set(plans.map((p) => p.tier))];
  const index = tiers.indexOf(currentTier);
  if (index === -1) return null;
  const nextTier = tiers[index + 1];
  if (nextTier === undefined) return null;
  const candidates = plans.filter((p) => p.tier === nextTier);
  return candidates.find((p) => p.interval === interval) ?? candidates[0] ?? null;
}

/**
 * The shortfall of a balance with no action in view (the popup, the low-balance notification),
 * in credits. The in-page banner knows a real one (a selection's cost); these have none, so
 * they call "short" a balance at the badge's low level (LOW_PERCENT, 25 %, or less of the
 * allowance plus add-ons, or zero) and ask how much brings it back above it. A bought package
 * adds to both sides (remaining and add-ons), so the smallest p with 100 (r + p) > L (W + p) is
 * p > (L·W − 100 r) / (100 − L). Zero when the balance is healthy.
 */
export function shortfallToHealthy(credits: Summary['credits']): number {
  const remaining = Math.max(0, credits.remaining);
  const whole = credits.included.allowance + credits.addOn.remaining;
  if (remaining > 0 && remaining * 100 > whole * LOW_PERCENT) return 0;
  return Math.max(1, Math.floor((LOW_PERCENT * whole - 100 * remaining) / (100 - LOW_PERCENT)) + 1);
}

/** Only an account's admins buy (billing-api.md: checkout answers 403 to members). */
export function canBuy(account: Summary['account']): boolean {
  return account.role === 'admin';
}

/** One form of a catalog item for comparing and storing: the same item, the same key. */
export function purchaseItemKey(item: PurchaseItem): string {
  return 'packageId' in item ? JSON.stringify({ packageId: item.packageId }) : JSON.stringify({ planId: item.planId });
}

export function samePurchaseItem(a: PurchaseItem | null | undefined, b: PurchaseItem | null | undefined): boolean {
  return a !== null && a !== undefined && b !== null && b !== undefined && purchaseItemKey(a) === purchaseItemKey(b);
}
