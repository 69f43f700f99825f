import { messageLocale } from '@/utils/i18n';
import type { CostLabel } from '@/utils/warning/labels';
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
  pointer-events: none !important; display: block !important; contain: layout style !important; }
.cost {
  position: fixed; left: 0; top: 0; white-space: nowrap; pointer-events: none;
  font: 600 10.5px/1.25 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #fff; background: #3b5bdb; border-radius: 999px; padding: 1px 6px;
  box-shadow: 0 1px 3px rgba(17, 24, 39, .25); letter-spacing: normal; text-transform: none;
}
.cost[data-free] { background: #1d7a46; }
.cost[hidden] { display: none; }
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
  /** Where it goes: the button's centre, and above or below the button. */
  x: number;
  y: number;
  above: boolean;
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

  /** Above its button (below when there is no room above), centred on it; false when it has no box. */
  function place(pill: Pill): boolean {
    const rect = isConnected(pill.button) ? boundingRect.call(pill.button) : null;
    if (!rect || (rect.width === 0 && rect.height === 0)) {
      pill.element.hidden = true;
      return false;
    }
    pill.element.hidden = false;
    pill.x = Math.round(rect.left + rect.width / 2);
    pill.above = rect.top > 20;
    pill.y = Math.round(pill.above ? rect.top - GAP : rect.bottom + GAP);
    move(pill, 0);
    return true;
  }

  function move(pill: Pill, shift: number): void {
    const transform = `translate(${pill.x + shift}px, ${pill.y}px) translate(-50%, ${pill.above ? '-100%' : '0'})`;
    if (pill.element.style.transform !== transform) pill.element.style.transform = transform;
  }

  /** Neighbouring buttons close together: their labels are moved apart rather than overlap. */
  function spread(entry: ListLabels): void {
    const shown = [...entry.pills.values()].filter((pill) => !pill.element.hidden);
    if (shown.length < 2) return;
    const boxes = shown.map((pill) => ({ pill, rect: boundingRect.call(pill.element) })).sort((a, b) => a.rect.left - b.rect.left);
    let right = -Infinity;
    let row = Number.NaN;
    for (const { pill, rect } of boxes) {
      const shift = pill.y === row ? Math.max(0, right + GAP - rect.left) : 0;
      if (shift > 0) move(pill, shift);
      right = rect.right + shift;
      row = pill.y;
    }
  }

  function show(list: Element, labels: readonly CostLabel[], buttons: ReadonlyMap<string, Element>): void {
    const wanted = labels.filter((label) => buttons.has(label.action));
    if (wanted.length === 0) return hide(list);
    let entry = lists.get(list);
    if (!entry) {
      entry = createHost();
      lists.set(list, entry);
    }
    if (!isConnected(entry.host)) appendChild.call(pageRoot(), entry.host);
    const order: HTMLElement[] = [];
    for (const label of wanted) {
      let pill = entry.pills.get(label.action);
      const button = buttons.get(label.action)!;
      if (!pill) {
        const spoken = h(doc, 'span', { class: 'sr' });
        const shown = h(doc, 'span', { 'aria-hidden': 'true' });
        pill = { element: h(doc, 'span', { class: 'cost', lang: messageLocale() }, [spoken, shown]), spoken, shown, button, x: 0, y: 0, above: true };
        entry.pills.set(label.action, pill);
      }
      pill.button = button;
      setText(pill.spoken, label.spoken);
      setText(pill.shown, label.text);
      setAttributes(pill.element, { 'data-free': label.credits === 0 ? '' : null, 'data-action': label.action });
      place(pill);
      order.push(pill.element);
    }
    for (const action of [...entry.pills.keys()]) if (!wanted.some((label) => label.action === action)) entry.pills.delete(action);
    syncChildren(entry.container, order);
    spread(entry);
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
    reposition() {
      for (const entry of lists.values()) {
        for (const pill of entry.pills.values()) place(pill);
        spread(entry);
      }
    },
    repair() {
      for (const entry of lists.values()) if (!isConnected(entry.host)) appendChild.call(pageRoot(), entry.host);
    },
    isOwnNode: (node) => hosts.has(node),
  };
}
