import { MAX_LIMIT } from '../limits/rules';
import type { PageState } from '../messages';
import type { Snapshot } from '../snapshot';
import {
  exactly,
  isBoolean,
  isCatalog,
  isCount,
  isPurchaseItem,
  isString,
  isSummary,
  nonEmpty,
  nullable,
  oneOf,
  type Check,
} from '../shape-check';
import { WAITING_LIMITS, type WaitingAction } from './carry-on';
import { CONFIRMATION_MODES } from './cost';
import { ACTION_NAME } from './types';

/**
 * The content script's check of what the background tells it (utils/background/tabs.ts,
 * pageStateFor; the `pageState` push). Like the popup's preview, this is a channel between two
 * parts of the extension — the runtime delivers only this extension's messages, and the
 * background writes them from a snapshot it validated with the zod schemas — not a trust
 * boundary (issue 19): a hand-written check of the exact shape keeps zod out of the warning's
 * file, which a page parses when its first selection shows. It accepts exactly what the
 * background writes (tests in test/unit/warning-page-state.test.ts hold it to the schemas);
 * the waiting action is checked on its own, so a bad one costs only the offer to carry on.
 */

/** A page state as read: its waiting action still unchecked (readWaitingAction). */
export type PageStateRead = Omit<PageState, 'carryOn'> & { carryOn?: unknown };

// ---- the snapshot, as pageStateFor writes it: no user, no usage history ------------------------

const isEpochMs = isCount;

const isSnapshotForPages = exactly({
  signedIn: isBoolean,
  me: oneOf(null),
  summary: nullable(isSummary),
  fetchedAt: nullable(isEpochMs),
  catalog: nullable(isCatalog),
  catalogFetchedAt: nullable(isEpochMs),
  usage: oneOf(null),
  usageFetchedAt: oneOf(null),
  lastError: nullable(exactly({ kind: isString, message: isString, at: isEpochMs, retryAt: nullable(isEpochMs) })),
  purchase: nullable(
    exactly({ item: isPurchaseItem, state: oneOf('creating', 'open', 'failed'), startedAt: isEpochMs, error: nullable(isString) }),
  ),
  checkoutWatchUntil: nullable(isEpochMs),
}) as (value: unknown) => value is Snapshot;

const isAny: Check = () => true;
const isLimit: Check = (value) => value === null || (isCount(value) && (value as number) <= MAX_LIMIT);

const isPageState = exactly(
  {
    snapshot: isSnapshotForPages,
    confirmation: oneOf(...CONFIRMATION_MODES),
    costLabels: isBoolean,
    limits: exactly({ askOver: isLimit, blockOver: isLimit, weeklyBudget: isLimit }),
    spentThisWeek: isCount,
    carryOn: isAny,
  },
  ['costLabels', 'limits', 'spentThisWeek', 'carryOn'],
) as (value: unknown) => value is PageStateRead;

const isPush = exactly({ type: oneOf('pageState'), state: isPageState }) as (value: unknown) => value is { type: 'pageState'; state: PageStateRead };

/** The `getPageState` answer's value, or null when it is not a page state. */
export function readPageState(value: unknown): PageStateRead | null {
  return isPageState(value) ? value : null;
}

/** The state of a `pageState` push, or null for any other message. */
export function readPageStatePush(message: unknown): PageStateRead | null {
  return isPush(message) ? message.state : null;
}

// ---- the action waiting to carry on after buying ----------------------------------------------

const atMost =
  (max: number): Check =>
  (value) =>
    isCount(value) && (value as number) <= max;

/** The page it was remembered on, as the background writes it: an http(s) origin and path. */
const isPage: Check = (value) => {
  if (typeof value !== 'string' || value.length > WAITING_LIMITS.page) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin + url.pathname === value;
  } catch {
    return false;
  }
};

const isWaitingAction = exactly({
  tabId: isCount,
  page: isPage,
  list: exactly({
    kind: oneOf('deskflow', 'aria'),
    path: (value) => nonEmpty(value) && (value as string).length <= WAITING_LIMITS.path && (value as string).startsWith('/'),
    name: (value) => isString(value) && (value as string).length <= WAITING_LIMITS.name,
    index: atMost(WAITING_LIMITS.index),
  }),
  action: (value) => typeof value === 'string' && ACTION_NAME.test(value),
  count: atMost(WAITING_LIMITS.count),
  atLeast: isBoolean,
  remainingAtBuy: isCount,
  boughtAt: (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0,
}) as (value: unknown) => value is WaitingAction;

/** A page state's waiting action, or null when there is none or it is not one the background writes. */
export function readWaitingAction(value: unknown): WaitingAction | null {
  return isWaitingAction(value) ? value : null;
}
