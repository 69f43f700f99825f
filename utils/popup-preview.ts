import type { PopupPreview } from './popup-preview-read';
import { appOriginOf, type Settings } from './settings';
import type { Snapshot } from './snapshot';

/**
 * What the popup paints before it has read storage or loaded React (npm run bench, popup time
 * to balance): the header and the balance card, from a copy of their data that the background
 * puts in the popup's own URL (`action.setPopup`, `popup.html#<preview>`) whenever the snapshot
 * changes. The background still owns the data; storage stays the source of truth, and the React
 * popup, once loaded, draws from it. Only the everyday case has a preview: signed in, a summary,
 * nothing failed (a notice would come first otherwise). The popup reads it with
 * utils/popup-preview-read.ts (not re-exported here: the background would carry the reader).
 */
const POPUP_PAGE = '/popup.html';

export function popupPreviewOf(snapshot: Snapshot, settings: Settings): PopupPreview | null {
  if (!snapshot.signedIn || !snapshot.summary || snapshot.lastError) return null;
  return { summary: snapshot.summary, usage: snapshot.usage, appOrigin: appOriginOf(settings) };
}

/** The popup's URL: the page, with the preview (if any) as its fragment. */
export function popupPathFor(preview: PopupPreview | null): string {
  return preview ? `${POPUP_PAGE}#${encodeURIComponent(JSON.stringify(preview))}` : POPUP_PAGE;
}
