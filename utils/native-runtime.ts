/**
 * The browser's own `runtime` in this context — Firefox's `browser`, Chromium's `chrome` (whose
 * MV3 calls answer with promises) — rather than the polyfill (wxt/browser): the content
 * script's files use it, so a page parses no polyfill when the warning loads (issue 19), and so
 * does the one way to ask the background (utils/ask-background.ts). Undefined where there is
 * none.
 */
export interface NativeRuntime {
  readonly id?: string;
  getURL(path: string): string;
  sendMessage(message: unknown): Promise<unknown>;
  readonly onMessage: {
    addListener(listener: (message: unknown, sender: { id?: string; tab?: unknown }) => undefined): void;
  };
}

type Scope = { browser?: { runtime?: NativeRuntime }; chrome?: { runtime?: NativeRuntime } };

export function nativeRuntime(): NativeRuntime | undefined {
  const scope = globalThis as Scope;
  return scope.browser?.runtime ?? scope.chrome?.runtime;
}
