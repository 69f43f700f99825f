import { messageLocale } from '@/utils/i18n';
import { h, uniqueId } from '../dom';
import type { DialogModel } from './model';
import { warningStrings as t } from './strings';

export interface ConfirmDialogOptions {
  onContinue: () => void;
  onCancel: () => void;
}

export interface ConfirmDialog {
  /** The backdrop with the dialog in it. */
  readonly element: HTMLElement;
  /** Put focus on Continue and keep it in the dialog; call once it is in the document. */
  open(): void;
  /** Stop keeping focus (the dialog is going away). */
  close(): void;
}

/**
 * "Enrich 73 prospects? Uses 73 credits, 339 left after." with Continue and Cancel. Modal:
 * focus starts on Continue and stays in the dialog (Tab cycles, focus moving to the page is
 * brought back), Enter continues, Escape and a click outside cancel. It answers once.
 */
export function createConfirmDialog(doc: Document, model: DialogModel, { onContinue, onCancel }: ConfirmDialogOptions): ConfirmDialog {
  let answered = false;
  const answer = (go: boolean) => {
    if (answered) return;
    answered = true;
    if (go) onContinue();
    else onCancel();
  };

  const title = h(doc, 'h2', { id: uniqueId('title') }, [model.title]);
  const body = h(doc, 'p', { id: uniqueId('body') }, [model.body]);
  const cancel = h(doc, 'button', { type: 'button' }, [t.cancel()]);
  const continueButton = h(doc, 'button', { type: 'button', class: 'primary' }, [t.continue()]);
  const dialog = h(
    doc,
    'div',
    {
      class: 'dialog',
      role: model.role,
      'aria-modal': 'true',
      'aria-labelledby': title.id,
      'aria-describedby': body.id,
      lang: messageLocale(),
    },
    [h(doc, 'p', { class: 'brand' }, [t.brand()]), title, body, h(doc, 'div', { class: 'buttons' }, [cancel, continueButton])],
  );
  const element = h(doc, 'div', { class: 'root backdrop' }, [dialog]);

  cancel.addEventListener('click', () => answer(false));
  continueButton.addEventListener('click', () => answer(true));
  // A press on the backdrop does not move focus to the page; a click on it cancels.
  element.addEventListener('mousedown', (event) => {
    if (event.target === element) event.preventDefault();
  });
  element.addEventListener('click', (event) => {
    if (event.target === element) answer(false);
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      answer(false);
    } else if (event.key === 'Enter') {
      // A held key must not confirm; Enter on Cancel keeps its meaning.
      if (event.repeat) event.preventDefault();
      else if (event.target !== cancel) {
        event.preventDefault();
        answer(true);
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
    open() {
      continueButton.focus();
      doc.addEventListener('focusin', keepFocus, true);
    },
    close() {
      doc.removeEventListener('focusin', keepFocus, true);
    },
  };
}
