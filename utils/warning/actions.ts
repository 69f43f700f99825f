import { findAriaGrids, findToolbars, nearestToolbar, readAriaSelection, toolbarActionAt } from './aria';
import { DESKFLOW_LIST, deskflowActionAt, deskflowListOf, readDeskflowSelection } from './deskflow';
import { closest, isConnected } from './dom';
import { NO_SELECTION, type BulkActionButton, type ListSelection } from './types';

/**
 * What the guard reads when a bulk action is activated: which action, on which list, and that
 * list's selection at this very moment — read from the page directly, never from the selection
 * observer's last frame (the page may have changed the selection in the same task).
 */

/** The bulk action under `target`, with the list it acts on, or null. */
export function bulkActionAt(target: Element, doc: Document): { list: Element; button: BulkActionButton } | null {
  const deskflow = deskflowActionAt(target);
  if (deskflow) return deskflow;
  if (closest(target, DESKFLOW_LIST)) return null;
  const fallback = toolbarActionAt(target);
  if (!fallback) return null;
  // The toolbar's grid: of the grids it serves, the one with the largest selection.
  const toolbars = findToolbars(doc);
  let best: { grid: Element; count: number } | null = null;
  for (const grid of findAriaGrids(doc)) {
    if (deskflowListOf(grid) || nearestToolbar(grid, toolbars) !== fallback.toolbar) continue;
    const { count } = readAriaSelection(grid, fallback.toolbar);
    if (!best || count > best.count) best = { grid, count };
  }
  return best ? { list: best.grid, button: fallback.button } : null;
}

/** A list's selection now (no selection once it left the page). */
export function selectionNow(list: Element, doc: Document): ListSelection {
  const deskflow = closest(list, DESKFLOW_LIST) === list;
  if (!isConnected(list)) return NO_SELECTION(deskflow ? 'deskflow' : 'aria');
  return deskflow ? readDeskflowSelection(list) : readAriaSelection(list, nearestToolbar(list, findToolbars(doc)));
}

/** The page's button for an action of a list now (it may have been re-rendered), or null. */
export function actionButtonNow(list: Element, action: string, doc: Document): Element | null {
  return selectionNow(list, doc).buttons.find((b) => b.action === action)?.element ?? null;
}
