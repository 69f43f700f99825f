// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { carryOnItem } from '@/utils/storage';
import { CARRY_ON_TTL_MS, parseCarryOnStore } from '@/utils/warning/carry-on';
import { backgroundHarness, EXTENSION_PAGE } from '../harness';

/**
 * Carry on after buying, the background's side: what a content script may ask it to remember,
 * what it takes from the sender instead of the page, that it survives a new worker, and what
 * each tab is told.
 */

const { sandbox, clock, background, signedIn } = backgroundHarness();

const page = (url: string, tabId = 7, frameId = 0) => ({ id: fakeBrowser.runtime.id, url, tab: { id: tabId }, frameId });
const remember = {
  type: 'rememberCarryOn',
  list: { kind: 'deskflow', path: '/anything', name: 'prospects', index: 0 },
  action: 'enrich',
  count: 50,
  atLeast: false,
} as const;
const stored = async () => parseCarryOnStore(await carryOnItem.getValue(), clock.now).waiting;

describe('remembering the action a tab was short for', () => {
  it('takes the tab, the page, the time and the balance from the sender, the clock and the snapshot', async () => {
    sandbox.setScenario('low');
    const bg = await signedIn();
    const answer = await bg.handleMessage(remember, page(`${sandbox.appUrl}/prospects?sort=name#top`));
    expect(answer).toEqual({ ok: true, value: null });
    expect(await stored()).toEqual([
      {
        tabId: 7,
        page: `${sandbox.appUrl}/prospects`,
        list: { kind: 'deskflow', path: '/prospects', name: 'prospects', index: 0 },
        action: 'enrich',
        count: 50,
        atLeast: false,
        remainingAtBuy: 40,
        boughtAt: clock.now,
      },
    ]);
  });

  it('refuses other sites, frames, extension pages and malformed requests, remembering nothing', async () => {
    const bg = await signedIn();
    expect(await bg.handleMessage(remember, page('https://evil.test/prospects'))).toMatchObject({ ok: false });
    expect(await bg.handleMessage(remember, page(`${sandbox.appUrl}/prospects`, 7, 2))).toMatchObject({ ok: false });
    expect(await bg.handleMessage(remember, EXTENSION_PAGE)).toMatchObject({ ok: false });
    expect(await bg.handleMessage({ ...remember, action: '<b>x</b>' }, page(`${sandbox.appUrl}/prospects`))).toMatchObject({ ok: false });
    expect(await bg.handleMessage({ ...remember, tabId: 9 }, page(`${sandbox.appUrl}/prospects`))).toMatchObject({ ok: false });
    expect(await stored()).toEqual([]);
  });

  it('keeps it across a worker restart, gives it to its own tab only, and forgets it when the tab says so', async () => {
    sandbox.setScenario('low');
    await (await signedIn()).handleMessage(remember, page(`${sandbox.appUrl}/prospects`));
    const restarted = background();
    const mine = await restarted.handleMessage({ type: 'getPageState' }, page(`${sandbox.appUrl}/prospects`));
    expect(mine).toMatchObject({ ok: true, value: { carryOn: { tabId: 7, action: 'enrich', count: 50 }, costLabels: true } });
    const other = await restarted.handleMessage({ type: 'getPageState' }, page(`${sandbox.appUrl}/prospects`, 8));
    expect(other).toMatchObject({ ok: true, value: { carryOn: null } });
    // Another tab cannot forget it; its own can.
    await restarted.handleMessage({ type: 'forgetCarryOn' }, page(`${sandbox.appUrl}/prospects`, 8));
    expect(await stored()).toHaveLength(1);
    await restarted.handleMessage({ type: 'forgetCarryOn' }, page(`${sandbox.appUrl}/prospects`));
    expect(await stored()).toEqual([]);
  });

  it('forgets it after 30 minutes', async () => {
    const bg = await signedIn();
    await bg.handleMessage(remember, page(`${sandbox.appUrl}/prospects`));
    clock.now += CARRY_ON_TTL_MS;
    const state = await bg.handleMessage({ type: 'getPageState' }, page(`${sandbox.appUrl}/prospects`));
    expect(state).toMatchObject({ ok: true, value: { carryOn: null } });
  });
});
