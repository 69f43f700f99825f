import type { PurchaseItem } from '@/utils/billing/schemas';
import { messageLocale, t as message } from '@/utils/i18n';
import { h, setAttributes, setText, svg, syncChildren, uniqueId } from '../dom';
import { createCarryOnPart, type CarryOnAnswers } from './carry-on-view';
import type { BannerModel, PurchaseOffer } from './model';
import { warningStrings as t } from './strings';

export interface Banner {
  readonly element: HTMLElement;
  /** Show this model, changing only what differs (focus and the expanded list stay). */
  update(model: BannerModel): void;
}

/**
 * The in-page warning for one list: a status ("73 prospects selected · Enrich uses 73
 * credits · 339 left after") or, when credits are short, an alert with what to buy.
 * Its elements are made once and updated in place as the selection changes.
 */
export function createBanner(doc: Document, onBuy: (item: PurchaseItem) => void, answers?: CarryOnAnswers): Banner {
  let model: BannerModel | null = null;
  let expanded = false;
  /** The lines in the list of other actions now (unchanged lines are not rebuilt). */
  let shownLines: readonly string[] = [];

  const headlineText = h(doc, 'span');
  const othersList = h(doc, 'ul', { class: 'others', id: uniqueId('others') });
  const more = h(doc, 'button', { type: 'button', class: 'link more', 'aria-controls': othersList.id });
  more.addEventListener('click', () => {
    expanded = !expanded;
    if (model) update(model);
  });
  const headline = h(doc, 'p', { class: 'headline' });
  const note = h(doc, 'p', { class: 'note' });
  const buy = createPurchaseButton(doc, 'primary', onBuy);
  const upgrade = createPurchaseButton(doc, null, onBuy);
  const offers = h(doc, 'div', { class: 'offers' });
  const offerNote = h(doc, 'p', { class: 'note' });
  const purchaseError = h(doc, 'p', { class: 'note error' });
  const body = h(doc, 'div', { class: 'body' });
  const marks = { info: coin(doc), short: exclamation(doc) };
  const element = h(doc, 'div', { class: 'root banner', 'aria-label': t.bannerName() });
  const carryOn = answers ? createCarryOnPart(doc, answers) : null;

  function update(next: BannerModel): void {
    model = next;
    const hasOthers = next.others.length > 0;
    setAttributes(element, {
      role: next.level === 'short' ? 'alert' : 'status',
      lang: messageLocale(),
      'data-level': next.level,
      'data-estimated': next.estimated ? 'true' : null,
    });
    setText(headlineText, next.headline);
    setText(more, t.moreActions(next.others.length));
    setAttributes(more, { 'aria-expanded': String(expanded) });
    syncChildren(headline, hasOthers ? [headlineText, more] : [headlineText]);
    const lines = hasOthers && expanded ? next.others : [];
    if (lines.join('\n') !== shownLines.join('\n')) {
      shownLines = lines;
      syncChildren(othersList, lines.map((line) => h(doc, 'li', {}, [line])));
    }
    setText(note, next.note ?? '');
    setText(offerNote, next.offerNote ?? '');
    setText(purchaseError, next.purchaseError ?? '');
    buy.update(next.buy);
    upgrade.update(next.upgrade);
    syncChildren(offers, [...(next.buy ? [buy.element] : []), ...(next.upgrade ? [upgrade.element] : [])]);
    if (next.carryOn && carryOn) {
      carryOn.update(next.carryOn);
      syncChildren(body, [
        carryOn.text,
        ...(next.buy || next.upgrade ? [offers] : []),
        ...(next.offerNote ? [offerNote] : []),
        ...(next.purchaseError ? [purchaseError] : []),
        carryOn.buttons,
      ]);
    } else {
      syncChildren(body, [
        headline,
        ...(next.note ? [note] : []),
        ...(hasOthers && expanded ? [othersList] : []),
        ...(next.buy || next.upgrade ? [offers] : []),
        ...(next.offerNote ? [offerNote] : []),
        ...(next.purchaseError ? [purchaseError] : []),
      ]);
    }
    syncChildren(element, [next.level === 'short' ? marks.short : marks.info, body]);
  }

  return { element, update };
}

/**
 * A Buy or Upgrade button, as the popup's (components/PurchaseButton.tsx): while a purchase is
 * pending it stays in place, says so, and cannot start a second one; aria-disabled rather than
 * disabled, so it keeps keyboard focus while it waits.
 */
function createPurchaseButton(doc: Document, className: string | null, onBuy: (item: PurchaseItem) => void) {
  let offer: PurchaseOffer | null = null;
  const label = doc.createTextNode('');
  const progress = h(doc, 'span', { class: 'purchase-progress' });
  const element = h(doc, 'button', { type: 'button', class: className }, [label]);
  // Only the user buys: a click a script sends (isTrusted false) starts nothing.
  element.addEventListener('click', (event) => {
    if (event.isTrusted && offer && !offer.busy && !offer.disabled) onBuy(offer.item);
  });
  return {
    element,
    update(next: PurchaseOffer | null): void {
      offer = next;
      if (!next) return;
      if (label.data !== next.label) label.data = next.label;
      setAttributes(element, {
        'aria-disabled': next.busy || next.disabled ? 'true' : null,
        'aria-busy': next.busy ? 'true' : null,
        'data-busy': next.busy ? 'true' : null,
      });
      setText(progress, ` · ${message('openingCheckout')}`);
      syncChildren(element, next.busy ? [label, progress] : [label]);
    },
  };
}

/** A coin (info) or an exclamation mark (short). Decoration only. */
function coin(doc: Document): SVGElement {
  return mark(doc, [
    svg(doc, 'circle', { cx: '10', cy: '10', r: '5.6', fill: 'none', stroke: '#fff', 'stroke-width': '1.7' }),
    svg(doc, 'circle', { cx: '10', cy: '10', r: '2', fill: '#fff' }),
  ]);
}

function exclamation(doc: Document): SVGElement {
  return mark(doc, [
    svg(doc, 'rect', { x: '8.9', y: '4.5', width: '2.2', height: '7.5', rx: '1.1', fill: '#fff' }),
    svg(doc, 'circle', { cx: '10', cy: '14.8', r: '1.3', fill: '#fff' }),
  ]);
}

function mark(doc: Document, inner: SVGElement[]): SVGElement {
  return svg(
    doc,
    'svg',
    { class: 'mark', viewBox: '0 0 20 20', width: '20', height: '20', 'aria-hidden': 'true', focusable: 'false' },
    [svg(doc, 'circle', { cx: '10', cy: '10', r: '10', fill: 'currentColor' }), ...inner],
  );
}
