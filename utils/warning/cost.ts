import type { Summary } from '../billing/schemas';

/**
 * What a selection of prospects would cost, for the in-page banner and the confirmation
 * dialog (billing-api.md, `pricing`). Pure: the content script passes the page's count and
 * the credit-spending actions it found, and the balance from the background's snapshot.
 */

export type Pricing = Summary['pricing'];

/** The action whose individual use costs credits on Free (`individualEnrichment: 'credits'`). */
export const ENRICH_ACTION = 'enrich';

/** Credits per prospect of one individual enrichment on Free. */
const INDIVIDUAL_ENRICHMENT_CREDITS = 1;

export interface ActionCost {
  readonly action: string;
  readonly perProspect: number;
  /** perProspect × count. */
  readonly credits: number;
}

/** A prospect count we can reason about: a safe, non-negative integer. */
export function isProspectCount(count: unknown): count is number {
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0;
}

/** Whether a selection of this size is a bulk operation (at the threshold or more). */
export function isBulk(pricing: Pricing, count: number): boolean {
  return count >= pricing.bulkThreshold;
}

/**
 * Credits per prospect of one action at this selection size, 0 when it costs nothing.
 * Bulk rates apply at or above the threshold to listed actions only. On Free, enriching costs
 * at least 1 credit per prospect at any size, even if a bulk rate lists less: warning about too
 * much beats surprising the user, and it keeps cost monotonic in the selection.
 */
export function perProspectCost(pricing: Pricing, count: number, action: string): number {
  const listed = Object.hasOwn(pricing.bulkActions, action) ? pricing.bulkActions[action] : undefined;
  const bulkRate = isBulk(pricing, count) && typeof listed === 'number' && listed > 0 ? listed : 0;
  if (action === ENRICH_ACTION && pricing.individualEnrichment === 'credits') {
    return Math.max(bulkRate, INDIVIDUAL_ENRICHMENT_CREDITS);
  }
  return bulkRate;
}

/** Largest cost first; equal costs by action name so the order never flickers. */
function byLargestCost(a: ActionCost, b: ActionCost): number {
  if (a.credits !== b.credits) return b.credits - a.credits;
  return a.action < b.action ? -1 : a.action > b.action ? 1 : 0;
}

/**
 * The credit-spending actions among `actions` (those present on the page) for a selection of
 * `count` prospects, largest cost first. Free actions and an invalid count give [].
 */
export function bulkCosts(pricing: Pricing, count: number, actions: readonly string[]): ActionCost[] {
  if (!isProspectCount(count) || count === 0) return [];
  const costs: ActionCost[] = [];
  for (const action of new Set(actions)) {
    const perProspect = perProspectCost(pricing, count, action);
    if (perProspect > 0) costs.push({ action, perProspect, credits: perProspect * count });
  }
  return costs.sort(byLargestCost);
}

/** Whether no action of `actions` costs anything at this size: `bulkCosts` empty, without building it. */
export function spendsNothing(pricing: Pricing, count: number, actions: readonly string[]): boolean {
  if (!isProspectCount(count) || count === 0) return true;
  for (const action of actions) if (perProspectCost(pricing, count, action) > 0) return false;
  return true;
}

/** Credits missing to pay `need` out of `have`: max(0, need − have). */
export function shortfall(need: number, have: number): number {
  return Math.max(0, need - have);
}

export interface WarningInput {
  readonly pricing: Pricing;
  /** Prospects selected (or the lower bound when `atLeast`). */
  readonly count: number;
  /** True when the page only tells us "at least `count`" (virtualised grids). */
  readonly atLeast?: boolean;
  /** Names of the bulk actions present on the page: 'enrich', 'export', 'add-to-campaign'… */
  readonly actions: readonly string[];
  /** Credits remaining, or null/undefined when the balance is unknown (signed out, offline). */
  readonly remaining: number | null | undefined;
}

/** What the banner and the confirmation show for a selection that spends credits. */
export interface CreditQuote {
  /** 'short' when the largest cost exceeds a known balance (the banner becomes an alert). */
  readonly level: 'info' | 'short';
  readonly count: number;
  readonly atLeast: boolean;
  /** Every credit-spending action, largest cost first; never empty. */
  readonly costs: readonly ActionCost[];
  /** costs[0]: what the banner quotes. */
  readonly largest: ActionCost;
  /** The balance, or null when unknown. */
  readonly remaining: number | null;
  /** Balance after the largest action, never negative (see shortBy); null when unknown. */
  readonly leftAfter: number | null;
  /** Credits missing for the largest action; 0 when enough or unknown. */
  readonly shortBy: number;
}

export type CreditWarning = { readonly level: 'none' } | CreditQuote;

export const NO_WARNING: CreditWarning = Object.freeze({ level: 'none' });

/** A known balance, or null: a negative or non-integer balance is treated as unknown. */
function knownBalance(remaining: number | null | undefined): number | null {
  return typeof remaining === 'number' && isProspectCount(remaining) ? remaining : null;
}

/** The banner's view model for a selection: none, or the costs with what is left and missing. */
export function warningFor(input: WarningInput): CreditWarning {
  const costs = bulkCosts(input.pricing, input.count, input.actions);
  const largest = costs[0];
  if (!largest) return NO_WARNING;
  const remaining = knownBalance(input.remaining);
  const shortBy = remaining === null ? 0 : shortfall(largest.credits, remaining);
  return {
    level: shortBy > 0 ? 'short' : 'info',
    count: input.count,
    atLeast: input.atLeast === true,
    costs,
    largest,
    remaining,
    leftAfter: remaining === null ? null : Math.max(0, remaining - largest.credits),
    shortBy,
  };
}

/** One action's cost, for the dialog that confirms that action ("Enrich 73 prospects?"). */
export interface ActionQuote extends ActionCost {
  readonly count: number;
  readonly atLeast: boolean;
  readonly remaining: number | null;
  readonly leftAfter: number | null;
  readonly shortBy: number;
}

/** The quote for one action of the warning, or null when that action spends no credits. */
export function quoteForAction(warning: CreditWarning, action: string): ActionQuote | null {
  if (warning.level === 'none') return null;
  const cost = warning.costs.find((c) => c.action === action);
  if (!cost) return null;
  const { remaining } = warning;
  return {
    ...cost,
    count: warning.count,
    atLeast: warning.atLeast,
    remaining,
    leftAfter: remaining === null ? null : Math.max(0, remaining - cost.credits),
    shortBy: remaining === null ? 0 : shortfall(cost.credits, remaining),
  };
}

/** The options page's confirmation setting: always, only when credits are short, or off. */
export const CONFIRMATION_MODES = ['always', 'short', 'off'] as const;
export type ConfirmationMode = (typeof CONFIRMATION_MODES)[number];

/**
 * Whether clicking `action` (default: the largest cost) must first be confirmed. Never for an
 * action that spends nothing. In 'short' mode an unknown balance does not ask: the user chose
 * to be asked only when we know credits are missing (the banner still shows the cost).
 */
export function needsConfirmation(mode: ConfirmationMode, warning: CreditWarning, action?: string): boolean {
  if (mode === 'off' || warning.level === 'none') return false;
  const quote = quoteForAction(warning, action ?? warning.largest.action);
  if (!quote) return false;
  return mode === 'always' || quote.shortBy > 0;
}
