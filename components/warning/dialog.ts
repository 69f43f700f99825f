import { messageLocale } from '@/utils/i18n';
import { h, setAttributes, setText, uniqueId } from '../dom';
import type { DialogModel } from './model';
import { warningStrings as t } from './strings';

export interface ConfirmDialogOptions {
  /** A press of Continue (or Enter) by the user; the owner decides whether it runs or asks again. */
  onContinue: () => void;
  /** Cancel, Escape or a click outside. */
  onCancel: () => void;
  /** The blocked dialog's link to the limits was pressed (by the user); it opens the options page. */
  onLimits?: () => void;
  /** Where the link to the limits points (the options page); shown only when the action is blocked. */
  limitsUrl?: string;
}

export interface ConfirmDialog {
  /** The backdrop with the dialog in it. */
  readonly element: HTMLElement;
  /** Say something else (the selection or the balance changed while it was open). */
  update(model: DialogModel): void;
  /** Put focus on Continue and keep it in the dialog; call once it is in the document. */
  open(): void;
  /** Stop keeping focus (the dialog is going away). */
  close(): void;
}

/**
 * "Enrich 73 prospects? Uses 73 credits, 339 left after." with Continue and Cancel. Modal:
 * focus starts on Continue and stays in the dialog (Tab cycles, focus moving to the page is
 * brought back), Enter continues, Escape and a click outside cancel. An action over the user's
 * block shows no Continue at all: focus starts on Cancel, beside a link to the limits. Only the user can answer:
 * events a script sends (`isTrusted` false) never continue, and the dialog lives in a closed
 * shadow root no page script can reach.
 */
export function createConfirmDialog(
  doc: Document,
  model: DialogModel,
  { onContinue, onCancel, onLimits, limitsUrl = '#' }: ConfirmDialogOptions,
): ConfirmDialog {
  /** Over the user's block: no Continue, only Cancel and the link to the limits. */
  let blocked = false;
  const proceed = (event: Event) => {
    if (event.isTrusted && !blocked) onContinue();
  };

  const title = h(doc, 'h2', { id: uniqueId('title') });
  const body = h(doc, 'p', { id: uniqueId('body') });
  const cancel = h(doc, 'button', { type: 'button' }, [t.cancel()]);
  const continueButton = h(doc, 'button', { type: 'button', class: 'primary' }, [t.continue()]);
  const limitsLink = h(doc, 'a', { href: limitsUrl, class: 'limits', target: '_blank', rel: 'noopener' }, [t.limitsLink()]);
  const limits = h(doc, 'p', {}, [limitsLink]);
  const buttons = h(doc, 'div', { class: 'buttons' }, [cancel, continueButton]);
  const dialog = h(
    doc,
    'div',
    { class: 'dialog', 'aria-modal': 'true', 'aria-labelledby': title.id, 'aria-describedby': body.id, lang: messageLocale() },
    [h(doc, 'p', { class: 'brand' }, [t.brand()]), title, body, buttons],
  );
  const element = h(doc, 'div', { class: 'root backdrop' }, [dialog]);

  /** What can have focus now, in Tab order. */
  const focusables = (): HTMLElement[] => (blocked ? [limitsLink, cancel] : [cancel, continueButton]);

  function update(next: DialogModel): void {
    const wasBlocked = blocked;
    blocked = next.blocked === true;
    setAttributes(dialog, { role: next.role });
    setText(title, next.title);
    setText(body, next.body);
    if (blocked === wasBlocked && dialog.contains(limits) === blocked) return;
    // Blocked: the link to the limits after the text, and Cancel alone; else Cancel and Continue.
    if (blocked) {
      body.after(limits);
      continueButton.remove();
    } else {
      limits.remove();
      buttons.append(continueButton);
    }
    const root = dialog.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    if (dialog.isConnected && (active === null || active === continueButton || !dialog.contains(active))) (blocked ? cancel : continueButton).focus();
  }
  update(model);

  cancel.addEventListener('click', () => onCancel());
  limitsLink.addEventListener('click', (event) => {
    // The options page is the extension's: the background opens it (a page may not link there).
    event.preventDefault();
    if (event.isTrusted && blocked) onLimits?.();
  });
  continueButton.addEventListener('click', proceed);
  // A press on the backdrop does not move focus to the page; a click on it cancels.
  element.addEventListener('mousedown', (event) => {
    if (event.target === element) event.preventDefault();
  });
  element.addEventListener('click', (event) => {
    if (event.target === element) onCancel();
  });
  /**
   * Enter (or Space) on Cancel, Enter on the link: acted on when the key comes up, so that its
   * release lands here — not on the page's button that gets focus back when the dialog closes,
   * where the guard would take it for a new press and ask again.
   */
  let pressing: { key: string; target: EventTarget } | null = null;
  const pressedOnKeyUp = (event: KeyboardEvent) =>
    (event.target === cancel && (event.key === 'Enter' || event.key === ' ')) || (event.target === limitsLink && event.key === 'Enter');

  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (pressedOnKeyUp(event)) {
      event.preventDefault();
      if (!event.repeat && event.target) pressing = { key: event.key, target: event.target };
    } else if (event.key === 'Enter') {
      // A held key must not confirm.
      event.preventDefault();
      if (!event.repeat) proceed(event);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement;
      const order = focusables();
      const at = order.indexOf(active as HTMLElement);
      const step = event.shiftKey ? -1 : 1;
      order[at === -1 ? 0 : (at + step + order.length) % order.length]!.focus();
    }
  });

  dialog.addEventListener('keyup', (event) => {
    const pressed = pressing;
    if (!pressed || event.key !== pressed.key || event.target !== pressed.target) return;
    pressing = null;
    event.preventDefault();
    if (pressed.target === cancel) onCancel();
    else if (event.isTrusted && blocked) onLimits?.();
  });

  // Focus that leaves for the page (a page script, a click) comes back to the dialog.
  const keepFocus = (event: FocusEvent) => {
    const target = event.target;
    const root = dialog.getRootNode();
    const host = root instanceof ShadowRoot ? root.host : null;
    if (target === host || (target instanceof Node && dialog.contains(target))) return;
    (blocked ? cancel : continueButton).focus();
  };

  return {
    element,
    update,
    open() {
      (blocked ? cancel : continueButton).focus();
      doc.addEventListener('focusin', keepFocus, true);
    },
    close() {
      doc.removeEventListener('focusin', keepFocus, true);
    },
  };
}
