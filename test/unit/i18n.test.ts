import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import german from '@/public/_locales/de/messages.json';
import english from '@/public/_locales/en/messages.json';
import { creditsLabel } from '@/utils/credits/format';
import { formatMessage, messageLocale, setCatalogForTesting, t, tAround, tp, warmMessages, type Catalog } from '@/utils/i18n';

/**
 * The catalogs (public/_locales/<lang>/messages.json) are complete and consistent: every
 * language has every message with the same placeholders, every plural has the forms its
 * language needs, every key the source asks for exists, and none is left unused.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const CATALOGS: Record<string, Catalog> = { en: english, de: german };
const LANGUAGES = Object.keys(CATALOGS);

afterEach(() => setCatalogForTesting(null));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

interface Use {
  fn: 't' | 'tp' | 'tAround' | 'getMessage';
  keys: string[];
  where: string;
}

/**
 * Every call of the wrapper in the extension's source, with the string literals of its first
 * argument (a key, or keys in a conditional: `t(atLeast ? 'a' : 'b')`).
 */
function usesInSource(): Use[] {
  const files = ['components', 'entrypoints', 'utils'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
  const uses: Use[] = [];
  for (const file of files) {
    if (file.endsWith(join('utils', 'i18n.ts'))) continue;
    const code = readFileSync(file, 'utf8');
    // t(), tp(), tAround(); and the browser's own getMessage() where the wrapper is not loaded (the content script's first half).
    for (const match of code.matchAll(/(?<![\w.$])(t|tp|tAround)\(|\b(getMessage)(?:\?\.)?\(/g)) {
      // The first argument: up to the first comma or closing parenthesis at depth 0.
      let depth = 0;
      let end = match.index + match[0].length;
      for (; end < code.length; end++) {
        const c = code[end];
        if (c === '(' || c === '[' || c === '{') depth++;
        else if (c === ')' || c === ']' || c === '}') {
          if (depth === 0) break;
          depth--;
        } else if (c === ',' && depth === 0) break;
      }
      const argument = code.slice(match.index + match[0].length, end);
      const keys = [...argument.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
      const line = code.slice(0, match.index).split('\n').length;
      uses.push({ fn: (match[1] ?? match[2]) as Use['fn'], keys, where: `${relative(ROOT, file)}:${line}` });
    }
  }
  return uses;
}

const placeholdersOf = (entry: Catalog[string]) =>
  Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));

describe('the catalogs', () => {
  it('have the same keys in every language', () => {
    const keys = Object.keys(english).sort();
    for (const language of LANGUAGES) {
      const missing = keys.filter((key) => !Object.hasOwn(CATALOGS[language]!, key));
      const extra = Object.keys(CATALOGS[language]!).filter((key) => !Object.hasOwn(english, key));
      expect({ language, missing, extra }).toEqual({ language, missing: [], extra: [] });
    }
  });

  it('have valid names (unique without case, as browsers compare them) and no empty message', () => {
    for (const catalog of Object.values(CATALOGS)) {
      const lower = Object.keys(catalog).map((key) => key.toLowerCase());
      expect(new Set(lower).size).toBe(lower.length);
      for (const [key, entry] of Object.entries(catalog)) {
        expect(key).toMatch(/^[A-Za-z0-9_]+$/);
        expect(entry.message.trim(), key).not.toBe('');
      }
    }
  });

  it('have the same placeholders in every language, each defined, used and numbered from $1', () => {
    for (const [key, entry] of Object.entries(english as Catalog)) {
      const expected = placeholdersOf(entry);
      const contents = Object.values(expected).sort();
      expect(contents, key).toEqual(contents.map((_, i) => `$${i + 1}`));
      for (const language of LANGUAGES) {
        const translated = CATALOGS[language]![key]!;
        expect(placeholdersOf(translated), `${language} ${key}`).toEqual(expected);
        const used = [...translated.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase());
        expect(new Set(used), `${language} ${key}: placeholders used`).toEqual(new Set(Object.keys(expected)));
        // A lone $ is eaten by the browser: a literal dollar sign is written $$.
        expect(translated.message.replace(/\$\$|\$[A-Za-z0-9_@]+\$/g, ''), `${language} ${key}`).not.toContain('$');
      }
    }
  });

  it('have every plural form each language needs', () => {
    const bases = Object.keys(english)
      .filter((key) => key.endsWith('_other'))
      .map((key) => key.slice(0, -'_other'.length));
    expect(bases).toContain('credits');
    for (const language of LANGUAGES) {
      const catalog = CATALOGS[language]!;
      // The catalog's own `locale` message names the language whose plural rules apply.
      const categories = new Intl.PluralRules(catalog.locale!.message).resolvedOptions().pluralCategories;
      for (const base of bases) {
        for (const category of categories) expect(Object.hasOwn(catalog, `${base}_${category}`), `${language} ${base}_${category}`).toBe(true);
      }
      expect(catalog.locale!.message).toBe(language);
    }
  });

  it('fit the stores: a name of 75 characters at most, a description of 132', () => {
    for (const catalog of Object.values(CATALOGS)) {
      expect(catalog.extName!.message.length).toBeLessThanOrEqual(75);
      expect(catalog.extDescription!.message.length).toBeLessThanOrEqual(132);
    }
  });
});

describe('the source', () => {
  const uses = usesInSource();

  it('asks the wrapper for messages by literal keys only, and every key exists', () => {
    expect(uses.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const use of uses) {
      if (use.keys.length === 0) problems.push(`${use.where}: ${use.fn}() without a literal key`);
      for (const key of use.keys) {
        const needed = use.fn === 'tp' ? `${key}_other` : key;
        if (!Object.hasOwn(english, needed)) problems.push(`${use.where}: ${use.fn}('${key}') is not in the catalog`);
        if (use.fn === 't' && Object.hasOwn(english, `${key}_other`)) problems.push(`${use.where}: '${key}' is a plural, use tp`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses every message of the catalog (the manifest uses its own through __MSG_…__)', () => {
    const manifest = readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');
    const inManifest = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(inManifest).toEqual(expect.arrayContaining(['extName', 'extDescription', 'commandOpenPopup']));
    const used = new Set([...inManifest, 'locale', ...uses.flatMap((use) => use.keys)]);
    const unused = Object.keys(english).filter((key) => !used.has(key.replace(/_(zero|one|two|few|many|other)$/, '')));
    expect(unused).toEqual([]);
  });

  it('writes no words straight into the UI: no JSX text, no literal label, title or placeholder with words', () => {
    const files = ['components', 'entrypoints'].flatMap((dir) => sourceFiles(join(ROOT, dir))).filter((f) => f.endsWith('.tsx'));
    const problems: string[] = [];
    const words = /\p{L}{2,}\s+\p{L}|^\s*\p{L}{2,}\s*$/u;
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const visit = (node: ts.Node): void => {
        if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) problems.push(`${relative(ROOT, file)}: "${node.text.trim()}"`);
        if (
          ts.isJsxAttribute(node) &&
          /^(aria-label|aria-valuetext|title|placeholder|alt)$/.test(node.name.getText()) &&
          node.initializer &&
          ts.isStringLiteral(node.initializer) &&
          words.test(node.initializer.text)
        ) {
          problems.push(`${relative(ROOT, file)}: ${node.name.getText()}="${node.initializer.text}"`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(problems).toEqual([]);
  });
});

describe('the wrapper', () => {
  it("asks the browser's own i18n (browser.i18n in Firefox, else chrome.i18n), not the polyfill", () => {
    const scope = globalThis as { browser?: unknown; chrome?: unknown };
    const saved = { browser: scope.browser, chrome: scope.chrome };
    const asked: string[] = [];
    const i18n = (catalog: Catalog) => ({
      getMessage: (key: string, substitutions: string[]) => {
        asked.push(key);
        return formatMessage(catalog, key, substitutions);
      },
    });
    try {
      vi.stubGlobal('browser', undefined);
      vi.stubGlobal('chrome', { i18n: i18n(german) });
      expect(t('legendUsed', '5')).toBe(formatMessage(german, 'legendUsed', ['5']));
      vi.stubGlobal('browser', { i18n: i18n(german) });
      vi.stubGlobal('chrome', undefined);
      expect(t('legendAddOn', '7')).toBe(formatMessage(german, 'legendAddOn', ['7']));
      expect(asked).toEqual(['legendUsed', 'legendAddOn']);
    } finally {
      vi.stubGlobal('browser', saved.browser);
      vi.stubGlobal('chrome', saved.chrome);
    }
  });

  it('reads ahead what a script must still say once the browser stops answering: the messages and the plural forms of its language', () => {
    const scope = globalThis as { browser?: unknown; chrome?: unknown };
    const saved = { browser: scope.browser, chrome: scope.chrome };
    const asked: string[] = [];
    let answering = true;
    try {
      vi.stubGlobal('browser', undefined);
      vi.stubGlobal('chrome', {
        i18n: {
          getMessage: (key: string, substitutions: string[]) => {
            if (!answering) throw new Error('Extension context invalidated.');
            asked.push(key);
            return formatMessage(english, key, substitutions);
          },
        },
      });
      warmMessages(['moreActions', 'dialogNotShown']);
      // English has "one" and "other": the forms of other languages are not asked for (nor read
      // twice: 'locale', the catalog's language, is read on the way).
      expect(asked.filter((key) => key !== 'locale').sort()).toEqual(['dialogNotShown', 'dialogNotShown_one', 'dialogNotShown_other', 'moreActions', 'moreActions_one', 'moreActions_other']);
      answering = false; // the extension was reloaded under the page
      expect(tp('moreActions', 1, '1')).toBe(formatMessage(english, 'moreActions_one', ['1']));
      expect(tp('moreActions', 3, '3')).toBe(formatMessage(english, 'moreActions_other', ['3']));
      expect(t('dialogNotShown', 'x')).toBe(formatMessage(english, 'dialogNotShown', ['x']));
    } finally {
      vi.stubGlobal('browser', saved.browser);
      vi.stubGlobal('chrome', saved.chrome);
    }
  });

  it('reads English in unit tests (the browser has no i18n here)', () => {
    expect(messageLocale()).toBe('en');
    expect(t('popupRefresh')).toBe('Refresh');
    expect(t('connectedAs', 'ana@acme.test')).toBe('Connected as ana@acme.test');
  });

  it('picks plural forms by the catalog language: 1 credit, 2 credits; 1 Credit, 2 Credits', () => {
    expect([0, 1, 2, 1500].map((n) => creditsLabel(n, 'en'))).toEqual(['0 credits', '1 credit', '2 credits', '1,500 credits']);
    setCatalogForTesting(german);
    expect(messageLocale()).toBe('de');
    expect([0, 1, 2, 1500].map((n) => creditsLabel(n, 'de'))).toEqual(['0 Credits', '1 Credit', '2 Credits', '1.500 Credits']);
    expect(tp('prospects', 1, '1')).toBe('1 Kontakt');
    expect(tp('moreActions', 3, '3')).toBe('3 weitere Aktionen');
  });

  it('substitutes like the browser: named placeholders, $1…$9, $$ and dollar signs in values', () => {
    const catalog: Catalog = {
      price: { message: 'Buy $COUNT$ credits · $Price$ ($$)', placeholders: { count: { content: '$1' }, price: { content: '$2' } } },
      plain: { message: '$1 and $2' },
    };
    expect(formatMessage(catalog, 'price', ['50', '$25.00'])).toBe('Buy 50 credits · $25.00 ($)');
    expect(formatMessage(catalog, 'plain', ['a'])).toBe('a and ');
    expect(formatMessage(catalog, 'missing', [])).toBe('');
    expect(formatMessage(catalog, 'constructor', [])).toBe('');
  });

  it('splits a message around its rich part', () => {
    expect(tAround('keyHint')).toEqual(['Create a key in Deskflow under ', '. It is checked before it is saved, and never shown again.']);
    setCatalogForTesting(german);
    expect(tAround('shortcutIs')).toEqual(['Öffnen Sie das Credits-Popup mit ', '.']);
  });

  it('falls back to the key, never to nothing, for a message that is missing', () => {
    setCatalogForTesting({});
    expect(t('popupRefresh')).toBe('popupRefresh');
    expect(tp('credits', 2, '2')).toBe('credits');
  });
});
