import type { Summary, Usage } from '@/utils/billing/schemas';
import { creditLevel, renewalLabel } from '@/utils/credits/badge';
import { forecast, type Forecast } from '@/utils/credits/forecast';
import { creditsLabel, formatCount, formatShortDate } from '@/utils/credits/format';
import { creditStrings } from '@/utils/credits/strings';
import { t } from '@/utils/i18n';
import { meterMax } from './model';

interface BalanceCardProps {
  summary: Summary;
  usage: Usage | null;
  now: number;
  locale: string;
  /** The data is stale: the number is shown muted (the notice above says why). */
  stale: boolean;
}

const levelWord = (level: 'good' | 'low' | 'critical') =>
  level === 'low' ? t('levelLow') : level === 'critical' ? t('levelCritical') : null;

/** The big number, the meter (included used / left, add-on) and the run-out forecast. */
export function BalanceCard({ summary, usage, now, locale, stale }: BalanceCardProps) {
  const { credits } = summary;
  const level = creditLevel(credits);
  const max = meterMax(credits);
  const includedLeft = Math.min(credits.included.remaining, credits.included.allowance);
  const includedUsed = Math.max(0, credits.included.allowance - credits.included.remaining);
  const addOn = credits.addOn.remaining;
  const pct = (n: number) => (max > 0 ? `${(n / max) * 100}%` : '0%');
  const chip = stale ? null : levelWord(level);
  // "renews Dec 1" for a renewing plan, else when the included credits reset.
  const renewal = renewalLabel(summary, locale);

  return (
    <section className={`card balance balance--${stale ? 'stale' : level}`} aria-labelledby="balance-title">
      <div className="balance__head">
        <h2 id="balance-title" className="eyebrow">
          {t('creditsRemaining')}
        </h2>
        {chip ? <span className={`chip chip--${level}`}>{chip}</span> : null}
        {renewal ? <span className="balance__renewal">{renewal.charAt(0).toUpperCase() + renewal.slice(1)}</span> : null}
      </div>
      <p className="balance__number">
        <span className="big-number">{formatCount(credits.remaining, locale)}</span>
        <span className="balance__unit">{creditStrings.creditUnit(credits.remaining)}</span>
      </p>
      <div
        className="meter"
        role="meter"
        aria-label={t('creditsRemaining')}
        aria-valuenow={credits.remaining}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuetext={t('meterValueText', [formatCount(credits.remaining, locale), creditsLabel(max, locale)])}
      >
        {includedLeft > 0 ? <span className="meter__part meter__part--included" style={{ width: pct(includedLeft) }} /> : null}
        {addOn > 0 ? <span className="meter__part meter__part--addon" style={{ width: pct(addOn) }} /> : null}
      </div>
      <ul className="legend">
        <li>
          <span className="swatch swatch--included" aria-hidden="true" />
          {t('legendIncluded', [formatCount(includedLeft, locale), formatCount(credits.included.allowance, locale)])}
        </li>
        {addOn > 0 ? (
          <li>
            <span className="swatch swatch--addon" aria-hidden="true" />
            {t('legendAddOn', formatCount(addOn, locale))}
          </li>
        ) : null}
        <li>
          <span className="swatch swatch--used" aria-hidden="true" />
          {t('legendUsed', formatCount(includedUsed, locale))}
        </li>
      </ul>
      <ForecastLine summary={summary} usage={usage} now={now} locale={locale} />
    </section>
  );
}

function ForecastLine({ summary, usage, now, locale }: { summary: Summary; usage: Usage | null; now: number; locale: string }) {
  if (!usage) return null;
  const result = forecast({
    remaining: summary.credits.remaining,
    usageDays: usage.days,
    resetsAt: summary.credits.included.resetsAt,
    now,
  });
  return <p className={`forecast forecast--${result.kind}`}>{forecastText(result, summary, locale)}</p>;
}

export function forecastText(result: Forecast, summary: Summary, locale: string): string {
  switch (result.kind) {
    case 'empty': {
      const reset = summary.credits.included.resetsAt;
      const date = reset ? formatShortDate(reset, locale) : '';
      return date ? t('forecastEmptyUntil', date) : t('forecastEmpty');
    }
    case 'no-usage':
      return t('forecastNoUsage');
    case 'runs-out':
      return t('forecastRunsOut', formatShortDate(result.date, locale));
    case 'lasts-past-reset':
      return t('forecastLastsPastReset', formatShortDate(result.resetDate, locale));
  }
}
