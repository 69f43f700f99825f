/**
 * The storage keys extension pages read before anything else (components/storageRead.ts), in a
 * module of their own so that early read loads nothing else; utils/storage.ts defines the items.
 */
export const SNAPSHOT_KEY = 'snapshot';
export const SETTINGS_KEY = 'settings';
