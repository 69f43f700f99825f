import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockBelowAsk,
  budgetOverrun,
  limitVerdict,
  MAX_LIMIT,
  NO_LIMITS,
  type LimitInput,
  type Limits,
  type LimitVerdict,
} from '@/utils/limits/rules';
import { LimitSchema } from '@/utils/limits/schema';

/**
 * utils/limits/rules.ts: how "ask over N", "block over M" and the weekly budget compose with the
 * confirmation mode. Checked three ways: the product's examples, every combination of a small
 * domain against a reference written as a table of the rules, and properties over any numbers.
 */

const input = (over: Partial<LimitInput> & Pick<LimitInput, 'credits'>): LimitInput => ({
  estimated: false,
  short: false,
  modeAsks: true,
  limits: NO_LIMITS,
  spentThisWeek: 0,
  ...over,
});

describe('the examples', () => {
  it('defaults change nothing: every credit-spending action the mode asks about is asked, nothing is blocked', () => {
    expect(limitVerdict(input({ credits: 73 }))).toEqual({ kind: 'ask', overBudget: null });
    expect(limitVerdict(input({ credits: 1_500 }))).toEqual({ kind: 'ask', overBudget: null });
    expect(limitVerdict(input({ credits: 1_500, modeAsks: false }))).toEqual({ kind: 'run' });
    expect(limitVerdict(input({ credits: 0 }))).toEqual({ kind: 'run' });
  });

  it('"Block actions over 500": Enrich 1,500 prospects is blocked, 500 is not — whatever the mode', () => {
    const limits: Limits = { ...NO_LIMITS, blockOver: 500 };
    expect(limitVerdict(input({ credits: 1_500, limits }))).toEqual({ kind: 'block', limit: 500 });
    expect(limitVerdict(input({ credits: 1_500, limits, modeAsks: false }))).toEqual({ kind: 'block', limit: 500 });
    expect(limitVerdict(input({ credits: 1_500, limits, estimated: true }))).toEqual({ kind: 'block', limit: 500 });
    expect(limitVerdict(input({ credits: 500, limits }))).toEqual({ kind: 'ask', overBudget: null });
  });

  it('"Ask before actions over 100": 100 runs, 101 is asked; an estimate or a shortfall is asked anyway', () => {
    const limits: Limits = { ...NO_LIMITS, askOver: 100 };
    expect(limitVerdict(input({ credits: 100, limits }))).toEqual({ kind: 'run' });
    expect(limitVerdict(input({ credits: 101, limits }))).toEqual({ kind: 'ask', overBudget: null });
    expect(limitVerdict(input({ credits: 60, limits, estimated: true }))).toEqual({ kind: 'ask', overBudget: null });
    expect(limitVerdict(input({ credits: 60, limits, short: true }))).toEqual({ kind: 'ask', overBudget: null });
    // N never asks more than the mode: with the confirmation off, 101 runs.
    expect(limitVerdict(input({ credits: 101, limits, modeAsks: false }))).toEqual({ kind: 'run' });
  });

  it('"Weekly budget 300" with 180 spent: 120 more is within it, 193 more is asked about (73 over), even with the confirmation off', () => {
    const limits: Limits = { ...NO_LIMITS, weeklyBudget: 300, askOver: 1_000 };
    expect(limitVerdict(input({ credits: 120, limits, spentThisWeek: 180 }))).toEqual({ kind: 'run' });
    const over = { kind: 'ask', overBudget: { budget: 300, spent: 180, by: 73 } };
    expect(limitVerdict(input({ credits: 193, limits, spentThisWeek: 180 }))).toEqual(over);
    expect(limitVerdict(input({ credits: 193, limits, spentThisWeek: 180, modeAsks: false }))).toEqual(over);
    // Already over: the next action is over by all of it.
    expect(budgetOverrun(limits, 350, 10)).toEqual({ budget: 300, spent: 350, by: 60 });
  });

  it('the block comes before the budget', () => {
    const limits: Limits = { askOver: null, blockOver: 500, weeklyBudget: 300 };
    expect(limitVerdict(input({ credits: 600, limits }))).toEqual({ kind: 'block', limit: 500 });
  });

  it('reads a broken stored limit as not set, and a cost that is not a number as the mode says', () => {
    const broken = { askOver: -1, blockOver: 1.5, weeklyBudget: Number.NaN } as unknown as Limits;
    expect(limitVerdict(input({ credits: 2_000, limits: broken, spentThisWeek: 5_000 }))).toEqual({ kind: 'ask', overBudget: null });
    expect(limitVerdict(input({ credits: Number.NaN }))).toEqual({ kind: 'ask', overBudget: null });
    expect(limitVerdict(input({ credits: -3, modeAsks: false }))).toEqual({ kind: 'run' });
  });
});

describe('LimitSchema and blockBelowAsk', () => {
  it('stores whole numbers from 0 to the maximum, or null', () => {
    for (const ok of [null, 0, 1, 500, MAX_LIMIT]) expect(LimitSchema.safeParse(ok).success, String(ok)).toBe(true);
    for (const bad of [-1, 1.5, MAX_LIMIT + 1, '500', Number.NaN, Infinity, undefined]) {
      expect(LimitSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it('M ≥ N: a block below the ask limit contradicts it; equal or either unset does not', () => {
    expect(blockBelowAsk({ askOver: 500, blockOver: 499, weeklyBudget: null })).toBe(true);
    expect(blockBelowAsk({ askOver: 500, blockOver: 500, weeklyBudget: null })).toBe(false);
    expect(blockBelowAsk({ askOver: null, blockOver: 0, weeklyBudget: null })).toBe(false);
    expect(blockBelowAsk({ askOver: 500, blockOver: null, weeklyBudget: null })).toBe(false);
  });
});

/** The rules as a table, written apart from the code: the first row that matches decides. */
function reference(i: LimitInput): LimitVerdict['kind'] | 'ask-over-budget' {
  const { askOver, blockOver, weeklyBudget } = i.limits;
  const rows: Array<[boolean, LimitVerdict['kind'] | 'ask-over-budget']> = [
    [i.credits === 0, 'run'],
    [blockOver !== null && i.credits > blockOver, 'block'],
    [weeklyBudget !== null && i.spentThisWeek + i.credits > weeklyBudget, 'ask-over-budget'],
    [!i.modeAsks, 'run'],
    [askOver !== null && i.credits <= askOver && !i.estimated && !i.short, 'run'],
    [true, 'ask'],
  ];
  return rows.find(([matches]) => matches)![1];
}

const kindOf = (verdict: LimitVerdict) => (verdict.kind === 'ask' && verdict.overBudget ? 'ask-over-budget' : verdict.kind);

describe('every combination of a small domain', () => {
  it('matches the table of the rules', () => {
    const values = [null, 0, 1, 2, 3];
    let checked = 0;
    for (const credits of [0, 1, 2, 3, 4])
      for (const askOver of values)
        for (const blockOver of values)
          for (const weeklyBudget of values)
            for (const spentThisWeek of [0, 1, 3])
              for (const modeAsks of [false, true])
                for (const estimated of [false, true])
                  for (const short of [false, true]) {
                    const i = input({ credits, limits: { askOver, blockOver, weeklyBudget }, spentThisWeek, modeAsks, estimated, short });
                    expect(kindOf(limitVerdict(i)), JSON.stringify(i)).toBe(reference(i));
                    checked += 1;
                  }
    expect(checked).toBe(5 * 5 * 5 * 5 * 3 * 2 * 2 * 2);
  });
});

const strictness = (verdict: LimitVerdict) => ({ run: 0, ask: 1, block: 2 })[verdict.kind];
const limit = fc.option(fc.integer({ min: 0, max: MAX_LIMIT }), { nil: null });
const limits: fc.Arbitrary<Limits> = fc.record({ askOver: limit, blockOver: limit, weeklyBudget: limit });
const credits = fc.integer({ min: 0, max: MAX_LIMIT * 2 });
const anyInput: fc.Arbitrary<LimitInput> = fc.record({
  credits,
  estimated: fc.boolean(),
  short: fc.boolean(),
  modeAsks: fc.boolean(),
  limits,
  spentThisWeek: fc.integer({ min: 0, max: MAX_LIMIT * 2 }),
});

describe('properties', () => {
  it('without limits the verdict is the mode\'s (asks iff the mode asks and it spends), never a block', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const verdict = limitVerdict({ ...i, limits: NO_LIMITS });
        expect(verdict.kind).toBe(i.modeAsks && i.credits > 0 ? 'ask' : 'run');
      }),
    );
  });

  it('blocks exactly the actions over the block', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const blocked = i.limits.blockOver !== null && i.credits > i.limits.blockOver && i.credits > 0;
        expect(limitVerdict(i).kind === 'block').toBe(blocked);
      }),
    );
  });

  it('says by how much an action goes over the budget, exactly when it does and is not blocked', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const verdict = limitVerdict(i);
        const { weeklyBudget } = i.limits;
        const over = weeklyBudget !== null && i.credits > 0 && i.spentThisWeek + i.credits > weeklyBudget;
        if (verdict.kind === 'block') return;
        expect(verdict.kind === 'ask' && verdict.overBudget !== null).toBe(over);
        if (verdict.kind === 'ask' && verdict.overBudget) {
          expect(verdict.overBudget.by).toBe(i.spentThisWeek + i.credits - weeklyBudget!);
          expect(verdict.overBudget.by).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('a dearer action is never treated more leniently', () => {
    fc.assert(
      fc.property(anyInput, fc.integer({ min: 0, max: 1_000 }), (i, more) => {
        expect(strictness(limitVerdict({ ...i, credits: i.credits + more }))).toBeGreaterThanOrEqual(strictness(limitVerdict(i)));
      }),
    );
  });

  it('lower limits, more spent this week, an estimate or a shortfall never make it more lenient', () => {
    const lower = (value: number | null, by: number) => (value === null ? null : Math.max(0, value - by));
    fc.assert(
      fc.property(anyInput, fc.nat(1_000), fc.nat(1_000), fc.nat(1_000), fc.nat(1_000), (i, a, b, c, d) => {
        const before = strictness(limitVerdict(i));
        const stricter: LimitInput = {
          ...i,
          limits: { askOver: lower(i.limits.askOver, a), blockOver: lower(i.limits.blockOver, b), weeklyBudget: lower(i.limits.weeklyBudget, c) },
          spentThisWeek: i.spentThisWeek + d,
        };
        expect(strictness(limitVerdict(stricter))).toBeGreaterThanOrEqual(before);
        expect(strictness(limitVerdict({ ...i, estimated: true }))).toBeGreaterThanOrEqual(before);
        expect(strictness(limitVerdict({ ...i, short: true }))).toBeGreaterThanOrEqual(before);
        // Setting a limit where there was none never lets through what was asked or blocked.
        expect(strictness(limitVerdict({ ...i, limits: { ...i.limits, blockOver: i.limits.blockOver ?? b } }))).toBeGreaterThanOrEqual(before);
        expect(strictness(limitVerdict({ ...i, limits: { ...i.limits, weeklyBudget: i.limits.weeklyBudget ?? c } }))).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('N only waives questions: with N set, a verdict is never stricter than without it', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const without = limitVerdict({ ...i, limits: { ...i.limits, askOver: null } });
        expect(strictness(limitVerdict(i))).toBeLessThanOrEqual(strictness(without));
      }),
    );
  });
});
