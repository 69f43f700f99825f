import { z } from 'zod/mini';
import { APP_PAGES } from './app-pages';
import { ApiKeySchema } from './billing/schemas';

/**
 * The app's connect page hands the extension a key (app-pages.md §3):
 * `window.postMessage({ type: 'deskflow:extension-key', key }, location.origin)`.
 * The content script takes it only from this very window, on the app origin, in the exact
 * shape, forwards it to the background (which checks the sender's origin again and validates
 * the key with GET /v1/me) and keeps nothing.
 */
export const CONNECT_KEY_TYPE = 'deskflow:extension-key';
export const CONNECTED_TYPE = 'deskflow:extension-connected';

const ConnectMessageSchema = z.object({ type: z.literal(CONNECT_KEY_TYPE), key: ApiKeySchema });

/** The key of an acceptable connect message, or null for anything else. */
export function acceptConnectMessage(
  event: Pick<MessageEvent, 'source' | 'origin' | 'data'>,
  win: Window,
  appOrigin: string,
): string | null {
  if (event.source !== win || event.origin !== appOrigin || win.location.origin !== appOrigin) return null;
  const parsed = ConnectMessageSchema.safeParse(event.data);
  return parsed.success ? parsed.data.key : null;
}

export interface ConnectHandOverOptions {
  win: Window;
  /** Hand the key to the background; resolves true when it was accepted. */
  forward: (key: string) => Promise<boolean>;
}

/**
 * The connect page's key, taken from a `message` event. The content script listens on every
 * app page (start.ts), so the connect page is heard also when the app reaches it by in-app
 * navigation; a message counts only while the page is the connect page. One key per visit:
 * after one is handed over, posts are ignored until the app navigates (a new history entry or
 * URL), so a page that loops its post costs the background one `GET /v1/me`, not one per post.
 */
export function createConnectHandOver({ win, forward }: ConnectHandOverOptions): (event: MessageEvent) => void {
  const origin = win.location.origin;
  let usedVisit: string | null = null;
  return (event) => {
    if (win.location.pathname !== APP_PAGES.connect) return;
    const key = acceptConnectMessage(event, win, origin);
    if (key === null) return;
    const visit = `${win.history.length} ${win.location.href}`;
    if (usedVisit === visit) return;
    usedVisit = visit;
    void forward(key).then((accepted) => {
      if (accepted) win.postMessage({ type: CONNECTED_TYPE }, origin);
    });
  };
}
