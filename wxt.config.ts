import { defineConfig } from 'wxt';
import { buildConfigFrom, matchPatternForBrowser } from './utils/config';
import { CONTENT_SCRIPT_FILE } from './utils/script-files';

const config = buildConfigFrom(process.env);
// Firefox match patterns cannot name a port (see matchPatternFor).
const hostPermissionsFor = (browser: string) => [
  ...new Set([config.apiOrigin, config.appOrigin].map((origin) => matchPatternForBrowser(origin, browser === 'firefox'))),
];
const optionalOrigins = ['https://*/*', 'http://*/*'];

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Builds against different sandboxes (npm start, the e2e suite) must not overwrite each other.
  outDir: process.env.DESKFLOW_OUT_DIR || '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Explicit imports only: an auto-import once pulled storage code into the content script.
  imports: false,
  // Chrome 140+ and Firefox 140+ know <link rel="modulepreload">: no polyfill in the pages' first script.
  vite: () => ({ build: { modulePreload: { polyfill: false } } }),
  manifest: ({ browser, manifestVersion }) => ({
    // Name and description in the browser's language: public/_locales/<lang>/messages.json.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: the background runs the warning's second file in a page that needs it
    // (entrypoints/deskflow/rest.ts), and registers the content script on extra sites.
    permissions: ['storage', 'alarms', 'notifications', 'scripting'],
    host_permissions: hostPermissionsFor(browser),
    // Other Deskflow origins (staging, self-hosted) and extra sites for the warning are
    // asked for at run time from the options page, never granted at install. MV2 (Firefox)
    // lists optional origins among optional_permissions (WXT drops optional_host_permissions).
    optional_host_permissions: optionalOrigins,
    ...(manifestVersion === 2 ? { optional_permissions: optionalOrigins } : {}),
    // The popup's shortcut. Firefox MV2 names the toolbar button's command differently.
    commands: {
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+D' },
        description: '__MSG_commandOpenPopup__',
      },
    },
    // storage.local.setAccessLevel (the background keeps the API key away from content
    // scripts with it) works on the local area from Chrome 140; before, only on session.
    ...(browser === 'chrome' ? { minimum_chrome_version: '140' } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Firefox knows the data-collection declaration from 140 on desktop (140 is an ESR:
            // Debian's firefox-esr), from 142 on Android.
            gecko: {
              id: 'credits@deskflow.app',
              strict_min_version: '140.0',
              // The API key the user enters is sent to Deskflow, and nothing else is collected.
              data_collection_permissions: { required: ['authenticationInfo'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  zip: {
    // Firefox reviewers get the sources: everything but build output, tests' output and secrets.
    includeSources: ['entrypoints/**', 'components/**', 'utils/**', 'public/**', '*.json', '*.ts', 'README.md', 'PRIVACY.md'],
    excludeSources: ['.env*', 'test-results/**'],
  },
  hooks: {
    // The popup is built on its own, not with the options page: then everything its first paint
    // needs is in one file (its entry) instead of chunks shared with options, each a file to
    // load before the balance shows (npm run bench, popup time to balance: 3 files → 1).
    'entrypoints:grouped': (_wxt, groups) => {
      for (const [index, group] of groups.entries()) {
        if (!Array.isArray(group) || group.length < 2) continue;
        const popup = group.filter((entry) => entry.type === 'popup');
        if (popup.length === 0) continue;
        groups.splice(index, 1, group.filter((entry) => entry.type !== 'popup'), popup);
        return;
      }
    },
    'build:manifestGenerated': (wxt, manifest) => {
      // The content script (entrypoints/deskflow/, a plain script: see its index.ts) runs on the
      // app origin this build targets, nothing else, from the start of the document.
      manifest.content_scripts = [
        { matches: [matchPatternForBrowser(config.appOrigin, wxt.config.browser === 'firefox')], js: [CONTENT_SCRIPT_FILE], run_at: 'document_start' },
      ];
      // The toolbar tooltip until the badge sets one: the name in the browser's language (WXT
      // takes the popup page's <title> otherwise).
      const action = manifest.action ?? manifest.browser_action;
      if (action) action.default_title = '__MSG_extName__';
    },
  },
});
