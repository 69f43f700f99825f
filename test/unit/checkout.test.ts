// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllowedStripeUrl, newIdempotencyKey } from '@/utils/checkout';

describe('the checkout and portal allowlist', () => {
  it.each([
    ['https://checkout.stripe.com/c/pay/cs_test_a1B2c3', 'checkout'],
    ['https://billing.stripe.com/p/session/test_YWNjdF8x', 'portal'],
  ] as const)('opens %s in production', (url, page) => {
    expect(isAllowedStripeUrl(url, page, false)).toBe(true);
  });

  it.each([
    'http://checkout.stripe.com/c/pay/cs_1',
    'https://checkout.stripe.com.evil.test/c/pay/cs_1',
    'https://evil.test/checkout.stripe.com',
    'https://evilcheckout.stripe.com/c',
    'https://user:pass@checkout.stripe.com/c/pay/cs_1',
    'https://user@checkout.stripe.com/c/pay/cs_1',
    'https://checkout.stripe.com:8443/c/pay/cs_1',
    'https://billing.stripe.com/p/session/x',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    '//checkout.stripe.com/c/pay/cs_1',
    '/c/pay/cs_1',
    '',
    ' https://checkout.stripe.com.evil.test',
    'http://localhost:4010/checkout/cs_1',
    'http://127.0.0.1:4010/checkout/cs_1',
  ])('refuses %s for checkout in production', (url) => {
    expect(isAllowedStripeUrl(url, 'checkout', false)).toBe(false);
  });

  it.each([null, undefined, 42, {}, ['https://checkout.stripe.com/c'], new URL('https://checkout.stripe.com/c')])(
    'refuses a non-string %s',
    (url) => {
      expect(isAllowedStripeUrl(url, 'checkout', false)).toBe(false);
    },
  );

  it('accepts the loopback origins, over http too, only in a development build', () => {
    for (const url of ['http://localhost:4010/checkout/cs_1', 'http://127.0.0.1:4010/portal/p_1', 'https://localhost/x']) {
      expect(isAllowedStripeUrl(url, 'checkout', true)).toBe(true);
      expect(isAllowedStripeUrl(url, 'checkout', false)).toBe(false);
    }
    expect(isAllowedStripeUrl('http://localhost.evil.test/checkout', 'checkout', true)).toBe(false);
    expect(isAllowedStripeUrl('http://user:pw@localhost:4010/checkout', 'checkout', true)).toBe(false);
    expect(isAllowedStripeUrl('javascript:alert(1)//localhost', 'checkout', true)).toBe(false);
  });

  it('never accepts a host other than Stripe or loopback, whatever the string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.string()), (url) => {
        if (!isAllowedStripeUrl(url, 'checkout', true)) return;
        const { hostname } = new URL(url);
        expect(['checkout.stripe.com', 'localhost', '127.0.0.1']).toContain(hostname);
      }),
    );
  });
});

describe('idempotency keys', () => {
  it('are fresh uuid v4s', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
