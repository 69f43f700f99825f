// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod/mini';
import german from '@/public/_locales/de/messages.json';
import { setCatalogForTesting } from '@/utils/i18n';
import {
  CARRY_ON_STORE_VERSION,
  CARRY_ON_TTL_MS,
  carryOnFor,
  carryOnView,
  EMPTY_CARRY_ON,
  forgetTab,
  isExpired,
  linkBack,
  MAX_WAITING,
  parseCarryOnStore,
  remember,
  rememberCarryOnFields,
  sameCarryOn,
  tabClosedMention,
  waitingFor,
  type CarryOnInput,
  type CarryOnStore,
  type WaitingAction,
} from '@/utils/warning/carry-on';
import { perProspectCost, type Pricing } from '@/utils/warning/cost';
import { NOW } from '../fixtures/snapshots';

/**
 * Carry on after buying (product.md): what is remembered for a tab, how it is stored, and what
 * the page says when the new balance arrives.
 */

afterEach(() => setCatalogForTesting(null));

const TAB = 7;
const PATH = '/prospects';
const APP = 'https://app.deskflow.app';
const BASIC: Pricing = { bulkThreshold: 50, bulkActions: { enrich: 1, export: 1 }, apiCall: 1, individualEnrichment: 'unlimited' };
const PAGE_ACTIONS = ['enrich', 'export', 'add-to-campaign'];
const NAMES: Record<string, string> = { enrich: 'Enrich', export: 'Export' };
const actionName = (action: string) => NAMES[action] ?? action;

const WAITING: WaitingAction = {
  tabId: TAB,
  page: `${APP}${PATH}`,
  list: { kind: 'deskflow', path: PATH, name: 'prospects', index: 0 },
  action: 'enrich',
  count: 73,
  atLeast: false,
  remainingAtBuy: 40,
  boughtAt: NOW - 60_000,
};

/** Bought 50 at a balance of 40 (33 short for 73): now 90. */
const input = (over: Partial<CarryOnInput> = {}): CarryOnInput => ({
  waiting: WAITING,
  tabId: TAB,
  path: PATH,
  now: NOW,
  selection: { count: 73, atLeast: false, actions: PAGE_ACTIONS },
  pricing: BASIC,
  remaining: 90,
  ...over,
});
const view = (over: Partial<CarryOnInput> = {}, locale = 'en') => carryOnView(carryOnFor(input(over)), locale, actionName);

describe('when the new balance arrives', () => {
  it('offers to carry on when it covers the action: "50 credits added — Enrich 73 prospects now?"', () => {
    expect(carryOnFor(input())).toEqual({
      kind: 'offer',
      action: 'enrich',
      count: 73,
      atLeast: false,
      credits: 73,
      added: 50,
      remaining: 90,
      leftAfter: 17,
      changed: false,
    });
    expect(view()).toEqual({
      level: 'offer',
      headline: '50 credits added — Enrich 73 prospects now?',
      detail: 'Uses 73 credits, 17 left after',
      note: null,
      continueLabel: 'Continue',
      notNowLabel: 'Not now',
    });
  });

  it('says what is still short when the purchase did not cover it (no Continue)', () => {
    expect(carryOnFor(input({ remaining: 60 }))).toMatchObject({ kind: 'short', added: 20, credits: 73, shortBy: 13 });
    expect(view({ remaining: 60 })).toEqual({
      level: 'short',
      headline: '20 credits added — still not enough',
      detail: 'Enrich needs 73 credits — you have 60 (13 short)',
      note: null,
      continueLabel: null,
      notNowLabel: 'Not now',
    });
  });

  it('shows the numbers of the selection now when it changed, and says so', () => {
    expect(carryOnFor(input({ selection: { count: 80, atLeast: false, actions: PAGE_ACTIONS } }))).toMatchObject({
      kind: 'offer',
      count: 80,
      credits: 80,
      leftAfter: 10,
      changed: true,
    });
    expect(view({ selection: { count: 80, atLeast: false, actions: PAGE_ACTIONS } })).toMatchObject({
      headline: '50 credits added — Enrich 80 prospects now?',
      detail: 'Uses 80 credits, 10 left after',
      note: 'Your selection changed since you bought: these are the new numbers.',
    });
    // Grown past the balance: short, with the new numbers.
    expect(view({ selection: { count: 120, atLeast: false, actions: PAGE_ACTIONS } })).toMatchObject({
      level: 'short',
      detail: 'Enrich needs 120 credits — you have 90 (30 short)',
      continueLabel: null,
    });
    // Shrunk under the bulk threshold: it costs nothing now.
    expect(view({ selection: { count: 30, atLeast: false, actions: PAGE_ACTIONS } })).toMatchObject({
      headline: '50 credits added — Enrich 30 prospects now?',
      detail: 'Uses no credits',
      continueLabel: 'Continue',
    });
  });

  it('says "at least" for a partly shown selection', () => {
    expect(view({ selection: { count: 73, atLeast: true, actions: ['enrich'] } })).toMatchObject({
      headline: '50 credits added — Enrich at least 73 prospects now?',
      detail: 'Uses at least 73 credits, at most 17 left after',
      note: 'Your selection changed since you bought: these are the new numbers.',
    });
  });

  it('says nothing on another tab, another page, without a tab, or with nothing remembered', () => {
    expect(carryOnFor(input({ tabId: 8 }))).toEqual({ kind: 'none' });
    expect(carryOnFor(input({ tabId: null }))).toEqual({ kind: 'none' });
    expect(carryOnFor(input({ path: '/companies' }))).toEqual({ kind: 'none' });
    expect(carryOnFor(input({ waiting: null }))).toEqual({ kind: 'none' });
  });

  it('says nothing after 30 minutes (or for a purchase "in the future": the clock went back)', () => {
    expect(carryOnFor(input({ now: WAITING.boughtAt + CARRY_ON_TTL_MS - 1 })).kind).toBe('offer');
    expect(carryOnFor(input({ now: WAITING.boughtAt + CARRY_ON_TTL_MS }))).toEqual({ kind: 'none' });
    expect(carryOnFor(input({ now: WAITING.boughtAt - 61_000 }))).toEqual({ kind: 'none' });
  });

  it('keeps waiting while the balance has not risen, is unknown, or the action cannot run now', () => {
    for (const over of [
      { remaining: 40 },
      { remaining: 10 },
      { remaining: null },
      { pricing: null },
      { selection: null },
      { selection: { count: 0, atLeast: false, actions: [] } },
      { selection: { count: 73, atLeast: false, actions: ['export'] } },
    ] satisfies Partial<CarryOnInput>[]) {
      expect(carryOnFor(input(over)), JSON.stringify(over)).toEqual({ kind: 'waiting' });
      expect(carryOnView(carryOnFor(input(over)), 'en', actionName)).toBeNull();
    }
  });

  it('speaks German', () => {
    setCatalogForTesting(german);
    expect(view({}, 'de')).toEqual({
      level: 'offer',
      headline: '50 Credits hinzugefügt – jetzt „Enrich“ für 73 Kontakte ausführen?',
      detail: 'Verbraucht 73 Credits, danach 17 übrig',
      note: null,
      continueLabel: 'Fortfahren',
      notNowLabel: 'Nicht jetzt',
    });
    expect(view({ remaining: 1040, selection: { count: 1500, atLeast: false, actions: PAGE_ACTIONS } }, 'de')).toMatchObject({
      headline: '1.000 Credits hinzugefügt – noch nicht genug',
      detail: 'Enrich braucht 1.500 Credits – Sie haben 1.040 (460 zu wenig)',
    });
  });

  it('compares answers by what they say', () => {
    expect(sameCarryOn(carryOnFor(input()), carryOnFor(input()))).toBe(true);
    expect(sameCarryOn(carryOnFor(input()), carryOnFor(input({ selection: { count: 74, atLeast: false, actions: ['enrich'] } })))).toBe(false);
    expect(sameCarryOn(carryOnFor(input()), carryOnFor(input({ remaining: 91 })))).toBe(false);
    expect(sameCarryOn({ kind: 'waiting' }, { kind: 'waiting' })).toBe(true);
    expect(sameCarryOn({ kind: 'waiting' }, { kind: 'none' })).toBe(false);
  });
});

describe('what the background stores', () => {
  const at = (tabId: number, boughtAt: number, over: Partial<WaitingAction> = {}): WaitingAction => ({ ...WAITING, tabId, boughtAt, ...over });

  it('remembers one action per tab, the newest', () => {
    let store = remember(EMPTY_CARRY_ON, at(1, NOW - 5000), NOW);
    store = remember(store, at(2, NOW - 4000), NOW);
    store = remember(store, at(1, NOW - 1000, { action: 'export' }), NOW);
    expect(store.waiting.map((w) => [w.tabId, w.action])).toEqual([
      [1, 'export'],
      [2, 'enrich'],
    ]);
    expect(waitingFor(store, 1, NOW)?.action).toBe('export');
    expect(waitingFor(store, 3, NOW)).toBeNull();
    expect(waitingFor(store, 2, NOW - 4000 + CARRY_ON_TTL_MS)).toBeNull();
  });

  it('forgets a tab (ran, "Not now", tab closed) and nothing else', () => {
    const store = remember(remember(EMPTY_CARRY_ON, at(1, NOW), NOW), at(2, NOW), NOW);
    expect(forgetTab(store, 1).waiting.map((w) => w.tabId)).toEqual([2]);
    expect(forgetTab(store, 9)).toBe(store);
  });

  it('reads back what it wrote, through JSON, with its version (an app on localhost with a port too)', () => {
    const local = remember(EMPTY_CARRY_ON, { ...WAITING, page: 'http://localhost:5173/prospects' }, NOW);
    expect(parseCarryOnStore(JSON.parse(JSON.stringify(local)), NOW)).toEqual(local);
    const store = remember(EMPTY_CARRY_ON, WAITING, NOW);
    expect(parseCarryOnStore(JSON.parse(JSON.stringify(store)), NOW)).toEqual(store);
    expect(store.version).toBe(CARRY_ON_STORE_VERSION);
  });

  it('reads anything corrupt as empty, and loses only the corrupt entries', () => {
    for (const value of [undefined, null, 'x', 42, [], {}, { version: 2, waiting: [WAITING] }, { version: 1, waiting: {} }]) {
      expect(parseCarryOnStore(value, NOW)).toEqual(EMPTY_CARRY_ON);
    }
    const mixed = {
      version: 1,
      waiting: [
        { ...WAITING, tabId: 1 },
        { ...WAITING, tabId: 2, action: '<img onerror=x>' },
        { ...WAITING, tabId: 3, page: 'javascript:alert(1)' },
        { ...WAITING, tabId: 8, page: 'file:///etc/passwd' },
        { ...WAITING, tabId: 4, count: -1 },
        { ...WAITING, tabId: 5, extra: true },
        { ...WAITING, tabId: 6, boughtAt: NOW - CARRY_ON_TTL_MS },
        { ...WAITING, tabId: 7, list: { ...WAITING.list, path: 'no-slash' } },
      ],
    };
    expect(parseCarryOnStore(mixed, NOW).waiting.map((w) => w.tabId)).toEqual([1]);
  });

  it('keeps at most 20 (the newest)', () => {
    let store: CarryOnStore = EMPTY_CARRY_ON;
    for (let tab = 0; tab < MAX_WAITING + 5; tab += 1) store = remember(store, at(tab, NOW - 100 + tab), NOW);
    expect(store.waiting).toHaveLength(MAX_WAITING);
    expect(store.waiting[0]?.tabId).toBe(MAX_WAITING + 4);
    expect(store.waiting.some((w) => w.tabId < 5)).toBe(false);
  });

  it('validates what a content script asks to remember (no tab, page or time from it)', () => {
    const schema = z.strictObject({ type: z.literal('rememberCarryOn'), ...rememberCarryOnFields() });
    const good = { type: 'rememberCarryOn', list: WAITING.list, action: 'enrich', count: 73, atLeast: false };
    expect(schema.safeParse(good).success).toBe(true);
    expect(schema.safeParse({ ...good, list: { kind: 'aria', path: '/', name: 'Prospects', index: 2 } }).success).toBe(true);
    for (const bad of [
      { ...good, action: 'Enrich' },
      { ...good, action: '' },
      { ...good, count: -1 },
      { ...good, count: 1.5 },
      { ...good, count: 10_000_001 },
      { ...good, list: { ...WAITING.list, path: 'prospects' } },
      { ...good, list: { ...WAITING.list, kind: 'table' } },
      { ...good, list: { ...WAITING.list, name: 'x'.repeat(201) } },
      { ...good, tabId: 3 },
      { ...good, boughtAt: 0 },
    ]) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad).slice(0, 120)).toBe(false);
    }
  });
});

describe('the popup, when the tab is gone', () => {
  const store = remember(EMPTY_CARRY_ON, WAITING, NOW);

  it('mentions the waiting action with a link back to its page', () => {
    expect(tabClosedMention(store, new Set([1, 2]), NOW, APP, 'en', actionName)).toEqual({
      text: 'Enrich 73 prospects was waiting for your new credits, but its tab was closed.',
      linkLabel: 'Open Deskflow to carry on',
      href: `${APP}${PATH}`,
    });
  });

  it('says nothing while its tab is open, or once it expired', () => {
    expect(tabClosedMention(store, new Set([TAB]), NOW, APP, 'en', actionName)).toBeNull();
    expect(tabClosedMention(store, new Set(), NOW + CARRY_ON_TTL_MS, APP, 'en', actionName)).toBeNull();
    expect(tabClosedMention(EMPTY_CARRY_ON, new Set(), NOW, APP, 'en', actionName)).toBeNull();
  });

  it('links only to the app: a page on another site (an extra site) links to the app itself', () => {
    expect(linkBack('https://crm.example.com/list?x=1', APP)).toBe(`${APP}/`);
    expect(linkBack(`${APP}/prospects?token=secret#x`, APP)).toBe(`${APP}/prospects`);
    expect(linkBack('not a url', APP)).toBe(APP);
  });

  it('speaks German', () => {
    setCatalogForTesting(german);
    expect(tabClosedMention(store, new Set(), NOW, APP, 'de', () => 'Anreichern')?.text).toBe(
      '„Anreichern“ für 73 Kontakte wartete auf Ihre neuen Credits, aber der Tab wurde geschlossen.',
    );
  });
});

describe('carry on (properties)', () => {
  const action = fc.constantFrom('enrich', 'export', 'add-to-campaign');
  const pricing: fc.Arbitrary<Pricing> = fc.record({
    bulkThreshold: fc.integer({ min: 1, max: 200 }),
    bulkActions: fc.dictionary(action, fc.integer({ min: 0, max: 3 })),
    apiCall: fc.constant(1),
    individualEnrichment: fc.constantFrom('credits', 'unlimited'),
  });
  const waiting: fc.Arbitrary<WaitingAction> = fc.record({
    tabId: fc.integer({ min: 0, max: 3 }),
    page: fc.constant(`${APP}${PATH}`),
    list: fc.record({ kind: fc.constantFrom('deskflow' as const, 'aria' as const), path: fc.constantFrom('/prospects', '/lists/1'), name: fc.string(), index: fc.nat(3) }),
    action,
    count: fc.integer({ min: 1, max: 5000 }),
    atLeast: fc.boolean(),
    remainingAtBuy: fc.integer({ min: 0, max: 5000 }),
    boughtAt: fc.integer({ min: NOW - 2 * CARRY_ON_TTL_MS, max: NOW + 2 * 60_000 }),
  });
  const carryOnInput: fc.Arbitrary<CarryOnInput> = fc.record({
    waiting: fc.option(waiting, { nil: null }),
    tabId: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    path: fc.constantFrom('/prospects', '/lists/1'),
    now: fc.constant(NOW),
    selection: fc.option(
      fc.record({ count: fc.integer({ min: 0, max: 5000 }), atLeast: fc.boolean(), actions: fc.array(action, { maxLength: 4 }) }),
      { nil: null },
    ),
    pricing: fc.option(pricing, { nil: null }),
    remaining: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
  });

  it('offers only what the balance now covers, with the selection of this moment, and never elsewhere', () => {
    fc.assert(
      fc.property(carryOnInput, (i) => {
        const answer = carryOnFor(i);
        const w = i.waiting;
        if (!w || w.tabId !== i.tabId || w.list.path !== i.path || isExpired(w, i.now)) {
          expect(answer).toEqual({ kind: 'none' });
          return;
        }
        if (answer.kind === 'none' || answer.kind === 'waiting') {
          expect(answer.kind).toBe('waiting');
          return;
        }
        const { selection, pricing: p, remaining } = i;
        expect(selection && p && remaining !== null).toBeTruthy();
        expect(selection!.count).toBeGreaterThan(0);
        expect(selection!.actions).toContain(w.action);
        expect(answer.action).toBe(w.action);
        expect(answer.count).toBe(selection!.count);
        expect(answer.credits).toBe(perProspectCost(p!, selection!.count, w.action) * selection!.count);
        expect(answer.added).toBe(remaining! - w.remainingAtBuy);
        expect(answer.added).toBeGreaterThan(0);
        expect(answer.changed).toBe(selection!.count !== w.count || selection!.atLeast !== w.atLeast);
        if (answer.kind === 'offer') {
          expect(answer.credits).toBeLessThanOrEqual(remaining!);
          expect(answer.leftAfter).toBe(remaining! - answer.credits);
          expect(carryOnView(answer, 'en', actionName)?.continueLabel).toMatch(/^Continue/);
        } else {
          expect(answer.shortBy).toBe(answer.credits - remaining!);
          expect(answer.shortBy).toBeGreaterThan(0);
          expect(carryOnView(answer, 'en', actionName)?.continueLabel).toBeNull();
        }
      }),
    );
  });

  it('stores at most one unexpired action per tab, at most 20, and reads back what it wrote', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('remember' as const), entry: waiting, now: fc.integer({ min: NOW - 60_000, max: NOW + 60_000 }) }),
      fc.record({ kind: fc.constant('forget' as const), tabId: fc.integer({ min: 0, max: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        let store: CarryOnStore = EMPTY_CARRY_ON;
        for (const o of ops) store = o.kind === 'remember' ? remember(store, o.entry, o.now) : forgetTab(store, o.tabId);
        const tabs = store.waiting.map((w) => w.tabId);
        expect(new Set(tabs).size).toBe(tabs.length);
        expect(store.waiting.length).toBeLessThanOrEqual(MAX_WAITING);
        const read = parseCarryOnStore(JSON.parse(JSON.stringify(store)), NOW);
        expect(read.waiting).toEqual(store.waiting.filter((w) => !isExpired(w, NOW)));
      }),
    );
  });

  it('never throws on whatever storage holds', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const store = parseCarryOnStore(value, NOW);
        expect(store.version).toBe(CARRY_ON_STORE_VERSION);
        const wrapped = parseCarryOnStore({ version: 1, waiting: [value, WAITING] }, NOW);
        expect(wrapped.waiting.length).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
