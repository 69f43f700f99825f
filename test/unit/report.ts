/**
 * What the adversarial suite tried, counted by the tests themselves: each adversarial file
 * declares its checks with `report.check(name, fn)` (a vitest `it` that records whether it
 * held), adds counts while it runs, and prints its table after all its tests. Every file also
 * leaves its rows in test-results/reliability/<area>.json and regenerates
 * test-results/reliability.md from all of them (files run in parallel workers, so the
 * regeneration takes a lock), which is what the README's Reliability section is refreshed from.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT_DIR = join(ROOT, 'test-results');
const FRAGMENTS = join(OUT_DIR, 'reliability');
const MARKDOWN = join(OUT_DIR, 'reliability.md');
const LOCK = join(OUT_DIR, 'reliability.lock');

export interface Counts {
  /** Inputs or scenarios executed (property runs, requests, messages…). */
  cases: number;
  /** Faults injected: sandbox fault modes, failing storage writes, stopped workers. */
  faults: number;
  /** Inputs that are invalid by construction (malformed bodies, payloads, senders). */
  badInputs: number;
  /** URLs or origins that must be refused. */
  hostileUrls: number;
}

export interface Row extends Counts {
  check: string;
  held: boolean;
}

interface Fragment {
  area: string;
  file: string;
  order: number;
  at: string;
  rows: Row[];
}

/** The checks of one test file. */
export interface Tally {
  add(counts: Partial<Counts>): void;
}

const ZERO: Counts = { cases: 0, faults: 0, badInputs: 0, hostileUrls: 0 };
const COLUMNS: Array<[keyof Counts, string]> = [
  ['cases', 'cases run'],
  ['faults', 'faults injected'],
  ['badInputs', 'bad inputs'],
  ['hostileUrls', 'hostile URLs'],
];

const fmt = (n: number) => n.toLocaleString('en-US');

function sum(rows: readonly Counts[]): Counts {
  const total = { ...ZERO };
  for (const row of rows) for (const [key] of COLUMNS) total[key] += row[key];
  return total;
}

/**
 * The report of one adversarial file. `order` sorts the areas in the markdown.
 * Call `check` instead of `it`; the table is printed and written after the file's tests.
 */
export function reliabilityReport(area: string, file: string, order: number) {
  const rows: Row[] = [];

  function check(name: string, fn: (tally: Tally) => unknown, timeout?: number): void {
    it(
      name,
      async () => {
        const row: Row = { check: name, held: false, ...ZERO };
        rows.push(row);
        const tally: Tally = {
          add(counts) {
            for (const [key] of COLUMNS) row[key] += counts[key] ?? 0;
          },
        };
        await fn(tally);
        row.held = true;
      },
      timeout,
    );
  }

  afterAll(() => {
    const fragment: Fragment = { area, file, order, at: new Date().toISOString(), rows };
    console.log(`\nReliability — ${area}\n${textTable(rows)}`);
    writeFragment(fragment);
  });

  return { check };
}

function textTable(rows: readonly Row[]): string {
  const header = ['check', ...COLUMNS.map(([, label]) => label), 'held'];
  const body = [...rows, { check: 'total', held: rows.every((r) => r.held), ...sum(rows) }].map((row) => [
    row.check.length > 78 ? `${row.check.slice(0, 77)}…` : row.check,
    ...COLUMNS.map(([key]) => fmt(row[key])),
    row.held ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function writeFragment(fragment: Fragment): void {
  mkdirSync(FRAGMENTS, { recursive: true });
  const path = join(FRAGMENTS, `${fragment.file.replace(/[^a-z0-9-]/gi, '_')}.json`);
  writeFileSync(`${path}.tmp`, JSON.stringify(fragment, null, 2));
  renameSync(`${path}.tmp`, path);
  withLock(() => {
    writeFileSync(`${MARKDOWN}.tmp`, reliabilityMarkdown(readFragments()));
    renameSync(`${MARKDOWN}.tmp`, MARKDOWN);
  });
}

function readFragments(): Fragment[] {
  const fragments: Fragment[] = [];
  for (const name of readdirSync(FRAGMENTS)) {
    if (!name.endsWith('.json')) continue;
    try {
      fragments.push(JSON.parse(readFileSync(join(FRAGMENTS, name), 'utf8')) as Fragment);
    } catch {
      // A fragment being replaced right now: the writer regenerates the markdown after us.
    }
  }
  return fragments.sort((a, b) => a.order - b.order || a.area.localeCompare(b.area));
}

/** Runs `fn` holding a directory lock (mkdir is atomic); a lock older than 10 s is stale. */
function withLock(fn: () => void): void {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) {
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** The markdown of test-results/reliability.md: a summary by area, then every check. */
export function reliabilityMarkdown(fragments: readonly Fragment[]): string {
  const head = `| area | checks | held | ${COLUMNS.map(([, label]) => label).join(' | ')} |`;
  const rule = `|---|---:|---:|${COLUMNS.map(() => '---:').join('|')}|`;
  const summary = fragments.map((f) => {
    const total = sum(f.rows);
    const held = f.rows.filter((r) => r.held).length;
    return `| ${f.area} | ${f.rows.length} | ${held} | ${COLUMNS.map(([key]) => fmt(total[key])).join(' | ')} |`;
  });
  const all = fragments.flatMap((f) => f.rows);
  const total = sum(all);
  const totalLine = `| **total** | **${all.length}** | **${all.filter((r) => r.held).length}** | ${COLUMNS.map(([key]) => `**${fmt(total[key])}**`).join(' | ')} |`;
  const latest = fragments.map((f) => f.at).sort().at(-1) ?? '';

  const sections = fragments.map((f) => {
    const lines = f.rows.map(
      (r) =>
        `| ${r.check.replace(/\|/g, '\\|')} | ${COLUMNS.map(([key]) => (r[key] === 0 ? '' : fmt(r[key]))).join(' | ')} | ${r.held ? '✓' : '✗'} |`,
    );
    return [
      `### ${f.area} (\`test/unit/${f.file}\`)`,
      '',
      `| check | ${COLUMNS.map(([, label]) => label).join(' | ')} | held |`,
      `|---|${COLUMNS.map(() => '---:').join('|')}|:---:|`,
      ...lines,
      '',
    ].join('\n');
  });

  return [
    '# Reliability: what the adversarial suite tried',
    '',
    `Written by \`npx vitest run test/unit/adversarial\` (last file finished ${latest}).`,
    '"held" counts the checks that passed; a check that failed is marked ✗ and fails `npm test`.',
    '',
    head,
    rule,
    ...summary,
    totalLine,
    '',
    '## Every check',
    '',
    ...sections,
  ].join('\n');
}
