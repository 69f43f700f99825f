import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import german from '@/public/_locales/de/messages.json';
import { LABELS_TAG } from '@/components/warning/cost-labels';
import { startContentScript } from '@/entrypoints/deskflow/start';
import { setCatalogForTesting } from '@/utils/i18n';
import type { PageState, Request } from '@/utils/messages';
import type { Snapshot } from '@/utils/snapshot';
import { loadFixture } from '../fixtures/load';
import { forPages, signedIn } from '../fixtures/snapshots';
import { shadowOf, manualFrames } from '../shadow-roots';
import { partHere } from '../part-here';

/**
 * The cost labels beside the page's own bulk action buttons, in the page (happy-dom): drawn in
 * the extension's own closed shadow root, one per credit-spending action, following the
 * selection in the frame it changes, gone at 0, off with the option, and the page's buttons
 * untouched. (Positions and the accessibility tree: test/e2e/carry-on.e2e.ts.)
 */

let controller: AbortController;
const frames = manualFrames();
const { runFrames, settle } = frames;


function start(snapshot: Snapshot, costLabels = true) {
  const pageState: PageState = { snapshot: forPages(snapshot), confirmation: 'always', costLabels, carryOn: null };
  controller = new AbortController();
  const ask = vi.fn(async (request: Request) =>
    request.type === 'getPageState' ? { ok: true, value: pageState } : { ok: true, value: null },
  );
  startContentScript({
    window,
    loadPart: partHere,
    signal: controller.signal,
    messageBackground: ask as never,
    alive: () => true,
    locale: 'en-US',
    requestFrame: frames.requestFrame,
  });
}

const hosts = () => [...document.querySelectorAll(LABELS_TAG)];
/** Each label as [action, what it shows, what a screen reader reads]. */
const labels = () =>
  hosts().flatMap((host) =>
    [...shadowOf(host).querySelectorAll('.cost')].map((pill) => [
      pill.getAttribute('data-action'),
      pill.querySelector('[aria-hidden="true"]')!.textContent,
      pill.querySelector('.sr')!.textContent,
    ]),
  );
/** What a page could see of its own buttons. */
const pageButtons = () =>
  [...document.querySelectorAll('[data-deskflow-bulk-action]')].map((b) => [...b.attributes].map((a) => `${a.name}=${a.value}`).join(' ') + '|' + b.textContent);

beforeAll(() => partHere('warning'));
beforeEach(() => {
  frames.reset();
  loadFixture('deskflow-prospects.html');
});
afterEach(() => {
  controller?.abort();
  setCatalogForTesting(null);
});

describe('cost labels on the page', () => {
  it('label each credit-spending action in our own closed shadow root, at the end of the page; the page\'s buttons stay as they were', async () => {
    const before = pageButtons();
    start(signedIn());
    await settle();
    expect(labels()).toEqual([
      ['enrich', '73 credits', 'Enrich: 73 credits'],
      ['export', '73 credits', 'Export: 73 credits'],
    ]);
    const [host, ...more] = hosts();
    expect(more).toEqual([]);
    expect(host!.shadowRoot).toBeNull(); // closed: no page script reaches in
    expect(document.body.lastElementChild).toBe(host);
    expect(pageButtons()).toEqual(before);
  });

  it('follow the selection in the frame it changes, say "Free" below the bulk threshold, and go at 0', async () => {
    start(signedIn());
    await settle();
    const bar = document.querySelector('[data-deskflow-bulk-bar]')!;
    bar.setAttribute('data-deskflow-selection-count', '1500');
    await new Promise((resolve) => setTimeout(resolve, 0));
    runFrames();
    expect(labels().map(([, shown]) => shown)).toEqual(['1,500 credits', '1,500 credits']);
    bar.setAttribute('data-deskflow-selection-count', '3');
    await new Promise((resolve) => setTimeout(resolve, 0));
    runFrames();
    expect(labels().map(([, shown]) => shown)).toEqual(['Free', 'Free']);
    bar.setAttribute('data-deskflow-selection-count', '0');
    await settle();
    expect(hosts()).toEqual([]);
  });

  it('follow the page\'s scrolling only while they show (a page without labels scrolls without our code)', async () => {
    const frameRequests = vi.spyOn(window, 'requestAnimationFrame');
    const scrolls = () => {
      frameRequests.mockClear();
      window.dispatchEvent(new Event('scroll'));
      window.dispatchEvent(new Event('resize'));
      return frameRequests.mock.calls.length;
    };
    start(signedIn());
    await settle();
    expect(labels()).toHaveLength(2);
    expect(scrolls()).toBe(1); // once a frame, for scrolling and resizing alike
    document.querySelector('[data-deskflow-bulk-bar]')!.setAttribute('data-deskflow-selection-count', '0');
    await settle();
    expect(hosts()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(scrolls()).toBe(0);
    document.querySelector('[data-deskflow-bulk-bar]')!.setAttribute('data-deskflow-selection-count', '7');
    await settle();
    expect(labels().map(([, shown]) => shown)).toEqual(['Free', 'Free']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(scrolls()).toBe(1);
    frameRequests.mockRestore();
  });

  it('show "1 credit" on Free, in German too', async () => {
    setCatalogForTesting(german);
    start(signedIn({ tier: 'free' }));
    await settle();
    document.querySelector('[data-deskflow-bulk-bar]')!.setAttribute('data-deskflow-selection-count', '1');
    await settle();
    expect(labels()).toEqual([
      ['enrich', '1 Credit', 'Anreichern: 1 Credit'],
      ['export', 'Kostenlos', 'Exportieren: Kostenlos'],
    ]);
  });

  it('are off when the options page turned them off, and come back when it turns them on', async () => {
    start(signedIn(), false);
    await settle();
    expect(hosts()).toEqual([]);
    const state = { snapshot: forPages(signedIn()), confirmation: 'always', costLabels: true, carryOn: null };
    await fakeBrowser.runtime.onMessage.trigger({ type: 'pageState', state }, { id: fakeBrowser.runtime.id }, () => {});
    expect(labels()).toHaveLength(2);
  });

  it('are put back when the page removes them', async () => {
    start(signedIn());
    await settle();
    hosts()[0]!.remove();
    await settle();
    expect(labels()).toHaveLength(2);
  });
});
