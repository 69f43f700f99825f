import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { PurchaseItem } from '@/utils/billing/schemas';
import { isConnected, parentOf } from '@/utils/selection/dom';
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

const insertBefore = Node.prototype.insertBefore;
const appendChild = Node.prototype.appendChild;
const siblingGetter = (name: 'nextSibling' | 'previousSibling') => {
  const get = Object.getOwnPropertyDescriptor(Node.prototype, name)?.get;
  return (node: Node): Node | null => (get ? (get.call(node) as Node | null) : null);
};
const nextSibling = siblingGetter('nextSibling');
const previousSibling = siblingGetter('previousSibling');

type BannerUi = ShadowRootContentScriptUi<Banner>;

interface BannerSlot {
  ui: BannerUi | null;
  model: BannerModel;
  anchor: Element | null;
  removed: boolean;
  /** Whether it was placed beside this anchor before, and how often it had to be put back. */
  placed: boolean;
  replacements: number;
}

export interface WarningUi {
  /** Show or update the banner of a list, placed after `anchor` (or in the dock). */
  show(list: Element, model: BannerModel, anchor: Element | null): void;
  hide(list: Element): void;
  /** Put banners back where they belong if the page moved or removed them. */
  repair(): void;
  /** Ask; resolves true for Continue. Focus goes back to `returnFocusTo` either way. */
  confirm(model: DialogModel, returnFocusTo: Element): Promise<boolean>;
  isOpen(): boolean;
  /** True for our own hosts, whose mutations are not the page's. */
  isOwnNode(node: Node): boolean;
  destroy(): void;
}

export interface WarningUiOptions {
  ctx: ContentScriptContext;
  document: Document;
  onBuy: (item: PurchaseItem) => void;
}

/**
 * The in-page UI: one shadow-root host per banner, right after its list's bulk bar (in the
 * page's flow, so it never covers the bar's buttons), a dock fixed to the bottom of the
 * viewport for a banner without a bar, and the confirmation dialog. Banners are updated in
 * place, synchronously, so the numbers change in the frame the selection did. Hosts are pooled: showing and hiding banners all day creates no more
 * of them than were ever visible at once.
 */
export function createWarningUi({ ctx, document: doc, onBuy }: WarningUiOptions): WarningUi {
  const slots = new Map<Element, BannerSlot>();
  const slotOfHost = new WeakMap<Node, BannerSlot>();
  const hosts = new WeakSet<Node>();
  const pool: BannerUi[] = [];
  let dock: { host: HTMLElement; container: HTMLElement } | null = null;
  let dialogUi: Promise<ShadowRootContentScriptUi<ConfirmDialog | undefined>> | null = null;
  let dialog: { model: DialogModel; answer: (go: boolean) => void } | null = null;
  let destroyed = false;

  const pageRoot = () => doc.body ?? doc.documentElement;

  function dockContainer(): HTMLElement {
    if (dock && isConnected(dock.host)) return dock.container;
    const host = doc.createElement(DOCK_TAG);
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = WARNING_CSS;
    const container = doc.createElement('div');
    container.className = 'dock';
    shadow.append(style, container);
    hosts.add(host);
    appendChild.call(pageRoot(), host);
    dock = { host, container };
    return container;
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
    const ui = slot.ui;
    const banner = ui?.mounted;
    if (!ui || !banner) return;
    place(slot, ui.shadowHost);
    banner.update(slot.model);
  }

  function createBannerUi(): Promise<BannerUi> {
    return createShadowRootUi<Banner>(ctx, {
      name: BANNER_TAG,
      position: 'inline',
      anchor: pageRoot(),
      append: (_anchor, host) => {
        const slot = slotOfHost.get(host);
        if (slot) place(slot, host);
      },
      css: WARNING_CSS,
      isolateEvents: true,
      // A fresh banner each time a pooled host is shown again (nothing of another list's stays).
      onMount: (container) => {
        const banner = createBanner(doc, onBuy);
        container.append(banner.element);
        return banner;
      },
    });
  }

  function attach(slot: BannerSlot, ui: BannerUi): void {
    if (slot.removed || destroyed) {
      pool.push(ui);
      return;
    }
    hosts.add(ui.shadowHost);
    slotOfHost.set(ui.shadowHost, slot);
    slot.ui = ui;
    ui.mount();
    render(slot);
  }

  function show(list: Element, model: BannerModel, anchor: Element | null): void {
    if (destroyed) return;
    const existing = slots.get(list);
    if (existing) {
      existing.model = model;
      if (existing.anchor !== anchor) {
        existing.anchor = anchor;
        existing.placed = false;
        existing.replacements = 0;
      }
      render(existing);
      return;
    }
    const slot: BannerSlot = { ui: null, model, anchor, removed: false, placed: false, replacements: 0 };
    slots.set(list, slot);
    const pooled = pool.pop();
    if (pooled) attach(slot, pooled);
    else void createBannerUi().then((ui) => attach(slot, ui));
  }

  function hide(list: Element): void {
    const slot = slots.get(list);
    if (!slot) return;
    slots.delete(list);
    slot.removed = true;
    if (slot.ui) {
      slot.ui.remove();
      slotOfHost.delete(slot.ui.shadowHost);
      pool.push(slot.ui);
      slot.ui = null;
    }
  }

  function repair(): void {
    for (const slot of slots.values()) render(slot);
  }

  function dialogHost(): Promise<ShadowRootContentScriptUi<ConfirmDialog | undefined>> {
    dialogUi ??= createShadowRootUi<ConfirmDialog | undefined>(ctx, {
      name: DIALOG_TAG,
      position: 'inline',
      anchor: pageRoot(),
      append: (anchor, host) => {
        hosts.add(host);
        appendChild.call(anchor, host);
      },
      css: WARNING_CSS,
      isolateEvents: true,
      onMount: (container) => {
        const current = dialog;
        if (!current) return undefined;
        const view = createConfirmDialog(doc, current.model, {
          onContinue: () => current.answer(true),
          onCancel: () => current.answer(false),
        });
        container.append(view.element);
        view.open();
        return view;
      },
      onRemove: (view) => view?.close(),
    });
    return dialogUi;
  }

  function confirm(model: DialogModel, returnFocusTo: Element): Promise<boolean> {
    if (dialog || destroyed) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      let settled = false;
      const uiReady = dialogHost();
      const settle = (go: boolean) => {
        if (settled) return;
        settled = true;
        unlisten();
        // Remove after the click or key event that answered has finished.
        queueMicrotask(() => {
          void uiReady.then((ui) => {
            if (dialog?.answer === answer) dialog = null;
            ui.remove();
            if (!destroyed && isConnected(returnFocusTo) && returnFocusTo instanceof HTMLElement) {
              HTMLElement.prototype.focus.call(returnFocusTo);
            }
            resolve(go && !destroyed);
          });
        });
      };
      const answer = (go: boolean) => settle(go);
      // The extension reloading while the dialog is open: the page's action does not run.
      const unlisten = ctx.onInvalidated(() => settle(false));
      dialog = { model, answer };
      void uiReady.then((ui) => {
        if (!settled) ui.mount();
      });
    });
  }

  function destroy(): void {
    if (destroyed) return;
    destroyed = true;
    dialog?.answer(false);
    for (const list of [...slots.keys()]) hide(list);
    for (const ui of pool.splice(0)) ui.remove();
    dock?.host.remove();
    dock = null;
  }

  return {
    show,
    hide,
    repair,
    confirm,
    isOpen: () => dialog !== null,
    isOwnNode: (node) => hosts.has(node),
    destroy,
  };
}
