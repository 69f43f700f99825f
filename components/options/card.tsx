import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { t } from '@/utils/i18n';
import { BusyButton } from '../ui';

/** One section of the options page: a card named by its heading, with an optional introduction. */
export function SettingsCard({
  id,
  title,
  intro,
  sectionRef,
  anchor,
  children,
}: {
  /** The heading's id (the section is labelled by it). */
  id: string;
  title: string;
  intro?: ReactNode;
  sectionRef?: Ref<HTMLElement>;
  /** The section's own id, for links to it (`options.html#limits`). */
  anchor?: string;
  children: ReactNode;
}) {
  return (
    <section ref={sectionRef} id={anchor} className="card settings-card" aria-labelledby={id}>
      <h2 id={id} className="settings-card__title">
        {title}
      </h2>
      {intro === undefined ? null : <p className="settings-card__intro">{intro}</p>}
      {children}
    </section>
  );
}

/** A form's save button, and "Saved" once it is. */
export function SaveActions({ busy, saved, label }: { busy: boolean; saved: boolean; label: string }) {
  return (
    <div className="form-actions">
      <BusyButton type="submit" busy={busy}>
        {label}
      </BusyButton>
      {saved && !busy ? (
        <span className="saved-note" role="status">
          {t('saved')}
        </span>
      ) : null}
    </div>
  );
}

/** A labelled text field with its submit button beside it (the API key, an extra site). */
export function FieldWithSubmit({
  id,
  label,
  busy,
  submit,
  input,
}: {
  id: string;
  label: string;
  busy: boolean;
  submit: string;
  input: InputHTMLAttributes<HTMLInputElement>;
}) {
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="field-row">
        <input id={id} autoComplete="off" spellCheck={false} {...input} />
        <BusyButton type="submit" busy={busy}>
          {submit}
        </BusyButton>
      </div>
    </>
  );
}
