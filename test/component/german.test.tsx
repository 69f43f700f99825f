import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { bannerModel, dialogFor } from '@/components/warning/model';
import german from '@/public/_locales/de/messages.json';
import { badgeFor } from '@/utils/credits/badge';
import { setCatalogForTesting } from '@/utils/i18n';
import { NOW as WARNING_NOW, signedIn as warningSnapshot } from '../fixtures/snapshots';
import { mountBanner, mountDialog } from './warning-views';
import { answerRefreshWith, mockBackground, NOW, renderOptions, renderPopup, signedIn, stopWatches, summary } from './popup-fixtures';

/**
 * The German catalog end to end through the components: words from de/messages.json, plural
 * forms by German rules, numbers, prices and dates by the locale (de-DE here).
 */

beforeEach(() => {
  setCatalogForTesting(german);
  vi.spyOn(navigator, 'language', 'get').mockReturnValue('de-DE');
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});
afterEach(() => {
  stopWatches();
  vi.useRealTimers();
  setCatalogForTesting(null);
});

describe('in German', () => {
  it('the popup: meter, packages, upgrade, usage and footer', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(signedIn());
    const meter = screen.getByRole('meter', { name: 'Verbleibende Credits' });
    expect(meter.getAttribute('aria-valuetext')).toBe('412 von 550 Credits');
    expect(screen.getByRole('button', { name: 'Kaufen: 50 Credits · 25,00\u00a0$ · 0,50\u00a0$ pro Credit' })).toBeTruthy();
    expect(
      screen.getByRole('button', { name: 'Upgrade auf Pro · 99,00\u00a0$/Monat · 2.000 Credits pro Monat · LinkedIn campaigns' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Abrechnung verwalten' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Aktualisieren' })).toBeTruthy();
    expect(screen.getByText('Verlängerung am 1. Dez.')).toBeTruthy();
    expect(screen.getByText('Nutzung in diesem Zeitraum')).toBeTruthy();
    expect(screen.getByText('Massenaktionen')).toBeTruthy();
    expect(await screen.findByText('Aktualisiert vor 2 Minuten')).toBeTruthy();
  });

  it('one credit left is "1 Credit"', async () => {
    mockBackground(answerRefreshWith());
    await renderPopup(signedIn({ summary: summary({ credits: { included: { remaining: 1 }, addOn: { remaining: 0 } } }) }));
    const number = screen.getByText('1', { selector: '.big-number' });
    expect(number.parentElement?.textContent).toBe('1Credit');
    expect(screen.getByRole('meter').getAttribute('aria-valuetext')).toBe('1 von 500 Credits');
  });

  it('the options page', async () => {
    mockBackground();
    vi.spyOn(fakeBrowser.commands, 'getAll').mockImplementation((async () => [
      { name: '_execute_action', shortcut: 'Alt+Umschalt+D', description: '' },
    ]) as never);
    await renderOptions();
    expect(screen.getByRole('textbox', { name: 'API-Schlüssel' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Speichern' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mit Deskflow anmelden' })).toBeTruthy();
    const shortcut = await screen.findByText('Alt+Umschalt+D');
    expect(shortcut.parentElement?.textContent).toBe('Öffnen Sie das Credits-Popup mit Alt+Umschalt+D.');
  });

  it('the banner, the short alert and the confirmation', () => {
    const account = { kind: 'state', snapshot: warningSnapshot(), confirmation: 'always' } as const;
    const selection = { count: 73, atLeast: false, actions: ['enrich', 'export'] };
    const info = bannerModel(selection, account, { locale: 'de-DE', now: WARNING_NOW });
    expect(info?.headline).toBe('73 Kontakte ausgewählt · Anreichern verbraucht 73 Credits · danach 339 übrig');
    expect(info?.others).toEqual(['Exportieren verbraucht 73 Credits · danach 339 übrig']);
    mountBanner(info!);
    const banner = screen.getByRole('status', { name: 'Deskflow-Credits' });
    expect(banner.getAttribute('lang')).toBe('de');
    expect(within(banner).getByRole('button', { name: '1 weitere Aktion' })).toBeTruthy();

    const low = { kind: 'state', snapshot: warningSnapshot({ remaining: 40 }), confirmation: 'always' } as const;
    const short = bannerModel(selection, low, { locale: 'de-DE', now: WARNING_NOW });
    expect(short?.headline).toBe('Anreichern braucht 73 Credits – Sie haben 40 (33 zu wenig)');
    expect(short?.buy?.label).toBe('Kaufen: 50 Credits · 25,00\u00a0$');

    const dialog = dialogFor(selection, 'enrich', account, 'de-DE');
    expect(dialog.title).toBe('„Anreichern“ für 73 Kontakte ausführen?');
    expect(dialog.body).toBe('Verbraucht 73 Credits, danach 339 übrig.');
    expect(dialogFor(selection, 'enrich', { kind: 'pending' }, 'de-DE').body).toBe('Verbraucht etwa 73 Credits; Ihr Guthaben wird geladen…');
    mountDialog(dialog, { onContinue: () => undefined, onCancel: () => undefined });
    expect(screen.getByRole('button', { name: 'Fortfahren' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Abbrechen' })).toBeTruthy();
  });

  it('the toolbar tooltip', () => {
    const badge = badgeFor({ kind: 'summary', summary: summary(), fetchedAt: NOW }, { now: NOW, locale: 'de-DE' });
    expect(badge.title).toBe('Deskflow: 412 Credits übrig · Basic · Verlängerung am 1. Dez.');
    expect(badgeFor({ kind: 'signed-out' }, { now: NOW, locale: 'de-DE' }).title).toBe('Deskflow Credits: nicht angemeldet');
  });
});
