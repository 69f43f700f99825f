import { formatRelativeAge, formatTime } from '@/utils/credits/format';
import { t } from '@/utils/i18n';
import { BusyButton } from '../ui';
import type { Notice } from './model';

function retryTime(retryAt: number, now: number, locale: string): string {
  return retryAt <= now ? t('retryingNow') : t('retryingAt', formatTime(retryAt, locale, now));
}

/** Why the data is old, missing or waiting: stale (status), failed (alert, Retry), rate-limited (status). */
export function NoticeBanner({
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
      <BusyButton busy={retrying} className="button button--secondary button--small" onPress={onRetry}>
        {t('retry')}
      </BusyButton>
    </div>
  );
}
