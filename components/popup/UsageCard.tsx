import { useId } from 'react';
import type { Summary, Usage } from '@/utils/billing/schemas';
import { creditPeriodStart, dailyTotals, usageByCategory } from '@/utils/credits/forecast';
import { creditsLabel, formatCount, formatShortDate } from '@/utils/credits/format';
import { t } from '@/utils/i18n';
import { categoryLabel } from './model';

interface UsageCardProps {
  summary: Summary;
  usage: Usage | null;
  now: number;
  locale: string;
}

/** This period's credits by category, and the daily credits of the last 30 days. */
export function UsageCard({ summary, usage, now, locale }: UsageCardProps) {
  if (!usage) {
    return (
      <section className="card" aria-labelledby="usage-title">
        <h2 id="usage-title" className="eyebrow">
          {t('usageThisPeriod')}
        </h2>
        <p className="muted">{t('usageAfterRefresh')}</p>
      </section>
    );
  }
  const periodStart = creditPeriodStart(summary.credits.included.resetsAt);
  const period = usageByCategory(usage.days, periodStart);
  const largest = period.categories[0]?.credits ?? 0;

  return (
    <section className="card" aria-labelledby="usage-title">
      <div className="card__head">
        <h2 id="usage-title" className="eyebrow">
          {periodStart ? t('usageThisPeriod') : t('usageLast30')}
        </h2>
        <span className="card__aside">{creditsLabel(period.total, locale)}</span>
      </div>
      {period.categories.length === 0 || period.total === 0 ? (
        <p className="muted">
          {periodStart ? t('noCreditsSpentSince', formatShortDate(periodStart, locale)) : t('noCreditsSpent')}
        </p>
      ) : (
        <ul className="categories">
          {period.categories.map(({ category, credits }) => (
            <li key={category} className="category">
              <span className="category__name">{categoryLabel(category)}</span>
              <span className="category__bar" aria-hidden="true">
                <span style={{ width: `${largest > 0 ? Math.max(2, (credits / largest) * 100) : 0}%` }} />
              </span>
              <span className="category__value">{formatCount(credits, locale)}</span>
            </li>
          ))}
        </ul>
      )}
      <DailyChart usage={usage} now={now} locale={locale} />
    </section>
  );
}

const CHART_DAYS = 30;
const WIDTH = 300;
const HEIGHT = 44;
const GAP = 2;

/** SVG bars of the daily credits, with a text summary and the non-zero days for screen readers. */
export function DailyChart({ usage, now, locale }: { usage: Usage; now: number; locale: string }) {
  const captionId = useId();
  const detailsId = useId();
  const days = dailyTotals(usage.days, now, CHART_DAYS);
  if (days.length === 0) return null;
  const total = days.reduce((sum, day) => sum + day.credits, 0);
  const peak = days.reduce((best, day) => (day.credits > best.credits ? day : best), days[0]!);
  const slot = WIDTH / days.length;
  const barWidth = slot - GAP;
  const busyDays = days.filter((day) => day.credits > 0);
  const caption =
    total === 0
      ? t('chartNone')
      : t('chartSummary', [creditsLabel(total, locale), formatShortDate(peak.date, locale), formatCount(peak.credits, locale)]);

  return (
    <figure className="chart">
      <svg
        className="chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby={captionId}
        aria-describedby={busyDays.length > 0 ? detailsId : undefined}
      >
        {days.map((day, index) => {
          const height = peak.credits > 0 ? Math.max(day.credits > 0 ? 2 : 0, (day.credits / peak.credits) * (HEIGHT - 2)) : 0;
          const isToday = index === days.length - 1;
          return (
            <g key={day.date}>
              <title>{`${formatShortDate(day.date, locale)}: ${creditsLabel(day.credits, locale)}`}</title>
              <rect className="chart__slot" x={index * slot} y={0} width={slot} height={HEIGHT} />
              <rect className="chart__base" x={index * slot + GAP / 2} y={HEIGHT - 1} width={barWidth} height={1} />
              {height > 0 ? (
                <rect
                  className={isToday ? 'chart__bar chart__bar--today' : 'chart__bar'}
                  x={index * slot + GAP / 2}
                  y={HEIGHT - height}
                  width={barWidth}
                  height={height}
                  rx={1.5}
                />
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__caption">
        <span className="chart__axis" aria-hidden="true">
          <span>{formatShortDate(days[0]!.date, locale)}</span>
          <span>{t('today')}</span>
        </span>
        <span id={captionId}>{caption}</span>
      </figcaption>
      {busyDays.length > 0 ? (
        <p id={detailsId} className="visually-hidden">
          {busyDays.map((day) => `${formatShortDate(day.date, locale)}: ${formatCount(day.credits, locale)}`).join(', ')}
        </p>
      ) : null}
    </figure>
  );
}
