import { browser } from 'wxt/browser';
import { badgeFor, type BadgeInput } from '../credits/badge';
import type { Snapshot } from '../snapshot';

/** What the badge is painted from. */
export function badgeInputOf(snapshot: Snapshot): BadgeInput {
  if (!snapshot.signedIn) return { kind: 'signed-out' };
  if (!snapshot.summary || snapshot.fetchedAt === null) {
    return { kind: 'unknown', reason: snapshot.lastError?.message ?? null };
  }
  return {
    kind: 'summary',
    summary: snapshot.summary,
    fetchedAt: snapshot.fetchedAt,
    lastError: snapshot.lastError?.message ?? null,
  };
}

/** Paint the toolbar badge (MV3 `action`, Firefox MV2 `browserAction`). */
export async function applyBadge(snapshot: Snapshot, now: number): Promise<void> {
  const badge = badgeFor(badgeInputOf(snapshot), { now, locale: globalThis.navigator?.language ?? 'en' });
  const action = browser.action ?? browser.browserAction;
  await Promise.all([
    action.setBadgeText({ text: badge.text }),
    action.setBadgeBackgroundColor({ color: badge.color }),
    action.setTitle({ title: badge.title }),
    action.setBadgeTextColor?.({ color: '#ffffff' }),
  ]);
}
