import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildConfig } from '@/utils/config';
import { snapshotItem } from '@/utils/storage';
import type { Response } from '@/utils/messages';
import { SIGNED_OUT } from '@/utils/snapshot';
import {
  answerRefreshWith,
  mockBackground,
  MINUTE,
  NOW,
  renderPopup,
  signedIn,
  stopWatches,
  summary,
} from './popup-fixtures';

beforeEach(() => {
  // Only Date is faked: React Query, Testing Library and user-event keep real timers.
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});
afterEach(() => {
  stopWatches();
  vi.useRealTimers();
});

const buyButtons = () => screen.queryAllByRole('button', { name: /^Buy \d+ credits/ });

describe('popup: signed out', () => {
  it('offers Sign in with Deskflow and an API key link, and asks nothing of the background', async () => {
    const background = mockBackground();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const openOptions = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockImplementation(async () => undefined);
    const { user } = await renderPopup(SIGNED_OUT);

    await user.click(screen.getByRole('button', { name: 'Sign in with Deskflow' }));
    expect(create).toHaveBeenCalledWith({ url: `${buildConfig.appOrigin}/extension/connect` });

    await user.click(screen.getByRole('link', { name: 'Use an API key' }));
    expect(openOptions).toHaveBeenCalledOnce();
    expect(screen.queryByRole('meter')).toBeNull();
    expect(background.calls).toEqual([]);
  });
});

describe('popup: cached data', () => {
  it('paints the cached balance in the very first render, then asks for a refresh of old data', async () => {
    const background = mockBackground(answerRefreshWith());
    await renderPopup(signedIn());
    // No await between render and this query: the first render already has the numbers.
    const meter = screen.getByRole('meter', { name: 'Credits remaining' });
    expect(meter.getAttribute('aria-valuenow')).toBe('412');
    expect(meter.getAttribute('aria-valuemin')).toBe('0');
    expect(meter.getAttribute('aria-valuemax')).toBe('550');
    expect(meter.getAttribute('aria-valuetext')).toBe('412 of 550 credits');
    expect(screen.queryByText(/Loading your credits/)).toBeNull();
    await waitFor(() => expect(background.ofType('refreshIfOld')).toHaveLength(1));
  });

  it('shows the fresh state: plan, renewal, usage, chart, forecast, packages, upgrade, billing, links', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(signedIn());

    expect(screen.getByRole('heading', { name: 'Acme Sales' })).toBeTruthy();
    expect(screen.getByText('Basic')).toBeTruthy();
    expect(screen.getByText('Renews Dec 1')).toBeTruthy();
    expect(screen.getByText('412')).toBeTruthy();
    expect(screen.getByText('362 of 500 included left')).toBeTruthy();
    expect(screen.getByText('50 add-on')).toBeTruthy();

    // This period (Nov 1 – today) by category; "voice" is unknown and shown by its key.
    const usage = screen.getByRole('region', { name: 'Usage this period' });
    const categories = within(usage).getAllByRole('listitem').map((li) => li.textContent);
    expect(categories).toEqual(['Bulk actions190', 'API calls23', 'AI features8', 'Voice6']);
    expect(within(usage).getByRole('img', { name: /^Last 30 days: 227 credits, most on Nov 10 \(85\)/ })).toBeTruthy();

    // 124 credits in the 7 days to today: 412 last beyond the reset on Dec 1.
    expect(screen.getByText('At your 7-day pace: lasts past your reset on Dec 1')).toBeTruthy();

    // Each name holds the tile's visible words in order (WCAG 2.5.3).
    expect(buyButtons().map((b) => b.getAttribute('aria-label'))).toEqual([
      'Buy 50 credits · $25.00 · $0.50 per credit',
      'Buy 100 credits · $45.00 · $0.45 per credit',
      'Buy 250 credits · $100.00 · $0.40 per credit',
      'Buy 500 credits · $175.00 · $0.35 per credit',
    ]);
    expect(screen.getByText('$0.45 per credit')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Upgrade to Pro/ }).getAttribute('aria-label')).toBe(
      'Upgrade to Pro · $99.00/month · 2,000 credits a month · LinkedIn campaigns',
    );
    expect(screen.getByRole('button', { name: 'Manage billing' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Usage' }).getAttribute('href')).toBe(`${buildConfig.appOrigin}/settings/usage`);
    expect(screen.getByRole('link', { name: 'Billing' }).getAttribute('href')).toBe(`${buildConfig.appOrigin}/settings/billing`);
    await waitFor(() => expect(screen.getByText('Last updated 2 minutes ago')).toBeTruthy());
    // A healthy balance highlights no package.
    expect(document.querySelector('.package--suggested')).toBeNull();
  });

  it('says the forecast run-out date and highlights the smallest package that restores 25 %', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(signedIn({ summary: summary({ credits: { included: { remaining: 0 }, addOn: { remaining: 40 } } }) }));
    expect(screen.getByText('At your 7-day pace: runs out about Nov 28')).toBeTruthy();
    // 40 of 540: (540 − 160) / 3 → 127 credits needed: the 250 package.
    const suggested = screen.getByRole('button', { name: /^Buy 250 credits/ });
    expect(suggested.className).toContain('package--suggested');
    expect(suggested.getAttribute('aria-describedby')).toBe('suggestion-note');
    expect(suggested.parentElement?.querySelector('.package__tag')?.textContent).toBe('Suggested');
    expect(screen.getByText('Critical')).toBeTruthy();
  });

  it('says plan statuses in words and shows no upgrade on the top plan', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(
      signedIn({ summary: summary({ plan: { id: 'pro', name: 'Pro', tier: 'pro', status: 'past_due' } }) }),
    );
    expect(screen.getByText('Past due')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Upgrade to/ })).toBeNull();
  });

  it('says "No usage in the last 7 days" without recent usage', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(signedIn({ usage: { from: '2026-10-28', to: '2026-11-26', days: [] } }));
    expect(screen.getByText('No usage in the last 7 days')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Last 30 days: no credits spent' })).toBeTruthy();
  });

  it('re-renders the new balance when the background writes the snapshot', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(signedIn());
    await act(async () => {
      await snapshotItem.setValue(signedIn({ summary: summary({ credits: { addOn: { remaining: 150 } } }) }));
    });
    await waitFor(() =>
      expect(screen.getByRole('meter', { name: 'Credits remaining' }).getAttribute('aria-valuenow')).toBe('512'),
    );
    expect(screen.getByRole('meter').getAttribute('aria-valuetext')).toBe('512 of 650 credits');
  });

  it('keeps focus on a header link when a refresh lands (the header is redrawn only when it changes)', async () => {
    mockBackground(answerRefreshWith());
    const { user } = await renderPopup(signedIn());
    const usageLink = screen.getByRole('link', { name: 'Usage' });
    await user.keyboard('{Tab}');
    expect(document.activeElement).toBe(usageLink);
    await act(async () => {
      await snapshotItem.setValue(signedIn({ summary: summary({ credits: { addOn: { remaining: 150 } } }), fetchedAt: NOW }));
    });
    await waitFor(() => expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('512'));
    expect(document.activeElement).toBe(usageLink);
    expect(usageLink.isConnected).toBe(true);
  });
});

describe('popup: loading and failures', () => {
  it('shows a skeleton, not a spinner, on the first load', async () => {
    mockBackground(() => new Promise(() => undefined));
    await renderPopup(signedIn({ summary: null, fetchedAt: null, catalog: null, usage: null }));
    expect(screen.getByRole('status').textContent).toBe('Loading your credits…');
    expect(document.querySelector('.skeleton')).not.toBeNull();
    expect(document.querySelector('.spinner')).toBeNull();
    expect(screen.queryByRole('meter')).toBeNull();
  });

  it('shows stale data with its age and the reason, and Retry forces a refresh', async () => {
    const background = mockBackground(answerRefreshWith());
    const { user } = await renderPopup(
      signedIn({
        fetchedAt: NOW - 25 * MINUTE,
        lastError: { kind: 'network', message: 'Deskflow could not be reached.', at: NOW - MINUTE, retryAt: NOW + MINUTE },
      }),
    );
    expect(screen.getByText('Showing data from 25 minutes ago')).toBeTruthy();
    expect(screen.getByText('Deskflow could not be reached.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Credits remaining' }).className).toContain('balance--stale');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(background.ofType('refresh')).toEqual([{ type: 'refresh', force: true }]));
  });

  it('shows a recent failure with the reason and Retry', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(
      signedIn({ lastError: { kind: 'server_error', message: 'Deskflow had a problem (502).', at: NOW, retryAt: NOW + 30_000 } }),
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("Couldn't refresh your credits");
    expect(alert.textContent).toContain('Deskflow had a problem (502).');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.getByRole('meter')).toBeTruthy();
  });

  it('shows the reason and Retry when there is no data at all', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(
      signedIn({
        summary: null,
        fetchedAt: null,
        lastError: { kind: 'timeout', message: 'Deskflow did not answer in time.', at: NOW, retryAt: null },
      }),
    );
    expect(screen.getByText("Couldn't load your credits")).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.queryByRole('meter')).toBeNull();
  });

  it('says when it will retry after Deskflow rate-limits it', async () => {
    mockBackground(answerRefreshWith());
    const retryAt = NOW + 42 * MINUTE;
    const sameDay = new Date(retryAt).toDateString() === new Date(NOW).toDateString();
    const expected = new Intl.DateTimeFormat(navigator.language, {
      hour: 'numeric',
      minute: '2-digit',
      ...(sameDay ? {} : { weekday: 'short' }),
    }).format(retryAt);
    await renderPopup(
      signedIn({ lastError: { kind: 'rate_limited', message: 'Too many requests.', at: NOW, retryAt } }),
    );
    expect(screen.getByText(`Deskflow asked us to wait — retrying at ${expected}`)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Refresh' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('shows the Refresh button busy while refreshing and the error in words', async () => {
    let answer: (value: Response) => void = () => undefined;
    const background = mockBackground((request) =>
      request.type === 'refresh'
        ? new Promise((resolve) => {
            answer = resolve;
          })
        : { ok: true, value: signedIn() },
    );
    const { user } = await renderPopup(signedIn());
    await waitFor(() => expect(background.ofType('refreshIfOld')).toHaveLength(1));
    const refresh = screen.getByRole('button', { name: 'Refresh' });
    await user.click(refresh);
    await waitFor(() => expect(refresh.getAttribute('aria-busy')).toBe('true'));
    await user.click(refresh);
    expect(background.ofType('refresh')).toHaveLength(1);
    await act(async () => answer({ ok: false, error: { kind: 'no_answer', message: 'The extension did not answer. Try again.' } }));
    expect((await screen.findByRole('alert')).textContent).toBe('The extension did not answer. Try again.');
    expect(refresh.getAttribute('aria-busy')).toBeNull();
  });
});

describe('popup: buying', () => {
  it('members see who can buy instead of buy buttons', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(signedIn({ summary: summary({ account: { role: 'member' } }) }));
    expect(screen.getByText('Ask an admin of Acme Sales to buy credits.')).toBeTruthy();
    expect(buyButtons()).toEqual([]);
    expect(screen.queryByRole('button', { name: /^Upgrade to/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Manage billing' })).toBeNull();
  });

  it('a double click on Buy sends one startPurchase', async () => {
    const background = mockBackground(
      answerRefreshWith((request) =>
        request.type === 'startPurchase' ? new Promise(() => undefined) : { ok: true, value: null },
      ),
    );
    const { user } = await renderPopup(signedIn());
    const buy = screen.getByRole('button', { name: /^Buy 50 credits/ });
    await user.dblClick(buy);
    await user.click(screen.getByRole('button', { name: /^Buy 100 credits/ }));
    expect(background.ofType('startPurchase')).toEqual([{ type: 'startPurchase', item: { packageId: 'pkg_50' } }]);
    await waitFor(() => expect(buy.getAttribute('aria-busy')).toBe('true'));
    expect(buy.getAttribute('aria-label')).toBe('Buy 50 credits · $25.00 · opening checkout…');
  });

  it('upgrade sends the next plan', async () => {
    const background = mockBackground(answerRefreshWith(() => ({ ok: true, value: { opened: true } })));
    const { user } = await renderPopup(signedIn());
    await user.click(screen.getByRole('button', { name: /^Upgrade to Pro/ }));
    expect(background.ofType('startPurchase')).toEqual([{ type: 'startPurchase', item: { planId: 'pro' } }]);
  });

  it('while a checkout is being created, that button shows progress and no purchase can start', async () => {
    const background = mockBackground(answerRefreshWith());
    const { user } = await renderPopup(
      signedIn({ purchase: { item: { packageId: 'pkg_100' }, state: 'creating', startedAt: NOW, error: null } }),
    );
    const busy = screen.getByRole('button', { name: /^Buy 100 credits/ });
    expect(busy.getAttribute('aria-busy')).toBe('true');
    expect(busy.textContent).toContain('opening checkout…');
    for (const button of buyButtons()) expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('button', { name: /^Upgrade to Pro/ }).getAttribute('aria-disabled')).toBe('true');
    await user.click(screen.getByRole('button', { name: /^Buy 50 credits/ }));
    await user.click(screen.getByRole('button', { name: /^Upgrade to Pro/ }));
    expect(background.ofType('startPurchase')).toEqual([]);
  });

  it('says it waits for the payment while the checkout tab is open', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(
      signedIn({
        purchase: { item: { packageId: 'pkg_100' }, state: 'open', startedAt: NOW - MINUTE, error: null },
        checkoutWatchUntil: NOW + 9 * MINUTE,
      }),
    );
    expect(screen.getByText(/Checkout opened in a new tab — waiting for payment…/)).toBeTruthy();
  });

  it('says the new balance is being checked, and when next, while Deskflow does not answer during the watch', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(
      signedIn({
        purchase: { item: { packageId: 'pkg_100' }, state: 'open', startedAt: NOW - MINUTE, error: null },
        checkoutWatchUntil: NOW + 9 * MINUTE,
        lastError: { kind: 'server', message: 'Deskflow had a problem (500).', at: NOW - 10_000, retryAt: NOW + 2 * MINUTE },
      }),
    );
    expect(screen.getByRole('status', { name: '' }).textContent).toMatch(/Checking your new balance — Deskflow is not answering, next try at \d/);
    expect(screen.queryByText(/waiting for payment…/)).toBeNull();
  });

  it('shows why a purchase failed', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(
      signedIn({
        purchase: {
          item: { packageId: 'pkg_100' },
          state: 'failed',
          startedAt: NOW - MINUTE,
          error: 'Deskflow answered with a checkout address that is not Stripe Checkout, so it was not opened.',
        },
      }),
    );
    expect(screen.getByRole('alert').textContent).toContain('not Stripe Checkout');
    expect(screen.getByRole('button', { name: /^Buy 100 credits/ }).getAttribute('aria-disabled')).toBeNull();
  });

  it('shows a refused purchase near the buttons', async () => {
    mockBackground(
      answerRefreshWith(() => ({ ok: false, error: { kind: 'forbidden', message: 'Ask an admin of Acme Sales to buy credits.' } })),
    );
    const { user } = await renderPopup(signedIn());
    await user.click(screen.getByRole('button', { name: /^Buy 50 credits/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('Ask an admin of Acme Sales to buy credits.');
  });

  it('Manage billing asks the background for the portal and shows its error', async () => {
    const background = mockBackground(
      answerRefreshWith(() => ({ ok: false, error: { kind: 'server_error', message: 'Deskflow had a problem (500).' } })),
    );
    const { user } = await renderPopup(signedIn());
    await user.click(screen.getByRole('button', { name: 'Manage billing' }));
    expect(background.ofType('openPortal')).toEqual([{ type: 'openPortal' }]);
    expect((await screen.findByRole('alert')).textContent).toBe('Deskflow had a problem (500).');
  });
});
