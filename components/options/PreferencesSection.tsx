import { useId } from 'react';
import { SettingsCard } from './card';
import { t } from '@/utils/i18n';
import type { Settings } from '@/utils/settings';
import type { ConfirmationMode } from '@/utils/warning/cost';
import { InlineMessage } from '../ui';
import { useBackgroundAction } from '../extension';

type SaveSettings = { type: 'saveSettings'; settings: Settings };

function modes(): ReadonlyArray<{ value: ConfirmationMode; label: string; hint: string }> {
  return [
    { value: 'always', label: t('confirmAlways'), hint: t('confirmAlwaysHint') },
    { value: 'short', label: t('confirmShort'), hint: t('confirmShortHint') },
    { value: 'off', label: t('confirmOff'), hint: t('confirmOffHint') },
  ];
}

/** Firefox's notifications have no buttons: clicking one opens the billing page instead. */
const NOTIFICATION_BUTTONS = import.meta.env.FIREFOX !== true;

/** Confirmation mode and the low-balance notification; each change is saved at once. */
export function PreferencesSection({ settings }: { settings: Settings }) {
  const confirmation = useBackgroundAction<SaveSettings>();
  const notification = useBackgroundAction<SaveSettings>();
  const labels = useBackgroundAction<SaveSettings>();
  const labelsId = useId();
  const labelsHintId = useId();
  const name = useId();
  const checkboxId = useId();
  const checkboxHintId = useId();

  // While a change is being saved, show it (the storage watch confirms it a moment later).
  const mode = confirmation.isPending ? confirmation.variables.settings.confirmation : settings.confirmation;
  const notify = notification.isPending
    ? notification.variables.settings.lowBalanceNotification
    : settings.lowBalanceNotification;

  const showLabels = labels.isPending ? labels.variables.settings.costLabels : settings.costLabels;

  return (
    <SettingsCard id="prefs-title" title={t('warnings')}>
      <fieldset className="choices">
        <legend className="field-label">{t('confirmLegend')}</legend>
        {modes().map((option) => (
          <div key={option.value} className="choice">
            <input
              id={`${name}-${option.value}`}
              type="radio"
              name={name}
              value={option.value}
              checked={mode === option.value}
              aria-describedby={`${name}-${option.value}-hint`}
              onChange={() => confirmation.mutate({ type: 'saveSettings', settings: { ...settings, confirmation: option.value } })}
            />
            <span className="choice__text">
              <label htmlFor={`${name}-${option.value}`} className="choice__label">
                {option.label}
              </label>
              <span id={`${name}-${option.value}-hint`} className="choice__hint">
                {option.hint}
              </span>
            </span>
          </div>
        ))}
      </fieldset>
      {confirmation.error ? <InlineMessage tone="error">{confirmation.error.message}</InlineMessage> : null}
      <div className="choice choice--checkbox">
        <input
          id={checkboxId}
          type="checkbox"
          checked={notify}
          aria-describedby={checkboxHintId}
          onChange={(event) =>
            notification.mutate({
              type: 'saveSettings',
              settings: { ...settings, lowBalanceNotification: event.target.checked },
            })
          }
        />
        <span className="choice__text">
          <label htmlFor={checkboxId} className="choice__label">
            {t('notifyLow')}
          </label>
          <span id={checkboxHintId} className="choice__hint">
            {NOTIFICATION_BUTTONS ? t('notifyLowHint') : t('notifyLowHintNoButton')}
          </span>
        </span>
      </div>
      {notification.error ? <InlineMessage tone="error">{notification.error.message}</InlineMessage> : null}
      <div className="choice choice--checkbox">
        <input
          id={labelsId}
          type="checkbox"
          checked={showLabels}
          aria-describedby={labelsHintId}
          onChange={(event) => labels.mutate({ type: 'saveSettings', settings: { ...settings, costLabels: event.target.checked } })}
        />
        <span className="choice__text">
          <label htmlFor={labelsId} className="choice__label">
            {t('costLabelsOption')}
          </label>
          <span id={labelsHintId} className="choice__hint">
            {t('costLabelsOptionHint')}
          </span>
        </span>
      </div>
      {labels.error ? <InlineMessage tone="error">{labels.error.message}</InlineMessage> : null}
    </SettingsCard>
  );
}
