/**
 * `npm start`: a local Deskflow with the extension in it.
 *
 * 1. starts the sandbox (port $PORT, else 4010 when free, else any free port);
 * 2. builds the extension against it (`wxt build` with WXT_DESKFLOW_API_URL/APP_URL);
 * 3. with a display, opens Chromium (or Chrome; Firefox with --firefox, see start-firefox.ts)
 *    with the extension loaded and already connected to the demo account, on the prospects
 *    page; without one, prints the URLs, the demo API key and the folder to load unpacked.
 * Then serves until Ctrl-C.
 *
 * Flags: --scenario name, --port N, --no-build, --no-browser, --firefox, --smoke (start, build,
 * check, and exit: for CI; launches the browser headless when one is found).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { closeOnSignals, describeSandbox, parsePort, parseScenario, startOnPreferredPort } from './cli.ts';
import type { Sandbox } from './server.ts';
import { CONNECT_DEMO, findFirefox, launchFirefoxDemo, type FirefoxDemo } from './start-firefox.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIREFOX = process.argv.includes('--firefox');
const EXTENSION_DIR = path.join(ROOT, '.output', FIREFOX ? 'firefox-mv2' : 'chrome-mv3');

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

async function buildExtension(sandbox: Sandbox): Promise<void> {
  console.log(`\nBuilding the extension against the sandbox (WXT_DESKFLOW_API_URL=${sandbox.apiUrl}, WXT_DESKFLOW_APP_URL=${sandbox.appUrl})…`);
  await run('npx', ['wxt', 'build', ...(FIREFOX ? ['-b', 'firefox'] : [])], {
    ...process.env,
    WXT_DESKFLOW_API_URL: sandbox.apiUrl,
    WXT_DESKFLOW_APP_URL: sandbox.appUrl,
  });
  const manifestPath = path.join(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`The build did not produce ${manifestPath}`);
}

function hasDisplay(): boolean {
  return process.platform === 'darwin' || process.platform === 'win32' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** CHROME_PATH, then Chromium, then Chrome (branded Chrome 137+ may ignore --load-extension). */
function findBrowser(): string | undefined {
  if (process.env.CHROME_PATH) {
    if (isExecutable(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    console.warn(`CHROME_PATH=${process.env.CHROME_PATH} is not an executable; looking elsewhere.`);
  }
  const fixed = [
    '/usr/bin/chromium',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    'C:\\Program Files\\Chromium\\Application\\chrome.exe',
  ];
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  const branded = [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ];
  return (
    fixed.find(isExecutable) ??
    names.map(onPath).find((p): p is string => p !== undefined) ??
    branded.find(isExecutable)
  );
}

const INSTALL_HINT = `No Chromium or Chrome found. Install one, or point CHROME_PATH at it:
  Debian/Ubuntu:  sudo apt-get install -y chromium
  macOS:          brew install --cask chromium
  Windows:        install Chromium or Chrome for Testing and set CHROME_PATH`;

const FIREFOX_INSTALL_HINT = `No Firefox found. Install Firefox 140 or later, or point FIREFOX_PATH at it:
  Debian/Ubuntu:  sudo apt-get install -y firefox-esr`;

function findFirefoxOrNot(): string | undefined {
  try {
    return findFirefox();
  } catch {
    return undefined;
  }
}

function printManualSteps(sandbox: Sandbox): void {
  const load = FIREFOX
    ? `  1. Open about:debugging#/runtime/this-firefox.
  2. "Load Temporary Add-on…" → ${path.join(EXTENSION_DIR, 'manifest.json')}`
    : `  1. Open chrome://extensions, turn on "Developer mode".
  2. "Load unpacked" → ${EXTENSION_DIR}`;
  console.log(`
Load the extension yourself:
${load}
  3. Open ${sandbox.appUrl}/prospects
  4. Sign in: the extension's "Sign in with Deskflow", or paste the demo API key
     ${sandbox.demoKey} in its options page.`);
}

async function launchBrowser(executablePath: string, sandbox: Sandbox, headless: boolean) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'deskflow-credits-profile-'));
  if (/google-chrome|Google Chrome|\\Google\\Chrome\\/.test(executablePath)) {
    console.warn('Branded Google Chrome 137+ may ignore --load-extension; if the extension is missing, use Chromium.');
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    viewport: headless ? { width: 1280, height: 800 } : null,
    ignoreDefaultArgs: ['--enable-automation'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      '--no-first-run',
      '--no-default-browser-check',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  // The demo profile starts connected: the options page's own sign-in with the demo key.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  console.log(`Connected to the demo account (${await options.evaluate(CONNECT_DEMO, sandbox.demoKey)}).`);
  await options.close();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${sandbox.appUrl}/prospects`);
  return { context, extensionId, profile };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      scenario: { type: 'string', short: 's' },
      'no-build': { type: 'boolean' },
      'no-browser': { type: 'boolean' },
      smoke: { type: 'boolean' },
      firefox: { type: 'boolean' },
    },
  });
  const port = values.port ?? process.env.PORT;
  const sandbox = await startOnPreferredPort({
    port: port === undefined || port === '' ? undefined : parsePort(port, 0),
    scenario: parseScenario(values.scenario),
  });
  console.log(describeSandbox(sandbox));

  let context: BrowserContext | undefined;
  let firefox: FirefoxDemo | undefined;
  let profile: string | undefined;
  let stopping = false;
  const shutdown = async () => {
    stopping = true;
    await context?.close().catch(() => undefined);
    await firefox?.close().catch(() => undefined);
    if (profile) rmSync(profile, { recursive: true, force: true });
    await sandbox.close();
  };
  closeOnSignals(shutdown);

  try {
    if (!values['no-build']) await buildExtension(sandbox);
    else if (!existsSync(EXTENSION_DIR)) throw new Error(`--no-build, but ${EXTENSION_DIR} does not exist`);

    const browser = values['no-browser'] ? undefined : FIREFOX ? findFirefoxOrNot() : findBrowser();
    const showBrowser = hasDisplay() && !values['no-browser'] && !values.smoke;
    if (browser && FIREFOX && (showBrowser || values.smoke)) {
      console.log(`\nOpening ${browser} with the extension installed…`);
      firefox = await launchFirefoxDemo(EXTENSION_DIR, sandbox, !showBrowser);
      console.log(`Popup: ${firefox.popupUrl}`);
      void firefox.closed.then(() => {
        if (!stopping) console.log('Browser closed. The sandbox keeps serving; Ctrl-C to stop.');
      });
    } else if (browser && (showBrowser || values.smoke)) {
      console.log(`\nOpening ${browser} with the extension loaded…`);
      const launched = await launchBrowser(browser, sandbox, !showBrowser);
      context = launched.context;
      profile = launched.profile;
      console.log(`Extension id ${launched.extensionId}; popup: chrome-extension://${launched.extensionId}/popup.html`);
      context.on('close', () => {
        if (!stopping) console.log('Browser closed. The sandbox keeps serving; Ctrl-C to stop.');
      });
    } else {
      if (showBrowser && !browser) console.log(`\n${FIREFOX ? FIREFOX_INSTALL_HINT : INSTALL_HINT}`);
      else if (!hasDisplay()) console.log('\nNo display found (DISPLAY is not set): not opening a browser.');
      printManualSteps(sandbox);
    }

    if (values.smoke) {
      const res = await fetch(`${sandbox.apiUrl}/v1/billing/summary`, {
        headers: { authorization: `Bearer ${sandbox.demoKey}` },
      });
      if (!res.ok) throw new Error(`smoke: summary answered ${res.status}`);
      const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
        host_permissions?: string[];
        permissions?: string[];
      };
      const hosts = manifest.host_permissions ?? manifest.permissions?.filter((p) => p.includes('://'));
      console.log(`\nSmoke check passed (host_permissions: ${JSON.stringify(hosts)}).`);
      await shutdown();
      return;
    }
    console.log('\nServing. Press Ctrl-C to stop.');
  } catch (error) {
    await shutdown();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
