import { z } from 'zod/mini';
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

export interface ConnectListenerOptions {
  win: Window;
  appOrigin: string;
  /** Hand the key to the background; resolves true when it was accepted. */
  forward: (key: string) => Promise<boolean>;
  signal: AbortSignal;
}

/** Listen for the connect page's key, on the app origin only. */
export function listenForConnect({ win, appOrigin, forward, signal }: ConnectListenerOptions): void {
  if (win.location.origin !== appOrigin) return;
  win.addEventListener(
    'message',
    (event) => {
      const key = acceptConnectMessage(event, win, appOrigin);
      if (key === null) return;
      void forward(key).then((accepted) => {
        if (accepted && !signal.aborted) win.postMessage({ type: CONNECTED_TYPE }, win.location.origin);
      });
    },
    { signal },
  );
}
