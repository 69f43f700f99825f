import { act, screen, waitFor, within } from '@testing-library/react';
import { spendingEntry } from '../fixtures/snapshots';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import german from '@/public/_locales/de/messages.json';
import { setCatalogForTesting } from '@/utils/i18n';
import type { Request, Response } from '@/utils/messages';
import { DEFAULT_SETTINGS, SettingsSchema } from '@/utils/settings';
import { spendingLogItem, type SpendingEntry } from '@/utils/spending-log';
import { settingsItem } from '@/utils/storage';
import { parseCsv } from '../csv-reader';
import { mockBackground, renderOptions, stopWatches } from './popup-fixtures';

/**
 * The options page's personal limits and spending log (components/options/LimitsSection.tsx,
 * SpendingLogSection.tsx): fields named by their sentences, checked before saving (whole
 * numbers, M ≥ N) with the reason beside the field, the log newest first with this week's total,
 * a CSV export that reads back, and Clear that asks first.
 */

const NOW = Date.parse('2026-11-26T10:00:00Z');
const entry = (over: Partial<SpendingEntry>): SpendingEntry => spendingEntry({ at: NOW - 3_600_000, ...over });

/** The background, saving settings and clearing the log as the real one does. */
async function background(request: Request): Promise<Response> {
  if (request.type === 'saveSettings') {
    const parsed = SettingsSchema.safeParse(request.settings);
    if (!parsed.success) return { ok: false, error: { kind: 'invalid_settings', message: parsed.error.issues.map((i) => i.message).join(' ') } };
    await settingsItem.setValue(parsed.data);
  }
  if (request.type === 'clearSpendingLog') await spendingLogItem.setValue([]);
  return { ok: true, value: null };
}

const machineZone = process.env.TZ;
beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
  vi.useRealTimers();
  stopWatches();
  setCatalogForTesting(null);
});

const field = (name: RegExp) => screen.getByRole('textbox', { name });
const ASK = /^Ask before actions over .*credits$/;
const BLOCK = /^Block actions over .*credits$/;
const BUDGET = /^Weekly budget: .*credits$/;

describe('options: personal limits', () => {
  it('three fields named by what they do, empty by default (no limits), the week\'s first day said', async () => {
    mockBackground(background);
    await renderOptions();
    const section = screen.getByRole('region', { name: 'Personal limits' });
    for (const name of [ASK, BLOCK, BUDGET]) expect((within(section).getByRole('textbox', { name }) as HTMLInputElement).value).toBe('');
    expect(field(BLOCK).getAttribute('inputmode')).toBe('numeric');
    expect(section.textContent).toContain('Weeks start on Sunday.');
    expect(field(ASK).getAttribute('aria-describedby')).toBeTruthy();
  });

  it('saves whole numbers as the locale writes them, and shows them so', async () => {
    const bg = mockBackground(background);
    const { user } = await renderOptions();
    await user.type(field(ASK), '100');
    await user.type(field(BLOCK), '1,500');
    await user.type(field(BUDGET), '3000');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    await waitFor(() => expect(bg.ofType('saveSettings')).toHaveLength(1));
    expect(bg.ofType('saveSettings')[0]).toEqual({
      type: 'saveSettings',
      settings: { ...DEFAULT_SETTINGS, askOver: 100, blockOver: 1_500, weeklyBudget: 3_000 },
    });
    expect(await screen.findByText('Saved')).toBeTruthy();
    expect((field(BUDGET) as HTMLInputElement).value).toBe('3,000');
    expect(await settingsItem.getValue()).toMatchObject({ askOver: 100, blockOver: 1_500, weeklyBudget: 3_000 });
  });

  it('refuses what is not a whole number, and a block below the ask limit, beside the field; nothing is saved', async () => {
    const bg = mockBackground(background);
    const { user } = await renderOptions();
    await user.type(field(BUDGET), '1.5');
    await user.type(field(ASK), '500');
    await user.type(field(BLOCK), '100');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual([
      'Must be at least 500, the limit above which you are asked.',
      'Enter a whole number of credits, such as 500, or leave it empty.',
    ]);
    expect(field(BLOCK).getAttribute('aria-invalid')).toBe('true');
    expect(field(BLOCK).getAttribute('aria-describedby')).toContain(alerts[0]!.id);
    expect(field(ASK).getAttribute('aria-invalid')).toBeNull();
    expect(bg.ofType('saveSettings')).toEqual([]);
    // Fixed, it saves; emptied, a limit is off again.
    await user.clear(field(BLOCK));
    await user.clear(field(BUDGET));
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    await waitFor(() => expect(bg.ofType('saveSettings')).toHaveLength(1));
    expect(bg.ofType('saveSettings')[0]).toMatchObject({ settings: { askOver: 500, blockOver: null, weeklyBudget: null } });
  });

  it('in German: German labels and numbers', async () => {
    setCatalogForTesting(german);
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('de-DE');
    const bg = mockBackground(background);
    const { user } = await renderOptions(undefined, { ...DEFAULT_SETTINGS, blockOver: 1_500 });
    const block = screen.getByRole('textbox', { name: /^Aktionen über .*Credits sperren$/ }) as HTMLInputElement;
    expect(block.value).toBe('1.500');
    expect(screen.getByRole('region', { name: 'Persönliche Limits' }).textContent).toContain('Wochen beginnen am Montag.');
    await user.type(screen.getByRole('textbox', { name: /^Vor Aktionen über .*Credits nachfragen$/ }), '2.000');
    await user.click(screen.getByRole('button', { name: 'Limits speichern' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Muss mindestens 2.000 sein – die Grenze, ab der Sie gefragt werden.');
    expect(bg.ofType('saveSettings')).toEqual([]);
  });
});

describe('options: the spending log', () => {
  const LOG = [
    entry({ at: Date.parse('2026-11-20T09:00:00Z'), credits: 1_000, prospects: 1_000, title: 'Last week' }),
    entry({ at: Date.parse('2026-11-25T09:00:00Z'), credits: 73, title: 'Leads, "hot"\nlist' }),
    entry({ at: Date.parse('2026-11-26T09:00:00Z'), action: 'export', credits: 107, prospects: 107, path: '/lists/4', title: '=HYPERLINK("http://evil.test")' }),
  ];

  it("lists the log newest first, with this week's total", async () => {
    mockBackground(background);
    await spendingLogItem.setValue(LOG);
    await renderOptions(undefined, { ...DEFAULT_SETTINGS, weeklyBudget: 300 });
    const section = screen.getByRole('region', { name: 'Spending log' });
    expect(await within(section).findByText('This week: 180 credits through this browser, of your 300 budget')).toBeTruthy();
    await within(section).findByRole('table');
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual([
      ['Nov 26, 2026, 9:00 AM', 'https://app.deskflow.io/lists/4=HYPERLINK("http://evil.test")', 'Export', '107', '107'],
      ['Nov 25, 2026, 9:00 AM', 'https://app.deskflow.io/prospectsLeads, "hot"\nlist', 'Enrich', '73', '73'],
      ['Nov 20, 2026, 9:00 AM', 'https://app.deskflow.io/prospectsLast week', 'Enrich', '1,000', '1,000'],
    ]);
    expect(within(section).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['When', 'Page', 'Action', 'Prospects', 'Credits']);
  });

  it('exports a CSV that reads back: a header, the entries oldest first, formulas neutralised', async () => {
    mockBackground(background);
    await spendingLogItem.setValue(LOG);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:csv';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('deskflow-credits-log-2026-11-26.csv');
      expect(this.href).toBe('blob:csv');
    });
    const { user } = await renderOptions();
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(clicked).toHaveBeenCalledTimes(1);
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blobs[0]!.arrayBuffer());
    expect(parseCsv(text)).toEqual([
      ['Time (UTC)', 'Page', 'Page title', 'Action', 'Prospects', 'Credits'],
      ['2026-11-20 09:00:00', 'https://app.deskflow.io/prospects', 'Last week', 'Enrich', '1000', '1000'],
      ['2026-11-25 09:00:00', 'https://app.deskflow.io/prospects', 'Leads, "hot"\nlist', 'Enrich', '73', '73'],
      ['2026-11-26 09:00:00', 'https://app.deskflow.io/lists/4', `'=HYPERLINK("http://evil.test")`, 'Export', '107', '107'],
    ]);
  });

  it('Clear asks first (Cancel keeps the log, focus back on Clear); Clear empties it', async () => {
    const bg = mockBackground(background);
    await spendingLogItem.setValue(LOG);
    const { user } = await renderOptions();
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Clear log' }));
    const question = screen.getByRole('group', { name: 'Clear all 3 entries of the log? This cannot be undone.' });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' }));
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /Clear all/ })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Clear log' }));
    expect(bg.ofType('clearSpendingLog')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Clear log' }));
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(bg.ofType('clearSpendingLog')).toHaveLength(1));
    expect(await screen.findByText('No credit-spending actions yet.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Clear log' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('shows what the background records while the page is open', async () => {
    mockBackground(background);
    await renderOptions();
    expect(await screen.findByText('No credit-spending actions yet.')).toBeTruthy();
    await act(() => spendingLogItem.setValue([entry({})]));
    expect(await screen.findByText('https://app.deskflow.io/prospects')).toBeTruthy();
    expect(screen.getByText('This week: 73 credits through this browser')).toBeTruthy();
  });
});
