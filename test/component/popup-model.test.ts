import { creditStrings } from '@/utils/credits/strings';
import { describe, expect, it } from 'vitest';
import {
  categoryLabel,
  meterMax,
  popupShortfall,
  popupView,
} from '@/components/popup/model';
import { SIGNED_OUT } from '@/utils/snapshot';
import { MINUTE, NOW, signedIn, summary } from './popup-fixtures';

const credits = (included: number, allowance: number, addOn: number) =>
  summary({ credits: { included: { remaining: included, allowance }, addOn: { remaining: addOn } } }).credits;

describe('popupShortfall', () => {
  it('is zero for a healthy balance', () => {
    expect(popupShortfall(credits(362, 500, 50))).toBe(0);
    expect(popupShortfall(credits(126, 500, 0))).toBe(0); // 25.2 %
  });

  it('is the smallest top-up that brings the balance back above 25 %', () => {
    // 125 of 500 is exactly 25 %: 1 credit makes 126 of 501.
    expect(popupShortfall(credits(125, 500, 0))).toBe(1);
    for (const [included, allowance, addOn] of [
      [0, 500, 0],
      [0, 500, 40],
      [30, 500, 10],
      [100, 2000, 0],
    ] as const) {
      const c = credits(included, allowance, addOn);
      const p = popupShortfall(c);
      const whole = allowance + addOn;
      expect((c.remaining + p) * 100).toBeGreaterThan((whole + p) * 25);
      expect((c.remaining + p - 1) * 100).toBeLessThanOrEqual((whole + p - 1) * 25);
    }
  });

  it('asks for at least one credit at zero with nothing to measure against', () => {
    expect(popupShortfall(credits(0, 0, 0))).toBe(1);
  });
});

describe('popupView', () => {
  it('tells each state apart', () => {
    expect(popupView(SIGNED_OUT, NOW).kind).toBe('signed-out');
    expect(popupView(signedIn({ summary: null, fetchedAt: null }), NOW).kind).toBe('first-load');
    const error = { kind: 'network', message: 'Offline.', at: NOW, retryAt: null };
    expect(popupView(signedIn({ summary: null, fetchedAt: null, lastError: error }), NOW)).toMatchObject({
      kind: 'no-data',
      notice: { kind: 'error' },
    });
    expect(popupView(signedIn(), NOW)).toMatchObject({ kind: 'summary', notice: null });
    expect(popupView(signedIn({ lastError: error }), NOW)).toMatchObject({ notice: { kind: 'error' } });
    expect(popupView(signedIn({ lastError: error, fetchedAt: NOW - 16 * MINUTE }), NOW)).toMatchObject({
      notice: { kind: 'stale' },
    });
    expect(
      popupView(signedIn({ lastError: { ...error, kind: 'rate_limited', retryAt: NOW + MINUTE } }), NOW),
    ).toMatchObject({ notice: { kind: 'rate-limited', retryAt: NOW + MINUTE } });
  });
});

describe('labels', () => {
  it('says plan statuses and categories in words, unknown ones by their key', () => {
    expect(creditStrings.planStatus('active', 'label')).toBeNull();
    expect(creditStrings.planStatus('trialing', 'label')).toBe('Trial');
    expect(creditStrings.planStatus('past_due', 'label')).toBe('Past due');
    expect(creditStrings.planStatus('canceled', 'label')).toBe('Canceled');
    expect(creditStrings.planStatus('paused_by_admin', 'label')).toBe('Paused by admin');
    expect(categoryLabel('bulk')).toBe('Bulk actions');
    expect(categoryLabel('voice-ai')).toBe('Voice ai');
    expect(categoryLabel('constructor')).toBe('Constructor');
  });

  it('scales the meter to the allowance plus add-ons, never below what remains', () => {
    expect(meterMax(credits(362, 500, 50))).toBe(550);
    expect(meterMax(credits(700, 500, 0))).toBe(700);
  });
});
