import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentScript } from './start';

/**
 * The in-page warning (product.md), its guard, and the connect hand-over (app-pages.md §3).
 *
 * It starts with the document, before any page script, so the guard's listeners are the page's
 * first. Its life depends on nothing the page can send: WXT's content-script context ends on an
 * event any page can dispatch, so it is not used; an extension reloaded under the page is
 * noticed when the extension no longer answers (utils/warning/page-state.ts), and the guard
 * goes on asking.
 */
export default defineContentScript({
  // The build rewrites this to the build's app origin (wxt.config.ts); extra sites are
  // registered at run time by the background.
  matches: ['https://app.deskflow.app/*'],
  runAt: 'document_start',
  // The UI's styles are a string put into its shadow roots: no stylesheet in the page, none
  // fetched from the extension.
  cssInjectionMode: 'manual',
  main() {
    startContentScript({ window });
  },
});
