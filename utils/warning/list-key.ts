import { accessibleName } from './accessible-name';
import { findAriaGrids } from './aria';
import type { ListKey } from './carry-on';
import { DESKFLOW_LIST, findDeskflowLists } from './deskflow';
import { attribute, closest } from './dom';

/**
 * A list's identity across re-renders (utils/warning/carry-on.ts, ListKey): the page path,
 * the list's name — its `data-deskflow-list` value, or an ARIA grid's accessible name — and its
 * position among the page's lists of that kind and name. Read from the page, never stored as
 * an element.
 */

const MAX_NAME = 200;

/** A grid's label (aria-labelledby, aria-label): never its text, which changes with its rows. */
function gridLabel(grid: Element): string {
  const labelled = attribute(grid, 'aria-labelledby')?.trim() || attribute(grid, 'aria-label')?.trim();
  return labelled ? accessibleName(grid) : '';
}

function nameOf(list: Element, kind: ListKey['kind']): string {
  const name = kind === 'deskflow' ? (attribute(list, 'data-deskflow-list') ?? '') : gridLabel(list);
  return name.trim().slice(0, MAX_NAME);
}

function listsOfKind(kind: ListKey['kind'], doc: Document): Element[] {
  return kind === 'deskflow' ? findDeskflowLists(doc) : findAriaGrids(doc);
}

/** The key of a list on this page (null for an element that is not a list of the page). */
export function listKeyOf(list: Element, doc: Document, path: string): ListKey | null {
  const kind: ListKey['kind'] = closest(list, DESKFLOW_LIST) === list ? 'deskflow' : 'aria';
  const name = nameOf(list, kind);
  const same = listsOfKind(kind, doc).filter((other) => nameOf(other, kind) === name);
  const index = same.indexOf(list);
  return index < 0 ? null : { kind, path, name, index };
}

/** The list a key names on this page now, or null (another page, or the list is not there). */
export function listByKey(key: ListKey, doc: Document, path: string): Element | null {
  if (key.path !== path) return null;
  const same = listsOfKind(key.kind, doc).filter((other) => nameOf(other, key.kind) === key.name);
  return same[key.index] ?? null;
}
