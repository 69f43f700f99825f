import { describe, expect, it } from 'vitest';
import { matchPatternFor, matchPatternForBrowser } from '../../utils/config';

/**
 * Firefox match patterns cannot name a port: `http://localhost:4010/*` matches nothing there, so
 * a build against the sandbox had no host access (every API call a CORS error) and no content
 * script. Firefox gets the host alone; Chrome keeps the port.
 */
describe('matchPatternFor in Firefox', () => {
  it('drops the port (a Firefox pattern with one matches nothing)', () => {
    expect(matchPatternForBrowser('http://localhost:4010', true)).toBe('http://localhost/*');
    expect(matchPatternForBrowser('https://crm.example.com:8443', true)).toBe('https://crm.example.com/*');
    expect(matchPatternForBrowser('https://app.deskflow.app', true)).toBe('https://app.deskflow.app/*');
  });

  it('keeps it for Chrome', () => {
    expect(matchPatternForBrowser('http://localhost:4010', false)).toBe('http://localhost:4010/*');
    // This build's browser (not Firefox under test), also when passed to Array.map.
    expect(['http://localhost:4010', 'http://127.0.0.1:4010'].map(matchPatternFor)).toEqual(['http://localhost:4010/*', 'http://127.0.0.1:4010/*']);
  });
});
