import './ui.css';

/**
 * The first script of the options page: components/firstScript.ts with the shared stylesheet.
 * The popup imports firstScript.ts itself and brings ui.css in its own script (one file fewer
 * to fetch before its first paint; npm run bench, popup time to balance).
 */
export { startPage } from './firstScript';
