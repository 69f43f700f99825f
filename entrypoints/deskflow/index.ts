import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { requestPart } from './rest';
import { startContentScript } from './start';

/**
 * The content script: the in-page warning (product.md), its guard, and the connect hand-over
 * (app-pages.md §3). wxt.config.ts lists it in the manifest's content_scripts for the build's
 * app origin, at document_start; the background registers it for extra sites. This file is the
 * small first part; the warning and the connect hand-over are files of their own (rest.ts), run
 * by the background when needed.
 *
 * It starts with the document, before any page script, so the guard's listeners are the page's
 * first. Its life depends on nothing the page can send: it is built as a plain script (WXT's
 * content-script wrapper would post a message to the page at document_start, naming this
 * extension, and end the script on an event any page can dispatch — and the message alone
 * delayed the page's DOMContentLoaded by ~20 ms, npm run bench); an extension reloaded under
 * the page is noticed when the extension no longer answers (utils/warning/page-state.ts), and
 * the guard goes on asking. Its UI's styles are a string put into its shadow roots.
 */
export default defineUnlistedScript(() => {
  startContentScript({ window, loadPart: (part) => requestPart(part) });
});
