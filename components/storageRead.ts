import { browser } from 'wxt/browser';
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
  browser.storage.onChanged.addListener(onChanged);
  const values = browser.storage.local
    .get([SNAPSHOT_KEY, SETTINGS_KEY])
    .then((stored) => ({ snapshot: stored[SNAPSHOT_KEY], settings: stored[SETTINGS_KEY] }));
  return {
    values,
    changedSinceStart() {
      browser.storage.onChanged.removeListener(onChanged);
      return changed;
    },
  };
}
