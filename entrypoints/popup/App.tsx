import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { carryOnQuery } from '@/components/popup/CarryOnNotice';
import { Popup } from '@/components/popup/Popup';
import { spendingLogQuery } from '@/components/spending';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Popup />
    </QueryClientProvider>
  );
}

/** What the popup shows besides the snapshot, read with it: the first render is the only one. */
App.preload = (queryClient: QueryClient) =>
  Promise.all([queryClient.prefetchQuery(spendingLogQuery), queryClient.prefetchQuery(carryOnQuery)]);
