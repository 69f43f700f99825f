import type { Summary } from '@/utils/billing/schemas';
import type { Snapshot } from '@/utils/snapshot';
import { creditsLabel, formatCount, formatMoney, formatTime } from '@/utils/credits/format';
import { canBuy, nextPlanUp, pricePerCredit, samePurchaseItem, smallestCoveringPackage } from '@/utils/credits/packages';
import { SEPARATOR } from '@/utils/credits/strings';
import { PurchaseButton } from '../PurchaseButton';
import { BusyButton, InlineMessage, Spinner } from '../ui';
import { t, tp } from '@/utils/i18n';
import { popupShortfall, pricePerInterval } from './model';
import { usePortal, usePurchase } from './purchase';

interface BuyCardProps {
  summary: Summary;
  snapshot: Snapshot;
  now: number;
  locale: string;
}

/** Credit packages, the next plan up and the customer portal; members see who can buy. */
export function BuyCard({ summary, snapshot, now, locale }: BuyCardProps) {
  const purchase = usePurchase(snapshot, now);
  const portal = usePortal();
  const catalog = snapshot.catalog;
  if (!canBuy(summary.account)) {
    return (
      <section className="card" aria-labelledby="buy-title">
        <h2 id="buy-title" className="eyebrow">
          {t('buyCredits')}
        </h2>
        <p className="member-note">{t('askAdminSentence', summary.account.name)}</p>
      </section>
    );
  }

  const packages = [...(catalog?.packages ?? [])].sort((a, b) => a.credits - b.credits || a.price.amount - b.price.amount);
  const shortBy = popupShortfall(summary.credits);
  const suggestion = smallestCoveringPackage(packages, shortBy);
  const upgrade = catalog ? nextPlanUp(catalog.plans, summary.plan.tier, summary.plan.interval) : null;

  return (
    <section className="card" aria-labelledby="buy-title">
      <div className="card__head">
        <h2 id="buy-title" className="eyebrow">
          {t('buyCredits')}
        </h2>
        <span className="card__aside">{t('packagesAside')}</span>
      </div>
      {!catalog ? (
        <p className="muted">{t('pricesAfterRefresh')}</p>
      ) : packages.length === 0 ? (
        <p className="muted">{t('noPackages')}</p>
      ) : (
        <>
          {suggestion ? (
            <p className="suggestion" id="suggestion-note">
              {suggestion.covers
                ? tp('suggestionCovers', suggestion.pkg.credits, formatCount(suggestion.pkg.credits, locale))
                : tp('largestPackage', suggestion.pkg.credits, formatCount(suggestion.pkg.credits, locale))}
            </p>
          ) : null}
          <div className="packages">
            {packages.map((pkg) => {
              const item = { packageId: pkg.id };
              const price = formatMoney(pkg.price, locale);
              const suggested = suggestion?.pkg.id === pkg.id;
              // The name holds every visible word in order (WCAG 2.5.3): "Buy 50 credits ·
              // $25.00 · $0.50 per credit", or "… · opening checkout…" while it replaces the unit.
              const buy = tp('buyPackage', pkg.credits, [formatCount(pkg.credits, locale), price]);
              const perCredit = t('pricePerCredit', formatMoney(pricePerCredit(pkg), locale));
              return (
                <div key={pkg.id} className="package-slot">
                  {suggested ? <span className="package__tag">{t('suggested')}</span> : null}
                  <PurchaseButton
                    className={suggested ? 'package package--suggested' : 'package'}
                    label={`${buy}${SEPARATOR}${perCredit}`}
                    busyLabel={`${buy}${SEPARATOR}${t('openingCheckout')}`}
                    busy={samePurchaseItem(purchase.busyItem, item)}
                    disabled={purchase.pending}
                    aria-describedby={suggested ? 'suggestion-note' : undefined}
                    onBuy={() => purchase.buy(item)}
                  >
                    {/* Spaces between the lines: their words must not run together as text. */}
                    <span className="package__credits">{creditsLabel(pkg.credits, locale)}</span>{' '}
                    <span className="package__price">{price}</span>{' '}
                    <span className="package__unit">{perCredit}</span>
                  </PurchaseButton>
                </div>
              );
            })}
          </div>
        </>
      )}
      {upgrade ? (
        <PurchaseButton
          className="upgrade"
          label={[
            t('upgradeTo', upgrade.name),
            pricePerInterval(formatMoney(upgrade.price, locale), upgrade.interval),
            tp('monthlyCredits', upgrade.monthlyCredits, formatCount(upgrade.monthlyCredits, locale)),
            ...upgrade.features.slice(0, 1),
          ].join(SEPARATOR)}
          busy={samePurchaseItem(purchase.busyItem, { planId: upgrade.id })}
          disabled={purchase.pending}
          onBuy={() => purchase.buy({ planId: upgrade.id })}
        >
          <span className="upgrade__main">
            <span className="upgrade__name">{t('upgradeTo', upgrade.name)}</span>{' '}
            <span className="upgrade__price">{pricePerInterval(formatMoney(upgrade.price, locale), upgrade.interval)}</span>
          </span>{' '}
          <span className="upgrade__detail">
            {tp('monthlyCredits', upgrade.monthlyCredits, formatCount(upgrade.monthlyCredits, locale))}
            {upgrade.features[0] ? `${SEPARATOR}${upgrade.features[0]}` : ''}
          </span>
        </PurchaseButton>
      ) : null}
      {purchase.waitingForPayment ? (
        <p className="checkout-wait" role="status">
          <Spinner />{' '}
          {purchase.checkingAgainAt === null
            ? t('waitingForPayment')
            : purchase.checkingAgainAt > 0
              ? t('checkingNewBalanceAt', formatTime(purchase.checkingAgainAt, locale))
              : t('checkingNewBalance')}
        </p>
      ) : null}
      {purchase.error ? <InlineMessage tone="error">{purchase.error}</InlineMessage> : null}
      <div className="portal">
        <BusyButton busy={portal.busy} onPress={portal.open}>
          {t('manageBilling')}
        </BusyButton>
        <span className="muted small">{t('invoicesAndPayments')}</span>
      </div>
      {portal.error ? <InlineMessage tone="error">{portal.error}</InlineMessage> : null}
    </section>
  );
}
