/**
 * Every English word the credit helpers produce, in one place so a later i18n pass can swap
 * this object for a translated one. Numbers and dates arrive already formatted for the locale.
 */

/** Plural forms keyed by Intl.PluralRules categories; `other` is the fallback. */
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };

export const creditStrings = {
  credit: { one: 'credit', other: 'credits' } as PluralForms,
  justNow: 'just now',
  planStatus: {
    trialing: 'trial',
    past_due: 'past due',
    canceled: 'canceled',
  } as Readonly<Record<string, string>>,
  planWithStatus: (name: string, status: string) => `${name} (${status})`,
  renews: (date: string) => `renews ${date}`,
  resets: (date: string) => `resets ${date}`,
  creditsLeft: (credits: string) => `${credits} left`,
  lastUpdated: (age: string) => `last updated ${age}`,
  badgeTitle: (parts: readonly string[]) => `Deskflow: ${parts.join(' · ')}`,
  badgeSignedOut: 'Deskflow Credits: not signed in',
  badgeUnknown: (reason: string) =>
    reason ? `Deskflow Credits: balance unknown — ${reason}` : 'Deskflow Credits: balance unknown',
  withReason: (text: string, reason: string) => (reason ? `${text} — ${reason}` : text),
} as const;
