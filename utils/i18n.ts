import englishMessages from '../public/_locales/en/messages.json';

/**
 * Every word the extension shows goes through the browser's i18n: the catalogs are
 * public/_locales/<language>/messages.json in Chrome's own format (English is the default
 * locale; the browser picks the catalog from its UI language and falls back to English for a
 * missing message). This is the one way in: `t('key', [substitutions])`, and `tp` for plurals.
 *
 * Chrome's i18n has no plurals, so a plural message is a set of keys, one per Intl plural
 * category (`credits_one`, `credits_other`, and `_few`/`_many`… for languages that need them),
 * and `tp` picks one with `Intl.PluralRules` for the language of the catalog in use (its
 * `locale` message): a French browser gets the English catalog, and English plural rules with
 * it. Numbers, prices and dates are formatted by the caller for the browser's locale
 * (utils/credits/format.ts) and arrive here as strings.
 */

export type MessageKey = Extract<keyof typeof englishMessages, string>;
type PluralBase<K extends string> = K extends `${infer Base}_other` ? Base : never;
/** A message with plural forms: `${key}_other` exists (and `_one`… as the language needs). */
export type PluralKey = PluralBase<MessageKey>;
export type Substitutions = string | readonly string[];

export interface CatalogEntry {
  readonly message: string;
  readonly description?: string;
  readonly placeholders?: Readonly<Record<string, { readonly content: string; readonly example?: string }>>;
}
export type Catalog = Readonly<Record<string, CatalogEntry>>;

/**
 * Where the browser has no i18n (unit tests: fakeBrowser does not implement it) the English
 * catalog answers, so tests read English. Only in tests: a build does not carry it (the
 * browser reads the catalogs itself).
 */
const FALLBACK: Catalog | null = import.meta.env.MODE === 'test' ? (englishMessages as Catalog) : null;

let override: Catalog | null = null;
const cache = new Map<string, string>();

/** Tests: answer from this catalog (e.g. the German one) instead of the browser; null restores. */
export function setCatalogForTesting(catalog: Catalog | null): void {
  override = catalog;
  cache.clear();
}

/**
 * A message of a catalog with its substitutions, as `i18n.getMessage` does it: named
 * placeholders (`$COUNT$`, case-insensitive) stand for their content (`$1`), `$1`…`$9` for the
 * substitutions, `$$` for a dollar sign. '' when the catalog has no such message.
 */
export function formatMessage(catalog: Catalog, key: string, substitutions: readonly string[]): string {
  const entry = Object.hasOwn(catalog, key) ? catalog[key] : undefined;
  if (!entry) return '';
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (match, name: string) => placeholders.get(name.toLowerCase()) ?? match);
  return named.replace(/\$(\$|[1-9])/g, (_match, what: string) => (what === '$' ? '$' : (substitutions[Number(what) - 1] ?? '')));
}

/** Stand-ins for `$1`…`$9`: a message is read once, with these, and filled in by us after. */
const MARKERS = Array.from({ length: 9 }, (_, i) => String.fromCharCode(0xe001 + i));
const MARKER = /[\uE001-\uE009]/g;
/** Messages as the browser gave them, with markers where the substitutions go. */
const templates = new Map<string, string>();

interface BrowserI18n {
  getMessage(key: string, substitutions?: readonly string[]): string;
}

/**
 * The browser's own i18n (`browser.i18n` in Firefox, `chrome.i18n` in Chrome), not the
 * webextension-polyfill's wrapper of it: getMessage is synchronous in every browser, so the
 * wrapper adds nothing here but ~10 kB to load before the first word (the popup's first paint
 * shows its words before anything else has loaded, issue 19). Absent in unit tests (fakeBrowser
 * does not implement i18n: it throws).
 */
function browserI18n(): BrowserI18n | undefined {
  const scope = globalThis as { browser?: { i18n?: BrowserI18n }; chrome?: { i18n?: BrowserI18n } };
  return scope.browser?.i18n ?? scope.chrome?.i18n;
}

/**
 * The message from the browser's catalog, read once per key. Kept: a content script whose
 * extension was reloaded under the page can no longer ask the browser, and it still has to
 * say why it asks (components/warning: warmMessages).
 */
function template(key: string): string {
  let text = templates.get(key);
  if (text === undefined) {
    try {
      text = browserI18n()?.getMessage(key, MARKERS) ?? '';
    } catch {
      text = ''; // No i18n here (fakeBrowser in tests), or the extension is gone.
    }
    if (text) templates.set(key, text);
  }
  return text;
}

function lookup(key: string, substitutions: readonly string[]): string {
  if (override) return formatMessage(override, key, substitutions);
  const text = template(key);
  if (text) return text.replace(MARKER, (marker) => substitutions[marker.charCodeAt(0) - 0xe001] ?? '');
  return FALLBACK ? formatMessage(FALLBACK, key, substitutions) : '';
}

/**
 * Read these messages (and the plural forms `tp` can ask for in this language: "one" and
 * "other" in English and German) now, while the browser still answers.
 */
export function warmMessages(keys: readonly string[]): void {
  // Every language's categories include "other", tp's fallback.
  const forms = pluralRulesNow().resolvedOptions().pluralCategories;
  for (const key of keys) {
    template(key);
    for (const form of forms) template(`${key}_${form}`);
  }
}

function listOf(substitutions: Substitutions | undefined): readonly string[] {
  if (substitutions === undefined) return [];
  return typeof substitutions === 'string' ? [substitutions] : substitutions;
}

/** The message `key` in the user's language, with `$1`… replaced by `substitutions`. */
export function t(key: MessageKey, substitutions?: Substitutions): string {
  const list = listOf(substitutions);
  if (list.length === 0) {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const text = lookup(key, list) || key;
    cache.set(key, text);
    return text;
  }
  return lookup(key, list) || key;
}

/** The language of the catalog in use ('en', 'de'): plural rules and `lang` attributes. */
export function messageLocale(): string {
  return t('locale');
}

/** The user's locale for numbers and dates (the browser's language; 'en' where there is none). */
export function userLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en';
}

let pluralRules: { locale: string; rules: Intl.PluralRules } | null = null;

/** The plural rules of the catalog's language. */
function pluralRulesNow(): Intl.PluralRules {
  const locale = messageLocale();
  if (pluralRules?.locale !== locale) {
    let rules: Intl.PluralRules;
    try {
      rules = new Intl.PluralRules(locale);
    } catch {
      rules = new Intl.PluralRules('en');
    }
    pluralRules = { locale, rules };
  }
  return pluralRules.rules;
}

function pluralCategory(count: number): Intl.LDMLPluralRule {
  return pluralRulesNow().select(count);
}

/**
 * The plural form of `key` for `count` (`credits_one` for 1 in English and German,
 * `credits_other` otherwise), falling back to `_other`. The count itself is not substituted:
 * pass it formatted for the locale among `substitutions` (it is `$1` by convention).
 */
export function tp(key: PluralKey, count: number, substitutions?: Substitutions): string {
  const list = listOf(substitutions);
  return lookup(`${key}_${pluralCategory(count)}`, list) || lookup(`${key}_other`, list) || key;
}

/** Marks where a rich element (a link, a key) goes inside a translated sentence. */
const SLOT = '\uE000';

/**
 * A message with one rich part (`{link}` in "Create a key under {link}."), as the text
 * before and after it: the caller renders the element between them.
 */
export function tAround(key: MessageKey, substitutions: readonly string[] = []): [before: string, after: string] {
  const text = t(key, [SLOT, ...substitutions]);
  const at = text.indexOf(SLOT);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + SLOT.length)];
}
