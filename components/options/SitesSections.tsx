import { useId, useState, type FormEvent } from 'react';
import { FieldWithSubmit, SaveActions, SettingsCard } from './card';
import { buildConfig } from '@/utils/config';
import { t } from '@/utils/i18n';
import type { Settings } from '@/utils/settings';
import { InlineMessage } from '../ui';
import { useBackgroundAction } from '../extension';
import { checkOrigin, needsHostPermission, releaseAccess, requestAccess } from './access';

type SaveSettings = { type: 'saveSettings'; settings: Settings };

const denied = () => t('deniedAccess');

/**
 * App and API origins for staging or self-hosted Deskflow. Empty fields mean the build's
 * defaults. A bad value is refused with a message and stays in its field; nothing saved is lost.
 */
export function OriginsSection({ settings }: { settings: Settings }) {
  const [app, setApp] = useState(settings.appOrigin ?? '');
  const [api, setApi] = useState(settings.apiOrigin ?? '');
  const [errors, setErrors] = useState<{ app?: string; api?: string; form?: string }>({});
  const [saved, setSaved] = useState(false);
  const save = useBackgroundAction<SaveSettings>();
  const appId = useId();
  const apiId = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(false);
    const appCheck = checkOrigin(app, 'appOrigin');
    const apiCheck = checkOrigin(api, 'apiOrigin');
    if (!appCheck.ok || !apiCheck.ok) {
      setErrors({ app: appCheck.ok ? undefined : appCheck.message, api: apiCheck.ok ? undefined : apiCheck.message });
      return;
    }
    setErrors({});
    const appOrigin = appCheck.origin === buildConfig.appOrigin ? null : appCheck.origin;
    const apiOrigin = apiCheck.origin === buildConfig.apiOrigin ? null : apiCheck.origin;
    const origins = [appOrigin, apiOrigin].filter(needsHostPermission);
    // Synchronously, inside the user's gesture: the browser asks for the permission now.
    const granted = requestAccess(origins);
    void granted.then((ok) => {
      if (!ok) {
        setErrors({ form: denied() });
        return;
      }
      save.mutate(
        { type: 'saveSettings', settings: { ...settings, appOrigin, apiOrigin } },
        {
          onSuccess: () => {
            setApp(appOrigin ?? '');
            setApi(apiOrigin ?? '');
            setSaved(true);
          },
        },
      );
    });
  };

  return (
    <SettingsCard id="origins-title" title={t('originsTitle')} intro={t('originsIntro', [buildConfig.appOrigin, buildConfig.apiOrigin])}>
      <form className="stack" noValidate onSubmit={onSubmit}>
        {(
          [
            [appId, t('appOrigin'), app, buildConfig.appOrigin, errors.app, setApp],
            [apiId, t('apiOrigin'), api, buildConfig.apiOrigin, errors.api, setApi],
          ] as const
        ).map(([id, label, value, placeholder, error, set]) => (
          <OriginField
            key={id}
            id={id}
            label={label}
            value={value}
            placeholder={placeholder}
            error={error}
            onChange={(next) => {
              set(next);
              setSaved(false);
            }}
          />
        ))}
        <SaveActions busy={save.isPending} saved={saved} label={t('saveAddresses')} />
        {errors.form ? <InlineMessage tone="error">{errors.form}</InlineMessage> : null}
        {save.error ? <InlineMessage tone="error">{save.error.message}</InlineMessage> : null}
      </form>
    </SettingsCard>
  );
}

function OriginField({
  id,
  label,
  value,
  placeholder,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  placeholder: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Extra sites where the in-page warning runs: each needs the user's permission first. */
export function ExtraSitesSection({ settings }: { settings: Settings }) {
  const [site, setSite] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useBackgroundAction<SaveSettings>();
  const remove = useBackgroundAction<SaveSettings>();
  const inputId = useId();
  const errorId = useId();

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const check = checkOrigin(site, 'site');
    if (!check.ok) return setError(check.message);
    if (check.origin === null) return setError(t('siteRequired'));
    const origin = check.origin;
    if (settings.extraSites.includes(origin)) return setError(t('siteDuplicate', origin));
    setError(null);
    // Synchronously, inside the user's gesture.
    void requestAccess([origin]).then((ok) => {
      if (!ok) return setError(denied());
      save.mutate(
        { type: 'saveSettings', settings: { ...settings, extraSites: [...settings.extraSites, origin] } },
        { onSuccess: () => setSite('') },
      );
    });
  };

  const onRemove = (origin: string) => {
    if (remove.isPending) return;
    const extraSites = settings.extraSites.filter((s) => s !== origin);
    remove.mutate(
      { type: 'saveSettings', settings: { ...settings, extraSites } },
      { onSuccess: () => void releaseAccess(origin, [settings.appOrigin, settings.apiOrigin, ...extraSites]) },
    );
  };

  return (
    <SettingsCard id="sites-title" title={t('otherSites')} intro={t('otherSitesIntro')}>
      {settings.extraSites.length > 0 ? (
        <ul className="site-list" aria-label={t('otherSites')}>
          {settings.extraSites.map((origin) => (
            <li key={origin} className="site">
              <span className="site__origin">{origin}</span>
              <button
                type="button"
                className="button button--ghost button--small"
                aria-label={t('removeSite', origin)}
                aria-disabled={remove.isPending || undefined}
                onClick={() => onRemove(origin)}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-note">{t('noOtherSites')}</p>
      )}
      <form className="field" noValidate onSubmit={onAdd}>
        <FieldWithSubmit
          id={inputId}
          label={t('siteAddress')}
          busy={save.isPending}
          submit={t('addSite')}
          input={{
            className: 'input',
            type: 'url',
            inputMode: 'url',
            placeholder: 'https://crm.example.com',
            value: site,
            'aria-invalid': error ? true : undefined,
            'aria-describedby': error ? errorId : undefined,
            onChange: (event) => {
              setSite(event.target.value);
              setError(null);
            },
          }}
        />
        {error ? (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        {save.error ? <InlineMessage tone="error">{save.error.message}</InlineMessage> : null}
        {remove.error ? <InlineMessage tone="error">{remove.error.message}</InlineMessage> : null}
      </form>
    </SettingsCard>
  );
}
