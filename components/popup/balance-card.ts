import type { Summary, Usage } from '@/utils/billing/schemas';
import { creditLevel, renewalLabel } from '@/utils/credits/badge';
import { forecast, type Forecast } from '@/utils/credits/forecast';
import { creditsLabel, formatCount, formatShortDate } from '@/utils/credits/format';
import { creditStrings } from '@/utils/credits/strings';
import { t } from '@/utils/i18n';
import { h, setAttributes } from '../dom';
import { meterMax } from './model';

export interface BalanceCardProps {
  summary: Summary;
  usage: Usage | null;
  now: number;
  locale: string;
  /** The data is stale: the number is shown muted (the notice above says why). */
  stale: boolean;
}

const levelWord = (level: 'good' | 'low' | 'critical') =>
  level === 'low' ? t('levelLow') : level === 'critical' ? t('levelCritical') : null;

/**
 * The big number, the meter (included used / left, add-on) and the run-out forecast, drawn into
 * `section`. Plain DOM, not React: the popup paints it from its URL before React has loaded
 * (components/popup/first-paint.ts), and the React popup draws the same card with it
 * (Popup.tsx, through useDrawn), so both are one drawing. Text goes in as text, never as HTML.
 */
export function drawBalanceCard(section: HTMLElement, { summary, usage, now, locale, stale }: BalanceCardProps): void {
  const doc = section.ownerDocument;
  const { credits } = summary;
  const level = creditLevel(credits);
  const max = meterMax(credits);
  const includedLeft = Math.min(credits.included.remaining, credits.included.allowance);
  const includedUsed = Math.max(0, credits.included.allowance - credits.included.remaining);
  const addOn = credits.addOn.remaining;
  const width = (n: number) => `width: ${max > 0 ? (n / max) * 100 : 0}%`;
  const chip = stale ? null : levelWord(level);
  // "renews Dec 1" for a renewing plan, else when the included credits reset.
  const renewal = renewalLabel(summary, locale);
  const swatch = (kind: string) => h(doc, 'span', { class: `swatch swatch--${kind}`, 'aria-hidden': 'true' });
  const forecastLine = usage ? forecastParagraph(doc, summary, usage, now, locale) : null;

  setAttributes(section, { class: `card balance balance--${stale ? 'stale' : level}`, 'aria-labelledby': 'balance-title' });
  section.replaceChildren(
    h(doc, 'div', { class: 'balance__head' }, [
      h(doc, 'h2', { id: 'balance-title', class: 'eyebrow' }, [t('creditsRemaining')]),
      ...(chip ? [h(doc, 'span', { class: `chip chip--${level}` }, [chip])] : []),
      ...(renewal ? [h(doc, 'span', { class: 'balance__renewal' }, [renewal.charAt(0).toUpperCase() + renewal.slice(1)])] : []),
    ]),
    h(doc, 'p', { class: 'balance__number' }, [
      h(doc, 'span', { class: 'big-number' }, [formatCount(credits.remaining, locale)]),
      h(doc, 'span', { class: 'balance__unit' }, [creditStrings.creditUnit(credits.remaining)]),
    ]),
    h(
      doc,
      'div',
      {
        class: 'meter',
        role: 'meter',
        'aria-label': t('creditsRemaining'),
        'aria-valuenow': String(credits.remaining),
        'aria-valuemin': '0',
        'aria-valuemax': String(max),
        'aria-valuetext': t('meterValueText', [formatCount(credits.remaining, locale), creditsLabel(max, locale)]),
      },
      [
        ...(includedLeft > 0 ? [h(doc, 'span', { class: 'meter__part meter__part--included', style: width(includedLeft) })] : []),
        ...(addOn > 0 ? [h(doc, 'span', { class: 'meter__part meter__part--addon', style: width(addOn) })] : []),
      ],
    ),
    h(doc, 'ul', { class: 'legend' }, [
      h(doc, 'li', {}, [
        swatch('included'),
        t('legendIncluded', [formatCount(includedLeft, locale), formatCount(credits.included.allowance, locale)]),
      ]),
      ...(addOn > 0 ? [h(doc, 'li', {}, [swatch('addon'), t('legendAddOn', formatCount(addOn, locale))])] : []),
      h(doc, 'li', {}, [swatch('used'), t('legendUsed', formatCount(includedUsed, locale))]),
    ]),
    ...(forecastLine ? [forecastLine] : []),
  );
}

function forecastParagraph(doc: Document, summary: Summary, usage: Usage, now: number, locale: string): HTMLElement {
  const result = forecast({
    remaining: summary.credits.remaining,
    usageDays: usage.days,
    resetsAt: summary.credits.included.resetsAt,
    now,
  });
  return h(doc, 'p', { class: `forecast forecast--${result.kind}` }, [forecastText(result, summary, locale)]);
}

function forecastText(result: Forecast, summary: Summary, locale: string): string {
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
