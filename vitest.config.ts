import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/component/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    restoreMocks: true,
    // Unit tests run as a development build (loopback origins), like the sandbox builds;
    // production allowlist rules are tested by passing `development: false` explicitly.
    env: { WXT_DESKFLOW_API_URL: 'http://127.0.0.1:9', WXT_DESKFLOW_APP_URL: 'http://localhost:9' },
  },
});
