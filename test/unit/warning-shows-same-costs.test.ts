import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bannerModel } from '@/components/warning/model';
import { PENDING, showsSameCosts, type AccountView } from '@/utils/warning/ask';
import { costLabels } from '@/utils/warning/labels';
import type { BulkActionButton, ListSelection } from '@/utils/warning/types';
import { NOW, SIGNED_OUT, signedIn, waitingAction, type AccountShape } from '../fixtures/snapshots';

/**
 * showsSameCosts (utils/warning/ask.ts) lets the selection observer keep a count without
 * drawing: it may say "the same" only where the banner and the labels really are the same.
 */

const bar = document.createElement('div');
const otherBar = document.createElement('div');
const button = (action: string): BulkActionButton => ({ action, element: document.createElement('button') });
const BUTTONS = [button('enrich'), button('export'), button('add-to-campaign')];

const selection = (count: number, over: Partial<ListSelection> = {}): ListSelection => ({
  kind: 'deskflow',
  count,
  atLeast: false,
  actions: BUTTONS.map((b) => b.action),
  buttons: BUTTONS,
  anchor: bar,
  ...over,
});

const account = (shape: AccountShape = {}, over: Partial<Extract<AccountView, { kind: 'state' }>> = {}): AccountView => ({
  kind: 'state',
  snapshot: signedIn(shape),
  confirmation: 'always',
  ...over,
});

const WAITING = waitingAction();

const actionName = (action: string) => action;
/** What a user sees for a selection: the banner's model and the labels' words. */
const shown = (s: ListSelection, view: AccountView) => ({
  banner: bannerModel(s, view, { locale: 'en', now: NOW }),
  labels: costLabels(s, view, 'en', actionName).map((label) => [label.action, label.text, label.spoken]),
});

describe('showsSameCosts', () => {
  it('says "the same" for counts under the bulk threshold on a paid plan (no banner, labels "Free")', () => {
    expect(showsSameCosts(selection(10), selection(11), account())).toBe(true);
    expect(showsSameCosts(selection(49), selection(1), account())).toBe(true);
    expect(showsSameCosts(selection(10), selection(11), { kind: 'state', snapshot: SIGNED_OUT, confirmation: 'always' })).toBe(true);
  });

  it('not across the threshold, on Free (Enrich costs from the first prospect), or from or to nothing selected', () => {
    expect(showsSameCosts(selection(49), selection(50), account())).toBe(false);
    expect(showsSameCosts(selection(50), selection(49), account())).toBe(false);
    expect(showsSameCosts(selection(60), selection(61), account())).toBe(false);
    expect(showsSameCosts(selection(10), selection(11), account({ tier: 'free' }))).toBe(false);
    expect(showsSameCosts(selection(0), selection(1), account())).toBe(false);
    expect(showsSameCosts(selection(1), selection(0), account())).toBe(false);
  });

  it('not when anything but the count differs, nor before the page state is known, nor with an action waiting to carry on', () => {
    expect(showsSameCosts(selection(10), selection(11, { anchor: otherBar }), account())).toBe(false);
    expect(showsSameCosts(selection(10), selection(11, { buttons: [button('enrich')], actions: ['enrich'] }), account())).toBe(false);
    expect(showsSameCosts(selection(10), selection(11, { atLeast: true }), account())).toBe(false);
    expect(showsSameCosts(selection(10), selection(11), PENDING)).toBe(false);
    expect(showsSameCosts(selection(10), selection(11), { kind: 'unavailable', reason: 'No answer' })).toBe(false);
    expect(showsSameCosts(selection(10), selection(11), account({}, { carryOn: WAITING }))).toBe(false);
  });

  it('says "the same" only where the banner and the labels are the same (random accounts and selections)', () => {
    let same = 0;
    const shapes = fc.record({
      tier: fc.constantFrom('free' as const, 'basic' as const, 'pro' as const),
      remaining: fc.integer({ min: 0, max: 200 }),
      bulkActions: fc.dictionary(fc.constantFrom('enrich', 'export', 'add-to-campaign'), fc.integer({ min: 0, max: 3 })),
    });
    fc.assert(
      fc.property(
        shapes,
        fc.integer({ min: 1, max: 120 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        fc.boolean(),
        (shape, threshold, labelsOff, before, after, atLeast) => {
          const base = account(shape, labelsOff ? { costLabels: false } : {});
          if (base.kind !== 'state' || !base.snapshot.summary) throw new Error('a signed-in account');
          const summary = { ...base.snapshot.summary, pricing: { ...base.snapshot.summary.pricing, bulkThreshold: threshold } };
          const view: AccountView = { ...base, snapshot: { ...base.snapshot, summary } };
          const a = selection(before, { atLeast });
          const b = selection(after, { atLeast });
          if (!showsSameCosts(a, b, view)) return;
          same += 1;
          expect(shown(b, view)).toEqual(shown(a, view));
        },
      ),
      { numRuns: 3_000 },
    );
    // Not vacuous: a good share of the pairs were "the same".
    expect(same).toBeGreaterThan(300);
  });
});
