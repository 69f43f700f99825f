import type { PageApp } from './mountPage';
import { messageLocale } from '@/utils/i18n';
import { startStorageRead } from './storageRead';

/**
 * The first script of an extension page (popup, options): it paints what it can without storage
 * (the popup's first paint), starts reading storage, then loads the page's UI (React, the
 * components: most of the page's code), so the read and the loading overlap (npm run bench,
 * popup time to balance). Nothing else runs before.
 *
 * No stylesheet comes with it: the options page gets components/ui.css through startPage.ts; the
 * popup's script brings it as a string (entrypoints/popup/main.tsx), since an external
 * stylesheet is a file to fetch before the first paint. Everything this module imports
 * statically is on the way to the popup's first paint: no zod, no webextension-polyfill, no React.
 */
export function startPage(
  title: string,
  loadApp: () => Promise<PageApp>,
  /** Paints what the page can show before storage is read and React has loaded (the popup); whether it did. */
  paintFirst?: (root: HTMLElement) => boolean,
): void {
  // The page speaks the language of the catalog the browser picked (screen readers, hyphenation).
  document.documentElement.lang = messageLocale();
  document.title = title;
  const painted = paintFirst?.(document.getElementById('root')!) ?? false;
  const read = startStorageRead();
  const load = () => void Promise.all([import('./mountPage'), loadApp()]).then(([{ mountPage }, App]) => mountPage(App, read));
  // Evaluating React takes the main thread for a while: after a first paint, load it once that
  // paint is on screen (the frame after this one), not in the way of it.
  if (painted) requestAnimationFrame(() => setTimeout(load));
  else load();
}
