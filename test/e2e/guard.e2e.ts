import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axClick, axCount, axText, BANNER, DIALOG, inBanner, inDialog } from './ax';
import type { LoadedExtension } from './browser';
import { badgeOf, sandbox, screenshot, signInWithKey, startBrowser, stopServiceWorker } from './fixtures';

/**
 * The guard's promise (product.md): a credit-spending bulk action never runs without a
 * confirmation that states what it will spend — whatever the page does. Each test is what a
 * hostile or merely unusual page does; each failed on the extension before the guard was
 * rebuilt (document_start, window capture, closed shadow roots, trusted events only).
 */

let extension: LoadedExtension;
afterEach(async () => {
  await extension?.close();
});

async function start(scenario: string, { signIn = true } = {}): Promise<void> {
  await sandbox.scenario(scenario);
  await sandbox.resetRequests();
  extension = await startBrowser();
  if (signIn) await signInWithKey(extension);
}

async function openApp(path: string): Promise<Page> {
  const page = await extension.context.newPage();
  await page.goto(`${sandbox.appUrl}${path}`);
  return page;
}

const selectPage = (page: Page) => page.getByRole('checkbox', { name: 'Select all on this page' }).check();
const enrich = (page: Page) => page.getByRole('button', { name: 'Enrich', exact: true });
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

/** Presses Continue as the user does; the page's action then runs once, with `expected`. */
async function continueRunsOnce(page: Page, expected: { action?: string; count: number }): Promise<void> {
  await axClick(page, inDialog('Continue'));
  await expect.poll(() => sandbox.actions()).toHaveLength(1);
  expect((await sandbox.actions())[0]).toMatchObject(expected);
  await settle();
  expect(await sandbox.actions()).toHaveLength(1);
}

describe('only the user presses our buttons', () => {
  it('a page script can neither reach nor press Buy, Upgrade or Continue', async () => {
    await start('low');
    const page = await openApp('/prospects');
    await selectPage(page);
    await expect.poll(() => axCount(page, inBanner(/^Buy 50 credits/))).toBe(1);
    const pagesBefore = extension.context.pages().length;

    // Everything a page can try on our hosts: their shadow roots, and events sent to them.
    const reached = await page.evaluate(() => {
      const hosts = [...document.querySelectorAll('deskflow-credits-warning, deskflow-credits-dock')];
      let buttons = 0;
      for (const host of hosts) {
        for (const button of host.shadowRoot?.querySelectorAll('button') ?? []) {
          buttons += 1;
          button.click();
        }
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      }
      return { hosts: hosts.length, buttons };
    });
    expect(reached).toEqual({ hosts: 1, buttons: 0 });
    await settle();
    expect(await sandbox.sessions()).toEqual([]);
    expect(extension.context.pages()).toHaveLength(pagesBefore);

    await enrich(page).click();
    await expect.poll(() => axCount(page, DIALOG)).toBe(1);
    await page.evaluate(() => {
      const host = document.querySelector('deskflow-credits-confirm');
      for (const button of host?.shadowRoot?.querySelectorAll('button') ?? []) button.click();
      host?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    });
    await settle();
    expect(await axCount(page, DIALOG)).toBe(1);
    expect(await sandbox.actions()).toEqual([]);
  });

  it('the framework\'s "content script started" event, forged by the page, switches nothing off', async () => {
    await start('basic');
    const page = await openApp('/prospects');
    const id = extension.extensionId;
    await page.evaluate((eventName) => {
      const detail = { contentScriptName: 'deskflow', messageId: 'forged' };
      document.dispatchEvent(new CustomEvent(eventName, { detail }));
      window.postMessage({ type: eventName, ...detail }, '*');
    }, `${id}:deskflow:wxt:content-script-started`);
    await selectPage(page);
    await expect.poll(() => axText(page, BANNER)).toMatch(/50 prospects selected/);
    await enrich(page).click();
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 50 prospects\?Uses 50 credits, 362 left after\./);
    expect(await sandbox.actions()).toEqual([]);
  });
});

describe('the page learns nothing from us', () => {
  it('no window message reaches the page from the extension, at load or while it warns and asks', async () => {
    await start('basic');
    const page = await extension.context.newPage();
    // The page's own listener, registered before any of its scripts.
    await page.addInitScript(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      window.addEventListener('message', (event) => heard.push(JSON.stringify(event.data)), true);
    });
    await page.goto(`${sandbox.appUrl}/prospects`);
    await selectPage(page);
    await expect.poll(() => axText(page, BANNER)).toMatch(/50 prospects selected/);
    await enrich(page).click();
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 50 prospects\?/);
    await axClick(page, inDialog('Cancel'));
    await settle();
    // WXT's content-script wrapper posted "<extension id>:deskflow:wxt:content-script-started".
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
    expect(await sandbox.actions()).toEqual([]);
  });
});

describe('fail closed', () => {
  it('a click right after selecting, with the service worker asleep, is held and asked about', async () => {
    await start('basic');
    const page = await openApp('/prospects');
    const options = await extension.open('options.html');
    await stopServiceWorker(extension, options);
    // Select and press in one task: nothing is known yet, not even whether a list has a selection.
    await page.evaluate(() => {
      const box = document.querySelector<HTMLInputElement>('input[aria-label="Select all on this page"]')!;
      box.click();
      document.querySelector<HTMLElement>('[data-deskflow-bulk-action="enrich"]')!.click();
    });
    await expect.poll(() => axText(page, DIALOG)).toMatch(/^Deskflow CreditsEnrich 50 prospects\?Uses (about 50 credits; your balance is loading…|50 credits, 362 left after\.)/);
    await expect.poll(() => axText(page, DIALOG), { timeout: 15_000 }).toMatch(/Uses 50 credits, 362 left after\./);
    expect(await sandbox.actions()).toEqual([]);
    await continueRunsOnce(page, { action: 'enrich', count: 50 });
  });

  it('a page that removes the dialog gets the browser\'s own question instead; nothing runs unasked', async () => {
    await start('basic');
    const page = await openApp('/prospects');
    await page.evaluate(() => {
      new MutationObserver(() => document.querySelector('deskflow-credits-confirm')?.remove()).observe(document.body, { childList: true });
    });
    await selectPage(page);
    await expect.poll(() => axText(page, BANNER)).toMatch(/50 prospects selected/);
    const questions: string[] = [];
    page.on('dialog', (dialog) => {
      questions.push(dialog.message());
      void (questions.length === 1 ? dialog.dismiss() : dialog.accept());
    });
    await enrich(page).click();
    await expect.poll(() => questions).toHaveLength(1);
    expect(questions[0]).toMatch(/could not show its question[\s\S]*Enrich 50 prospects\?\nUses 50 credits, 362 left after\./);
    await settle();
    expect(await sandbox.actions()).toEqual([]);
    await enrich(page).click();
    await expect.poll(() => sandbox.actions()).toHaveLength(1);
    expect(questions).toHaveLength(2);
  });
});

describe('first in line', () => {
  it('a page that runs bulk actions from a window capture listener gets nothing before Continue, and it once after', async () => {
    await start('basic');
    const page = await openApp('/prospects?handlers=window');
    await selectPage(page);
    await enrich(page).click();
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 50 prospects\?/);
    await settle();
    expect(await sandbox.actions()).toEqual([]);
    await continueRunsOnce(page, { action: 'enrich', count: 50 });
  });

  it('role="button" actions activated with Enter or Space are asked about, and run once', async () => {
    await start('basic');
    const page = await openApp('/prospects?buttons=role');
    await selectPage(page);
    await expect.poll(() => axText(page, BANNER)).toMatch(/50 prospects selected/);
    await page.getByRole('button', { name: 'Enrich', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 50 prospects\?/);
    await page.keyboard.press('Escape');
    await expect.poll(() => axCount(page, DIALOG)).toBe(0);
    expect(await sandbox.actions()).toEqual([]);

    await page.getByRole('button', { name: 'Enrich', exact: true }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 50 prospects\?/);
    await settle();
    expect(await sandbox.actions()).toEqual([]);
    await continueRunsOnce(page, { action: 'enrich', count: 50 });
  });
});

describe('wherever the page puts its list', () => {
  it('a bulk action inside the page\'s own open shadow root is held and asked about; Continue runs it once', async () => {
    await start('basic');
    const page = await openApp('/prospects');
    // A web component of the page's own: list, bar and button in its open shadow root, where the
    // click reaches the window retargeted to the component.
    await page.evaluate(() => {
      const component = document.createElement('prospect-panel');
      const root = component.attachShadow({ mode: 'open' });
      const list = document.createElement('section');
      list.setAttribute('data-deskflow-list', 'saved-leads');
      const bar = document.createElement('div');
      bar.setAttribute('data-deskflow-bulk-bar', '');
      bar.setAttribute('data-deskflow-selection-count', '73');
      const button = document.createElement('button');
      button.setAttribute('data-deskflow-bulk-action', 'enrich');
      button.textContent = 'Enrich in panel';
      const ran: number[] = [];
      (window as unknown as { ran: number[] }).ran = ran;
      button.addEventListener('click', () => ran.push(73));
      bar.append(button);
      list.append(bar);
      root.append(list);
      document.body.append(component);
    });
    const inPanel = page.getByRole('button', { name: 'Enrich in panel' });
    await inPanel.click();
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 73 prospects\?Uses 73 credits, 339 left after\./);
    await settle();
    expect(await page.evaluate(() => (window as unknown as { ran: number[] }).ran)).toEqual([]);
    await axClick(page, inDialog('Continue'));
    await expect.poll(() => page.evaluate(() => (window as unknown as { ran: number[] }).ran)).toEqual([73]);
    await settle();
    expect(await page.evaluate(() => (window as unknown as { ran: number[] }).ran)).toEqual([73]);
  });
});

describe('what was confirmed is what runs', () => {
  it('the dialog follows a selection that grows while it is open, and Continue runs the new count', async () => {
    await start('pro');
    const page = await openApp('/prospects');
    await selectPage(page);
    await enrich(page).click();
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 50 prospects\?Uses 50 credits, 12,295 left after\./);
    await page.evaluate(() => document.querySelector<HTMLElement>('[data-deskflow-select-all]')!.click());
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 1,204 prospects\?Uses 1,204 credits, 11,141 left after\./);
    await screenshot(page, 'warning-dialog-updated');
    await continueRunsOnce(page, { action: 'enrich', count: 1204 });
  });

  it('a selection changed in the very task of the Continue click asks again instead of running', async () => {
    await start('pro');
    const page = await openApp('/prospects');
    await selectPage(page);
    await enrich(page).click();
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 50 prospects\?/);
    // The page's own capture listener sees the click on our dialog first and selects all 1,204.
    await page.evaluate(() => {
      window.addEventListener(
        'click',
        (event) => {
          if ((event.target as Element).localName === 'deskflow-credits-confirm') {
            document.querySelector<HTMLElement>('[data-deskflow-select-all]')?.click();
          }
        },
        { capture: true, once: true },
      );
    });
    await axClick(page, inDialog('Continue'));
    await expect.poll(() => axText(page, DIALOG)).toMatch(/Enrich 1,204 prospects\?/);
    await settle();
    expect(await sandbox.actions()).toEqual([]);
    await continueRunsOnce(page, { count: 1204 });
  });

  it('clicks the page sends while the dialog is open run nothing and open nothing more', async () => {
    await start('basic');
    const page = await openApp('/prospects');
    await selectPage(page);
    await enrich(page).click();
    await expect.poll(() => axCount(page, DIALOG)).toBe(1);
    await page.evaluate(() => {
      for (let i = 0; i < 5; i += 1) {
        document.querySelector<HTMLElement>('[data-deskflow-bulk-action="enrich"]')!.click();
        document.querySelector<HTMLElement>('[data-deskflow-bulk-action="export"]')!.click();
      }
    });
    await settle();
    expect(await axCount(page, DIALOG)).toBe(1);
    expect(await sandbox.actions()).toEqual([]);
    await axClick(page, inDialog('Cancel'));
    await settle();
    expect(await sandbox.actions()).toEqual([]);
  });
});

describe('the connect hand-over is one-shot', () => {
  it('a key posted 20 times costs one GET /v1/me and no extra summary request', async () => {
    await start('basic', { signIn: false });
    const page = await openApp('/extension/connect');
    await page.evaluate((key) => {
      for (let i = 0; i < 20; i += 1) window.postMessage({ type: 'deskflow:extension-key', key }, location.origin);
    }, sandbox.demoKey);
    await expect.poll(() => badgeOf(extension).then((b) => b.text), { timeout: 15_000 }).toBe('412');
    await settle();
    const { counts } = await sandbox.requests();
    expect(counts.me).toBe(1);
    expect(counts.summary).toBe(1);
  });

  it('the connect page reached by in-app navigation is heard too', async () => {
    await start('basic', { signIn: false });
    const page = await openApp('/prospects');
    await page.evaluate((key) => {
      history.pushState({}, '', '/extension/connect');
      window.postMessage({ type: 'deskflow:extension-key', key }, location.origin);
    }, sandbox.demoKey);
    await expect.poll(() => badgeOf(extension).then((b) => b.text), { timeout: 15_000 }).toBe('412');
    expect((await sandbox.requests()).counts.me).toBe(1);
  });
});
