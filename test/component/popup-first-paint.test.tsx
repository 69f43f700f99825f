import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { paintFirst } from '@/components/popup/first-paint';
import { userLocale } from '@/utils/i18n';
import { popupPathFor, popupPreviewOf } from '@/utils/popup-preview';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { mockBackground, NOW, renderPopup, signedIn, stopWatches, summary } from './popup-fixtures';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});
afterEach(() => {
  stopWatches();
  vi.useRealTimers();
});

const settings = { ...DEFAULT_SETTINGS, appOrigin: 'https://app.acme.test' };
/** The fragment the popup opens with when the background has this snapshot. */
const hashFor = (snapshot: ReturnType<typeof signedIn>) =>
  new URL(popupPathFor(popupPreviewOf(snapshot, settings)), 'chrome-extension://abcdefghijklmnop/').hash;

function newRoot(): HTMLElement {
  const root = document.createElement('div');
  root.id = 'root';
  document.body.append(root);
  return root;
}

describe('popup first paint (before storage and React)', () => {
  it('paints the account, the plan, the links and the balance from the URL', () => {
    const root = newRoot();
    expect(paintFirst(root, hashFor(signedIn()), NOW, userLocale())).toBe(true);
    const view = within(root);
    expect(view.getByRole('heading', { level: 1 }).textContent).toBe('Acme Sales');
    expect(view.getByText('Basic')).toBeTruthy();
    const meter = view.getByRole('meter', { name: 'Credits remaining' });
    expect(meter.getAttribute('aria-valuenow')).toBe('412');
    expect(meter.getAttribute('aria-valuetext')).toBe('412 of 550 credits');
    expect(view.getByText('412').className).toBe('big-number');
    const nav = view.getByRole('navigation', { name: 'Deskflow app' });
    expect(within(nav).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      'https://app.acme.test/settings/usage',
      'https://app.acme.test/settings/billing',
    ]);
  });

  it('draws exactly what the React popup draws for the same data (header and balance card)', async () => {
    const snapshot = signedIn({ summary: summary({ credits: { included: { remaining: 40 }, addOn: { remaining: 0 } } }) });
    const root = newRoot();
    paintFirst(root, hashFor(snapshot), NOW, userLocale());
    // Serialised to compare (read, never written back): tags, attributes, text, in order.
    const drawing = (scope: Element) => ['header', 'section'].map((tag) => new XMLSerializer().serializeToString(scope.querySelector(tag)!));
    const first = drawing(root);
    expect(first[1]).toContain('balance--critical'); // 40 of 500: the level chip is part of the card

    mockBackground();
    const { container } = await renderPopup(snapshot, settings);
    expect(drawing(container)).toEqual(first);
  });

  it('is replaced by the React popup, not doubled: one header, one meter, and the rest of the popup', async () => {
    const snapshot = signedIn();
    const root = newRoot();
    paintFirst(root, hashFor(snapshot), NOW, userLocale());
    mockBackground();
    await renderPopup(snapshot, settings, root);
    expect(within(root).getAllByRole('meter', { name: 'Credits remaining' })).toHaveLength(1);
    expect(within(root).getAllByRole('banner')).toHaveLength(1);
    expect(within(root).getByRole('button', { name: /Refresh/ })).toBeTruthy();
  });

  it("the popup's first script: its styles, the title and language, the header and balance, and React only after that frame", async () => {
    const frames: FrameRequestCallback[] = [];
    const realFrame = globalThis.requestAnimationFrame;
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    onTestFinished(() => {
      vi.stubGlobal('requestAnimationFrame', realFrame);
    });
    const root = newRoot();
    window.location.hash = hashFor(signedIn());
    await import('@/entrypoints/popup/main');
    const styles = [...document.head.querySelectorAll('style')];
    expect(styles).toHaveLength(1);
    expect(document.head.querySelector('link[rel="stylesheet"]')).toBeNull();
    expect(document.title).toBe('Deskflow Credits');
    expect(document.documentElement.lang).toBe('en');
    expect(within(root).getByRole('meter', { name: 'Credits remaining' }).getAttribute('aria-valuenow')).toBe('412');
    // React (and the rest of the popup) is asked for once the painted frame is on screen.
    expect(frames).toHaveLength(1);
    styles[0]!.remove();
    window.location.hash = '';
  });

  it('without a usable preview paints nothing and leaves the page to React', () => {
    for (const hash of ['', '#%7Bbroken', hashFor(signedIn({ lastError: { kind: 'network', message: 'x', at: 1, retryAt: null } }))]) {
      const root = newRoot();
      expect(paintFirst(root, hash, NOW, userLocale())).toBe(false);
      expect(root.childNodes).toHaveLength(0);
      root.remove();
    }
    expect(screen.queryByRole('meter')).toBeNull();
  });
});
