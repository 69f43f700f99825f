// The connect hand-over (app-pages.md §3) lives in the same content script as the selection
// watcher; its tests sit here with the other content-script tests.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptConnectMessage, CONNECTED_TYPE, listenForConnect } from '@/utils/connect';

const KEY = 'dfk_demo_000000000000000000000000';
const APP = location.origin; // happy-dom's page is "the app" in these tests

describe('acceptConnectMessage', () => {
  const event = (over: Partial<MessageEvent> = {}) =>
    ({ source: window, origin: APP, data: { type: 'deskflow:extension-key', key: KEY }, ...over }) as MessageEvent;

  it('takes the key from this window, on the app origin, in the exact shape', () => {
    expect(acceptConnectMessage(event(), window, APP)).toBe(KEY);
  });

  it.each([
    ['another frame', { source: {} as Window }],
    ['no source', { source: null }],
    ['another origin', { origin: 'https://evil.example' }],
    ['a look-alike origin', { origin: `${APP}.evil.example` }],
    ['another type', { data: { type: 'deskflow:extension-keys', key: KEY } }],
    ['a malformed key', { data: { type: 'deskflow:extension-key', key: 'dfk_short' } }],
    ['a key with HTML', { data: { type: 'deskflow:extension-key', key: `${KEY}<img>` } }],
    ['a string', { data: `{"type":"deskflow:extension-key","key":"${KEY}"}` }],
    ['nothing', { data: null }],
  ])('ignores %s', (_name, over) => {
    expect(acceptConnectMessage(event(over as Partial<MessageEvent>), window, APP)).toBeNull();
  });

  it('ignores everything when this page is not on the app origin', () => {
    expect(acceptConnectMessage(event({ origin: 'https://app.deskflow.app' }), window, 'https://app.deskflow.app')).toBeNull();
  });
});

describe('listenForConnect', () => {
  const controller = new AbortController();
  afterEach(() => controller.abort());

  function post(data: unknown, origin = APP, source: MessageEventSource | null = window) {
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
  }

  it('forwards an accepted key once and tells the page it is connected', async () => {
    const forward = vi.fn(async () => true);
    const replies: unknown[] = [];
    const postMessage = vi.spyOn(window, 'postMessage').mockImplementation((message: unknown) => void replies.push(message));
    listenForConnect({ win: window, appOrigin: APP, forward, signal: controller.signal });
    post({ type: 'deskflow:extension-key', key: KEY });
    post({ type: 'deskflow:extension-key', key: KEY }, 'https://evil.example');
    await vi.waitFor(() => expect(replies).toEqual([{ type: CONNECTED_TYPE }]));
    expect(forward.mock.calls).toEqual([[KEY]]);
    expect(postMessage).toHaveBeenCalledWith({ type: CONNECTED_TYPE }, APP);
  });

  it('says nothing when the background refused the key', async () => {
    const forward = vi.fn(async () => false);
    const postMessage = vi.spyOn(window, 'postMessage').mockImplementation(() => {});
    listenForConnect({ win: window, appOrigin: APP, forward, signal: controller.signal });
    post({ type: 'deskflow:extension-key', key: KEY });
    await vi.waitFor(() => expect(forward).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    expect(postMessage).not.toHaveBeenCalled();
  });

  it('does not listen off the app origin, nor after the extension was reloaded', () => {
    const forward = vi.fn(async () => true);
    const stopped = new AbortController();
    listenForConnect({ win: window, appOrigin: 'https://app.deskflow.app', forward, signal: controller.signal });
    listenForConnect({ win: window, appOrigin: APP, forward, signal: stopped.signal });
    stopped.abort();
    post({ type: 'deskflow:extension-key', key: KEY });
    expect(forward).not.toHaveBeenCalled();
  });
});
