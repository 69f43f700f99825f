import './ui.css';
// The popup's first paint formats numbers and dates (utils/credits/format.ts, in the popup's
// first script): loaded here too, the options page's first script, it goes in the one chunk both
// pages start with (with i18n) instead of a chunk of its own — a file fewer before the popup's
// first paint (~12 ms, npm run bench: 4 files → 3). The options page loads it anyway.
import '@/utils/credits/format';

/**
 * The first script of the options page: components/firstScript.ts with the shared stylesheet.
 * The popup imports firstScript.ts itself and brings ui.css in its own script (one file fewer
 * to fetch before its first paint; npm run bench, popup time to balance).
 */
export { startPage } from './firstScript';
