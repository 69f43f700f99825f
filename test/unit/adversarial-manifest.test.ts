// @vitest-environment node
/**
 * Adversarial: the built extension asks for exactly what product.md's Security section allows.
 * Two real builds (`wxt build`, in parallel): production defaults (https://api.deskflow.app and
 * https://app.deskflow.app) and a development build against loopback origins. Their manifests
 * are checked field by field, their pages for inline script, their bundles for an external
 * messaging listener.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect } from 'vitest';
import { matchPatternFor } from '@/utils/config';
import { reliabilityReport } from './report';

const report = reliabilityReport('Manifest and CSP', 'adversarial-manifest.test.ts', 7);
const ROOT = resolve(import.meta.dirname, '../..');

interface Build {
  name: 'production' | 'development';
  apiUrl: string;
  appUrl: string;
  outDir: string;
}
const BUILDS: Build[] = [
  { name: 'production', apiUrl: 'https://api.deskflow.app', appUrl: 'https://app.deskflow.app', outDir: '.output/manifest-test-prod' },
  { name: 'development', apiUrl: 'http://127.0.0.1:4010', appUrl: 'http://localhost:4010', outDir: '.output/manifest-test-dev' },
];

type Manifest = Record<string, unknown> & {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<Record<string, unknown> & { matches: string[] }>;
  web_accessible_resources?: Array<{ resources: string[]; matches: string[] }>;
  content_security_policy?: unknown;
};

const built = new Map<string, { dir: string; manifest: Manifest }>();

/** What a build reads from the project. */
const SOURCES = ['entrypoints', 'components', 'utils', 'public', 'wxt.config.ts', 'package.json', 'tsconfig.json'];

/**
 * A copy of the project's sources in a temporary folder (node_modules linked): `wxt build`
 * rewrites `<root>/.wxt/`, which the running vitest and any other wxt process read, so the
 * builds here never run in the project itself.
 */
function isolatedCopy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `deskflow-manifest-${name}-`));
  for (const entry of SOURCES) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

async function build({ name, apiUrl, appUrl, outDir }: Build): Promise<void> {
  rmSync(join(ROOT, outDir), { recursive: true, force: true });
  const cwd = isolatedCopy(name);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // vitest sets NODE_ENV=test: build exactly as `npm run build` does.
    NODE_ENV: 'production',
    WXT_DESKFLOW_API_URL: apiUrl,
    // The output still goes to the project's .output/ (absolute path).
    DESKFLOW_OUT_DIR: join(ROOT, outDir),
  };
  // The production build uses the default app origin: the variable is unset, as in CI.
  if (name === 'production') delete env.WXT_DESKFLOW_APP_URL;
  else env.WXT_DESKFLOW_APP_URL = appUrl;
  try {
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd, env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`wxt build (${name}) failed:\n${stdout}\n${stderr}`, { cause: error });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  const dir = join(ROOT, outDir, 'chrome-mv3');
  built.set(name, { dir, manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest });
}

beforeAll(async () => {
  await Promise.all(BUILDS.map(build));
}, 120_000);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe.each(BUILDS)('the $name build', (b) => {
  const get = () => built.get(b.name)!;
  const appPattern = matchPatternFor(new URL(b.appUrl).origin);
  const apiPattern = matchPatternFor(new URL(b.apiUrl).origin);

  report.check(`${b.name}: permissions exactly storage, alarms, notifications, scripting; host permissions exactly the API and app origins`, (t) => {
    const { manifest } = get();
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'notifications', 'scripting']);
    expect(manifest.host_permissions).toEqual([apiPattern, appPattern]);
    t.add({ cases: 2 });
  });

  report.check(`${b.name}: optional permissions as configured in wxt.config.ts (http(s) origins asked at run time, nothing else)`, (t) => {
    const { manifest } = get();
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    t.add({ cases: 2 });
  });

  report.check(`${b.name}: the content script runs only on the app origin, top frame, isolated world`, (t) => {
    const { manifest } = get();
    expect(manifest.content_scripts?.length).toBeGreaterThan(0);
    for (const script of manifest.content_scripts ?? []) {
      expect(script.matches).toEqual([appPattern]);
      expect(script.all_frames ?? false).toBe(false);
      expect(script.match_about_blank ?? false).toBe(false);
      expect(script.match_origin_as_fallback ?? false).toBe(false);
      expect(script.world ?? 'ISOLATED').toBe('ISOLATED');
      expect(script.exclude_matches).toBeUndefined();
      t.add({ cases: 1 });
    }
  });

  report.check(`${b.name}: no <all_urls> or wildcard host anywhere, no externally_connectable, no web-accessible resources beyond CSS for the app`, (t) => {
    const { manifest } = get();
    const text = JSON.stringify(manifest);
    expect(text).not.toContain('<all_urls>');
    const granted = [...(manifest.host_permissions ?? []), ...(manifest.content_scripts ?? []).flatMap((s) => s.matches)];
    for (const pattern of granted) expect(pattern).not.toMatch(/^\*:|:\/\/\*|\*\.\*/);
    expect(manifest).not.toHaveProperty('externally_connectable');
    for (const entry of manifest.web_accessible_resources ?? []) {
      expect(entry.resources.every((r) => r.endsWith('.css'))).toBe(true);
      expect(entry.matches).toEqual([appPattern]);
    }
    for (const key of ['key', 'update_url', 'oauth2', 'chrome_url_overrides', 'devtools_page', 'sandbox', 'declarative_net_request']) {
      expect(manifest).not.toHaveProperty(key);
    }
    t.add({ cases: granted.length + 1 });
  });

  report.check(`${b.name}: the default CSP (no unsafe-eval, no remote script) and no inline script in the pages`, (t) => {
    const { manifest, dir } = get();
    const csp = manifest.content_security_policy as { extension_pages?: string; sandbox?: string } | undefined;
    if (csp !== undefined) {
      for (const policy of Object.values(csp)) {
        expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/);
      }
    }
    const pages = files(dir).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) expect(tag).toMatch(/\bsrc=/);
      expect(html).not.toMatch(/<script\b[^>]*>\s*[^<\s]/i); // no inline code after a <script> tag
      expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers
      expect(html).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//i); // nothing loaded from elsewhere
      t.add({ cases: 1 });
    }
  });

  report.check(`${b.name}: no external messaging listener in the built code (onMessageExternal / onConnectExternal)`, (t) => {
    const scripts = files(get().dir).filter((f) => f.endsWith('.js'));
    for (const script of scripts) {
      const code = readFileSync(script, 'utf8');
      // The polyfill lists the event names in its metadata; a listener would call addListener.
      expect(code).not.toMatch(/on(?:Message|Connect)External\s*\.\s*addListener|on(?:Message|Connect)External\s*\[\s*["'`]addListener/);
      t.add({ cases: 1 });
    }
  });
});
