import { QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { parseSettings, type Settings } from '@/utils/settings';
import { parseSnapshot, type Snapshot } from '@/utils/snapshot';
import { settingsItem, snapshotItem } from '@/utils/storage';
import { startStorageRead, type StorageRead } from './storageRead';

/**
 * What the popup and the options page show: the snapshot and the settings, read from storage
 * (never from the API) and kept live by storage watches.
 */

export const snapshotQuery = queryOptions({
  queryKey: ['snapshot'] as const,
  queryFn: async (): Promise<Snapshot> => parseSnapshot(await snapshotItem.getValue()),
  staleTime: Infinity,
});

export const settingsQuery = queryOptions({
  queryKey: ['settings'] as const,
  queryFn: async (): Promise<Settings> => await settingsItem.getValue(),
  staleTime: Infinity,
});

export function createAppQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Storage is local and watched: nothing to retry, nothing to refetch on focus.
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/**
 * Read the snapshot and the settings into the cache before the first render, so the first
 * paint already shows the cached balance (no spinner, no layout jump), and keep the cache in
 * step with storage afterwards: the background writes, the page re-renders. `read` is the read
 * the page started before loading its UI (components/storageRead.ts); if storage changed after
 * it started and before the watches did, it is read again. A read never overwrites what a watch
 * already delivered. Returns the function that stops the watches.
 */
export async function connectStorage(queryClient: QueryClient, read: StorageRead = startStorageRead()): Promise<() => void> {
  let snapshotChanged = false;
  let settingsChanged = false;
  const unwatchSnapshot = snapshotItem.watch((value) => {
    snapshotChanged = true;
    queryClient.setQueryData(snapshotQuery.queryKey, parseSnapshot(value));
  });
  const unwatchSettings = settingsItem.watch((value) => {
    settingsChanged = true;
    queryClient.setQueryData(settingsQuery.queryKey, value);
  });
  let { snapshot, settings } = await read.values;
  if (read.changedSinceStart()) [snapshot, settings] = await Promise.all([snapshotItem.getValue(), settingsItem.getValue()]);
  if (!snapshotChanged) queryClient.setQueryData(snapshotQuery.queryKey, parseSnapshot(snapshot));
  if (!settingsChanged) queryClient.setQueryData(settingsQuery.queryKey, parseSettings(settings));
  return () => {
    unwatchSnapshot();
    unwatchSettings();
  };
}

/** The snapshot, or null until storage was read (never, when preloaded). */
export function useSnapshot(): Snapshot | null {
  return useQuery(snapshotQuery).data ?? null;
}

export function useSettings(): Settings | null {
  return useQuery(settingsQuery).data ?? null;
}
