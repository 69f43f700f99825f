/**
 * The content script's files in the build. The first half (entrypoints/deskflow/) is listed in
 * the manifest by wxt.config.ts and registered on extra sites by the background; the second,
 * the warning (entrypoints/deskflow-warning/), and the third, the connect hand-over
 * (entrypoints/deskflow-connect/), are run by the background when a page needs them.
 */
export const CONTENT_SCRIPT_FILE = 'deskflow.js';
export const WARNING_SCRIPT_FILE = 'deskflow-warning.js';
export const CONNECT_SCRIPT_FILE = 'deskflow-connect.js';
