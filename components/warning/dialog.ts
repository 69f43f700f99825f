import { messageLocale } from '@/utils/i18n';
import { h, setAttributes, setText, uniqueId } from '../dom';
import type { DialogModel } from './model';
import { warningStrings as t } from './strings';

export interface ConfirmDialogOptions {
  /** A press of Continue (or Enter) by the user; the owner decides whether it runs or asks again. */
  onContinue: () => void;
  /** Cancel, Escape or a click outside. */
  onCancel: () => void;
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
 * brought back), Enter continues, Escape and a click outside cancel. Only the user can answer:
 * events a script sends (`isTrusted` false) never continue, and the dialog lives in a closed
 * shadow root no page script can reach.
 */
export function createConfirmDialog(doc: Document, model: DialogModel, { onContinue, onCancel }: ConfirmDialogOptions): ConfirmDialog {
  const proceed = (event: Event) => {
    if (event.isTrusted) onContinue();
  };

  const title = h(doc, 'h2', { id: uniqueId('title') });
  const body = h(doc, 'p', { id: uniqueId('body') });
  const cancel = h(doc, 'button', { type: 'button' }, [t.cancel()]);
  const continueButton = h(doc, 'button', { type: 'button', class: 'primary' }, [t.continue()]);
  const dialog = h(
    doc,
    'div',
    { class: 'dialog', 'aria-modal': 'true', 'aria-labelledby': title.id, 'aria-describedby': body.id, lang: messageLocale() },
    [h(doc, 'p', { class: 'brand' }, [t.brand()]), title, body, h(doc, 'div', { class: 'buttons' }, [cancel, continueButton])],
  );
  const element = h(doc, 'div', { class: 'root backdrop' }, [dialog]);

  function update(next: DialogModel): void {
    setAttributes(dialog, { role: next.role });
    setText(title, next.title);
    setText(body, next.body);
  }
  update(model);

  cancel.addEventListener('click', () => onCancel());
  continueButton.addEventListener('click', proceed);
  // A press on the backdrop does not move focus to the page; a click on it cancels.
  element.addEventListener('mousedown', (event) => {
    if (event.target === element) event.preventDefault();
  });
  element.addEventListener('click', (event) => {
    if (event.target === element) onCancel();
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter') {
      // A held key must not confirm; Enter on Cancel keeps its meaning.
      if (event.repeat) event.preventDefault();
      else if (event.target !== cancel) {
        event.preventDefault();
        proceed(event);
      }
    } else if (event.key === 'Tab') {
      event.preventDefault();
      const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement;
      (active === continueButton ? cancel : continueButton).focus();
    }
  });

  // Focus that leaves for the page (a page script, a click) comes back to the dialog.
  const keepFocus = (event: FocusEvent) => {
    const target = event.target;
    const root = dialog.getRootNode();
    const host = root instanceof ShadowRoot ? root.host : null;
    if (target === host || (target instanceof Node && dialog.contains(target))) return;
    continueButton.focus();
  };

  return {
    element,
    update,
    open() {
      continueButton.focus();
      doc.addEventListener('focusin', keepFocus, true);
    },
    close() {
      doc.removeEventListener('focusin', keepFocus, true);
    },
  };
}
