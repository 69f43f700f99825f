import { defineContentScript } from 'wxt/utils/define-content-script';
import { listenForConnect } from '@/utils/connect';
import { askBackground } from '@/utils/messages';
import { startWarning } from './warning';

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
    startWarning({ ctx, document });
    // Only Deskflow's connect page hands over keys. The content script checks the message came
    // from this very window; the background checks the page is the configured app origin.
    if (location.pathname !== '/extension/connect') return;
    listenForConnect({
      win: window,
      appOrigin: location.origin,
      signal: ctx.signal,
      forward: async (key) => (await askBackground({ type: 'connectKey', key })).ok,
    });
  },
});
