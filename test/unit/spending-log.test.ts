import fc from 'fast-check';
import { spendingEntry } from '../fixtures/snapshots';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import german from '@/public/_locales/de/messages.json';
import { setCatalogForTesting } from '@/utils/i18n';
import {
  appendEntry,
  createSpendingLog,
  csvFileName,
  entryFor,
  localDateTime,
  LOG_CAP,
  parseSpendingLog,
  spendingLogCsv,
  spendingLogItem,
  spentThisWeek,
  type SpendingEntry,
} from '@/utils/spending-log';
import { parseCsv } from '../csv-reader';

/**
 * utils/spending-log.ts: the last 500 confirmed actions, oldest first, kept in storage with a
 * version, read entry by entry; this week's total in the user's week; the CSV export.
 */

afterEach(() => setCatalogForTesting(null));

const entry = spendingEntry;

const arbitraryEntry: fc.Arbitrary<SpendingEntry> = fc.record({
  at: fc.integer({ min: 0, max: Date.parse('2100-01-01T00:00:00Z') }),
  origin: fc.constantFrom('https://app.deskflow.io', 'http://localhost:5173'),
  path: fc.constantFrom('/prospects', '/lists/7', '/'),
  title: fc.string({ maxLength: 40 }),
  action: fc.constantFrom('enrich', 'export', 'add-to-campaign'),
  prospects: fc.integer({ min: 0, max: 10_000 }),
  credits: fc.integer({ min: 1, max: 10_000 }),
});

describe('appendEntry and parseSpendingLog', () => {
  it(`keeps the last ${LOG_CAP} recorded, oldest first, whatever order their times are in (property)`, () => {
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: LOG_CAP + 120 }), (entries) => {
        let log: SpendingEntry[] = [];
        for (const e of entries) log = appendEntry(log, e);
        expect(log.length).toBe(Math.min(entries.length, LOG_CAP));
        expect(log).toEqual(entries.slice(-LOG_CAP));
        expect(parseSpendingLog(log)).toEqual(log);
      }),
      { numRuns: 40 },
    );
  });

  it('the 501st entry drops the oldest one', () => {
    let log: SpendingEntry[] = [];
    for (let i = 0; i < LOG_CAP; i++) log = appendEntry(log, entry({ at: i, credits: i + 1 }));
    const next = appendEntry(log, entry({ at: LOG_CAP, credits: 999 }));
    expect(next).toHaveLength(LOG_CAP);
    expect(next[0]!.credits).toBe(2);
    expect(next.at(-1)!.credits).toBe(999);
    expect(log).toHaveLength(LOG_CAP); // the old log is left as it was
  });

  it('reads a stored log entry by entry: what is corrupt is dropped, the rest kept in order', () => {
    const stored = [
      entry({ credits: 1 }),
      { ...entry(), credits: -5 },
      'garbage',
      null,
      { ...entry(), action: '' },
      { ...entry(), at: Number.NaN },
      { ...entry(), title: 'x'.repeat(201) },
      { ...entry({ credits: 2 }), extra: 'ignored' },
      entry({ credits: 3 }),
    ];
    expect(parseSpendingLog(stored).map((e) => e.credits)).toEqual([1, 2, 3]);
    expect(parseSpendingLog(stored)[1]).not.toHaveProperty('extra');
    for (const broken of [undefined, null, {}, 'log', 42]) expect(parseSpendingLog(broken)).toEqual([]);
  });

  it(`reads at most the last ${LOG_CAP} of a longer stored array`, () => {
    const stored = Array.from({ length: 1_200 }, (_, i) => entry({ at: i, credits: i + 1 }));
    const log = parseSpendingLog(stored);
    expect(log).toHaveLength(LOG_CAP);
    expect(log[0]!.credits).toBe(701);
  });
});

describe('entryFor', () => {
  it('keeps the origin and path of the page, never its query or fragment', () => {
    expect(
      entryFor({ at: 5, url: 'https://app.deskflow.io/prospects?token=secret#x', title: ' Leads,\n "hot" ', action: 'enrich', prospects: 73, credits: 73 }),
    ).toEqual({ at: 5, origin: 'https://app.deskflow.io', path: '/prospects', title: 'Leads, "hot"', action: 'enrich', prospects: 73, credits: 73 });
  });

  it('cuts a long title to 200 characters and is null for what makes no entry', () => {
    const long = entryFor({ at: 5, url: 'https://a.test/', title: '😀'.repeat(300), action: 'enrich', prospects: 1, credits: 1 });
    expect(Array.from(long!.title)).toHaveLength(200);
    expect(long!.title.endsWith('…')).toBe(true);
    const base = { at: 5, url: 'https://a.test/p', action: 'enrich', prospects: 1, credits: 1 };
    expect(entryFor({ ...base, credits: 0 })).toBeNull();
    expect(entryFor({ ...base, url: 'not a url' })).toBeNull();
    expect(entryFor({ ...base, url: 'javascript:alert(1)' })).toBeNull();
    expect(entryFor({ ...base, prospects: 1.5 })).toBeNull();
    expect(entryFor({ ...base, action: 'x'.repeat(65) })).toBeNull();
    expect(entryFor(base)?.title).toBe('');
  });
});

describe('the stored log', () => {
  it('survives a restart: what was recorded is read by a new store, with the layout version recorded', async () => {
    const store = createSpendingLog();
    await store.record(entry({ credits: 1 }));
    await store.record(entry({ credits: 2 }));
    const again = createSpendingLog();
    expect((await again.read()).map((e) => e.credits)).toEqual([1, 2]);
    expect(await spendingLogItem.getMeta()).toMatchObject({ v: 1 });
    expect(await fakeBrowser.storage.local.get('spendingLog')).toEqual({ spendingLog: [entry({ credits: 1 }), entry({ credits: 2 })] });
  });

  it('keeps every one of many confirmations recorded at once, and clears', async () => {
    const store = createSpendingLog();
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.record(entry({ credits: i + 1 }))));
    expect((await store.read()).map((e) => e.credits)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await store.clear();
    expect(await store.read()).toEqual([]);
  });

  it('reads a corrupt stored value as an empty log, and the next record starts it again', async () => {
    await fakeBrowser.storage.local.set({ spendingLog: { not: 'a list' } });
    const store = createSpendingLog();
    expect(await store.read()).toEqual([]);
    await store.record(entry());
    expect(await store.read()).toEqual([entry()]);
  });
});

describe('spentThisWeek', () => {
  const user = { locale: 'en-US', timeZone: 'America/New_York' };
  // Wednesday 2026-11-04, noon in New York: the week began Sunday 1 November 00:00 EDT (04:00 UTC).
  const now = Date.parse('2026-11-04T17:00:00Z');

  it('sums the entries of this week only, the week starting on the locale\'s first day in the user\'s zone', () => {
    const log = [
      entry({ at: Date.parse('2026-11-01T03:59:59Z'), credits: 1 }), // Saturday 23:59:59 EDT: last week
      entry({ at: Date.parse('2026-11-01T04:00:00Z'), credits: 10 }), // Sunday 00:00 EDT
      entry({ at: Date.parse('2026-11-01T06:30:00Z'), credits: 100 }), // 01:30, the hour that happens twice
      entry({ at: Date.parse('2026-11-08T04:59:59Z'), credits: 1_000 }), // Saturday 23:59:59 EST: still this week
      entry({ at: Date.parse('2026-11-08T05:00:00Z'), credits: 10_000 }), // Sunday 00:00 EST: next week
    ];
    expect(spentThisWeek(log, now, user)).toBe(1_110);
    // In Berlin with German weeks (Monday 2 November 00:00 CET = 1 November 23:00 UTC, to 8 November 23:00 UTC).
    expect(spentThisWeek(log, now, { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe(11_000);
  });

  it('equals a sum over the entries whose local day falls in the week (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: 60 }), fc.integer({ min: Date.parse('2012-01-01'), max: Date.parse('2099-01-01') }), (entries, at) => {
        const near = entries.map((e) => ({ ...e, at: at + ((e.at % (20 * 86_400_000)) - 10 * 86_400_000) }));
        const total = spentThisWeek(near, at, user);
        expect(total).toBe(near.reduce((sum, e) => sum + (spentThisWeek([e], at, user) > 0 ? e.credits : 0), 0));
        expect(total).toBeLessThanOrEqual(near.reduce((sum, e) => sum + e.credits, 0));
      }),
      { numRuns: 60 },
    );
  });
});

describe('the CSV export', () => {
  const label = (action: string) => ({ enrich: 'Enrich', export: 'Export' })[action] ?? action;

  it('has a header and one row per entry, oldest first, times local to the user, and reads back', () => {
    const log = [
      entry({ at: Date.parse('2026-11-01T05:30:00Z'), title: 'Leads, "hot"\nlist', credits: 73 }),
      entry({ at: Date.parse('2026-11-01T06:30:00Z'), title: '=HYPERLINK("http://evil.test")', action: 'export', prospects: 1_204, credits: 1_204 }),
    ];
    const csv = spendingLogCsv(log, { locale: 'en-US', timeZone: 'America/New_York', actionLabel: label });
    expect(parseCsv(csv)).toEqual([
      ['Time (America/New_York)', 'Page', 'Page title', 'Action', 'Prospects', 'Credits'],
      ['2026-11-01 01:30:00', 'https://app.deskflow.io/prospects', 'Leads, "hot"\nlist', 'Enrich', '73', '73'],
      ['2026-11-01 01:30:00', 'https://app.deskflow.io/prospects', `'=HYPERLINK("http://evil.test")`, 'Export', '1204', '1204'],
    ]);
  });

  it("is in German with ';' for German users, and has only the header when the log is empty", () => {
    setCatalogForTesting(german);
    const csv = spendingLogCsv([entry()], { locale: 'de-DE', timeZone: 'Europe/Berlin', actionLabel: () => 'Anreichern' });
    expect(parseCsv(csv, ';')).toEqual([
      ['Zeit (Europe/Berlin)', 'Seite', 'Seitentitel', 'Aktion', 'Kontakte', 'Credits'],
      ['2026-12-02 11:00:00', 'https://app.deskflow.io/prospects', 'Prospects', 'Anreichern', '73', '73'],
    ]);
    expect(parseCsv(spendingLogCsv([], { locale: 'de-DE', timeZone: 'Europe/Berlin', actionLabel: label }), ';')).toHaveLength(1);
  });

  it('writes midnight as 00, and names the file after the local day', () => {
    expect(localDateTime(Date.parse('2026-12-01T23:00:00Z'), 'Europe/Berlin')).toBe('2026-12-02 00:00:00');
    expect(csvFileName(Date.parse('2026-12-01T23:30:00Z'), 'Europe/Berlin')).toBe('deskflow-credits-log-2026-12-02.csv');
    expect(csvFileName(Date.parse('2026-12-01T23:30:00Z'), 'Nowhere/Special')).toBe('deskflow-credits-log-2026-12-01.csv');
  });
});
