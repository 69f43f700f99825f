import { z } from 'zod/mini';
import { creditsLabel, formatCount } from '../credits/format';
import { t, tp } from '../i18n';
import { isProspectCount, perProspectCost, shortfall, type Pricing } from './cost';
import { ACTION_NAME } from './types';

/**
 * Carry on after buying (product.md): when the in-page alert says credits are short and the
 * user buys from it, the action it was about is remembered for that tab — which list, which
 * action, how many were selected, when — for up to 30 minutes. When the balance rises, the
 * page offers to carry on: "50 credits added — Enrich 73 prospects now?". Pure: the background
 * keeps the remembered actions (in storage, so they outlive the worker), the content script
 * decides here what its page says, and the popup what it mentions.
 */

/** A remembered action waits this long after the purchase started, then it is forgotten. */
export const CARRY_ON_TTL_MS = 30 * 60_000;
/** Remembered actions at most (one per tab); the oldest go first. */
export const MAX_WAITING = 20;
/** A purchase time this far in the future (the clock went back) is not believed. */
const CLOCK_SKEW_MS = 60_000;
export const CARRY_ON_STORE_VERSION = 1;

/**
 * A list that survives re-rendering: the page (its path; the app is a single-page app) and
 * the list's name — `data-deskflow-list`, or an ARIA grid's label — with its position among
 * the page's lists of that name. Never an element: the element is gone after a re-render,
 * and after a worker restart nothing of the page is left but this.
 */
export interface ListKey {
  readonly kind: 'deskflow' | 'aria';
  readonly path: string;
  readonly name: string;
  readonly index: number;
}

/** An action remembered for a tab, as the background stores it. */
export interface WaitingAction {
  readonly tabId: number;
  /** The page it was remembered on (origin and path; the popup links back to it). */
  readonly page: string;
  readonly list: ListKey;
  readonly action: string;
  /** The selection when the user bought: shown again only if it is still the selection. */
  readonly count: number;
  readonly atLeast: boolean;
  /** The balance when the user bought: the rise is what the purchase added. */
  readonly remainingAtBuy: number;
  readonly boughtAt: number;
}

// ---- schemas (built on first use: a content script that only sends pays nothing for them) ----

/** The ranges of a remembered action's fields (also those of the page state's hand check). */
export const WAITING_LIMITS = { count: 10_000_000, path: 2048, name: 200, index: 1000, page: 4096 } as const;

const count = () => z.int().check(z.nonnegative(), z.maximum(WAITING_LIMITS.count));
const actionName = () => z.string().check(z.minLength(1), z.maxLength(64), z.regex(ACTION_NAME));

export const listKeySchema = () =>
  z.strictObject({
    kind: z.enum(['deskflow', 'aria']),
    path: z.string().check(z.minLength(1), z.maxLength(WAITING_LIMITS.path), z.startsWith('/')),
    name: z.string().check(z.maxLength(WAITING_LIMITS.name)),
    index: z.int().check(z.nonnegative(), z.maximum(WAITING_LIMITS.index)),
  });

/** The fields of the content script's request to remember its held action (utils/messages.ts). */
export const rememberCarryOnFields = () => ({
  list: listKeySchema(),
  action: actionName(),
  count: count(),
  atLeast: z.boolean(),
});

const waitingSchema = () =>
  z.strictObject({
    tabId: z.int().check(z.nonnegative()),
    page: z.url({ protocol: /^https?$/ }).check(z.maxLength(WAITING_LIMITS.page)),
    list: listKeySchema(),
    action: actionName(),
    count: count(),
    atLeast: z.boolean(),
    remainingAtBuy: z.int().check(z.nonnegative()),
    boughtAt: z.number().check(z.nonnegative()),
  });

/** What storage holds: a version, and the waiting actions (one per tab). */
export interface CarryOnStore {
  readonly version: typeof CARRY_ON_STORE_VERSION;
  readonly waiting: readonly WaitingAction[];
}

export const EMPTY_CARRY_ON: CarryOnStore = Object.freeze({ version: CARRY_ON_STORE_VERSION, waiting: Object.freeze([]) });

let entrySchema: ReturnType<typeof waitingSchema> | null = null;

/**
 * The store as read from storage: anything that is not this version reads as empty, each
 * entry is checked on its own (one corrupt entry loses only itself), expired ones and
 * duplicates of a tab (the newest stays) are dropped.
 */
export function parseCarryOnStore(value: unknown, now: number): CarryOnStore {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return EMPTY_CARRY_ON;
  const stored = value as Record<string, unknown>;
  if (stored.version !== CARRY_ON_STORE_VERSION || !Array.isArray(stored.waiting)) return EMPTY_CARRY_ON;
  entrySchema ??= waitingSchema();
  const entries: WaitingAction[] = [];
  for (const item of stored.waiting.slice(0, MAX_WAITING * 2)) {
    const parsed = entrySchema.safeParse(item);
    if (parsed.success && !isExpired(parsed.data, now)) entries.push(parsed.data);
  }
  return { version: CARRY_ON_STORE_VERSION, waiting: newestPerTab(entries) };
}

/** The newest entry of each tab, newest first, at most MAX_WAITING. */
function newestPerTab(entries: readonly WaitingAction[]): WaitingAction[] {
  const byTab = new Map<number, WaitingAction>();
  for (const entry of [...entries].sort((a, b) => b.boughtAt - a.boughtAt)) {
    if (!byTab.has(entry.tabId)) byTab.set(entry.tabId, entry);
  }
  return [...byTab.values()].slice(0, MAX_WAITING);
}

/** Past its 30 minutes, or remembered "in the future" (the device clock went back). */
export function isExpired(entry: Pick<WaitingAction, 'boughtAt'>, now: number): boolean {
  return now - entry.boughtAt >= CARRY_ON_TTL_MS || entry.boughtAt - now > CLOCK_SKEW_MS;
}

/** The store with `entry` remembered for its tab (replacing what that tab had). */
export function remember(store: CarryOnStore, entry: WaitingAction, now: number): CarryOnStore {
  const others = store.waiting.filter((w) => w.tabId !== entry.tabId && !isExpired(w, now));
  return { version: CARRY_ON_STORE_VERSION, waiting: newestPerTab([entry, ...others]) };
}

/** The store without the tab's action (it ran, the user said "Not now", or the tab went away). */
export function forgetTab(store: CarryOnStore, tabId: number): CarryOnStore {
  const waiting = store.waiting.filter((w) => w.tabId !== tabId);
  return waiting.length === store.waiting.length ? store : { version: CARRY_ON_STORE_VERSION, waiting };
}

/** What waits for this tab now, or null. */
export function waitingFor(store: CarryOnStore, tabId: number, now: number): WaitingAction | null {
  return store.waiting.find((w) => w.tabId === tabId && !isExpired(w, now)) ?? null;
}

// ---- what the page says when the new balance arrives ---------------------------------------

/** The selection of the remembered list now (null: the list is not on the page). */
export interface SelectionNow {
  readonly count: number;
  readonly atLeast: boolean;
  readonly actions: readonly string[];
}

export interface CarryOnInput {
  /** What the background remembered for this tab (the page state carries it), or null. */
  readonly waiting: WaitingAction | null;
  readonly tabId: number | null;
  /** This page's path: the remembered list is on this page only. */
  readonly path: string;
  readonly now: number;
  readonly selection: SelectionNow | null;
  /** The account's pricing and balance, or null while unknown. */
  readonly pricing: Pricing | null;
  readonly remaining: number | null;
}

interface Numbers {
  readonly action: string;
  readonly count: number;
  readonly atLeast: boolean;
  /** What it spends with the selection of this moment. */
  readonly credits: number;
  /** What the purchase added: the balance now minus the balance when the user bought. */
  readonly added: number;
  readonly remaining: number;
  /** The selection differs from the one the user bought for: these are the new numbers. */
  readonly changed: boolean;
}

export type CarryOn =
  /** Nothing waits here: not this tab or page, expired, or nothing remembered. */
  | { readonly kind: 'none' }
  /** Something waits, but the balance has not risen yet (or the list has no selection now). */
  | { readonly kind: 'waiting' }
  /** The balance covers it: offer to run it. */
  | ({ readonly kind: 'offer'; readonly leftAfter: number } & Numbers)
  /** The purchase did not cover it: say what is still short. */
  | ({ readonly kind: 'short'; readonly shortBy: number } & Numbers);

const NONE: CarryOn = Object.freeze({ kind: 'none' });
const WAITING: CarryOn = Object.freeze({ kind: 'waiting' });

/**
 * What the page says about a remembered action. Never an offer without a rise in the balance,
 * a selection on the remembered list and that action among the list's actions now; the
 * numbers are always those of the selection now.
 */
export function carryOnFor(input: CarryOnInput): CarryOn {
  const { waiting, now } = input;
  if (!waiting || input.tabId === null || waiting.tabId !== input.tabId || waiting.list.path !== input.path) return NONE;
  if (isExpired(waiting, now)) return NONE;
  const { selection, pricing, remaining } = input;
  if (!pricing || remaining === null || !isProspectCount(remaining)) return WAITING;
  const added = remaining - waiting.remainingAtBuy;
  if (added <= 0) return WAITING;
  if (!selection || !isProspectCount(selection.count) || selection.count === 0) return WAITING;
  if (!selection.actions.includes(waiting.action)) return WAITING;
  const credits = perProspectCost(pricing, selection.count, waiting.action) * selection.count;
  const numbers: Numbers = {
    action: waiting.action,
    count: selection.count,
    atLeast: selection.atLeast,
    credits,
    added,
    remaining,
    changed: selection.count !== waiting.count || selection.atLeast !== waiting.atLeast,
  };
  const shortBy = shortfall(credits, remaining);
  return shortBy > 0 ? { kind: 'short', shortBy, ...numbers } : { kind: 'offer', leftAfter: remaining - credits, ...numbers };
}

/** Whether two answers say the same: what was offered is what runs. */
export function sameCarryOn(a: CarryOn, b: CarryOn): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'none' || a.kind === 'waiting' || b.kind === 'none' || b.kind === 'waiting') return true;
  return (
    a.action === b.action &&
    a.count === b.count &&
    a.atLeast === b.atLeast &&
    a.credits === b.credits &&
    a.added === b.added &&
    a.remaining === b.remaining &&
    a.changed === b.changed
  );
}

/** What the page's warning shows for an offer or a purchase that did not cover the action. */
export interface CarryOnView {
  /** 'short' is an alert; an offer is a status. */
  readonly level: 'offer' | 'short';
  /** "50 credits added — Enrich 73 prospects now?" or "50 credits added — still not enough". */
  readonly headline: string;
  /** "Uses 73 credits, 17 left after" or "Enrich needs 123 credits — you have 90 (33 short)". */
  readonly detail: string;
  /** Said when the selection changed since the purchase (the numbers are the new ones). */
  readonly note: string | null;
  /** The button that runs the action ("Continue"); null when it cannot run. */
  readonly continueLabel: string | null;
  readonly notNowLabel: string;
}

/**
 * The words for an offer or a shortfall (null for 'none' and 'waiting'). `actionName` gives the
 * action's label in the warning's words ("Enrich").
 */
export function carryOnView(carryOn: CarryOn, locale: string, actionName: (action: string) => string): CarryOnView | null {
  if (carryOn.kind === 'none' || carryOn.kind === 'waiting') return null;
  const added = creditsLabel(carryOn.added, locale);
  const action = actionName(carryOn.action);
  const credits = creditsLabel(carryOn.credits, locale);
  const note = carryOn.changed ? t('carryOnSelectionChanged') : null;
  const notNowLabel = t('notNow');
  if (carryOn.kind === 'short') {
    const have = formatCount(carryOn.remaining, locale);
    const short = formatCount(carryOn.shortBy, locale);
    return {
      level: 'short',
      headline: t('carryOnNotEnough', added),
      detail: t(carryOn.atLeast ? 'actionNeedsAtLeast' : 'actionNeeds', [action, credits, have, short]),
      note,
      continueLabel: null,
      notNowLabel,
    };
  }
  const prospects = tp('prospects', carryOn.count, formatCount(carryOn.count, locale));
  const left = formatCount(carryOn.leftAfter, locale);
  return {
    level: 'offer',
    headline: t(carryOn.atLeast ? 'carryOnOfferAtLeast' : 'carryOnOffer', [added, action, prospects]),
    detail:
      carryOn.credits === 0
        ? t('carryOnNoCredits')
        : t(carryOn.atLeast ? 'carryOnUsesAtLeast' : 'carryOnUses', [credits, left]),
    note,
    continueLabel: t('continue'),
    notNowLabel,
  };
}

// ---- the popup: an action whose tab was closed ------------------------------------------------

export interface TabClosedMention {
  /** "Enrich 73 prospects was waiting for your credits, but its tab was closed." */
  readonly text: string;
  /** "Open Deskflow to carry on" */
  readonly linkLabel: string;
  /** Where the link goes: the page it was remembered on, when that is on `appOrigin`; else the app. */
  readonly href: string;
}

/**
 * What the popup says about the waiting actions whose tab is gone (the newest one; the others
 * will have expired by the time it matters). `openTabs`: the ids of the tabs open now.
 */
export function tabClosedMention(
  store: CarryOnStore,
  openTabs: ReadonlySet<number>,
  now: number,
  appOrigin: string,
  locale: string,
  actionName: (action: string) => string,
): TabClosedMention | null {
  const orphan = store.waiting.find((w) => !openTabs.has(w.tabId) && !isExpired(w, now));
  if (!orphan) return null;
  const prospects = tp('prospects', orphan.count, formatCount(orphan.count, locale));
  return {
    text: t(orphan.atLeast ? 'carryOnTabClosedAtLeast' : 'carryOnTabClosed', [actionName(orphan.action), prospects]),
    linkLabel: t('carryOnOpenApp'),
    href: linkBack(orphan.page, appOrigin),
  };
}

/** The remembered page when it is on the app's origin (http/https only), else the app itself. */
export function linkBack(page: string, appOrigin: string): string {
  try {
    const url = new URL(page);
    const app = new URL(appOrigin);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === app.origin) return url.origin + url.pathname;
    return app.origin + '/';
  } catch {
    return appOrigin;
  }
}

