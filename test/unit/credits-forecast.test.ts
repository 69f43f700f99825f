// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UsageDaySchema, type UsageDay } from '../../utils/billing/schemas';
import {
  creditPeriodStart,
  dailyPace,
  dailyTotals,
  dayTotal,
  forecast,
  usageByCategory,
} from '../../utils/credits/forecast';

const NOW = new Date('2026-11-26T12:00:00Z');
const DAY = 86_400_000;

/** A usage day; categories beyond bulk/api/ai are allowed, as the API may add them. */
const day = (date: string, counts: Record<string, number> = {}): UsageDay =>
  UsageDaySchema.parse({ date, bulk: 0, api: 0, ai: 0, ...counts });

/** 10 credits a day on each of the 7 days ending today (Nov 20–26). */
const TEN_A_DAY = ['20', '21', '22', '23', '24', '25', '26'].map((d) => day(`2026-11-${d}`, { bulk: 6, api: 3, ai: 1 }));

describe('pace', () => {
  it('averages every category over the 7 days ending today', () => {
    expect(dailyPace(TEN_A_DAY, NOW)).toBe(10);
  });

  it('counts missing days as 0', () => {
    expect(dailyPace([day('2026-11-24', { bulk: 60, api: 4 }), day('2026-11-25', { api: 7, ai: 3 })], NOW)).toBe(74 / 7);
  });

  it('includes today and the day 6 days ago, not the day before', () => {
    expect(dailyPace([day('2026-11-26', { bulk: 7 })], NOW)).toBe(1);
    expect(dailyPace([day('2026-11-20', { bulk: 7 })], NOW)).toBe(1);
    expect(dailyPace([day('2026-11-19', { bulk: 7 })], NOW)).toBe(0);
  });

  it('counts a category it does not know', () => {
    expect(dayTotal(day('2026-11-26', { bulk: 1, 'voice-minutes': 13 }))).toBe(14);
    expect(dailyPace([day('2026-11-26', { 'voice-minutes': 14 })], NOW)).toBe(2);
  });

  it('ignores a future day (server clock ahead) and adds up a day listed twice', () => {
    expect(dailyPace([day('2026-11-27', { bulk: 70 })], NOW)).toBe(0);
    expect(dailyPace([day('2026-11-26', { bulk: 7 }), day('2026-11-26', { api: 7 })], NOW)).toBe(2);
  });
});

describe('forecast', () => {
  /** What forecast answers at ten credits a day. */
  const runsOut = (date: string) => ({ kind: 'runs-out', date, perDay: 10 }) as const;
  const lastsPastReset = (resetDate: string) => ({ kind: 'lasts-past-reset', resetDate, perDay: 10 }) as const;
  it.each([
    ['already at zero, with usage', 0, TEN_A_DAY, '2026-12-01T00:00:00Z', { kind: 'empty' }],
    ['already at zero, no usage', 0, [], null, { kind: 'empty' }],
    ['no usage at all', 412, [], '2026-12-01T00:00:00Z', { kind: 'no-usage' }],
    ['usage only before the 7 days', 412, [day('2026-11-19', { bulk: 300 })], null, { kind: 'no-usage' }],
    ['usage days with zeros only', 412, [day('2026-11-25')], null, { kind: 'no-usage' }],
    ['runs out before the reset', 30, TEN_A_DAY, '2026-12-01T00:00:00Z', runsOut('2026-11-29T12:00:00.000Z')],
    ['reset before run-out', 100, TEN_A_DAY, '2026-12-01T00:00:00Z', lastsPastReset('2026-12-01T00:00:00Z')],
    ['no reset date (canceled)', 100, TEN_A_DAY, null, runsOut('2026-12-06T12:00:00.000Z')],
    ['reset exactly at run-out', 100, TEN_A_DAY, '2026-12-06T12:00:00Z', runsOut('2026-12-06T12:00:00.000Z')],
    ['reset a millisecond before run-out', 100, TEN_A_DAY, '2026-12-06T11:59:59.999Z', lastsPastReset('2026-12-06T11:59:59.999Z')],
    ['a reset in the past (stale data) is ignored', 100, TEN_A_DAY, '2026-11-01T00:00:00Z', runsOut('2026-12-06T12:00:00.000Z')],
    ['an unparsable reset is ignored', 100, TEN_A_DAY, 'soon', runsOut('2026-12-06T12:00:00.000Z')],
  ] as const)('%s', (_name, remaining, usageDays, resetsAt, expected) => {
    expect(forecast({ remaining, usageDays, resetsAt, now: NOW })).toEqual(expected);
  });

  it('runs out today at the earliest', () => {
    const result = forecast({ remaining: 1, usageDays: [day('2026-11-26', { bulk: 7000 })], resetsAt: null, now: NOW });
    expect(result).toEqual({ kind: 'runs-out', date: '2026-11-26T12:01:26.400Z', perDay: 1000 });
  });

  it('stays a valid date for an enormous balance and a tiny pace', () => {
    const result = forecast({
      remaining: Number.MAX_SAFE_INTEGER,
      usageDays: [day('2026-11-26', { api: 1 })],
      resetsAt: null,
      now: NOW,
    });
    expect(result.kind).toBe('runs-out');
    if (result.kind === 'runs-out') expect(Number.isNaN(Date.parse(result.date))).toBe(false);
  });

  it('accepts now as epoch ms or ISO string', () => {
    const a = forecast({ remaining: 30, usageDays: TEN_A_DAY, resetsAt: null, now: NOW.getTime() });
    const b = forecast({ remaining: 30, usageDays: TEN_A_DAY, resetsAt: null, now: NOW.toISOString() });
    expect(a).toEqual(b);
  });

  it('accepts plain usage objects as well as parsed ones', () => {
    const plainDays = [{ date: '2026-11-26', bulk: 7, api: 0, ai: 0 }] as const;
    expect(dailyPace(plainDays, NOW)).toBe(1);
  });

  it('property: the forecast is never in the past', () => {
    const dayArb = fc
      .record({ offset: fc.integer({ min: -40, max: 2 }), bulk: fc.nat(5000), api: fc.nat(100), other: fc.nat(50) })
      .map(({ offset, bulk, api, other }) =>
        day(new Date(NOW.getTime() + offset * DAY).toISOString().slice(0, 10), { bulk, api, other }),
      );
    fc.assert(
      fc.property(
        fc.maxSafeNat(),
        fc.array(dayArb, { maxLength: 40 }),
        fc.option(fc.integer({ min: -60, max: 400 })),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (remaining, usageDays, resetOffset, nowMs) => {
          const now = new Date(nowMs);
          const resetsAt = resetOffset === null ? null : new Date(nowMs + resetOffset * DAY).toISOString();
          const result = forecast({ remaining, usageDays, resetsAt, now });
          if (result.kind === 'runs-out') {
            expect(Date.parse(result.date)).toBeGreaterThanOrEqual(nowMs);
            expect(result.perDay).toBeGreaterThan(0);
          }
          if (result.kind === 'lasts-past-reset') {
            expect(Date.parse(result.resetDate)).toBeGreaterThanOrEqual(nowMs);
          }
          if (remaining === 0) expect(result.kind).toBe('empty');
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('daily totals (30-day chart)', () => {
  it('has 30 days ending today, oldest first, missing days as 0', () => {
    const totals = dailyTotals([day('2026-11-24', { bulk: 60, api: 4 }), day('2026-11-25', { api: 7, ai: 3 })], NOW);
    expect(totals).toHaveLength(30);
    expect(totals[0]).toEqual({ date: '2026-10-28', credits: 0 });
    expect(totals.slice(-3)).toEqual([
      { date: '2026-11-24', credits: 64 },
      { date: '2026-11-25', credits: 10 },
      { date: '2026-11-26', credits: 0 },
    ]);
  });

  it('takes another length, and gives nothing for a nonsense one', () => {
    expect(dailyTotals([], NOW, 7).map((d) => d.date)).toEqual([
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
    ]);
    expect(dailyTotals([], NOW, 0)).toEqual([]);
    expect(dailyTotals([], NOW, -1)).toEqual([]);
    expect(dailyTotals([], NOW, 2.5)).toEqual([]);
    expect(dailyTotals([], Number.NaN)).toEqual([]);
  });

  it('crosses month and year ends in UTC', () => {
    expect(dailyTotals([], '2027-01-01T00:30:00Z', 2).map((d) => d.date)).toEqual(['2026-12-31', '2027-01-01']);
  });
});

describe('usage by category', () => {
  const days = [
    day('2026-10-30', { bulk: 500 }),
    day('2026-11-01', { bulk: 60, api: 4 }),
    day('2026-11-25', { api: 7, ai: 3, 'voice-minutes': 2 }),
  ];

  it('totals every category, unknown ones kept, most first', () => {
    expect(usageByCategory(days)).toEqual({
      total: 576,
      categories: [
        { category: 'bulk', credits: 560 },
        { category: 'api', credits: 11 },
        { category: 'ai', credits: 3 },
        { category: 'voice-minutes', credits: 2 },
      ],
    });
  });

  it('counts from the start of the period (a day key or an instant, inclusive)', () => {
    const fromKey = usageByCategory(days, '2026-11-01');
    expect(fromKey.total).toBe(76);
    expect(usageByCategory(days, '2026-11-01T00:00:00Z')).toEqual(fromKey);
    expect(usageByCategory(days, new Date('2026-11-01T23:00:00Z'))).toEqual(fromKey);
    expect(usageByCategory(days, null).total).toBe(576);
    expect(usageByCategory(days, 'not a date').total).toBe(576);
  });

  it('lists categories seen with 0 credits last, by name', () => {
    expect(usageByCategory([day('2026-11-25', { api: 1 })]).categories).toEqual([
      { category: 'api', credits: 1 },
      { category: 'ai', credits: 0 },
      { category: 'bulk', credits: 0 },
    ]);
  });

  it('is empty without days', () => {
    expect(usageByCategory([])).toEqual({ total: 0, categories: [] });
  });
});

describe('credit period start', () => {
  it.each([
    ['2026-12-01T00:00:00Z', '2026-11-01'],
    ['2026-01-15T08:00:00Z', '2025-12-15'],
    ['2026-03-31T00:00:00Z', '2026-02-28'],
    ['2028-03-30T00:00:00Z', '2028-02-29'],
    [null, null],
    ['garbage', null],
  ])('resets %s → period from %s', (resetsAt, start) => {
    expect(creditPeriodStart(resetsAt)).toBe(start);
  });
});
