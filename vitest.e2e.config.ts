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
  },
});
