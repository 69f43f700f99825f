import { screen, within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { bannerModel } from '@/components/warning/model';
import type { AccountView, SelectionInput } from '@/utils/warning/ask';
import type { Snapshot } from '@/utils/snapshot';
import { NOW, SIGNED_OUT, signedIn } from '../fixtures/snapshots';
import { userClick } from '../shadow-roots';
import { mountBanner } from './warning-views';

const ALL_ACTIONS = ['enrich', 'export', 'add-to-campaign'];
const select = (count: number, extra: Partial<SelectionInput> = {}): SelectionInput => ({
  count,
  atLeast: false,
  actions: ALL_ACTIONS,
  ...extra,
});
const state = (snapshot: Snapshot, confirmation: 'always' | 'short' | 'off' = 'always'): AccountView => ({
  kind: 'state',
  snapshot,
  confirmation,
});

function show(selection: SelectionInput, account: AccountView) {
  const model = bannerModel(selection, account, { locale: 'en-US', now: NOW });
  if (!model) throw new Error('no banner');
  const onBuy = vi.fn();
  const banner = mountBanner(model, onBuy);
  return { model, onBuy, banner };
}

describe('bannerModel: when there is a banner at all', () => {
  const fmt = { locale: 'en-US', now: NOW };

  it('shows nothing below the threshold (49) and something at it (50)', () => {
    expect(bannerModel(select(49), state(signedIn()), fmt)).toBeNull();
    expect(bannerModel(select(50), state(signedIn()), fmt)).not.toBeNull();
  });

  it('shows nothing for free actions only, or with nothing selected', () => {
    expect(bannerModel(select(73, { actions: ['add-to-campaign'] }), state(signedIn()), fmt)).toBeNull();
    expect(bannerModel(select(0), state(signedIn()), fmt)).toBeNull();
  });

  it('waits for the page state before showing anything', () => {
    expect(bannerModel(select(73), { kind: 'pending' }, fmt)).toBeNull();
  });

  it('on Free, quotes Enrich from the first selected prospect', () => {
    const free = state(signedIn({ tier: 'free', remaining: 20 }));
    expect(bannerModel(select(1), free, fmt)?.headline).toBe('1 prospect selected · Enrich uses 1 credit · 19 left after');
    expect(bannerModel(select(3, { actions: ['export'] }), free, fmt)).toBeNull();
  });
});

describe('Banner', () => {
  it('info: a status named "Deskflow credits" with count, cost and what is left', () => {
    show(select(73), state(signedIn()));
    const banner = screen.getByRole('status', { name: 'Deskflow credits' });
    expect(within(banner).getByText('73 prospects selected · Enrich uses 73 credits · 339 left after')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Buy/ })).toBeNull();
  });

  it('several credit-spending actions: the largest first, the others on expansion', async () => {
    const user = userEvent.setup();
    show(select(73), state(signedIn({ bulkActions: { enrich: 1, export: 2 } })));
    expect(screen.getByText('73 prospects selected · Export uses 146 credits · 266 left after')).toBeTruthy();
    const more = screen.getByRole('button', { name: '1 more action' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('Enrich uses 73 credits · 339 left after')).toBeNull();
    await user.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('Enrich uses 73 credits · 339 left after')).toBeTruthy();
  });

  it('short: an alert with the shortfall, the smallest covering package and the upgrade', async () => {
    const user = userEvent.setup();
    const { onBuy } = show(select(73), state(signedIn({ remaining: 40 })));
    const alert = screen.getByRole('alert', { name: 'Deskflow credits' });
    expect(within(alert).getByText('Enrich needs 73 credits — you have 40 (33 short)')).toBeTruthy();
    const buy = within(alert).getByRole('button', { name: /^Buy 50 credits/ });
    expect(buy.textContent).toBe('Buy 50 credits · $25.00');
    const upgrade = within(alert).getByRole('button', { name: /^Upgrade to Pro/ });
    expect(upgrade.textContent).toBe('Upgrade to Pro · $99.00/month');
    await user.click(buy); // a script's click (isTrusted false) buys nothing
    expect(onBuy).not.toHaveBeenCalled();
    userClick(buy);
    userClick(upgrade);
    expect(onBuy.mock.calls).toEqual([[{ packageId: 'pkg_50' }], [{ planId: 'pro' }]]);
  });

  it('short by more than a package: the package that covers it (250 for 210 short)', () => {
    show(select(250), state(signedIn({ remaining: 40 })));
    expect(screen.getByText('Enrich needs 250 credits — you have 40 (210 short)')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Buy 250 credits/ }).textContent).toBe('Buy 250 credits · $100.00');
    expect(screen.queryByText(/would still leave you/)).toBeNull();
  });

  it('short by more than the largest package: offers it, and says it is not enough', () => {
    show(select(1204), state(signedIn()));
    expect(screen.getByText('Enrich needs 1,204 credits — you have 412 (792 short)')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Buy 500 credits/ })).toBeTruthy();
    expect(screen.getByText('500 credits would still leave you 292 short')).toBeTruthy();
  });

  it('short while a purchase is being created: progress, and no second purchase', () => {
    const snapshot = signedIn(
      { remaining: 40 },
      { purchase: { item: { packageId: 'pkg_50' }, state: 'creating', startedAt: NOW - 1000, error: null } },
    );
    const { onBuy } = show(select(73), state(snapshot));
    const buy = screen.getByRole('button', { name: /^Buy 50 credits/ });
    expect(buy.getAttribute('aria-busy')).toBe('true');
    expect(buy.textContent).toContain('opening checkout');
    const upgrade = screen.getByRole('button', { name: /^Upgrade to Pro/ });
    expect(upgrade.getAttribute('aria-disabled')).toBe('true');
    userClick(buy);
    userClick(upgrade);
    expect(onBuy).not.toHaveBeenCalled();
  });

  it('short after a failed checkout: says why', () => {
    const snapshot = signedIn(
      { remaining: 40 },
      { purchase: { item: { packageId: 'pkg_50' }, state: 'failed', startedAt: NOW - 1000, error: 'Deskflow is unreachable.' } },
    );
    show(select(73), state(snapshot));
    expect(screen.getByText('The checkout did not open: Deskflow is unreachable.')).toBeTruthy();
  });

  it('member: who can buy instead of buy buttons', () => {
    show(select(73), state(signedIn({ remaining: 40, role: 'member' })));
    const alert = screen.getByRole('alert', { name: 'Deskflow credits' });
    expect(within(alert).getByText('Ask an admin of Acme Sales to buy credits')).toBeTruthy();
    expect(within(alert).queryByRole('button', { name: /^(Buy|Upgrade)/ })).toBeNull();
  });

  it('unknown balance, signed out: the (typical) cost and why the balance is unknown', () => {
    const { model } = show(select(73), state(SIGNED_OUT));
    expect(model.estimated).toBe(true);
    const banner = screen.getByRole('status', { name: 'Deskflow credits' });
    expect(within(banner).getByText('73 prospects selected · Enrich uses about 73 credits')).toBeTruthy();
    expect(within(banner).getByText('Sign in to Deskflow Credits to see your balance')).toBeTruthy();
  });

  it('unknown balance, the first refresh failed: the reason', () => {
    const snapshot: Snapshot = {
      ...signedIn(),
      summary: null,
      fetchedAt: null,
      lastError: { kind: 'network', message: 'Deskflow is unreachable. Check your connection.', at: NOW, retryAt: null },
    };
    show(select(73), state(snapshot));
    expect(screen.getByText('Balance unknown: Deskflow is unreachable. Check your connection.')).toBeTruthy();
  });

  it('unknown balance, the extension did not answer', () => {
    show(select(73), { kind: 'unavailable', reason: 'The extension did not answer. Try again.' });
    expect(screen.getByText('Balance unknown: The extension did not answer. Try again.')).toBeTruthy();
  });

  it('stale balance: the numbers, and how old they are', () => {
    const snapshot = signedIn(
      {},
      {
        fetchedAt: NOW - 40 * 60_000,
        lastError: { kind: 'server_error', message: 'Deskflow had a problem.', at: NOW, retryAt: null },
      },
    );
    show(select(73), state(snapshot));
    expect(screen.getByText('Balance from 40 minutes ago (Deskflow had a problem.)')).toBeTruthy();
  });

  it('"at least N" for a partial virtualised selection', () => {
    show(select(73, { atLeast: true }), state(signedIn()));
    expect(
      screen.getByText('At least 73 prospects selected · Enrich uses at least 73 credits · at most 339 left after'),
    ).toBeTruthy();
  });

  it('"at least N" when short', () => {
    show(select(73, { atLeast: true }), state(signedIn({ remaining: 40 })));
    expect(screen.getByText('Enrich needs at least 73 credits — you have 40 (at least 33 short)')).toBeTruthy();
  });

  it('Free below the bulk threshold: Enrich costs a credit per prospect', () => {
    show(select(12), state(signedIn({ tier: 'free', remaining: 20 })));
    expect(screen.getByText('12 prospects selected · Enrich uses 12 credits · 8 left after')).toBeTruthy();
  });

  it('large counts in the browser locale', () => {
    const model = bannerModel(select(1204), state(signedIn({ remaining: 5000 })), { locale: 'de-DE', now: NOW });
    expect(model?.headline).toBe('1.204 prospects selected · Enrich uses 1.204 credits · 3.796 left after');
  });

  it('shows names from the API as text, never as markup', () => {
    show(
      select(73),
      state(signedIn({ remaining: 40, role: 'member', accountName: '<img src=x onerror=alert(1)>' })),
    );
    expect(screen.getByText('Ask an admin of <img src=x onerror=alert(1)> to buy credits')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('keeps focus on Buy, and the other actions open, while the numbers change', async () => {
    const user = userEvent.setup();
    const account = state(signedIn({ remaining: 40, bulkActions: { enrich: 1, export: 2 } }));
    const { banner } = show(select(73), account);
    await user.click(screen.getByRole('button', { name: '1 more action' }));
    const buy = screen.getByRole('button', { name: /^Buy/ });
    buy.focus();
    banner.update(bannerModel(select(80), account, { locale: 'en-US', now: NOW })!);
    expect(document.activeElement).toBe(buy);
    expect(screen.getByRole('button', { name: '1 more action' }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('Enrich needs 80 credits — you have 40 (40 short)')).toBeTruthy();
    banner.update(bannerModel(select(73), state(signedIn({ bulkActions: { enrich: 1, export: 2 } })), { locale: 'en-US', now: NOW })!);
    expect(screen.getByRole('status', { name: 'Deskflow credits' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Buy/ })).toBeNull();
  });

  it('updates its numbers in place when the selection changes', () => {
    const account = state(signedIn());
    const { banner } = show(select(73), account);
    const next = bannerModel(select(120), account, { locale: 'en-US', now: NOW })!;
    banner.update(next);
    expect(screen.getByText('120 prospects selected · Enrich uses 120 credits · 292 left after')).toBeTruthy();
    expect(screen.getAllByRole('status')).toHaveLength(1);
  });
});
