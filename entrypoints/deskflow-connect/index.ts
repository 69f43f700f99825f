import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createConnectHandOver } from '@/utils/connect';
import { askBackground } from '@/utils/ask-background';
import { handOverPart } from '../deskflow/rest';

/**
 * The connect hand-over's file (see entrypoints/deskflow/rest.ts): the background runs it on the
 * app's connect page when the page first posts there, and it hands the hand-over over, with its
 * schema (zod: the page's post is untrusted) and the messaging.
 */
export default defineUnlistedScript(() => {
  handOverPart('connect', { createConnectHandOver, askBackground });
});
