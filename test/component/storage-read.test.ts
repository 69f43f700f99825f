import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startStorageRead } from '@/components/storageRead';
import { connectStorage, createAppQueryClient, settingsQuery, snapshotQuery } from '@/components/data';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { SIGNED_OUT } from '@/utils/snapshot';
import { signedIn } from '../fixtures/snapshots';

const remaining = (value: unknown) =>
  (value as { summary: { credits: { remaining: number } } | null } | undefined)?.summary?.credits.remaining ?? null;

describe('the early storage read of extension pages', () => {
  it('reads the stored snapshot and settings', async () => {
    await fakeBrowser.storage.local.set({ snapshot: signedIn({ remaining: 412 }), settings: { ...DEFAULT_SETTINGS, confirmation: 'off' } });
    const read = startStorageRead();
    const { snapshot, settings } = await read.values;
    expect(remaining(snapshot)).toBe(412);
    expect(settings).toMatchObject({ confirmation: 'off' });
    expect(read.changedSinceStart()).toBe(false);
  });

  it('the page shows a write that landed after the read started and before its watches', async () => {
    await fakeBrowser.storage.local.set({ snapshot: signedIn({ remaining: 412 }) });
    const read = startStorageRead();
    expect(remaining((await read.values).snapshot)).toBe(412);
    // The background writes while the page's UI is still loading (a payment landed).
    await fakeBrowser.storage.local.set({ snapshot: signedIn({ remaining: 512 }) });
    const queryClient = createAppQueryClient();
    const stop = await connectStorage(queryClient, read);
    expect(queryClient.getQueryData(snapshotQuery.queryKey)?.summary?.credits.remaining).toBe(512);
    // …and every write after that through the watch.
    await fakeBrowser.storage.local.set({ snapshot: signedIn({ remaining: 612 }) });
    expect(queryClient.getQueryData(snapshotQuery.queryKey)?.summary?.credits.remaining).toBe(612);
    stop();
  });

  it("reads through the browser's own API: browser.storage (Firefox), else chrome.storage (Chrome)", async () => {
    await fakeBrowser.storage.local.set({ snapshot: signedIn({ remaining: 7 }) });
    const scope = globalThis as { browser?: unknown };
    const saved = scope.browser;
    try {
      vi.stubGlobal('browser', undefined); // Chrome: only chrome.* (fakeBrowser here)
      const read = startStorageRead();
      expect(remaining((await read.values).snapshot)).toBe(7);
      await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS } });
      expect(read.changedSinceStart()).toBe(true);
    } finally {
      vi.stubGlobal('browser', saved);
    }
  });

  it('nothing stored, or something broken: signed out and the default settings', async () => {
    await fakeBrowser.storage.local.set({ settings: { confirmation: 'sometimes' } });
    const queryClient = createAppQueryClient();
    const stop = await connectStorage(queryClient, startStorageRead());
    expect(queryClient.getQueryData(snapshotQuery.queryKey)).toEqual(SIGNED_OUT);
    expect(queryClient.getQueryData(settingsQuery.queryKey)).toEqual(DEFAULT_SETTINGS);
    stop();
  });
});
