// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Summary } from '../../utils/billing/schemas';
import {
  BADGE_COLORS,
  badgeFor,
  compactCredits,
  creditLevel,
  isStale,
  type BadgeInput,
} from '../../utils/credits/badge';
import { summary } from '../fixtures/snapshots';

const NOW = new Date('2026-11-26T04:20:00Z');
const MIN = 60_000;

function summaryWith(
  credits: { remaining: number; allowance?: number; addOn?: number; resetsAt?: string | null },
  plan: Partial<Summary['plan']> = {},
): Summary {
  const addOn = credits.addOn ?? 0;
  const included = { remaining: Math.max(0, credits.remaining - addOn), allowance: credits.allowance ?? 500 };
  return summary({
    plan,
    credits: {
      remaining: credits.remaining,
      included: credits.resetsAt === undefined ? included : { ...included, resetsAt: credits.resetsAt },
      addOn: { remaining: addOn },
    },
  });
}

function fresh(summary: Summary): BadgeInput {
  return { kind: 'summary', summary, fetchedAt: NOW.getTime() - MIN, lastError: null };
}

/** Reads a badge text back as the number it claims (for "never overstates"). */
function claimed(text: string): number {
  const match = /^(\d+(?:\.\d)?)([kMBTQ]?)$/.exec(text);
  if (!match) throw new Error(`not a compact count: ${text}`);
  const units: Record<string, number> = { '': 1, k: 1e3, M: 1e6, B: 1e9, T: 1e12, Q: 1e15 };
  return Number(match[1]) * units[match[2] ?? '']!;
}

describe('badge text', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [412, '412'],
    [999, '999'],
    [1000, '1k'],
    [1099, '1k'],
    [1100, '1.1k'],
    [1299, '1.2k'],
    [1999, '1.9k'],
    [9999, '9.9k'],
    [10_000, '10k'],
    [12_345, '12k'],
    [99_999, '99k'],
    [999_999, '999k'],
    [1_000_000, '1M'],
    [1_099_999, '1M'],
    [1_234_567, '1.2M'],
    [9_999_999, '9.9M'],
    [10_000_000, '10M'],
    [999_999_999, '999M'],
    [1_000_000_000, '1B'],
    [1_500_000_000_000, '1.5T'],
    [Number.MAX_SAFE_INTEGER, '9Q'],
  ])('%d credits → %s', (n, text) => {
    expect(compactCredits(n)).toBe(text);
  });

  it('never shows a negative or fractional count, and "!" for a non-number', () => {
    expect(compactCredits(-5)).toBe('0');
    expect(compactCredits(12.9)).toBe('12');
    expect(compactCredits(Number.NaN)).toBe('!');
    expect(compactCredits(Number.POSITIVE_INFINITY)).toBe('!');
  });

  it('is "?" signed out and "!" with no good data at all', () => {
    expect(badgeFor({ kind: 'signed-out' }, { now: NOW, locale: 'en' }).text).toBe('?');
    expect(badgeFor({ kind: 'unknown', reason: 'Offline' }, { now: NOW, locale: 'en' }).text).toBe('!');
  });

  it('property: at most 4 characters for any safe integer, never more than the balance', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        const text = compactCredits(n);
        expect(text.length).toBeLessThanOrEqual(4);
        expect(claimed(text)).toBeLessThanOrEqual(n);
        // Rounded down by less than one displayed step: at most 10 % below the balance.
        expect(claimed(text)).toBeGreaterThan(n * 0.9 - 1);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (n) => {
        expect(compactCredits(n).length).toBeLessThanOrEqual(4);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('badge colour', () => {
  // allowance 1000 and no add-ons, so the boundaries are whole credits.
  it.each([
    [1000, 'good'],
    [251, 'good'],
    [250, 'low'],
    [101, 'low'],
    [100, 'critical'],
    [1, 'critical'],
    [0, 'critical'],
  ] as const)('%d of 1000 credits is %s', (remaining, level) => {
    const summary = summaryWith({ remaining, allowance: 1000 });
    expect(creditLevel(summary.credits)).toBe(level);
    expect(badgeFor(fresh(summary), { now: NOW, locale: 'en' }).color).toBe(BADGE_COLORS[level]);
  });

  it('measures against the included allowance plus add-on credits', () => {
    // 137 of 550 is 24.9 % → low; 138 is 25.09 % → good
    expect(creditLevel(summaryWith({ remaining: 137, allowance: 500, addOn: 50 }).credits)).toBe('low');
    expect(creditLevel(summaryWith({ remaining: 138, allowance: 500, addOn: 50 }).credits)).toBe('good');
    // 55 of 550 is exactly 10 % → critical; 56 → low
    expect(creditLevel(summaryWith({ remaining: 55, allowance: 500, addOn: 50 }).credits)).toBe('critical');
    expect(creditLevel(summaryWith({ remaining: 56, allowance: 500, addOn: 50 }).credits)).toBe('low');
  });

  it('with no allowance and no add-ons: zero is critical, any credit is good', () => {
    expect(creditLevel(summaryWith({ remaining: 0, allowance: 0 }).credits)).toBe('critical');
    expect(creditLevel(summaryWith({ remaining: 5, allowance: 0 }).credits)).toBe('good');
    expect(creditLevel(summaryWith({ remaining: 40, allowance: 0, addOn: 40 }).credits)).toBe('good');
  });

  it('is grey signed out, unknown and stale', () => {
    const ctx = { now: NOW, locale: 'en' };
    expect(badgeFor({ kind: 'signed-out' }, ctx).color).toBe('#6e7781');
    expect(badgeFor({ kind: 'unknown' }, ctx).color).toBe('#6e7781');
    const stale = badgeFor(
      { kind: 'summary', summary: summaryWith({ remaining: 412 }), fetchedAt: NOW.getTime() - 20 * MIN, lastError: 'Offline' },
      ctx,
    );
    expect(stale).toMatchObject({ color: '#6e7781', level: 'stale', text: '412' });
  });

  it('uses colours on which white text has at least 4.5:1 contrast', () => {
    const channel = (hex: string, i: number) => {
      const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    for (const hex of Object.values(BADGE_COLORS)) {
      const luminance = 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
      expect((1.05 / (luminance + 0.05)), hex).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('staleness', () => {
  const at = (ageMs: number) => NOW.getTime() - ageMs;
  it.each([
    ['no error, two hours old', 120 * MIN, null, false],
    ['no error (undefined), two hours old', 120 * MIN, undefined, false],
    ['failing, 14 min old', 14 * MIN, 'Offline', false],
    ['failing, exactly 15 min old', 15 * MIN, 'Offline', false],
    ['failing, 15 min and 1 ms old', 15 * MIN + 1, 'Offline', true],
    ['failing with an empty message, 16 min old', 16 * MIN, '', true],
  ] as const)('%s → %s', (_name, age, error, stale) => {
    expect(isStale(at(age), error, NOW)).toBe(stale);
  });

  it('accepts the fetch time as a Date, epoch ms or ISO string', () => {
    const fetched = new Date(NOW.getTime() - 16 * MIN);
    expect(isStale(fetched, 'x', NOW)).toBe(true);
    expect(isStale(fetched.getTime(), 'x', NOW.getTime())).toBe(true);
    expect(isStale(fetched.toISOString(), 'x', NOW.toISOString())).toBe(true);
  });
});

describe('badge title', () => {
  const ctx = { now: NOW, locale: 'en' };

  it.each([
    ['the usual', summaryWith({ remaining: 412 }), 'Deskflow: 412 credits left · Basic · renews Dec 1'],
    ['one credit', summaryWith({ remaining: 1 }), 'Deskflow: 1 credit left · Basic · renews Dec 1'],
    ['zero', summaryWith({ remaining: 0 }), 'Deskflow: 0 credits left · Basic · renews Dec 1'],
    ['thousands, exact', summaryWith({ remaining: 12_345, allowance: 20_000 }), 'Deskflow: 12,345 credits left · Basic · renews Dec 1'],
    [
      'free plan: the credits reset date',
      summaryWith({ remaining: 20, allowance: 25 }, { name: 'Free', tier: 'free', renewsAt: null }),
      'Deskflow: 20 credits left · Free · resets Dec 1',
    ],
    [
      'canceled: status in words, reset date',
      summaryWith({ remaining: 20 }, { status: 'canceled', renewsAt: null }),
      'Deskflow: 20 credits left · Basic (canceled) · resets Dec 1',
    ],
    [
      'past due',
      summaryWith({ remaining: 20 }, { status: 'past_due' }),
      'Deskflow: 20 credits left · Basic (past due) · renews Dec 1',
    ],
    [
      'unknown status and tier shown generically',
      summaryWith({ remaining: 20 }, { name: 'Enterprise', tier: 'enterprise', status: 'paused' }),
      'Deskflow: 20 credits left · Enterprise · renews Dec 1',
    ],
    [
      'no date at all',
      summaryWith({ remaining: 20, resetsAt: null }, { renewsAt: null }),
      'Deskflow: 20 credits left · Basic',
    ],
  ])('%s', (_name, summary, title) => {
    expect(badgeFor(fresh(summary), ctx).title).toBe(title);
  });

  it('says how old stale data is and why', () => {
    const badge = badgeFor(
      { kind: 'summary', summary: summaryWith({ remaining: 412 }), fetchedAt: NOW.getTime() - 20 * MIN, lastError: 'Server error (503)' },
      ctx,
    );
    expect(badge.title).toBe(
      'Deskflow: 412 credits left · Basic · renews Dec 1 · last updated 20 minutes ago — Server error (503)',
    );
  });

  it('does not mention a recent failure while the data is still current', () => {
    const badge = badgeFor(
      { kind: 'summary', summary: summaryWith({ remaining: 412 }), fetchedAt: NOW.getTime() - 5 * MIN, lastError: 'Offline' },
      ctx,
    );
    expect(badge).toMatchObject({ level: 'good', title: 'Deskflow: 412 credits left · Basic · renews Dec 1' });
  });

  it('says signed out, or why the balance is unknown', () => {
    expect(badgeFor({ kind: 'signed-out' }, ctx).title).toBe('Deskflow Credits: not signed in');
    expect(badgeFor({ kind: 'unknown', reason: 'Network error' }, ctx).title).toBe(
      'Deskflow Credits: balance unknown — Network error',
    );
    expect(badgeFor({ kind: 'unknown' }, ctx).title).toBe('Deskflow Credits: balance unknown');
    expect(badgeFor({ kind: 'unknown', reason: '  ' }, ctx).title).toBe('Deskflow Credits: balance unknown');
  });

  it('formats numbers and dates for the locale', () => {
    expect(badgeFor(fresh(summaryWith({ remaining: 1234, allowance: 2000 })), { now: NOW, locale: 'de' }).title).toBe(
      'Deskflow: 1.234 credits left · Basic · renews 1. Dez.',
    );
  });

  it('falls back to English for a malformed locale', () => {
    expect(badgeFor(fresh(summaryWith({ remaining: 412 })), { now: NOW, locale: 'not a locale!' }).title).toBe(
      'Deskflow: 412 credits left · Basic · renews Dec 1',
    );
  });
});
