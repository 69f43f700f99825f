import type { AxQuery } from './ax';
import type { BadgeState } from './fixtures';

/**
 * What a journey needs from a browser, so one journey runs in Chromium (Playwright over CDP,
 * chromium-driver.ts) and in Firefox (puppeteer over WebDriver BiDi, firefox.ts). Elements are
 * found as assistive technology finds them (a role and an accessible name), in the page and in
 * our closed shadow roots alike, and pressed with real input: every press is a trusted event.
 */
export interface Tab {
  /** How many elements match. */
  count(query: AxQuery): Promise<number>;
  /** The text content of the first match, or null when there is none. */
  text(query: AxQuery): Promise<string | null>;
  /** An attribute of the one match. */
  attribute(query: AxQuery, name: string): Promise<string | null>;
  /** A real mouse click in the middle of the one match. */
  click(query: AxQuery): Promise<void>;
  /** Clicks the one match (a text field), selects what is in it and types `value`. */
  fill(query: AxQuery, value: string): Promise<void>;
  /** A real key press ('Escape', 'Enter') where the focus is. */
  press(key: string): Promise<void>;
  /** Runs a function in the page (an extension page: with its extension APIs). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** The page's visible text (document.body.innerText). */
  bodyText(): Promise<string>;
  url(): Promise<string>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionDriver {
  readonly browserName: 'chromium' | 'firefox';
  /** Opens an extension page (popup.html, options.html) in a new tab. */
  open(pagePath: string): Promise<Tab>;
  /** Opens a web page in a new tab. */
  visit(url: string): Promise<Tab>;
  /** The toolbar button's badge text, colour and tooltip. */
  badge(): Promise<BadgeState>;
  /** The addresses of the open tabs. */
  tabUrls(): Promise<string[]>;
  /** The tab whose address matches, once one does (opened by the extension or the page). */
  waitForTab(match: (url: string) => boolean): Promise<Tab>;
  close(): Promise<void>;
}

export interface DriverOptions {
  /** The browser's language, e.g. 'de-DE'. */
  locale?: string;
}

export type LaunchDriver = (options?: DriverOptions) => Promise<ExtensionDriver>;
