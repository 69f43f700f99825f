import type { Summary, Usage } from './billing/schemas';
import { arrayOf, exactly, isCount, isDate, isRecord, isSummary, nullable, type Check } from './shape-check';

/**
 * The popup's side of utils/popup-preview.ts: the preview's type and its reader, in a module of
 * its own that imports only the shape checks, because it is part of the popup's first script
 * (the writer needs the settings, and with them zod).
 */
export interface PopupPreview {
  summary: Summary;
  usage: Usage | null;
  appOrigin: string;
}

/** The preview in a popup URL's fragment (`location.hash`); null for none or anything malformed. */
export function readPopupPreview(hash: string): PopupPreview | null {
  if (hash.length < 2) return null;
  let value: unknown;
  try {
    value = JSON.parse(decodeURIComponent(hash.slice(1)));
  } catch {
    return null; // not URI-encoded JSON
  }
  return isPreview(value) ? value : null;
}

// ---------------------------------------------------------------------------------------------
// The shape check (utils/shape-check.ts): the fragment is a channel between two parts of this
// extension, not a trust boundary, and a hand-written check keeps zod out of the popup's first
// script. It accepts exactly what popupPreviewOf writes — the API's summary and usage as their
// schemas output them, an http(s) origin to link to — and nothing else (tests in
// test/unit/popup-preview.test.ts round-trip it and feed it malformed fragments).

/** An http(s) origin, exactly as URL.origin writes it (the links of the header go there). */
const isAppOrigin: Check = (value) => {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
};
/** One day of usage: its date and one count per category. */
const isUsageDay: Check = (value) =>
  isRecord(value) && isDate(value.date) && Object.entries(value).every(([key, n]) => key === 'date' || isCount(n));

const isUsage = exactly({
  from: isDate,
  to: isDate,
  days: arrayOf(isUsageDay),
});

const isPreview = exactly({ summary: isSummary, usage: nullable(isUsage), appOrigin: isAppOrigin }) as (value: unknown) => value is PopupPreview;
