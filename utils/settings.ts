import { z } from 'zod/mini';
import { buildConfig, originOf } from './config';
import { formatCount } from './credits/format';
import { t, userLocale } from './i18n';
import { blockBelowAsk } from './limits/rules';
import { LimitSchema } from './limits/schema';
import { CONFIRMATION_MODES } from './warning/cost';

/** User settings from the options page. Validated on write and on read. */

/** At most this many extra sites. */
const MAX_EXTRA_SITES = 50;

// A refused saveSettings is answered with SettingsSchema's issue messages (background/handlers.ts),
// which the options page shows: the checks a user can run into carry their own words, in the
// user's language (zod/mini's defaults say "Invalid input", for input no user can type).
/** An http(s) origin, normalised (`https://app.example.com`); anything else is refused. */
export const httpOrigin = z.pipe(
  z.string(),
  z.transform((value: string, ctx) => {
    try {
      return originOf(value.trim(), 'Origin');
    } catch {
      // zod/mini's transform context has no addIssue(): the issue is pushed as it would add it.
      ctx.issues.push({ code: 'custom', message: t('notHttpAddress', value), input: value });
      return z.NEVER;
    }
  }),
);

export const SettingsSchema = z.object({
  /** Overrides of the build's origins, for staging or self-hosted Deskflow; null = build default. */
  apiOrigin: z.nullable(httpOrigin),
  appOrigin: z.nullable(httpOrigin),
  /** Extra sites (origins) where the in-page warning runs. */
  extraSites: z.array(httpOrigin).check(z.maxLength(MAX_EXTRA_SITES, { error: () => t('tooManySites', String(MAX_EXTRA_SITES)) })),
  confirmation: z.enum(CONFIRMATION_MODES),
  lowBalanceNotification: z.boolean(),
  /** Cost labels beside the page's own bulk action buttons ("73 credits", "Free"). */
  costLabels: z.boolean(),
  /** Personal limits (utils/limits/rules.ts): ask over N, block over M (M ≥ N), a weekly budget; null = not set. */
  askOver: LimitSchema,
  blockOver: LimitSchema,
  weeklyBudget: LimitSchema,
}).check(
  z.refine((settings) => !blockBelowAsk(settings), {
    path: ['blockOver'],
    error: (issue) => t('limitBlockBelowAsk', formatCount((issue.input as { askOver: number }).askOver, userLocale())),
  }),
);
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  apiOrigin: null,
  appOrigin: null,
  extraSites: [],
  confirmation: 'always',
  lowBalanceNotification: true,
  costLabels: true,
  askOver: null,
  blockOver: null,
  weeklyBudget: null,
};

/**
 * The layout of the stored settings (WXT records it beside them). Version 2 added the personal
 * limits; its migration writes them as not set, so settings stored by version 1 read as before.
 */
export const SETTINGS_VERSION = 2;
export const SETTINGS_MIGRATIONS: Record<number, (stored: unknown) => unknown> = {
  2: (stored) =>
    typeof stored === 'object' && stored !== null && !Array.isArray(stored)
      ? { askOver: null, blockOver: null, weeklyBudget: null, ...stored }
      : stored,
};

/**
 * Stored settings as the extension uses them: each field checked on its own, so a corrupt or
 * partial value loses only what is wrong in it, and what is wrong reads as the default — the
 * confirmation "always", never "off".
 */
export function parseSettings(value: unknown): Settings {
  const stored: Record<string, unknown> =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const field = <K extends keyof Settings>(key: K): Settings[K] => {
    const parsed = SettingsSchema.shape[key].safeParse(Object.hasOwn(stored, key) ? stored[key] : undefined);
    return parsed.success ? (parsed.data as Settings[K]) : DEFAULT_SETTINGS[key];
  };
  return {
    apiOrigin: field('apiOrigin'),
    appOrigin: field('appOrigin'),
    extraSites: field('extraSites'),
    confirmation: field('confirmation'),
    lowBalanceNotification: field('lowBalanceNotification'),
    costLabels: field('costLabels'),
    askOver: field('askOver'),
    blockOver: field('blockOver'),
    weeklyBudget: field('weeklyBudget'),
  };
}

export function apiOriginOf(settings: Settings): string {
  return settings.apiOrigin ?? buildConfig.apiOrigin;
}

export function appOriginOf(settings: Settings): string {
  return settings.appOrigin ?? buildConfig.appOrigin;
}
