import { buildConfig } from './config';

/** Where Stripe pages may be opened from (billing-api.md). */
const ALLOWED_HOSTS = {
  checkout: 'checkout.stripe.com',
  portal: 'billing.stripe.com',
} as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

export type StripePage = keyof typeof ALLOWED_HOSTS;

/**
 * Whether a URL returned by the API may be opened: `https:`, host exactly Stripe's, no
 * credentials. A development build also accepts the loopback origins (over http too).
 */
export function isAllowedStripeUrl(
  url: unknown,
  page: StripePage,
  development: boolean = buildConfig.development,
): url is string {
  if (typeof url !== 'string' || url.length > 4096) return false;
  let parsed: URL;
  try {
    parsed = new URL(url); // no base: relative URLs are refused
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:' && parsed.hostname === ALLOWED_HOSTS[page] && parsed.port === '') {
    return true;
  }
  return (
    development &&
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    LOOPBACK_HOSTS.has(parsed.hostname)
  );
}

/** A fresh Idempotency-Key (uuid v4) for one purchase attempt. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
