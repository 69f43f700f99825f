import { isProspectCount, needsConfirmation, spendsNothing, quoteForAction, warningFor, type CreditQuote, type Pricing } from './cost';
import { limitVerdict, NO_LIMITS, type Limits, type LimitVerdict } from '../limits/rules';
import type { ConfirmationMode } from './cost';
import type { Snapshot } from '../snapshot';
import type { WaitingAction } from './carry-on';
import { sameButTheCount, type ListSelection } from './types';

/**
 * When a bulk action is asked about before it runs (product.md, "The guard's promise"). Pure:
 * the guard calls it on every activation of a bulk action, before any of the page's handlers.
 * It fails closed: until the account's pricing and the user's choice are known, it asks as the
 * defaults do, on Deskflow's published pricing.
 */

/**
 * Deskflow's published pricing (product.md: bulk operations on 50+ prospects cost about one
 * credit per prospect). Used only while the account's own pricing is unknown (signed out, no
 * summary yet, the background asleep or gone), flagged as an estimate wherever it is shown.
 */
export const TYPICAL_PRICING: Pricing = {
  bulkThreshold: 50,
  bulkActions: { enrich: 1, export: 1 },
  apiCall: 1,
  individualEnrichment: 'unlimited',
};

/** What the content script knows about the account. */
export type AccountView =
  /** The page state has not arrived yet. */
  | { readonly kind: 'pending' }
  /** The background did not answer (or the extension was reloaded under this page). */
  | { readonly kind: 'unavailable'; readonly reason: string }
  | {
      readonly kind: 'state';
      readonly snapshot: Snapshot;
      readonly confirmation: ConfirmationMode;
      /** Cost labels beside the page's buttons (on unless the options page turned them off). */
      readonly costLabels?: boolean;
      /** The action waiting in this tab to carry on after buying. */
      readonly carryOn?: WaitingAction | null;
      /** The user's limits (none until the options page sets them). */
      readonly limits?: Limits;
      /** Credits this browser saw spent this week, for the weekly budget. */
      readonly spentThisWeek?: number;
    };

/**
 * What the guard assumes while the account's pricing is unknown: the published rules at their
 * dearest — Free's enrichment, a credit per prospect from the first — so that not knowing the
 * plan never lets a paid enrichment through unasked.
 */
const GUARD_PRICING: Pricing = { ...TYPICAL_PRICING, individualEnrichment: 'credits' };

export const PENDING: AccountView = Object.freeze({ kind: 'pending' });

export interface SelectionInput {
  readonly count: number;
  readonly atLeast: boolean;
  readonly actions: readonly string[];
}

/** The pricing to quote with, the balance, and whether the numbers are an estimate. */
function pricingOf(account: AccountView, unknown: Pricing): { pricing: Pricing; remaining: number | null; estimated: boolean } {
  const summary = account.kind === 'state' ? account.snapshot.summary : null;
  if (!summary) return { pricing: unknown, remaining: null, estimated: true };
  return { pricing: summary.pricing, remaining: summary.credits.remaining, estimated: false };
}

/**
 * What the selection costs (largest first), or null when none of its actions spends credits.
 * Without the account's pricing: the published one (the banner), or the guard's dearest.
 */
export function quoteOf(
  selection: SelectionInput,
  account: AccountView,
  unknown: Pricing = TYPICAL_PRICING,
): { quote: CreditQuote; estimated: boolean } | null {
  const { pricing, remaining, estimated } = pricingOf(account, unknown);
  const warning = warningFor({ pricing, count: selection.count, atLeast: selection.atLeast, actions: selection.actions, remaining });
  return warning.level === 'none' ? null : { quote: warning, estimated };
}

/** What pressing `action` costs, as the guard sees it (the action pressed may not be listed). */
export function quoteWith(selection: SelectionInput, action: string, account: AccountView) {
  const actions = selection.actions.includes(action) ? selection.actions : [...selection.actions, action];
  return quoteOf({ ...selection, actions }, account, GUARD_PRICING);
}

/**
 * Run, ask or block pressing `action` with this selection: the user's mode once it is known —
 * before that (and for "only when short" while the balance is unknown) the default's, ask
 * whenever the action spends credits — and then the user's limits (utils/limits/rules.ts: a block
 * over M whatever the mode, a question over the weekly budget, none up to N). Null when the action
 * spends nothing.
 */
export function verdictOf(selection: SelectionInput, action: string, account: AccountView): LimitVerdict | null {
  const quoted = quoteWith(selection, action, account);
  const quote = quoted ? quoteForAction(quoted.quote, action) : null;
  if (!quoted || !quote) return null;
  const chosen: ConfirmationMode = account.kind === 'state' ? account.confirmation : 'always';
  const mode = chosen === 'short' && quoted.estimated ? 'always' : chosen;
  return limitVerdict({
    credits: quote.credits,
    estimated: quoted.estimated,
    short: quote.shortBy > 0,
    modeAsks: needsConfirmation(mode, quoted.quote, action),
    limits: (account.kind === 'state' && account.limits) || NO_LIMITS,
    spentThisWeek: (account.kind === 'state' && account.spentThisWeek) || 0,
  });
}

/** Whether pressing `action` with this selection must be confirmed (or shown blocked) first. */
export function mustAsk(selection: SelectionInput, action: string, account: AccountView): boolean {
  const verdict = verdictOf(selection, action, account);
  return verdict !== null && verdict.kind !== 'run';
}

/**
 * Whether the banner and the cost labels for `after` are those already drawn for `before`: the
 * account is known and nothing waits to carry on, both select prospects, only the count differs,
 * and no action costs anything at either size (under the bulk threshold: no banner, every label
 * "Free"). The selection observer keeps such a change without drawing (npm run bench, content
 * cost: most single toggles). The guard never relies on it: it reads the selection at each press.
 */
export function showsSameCosts(before: ListSelection, after: ListSelection, account: AccountView): boolean {
  if (account.kind !== 'state' || account.carryOn || !sameButTheCount(before, after)) return false;
  const { pricing } = pricingOf(account, TYPICAL_PRICING);
  const free = ({ count, actions }: ListSelection) => isProspectCount(count) && count > 0 && spendsNothing(pricing, count, actions);
  return free(before) && free(after);
}
