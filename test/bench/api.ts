/**
 * 4. API economy: signed in (the sign-in's summary request is "the first"), then 20 app tabs
 * open for a minute, each with a selection (so every content script asks for the page state),
 * and the popup opened 10 times over that minute, each time until it shows the balance. The
 * summary requests are counted by the sandbox (GET /__sandbox/requests). `--quick` shortens
 * the minute to 15 s (popups every 1.5 s).
 */
import type { Page } from 'playwright-core';
import { launchWithExtension, signIn, sleep, type Row, type SandboxControl } from './lib';

interface Counts {
  counts: Record<string, number>;
  total: number;
}

export async function measureApi(extensionDir: string, sandbox: SandboxControl, { windowMs = 60_000, tabs = 20, popups = 10 } = {}): Promise<Row[]> {
  await sandbox.control('DELETE', 'requests');
  const extension = await launchWithExtension(extensionDir);
  const pages: Page[] = [];
  let counts: Counts;
  try {
    await signIn(extension, sandbox.demoKey);
    const start = Date.now();
    for (let i = 0; i < tabs; i++) {
      const page = await extension.context.newPage();
      await page.goto(`${sandbox.appUrl}/prospects`, { waitUntil: 'load' });
      await page.locator('thead input[type="checkbox"]').check();
      pages.push(page);
    }
    for (let i = 1; i <= popups; i++) {
      // Spread over the window: the last one opens as it ends (the data is then a minute old).
      const at = start + (windowMs * i) / popups;
      await sleep(Math.max(0, at - Date.now()));
      const popup = await extension.open('popup.html');
      await popup.getByRole('meter', { name: 'Credits remaining' }).waitFor({ timeout: 10_000 });
      await popup.waitForTimeout(300); // a refresh it asked for goes out now
      await popup.close();
    }
    await sleep(1000);
    counts = await sandbox.control<Counts>('GET', 'requests');
  } finally {
    for (const page of pages) await page.close().catch(() => undefined);
    await extension.close();
  }
  const summaries = counts.counts.summary ?? 0;
  const minutes = windowMs / 60_000;
  return [
    {
      group: '4 api',
      name: `summary requests beyond the first (${tabs} tabs, ${popups} popups, ${minutes < 1 ? `${windowMs / 1000} s` : `${minutes} min`})`,
      unit: 'count',
      value: summaries - 1,
      goal: '≤ 2',
      ok: summaries - 1 <= 2,
      samples: 1,
    },
    {
      group: '4 api',
      name: 'all API requests (summary, catalog, usage, me)',
      unit: 'count',
      value: counts.total,
      samples: 1,
    },
  ];
}
