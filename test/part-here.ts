import type { LoadPart, PartName, Parts } from '@/entrypoints/deskflow/rest';

/**
 * The content script's other files, imported into the test's world: what the background's
 * scripting.executeScript does in a browser (entrypoints/deskflow/rest.ts).
 */
export const partHere: LoadPart = async <P extends PartName>(part: P): Promise<Parts[P]> => {
  if (part === 'warning') {
    const { startWarning } = await import('@/entrypoints/deskflow-warning/warning');
    return { startWarning } as Parts[P];
  }
  const [{ createConnectHandOver }, { askBackground }] = await Promise.all([import('@/utils/connect'), import('@/utils/ask-background')]);
  return { createConnectHandOver, askBackground } as Parts[P];
};
