import { useEffect, useState } from 'react';
import type { Snapshot } from '@/utils/snapshot';
import { POPUP_REFRESH_AFTER_MS } from '@/utils/snapshot';
import { ask, useBackgroundAction } from '../extension';

interface OpenRefresh {
  pending: boolean;
  error: string | null;
}
const OPEN_REFRESH_DONE: OpenRefresh = { pending: false, error: null };

/**
 * Opening the popup asks the background to refresh old data; the new data arrives through the
 * storage watch. Only what the footer shows about the request is React state — pending while
 * the data is old, set in the first render, and a refusal — so opening on young data renders
 * once (its answer changes nothing: the update bails out), and on old data "Refreshing…" shows
 * from the first paint.
 */
function useRefreshOnOpen(signedIn: boolean, dataIsOld: boolean): OpenRefresh {
  const [state, setState] = useState<OpenRefresh>(() =>
    signedIn && dataIsOld ? { pending: true, error: null } : OPEN_REFRESH_DONE,
  );
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    if (dataIsOld) setState((current) => (current.pending ? current : { pending: true, error: null }));
    ask({ type: 'refreshIfOld' }).then(
      () => {
        if (live) setState(OPEN_REFRESH_DONE); // the same state when nothing was shown: no render
      },
      (error: unknown) => {
        if (live) setState({ pending: false, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
    // Asked once per sign-in: the age at that moment decides whether "Refreshing…" shows.
  }, [signedIn]);
  return state;
}

/** The popup's refresh: on opening (old data), and the Refresh / Retry buttons. */
export function useRefresh(snapshot: Snapshot, now: number) {
  const refresh = useBackgroundAction<{ type: 'refresh'; force?: boolean }>();
  // Opening on young data asks too, but the answer is instant: no "Refreshing…" flash then.
  const dataIsOld = snapshot.fetchedAt === null || now - snapshot.fetchedAt > POPUP_REFRESH_AFTER_MS;
  const onOpen = useRefreshOnOpen(snapshot.signedIn, dataIsOld);
  const refreshing = refresh.isPending || (onOpen.pending && dataIsOld);
  return {
    refreshing,
    error: refresh.error?.message ?? onOpen.error ?? null,
    refresh: () => {
      if (!refreshing) refresh.mutate({ type: 'refresh', force: true });
    },
  };
}
