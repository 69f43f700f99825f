import { useEffect, useRef, useState } from 'react';
import { QueryClient, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { userLocale } from '@/utils/i18n';
import { askBackground, type ResponseError, type ResponseValues } from '@/utils/messages';
import type { Request } from '@/utils/requests';
import { parseSettings, type Settings } from '@/utils/settings';
import { parseSnapshot, type Snapshot } from '@/utils/snapshot';
import { settingsItem, snapshotItem } from '@/utils/storage';
import { startStorageRead, type StorageRead } from './storageRead';

/**
 * The popup's and options page's window on the background: the snapshot and the settings are
 * read from storage (never from the API) and kept live by storage watches; every action is a
 * message to the background.
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

/** The background's refusal, with words a user understands. */
export class BackgroundError extends Error {
  readonly kind: string;
  constructor(error: ResponseError) {
    super(error.message);
    this.name = 'BackgroundError';
    this.kind = error.kind;
  }
}

/** Ask the background; resolves with its value or throws a BackgroundError. */
export async function ask<T extends Request>(request: T): Promise<ResponseValues[T['type']]> {
  const answer = await askBackground(request);
  if (!answer.ok) throw new BackgroundError(answer.error);
  return answer.value;
}

/**
 * A message to the background as a mutation (pending and error states for the button). What
 * the background changes reaches the page through the storage watch only: a refresh's answer
 * may be older than a write the watch already delivered, so it is not put in the cache.
 */
export function useBackgroundAction<T extends Request>() {
  return useMutation<ResponseValues[T['type']], BackgroundError, T>({
    mutationFn: (request) => ask(request),
  });
}

/**
 * A guard against double clicks: React state updates only after a re-render, so two clicks in
 * the same frame would both see "not pending". The ref flips synchronously.
 */
export function useOnceAtATime() {
  const running = useRef(false);
  return async function once<R>(action: () => Promise<R>): Promise<R | undefined> {
    if (running.current) return undefined;
    running.current = true;
    try {
      return await action();
    } finally {
      running.current = false;
    }
  };
}

/** The current time, re-read every `intervalMs` so ages and "retrying at" stay true. */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The user's locale for numbers and dates. */
export function useLocale(): string {
  return userLocale();
}
