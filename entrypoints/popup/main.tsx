import { paintFirst } from '@/components/popup/first-paint';
import { startPage } from '@/components/firstScript';
import { t, userLocale } from '@/utils/i18n';
import uiCss from '@/components/ui.css?inline';
import popupCss from './style.css?inline';

// The popup's styles come with this script (Vite inlines them as a string) and go in before the
// first paint: a stylesheet file would be one more fetch before it, and styles inline in the
// HTML are applied (a frame drawn) before this script has even run (npm run bench, ~10 ms).
const style = document.createElement('style');
style.textContent = uiCss + popupCss;
document.head.append(style);

startPage(
  t('extName'),
  () => import('./App').then(({ App }) => App),
  (root) => paintFirst(root, location.hash, Date.now(), userLocale()),
);
