/**
 * 5. Bundle sizes: gzip (level 9) of what each entrypoint of a production build loads —
 * the background's and the content script's files from the manifest, the content script's other
 * files (the warning, the connect hand-over: run by the background when a page needs them), and for the popup and
 * options pages every script and stylesheet their HTML references and those import, statically
 * or dynamically (shared chunks count in every page that loads them). Budgets are in budgets.json.
 *
 * What dominates a bundle comes from a `wxt build --analyze` (rollup-plugin-visualizer): the
 * share of each package in the module code before minification, applied to the gzip size.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONNECT_SCRIPT_FILE, WARNING_SCRIPT_FILE } from '../../utils/script-files';
import type { Row } from './lib';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * `content` is what every app page runs at document_start; `warning` and `connect` its other
 * files, run when a page needs them (entrypoints/deskflow/rest.ts).
 */
export const ENTRYPOINTS = ['background', 'content', 'warning', 'connect', 'popup', 'options'] as const;
export type Entrypoint = (typeof ENTRYPOINTS)[number];

export interface EntrypointSize {
  files: string[];
  /** Bytes on disk (minified) and gzipped, summed over the files. */
  raw: number;
  gzip: number;
}

export type Budgets = Record<Entrypoint, { gzipKB: number }>;

export function readBudgets(): Budgets {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'budgets.json'), 'utf8')) as Budgets;
}

/** The scripts and stylesheets a page's HTML references, as paths in the build. */
function htmlFiles(dir: string, page: string): string[] {
  const html = readFileSync(join(dir, page), 'utf8');
  return [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/?([^"]+\.(?:m?js|css))"/g)].map((m) => m[1]!);
}

/** The files and every file their scripts import (`importsOf`: the paths one script names). */
function reachable(dir: string, files: string[], importsOf: (code: string, file: string) => string[]): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    if (file.endsWith('.js')) importsOf(readFileSync(join(dir, file), 'utf8'), file).forEach(visit);
  };
  files.forEach(visit);
  return [...found];
}

/**
 * What a page loads at all: its HTML's files and every script and stylesheet they import,
 * statically or dynamically (a page's UI is loaded by a dynamic import, components/startPage.ts):
 * each quoted path to a .js or .css file of the build, relative to the importing file (`./x.js`)
 * or to the build (`chunks/x.js`).
 */
function htmlReferences(dir: string, page: string): string[] {
  return reachable(dir, htmlFiles(dir, page), (code, file) =>
    [...code.matchAll(/["']((?:\.{1,2}\/)?[\w./-]+\.(?:js|css))["']/g)].flatMap(([, ref]) => {
      const candidates = [relative(dir, resolve(dir, dirname(file), ref!)), ref!.replace(/^\.\//, '')];
      return candidates.find((candidate) => !candidate.startsWith('..') && existsSync(join(dir, candidate))) ?? [];
    }),
  );
}

/**
 * What a page of the build loads before any of its scripts runs: the scripts and stylesheets its
 * HTML references and the files those scripts import statically (`import … from "./x.js"`, not
 * `import()`), each a file to fetch and evaluate before the page can paint what it computes.
 */
export function firstScriptFiles(dir: string, page: string): string[] {
  return reachable(dir, htmlFiles(dir, page), (code, file) =>
    [...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']([^"']+\.js)["']/g)].map(([, ref]) =>
      relative(dir, resolve(dir, dirname(file), ref!)),
    ),
  );
}

/** What each entrypoint of a built extension (the chrome-mv3 folder) loads, and its size. */
export function entrypointSizes(dir: string): Record<Entrypoint, EntrypointSize> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string };
    content_scripts?: { js?: string[]; css?: string[] }[];
    action?: { default_popup?: string };
    options_ui?: { page?: string };
  };
  const files: Record<Entrypoint, string[]> = {
    background: [manifest.background?.service_worker ?? 'background.js'],
    content: (manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
    warning: [WARNING_SCRIPT_FILE],
    connect: [CONNECT_SCRIPT_FILE],
    popup: htmlReferences(dir, manifest.action?.default_popup ?? 'popup.html'),
    options: htmlReferences(dir, manifest.options_ui?.page ?? 'options.html'),
  };
  const sizes = {} as Record<Entrypoint, EntrypointSize>;
  for (const entry of ENTRYPOINTS) {
    const unique = [...new Set(files[entry])];
    let raw = 0;
    let gzip = 0;
    for (const file of unique) {
      const bytes = readFileSync(join(dir, file));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    sizes[entry] = { files: unique, raw, gzip };
  }
  return sizes;
}

/**
 * A production build (as `npm run build`) into `.output/<outDir>`, for the size budget; with
 * `analyze`, the visualizer's stats.html is copied to `statsTo`.
 */
export function buildForSizes({ outDir, analyze = false, statsTo, env = {} }: { outDir: string; analyze?: boolean; statsTo?: string; env?: Record<string, string> }): string {
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build', ...(analyze ? ['--analyze'] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env, NODE_ENV: 'production', DESKFLOW_OUT_DIR: outDir },
  });
  if (analyze && statsTo) {
    mkdirSync(resolve(statsTo, '..'), { recursive: true });
    copyFileSync(join(ROOT, 'stats.html'), statsTo);
    rmSync(join(ROOT, 'stats.html'), { force: true });
  }
  return join(ROOT, outDir, 'chrome-mv3');
}

interface VisualizerNode {
  name: string;
  uid?: string;
  children?: VisualizerNode[];
}

/** Package (or "app") → share of a bundle file's module code, from the visualizer's stats.html. */
export function composition(statsHtml: string): Map<string, Map<string, number>> {
  const text = readFileSync(statsHtml, 'utf8');
  const match = /const data = (\{.*?\});\s*\n/s.exec(text);
  if (!match) throw new Error('no data in stats.html');
  const data = JSON.parse(match[1]!) as { tree: VisualizerNode; nodeParts: Record<string, { renderedLength: number }> };
  const result = new Map<string, Map<string, number>>();
  for (const bundle of data.tree.children ?? []) {
    const byPackage = new Map<string, number>();
    const walk = (node: VisualizerNode, path: string) => {
      if (node.children) {
        for (const child of node.children) walk(child, `${path}/${child.name}`);
        return;
      }
      const length = node.uid ? (data.nodeParts[node.uid]?.renderedLength ?? 0) : 0;
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'app code';
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + length);
    };
    walk(bundle, '');
    const total = [...byPackage.values()].reduce((a, b) => a + b, 0) || 1;
    result.set(bundle.name, new Map([...byPackage].map(([k, v]) => [k, v / total])));
  }
  return result;
}

/** "react-dom 58 %, zod 19 %, …" for the files of an entrypoint (weighted by their gzip size). */
export function describe(dir: string, size: EntrypointSize, shares: Map<string, Map<string, number>>): string {
  const weighted = new Map<string, number>();
  for (const file of size.files) {
    if (!file.endsWith('.js')) continue;
    const fileShares = shares.get(file);
    if (!fileShares) continue;
    const gz = gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
    for (const [pkg, share] of fileShares) weighted.set(pkg, (weighted.get(pkg) ?? 0) + share * gz);
  }
  const groups = new Map<string, number>();
  for (const [pkg, bytes] of weighted) {
    const group = pkg === 'react' || pkg === 'react-dom' || pkg === 'scheduler' ? 'React' : pkg.startsWith('@tanstack/') ? 'react-query' : pkg;
    groups.set(group, (groups.get(group) ?? 0) + bytes);
  }
  return [...groups]
    .sort((a, b) => b[1] - a[1])
    .filter(([, bytes]) => bytes / size.gzip >= 0.02)
    .map(([name, bytes]) => `${name} ${Math.round((bytes / size.gzip) * 100)} % (~${(bytes / 1024).toFixed(0)} kB)`)
    .join(', ');
}

export function measureBundles(dir: string, statsHtml: string | null): { rows: Row[]; notes: string[] } {
  const sizes = entrypointSizes(dir);
  const budgets = readBudgets();
  const shares = statsHtml && existsSync(statsHtml) ? composition(statsHtml) : null;
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const entry of ENTRYPOINTS) {
    const size = sizes[entry];
    const kb = size.gzip / 1024;
    const budget = budgets[entry].gzipKB;
    rows.push({
      group: '5 bundle',
      name: `${entry} (gzip; ${(size.raw / 1024).toFixed(0)} kB minified)`,
      unit: 'kB',
      value: kb,
      baseline: budget,
      baselineName: 'budget',
      goal: '≤ budget',
      ok: kb <= budget,
      samples: 1,
    });
    if (shares) notes.push(`${entry}: ${describe(dir, size, shares)}`);
  }
  return { rows, notes };
}
