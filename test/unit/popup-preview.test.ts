import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildConfig, originOf } from '@/utils/config';
import { popupPathFor, popupPreviewOf } from '@/utils/popup-preview';
import { readPopupPreview, type PopupPreview } from '@/utils/popup-preview-read';
import { MAX_NAME_LENGTH, SummarySchema, UsageSchema, type Usage } from '@/utils/billing/schemas';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { NAME_MAX } from '@/utils/shape-check';
import { SIGNED_OUT, signedIn, summary, usage } from '../fixtures/snapshots';
import { withAt } from '../fixtures/with-at';

// Typed loosely: a usage day is `date` plus one number per category (the schema's catchall).
const USAGE = { from: '2026-10-28', to: '2026-11-26', days: [{ date: '2026-11-24', bulk: 60, api: 4 }] } as unknown as Usage;

/** The fragment of a popup path, as `location.hash` reads it in the opened popup. */
const hashOf = (path: string) => new URL(path, 'chrome-extension://abcdefghijklmnop/').hash;

describe('popupPreviewOf: only the everyday case has a preview', () => {
  it('signed in with a summary and nothing failed: the summary, the usage and the app to link to', () => {
    const snapshot = signedIn({}, { usage: USAGE });
    expect(popupPreviewOf(snapshot, DEFAULT_SETTINGS)).toEqual({
      summary: snapshot.summary,
      usage: USAGE,
      appOrigin: buildConfig.appOrigin,
    });
    expect(popupPreviewOf(snapshot, { ...DEFAULT_SETTINGS, appOrigin: 'https://app.acme.test' })?.appOrigin).toBe('https://app.acme.test');
  });

  it('signed out, no summary yet, or a failure to show first: no preview (React paints those)', () => {
    expect(popupPreviewOf(SIGNED_OUT, DEFAULT_SETTINGS)).toBeNull();
    expect(popupPreviewOf(signedIn({}, { summary: null }), DEFAULT_SETTINGS)).toBeNull();
    const failed = signedIn({}, { lastError: { kind: 'network', message: 'Deskflow did not answer.', at: 1, retryAt: null } });
    expect(popupPreviewOf(failed, DEFAULT_SETTINGS)).toBeNull();
  });
});

describe('popupPathFor / readPopupPreview', () => {
  const preview: PopupPreview = { summary: signedIn().summary!, usage: USAGE, appOrigin: 'https://app.acme.test' };

  it('the plain page without a preview', () => {
    expect(popupPathFor(null)).toBe('/popup.html');
    expect(readPopupPreview(hashOf(popupPathFor(null)))).toBeNull();
  });

  it('round-trips the preview through the popup URL, names with any characters included', () => {
    const odd: PopupPreview = { ...preview, summary: { ...preview.summary, account: { ...preview.summary.account, name: 'Ünïcode & #1 "Sales" 100%/50' } } };
    for (const p of [preview, odd, { ...preview, usage: null }]) {
      const path = popupPathFor(p);
      expect(path.startsWith('/popup.html#')).toBe(true);
      expect(readPopupPreview(hashOf(path))).toEqual(p);
    }
  });

  it('anything else in the fragment is no preview, never an error', () => {
    const encode = (value: unknown) => `#${encodeURIComponent(JSON.stringify(value))}`;
    const bad = [
      '',
      '#',
      '#not-json',
      '#%E0%A4%A', // not URI-encoded text
      encode(null),
      encode([preview]),
      encode({ ...preview, appOrigin: 'javascript:alert(1)' }), // the links must go to an http(s) app
      encode({ ...preview, summary: { ...preview.summary, credits: { ...preview.summary.credits, remaining: -5 } } }),
      encode({ summary: preview.summary, appOrigin: preview.appOrigin }), // usage missing (null is explicit)
    ];
    for (const hash of bad) expect(readPopupPreview(hash), hash).toBeNull();
  });
});


const fragmentOf = (value: unknown) => `#${encodeURIComponent(JSON.stringify(value))}`;

/**
 * What the background can write: a preview whose summary and usage come out of the API's zod
 * schemas unchanged (the snapshot holds their output) and an http(s) origin as URL writes it.
 */
function backgroundCouldWrite(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { summary: s, usage: u, appOrigin, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !('usage' in value)) return false;
  const parsedSummary = SummarySchema.safeParse(s);
  if (!parsedSummary.success || !isDeepStrictEqual(parsedSummary.data, s)) return false;
  if (u !== null) {
    const parsedUsage = UsageSchema.safeParse(u);
    if (!parsedUsage.success || !isDeepStrictEqual(parsedUsage.data, u)) return false;
  }
  try {
    return typeof appOrigin === 'string' && originOf(appOrigin, 'app') === appOrigin;
  } catch {
    return false;
  }
}

describe('the hand-written shape check (no zod in the popup\'s first script)', () => {
  const base: PopupPreview = { summary: summary(), usage: usage(), appOrigin: 'https://app.acme.test' };

  it('round-trips what the background writes: popupPreviewOf → popupPathFor → readPopupPreview', () => {
    const withSummary = (over: Parameters<typeof summary>[0], withUsage: Usage | null = null) => signedIn({}, { summary: summary(over), usage: withUsage });
    const snapshots = [
      signedIn(),
      signedIn({}, { usage: usage() }),
      signedIn({}, { usage: usage([]) }),
      signedIn({}, { usage: usage([{ date: '2024-02-29', bulk: 0, newCategory: 9 }]) }),
      withSummary({ plan: { renewsAt: null, status: 'past_due' }, credits: { included: { resetsAt: null } } }, usage()),
      withSummary({ credits: { remaining: 0, included: { remaining: 0, allowance: 0 }, addOn: { remaining: 0 } } }),
      withSummary({ account: { name: 'x'.repeat(MAX_NAME_LENGTH) }, plan: { name: '🙂'.repeat(MAX_NAME_LENGTH) } }),
      withSummary({ pricing: { bulkActions: {} }, asOf: '2026-11-26T04:00:00.123+05:30' }),
      withSummary({ credits: { remaining: Number.MAX_SAFE_INTEGER } }),
    ];
    const settingsList = [DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, appOrigin: 'http://localhost:8787' }, { ...DEFAULT_SETTINGS, appOrigin: 'https://app.acme.test' }];
    for (const snapshot of snapshots) {
      // The summary as the background holds it: the API's answer through its schema.
      const parsed = { ...snapshot, summary: SummarySchema.parse(snapshot.summary), usage: snapshot.usage && UsageSchema.parse(snapshot.usage) };
      for (const settings of settingsList) {
        const written = popupPreviewOf(parsed, settings);
        expect(written).not.toBeNull();
        expect(readPopupPreview(hashOf(popupPathFor(written)))).toEqual(written);
      }
    }
  });

  it('the name limit is the schemas\' one', () => {
    expect(NAME_MAX).toBe(MAX_NAME_LENGTH);
  });

  it('rejects each way a fragment can differ from what the background writes', () => {
    const bad: [string, unknown][] = [
      ['javascript: app origin', { ...base, appOrigin: 'javascript:alert(1)' }],
      ['JavaScript: app origin, any case', { ...base, appOrigin: 'JaVaScRiPt:alert(document.domain)//' }],
      ['data: app origin', { ...base, appOrigin: 'data:text/html,<script>alert(1)</script>' }],
      ['chrome-extension: app origin', { ...base, appOrigin: 'chrome-extension://abcdefghijklmnop' }],
      ['an app origin with a path', { ...base, appOrigin: 'https://app.acme.test/settings' }],
      ['an app origin with a trailing slash', { ...base, appOrigin: 'https://app.acme.test/' }],
      ['an app origin with credentials', { ...base, appOrigin: 'https://user:pw@app.acme.test' }],
      ['a number as the app origin', { ...base, appOrigin: 42 }],
      ['an extra key', { ...base, extra: 1 }],
      ['an extra key in the summary', withAt(base, ['summary', 'secret'], 'x')],
      ['an extra key in the credits', withAt(base, ['summary', 'credits', 'included', 'bonus'], 1)],
      ['a __proto__ key', JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(base).slice(1)}`)],
      ['summary missing', withAt(base, ['summary'], undefined)],
      ['summary null', { ...base, summary: null }],
      ['plan missing', withAt(base, ['summary', 'plan'], undefined)],
      ['a negative balance', withAt(base, ['summary', 'credits', 'remaining'], -5)],
      ['a fractional balance', withAt(base, ['summary', 'credits', 'remaining'], 1.5)],
      ['an unsafe integer', withAt(base, ['summary', 'credits', 'remaining'], 2 ** 53)],
      ['a balance as a string', withAt(base, ['summary', 'credits', 'remaining'], '412')],
      ['a bulk threshold of 0', withAt(base, ['summary', 'pricing', 'bulkThreshold'], 0)],
      ['a negative bulk action price', withAt(base, ['summary', 'pricing', 'bulkActions', 'enrich'], -1)],
      ['an empty account id', withAt(base, ['summary', 'account', 'id'], '')],
      ['a name longer than the API\'s limit', withAt(base, ['summary', 'account', 'name'], 'x'.repeat(MAX_NAME_LENGTH + 1))],
      ['a name as a number', withAt(base, ['summary', 'plan', 'name'], 7)],
      ['a date that does not exist', withAt(base, ['summary', 'plan', 'renewsAt'], '2026-02-30T00:00:00Z')],
      ['hour 24', withAt(base, ['summary', 'credits', 'included', 'resetsAt'], '2026-12-01T24:00:00Z')],
      ['a timestamp without an offset', withAt(base, ['summary', 'asOf'], '2026-11-26T04:00:00')],
      ['a timestamp without seconds', withAt(base, ['summary', 'asOf'], '2026-11-26T04:00Z')],
      ['a timestamp as a number', withAt(base, ['summary', 'asOf'], Date.UTC(2026, 10, 26))],
      ['usage as an array', { ...base, usage: [] }],
      ['a usage day without a date', withAt(base, ['usage', 'days', 0, 'date'], undefined)],
      ['a usage day with a text field (the schema drops those)', withAt(base, ['usage', 'days', 0, 'note'], 'x')],
      ['a usage day with a negative count', withAt(base, ['usage', 'days', 0, 'bulk'], -1)],
      ['a usage day on 2026-02-29', withAt(base, ['usage', 'days', 0, 'date'], '2026-02-29')],
      ['usage days not a list', withAt(base, ['usage', 'days'], {})],
    ];
    for (const [what, value] of bad) {
      expect(backgroundCouldWrite(value), what).toBe(false);
      expect(readPopupPreview(fragmentOf(value)), what).toBeNull();
    }
  });

  it('accepts a fragment exactly when the background could have written it (random edits, against the zod schemas)', () => {
    // Every place in the preview, and values of every kind to put there (JSON only: a URL fragment).
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (typeof value === 'object' && value !== null) for (const [key, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(key) : key]);
    };
    walk(base, []);
    const strings = fc.oneof(
      fc.string(),
      fc.constantFrom('', 'javascript:alert(1)', 'https://app.acme.test', 'https://app.acme.test/', 'http://localhost:8787', 'ftp://x.test'),
      fc.constantFrom('2026-11-26', '2024-02-29', '2026-02-29', '2026-13-01', '2026-11-26T04:00:00Z', '2026-11-26T04:00:00.5-03:30', '2026-11-26T24:00:00Z', '2026-11-26T04:00:00+24:00'),
      fc.string({ minLength: 199, maxLength: 202 }),
    );
    const leaf = fc.oneof(strings, fc.integer(), fc.constantFrom(-1, 0, 1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER), fc.boolean(), fc.constant(null));
    const replacement = fc.oneof(leaf, fc.constant(undefined), fc.array(leaf, { maxLength: 2 }), fc.dictionary(fc.constantFrom('date', 'bulk', 'x', 'id'), leaf, { maxKeys: 2 }));
    const edit = fc.record({ path: fc.constantFrom(...paths.filter((p) => p.length > 0)), value: replacement });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 0, maxLength: 3 }), fc.boolean(), (edits, addKey) => {
        let value: unknown = base;
        for (const { path, value: v } of edits) value = withAt(value, path, v);
        if (addKey) value = withAt(value, ['summary', 'credits', 'extra'], 1);
        value = JSON.parse(JSON.stringify(value)) as unknown; // what survives the URL
        const read = readPopupPreview(fragmentOf(value));
        expect(read !== null).toBe(backgroundCouldWrite(value));
        if (read) expect(read).toEqual(value);
      }),
      { numRuns: 3000 },
    );
  });
});
