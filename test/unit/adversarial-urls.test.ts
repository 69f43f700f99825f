// @vitest-environment node
/**
 * Adversarial: the checkout and portal allowlist (billing-api.md: `https:`, host exactly
 * `checkout.stripe.com` / `billing.stripe.com`, no user name or password; development builds
 * also accept `localhost` and `127.0.0.1`). test/unit/checkout.test.ts has the basic schemes,
 * look-alikes, credentials, relative and non-string URLs; this file adds portal variants,
 * IDN/punycode and homoglyph hosts, backslashes, tabs and newlines, percent-encoding, trailing
 * dots, IPv6 and other spellings of loopback, and a generated family of near-miss hosts — and
 * checks end to end that the background never opens a hostile URL the API sends.
 *
 * Decisions recorded here:
 * - A URL that the browser's own URL parser (the one `tabs.create` uses) canonicalises to
 *   exactly `https://checkout.stripe.com/…` is Stripe, whatever its spelling (upper case,
 *   `:443`, `%2E` or full-width dots, a tab or newline inside, backslashes for slashes): it is
 *   accepted, because it opens Stripe. Everything that canonicalises to another host is refused.
 * - `[::1]` (and `[::ffff:127.0.0.1]`, `0.0.0.0`, `127.0.0.2`) are refused even in a development
 *   build: the spec names only `localhost` and `127.0.0.1`. Numeric spellings of 127.0.0.1
 *   (`127.1`, `2130706433`, `0x7f.0.0.1`) are 127.0.0.1 to the parser, so a development build
 *   accepts them; a production build refuses all of them.
 * - `checkout.stripe.com.` (trailing dot) is refused: the host is not exactly Stripe's.
 */
import fc from 'fast-check';
import { describe, expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isAllowedStripeUrl, type StripePage } from '@/utils/checkout';
import { parseSnapshot } from '@/utils/snapshot';
import { snapshotItem } from '@/utils/storage';
import { backgroundHarness, EXTENSION_PAGE } from '../harness';
import { reliabilityReport } from './report';

const report = reliabilityReport('Checkout and portal URLs', 'adversarial-urls.test.ts', 3);

const HOST: Record<StripePage, string> = { checkout: 'checkout.stripe.com', portal: 'billing.stripe.com' };
const OTHER: Record<StripePage, StripePage> = { checkout: 'portal', portal: 'checkout' };

/** Hostile spellings for a page, `{h}` standing for its host (e.g. checkout.stripe.com). */
const HOSTILE_TEMPLATES = [
  // schemes
  'http://{h}/c/pay/cs_1', 'HTTP://{h}/c', 'ftp://{h}/c', 'ws://{h}/c', 'wss://{h}/c', 'javascript://{h}/%0aalert(1)',
  'java\nscript:alert(1)', 'data:text/html,<a href=https://{h}>', 'blob:https://{h}/0b8e0f7c', 'view-source:https://{h}/c',
  'filesystem:https://{h}/temporary/x', 'chrome://settings', 'chrome-extension://abcdefghijklmnop/popup.html', 'about:blank',
  'file://{h}/etc/passwd', 'jar:https://{h}/x!/', 'https:', 'https://',
  // credentials
  'https://user:pass@{h}/c', 'https://user@{h}/c', 'https://:pass@{h}/c', 'https://{h}:@evil.test/c', 'https://{h}%2F@evil.test/c',
  'https://{h}%40evil.test@evil.test/', 'https://evil.test\n@{h}/c',
  // look-alike hosts
  'https://{h}.evil.test/c', 'https://{h}.evil.test', 'https://evil.test/{h}', 'https://evil.test?{h}', 'https://evil.test#{h}',
  'https://www.{h}/c', 'https://{h}.co/c', 'https://{h}m/c', 'https://{h}./c', 'https://{h}../c', 'https://x.{h}/c', 'https://stripe.com/c',
  'https://pay.stripe.com/c', 'https://{h}-evil.test/c', 'https://evil{h}/c', 'https://{h}.stripe.com/c',
  // IDN, punycode and homoglyphs (Cyrillic с/е/о, Greek ο, dotless ı, Latin-1 í)
  'https://\u0441heckout.stripe.com/c', 'https://checkout.strip\u0435.com/c', 'https://checkout.stripe.c\u043em/c',
  'https://billing.stripe.c\u03bfm/c', 'https://b\u0131lling.stripe.com/c', 'https://checkout.str\u00edpe.com/c',
  'https://xn--heckout-xjg.stripe.com/c', 'https://checkout.xn--strpe-1sa.com/c', 'https://xn--checkout-stripe-com.evil/c',
  'https://{h}\u2044evil.test/c', 'https://{h}\u2215evil.test/c', 'https://{h}\uff0fevil.test/c',
  // backslashes
  'https://evil.test\\@{h}/c', 'https://evil.test\\{h}', 'https:\\\\evil.test\\{h}', '\\\\{h}\\c',
  // tabs and newlines inside
  'https://{h}\t.evil.test/c', 'https://{h}\n.evil.test/c', 'https://{h}\r\n.evil.test/', 'https://ev\til.test/{h}',
  // percent-encoded hosts
  'https://{h}%2eevil.test/c', 'https://{h}%2Eevil%2Etest/c', 'https://evil%2Etest/c', 'https://{h}%252eevil.test/c',
  'https://{h}%00.evil.test/c', 'https://%68ttps://{h}',
  // ports and addresses
  'https://{h}:8443/c', 'https://{h}:444/c', 'https://{h}:0/c', 'https://{h}:80/c', 'https://{h}:65535/c', 'https://54.187.174.169/c',
  'https://[2606:4700::1]/c',
  // loopback (refused in production; in development only the spec's two hosts pass)
  'http://localhost:4010/checkout/cs_1', 'http://127.0.0.1:4010/c', 'https://localhost/c', 'http://[::1]:4010/c',
  'http://127.1:4010/c', 'http://2130706433/c', 'http://0x7f.0.0.1/c',
  // relative and odd
  '/c/pay/cs_1', '//{h}/c', '{h}/c/pay', '?{h}', '#{h}', '.', 'https//{h}/c', ' ', '\u0000',
  `https://{h}/${'a'.repeat(5000)}`,
];
/** Hosts a development build also accepts (billing-api.md). */
const DEV_LOOPBACK_OK = new Set([
  'http://localhost:4010/checkout/cs_1', 'http://127.0.0.1:4010/c', 'https://localhost/c',
  'http://127.1:4010/c', 'http://2130706433/c', 'http://0x7f.0.0.1/c',
]);
/** Loopback look-alikes refused by every build. */
const DEV_HOSTILE = [
  'http://[::1]:4010/c', 'http://[::ffff:127.0.0.1]/c', 'http://[0:0:0:0:0:0:0:1]/c', 'http://0.0.0.0:4010/c',
  'http://127.0.0.2/c', 'http://localhost./c', 'http://localhost.evil.test/c', 'http://127.0.0.1.nip.io/c',
  'http://localhost@evil.test/c', 'http://evil.test#@localhost/c', 'http://evil.test\\@localhost/c', 'http://user:pw@localhost/c',
  'http://l\u043ecalhost/c', 'http://localhost%2eevil.test/c', 'ws://localhost:4010/c', 'file://localhost/etc/passwd',
  'javascript://localhost/%0aalert(1)', 'data:text/html,localhost', 'http://loca\tlhost.evil.test/c',
];
/** Other spellings of the real host: the browser opens Stripe itself, so they are accepted. */
const EQUIVALENT_TEMPLATES = [
  'https://{h}/c/pay/cs_1#fid', 'HTTPS://UPPER/c', 'https://{h}:443/c', 'https://PCT/c',
  'https://NEWLINE/c', 'https:\\\\{h}\\c', 'https:{h}/c', ' https://{h}/c ', 'https://FULLWIDTH/c', 'https://{h}#@evil.test',
  'https://{h}?@evil.test', 'https://{h}\\@evil.test/',
];

function expand(template: string, page: StripePage): string {
  const host = HOST[page];
  const [first, ...rest] = host.split('.');
  return template
    .replaceAll('UPPER', host.toUpperCase())
    .replaceAll('PCT', host.replaceAll('.', '%2E'))
    .replaceAll('NEWLINE', `${first}\n.${rest.join('.')}`)
    .replaceAll('FULLWIDTH', host.replaceAll('.', '\uff0e'))
    .replaceAll('{h}', host);
}

const PAGES: StripePage[] = ['checkout', 'portal'];

describe('the allowlist, production build', () => {
  for (const page of PAGES) {
    report.check(`${page}: every hostile spelling is refused (schemes, credentials, look-alikes, IDN, \\, tabs, %-encoding, ports, loopback, relative)`, (t) => {
      for (const template of HOSTILE_TEMPLATES) {
        const url = expand(template, page);
        expect([url, isAllowedStripeUrl(url, page, false)]).toEqual([url, false]);
        t.add({ cases: 1, hostileUrls: 1 });
      }
    });

    report.check(`${page}: the other Stripe page's host is refused`, (t) => {
      for (const url of [`https://${HOST[OTHER[page]]}/c/pay/cs_1`, `https://${HOST[OTHER[page]]}/p/session/x`]) {
        expect(isAllowedStripeUrl(url, page, false)).toBe(false);
        t.add({ cases: 1, hostileUrls: 1 });
      }
    });

    report.check(`${page}: spellings the browser canonicalises to exactly ${HOST[page]} are accepted (they open Stripe)`, (t) => {
      for (const template of EQUIVALENT_TEMPLATES) {
        const url = expand(template, page);
        expect([url, isAllowedStripeUrl(url, page, false)]).toEqual([url, true]);
        const parsed = new URL(url);
        expect([parsed.protocol, parsed.hostname, parsed.port, parsed.username, parsed.password]).toEqual(['https:', HOST[page], '', '', '']);
        t.add({ cases: 1 });
      }
    });

    report.check(`${page}: non-strings (String objects, objects with toString, URL objects, arrays) are refused`, (t) => {
      const href = `https://${HOST[page]}/c`;
      const values: unknown[] = [new String(href), { toString: () => href }, { href }, new URL(href), [href], Symbol(href), 1n];
      for (const value of values) {
        expect(isAllowedStripeUrl(value, page, false)).toBe(false);
        t.add({ cases: 1, hostileUrls: 1 });
      }
    });
  }

  /** Near misses of the host: one ASCII edit (insert, delete, replace) or an added label. */
  function nearMiss(host: string): fc.Arbitrary<string> {
    const ch = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-.');
    const at = fc.nat(host.length);
    return fc.oneof(
      fc.tuple(at, ch).map(([i, c]) => host.slice(0, i) + c + host.slice(i)),
      at.filter((i) => i < host.length).map((i) => host.slice(0, i) + host.slice(i + 1)),
      fc.tuple(at.filter((i) => i < host.length), ch).map(([i, c]) => host.slice(0, i) + c + host.slice(i + 1)),
      fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((label) => `${label}.${host}`),
      fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((label) => `${host}.${label}`),
    );
  }

  for (const page of PAGES) {
    report.check(`${page}: generated near-miss hosts, schemes, credentials and ports → accepted iff the host is exactly ${HOST[page]} over https, no credentials, no port`, (t) => {
      fc.assert(
        fc.property(
          fc.constantFrom('https', 'http', 'javascript', 'data', 'wss', 'HTTPS'),
          fc.constantFrom('', 'u@', 'u:p@', ':p@', `${HOST[page]}@`),
          fc.oneof(nearMiss(HOST[page]), fc.constant(HOST[page])),
          fc.constantFrom('', ':443', ':8443', ':1'),
          fc.webPath(),
          fc.option(fc.webQueryParameters(), { nil: undefined }),
          fc.option(fc.webFragments(), { nil: undefined }),
          (scheme, userinfo, host, port, path, query, fragment) => {
            const url = `${scheme}://${userinfo}${host}${port}${path}${query === undefined ? '' : `?${query}`}${fragment === undefined ? '' : `#${fragment}`}`;
            const expected = scheme.toLowerCase() === 'https' && userinfo === '' && host === HOST[page] && (port === '' || port === ':443');
            expect([url, isAllowedStripeUrl(url, page, false)]).toEqual([url, expected]);
            t.add({ cases: 1, hostileUrls: expected ? 0 : 1 });
          },
        ),
        { numRuns: 200 },
      );
    });
  }

  report.check('any string at all: accepted only when the browser would open https://<Stripe host> without credentials or port', (t) => {
    const strings = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.webUrl({ withFragments: true, withQueryParameters: true, authoritySettings: { withUserInfo: true, withPort: true, withIPv4: true, withIPv6: true } }),
      fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom('checkout.stripe.com', 'billing.stripe.com'), fc.string({ maxLength: 12 })).map(
        ([a, host, b]) => `https://${a}${host}${b}`,
      ),
    );
    fc.assert(
      fc.property(strings, fc.constantFrom(...PAGES), (url, page) => {
        if (!isAllowedStripeUrl(url, page, false)) {
          t.add({ cases: 1, hostileUrls: 1 });
          return;
        }
        const parsed = new URL(url);
        expect([parsed.protocol, parsed.hostname, parsed.port, parsed.username, parsed.password]).toEqual(['https:', HOST[page], '', '', '']);
        t.add({ cases: 1 });
      }),
      { numRuns: 200 },
    );
  });
});

describe('the allowlist, development build', () => {
  report.check('only localhost and 127.0.0.1 (any spelling the parser maps to them) are added; [::1], 0.0.0.0, 127.0.0.2 and look-alikes stay refused', (t) => {
    for (const page of PAGES) {
      for (const template of HOSTILE_TEMPLATES) {
        const url = expand(template, page);
        expect([url, isAllowedStripeUrl(url, page, true)]).toEqual([url, DEV_LOOPBACK_OK.has(template)]);
        t.add({ cases: 1, hostileUrls: DEV_LOOPBACK_OK.has(template) ? 0 : 1 });
      }
      for (const url of DEV_HOSTILE) {
        expect([url, isAllowedStripeUrl(url, page, true)]).toEqual([url, false]);
        t.add({ cases: 1, hostileUrls: 1 });
      }
    }
  });
});

// ---- end to end: whatever the API answers, the background opens only allowlisted URLs -----

describe('the background with a hostile API', () => {
  const { sandbox, signedIn } = backgroundHarness({ skipBackoff: true, clock: 'hourly' });

  /** Hostile for this (development) build too: not Stripe, not the two loopback hosts. */
  const apiUrls = (page: StripePage) =>
    [...HOSTILE_TEMPLATES.filter((t) => !DEV_LOOPBACK_OK.has(t)).map((t) => expand(t, page)), ...DEV_HOSTILE].filter(
      (url) => url.length < 4096 && url.trim() !== '' && url !== '\u0000',
    );

  report.check('a checkout session whose url is hostile is never opened; the user is told; the next attempt gets a fresh key', async (t) => {
    const bg = await signedIn();
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    for (const url of apiUrls('checkout')) {
      sandbox.setFault('checkout', { type: 'status', status: 201, body: { id: 'cs_test_evil', url }, times: 1 });
      const answer = await bg.handleMessage({ type: 'startPurchase', item: { packageId: 'pkg_100' } }, EXTENSION_PAGE);
      expect([url, answer]).toMatchObject([url, { ok: false, error: { kind: 'unsafe_url' } }]);
      t.add({ cases: 1, faults: 1, hostileUrls: 1 });
    }
    expect(created).not.toHaveBeenCalled();
    const snapshot = parseSnapshot(await snapshotItem.getValue());
    expect(snapshot.purchase).toMatchObject({ state: 'failed', error: expect.stringContaining('not Stripe Checkout') });
    const keys = new Set(sandbox.requests().log.filter((r) => r.endpoint === 'checkout').map((r) => r.idempotencyKey));
    expect(keys.size).toBe(apiUrls('checkout').length);
  }, 20_000);

  report.check('a portal session whose url is hostile is never opened', async (t) => {
    const bg = await signedIn();
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    for (const url of apiUrls('portal')) {
      sandbox.setFault('portal', { type: 'status', status: 201, body: { url }, times: 1 });
      const answer = await bg.handleMessage({ type: 'openPortal' }, EXTENSION_PAGE);
      expect([url, answer]).toMatchObject([url, { ok: false, error: { kind: 'unsafe_url' } }]);
      t.add({ cases: 1, faults: 1, hostileUrls: 1 });
    }
    expect(created).not.toHaveBeenCalled();
    // The sandbox's own (loopback) portal still opens in this development build.
    expect(await bg.handleMessage({ type: 'openPortal' }, EXTENSION_PAGE)).toEqual({ ok: true, value: null });
    expect(created).toHaveBeenCalledTimes(1);
    t.add({ cases: 1 });
  }, 20_000);
});
