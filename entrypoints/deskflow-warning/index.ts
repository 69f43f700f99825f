import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createConnectHandOver } from '@/utils/connect';
import { askBackground } from '@/utils/messages';
import { handOverRest } from '../deskflow/rest';
import { startWarning } from './warning';

/**
 * The second half of the content script (see entrypoints/deskflow/rest.ts): the background runs
 * this file in a frame whose guard or observer asked for it, and it hands its parts over.
 */
export default defineUnlistedScript(() => {
  handOverRest({ startWarning, createConnectHandOver, askBackground });
});
