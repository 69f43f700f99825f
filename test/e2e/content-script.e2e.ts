import { afterEach, describe, expect, it } from 'vitest';
import { axText, BANNER } from './ax';
import type { LoadedExtension } from './browser';
import { sandbox, startSignedIn } from './fixtures';

/**
 * The content script in two halves (entrypoints/deskflow/rest.ts): every app page parses the
 * small first half at document_start; the warning is run by the background only in a page
 * that needs it, once. Seen through DevTools' list of the scripts each page parsed.
 */

let extension: LoadedExtension;
afterEach(async () => {
  await extension?.close();
});

describe("the content script's second half, the warning", () => {
  it('is parsed only once a list is pressed in or has a selection, and only once', async () => {
    extension = await startSignedIn('basic');
    const page = await extension.context.newPage();
    const cdp = await extension.context.newCDPSession(page);
    const parsed: string[] = [];
    cdp.on('Debugger.scriptParsed', ({ url }: { url: string }) => {
      if (url.startsWith(`chrome-extension://${extension.extensionId}/`)) parsed.push(url.slice(url.lastIndexOf('/') + 1));
    });
    await cdp.send('Debugger.enable');
    await page.goto(`${sandbox.appUrl}/prospects`);
    await page.waitForTimeout(1_000);
    expect(parsed).toEqual(['deskflow.js']);

    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => axText(page, BANNER)).toMatch(/^50 prospects selected/);
    await page.getByRole('checkbox', { name: 'Select all on this page' }).uncheck();
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await expect.poll(() => axText(page, BANNER)).toMatch(/^50 prospects selected/);
    expect(parsed).toEqual(['deskflow.js', 'deskflow-warning.js']);
  });
});
