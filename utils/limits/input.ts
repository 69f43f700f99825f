import { formatCount } from '../credits/format';
import { t } from '../i18n';
import { blockBelowAsk, MAX_LIMIT, type Limits } from './rules';

/**
 * What a user types into the options page's limit fields, read as a limit: empty is "not set",
 * otherwise a whole number of credits from 0 to MAX_LIMIT, written as the user's locale writes
 * numbers ("1,500" in English, "1.500" in German, "1 500" in French; full-width digits too). A
 * decimal ("1.5", "1,5" in German), a sign, a unit or an exponent is refused with a message in
 * the user's language — never read as some other number.
 */

export type LimitField = keyof Limits;
export const LIMIT_FIELDS: readonly LimitField[] = ['askOver', 'blockOver', 'weeklyBudget'];

export type LimitInputResult =
  | { readonly ok: true; readonly value: number | null }
  | { readonly ok: false; readonly message: string };

/** The locale's grouping mark ("," in English, "." in German, a space in French), NFKC-normalised. */
function groupMarkOf(locale: string): string {
  try {
    const group = new Intl.NumberFormat(locale).formatToParts(12345).find((part) => part.type === 'group')?.value;
    return (group ?? ',').normalize('NFKC');
  } catch {
    return ',';
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One field: empty → null; a whole number in range → it; anything else → why not. */
export function parseLimitInput(text: string, locale: string): LimitInputResult {
  // NFKC: full-width digits become 0–9, and no-break spaces plain ones.
  const trimmed = text.normalize('NFKC').trim();
  if (trimmed === '') return { ok: true, value: null };
  // Digits; or grouped by the locale's mark or a space: in threes (1,500,000), or the Indian
  // way, in twos before the last three (15,00,000).
  const g = `(?:${escapeRegExp(groupMarkOf(locale))}| )`;
  const shape = new RegExp(`^(?:\\d+|\\d{1,3}(?:${g}\\d{3})+|\\d{1,2}(?:${g}\\d{2})*${g}\\d{3})$`);
  if (!shape.test(trimmed)) return { ok: false, message: t('limitNotWhole') };
  const value = Number(trimmed.replace(/\D/g, ''));
  if (!Number.isSafeInteger(value) || value > MAX_LIMIT) {
    return { ok: false, message: t('limitTooLarge', formatCount(MAX_LIMIT, locale)) };
  }
  return { ok: true, value };
}

/** A limit as the field shows it: '' when not set, else the number as the locale writes it. */
export function formatLimitInput(value: number | null, locale: string): string {
  return value === null ? '' : formatCount(value, locale);
}

export type LimitsInputResult =
  | { readonly ok: true; readonly limits: Limits }
  | { readonly ok: false; readonly errors: Readonly<Partial<Record<LimitField, string>>> };

/**
 * The three fields together: each read on its own, then the block checked against the ask limit
 * (M ≥ N: a block below it would stop actions the user said need not even be asked about).
 */
export function parseLimitsInput(texts: Readonly<Record<LimitField, string>>, locale: string): LimitsInputResult {
  const errors: Partial<Record<LimitField, string>> = {};
  const values: Partial<Record<LimitField, number | null>> = {};
  for (const field of LIMIT_FIELDS) {
    const result = parseLimitInput(texts[field], locale);
    if (result.ok) values[field] = result.value;
    else errors[field] = result.message;
  }
  const limits: Limits = { askOver: values.askOver ?? null, blockOver: values.blockOver ?? null, weeklyBudget: values.weeklyBudget ?? null };
  if (!errors.askOver && !errors.blockOver && blockBelowAsk(limits)) {
    errors.blockOver = t('limitBlockBelowAsk', formatCount(limits.askOver ?? 0, locale));
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, limits };
}
