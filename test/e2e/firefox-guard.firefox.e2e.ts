import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DIALOG, inBanner } from './ax';
import { buildExtensionFor } from './build';
import type { ExtensionDriver } from './driver';
import { sandbox } from './fixtures';
import { firefoxDriver } from './firefox';
import { WARNING_SCRIPT_FILE } from '../../utils/script-files';

/**
 * What differs in Firefox and the journeys do not show: the guard's closed roots and trusted
 * presses hold against the page there too, and, since Firefox cannot close storage to content
 * scripts (no storage.local.setAccessLevel), the shipped content script has no storage code.
 */
let extensionDir: string;
let driver: ExtensionDriver | undefined;
beforeAll(() => {
  extensionDir = buildExtensionFor(inject('sandbox'), { outDir: '.output/e2e-firefox', browser: 'firefox' });
});
afterEach(async () => {
  await driver?.close();
  driver = undefined;
});

async function signedIn(scenario: string): Promise<ExtensionDriver> {
  await sandbox.scenario(scenario);
  driver = await firefoxDriver(extensionDir);
  const options = await driver.open('options.html');
  await expect.poll(() => options.count({ role: 'textbox', name: 'API key' })).toBe(1);
  await options.fill({ role: 'textbox', name: 'API key' }, sandbox.demoKey);
  await options.click({ role: 'button', name: 'Save' });
  await expect.poll(() => driver!.badge().then((b) => b.text), { timeout: 10_000 }).not.toBe('?');
  return driver;
}

describe('Firefox: only the user presses our buttons', () => {
  it('a page script can neither reach nor press Buy or Continue', async () => {
    const d = await signedIn('low');
    const page = await d.visit(`${sandbox.appUrl}/prospects`);
    await page.click({ role: 'checkbox', name: 'Select all on this page' });
    await expect.poll(() => page.count(inBanner(/^Buy 50 credits/))).toBe(1);
    const tabsBefore = (await d.tabUrls()).length;

    const tryEverything = () =>
      page.evaluate(() => {
        const hosts = [...document.querySelectorAll('deskflow-credits-warning, deskflow-credits-dock, deskflow-credits-confirm')];
        let buttons = 0;
        for (const host of hosts) {
          for (const button of host.shadowRoot?.querySelectorAll('button') ?? []) {
            buttons += 1;
            button.click();
          }
          host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
          host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        }
        document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        return { hosts: hosts.length, buttons };
      });
    expect(await tryEverything()).toEqual({ hosts: 1, buttons: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await sandbox.sessions()).toEqual([]);
    expect(await d.tabUrls()).toHaveLength(tabsBefore);

    await page.click({ role: 'button', name: 'Enrich' });
    await expect.poll(() => page.count(DIALOG)).toBe(1);
    expect((await tryEverything()).buttons).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.count(DIALOG)).toBe(1);
    expect(await sandbox.actions()).toEqual([]);
  });
});

describe('Firefox: storage is open to content scripts, and ours has no storage code', () => {
  it('the page sees no extension API, and the shipped content script never touches storage', async () => {
    const d = await signedIn('basic');
    const page = await d.visit(`${sandbox.appUrl}/prospects`);
    const fromPage = await page.evaluate(() => {
      const g = globalThis as { browser?: { storage?: unknown }; chrome?: { storage?: unknown } };
      return [typeof g.browser?.storage, typeof g.chrome?.storage];
    });
    expect(fromPage).toEqual(['undefined', 'undefined']);

    const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { content_scripts: { js: string[] }[] };
    // Both halves: the manifest's, and the warning the background runs in the page.
    const files = [...manifest.content_scripts.flatMap((script) => script.js), WARNING_SCRIPT_FILE];
    expect(files.length).toBeGreaterThan(0);
    const contentScript = files.map((file) => readFileSync(join(extensionDir, file), 'utf8')).join('\n');
    expect(contentScript).not.toMatch(/\bstorage\s*\.\s*(local|sync|session|managed|onChanged)\b/);
    // It still works: what it shows came by message from the background.
    await page.click({ role: 'checkbox', name: 'Select all on this page' });
    await expect.poll(() => page.text({ role: 'status', name: 'Deskflow credits' })).toMatch(/362 left after/);
  });
});
