// @vitest-environment node
/**
 * Adversarial: the API parsers (billing-api.md) on arbitrary JSON and on mutations of the
 * spec's valid responses. Each schema is checked against an independent, deliberately simple
 * validity predicate written from the spec (SPECS below): zod must accept exactly what the
 * predicate accepts, never throw, and never pollute a prototype. The client is then driven end
 * to end over real HTTP (the sandbox's `status` fault sends any body) on the same mutations.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect } from 'vitest';
import { createBillingClient, type BillingClient } from '@/utils/billing/client';
import type { Result } from '@/utils/billing/errors';
import {
  CatalogSchema,
  CheckoutSessionSchema,
  MeSchema,
  PortalSessionSchema,
  SummarySchema,
  UsageSchema,
} from '@/utils/billing/schemas';
import { bulkCosts, perProspectCost } from '@/utils/warning/cost';
import { EXAMPLES } from '../fixtures/snapshots';
import { sandboxHarness } from '../harness';
import { reliabilityReport } from './report';

const report = reliabilityReport('API parsers', 'adversarial-parsers.test.ts', 1);

// ---- the spec's example bodies -----------------------------------------------------------

const { summary: SUMMARY, catalog: CATALOG, usage: USAGE, checkout: CHECKOUT, portal: PORTAL, me: ME } = EXAMPLES;

// ---- an independent description of the contract, and its validity predicate ---------------

type Spec =
  | { t: 'count' | 'positive' | 'string' | 'id' | 'timestamp' | 'date' | 'currency' }
  | { t: 'nullable' | 'optional' | 'default'; of: Spec }
  | { t: 'object'; fields: Record<string, Spec>; categories?: true }
  | { t: 'array'; of: Spec }
  | { t: 'record'; of: Spec };

const count: Spec = { t: 'count' };
const str: Spec = { t: 'string' };
const id: Spec = { t: 'id' };
const ts: Spec = { t: 'timestamp' };
const obj = (fields: Record<string, Spec>): Spec => ({ t: 'object', fields });
const money = obj({ amount: count, currency: { t: 'currency' } });

const SPECS = {
  summary: obj({
    account: obj({ id, name: str, role: str }),
    plan: obj({ id, name: str, tier: str, status: str, interval: str, renewsAt: { t: 'nullable', of: ts } }),
    credits: obj({
      remaining: count,
      included: obj({ remaining: count, allowance: count, resetsAt: { t: 'nullable', of: ts } }),
      addOn: obj({ remaining: count }),
    }),
    pricing: obj({ bulkThreshold: { t: 'positive' }, bulkActions: { t: 'record', of: count }, apiCall: count, individualEnrichment: str }),
    asOf: ts,
  }),
  catalog: obj({
    packages: { t: 'array', of: obj({ id, credits: { t: 'positive' }, price: money }) },
    plans: {
      t: 'array',
      of: obj({ id, name: str, tier: str, interval: str, monthlyCredits: count, price: money, features: { t: 'default', of: { t: 'array', of: str } } }),
    },
  }),
  usage: obj({
    from: { t: 'date' },
    to: { t: 'date' },
    days: { t: 'array', of: { t: 'object', fields: { date: { t: 'date' } }, categories: true } },
  }),
  checkout: obj({ id, url: str, expiresAt: { t: 'optional', of: ts } }),
  portal: obj({ url: str }),
  me: obj({ id, email: str, accountId: id }),
} satisfies Record<string, Spec>;

const SCHEMAS = {
  summary: SummarySchema,
  catalog: CatalogSchema,
  usage: UsageSchema,
  checkout: CheckoutSessionSchema,
  portal: PortalSessionSchema,
  me: MeSchema,
};
const VALID = { summary: SUMMARY, catalog: CATALOG, usage: USAGE, checkout: CHECKOUT, portal: PORTAL, me: ME };
type Name = keyof typeof SPECS;
const NAMES = Object.keys(SPECS) as Name[];

const MAX_SAFE = 2 ** 53 - 1;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.floor(v) === v;
const isCount = (v: unknown) => isInt(v) && v >= 0 && v <= MAX_SAFE;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
function isCalendarDate(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(y), month);
}
function isIsoDate(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m !== null && isCalendarDate(m[1]!, m[2]!, m[3]!);
}
/** ISO 8601 with seconds, optional fraction, and `Z` or a `±HH:MM` offset (billing-api.md). */
function isIsoTimestamp(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/.exec(v);
  if (!m || !isCalendarDate(m[1]!, m[2]!, m[3]!)) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return false;
  return m[8] === 'Z' || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
}

/** Own keys as JSON.parse makes them; `__proto__` is never a field, so it is ignored. */
const entries = (o: Record<string, unknown>) => Object.entries(o).filter(([k]) => k !== '__proto__');

function valid(spec: Spec, v: unknown): boolean {
  switch (spec.t) {
    case 'count':
      return isCount(v);
    case 'positive':
      return isCount(v) && (v as number) > 0;
    case 'string':
      return typeof v === 'string';
    case 'id':
      return typeof v === 'string' && v.length > 0;
    case 'timestamp':
      return isIsoTimestamp(v);
    case 'date':
      return isIsoDate(v);
    case 'currency':
      return typeof v === 'string' && /^[a-z]{3}$/.test(v);
    case 'nullable':
      return v === null || valid(spec.of, v);
    case 'optional':
    case 'default':
      return v === undefined || valid(spec.of, v);
    case 'array':
      return Array.isArray(v) && v.every((x) => valid(spec.of, x));
    case 'record':
      return isPlainObject(v) && entries(v).every(([, x]) => valid(spec.of, x));
    case 'object': {
      if (!isPlainObject(v)) return false;
      const own = new Map(entries(v));
      for (const [key, field] of Object.entries(spec.fields)) if (!valid(field, own.get(key))) return false;
      // Usage days: every other numeric field is a category count; non-numbers are not categories.
      if (spec.categories) {
        for (const [key, x] of own) if (!Object.hasOwn(spec.fields, key) && typeof x === 'number' && !isCount(x)) return false;
      }
      return true;
    }
  }
}

// ---- hostile values and mutations --------------------------------------------------------

/** Values as raw JSON text, so 2^53+1 and 1e400 reach JSON.parse as the server would send them. */
const RAW_HOSTILE = [
  '0', '-0', '1', '-1', '0.5', '-0.5', '1.0', '1e2', '1e-7', '412', '4.0000000000000001',
  String(MAX_SAFE), '9007199254740992', '9007199254740993', '1e308', '1e400', '-1e400', '123456789012345678901234567890',
  '"NaN"', '"Infinity"', '"-Infinity"', '"412"', '""', '" "', '"0x1F"', '"1e3"',
  'null', 'true', 'false', '[]', '[1]', '{}', '[null]', '{"amount":1}',
  '"<img src=x onerror=alert(1)>"', '"</script><script>alert(1)</script>"', '"javascript:alert(1)"',
  '"__proto__"', '"constructor"', '"dfk_leakedleakedleakedleaked"', '"\\u0000\\u202e\\ud800"',
  '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"prototype":{"polluted":true}}',
  '"2026-11-26T04:00:00Z"', '"2026-11-26T04:00:00.123456+02:00"', '"2026-11-26T04:00Z"', '"2026-11-26"', '"2026-02-29"',
  '"2024-02-29"', '"2026-11-26T24:00:00Z"', '"2026-13-01T00:00:00Z"', '"2026-11-26 04:00:00Z"', '"usd"', '"USD"', '"euro"',
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'date', '', 'bulk', 'x'.repeat(300)];

function timestampLike(): fc.Arbitrary<string> {
  const two = (min: number, max: number) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
  return fc
    .tuple(
      fc.constantFrom('2024', '2026', '2100', '2000', '0000', '9999', '202'),
      two(0, 13),
      two(0, 32),
      fc.constantFrom('T', 't', ' '),
      two(0, 25),
      two(0, 61),
      two(0, 61),
      fc.constantFrom('', '.1', '.123456789', '.'),
      fc.constantFrom('Z', 'z', '+02:00', '-00:00', '+24:00', '+23:59', '+02:60', '+0200', ''),
    )
    .map(([y, mo, d, t, h, mi, s, frac, off]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${frac}${off}`);
}

const rawValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...RAW_HOSTILE) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 2 }) },
  { weight: 2, arbitrary: timestampLike().map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => JSON.stringify(d.toISOString().slice(0, 10))) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.maxSafeInteger()).map((n) => JSON.stringify(n)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => JSON.stringify(s)) },
);

type Path = Array<string | number>;
type Mutation =
  | { op: 'delete'; path: Path }
  | { op: 'set'; path: Path; raw: string }
  | { op: 'extra'; path: Path; key: string; raw: string };

/** Every path of a value (its nodes and leaves), root excluded. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((x, i) => [[...prefix, i], ...pathsOf(x, [...prefix, i])]);
  if (isPlainObject(value)) return Object.entries(value).flatMap(([k, x]) => [[...prefix, k], ...pathsOf(x, [...prefix, k])]);
  return [];
}
function objectPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((x, i) => objectPaths(x, [...prefix, i]));
  if (isPlainObject(value)) return [prefix, ...Object.entries(value).flatMap(([k, x]) => objectPaths(x, [...prefix, k]))];
  return [];
}

const PLACEHOLDER = '@@mutated-value@@';

/** The response body (JSON text) after one mutation of a valid body. */
function mutate(base: unknown, m: Mutation): string {
  const copy = structuredClone(base) as Record<string, unknown>;
  const parentOf = (path: Path) => path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key as string], copy) as Record<string | number, unknown>;
  let raw: string | undefined;
  if (m.op === 'delete') {
    const parent = parentOf(m.path);
    const key = m.path.at(-1)!;
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (m.op === 'set') {
    parentOf(m.path)[m.path.at(-1)!] = PLACEHOLDER;
    raw = m.raw;
  } else {
    const node = m.path.reduce<unknown>((n, key) => (n as Record<string, unknown>)[key as string], copy) as Record<string, unknown>;
    // defineProperty: a `__proto__` key must become an own property, as JSON.parse makes it.
    Object.defineProperty(node, m.key, { value: PLACEHOLDER, enumerable: true, writable: true, configurable: true });
    raw = m.raw;
  }
  const text = JSON.stringify(copy);
  return raw === undefined ? text : text.replace(JSON.stringify(PLACEHOLDER), () => raw);
}

function mutationArb(name: Name): fc.Arbitrary<Mutation> {
  const base = VALID[name];
  const paths = pathsOf(base);
  const objects = objectPaths(base);
  return fc.oneof(
    fc.constantFrom(...paths).map((path): Mutation => ({ op: 'delete', path })),
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...paths), rawValue).map(([path, raw]): Mutation => ({ op: 'set', path, raw })) },
    fc
      .tuple(fc.constantFrom(...objects), fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 12 })), rawValue)
      .map(([path, key, raw]): Mutation => ({ op: 'extra', path, key, raw })),
  );
}

const POLLUTION_PROBES = ['polluted', 'isAdmin', 'toJSON'];
function expectNoPollution() {
  for (const probe of POLLUTION_PROBES) {
    expect(Object.prototype).not.toHaveProperty(probe);
    expect(({} as Record<string, unknown>)[probe]).toBeUndefined();
  }
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/** Every object of a parsed value has a plain prototype: nothing was re-parented. */
function plainThroughout(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(plainThroughout);
  if (typeof value === 'object' && value !== null) {
    return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(plainThroughout);
  }
  return true;
}

function parseText(name: Name, text: string): { accepted: boolean; expected: boolean; data: unknown } {
  const json: unknown = JSON.parse(text);
  const result = SCHEMAS[name].safeParse(json);
  return { accepted: result.success, expected: valid(SPECS[name], json), data: result.success ? result.data : undefined };
}

// ---- the checks --------------------------------------------------------------------------

describe('parsers on mutations of valid responses', () => {
  report.check('the spec examples are valid for both zod and the independent predicate', (t) => {
    for (const name of NAMES) {
      const { accepted, expected } = parseText(name, JSON.stringify(VALID[name]));
      expect([name, accepted, expected]).toEqual([name, true, true]);
      t.add({ cases: 1 });
    }
  });

  for (const name of NAMES) {
    report.check(`${name}: one missing, extra or wrong-typed field → accepted iff the predicate holds, never throws`, (t) => {
      fc.assert(
        fc.property(mutationArb(name), (m) => {
          const text = mutate(VALID[name], m);
          const { accepted, expected, data } = parseText(name, text);
          if (accepted !== expected) throw new Error(`${m.op} ${m.path.join('.')} → ${text}: zod ${accepted}, predicate ${expected}`);
          if (accepted) expect(plainThroughout(data)).toBe(true);
          t.add({ cases: 1, badInputs: expected ? 0 : 1 });
        }),
        { numRuns: 200 },
      );
      expectNoPollution();
    });
  }

  report.check('arbitrary JSON (any shape) → rejected unless the predicate holds, never throws', (t) => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.jsonValue({ maxDepth: 4 }), (name, json) => {
        const result = SCHEMAS[name].safeParse(json);
        expect(result.success).toBe(valid(SPECS[name], json));
        t.add({ cases: 1, badInputs: result.success ? 0 : 1 });
      }),
      { numRuns: 200 },
    );
    expectNoPollution();
  });

  report.check('non-JSON values a caller could pass (NaN, Infinity, undefined, functions, symbols, class instances) → rejected', (t) => {
    const weird: unknown[] = [NaN, Infinity, -Infinity, undefined, () => 1, Symbol('x'), new Date(), new Map(), /re/, 10n, Object.create(null)];
    for (const name of NAMES) {
      for (const value of weird) {
        expect(SCHEMAS[name].safeParse(value).success).toBe(false);
        // The same values inside an otherwise valid body, at every leaf.
        for (const path of pathsOf(VALID[name])) {
          const copy = structuredClone(VALID[name]) as Record<string, unknown>;
          const parent = path.slice(0, -1).reduce<unknown>((n, k) => (n as Record<string, unknown>)[k as string], copy) as Record<string | number, unknown>;
          parent[path.at(-1)!] = value;
          expect(() => SCHEMAS[name].safeParse(copy)).not.toThrow();
          t.add({ cases: 1, badInputs: 1 });
        }
      }
    }
  });

  report.check('2^53+1, 1e400 and "NaN" never become a balance; 2^53−1 does', (t) => {
    const at = (raw: string) => mutate(SUMMARY, { op: 'set', path: ['credits', 'remaining'], raw });
    for (const raw of ['9007199254740993', '9007199254740992', '1e400', '-1e400', '"NaN"', '"Infinity"', '-1', '412.5']) {
      expect(SummarySchema.safeParse(JSON.parse(at(raw))).success).toBe(false);
      t.add({ cases: 1, badInputs: 1 });
    }
    expect(SummarySchema.parse(JSON.parse(at(String(MAX_SAFE)))).credits.remaining).toBe(MAX_SAFE);
    t.add({ cases: 1 });
  });

  report.check('`__proto__` and `constructor` keys: no pollution, never read as a price or a category', (t) => {
    const hostileActions =
      '{"__proto__":{"enrich":999,"polluted":true},"constructor":{"prototype":{"polluted":true}},"toString":5,"enrich":1}';
    const text = mutate(SUMMARY, { op: 'set', path: ['pricing', 'bulkActions'], raw: hostileActions });
    // `constructor` is an object, not a count: the whole response is refused.
    expect(SummarySchema.safeParse(JSON.parse(text)).success).toBe(false);
    const numeric = mutate(SUMMARY, { op: 'set', path: ['pricing', 'bulkActions'], raw: '{"__proto__":{"enrich":999},"toString":5,"enrich":1}' });
    const parsed = SummarySchema.parse(JSON.parse(numeric));
    expect(Object.getPrototypeOf(parsed.pricing.bulkActions)).toBe(Object.prototype);
    expect(parsed.pricing.bulkActions).toEqual({ toString: 5, enrich: 1 });
    expect(perProspectCost(parsed.pricing, 100, 'enrich')).toBe(1);
    expect(perProspectCost(parsed.pricing, 100, 'constructor')).toBe(0);
    expect(perProspectCost(parsed.pricing, 100, '__proto__')).toBe(0);
    expect(bulkCosts(parsed.pricing, 100, ['hasOwnProperty', 'valueOf', '__proto__']).length).toBe(0);
    const day = '{"date":"2026-11-25","__proto__":{"polluted":true},"constructor":3,"api":1}';
    const usage = UsageSchema.parse(JSON.parse(mutate(USAGE, { op: 'set', path: ['days', 0], raw: day })));
    expect(Object.getPrototypeOf(usage.days[0])).toBe(Object.prototype);
    expect(usage.days[0]).toEqual({ date: '2026-11-25', constructor: 3, api: 1 });
    expectNoPollution();
    t.add({ cases: 3, badInputs: 3 });
  });
});

describe('10 MB strings', () => {
  const TEN_MB = 10 * 1024 * 1024;
  let big: string;
  beforeAll(() => {
    big = 'A'.repeat(TEN_MB - 16) + '<b>&amp;</b>\u202e!';
  });

  /** The spec of the value at `path` (array indices step into the element spec). */
  function specAt(spec: Spec, path: Path): Spec {
    let node = spec;
    for (const key of path) {
      while (node.t === 'nullable' || node.t === 'optional' || node.t === 'default') node = node.of;
      if (node.t === 'array' || node.t === 'record') node = node.of;
      else if (node.t === 'object') node = node.fields[key as string] ?? { t: 'count' };
    }
    return node;
  }

  report.check('a 10 MB string in each kind of string field parses (or is refused) in well under a second, never throws', (t) => {
    const raw = JSON.stringify(big);
    for (const name of NAMES) {
      const kinds = new Set<string>();
      for (const path of pathsOf(VALID[name])) {
        const leaf = path.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k as string], VALID[name]);
        const kind = JSON.stringify(specAt(SPECS[name], path));
        if (typeof leaf !== 'string' || kinds.has(kind)) continue;
        kinds.add(kind);
        const text = mutate(VALID[name], { op: 'set', path, raw });
        const started = performance.now();
        const { accepted, expected } = parseText(name, text);
        expect(performance.now() - started).toBeLessThan(1500);
        expect(accepted).toBe(expected);
        t.add({ cases: 1, badInputs: expected ? 0 : 1 });
      }
    }
  }, 60_000);

  report.check('a 10 MB key (an unknown field) is ignored', (t) => {
    const text = mutate(SUMMARY, { op: 'extra', path: [], key: big, raw: '1' });
    const parsed = SummarySchema.parse(JSON.parse(text));
    expect(Object.keys(parsed)).toEqual(Object.keys(SUMMARY));
    t.add({ cases: 1 });
  });
});

// ---- end to end: the client over real HTTP -----------------------------------------------

describe('the client end to end (sandbox, any 200 body)', () => {
  const sandbox = sandboxHarness();
  let client: BillingClient;
  beforeAll(() => {
    client = createBillingClient({ apiOrigin: sandbox.apiUrl, apiKey: sandbox.demoKey, sleep: async () => {}, timeoutMs: 2_000 });
  });

  const CALLS: Record<Exclude<Name, 'checkout' | 'portal'>, [endpoint: 'summary' | 'catalog' | 'usage' | 'me', call: () => Promise<Result<unknown>>]> = {
    summary: ['summary', () => client.getSummary()],
    catalog: ['catalog', () => client.getCatalog()],
    usage: ['usage', () => client.getUsage(30)],
    me: ['me', () => client.getMe()],
  };
  const E2E = Object.keys(CALLS) as Array<keyof typeof CALLS>;

  report.check('a mutated 200 body → ok with exactly the parsed value iff valid, else invalid_response; one request, never a throw', async (t) => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...E2E).chain((name) => fc.tuple(fc.constant(name), mutationArb(name))),
        async ([name, m]) => {
          const text = mutate(VALID[name], m);
          const [endpoint, call] = CALLS[name];
          sandbox.resetRequests();
          sandbox.setFault(endpoint, { type: 'status', status: 200, body: text, times: 1 });
          const result = await call();
          const { expected, data } = parseText(name, text);
          if (expected) expect(result).toEqual({ ok: true, value: data });
          else expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_response' } });
          expect(sandbox.requests().total).toBe(1); // invalid 2xx bodies are not retried
          t.add({ cases: 1, faults: 1, badInputs: expected ? 0 : 1 });
        },
      ),
      { numRuns: 30 },
    );
    expectNoPollution();
  });

  report.check('checkout and portal sessions: a mutated 201 body → a session only when valid', async (t) => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<'checkout' | 'portal'>('checkout', 'portal').chain((name) => fc.tuple(fc.constant(name), mutationArb(name))), async ([name, m]) => {
        const text = mutate(VALID[name], m);
        sandbox.setFault(name, { type: 'status', status: 201, body: text, times: 1 });
        const result =
          name === 'checkout'
            ? await client.createCheckoutSession({ packageId: 'pkg_100' }, '0b8e0f7c-3a4d-4b6e-9f21-5c7d8e9fa0b1')
            : await client.createPortalSession();
        const { expected } = parseText(name, text);
        expect(result.ok).toBe(expected);
        if (!result.ok) expect(result.error.kind).toBe('invalid_response');
        t.add({ cases: 1, faults: 1, badInputs: expected ? 0 : 1 });
      }),
      { numRuns: 30 },
    );
  });

  report.check('arbitrary bytes as a 200 body (not JSON, JSON of any shape, HTML, 10 MB) → a Result, never a throw', async (t) => {
    const bodies = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.constantFrom('', ' ', 'null', '{', '<html><body>502</body></html>', '\u0000\u0001', '{"account":', '[]'.repeat(1000)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        sandbox.setFault('summary', { type: 'status', status: 200, body, times: 1 });
        const result = await client.getSummary();
        expect(result.ok).toBe(false);
        t.add({ cases: 1, faults: 1, badInputs: 1 });
      }),
      { numRuns: 30 },
    );
    const huge = JSON.stringify({ ...SUMMARY, account: { ...SUMMARY.account, name: 'x'.repeat(10 * 1024 * 1024) } });
    sandbox.setFault('summary', { type: 'status', status: 200, body: huge, times: 1 });
    const result = await client.getSummary();
    // billing-api.md "Sizes": a body over 1 MB is an error (it is not even read to the end).
    expect(result.ok ? 'ok' : result.error.kind).toBe('invalid_response');
    t.add({ cases: 1, faults: 1, badInputs: 1 });
  }, 30_000);
});
