import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { DialogModel } from './model';
import { messageLocale } from '@/utils/i18n';
import { warningStrings as t } from './strings';

export interface ConfirmDialogProps {
  model: DialogModel;
  onContinue: () => void;
  onCancel: () => void;
}

/**
 * "Enrich 73 prospects? Uses 73 credits, 339 left after." with Continue and Cancel. Modal:
 * focus starts on Continue and stays in the dialog (Tab cycles, focus moving to the page is
 * brought back), Enter continues, Escape and a click outside cancel. It answers once.
 */
export function ConfirmDialog({ model, onContinue, onCancel }: ConfirmDialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const continueRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);

  const answer = (go: boolean) => {
    if (answered.current) return;
    answered.current = true;
    if (go) onContinue();
    else onCancel();
  };

  useEffect(() => {
    continueRef.current?.focus();
    const dialog = dialogRef.current;
    const doc = dialog?.ownerDocument;
    if (!dialog || !doc) return;
    const root = dialog.getRootNode();
    const host = root instanceof ShadowRoot ? root.host : null;
    // Focus that leaves for the page (a page script, a click) comes back to the dialog.
    const keepFocus = (event: FocusEvent) => {
      const target = event.target;
      if (target === host || (target instanceof Node && dialog.contains(target))) return;
      continueRef.current?.focus();
    };
    doc.addEventListener('focusin', keepFocus, true);
    return () => doc.removeEventListener('focusin', keepFocus, true);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      answer(false);
    } else if (event.key === 'Enter') {
      // A held key must not confirm; Enter on Cancel keeps its meaning.
      if (event.repeat) event.preventDefault();
      else if (event.target !== cancelRef.current) {
        event.preventDefault();
        answer(true);
      }
    } else if (event.key === 'Tab') {
      event.preventDefault();
      const buttons = [continueRef.current, cancelRef.current].filter((b): b is HTMLButtonElement => b !== null);
      const active = (dialogRef.current?.getRootNode() as Document | ShadowRoot | undefined)?.activeElement;
      const index = buttons.findIndex((b) => b === active);
      const next = buttons[(index + (event.shiftKey ? buttons.length - 1 : 1) + buttons.length) % buttons.length];
      next?.focus();
    }
  };

  return (
    <div
      className="root backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) event.preventDefault();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) answer(false);
      }}
    >
      <div
        ref={dialogRef}
        className="dialog"
        role={model.role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        lang={messageLocale()}
        onKeyDown={onKeyDown}
      >
        <p className="brand">{t.brand()}</p>
        <h2 id={titleId}>{model.title}</h2>
        <p id={bodyId}>{model.body}</p>
        <div className="buttons">
          <button ref={cancelRef} type="button" onClick={() => answer(false)}>
            {t.cancel()}
          </button>
          <button ref={continueRef} type="button" className="primary" onClick={() => answer(true)}>
            {t.continue()}
          </button>
        </div>
      </div>
    </div>
  );
}
