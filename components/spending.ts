import { useEffect } from 'react';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { creditsLabel, formatCount } from '@/utils/credits/format';
import { t } from '@/utils/i18n';
import type { Limits } from '@/utils/limits/rules';
import { userTimeZone } from '@/utils/limits/week';
import { parseSpendingLog, spendingLogItem, spentThisWeek, type SpendingEntry } from '@/utils/spending-log';

/**
 * The spending log as the popup and the options page read it: from storage (the background
 * writes it), parsed on every read, kept live by a storage watch.
 */

export const spendingLogQuery = queryOptions({
  queryKey: ['spendingLog'] as const,
  queryFn: async (): Promise<SpendingEntry[]> => parseSpendingLog(await spendingLogItem.getValue()),
  staleTime: Infinity,
});

/** The log, oldest first; null until it was read. */
export function useSpendingLog(): SpendingEntry[] | null {
  const queryClient = useQueryClient();
  useEffect(
    () => spendingLogItem.watch((value) => queryClient.setQueryData(spendingLogQuery.queryKey, parseSpendingLog(value))),
    [queryClient],
  );
  return useQuery(spendingLogQuery).data ?? null;
}

/**
 * "This week: 180 credits through this browser" — and ", of your 300 budget" when one is set —
 * with the week of the user's locale in their time zone; `over` when the budget is exceeded.
 */
export function weekLine(
  log: readonly SpendingEntry[],
  limits: Pick<Limits, 'weeklyBudget'>,
  { now, locale, timeZone = userTimeZone() }: { now: number; locale: string; timeZone?: string },
): { text: string; over: boolean } {
  const spent = spentThisWeek(log, now, { locale, timeZone });
  const credits = creditsLabel(spent, locale);
  const budget = limits.weeklyBudget;
  if (budget === null) return { text: t('weekSpent', credits), over: false };
  return { text: t('weekSpentOfBudget', [credits, formatCount(budget, locale)]), over: spent > budget };
}
