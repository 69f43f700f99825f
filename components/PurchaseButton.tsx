import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { t } from '@/utils/i18n';

export interface PurchaseButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'children'> {
  /** The accessible name, e.g. "Buy 50 credits · $25.00" or "Upgrade to Pro · $99.00/month". */
  label: string;
  /**
   * With `children`: the name while busy, when the progress replaces some of the visible words
   * (the name must hold the visible words, in order). Default: `label` and the progress.
   */
  busyLabel?: string;
  /** This purchase is being created: show progress, refuse a second click. */
  busy: boolean;
  /** Another purchase is pending, or buying is not possible now. */
  disabled?: boolean;
  onBuy: () => void;
  /**
   * Optional richer visible content (e.g. a package tile). The accessible name stays `label`,
   * which must contain the visible words, in their order, so speech users can say what they
   * see (WCAG 2.5.3).
   */
  children?: ReactNode;
}

/**
 * A Buy or Upgrade button of the popup (the in-page warning has its plain-DOM twin in
 * components/warning/banner.ts). While a purchase is pending it stays in place (no layout
 * jump), says so, and cannot start a second one. It uses aria-disabled rather than disabled so
 * it keeps keyboard focus while it waits.
 */
export function PurchaseButton({
  label,
  busyLabel,
  busy,
  disabled = false,
  onBuy,
  className,
  children,
  ...rest
}: PurchaseButtonProps) {
  const unavailable = busy || disabled;
  const rich = children !== undefined && children !== null;
  const progress = t('openingCheckout');
  return (
    <button
      type="button"
      {...rest}
      className={className}
      aria-label={rich ? (busy ? (busyLabel ?? `${label} · ${progress}`) : label) : rest['aria-label']}
      aria-disabled={unavailable || undefined}
      aria-busy={busy || undefined}
      data-busy={busy || undefined}
      onClick={() => {
        if (!unavailable) onBuy();
      }}
    >
      {rich ? children : label}
      {busy && rich ? (
        <>
          {' '}
          <span className="purchase-progress">
            <span className="purchase-spinner" aria-hidden="true" />
            {progress}
          </span>
        </>
      ) : null}
      {busy && !rich ? <span className="purchase-progress"> · {progress}</span> : null}
    </button>
  );
}
