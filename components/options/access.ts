import { browser } from 'wxt/browser';
import { buildConfig, isAllowedApiOrigin, matchPatternFor } from '@/utils/config';
import { t } from '@/utils/i18n';
import { SettingsSchema } from '@/utils/settings';

/** Validation and permission requests of the options page (sync where a user gesture counts). */

export type OriginCheck = { ok: true; origin: string | null } | { ok: false; message: string };

/**
 * An origin typed by the user: empty means "the build's default" (null); anything else must be
 * an http(s) address and is reduced to its origin. Validated with the settings' own schema, so
 * the page refuses exactly what the background would.
 */
export function checkOrigin(input: string, field: 'appOrigin' | 'apiOrigin' | 'site'): OriginCheck {
  const value = input.trim();
  if (!value) return { ok: true, origin: null };
  const schema = field === 'site' ? SettingsSchema.shape.appOrigin : SettingsSchema.shape[field];
  const parsed = schema.safeParse(value);
  if (!parsed.success || parsed.data === null) {
    return { ok: false, message: t('notWebAddress', value) };
  }
  // The API origin receives the key: https only, outside development builds.
  if (field === 'apiOrigin' && !isAllowedApiOrigin(parsed.data)) {
    return { ok: false, message: t('apiOriginNeedsHttps', value) };
  }
  return { ok: true, origin: parsed.data };
}

/** The build's own origins are granted at install; everything else is asked for at run time. */
export function needsHostPermission(origin: string | null): origin is string {
  return origin !== null && origin !== buildConfig.apiOrigin && origin !== buildConfig.appOrigin;
}

/**
 * Ask for host access (the warning runs there with the `scripting` permission, granted at
 * install). Call it synchronously from the click or submit handler, before any await: browsers
 * grant permission requests only during a user gesture. Resolves true when granted (or nothing
 * was needed).
 */
export function requestAccess(origins: readonly string[]): Promise<boolean> {
  const patterns = [...new Set(origins.map((origin) => matchPatternFor(origin)))];
  if (patterns.length === 0) return Promise.resolve(true);
  try {
    return browser.permissions.request({ origins: patterns }).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

/** Give back host access the extension no longer needs (best effort: never blocks a change). */
export async function releaseAccess(origin: string, stillNeeded: readonly (string | null)[]): Promise<void> {
  const pattern = matchPatternFor(origin);
  const needed = stillNeeded.filter((o): o is string => o !== null).map((origin) => matchPatternFor(origin));
  if (needed.includes(pattern) || !needsHostPermission(origin)) return;
  try {
    await browser.permissions.remove({ origins: [pattern] });
  } catch {
    // Not granted, or the browser refuses: nothing to give back.
  }
}
