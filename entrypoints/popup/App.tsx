import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Popup } from '@/components/popup/Popup';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Popup />
    </QueryClientProvider>
  );
}
