import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { launchExtension, type LaunchOptions, type LoadedExtension } from './browser';

/** The sandbox started by global-setup.ts, controlled over its /__sandbox HTTP endpoints. */
export const sandbox = {
  ...inject('sandbox'),
  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${inject('sandbox').apiUrl}/__sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  },
  scenario(name: string) {
    return this.control('POST', 'scenario', { name });
  },
  fault(endpoint: string, fault: unknown) {
    return this.control('POST', 'faults', { endpoint, fault });
  },
  clearFaults() {
    return this.control('DELETE', 'faults');
  },
  async requests() {
    return this.control<{ counts: Record<string, number>; total: number; log: { endpoint: string | null }[] }>(
      'GET',
      'requests',
    );
  },
  resetRequests() {
    return this.control('DELETE', 'requests');
  },
  async actions() {
    return (await this.control<{ actions: { list: string; action: string; count: number }[] }>('GET', 'actions')).actions;
  },
  async sessions() {
    return (await this.control<{ sessions: { id: string; url: string; status: string }[] }>('GET', 'sessions')).sessions;
  },
};

/** A fresh browser profile with the production build loaded (in another language with `locale`). */
export async function startBrowser(options: Pick<LaunchOptions, 'locale'> = {}): Promise<LoadedExtension> {
  return launchExtension(inject('extensionDir'), options);
}

/**
 * A fresh browser for a test: the sandbox set to `scenario` first, then the demo account
 * connected (unless `signIn` is false).
 */
export async function startSignedIn(
  scenario = 'basic',
  { signIn = true, locale }: { signIn?: boolean } & Pick<LaunchOptions, 'locale'> = {},
): Promise<LoadedExtension> {
  await sandbox.scenario(scenario);
  const extension = await startBrowser(locale ? { locale } : {});
  if (signIn) await signInWithKey(extension);
  return extension;
}

/**
 * Opens a page of the sandbox's web app in the extension's browser; the page's script errors
 * and console errors are pushed to `errors`.
 */
export async function openApp(extension: LoadedExtension, path: string, errors: string[] = []): Promise<Page> {
  const page = await extension.context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${sandbox.appUrl}${path}`);
  return page;
}

/** Connects the demo account through the options page, as a user pasting a key would. */
export async function signInWithKey(extension: LoadedExtension, key = sandbox.demoKey): Promise<Page> {
  const options = await extension.open('options.html');
  await options.getByLabel('API key').fill(key);
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => badgeOf(extension).then((b) => b.text), { timeout: 10_000 }).not.toBe('?');
  return options;
}

export interface BadgeState {
  text: string;
  color: [number, number, number, number];
  title: string;
}

const badgeReaders = new WeakMap<LoadedExtension, Promise<Page>>();

/**
 * Reads the toolbar badge from an extension page (the options page, which calls no API): the
 * service worker may be stopped at any moment, and waiting for it to come back would hang.
 */
export async function badgeOf(extension: LoadedExtension): Promise<BadgeState> {
  let reader = badgeReaders.get(extension);
  if (!reader) {
    reader = extension.open('options.html');
    badgeReaders.set(extension, reader);
  }
  return (await reader).evaluate(async () => {
    type Action = {
      getBadgeText(details: object): Promise<string>;
      getBadgeBackgroundColor(details: object): Promise<number[]>;
      getTitle(details: object): Promise<string>;
    };
    const action = (globalThis as unknown as { chrome: { action: Action } }).chrome.action;
    return {
      text: await action.getBadgeText({}),
      color: (await action.getBadgeBackgroundColor({})) as [number, number, number, number],
      title: await action.getTitle({}),
    };
  });
}

export function hexOf([r, g, b]: [number, number, number, number]): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
/** Saves a screenshot for people to look at (and the README to show). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Animations are fast-forwarded to their end: the shot shows what stays. Playwright cannot
  // reach into our closed shadow roots, so the dialog's fade-in (0.12 s) is waited out.
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

/** Stops the extension's service worker as Chrome does when it is idle, and waits until it is. */
export async function stopServiceWorker(extension: LoadedExtension, page: Page): Promise<void> {
  const cdp = await extension.context.newCDPSession(page);
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    stopped ||= versions.some((v) => v.scriptURL.startsWith(`chrome-extension://${extension.extensionId}/`) && v.runningStatus === 'stopped');
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => stopped).toBe(true);
  await cdp.detach();
}
