import { describe, expect, it } from 'vitest';
import { buildConfigFrom, isLoopbackOrigin, matchPatternFor } from '../../utils/config';

describe('build configuration', () => {
  it('defaults to production Deskflow, which is not a development build', () => {
    expect(buildConfigFrom({})).toEqual({
      apiOrigin: 'https://api.deskflow.app',
      appOrigin: 'https://app.deskflow.app',
      development: false,
    });
  });

  it('treats a loopback API or app origin as a development build', () => {
    expect(buildConfigFrom({ WXT_DESKFLOW_API_URL: 'http://127.0.0.1:4010/' }).development).toBe(true);
    expect(buildConfigFrom({ WXT_DESKFLOW_APP_URL: 'http://localhost:3000' }).development).toBe(true);
    expect(isLoopbackOrigin('https://localhost.evil.test')).toBe(false);
  });

  it('refuses a URL that is not http(s), naming the variable', () => {
    expect(() => buildConfigFrom({ WXT_DESKFLOW_API_URL: 'ftp://x' })).toThrow(/WXT_DESKFLOW_API_URL/);
    expect(() => buildConfigFrom({ WXT_DESKFLOW_APP_URL: 'nope' })).toThrow(/WXT_DESKFLOW_APP_URL/);
  });

  it('makes a match pattern for an origin that keeps its port', () => {
    expect(matchPatternFor('http://localhost:4010')).toBe('http://localhost:4010/*');
    expect(matchPatternFor('https://crm.example.com:443')).toBe('https://crm.example.com/*');
    expect(matchPatternFor('https://app.deskflow.app')).toBe('https://app.deskflow.app/*');
  });
});
