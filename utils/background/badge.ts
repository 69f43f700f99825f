import { browser } from 'wxt/browser';
import { badgeFor, type BadgeInput } from '../credits/badge';
import { userLocale } from '../i18n';
import { popupPathFor, popupPreviewOf } from '../popup-preview';
import type { Settings } from '../settings';
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

/**
 * Paint the toolbar button (MV3 `action`, Firefox MV2 `browserAction`): the badge, its tooltip,
 * and the popup's URL with the preview the popup paints first (utils/popup-preview.ts).
 */
export async function applyToolbar(snapshot: Snapshot, settings: Settings, now: number): Promise<void> {
  const badge = badgeFor(badgeInputOf(snapshot), { now, locale: userLocale() });
  const action = browser.action ?? browser.browserAction;
  await Promise.all([
    action.setBadgeText({ text: badge.text }),
    action.setBadgeBackgroundColor({ color: badge.color }),
    action.setTitle({ title: badge.title }),
    action.setBadgeTextColor?.({ color: '#ffffff' }),
    action.setPopup({ popup: popupPathFor(popupPreviewOf(snapshot, settings)) }),
  ]);
}
