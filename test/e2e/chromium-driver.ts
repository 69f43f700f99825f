import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { axAttribute, axClick, axCount, axText } from './ax';
import { launchExtension } from './browser';
import type { DriverOptions, ExtensionDriver, Tab } from './driver';
import { badgeOf } from './fixtures';

/** The journeys' driver over Chromium: ax.ts (the accessibility tree over CDP) and real input. */

const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

export function chromiumTab(page: Page): Tab {
  return {
    count: (query) => axCount(page, query),
    text: (query) => axText(page, query),
    attribute: (query, name) => axAttribute(page, query, name),
    click: (query) => axClick(page, query),
    async fill(query, value) {
      await axClick(page, query);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(value);
    },
    press: (key) => page.keyboard.press(key),
    evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) => page.evaluate(fn as never, arg as never) as Promise<R>,
    bodyText: () => page.evaluate(() => document.body.innerText),
    url: async () => page.url(),
    async screenshot(name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.waitForTimeout(200); // the dialog's fade-in
      await page.screenshot({ path: join(SCREENSHOTS, `chromium-${name}.png`) });
    },
    close: () => page.close(),
  };
}

export async function chromiumDriver(extensionDir: string, options: DriverOptions = {}): Promise<ExtensionDriver> {
  const extension = await launchExtension(extensionDir, options);
  return {
    browserName: 'chromium',
    open: async (pagePath) => chromiumTab(await extension.open(pagePath)),
    async visit(url) {
      const page = await extension.context.newPage();
      await page.goto(url);
      return chromiumTab(page);
    },
    badge: () => badgeOf(extension),
    tabUrls: async () => extension.context.pages().map((p) => p.url()),
    async waitForTab(match) {
      const end = Date.now() + 15_000;
      for (;;) {
        const page = extension.context.pages().find((p) => match(p.url()));
        if (page) {
          await page.waitForLoadState();
          return chromiumTab(page);
        }
        if (Date.now() > end) throw new Error('timed out waiting for a tab');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => extension.close(),
  };
}
