import { fireEvent, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BANNER_TAG, DIALOG_TAG } from '@/components/warning/ui';
import { startWarning } from '@/entrypoints/deskflow.content/warning';
import type { PageState } from '@/utils/messages';
import type { Request } from '@/utils/requests';
import type { ConfirmationMode } from '@/utils/settings';
import type { Snapshot } from '@/utils/snapshot';
import { loadFixture } from '../fixtures/load';
import { SIGNED_OUT, signedIn } from '../fixtures/snapshots';

/**
 * The content script's warning on a page, end to end in happy-dom: the watcher, the model,
 * the shadow-root UI and the click guard, with a stand-in background.
 */

let ctx: ContentScriptContext;
let frameQueue: Array<() => void> = [];
let asked: Request[] = [];
let pageState: PageState;

function runFrames() {
  for (const callback of frameQueue.splice(0)) callback();
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    runFrames();
  }
}

function start(snapshot: Snapshot, confirmation: ConfirmationMode = 'always') {
  pageState = { snapshot, confirmation };
  ctx = new ContentScriptContext('deskflow');
  const ask = vi.fn(async (request: Request) => {
    asked.push(request);
    if (request.type === 'getPageState') return { ok: true, value: pageState };
    return { ok: true, value: null };
  });
  return startWarning({
    ctx,
    document,
    messageBackground: ask as never,
    locale: 'en-US',
    requestFrame: (callback) => void frameQueue.push(callback),
  });
}

const bannerHosts = () => [...document.querySelectorAll(BANNER_TAG)];
const shadowOf = (host: Element) => host.shadowRoot as unknown as HTMLElement;
const dialogIn = () => {
  const host = document.querySelector(DIALOG_TAG);
  return host?.shadowRoot ? within(shadowOf(host)) : null;
};

beforeEach(() => {
  frameQueue = [];
  asked = [];
});
afterEach(() => {
  ctx?.notifyInvalidated();
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
    const push = { type: 'pageState', state: { snapshot: signedIn({ remaining: 90 }), confirmation: 'always' } };
    const noResponse = () => {};
    await fakeBrowser.runtime.onMessage.trigger(push, { id: 'another-extension' }, noResponse);
    await fakeBrowser.runtime.onMessage.trigger(push, { id: fakeBrowser.runtime.id, tab: { id: 3 } as never }, noResponse);
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('33 short');
    await fakeBrowser.runtime.onMessage.trigger(push, { id: fakeBrowser.runtime.id }, noResponse);
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('73 prospects selected · Enrich uses 73 credits · 17 left after');
  });

  it('asks the background to buy the suggested package', async () => {
    start(signedIn({ remaining: 40 }));
    await settle();
    fireEvent.click(within(shadowOf(bannerHosts()[0]!)).getByRole('button', { name: /^Buy 50 credits/ }));
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

  it('goes away with everything else when the extension is reloaded', async () => {
    const { observer } = start(signedIn());
    await settle();
    expect(bannerHosts()).toHaveLength(1);
    ctx.notifyInvalidated();
    expect(bannerHosts()).toHaveLength(0);
    const enrich = document.getElementById('enrich')!;
    const runs = vi.fn();
    enrich.addEventListener('click', runs);
    enrich.click();
    expect(runs).toHaveBeenCalledTimes(1);
    expect(observer.selections()).toEqual([]);
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
    const shadowStyle = host.shadowRoot!.querySelector('style')!.textContent!;
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
    fireEvent.click(dialogIn()!.getByRole('button', { name: 'Continue' }));
    await settle();
    expect(runs.enrich).toBe(1);
    expect(asked.filter((r) => r.type === 'bulkActionConfirmed')).toEqual([
      { type: 'bulkActionConfirmed', action: 'enrich', count: 73 },
    ]);
    expect(document.activeElement).toBe(document.getElementById('enrich'));
    expect(document.querySelector(DIALOG_TAG)?.shadowRoot?.querySelector('[role="dialog"]') ?? null).toBeNull();
    // The next click asks again.
    await clickEnrich();
    expect(runs.enrich).toBe(1);
    expect(dialogIn()!.getByRole('dialog')).toBeTruthy();
  });

  it('Cancel means the page\'s handler never runs', async () => {
    start(signedIn());
    await settle();
    await clickEnrich();
    fireEvent.click(dialogIn()!.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(runs.enrich).toBe(0);
    expect(asked.some((r) => r.type === 'bulkActionConfirmed')).toBe(false);
    expect(document.activeElement).toBe(document.getElementById('enrich'));
  });

  it('Escape cancels, Enter continues', async () => {
    start(signedIn());
    await settle();
    await clickEnrich();
    fireEvent.keyDown(dialogIn()!.getByRole('dialog'), { key: 'Escape' });
    await settle();
    expect(runs.enrich).toBe(0);
    await clickEnrich();
    fireEvent.keyDown(dialogIn()!.getByRole('button', { name: 'Continue' }), { key: 'Enter' });
    await settle();
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

  it('signed out: the banner estimates, the click is not stopped', async () => {
    start(SIGNED_OUT);
    await settle();
    expect(shadowOf(bannerHosts()[0]!).textContent).toContain('Sign in to Deskflow Credits to see your balance');
    await clickEnrich();
    expect(runs.enrich).toBe(1);
  });

  it('a reload of the extension while asking: the page\'s action does not run', async () => {
    start(signedIn());
    await settle();
    await clickEnrich();
    ctx.notifyInvalidated();
    await settle();
    expect(runs.enrich).toBe(0);
    expect(document.querySelector(DIALOG_TAG)).toBeNull();
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
    fireEvent.click(dialogIn()!.getByRole('button', { name: 'Continue' }));
    await settle();
    expect(runs).toBe(1);
  });
});
