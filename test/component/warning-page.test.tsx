import { within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BANNER_TAG, DIALOG_TAG } from '@/components/warning/ui';
import { startContentScript } from '@/entrypoints/deskflow/start';
import type { PageState } from '@/utils/messages';
import type { Request } from '@/utils/messages';
import type { ConfirmationMode } from '@/utils/warning/cost';
import type { Snapshot } from '@/utils/snapshot';
import { loadFixture } from '../fixtures/load';
import { forPages, SIGNED_OUT, signedIn } from '../fixtures/snapshots';
import { shadowOf, userClick, userKey, manualFrames } from '../shadow-roots';
import { partHere } from '../part-here';

/**
 * The content script on a page, end to end in happy-dom: the guard, the watcher, the model and
 * the shadow-root UI, with a stand-in background. (The real browser's part — trusted events,
 * closed roots, the page's own listeners — is test/e2e/guard.e2e.ts.)
 */

let controller: AbortController;
const frames = manualFrames();
const { runFrames, settle } = frames;
let asked: Request[] = [];
let pageState: PageState;
let alive = true;
let nativeAnswers: boolean[] = [];
let nativeQuestions: string[] = [];
/** The stand-in background answers getPageState once this resolves. */
let stateGate: Promise<void> = Promise.resolve();



function start(snapshot: Snapshot, confirmation: ConfirmationMode = 'always') {
  pageState = { snapshot: forPages(snapshot), confirmation };
  controller = new AbortController();
  const ask = vi.fn(async (request: Request) => {
    asked.push(request);
    if (request.type === 'getPageState') {
      await stateGate;
      return { ok: true, value: pageState };
    }
    return { ok: true, value: null };
  });
  return startContentScript({
    window,
    loadPart: partHere,
    signal: controller.signal,
    messageBackground: ask as never,
    alive: () => alive,
    locale: 'en-US',
    requestFrame: frames.requestFrame,
    confirmNatively: (text) => {
      nativeQuestions.push(text);
      return nativeAnswers.shift() ?? false;
    },
  });
}

const bannerHosts = () => [...document.querySelectorAll(BANNER_TAG)];
const dialogIn = () => {
  const host = document.querySelector(DIALOG_TAG);
  return host ? within(shadowOf(host)) : null;
};

// The content script's second half (the background runs it in a browser) is imported once here,
// so that in every test it is there a few microtasks after a selection.
beforeAll(() => partHere('warning'));
beforeEach(() => {
  frames.reset();
  asked = [];
  alive = true;
  nativeAnswers = [];
  nativeQuestions = [];
  stateGate = Promise.resolve();
});
afterEach(() => {
  controller?.abort();
});

describe('banner on the page', () => {
  beforeEach(() => loadFixture('deskflow-prospects.html'));

  it('appears right after the bulk bar, in a shadow root, once the page state is known', async () => {
    start(signedIn());
    expect(asked).toEqual([]); // nothing asked before a selection is seen
    await settle();
    expect(asked).toEqual([{ type: 'getPageState' }]);
    const [host, ...more] = bannerHosts();
    expect(more).toHaveLength(0);
    expect(document.querySelector('[data-deskflow-bulk-bar]')!.nextElementSibling).toBe(host);
    const banner = within(shadowOf(host!)).getByRole('status', { name: 'Deskflow credits' });
    expect(banner.textContent).toContain('73 prospects selected · Enrich uses 73 credits · 339 left after');
  });

  it('updates in the frame after the count changes, and goes away at 0 or below the threshold', async () => {
    start(signedIn());
    await settle();
    const bar = document.querySelector('[data-deskflow-bulk-bar]')!;
    bar.setAttribute('data-deskflow-selection-count', '1204');
    await new Promise((resolve) => setTimeout(resolve, 0));
    runFrames();
    const host = bannerHosts()[0]!;
    expect(shadowOf(host).textContent).toContain('Enrich needs 1,204 credits — you have 412 (792 short)');
    expect(within(shadowOf(host)).getByRole('alert', { name: 'Deskflow credits' })).toBeTruthy();
    bar.setAttribute('data-deskflow-selection-count', '49');
    await settle();
    expect(bannerHosts()).toHaveLength(0);
    bar.setAttribute('data-deskflow-selection-count', '50');
    await settle();
    expect(bannerHosts()).toHaveLength(1);
    bar.remove();
    await settle();
    expect(bannerHosts()).toHaveLength(0);
  });

  it('follows pushed page states (a purchase landing) and ignores pushes from elsewhere', async () => {
    start(signedIn({ remaining: 40 }));
    await settle();
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('33 short');
    const push = { type: 'pageState', state: { snapshot: forPages(signedIn({ remaining: 90 })), confirmation: 'always' } };
    const noResponse = () => {};
    await fakeBrowser.runtime.onMessage.trigger(push, { id: 'another-extension' }, noResponse);
    await fakeBrowser.runtime.onMessage.trigger(push, { id: fakeBrowser.runtime.id, tab: { id: 3 } as never }, noResponse);
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('33 short');
    await fakeBrowser.runtime.onMessage.trigger(push, { id: fakeBrowser.runtime.id }, noResponse);
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('73 prospects selected · Enrich uses 73 credits · 17 left after');
  });

  it('a count kept without a frame (nothing shown changed) is the one a pushed page state draws', async () => {
    start(signedIn());
    await settle();
    const bar = document.querySelector('[data-deskflow-bulk-bar]')!;
    bar.setAttribute('data-deskflow-selection-count', '10');
    await settle();
    expect(bannerHosts()).toHaveLength(0);
    // Under the threshold, 10 → 20 shows nothing new: no frame is asked for.
    bar.setAttribute('data-deskflow-selection-count', '20');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frames.pending()).toBe(0);
    expect(bannerHosts()).toHaveLength(0);
    // The account's threshold drops to 15: the banner is drawn for the 20 selected now.
    const snapshot = forPages(signedIn());
    const summary = { ...snapshot.summary!, pricing: { ...snapshot.summary!.pricing, bulkThreshold: 15 } };
    const push = { type: 'pageState', state: { snapshot: { ...snapshot, summary }, confirmation: 'always' } };
    await fakeBrowser.runtime.onMessage.trigger(push, { id: fakeBrowser.runtime.id }, () => {});
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('20 prospects selected · Enrich uses 20 credits · 392 left after');
  });

  it('a page state the background could not have written changes nothing: a push is ignored, an answer reads as unexpected', async () => {
    start(signedIn({ remaining: 40 }));
    await settle();
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('33 short');
    // With the user's e-mail (pageStateFor never tells a page), or a balance no API gives.
    const withUser = { type: 'pageState', state: { snapshot: signedIn({ remaining: 90 }), confirmation: 'always' } };
    const negative = { type: 'pageState', state: { snapshot: forPages(signedIn({ remaining: -5 })), confirmation: 'off' } };
    for (const push of [withUser, negative]) await fakeBrowser.runtime.onMessage.trigger(push, { id: fakeBrowser.runtime.id }, () => {});
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('33 short');

    // Answered: the balance reads as unknown, and the guard asks (with confirmations off).
    controller.abort();
    loadFixture('deskflow-prospects.html');
    start(signedIn({ remaining: 900 }), 'off');
    pageState = { ...pageState, snapshot: signedIn({ remaining: 900 }) };
    await settle();
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('The extension sent something unexpected.');
    const ran = vi.fn();
    const enrich = document.querySelector<HTMLElement>('[data-deskflow-bulk-action="enrich"]')!;
    enrich.addEventListener('click', ran);
    userClick(enrich);
    await settle();
    expect(ran).not.toHaveBeenCalled();
    expect(dialogIn()).not.toBeNull();
  });

  it('asks the background to buy the suggested package', async () => {
    start(signedIn({ remaining: 40 }));
    await settle();
    userClick(within(shadowOf(bannerHosts()[0]!)).getByRole('button', { name: /^Buy 50 credits/ }));
    expect(asked.at(-1)).toEqual({ type: 'startPurchase', item: { packageId: 'pkg_50' } });
  });

  it('comes back beside the bar when the page re-renders the bar', async () => {
    start(signedIn());
    await settle();
    const bar = document.querySelector('[data-deskflow-bulk-bar]')!;
    const copy = bar.cloneNode(true) as Element;
    bar.replaceWith(copy);
    await settle();
    expect(copy.nextElementSibling?.tagName.toLowerCase()).toBe(BANNER_TAG);
    expect(bannerHosts()).toHaveLength(1);
    // The page throws our banner out: it is put back.
    bannerHosts()[0]!.remove();
    await settle();
    expect(copy.nextElementSibling?.tagName.toLowerCase()).toBe(BANNER_TAG);
  });

  it('an extension reloaded under the page: the banner says so, and the guard goes on asking', async () => {
    loadFixture('deskflow-prospects.html');
    start(signedIn());
    await settle();
    alive = false;
    const bar = document.querySelector('[data-deskflow-bulk-bar]')!;
    bar.setAttribute('data-deskflow-selection-count', '80');
    await settle();
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('updated or reloaded');
    const enrich = document.getElementById('enrich')!;
    const runs = vi.fn();
    enrich.addEventListener('click', runs);
    enrich.click();
    await settle();
    expect(runs).not.toHaveBeenCalled();
    expect(dialogIn()!.getByRole('dialog').textContent).toContain('Uses about 80 credits. Balance unknown: Deskflow Credits was updated or reloaded');
    userClick(dialogIn()!.getByRole('button', { name: 'Continue' }));
    expect(runs).toHaveBeenCalledTimes(1);
  });
});

describe('several lists', () => {
  it('one banner per list at or above the threshold', async () => {
    loadFixture('deskflow-two-lists.html');
    start(signedIn());
    await settle();
    expect(bannerHosts()).toHaveLength(1);
    expect(document.getElementById('bar-b')!.nextElementSibling).toBe(bannerHosts()[0]);
    document.getElementById('bar-a')!.setAttribute('data-deskflow-selection-count', '60');
    await settle();
    expect(bannerHosts()).toHaveLength(2);
    expect(document.getElementById('bar-a')!.nextElementSibling).toBe(bannerHosts()[0]);
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('60 prospects selected');
    expect(shadowOf(bannerHosts()[1]!).textContent).toContain('50 prospects selected · Export uses 50 credits');
  });
});

describe('the page stylesheet', () => {
  it('does not reach the banner, and the banner adds no style to the page', async () => {
    loadFixture('hostile.html');
    const pageStyles = document.querySelectorAll('style').length;
    start(signedIn({ remaining: 5000 }));
    await settle();
    const host = bannerHosts()[0]!;
    expect(host).toBeTruthy();
    expect(document.querySelectorAll('style').length).toBe(pageStyles);
    const shadowStyle = shadowOf(host).querySelector('style')!.textContent!;
    expect(shadowStyle).toMatch(/:host\s*\{\s*all:\s*initial !important/);
    expect(within(shadowOf(host)).getByRole('status', { name: 'Deskflow credits' }).textContent).toContain(
      '1,204 prospects selected · Enrich uses 1,204 credits · 3,796 left after',
    );
  });
});

describe('confirmation before a credit-spending bulk action', () => {
  let runs: Record<string, number>;
  beforeEach(() => {
    loadFixture('deskflow-prospects.html');
    runs = { enrich: 0, export: 0, campaign: 0 };
    for (const id of Object.keys(runs)) {
      document.getElementById(id)!.addEventListener('click', () => (runs[id]! += 1));
    }
  });

  async function clickEnrich() {
    document.getElementById('enrich')!.click();
    await settle();
  }

  it('stops the click and asks "Enrich 73 prospects?"', async () => {
    start(signedIn());
    await settle();
    await clickEnrich();
    expect(runs.enrich).toBe(0);
    const dialog = dialogIn()!.getByRole('dialog', { name: 'Enrich 73 prospects?' });
    expect(dialog.textContent).toContain('Uses 73 credits, 339 left after.');
  });

  it('Continue runs the page\'s handler exactly once, tells the background, and gives focus back', async () => {
    start(signedIn());
    await settle();
    await clickEnrich();
    userClick(dialogIn()!.getByRole('button', { name: 'Continue' }));
    await settle();
    expect(runs.enrich).toBe(1);
    expect(asked.filter((r) => r.type === 'bulkActionConfirmed')).toEqual([
      // With what the spending log needs: the credits stated, and the page's title.
      { type: 'bulkActionConfirmed', action: 'enrich', count: 73, credits: 73, title: document.title },
    ]);
    expect(document.activeElement).toBe(document.getElementById('enrich'));
    expect(document.querySelector(DIALOG_TAG)).toBeNull();
    // The next click asks again.
    await clickEnrich();
    expect(runs.enrich).toBe(1);
    expect(dialogIn()!.getByRole('dialog')).toBeTruthy();
  });

  it('Cancel means the page\'s handler never runs', async () => {
    start(signedIn());
    await settle();
    await clickEnrich();
    userClick(dialogIn()!.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(runs.enrich).toBe(0);
    expect(asked.some((r) => r.type === 'bulkActionConfirmed')).toBe(false);
    expect(document.activeElement).toBe(document.getElementById('enrich'));
  });

  it('Escape cancels, Enter continues', async () => {
    start(signedIn());
    await settle();
    await clickEnrich();
    userKey(dialogIn()!.getByRole('dialog'), 'Escape');
    await settle();
    expect(runs.enrich).toBe(0);
    await clickEnrich();
    userKey(dialogIn()!.getByRole('button', { name: 'Continue' }), 'Enter');
    await settle();
    expect(runs.enrich).toBe(1);
    // The key comes up on the page's Enrich (focus went back to it): no new question, no run.
    expect(document.activeElement).toBe(document.getElementById('enrich'));
    userKey(document.getElementById('enrich')!, 'Enter', 'keyup');
    await settle();
    expect(document.querySelector(DIALOG_TAG)).toBeNull();
    expect(runs.enrich).toBe(1);
  });

  it('Enter on Enrich, its release in the dialog, Enter on Continue, its release on Enrich: one run, no new question', async () => {
    start(signedIn());
    await settle();
    const enrich = document.getElementById('enrich')!;
    userKey(enrich, 'Enter');
    await settle();
    const continueButton = dialogIn()!.getByRole('button', { name: 'Continue' });
    userKey(continueButton, 'Enter', 'keyup'); // the dialog took the focus before the key came up
    userKey(continueButton, 'Enter');
    expect(runs.enrich).toBe(1);
    userKey(enrich, 'Enter', 'keyup'); // the focus went back to Enrich before this key came up
    await settle();
    expect(document.querySelector(DIALOG_TAG)).toBeNull();
    expect(runs.enrich).toBe(1);
  });

  it('an alertdialog when short', async () => {
    start(signedIn({ remaining: 40 }));
    await settle();
    await clickEnrich();
    expect(dialogIn()!.getByRole('alertdialog', { name: 'Enrich 73 prospects?' }).textContent).toContain(
      'Needs 73 credits — you have 40 (33 short).',
    );
  });

  it('mode "short": lets the click through when credits are enough, asks when short', async () => {
    start(signedIn(), 'short');
    await settle();
    await clickEnrich();
    expect(runs.enrich).toBe(1);
    expect(document.querySelector(DIALOG_TAG)).toBeNull();
  });

  it('mode "short" with credits short asks', async () => {
    start(signedIn({ remaining: 40 }), 'short');
    await settle();
    await clickEnrich();
    expect(runs.enrich).toBe(0);
    expect(dialogIn()!.getByRole('alertdialog')).toBeTruthy();
  });

  it('mode "off": never asks, the banner stays', async () => {
    start(signedIn({ remaining: 40 }), 'off');
    await settle();
    await clickEnrich();
    expect(runs.enrich).toBe(1);
    expect(bannerHosts()).toHaveLength(1);
  });

  it('free actions and selections below the threshold go straight through', async () => {
    start(signedIn());
    await settle();
    document.getElementById('campaign')!.click();
    expect(runs.campaign).toBe(1);
    document.querySelector('[data-deskflow-bulk-bar]')!.setAttribute('data-deskflow-selection-count', '49');
    await settle();
    await clickEnrich();
    expect(runs.enrich).toBe(1);
  });

  it('signed out: the banner estimates, and the click is held and asked about on the estimate', async () => {
    start(SIGNED_OUT);
    await settle();
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('Sign in to Deskflow Credits to see your balance');
    await clickEnrich();
    expect(runs.enrich).toBe(0);
    expect(dialogIn()!.getByRole('dialog', { name: 'Enrich 73 prospects?' }).textContent).toContain(
      'Uses about 73 credits. Sign in to Deskflow Credits to see your balance.',
    );
  });

  it('before the page state arrives: held with "your balance is loading", then the real numbers', async () => {
    let answer = () => {};
    stateGate = new Promise((resolve) => (answer = resolve));
    start(signedIn());
    // No frame has run: the observer has not even seen the selection.
    document.getElementById('enrich')!.click();
    expect(runs.enrich).toBe(0);
    await settle();
    expect(dialogIn()!.getByRole('dialog').textContent).toContain('Uses about 73 credits; your balance is loading…');
    userClick(dialogIn()!.getByRole('button', { name: 'Continue' })); // on an estimate, as the user chose
    expect(runs.enrich).toBe(1);
    document.getElementById('enrich')!.click();
    await settle();
    answer();
    await settle();
    expect(dialogIn()!.getByRole('dialog').textContent).toContain('Uses 73 credits, 339 left after.');
    userClick(dialogIn()!.getByRole('button', { name: 'Continue' }));
    expect(runs.enrich).toBe(2);
  });

  it('the selection changing while it asks: the dialog says the new numbers, and Continue on old ones runs nothing', async () => {
    start(signedIn({ remaining: 5000 }));
    await settle();
    await clickEnrich();
    const bar = document.querySelector('[data-deskflow-bulk-bar]')!;
    bar.setAttribute('data-deskflow-selection-count', '1204');
    // Continue pressed before the next frame redrew the dialog: it asks again instead.
    userClick(dialogIn()!.getByRole('button', { name: 'Continue' }));
    expect(runs.enrich).toBe(0);
    expect(dialogIn()!.getByRole('dialog', { name: 'Enrich 1,204 prospects?' }).textContent).toContain('Uses 1,204 credits, 3,796 left after.');
    userClick(dialogIn()!.getByRole('button', { name: 'Continue' }));
    expect(runs.enrich).toBe(1);
    expect(asked.filter((r) => r.type === 'bulkActionConfirmed')).toEqual([
      { type: 'bulkActionConfirmed', action: 'enrich', count: 1204, credits: 1204, title: document.title },
    ]);
  });

  it('a Continue the page sends (isTrusted false) does nothing', async () => {
    start(signedIn());
    await settle();
    await clickEnrich();
    const button = dialogIn()!.getByRole('button', { name: 'Continue' });
    button.click();
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    expect(runs.enrich).toBe(0);
    expect(dialogIn()!.getByRole('dialog')).toBeTruthy();
  });

  it('Enter or Space on a role="button" action is held like a click, and replayed once', async () => {
    const span = document.createElement('span');
    span.setAttribute('role', 'button');
    span.setAttribute('data-deskflow-bulk-action', 'enrich');
    document.querySelector('.actions')!.replaceChildren(span);
    let keyRuns = 0;
    span.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') keyRuns += 1;
    });
    span.addEventListener('keyup', (event) => {
      if (event.key === ' ') keyRuns += 1;
    });
    start(signedIn());
    await settle();
    userKey(span, 'Enter');
    userKey(span, 'Enter', 'keyup');
    await settle();
    expect(keyRuns).toBe(0);
    userClick(dialogIn()!.getByRole('button', { name: 'Cancel' }));
    userKey(span, ' ');
    userKey(span, ' ', 'keyup');
    await settle();
    expect(keyRuns).toBe(0);
    userClick(dialogIn()!.getByRole('button', { name: 'Continue' }));
    expect(keyRuns).toBe(1);
  });

  it('the page keeps removing the dialog: the browser\'s own confirm asks instead', async () => {
    start(signedIn());
    await settle();
    nativeAnswers = [false, true];
    await clickEnrich();
    for (let i = 0; i < 4; i += 1) {
      document.querySelector(DIALOG_TAG)?.remove();
      await settle();
    }
    expect(nativeQuestions).toHaveLength(1);
    expect(nativeQuestions[0]).toContain('Enrich 73 prospects?\nUses 73 credits, 339 left after.');
    expect(runs.enrich).toBe(0);
    await clickEnrich();
    for (let i = 0; i < 4; i += 1) {
      document.querySelector(DIALOG_TAG)?.remove();
      await settle();
    }
    expect(runs.enrich).toBe(1);
  });
});

describe('ARIA grid confirmation', () => {
  it('asks before the toolbar\'s Enrich once select-all covers the grid', async () => {
    loadFixture('aria-virtualised-grid.html');
    const enrich = document.getElementById('grid-toolbar')!.querySelector('button')!;
    let runs = 0;
    enrich.addEventListener('click', () => (runs += 1));
    start(signedIn({ remaining: 5000 }));
    await settle();
    expect(bannerHosts()).toHaveLength(0); // at least 3: below the threshold
    document.getElementById('select-all')!.setAttribute('aria-checked', 'true');
    await settle();
    expect(document.getElementById('grid-toolbar')!.nextElementSibling).toBe(bannerHosts()[0]);
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('2,000 prospects selected · Enrich uses 2,000 credits');
    enrich.click();
    await settle();
    expect(runs).toBe(0);
    userClick(dialogIn()!.getByRole('button', { name: 'Continue' }));
    await settle();
    expect(runs).toBe(1);
  });
});
