import { SETTINGS_KEY, SNAPSHOT_KEY } from '@/utils/storage-keys';

/** The stored snapshot and settings as they are in storage (validate before use). */
export interface StoredValues {
  snapshot: unknown;
  settings: unknown;
}

export interface StorageRead {
  values: Promise<StoredValues>;
  /** Whether either changed since the read started (its values may be older); stops looking. */
  changedSinceStart(): boolean;
}

type ChangeListener = (changes: Record<string, unknown>, area: string) => void;
interface BrowserStorage {
  local: { get(keys: string[]): Promise<Record<string, unknown>> };
  onChanged: { addListener(listener: ChangeListener): void; removeListener(listener: ChangeListener): void };
}

/**
 * The browser's own storage API (`browser.storage` in Firefox, `chrome.storage` in Chrome: both
 * return promises), not webextension-polyfill's wrapper: this module is on the way to the
 * popup's first paint, and the wrapper is ~10 kB to load before it (issue 19). What is read is
 * validated where it is used (components/data.ts, zod).
 */
function browserStorage(): BrowserStorage {
  const scope = globalThis as { browser?: { storage: BrowserStorage }; chrome?: { storage: BrowserStorage } };
  return (scope.browser ?? scope.chrome)!.storage;
}

/**
 * Read the snapshot and the settings now. An extension page starts this before it loads its UI
 * (React and the rest), so the round trip to the browser's storage runs while that code
 * evaluates instead of after it: the first render has its data without waiting.
 */
export function startStorageRead(): StorageRead {
  let changed = false;
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && (SNAPSHOT_KEY in changes || SETTINGS_KEY in changes)) changed = true;
  };
  const storage = browserStorage();
  storage.onChanged.addListener(onChanged);
  const values = storage.local
    .get([SNAPSHOT_KEY, SETTINGS_KEY])
    .then((stored) => ({ snapshot: stored[SNAPSHOT_KEY], settings: stored[SETTINGS_KEY] }));
  return {
    values,
    changedSinceStart() {
      storage.onChanged.removeListener(onChanged);
      return changed;
    },
  };
}
