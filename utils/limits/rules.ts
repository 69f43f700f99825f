/**
 * The user's own limits for this browser (product.md, "Personal limits and the spending log"):
 * "Ask before actions over N credits", "Block actions over M credits" and "Weekly budget".
 * Pure: the guard asks `limitVerdict` on every activation, with what the action would use, what
 * the confirmation mode alone would decide, and what this browser saw spent this week.
 *
 * How they compose with the confirmation mode (utils/warning/ask.ts):
 *
 * 1. An action that uses no credits runs: no limit applies to it.
 * 2. Over the block (credits > M): blocked — the dialog has no Continue — whatever the mode.
 * 3. Over the weekly budget (spent this week + credits > budget): asked, with by how much,
 *    whatever the mode and N: the user set the budget to be stopped at it.
 * 4. Otherwise the mode decides (always / only when short / off), as before, and then N waives
 *    the question for an action of N credits or fewer — but only on the account's own numbers
 *    with enough credits: an estimate (pricing unknown) or a shortfall is still asked.
 *
 * No zod here: the guard loads this module at document_start (the schema is in ./schema.ts).
 *
 * N unset is the default: every credit-spending action is asked (the plan's bulk threshold
 * decides what spends credits) — today's behaviour, so the defaults change nothing. N can only
 * ask less than that; M and the budget can only stop more.
 */

/** The largest number a limit can be (the largest selection a request may carry, in credits). */
export const MAX_LIMIT = 10_000_000;

export interface Limits {
  /** Ask before actions over this many credits; null: every action that spends credits. */
  readonly askOver: number | null;
  /** Block actions over this many credits; null: off. */
  readonly blockOver: number | null;
  /** Credits per week through this browser; null: off. */
  readonly weeklyBudget: number | null;
}

export const NO_LIMITS: Limits = Object.freeze({ askOver: null, blockOver: null, weeklyBudget: null });

/** How far an action takes this week's spending over the budget. */
export interface BudgetOverrun {
  readonly budget: number;
  /** Credits spent this week before the action. */
  readonly spent: number;
  /** spent + the action's credits − budget: always more than 0. */
  readonly by: number;
}

export type LimitVerdict =
  | { readonly kind: 'run' }
  /** Confirm first; `overBudget` when it goes over the weekly budget (the confirmation says by how much). */
  | { readonly kind: 'ask'; readonly overBudget: BudgetOverrun | null }
  /** Not allowed: the action would use more than `limit` credits. */
  | { readonly kind: 'block'; readonly limit: number };

export interface LimitInput {
  /** Credits the action would use; a value that is not a number ≥ 0 is asked about as the mode says. */
  readonly credits: number;
  /** The credits are an estimate: the account's pricing is unknown. */
  readonly estimated: boolean;
  /** Credits are known to be short for it. */
  readonly short: boolean;
  /** What the confirmation mode alone decides (needsConfirmation). */
  readonly modeAsks: boolean;
  readonly limits: Limits;
  /** Credits this browser saw confirmed this week. */
  readonly spentThisWeek: number;
}

const RUN: LimitVerdict = Object.freeze({ kind: 'run' });

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** A limit as the rules read it: a stored value that is not a whole number ≥ 0 is not set. */
function limitOf(value: number | null): number | null {
  return isCount(value) ? value : null;
}

/** The block an action of `credits` runs into, or null. */
export function blockedBy(limits: Limits, credits: number): number | null {
  const block = limitOf(limits.blockOver);
  return block !== null && credits > block ? block : null;
}

/** How far `credits` more takes this week over the budget, or null when it stays within (or there is none). */
export function budgetOverrun(limits: Limits, spentThisWeek: number, credits: number): BudgetOverrun | null {
  const budget = limitOf(limits.weeklyBudget);
  if (budget === null) return null;
  const spent = isCount(spentThisWeek) ? spentThisWeek : 0;
  const by = spent + credits - budget;
  return by > 0 ? { budget, spent, by } : null;
}

/** Whether N lets an action of `credits` through without a question (see the rules above). */
export function askOverWaives(limits: Limits, credits: number, estimated: boolean, short: boolean): boolean {
  const askOver = limitOf(limits.askOver);
  return askOver !== null && !estimated && !short && credits <= askOver;
}

/** Run, ask (perhaps over the budget) or block: the rules above, in their order. */
export function limitVerdict(input: LimitInput): LimitVerdict {
  const { credits, limits } = input;
  // A cost we cannot read is not "nothing": the mode decides, as for any cost.
  if (!(Number.isFinite(credits) && credits >= 0)) return input.modeAsks ? { kind: 'ask', overBudget: null } : RUN;
  if (credits === 0) return RUN;
  const block = blockedBy(limits, credits);
  if (block !== null) return { kind: 'block', limit: block };
  const overBudget = budgetOverrun(limits, input.spentThisWeek, credits);
  if (overBudget) return { kind: 'ask', overBudget };
  if (!input.modeAsks || askOverWaives(limits, credits, input.estimated, input.short)) return RUN;
  return { kind: 'ask', overBudget: null };
}

/** The user's limits contradict each other: a block below the point where asking starts. */
export function blockBelowAsk(limits: Limits): boolean {
  const ask = limitOf(limits.askOver);
  const block = limitOf(limits.blockOver);
  return ask !== null && block !== null && block < ask;
}
