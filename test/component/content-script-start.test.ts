import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONNECT_RETRY_MS, NO_WARNING_QUESTION, startContentScript } from '@/entrypoints/deskflow/start';
import type { Request } from '@/utils/messages';
import { forPages, signedIn } from '../fixtures/snapshots';
import { handOverPart, PartRefused, requestPart, type LoadPart, type PartName } from '@/entrypoints/deskflow/rest';
import { partHere } from '../part-here';

/** The content script's lazy start: the warning (and the first question to the background) waits for a selection. */

let controller: AbortController;
afterEach(() => controller?.abort());
beforeAll(() => partHere('warning'));

const frames = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
};

function page(count: number | null) {
  document.body.replaceChildren();
  const list = document.createElement('section');
  list.setAttribute('data-deskflow-list', 'prospects');
  if (count !== null) {
    const bar = document.createElement('div');
    bar.setAttribute('data-deskflow-bulk-bar', '');
    bar.setAttribute('data-deskflow-selection-count', String(count));
    list.append(bar);
  }
  document.body.append(list);
  return list;
}

function start() {
  controller = new AbortController();
  const asked: Request[] = [];
  const messageBackground = vi.fn(async (request: Request) => {
    asked.push(request);
    return { ok: true, value: { snapshot: forPages(signedIn()), confirmation: 'always' } };
  });
  startContentScript({ window, loadPart: partHere, signal: controller.signal, messageBackground: messageBackground as never, alive: () => true, locale: 'en-US' });
  return asked;
}

describe('startContentScript', () => {
  it('asks the background nothing on a page without a selection, and once at the first one', async () => {
    const list = page(null);
    const asked = start();
    await frames();
    expect(asked).toEqual([]);

    const bar = document.createElement('div');
    bar.setAttribute('data-deskflow-bulk-bar', '');
    bar.setAttribute('data-deskflow-selection-count', '3');
    list.append(bar);
    await frames();
    expect(asked).toEqual([{ type: 'getPageState' }]);

    bar.setAttribute('data-deskflow-selection-count', '80');
    await frames();
    expect(asked).toEqual([{ type: 'getPageState' }]);
  });

  it('starts at once when the page already has a selection, and not at all once stopped', async () => {
    page(73);
    const asked = start();
    await frames();
    expect(asked).toEqual([{ type: 'getPageState' }]);
    controller.abort();

    page(null);
    const late = start();
    controller.abort();
    page(12);
    await frames();
    expect(late).toEqual([]);
  });
});

describe('the warning, the content script\'s second half', () => {
  function pageWithAction(count: number) {
    const list = page(count);
    const button = document.createElement('button');
    button.setAttribute('data-deskflow-bulk-action', 'enrich');
    button.textContent = 'Enrich';
    list.querySelector('[data-deskflow-bulk-bar]')!.append(button);
    const ran = vi.fn();
    button.addEventListener('click', ran);
    return { button, ran };
  }

  function startWith(loadPart: (part: PartName) => Promise<unknown>, confirmNatively = vi.fn(() => false)) {
    controller = new AbortController();
    const messageBackground = vi.fn(async () => ({ ok: true, value: { snapshot: forPages(signedIn()), confirmation: 'always' } }));
    startContentScript({ window, loadPart: loadPart as LoadPart, signal: controller.signal, messageBackground: messageBackground as never, alive: () => true, locale: 'en-US', confirmNatively });
    return { confirmNatively };
  }

  it('is loaded at the first selection only, and asked again after a failed load', async () => {
    const list = page(null);
    const loadPart = vi.fn((_part: PartName): Promise<unknown> => Promise.reject(new Error('no answer')));
    startWith(loadPart);
    await frames();
    expect(loadPart).not.toHaveBeenCalled();

    const bar = document.createElement('div');
    bar.setAttribute('data-deskflow-bulk-bar', '');
    bar.setAttribute('data-deskflow-selection-count', '60');
    list.append(bar);
    await frames();
    expect(loadPart.mock.calls).toEqual([['warning']]);
    loadPart.mockImplementation(partHere);
    bar.setAttribute('data-deskflow-selection-count', '61');
    await frames();
    expect(loadPart).toHaveBeenCalledTimes(2);
    bar.setAttribute('data-deskflow-selection-count', '62');
    await frames();
    expect(loadPart).toHaveBeenCalledTimes(2);
  });

  it('is asked for at a press inside a list, before any selection (not at a press elsewhere)', async () => {
    const list = page(null);
    const box = document.createElement('input');
    box.type = 'checkbox';
    list.append(box);
    const loadPart = vi.fn(partHere);
    startWith(loadPart);
    await frames();
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    await frames();
    expect(loadPart).not.toHaveBeenCalled();
    box.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    box.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    await frames();
    expect(loadPart).toHaveBeenCalledTimes(1);
  });

  it('cannot load: a held click is asked by the browser\'s own dialog — Cancel runs nothing, OK runs it once', async () => {
    const { button, ran } = pageWithAction(80);
    const { confirmNatively } = startWith(() => Promise.reject(new Error('Extension context invalidated.')));
    await frames();
    button.click();
    await frames();
    expect(confirmNatively).toHaveBeenCalledTimes(1);
    expect(confirmNatively.mock.calls[0]).toEqual([NO_WARNING_QUESTION]);
    expect(ran).not.toHaveBeenCalled();

    confirmNatively.mockReturnValue(true);
    button.click();
    await frames();
    expect(confirmNatively).toHaveBeenCalledTimes(2);
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it("cannot load: the browser's dialog speaks the browser's language while the catalog can be read, English once it cannot", async () => {
    const { button } = pageWithAction(80);
    const getMessage = vi.fn((name: string) => (name === 'warningNotLoaded' ? 'Deskflow Credits konnte nicht prüfen, was diese Massenaktion kostet.' : ''));
    vi.stubGlobal('chrome', { i18n: { getMessage } });
    try {
      const { confirmNatively } = startWith(() => Promise.reject(new Error('no answer')));
      await frames();
      button.click();
      await frames();
      expect(confirmNatively.mock.calls[0]).toEqual(['Deskflow Credits konnte nicht prüfen, was diese Massenaktion kostet.']);
      getMessage.mockImplementation(() => {
        throw new Error('Extension context invalidated.');
      });
      button.click();
      await frames();
      expect(confirmNatively.mock.calls[1]).toEqual([NO_WARNING_QUESTION]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('loading: the held click waits for it, then the warning asks (nothing runs meanwhile)', async () => {
    const { button, ran } = pageWithAction(80);
    let loaded!: () => void;
    const gate = new Promise<void>((resolve) => (loaded = resolve));
    const { confirmNatively } = startWith((part) => gate.then(() => partHere(part)));
    await frames();
    button.click();
    button.click();
    await frames();
    expect(ran).not.toHaveBeenCalled();
    loaded();
    await frames();
    expect(ran).not.toHaveBeenCalled();
    expect(confirmNatively).not.toHaveBeenCalled();
    expect(document.querySelector('deskflow-credits-confirm')).not.toBeNull();
  });
});

describe('the connect hand-over (its own file, with its schema: deskflow-connect.js)', () => {
  const KEY = 'dfk_demo_000000000000000000000000';
  const post = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data, source: window, origin: window.location.origin }));

  function startOn(path: string, loadPart: (part: PartName) => Promise<unknown>) {
    window.history.replaceState(null, '', path);
    page(null);
    controller = new AbortController();
    const asked: Request[] = [];
    const messageBackground = vi.fn(async (request: Request) => {
      asked.push(request);
      return { ok: true, value: null };
    });
    startContentScript({ window, loadPart: loadPart as LoadPart, signal: controller.signal, messageBackground: messageBackground as never, alive: () => true, locale: 'en-US' });
    return asked;
  }
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('is loaded by the first post on the connect page only, then hands the key to the background', async () => {
    const loadPart = vi.fn((part: PartName) => partHere(part));
    const asked = startOn('/prospects', loadPart);
    post({ type: 'deskflow:extension-key', key: KEY });
    await frames();
    expect(loadPart).not.toHaveBeenCalled();

    window.history.replaceState(null, '', '/extension/connect');
    post({ type: 'deskflow:extension-key', key: KEY });
    await frames();
    expect(loadPart.mock.calls).toEqual([['connect']]);
    expect(asked).toEqual([{ type: 'connectKey', key: KEY }]);
  });

  it('a refused load is asked for again 10 s later, not at every post (a page posting in a loop)', async () => {
    const loadPart = vi.fn((part: PartName): Promise<unknown> => Promise.reject(new PartRefused(part)));
    const asked = startOn('/extension/connect', loadPart);
    post({ type: 'deskflow:extension-key', key: KEY });
    await frames();
    for (let i = 0; i < 20; i++) post({ type: 'deskflow:extension-key', key: KEY });
    await frames();
    expect(loadPart.mock.calls).toEqual([['connect']]);

    loadPart.mockImplementation((part) => partHere(part));
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + CONNECT_RETRY_MS);
    try {
      post({ type: 'deskflow:extension-key', key: KEY });
      await frames();
    } finally {
      clock.mockRestore();
    }
    expect(loadPart.mock.calls).toEqual([['connect'], ['connect']]);
    expect(asked).toEqual([{ type: 'connectKey', key: KEY }]);
  });

  it('a load that failed otherwise (no answer) is asked for again by the next post', async () => {
    const loadPart = vi.fn((_part: PartName): Promise<unknown> => Promise.reject(new Error('no answer')));
    const asked = startOn('/extension/connect', loadPart);
    post({ type: 'deskflow:extension-key', key: KEY });
    await frames();
    loadPart.mockImplementation((part) => partHere(part));
    post({ type: 'deskflow:extension-key', key: KEY });
    await frames();
    expect(loadPart.mock.calls).toEqual([['connect'], ['connect']]);
    expect(asked).toEqual([{ type: 'connectKey', key: KEY }]);
  });

  it('not in a frame: the background takes a key from the top frame only', async () => {
    const loadPart = vi.fn((part: PartName) => partHere(part));
    startOn('/extension/connect', loadPart);
    const top = vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window);
    try {
      post({ type: 'deskflow:extension-key', key: KEY });
      await frames();
    } finally {
      top.mockRestore();
    }
    expect(loadPart).not.toHaveBeenCalled();
  });
});

describe('requestPart: asking the background for a file', () => {
  it('resolves with what the file hands over; a refusal and a missing answer are told apart', async () => {
    const sendMessage = vi.fn(async (message: unknown): Promise<unknown> => {
      // The background runs the file, which hands its part over before the answer arrives.
      expect(message).toEqual({ type: 'loadConnect' });
      handOverPart('connect', { createConnectHandOver: () => () => undefined, askBackground: async () => ({ ok: true, value: null }) as never });
      return { ok: true, value: null };
    });
    vi.stubGlobal('browser', { runtime: { sendMessage } });
    try {
      await expect(requestPart('connect')).resolves.toHaveProperty('createConnectHandOver');

      sendMessage.mockResolvedValue({ ok: false, error: { kind: 'refused', message: 'No.' } });
      await expect(requestPart('warning')).rejects.toBeInstanceOf(PartRefused);
      sendMessage.mockResolvedValue(undefined);
      const silent = requestPart('warning');
      await expect(silent).rejects.toThrow(/did not answer/);
      await expect(silent).rejects.not.toBeInstanceOf(PartRefused);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
