import { browser } from 'wxt/browser';
import type { PurchaseItem } from '../billing/schemas';
import { creditLevel } from '../credits/badge';
import type { Snapshot } from '../snapshot';
import { lowBalanceNotifiedItem, settingsItem } from '../storage';

export const LOW_BALANCE_NOTIFICATION = 'low-balance';

/** The smallest package: what the notification's Buy button buys. */
function smallestPackage(snapshot: Snapshot) {
  const packages = snapshot.catalog?.packages ?? [];
  return packages.reduce<(typeof packages)[number] | null>(
    (best, pkg) => (best === null || pkg.credits < best.credits ? pkg : best),
    null,
  );
}

/**
 * Once per credit period, when the balance falls to 10 % or less, say so with a Buy button
 * (optional, on by default).
 */
export async function notifyIfLow(snapshot: Snapshot): Promise<void> {
  const summary = snapshot.summary;
  if (!summary || !browser.notifications || snapshot.lastError) return;
  if (creditLevel(summary.credits) !== 'critical') return;
  const settings = await settingsItem.getValue();
  if (!settings.lowBalanceNotification) return;
  const period = `${summary.account.id}:${summary.credits.included.resetsAt ?? summary.plan.renewsAt ?? 'none'}`;
  if ((await lowBalanceNotifiedItem.getValue()) === period) return;
  await lowBalanceNotifiedItem.setValue(period);
  const pkg = smallestPackage(snapshot);
  const canBuy = summary.account.role === 'admin' && pkg !== null;
  const remaining = summary.credits.remaining;
  await browser.notifications.create(LOW_BALANCE_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: 'Deskflow credits are running low',
    message: `${remaining} ${remaining === 1 ? 'credit' : 'credits'} left on ${summary.account.name}.`,
    // Firefox has no notification buttons; there the notification only informs.
    ...(canBuy && import.meta.env.FIREFOX !== true ? { buttons: [{ title: `Buy ${pkg.credits} credits` }] } : {}),
  });
}

/** The purchase the notification's button asks for, if it is ours. */
export async function onNotificationButton(id: string, snapshot: Snapshot): Promise<PurchaseItem | null> {
  if (id !== LOW_BALANCE_NOTIFICATION) return null;
  const pkg = smallestPackage(snapshot);
  return pkg ? { packageId: pkg.id } : null;
}
