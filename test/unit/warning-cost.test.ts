// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bulkCosts,
  needsConfirmation,
  NO_WARNING,
  perProspectCost,
  quoteForAction,
  shortfall,
  spendsNothing,
  warningFor,
  type ConfirmationMode,
  type CreditWarning,
  type Pricing,
} from '@/utils/warning/cost';

const BASIC: Pricing = {
  bulkThreshold: 50,
  bulkActions: { enrich: 1, export: 1 },
  apiCall: 1,
  individualEnrichment: 'unlimited',
};
const FREE: Pricing = { ...BASIC, individualEnrichment: 'credits' };
const PAGE_ACTIONS = ['enrich', 'export', 'add-to-campaign'];

describe('bulk costs', () => {
  it.each([
    [49, []],
    [
      50,
      [
        { action: 'enrich', perProspect: 1, credits: 50 },
        { action: 'export', perProspect: 1, credits: 50 },
      ],
    ],
    [
      51,
      [
        { action: 'enrich', perProspect: 1, credits: 51 },
        { action: 'export', perProspect: 1, credits: 51 },
      ],
    ],
  ])('Basic, %d selected (threshold 50)', (count, costs) => {
    expect(bulkCosts(BASIC, count, PAGE_ACTIONS)).toEqual(costs);
  });

  it.each([
    [1, [{ action: 'enrich', perProspect: 1, credits: 1 }]],
    [49, [{ action: 'enrich', perProspect: 1, credits: 49 }]],
    [
      50,
      [
        { action: 'enrich', perProspect: 1, credits: 50 },
        { action: 'export', perProspect: 1, credits: 50 },
      ],
    ],
  ])('Free: enrich costs 1 credit per prospect from the first one (%d selected)', (count, costs) => {
    expect(bulkCosts(FREE, count, PAGE_ACTIONS)).toEqual(costs);
  });

  it('Free: only Enrich costs below the threshold, and only when the page has it', () => {
    expect(bulkCosts(FREE, 10, ['export', 'add-to-campaign'])).toEqual([]);
  });

  it('Free: enrich never costs less than 1 per prospect, a higher bulk rate wins at the threshold', () => {
    expect(perProspectCost({ ...FREE, bulkActions: { enrich: 0 } }, 60, 'enrich')).toBe(1);
    expect(perProspectCost({ ...FREE, bulkActions: {} }, 60, 'enrich')).toBe(1);
    expect(perProspectCost({ ...FREE, bulkActions: { enrich: 2 } }, 60, 'enrich')).toBe(2);
    expect(perProspectCost({ ...FREE, bulkActions: { enrich: 2 } }, 10, 'enrich')).toBe(1);
  });

  it('omits actions that cost nothing: not listed, listed at 0, or not on the page', () => {
    const pricing: Pricing = { ...BASIC, bulkActions: { enrich: 1, export: 0, sequence: 3 } };
    expect(bulkCosts(pricing, 100, ['enrich', 'export', 'add-to-campaign'])).toEqual([
      { action: 'enrich', perProspect: 1, credits: 100 },
    ]);
  });

  it('lists the largest cost first, equal costs by name', () => {
    const pricing: Pricing = { ...BASIC, bulkActions: { enrich: 1, export: 1, 'ai-write': 3, 'add-to-campaign': 1 } };
    expect(bulkCosts(pricing, 60, ['export', 'enrich', 'ai-write', 'add-to-campaign']).map((c) => c.action)).toEqual([
      'ai-write',
      'add-to-campaign',
      'enrich',
      'export',
    ]);
  });

  it('counts an action present twice on the page once', () => {
    expect(bulkCosts(BASIC, 60, ['enrich', 'enrich'])).toHaveLength(1);
  });

  it('never reads prototype properties as prices', () => {
    expect(bulkCosts(BASIC, 60, ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])).toEqual([]);
    const hostile = JSON.parse('{"__proto__": 5, "enrich": 1}') as Record<string, number>;
    expect(bulkCosts({ ...BASIC, bulkActions: hostile }, 60, ['__proto__'])).toEqual([
      { action: '__proto__', perProspect: 5, credits: 300 },
    ]);
  });

  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 53], [0]])(
    'a count of %s costs nothing',
    (count) => {
      expect(bulkCosts(FREE, count, PAGE_ACTIONS)).toEqual([]);
      expect(warningFor({ pricing: FREE, count, actions: PAGE_ACTIONS, remaining: 10 })).toEqual(NO_WARNING);
    },
  );

  it('honours a threshold other than 50', () => {
    const pricing: Pricing = { ...BASIC, bulkThreshold: 25 };
    expect(bulkCosts(pricing, 24, ['enrich'])).toEqual([]);
    expect(bulkCosts(pricing, 25, ['enrich'])).toEqual([{ action: 'enrich', perProspect: 1, credits: 25 }]);
  });
});

describe('shortfall', () => {
  it.each([
    [73, 40, 33],
    [73, 73, 0],
    [73, 412, 0],
    [73, 0, 73],
    [0, 0, 0],
  ])('need %d, have %d → %d short', (need, have, short) => {
    expect(shortfall(need, have)).toBe(short);
  });
});

describe('the warning', () => {
  const base = { pricing: BASIC, actions: PAGE_ACTIONS };

  it('is none below the threshold on Basic', () => {
    expect(warningFor({ ...base, count: 49, remaining: 412 })).toEqual({ level: 'none' });
  });

  it('quotes the cost and what is left after (73 selected, 412 left)', () => {
    expect(warningFor({ ...base, count: 73, remaining: 412 })).toEqual({
      level: 'info',
      count: 73,
      atLeast: false,
      costs: [
        { action: 'enrich', perProspect: 1, credits: 73 },
        { action: 'export', perProspect: 1, credits: 73 },
      ],
      largest: { action: 'enrich', perProspect: 1, credits: 73 },
      remaining: 412,
      leftAfter: 339,
      shortBy: 0,
    });
  });

  it('turns into an alert when credits are short (need 73, have 40)', () => {
    expect(warningFor({ ...base, count: 73, remaining: 40 })).toMatchObject({
      level: 'short',
      remaining: 40,
      leftAfter: 0,
      shortBy: 33,
    });
  });

  it('is not short when the balance exactly covers the cost', () => {
    expect(warningFor({ ...base, count: 73, remaining: 73 })).toMatchObject({ level: 'info', leftAfter: 0, shortBy: 0 });
  });

  it('is short by the whole cost at 0 remaining', () => {
    expect(warningFor({ ...base, count: 50, remaining: 0 })).toMatchObject({ level: 'short', shortBy: 50 });
  });

  it.each([[null], [undefined], [-1], [Number.NaN]])('still quotes the cost with an unknown balance (%s)', (remaining) => {
    expect(warningFor({ ...base, count: 73, remaining })).toMatchObject({
      level: 'info',
      largest: { credits: 73 },
      remaining: null,
      leftAfter: null,
      shortBy: 0,
    });
  });

  it('carries "at least" through for virtualised grids', () => {
    expect(warningFor({ ...base, count: 120, atLeast: true, remaining: 500 })).toMatchObject({ atLeast: true, count: 120 });
  });

  it('applies to Enrich on Free below the threshold', () => {
    expect(warningFor({ pricing: FREE, actions: PAGE_ACTIONS, count: 3, remaining: 2 })).toMatchObject({
      level: 'short',
      largest: { action: 'enrich', credits: 3 },
      shortBy: 1,
    });
  });

  it('quotes one action for its confirmation dialog', () => {
    const pricing: Pricing = { ...BASIC, bulkActions: { enrich: 2, export: 1 } };
    const warning = warningFor({ pricing, actions: PAGE_ACTIONS, count: 60, remaining: 100 });
    expect(quoteForAction(warning, 'export')).toEqual({
      action: 'export',
      perProspect: 1,
      credits: 60,
      count: 60,
      atLeast: false,
      remaining: 100,
      leftAfter: 40,
      shortBy: 0,
    });
    expect(quoteForAction(warning, 'enrich')).toMatchObject({ credits: 120, leftAfter: 0, shortBy: 20 });
    expect(quoteForAction(warning, 'add-to-campaign')).toBeNull();
    expect(quoteForAction(NO_WARNING, 'enrich')).toBeNull();
  });
});

describe('confirmation', () => {
  const enough = warningFor({ pricing: BASIC, actions: PAGE_ACTIONS, count: 73, remaining: 412 });
  const short = warningFor({ pricing: BASIC, actions: PAGE_ACTIONS, count: 73, remaining: 40 });
  const unknown = warningFor({ pricing: BASIC, actions: PAGE_ACTIONS, count: 73, remaining: null });
  const pricier: Pricing = { ...BASIC, bulkActions: { enrich: 2, export: 1 } };
  const shortForEnrichOnly = warningFor({ pricing: pricier, actions: PAGE_ACTIONS, count: 60, remaining: 100 });

  it.each<[ConfirmationMode, CreditWarning, string | undefined, boolean]>([
    ['always', enough, undefined, true],
    ['always', short, undefined, true],
    ['always', unknown, undefined, true],
    ['always', NO_WARNING, undefined, false],
    ['always', enough, 'add-to-campaign', false],
    ['short', enough, undefined, false],
    ['short', short, undefined, true],
    ['short', unknown, undefined, false],
    ['short', shortForEnrichOnly, 'enrich', true],
    ['short', shortForEnrichOnly, 'export', false],
    ['off', short, undefined, false],
    ['off', enough, 'enrich', false],
  ])('mode %s, warning %#, action %s → %s', (mode, warning, action, expected) => {
    expect(needsConfirmation(mode, warning, action)).toBe(expected);
  });
});

describe('properties', () => {
  const pricingArb = fc.record({
    bulkThreshold: fc.integer({ min: 1, max: 500 }),
    bulkActions: fc.dictionary(fc.constantFrom('enrich', 'export', 'add-to-campaign', 'ai-write', 'x'), fc.nat(5)),
    apiCall: fc.nat(3),
    individualEnrichment: fc.constantFrom('unlimited', 'credits', 'something-new'),
  });
  const actionsArb = fc.array(fc.constantFrom('enrich', 'export', 'add-to-campaign', 'ai-write', 'x', 'y'), {
    maxLength: 6,
  });
  const countArb = fc.nat(100_000);

  const costOf = (pricing: Pricing, count: number, actions: string[], action: string) =>
    bulkCosts(pricing, count, actions).find((c) => c.action === action)?.credits ?? 0;

  it('cost is monotonic in the selection: more prospects never cost less', () => {
    fc.assert(
      fc.property(pricingArb, actionsArb, countArb, countArb, (pricing, actions, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        for (const action of actions) {
          expect(costOf(pricing, small, actions, action)).toBeLessThanOrEqual(costOf(pricing, large, actions, action));
        }
        const largest = (count: number) => bulkCosts(pricing, count, actions)[0]?.credits ?? 0;
        expect(largest(small)).toBeLessThanOrEqual(largest(large));
      }),
      { numRuns: 1000 },
    );
  });

  it('spendsNothing says exactly when bulkCosts is empty (counts the page garbled included)', () => {
    const anyCount = fc.oneof(countArb, fc.constantFrom(-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY));
    let spending = 0;
    fc.assert(
      fc.property(pricingArb, actionsArb, anyCount, (pricing, actions, count) => {
        const nothing = spendsNothing(pricing, count, actions);
        expect(nothing).toBe(bulkCosts(pricing, count, actions).length === 0);
        if (!nothing) spending += 1;
      }),
      { numRuns: 2000 },
    );
    expect(spending).toBeGreaterThan(100);
  });

  it('costs are sorted largest first and are perProspect × count of present, paying actions', () => {
    fc.assert(
      fc.property(pricingArb, actionsArb, countArb, (pricing, actions, count) => {
        const costs = bulkCosts(pricing, count, actions);
        for (const [i, cost] of costs.entries()) {
          expect(actions).toContain(cost.action);
          expect(cost.perProspect).toBeGreaterThan(0);
          expect(cost.credits).toBe(cost.perProspect * count);
          if (i > 0) expect(costs[i - 1]!.credits).toBeGreaterThanOrEqual(cost.credits);
        }
        if (count < pricing.bulkThreshold) {
          const free = pricing.individualEnrichment === 'credits';
          expect(costs.map((c) => c.action)).toEqual(free && count > 0 && actions.includes('enrich') ? ['enrich'] : []);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('shortfall = max(0, need − have)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.maxSafeNat(), (need, have) => {
        const short = shortfall(need, have);
        expect(short).toBe(Math.max(0, need - have));
        expect(short).toBeGreaterThanOrEqual(0);
        expect(short === 0).toBe(have >= need);
      }),
      { numRuns: 1000 },
    );
  });

  it('the warning is short exactly when the largest cost exceeds a known balance', () => {
    fc.assert(
      fc.property(pricingArb, actionsArb, countArb, fc.option(fc.nat(200_000)), (pricing, actions, count, remaining) => {
        const warning = warningFor({ pricing, actions, count, remaining });
        if (warning.level === 'none') {
          expect(bulkCosts(pricing, count, actions)).toEqual([]);
          return;
        }
        expect(warning.largest).toEqual(warning.costs[0]);
        if (remaining === null) {
          expect(warning).toMatchObject({ level: 'info', leftAfter: null, shortBy: 0 });
        } else {
          expect(warning.shortBy).toBe(Math.max(0, warning.largest.credits - remaining));
          expect(warning.level).toBe(warning.shortBy > 0 ? 'short' : 'info');
          expect(warning.leftAfter! + warning.largest.credits - warning.shortBy).toBe(remaining);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
