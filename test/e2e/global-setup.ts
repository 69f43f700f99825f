import type { TestProject } from 'vitest/node';
import { startSandbox } from '../sandbox/server';
import { buildExtensionFor } from './build';

declare module 'vitest' {
  export interface ProvidedContext {
    sandbox: { apiUrl: string; appUrl: string; demoKey: string };
    extensionDir: string;
  }
}

/** One sandbox and one production build for the whole run; tests reset the sandbox over HTTP. */
export default async function setup(project: TestProject) {
  const sandbox = await startSandbox();
  const extensionDir = buildExtensionFor(sandbox);
  project.provide('sandbox', { apiUrl: sandbox.apiUrl, appUrl: sandbox.appUrl, demoKey: sandbox.demoKey });
  project.provide('extensionDir', extensionDir);
  return async () => {
    await sandbox.close();
  };
}
