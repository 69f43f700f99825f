import { useEffect, useState } from 'react';
import { commands, openShortcutSettings, openTab } from '../extension';
import { t, tAround } from '@/utils/i18n';
import { appOriginOf, DEFAULT_SETTINGS } from '@/utils/settings';
import { SIGNED_OUT } from '@/utils/snapshot';
import { Logo } from '../ui';
import { useSettings, useSnapshot } from '../data';
import { AccountSection } from './AccountSection';
import { SettingsCard } from './card';
import { LimitsSection } from './LimitsSection';
import { PreferencesSection } from './PreferencesSection';
import { SpendingLogSection } from './SpendingLogSection';
import { ExtraSitesSection, OriginsSection } from './SitesSections';

/** The options page: account, warnings, other sites, Deskflow addresses and the shortcut. */
export function Options() {
  const snapshot = useSnapshot() ?? SIGNED_OUT;
  const settings = useSettings() ?? DEFAULT_SETTINGS;

  return (
    <div className="options">
      <header className="options__header">
        <Logo size={32} />
        <div>
          <h1 className="options__title">{t('extName')}</h1>
          <p className="muted">{t('settings')}</p>
        </div>
      </header>
      <main className="options__main">
        <AccountSection snapshot={snapshot} appOrigin={appOriginOf(settings)} />
        <PreferencesSection settings={settings} />
        <LimitsSection settings={settings} />
        <SpendingLogSection settings={settings} />
        <ShortcutSection />
        <ExtraSitesSection settings={settings} />
        <OriginsSection settings={settings} />
      </main>
    </div>
  );
}

const POPUP_COMMANDS = new Set(['_execute_action', '_execute_browser_action']);
/** Chromium's page for every extension's shortcuts (Edge maps chrome:// to its own). */
export const CHROME_SHORTCUTS_PAGE = 'chrome://extensions/shortcuts';

/**
 * The popup's keyboard shortcut (the manifest suggests Alt+Shift+D; the browser may have
 * dropped it for a clash, or the user changed it) and where to change it.
 */
function ShortcutSection() {
  const shortcut = usePopupShortcut();
  const firefox = import.meta.env.FIREFOX === true;
  const [before, after] = tAround('shortcutIs');
  const [howBefore, howAfter] = tAround('shortcutHowChrome');
  const openSettings = () => {
    // Firefox 137+ opens its shortcut settings for us; Chromium's page is a chrome:// URL.
    if (firefox) void openShortcutSettings();
    else openTab(CHROME_SHORTCUTS_PAGE);
  };
  return (
    <SettingsCard
      id="shortcut-title"
      title={t('shortcutTitle')}
      intro={
        shortcut ? (
          <>
            {before}
            <kbd>{shortcut}</kbd>
            {after}
          </>
        ) : (
          t('shortcutNone')
        )
      }
    >
      <p className="field-hint">
        {firefox ? (
          t('shortcutHowFirefox')
        ) : (
          <>
            {howBefore}
            <code>{CHROME_SHORTCUTS_PAGE}</code>
            {howAfter}
          </>
        )}
      </p>
      <div className="form-actions shortcut-actions">
        <button type="button" className="button button--secondary" onClick={openSettings}>
          {t('changeShortcut')}
        </button>
      </div>
    </SettingsCard>
  );
}

/**
 * The keyboard shortcut of the popup, when the browser has one set; read again when the page
 * gets focus back (after the user changed it in the browser's shortcut settings).
 */
function usePopupShortcut(): string | null {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      void commands().then((all) => {
        const command = all?.find((c) => c.name !== undefined && POPUP_COMMANDS.has(c.name) && c.shortcut);
        if (live) setShortcut(command?.shortcut ?? null);
      });
    read();
    window.addEventListener('focus', read);
    return () => {
      live = false;
      window.removeEventListener('focus', read);
    };
  }, []);
  return shortcut;
}
