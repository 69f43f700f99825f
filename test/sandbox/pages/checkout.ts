/** A simplified Stripe Checkout and customer portal for the sandbox's session URLs. */
import { esc, fmtDate, fmtMoney } from './layout.ts';

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 -apple-system, system-ui, "Segoe UI", Roboto, sans-serif; color: #1a1f36; }
.checkout { display: grid; grid-template-columns: 1fr 1fr; min-height: 100vh; }
.summary { background: #f6f9fc; padding: 72px 64px; display: flex; justify-content: flex-end; }
.summary-inner, .pay-inner { width: 100%; max-width: 400px; }
.pay { padding: 72px 64px; box-shadow: -8px 0 24px rgba(50, 50, 93, .06); }
.merchant { display: flex; align-items: center; gap: 10px; font-weight: 600; margin-bottom: 32px; }
.merchant .logo { width: 28px; height: 28px; border-radius: 7px; display: inline-grid; place-items: center;
  background: linear-gradient(135deg, #5c7cfa, #22b8cf); color: #fff; font-size: 14px; }
.test-badge { background: #ffde92; color: #a04100; font-size: 11px; font-weight: 700; padding: 1px 6px;
  border-radius: 4px; text-transform: uppercase; }
.label { color: #697386; font-weight: 500; margin: 0; }
.amount { font-size: 36px; font-weight: 600; margin: 4px 0 24px; letter-spacing: -.02em; }
.amount small { font-size: 15px; color: #697386; font-weight: 500; }
.line { display: flex; justify-content: space-between; padding: 12px 0; border-top: 1px solid #e3e8ee; }
.line .desc { color: #697386; font-size: 13px; }
h2 { font-size: 18px; margin: 0 0 18px; }
.field { margin-bottom: 16px; }
.field label { display: block; font-size: 13px; color: #3c4257; margin-bottom: 6px; font-weight: 500; }
.field input { width: 100%; font: inherit; padding: 9px 12px; border: 1px solid #e0e6eb; border-radius: 6px;
  box-shadow: 0 1px 1px rgba(0,0,0,.03); background: #fff; color: #1a1f36; }
button { font: inherit; cursor: pointer; }
.pay-button { width: 100%; margin-top: 8px; padding: 12px; border: none; border-radius: 6px; background: #0570de;
  color: #fff; font-weight: 600; font-size: 16px; }
.pay-button:hover { background: #0461c2; }
.cancel-button { width: 100%; margin-top: 10px; padding: 10px; border: 1px solid #e0e6eb; border-radius: 6px;
  background: #fff; color: #3c4257; }
.powered { margin-top: 28px; text-align: center; font-size: 12px; color: #a3acb9; }
.result { text-align: center; padding: 24px 0; }
.result .icon { width: 56px; height: 56px; border-radius: 50%; display: inline-grid; place-items: center;
  font-size: 28px; color: #fff; background: #1ea672; margin-bottom: 12px; }
.result.canceled .icon { background: #8792a2; }
.result h1 { font-size: 22px; margin: 0 0 6px; }
.result p { color: #697386; margin: 0 0 18px; }
.portal { max-width: 720px; margin: 48px auto; padding: 0 24px; }
.portal .card { border: 1px solid #e3e8ee; border-radius: 8px; padding: 20px 24px; margin-bottom: 18px; }
.portal dl { display: grid; grid-template-columns: 160px 1fr; gap: 8px; margin: 0; }
.portal dt { color: #697386; }
.portal dd { margin: 0; }
.portal > .label { margin-bottom: 20px; }
@media (max-width: 760px) { .checkout { grid-template-columns: 1fr; } .summary { justify-content: center; } }
`;

function doc(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export interface CheckoutView {
  id: string;
  status: 'open' | 'complete' | 'canceled';
  /** "100 Deskflow credits" or "Deskflow Pro". */
  itemName: string;
  itemDescription: string;
  amount: number;
  currency: string;
  recurring: boolean;
  email: string;
  accountName: string;
  /** What the payment did, for the confirmation ("100 credits were added to Acme Sales."). */
  outcome?: string;
  returnUrl: string;
}

export function checkoutPage(view: CheckoutView): string {
  const price = fmtMoney(view.amount, view.currency);
  const summary = `<section class="summary" aria-label="Order summary"><div class="summary-inner">
  <div class="merchant"><span class="logo" aria-hidden="true">◆</span>Deskflow <span class="test-badge">Test mode</span></div>
  <p class="label">${esc(view.recurring ? `Subscribe to ${view.itemName}` : `Pay Deskflow`)}</p>
  <p class="amount" id="amount">${esc(price)}${view.recurring ? ' <small>per month</small>' : ''}</p>
  <div class="line"><div><div id="item-name">${esc(view.itemName)}</div><div class="desc">${esc(view.itemDescription)}</div></div><div>${esc(price)}</div></div>
  <div class="line"><strong>Total due today</strong><strong>${esc(price)}</strong></div>
</div></section>`;

  let right: string;
  if (view.status === 'complete') {
    right = `<div class="result" role="status"><div class="icon" aria-hidden="true">✓</div>
  <h1>Payment complete</h1><p>${esc(view.outcome ?? 'Thanks for your purchase.')}</p>
  <p><a href="${esc(view.returnUrl)}">Return to Deskflow</a></p></div>`;
  } else if (view.status === 'canceled') {
    right = `<div class="result canceled" role="status"><div class="icon" aria-hidden="true">✕</div>
  <h1>Payment canceled</h1><p>You were not charged.</p>
  <p><a href="${esc(view.returnUrl)}">Return to Deskflow</a></p></div>`;
  } else {
    right = `<h2>Pay with card</h2>
  <div class="field"><label for="email">Email</label><input id="email" value="${esc(view.email)}" readonly></div>
  <div class="field"><label for="card">Card information</label><input id="card" value="4242 4242 4242 4242   12 / 34   123" readonly></div>
  <div class="field"><label for="name">Name on card</label><input id="name" value="${esc(view.accountName)}" readonly></div>
  <form method="post" action="/checkout/${esc(view.id)}/pay"><button type="submit" class="pay-button">Pay</button></form>
  <form method="post" action="/checkout/${esc(view.id)}/cancel"><button type="submit" class="cancel-button">Cancel</button></form>`;
  }
  return doc(
    view.status === 'complete' ? 'Payment complete' : view.status === 'canceled' ? 'Payment canceled' : 'Checkout · Deskflow',
    `<div class="checkout">${summary}<section class="pay" aria-label="Payment"><div class="pay-inner">${right}
  <p class="powered">Sandbox checkout · no real payment is made</p></div></section></div>`,
  );
}

export function checkoutNotFoundPage(): string {
  return doc(
    'Checkout not found',
    `<div class="portal"><div class="result canceled"><div class="icon" aria-hidden="true">?</div>
<h1>This checkout session does not exist</h1><p>It may have expired. Start again from Deskflow.</p></div></div>`,
  );
}

export interface PortalView {
  id: string;
  accountName: string;
  email: string;
  planName: string;
  planStatus: string;
  renewsAt: string | null;
  priceLabel: string;
  canCancel: boolean;
  returnUrl: string;
}

export function portalPage(view: PortalView): string {
  const cancel = view.canCancel
    ? `<form method="post" action="/portal/${esc(view.id)}/cancel-plan"><button type="submit" class="cancel-button">Cancel plan</button></form>`
    : '';
  return doc(
    'Customer portal · Deskflow',
    `<div class="portal">
  <div class="merchant"><span class="logo" aria-hidden="true">◆</span>Deskflow <span class="test-badge">Test mode</span></div>
  <h1>Customer portal</h1>
  <p class="label">${esc(view.accountName)} · ${esc(view.email)}</p>
  <div class="card"><h2>Current plan</h2><dl>
    <dt>Plan</dt><dd>${esc(view.planName)} · ${esc(view.planStatus)}</dd>
    <dt>Price</dt><dd>${esc(view.priceLabel)}</dd>
    <dt>Renews</dt><dd>${esc(view.renewsAt ? fmtDate(view.renewsAt) : 'Does not renew')}</dd>
  </dl>${cancel}</div>
  <div class="card"><h2>Payment method</h2><p>Visa •••• 4242 · expires 12/34</p></div>
  <div class="card"><h2>Invoice history</h2><p class="label">No invoices in the sandbox.</p></div>
  <p><a href="${esc(view.returnUrl)}">Return to Deskflow</a></p>
  <p class="powered">Sandbox portal · no real billing</p>
</div>`,
  );
}
