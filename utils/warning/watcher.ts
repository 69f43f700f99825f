import {
  ariaGridOf,
  findAriaGrids,
  findToolbars,
  GRID,
  nearestToolbar,
  readAriaSelection,
  TOOLBAR,
} from './aria';
import {
  barCount,
  DESKFLOW_ACTION,
  DESKFLOW_BAR,
  DESKFLOW_COUNT_ATTRIBUTE,
  DESKFLOW_LIST,
  deskflowActionButtons,
  deskflowListOf,
  findBulkBar,
  findDeskflowLists,
  readDeskflowSelection,
} from './deskflow';
import { isConnected, matches, queryAll } from './dom';
import { NO_SELECTION, sameSelection, type BulkActionButton, type ListKind, type ListSelection } from './types';

/** Attributes whose changes can change a selection, a list's actions or what is a list. */
export const WATCHED_ATTRIBUTES = [
  DESKFLOW_COUNT_ATTRIBUTE,
  'data-deskflow-bulk-bar',
  'data-deskflow-bulk-action',
  'data-deskflow-list',
  'aria-selected',
  'aria-checked',
  'checked',
  'aria-rowcount',
  'role',
];

const STRUCTURE = `${DESKFLOW_LIST},${DESKFLOW_BAR},${DESKFLOW_ACTION},${GRID},${TOOLBAR}`;

/**
 * One list on the page and its last known selection. Reading a Deskflow list costs one
 * attribute (the bar and its buttons are remembered, and only looked for again when elements
 * around them were added, removed or renamed); reading a fallback grid counts that grid's
 * selected rows.
 */
export class SelectionWatcher {
  selection: ListSelection;
  /** Deskflow: the bar last seen, and whether it has to be looked for again. */
  private bar: Element | null = null;
  private barKnown = false;
  /** Deskflow: the bar's bulk action buttons, until elements in the list change. */
  private buttons: readonly BulkActionButton[] | null = null;

  constructor(
    readonly list: Element,
    readonly kind: ListKind,
  ) {
    this.selection = NO_SELECTION(kind);
  }

  /** A bar of this list seen changing its count (a bar gone or moved later is noticed by `read`). */
  barSeen(bar: Element): void {
    if (bar !== this.bar) this.buttons = null;
    this.bar = bar;
    this.barKnown = true;
  }

  /** Elements were added to, removed from or renamed in the list: its bar and buttons are looked for again. */
  markupMayHaveChanged(): void {
    this.barKnown = false;
    this.buttons = null;
  }

  /**
   * The selection as `bar` says it now, when the last one read was from this bar and its buttons,
   * still known (one attribute read); null otherwise.
   */
  readKnown(bar: Element): ListSelection | null {
    const last = this.selection;
    if (!this.barKnown || this.bar !== bar || last.anchor !== bar || last.buttons !== this.buttons || !isConnected(bar)) return null;
    return { ...last, count: barCount(bar) };
  }

  read(toolbarFor: (grid: Element) => Element | null): ListSelection {
    if (this.kind === 'aria') return readAriaSelection(this.list, toolbarFor(this.list));
    if (!this.barKnown || (this.bar && !(isConnected(this.bar) && deskflowListOf(this.bar) === this.list))) {
      this.bar = findBulkBar(this.list);
      this.barKnown = true;
      this.buttons = null;
    }
    if (!this.bar) return NO_SELECTION('deskflow');
    this.buttons ??= deskflowActionButtons(this.list, this.bar);
    return readDeskflowSelection(this.list, this.bar, this.buttons);
  }
}

export interface PageSelectionObserverOptions {
  root: Document;
  /** Called whenever a list's selection changes (count 0 when the list went away). */
  onSelection: (list: Element, selection: ListSelection) => void;
  /** Runs work in the next frame; defaults to requestAnimationFrame. */
  requestFrame?: (callback: () => void) => void;
  /** Nodes of our own UI, whose mutations are not the page's. */
  isOwnNode?: (node: Node) => boolean;
  /** The page removed one of our own nodes (to put it back where it belongs). */
  onOwnNodesRemoved?: () => void;
  /**
   * Whether a list's new selection shows nothing new (the same banner and labels as `before`,
   * the one last published): it is then kept as the list's selection without asking for a frame
   * or calling `onSelection`. Asked only when a count changed on a bar already known.
   */
  showsNothingNew?: (list: Element, before: ListSelection, after: ListSelection) => boolean;
}

/**
 * Every list of a page, kept current by ONE MutationObserver on the document plus, while a
 * fallback grid is watched, `change` and `click` events (a checkbox's `checked` property changes
 * without a mutation). Mutations only mark the lists they touch; the lists are read at most once
 * per animation frame, and a list's subscriber hears about it only when its selection changed.
 */
export class PageSelectionObserver {
  private readonly watchers = new Map<Element, SelectionWatcher>();
  private readonly dirty = new Set<SelectionWatcher>();
  private readonly scanRoots = new Set<Element | Document>();
  private checkGone = false;
  private ownNodesRemoved = false;
  private toolbars: Element[] | null = null;
  private frameRequested = false;
  private running = false;
  /** The click and change listeners, needed only while a fallback grid is watched. */
  private listening = false;
  private readonly observer: MutationObserver;
  private readonly root: Document;
  private readonly requestFrame: (callback: () => void) => void;
  private isOwnNode: (node: Node) => boolean;

  constructor(private options: PageSelectionObserverOptions) {
    this.root = options.root;
    this.requestFrame = options.requestFrame ?? ((callback) => requestAnimationFrame(() => callback()));
    this.isOwnNode = options.isOwnNode ?? (() => false);
    const MutationObserverOfPage = this.root.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new MutationObserverOfPage((records) => this.onMutations(records));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.observer.observe(this.root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
    // The page as it is now, without asking for a frame: a frame asked for while the page loads
    // may be drawn before the page is done (npm run bench, content: load).
    this.markWholePage();
    this.flush();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.observer.disconnect();
    this.listening = false;
    this.root.removeEventListener('change', this.onInteraction, true);
    this.root.removeEventListener('click', this.onInteraction, true);
    this.watchers.clear();
    this.dirty.clear();
    this.scanRoots.clear();
  }

  /** Look at the whole page again in the next frame (after a navigation). */
  rescan(): void {
    this.markWholePage();
    this.schedule();
  }

  /** Every list is looked for, gone lists noticed and toolbars found again at the next look. */
  private markWholePage(): void {
    this.scanRoots.add(this.root);
    this.checkGone = true;
    this.toolbars = null;
  }

  /** Every list with a selection, and its selection. */
  selections(): Array<[Element, ListSelection]> {
    return [...this.watchers.values()].filter((w) => w.selection.count > 0).map((w) => [w.list, w.selection]);
  }

  /** Hand the lists to someone else (the warning takes over from the first-selection handler). */
  setHandlers(handlers: Pick<PageSelectionObserverOptions, 'onSelection' | 'isOwnNode' | 'onOwnNodesRemoved' | 'showsNothingNew'>): void {
    this.options = { ...this.options, ...handlers };
    this.isOwnNode = handlers.isOwnNode ?? this.isOwnNode;
  }

  /** Do the pending work now instead of in the next frame. */
  flush(): void {
    if (!this.running) return;
    if (this.scanRoots.size > 0) {
      const roots = [...this.scanRoots];
      this.scanRoots.clear();
      for (const root of roots) this.discover(root);
    }
    if (this.checkGone) {
      this.checkGone = false;
      for (const watcher of [...this.watchers.values()]) {
        if (isConnected(watcher.list)) continue;
        this.watchers.delete(watcher.list);
        this.dirty.delete(watcher);
        this.publish(watcher, NO_SELECTION(watcher.kind));
      }
    }
    const dirty = [...this.dirty];
    this.dirty.clear();
    const toolbarFor = (grid: Element) => nearestToolbar(grid, (this.toolbars ??= findToolbars(this.root)));
    for (const watcher of dirty) {
      if (this.watchers.get(watcher.list) !== watcher) continue;
      this.publish(watcher, watcher.read(toolbarFor));
    }
    if (this.ownNodesRemoved) {
      this.ownNodesRemoved = false;
      this.options.onOwnNodesRemoved?.();
    }
  }

  private publish(watcher: SelectionWatcher, selection: ListSelection): void {
    if (sameSelection(watcher.selection, selection)) return;
    watcher.selection = selection;
    this.options.onSelection(watcher.list, selection);
  }

  private schedule(): void {
    if (this.frameRequested || !this.running) return;
    this.frameRequested = true;
    this.requestFrame(() => {
      this.frameRequested = false;
      this.flush();
    });
  }

  /** The watcher of a list, created on first sight. */
  private watcherOf(list: Element, kind: ListKind): SelectionWatcher {
    let watcher = this.watchers.get(list);
    if (!watcher) {
      watcher = new SelectionWatcher(list, kind);
      this.watchers.set(list, watcher);
    }
    return watcher;
  }

  /** `structure`: elements in the list were added, removed or renamed (its buttons may differ). */
  private markDeskflow(list: Element, bar?: Element, structure = false): void {
    const watcher = this.watcherOf(list, 'deskflow');
    if (structure) watcher.markupMayHaveChanged();
    else if (bar) watcher.barSeen(bar);
    this.dirty.add(watcher);
  }

  /**
   * A count changed on a bar already known: a selection that shows nothing new (the handlers'
   * `showsNothingNew`: under the bulk threshold, most single toggles) is kept as the list's,
   * without a frame. Not while the list waits for its frame anyway.
   */
  private keptWithoutFrame(list: Element, bar: Element): boolean {
    const watcher = this.watchers.get(list);
    const showsNothingNew = this.options.showsNothingNew;
    if (!watcher || !showsNothingNew || this.dirty.has(watcher)) return false;
    const after = watcher.readKnown(bar);
    if (!after || !showsNothingNew(list, watcher.selection, after)) return false;
    watcher.selection = after;
    return true;
  }

  private markGrid(grid: Element): void {
    this.dirty.add(this.watcherOf(grid, 'aria'));
    // A checkbox's `checked` property changes without a mutation: clicks and changes tell. Only
    // grids need them (a Deskflow list is read from its bar's attribute), so a page without one
    // runs none of our code on its clicks.
    if (this.listening || !this.running) return;
    this.listening = true;
    this.root.addEventListener('change', this.onInteraction, true);
    this.root.addEventListener('click', this.onInteraction, true);
  }

  /** The list an element is part of, marked for reading. */
  private markListOf(element: Element, structure = false): void {
    const list = deskflowListOf(element);
    if (list) this.markDeskflow(list, undefined, structure);
    else {
      const grid = ariaGridOf(element);
      if (grid) this.markGrid(grid);
    }
  }

  /** Register every list in a subtree (added to the page, or the whole page at start). */
  private discover(root: Element | Document): void {
    if (root instanceof Element && !isConnected(root)) return;
    for (const list of findDeskflowLists(root)) this.markDeskflow(list);
    for (const grid of findAriaGrids(root)) this.markGrid(grid);
  }

  private readonly onInteraction = (event: Event): void => {
    const target = event.target;
    if (!(target instanceof Element) || this.isOwnNode(target)) return;
    const list = deskflowListOf(target);
    if (list) return; // Deskflow lists are read from their bar, which mutates.
    const grid = ariaGridOf(target);
    if (grid) this.markGrid(grid);
    else if (event.type === 'click') {
      // A "select all" outside the grid may set `checked` properties without any mutation.
      for (const watcher of this.watchers.values()) if (watcher.kind === 'aria') this.dirty.add(watcher);
    }
    if (this.dirty.size > 0) this.schedule();
  };

  /**
   * Runs after every task of the page that changed the DOM (npm run bench, content cost: each
   * toggle): the records' node lists read by index (no callback a node), and no own-node check
   * for text (our nodes are elements).
   */
  private onMutations(records: MutationRecord[]): void {
    if (!this.running) return;
    let lastTarget: Node | null = null;
    let ownRemoved = false;
    for (const record of records) {
      const target = record.target;
      if (this.isOwnNode(target)) continue;
      if (record.type === 'attributes') {
        if (target instanceof Element) this.onAttribute(target, record.attributeName ?? '');
        continue;
      }
      let ours = true;
      /** Elements came or went (not only text): the list's buttons may have too. */
      let structure = false;
      const added = record.addedNodes;
      for (let i = 0; i < added.length; i++) {
        const node = added[i]!;
        if (!(node instanceof Element)) {
          ours = false;
        } else if (!this.isOwnNode(node)) {
          ours = false;
          structure = true;
          this.onAdded(node);
        }
      }
      const removed = record.removedNodes;
      for (let i = 0; i < removed.length; i++) {
        const node = removed[i]!;
        if (!(node instanceof Element)) {
          ours = false;
        } else if (this.isOwnNode(node)) {
          ownRemoved = true;
        } else {
          ours = false;
          structure = true;
          this.checkGone = true;
          this.toolbars = null;
        }
      }
      if (ours || !(target instanceof Element)) continue;
      // Only text came or went (a count's words): a Deskflow list is read from attributes; only a
      // fallback grid's toolbar names its actions by their text.
      if (!structure && (!this.listening || target === lastTarget)) continue;
      lastTarget = target;
      this.markListOf(target, structure);
    }
    if (ownRemoved) this.ownNodesRemoved = true;
    if (this.dirty.size > 0 || this.scanRoots.size > 0 || this.checkGone || ownRemoved) this.schedule();
  }

  private onAttribute(target: Element, name: string): void {
    switch (name) {
      case DESKFLOW_COUNT_ATTRIBUTE:
      case 'data-deskflow-bulk-bar':
      case 'data-deskflow-bulk-action': {
        const list = deskflowListOf(target);
        if (!list) return;
        // A count changes on a bar: its buttons stay. A bar or button renamed: looked for again.
        if (name !== DESKFLOW_COUNT_ATTRIBUTE) return this.markDeskflow(list, undefined, true);
        if (!matches(target, DESKFLOW_BAR)) return this.markDeskflow(list);
        if (!this.keptWithoutFrame(list, target)) this.markDeskflow(list, target);
        return;
      }
      case 'data-deskflow-list':
      case 'role':
        // Something became (or stopped being) a list or a toolbar.
        this.scanRoots.add(target);
        this.checkGone = true;
        this.toolbars = null;
        for (const watcher of this.watchers.values()) {
          if (watcher.list === target && !matches(target, watcher.kind === 'deskflow' ? DESKFLOW_LIST : GRID)) {
            this.watchers.delete(target);
            this.dirty.delete(watcher);
            this.publish(watcher, NO_SELECTION(watcher.kind));
          } else if (watcher.kind === 'deskflow') {
            // A list inside another one takes the buttons under it: every list is read again.
            watcher.markupMayHaveChanged();
            this.dirty.add(watcher);
          }
        }
        this.markListOf(target, true);
        return;
      default:
        // aria-selected, aria-checked, checked, aria-rowcount: only fallback grids count rows.
        if (deskflowListOf(target)) return;
        {
          const grid = ariaGridOf(target);
          if (grid) this.markGrid(grid);
        }
    }
  }

  private onAdded(node: Element): void {
    const found = matches(node, STRUCTURE) ? [node] : [];
    found.push(...queryAll(node, STRUCTURE));
    for (const element of found) {
      if (matches(element, DESKFLOW_LIST)) this.markDeskflow(element);
      if (matches(element, DESKFLOW_BAR) || matches(element, DESKFLOW_ACTION)) {
        const list = deskflowListOf(element);
        if (list) this.markDeskflow(list, undefined, true);
      }
      if (matches(element, TOOLBAR)) this.toolbars = null;
      if (matches(element, GRID) && !deskflowListOf(element)) this.markGrid(element);
    }
  }
}
