import type { PurchaseItem } from '@/utils/billing/schemas';
import {
  creditsLabel,
  formatCount,
  formatMoney,
  formatRelativeAge,
  canBuy,
  nextPlanUp,
  samePurchaseItem,
  smallestCoveringPackage,
} from '@/utils/credits';
import { quoteForAction, type ActionQuote, type CreditQuote } from '@/utils/warning/cost';
import { isStale } from '@/utils/credits/badge';
import type { Snapshot } from '@/utils/snapshot';
import type { CarryOnView } from '@/utils/warning/carry-on';
import { quoteOf, quoteWith, verdictOf, type AccountView, type SelectionInput } from '@/utils/warning/ask';
import { actionLabel, warningStrings as t } from './strings';

/**
 * What the in-page warning and the confirmation show, decided without React or the DOM so
 * every state is a plain function of the selection and the page state.
 */

export interface PurchaseOffer {
  readonly label: string;
  readonly item: PurchaseItem;
  readonly busy: boolean;
  readonly disabled: boolean;
}

export interface BannerModel {
  /** 'short' turns the banner into an alert. */
  readonly level: 'info' | 'short';
  readonly headline: string;
  /** The other credit-spending actions, shown on expansion. */
  readonly others: readonly string[];
  /** Why the balance is unknown or old, or who can buy. */
  readonly note: string | null;
  readonly buy: PurchaseOffer | null;
  readonly upgrade: PurchaseOffer | null;
  /** Said when even the largest package does not cover the shortfall. */
  readonly offerNote: string | null;
  readonly purchaseError: string | null;
  /** The numbers come from TYPICAL_PRICING, not the account's pricing. */
  readonly estimated: boolean;
  /** After buying: the offer to carry on, or what is still short (utils/warning/carry-on.ts). */
  readonly carryOn?: CarryOnView | null;
}

export interface DialogModel {
  readonly role: 'dialog' | 'alertdialog';
  readonly title: string;
  readonly body: string;
  readonly action: string;
  readonly count: number;
  /** What it spends (0: nothing, so nothing to report once it ran). */
  readonly credits: number;
  /** Over the user's block (personal limits): no Continue, only Cancel and a link to the limits. */
  readonly blocked?: boolean;
}

export interface Formatting {
  readonly locale: string;
  readonly now: number;
}

function prospects(count: number, locale: string): string {
  return t.prospects(count, formatCount(count, locale));
}

/** One action's line: "Enrich uses 73 credits · 339 left after" or "Enrich needs … (33 short)". */
function actionLine(quote: ActionQuote, estimated: boolean, locale: string): string {
  const label = actionLabel(quote.action);
  const credits = creditsLabel(quote.credits, locale);
  if (quote.remaining !== null && quote.shortBy > 0) {
    return t.needs(label, credits, formatCount(quote.remaining, locale), formatCount(quote.shortBy, locale), quote.atLeast);
  }
  const uses = t.uses(label, credits, quote.atLeast, estimated);
  return quote.leftAfter === null ? uses : uses + t.separator + t.leftAfter(formatCount(quote.leftAfter, locale), quote.atLeast);
}

function unknownBalanceNote(account: AccountView): string {
  if (account.kind === 'unavailable') return t.balanceUnknown(account.reason);
  if (account.kind === 'pending' || !account.snapshot.signedIn) return t.signIn();
  const error = account.snapshot.lastError?.message.trim();
  return error ? t.balanceUnknown(error) : t.loading();
}

function offers(
  quote: CreditQuote,
  snapshot: Snapshot,
  locale: string,
): Pick<BannerModel, 'buy' | 'upgrade' | 'offerNote'> {
  const summary = snapshot.summary;
  const catalog = snapshot.catalog;
  if (!summary || !catalog) return { buy: null, upgrade: null, offerNote: null };
  const pending = snapshot.purchase?.state === 'creating' ? snapshot.purchase.item : null;
  const offer = (label: string, item: PurchaseItem): PurchaseOffer => ({
    label,
    item,
    busy: samePurchaseItem(pending, item),
    disabled: pending !== null,
  });
  const suggestion = smallestCoveringPackage(catalog.packages, quote.shortBy);
  const plan = nextPlanUp(catalog.plans, summary.plan.tier, summary.plan.interval);
  return {
    buy: suggestion
      ? offer(
          t.buy(suggestion.pkg.credits, formatCount(suggestion.pkg.credits, locale), formatMoney(suggestion.pkg.price, locale)),
          { packageId: suggestion.pkg.id },
        )
      : null,
    upgrade: plan
      ? offer(t.upgrade(plan.name, formatMoney(plan.price, locale), plan.interval), { planId: plan.id })
      : null,
    offerNote:
      suggestion && !suggestion.covers
        ? t.notEnough(
            suggestion.pkg.credits,
            formatCount(suggestion.pkg.credits, locale),
            formatCount(quote.shortBy - suggestion.pkg.credits, locale),
          )
        : null,
  };
}

/** The banner for a list's selection, or null when nothing is shown. */
export function bannerModel(selection: SelectionInput, account: AccountView, { locale, now }: Formatting): BannerModel | null {
  if (account.kind === 'pending') return null;
  const quoted = quoteOf(selection, account);
  if (!quoted) return null;
  const { quote, estimated } = quoted;
  const lines = quote.costs
    .map((cost) => quoteForAction(quote, cost.action))
    .filter((q): q is ActionQuote => q !== null)
    .map((q) => actionLine(q, estimated, locale));
  const [first = '', ...others] = lines;
  const headline =
    quote.level === 'short' ? first : t.selected(prospects(quote.count, locale), quote.atLeast) + t.separator + first;

  const snapshot = account.kind === 'state' ? account.snapshot : null;
  const summary = snapshot?.summary ?? null;
  let note: string | null = null;
  let buy: PurchaseOffer | null = null;
  let upgrade: PurchaseOffer | null = null;
  let offerNote: string | null = null;
  let purchaseError: string | null = null;
  if (!summary || !snapshot) {
    note = unknownBalanceNote(account);
  } else {
    if (snapshot.fetchedAt !== null && isStale(snapshot.fetchedAt, snapshot.lastError?.message, now)) {
      note = t.staleBalance(formatRelativeAge(now - snapshot.fetchedAt, locale), snapshot.lastError?.message.trim() ?? '');
    }
    if (quote.level === 'short') {
      if (canBuy(summary.account)) {
        ({ buy, upgrade, offerNote } = offers(quote, snapshot, locale));
        if (snapshot.purchase?.state === 'failed' && snapshot.purchase.error) {
          purchaseError = t.purchaseFailed(snapshot.purchase.error);
        }
      } else {
        note = summary.account.name ? t.askAdmin(summary.account.name) : t.askAnAdmin();
      }
    }
  }
  return { level: quote.level, headline, others, note, buy, upgrade, offerNote, purchaseError, estimated };
}

/**
 * The banner turned into the offer to carry on after buying: for an offer, only the offer (a
 * status); for a purchase that did not cover the action, the alert's packages with what is
 * still short.
 */
export function withCarryOn(model: BannerModel | null, view: CarryOnView): BannerModel {
  if (view.level === 'short' && model) return { ...model, level: 'short', carryOn: view };
  return {
    level: view.level === 'short' ? 'short' : 'info',
    headline: view.headline,
    others: [],
    note: null,
    buy: null,
    upgrade: null,
    offerNote: null,
    purchaseError: null,
    estimated: false,
    carryOn: view,
  };
}

/**
 * What the dialog shows before `action` runs, with the selection of this moment. The guard
 * decides whether to ask (utils/warning/ask.ts); once it asks, the dialog says what it knows
 * (questionFor) — and, with the user's limits, that the action is blocked ("Enrich 1,500
 * prospects would use 1,500 credits — over your limit of 500 per action", no Continue), or that
 * it goes over the weekly budget and by how much (a warning: an alertdialog).
 */
export function dialogFor(selection: SelectionInput, action: string, account: AccountView, locale: string): DialogModel {
  const question = questionFor(selection, action, account, locale);
  const verdict = verdictOf(selection, action, account);
  if (verdict?.kind === 'block') {
    const estimated = quoteWith(selection, action, account)?.estimated ?? true;
    const body = t.dialogBlocked(
      actionLabel(action),
      prospects(question.count, locale),
      creditsLabel(question.credits, locale),
      formatCount(verdict.limit, locale),
      selection.atLeast,
      estimated,
    );
    return { ...question, role: 'alertdialog', title: t.dialogBlockedTitle(), body, blocked: true };
  }
  if (verdict?.kind === 'ask' && verdict.overBudget) {
    const { by, budget, spent } = verdict.overBudget;
    const over = t.dialogOverBudget(creditsLabel(by, locale), formatCount(budget, locale), formatCount(spent, locale));
    return { ...question, role: 'alertdialog', body: `${question.body} ${over}` };
  }
  return question;
}

/**
 * The question before `action` runs, with the selection of this moment. Always a question: the
 * guard decides whether to ask (utils/warning/ask.ts); once it asks, the dialog says what it
 * knows — the account's numbers, an estimate and why the balance is unknown, or that the action
 * turned out to cost nothing.
 */
function questionFor(selection: SelectionInput, action: string, account: AccountView, locale: string): DialogModel {
  const quoted = quoteWith(selection, action, account);
  const quote = quoted ? quoteForAction(quoted.quote, action) : null;
  const count = quote?.count ?? selection.count;
  const title = t.dialogTitle(actionLabel(action), prospects(count, locale), selection.atLeast);
  if (!quote || !quoted) return { role: 'dialog', title, body: t.dialogNoCredits(), action, count, credits: 0 };
  const credits = creditsLabel(quote.credits, locale);
  if (quoted.estimated || quote.remaining === null || quote.leftAfter === null) {
    const body =
      account.kind === 'pending' || (account.kind === 'state' && account.snapshot.signedIn && !account.snapshot.lastError)
        ? t.dialogUsesAboutLoading(credits)
        : t.dialogUsesAboutUnknown(credits, unknownBalanceNote(account));
    return { role: 'dialog', title, body, action, count, credits: quote.credits };
  }
  const short = quote.shortBy > 0;
  return {
    role: short ? 'alertdialog' : 'dialog',
    title,
    body: short
      ? t.dialogNeeds(credits, formatCount(quote.remaining, locale), formatCount(quote.shortBy, locale), quote.atLeast)
      : t.dialogUses(credits, formatCount(quote.leftAfter, locale), quote.atLeast),
    action,
    count,
    credits: quote.credits,
  };
}

/** Whether two questions say the same: what was confirmed is what runs. */
export function sameQuestion(a: DialogModel, b: DialogModel): boolean {
  return (
    a.role === b.role &&
    a.title === b.title &&
    a.body === b.body &&
    a.action === b.action &&
    a.count === b.count &&
    a.credits === b.credits &&
    (a.blocked === true) === (b.blocked === true)
  );
}
