/**
 * 1. Popup time to balance: from navigation (the page's time origin) to the frame in which the
 * "Credits remaining" meter shows the number, timed inside the page (no CDP latency in the
 * number). The goal (≤ 1.25×, issue 19) is against the floor of any page that shows stored
 * data: one module script that reads the snapshot from storage and writes the number, timed the
 * same way in the same run; the blank extension page (the frame in which its one paragraph
 * shows) is the baseline of the other rows. The popup is opened as a tab, at the URL the toolbar button
 * would open (`action.getPopup`: `popup.html#<preview>`, set by the background): headless
 * Chromium has no toolbar to click, and the page and its scripts are the same.
 *
 * React commits are counted with a bench-only `__REACT_DEVTOOLS_GLOBAL_HOOK__` put in the page
 * before React loads (React calls it on every commit, production builds included): no change
 * to the extension's code.
 */
import { SIGNED_OUT } from '../../utils/snapshot';
import type { Page } from 'playwright-core';
import { BLANK_PAGE, FLOOR_PAGE, median, p95, SCRIPT_PAGE, settle, type LoadedExtension, type Row } from './lib';

interface PageTiming {
  /** performance.now() of the frame after the target appeared. */
  shown: number;
  /** React commits within `settleMs` of the page's start. */
  renders: number;
}

/** Runs in the page before any of its scripts. */
function probe() {
  const state = { shown: -1, renders: 0, scheduled: false, parsed: false };
  (window as unknown as { __bench: typeof state }).__bench = state;
  (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(this: { renderers: Map<number, unknown> }, renderer: unknown) {
      const id = this.renderers.size + 1;
      this.renderers.set(id, renderer);
      return id;
    },
    onCommitFiberRoot() {
      state.renders += 1;
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onScheduleFiberRoot() {},
    checkDCE() {},
  };
  const check = () => {
    // After DOMContentLoaded: the page's module scripts have run (the blank page has none).
    if (state.scheduled || !state.parsed) return;
    const meter = document.querySelector('[role="meter"][aria-valuenow]');
    const target = meter ?? document.getElementById('blank');
    if (!target) return;
    state.scheduled = true;
    observer.disconnect();
    requestAnimationFrame(() => {
      state.shown = performance.now();
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener('DOMContentLoaded', () => {
    state.parsed = true;
    check();
  });
}

export async function timePage(extension: LoadedExtension, path: string, settleMs: number): Promise<PageTiming> {
  // Every page starts on a quiet machine: the page before it (measured, or one the benchmark
  // used to read or write storage) is closed, and its renderer gone.
  await settle();
  const page: Page = await extension.context.newPage();
  try {
    await page.addInitScript(probe);
    await page.goto(`chrome-extension://${extension.extensionId}/${path}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __bench: { shown: number } }).__bench.shown >= 0, undefined, {
      timeout: 15_000,
      polling: 20,
    });
    // Renders that follow the first paint (a refresh answer, a pending state) count too.
    await page.waitForTimeout(settleMs);
    return await page.evaluate(() => {
      const { shown, renders } = (window as unknown as { __bench: { shown: number; renders: number } }).__bench;
      return { shown, renders };
    });
  } finally {
    await page.close();
  }
}

/** The stored snapshot without data (signed in, nothing fetched) and no refresh limit pending. */
async function forgetData(extension: LoadedExtension): Promise<void> {
  const page = await extension.open(BLANK_PAGE);
  try {
    // The account's data as a signed-out snapshot has it (none), the sign-in and purchase kept.
    const { signedIn: _signedIn, me: _me, purchase: _purchase, checkoutWatchUntil: _watch, ...noData } = SIGNED_OUT;
    await page.evaluate(async (empty) => {
      type Local = { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void>; remove(k: string): Promise<void> };
      const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local;
      const { snapshot } = await local.get('snapshot');
      await local.set({ snapshot: { ...(snapshot as object), ...empty } });
      await local.remove('refreshBookkeeping');
    }, noData);
  } finally {
    await page.close();
  }
}

/** The page the toolbar button opens now (`popup.html#<preview>` once the background has data). */
async function toolbarPopup(extension: LoadedExtension): Promise<string> {
  const page = await extension.open(BLANK_PAGE);
  try {
    const url = await page.evaluate(async () => {
      type Action = { getPopup(details: object): Promise<string> };
      return (globalThis as unknown as { chrome: { action: Action } }).chrome.action.getPopup({});
    });
    return url.replace(/^chrome-extension:\/\/[^/]+\//, '');
  } finally {
    await page.close();
  }
}

/** Makes the cached data young again (fetched now) so opening the popup does not refresh. */
async function freshen(extension: LoadedExtension): Promise<void> {
  const page = await extension.open(BLANK_PAGE);
  try {
    await page.evaluate(async () => {
      type Local = { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
      const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local;
      const { snapshot } = await local.get('snapshot');
      await local.set({ snapshot: { ...(snapshot as object), fetchedAt: Date.now() } });
    });
  } finally {
    await page.close();
  }
}

export async function measurePopup(extension: LoadedExtension, runs: number): Promise<Row[]> {
  const blank: number[] = [];
  const script: number[] = [];
  const floor: number[] = [];
  const cached: number[] = [];
  const cachedRenders: number[] = [];
  const reactOnly: number[] = [];
  const cold: number[] = [];
  const coldRenders: number[] = [];
  // Warm-ups first: Chromium compiles the scripts and writes their code cache over the first
  // loads (a popup opened every day runs from that cache); then the pages interleaved.
  const WARM_UP = 3;
  for (let i = -WARM_UP; i < runs; i++) {
    const b = await timePage(extension, BLANK_PAGE, 0);
    const s = await timePage(extension, SCRIPT_PAGE, 0);
    await freshen(extension);
    const f = await timePage(extension, FLOOR_PAGE, 0);
    const c = await timePage(extension, await toolbarPopup(extension), 1000);
    // The same cached data without the preview: the balance waits for storage and React.
    const r = await timePage(extension, 'popup.html', 0);
    await forgetData(extension);
    // No data: the background keeps the popup's URL without a preview (utils/popup-preview.ts).
    // The popup's refresh writes the summary again, and with it the preview for the next run.
    const k = await timePage(extension, 'popup.html', 1000);
    if (i < 0) continue;
    blank.push(b.shown);
    script.push(s.shown);
    floor.push(f.shown);
    cached.push(c.shown);
    cachedRenders.push(c.renders);
    reactOnly.push(r.shown);
    cold.push(k.shown);
    coldRenders.push(k.renders);
  }
  const base = median(blank);
  const floorMedian = median(floor);
  return [
    { group: '1 popup', name: 'blank extension page (baseline)', unit: 'ms', value: base, p95: p95(blank), samples: runs },
    {
      group: '1 popup',
      name: 'floor: one script writes a paragraph',
      unit: 'ms',
      value: median(script),
      p95: p95(script),
      baseline: base,
      baselineName: 'blank',
      samples: runs,
    },
    {
      group: '1 popup',
      name: 'floor: one script reads storage, writes the number',
      unit: 'ms',
      value: median(floor),
      p95: p95(floor),
      baseline: base,
      baselineName: 'blank',
      samples: runs,
    },
    {
      group: '1 popup',
      name: 'time to balance, cached snapshot (first paint from the URL)',
      unit: 'ms',
      value: median(cached),
      p95: p95(cached),
      // The goal (issue 19) is stated against the floor any page showing stored data has: the
      // one module that reads storage and writes the number, measured in the same run.
      baseline: floorMedian,
      baselineName: 'floor: storage',
      goal: '≤ 1.25×',
      ok: median(cached) <= 1.25 * floorMedian,
      samples: runs,
    },
    {
      group: '1 popup',
      name: 'time to balance, cached snapshot, against the blank page',
      unit: 'ms',
      value: median(cached),
      baseline: base,
      baselineName: 'blank',
      samples: runs,
    },
    {
      group: '1 popup',
      name: 'time to balance, cached, without the preview (React)',
      unit: 'ms',
      value: median(reactOnly),
      p95: p95(reactOnly),
      baseline: floorMedian,
      baselineName: 'floor: storage',
      samples: runs,
    },
    {
      group: '1 popup',
      name: 'time to balance, cold (no cache)',
      unit: 'ms',
      value: median(cold),
      p95: p95(cold),
      baseline: base,
      baselineName: 'blank',
      samples: runs,
    },
    {
      group: '1 popup',
      name: 'React commits, cached (first 1 s)',
      unit: 'renders',
      value: median(cachedRenders),
      p95: p95(cachedRenders),
      goal: '1',
      ok: Math.max(...cachedRenders) <= 1,
      samples: runs,
    },
    {
      group: '1 popup',
      name: 'React commits, cold (first 1 s)',
      unit: 'renders',
      value: median(coldRenders),
      p95: p95(coldRenders),
      samples: runs,
    },
  ];
}
