// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MoneySchema, type Money } from '../../utils/billing/schemas';
import {
  creditsLabel,
  currencyDigits,
  formatCount,
  formatMoney,
  formatRelativeAge,
  formatShortDate,
  safeLocale,
} from '../../utils/credits/format';

/** Intl separates currency and number with a no-break space in many locales. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const MIN = 60_000;

describe('counts', () => {
  it.each([
    [0, 'en', '0'],
    [412, 'en', '412'],
    [12_345, 'en', '12,345'],
    [12_345, 'de', '12.345'],
    [1_234_567, 'en-IN', '12,34,567'],
    [12_345, 'not a locale!', '12,345'],
    [12_345, '', '12,345'],
  ])('%d in %s → %s', (n, locale, text) => {
    expect(formatCount(n, locale)).toBe(text);
  });

  it('falls back to English for a malformed locale only', () => {
    expect(safeLocale('de-DE')).toBe('de-DE');
    expect(safeLocale('not a locale!')).toBe('en');
    expect(safeLocale(undefined)).toBe('en');
  });
});

describe('money', () => {
  it.each<[Money, string, string]>([
    [{ amount: 2500, currency: 'usd' }, 'en', '$25.00'],
    [{ amount: 17500, currency: 'usd' }, 'en', '$175.00'],
    [{ amount: 0, currency: 'usd' }, 'en', '$0.00'],
    [{ amount: 2500, currency: 'eur' }, 'de', '25,00 €'],
    [{ amount: 2500, currency: 'eur' }, 'en', '€25.00'],
    [{ amount: 1500, currency: 'jpy' }, 'en', '¥1,500'],
    [{ amount: 1500, currency: 'jpy' }, 'ja', '￥1,500'],
    [{ amount: 1234, currency: 'kwd' }, 'en', 'KWD 1.234'],
    [{ amount: 45, currency: 'usd' }, 'en', '$0.45'],
    [{ amount: 100 / 3, currency: 'usd' }, 'en', '$0.33'],
    [{ amount: 2500, currency: 'xyz' }, 'en', 'XYZ 25.00'],
    [{ amount: 2500, currency: 'usd' }, 'not a locale!', '$25.00'],
  ])('%o in %s → %s', (money, locale, text) => {
    expect(plain(formatMoney(money, locale))).toBe(text);
  });

  it('knows each currency’s minor units', () => {
    expect(currencyDigits('usd')).toBe(2);
    expect(currencyDigits('jpy')).toBe(0);
    expect(currencyDigits('krw')).toBe(0);
    expect(currencyDigits('kwd')).toBe(3);
    expect(currencyDigits('??')).toBe(2);
  });

  it('property: never throws for valid Money, in any locale string', () => {
    const moneyArb = fc.record({
      amount: fc.maxSafeNat(),
      currency: fc.stringMatching(/^[a-z]{3}$/),
    });
    const localeArb = fc.oneof(
      fc.constantFrom('en', 'en-US', 'de', 'fr-CH', 'ja', 'ar-EG', 'hi-IN', 'zh-Hans-CN', 'tr', ''),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(moneyArb, localeArb, (money, locale) => {
        expect(MoneySchema.safeParse(money).success).toBe(true);
        const text = formatMoney(money, locale);
        expect(typeof text).toBe('string');
        expect(text.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('dates', () => {
  it.each([
    ['2026-12-01T00:00:00Z', 'en', 'Dec 1'],
    ['2026-12-01T00:00:00Z', 'en-GB', '1 Dec'],
    ['2026-12-01T00:00:00Z', 'de', '1. Dez.'],
    // 23:30 in New York on Nov 30 is Dec 1 in UTC, where the billing dates live
    ['2026-11-30T23:30:00-05:00', 'en', 'Dec 1'],
    ['not a date', 'en', ''],
  ])('%s in %s → %s', (iso, locale, text) => {
    expect(formatShortDate(iso, locale)).toBe(text);
  });

  it('takes a Date or epoch ms', () => {
    expect(formatShortDate(new Date('2026-12-14T10:00:00Z'), 'en')).toBe('Dec 14');
    expect(formatShortDate(Date.UTC(2026, 11, 14), 'en')).toBe('Dec 14');
    expect(formatShortDate(Number.NaN, 'en')).toBe('');
  });
});

describe('relative age', () => {
  it.each([
    [-5 * MIN, 'just now'],
    [0, 'just now'],
    [59_999, 'just now'],
    [MIN, '1 minute ago'],
    [2 * MIN, '2 minutes ago'],
    [2 * MIN - 1, '1 minute ago'],
    [59 * MIN, '59 minutes ago'],
    [60 * MIN, '1 hour ago'],
    [3 * 60 * MIN + 59 * MIN, '3 hours ago'],
    [24 * 60 * MIN, '1 day ago'],
    [2 * 24 * 60 * MIN, '2 days ago'],
    [Number.NaN, 'just now'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatRelativeAge(ms, 'en')).toBe(text);
  });

  it('is localised', () => {
    expect(formatRelativeAge(20 * MIN, 'de')).toBe('vor 20 Minuten');
  });
});

describe('credits label', () => {
  it.each([
    [0, 'en', '0 credits'],
    [1, 'en', '1 credit'],
    [2, 'en', '2 credits'],
    [1500, 'en', '1,500 credits'],
    [1500, 'de', '1.500 credits'],
  ])('%d in %s → %s', (n, locale, text) => {
    expect(creditsLabel(n, locale)).toBe(text);
  });
});
