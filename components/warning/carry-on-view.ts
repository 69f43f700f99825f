import type { CarryOnView } from '@/utils/warning/carry-on';
import { h, setText, syncChildren } from '../dom';

/**
 * The part of a list's banner that offers to carry on after buying (product.md): "50 credits
 * added — Enrich 73 prospects now?", what it uses, and Continue / Not now — or, when the
 * purchase did not cover it, what is still short and Not now. Only the user answers: events a
 * script sends (`isTrusted` false) do nothing, and the part lives in the banner's closed shadow
 * root.
 */

export interface CarryOnAnswers {
  /** Continue, pressed by the user: the owner checks the numbers again before anything runs. */
  onContinue: () => void;
  onNotNow: () => void;
}

export interface CarryOnPart {
  /** The headline, the detail and the note, in order. */
  readonly text: HTMLElement;
  /** Continue (when it can run) and Not now. */
  readonly buttons: HTMLElement;
  update(view: CarryOnView): void;
}

export function createCarryOnPart(doc: Document, { onContinue, onNotNow }: CarryOnAnswers): CarryOnPart {
  const headline = h(doc, 'p', { class: 'headline' });
  const detail = h(doc, 'p', { class: 'detail' });
  const note = h(doc, 'p', { class: 'note' });
  const text = h(doc, 'div', { class: 'carry-on' });
  const continueButton = h(doc, 'button', { type: 'button', class: 'primary' });
  const notNow = h(doc, 'button', { type: 'button' });
  const buttons = h(doc, 'div', { class: 'offers' });
  continueButton.addEventListener('click', (event) => {
    if (event.isTrusted) onContinue();
  });
  notNow.addEventListener('click', (event) => {
    if (event.isTrusted) onNotNow();
  });

  return {
    text,
    buttons,
    update(view) {
      setText(headline, view.headline);
      setText(detail, view.detail);
      setText(note, view.note ?? '');
      syncChildren(text, [headline, detail, ...(view.note ? [note] : [])]);
      if (view.continueLabel) setText(continueButton, view.continueLabel);
      setText(notNow, view.notNowLabel);
      syncChildren(buttons, [...(view.continueLabel ? [continueButton] : []), notNow]);
    },
  };
}
