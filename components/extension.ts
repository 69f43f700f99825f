import { useRef } from 'react';
import { useMutation } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { askBackground } from '@/utils/ask-background';
import type { AnswerOf, Request, ResponseError } from '@/utils/messages';

/**
 * What the popup and the options page do with the browser, in one place: ask the background
 * (every action is a message to it), open tabs and the options page, read the shortcut. React
 * components call these, never `browser.*` themselves.
 */

/** The background's refusal, with words a user understands. */
export class BackgroundError extends Error {
  readonly kind: string;
  constructor(error: ResponseError) {
    super(error.message);
    this.name = 'BackgroundError';
    this.kind = error.kind;
  }
}

/** Ask the background; resolves with its value or throws a BackgroundError. */
export async function ask<T extends Request>(request: T): Promise<AnswerOf<T['type']>> {
  const answer = await askBackground(request);
  if (!answer.ok) throw new BackgroundError(answer.error);
  return answer.value;
}

/**
 * A message to the background as a mutation (pending and error states for the button). What
 * the background changes reaches the page through the storage watch only: a refresh's answer
 * may be older than a write the watch already delivered, so it is not put in the cache.
 */
export function useBackgroundAction<T extends Request>() {
  return useMutation<AnswerOf<T['type']>, BackgroundError, T>({
    mutationFn: (request) => ask(request),
  });
}

/**
 * A guard against double clicks: React state updates only after a re-render, so two clicks in
 * the same frame would both see "not pending". The ref flips synchronously.
 */
export function useOnceAtATime() {
  const running = useRef(false);
  return async function once<R>(action: () => Promise<R>): Promise<R | undefined> {
    if (running.current) return undefined;
    running.current = true;
    try {
      return await action();
    } finally {
      running.current = false;
    }
  };
}

/** A new tab (links to the app, the browser's shortcut settings). */
export function openTab(url: string): void {
  void browser.tabs.create({ url }).catch(() => undefined);
}

export const optionsPageUrl = (): string => browser.runtime.getURL('/options.html');

export function openOptionsPage(): void {
  void browser.runtime.openOptionsPage();
}

/** The browser's commands (the popup's shortcut), or null where it has none to tell. */
export async function commands(): Promise<Array<{ name?: string; shortcut?: string }> | null> {
  if (typeof browser.commands?.getAll !== 'function') return null;
  return Promise.resolve()
    .then(() => browser.commands.getAll())
    .catch(() => null);
}

/** Firefox 137+ opens its shortcut settings itself; elsewhere this does nothing and says so. */
export async function openShortcutSettings(): Promise<boolean> {
  const open = (browser.commands as { openShortcutSettings?: () => Promise<void> } | undefined)?.openShortcutSettings;
  if (typeof open !== 'function') return false;
  return Promise.resolve()
    .then(() => open())
    .then(
      () => true,
      () => false,
    );
}

/** The ids of the tabs open now (the popup's mention of an action whose tab was closed). */
export async function openTabIds(): Promise<ReadonlySet<number>> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  return new Set(tabs.flatMap((tab) => (tab.id === undefined ? [] : [tab.id])));
}
