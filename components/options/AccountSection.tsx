import { useId, useState } from 'react';
import { FieldWithSubmit, SettingsCard } from './card';
import { t, tAround } from '@/utils/i18n';
import type { Snapshot } from '@/utils/snapshot';
import { BusyButton, InlineMessage } from '../ui';
import { openTab, useBackgroundAction } from '../extension';
import { appPageUrl } from '@/utils/app-pages';

/** A saved key is never shown: the page cannot read it, and this is all anyone needs to see. */
export const MASKED_KEY = 'dfk_••••••••';

/**
 * Connecting an account: "Sign in with Deskflow" (the app hands the key over), or an API key
 * pasted here, which the background checks with GET /v1/me before saving it.
 */
export function AccountSection({ snapshot, appOrigin }: { snapshot: Snapshot; appOrigin: string }) {
  const [key, setKey] = useState('');
  const setApiKey = useBackgroundAction<{ type: 'setApiKey'; key: string }>();
  const signOut = useBackgroundAction<{ type: 'signOut' }>();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  if (snapshot.signedIn) {
    return (
      <SettingsCard id="account-title" title={t('account')}>
        <div className="connected">
          <span className="connected__dot" aria-hidden="true" />
          <div className="connected__text">
            <p className="connected__who">{t('connectedAs', snapshot.me?.email ?? t('yourDeskflowAccount'))}</p>
            <p className="muted small">
              {t('apiKey')} <code className="masked-key">{MASKED_KEY}</code>
              {snapshot.summary ? ` · ${snapshot.summary.account.name}` : ''}
            </p>
          </div>
          <BusyButton
            busy={signOut.isPending}
            onPress={() => {
              setApiKey.reset();
              signOut.mutate({ type: 'signOut' });
            }}
          >
            {t('signOut')}
          </BusyButton>
        </div>
        {signOut.error ? <InlineMessage tone="error">{signOut.error.message}</InlineMessage> : null}
      </SettingsCard>
    );
  }

  const saving = setApiKey.isPending;
  const [hintBefore, hintAfter] = tAround('keyHint');
  return (
    <SettingsCard id="account-title" title={t('account')} intro={t('connectIntro')}>
      <button
        type="button"
        className="button button--primary"
        onClick={() => openTab(appPageUrl(appOrigin, 'connect'))}
      >
        {t('signInWithDeskflow')}
      </button>
      <div className="divider">
        <span>{t('orUseApiKey')}</span>
      </div>
      <form
        className="key-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (saving) return;
          setApiKey.mutate(
            { type: 'setApiKey', key },
            {
              // The key lives on in the background only; forget this copy at once.
              onSuccess: () => setKey(''),
            },
          );
        }}
      >
        <FieldWithSubmit
          id={inputId}
          label={t('apiKey')}
          busy={saving}
          submit={t('save')}
          input={{
            className: 'input input--mono',
            type: 'text',
            name: 'deskflow-api-key',
            placeholder: 'dfk_…',
            value: key,
            'aria-invalid': setApiKey.isError || undefined,
            'aria-describedby': setApiKey.isError ? `${errorId} ${hintId}` : hintId,
            onChange: (event) => setKey(event.target.value),
          }}
        />
        <p id={hintId} className="field-hint">
          {saving ? (
            t('checkingKey')
          ) : (
            <>
              {hintBefore}
              <a className="link" href={appPageUrl(appOrigin, 'apiKeys')} target="_blank" rel="noreferrer noopener">
                {t('keyHintLink')}
              </a>
              {hintAfter}
            </>
          )}
        </p>
        {setApiKey.error ? (
          <p id={errorId} className="inline-message inline-message--error" role="alert">
            {setApiKey.error.message}
          </p>
        ) : null}
      </form>
    </SettingsCard>
  );
}
