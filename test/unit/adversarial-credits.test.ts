// @vitest-environment node
/**
 * Adversarial: the credit rules on the whole range the API parser lets through.
 *
 * Already proved elsewhere, on everyday ranges, and not repeated here:
 * - cost monotonic in the selection size, costs sorted and = perProspect × count, the warning
 *   short exactly when the largest cost exceeds the balance, shortfall = max(0, need − have):
 *   test/unit/credits-cost.test.ts ("properties");
 * - the chosen package is the smallest that covers (brute force), else the largest:
 *   test/unit/credits-packages.test.ts;
 * - the forecast is never in the past: test/unit/credits-forecast.test.ts.
 *
 * Added here: the same rules with inputs drawn from anything SummarySchema/UsageSchema accept
 * (counts up to 2^53−1, thresholds of 1 or 2^53−1, prototype-named actions, unknown
 * individualEnrichment values, usage days in the future, listed twice, with huge or unknown
 * categories), cost monotonic in the set of actions on the page as well as in the count, the
 * warning → package → "enough after buying" chain, and the forecast's date always a valid ISO
 * time no earlier than now.
 */
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { SummarySchema, UsageSchema, type CreditPackage } from '@/utils/billing/schemas';
import { compactCredits, creditLevel } from '@/utils/credits/badge';
import { bulkCosts, needsConfirmation, quoteForAction, shortfall, warningFor, type Pricing } from '@/utils/warning/cost';
import { dailyPace, forecast, usageByCategory } from '@/utils/credits/forecast';
import { smallestCoveringPackage } from '@/utils/credits/packages';
import { reliabilityReport } from './report';

const report = reliabilityReport('Credit rules', 'adversarial-credits.test.ts', 5);

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const RUNS = 200;

const ACTIONS = ['enrich', 'export', 'add-to-campaign', 'ai-write', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''];
/** Counts as the API may send them: small, at the edges, or anywhere up to 2^53−1. */
const apiCount = fc.oneof(fc.nat(10), fc.constantFrom(0, 1, MAX_SAFE, MAX_SAFE - 1, 2 ** 31), fc.maxSafeNat());

/** A pricing block, validated by the real parser so only what the API can deliver is used. */
const pricingArb: fc.Arbitrary<Pricing> = fc
  .record({
    bulkThreshold: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constantFrom(1, MAX_SAFE)),
    bulkActions: fc.dictionary(fc.constantFrom(...ACTIONS), apiCount, { maxKeys: 6 }),
    apiCall: apiCount,
    individualEnrichment: fc.constantFrom('unlimited', 'credits', 'something-new', ''),
  })
  .map((pricing) => {
    const summary = SummarySchema.parse({
      account: { id: 'a', name: 'A', role: 'admin' },
      plan: { id: 'p', name: 'P', tier: 't', status: 's', interval: 'month', renewsAt: null },
      credits: { remaining: 0, included: { remaining: 0, allowance: 0, resetsAt: null }, addOn: { remaining: 0 } },
      pricing: JSON.parse(JSON.stringify(pricing)) as unknown,
      asOf: '2026-11-26T04:00:00Z',
    });
    return summary.pricing;
  });
const actionsArb = fc.uniqueArray(fc.constantFrom(...ACTIONS), { maxLength: ACTIONS.length });
const selection = fc.oneof(fc.nat(200), fc.integer({ min: 0, max: 10_000_000 }));

const largestCost = (pricing: Pricing, count: number, actions: readonly string[]) => bulkCosts(pricing, count, actions)[0]?.credits ?? 0;

describe('costs on the whole API range', () => {
  report.check('cost is monotonic in the selection size and in the set of actions on the page', (t) => {
    fc.assert(
      fc.property(pricingArb, actionsArb, actionsArb, selection, selection, (pricing, some, more, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const superset = [...new Set([...some, ...more])];
        expect(largestCost(pricing, small, some)).toBeLessThanOrEqual(largestCost(pricing, large, some));
        expect(largestCost(pricing, small, some)).toBeLessThanOrEqual(largestCost(pricing, small, superset));
        for (const action of some) {
          const at = (count: number) => bulkCosts(pricing, count, some).find((c) => c.action === action)?.credits ?? 0;
          expect(at(small)).toBeLessThanOrEqual(at(large));
        }
        t.add({ cases: 1 });
      }),
      { numRuns: RUNS },
    );
  });

  report.check('every cost is a finite, non-negative number; only own, listed, paying actions cost (never prototype names)', (t) => {
    fc.assert(
      fc.property(pricingArb, actionsArb, selection, (pricing, actions, count) => {
        for (const cost of bulkCosts(pricing, count, actions)) {
          expect(Number.isFinite(cost.credits) && cost.credits > 0).toBe(true);
          const listed = Object.hasOwn(pricing.bulkActions, cost.action) ? pricing.bulkActions[cost.action]! : 0;
          const freeEnrich = cost.action === 'enrich' && pricing.individualEnrichment === 'credits';
          expect(listed > 0 || freeEnrich).toBe(true);
        }
        t.add({ cases: 1 });
      }),
      { numRuns: RUNS },
    );
  });

  report.check('invalid counts (negative, fractional, NaN, Infinity, beyond 2^53) cost nothing and warn of nothing', (t) => {
    const bad = [-1, -0.5, 0.5, 72.9, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, 1e300];
    fc.assert(
      fc.property(pricingArb, actionsArb, fc.constantFrom(...bad), fc.option(apiCount), (pricing, actions, count, remaining) => {
        expect(bulkCosts(pricing, count, actions)).toEqual([]);
        expect(warningFor({ pricing, count, actions, remaining })).toEqual({ level: 'none' });
        t.add({ cases: 1, badInputs: 1 });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the warning, the package and the confirmation together', () => {
  const packagesArb = fc
    .array(fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), credits: fc.integer({ min: 1, max: 100_000 }), price: fc.record({ amount: fc.nat(1_000_000), currency: fc.constant('usd') }) }), {
      maxLength: 6,
    })
    .map((packages): CreditPackage[] => packages);
  const balance = fc.option(fc.oneof(fc.nat(500), apiCount, fc.constantFrom(-1, 0.5, NaN)), { nil: undefined });

  report.check('shortBy = max(0, need − have) for every action; leftAfter and shortBy never both positive; buying the suggested package covers it', (t) => {
    fc.assert(
      fc.property(pricingArb, actionsArb, selection, balance, packagesArb, (pricing, actions, count, remaining, packages) => {
        const warning = warningFor({ pricing, count, actions, remaining });
        t.add({ cases: 1, badInputs: typeof remaining === 'number' && !(Number.isSafeInteger(remaining) && remaining >= 0) ? 1 : 0 });
        if (warning.level === 'none') return;
        const known = typeof remaining === 'number' && Number.isSafeInteger(remaining) && remaining >= 0;
        expect(warning.remaining).toBe(known ? remaining : null);
        for (const cost of warning.costs) {
          const quote = quoteForAction(warning, cost.action)!;
          expect(quote.shortBy).toBe(known ? shortfall(cost.credits, remaining) : 0);
          expect(quote.shortBy === 0 || quote.leftAfter === 0 || quote.leftAfter === null).toBe(true);
          expect(quote.shortBy).toBeGreaterThanOrEqual(0);
        }
        const suggestion = smallestCoveringPackage(packages, warning.shortBy);
        if (warning.shortBy === 0) expect(suggestion).toBeNull();
        if (suggestion?.covers) expect(remaining! + suggestion.pkg.credits).toBeGreaterThanOrEqual(warning.largest.credits);
        if (suggestion && !suggestion.covers) expect(packages.every((p) => p.credits < warning.shortBy)).toBe(true);
        // Asked first: always (mode 'always'), only when short ('short'), never ('off').
        expect(needsConfirmation('always', warning)).toBe(true);
        expect(needsConfirmation('off', warning)).toBe(false);
        expect(needsConfirmation('short', warning)).toBe(warning.shortBy > 0);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('forecast and usage on anything the usage parser accepts', () => {
  const DAY = 86_400_000;
  const NOW_RANGE = { min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) };
  const dayArb = (nowMs: number) =>
    fc
      .record({
        offset: fc.integer({ min: -120, max: 30 }),
        counts: fc.dictionary(fc.constantFrom('bulk', 'api', 'ai', 'video', 'constructor', '__proto__', 'toString'), apiCount, { maxKeys: 4 }),
      })
      .map(({ offset, counts }) => ({ date: new Date(nowMs + offset * DAY).toISOString().slice(0, 10), ...counts }));

  const input = fc.integer(NOW_RANGE).chain((nowMs) =>
    fc.record({
      nowMs: fc.constant(nowMs),
      remaining: apiCount,
      days: fc.array(dayArb(nowMs), { maxLength: 30 }),
      resetsAt: fc.oneof(
        fc.constant(null),
        fc.integer({ min: -400, max: 400 }).map((d) => new Date(nowMs + d * DAY).toISOString()),
        fc.constantFrom('not a date', '', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00.000Z'),
      ),
    }),
  );

  report.check('the forecast is never in the past and always a valid date; pace and totals finite and non-negative', (t) => {
    fc.assert(
      fc.property(input, ({ nowMs, remaining, days, resetsAt }) => {
        // Through the real parser: only what the API can deliver.
        const usage = UsageSchema.parse(JSON.parse(JSON.stringify({ from: '2000-01-01', to: '2100-01-01', days })));
        const result = forecast({ remaining, usageDays: usage.days, resetsAt, now: nowMs });
        const pace = dailyPace(usage.days, nowMs);
        expect(Number.isFinite(pace) && pace >= 0).toBe(true);
        if (result.kind === 'runs-out') {
          const at = Date.parse(result.date);
          expect(Number.isNaN(at)).toBe(false);
          expect(at).toBeGreaterThanOrEqual(nowMs);
          expect(result.perDay).toBeGreaterThan(0);
        }
        if (result.kind === 'lasts-past-reset') expect(Date.parse(result.resetDate)).toBeGreaterThanOrEqual(nowMs);
        if (remaining === 0) expect(result.kind).toBe('empty');
        const byCategory = usageByCategory(usage.days);
        expect(Number.isFinite(byCategory.total) && byCategory.total >= 0).toBe(true);
        expect(byCategory.categories.every((c) => c.credits >= 0 && typeof c.category === 'string')).toBe(true);
        t.add({ cases: 1, badInputs: typeof resetsAt === 'string' && Number.isNaN(Date.parse(resetsAt)) ? 1 : 0 });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the badge on any balance', () => {
  report.check('compact text ≤ 4 characters, never more than the balance; the level is defined for any allowance and add-ons', (t) => {
    fc.assert(
      fc.property(apiCount, apiCount, apiCount, (remaining, allowance, addOn) => {
        const text = compactCredits(remaining);
        expect(text.length).toBeLessThanOrEqual(4);
        const m = /^(\d+(?:\.\d)?)([kMBTQ]?)$/.exec(text);
        expect(m).not.toBeNull();
        const scale = { '': 1, k: 1e3, M: 1e6, B: 1e9, T: 1e12, Q: 1e15 }[m![2] as '' | 'k' | 'M' | 'B' | 'T' | 'Q'];
        expect(Number(m![1]) * scale).toBeLessThanOrEqual(remaining);
        const level = creditLevel({ remaining, included: { remaining, allowance, resetsAt: null }, addOn: { remaining: addOn } });
        expect(['good', 'low', 'critical']).toContain(level);
        if (remaining === 0) expect(level).toBe('critical');
        t.add({ cases: 1 });
      }),
      { numRuns: RUNS },
    );
  });
});
