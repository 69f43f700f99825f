import { messageLocale } from '@/utils/i18n';
import { sameLabel, type CostLabel } from '@/utils/warning/labels';
import { isConnected } from '@/utils/warning/dom';
import { h, setAttributes, setText, syncChildren } from '../dom';

/**
 * The cost labels beside the page's own bulk action buttons (product.md, "Costs on the page's
 * own buttons"), drawn by the extension: one host per list, fixed to the viewport at the end of
 * the page (out of the page's flow, so nothing of the page moves), with a closed shadow root.
 * The page's buttons are only measured, never touched. Each label is a small pill above its
 * button; screen readers read "Enrich: 73 credits". The labels never take a click
 * (pointer-events: none): what is under them stays the page's.
 */

export const LABELS_TAG = 'deskflow-credits-costs';

const LABELS_CSS = `
:host { all: initial !important; position: fixed !important; left: 0 !important; top: 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483645 !important;
  pointer-events: none !important; display: block !important; contain: layout style !important;
  will-change: transform !important; }
/* will-change: the labels get a compositing layer of their own, so the page's repaints under
   them (each toggle redraws its bar) do not paint them again: traced over 500 toggles, Paint
   was ~10 % above the empty content script's without it, even with labels unchanged. */
.cost {
  position: fixed; left: 0; top: 0; white-space: nowrap; pointer-events: none;
  font: 600 10.5px/1.25 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #fff; background: #3b5bdb; border-radius: 999px; padding: 1px 6px;
  box-shadow: 0 1px 3px rgba(17, 24, 39, .25); letter-spacing: normal; text-transform: none;
  font-variant-numeric: tabular-nums;
}
.cost[data-free] { background: #1d7a46; }
/* Hidden but still measured: every label is read in one pass (one layout a frame, not one a label). */
.cost[hidden] { visibility: hidden; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

/** Gap between a label and its button, in CSS pixels. */
const GAP = 3;

// The isolated world's own DOM methods: a page cannot redirect them.
const appendChild = Node.prototype.appendChild;
const attachShadow = Element.prototype.attachShadow;
const boundingRect = Element.prototype.getBoundingClientRect;

interface Pill {
  readonly element: HTMLElement;
  readonly spoken: HTMLElement;
  readonly shown: HTMLElement;
  button: Element;
  /** What it says now (an unchanged label touches nothing). */
  label: CostLabel | null;
  /** The text with every digit a 0: with tabular digits, texts of one shape are equally wide. */
  shape: string;
}

/** Once the labels' texts stop changing, their places are checked again (the page may have moved its buttons). */
const SETTLE_MS = 150;

/** Where a label goes: centred on its button, above it (below when there is no room above). */
interface Place {
  readonly pill: Pill;
  /** null: the button has no box (the label hides). */
  readonly x: number | null;
  readonly y: number;
  readonly above: boolean;
  readonly width: number;
}

interface ListLabels {
  readonly host: HTMLElement;
  readonly container: HTMLElement;
  readonly pills: Map<string, Pill>;
}

export interface CostLabelsUi {
  /** Show a list's labels beside these buttons (action → the page's button), or update them. */
  show(list: Element, labels: readonly CostLabel[], buttons: ReadonlyMap<string, Element>): void;
  hide(list: Element): void;
  /** Follow the buttons (the page scrolled, resized or moved them). */
  reposition(): void;
  /**
   * The selection changed but no label did: their places are looked at again once it has
   * settled (a longer count before the buttons moves them).
   */
  settle(): void;
  /** Whether any list has labels on the page. */
  showing(): boolean;
  /** Put hosts the page removed back. */
  repair(): void;
  isOwnNode(node: Node): boolean;
}

export function createCostLabelsUi(doc: Document): CostLabelsUi {
  const lists = new Map<Element, ListLabels>();
  const hosts = new WeakSet<Node>();
  const pageRoot = () => doc.body ?? doc.documentElement;

  function createHost(): ListLabels {
    const host = doc.createElement(LABELS_TAG);
    const shadow = attachShadow.call(host, { mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = LABELS_CSS;
    const container = h(doc, 'div', { class: 'labels' });
    shadow.append(style, container);
    hosts.add(host);
    return { host, container, pills: new Map() };
  }

  /**
   * Puts the labels beside their buttons once the frame they changed in is drawn: the page is
   * laid out then, so reading its boxes costs nothing (read while the page is still changing, in
   * the frame's callbacks, it would lay the page out a second time that frame; npm run bench,
   * content cost during actions). A label's text changes at once, centred where it was; it moves
   * a frame after its button did (scrolling, a resize, a new button), or once the selection has
   * settled when only its digits changed.
   */
  let placing = false;
  function placeSoon(): void {
    if (placing) return;
    placing = true;
    setTimeout(() => {
      placing = false;
      layOutAll();
    });
  }

  /**
   * Only the digits of a label changed (a count going up by one): its width is the same and it
   * stays centred where it is, so nothing is measured while the selection keeps changing; once
   * it has settled the places are checked again, in case the page moved its buttons meanwhile.
   */
  let settling = false;
  let lastChange = 0;
  function placeWhenSettled(): void {
    // One timer, not one a change: it looks again when it fires if labels changed meanwhile.
    lastChange = performance.now();
    if (settling) return;
    settling = true;
    const check = (delay: number) =>
      setTimeout(() => {
        const quiet = performance.now() - lastChange;
        if (quiet < SETTLE_MS) return check(SETTLE_MS - quiet);
        settling = false;
        layOutAll();
      }, delay);
    check(SETTLE_MS);
  }

  function layOutAll(): void {
    for (const entry of lists.values()) layOut(entry);
  }

  /**
   * Puts a list's labels beside their buttons: every box is read first, then every label moved
   * (a read after each move would lay the page out again for each label).
   */
  function layOut(entry: ListLabels): void {
    const places: Place[] = [...entry.pills.values()].map((pill) => {
      const rect = isConnected(pill.button) ? boundingRect.call(pill.button) : null;
      const width = boundingRect.call(pill.element).width;
      if (!rect || (rect.width === 0 && rect.height === 0)) return { pill, x: null, y: 0, above: true, width };
      const above = rect.top > 20;
      return { pill, x: Math.round(rect.left + rect.width / 2), y: Math.round(above ? rect.top - GAP : rect.bottom + GAP), above, width };
    });
    for (const { pill, x, y, above, shift } of spread(places)) {
      pill.element.hidden = x === null;
      if (x === null) continue;
      const transform = `translate(${x + shift}px, ${y}px) translate(-50%, ${above ? '-100%' : '0'})`;
      if (pill.element.style.transform !== transform) pill.element.style.transform = transform;
    }
  }

  /** Neighbouring buttons close together: their labels are moved apart rather than overlap. */
  function spread(places: readonly Place[]): Array<Place & { shift: number }> {
    const shown = places.filter((place) => place.x !== null).sort((a, b) => a.x! - a.width / 2 - (b.x! - b.width / 2));
    let right = -Infinity;
    let row = Number.NaN;
    const shifts = new Map<Place, number>();
    for (const place of shown) {
      const left = place.x! - place.width / 2;
      const shift = place.y === row ? Math.max(0, right + GAP - left) : 0;
      shifts.set(place, shift);
      right = left + place.width + shift;
      row = place.y;
    }
    return places.map((place) => ({ ...place, shift: shifts.get(place) ?? 0 }));
  }

  /** Whether these labels are the ones drawn, beside the same buttons (nothing to do). */
  function drawn(entry: ListLabels, wanted: readonly CostLabel[], buttons: ReadonlyMap<string, Element>): boolean {
    if (entry.pills.size !== wanted.length || !isConnected(entry.host)) return false;
    let index = 0;
    for (const [action, pill] of entry.pills) {
      const label = wanted[index++]!;
      if (label.action !== action || pill.button !== buttons.get(action) || !pill.label || !sameLabel(pill.label, label)) return false;
    }
    return true;
  }

  function show(list: Element, labels: readonly CostLabel[], buttons: ReadonlyMap<string, Element>): void {
    const wanted = labels.filter((label) => buttons.has(label.action));
    if (wanted.length === 0) return hide(list);
    let entry = lists.get(list);
    // Most selection changes leave the labels as they are ("Free" under the bulk threshold);
    // the page may still have moved its buttons (a longer count before them): looked at once settled.
    if (entry && drawn(entry, wanted, buttons)) return placeWhenSettled();
    if (!entry) {
      entry = createHost();
      lists.set(list, entry);
    }
    /** Whether a label appears, goes, changes its button or its width: placed in the next task. */
    let moved = false;
    if (!isConnected(entry.host)) {
      appendChild.call(pageRoot(), entry.host);
      moved = true;
    }
    const order: HTMLElement[] = [];
    for (const label of wanted) {
      let pill = entry.pills.get(label.action);
      const button = buttons.get(label.action)!;
      const shape = label.text.replace(/\d/g, '0');
      if (!pill) {
        const spoken = h(doc, 'span', { class: 'sr' });
        const shown = h(doc, 'span', { 'aria-hidden': 'true' });
        // Hidden until it is placed (placeSoon).
        pill = {
          element: h(doc, 'span', { class: 'cost', lang: messageLocale(), hidden: '', 'data-action': label.action }, [spoken, shown]),
          spoken,
          shown,
          button,
          label: null,
          shape,
        };
        moved = true;
      }
      // Re-inserted in the page's order (a Map keeps the order of insertion).
      entry.pills.delete(label.action);
      entry.pills.set(label.action, pill);
      if (pill.button !== button || pill.shape !== shape) moved = true;
      pill.button = button;
      pill.shape = shape;
      if (!pill.label || !sameLabel(pill.label, label)) {
        setText(pill.spoken, label.spoken);
        setText(pill.shown, label.text);
        setAttributes(pill.element, { 'data-free': label.credits === 0 ? '' : null });
        pill.label = label;
      }
      order.push(pill.element);
    }
    for (const action of [...entry.pills.keys()]) {
      if (wanted.some((label) => label.action === action)) continue;
      entry.pills.delete(action);
      moved = true;
    }
    syncChildren(entry.container, order);
    if (moved) placeSoon();
    else placeWhenSettled();
  }

  function hide(list: Element): void {
    const entry = lists.get(list);
    if (!entry) return;
    lists.delete(list);
    entry.host.remove();
  }

  return {
    show,
    hide,
    reposition: layOutAll,
    settle() {
      if (lists.size > 0) placeWhenSettled();
    },
    showing: () => lists.size > 0,
    repair() {
      for (const entry of lists.values()) if (!isConnected(entry.host)) appendChild.call(pageRoot(), entry.host);
    },
    isOwnNode: (node) => hosts.has(node),
  };
}
