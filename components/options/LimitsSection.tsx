import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SaveActions, SettingsCard } from './card';
import { t, tAround, userLocale } from '@/utils/i18n';
import { formatLimitInput, LIMIT_FIELDS, parseLimitsInput, type LimitField } from '@/utils/limits/input';
import { firstDayOfWeek } from '@/utils/limits/week';
import type { Settings } from '@/utils/settings';
import { InlineMessage } from '../ui';
import { useBackgroundAction } from '../extension';
import '../limits.css';

type SaveSettings = { type: 'saveSettings'; settings: Settings };

/** The locale's name of its first day of the week: "Sunday", "Montag". */
function firstDayName(locale: string): string {
  // 1 January 2024 was a Monday: day n of that week is n January.
  const day = new Date(Date.UTC(2024, 0, firstDayOfWeek(locale)));
  try {
    return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(day);
  } catch {
    return new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' }).format(day);
  }
}

/** Each field's sentence, as the words before and after the field. */
const LABELS: Record<LimitField, () => [string, string]> = {
  askOver: () => tAround('limitAskOver'),
  blockOver: () => tAround('limitBlockOver'),
  weeklyBudget: () => tAround('limitWeeklyBudget'),
};

/**
 * The personal limits (product.md, "Personal limits and the spending log"): "Ask before actions
 * over N credits", "Block actions over M credits", "Weekly budget: B credits", each field inside
 * its sentence (so its name says exactly that), read as the user's locale writes numbers, checked
 * (whole numbers, M ≥ N) before anything is saved; a refused value stays in its field with the
 * reason. `id="limits"`: the blocked dialog's link opens the page here.
 */
export function LimitsSection({ settings }: { settings: Settings }) {
  const locale = userLocale();
  const shown = (s: Settings) => ({
    askOver: formatLimitInput(s.askOver, locale),
    blockOver: formatLimitInput(s.blockOver, locale),
    weeklyBudget: formatLimitInput(s.weeklyBudget, locale),
  });
  const [texts, setTexts] = useState<Record<LimitField, string>>(() => shown(settings));
  const [errors, setErrors] = useState<Partial<Record<LimitField, string>>>({});
  const [saved, setSaved] = useState(false);
  const save = useBackgroundAction<SaveSettings>();
  const id = useId();
  const section = useRef<HTMLElement>(null);

  // Opened from the blocked dialog's link (options.html#limits): here, with the first field focused.
  useEffect(() => {
    if (window.location.hash !== '#limits') return;
    section.current?.scrollIntoView({ block: 'start' });
    section.current?.querySelector('input')?.focus();
  }, []);

  const hints: Record<LimitField, string> = {
    askOver: t('limitAskOverHint'),
    blockOver: t('limitBlockOverHint'),
    weeklyBudget: t('limitWeeklyBudgetHint', firstDayName(locale)),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(false);
    const read = parseLimitsInput(texts, locale);
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    const next = { ...settings, ...read.limits };
    save.mutate(
      { type: 'saveSettings', settings: next },
      {
        onSuccess: () => {
          setTexts(shown(next));
          setSaved(true);
        },
      },
    );
  };

  return (
    <SettingsCard id={`${id}-title`} title={t('limitsTitle')} intro={t('limitsIntro')} sectionRef={section} anchor="limits">
      <form className="stack" noValidate onSubmit={onSubmit}>
        {LIMIT_FIELDS.map((field) => {
          const [before, after] = LABELS[field]();
          const error = errors[field];
          const fieldId = `${id}-${field}`;
          return (
            <div key={field} className="field">
              <label className="field-label limit-label">
                {before}
                <input
                  id={fieldId}
                  className="input limit-input"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  spellCheck={false}
                  size={9}
                  value={texts[field]}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${fieldId}-error ${fieldId}-hint` : `${fieldId}-hint`}
                  onChange={(event) => {
                    setTexts((current) => ({ ...current, [field]: event.target.value }));
                    setSaved(false);
                  }}
                />
                {after}
              </label>
              {error ? (
                <p id={`${fieldId}-error`} className="field-error" role="alert">
                  {error}
                </p>
              ) : null}
              <p id={`${fieldId}-hint`} className="field-hint limit-hint">
                {hints[field]}
              </p>
            </div>
          );
        })}
        <SaveActions busy={save.isPending} saved={saved} label={t('saveLimits')} />
        {save.error ? <InlineMessage tone="error">{save.error.message}</InlineMessage> : null}
      </form>
    </SettingsCard>
  );
}
