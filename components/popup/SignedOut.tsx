import { appPageUrl } from '@/utils/app-pages';
import { t } from '@/utils/i18n';
import { openOptionsPage, openTab, optionsPageUrl } from '../extension';
import { Logo } from '../ui';

/** Signed out: "Sign in with Deskflow" (the app's connect page) or "Use an API key" (options). */
export function SignedOut({ appOrigin }: { appOrigin: string }) {
  return (
    <div className="popup popup--signed-out">
      <main className="signed-out">
        <Logo size={44} />
        <h1 className="signed-out__title">{t('signedOutTitle')}</h1>
        <p className="signed-out__text">{t('signedOutText')}</p>
        <button type="button" className="button button--primary button--block" onClick={() => openTab(appPageUrl(appOrigin, 'connect'))}>
          {t('signInWithDeskflow')}
        </button>
        <a
          className="link"
          href={optionsPageUrl()}
          onClick={(event) => {
            event.preventDefault();
            openOptionsPage();
          }}
        >
          {t('useApiKey')}
        </a>
      </main>
    </div>
  );
}

/** The first load ever: the shape of what is coming, and "Loading your credits…" for screen readers. */
export function Skeleton() {
  return (
    <>
      <p className="visually-hidden" role="status">
        {t('loadingCredits')}
      </p>
      <div className="card skeleton-card" aria-hidden="true">
        <span className="skeleton skeleton--eyebrow" />
        <span className="skeleton skeleton--number" />
        <span className="skeleton skeleton--meter" />
        <span className="skeleton skeleton--line" />
        <span className="skeleton skeleton--line skeleton--short" />
      </div>
      <div className="card skeleton-card" aria-hidden="true">
        <span className="skeleton skeleton--eyebrow" />
        <div className="skeleton-grid">
          <span className="skeleton skeleton--tile" />
          <span className="skeleton skeleton--tile" />
          <span className="skeleton skeleton--tile" />
          <span className="skeleton skeleton--tile" />
        </div>
      </div>
    </>
  );
}
