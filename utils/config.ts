/**
 * Build-time configuration: where Deskflow lives. A user may override both origins at run
 * time in the options page (see utils/settings.ts); these are the defaults baked into a build.
 */
export const DEFAULT_API_URL = 'https://api.deskflow.app';
export const DEFAULT_APP_URL = 'https://app.deskflow.app';

/** Origin of a URL string, or throws with a message naming the setting. */
export function originOf(url: string, name: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${name} is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`${name} must be an http(s) URL: ${url}`);
  }
  return parsed.origin;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

export function isLoopbackOrigin(origin: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/**
 * A match pattern covering every page of an origin, port included (`https://crm.example.com:8443/*`):
 * a pattern without a port matches every port of the host (Chrome's match-pattern docs).
 * Firefox patterns cannot name a port: one that does matches nothing there (no host access, no
 * content script, CORS errors), so Firefox gets the host without it, i.e. every port of the host.
 */
export function matchPatternFor(origin: string): string {
  return matchPatternForBrowser(origin, import.meta.env.FIREFOX === true);
}

/** matchPatternFor for a given browser (the build's config, which runs outside the browser). */
export function matchPatternForBrowser(origin: string, firefox: boolean): string {
  const { protocol, host, hostname } = new URL(origin);
  return `${protocol}//${firefox ? hostname : host}/*`;
}

/**
 * Whether the API key may be sent to `origin`: over https, or, in a development build (loopback
 * origins, billing-api.md), over http too. A production build never sends the key in clear text.
 */
export function isAllowedApiOrigin(origin: string, development: boolean = buildConfig.development): boolean {
  try {
    const { protocol } = new URL(origin);
    return protocol === 'https:' || (development && protocol === 'http:');
  } catch {
    return false;
  }
}

export interface BuildConfig {
  apiOrigin: string;
  appOrigin: string;
  /** A build against loopback is a development build: its allowlists accept loopback too. */
  development: boolean;
}

export function buildConfigFrom(env: {
  WXT_DESKFLOW_API_URL?: string;
  WXT_DESKFLOW_APP_URL?: string;
}): BuildConfig {
  const apiOrigin = originOf(env.WXT_DESKFLOW_API_URL || DEFAULT_API_URL, 'WXT_DESKFLOW_API_URL');
  const appOrigin = originOf(env.WXT_DESKFLOW_APP_URL || DEFAULT_APP_URL, 'WXT_DESKFLOW_APP_URL');
  const development = isLoopbackOrigin(apiOrigin) || isLoopbackOrigin(appOrigin);
  if (!isAllowedApiOrigin(apiOrigin, development)) {
    throw new Error(`WXT_DESKFLOW_API_URL must be an https URL in a production build (the API key would travel in clear text): ${apiOrigin}`);
  }
  return { apiOrigin, appOrigin, development };
}

/** The configuration this build was made with. */
export const buildConfig: BuildConfig = buildConfigFrom({
  WXT_DESKFLOW_API_URL: import.meta.env.WXT_DESKFLOW_API_URL,
  WXT_DESKFLOW_APP_URL: import.meta.env.WXT_DESKFLOW_APP_URL,
});
