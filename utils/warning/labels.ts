import { creditsLabel } from '../credits/format';
import { t } from '../i18n';
import { TYPICAL_PRICING, type AccountView, type SelectionInput } from './ask';
import { ENRICH_ACTION, isProspectCount, perProspectCost, type Pricing } from './cost';

/**
 * The cost labels beside the page's own bulk action buttons (product.md, "Costs on the page's
 * own buttons"): "73 credits", or "Free" for an action that costs nothing at this size. Pure:
 * the content script passes the list's selection and what it knows about the account, and
 * draws the labels in its own UI (the page's buttons are never touched).
 */

export interface CostLabel {
  /** The action in Deskflow's words ('enrich'…); the label goes beside that action's button. */
  readonly action: string;
  /** What pressing it now would spend (0: "Free"). */
  readonly credits: number;
  /** The count is a lower bound ("at least 73 credits"). */
  readonly atLeast: boolean;
  /** What the label shows: "73 credits", "at least 73 credits", "about 73 credits", "Free". */
  readonly text: string;
  /** What a screen reader hears: "Enrich: 73 credits". */
  readonly spoken: string;
  /** The numbers come from Deskflow's published pricing, not the account's. */
  readonly estimated: boolean;
}

/**
 * Whether an action can spend credits at some selection size: it has a bulk rate, or it is
 * Enrich on a plan where each enrichment costs a credit. Only these get a label: "Free" on an
 * action that never costs anything would say nothing.
 */
export function spendsCredits(pricing: Pricing, action: string): boolean {
  const rate = Object.hasOwn(pricing.bulkActions, action) ? pricing.bulkActions[action] : undefined;
  if (typeof rate === 'number' && rate > 0) return true;
  return action === ENRICH_ACTION && pricing.individualEnrichment === 'credits';
}

/** "Enrich" for the screen reader's line; the warning's own words when the page gives them. */
export type ActionName = (action: string) => string;

/** The pricing to label with: the account's, or the published one (an estimate); none while pending. */
function pricingOf(account: AccountView): { pricing: Pricing; estimated: boolean } | null {
  if (account.kind === 'pending') return null;
  const summary = account.kind === 'state' ? account.snapshot.summary : null;
  return summary ? { pricing: summary.pricing, estimated: false } : { pricing: TYPICAL_PRICING, estimated: true };
}

function costText(credits: number, atLeast: boolean, estimated: boolean, locale: string): string {
  if (credits === 0) return t('costLabelFree');
  const amount = creditsLabel(credits, locale);
  if (atLeast) return t(estimated ? 'costLabelAtLeastAbout' : 'costLabelAtLeast', amount);
  return estimated ? t('costLabelAbout', amount) : amount;
}

/**
 * One label per credit-spending action of the list, in the page's order; none when nothing is
 * selected, while the page state has not arrived, or for an invalid count. `previous`: the labels
 * the caller drew last (same locale and names); one whose cost is unchanged is reused as it is,
 * its words not written again (a selection under the bulk threshold reads "Free" at every size).
 */
export function costLabels(
  selection: SelectionInput,
  account: AccountView,
  locale: string,
  actionName: ActionName,
  previous: readonly CostLabel[] = [],
): CostLabel[] {
  if (!isProspectCount(selection.count) || selection.count === 0) return [];
  const known = pricingOf(account);
  if (!known) return [];
  const { pricing, estimated } = known;
  const labels: CostLabel[] = [];
  for (const action of new Set(selection.actions)) {
    if (!spendsCredits(pricing, action)) continue;
    const credits = perProspectCost(pricing, selection.count, action) * selection.count;
    const { atLeast } = selection;
    const same = previous.find((label) => label.action === action && label.credits === credits && label.atLeast === atLeast && label.estimated === estimated);
    if (same) {
      labels.push(same);
      continue;
    }
    const text = costText(credits, atLeast, estimated, locale);
    labels.push({ action, credits, atLeast, text, spoken: t('costLabelSpoken', [actionName(action), text]), estimated });
  }
  return labels;
}

/** Whether two labels read and look the same (nothing to redraw). */
export function sameLabel(a: CostLabel, b: CostLabel): boolean {
  return a.action === b.action && a.text === b.text && a.spoken === b.spoken && (a.credits === 0) === (b.credits === 0);
}
