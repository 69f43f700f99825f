import { within } from '@testing-library/dom';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BANNER_TAG } from '@/components/warning/ui';
import { startContentScript } from '@/entrypoints/deskflow/start';
import type { PageState, Request } from '@/utils/messages';
import type { Snapshot } from '@/utils/snapshot';
import type { WaitingAction } from '@/utils/warning/carry-on';
import { loadFixture } from '../fixtures/load';
import { forPages, signedIn } from '../fixtures/snapshots';
import { shadowOf, userClick, manualFrames } from '../shadow-roots';
import { partHere } from '../part-here';

/**
 * Carry on after buying, in the page (happy-dom): the banner turned into the offer, Continue
 * running the page's own action once through the guard, Not now, and the buy that remembers.
 * (The whole journey with the real checkout and browser is test/e2e/carry-on.e2e.ts.)
 */

let controller: AbortController;
const frames = manualFrames();
const { settle } = frames;
let asked: Request[] = [];
let pageState: PageState;


const path = () => window.location.pathname;
const waiting = (over: Partial<WaitingAction> = {}): WaitingAction => ({
  tabId: 7,
  page: `https://app.deskflow.app${path()}`,
  list: { kind: 'deskflow', path: path(), name: 'prospects', index: 0 },
  action: 'enrich',
  count: 73,
  atLeast: false,
  remainingAtBuy: 40,
  boughtAt: Date.now() - 60_000,
  ...over,
});

function start(snapshot: Snapshot, carryOn: WaitingAction | null) {
  pageState = { snapshot: forPages(snapshot), confirmation: 'always', costLabels: true, carryOn };
  controller = new AbortController();
  const ask = vi.fn(async (request: Request) => {
    asked.push(request);
    return request.type === 'getPageState' ? { ok: true, value: pageState } : { ok: true, value: null };
  });
  return startContentScript({
    window,
    loadPart: partHere,
    signal: controller.signal,
    messageBackground: ask as never,
    alive: () => true,
    locale: 'en-US',
    requestFrame: frames.requestFrame,
  });
}

async function push(snapshot: Snapshot, carryOn: WaitingAction | null) {
  const state = { snapshot: forPages(snapshot), confirmation: 'always', costLabels: true, carryOn };
  await fakeBrowser.runtime.onMessage.trigger({ type: 'pageState', state }, { id: fakeBrowser.runtime.id }, () => {});
}

const banner = () => {
  const host = document.querySelector(BANNER_TAG);
  return host ? within(shadowOf(host)) : null;
};
const bannerText = () => {
  const host = document.querySelector(BANNER_TAG);
  return host ? shadowOf(host).textContent : null;
};

beforeAll(() => partHere('warning'));
beforeEach(() => {
  frames.reset();
  asked = [];
  loadFixture('deskflow-prospects.html');
});
afterEach(() => controller?.abort());

describe('the offer to carry on', () => {
  it('the new balance turns the list\'s warning into the offer: a status with Continue and Not now', async () => {
    start(signedIn({ remaining: 40 }), waiting());
    await settle();
    expect(bannerText()).toContain('Enrich needs 73 credits — you have 40 (33 short)');
    await push(signedIn({ remaining: 90 }), waiting());
    const offer = banner()!.getByRole('status', { name: 'Deskflow credits' });
    expect(offer.textContent).toBe('50 credits added — Enrich 73 prospects now?Uses 73 credits, 17 left afterContinueNot now');
    expect(banner()!.getByRole('button', { name: /^Continue/ })).toBeTruthy();
    expect(banner()!.getByRole('button', { name: 'Not now' })).toBeTruthy();
  });

  it('Continue runs the page\'s own action exactly once, with the count of that moment, and tells the background', async () => {
    const remembered = waiting();
    start(signedIn({ remaining: 90 }), remembered);
    await settle();
    const runs = vi.fn();
    document.getElementById('enrich')!.addEventListener('click', runs);
    const continueButton = banner()!.getByRole('button', { name: /^Continue/ });
    // A click the page sends is not the user's.
    continueButton.click();
    expect(runs).not.toHaveBeenCalled();
    userClick(continueButton);
    expect(runs).toHaveBeenCalledTimes(1);
    expect(asked).toContainEqual({ type: 'forgetCarryOn' });
    expect(asked).toContainEqual({ type: 'bulkActionConfirmed', action: 'enrich', count: 73 });
    // Once: the offer is gone, a second press (and the same page state pushed again) runs nothing.
    userClick(continueButton);
    await push(signedIn({ remaining: 90 }), remembered);
    expect(runs).toHaveBeenCalledTimes(1);
    expect(bannerText()).toContain('73 prospects selected · Enrich uses 73 credits · 17 left after');
  });

  it('a selection that changed before Continue: the new numbers are shown first, and Continue runs those', async () => {
    start(signedIn({ remaining: 90 }), waiting());
    await settle();
    const runs = vi.fn();
    document.getElementById('enrich')!.addEventListener('click', runs);
    // The page changes the count; the frame that redraws has not run yet.
    document.querySelector('[data-deskflow-bulk-bar]')!.setAttribute('data-deskflow-selection-count', '80');
    userClick(banner()!.getByRole('button', { name: /^Continue/ }));
    expect(runs).not.toHaveBeenCalled();
    expect(bannerText()).toContain('50 credits added — Enrich 80 prospects now?Uses 80 credits, 10 left after');
    expect(bannerText()).toContain('Your selection changed since you bought');
    userClick(banner()!.getByRole('button', { name: /^Continue/ }));
    expect(runs).toHaveBeenCalledTimes(1);
    expect(asked).toContainEqual({ type: 'bulkActionConfirmed', action: 'enrich', count: 80 });
  });

  it('Not now forgets it: the usual banner, nothing runs', async () => {
    start(signedIn({ remaining: 90 }), waiting());
    await settle();
    const runs = vi.fn();
    document.getElementById('enrich')!.addEventListener('click', runs);
    userClick(banner()!.getByRole('button', { name: 'Not now' }));
    expect(asked).toContainEqual({ type: 'forgetCarryOn' });
    expect(bannerText()).toContain('73 prospects selected · Enrich uses 73 credits · 17 left after');
    expect(runs).not.toHaveBeenCalled();
  });

  it('a purchase that did not cover it: an alert with what is still short, the package that covers it, no Continue', async () => {
    start(signedIn({ remaining: 60 }), waiting());
    await settle();
    const alert = banner()!.getByRole('alert', { name: 'Deskflow credits' });
    expect(alert.textContent).toContain('20 credits added — still not enoughEnrich needs 73 credits — you have 60 (13 short)');
    expect(banner()!.getByRole('button', { name: /^Buy 50 credits/ })).toBeTruthy();
    expect(banner()!.queryByRole('button', { name: /^Continue/ })).toBeNull();
    expect(banner()!.getByRole('button', { name: 'Not now' })).toBeTruthy();
  });

  it('says nothing for another page, another list, or before the balance rose', async () => {
    start(signedIn({ remaining: 90 }), waiting({ list: { kind: 'deskflow', path: '/elsewhere', name: 'prospects', index: 0 } }));
    await settle();
    expect(bannerText()).not.toContain('added');
    await push(signedIn({ remaining: 90 }), waiting({ list: { kind: 'deskflow', path: path(), name: 'companies', index: 0 } }));
    expect(bannerText()).not.toContain('added');
    await push(signedIn({ remaining: 40 }), waiting());
    expect(bannerText()).toContain('33 short');
    expect(bannerText()).not.toContain('added');
  });
});

describe('buying from the alert', () => {
  it('remembers the action it was short for (list, action, selection), then opens the checkout', async () => {
    start(signedIn({ remaining: 40 }), null);
    await settle();
    userClick(banner()!.getByRole('button', { name: /^Buy 50 credits/ }));
    expect(asked.slice(-2)).toEqual([
      { type: 'rememberCarryOn', list: { kind: 'deskflow', path: path(), name: 'prospects', index: 0 }, action: 'enrich', count: 73, atLeast: false },
      { type: 'startPurchase', item: { packageId: 'pkg_50' } },
    ]);
  });
});
