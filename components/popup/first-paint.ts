import { readPopupPreview } from '@/utils/popup-preview-read';
import { h } from '../dom';
import { drawBalanceCard } from './balance-card';
import { drawHeader } from './header';

/**
 * The popup's first paint: the header and the balance card, drawn from the preview the
 * background put in the popup's URL (utils/popup-preview.ts), before storage is read and React
 * has loaded. React's first render replaces them with the same drawing (Popup.tsx) and adds the
 * rest (usage, packages, footer). No preview (signed out, no data, a failure to show): nothing is
 * painted here and React paints the popup as before. Returns whether it painted.
 */
export function paintFirst(root: HTMLElement, hash: string, now: number, locale: string): boolean {
  const preview = readPopupPreview(hash);
  if (!preview) return false;
  const doc = root.ownerDocument;
  const header = doc.createElement('header');
  drawHeader(header, { summary: preview.summary, email: null, appOrigin: preview.appOrigin });
  const balance = doc.createElement('section');
  drawBalanceCard(balance, { summary: preview.summary, usage: preview.usage, now, locale, stale: false });
  root.replaceChildren(h(doc, 'div', { class: 'popup' }, [header, h(doc, 'main', { class: 'popup__main' }, [balance])]));
  return true;
}
