import type { QueryClient } from '@tanstack/react-query';
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { messageLocale } from '@/utils/i18n';
import { connectStorage, createAppQueryClient } from './useSnapshot';
import './ui.css';

/**
 * Starts an extension page (popup, options). The stored snapshot and settings are read before
 * the first render (milliseconds), so the page paints real data at once, never a spinner over
 * data it already has.
 */
export function mountPage(App: ComponentType<{ queryClient: QueryClient }>, title: string): void {
  // The page speaks the language of the catalog the browser picked (screen readers, hyphenation).
  document.documentElement.lang = messageLocale();
  document.title = title;
  const queryClient = createAppQueryClient();
  void connectStorage(queryClient).then(() => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App queryClient={queryClient} />
      </StrictMode>,
    );
  });
}
