import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { AxQuery } from './ax';
import type { DriverOptions, ExtensionDriver, Tab } from './driver';
import type { BadgeState } from './fixtures';

/**
 * A real Firefox (Debian's firefox-esr) with the production Firefox build installed as a
 * temporary add-on, driven by puppeteer-core over WebDriver BiDi: no geckodriver, no download.
 */

/** The add-on's id (wxt.config.ts) and the fixed UUID of its moz-extension:// origin. */
export const GECKO_ID = 'credits@deskflow.app';
export const EXTENSION_UUID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** FIREFOX_PATH, then Debian's Firefox ESR, then firefox on the usual paths. */
export function findFirefox(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  for (const candidate of candidates) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error(
    'No Firefox found. Install it (Debian/Ubuntu: `sudo apt-get install firefox-esr`) or set FIREFOX_PATH ' +
      'to a Firefox 140 or later.',
  );
}

export interface FirefoxLaunchOptions extends DriverOptions {
  headless?: boolean;
  /** A profile folder to keep (the demo); a fresh temporary one otherwise, removed on close. */
  profile?: string;
}

export interface LoadedFirefox {
  browser: Browser;
  /** Opens an extension page in a new tab and waits until it has loaded. */
  open(pagePath: string): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Firefox with the built extension (.output/…/firefox-mv2) in a fresh profile. */
export async function launchFirefox(extensionDir: string, options: FirefoxLaunchOptions = {}): Promise<LoadedFirefox> {
  const { headless = true, locale } = options;
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'deskflow-firefox-'));
  const language = locale?.split('-')[0];
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: findFirefox(),
    headless,
    userDataDir: profile,
    defaultViewport: headless ? { width: 1280, height: 800 } : null,
    // Without it Firefox refuses to navigate a tab to a moz-extension:// page over BiDi.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      // The add-on's origin is fixed before install, so the popup's address is known.
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // The UI language (needs the language pack: firefox-esr-l10n-de) and navigator.language.
      ...(locale && language ? { 'intl.locale.requested': language, 'intl.accept_languages': `${locale},${language}` } : {}),
      'browser.translations.enable': false,
    },
  });
  await browser.installExtension(extensionDir);

  async function open(pagePath: string): Promise<Page> {
    const page = await newTab(browser);
    const url = `${EXTENSION_ORIGIN}/${pagePath}`;
    // Firefox reports no load event for a page in the extension process: goto never resolves.
    page.goto(url, { timeout: 0 }).catch(() => undefined);
    await until(async () => {
      const state = await page.evaluate(() => [location.href, document.readyState]).catch(() => null);
      return state !== null && state[0] === url && state[1] === 'complete';
    }, `${url} to load`);
    return page;
  }

  return {
    browser,
    open,
    async close() {
      await browser.close().catch(() => undefined);
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A new tab, or a new window when Firefox cannot put a tab in its most recent window. Firefox
 * 140 ESR's BiDi creates tabs there, and when that window is not a browser window (the alert a
 * notification opens, as the low-balance one does) it fails: "can't access property
 * \"selectedTab\", TabManager.getTabBrowser(...) is undefined" (seen in .ci/run).
 */
export async function newTab(browser: Browser): Promise<Page> {
  try {
    return await browser.newPage();
  } catch (error) {
    if (!/selectedTab|getTabBrowser/.test(String(error))) throw error;
    return browser.newPage({ type: 'window' });
  }
}

async function until(check: () => Promise<boolean>, what: string, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// --- WebDriver BiDi, under puppeteer ---------------------------------------------------------

interface BidiNode {
  type: 'node';
  sharedId: string;
  value?: { localName?: string; shadowRoot?: BidiNode | null };
}
interface Bidi {
  context: string;
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

/**
 * The BiDi session and browsing context behind a puppeteer page. puppeteer exposes no public
 * way to send a raw command, and two things here need one: `browsingContext.locateNodes` with
 * `includeShadowTree: 'all'` (to start searches inside our closed shadow roots) and
 * `input.performActions` with an element origin.
 */
function bidiOf(page: Page): Bidi {
  type Internals = { browsingContext: { id: string; userContext: { browser: { session: { send: Bidi['send'] } } } } };
  const context = (page.mainFrame() as unknown as Internals).browsingContext;
  const session = context.userContext.browser.session;
  return { context: context.id, send: (method, params) => session.send(method, params) };
}

const OUR_HOSTS = 'deskflow-credits-warning, deskflow-credits-dock, deskflow-credits-confirm';

async function locate(bidi: Bidi, locator: object, startNodes?: { sharedId: string }[]): Promise<BidiNode[]> {
  const { result } = await bidi.send('browsingContext.locateNodes', {
    context: bidi.context,
    locator,
    ...(startNodes ? { startNodes } : {}),
    serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
  });
  return result.nodes as BidiNode[];
}

async function call<R>(bidi: Bidi, node: BidiNode, functionDeclaration: string, ...args: unknown[]): Promise<R> {
  const { result } = await bidi.send('script.callFunction', {
    functionDeclaration,
    this: { sharedId: node.sharedId },
    arguments: args.map((value) => ({ type: typeof value === 'number' ? 'number' : 'string', value })),
    target: { context: bidi.context },
    awaitPromise: true,
    resultOwnership: 'none',
  });
  if (result.type === 'exception') throw new Error(JSON.stringify(result.exceptionDetails));
  const value = result.result as { type: string; value?: unknown };
  return (value.type === 'null' || value.type === 'undefined' ? null : value.value) as R;
}

/** A name as a test reads it (regex names only): aria-label, else a label, else the text. */
const NAME_OF = `function () {
  const label = this.getAttribute('aria-label') || (this.labels && this.labels[0] && this.labels[0].textContent) || this.textContent || '';
  return label.replace(/\\s+/g, ' ').trim();
}`;

/**
 * Finds elements by role and accessible name with BiDi's accessibility locator. Firefox's
 * locator does not enter shadow roots, so a search also starts inside each closed root of our
 * hosts (BiDi serializes closed roots when asked: a test-only capability no page script has).
 */
async function find(bidi: Bidi, query: AxQuery): Promise<BidiNode[]> {
  let scopes: ({ sharedId: string }[] | undefined)[];
  if (query.within) {
    const outer = await find(bidi, query.within);
    if (outer.length === 0) return [];
    scopes = [outer.map((n) => ({ sharedId: n.sharedId }))];
  } else {
    const roots = (await locate(bidi, { type: 'css', value: OUR_HOSTS }))
      .map((host) => host.value?.shadowRoot)
      .filter((root): root is BidiNode => !!root)
      .map((root) => ({ sharedId: root.sharedId }));
    scopes = roots.length > 0 ? [undefined, roots] : [undefined];
  }
  const roles = typeof query.role === 'string' ? [query.role] : query.role;
  const found = new Map<string, BidiNode>();
  for (const startNodes of scopes) {
    for (const role of roles) {
      const value = typeof query.name === 'string' ? { role, name: query.name } : { role };
      for (const node of await locate(bidi, { type: 'accessibility', value }, startNodes)) found.set(node.sharedId, node);
    }
  }
  const nodes = [...found.values()];
  if (!(query.name instanceof RegExp)) return nodes;
  const pattern = query.name;
  const named: BidiNode[] = [];
  for (const node of nodes) if (pattern.test((await call<string>(bidi, node, NAME_OF).catch(() => null)) ?? '')) named.push(node);
  return named;
}

async function only(bidi: Bidi, query: AxQuery): Promise<BidiNode> {
  const found = await find(bidi, query);
  if (found.length !== 1) throw new Error(`expected one ${JSON.stringify({ ...query, name: String(query.name) })}, found ${found.length}`);
  return found[0]!;
}

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

/** A Firefox tab as journeys see it. */
export function firefoxTab(page: Page): Tab {
  const bidi = bidiOf(page);
  return {
    count: async (query) => (await find(bidi, query)).length,
    async text(query) {
      const [node] = await find(bidi, query);
      return node ? call<string>(bidi, node, 'function () { return this.textContent; }').catch(() => null) : null;
    },
    async attribute(query, name) {
      return call<string | null>(bidi, await only(bidi, query), 'function (name) { return this.getAttribute(name); }', name);
    },
    async click(query) {
      const node = await only(bidi, query);
      await call(bidi, node, 'function () { this.scrollIntoView({ block: "center", inline: "center" }); }');
      // A real pointer: Firefox dispatches trusted mousedown/mouseup/click at the element's middle.
      await bidi.send('input.performActions', {
        context: bidi.context,
        actions: [
          {
            type: 'pointer',
            id: 'deskflow-mouse',
            parameters: { pointerType: 'mouse' },
            actions: [
              { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId: node.sharedId } } },
              { type: 'pointerDown', button: 0 },
              { type: 'pointerUp', button: 0 },
            ],
          },
        ],
      });
    },
    async fill(query, value) {
      await this.click(query);
      await page.keyboard.down('Control');
      await page.keyboard.press('a');
      await page.keyboard.up('Control');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(value);
    },
    press: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) => page.evaluate(fn as never, arg as never) as Promise<R>,
    bodyText: () => page.evaluate(() => document.body.innerText),
    url: () => page.evaluate(() => location.href),
    async screenshot(name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await new Promise((r) => setTimeout(r, 200)); // the dialog's fade-in
      await page.screenshot({ path: join(SCREENSHOTS, `firefox-${name}.png`) as `${string}.png` });
    },
    close: () => page.close(),
  };
}

/** The journeys' driver over a Firefox with the extension installed. */
export async function firefoxDriver(extensionDir: string, options: DriverOptions = {}): Promise<ExtensionDriver> {
  const firefox = await launchFirefox(extensionDir, options);
  let badgeReader: Promise<Page> | undefined;
  const language = options.locale?.split('-')[0];
  if (language) {
    // Firefox ignores intl.locale.requested without the language pack: say so, not a wrong text.
    badgeReader = firefox.open('options.html');
    const ui = await (await badgeReader).evaluate(() => (globalThis as unknown as { browser: { i18n: { getUILanguage(): string } } }).browser.i18n.getUILanguage());
    if (!ui.startsWith(language)) {
      await firefox.close();
      throw new Error(`Firefox's UI is ${ui}, not ${language}: install its language pack (Debian: firefox-esr-l10n-${language})`);
    }
  }
  const pageUrls = async () =>
    Promise.all((await firefox.browser.pages()).map(async (p) => ({ page: p, url: await p.evaluate(() => location.href).catch(() => p.url()) })));
  return {
    browserName: 'firefox',
    open: async (pagePath) => firefoxTab(await firefox.open(pagePath)),
    async visit(url) {
      const page = await newTab(firefox.browser);
      await page.goto(url);
      return firefoxTab(page);
    },
    async badge(): Promise<BadgeState> {
      badgeReader ??= firefox.open('options.html');
      return (await badgeReader).evaluate(async () => {
        type Action = {
          getBadgeText(details: object): Promise<string>;
          getBadgeBackgroundColor(details: object): Promise<number[]>;
          getTitle(details: object): Promise<string>;
        };
        const action = (globalThis as unknown as { browser: { browserAction: Action } }).browser.browserAction;
        return {
          text: await action.getBadgeText({}),
          color: (await action.getBadgeBackgroundColor({})) as [number, number, number, number],
          title: await action.getTitle({}),
        };
      });
    },
    tabUrls: async () => (await pageUrls()).map((p) => p.url),
    async waitForTab(match) {
      let found: Page | undefined;
      await until(async () => {
        found = (await pageUrls()).find((p) => match(p.url))?.page;
        return found !== undefined && (await found.evaluate(() => document.readyState).catch(() => '')) === 'complete';
      }, 'a tab');
      return firefoxTab(found!);
    },
    close: () => firefox.close(),
  };
}
