/**
 * `npm start -- --firefox`: the demo in Firefox. The Firefox build (`wxt build -b firefox`,
 * .output/firefox-mv2) installed as a temporary add-on in a fresh profile, through WebDriver
 * BiDi (puppeteer-core, as the Firefox end-to-end tests), already connected to the demo account.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXTENSION_ORIGIN, findFirefox, launchFirefox, newTab } from '../e2e/firefox';

export interface FirefoxDemo {
  popupUrl: string;
  /** Resolves when the user closes the browser. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export { findFirefox };

/** The product's own sign-in (the options page's `setApiKey`), from one of its pages. */
export const CONNECT_DEMO = async (key: string): Promise<string> => {
  const api = (globalThis as unknown as { browser?: Runtime; chrome?: Runtime }).browser ?? (globalThis as unknown as { chrome: Runtime }).chrome;
  type Runtime = { runtime: { sendMessage(message: object): Promise<{ ok: boolean; value?: { email: string }; error?: { message: string } }> } };
  const answer = await api.runtime.sendMessage({ type: 'setApiKey', key });
  if (!answer?.ok) throw new Error(`the demo key was refused: ${answer?.error?.message ?? 'no answer'}`);
  return answer.value!.email;
};

export async function launchFirefoxDemo(extensionDir: string, sandbox: { appUrl: string; demoKey: string }, headless: boolean): Promise<FirefoxDemo> {
  const profile = mkdtempSync(path.join(tmpdir(), 'deskflow-credits-firefox-'));
  const firefox = await launchFirefox(extensionDir, { headless, profile });
  const options = await firefox.open('options.html');
  const email = await options.evaluate(CONNECT_DEMO, sandbox.demoKey);
  console.log(`Connected to the demo account (${email}).`);
  await options.close();
  const [first] = await firefox.browser.pages();
  const page = first ?? (await newTab(firefox.browser));
  await page.goto(`${sandbox.appUrl}/prospects`);
  const closed = new Promise<void>((resolve) => firefox.browser.once('disconnected', () => resolve()));
  return {
    popupUrl: `${EXTENSION_ORIGIN}/popup.html`,
    closed,
    async close() {
      await firefox.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
