import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

/**
 * Finds a browser that loads unpacked extensions, in a clear order: CHROME_PATH, then Debian's
 * Chromium. Branded Google Chrome 137+ ignores --load-extension, so it is not a fallback.
 */
export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error(
    'No Chromium found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH ' +
      'to a Chromium or Chrome for Testing binary (branded Chrome ignores --load-extension).',
  );
}

export interface LoadedExtension {
  context: BrowserContext;
  extensionId: string;
  /** The background service worker (re-fetched after it is stopped). */
  worker(): Promise<Worker>;
  /** Opens an extension page (popup.html, options.html) in a tab. */
  open(pagePath: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  /**
   * The browser's language, e.g. 'de-DE': Chromium's UI language (`--lang`, and LANGUAGE on
   * Linux), which picks the extension's catalog, and navigator.language for numbers and dates.
   */
  locale?: string;
  /** More unpacked extensions to load beside it (the benchmark's empty content script). */
  alsoLoad?: readonly string[];
}

/** Chromium's flags for tests and benchmarks (test/bench/lib.ts): quiet, no GPU, no sandbox. */
const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
];

/** Launches Chromium with the built extension in a fresh profile. */
export async function launchExtension(extensionDir: string, { headless = true, locale, alsoLoad = [] }: LaunchOptions = {}): Promise<LoadedExtension> {
  const profile = mkdtempSync(join(tmpdir(), 'deskflow-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless,
    viewport: { width: 1280, height: 800 },
    ...(locale ? { locale, env: { ...process.env, LANGUAGE: locale.replace('-', '_') } } : {}),
    args: [
      ...(locale ? [`--lang=${locale}`] : []),
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${[extensionDir, ...alsoLoad].join(',')}`,
      `--load-extension=${[extensionDir, ...alsoLoad].join(',')}`,
    ],
  });
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(first.url()).host;

  async function worker(): Promise<Worker> {
    const running = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    return running ?? context.waitForEvent('serviceworker');
  }

  return {
    context,
    extensionId,
    worker,
    async open(pagePath: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${pagePath}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
