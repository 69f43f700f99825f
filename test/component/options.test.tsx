import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildConfig } from '@/utils/config';
import type { Response } from '@/utils/messages';
import type { Request } from '@/utils/messages';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '@/utils/settings';
import { SIGNED_OUT } from '@/utils/snapshot';
import { apiKeyItem, settingsItem, snapshotItem } from '@/utils/storage';
import { mockBackground, renderOptions, signedIn, stopWatches } from './popup-fixtures';

afterEach(() => stopWatches());

const GOOD_KEY = 'dfk_abcdefghijklmnopqrstuvwx12';

/** The background's answers to the options page, writing storage the way the real one does. */
async function background(request: Request): Promise<Response> {
  switch (request.type) {
    case 'setApiKey':
      if (request.key !== GOOD_KEY) {
        return {
          ok: false,
          error: { kind: 'unauthorized', message: 'Deskflow refused this key. Check that it is copied whole and not revoked.' },
        };
      }
      await apiKeyItem.setValue(request.key);
      await snapshotItem.setValue({ ...SIGNED_OUT, signedIn: true, me: { id: 'usr_1', email: 'ana@acme.test', accountId: 'acc_7Hq2' } });
      return { ok: true, value: { email: 'ana@acme.test' } };
    case 'signOut':
      await apiKeyItem.removeValue();
      await snapshotItem.setValue(SIGNED_OUT);
      return { ok: true, value: null };
    case 'saveSettings': {
      const parsed = SettingsSchema.safeParse(request.settings);
      if (!parsed.success) return { ok: false, error: { kind: 'invalid_settings', message: 'Invalid settings.' } };
      await settingsItem.setValue(parsed.data);
      return { ok: true, value: null };
    }
    default:
      return { ok: true, value: null };
  }
}

function mockPermissions(granted: boolean) {
  const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((async () => granted) as never);
  const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation((async () => true) as never);
  return { request, remove };
}

describe('options: API key', () => {
  it('a wrong key is not saved, the reason is shown and the typed key stays', async () => {
    const bg = mockBackground(background);
    const { user } = await renderOptions();
    const field = screen.getByRole('textbox', { name: 'API key' });
    await user.type(field, 'dfk_wrong');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Deskflow refused this key');
    expect(bg.ofType('setApiKey')).toEqual([{ type: 'setApiKey', key: 'dfk_wrong' }]);
    expect(await apiKeyItem.getValue()).toBeNull();
    expect((field as HTMLInputElement).value).toBe('dfk_wrong');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText(/Connected as/)).toBeNull();
  });

  it('a right key shows "Connected as", never the key, and Sign out signs out', async () => {
    const bg = mockBackground(background);
    const { user } = await renderOptions();
    await user.type(screen.getByRole('textbox', { name: 'API key' }), GOOD_KEY);
    await user.keyboard('{Enter}');

    expect(await screen.findByText('Connected as ana@acme.test')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'API key' })).toBeNull();
    expect(document.body.textContent).not.toContain(GOOD_KEY);
    expect(screen.getByText('dfk_••••••••')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('textbox', { name: 'API key' })).toBeTruthy();
    expect(bg.ofType('signOut')).toHaveLength(1);
    expect((screen.getByRole('textbox', { name: 'API key' }) as HTMLInputElement).value).toBe('');
  });

  it('Sign in with Deskflow opens the connect page of the app', async () => {
    mockBackground(background);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const { user } = await renderOptions();
    await user.click(screen.getByRole('button', { name: 'Sign in with Deskflow' }));
    expect(create).toHaveBeenCalledWith({ url: `${buildConfig.appOrigin}/extension/connect` });
  });

  it('shows who is connected when the page opens signed in', async () => {
    mockBackground(background);
    await renderOptions(signedIn());
    expect(screen.getByText('Connected as ana@acme.test')).toBeTruthy();
  });
});

describe('options: addresses', () => {
  it('refuses a bad origin with a message, keeps the typed value and loses nothing saved', async () => {
    const saved: Settings = { ...DEFAULT_SETTINGS, apiOrigin: 'https://api.staging.deskflow.dev' };
    const bg = mockBackground(background);
    const permissions = mockPermissions(true);
    const { user } = await renderOptions(SIGNED_OUT, saved);

    const app = screen.getByRole('textbox', { name: 'App origin' });
    expect((screen.getByRole('textbox', { name: 'API origin' }) as HTMLInputElement).value).toBe(
      'https://api.staging.deskflow.dev',
    );
    expect(app.getAttribute('placeholder')).toBe(buildConfig.appOrigin);
    await user.type(app, 'ftp://files.example.com');
    await user.click(screen.getByRole('button', { name: 'Save addresses' }));

    expect(screen.getByRole('alert').textContent).toContain('"ftp://files.example.com" is not a web address');
    expect((app as HTMLInputElement).value).toBe('ftp://files.example.com');
    expect(permissions.request).not.toHaveBeenCalled();
    expect(bg.ofType('saveSettings')).toEqual([]);
    expect(await settingsItem.getValue()).toEqual(saved);
  });

  it('asks for the host permission of a new origin, then saves it', async () => {
    const bg = mockBackground(background);
    const permissions = mockPermissions(true);
    const { user } = await renderOptions();
    await user.type(screen.getByRole('textbox', { name: 'App origin' }), 'https://app.staging.deskflow.dev/home');
    await user.type(screen.getByRole('textbox', { name: 'API origin' }), 'https://api.staging.deskflow.dev');
    await user.click(screen.getByRole('button', { name: 'Save addresses' }));

    expect(permissions.request).toHaveBeenCalledWith({
      origins: ['https://app.staging.deskflow.dev/*', 'https://api.staging.deskflow.dev/*'],
    });
    await waitFor(() =>
      expect(bg.ofType('saveSettings')).toEqual([
        {
          type: 'saveSettings',
          settings: {
            ...DEFAULT_SETTINGS,
            appOrigin: 'https://app.staging.deskflow.dev',
            apiOrigin: 'https://api.staging.deskflow.dev',
          },
        },
      ]),
    );
    expect(await screen.findByText('Saved')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'App origin' }) as HTMLInputElement).value).toBe(
      'https://app.staging.deskflow.dev',
    );
  });

  it('saves nothing when the permission is refused', async () => {
    const bg = mockBackground(background);
    mockPermissions(false);
    const { user } = await renderOptions();
    await user.type(screen.getByRole('textbox', { name: 'API origin' }), 'https://api.staging.deskflow.dev');
    await user.click(screen.getByRole('button', { name: 'Save addresses' }));
    expect((await screen.findByRole('alert')).textContent).toContain('did not grant access');
    expect(bg.ofType('saveSettings')).toEqual([]);
  });
});

describe('options: other sites', () => {
  it('adding a site asks for its permission first, then saves it', async () => {
    const bg = mockBackground(background);
    const permissions = mockPermissions(true);
    const { user } = await renderOptions();
    await user.type(screen.getByRole('textbox', { name: 'Site address' }), 'https://crm.example.com/leads');
    await user.click(screen.getByRole('button', { name: 'Add site' }));

    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://crm.example.com/*'] });
    const list = await screen.findByRole('list', { name: 'Other sites' });
    expect(within(list).getByText('https://crm.example.com')).toBeTruthy();
    expect(bg.ofType('saveSettings')).toHaveLength(1);
    expect((await settingsItem.getValue()).extraSites).toEqual(['https://crm.example.com']);
    expect((screen.getByRole('textbox', { name: 'Site address' }) as HTMLInputElement).value).toBe('');
  });

  it('refuses a bad site address and removes a site', async () => {
    mockBackground(background);
    const permissions = mockPermissions(true);
    const { user } = await renderOptions(SIGNED_OUT, { ...DEFAULT_SETTINGS, extraSites: ['https://crm.example.com'] });
    await user.type(screen.getByRole('textbox', { name: 'Site address' }), 'not a site');
    await user.click(screen.getByRole('button', { name: 'Add site' }));
    expect(screen.getByRole('alert').textContent).toContain('is not a web address');
    expect(permissions.request).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Remove https://crm.example.com' }));
    await waitFor(async () => expect((await settingsItem.getValue()).extraSites).toEqual([]));
    await waitFor(() => expect(permissions.remove).toHaveBeenCalledWith({ origins: ['https://crm.example.com/*'] }));
    expect(await screen.findByText('No other sites yet.')).toBeTruthy();
  });
});

describe('options: warnings', () => {
  it('saves the confirmation mode and the low-balance notification', async () => {
    const bg = mockBackground(background);
    const { user } = await renderOptions();
    const group = screen.getByRole('group', { name: 'Ask before credit-spending bulk actions' });
    expect((within(group).getByRole('radio', { name: 'Always' }) as HTMLInputElement).checked).toBe(true);

    await user.click(within(group).getByRole('radio', { name: 'Only when credits are short' }));
    await waitFor(async () => expect((await settingsItem.getValue()).confirmation).toBe('short'));
    expect((within(group).getByRole('radio', { name: 'Only when credits are short' }) as HTMLInputElement).checked).toBe(true);

    const notify = screen.getByRole('checkbox', { name: 'Notify me when credits run low' });
    expect((notify as HTMLInputElement).checked).toBe(true);
    await user.click(notify);
    await waitFor(async () => expect((await settingsItem.getValue()).lowBalanceNotification).toBe(false));
    expect(bg.ofType('saveSettings').at(-1)).toEqual({
      type: 'saveSettings',
      settings: { ...DEFAULT_SETTINGS, confirmation: 'short', lowBalanceNotification: false },
    });
  });

  it('shows a refused save in words and keeps the saved choice', async () => {
    mockBackground(async (request) =>
      request.type === 'saveSettings'
        ? { ok: false, error: { kind: 'invalid_settings', message: 'The settings could not be saved.' } }
        : { ok: true, value: null },
    );
    const { user } = await renderOptions();
    await user.click(screen.getByRole('radio', { name: 'Never' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The settings could not be saved.');
    expect((screen.getByRole('radio', { name: 'Always' }) as HTMLInputElement).checked).toBe(true);
  });
});

describe('options: keyboard shortcut', () => {
  it('shows the popup shortcut when the browser has one', async () => {
    mockBackground(background);
    vi.spyOn(fakeBrowser.commands, 'getAll').mockImplementation((async () => [
      { name: '_execute_action', shortcut: 'Ctrl+Shift+Y', description: '' },
    ]) as never);
    await renderOptions();
    expect((await screen.findByText('Ctrl+Shift+Y')).tagName).toBe('KBD');
  });

  it('says when there is none (the browser drops a suggested key that clashes)', async () => {
    mockBackground(background);
    vi.spyOn(fakeBrowser.commands, 'getAll').mockImplementation((async () => [
      { name: '_execute_action', shortcut: '', description: '' },
    ]) as never);
    await renderOptions();
    await act(async () => undefined);
    expect(screen.queryByText(/Open the credits popup/)).toBeNull();
    expect(screen.getByText('No shortcut is set for the credits popup.')).toBeTruthy();
  });

  it('says where to change it, and Change shortcut opens the browser’s shortcuts page', async () => {
    mockBackground(background);
    vi.spyOn(fakeBrowser.commands, 'getAll').mockImplementation((async () => [
      { name: '_execute_action', shortcut: 'Alt+Shift+D', description: '' },
    ]) as never);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const { user } = await renderOptions();
    const section = screen.getByRole('region', { name: 'Keyboard shortcut' });
    expect(within(section).getByText('chrome://extensions/shortcuts').tagName).toBe('CODE');
    await user.click(within(section).getByRole('button', { name: 'Change shortcut' }));
    expect(create).toHaveBeenCalledWith({ url: 'chrome://extensions/shortcuts' });
  });
});
