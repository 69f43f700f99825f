import { defineConfig } from 'vitest/config';

/** Real-browser tests: Chromium and Firefox (*.firefox.e2e.ts) with the production builds, one test file at a time. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Real browsers on a busy machine: a wait on the extension gets 5 s unless it says otherwise
    // (vitest's default is 1 s; a Firefox journey's badge missed it in CI).
    expect: { poll: { timeout: 5_000 } },
  },
});
