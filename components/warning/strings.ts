/**
 * Every English word of the in-page warning and the confirmation, in one place. Numbers and
 * prices arrive already formatted for the locale.
 */
export const warningStrings = {
  /** The accessible name of the banner (product.md, accessible names). */
  bannerName: 'Deskflow credits',
  prospects: (count: string, one: boolean) => `${count} ${one ? 'prospect' : 'prospects'}`,
  atLeast: (text: string) => `at least ${text}`,
  selected: (prospects: string, atLeast: boolean) =>
    atLeast ? `At least ${prospects} selected` : `${prospects} selected`,
  uses: (action: string, credits: string, atLeast: boolean, estimated: boolean) =>
    `${action} uses ${atLeast ? 'at least ' : ''}${estimated ? 'about ' : ''}${credits}`,
  leftAfter: (left: string, atLeast: boolean) => (atLeast ? `at most ${left} left after` : `${left} left after`),
  needs: (action: string, credits: string, have: string, short: string, atLeast: boolean) =>
    `${action} needs ${atLeast ? 'at least ' : ''}${credits} — you have ${have} (${atLeast ? 'at least ' : ''}${short} short)`,
  separator: ' · ',
  moreActions: (n: number) => (n === 1 ? '1 more action' : `${n} more actions`),
  signIn: 'Sign in to Deskflow Credits to see your balance',
  loading: 'Loading your balance…',
  balanceUnknown: (reason: string) => `Balance unknown: ${reason}`,
  estimated: 'Typical Deskflow pricing; your plan may differ.',
  staleBalance: (age: string, reason: string) => `Balance from ${age}${reason ? ` (${reason})` : ''}`,
  askAdmin: (account: string) => `Ask an admin of ${account} to buy credits`,
  buy: (credits: string, price: string) => `Buy ${credits} credits · ${price}`,
  upgrade: (plan: string, price: string, interval: string) => `Upgrade to ${plan} · ${price}/${interval || 'month'}`,
  notEnough: (credits: string, short: string) => `${credits} credits would still leave you ${short} short`,
  purchaseFailed: (reason: string) => `The checkout did not open: ${reason}`,
  dialogTitle: (action: string, prospects: string, atLeast: boolean) =>
    `${action} ${atLeast ? 'at least ' : ''}${prospects}?`,
  dialogUses: (credits: string, left: string, atLeast: boolean) =>
    atLeast ? `Uses at least ${credits}, at most ${left} left after.` : `Uses ${credits}, ${left} left after.`,
  dialogNeeds: (credits: string, have: string, short: string, atLeast: boolean) =>
    `Needs ${atLeast ? 'at least ' : ''}${credits} — you have ${have} (${atLeast ? 'at least ' : ''}${short} short).`,
  continue: 'Continue',
  cancel: 'Cancel',
  actionLabels: {
    enrich: 'Enrich',
    export: 'Export',
    'add-to-campaign': 'Add to campaign',
  } as Readonly<Record<string, string>>,
} as const;

/** "Enrich", or a readable form of an action Deskflow added later ("ai-research" → "Ai research"). */
export function actionLabel(action: string): string {
  if (Object.hasOwn(warningStrings.actionLabels, action)) return warningStrings.actionLabels[action] ?? action;
  const words = action.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
