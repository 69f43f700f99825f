import { beforeAll, inject } from 'vitest';
import { buildExtensionFor } from './build';
import { firefoxDriver } from './firefox';
import { defineJourneys } from './journeys';

/**
 * The journeys in a real Firefox (Debian's firefox-esr, headless, WebDriver BiDi) with the
 * production Firefox build (MV2) against the sandbox.
 */
let extensionDir: string;
beforeAll(() => {
  extensionDir = buildExtensionFor(inject('sandbox'), { outDir: '.output/e2e-firefox', browser: 'firefox' });
});

defineJourneys('Firefox', (options) => firefoxDriver(extensionDir, options));
