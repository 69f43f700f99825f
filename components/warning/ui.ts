import type { PurchaseItem } from '@/utils/billing/schemas';
import { isConnected, parentOf } from '@/utils/warning/dom';
import { createBanner, type Banner } from './banner';
import { createConfirmDialog, type ConfirmDialog } from './dialog';
import type { BannerModel, DialogModel } from './model';
import { WARNING_CSS } from './styles';

/** Tag names of our hosts: custom elements no page style or script knows about. */
export const BANNER_TAG = 'deskflow-credits-warning';
export const DOCK_TAG = 'deskflow-credits-dock';
export const DIALOG_TAG = 'deskflow-credits-confirm';

/** A page that keeps removing our banner from beside its bar gets it in the dock instead. */
const MAX_REPLACEMENTS = 8;
/** A page that keeps removing the question gets the browser's own dialog instead. */
const MAX_DIALOG_REMOVALS = 3;

// The isolated world's own DOM methods: a page cannot redirect them.
const insertBefore = Node.prototype.insertBefore;
const appendChild = Node.prototype.appendChild;
const attachShadow = Element.prototype.attachShadow;
const siblingGetter = (name: 'nextSibling' | 'previousSibling') => {
  const get = Object.getOwnPropertyDescriptor(Node.prototype, name)?.get;
  return (node: Node): Node | null => (get ? (get.call(node) as Node | null) : null);
};
const nextSibling = siblingGetter('nextSibling');
const previousSibling = siblingGetter('previousSibling');
/** Keys typed in our UI are not the page's keyboard shortcuts. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'];

interface Host {
  readonly host: HTMLElement;
  readonly container: HTMLElement;
}

interface BannerSlot {
  host: Host | null;
  banner: Banner | null;
  model: BannerModel;
  anchor: Element | null;
  /** Whether it was placed beside this anchor before, and how often it had to be put back. */
  placed: boolean;
  replacements: number;
}

export interface Question {
  /** Say something else (the selection or the balance changed). */
  update(model: DialogModel): void;
  /** Take the dialog away; focus goes back to where the action was pressed. */
  close(): void;
}

export interface AskOptions {
  returnFocusTo: Element;
  onContinue: () => void;
  onCancel: () => void;
  /** The dialog could not be shown (or the page keeps removing it). */
  onUnshown: () => void;
  /** A blocked action's link to the limits was pressed; and where it points. */
  onLimits?: () => void;
  limitsUrl?: string;
}

export interface WarningUi {
  /** Show or update the banner of a list, placed after `anchor` (or in the dock). */
  show(list: Element, model: BannerModel, anchor: Element | null): void;
  hide(list: Element): void;
  /** Put our UI back where it belongs if the page moved or removed it. */
  repair(): void;
  /** Open the confirmation dialog. */
  ask(model: DialogModel, options: AskOptions): Question;
  /** True for our own hosts, whose mutations are not the page's. */
  isOwnNode(node: Node): boolean;
}

export interface WarningUiOptions {
  document: Document;
  /** Buy, pressed in the banner of `list`. */
  onBuy: (item: PurchaseItem, list: Element) => void;
  /** Continue and Not now of the offer to carry on after buying, in the banner of `list`. */
  onContinue?: (list: Element) => void;
  onNotNow?: (list: Element) => void;
}

/**
 * The in-page UI: one host per banner, right after its list's bulk bar (in the page's flow, so
 * it never covers the bar's buttons), a dock fixed to the bottom of the viewport for a banner
 * without a bar, and the confirmation dialog. Every host has a closed shadow root: no page
 * script can reach into it, and its buttons answer only the user's own events. Banners are
 * updated in place, synchronously, so the numbers change in the frame the selection did.
 */
export function createWarningUi({ document: doc, onBuy, onContinue, onNotNow }: WarningUiOptions): WarningUi {
  const slots = new Map<Element, BannerSlot>();
  const hosts = new WeakSet<Node>();
  const pool: Host[] = [];
  let dock: Host | null = null;
  let question: { host: Host; removals: number; options: AskOptions } | null = null;

  const pageRoot = () => doc.body ?? doc.documentElement;

  function createHost(tag: string, className: string): Host {
    const host = doc.createElement(tag);
    const shadow = attachShadow.call(host, { mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = WARNING_CSS;
    const container = doc.createElement('div');
    container.className = className;
    for (const type of ISOLATED_EVENTS) container.addEventListener(type, (event) => event.stopPropagation());
    shadow.append(style, container);
    hosts.add(host);
    return { host, container };
  }

  function dockContainer(): HTMLElement {
    if (!dock || !isConnected(dock.host)) {
      dock ??= createHost(DOCK_TAG, 'dock');
      appendChild.call(pageRoot(), dock.host);
    }
    return dock.container;
  }

  /** Right after the anchor when there is one (and the page lets it stay), else in the dock. */
  function place(slot: BannerSlot, host: Node): void {
    const anchor = slot.anchor;
    const parent = anchor && isConnected(anchor) ? parentOf(anchor) : null;
    if (anchor && parent && slot.replacements <= MAX_REPLACEMENTS) {
      if (isConnected(host) && previousSibling(host) === anchor) return;
      if (slot.placed) slot.replacements += 1;
      slot.placed = true;
      insertBefore.call(parent, host, nextSibling(anchor));
      return;
    }
    const container = dockContainer();
    if (host.parentNode !== container) container.append(host);
  }

  function render(slot: BannerSlot): void {
    if (!slot.host || !slot.banner) return;
    place(slot, slot.host.host);
    slot.banner.update(slot.model);
  }

  function show(list: Element, model: BannerModel, anchor: Element | null): void {
    let slot = slots.get(list);
    if (!slot) {
      const host = pool.pop() ?? createHost(BANNER_TAG, 'ui');
      // A fresh banner each time a pooled host is shown again (nothing of another list's stays).
      const banner = createBanner(doc, (item) => onBuy(item, list), {
        onContinue: () => onContinue?.(list),
        onNotNow: () => onNotNow?.(list),
      });
      host.container.replaceChildren(banner.element);
      slot = { host, banner, model, anchor, placed: false, replacements: 0 };
      slots.set(list, slot);
    }
    slot.model = model;
    if (slot.anchor !== anchor) {
      slot.anchor = anchor;
      slot.placed = false;
      slot.replacements = 0;
    }
    render(slot);
  }

  function hide(list: Element): void {
    const slot = slots.get(list);
    if (!slot) return;
    slots.delete(list);
    if (slot.host) {
      slot.host.host.remove();
      slot.host.container.replaceChildren();
      pool.push(slot.host);
    }
  }

  function repair(): void {
    for (const slot of slots.values()) render(slot);
    if (question && !isConnected(question.host.host)) {
      question.removals += 1;
      if (question.removals > MAX_DIALOG_REMOVALS) question.options.onUnshown();
      else appendChild.call(pageRoot(), question.host.host);
    }
  }

  function ask(model: DialogModel, options: AskOptions): Question {
    let view: ConfirmDialog | null = null;
    let host: Host | null = null;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      view?.close();
      host?.host.remove();
      if (question?.host === host) question = null;
      const back = options.returnFocusTo;
      if (isConnected(back) && back instanceof HTMLElement) HTMLElement.prototype.focus.call(back);
    };
    try {
      host = createHost(DIALOG_TAG, 'ui');
      view = createConfirmDialog(doc, model, {
        onContinue: options.onContinue,
        onCancel: options.onCancel,
        onLimits: options.onLimits,
        limitsUrl: options.limitsUrl,
      });
      host.container.append(view.element);
      appendChild.call(pageRoot(), host.host);
      view.open();
      question = { host, removals: 0, options };
    } catch {
      close();
      queueMicrotask(options.onUnshown);
    }
    return { update: (next) => view?.update(next), close };
  }

  return { show, hide, repair, ask, isOwnNode: (node) => hosts.has(node) };
}
