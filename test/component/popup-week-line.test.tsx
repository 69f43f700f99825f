import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import german from '@/public/_locales/de/messages.json';
import { setCatalogForTesting } from '@/utils/i18n';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { spendingLogItem, type SpendingEntry } from '@/utils/spending-log';
import { answerRefreshWith, mockBackground, renderPopup, signedIn, stopWatches } from './popup-fixtures';

/**
 * The popup's line on this week's spending (components/popup/WeekLine.tsx): the spending log's
 * total for the user's week, "of your budget" when one is set, a warning over it, live.
 */

// Thursday 26 November 2026, 10:00 UTC, the user's zone UTC (set below): en-US weeks start on
// Sunday 22 November.
const NOW = Date.parse('2026-11-26T10:00:00Z');
const entry = (at: string, credits: number): SpendingEntry => ({
  at: Date.parse(at),
  origin: 'https://app.deskflow.io',
  path: '/prospects',
  title: 'Prospects',
  action: 'enrich',
  prospects: credits,
  credits,
});
const LOG = [entry('2026-11-21T23:59:59Z', 1_000), entry('2026-11-22T00:00:00Z', 100), entry('2026-11-26T09:00:00Z', 80)];

const machineZone = process.env.TZ;
beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  mockBackground(answerRefreshWith());
});
afterEach(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
  vi.useRealTimers();
  stopWatches();
  setCatalogForTesting(null);
});

describe('the popup line', () => {
  it('says this week\'s credits through this browser (last week\'s not counted)', async () => {
    await spendingLogItem.setValue(LOG);
    await renderPopup(signedIn());
    expect(await screen.findByText('This week: 180 credits through this browser')).toBeTruthy();
  });

  it('with a weekly budget: "… of your 300 budget", a warning once over it', async () => {
    await spendingLogItem.setValue(LOG);
    await renderPopup(signedIn(), { ...DEFAULT_SETTINGS, weeklyBudget: 300 });
    const line = await screen.findByText('This week: 180 credits through this browser, of your 300 budget');
    expect(line.className).not.toContain('week-line--over');
    await act(() => spendingLogItem.setValue([...LOG, entry('2026-11-26T09:30:00Z', 150)]));
    const over = await screen.findByText('This week: 330 credits through this browser, of your 300 budget');
    expect(over.className).toContain('week-line--over');
  });

  it('follows the log live: a confirmation recorded by the background shows at once; nothing yet says 0', async () => {
    await renderPopup(signedIn());
    expect(await screen.findByText('This week: 0 credits through this browser')).toBeTruthy();
    await act(() => spendingLogItem.setValue([entry('2026-11-26T09:59:00Z', 50)]));
    expect(await screen.findByText('This week: 50 credits through this browser')).toBeTruthy();
  });

  it('in German, with German weeks (from Monday 23 November)', async () => {
    setCatalogForTesting(german);
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('de-DE');
    await spendingLogItem.setValue(LOG);
    await renderPopup(signedIn(), { ...DEFAULT_SETTINGS, weeklyBudget: 1_500 });
    expect(await screen.findByText('Diese Woche: 80 Credits über diesen Browser, von Ihrem Budget von 1.500')).toBeTruthy();
  });
});
