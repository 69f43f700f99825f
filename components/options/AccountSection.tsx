import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Snapshot } from '@/utils/snapshot';
import { InlineMessage, Spinner } from '../ui';
import { useBackgroundAction } from '../useSnapshot';

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
      <section className="card settings-card" aria-labelledby="account-title">
        <h2 id="account-title" className="settings-card__title">
          Account
        </h2>
        <div className="connected">
          <span className="connected__dot" aria-hidden="true" />
          <div className="connected__text">
            <p className="connected__who">Connected as {snapshot.me?.email ?? 'your Deskflow account'}</p>
            <p className="muted small">
              API key <code className="masked-key">{MASKED_KEY}</code>
              {snapshot.summary ? ` · ${snapshot.summary.account.name}` : ''}
            </p>
          </div>
          <button
            type="button"
            className="button button--secondary"
            aria-busy={signOut.isPending || undefined}
            aria-disabled={signOut.isPending || undefined}
            onClick={() => {
              if (signOut.isPending) return;
              setApiKey.reset();
              signOut.mutate({ type: 'signOut' });
            }}
          >
            {signOut.isPending ? <Spinner /> : null}
            Sign out
          </button>
        </div>
        {signOut.error ? <InlineMessage tone="error">{signOut.error.message}</InlineMessage> : null}
      </section>
    );
  }

  const saving = setApiKey.isPending;
  return (
    <section className="card settings-card" aria-labelledby="account-title">
      <h2 id="account-title" className="settings-card__title">
        Account
      </h2>
      <p className="settings-card__intro">Connect your Deskflow account to see your credits and buy more.</p>
      <button
        type="button"
        className="button button--primary"
        onClick={() => void browser.tabs.create({ url: `${appOrigin}/extension/connect` })}
      >
        Sign in with Deskflow
      </button>
      <div className="divider">
        <span>or use an API key</span>
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
        <label className="field-label" htmlFor={inputId}>
          API key
        </label>
        <div className="field-row">
          <input
            id={inputId}
            className="input input--mono"
            type="text"
            name="deskflow-api-key"
            autoComplete="off"
            spellCheck={false}
            placeholder="dfk_…"
            value={key}
            aria-invalid={setApiKey.isError || undefined}
            aria-describedby={setApiKey.isError ? `${errorId} ${hintId}` : hintId}
            onChange={(event) => setKey(event.target.value)}
          />
          <button
            type="submit"
            className="button button--secondary"
            aria-busy={saving || undefined}
            aria-disabled={saving || undefined}
          >
            {saving ? <Spinner /> : null}
            Save
          </button>
        </div>
        <p id={hintId} className="field-hint">
          {saving ? 'Checking the key with Deskflow…' : 'Create a key in Deskflow under '}
          {saving ? null : (
            <a className="link" href={`${appOrigin}/settings/api-keys`} target="_blank" rel="noreferrer noopener">
              Settings → API keys
            </a>
          )}
          {saving ? null : '. It is checked before it is saved, and never shown again.'}
        </p>
        {setApiKey.error ? (
          <p id={errorId} className="inline-message inline-message--error" role="alert">
            {setApiKey.error.message}
          </p>
        ) : null}
      </form>
    </section>
  );
}
