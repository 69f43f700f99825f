/**
 * Shared parts of the benchmark: statistics, the result rows and their table, the browsers
 * (Chromium with the extension, and the floor's beside it for the content cost) and the sandbox's controls.
 */
import type { Page } from 'playwright-core';
import { launchExtension, type LoadedExtension } from '../e2e/browser';

// ---------------------------------------------------------------------------------------------
// Statistics

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile (q in [0, 1]); NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export const p95 = (values: readonly number[]) => quantile(values, 0.95);

/** The mean of the values left when the lowest and highest `cut` of them are set aside; NaN for none. */
export function trimmedMean(values: readonly number[], cut = 0.1): number {
  const sorted = [...values].sort((a, b) => a - b);
  const drop = Math.floor(sorted.length * cut);
  const kept = sorted.slice(drop, sorted.length - drop);
  return kept.length === 0 ? Number.NaN : kept.reduce((sum, value) => sum + value, 0) / kept.length;
}

// ---------------------------------------------------------------------------------------------
// Results

export interface Row {
  /** Which measurement (1–5 of issue 6) and what exactly. */
  group: string;
  name: string;
  unit: 'ms' | 'MB' | 'kB' | 'count' | 'renders' | 'tasks';
  /** The median (or the single value) of the measured thing. */
  value: number;
  p95?: number;
  /** The same quantity for the baseline measured in the same run, when there is one. */
  baseline?: number;
  baselineName?: string;
  /** What the issue asks for, in words (e.g. "≤ 1.25×"). */
  goal?: string;
  /** Whether the goal holds; undefined when the row is informative only. */
  ok?: boolean;
  samples?: number;
}

export function ratio(row: Row): number | null {
  if (row.baseline === undefined || row.baseline === 0) return null;
  return row.value / row.baseline;
}

function fmt(value: number | undefined, unit: Row['unit']): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (unit === 'count' || unit === 'renders' || unit === 'tasks') return String(Math.round(value * 10) / 10);
  if (unit === 'MB') return value.toFixed(2);
  if (unit === 'kB') return value.toFixed(1);
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** The results as a Markdown table (also readable as plain text). */
export function table(rows: readonly Row[]): string {
  const header = ['measurement', 'median', 'p95', 'baseline', 'ratio', 'goal', ''];
  const lines = rows.map((row) => {
    const r = ratio(row);
    return [
      `${row.group}: ${row.name}`,
      `${fmt(row.value, row.unit)} ${row.unit}`,
      row.p95 === undefined ? '' : `${fmt(row.p95, row.unit)} ${row.unit}`,
      row.baseline === undefined ? '' : `${fmt(row.baseline, row.unit)} ${row.unit}${row.baselineName ? ` (${row.baselineName})` : ''}`,
      r === null ? '' : `${r.toFixed(2)}×`,
      row.goal ?? '',
      row.ok === undefined ? '' : row.ok ? 'ok' : 'MISSED',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Browsers

/**
 * tsx compiles this file with esbuild's keepNames, which wraps functions in `__name(…)`: the
 * functions handed to the page (init scripts, evaluate) need that helper there too.
 */
export const NAME_SHIM = { content: 'globalThis.__name ??= (fn) => fn;' };

export type { LoadedExtension };

/** launchExtension (test/e2e/browser.ts), with the helper every page of the benchmark needs. */
export async function launchWithExtension(extensionDir: string, alsoLoad: readonly string[] = []): Promise<LoadedExtension> {
  const extension = await launchExtension(extensionDir, { alsoLoad });
  await extension.context.addInitScript(NAME_SHIM);
  return extension;
}

/** The tiny page the benchmark adds to its own copy of the build (never to the source). */
export const BLANK_PAGE = 'bench-blank.html';
const BLANK_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p id="blank">.</p></body></html>\n';

/**
 * The floor for any page that shows something it computes: one external classic script that
 * writes the paragraph (an extension page may not run inline scripts, so every page that shows
 * data pays at least for fetching one script).
 */
export const SCRIPT_PAGE = 'bench-script.html';
const SCRIPT_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>script</title></head><body><script src="/bench-script.js"></script></body></html>\n';
const SCRIPT_JS = `const p = document.createElement('p');
p.id = 'blank';
p.textContent = '.';
document.body.append(p);
`;

/**
 * The floor for any popup that shows stored data: one small module script that reads the
 * snapshot from storage and writes the number into a meter (no framework, no validation).
 */
export const FLOOR_PAGE = 'bench-floor.html';
const FLOOR_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script type="module" src="/bench-floor.js"></script></head><body><div id="root"></div></body></html>\n';
const FLOOR_JS = `chrome.storage.local.get('snapshot').then(({ snapshot }) => {
  const n = snapshot?.summary?.credits?.remaining ?? 0;
  const meter = document.createElement('div');
  meter.setAttribute('role', 'meter');
  meter.setAttribute('aria-label', 'Credits remaining');
  meter.setAttribute('aria-valuenow', String(n));
  meter.textContent = String(n);
  document.getElementById('root').append(meter);
});
`;

/** The benchmark's own pages, written into its copy of the build (never shipped). */
export const BENCH_FILES: Readonly<Record<string, string>> = {
  [BLANK_PAGE]: BLANK_HTML,
  [SCRIPT_PAGE]: SCRIPT_HTML,
  'bench-script.js': SCRIPT_JS,
  [FLOOR_PAGE]: FLOOR_HTML,
  'bench-floor.js': FLOOR_JS,
};

/** An extension page to run `chrome.*` calls from (the blank one: no React, no storage watch). */
export async function extensionPage(extension: LoadedExtension): Promise<Page> {
  return extension.open(BLANK_PAGE);
}

/** Signs in with the demo key through the background, as the options page does. */
export async function signIn(extension: LoadedExtension, key: string): Promise<void> {
  const page = await extensionPage(extension);
  try {
    const answer = await page.evaluate(async (apiKey) => {
      const c = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
      return c.runtime.sendMessage({ type: 'setApiKey', key: apiKey });
    }, key);
    if (!(answer as { ok?: boolean } | undefined)?.ok) throw new Error(`sign-in refused: ${JSON.stringify(answer)}`);
    // The sign-in refresh writes the summary; wait for it.
    await page.waitForFunction(async () => {
      const c = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      const { snapshot } = await c.storage.local.get('snapshot');
      return Boolean((snapshot as { summary?: unknown } | undefined)?.summary);
    }, undefined, { timeout: 15_000, polling: 50 });
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Sandbox

export interface SandboxControl {
  apiUrl: string;
  appUrl: string;
  demoKey: string;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export function sandboxControl(sandbox: { apiUrl: string; appUrl: string; demoKey: string }): SandboxControl {
  return {
    ...sandbox,
    async control<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${sandbox.apiUrl}/__sandbox/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Lets the machine settle between heavy jobs (2 cores: a lingering renderer skews the next run). */
export async function settle(ms = 300): Promise<void> {
  await sleep(ms);
}
