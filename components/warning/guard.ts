import { isConnected } from '@/utils/selection/dom';
import type { BulkActionTarget, ListSelection } from '@/utils/selection';
import type { DialogModel } from './model';

export interface BulkActionGuardOptions {
  /** The bulk action a click target is, with its list, or null. */
  actionAt: (target: Element) => BulkActionTarget | null;
  /** The list's selection now. */
  selectionOf: (list: Element) => ListSelection;
  /** The dialog the action needs, or null to let the click through. */
  confirmationFor: (selection: ListSelection, action: string) => DialogModel | null;
  /** Ask; true for Continue. */
  confirm: (model: DialogModel, returnFocusTo: Element) => Promise<boolean>;
  /** The page's button for the action now, if the one clicked was re-rendered meanwhile. */
  currentButton: (list: Element, action: string) => Element | null;
  /** A credit-spending action was confirmed and handed to the page. */
  onConfirmed: (action: string, count: number) => void;
  /** False once the extension was reloaded: let every click through. */
  isActive: () => boolean;
}

const click = HTMLElement.prototype.click;

/**
 * The capture-phase click listener in front of credit-spending bulk actions. A click that
 * needs confirming is stopped before any page handler sees it; Continue clicks the page's
 * button once more with a one-shot pass for that button (so the page's own handler runs
 * exactly once, as if the dialog never was); Cancel drops it.
 */
export function createBulkActionGuard(options: BulkActionGuardOptions) {
  /** The one button whose next click goes through untouched. */
  let pass: Element | null = null;
  let asking = false;

  function targetOf(event: Event): Element | null {
    const target = event.target;
    if (target instanceof Element) return target;
    return target instanceof Node ? target.parentElement : null;
  }

  function hit(event: Event): BulkActionTarget | null {
    const target = targetOf(event);
    if (!target) return null;
    const found = options.actionAt(target);
    if (found) return found;
    // A button inside the page's own (open) shadow DOM.
    const inner = event.composedPath()[0];
    return inner instanceof Element && inner !== target ? options.actionAt(inner) : null;
  }

  function onClick(event: MouseEvent): void {
    if (!options.isActive()) return;
    const found = hit(event);
    if (!found) return;
    const { list, button } = found;
    if (pass !== null && pass === button.element) {
      pass = null;
      return;
    }
    const model = options.confirmationFor(options.selectionOf(list), button.action);
    if (!model) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (asking) return;
    asking = true;
    void options.confirm(model, button.element).then((go) => {
      asking = false;
      if (!go || !options.isActive()) return;
      const element = isConnected(button.element) ? button.element : options.currentButton(list, button.action);
      if (!(element instanceof HTMLElement)) return;
      pass = element;
      try {
        click.call(element);
      } finally {
        pass = null;
      }
      options.onConfirmed(model.action, model.count);
    });
  }

  return { onClick };
}
