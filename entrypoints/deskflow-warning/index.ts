import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { handOverPart } from '../deskflow/rest';
import { startWarning } from './warning';

/**
 * The warning's file (see entrypoints/deskflow/rest.ts): the background runs it in a frame
 * whose guard or observer asked for it, and it hands the warning over.
 */
export default defineUnlistedScript(() => {
  handOverPart('warning', { startWarning });
});
