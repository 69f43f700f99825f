import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * A production build (`wxt build`, never the dev server) pointed at a sandbox: its API on
 * 127.0.0.1 and its app on localhost, so the two origins differ as in production.
 */
export function buildExtensionFor(
  sandbox: { apiUrl: string; appUrl: string },
  { outDir = '.output/e2e', browser = 'chrome' }: { outDir?: string; browser?: 'chrome' | 'firefox' } = {},
): string {
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build', ...(browser === 'firefox' ? ['-b', 'firefox'] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      // vitest sets NODE_ENV=test, which would make Vite emit development JSX (jsxDEV)
      // against React's production runtime: build exactly as `npm run build` does.
      NODE_ENV: 'production',
      WXT_DESKFLOW_API_URL: sandbox.apiUrl,
      WXT_DESKFLOW_APP_URL: sandbox.appUrl,
      DESKFLOW_OUT_DIR: outDir,
    },
  });
  return join(ROOT, outDir, browser === 'firefox' ? 'firefox-mv2' : 'chrome-mv3');
}
