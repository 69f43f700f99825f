import { browser } from 'wxt/browser';
import { PurchaseItemSchema, type PurchaseItem } from '../billing/schemas';
import { creditLevel } from '../credits/badge';
import { formatCount, formatMoney } from '../credits/format';
import { canBuy, shortfallToHealthy, smallestCoveringPackage } from '../credits/packages';
import { t, tp, userLocale } from '../i18n';
import { appOriginOf } from '../settings';
import type { Snapshot } from '../snapshot';
import { lowBalanceNotifiedItem, lowBalanceOfferItem, settingsItem } from '../storage';
import { appPageUrl } from '../app-pages';

export const LOW_BALANCE_NOTIFICATION = 'low-balance';

/**
 * The package the Buy button offers: the one the popup suggests (the smallest that brings the
 * balance back above 25 %, else the largest), so the notification and the popup agree.
 */
function offerFor(snapshot: Snapshot) {
  const summary = snapshot.summary;
  if (!summary || !canBuy(summary.account)) return null;
  return smallestCoveringPackage(snapshot.catalog?.packages ?? [], shortfallToHealthy(summary.credits))?.pkg ?? null;
}

/** A credit period: the account and when its included credits reset (or the plan renews). */
function periodOf(summary: NonNullable<Snapshot['summary']>): string {
  return `${summary.account.id}:${summary.credits.included.resetsAt ?? summary.plan.renewsAt ?? 'none'}`;
}

/**
 * Once per credit period, when the balance falls to 10 % or less (the badge's red level),
 * say so, with a button that buys the suggested package (optional, on by default). Only on
 * fresh data: a failed refresh says nothing new about the balance.
 */
export async function notifyIfLow(
  snapshot: Snapshot,
  {
    locale = userLocale(),
    // Firefox's notifications have no buttons: there a click on the notification opens billing.
    buttons = import.meta.env.FIREFOX !== true,
  }: { locale?: string; buttons?: boolean } = {},
): Promise<void> {
  const summary = snapshot.summary;
  if (!summary || !browser.notifications || snapshot.lastError) return;
  if (creditLevel(summary.credits) !== 'critical') return;
  const settings = await settingsItem.getValue();
  if (!settings.lowBalanceNotification) return;
  const period = periodOf(summary);
  if ((await lowBalanceNotifiedItem.getValue()) === period) return;
  await lowBalanceNotifiedItem.setValue(period);
  const pkg = offerFor(snapshot);
  await lowBalanceOfferItem.setValue(pkg ? { packageId: pkg.id } : null);
  const remaining = summary.credits.remaining;
  const message = tp('lowBalanceMessage', remaining, [formatCount(remaining, locale), summary.account.name]);
  const buy = pkg ? tp('buyPackage', pkg.credits, [formatCount(pkg.credits, locale), formatMoney(pkg.price, locale)]) : null;
  await browser.notifications.create(LOW_BALANCE_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('lowBalanceTitle'),
    // Firefox shows neither buttons nor a context line: the hint goes into the message there.
    ...(buttons
      ? { message, contextMessage: t('lowBalanceOpensBilling'), ...(buy ? { buttons: [{ title: buy }] } : {}) }
      : { message: `${message} ${t('lowBalanceOpensBilling')}` }),
  });
}

/** The purchase the notification's Buy button offered, if the click is on it. */
export async function onNotificationButton(id: string, buttonIndex: number): Promise<PurchaseItem | null> {
  if (id !== LOW_BALANCE_NOTIFICATION || buttonIndex !== 0) return null;
  const offer = PurchaseItemSchema.safeParse(await lowBalanceOfferItem.getValue());
  await browser.notifications.clear(id).catch(() => false);
  return offer.success ? offer.data : null;
}

/** A click on the notification itself opens the billing page of the Deskflow app. */
export async function onNotificationClicked(id: string): Promise<boolean> {
  if (id !== LOW_BALANCE_NOTIFICATION) return false;
  await browser.notifications.clear(id).catch(() => false);
  await browser.tabs.create({ url: appPageUrl(appOriginOf(await settingsItem.getValue()), 'billing') });
  return true;
}
