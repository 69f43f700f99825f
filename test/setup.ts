import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup } from '@testing-library/react';

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  cleanup();
  // What tests put in the document without React (the in-page warning is plain DOM).
  if (typeof document !== 'undefined') document.body.replaceChildren();
});
