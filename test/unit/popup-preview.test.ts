import { describe, expect, it } from 'vitest';
import { buildConfig } from '@/utils/config';
import { popupPathFor, popupPreviewOf, readPopupPreview, type PopupPreview } from '@/utils/popup-preview';
import type { Usage } from '@/utils/billing/schemas';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { SIGNED_OUT, signedIn } from '../fixtures/snapshots';

// Typed loosely: a usage day is `date` plus one number per category (the schema's catchall).
const USAGE = { from: '2026-10-28', to: '2026-11-26', days: [{ date: '2026-11-24', bulk: 60, api: 4 }] } as unknown as Usage;

/** The fragment of a popup path, as `location.hash` reads it in the opened popup. */
const hashOf = (path: string) => new URL(path, 'chrome-extension://abcdefghijklmnop/').hash;

describe('popupPreviewOf: only the everyday case has a preview', () => {
  it('signed in with a summary and nothing failed: the summary, the usage and the app to link to', () => {
    const snapshot = signedIn({}, { usage: USAGE });
    expect(popupPreviewOf(snapshot, DEFAULT_SETTINGS)).toEqual({
      summary: snapshot.summary,
      usage: USAGE,
      appOrigin: buildConfig.appOrigin,
    });
    expect(popupPreviewOf(snapshot, { ...DEFAULT_SETTINGS, appOrigin: 'https://app.acme.test' })?.appOrigin).toBe('https://app.acme.test');
  });

  it('signed out, no summary yet, or a failure to show first: no preview (React paints those)', () => {
    expect(popupPreviewOf(SIGNED_OUT, DEFAULT_SETTINGS)).toBeNull();
    expect(popupPreviewOf(signedIn({}, { summary: null }), DEFAULT_SETTINGS)).toBeNull();
    const failed = signedIn({}, { lastError: { kind: 'network', message: 'Deskflow did not answer.', at: 1, retryAt: null } });
    expect(popupPreviewOf(failed, DEFAULT_SETTINGS)).toBeNull();
  });
});

describe('popupPathFor / readPopupPreview', () => {
  const preview: PopupPreview = { summary: signedIn().summary!, usage: USAGE, appOrigin: 'https://app.acme.test' };

  it('the plain page without a preview', () => {
    expect(popupPathFor(null)).toBe('/popup.html');
    expect(readPopupPreview(hashOf(popupPathFor(null)))).toBeNull();
  });

  it('round-trips the preview through the popup URL, names with any characters included', () => {
    const odd: PopupPreview = { ...preview, summary: { ...preview.summary, account: { ...preview.summary.account, name: 'Ünïcode & #1 "Sales" 100%/50' } } };
    for (const p of [preview, odd, { ...preview, usage: null }]) {
      const path = popupPathFor(p);
      expect(path.startsWith('/popup.html#')).toBe(true);
      expect(readPopupPreview(hashOf(path))).toEqual(p);
    }
  });

  it('anything else in the fragment is no preview, never an error', () => {
    const encode = (value: unknown) => `#${encodeURIComponent(JSON.stringify(value))}`;
    const bad = [
      '',
      '#',
      '#not-json',
      '#%E0%A4%A', // not URI-encoded text
      encode(null),
      encode([preview]),
      encode({ ...preview, appOrigin: 'javascript:alert(1)' }), // the links must go to an http(s) app
      encode({ ...preview, summary: { ...preview.summary, credits: { ...preview.summary.credits, remaining: -5 } } }),
      encode({ summary: preview.summary, appOrigin: preview.appOrigin }), // usage missing (null is explicit)
    ];
    for (const hash of bad) expect(readPopupPreview(hash), hash).toBeNull();
  });
});
