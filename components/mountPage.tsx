import type { QueryClient } from '@tanstack/react-query';
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import type { StorageRead } from './storageRead';
import { connectStorage, createAppQueryClient } from './data';

/**
 * Renders an extension page (popup, options) once the stored snapshot and settings are in, so
 * the page paints real data at once, never a spinner over data it already has. `read` was
 * started by the page's first script (components/startPage.ts) while this code loaded.
 */
/** A page's root component; `preload` reads what else its first render shows (one commit). */
export type PageApp = ComponentType<{ queryClient: QueryClient }> & { preload?: (queryClient: QueryClient) => Promise<unknown> };

export function mountPage(App: PageApp, read: StorageRead): void {
  const queryClient = createAppQueryClient();
  void Promise.all([connectStorage(queryClient, read), App.preload?.(queryClient)]).then(() => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App queryClient={queryClient} />
      </StrictMode>,
    );
  });
}
