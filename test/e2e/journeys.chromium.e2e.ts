import { inject } from 'vitest';
import { chromiumDriver } from './chromium-driver';
import { defineJourneys } from './journeys';

/** The same journeys as in Firefox (journeys.ts), in Chromium with the production build. */
defineJourneys('Chromium', (options) => chromiumDriver(inject('extensionDir'), options));
