import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the popup loads before its first paint (issue 19: within 1.25× of a page whose one module
 * reads storage and writes the number): entrypoints/popup/main.tsx and everything it imports
 * statically (React and the rest come later, by dynamic import). Read from the sources: every
 * `import … from` and `export … from` that is not type-only, followed through the project's
 * files. No zod (the preview has a hand-written check), no webextension-polyfill (the browser's
 * own i18n and storage), no React, and no stylesheet file (the styles come as a string).
 */

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = 'entrypoints/popup/main.tsx';

function resolveLocal(from: string, specifier: string): string | null {
  const bare = specifier.replace(/\?.*$/, '');
  const base = bare.startsWith('@/') ? join(ROOT, bare.slice(2)) : bare.startsWith('.') ? resolve(dirname(join(ROOT, from)), bare) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && !candidate.endsWith('/')) return relative(ROOT, candidate);
  }
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

/** Every module the first script evaluates: the project's files and the packages (by name). */
function staticGraph(entry: string): { files: string[]; packages: string[]; specifiers: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const specifiers: string[] = [];
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (!/\.tsx?$/.test(file)) return;
    const code = readFileSync(join(ROOT, file), 'utf8');
    const found = [
      ...code.matchAll(/^\s*import\s+(?!type\s)(?:[\s\S]*?\s+from\s+)?'([^']+)'/gm),
      ...code.matchAll(/^\s*export\s+(?!type\s)[^;]*?\s+from\s+'([^']+)'/gm),
    ].map((m) => m[1]!);
    for (const specifier of found) {
      specifiers.push(specifier);
      const local = resolveLocal(file, specifier);
      if (local) visit(local);
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files: [...files], packages: [...packages], specifiers };
}

describe("the popup's first script (what runs before its first paint)", () => {
  const graph = staticGraph(ENTRY);

  it('draws the header and the balance card from the preview', () => {
    expect(graph.files).toEqual(
      expect.arrayContaining([
        'components/firstScript.ts',
        'components/popup/first-paint.ts',
        'components/popup/header.ts',
        'components/popup/balance-card.ts',
        'utils/popup-preview-read.ts',
        'utils/i18n.ts',
        'components/storageRead.ts',
      ]),
    );
  });

  it('imports no package: no zod, no webextension-polyfill (wxt/browser), no React', () => {
    expect(graph.packages).toEqual([]);
    expect(graph.files.filter((file) => /zod|billing\/schemas|utils\/settings|utils\/snapshot|popup-preview\.ts$/.test(file))).toEqual([]);
  });

  it('loads no stylesheet file: the styles come inline, as strings of the script', () => {
    const stylesheets = graph.specifiers.filter((specifier) => /\.css(\?|$)/.test(specifier));
    expect(stylesheets.length).toBeGreaterThan(0);
    expect(stylesheets.filter((specifier) => !specifier.endsWith('?inline'))).toEqual([]);
  });
});
