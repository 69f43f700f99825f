import { accessibleName } from './accessible-name';
import { parseCount } from './count';
import { DESKFLOW_LIST } from './deskflow';
import { attribute, closest, localName, matches, parentOf, precedes, queryAll, queryFirst, type SearchRoot } from './dom';
import { actionsOf, type BulkActionButton, type ListSelection } from './types';

/**
 * The fallback for lists without Deskflow markup (app-pages.md §2): WAI-ARIA grids, tree
 * grids and tables, and plain `<table>`s. Work is bounded by the grid being read: its
 * selected rows, its header rows and (for virtualised grids) its rendered rows.
 */
export const GRID = '[role="grid"],[role="treegrid"],[role="table"],table:not([role])';
const ROW = '[role="row"],tr';
const SELECTED = '[aria-selected="true"],input[type="checkbox"]:checked,[role="checkbox"][aria-checked="true"]';
const CHECKBOX = 'input[type="checkbox"],[role="checkbox"]';
const HEADER_CELL = '[role="columnheader"],th';
export const TOOLBAR = '[role="toolbar"]';
const BUTTON = 'button,[role="button"],input[type="button"],input[type="submit"]';

/** Bulk actions recognised by name in the fallback. */
const NAMED_ACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/enrich/i, 'enrich'],
  [/export/i, 'export'],
];

/** Every grid in `root` (including `root`) that has no Deskflow markup around it. */
export function findAriaGrids(root: SearchRoot): Element[] {
  const found = queryAll(root, GRID);
  if (root instanceof Element && matches(root, GRID)) found.unshift(root);
  return found.filter((grid) => !closest(grid, DESKFLOW_LIST));
}

/** The grid an element belongs to (its nearest one), or null (also inside Deskflow markup). */
export function ariaGridOf(element: Element): Element | null {
  const grid = closest(element, GRID);
  return grid && !closest(grid, DESKFLOW_LIST) ? grid : null;
}

function rowOf(element: Element): Element | null {
  return matches(element, ROW) ? element : closest(element, ROW);
}

/** A header row: in a `<thead>`, or holding column headers, or only `<th>` cells. */
function isHeaderRow(row: Element, grid: Element): boolean {
  const head = closest(row, 'thead');
  if (head && closest(head, GRID) === grid) return true;
  if (queryFirst(row, '[role="columnheader"]')) return true;
  return localName(row) === 'tr' && queryFirst(row, ':scope > th') !== null && queryFirst(row, ':scope > td') === null;
}

function isCheckbox(element: Element): boolean {
  return matches(element, CHECKBOX);
}

/** The selected rows of a grid and whether its header's "select all" is checked. */
function selectedRows(grid: Element): { rows: Set<Element>; selectAll: boolean } {
  const rows = new Set<Element>();
  let selectAll = false;
  for (const element of queryAll(grid, SELECTED)) {
    // aria-selected counts on rows only (a selected cell is not a selected prospect).
    if (!isCheckbox(element) && !matches(element, ROW)) continue;
    const row = rowOf(element);
    if (!row || rows.has(row) || closest(row, GRID) !== grid) continue;
    if (isHeaderRow(row, grid)) {
      if (isCheckbox(element)) selectAll = true;
      continue;
    }
    rows.add(row);
  }
  return { rows, selectAll };
}

function headerRowCount(grid: Element): number {
  const rows = new Set<Element>();
  for (const cell of queryAll(grid, HEADER_CELL)) {
    const row = rowOf(cell);
    if (row && !rows.has(row) && closest(row, GRID) === grid && isHeaderRow(row, grid)) rows.add(row);
  }
  return rows.size;
}

function renderedRowCount(grid: Element): number {
  return queryAll(grid, ROW).filter((row) => closest(row, GRID) === grid).length;
}

/**
 * A grid's selection. Virtualised grids (`aria-rowcount` above the rendered rows): with the
 * header's "select all" checked the selection is every data row (aria-rowcount minus header
 * rows); otherwise what is rendered, flagged "at least".
 */
export function readAriaSelection(grid: Element, toolbar: Element | null): ListSelection {
  const { rows, selectAll } = selectedRows(grid);
  const rowCount = parseCount(attribute(grid, 'aria-rowcount'));
  let count = rows.size;
  let atLeast = false;
  if (rowCount !== null) {
    const headers = headerRowCount(grid);
    if (selectAll) {
      count = Math.max(rows.size, rowCount - headers);
    } else if (rows.size > 0 && rowCount > renderedRowCount(grid)) {
      atLeast = true;
    }
  }
  const buttons = toolbar && count > 0 ? toolbarActionButtons(toolbar) : [];
  return { kind: 'aria', count, atLeast, actions: actionsOf(buttons), buttons, anchor: toolbar };
}

/** The bulk action buttons of a toolbar, recognised by accessible name, in page order. */
export function toolbarActionButtons(toolbar: Element): BulkActionButton[] {
  const buttons: BulkActionButton[] = [];
  for (const element of queryAll(toolbar, BUTTON)) {
    const action = actionNamed(accessibleName(element));
    if (action) buttons.push({ action, element });
  }
  return buttons;
}

export function actionNamed(name: string): string | null {
  for (const [pattern, action] of NAMED_ACTIONS) if (pattern.test(name)) return action;
  return null;
}

/** The fallback bulk action a click landed on: a named button in a toolbar. */
export function toolbarActionAt(target: Element): { toolbar: Element; button: BulkActionButton } | null {
  const element = closest(target, BUTTON);
  if (!element) return null;
  const toolbar = closest(element, TOOLBAR);
  if (!toolbar || !isBulkToolbar(toolbar)) return null;
  const action = actionNamed(accessibleName(element));
  return action ? { toolbar, button: { action, element } } : null;
}

/** All toolbars of the page that may serve a fallback grid. */
export function findToolbars(root: SearchRoot): Element[] {
  return queryAll(root, TOOLBAR).filter(isBulkToolbar);
}

/** Not inside Deskflow markup, and not a row's own toolbar (a row's Enrich is not a bulk action). */
function isBulkToolbar(toolbar: Element): boolean {
  if (closest(toolbar, DESKFLOW_LIST)) return false;
  const row = closest(toolbar, ROW);
  const grid = row ? closest(row, GRID) : null;
  return !row || !grid || isHeaderRow(row, grid);
}

/**
 * The toolbar nearest to a grid: one that says it controls the grid (aria-controls), else the one sharing the deepest common ancestor with it (a
 * toolbar inside the grid or beside it beats the page's own toolbar); ties go to the toolbar
 * closest before the grid. A toolbar that belongs to another grid is not this grid's.
 */
export function nearestToolbar(grid: Element, toolbars: readonly Element[]): Element | null {
  const id = attribute(grid, 'id');
  if (id) {
    const controller = toolbars.find((t) => (attribute(t, 'aria-controls') ?? '').split(/\s+/).includes(id));
    if (controller) return controller;
  }
  const depthOf = new Map<Element, number>();
  const chain: Element[] = [];
  for (let e: Element | null = grid; e; e = parentOf(e)) chain.push(e);
  chain.forEach((e, i) => depthOf.set(e, chain.length - i));
  let best: Element | null = null;
  let bestDepth = -1;
  for (const toolbar of toolbars) {
    const owner = closest(toolbar, GRID);
    if (owner && owner !== grid && !ownsGrid(owner, grid)) continue;
    let depth = 0;
    for (let e: Element | null = toolbar; e; e = parentOf(e)) {
      const d = depthOf.get(e);
      if (d !== undefined) {
        depth = d;
        break;
      }
    }
    if (depth > bestDepth || (depth === bestDepth && precedes(toolbar, grid))) {
      best = toolbar;
      bestDepth = depth;
    }
  }
  return best;
}

/** True when `outer` is an ancestor grid of `grid` (a layout table around it). */
function ownsGrid(outer: Element, grid: Element): boolean {
  for (let e: Element | null = parentOf(grid); e; e = parentOf(e)) if (e === outer) return true;
  return false;
}
