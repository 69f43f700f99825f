import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { PurchaseItem } from '@/utils/billing/schemas';
import { formatRelativeAge } from '@/utils/credits/format';
import { t } from '@/utils/i18n';
import { appOriginOf, DEFAULT_SETTINGS } from '@/utils/settings';
import { isPurchasePending, POPUP_REFRESH_AFTER_MS, SIGNED_OUT, type Snapshot } from '@/utils/snapshot';
import { ask, useBackgroundAction, useLocale, useNow, useOnceAtATime, useSettings, useSnapshot } from '../useSnapshot';
import { InlineMessage, Logo, RefreshIcon, Spinner, useDrawn } from '../ui';
import { drawBalanceCard, type BalanceCardProps } from './balance-card';
import { BuyCard, type PurchaseUi } from './BuyCard';
import { drawHeader, type HeaderProps } from './header';
import { canBuy, popupShortfall, popupView, type Notice } from './model';
import { UsageCard } from './UsageCard';
import { appPageUrl } from '@/utils/app-pages';

/**
 * The popup: paints the cached snapshot at once, asks the background to refresh old data, and
 * turns every click into a message to the background (it never calls the API itself).
 */
export function Popup() {
  const snapshot = useSnapshot() ?? SIGNED_OUT;
  const settings = useSettings() ?? DEFAULT_SETTINGS;
  const now = useNow();
  const locale = useLocale();
  const appOrigin = appOriginOf(settings);

  const refresh = useBackgroundAction<{ type: 'refresh'; force?: boolean }>();
  const startPurchase = useBackgroundAction<{ type: 'startPurchase'; item: PurchaseItem }>();
  const openPortal = useBackgroundAction<{ type: 'openPortal' }>();
  const once = useOnceAtATime();

  const view = popupView(snapshot, now);
  // Opening on young data asks too, but the answer is instant: no "Refreshing…" flash then.
  const dataIsOld = snapshot.fetchedAt === null || now - snapshot.fetchedAt > POPUP_REFRESH_AFTER_MS;
  const refreshIfOld = useRefreshOnOpen(snapshot.signedIn, dataIsOld);
  const refreshing = refresh.isPending || (refreshIfOld.pending && dataIsOld);
  const refreshError = refresh.error?.message ?? refreshIfOld.error ?? null;
  const rateLimited = 'notice' in view && view.notice?.kind === 'rate-limited';
  const doRefresh = () => {
    if (!refreshing) refresh.mutate({ type: 'refresh', force: true });
  };

  if (view.kind === 'signed-out') return <SignedOut appOrigin={appOrigin} />;

  const purchase: PurchaseUi = purchaseUi(snapshot, startPurchase, once, now);
  const short = view.kind === 'summary' && canBuy(view.summary) && popupShortfall(view.summary.credits) > 0;

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
            <BalanceCard
              summary={view.summary}
              usage={snapshot.usage}
              now={now}
              locale={locale}
              stale={view.notice?.kind === 'stale'}
            />
            {/* Short of credits, buying comes first; otherwise usage, the everyday reason to look. */}
            {short ? null : (
              <UsageCard summary={view.summary} usage={snapshot.usage} now={now} locale={locale} />
            )}
            <BuyCard
              summary={view.summary}
              catalog={snapshot.catalog}
              locale={locale}
              purchase={purchase}
              portal={{
                busy: openPortal.isPending,
                error: openPortal.error?.message ?? null,
                open: () => void once(() => openPortal.mutateAsync({ type: 'openPortal' }).catch(() => undefined)),
              }}
            />
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

interface OpenRefresh {
  pending: boolean;
  error: string | null;
}
const OPEN_REFRESH_DONE: OpenRefresh = { pending: false, error: null };

/**
 * Opening the popup asks the background to refresh old data; the new data arrives through the
 * storage watch. Only what the footer shows about the request is React state — pending while
 * the data is old, set in the first render, and a refusal — so opening on young data renders
 * once (its answer changes nothing: the update bails out), and on old data "Refreshing…" shows
 * from the first paint.
 */
function useRefreshOnOpen(signedIn: boolean, dataIsOld: boolean): OpenRefresh {
  const [state, setState] = useState<OpenRefresh>(() =>
    signedIn && dataIsOld ? { pending: true, error: null } : OPEN_REFRESH_DONE,
  );
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    if (dataIsOld) setState((current) => (current.pending ? current : { pending: true, error: null }));
    ask({ type: 'refreshIfOld' }).then(
      () => {
        if (live) setState(OPEN_REFRESH_DONE); // the same state when nothing was shown: no render
      },
      (error: unknown) => {
        if (live) setState({ pending: false, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
    // Asked once per sign-in: the age at that moment decides whether "Refreshing…" shows.
  }, [signedIn]);
  return state;
}

/**
 * A region that scrolls must be reachable from the keyboard: when its content is taller than
 * the popup (600 px at most) it joins the Tab order, so arrow keys and Page Down scroll it even
 * where it holds nothing focusable (a member's popup). A ref callback that sets the attribute
 * itself: measuring never costs the popup a render.
 */
function keyboardScrollable(element: HTMLElement | null): (() => void) | undefined {
  if (!element) return undefined;
  const update = () => {
    if (element.scrollHeight > element.clientHeight + 1) element.setAttribute('tabindex', '0');
    else element.removeAttribute('tabindex');
  };
  update();
  if (typeof ResizeObserver === 'undefined') return undefined;
  // The region itself (the window) and its content (cards appearing, growing) may change.
  const resizes = new ResizeObserver(update);
  const observeAll = () => {
    resizes.observe(element);
    for (const child of element.children) resizes.observe(child);
  };
  observeAll();
  const mutations = new MutationObserver(() => {
    observeAll();
    update();
  });
  mutations.observe(element, { childList: true });
  return () => {
    resizes.disconnect();
    mutations.disconnect();
  };
}

type PurchaseMutation = ReturnType<typeof useBackgroundAction<{ type: 'startPurchase'; item: PurchaseItem }>>;

function purchaseUi(
  snapshot: Snapshot,
  mutation: PurchaseMutation,
  once: ReturnType<typeof useOnceAtATime>,
  now: number,
): PurchaseUi {
  const state = snapshot.purchase;
  const creating = isPurchasePending(snapshot);
  const pending = creating || mutation.isPending;
  const busyItem = creating && state ? state.item : mutation.isPending ? (mutation.variables?.item ?? null) : null;
  const failed = state?.state === 'failed' ? state.error : null;
  const waitingForPayment = state?.state === 'open' && snapshot.checkoutWatchUntil !== null && snapshot.checkoutWatchUntil > now;
  const retryAt = snapshot.lastError?.retryAt ?? null;
  return {
    busyItem,
    pending,
    waitingForPayment,
    checkingAgainAt: waitingForPayment && snapshot.lastError ? (retryAt !== null && retryAt > now ? retryAt : 0) : null,
    // The background's answer first (it also covers refusals that never reach the snapshot).
    error: mutation.error?.message ?? failed ?? null,
    buy: (item) => {
      if (pending) return;
      void once(() => mutation.mutateAsync({ type: 'startPurchase', item }).catch(() => undefined));
    },
  };
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

function retryTime(retryAt: number, now: number, locale: string): string {
  if (retryAt <= now) return t('retryingNow');
  const sameDay = new Date(retryAt).toDateString() === new Date(now).toDateString();
  const format = new Intl.DateTimeFormat(locale, {
    hour: 'numeric',
    minute: '2-digit',
    ...(sameDay ? {} : { weekday: 'short' }),
  });
  return t('retryingAt', format.format(retryAt));
}

function NoticeBanner({
  notice,
  now,
  locale,
  onRetry,
  retrying,
  empty = false,
}: {
  notice: Notice;
  now: number;
  locale: string;
  onRetry: () => void;
  retrying: boolean;
  /** Nothing else to show: the notice takes the whole popup. */
  empty?: boolean;
}) {
  if (notice.kind === 'rate-limited') {
    return (
      <div className={`notice notice--info${empty ? ' notice--empty' : ''}`} role="status">
        <p className="notice__title">
          {t('rateLimitedTitle', notice.retryAt === null ? t('retryingShortly') : retryTime(notice.retryAt, now, locale))}
        </p>
        {empty ? <p className="notice__body">{t('rateLimitedBody')}</p> : null}
      </div>
    );
  }
  const title =
    notice.kind === 'stale'
      ? t('staleTitle', formatRelativeAge(now - notice.fetchedAt, locale))
      : empty
        ? t('loadFailed')
        : t('refreshFailed');
  return (
    <div
      className={`notice ${notice.kind === 'stale' ? 'notice--warning' : 'notice--error'}${empty ? ' notice--empty' : ''}`}
      role={notice.kind === 'stale' ? 'status' : 'alert'}
    >
      <div className="notice__text">
        <p className="notice__title">{title}</p>
        <p className="notice__body">{notice.message}</p>
      </div>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-busy={retrying || undefined}
        aria-disabled={retrying || undefined}
        onClick={onRetry}
      >
        {retrying ? <Spinner /> : null}
        {t('retry')}
      </button>
    </div>
  );
}

function Skeleton() {
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

function SignedOut({ appOrigin }: { appOrigin: string }) {
  const optionsUrl = browser.runtime.getURL('/options.html');
  return (
    <div className="popup popup--signed-out">
      <main className="signed-out">
        <Logo size={44} />
        <h1 className="signed-out__title">{t('signedOutTitle')}</h1>
        <p className="signed-out__text">{t('signedOutText')}</p>
        <button
          type="button"
          className="button button--primary button--block"
          onClick={() => void browser.tabs.create({ url: appPageUrl(appOrigin, 'connect') })}
        >
          {t('signInWithDeskflow')}
        </button>
        <a
          className="link"
          href={optionsUrl}
          onClick={(event) => {
            event.preventDefault();
            void browser.runtime.openOptionsPage();
          }}
        >
          {t('useApiKey')}
        </a>
      </main>
    </div>
  );
}
