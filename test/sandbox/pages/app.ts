/** The sandbox's Deskflow web app pages (app-pages.md). Dynamic lists are built client-side. */
import type { Catalog, Summary, Usage } from '../../../utils/billing/schemas.ts';
import { esc, fmtDate, fmtMoney, fmtNumber, layout } from './layout.ts';

export const LIST_ROUTES: Record<string, string> = {
  '/prospects': 'Prospects',
  '/lists/saved': 'Saved leads',
  '/two-lists': 'Both lists',
};

/** The SPA shell for the prospect lists; /assets/lists.js renders the route client-side. */
export function listsPage(path: string, accountName: string): string {
  return layout({
    title: LIST_ROUTES[path] ?? 'Prospects',
    active: path,
    body: '<p class="muted">Loading…</p>',
    scripts: ['/assets/lists.js'],
    accountName,
  });
}

export function gridPage(accountName: string): string {
  return layout({ title: 'Leads grid', active: '/grid', body: '', scripts: ['/assets/grid.js'], accountName });
}

export function connectPage(key: string, accountName: string, email: string): string {
  const html = layout({
    title: 'Connect the extension',
    bare: true,
    accountName,
    body: `<div class="card connect">
  <div class="icons" aria-hidden="true"><span class="tile">◆</span>⇄<span class="tile ext">DC</span></div>
  <h1>Connect the Deskflow Credits extension</h1>
  <p class="muted">Signed in as ${esc(email)} · ${esc(accountName)}</p>
  <p>Deskflow Credits will be able to:</p>
  <ul>
    <li>see the credit balance, plan and usage of ${esc(accountName)}</li>
    <li>start a checkout when you choose to buy credits</li>
  </ul>
  <p><button type="button" id="approve" class="primary">Approve</button>
     <a href="/prospects" style="margin-left:10px">Not now</a></p>
  <p id="result" class="result" role="status"></p>
  <p id="result-detail" class="muted"></p>
</div>`,
    scripts: ['/assets/connect.js'],
  });
  return html.replace('<body>', `<body data-extension-key="${esc(key)}">`);
}

export function billingPage(summary: Summary, catalog: Catalog): string {
  const { plan, credits, account } = summary;
  const packages = catalog.packages
    .map(
      (p) =>
        `<tr><td>${esc(fmtNumber(p.credits))} credits</td><td>${esc(fmtMoney(p.price.amount, p.price.currency))}</td></tr>`,
    )
    .join('');
  const plans = catalog.plans
    .map(
      (p) =>
        `<tr${p.id === plan.id ? ' class="selected"' : ''}><td>${esc(p.name)}${p.id === plan.id ? ' (current)' : ''}</td>` +
        `<td>${esc(fmtNumber(p.monthlyCredits))} credits a month</td>` +
        `<td>${esc(fmtMoney(p.price.amount, p.price.currency))} / ${esc(p.interval)}</td>` +
        `<td>${esc(p.features.join(', '))}</td></tr>`,
    )
    .join('');
  return layout({
    title: 'Billing',
    active: '/settings/billing',
    accountName: account.name,
    body: `<div class="page-head"><h1>Billing</h1><p class="muted">Plan, credits and invoices of ${esc(account.name)}.</p></div>
<div class="card"><dl class="facts">
  <dt>Plan</dt><dd>${esc(plan.name)} · ${esc(plan.status)}</dd>
  <dt>Renews</dt><dd>${esc(plan.renewsAt ? fmtDate(plan.renewsAt) : 'Does not renew')}</dd>
  <dt>Credits remaining</dt><dd id="credits-remaining">${esc(fmtNumber(credits.remaining))}</dd>
  <dt>Included this period</dt><dd>${esc(fmtNumber(credits.included.remaining))} of ${esc(fmtNumber(credits.included.allowance))} · resets ${esc(fmtDate(credits.included.resetsAt))}</dd>
  <dt>Add-on credits</dt><dd>${esc(fmtNumber(credits.addOn.remaining))}</dd>
  <dt>Your role</dt><dd>${esc(account.role)}</dd>
</dl></div>
<div class="card"><h2>Plans</h2><table class="plain">${plans}</table></div>
<div class="card"><h2>Credit packages</h2><table class="plain">${packages}</table></div>
<div class="card"><h2>Invoices</h2><p class="muted">No invoices in the sandbox.</p></div>`,
  });
}

export function usagePage(usage: Usage, accountName: string): string {
  const categories = ['bulk', 'api', 'ai'];
  const rows = [...usage.days]
    .reverse()
    .map(
      (d) =>
        `<tr><td>${esc(d.date)}</td>${categories.map((c) => `<td>${esc(fmtNumber(Number(d[c] ?? 0)))}</td>`).join('')}</tr>`,
    )
    .join('');
  const total = usage.days.reduce((sum, d) => sum + categories.reduce((s, c) => s + Number(d[c] ?? 0), 0), 0);
  return layout({
    title: 'Usage',
    active: '/settings/usage',
    accountName,
    body: `<div class="page-head"><h1>Usage</h1><p class="muted">Credits used from ${esc(usage.from)} to ${esc(usage.to)}: ${esc(fmtNumber(total))}</p></div>
<div class="card"><table class="plain"><thead><tr><th>Day</th><th>Bulk</th><th>API</th><th>AI</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  });
}

export function apiKeysPage(key: string, accountName: string): string {
  return layout({
    title: 'API keys',
    active: '/settings/api-keys',
    accountName,
    body: `<div class="page-head"><h1>API keys</h1><p class="muted">Keys let the Deskflow Credits extension and your scripts read billing data. Keep them secret.</p></div>
<div class="card"><table class="plain"><thead><tr><th>Name</th><th>Key</th><th>Created</th></tr></thead>
<tbody><tr><td>Demo key</td><td><code id="demo-key" data-api-key>${esc(key)}</code></td><td>Sandbox</td></tr></tbody></table>
<p class="muted">Paste it in the extension's options page (field “API key”), or use “Sign in with Deskflow”.</p></div>`,
  });
}

export function notFoundPage(): string {
  return layout({
    title: 'Not found',
    body: '<div class="page-head"><h1>Page not found</h1><p><a href="/prospects">Go to prospects</a></p></div>',
  });
}
