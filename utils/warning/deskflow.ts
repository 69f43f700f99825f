import { parseCount } from './count';
import { attribute, closest, matches, queryAll, queryFirst, type SearchRoot } from './dom';
import { ACTION_NAME, actionsOf, NO_SELECTION, type BulkActionButton, type ListSelection } from './types';

/**
 * The Deskflow markup (app-pages.md §1): `[data-deskflow-list]` sections with a
 * `[data-deskflow-bulk-bar]` whose `data-deskflow-selection-count` is the selected count
 * (including "all N" across pages); no bar means nothing is selected.
 */
export const DESKFLOW_LIST = '[data-deskflow-list]';
export const DESKFLOW_BAR = '[data-deskflow-bulk-bar]';
export const DESKFLOW_ACTION = '[data-deskflow-bulk-action]';
export const DESKFLOW_COUNT_ATTRIBUTE = 'data-deskflow-selection-count';


export function normaliseActionName(value: string | null): string | null {
  const name = value?.trim().toLowerCase() ?? '';
  return ACTION_NAME.test(name) ? name : null;
}

/** Every Deskflow list in `root` (including `root` itself). */
export function findDeskflowLists(root: SearchRoot): Element[] {
  const found = queryAll(root, DESKFLOW_LIST);
  if (root instanceof Element && matches(root, DESKFLOW_LIST)) found.unshift(root);
  return found;
}

/** The Deskflow list an element belongs to (its nearest one), or null. */
export function deskflowListOf(element: Element): Element | null {
  return closest(element, DESKFLOW_LIST);
}

/** The list's own bulk bar: the first one whose nearest list is this list. */
export function findBulkBar(list: Element): Element | null {
  const first = queryFirst(list, DESKFLOW_BAR);
  if (!first) return null;
  if (deskflowListOf(first) === list) return first;
  // A nested list's bar came first; look further (rare, so the full query is fine).
  return queryAll(list, DESKFLOW_BAR).find((bar) => deskflowListOf(bar) === list) ?? null;
}

/** The bulk action buttons of a bar, in page order. */
export function deskflowActionButtons(list: Element, bar: Element): BulkActionButton[] {
  const buttons: BulkActionButton[] = [];
  for (const element of queryAll(bar, DESKFLOW_ACTION)) {
    const action = normaliseActionName(attribute(element, 'data-deskflow-bulk-action'));
    if (action && deskflowListOf(element) === list) buttons.push({ action, element });
  }
  return buttons;
}

/** The list's selection from its bar (pass the bar, and its buttons, when they are already known). */
export function readDeskflowSelection(
  list: Element,
  bar: Element | null = findBulkBar(list),
  buttons: readonly BulkActionButton[] = bar ? deskflowActionButtons(list, bar) : [],
): ListSelection {
  if (!bar) return NO_SELECTION('deskflow');
  return { kind: 'deskflow', count: barCount(bar), atLeast: false, actions: actionsOf(buttons), buttons, anchor: bar };
}

/** The count a bar states (0 when it states none the extension can use). */
export function barCount(bar: Element): number {
  return parseCount(attribute(bar, DESKFLOW_COUNT_ATTRIBUTE)) ?? 0;
}

/** The Deskflow bulk action a click landed on, or null. */
export function deskflowActionAt(target: Element): { list: Element; button: BulkActionButton } | null {
  const element = closest(target, DESKFLOW_ACTION);
  if (!element) return null;
  const list = deskflowListOf(element);
  const action = normaliseActionName(attribute(element, 'data-deskflow-bulk-action'));
  if (!list || !action) return null;
  return { list, button: { action, element } };
}
