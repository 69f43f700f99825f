import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { appOriginOf, DEFAULT_SETTINGS } from '@/utils/settings';
import { SIGNED_OUT } from '@/utils/snapshot';
import { Logo } from '../ui';
import { useSettings, useSnapshot } from '../useSnapshot';
import { AccountSection } from './AccountSection';
import { PreferencesSection } from './PreferencesSection';
import { ExtraSitesSection, OriginsSection } from './SitesSections';

/** The options page: account, warnings, other sites and Deskflow addresses. */
export function Options() {
  const snapshot = useSnapshot() ?? SIGNED_OUT;
  const settings = useSettings() ?? DEFAULT_SETTINGS;
  const shortcut = usePopupShortcut();

  return (
    <div className="options">
      <header className="options__header">
        <Logo size={32} />
        <div>
          <h1 className="options__title">Deskflow Credits</h1>
          <p className="muted">Settings</p>
        </div>
      </header>
      <main className="options__main">
        <AccountSection snapshot={snapshot} appOrigin={appOriginOf(settings)} />
        <PreferencesSection settings={settings} />
        <ExtraSitesSection settings={settings} />
        <OriginsSection settings={settings} />
        {shortcut ? (
          <p className="shortcut-note">
            Open the credits popup with <kbd>{shortcut}</kbd>. You can change it in your browser’s extension
            shortcuts.
          </p>
        ) : null}
      </main>
    </div>
  );
}

const POPUP_COMMANDS = new Set(['_execute_action', '_execute_browser_action']);

/** The keyboard shortcut of the popup, when the browser has one set. */
function usePopupShortcut(): string | null {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const getAll = browser.commands?.getAll;
    if (typeof getAll !== 'function') return;
    Promise.resolve()
      .then(() => browser.commands.getAll())
      .then((commands) => {
        const command = commands.find((c) => c.name !== undefined && POPUP_COMMANDS.has(c.name) && c.shortcut);
        if (live) setShortcut(command?.shortcut ?? null);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return shortcut;
}
