import { useId, useState } from 'react';
import type { PurchaseItem } from '@/utils/billing/schemas';
import { PurchaseButton } from '../PurchaseButton';
import type { BannerModel } from './model';
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
      aria-label={t.bannerName}
      data-level={model.level}
      data-estimated={model.estimated || undefined}
    >
      <span className="mark" aria-hidden="true">
        {short ? '!' : 'c'}
      </span>
      <div className="body">
        <p className="headline">{model.headline}</p>
        {model.note ? <p className="note">{model.note}</p> : null}
        {model.others.length > 0 ? (
          <>
            <p>
              <button
                type="button"
                className="link"
                aria-expanded={expanded}
                aria-controls={othersId}
                onClick={() => setExpanded((open) => !open)}
              >
                {t.moreActions(model.others.length)}
              </button>
            </p>
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
        {model.purchaseError ? <p className="note error">{model.purchaseError}</p> : null}
      </div>
    </div>
  );
}
