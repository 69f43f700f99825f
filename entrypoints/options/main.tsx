import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectStorage, createAppQueryClient } from '@/components/useSnapshot';
import { messageLocale, t } from '@/utils/i18n';
import { App } from './App';
import '@/components/ui.css';
import './style.css';

// The page speaks the language of the catalog the browser picked (screen readers, hyphenation).
document.documentElement.lang = messageLocale();
document.title = t('optionsTitle');
// Settings and account are read before the first render, so the fields start filled in.
const queryClient = createAppQueryClient();
void connectStorage(queryClient).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  );
});
