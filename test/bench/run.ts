/**
 * `npm run bench`: builds the production extension against a sandbox it starts, runs each
 * measurement of issue 6 in headless Chromium, prints a table of medians (p95 where it
 * matters) with the ratio to a baseline measured in the same run, and writes it with the
 * machine and the date to test-results/bench.md. Numbers are printed, never asserted.
 *
 *   npm run bench                      everything (about 20–25 minutes on 2 cores)
 *   npm run bench -- --quick           3 runs, fewer toggles, a 15-s API window (development)
 *   npm run bench -- --only popup,api  some measurements (popup, content, warning, api, bundle)
 *   npm run bench -- --runs 9          runs per measurement (default 7)
 *   npm run bench -- --rows 1000       rows in the DOM of the content-cost page (default 50)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildExtensionFor } from '../e2e/build';
import { findChromium } from '../e2e/browser';
import { startSandbox } from '../sandbox/server';
import { measureApi } from './api';
import { buildForSizes, measureBundles } from './bundle';
import { measureContent } from './content';
import { BENCH_FILES, launchWithExtension, ratio, sandboxControl, signIn, table, type Row } from './lib';
import { measurePopup } from './popup';
import { measureWarning } from './warning';

const ROOT = resolve(import.meta.dirname, '../..');
const ALL = ['bundle', 'popup', 'warning', 'content', 'api'] as const;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    rows: { type: 'string' },
    out: { type: 'string', default: 'test-results/bench.md' },
    label: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const runs = Number(values.runs ?? (quick ? 3 : 7));
const only = new Set((values.only ?? ALL.join(',')).split(',').map((s) => s.trim()));
for (const name of only) if (!(ALL as readonly string[]).includes(name)) throw new Error(`--only: unknown measurement "${name}" (${ALL.join(', ')})`);

function machine(): string {
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let chromium = 'unknown';
  try {
    chromium = execFileSync(findChromium(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // reported as unknown
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return `${cpus().length} CPUs (nproc), ${cpuModel}; ${chromium}; Node ${process.version}; load average at start ${load}`;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const started = new Date();
const host = machine();
const sandbox = await startSandbox();
const control = sandboxControl(sandbox);
const rows: Row[] = [];
const notes: string[] = [];
try {
  log('building the production extension (wxt build) against the sandbox');
  const dir = buildExtensionFor(sandbox, { outDir: '.output/bench' });
  // Pages for the baselines, in the benchmark's own copy of the build only (never shipped).
  for (const [file, text] of Object.entries(BENCH_FILES)) writeFileSync(join(dir, file), text);

  if (only.has('bundle')) {
    log('bundle sizes (and a wxt build --analyze for what is in them)');
    const stats = join(ROOT, 'test-results/bundle-stats.html');
    buildForSizes({
      outDir: '.output/bench-analyze',
      analyze: true,
      statsTo: stats,
      env: { WXT_DESKFLOW_API_URL: sandbox.apiUrl, WXT_DESKFLOW_APP_URL: sandbox.appUrl },
    });
    const bundles = measureBundles(dir, stats);
    rows.push(...bundles.rows);
    notes.push(...bundles.notes.map((n) => `bundle ${n}`));
  }
  if (only.has('popup')) {
    log(`popup time to balance (${runs} runs)`);
    const extension = await launchWithExtension(dir);
    try {
      await signIn(extension, sandbox.demoKey);
      rows.push(...(await measurePopup(extension, runs)));
    } finally {
      await extension.close();
    }
  }
  if (only.has('warning')) {
    log(`warning latency (${runs} pages)`);
    rows.push(...(await measureWarning(dir, control, runs, { toggles: quick ? 15 : 40 })));
  }
  if (only.has('content')) {
    const toggles = quick ? 100 : 500;
    log(`content-script cost (${runs} browsers × 3 origins, ${toggles} toggles)`);
    const floorDir = join(ROOT, '.output/bench-empty-content');
    rows.push(...(await measureContent(dir, floorDir, control, runs, { toggles, rows: Number(values.rows ?? 50) })));
  }
  if (only.has('api')) {
    const windowMs = quick ? 15_000 : 60_000;
    log(`API economy (${windowMs / 1000} s)`);
    rows.push(...(await measureApi(dir, control, { windowMs })));
  }
} finally {
  await sandbox.close();
}

const text = table(rows);
const missed = rows.filter((r) => r.ok === false);
const summary = missed.length === 0 ? 'Every goal measured holds.' : `Goals missed: ${missed.map((r) => `${r.group}: ${r.name}${ratio(r) ? ` (${ratio(r)!.toFixed(2)}×)` : ''}`).join('; ')}.`;
const markdown = [
  `# Benchmark${values.label ? ` — ${values.label}` : ''}`,
  '',
  `${started.toISOString().slice(0, 10)}, ${host}. Runs per measurement: ${runs}${quick ? ' (--quick)' : ''}.`,
  '',
  text,
  '',
  summary,
  ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
  '',
].join('\n');
process.stdout.write(`\n${text}\n\n${summary}\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
const out = resolve(ROOT, values.out!);
mkdirSync(resolve(out, '..'), { recursive: true });
writeFileSync(out, markdown);
log(`written to ${values.out}`);
