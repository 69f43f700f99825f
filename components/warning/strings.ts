import { creditStrings, humanize, SEPARATOR } from '@/utils/credits/strings';
import { t, tp, warmMessages, type MessageKey, type PluralKey } from '@/utils/i18n';

/**
 * Every word of the in-page warning and the confirmation, in one place, from the browser's
 * i18n (public/_locales; utils/i18n.ts). Numbers and prices arrive already formatted for the
 * locale.
 */
export const warningStrings = {
  /** The accessible name of the banner (product.md, accessible names). */
  bannerName: () => t('bannerName'),
  /** "73 prospects": `formatted` is the count formatted for the locale. */
  prospects: (count: number, formatted: string) => tp('prospects', count, formatted),
  selected: (prospects: string, atLeast: boolean) => t(atLeast ? 'selectedAtLeast' : 'selected', prospects),
  uses: (action: string, credits: string, atLeast: boolean, estimated: boolean) =>
    t(
      atLeast
        ? estimated
          ? 'actionUsesAtLeastAbout'
          : 'actionUsesAtLeast'
        : estimated
          ? 'actionUsesAbout'
          : 'actionUses',
      [action, credits],
    ),
  leftAfter: (left: string, atLeast: boolean) => t(atLeast ? 'leftAfterAtMost' : 'leftAfter', left),
  needs: (action: string, credits: string, have: string, short: string, atLeast: boolean) =>
    t(atLeast ? 'actionNeedsAtLeast' : 'actionNeeds', [action, credits, have, short]),
  separator: SEPARATOR,
  moreActions: (n: number) => tp('moreActions', n, String(n)),
  signIn: () => t('bannerSignIn'),
  loading: () => t('bannerLoading'),
  balanceUnknown: (reason: string) => t('balanceUnknown', reason),
  staleBalance: (age: string, reason: string) => (reason ? t('staleBalanceReason', [age, reason]) : t('staleBalance', age)),
  askAdmin: (account: string) => t('askAdmin', account),
  askAnAdmin: () => t('askAnAdmin'),
  buy: (count: number, credits: string, price: string) => tp('buyPackage', count, [credits, price]),
  upgrade: (plan: string, price: string, interval: string) =>
    `${t('upgradeTo', plan)}${SEPARATOR}${creditStrings.pricePer(price, interval)}`,
  notEnough: (count: number, credits: string, short: string) => tp('stillShort', count, [credits, short]),
  purchaseFailed: (reason: string) => t('checkoutFailedBecause', reason),
  dialogTitle: (action: string, prospects: string, atLeast: boolean) =>
    t(atLeast ? 'dialogTitleAtLeast' : 'dialogTitle', [action, prospects]),
  dialogUses: (credits: string, left: string, atLeast: boolean) =>
    t(atLeast ? 'dialogUsesAtLeast' : 'dialogUses', [credits, left]),
  dialogNeeds: (credits: string, have: string, short: string, atLeast: boolean) =>
    t(atLeast ? 'dialogNeedsAtLeast' : 'dialogNeeds', [credits, have, short]),
  dialogUsesAboutLoading: (credits: string) => t('dialogUsesAboutLoading', credits),
  dialogUsesAboutUnknown: (credits: string, note: string) => t('dialogUsesAboutUnknown', [credits, note.replace(/[.…]+$/, '')]),
  dialogNoCredits: () => t('dialogNoCredits'),
  /** Over the user's block (personal limits): the title, and what it would use against the limit. */
  dialogBlockedTitle: () => t('dialogBlockedTitle'),
  dialogBlocked: (action: string, prospects: string, credits: string, limit: string, atLeast: boolean, estimated: boolean) =>
    t(atLeast ? 'dialogBlockedAtLeast' : estimated ? 'dialogBlockedAbout' : 'dialogBlocked', [action, prospects, credits, limit]),
  /** Over the weekly budget: by how much, of what, and how much is spent already. */
  dialogOverBudget: (by: string, budget: string, spent: string) => t('dialogOverBudget', [by, budget, spent]),
  limitsLink: () => t('limitsLink'),
  dialogNotShown: (question: string) => t('dialogNotShown', question),
  continue: () => t('continue'),
  cancel: () => t('cancel'),
  brand: () => t('extName'),
} as const;

/** "Enrich", or a readable form of an action Deskflow added later ("ai-research" → "Ai research"). */
export function actionLabel(action: string): string {
  switch (action) {
    case 'enrich':
      return t('actionEnrich');
    case 'export':
      return t('actionExport');
    case 'add-to-campaign':
      return t('actionAddToCampaign');
  }
  return humanize(action);
}

/**
 * Every message the warning and its question can show (test/unit/i18n.test.ts checks the list
 * against this file). Read at start: a script whose extension is reloaded under the page cannot
 * read messages any more, and its guard still has to say what it asks and why.
 */
const WARNING_MESSAGES: readonly (MessageKey | PluralKey)[] = [
  'locale', 'extName', 'bannerName', 'prospects', 'credits', 'selected', 'selectedAtLeast', 'actionUses', 'actionUsesAtLeast',
  'actionUsesAbout', 'actionUsesAtLeastAbout', 'leftAfter', 'leftAfterAtMost', 'actionNeeds', 'actionNeedsAtLeast', 'moreActions',
  'bannerSignIn', 'bannerLoading', 'balanceUnknown', 'staleBalance', 'staleBalanceReason', 'askAdmin', 'askAnAdmin', 'buyPackage',
  'upgradeTo', 'pricePerMonth', 'pricePerYear', 'pricePerInterval', 'stillShort', 'checkoutFailedBecause', 'openingCheckout',
  'dialogTitle', 'dialogTitleAtLeast', 'dialogUses', 'dialogUsesAtLeast', 'dialogNeeds', 'dialogNeedsAtLeast',
  'dialogUsesAboutLoading', 'dialogUsesAboutUnknown', 'dialogNoCredits', 'dialogNotShown', 'continue', 'cancel',
  'actionEnrich', 'actionExport', 'actionAddToCampaign', 'extensionReloaded', 'unexpectedAnswer', 'noAnswer', 'justNow',
  // Personal limits (utils/limits/rules.ts).
  'dialogBlockedTitle', 'dialogBlocked', 'dialogBlockedAtLeast', 'dialogBlockedAbout', 'dialogOverBudget', 'limitsLink',
  // Carry on after buying, and the cost labels (utils/warning/carry-on.ts, labels.ts).
  'carryOnOffer', 'carryOnOfferAtLeast', 'carryOnUses', 'carryOnUsesAtLeast', 'carryOnNoCredits', 'carryOnNotEnough',
  'carryOnSelectionChanged', 'notNow', 'costLabelFree', 'costLabelAbout', 'costLabelAtLeast', 'costLabelAtLeastAbout', 'costLabelSpoken',
];

export function warmWarningMessages(): void {
  warmMessages(WARNING_MESSAGES);
}
