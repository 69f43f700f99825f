// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_MIGRATIONS, SettingsSchema } from '@/utils/settings';
import { parseSpendingLog, spendingLogItem } from '@/utils/spending-log';
import { settingsItem, storedSettings } from '@/utils/storage';
import { backgroundHarness, EXTENSION_PAGE, START } from '../harness';

/**
 * The background's side of personal limits and the spending log (utils/background/spending.ts,
 * handlers.ts): what a confirmation reported by a content script records, what the pages are
 * told (the limits and this week's total), Clear, the link to the limits, and the settings.
 */

const { sandbox, clock, background, signedIn } = backgroundHarness();

const contentScript = (url: string, frameId = 0) => ({ id: fakeBrowser.runtime.id, url, tab: { id: 7 }, frameId });
const log = async () => parseSpendingLog(await spendingLogItem.getValue());

describe('the spending log', () => {
  it("records a confirmed action with the sender's page (origin and path, never the query), the page's title and the account's price", async () => {
    const bg = await signedIn();
    const answer = await bg.handleMessage(
      { type: 'bulkActionConfirmed', action: 'enrich', count: 73, credits: 73, title: 'Prospects · Deskflow' },
      contentScript(`${sandbox.appUrl}/prospects?token=secret#list`),
    );
    expect(answer).toEqual({ ok: true, value: null });
    expect(await log()).toEqual([
      { at: START, origin: sandbox.appUrl, path: '/prospects', title: 'Prospects · Deskflow', action: 'enrich', prospects: 73, credits: 73 },
    ]);
  });

  it('takes the credits from the account\'s pricing when it knows it, not from the message', async () => {
    const bg = await signedIn();
    await bg.handleMessage({ type: 'bulkActionConfirmed', action: 'enrich', count: 73, credits: 5 }, contentScript(`${sandbox.appUrl}/prospects`));
    // A free action (no bulk rate) spends nothing: no entry.
    await bg.handleMessage({ type: 'bulkActionConfirmed', action: 'add-to-campaign', count: 73, credits: 73 }, contentScript(`${sandbox.appUrl}/prospects`));
    expect((await log()).map((e) => [e.action, e.credits])).toEqual([['enrich', 73]]);
  });

  it('signed out (no pricing), records what the confirmation stated; an extension page records nothing', async () => {
    const bg = background();
    await bg.handleMessage({ type: 'bulkActionConfirmed', action: 'enrich', count: 60, credits: 60 }, contentScript(`${sandbox.appUrl}/lists/4`));
    await bg.handleMessage({ type: 'bulkActionConfirmed', action: 'enrich', count: 60, credits: 60 }, EXTENSION_PAGE);
    await bg.handleMessage({ type: 'bulkActionConfirmed', action: 'enrich', count: 60 }, contentScript(`${sandbox.appUrl}/lists/5`));
    expect((await log()).map((e) => e.path)).toEqual(['/lists/4']);
  });

  it('refuses a malformed report without writing the log', async () => {
    const bg = await signedIn();
    for (const bad of [
      { type: 'bulkActionConfirmed', action: 'enrich', count: 73, credits: -1 },
      { type: 'bulkActionConfirmed', action: 'enrich', count: 73, credits: 1.5 },
      { type: 'bulkActionConfirmed', action: 'enrich', count: 73, title: 'x'.repeat(1_001) },
      { type: 'bulkActionConfirmed', action: 'enrich', count: 73, credits: 73, page: 'https://evil.test/' },
    ]) {
      expect(await bg.handleMessage(bad, contentScript(`${sandbox.appUrl}/prospects`))).toMatchObject({ ok: false });
    }
    expect(await log()).toEqual([]);
  });

  it("tells the pages this week's total and the limits, pushed again after each confirmation, and 0 after Clear", async () => {
    await settingsItem.setValue({ ...(await settingsItem.getValue()), blockOver: 500, weeklyBudget: 300 });
    const bg = await signedIn();
    const page = contentScript(`${sandbox.appUrl}/prospects`);
    expect(await bg.handleMessage({ type: 'getPageState' }, page)).toMatchObject({
      ok: true,
      value: { limits: { askOver: null, blockOver: 500, weeklyBudget: 300 }, spentThisWeek: 0 },
    });
    const pushed = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, url: `${sandbox.appUrl}/prospects` }] as never);
    await bg.handleMessage({ type: 'bulkActionConfirmed', action: 'enrich', count: 180, credits: 180 }, page);
    expect(pushed).toHaveBeenLastCalledWith(7, { type: 'pageState', state: expect.objectContaining({ spentThisWeek: 180 }) });
    expect(await bg.handleMessage({ type: 'getPageState' }, page)).toMatchObject({ value: { spentThisWeek: 180 } });

    // Clear is for the options page only.
    expect(await bg.handleMessage({ type: 'clearSpendingLog' }, page)).toMatchObject({ ok: false });
    expect(await log()).toHaveLength(1);
    expect(await bg.handleMessage({ type: 'clearSpendingLog' }, EXTENSION_PAGE)).toEqual({ ok: true, value: null });
    expect(await log()).toEqual([]);
    expect(pushed).toHaveBeenLastCalledWith(7, { type: 'pageState', state: expect.objectContaining({ spentThisWeek: 0 }) });
  });

  it("counts this week only: last week's entries are kept in the log but not in the total", async () => {
    const bg = await signedIn();
    const page = contentScript(`${sandbox.appUrl}/prospects`);
    await bg.handleMessage({ type: 'bulkActionConfirmed', action: 'enrich', count: 100, credits: 100 }, page);
    clock.now += 8 * 24 * 3_600_000;
    await bg.handleMessage({ type: 'bulkActionConfirmed', action: 'export', count: 50, credits: 50 }, page);
    expect(await log()).toHaveLength(2);
    expect(await bg.handleMessage({ type: 'getPageState' }, page)).toMatchObject({ value: { spentThisWeek: 50 } });
  });
});

describe('the link to the limits', () => {
  it('opens the options page at the limits, for the blocked dialog of a page', async () => {
    const bg = background();
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await bg.handleMessage({ type: 'openLimits' }, contentScript(`${sandbox.appUrl}/prospects`))).toEqual({ ok: true, value: null });
    expect(created).toHaveBeenCalledWith({ url: expect.stringMatching(/\/options\.html#limits$/) });
  });
});

describe('the limits in the settings', () => {
  it('are off by default, and settings stored before them read with them off', async () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ askOver: null, blockOver: null, weeklyBudget: null });
    expect(SETTINGS_MIGRATIONS[2]!({ confirmation: 'short', extraSites: [] })).toEqual({
      confirmation: 'short',
      extraSites: [],
      askOver: null,
      blockOver: null,
      weeklyBudget: null,
    });
    expect(SETTINGS_MIGRATIONS[2]!('garbage')).toBe('garbage');
    expect(parseSettings({ confirmation: 'off' })).toMatchObject({ confirmation: 'off', askOver: null, blockOver: null, weeklyBudget: null });
    // A corrupt limit reads as not set, the rest is kept.
    expect(parseSettings({ confirmation: 'off', blockOver: -5, weeklyBudget: 300 })).toMatchObject({ blockOver: null, weeklyBudget: 300 });
  });

  it('migrates settings stored by version 1 (no limits, no version recorded) to version 2', async () => {
    await fakeBrowser.storage.local.clear();
    const { askOver: _a, blockOver: _b, weeklyBudget: _w, ...version1 } = { ...DEFAULT_SETTINGS, confirmation: 'short' };
    await fakeBrowser.storage.local.set({ settings: version1 });
    await storedSettings.migrate();
    expect(await storedSettings.getMeta()).toMatchObject({ v: 2 });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({
      settings: { ...DEFAULT_SETTINGS, confirmation: 'short', askOver: null, blockOver: null, weeklyBudget: null },
    });
  });

  it('saveSettings refuses a block below the ask limit, in words, and keeps what was saved', async () => {
    const bg = background();
    const before = await settingsItem.getValue();
    const answer = await bg.handleMessage({ type: 'saveSettings', settings: { ...before, askOver: 500, blockOver: 100 } }, EXTENSION_PAGE);
    expect(answer).toEqual({
      ok: false,
      error: { kind: 'invalid_settings', message: 'Must be at least 500, the limit above which you are asked.' },
    });
    expect(await settingsItem.getValue()).toEqual(before);
    expect(SettingsSchema.safeParse({ ...before, askOver: 500, blockOver: 500, weeklyBudget: 0 }).success).toBe(true);
  });
});
