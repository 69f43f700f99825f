import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import german from '@/public/_locales/de/messages.json';
import { formatCount } from '@/utils/credits/format';
import { setCatalogForTesting } from '@/utils/i18n';
import { formatLimitInput, parseLimitInput, parseLimitsInput } from '@/utils/limits/input';
import { MAX_LIMIT } from '@/utils/limits/rules';

/**
 * utils/limits/input.ts: what a user types into a limit field is read as the number they meant,
 * or refused with a reason in their language — never read as some other number.
 */

afterEach(() => setCatalogForTesting(null));

const value = (text: string, locale = 'en') => {
  const result = parseLimitInput(text, locale);
  return result.ok ? result.value : result.message;
};

describe('parseLimitInput', () => {
  it('reads empty as "not set" and whole numbers as the locale writes them', () => {
    expect(['', '   ', '0', '500', ' 500 ', '1500', '1,500', '1 500', '10,000,000', '５００'].map((text) => value(text))).toEqual([
      null, null, 0, 500, 500, 1_500, 1_500, 1_500, 10_000_000, 500,
    ]);
    expect(['1.500', '1 500', '1\u00A0500', '1.234.567'].map((text) => value(text, 'de'))).toEqual([1_500, 1_500, 1_500, 1_234_567]);
    expect(value('15,00,000', 'en-IN')).toBe(1_500_000);
    expect(value('1\u202F500', 'fr')).toBe(1_500);
    expect(value("1'500", 'de-CH')).toBe(1_500);
  });

  it('refuses decimals, signs, units, exponents and badly grouped digits, in words', () => {
    const notWhole = 'Enter a whole number of credits, such as 500, or leave it empty.';
    for (const text of ['1.5', '1.500', '-5', '+5', '500 credits', '1e3', '0x10', '1,50', '1,5000', ',500', '500,', 'NaN', 'Infinity', '٥٠٠']) {
      expect(value(text), text).toBe(notWhole);
    }
    expect(value('1,5', 'de')).toBe(notWhole);
    expect(value('1,500', 'de')).toBe(notWhole);
  });

  it('refuses more than the maximum, saying it', () => {
    expect(value('10000001')).toBe('At most 10,000,000 credits.');
    expect(value('99999999999999999999')).toBe('At most 10,000,000 credits.');
  });

  it('says it in German for German users', () => {
    setCatalogForTesting(german);
    expect(value('1,5', 'de')).toBe('Geben Sie eine ganze Zahl an Credits ein, etwa 500, oder lassen Sie das Feld leer.');
    expect(value('20.000.000', 'de')).toBe('Höchstens 10.000.000 Credits.');
  });

  it('reads back what it shows, in any locale (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_LIMIT }), fc.constantFrom('en', 'en-IN', 'de', 'de-CH', 'fr', 'es', 'ja', 'pt-BR'), (n, locale) => {
        expect(parseLimitInput(formatLimitInput(n, locale), locale)).toEqual({ ok: true, value: n });
        expect(parseLimitInput(String(n), locale)).toEqual({ ok: true, value: n });
      }),
    );
    expect(formatLimitInput(null, 'en')).toBe('');
  });

  it('never throws, and accepts only whole numbers in range (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('en', 'de', 'fr', 'xx-invalid-locale-!'), (text, locale) => {
        const result = parseLimitInput(text, locale);
        if (result.ok && result.value !== null) {
          expect(Number.isSafeInteger(result.value) && result.value >= 0 && result.value <= MAX_LIMIT).toBe(true);
          expect(text.normalize('NFKC').replace(/\D/g, '').replace(/^0+(?=\d)/, '')).toBe(String(result.value));
        }
      }),
    );
  });
});

describe('parseLimitsInput', () => {
  const fields = (askOver: string, blockOver: string, weeklyBudget: string) => ({ askOver, blockOver, weeklyBudget });

  it('reads the three fields; all empty is the defaults', () => {
    expect(parseLimitsInput(fields('', '', ''), 'en')).toEqual({ ok: true, limits: { askOver: null, blockOver: null, weeklyBudget: null } });
    expect(parseLimitsInput(fields('100', '500', '2,000'), 'en')).toEqual({ ok: true, limits: { askOver: 100, blockOver: 500, weeklyBudget: 2_000 } });
  });

  it('M ≥ N: refuses a block below the ask limit, on the block field; equal is fine', () => {
    expect(parseLimitsInput(fields('500', '499', ''), 'en')).toEqual({
      ok: false,
      errors: { blockOver: 'Must be at least 500, the limit above which you are asked.' },
    });
    expect(parseLimitsInput(fields('1500', '500', ''), 'de')).toMatchObject({ ok: false, errors: { blockOver: expect.stringContaining('1.500') } });
    expect(parseLimitsInput(fields('500', '500', ''), 'en')).toMatchObject({ ok: true });
    expect(parseLimitsInput(fields('', '0', ''), 'en')).toMatchObject({ ok: true });
  });

  it('says what is wrong with each field, and checks M ≥ N only between numbers it could read', () => {
    expect(parseLimitsInput(fields('abc', '5', '1.5'), 'en')).toEqual({
      ok: false,
      errors: {
        askOver: 'Enter a whole number of credits, such as 500, or leave it empty.',
        weeklyBudget: 'Enter a whole number of credits, such as 500, or leave it empty.',
      },
    });
  });

  it('accepts exactly the combinations where each field reads and M ≥ N (property)', () => {
    const field = fc.option(fc.integer({ min: 0, max: MAX_LIMIT }), { nil: null });
    fc.assert(
      fc.property(field, field, field, (askOver, blockOver, weeklyBudget) => {
        const show = (n: number | null) => (n === null ? '' : formatCount(n, 'en'));
        const result = parseLimitsInput(fields(show(askOver), show(blockOver), show(weeklyBudget)), 'en');
        const consistent = askOver === null || blockOver === null || blockOver >= askOver;
        expect(result.ok).toBe(consistent);
        if (result.ok) expect(result.limits).toEqual({ askOver, blockOver, weeklyBudget });
      }),
    );
  });
});
