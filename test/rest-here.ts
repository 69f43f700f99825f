import type { Rest } from '@/entrypoints/deskflow/rest';

/**
 * The content script's second half, imported into the test's world: what the background's
 * scripting.executeScript does in a browser (entrypoints/deskflow/rest.ts).
 */
export async function restHere(): Promise<Rest> {
  const [{ startWarning }, { createConnectHandOver }, { askBackground }] = await Promise.all([
    import('@/entrypoints/deskflow-warning/warning'),
    import('@/utils/connect'),
    import('@/utils/messages'),
  ]);
  return { startWarning, createConnectHandOver, askBackground };
}
