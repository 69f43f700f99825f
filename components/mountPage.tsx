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
export function mountPage(App: ComponentType<{ queryClient: QueryClient }>, read: StorageRead): void {
  const queryClient = createAppQueryClient();
  void connectStorage(queryClient, read).then(() => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App queryClient={queryClient} />
      </StrictMode>,
    );
  });
}
