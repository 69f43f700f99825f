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

/**
 * What the background knows, for a failure message: the stored snapshot's essentials, the
 * refresh bookkeeping, the alarms, and the sandbox's last requests (never the API key). Read
 * from an extension page, so a stopped worker is not woken by the reading.
 */
export async function backgroundState(extension: LoadedExtension): Promise<string> {
  const reader = await (badgeReaders.get(extension) ?? extension.open('options.html'));
  const stored = await reader.evaluate(async () => {
    type Chrome = {
      storage: { local: { get(keys: null): Promise<Record<string, unknown>> } };
      alarms: { getAll(): Promise<{ name: string; scheduledTime: number; periodInMinutes?: number }[]> };
    };
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    const all = await chrome.storage.local.get(null);
    const snapshot = (all.snapshot ?? {}) as Record<string, unknown> & {
      summary?: { credits?: { remaining?: number } } | null;
      catalog?: { packages?: unknown[] } | null;
    };
    const now = Date.now();
    return {
      snapshot: {
        signedIn: snapshot.signedIn,
        remaining: snapshot.summary?.credits?.remaining,
        packages: snapshot.catalog?.packages?.length ?? null,
        fetchedAgoMs: typeof snapshot.fetchedAt === 'number' ? now - snapshot.fetchedAt : null,
        lastError: snapshot.lastError,
        purchase: snapshot.purchase,
        checkoutWatchInMs: typeof snapshot.checkoutWatchUntil === 'number' ? snapshot.checkoutWatchUntil - now : null,
      },
      other: Object.fromEntries(Object.entries(all).filter(([key]) => key !== 'snapshot' && !/key|spending/i.test(key))),
      alarms: (await chrome.alarms.getAll()).map((a) => ({ name: a.name, inMs: a.scheduledTime - now, period: a.periodInMinutes })),
    };
  });
  const requests = await sandbox.requests();
  const last = requests.log.slice(-8).map((e) => {
    const entry = e as { method?: string; path?: string; status?: number; at?: string };
    return `${entry.at?.slice(11, 23)} ${entry.method} ${entry.path} ${entry.status ?? '-'}`;
  });
  return JSON.stringify({ ...stored, sandbox: { counts: requests.counts, last } });
}

/** expect.poll(probe).toMatch(pattern), failing with what the background knew at that moment. */
export async function pollUntilMatches(
  extension: LoadedExtension,
  probe: () => Promise<string | null>,
  pattern: RegExp,
  timeout: number,
): Promise<void> {
  let said: string | null = null;
  try {
    await expect
      .poll(async () => (said = await probe()), { timeout, interval: 500 })
      .toMatch(pattern);
  } catch (error) {
    throw new Error(`Waited ${timeout} ms for ${pattern}; the page said: ${String(said)}; the background: ${await backgroundState(extension)}`, {
      cause: error,
    });
  }
}
