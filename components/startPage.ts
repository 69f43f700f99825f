import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { messageLocale } from '@/utils/i18n';
import { startStorageRead } from './storageRead';
import './ui.css';

/**
 * The first script of an extension page (popup, options): it starts reading storage, then loads
 * the page's UI (React, the components, the schemas: most of the page's code), so the read and
 * the loading overlap (npm run bench, popup time to balance). Nothing else runs before.
 */
export function startPage(title: string, loadApp: () => Promise<ComponentType<{ queryClient: QueryClient }>>): void {
  const read = startStorageRead();
  // The page speaks the language of the catalog the browser picked (screen readers, hyphenation).
  document.documentElement.lang = messageLocale();
  document.title = title;
  void Promise.all([import('./mountPage'), loadApp()]).then(([{ mountPage }, App]) => mountPage(App, read));
}
