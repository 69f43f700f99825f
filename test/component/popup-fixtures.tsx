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
import { CATALOG, EXAMPLE_DAYS, signedInAt, summary as baseSummary, usage, type SummaryOverrides } from '../fixtures/snapshots';

export { CATALOG };

/** Realistic data from billing-api.md's examples, and helpers shared by the popup and options tests. */

export const NOW = Date.parse('2026-11-26T10:00:00Z');
export const MINUTE = 60_000;

/** The example summary as read two minutes before NOW (billing-api.md's example, varied by `over`). */
export function summary(over: SummaryOverrides = {}): Summary {
  return baseSummary({ asOf: '2026-11-26T09:58:00Z', ...over });
}

/** A month of usage: the example's last two days and four earlier ones (one with a new category). */
export const USAGE: Usage = usage([
  { date: '2026-11-03', bulk: 0, api: 0, ai: 0, voice: 6 },
  { date: '2026-11-10', bulk: 80, api: 0, ai: 5 },
  { date: '2026-11-18', bulk: 0, api: 12, ai: 0 },
  { date: '2026-11-20', bulk: 50, api: 0, ai: 0 },
  ...EXAMPLE_DAYS,
]);

/** Signed in, everything (usage too) read two minutes before NOW. */
export function signedIn(overrides: Partial<Snapshot> = {}): Snapshot {
  return signedInAt(NOW - 2 * MINUTE, { summary: summary(), usage: USAGE, usageFetchedAt: NOW - 2 * MINUTE, ...overrides });
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
