import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Options } from '@/components/options/Options';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Options />
    </QueryClientProvider>
  );
}
