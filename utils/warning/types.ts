/** What the detectors report about one list on the page. */

/** Where a list's markup comes from: Deskflow's own (app-pages.md §1) or an ARIA grid (§2). */
export type ListKind = 'deskflow' | 'aria';

/** A bulk action button the page shows for a list. */
export interface BulkActionButton {
  /** The action in Deskflow's words: 'enrich', 'export', 'add-to-campaign'… */
  readonly action: string;
  readonly element: Element;
}

export interface ListSelection {
  readonly kind: ListKind;
  /** Selected prospects: a safe, non-negative integer (0 when unknown). */
  readonly count: number;
  /** The page shows only part of the selection (virtualised grid): "at least `count`". */
  readonly atLeast: boolean;
  /** The bulk actions offered for this list, each action once, in page order. */
  readonly actions: readonly string[];
  /** The element the warning is placed after (bulk bar or toolbar); null: none. */
  readonly anchor: Element | null;
}

export const NO_SELECTION = (kind: ListKind): ListSelection => ({
  kind,
  count: 0,
  atLeast: false,
  actions: [],
  anchor: null,
});

export function sameSelection(a: ListSelection, b: ListSelection): boolean {
  return (
    a.kind === b.kind &&
    a.count === b.count &&
    a.atLeast === b.atLeast &&
    a.anchor === b.anchor &&
    a.actions.length === b.actions.length &&
    a.actions.every((action, i) => action === b.actions[i])
  );
}
