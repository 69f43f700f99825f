// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CreditPackage, PlanOffer } from '../../utils/billing/schemas';
import { nextPlanUp, pricePerCredit, smallestCoveringPackage } from '../../utils/credits/packages';
import { formatMoney } from '../../utils/credits/format';

const pkg = (credits: number, amount: number, id = `pkg_${credits}`): CreditPackage => ({
  id,
  credits,
  price: { amount, currency: 'usd' },
});
const CATALOG_PACKAGES = [pkg(50, 2500), pkg(100, 4500), pkg(250, 10000), pkg(500, 17500)];

const plan = (tier: string, amount: number, interval = 'month'): PlanOffer => ({
  id: interval === 'month' ? tier : `${tier}_${interval}`,
  name: tier[0]!.toUpperCase() + tier.slice(1),
  tier,
  interval,
  monthlyCredits: 100,
  price: { amount, currency: 'usd' },
  features: [],
});
const PLANS = [plan('free', 0), plan('basic', 4900), plan('pro', 9900)];

describe('smallest covering package', () => {
  it.each([
    [1, 'pkg_50', true],
    [33, 'pkg_50', true],
    [50, 'pkg_50', true],
    [51, 'pkg_100', true],
    [100, 'pkg_100', true],
    [101, 'pkg_250', true],
    [499, 'pkg_500', true],
    [500, 'pkg_500', true],
    [501, 'pkg_500', false],
    [10_000, 'pkg_500', false],
  ])('%d short → %s (covers: %s)', (shortBy, id, covers) => {
    expect(smallestCoveringPackage(CATALOG_PACKAGES, shortBy)).toEqual({
      pkg: CATALOG_PACKAGES.find((p) => p.id === id),
      covers,
    });
  });

  it.each([[0], [-3], [Number.NaN]])('is null when nothing is short (%s)', (shortBy) => {
    expect(smallestCoveringPackage(CATALOG_PACKAGES, shortBy)).toBeNull();
  });

  it('is null without packages', () => {
    expect(smallestCoveringPackage([], 10)).toBeNull();
  });

  it('does not rely on the catalog order', () => {
    expect(smallestCoveringPackage([...CATALOG_PACKAGES].reverse(), 60)?.pkg.id).toBe('pkg_100');
  });

  it('prefers the cheaper of two packages of the same size, covering or not', () => {
    const packages = [pkg(100, 5000, 'dear'), pkg(100, 4500, 'cheap'), pkg(50, 2500)];
    expect(smallestCoveringPackage(packages, 80)?.pkg.id).toBe('cheap');
    expect(smallestCoveringPackage(packages, 800)).toEqual({ pkg: packages[1], covers: false });
  });
});

describe('price per credit', () => {
  it.each([
    [pkg(50, 2500), 50, '$0.50'],
    [pkg(100, 4500), 45, '$0.45'],
    [pkg(250, 10000), 40, '$0.40'],
    [pkg(500, 17500), 35, '$0.35'],
    [pkg(3, 1000), 1000 / 3, '$3.33'],
  ])('%o → %d minor units (%s)', (p, amount, text) => {
    const perCredit = pricePerCredit(p);
    expect(perCredit).toEqual({ amount, currency: 'usd' });
    expect(formatMoney(perCredit, 'en')).toBe(text);
  });

  it('keeps the currency, e.g. yen', () => {
    const yen: CreditPackage = { id: 'y', credits: 100, price: { amount: 5000, currency: 'jpy' } };
    expect(formatMoney(pricePerCredit(yen), 'en')).toBe('¥50');
  });
});

describe('next plan up', () => {
  it.each([
    ['free', 'basic'],
    ['basic', 'pro'],
    ['pro', null],
    ['enterprise', null],
    ['', null],
  ])('from %s → %s', (tier, next) => {
    expect(nextPlanUp(PLANS, tier)?.tier ?? null).toBe(next);
  });

  it('is null without plans', () => {
    expect(nextPlanUp([], 'basic')).toBeNull();
  });

  it('skips other intervals of the same tier and prefers the current interval', () => {
    const plans = [
      plan('free', 0),
      plan('basic', 4900),
      plan('pro', 9900),
      plan('basic', 49000, 'year'),
      plan('pro', 99000, 'year'),
    ];
    expect(nextPlanUp(plans, 'basic')?.id).toBe('pro');
    expect(nextPlanUp(plans, 'basic', 'month')?.id).toBe('pro');
    expect(nextPlanUp(plans, 'basic', 'year')?.id).toBe('pro_year');
    expect(nextPlanUp(plans, 'free', 'year')?.id).toBe('basic_year');
    expect(nextPlanUp(plans, 'pro', 'year')).toBeNull();
  });

  it('offers a new tier listed above the current one', () => {
    const plans = [...PLANS, plan('enterprise', 29900)];
    expect(nextPlanUp(plans, 'pro')?.tier).toBe('enterprise');
  });
});

describe('properties', () => {
  const packagesArb = fc.array(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      credits: fc.integer({ min: 1, max: 1000 }),
      price: fc.record({ amount: fc.nat(100_000), currency: fc.constant('usd') }),
    }),
    { maxLength: 8 },
  );

  it('the chosen package is the smallest that covers (brute force), else the largest', () => {
    fc.assert(
      fc.property(packagesArb, fc.integer({ min: -10, max: 1200 }), (packages, shortBy) => {
        const chosen = smallestCoveringPackage(packages, shortBy);
        if (shortBy <= 0 || packages.length === 0) {
          expect(chosen).toBeNull();
          return;
        }
        expect(chosen).not.toBeNull();
        const covering = packages.filter((p) => p.credits >= shortBy);
        if (covering.length > 0) {
          const fewest = Math.min(...covering.map((p) => p.credits));
          const cheapest = Math.min(...covering.filter((p) => p.credits === fewest).map((p) => p.price.amount));
          expect(chosen!.covers).toBe(true);
          expect(chosen!.pkg.credits).toBe(fewest);
          expect(chosen!.pkg.price.amount).toBe(cheapest);
        } else {
          const most = Math.max(...packages.map((p) => p.credits));
          const cheapest = Math.min(...packages.filter((p) => p.credits === most).map((p) => p.price.amount));
          expect(chosen!.covers).toBe(false);
          expect(chosen!.pkg.credits).toBe(most);
          expect(chosen!.pkg.price.amount).toBe(cheapest);
        }
        expect(packages).toContain(chosen!.pkg);
      }),
      { numRuns: 2000 },
    );
  });

  it('the next plan up is of a tier listed after the current one, or null', () => {
    const tierArb = fc.constantFrom('free', 'basic', 'pro', 'team', 'enterprise');
    fc.assert(
      fc.property(fc.array(tierArb, { maxLength: 6 }), tierArb, (tiers, current) => {
        const plans = tiers.map((t, i) => plan(t, i * 1000));
        const next = nextPlanUp(plans, current);
        const order: string[] = [...new Set(tiers)];
        if (next === null) {
          expect(order.indexOf(current) === -1 || order.indexOf(current) === order.length - 1).toBe(true);
        } else {
          expect(order.indexOf(next.tier)).toBe(order.indexOf(current) + 1);
        }
      }),
      { numRuns: 500 },
    );
  });
});
