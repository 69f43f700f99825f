import { useId, useState } from 'react';
import type { PurchaseItem } from '@/utils/billing/schemas';
import { PurchaseButton } from '../PurchaseButton';
import type { BannerModel } from './model';
import { messageLocale } from '@/utils/i18n';
import { warningStrings as t } from './strings';

export interface BannerProps {
  model: BannerModel;
  onBuy: (item: PurchaseItem) => void;
}

/**
 * The in-page warning for one list: a status ("73 prospects selected · Enrich uses 73
 * credits · 339 left after") or, when credits are short, an alert with what to buy.
 * Everything is React text: nothing from the page or the API is inserted as HTML.
 */
export function Banner({ model, onBuy }: BannerProps) {
  const [expanded, setExpanded] = useState(false);
  const othersId = useId();
  const short = model.level === 'short';
  return (
    <div
      className="root banner"
      role={short ? 'alert' : 'status'}
      aria-label={t.bannerName()}
      lang={messageLocale()}
      data-level={model.level}
      data-estimated={model.estimated || undefined}
    >
      <Mark short={short} />
      <div className="body">
        <p className="headline">
          <span>{model.headline}</span>
          {model.others.length > 0 ? (
            <button
              type="button"
              className="link more"
              aria-expanded={expanded}
              aria-controls={othersId}
              onClick={() => setExpanded((open) => !open)}
            >
              {t.moreActions(model.others.length)}
            </button>
          ) : null}
        </p>
        {model.note ? <p className="note">{model.note}</p> : null}
        {model.others.length > 0 ? (
          <>
            {expanded ? (
              <ul className="others" id={othersId}>
                {model.others.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
        {model.buy || model.upgrade ? (
          <div className="offers">
            {model.buy ? (
              <PurchaseButton
                className="primary"
                label={model.buy.label}
                busy={model.buy.busy}
                disabled={model.buy.disabled}
                onBuy={() => model.buy && onBuy(model.buy.item)}
              />
            ) : null}
            {model.upgrade ? (
              <PurchaseButton
                label={model.upgrade.label}
                busy={model.upgrade.busy}
                disabled={model.upgrade.disabled}
                onBuy={() => model.upgrade && onBuy(model.upgrade.item)}
              />
            ) : null}
          </div>
        ) : null}
        {model.offerNote ? <p className="note">{model.offerNote}</p> : null}
        {model.purchaseError ? <p className="note error">{model.purchaseError}</p> : null}
      </div>
    </div>
  );
}

/** A coin, or an exclamation mark when credits are short. Decoration only. */
function Mark({ short }: { short: boolean }) {
  return (
    <svg className="mark" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="10" fill="currentColor" />
      {short ? (
        <>
          <rect x="8.9" y="4.5" width="2.2" height="7.5" rx="1.1" fill="#fff" />
          <circle cx="10" cy="14.8" r="1.3" fill="#fff" />
        </>
      ) : (
        <>
          <circle cx="10" cy="10" r="5.6" fill="none" stroke="#fff" strokeWidth="1.7" />
          <circle cx="10" cy="10" r="2" fill="#fff" />
        </>
      )}
    </svg>
  );
}
