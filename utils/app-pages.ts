/**
 * The Deskflow web app's pages the extension opens or listens on (billing-api.md, "Web app pages
 * the extension links to"; app-pages.md §3). Plain strings: the content script reads the connect
 * path on every page, before anything heavier is loaded.
 */
export const APP_PAGES = {
  connect: '/extension/connect',
  billing: '/settings/billing',
  usage: '/settings/usage',
  apiKeys: '/settings/api-keys',
} as const;

/** The address of an app page on the configured app origin. */
export function appPageUrl(appOrigin: string, page: keyof typeof APP_PAGES): string {
  return `${appOrigin}${APP_PAGES[page]}`;
}
