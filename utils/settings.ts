import { z } from 'zod';
import { buildConfig, originOf } from './config';
import { t } from './i18n';

/** User settings from the options page. Validated on write and on read. */

const httpOrigin = z
  .string()
  .transform((value, ctx) => {
    try {
      return originOf(value.trim(), 'Origin');
    } catch {
      ctx.addIssue({ code: 'custom', message: t('notHttpAddress', value) });
      return z.NEVER;
    }
  });

export const CONFIRMATION_MODES = ['always', 'short', 'off'] as const;
export type ConfirmationMode = (typeof CONFIRMATION_MODES)[number];

export const SettingsSchema = z.object({
  /** Overrides of the build's origins, for staging or self-hosted Deskflow; null = build default. */
  apiOrigin: httpOrigin.nullable(),
  appOrigin: httpOrigin.nullable(),
  /** Extra sites (origins) where the in-page warning runs. */
  extraSites: z.array(httpOrigin).max(50),
  confirmation: z.enum(CONFIRMATION_MODES),
  lowBalanceNotification: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  apiOrigin: null,
  appOrigin: null,
  extraSites: [],
  confirmation: 'always',
  lowBalanceNotification: true,
};

export function parseSettings(value: unknown): Settings {
  const parsed = SettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function apiOriginOf(settings: Settings): string {
  return settings.apiOrigin ?? buildConfig.apiOrigin;
}

export function appOriginOf(settings: Settings): string {
  return settings.appOrigin ?? buildConfig.appOrigin;
}
