import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Summary, Usage } from '@/utils/billing/schemas';
import type { Response } from '@/utils/messages';
import type { Request } from '@/utils/messages';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';
import { SIGNED_OUT, type Snapshot } from '@/utils/snapshot';
import { settingsItem, snapshotItem } from '@/utils/storage';
import { connectStorage, createAppQueryClient } from '@/components/data';
import { App as PopupApp } from '@/entrypoints/popup/App';
import { App as OptionsApp } from '@/entrypoints/options/App';
import { CATALOG } from '../sandbox/scenarios';

export { CATALOG };

/** Realistic data from billing-api.md's examples, and helpers shared by the popup and options tests. */

export const NOW = Date.parse('2026-11-26T10:00:00Z');
export const MINUTE = 60_000;

export function summary(overrides: {
  account?: Partial<Summary['account']>;
  plan?: Partial<Summary['plan']>;
  credits?: Partial<Omit<Summary['credits'], 'included' | 'addOn'>> & {
    included?: Partial<Summary['credits']['included']>;
    addOn?: Partial<Summary['credits']['addOn']>;
  };
} = {}): Summary {
  const included = { remaining: 362, allowance: 500, resetsAt: '2026-12-01T00:00:00Z', ...overrides.credits?.included };
  const addOn = { remaining: 50, ...overrides.credits?.addOn };
  return {
    account: { id: 'acc_7Hq2', name: 'Acme Sales', role: 'admin', ...overrides.account },
    plan: {
      id: 'basic',
      name: 'Basic',
      tier: 'basic',
      status: 'active',
      interval: 'month',
      renewsAt: '2026-12-01T00:00:00Z',
      ...overrides.plan,
    },
    credits: { remaining: included.remaining + addOn.remaining, included, addOn },
    pricing: { bulkThreshold: 50, bulkActions: { enrich: 1, export: 1 }, apiCall: 1, individualEnrichment: 'unlimited' },
    asOf: '2026-11-26T09:58:00Z',
  };
}


// Typed loosely: a usage day is `date` plus one number per category (the schema's catchall).
export const USAGE = {
  from: '2026-10-28',
  to: '2026-11-26',
  days: [
    { date: '2026-11-03', bulk: 0, api: 0, ai: 0, voice: 6 },
    { date: '2026-11-10', bulk: 80, api: 0, ai: 5 },
    { date: '2026-11-18', bulk: 0, api: 12, ai: 0 },
    { date: '2026-11-20', bulk: 50, api: 0, ai: 0 },
    { date: '2026-11-24', bulk: 60, api: 4, ai: 0 },
    { date: '2026-11-25', bulk: 0, api: 7, ai: 3 },
  ],
} as unknown as Usage;

export function signedIn(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    ...SIGNED_OUT,
    signedIn: true,
    me: { id: 'usr_1', email: 'ana@acme.test', accountId: 'acc_7Hq2' },
    summary: summary(),
    fetchedAt: NOW - 2 * MINUTE,
    catalog: CATALOG,
    catalogFetchedAt: NOW - 2 * MINUTE,
    usage: USAGE,
    usageFetchedAt: NOW - 2 * MINUTE,
    ...overrides,
  };
}

export type BackgroundHandler = (request: Request) => Response | Promise<Response>;

/**
 * Stand in for the background: every askBackground goes through this handler. fakeBrowser's
 * onMessage sends no answer for a promise-returning listener, so the spy is on sendMessage.
 */
export function mockBackground(handler: BackgroundHandler = () => ({ ok: true, value: null })) {
  const calls: Request[] = [];
  const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: Request) => {
    calls.push(message);
    return handler(message);
  }) as never);
  return { calls, spy, ofType: (type: Request['type']) => calls.filter((c) => c.type === type) };
}

/** The snapshot unchanged, as the background answers a refresh that had nothing to do. */
export const answerRefreshWith =
  (fallback: BackgroundHandler = () => ({ ok: true, value: null })): BackgroundHandler =>
  async (request) =>
    request.type === 'refresh' || request.type === 'refreshIfOld'
      ? { ok: true, value: await snapshotItem.getValue() }
      : fallback(request);

const stops: Array<() => void> = [];

export function stopWatches(): void {
  while (stops.length) stops.pop()?.();
}

async function prepare(snapshot: Snapshot, settings: Settings) {
  await snapshotItem.setValue(snapshot);
  await settingsItem.setValue(settings);
  const queryClient = createAppQueryClient();
  stops.push(await connectStorage(queryClient));
  return { queryClient, user: userEvent.setup() };
}

/** `container`: render into it (a root the popup's first paint already drew into). */
export async function renderPopup(snapshot: Snapshot, settings: Settings = DEFAULT_SETTINGS, container?: HTMLElement) {
  const { queryClient, user } = await prepare(snapshot, settings);
  return { user, queryClient, ...render(<PopupApp queryClient={queryClient} />, container ? { container } : {}) };
}

export async function renderOptions(snapshot: Snapshot = SIGNED_OUT, settings: Settings = DEFAULT_SETTINGS) {
  const { queryClient, user } = await prepare(snapshot, settings);
  return { user, queryClient, ...render(<OptionsApp queryClient={queryClient} />) };
}
