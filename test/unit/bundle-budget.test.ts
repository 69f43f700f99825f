// @vitest-environment node
/**
 * Size budget: the gzip size of what each entrypoint loads (background, content script and its
 * second half, the warning, popup, options) stays within test/bench/budgets.json. One production build (`wxt build`, a few
 * seconds) in a temporary copy of the sources, so `.wxt/` of the project, which vitest and
 * other wxt processes read, is never rewritten. Sizes only: timings are `npm run bench`'s job.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRYPOINTS, entrypointSizes, firstScriptFiles, readBudgets, type EntrypointSize } from '../bench/bundle';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = ['entrypoints', 'components', 'utils', 'public', 'wxt.config.ts', 'package.json', 'tsconfig.json'];

let sizes: Record<(typeof ENTRYPOINTS)[number], EntrypointSize>;
let popupFirstFiles: string[];
/** The content script's files, as built. */
let scripts: Record<'content' | 'warning' | 'connect', string>;

beforeAll(async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'deskflow-budget-'));
  try {
    for (const entry of SOURCES) {
      if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(cwd, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(cwd, 'node_modules'), 'dir');
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DESKFLOW_OUT_DIR: join(cwd, '.output') };
    delete env.WXT_DESKFLOW_API_URL;
    delete env.WXT_DESKFLOW_APP_URL;
    try {
      await promisify(execFile)(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd, env, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`wxt build failed:\n${stdout}\n${stderr}`, { cause: error });
    }
    sizes = entrypointSizes(join(cwd, '.output', 'chrome-mv3'));
    popupFirstFiles = firstScriptFiles(join(cwd, '.output', 'chrome-mv3'), 'popup.html');
    const read = (entry: 'content' | 'warning' | 'connect') =>
      sizes[entry].files.map((file) => readFileSync(join(cwd, '.output', 'chrome-mv3', file), 'utf8')).join('\n');
    scripts = { content: read('content'), warning: read('warning'), connect: read('connect') };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}, 120_000);

describe('bundle size budget (gzip, test/bench/budgets.json)', () => {
  const budgets = readBudgets();
  it.each(ENTRYPOINTS)('%s stays within its budget', (entry) => {
    const kB = sizes[entry].gzip / 1024;
    const budget = budgets[entry].gzipKB;
    expect(sizes[entry].files.length, `${entry} loads files`).toBeGreaterThan(0);
    expect(kB, `${entry}: ${kB.toFixed(1)} kB gzip (${sizes[entry].files.join(', ')}), budget ${budget} kB`).toBeLessThanOrEqual(budget);
  });
});

describe("the popup's first script (issue 19: its first paint within 1.25× of a one-script page)", () => {
  it('is one file: no stylesheet, no chunk shared with the options page', () => {
    expect(popupFirstFiles).toHaveLength(1);
    expect(popupFirstFiles[0]).toMatch(/^chunks\/popup-[\w-]+\.js$/);
  });
});

describe("the content script's files (issue 19: what a page parses when its first selection shows)", () => {
  // zod's schemas keep their state under `_zod`; the polyfill names its rejections so.
  const ZOD = '_zod';
  const POLYFILL = '__mozWebExtensionPolyfillReject__';

  it('the warning carries neither zod nor the polyfill (its page state is checked by hand)', () => {
    expect(scripts.warning.length).toBeGreaterThan(0);
    expect(scripts.warning.includes(ZOD), 'zod in deskflow-warning.js').toBe(false);
    expect(scripts.warning.includes(POLYFILL), 'webextension-polyfill in deskflow-warning.js').toBe(false);
  });

  it('neither does the first part, which every page runs', () => {
    expect(scripts.content.includes(ZOD)).toBe(false);
    expect(scripts.content.includes(POLYFILL)).toBe(false);
  });

  it("zod is in the connect hand-over's file, which checks the page's post with it", () => {
    expect(scripts.connect.includes(ZOD)).toBe(true);
  });
});
