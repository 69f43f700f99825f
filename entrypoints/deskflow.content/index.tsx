import { defineContentScript } from 'wxt/utils/define-content-script';
import { onFirstSelection } from './first-selection';

/** The in-page warning (product.md) and the connect hand-over (app-pages.md §3). */
export default defineContentScript({
  // The build rewrites this to the build's app origin (wxt.config.ts); extra sites are
  // registered at run time by the background.
  matches: ['https://app.deskflow.app/*'],
  runAt: 'document_idle',
  // The UI's styles are a string put into its shadow roots: no stylesheet in the page, none
  // fetched from the extension.
  cssInjectionMode: 'manual',
  main(ctx) {
    // The warning (its UI, rules and schemas: most of this script) is loaded at the first
    // selection, so a page where nobody selects pays only for the selection watcher (npm run
    // bench, content cost).
    onFirstSelection(ctx, document, () => {
      void import('./warning').then(({ startWarning }) => {
        if (ctx.isValid) startWarning({ ctx, document });
      });
    });
    // Only Deskflow's connect page hands over keys. The content script checks the message came
    // from this very window; the background checks the page is the configured app origin.
    if (location.pathname !== '/extension/connect') return;
    void Promise.all([import('@/utils/connect'), import('@/utils/messages')]).then(([{ listenForConnect }, { askBackground }]) => {
      if (!ctx.isValid) return;
      listenForConnect({
        win: window,
        appOrigin: location.origin,
        signal: ctx.signal,
        forward: async (key) => (await askBackground({ type: 'connectKey', key })).ok,
      });
    });
  },
});
