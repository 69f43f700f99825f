import { formatRelativeAge } from '@/utils/credits/format';
import { t, userLocale } from '@/utils/i18n';
import { appOriginOf, DEFAULT_SETTINGS } from '@/utils/settings';
import { SIGNED_OUT, type Snapshot } from '@/utils/snapshot';
import { useSettings, useSnapshot } from '../data';
import { InlineMessage, keyboardScrollable, RefreshIcon, useDrawn, useNow } from '../ui';
import { drawBalanceCard, type BalanceCardProps } from './balance-card';
import { BuyCard } from './BuyCard';
import { drawHeader, type HeaderProps } from './header';
import { canBuy } from '@/utils/credits/packages';
import { popupShortfall, popupView } from './model';
import { CarryOnNotice } from './CarryOnNotice';
import { NoticeBanner } from './Notice';
import { useRefresh } from './refresh';
import { SignedOut, Skeleton } from './SignedOut';
import { UsageCard } from './UsageCard';
import { WeekLine } from './WeekLine';

/**
 * The popup: paints the cached snapshot at once, asks the background to refresh old data, and
 * turns every click into a message to the background (it never calls the API itself).
 */
export function Popup() {
  const snapshot = useSnapshot() ?? SIGNED_OUT;
  const settings = useSettings() ?? DEFAULT_SETTINGS;
  const now = useNow();
  const locale = userLocale();
  const appOrigin = appOriginOf(settings);
  const view = popupView(snapshot, now);
  const { refreshing, error: refreshError, refresh: doRefresh } = useRefresh(snapshot, now);
  const rateLimited = 'notice' in view && view.notice?.kind === 'rate-limited';

  if (view.kind === 'signed-out') return <SignedOut appOrigin={appOrigin} />;

  const short = view.kind === 'summary' && canBuy(view.summary.account) && popupShortfall(view.summary.credits) > 0;

  return (
    <div className="popup">
      <Header
        summary={view.kind === 'summary' ? view.summary : null}
        email={snapshot.me?.email ?? null}
        appOrigin={appOrigin}
      />
      <main ref={keyboardScrollable} className="popup__main" aria-busy={view.kind === 'first-load' || undefined}>
        {view.kind === 'first-load' ? <Skeleton /> : null}
        {view.kind === 'no-data' ? (
          <NoticeBanner notice={view.notice} now={now} locale={locale} onRetry={doRefresh} retrying={refreshing} empty />
        ) : null}
        {view.kind === 'summary' ? (
          <>
            {view.notice ? (
              <NoticeBanner notice={view.notice} now={now} locale={locale} onRetry={doRefresh} retrying={refreshing} />
            ) : null}
            <CarryOnNotice appOrigin={appOrigin} now={now} locale={locale} />
            <BalanceCard
              summary={view.summary}
              usage={snapshot.usage}
              now={now}
              locale={locale}
              stale={view.notice?.kind === 'stale'}
            />
            <WeekLine limits={settings} now={now} locale={locale} />
            {/* Short of credits, buying comes first; otherwise usage, the everyday reason to look. */}
            {short ? null : (
              <UsageCard summary={view.summary} usage={snapshot.usage} now={now} locale={locale} />
            )}
            <BuyCard summary={view.summary} snapshot={snapshot} now={now} locale={locale} />
            {short ? <UsageCard summary={view.summary} usage={snapshot.usage} now={now} locale={locale} /> : null}
          </>
        ) : null}
      </main>
      <footer className="popup__footer">
        <span className="footer__updated" aria-live="polite">
          {refreshing ? t('popupRefreshing') : lastUpdatedText(snapshot, now, locale)}
        </span>
        <button
          type="button"
          className="button button--ghost button--small refresh"
          aria-busy={refreshing || undefined}
          aria-disabled={refreshing || rateLimited || undefined}
          title={rateLimited ? t('popupWaitHint') : undefined}
          onClick={() => {
            if (!rateLimited) doRefresh();
          }}
        >
          <span className={refreshing ? 'spin' : undefined}>
            <RefreshIcon />
          </span>
          {t('popupRefresh')}
        </button>
      </footer>
      {refreshError ? (
        <div className="popup__toast">
          <InlineMessage tone="error">{refreshError}</InlineMessage>
        </div>
      ) : null}
    </div>
  );
}

function lastUpdatedText(snapshot: Snapshot, now: number, locale: string): string {
  if (snapshot.fetchedAt === null) return t('popupNotUpdated');
  return t('popupLastUpdated', formatRelativeAge(now - snapshot.fetchedAt, locale));
}

function Header(props: HeaderProps) {
  return <header ref={useDrawn(drawHeader, props)} />;
}

function BalanceCard(props: BalanceCardProps) {
  return <section ref={useDrawn(drawBalanceCard, props)} />;
}

