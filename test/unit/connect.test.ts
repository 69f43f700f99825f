// The connect hand-over (app-pages.md §3) lives in the same content script as the selection
// watcher; its tests sit here with the other content-script tests.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptConnectMessage, CONNECTED_TYPE, createConnectHandOver } from '@/utils/connect';

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

describe('createConnectHandOver', () => {
  afterEach(() => history.replaceState({}, '', '/'));

  function post(handOver: (event: MessageEvent) => void, data: unknown, origin = APP, source: MessageEventSource | null = window) {
    handOver(new MessageEvent('message', { data, origin, source }));
  }
  const onConnectPage = () => history.pushState({}, '', '/extension/connect');

  it('forwards an accepted key and tells the page it is connected', async () => {
    onConnectPage();
    const forward = vi.fn(async () => true);
    const replies: unknown[] = [];
    const postMessage = vi.spyOn(window, 'postMessage').mockImplementation((message: unknown) => void replies.push(message));
    const handOver = createConnectHandOver({ win: window, forward });
    post(handOver, { type: 'deskflow:extension-key', key: KEY }, 'https://evil.example');
    post(handOver, { type: 'deskflow:extension-key', key: KEY });
    await vi.waitFor(() => expect(replies).toEqual([{ type: CONNECTED_TYPE }]));
    expect(forward.mock.calls).toEqual([[KEY]]);
    expect(postMessage).toHaveBeenCalledWith({ type: CONNECTED_TYPE }, APP);
  });

  it('one key per visit: posted again and again it is forwarded once, and once more after a navigation', () => {
    onConnectPage();
    const forward = vi.fn(async () => true);
    vi.spyOn(window, 'postMessage').mockImplementation(() => {});
    const handOver = createConnectHandOver({ win: window, forward });
    for (let i = 0; i < 20; i += 1) post(handOver, { type: 'deskflow:extension-key', key: KEY });
    expect(forward).toHaveBeenCalledTimes(1);
    history.pushState({}, '', '/extension/connect?again');
    post(handOver, { type: 'deskflow:extension-key', key: KEY });
    expect(forward).toHaveBeenCalledTimes(2);
  });

  it('says nothing when the background refused the key', async () => {
    onConnectPage();
    const forward = vi.fn(async () => false);
    const postMessage = vi.spyOn(window, 'postMessage').mockImplementation(() => {});
    post(createConnectHandOver({ win: window, forward }), { type: 'deskflow:extension-key', key: KEY });
    await vi.waitFor(() => expect(forward).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    expect(postMessage).not.toHaveBeenCalled();
  });

  it('takes nothing on any other page of the app', () => {
    history.pushState({}, '', '/prospects');
    const forward = vi.fn(async () => true);
    post(createConnectHandOver({ win: window, forward }), { type: 'deskflow:extension-key', key: KEY });
    expect(forward).not.toHaveBeenCalled();
  });
});
