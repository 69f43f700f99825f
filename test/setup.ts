import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup } from '@testing-library/react';
import { recordShadowRoots } from './shadow-roots';

if (typeof Element !== 'undefined') recordShadowRoots();

// fakeBrowser has no popup URL (action.setPopup / getPopup): the toolbar keeps one, as Chrome
// does, so tests can read the preview the background put there (utils/popup-preview.ts).
let popup = '';
fakeBrowser.action.setPopup = async ({ popup: path }: { popup: string | null }) => {
  popup = path ?? '';
};
fakeBrowser.action.getPopup = async () => popup;

beforeEach(() => {
  fakeBrowser.reset();
  popup = '';
});
afterEach(() => {
  cleanup();
  // What tests put in the document without React (the in-page warning is plain DOM).
  if (typeof document !== 'undefined') document.body.replaceChildren();
});
