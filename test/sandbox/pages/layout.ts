/**
 * The HTML shell of the sandbox's Deskflow app pages. Every value interpolated into HTML goes
 * through esc(); dynamic content on the client is built with createElement/textContent.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

export const fmtNumber = (n: number) => new Intl.NumberFormat('en-US').format(n);

export function fmtMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / 100,
  );
}

export function fmtDate(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}

const CSS = `
:root {
  --bg: #f6f7fb; --panel: #fff; --line: #e5e7eb; --soft-line: #eef0f3; --text: #111827;
  --muted: #6b7280; --brand: #3b5bdb; --brand-dark: #2f49b5; --sel: #eef2ff; --ok: #0f7b4a;
  --bad: #b42318;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--text); background: var(--bg); }
a { color: var(--brand); }
.topbar { height: 52px; display: flex; align-items: center; gap: 12px; padding: 0 20px;
  background: #1c2541; color: #fff; position: sticky; top: 0; z-index: 20; }
.brand { font-weight: 700; font-size: 16px; display: flex; align-items: center; gap: 9px;
  color: #fff; text-decoration: none; }
.brand-mark { width: 26px; height: 26px; border-radius: 7px; display: inline-grid; place-items: center;
  background: linear-gradient(135deg, #5c7cfa, #22b8cf); font-size: 14px; }
.topbar .account { margin-left: auto; font-size: 13px; opacity: .85; }
.shell { display: grid; grid-template-columns: 210px minmax(0, 1fr); min-height: calc(100vh - 52px); }
.sidenav { border-right: 1px solid var(--line); background: var(--panel); padding: 14px 10px; }
.sidenav a { display: block; padding: 7px 12px; border-radius: 6px; color: #374151; text-decoration: none; }
.sidenav a:hover { background: #f3f4f6; }
.sidenav a[aria-current="page"] { background: var(--sel); color: var(--brand); font-weight: 600; }
.sidenav h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
  margin: 18px 12px 6px; }
main { padding: 24px 28px 48px; min-width: 0; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 0; }
.card h2 { margin-bottom: 10px; }
.muted { color: var(--muted); }
.page-head { margin-bottom: 18px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px;
  margin-bottom: 16px; }
button { font: inherit; border: 1px solid #d1d5db; background: #fff; color: var(--text); padding: 6px 12px;
  border-radius: 6px; cursor: pointer; }
button:hover { background: #f9fafb; }
button.primary { background: var(--brand); border-color: var(--brand); color: #fff; }
button.primary:hover { background: var(--brand-dark); }
button:disabled { opacity: .55; cursor: default; }
button.link { border: none; background: none; color: var(--brand); padding: 4px 6px; text-decoration: underline; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f3f4f6; padding: 2px 6px;
  border-radius: 4px; }
/* lists */
.list { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; margin-bottom: 22px;
  scroll-margin-top: 64px; }
.bar-slot { position: sticky; top: 52px; z-index: 5; }
.list-head { display: flex; align-items: baseline; gap: 10px; padding: 16px 18px 12px; }
.bulk-bar { display: flex; align-items: center; gap: 6px; padding: 8px 18px; background: var(--sel);
  border-top: 1px solid #dbe4ff; border-bottom: 1px solid #dbe4ff; }
.bulk-bar .count { font-weight: 600; }
.bulk-bar .actions { margin-left: auto; display: flex; gap: 8px; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { text-align: left; padding: 9px 12px; border-bottom: 1px solid var(--soft-line); white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #fafbfc; }
th.check, td.check { width: 44px; }
tr.selected td { background: #f5f7ff; }
.avatar { display: inline-grid; place-items: center; width: 26px; height: 26px; border-radius: 50%;
  background: #e7ecff; color: var(--brand); font-size: 11px; font-weight: 700; margin-right: 8px;
  vertical-align: middle; }
.pager { display: flex; align-items: center; gap: 10px; justify-content: flex-end; padding: 10px 18px; }
.toast { margin: 0 18px; padding: 0; color: var(--ok); font-weight: 600; min-height: 0; }
.toast:not(:empty) { padding: 10px 0 2px; }
.toast.error { color: var(--bad); }
/* grid */
.toolbar { display: flex; align-items: center; gap: 8px; padding: 10px 14px; background: var(--panel);
  border: 1px solid var(--line); border-bottom: none; border-radius: 10px 10px 0 0; }
.toolbar .status { margin-left: auto; color: var(--muted); }
.grid { border: 1px solid var(--line); border-radius: 0 0 10px 10px; background: var(--panel); }
.grid-row { display: grid; grid-template-columns: 48px 1.3fr 1.4fr 1.2fr 1.6fr 1fr; align-items: center;
  height: 40px; border-bottom: 1px solid var(--soft-line); }
.grid-row > div { padding: 0 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.grid-head { font-size: 12px; color: var(--muted); font-weight: 600; background: #fafbfc; }
.grid-viewport { height: 520px; overflow: auto; position: relative; }
.grid-spacer { position: relative; }
.grid-body-row { position: absolute; left: 0; right: 0; }
.grid-body-row[aria-selected="true"] { background: #f5f7ff; }
.fake-checkbox { width: 16px; height: 16px; border: 1.5px solid #9ca3af; border-radius: 4px; display: inline-grid;
  place-items: center; cursor: pointer; font-size: 11px; color: #fff; }
.fake-checkbox[aria-checked="true"], .fake-checkbox[aria-checked="mixed"] { background: var(--brand);
  border-color: var(--brand); }
/* settings */
dl.facts { display: grid; grid-template-columns: 180px 1fr; gap: 8px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-weight: 500; }
table.plain { table-layout: auto; }
table.plain td, table.plain th { padding: 8px 10px; }
/* connect */
.center { min-height: calc(100vh - 52px); display: grid; place-items: center; padding: 24px; }
.connect { max-width: 440px; text-align: center; padding: 32px 34px; }
.connect .icons { display: flex; align-items: center; justify-content: center; gap: 12px; margin-bottom: 14px;
  color: var(--muted); font-size: 20px; }
.connect .tile { width: 44px; height: 44px; border-radius: 11px; display: inline-grid; place-items: center;
  color: #fff; font-weight: 700; font-size: 16px; background: linear-gradient(135deg, #5c7cfa, #22b8cf); }
.connect .tile.ext { background: #1c2541; font-size: 13px; }
.connect #result-detail:empty { display: none; }
.connect ul { text-align: left; color: #374151; padding-left: 20px; }
.connect .result { font-weight: 600; color: var(--ok); margin: 14px 0 0; }
.connect .result:empty { display: none; }
`;

interface NavItem {
  href: string;
  label: string;
  spa?: boolean;
}

const NAV: Array<{ heading?: string; items: NavItem[] }> = [
  {
    items: [
      { href: '/prospects', label: 'Prospects', spa: true },
      { href: '/lists/saved', label: 'Saved leads', spa: true },
      { href: '/two-lists', label: 'Both lists', spa: true },
      { href: '/grid', label: 'Leads grid' },
    ],
  },
  {
    heading: 'Settings',
    items: [
      { href: '/settings/billing', label: 'Billing' },
      { href: '/settings/usage', label: 'Usage' },
      { href: '/settings/api-keys', label: 'API keys' },
    ],
  },
];

export interface LayoutOptions {
  title: string;
  /** Path of the nav entry to highlight. */
  active?: string;
  body: string;
  /** Script URLs (same origin) loaded at the end of the body. */
  scripts?: string[];
  /** No side navigation (connect page). */
  bare?: boolean;
  accountName?: string;
}

function nav(active: string | undefined): string {
  return NAV.map(
    (group) =>
      (group.heading ? `<h2>${esc(group.heading)}</h2>` : '') +
      group.items
        .map(
          (item) =>
            `<a href="${esc(item.href)}"${item.spa ? ' data-spa-link' : ''}${
              item.href === active ? ' aria-current="page"' : ''
            }>${esc(item.label)}</a>`,
        )
        .join(''),
  ).join('');
}

export function layout(options: LayoutOptions): string {
  const scripts = (options.scripts ?? []).map((src) => `<script src="${esc(src)}"></script>`).join('');
  const topbar = `<header class="topbar">
  <a class="brand" href="/prospects"><span class="brand-mark" aria-hidden="true">◆</span>Deskflow</a>
  <span class="account">${esc(options.accountName ?? 'Acme Sales')}</span>
</header>`;
  const content = options.bare
    ? `<main class="center">${options.body}</main>`
    : `<div class="shell"><nav class="sidenav" aria-label="Main">${nav(options.active)}</nav><main id="main">${options.body}</main></div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)} · Deskflow</title>
<style>${CSS}</style>
</head>
<body>
${topbar}
${content}
${scripts}
</body>
</html>
`;
}
