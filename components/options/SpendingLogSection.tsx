import { useEffect, useId, useRef, useState } from 'react';
import { SettingsCard } from './card';
import { actionLabel } from '@/components/warning/strings';
import { formatCount } from '@/utils/credits/format';
import { t, tp, userLocale } from '@/utils/i18n';
import { userTimeZone } from '@/utils/limits/week';
import type { Settings } from '@/utils/settings';
import { csvFileName, spendingLogCsv, type SpendingEntry } from '@/utils/spending-log';
import { BusyButton, InlineMessage, useNow } from '../ui';
import { useBackgroundAction } from '../extension';
import { useSpendingLog, weekLine } from '../spending';
import '../limits.css';

/** Hands `text` to the browser as a file download (a UTF-8 CSV). */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function whenFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  }
}

/**
 * The spending log (utils/spending-log.ts): this week's total, the confirmed actions newest
 * first, a CSV export (utils/csv.ts) and Clear, which asks first. The log never leaves the
 * browser except as the file the user exports.
 */
export function SpendingLogSection({ settings }: { settings: Settings }) {
  const log = useSpendingLog();
  const locale = userLocale();
  const timeZone = userTimeZone();
  const now = useNow();
  const clear = useBackgroundAction<{ type: 'clearSpendingLog' }>();
  const [confirming, setConfirming] = useState(false);
  const id = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const clearRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Focus follows the question: onto its safe answer when it opens, back to Clear when it closes.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) clearRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const entries = log ?? [];
  const newestFirst = [...entries].reverse();
  const when = whenFormat(locale, timeZone);
  const week = weekLine(entries, settings, { now, locale, timeZone });

  return (
    <SettingsCard id={`${id}-title`} title={t('logTitle')} intro={t('logIntro')}>
      <p className={week.over ? 'week-line week-line--over' : 'week-line'}>{week.text}</p>
      {log === null ? null : newestFirst.length === 0 ? (
        <p className="empty-note">{t('logEmpty')}</p>
      ) : (
        <div className="log-scroll" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
          <table className="log-table">
            <caption className="visually-hidden">{t('logTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('logWhen')}</th>
                <th scope="col">{t('logPage')}</th>
                <th scope="col">{t('logAction')}</th>
                <th scope="col" className="number">
                  {t('logProspects')}
                </th>
                <th scope="col" className="number">
                  {t('logCredits')}
                </th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((entry, i) => (
                <LogRow key={`${entry.at}-${i}`} entry={entry} when={when} locale={locale} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="form-actions log-actions">
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={entries.length === 0 || undefined}
          onClick={() => {
            if (entries.length > 0) download(spendingLogCsv(entries, { locale, timeZone, actionLabel }), csvFileName(Date.now(), timeZone));
          }}
        >
          {t('logExport')}
        </button>
        {confirming ? null : (
          <button
            ref={clearRef}
            type="button"
            className="button button--ghost"
            aria-disabled={entries.length === 0 || undefined}
            onClick={() => {
              if (entries.length > 0) setConfirming(true);
            }}
          >
            {t('logClear')}
          </button>
        )}
      </div>
      {confirming ? (
        <div className="log-confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{tp('logClearConfirm', entries.length, formatCount(entries.length, locale))}</p>
          <div className="form-actions">
            <button ref={confirmRef} type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
            <BusyButton
              className="button button--danger"
              busy={clear.isPending}
              onPress={() => clear.mutate({ type: 'clearSpendingLog' }, { onSuccess: () => setConfirming(false) })}
            >
              {t('logClearYes')}
            </BusyButton>
          </div>
        </div>
      ) : null}
      {clear.error ? <InlineMessage tone="error">{clear.error.message}</InlineMessage> : null}
    </SettingsCard>
  );
}

function LogRow({ entry, when, locale }: { entry: SpendingEntry; when: Intl.DateTimeFormat; locale: string }) {
  return (
    <tr>
      <td className="log-when">{when.format(entry.at)}</td>
      <td className="log-page">
        <span className="log-path">{entry.origin + entry.path}</span>
        {entry.title ? <span className="log-title">{entry.title}</span> : null}
      </td>
      <td>{actionLabel(entry.action)}</td>
      <td className="number">{formatCount(entry.prospects, locale)}</td>
      <td className="number">{formatCount(entry.credits, locale)}</td>
    </tr>
  );
}
