import { APP_PAGES } from '@/utils/app-pages';
import type { Summary } from '@/utils/billing/schemas';
import { t } from '@/utils/i18n';
import { h, setAttributes } from '../dom';
import { creditStrings } from '@/utils/credits/strings';

export interface HeaderProps {
  summary: Summary | null;
  /** Shown under the name while there is no summary yet. */
  email: string | null;
  /** The Deskflow app the links open (settings: app origin). */
  appOrigin: string;
}

/**
 * The popup's header, drawn into `header`: the mark, the account and its plan, links to the
 * app's usage and billing pages. Plain DOM for the same reason as the balance card
 * (balance-card.ts): the first paint and the React popup draw it alike.
 */
export function drawHeader(header: HTMLElement, { summary, email, appOrigin }: HeaderProps): void {
  const doc = header.ownerDocument;
  const status = summary ? creditStrings.planStatus(summary.plan.status, 'label') : null;
  const appLink = (path: string, text: string) =>
    h(doc, 'a', { class: 'app-link', href: `${appOrigin}${path}`, target: '_blank', rel: 'noreferrer noopener' }, [text]);

  setAttributes(header, { class: 'popup__header' });
  header.replaceChildren(
    h(doc, 'span', { class: 'logo', style: 'width: 28px; height: 28px', 'aria-hidden': 'true' }),
    h(doc, 'div', { class: 'header__text' }, [
      h(doc, 'h1', { class: 'header__title' }, [summary?.account.name ?? t('extName')]),
      summary
        ? h(doc, 'p', { class: 'header__plan' }, [
            h(doc, 'span', { class: 'plan-name' }, [summary.plan.name]),
            ...(status ? [h(doc, 'span', { class: `chip chip--status chip--${summary.plan.status}` }, [status])] : []),
          ])
        : h(doc, 'p', { class: 'header__plan muted' }, [email ?? '']),
    ]),
    h(doc, 'nav', { class: 'header__links', 'aria-label': t('popupAppNav') }, [
      appLink(APP_PAGES.usage, t('popupUsageLink')),
      appLink(APP_PAGES.billing, t('popupBillingLink')),
    ]),
  );
}
