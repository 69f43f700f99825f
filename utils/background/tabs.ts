import { browser } from 'wxt/browser';
import { matchPatternFor } from '../config';
import { CONTENT_SCRIPT_FILE } from '../script-files';
import type { PageState } from '../messages';
import { appOriginOf, type Settings } from '../settings';
import type { Snapshot } from '../snapshot';
import { waitingFor, type CarryOnStore, type WaitingAction } from '../warning/carry-on';

/** The pages where the in-page warning runs: the app origin and the extra sites. */
function warningMatchPatterns(settings: Settings): string[] {
  return [...new Set([appOriginOf(settings), ...settings.extraSites].map((origin) => matchPatternFor(origin)))];
}

/**
 * What a page's content script is told: the snapshot and how the user wants to be asked. Only
 * what the warning reads of the snapshot goes to a page: no user (e-mail) and no usage history
 * (the largest part, which every page would otherwise validate); an extra site gets no account
 * name either.
 */
export function pageStateFor(
  snapshot: Snapshot,
  settings: Settings,
  origin: string | null,
  carryOn: WaitingAction | null = null,
  spentThisWeek = 0,
): PageState {
  const { confirmation, costLabels } = settings;
  // The limits and this week's total: the guard needs them (block, budget); no more of the log.
  const limits = { askOver: settings.askOver, blockOver: settings.blockOver, weeklyBudget: settings.weeklyBudget };
  const forPages: Snapshot = { ...snapshot, me: null, usage: null, usageFetchedAt: null };
  if (origin === appOriginOf(settings)) return { snapshot: forPages, confirmation, costLabels, carryOn, limits, spentThisWeek };
  const summary = snapshot.summary && { ...snapshot.summary, account: { ...snapshot.summary.account, name: '' } };
  return { snapshot: { ...forPages, summary }, confirmation, costLabels, carryOn, limits, spentThisWeek };
}

/** The origin of a tab's page, or null when the browser does not say. */
function originOfTab(url: string | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

/** Push the page state to the content scripts (they cannot read the extension's storage). */
export async function pushPageStateToTabs(
  snapshot: Snapshot,
  settings: Settings,
  waiting: CarryOnStore | null = null,
  now: number = Date.now(),
  spentThisWeek = 0,
): Promise<void> {
  let tabs: { id?: number; url?: string }[];
  try {
    tabs = await browser.tabs.query({ url: warningMatchPatterns(settings) });
  } catch {
    return;
  }
  await Promise.allSettled(
    tabs.map(async (tab) => {
      const carryOn = waiting && tab.id !== undefined ? waitingFor(waiting, tab.id, now) : null;
      const state = pageStateFor(snapshot, settings, originOfTab(tab.url), carryOn, spentThisWeek);
      if (tab.id !== undefined) await browser.tabs.sendMessage(tab.id, { type: 'pageState', state });
    }),
  );
}

const EXTRA_SITES_SCRIPT_ID = 'deskflow-extra-sites';

/**
 * Register the content script on the extra sites (and an overridden app origin) the user
 * granted. Needs the optional `scripting` permission, asked for by the options page.
 */
export async function syncExtraSiteScripts(settings: Settings, defaultAppOrigin: string): Promise<void> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return;
  const origins = [...settings.extraSites, appOriginOf(settings)].filter((origin) => origin !== defaultAppOrigin);
  const matches = [...new Set(origins.map((origin) => matchPatternFor(origin)))];
  const registered = await scripting.getRegisteredContentScripts({ ids: [EXTRA_SITES_SCRIPT_ID] }).catch(() => []);
  if (registered.length > 0) await scripting.unregisterContentScripts({ ids: [EXTRA_SITES_SCRIPT_ID] });
  if (matches.length === 0) return;
  // Each site on its own: one the user revoked (in the browser's site settings) must not take
  // the others down with it.
  const granted: string[] = [];
  for (const match of matches) {
    if (await browser.permissions.contains({ origins: [match] }).catch(() => false)) granted.push(match);
  }
  if (granted.length === 0) return;
  await scripting.registerContentScripts([
    { id: EXTRA_SITES_SCRIPT_ID, matches: granted, js: [CONTENT_SCRIPT_FILE], runAt: 'document_start' },
  ]);
}
