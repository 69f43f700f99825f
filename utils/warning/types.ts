/** What the detectors report about one list on the page. */

/** Where a list's markup comes from: Deskflow's own (app-pages.md §1) or an ARIA grid (§2). */
export type ListKind = 'deskflow' | 'aria';

/** An action's name as Deskflow writes it; anything else on the page is not an action. */
export const ACTION_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

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
  /** The page's buttons for them, in page order (an action may have more than one). */
  readonly buttons: readonly BulkActionButton[];
  /** The element the warning is placed after (bulk bar or toolbar); null: none. */
  readonly anchor: Element | null;
}

export const NO_SELECTION = (kind: ListKind): ListSelection => ({
  kind,
  count: 0,
  atLeast: false,
  actions: [],
  buttons: [],
  anchor: null,
});

/** Each action of these buttons once, in page order. */
export function actionsOf(buttons: readonly BulkActionButton[]): string[] {
  return [...new Set(buttons.map((button) => button.action))];
}

export function sameSelection(a: ListSelection, b: ListSelection): boolean {
  return a.count === b.count && sameButTheCount(a, b);
}

/** The same list's selection but for its count: the same bar or toolbar, buttons and bound. */
export function sameButTheCount(a: ListSelection, b: ListSelection): boolean {
  return (
    a.kind === b.kind &&
    a.atLeast === b.atLeast &&
    a.anchor === b.anchor &&
    // The actions come from the buttons. The page may re-render a button under the same count:
    // the labels follow the new one.
    (a.buttons === b.buttons ||
      (a.buttons.length === b.buttons.length &&
        a.buttons.every((button, i) => button.element === b.buttons[i]!.element && button.action === b.buttons[i]!.action)))
  );
}
