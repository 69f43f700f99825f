import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExtensionFor } from './build';
import { sandbox } from './fixtures';

/**
 * The Firefox build (MV2; journeys.firefox.e2e.ts runs it in Firefox): the same catalogs and
 * localized manifest, the popup's shortcut under MV2's name, and the optional origins the
 * options page asks for declared where MV2 looks for them.
 */
describe('the Firefox MV2 build', () => {
  it('localized name, shortcut on _execute_browser_action, optional origins in optional_permissions', () => {
    const dir = buildExtensionFor(sandbox, { outDir: '.output/e2e-firefox', browser: 'firefox' });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      manifest_version: 2,
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      browser_action: { default_title: '__MSG_extName__', default_popup: 'popup.html' },
      commands: {
        _execute_browser_action: { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_commandOpenPopup__' },
      },
    });
    expect(manifest).not.toHaveProperty('commands._execute_action');
    expect(manifest.optional_permissions).toEqual(['https://*/*', 'http://*/*']);
    // scripting runs the warning's second half in a page (entrypoints/deskflow/rest.ts).
    expect(manifest.permissions).toContain('scripting');
    for (const language of ['en', 'de']) expect(existsSync(join(dir, '_locales', language, 'messages.json'))).toBe(true);
  });
});
