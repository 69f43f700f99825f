import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { pageStateFor } from '@/utils/background/tabs';
import { classifySender, type PageState } from '@/utils/messages';
import { LimitSchema } from '@/utils/limits/schema';
import { MAX_LIMIT } from '@/utils/limits/rules';
import { appOriginOf, DEFAULT_SETTINGS, type Settings } from '@/utils/settings';
import { SnapshotSchema, type Snapshot } from '@/utils/snapshot';
import { CARRY_ON_STORE_VERSION, parseCarryOnStore } from '@/utils/warning/carry-on';
import { CONFIRMATION_MODES } from '@/utils/warning/cost';
import { readPageState, readPageStatePush, readWaitingAction } from '@/utils/warning/page-state-check';
import { catalog, NOW, SIGNED_OUT, signedIn, summary, usage, waitingAction } from '../fixtures/snapshots';
import { withAt } from '../fixtures/with-at';

/**
 * The content script's hand-written check of the page state (utils/warning/page-state-check.ts,
 * issue 19: no zod in the warning's file). It must accept exactly what the background writes —
 * pageStateFor's output, through the runtime's JSON — and nothing else; the zod schemas the
 * background validated its snapshot with are the reference.
 */

/** What a message carries: Chromium serialises extension messages as JSON. */
const delivered = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const waiting = waitingAction;

/** A snapshot as the background holds it: read through its schema. */
const held = (snapshot: Snapshot): Snapshot => SnapshotSchema.parse(snapshot);

const APP = appOriginOf(DEFAULT_SETTINGS);

/**
 * The reference: a page state the background could have written. Its snapshot comes out of
 * SnapshotSchema unchanged, with no user and no usage history (pageStateFor drops them); the
 * settings' fields pass the settings' schemas; no key more; the optional ones may be absent.
 */
const ReferenceSchema = z.strictObject({
  snapshot: z.unknown(),
  confirmation: z.enum(CONFIRMATION_MODES),
  costLabels: z.optional(z.boolean()),
  limits: z.optional(z.strictObject({ askOver: LimitSchema, blockOver: LimitSchema, weeklyBudget: LimitSchema })),
  spentThisWeek: z.optional(z.int().check(z.nonnegative())),
  carryOn: z.optional(z.unknown()),
});

function backgroundCouldWrite(value: unknown): boolean {
  const state = ReferenceSchema.safeParse(value);
  if (!state.success || !isDeepStrictEqual(state.data, value)) return false;
  const snapshot = SnapshotSchema.safeParse(state.data.snapshot);
  if (!snapshot.success || !isDeepStrictEqual(snapshot.data, state.data.snapshot)) return false;
  return snapshot.data.me === null && snapshot.data.usage === null && snapshot.data.usageFetchedAt === null;
}

describe('readPageState: what pageStateFor writes, delivered as a message', () => {
  const snapshots: [string, Snapshot][] = [
    ['signed out', SIGNED_OUT],
    ['signed in, with the user and the usage history (which pages are not told)', signedIn({}, { usage: usage() })],
    ['a free account, short', signedIn({ tier: 'free', remaining: 20 })],
    ['no catalog yet', signedIn({}, { catalog: null, catalogFetchedAt: null })],
    ['an empty catalog', signedIn({}, { catalog: catalog({ packages: [], plans: [] }) })],
    ['a failure with a retry time', signedIn({}, { lastError: { kind: 'rate_limited', message: 'Too many requests.', at: NOW, retryAt: NOW + 60_000 } })],
    ['a purchase being created', signedIn({}, { purchase: { item: { packageId: 'pkg_50' }, state: 'creating', startedAt: NOW, error: null } })],
    ['a failed plan purchase', signedIn({}, { purchase: { item: { planId: 'plan_pro' }, state: 'failed', startedAt: NOW, error: 'Declined.' } })],
    ['a checkout watched', signedIn({}, { checkoutWatchUntil: NOW + 120_000 })],
    ['renewal and reset unknown', signedIn({}, { summary: summary({ plan: { renewsAt: null }, credits: { included: { resetsAt: null } } }) })],
  ];
  const settingsList: Settings[] = [
    DEFAULT_SETTINGS,
    { ...DEFAULT_SETTINGS, confirmation: 'short', costLabels: false },
    { ...DEFAULT_SETTINGS, confirmation: 'off', askOver: 0, blockOver: MAX_LIMIT, weeklyBudget: 500 },
    { ...DEFAULT_SETTINGS, extraSites: ['https://crm.example'] },
  ];

  it('accepts every state the background writes, for the app and for an extra site, and reads it unchanged', () => {
    for (const [what, snapshot] of snapshots) {
      for (const settings of settingsList) {
        for (const origin of [APP, 'https://crm.example']) {
          for (const carryOn of [null, waiting()]) {
            const written = delivered(pageStateFor(held(snapshot), settings, origin, carryOn, 140));
            expect(readPageState(written), `${what}, ${origin}`).toEqual(written);
            expect(readPageStatePush({ type: 'pageState', state: written }), what).toEqual(written);
            expect(backgroundCouldWrite(written), what).toBe(true);
          }
        }
      }
    }
  });

  it('accepts a state without the optional fields (the contract: utils/messages.ts, PageState)', () => {
    const minimal: PageState = { snapshot: delivered(pageStateFor(held(signedIn()), DEFAULT_SETTINGS, APP).snapshot), confirmation: 'always' };
    expect(readPageState(minimal)).toEqual(minimal);
  });

  it('rejects each way a state can differ from what the background writes', () => {
    const base = delivered(pageStateFor(held(signedIn()), DEFAULT_SETTINGS, APP, waiting(), 140));
    const bad: [string, unknown][] = [
      ['nothing', undefined],
      ['null', null],
      ['a list', [base]],
      ['the user (e-mail) in the snapshot', withAt(base, ['snapshot', 'me'], { id: 'usr_1', email: 'ana@acme.test', accountId: 'acc_1' })],
      ['the usage history in the snapshot', withAt(base, ['snapshot', 'usage'], usage())],
      ['a usage fetch time', withAt(base, ['snapshot', 'usageFetchedAt'], NOW)],
      ['no snapshot', withAt(base, ['snapshot'], undefined)],
      ['a snapshot without signedIn', withAt(base, ['snapshot', 'signedIn'], undefined)],
      ['signedIn as text', withAt(base, ['snapshot', 'signedIn'], 'true')],
      ['an extra key', { ...base, extra: 1 }],
      ['an extra key in the snapshot', withAt(base, ['snapshot', 'apiKey'], 'dfk_x')],
      ['an extra key in the credits', withAt(base, ['snapshot', 'summary', 'credits', 'bonus'], 5)],
      ['a negative balance', withAt(base, ['snapshot', 'summary', 'credits', 'remaining'], -1)],
      ['a fractional balance', withAt(base, ['snapshot', 'summary', 'credits', 'remaining'], 0.5)],
      ['a bulk threshold of 0', withAt(base, ['snapshot', 'summary', 'pricing', 'bulkThreshold'], 0)],
      ['a package of 0 credits', withAt(base, ['snapshot', 'catalog', 'packages', 0, 'credits'], 0)],
      ['a price in an odd currency code', withAt(base, ['snapshot', 'catalog', 'packages', 0, 'price', 'currency'], 'EUR')],
      ['a plan without features (the schema defaults them)', withAt(base, ['snapshot', 'catalog', 'plans', 0, 'features'], undefined)],
      ['a purchase of a package and a plan at once', withAt(base, ['snapshot', 'purchase'], { item: { packageId: 'p', planId: 'q' }, state: 'open', startedAt: NOW, error: null })],
      ['a purchase in an unknown state', withAt(base, ['snapshot', 'purchase'], { item: { packageId: 'p' }, state: 'paid', startedAt: NOW, error: null })],
      ['a fetch time before 1970', withAt(base, ['snapshot', 'fetchedAt'], -1)],
      ['a failure without a retry field', withAt(base, ['snapshot', 'lastError'], { kind: 'network', message: 'x', at: NOW })],
      ['no confirmation mode', withAt(base, ['confirmation'], undefined)],
      ['a confirmation mode in capitals', { ...base, confirmation: 'OFF' }],
      ['cost labels as text', { ...base, costLabels: 'false' }],
      ['a negative limit', withAt(base, ['limits', 'blockOver'], -5)],
      ['a limit over the largest', withAt(base, ['limits', 'weeklyBudget'], MAX_LIMIT + 1)],
      ['a limit missing', withAt(base, ['limits', 'askOver'], undefined)],
      ['a fractional week total', { ...base, spentThisWeek: 1.5 }],
      ['a __proto__ key', JSON.parse(`{"__proto__":{"confirmation":"off"},${JSON.stringify(base).slice(1)}`)],
    ];
    for (const [what, value] of bad) {
      expect(backgroundCouldWrite(value), what).toBe(false);
      expect(readPageState(value), what).toBeNull();
      expect(readPageStatePush({ type: 'pageState', state: value }), what).toBeNull();
    }
    expect(readPageStatePush({ type: 'pageState', state: base, extra: 1 })).toBeNull();
    expect(readPageStatePush({ type: 'pagestate', state: base })).toBeNull();
    expect(readPageStatePush(base)).toBeNull();
  });

  it('accepts a state exactly when the background could have written it (random edits, against the zod schemas)', () => {
    const base = delivered(
      pageStateFor(
        held(signedIn({}, { lastError: { kind: 'network', message: 'x', at: NOW, retryAt: null }, purchase: { item: { packageId: 'pkg_50' }, state: 'open', startedAt: NOW, error: null } })),
        { ...DEFAULT_SETTINGS, askOver: 100 },
        APP,
        waiting(),
        140,
      ),
    );
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (typeof value === 'object' && value !== null) for (const [key, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(key) : key]);
    };
    walk(base, []);
    paths.push(['snapshot', 'summary', 'extra'], ['limits', 'extra'], ['snapshot', 'purchase', 'item', 'planId']);
    const strings = fc.oneof(
      fc.string(),
      fc.constantFrom('', 'always', 'short', 'off', 'creating', 'open', 'failed', 'usd', 'USD', 'pkg_50', '2026-11-26T04:00:00Z', '2026-02-30T00:00:00Z'),
      fc.string({ minLength: 199, maxLength: 202 }),
    );
    const leaf = fc.oneof(strings, fc.integer(), fc.constantFrom(-1, 0, 1, 1.5, 2 ** 53, MAX_LIMIT, MAX_LIMIT + 1, Number.MAX_SAFE_INTEGER), fc.boolean(), fc.constant(null));
    const replacement = fc.oneof(leaf, fc.constant(undefined), fc.array(leaf, { maxLength: 2 }), fc.dictionary(fc.constantFrom('id', 'packageId', 'planId', 'x'), leaf, { maxKeys: 2 }));
    const edit = fc.record({ path: fc.constantFrom(...paths.filter((p) => p.length > 0)), value: replacement });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 0, maxLength: 3 }), (edits) => {
        let value: unknown = base;
        for (const { path, value: v } of edits) value = withAt(value, path, v);
        value = delivered(value);
        const read = readPageState(value);
        expect(read !== null).toBe(backgroundCouldWrite(value));
        if (read) expect(read).toEqual(value);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('readWaitingAction: the action waiting to carry on, as the background stores it', () => {
  /** Stored by the background: its schema (parseCarryOnStore), for a page as the sender's origin and path. */
  function backgroundCouldStore(value: unknown): boolean {
    const boughtAt = (value as { boughtAt?: unknown } | null)?.boughtAt;
    const now = typeof boughtAt === 'number' && Number.isFinite(boughtAt) ? boughtAt : NOW;
    const [stored] = parseCarryOnStore({ version: CARRY_ON_STORE_VERSION, waiting: [value] }, now).waiting;
    if (!stored || !isDeepStrictEqual(stored, value)) return false;
    const sender = classifySender({ id: 'x', url: stored.page, tab: { id: 1 }, frameId: 0 }, 'x', 'chrome-extension://x');
    return sender?.kind === 'content-script' && sender.page === stored.page;
  }

  it('accepts what the background stores and reads it unchanged', () => {
    for (const entry of [
      waiting(),
      waiting({ page: 'http://localhost:8787/', list: { kind: 'aria', path: '/', name: '', index: 1000 }, atLeast: true, count: 0 }),
      waiting({ action: 'add-to-campaign', count: 10_000_000, remainingAtBuy: 0, boughtAt: 0 }),
    ]) {
      expect(backgroundCouldStore(entry)).toBe(true);
      expect(readWaitingAction(delivered(entry))).toEqual(entry);
    }
  });

  it('rejects each way an entry can differ from what the background stores', () => {
    const bad: [string, unknown][] = [
      ['null', null],
      ['a page with a query', waiting({ page: 'https://app.deskflow.app/prospects?q=1' })],
      ['a page that is not http(s)', waiting({ page: 'javascript:alert(1)' })],
      ['a page that is not a URL', waiting({ page: 'prospects' })],
      ['an action in capitals', waiting({ action: 'Enrich' })],
      ['an action with a space', waiting({ action: 'enrich all' })],
      ['a count over the largest selection', waiting({ count: 10_000_001 })],
      ['a list path without a slash', withAt(waiting(), ['list', 'path'], 'prospects')],
      ['a list of another kind', withAt(waiting(), ['list', 'kind'], 'table')],
      ['a list index over 1000', withAt(waiting(), ['list', 'index'], 1001)],
      ['an extra key', { ...waiting(), secret: 1 }],
      ['a negative purchase time', waiting({ boughtAt: -1 })],
      ['a tab of -1', waiting({ tabId: -1 })],
    ];
    for (const [what, value] of bad) {
      expect(backgroundCouldStore(value), what).toBe(false);
      expect(readWaitingAction(value), what).toBeNull();
    }
  });

  it('accepts an entry exactly when the background could have stored it (random edits, against its schema)', () => {
    const base = waiting();
    const paths = [['tabId'], ['page'], ['list'], ['list', 'kind'], ['list', 'path'], ['list', 'name'], ['list', 'index'], ['action'], ['count'], ['atLeast'], ['remainingAtBuy'], ['boughtAt'], ['extra'], ['list', 'extra']];
    const leaf = fc.oneof(
      fc.string(),
      fc.constantFrom('', '/', '/prospects', 'deskflow', 'aria', 'enrich', 'add-to-campaign', 'https://crm.example/leads', 'https://crm.example/leads#x', 'http://localhost:8787/a/b', 'ftp://x.test/'),
      fc.integer(),
      fc.constantFrom(-1, 0, 1.5, 1000, 1001, 10_000_000, 10_000_001, 2 ** 53, Infinity),
      fc.boolean(),
      fc.constant(null),
    );
    const edit = fc.record({ path: fc.constantFrom(...paths), value: fc.oneof(leaf, fc.constant(undefined)) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 0, maxLength: 3 }), (edits) => {
        let value: unknown = base;
        for (const { path, value: v } of edits) value = withAt(value, path, v);
        const read = readWaitingAction(value);
        expect(read !== null).toBe(backgroundCouldStore(value));
        if (read) expect(read).toEqual(value);
      }),
      { numRuns: 3000 },
    );
  });
});
