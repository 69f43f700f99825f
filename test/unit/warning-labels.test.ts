// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import german from '@/public/_locales/de/messages.json';
import { setCatalogForTesting } from '@/utils/i18n';
import { PENDING, TYPICAL_PRICING, type AccountView, type SelectionInput } from '@/utils/warning/ask';
import { bulkCosts, perProspectCost, type Pricing } from '@/utils/warning/cost';
import { costLabels, sameLabel, spendsCredits } from '@/utils/warning/labels';
import { SIGNED_OUT, signedIn, type AccountShape } from '../fixtures/snapshots';

/** Labels beside the page's own bulk action buttons: "73 credits", "Free", hidden at 0. */

afterEach(() => setCatalogForTesting(null));

const NAMES: Record<string, string> = { enrich: 'Enrich', export: 'Export', 'add-to-campaign': 'Add to campaign' };
const actionName = (action: string) => NAMES[action] ?? action;
const PAGE_ACTIONS = ['enrich', 'export', 'add-to-campaign'];

const account = (shape: AccountShape = {}): AccountView => ({ kind: 'state', snapshot: signedIn(shape), confirmation: 'always' });
const selection = (count: number, actions: readonly string[] = PAGE_ACTIONS, atLeast = false): SelectionInput => ({ count, atLeast, actions });
const texts = (sel: SelectionInput, view: AccountView = account(), locale = 'en') =>
  costLabels(sel, view, locale, actionName).map((label) => [label.action, label.text]);

describe('cost labels', () => {
  it('say what each credit-spending action costs for the selection (Basic, 73 selected)', () => {
    expect(texts(selection(73))).toEqual([
      ['enrich', '73 credits'],
      ['export', '73 credits'],
    ]);
  });

  it('say "Free" for a credit-spending action below the bulk threshold, and nothing for one that never costs', () => {
    expect(texts(selection(49))).toEqual([
      ['enrich', 'Free'],
      ['export', 'Free'],
    ]);
    expect(texts(selection(73, ['add-to-campaign']))).toEqual([]);
  });

  it('are hidden when nothing is selected, while the page state is pending, and for a count the page garbled', () => {
    expect(costLabels(selection(0), account(), 'en', actionName)).toEqual([]);
    expect(costLabels(selection(73), PENDING, 'en', actionName)).toEqual([]);
    for (const count of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(costLabels(selection(count), account(), 'en', actionName)).toEqual([]);
    }
  });

  it('use singular and plural forms: 1 credit on Free, 2 credits, 1,500 credits', () => {
    const free = account({ tier: 'free' });
    expect(texts(selection(1), free)).toEqual([
      ['enrich', '1 credit'],
      ['export', 'Free'],
    ]);
    expect(texts(selection(2, ['enrich']), free)).toEqual([['enrich', '2 credits']]);
    expect(texts(selection(1500))).toEqual([
      ['enrich', '1,500 credits'],
      ['export', '1,500 credits'],
    ]);
  });

  it('say "at least" for a partly shown selection, and "about" while the account\'s pricing is unknown', () => {
    expect(texts(selection(73, ['enrich'], true))).toEqual([['enrich', 'at least 73 credits']]);
    const signedOut: AccountView = { kind: 'state', snapshot: SIGNED_OUT, confirmation: 'always' };
    expect(texts(selection(73, ['enrich']), signedOut)).toEqual([['enrich', 'about 73 credits']]);
    const unavailable: AccountView = { kind: 'unavailable', reason: 'No answer' };
    expect(texts(selection(73, ['enrich'], true), unavailable)).toEqual([['enrich', 'at least about 73 credits']]);
    expect(costLabels(selection(73, ['enrich']), unavailable, 'en', actionName)[0]?.estimated).toBe(true);
  });

  it('give screen readers the action with its cost', () => {
    expect(costLabels(selection(73), account(), 'en', actionName).map((label) => label.spoken)).toEqual([
      'Enrich: 73 credits',
      'Export: 73 credits',
    ]);
    expect(costLabels(selection(10), account(), 'en', actionName)[0]?.spoken).toBe('Enrich: Free');
  });

  it('speak German with German plurals and numbers', () => {
    setCatalogForTesting(german);
    const free = account({ tier: 'free' });
    expect(texts(selection(1, ['enrich']), free, 'de')).toEqual([['enrich', '1 Credit']]);
    expect(texts(selection(1500), account(), 'de')).toEqual([
      ['enrich', '1.500 Credits'],
      ['export', '1.500 Credits'],
    ]);
    expect(texts(selection(10), account(), 'de')).toEqual([
      ['enrich', 'Kostenlos'],
      ['export', 'Kostenlos'],
    ]);
    expect(texts(selection(73, ['enrich'], true), account(), 'de')).toEqual([['enrich', 'mindestens 73 Credits']]);
    expect(costLabels(selection(73, ['enrich']), account(), 'de', () => 'Anreichern')[0]?.spoken).toBe('Anreichern: 73 Credits');
  });

  it('each action once, in the page\'s order', () => {
    expect(texts(selection(73, ['export', 'enrich', 'export']))).toEqual([
      ['export', '73 credits'],
      ['enrich', '73 credits'],
    ]);
  });

  it('are the same label only when it reads and looks the same', () => {
    const [a] = costLabels(selection(73), account(), 'en', actionName);
    const label = (count: number, actions?: string[]) => costLabels(selection(count, actions), account(), 'en', actionName)[0]!;
    expect(sameLabel(a!, label(73))).toBe(true);
    expect(sameLabel(a!, label(74))).toBe(false);
    expect(sameLabel(a!, label(73, ['export']))).toBe(false);
    // Under the bulk threshold every size reads "Free": nothing to redraw while the count moves.
    expect(sameLabel(label(10), label(20))).toBe(true);
    expect(label(10).text).toBe('Free');
    expect(sameLabel(label(10), label(73))).toBe(false);
  });

  it('reuse the labels drawn last whose cost is unchanged, and write new words for the rest', () => {
    const free = costLabels(selection(10), account(), 'en', actionName);
    const again = costLabels(selection(20), account(), 'en', actionName, free);
    expect(again[0]).toBe(free[0]);
    expect(again[1]).toBe(free[1]);
    const dear = costLabels(selection(73), account(), 'en', actionName, free);
    expect(dear.map((l) => l.text)).toEqual(['73 credits', '73 credits']);
    const atLeast = costLabels(selection(73, PAGE_ACTIONS, true), account(), 'en', actionName, dear);
    expect(atLeast.map((l) => l.text)).toEqual(['at least 73 credits', 'at least 73 credits']);
    const estimated = costLabels(selection(73), { kind: 'unavailable', reason: 'offline' }, 'en', actionName, dear);
    expect(estimated.map((l) => l.text)).toEqual(['about 73 credits', 'about 73 credits']);
  });
});

describe('cost labels (properties)', () => {
  const action = fc.constantFrom('enrich', 'export', 'add-to-campaign', 'ai-research');
  const pricing: fc.Arbitrary<Pricing> = fc.record({
    bulkThreshold: fc.integer({ min: 1, max: 500 }),
    bulkActions: fc.dictionary(action, fc.integer({ min: 0, max: 5 })),
    apiCall: fc.constant(1),
    individualEnrichment: fc.constantFrom('credits', 'unlimited'),
  });
  const withPricing = (p: Pricing): AccountView => {
    const snapshot = signedIn();
    return { kind: 'state', snapshot: { ...snapshot, summary: { ...snapshot.summary!, pricing: p } }, confirmation: 'always' };
  };

  it('label exactly the credit-spending actions present, with the cost the banner quotes', () => {
    fc.assert(
      fc.property(pricing, fc.integer({ min: 0, max: 100_000 }), fc.array(action, { maxLength: 6 }), fc.boolean(), (p, count, actions, atLeast) => {
        const labels = costLabels({ count, atLeast, actions }, withPricing(p), 'en', actionName);
        if (count === 0) {
          expect(labels).toEqual([]);
          return;
        }
        const expected = [...new Set(actions)].filter((a) => spendsCredits(p, a));
        expect(labels.map((l) => l.action)).toEqual(expected);
        const quoted = new Map(bulkCosts(p, count, actions).map((c) => [c.action, c.credits]));
        for (const label of labels) {
          expect(label.credits).toBe(perProspectCost(p, count, label.action) * count);
          expect(label.credits).toBe(quoted.get(label.action) ?? 0);
          expect(label.text === 'Free').toBe(label.credits === 0);
          expect(label.estimated).toBe(false);
          expect(label.spoken).toBe(`${actionName(label.action)}: ${label.text}`);
        }
        // Every action the banner says spends credits has its label.
        for (const a of quoted.keys()) expect(labels.some((l) => l.action === a)).toBe(true);
      }),
    );
  });

  it('read the same whether or not the labels drawn last are handed in', () => {
    fc.assert(
      fc.property(pricing, fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), fc.array(action, { maxLength: 6 }), fc.boolean(), fc.boolean(), (p, before, count, actions, atLeastBefore, atLeast) => {
        const last = costLabels({ count: before, atLeast: atLeastBefore, actions }, withPricing(p), 'en', actionName);
        const fresh = costLabels({ count, atLeast, actions }, withPricing(p), 'en', actionName);
        expect(costLabels({ count, atLeast, actions }, withPricing(p), 'en', actionName, last)).toEqual(fresh);
      }),
    );
  });

  it('never cost less for a larger selection', () => {
    fc.assert(
      fc.property(pricing, action, fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 0, max: 50_000 }), (p, a, count, more) => {
        const at = (n: number) => costLabels({ count: n, atLeast: false, actions: [a] }, withPricing(p), 'en', actionName)[0]?.credits ?? 0;
        expect(at(count + more)).toBeGreaterThanOrEqual(at(count));
      }),
    );
  });

  it('estimate with the published pricing when the account is unknown', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (count) => {
        const labels = costLabels({ count, atLeast: false, actions: PAGE_ACTIONS }, { kind: 'unavailable', reason: 'x' }, 'en', actionName);
        expect(labels.map((l) => [l.action, l.credits])).toEqual(
          ['enrich', 'export'].map((a) => [a, perProspectCost(TYPICAL_PRICING, count, a) * count]),
        );
        expect(labels.every((l) => l.estimated && (l.credits === 0 ? l.text === 'Free' : l.text.startsWith('about ')))).toBe(true);
      }),
    );
  });
});
