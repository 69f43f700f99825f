import type { ButtonHTMLAttributes } from 'react';

export interface PurchaseButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'children'> {
  /** The accessible name, e.g. "Buy 50 credits · $25.00" or "Upgrade to Pro · $99.00/month". */
  label: string;
  /** This purchase is being created: show progress, refuse a second click. */
  busy: boolean;
  /** Another purchase is pending, or buying is not possible now. */
  disabled?: boolean;
  onBuy: () => void;
}

/**
 * A Buy or Upgrade button, shared by the popup and the in-page warning. While a purchase is
 * pending it stays in place (no layout jump), says so, and cannot start a second one.
 */
export function PurchaseButton({ label, busy, disabled = false, onBuy, className, ...rest }: PurchaseButtonProps) {
  const unavailable = busy || disabled;
  return (
    <button
      type="button"
      {...rest}
      className={className}
      aria-disabled={unavailable || undefined}
      aria-busy={busy || undefined}
      onClick={() => {
        if (!unavailable) onBuy();
      }}
    >
      {label}
      {busy ? <span className="purchase-progress"> · opening checkout…</span> : null}
    </button>
  );
}
