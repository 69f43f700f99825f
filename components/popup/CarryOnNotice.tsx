import { useEffect } from 'react';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { actionLabel } from '@/components/warning/strings';
import { carryOnItem } from '@/utils/storage';
import { parseCarryOnStore, tabClosedMention } from '@/utils/warning/carry-on';
import { openTab, openTabIds } from '../extension';

const carryOnKey = ['carry-on'] as const;

/** The waiting actions and the open tabs (read before the popup's first render: components/mountPage.tsx). */
export const carryOnQuery = queryOptions({
  queryKey: carryOnKey,
  queryFn: async () => ({ stored: await carryOnItem.getValue(), open: await openTabIds() }),
  staleTime: Infinity,
});

/**
 * Carry on after buying, in the popup: an action that waited for new credits in a tab that was
 * closed since (product.md), with a link back to the app. Nothing while its tab is open (the
 * page itself offers to carry on there) or once it expired.
 */
export function CarryOnNotice({ appOrigin, now, locale }: { appOrigin: string; now: number; locale: string }) {
  const queryClient = useQueryClient();
  const { data } = useQuery(carryOnQuery);
  useEffect(() => carryOnItem.watch(() => void queryClient.invalidateQueries({ queryKey: carryOnKey })), [queryClient]);
  if (!data) return null;
  const mention = tabClosedMention(parseCarryOnStore(data.stored, now), data.open, now, appOrigin, locale, actionLabel);
  if (!mention) return null;
  return (
    <div className="notice notice--info" role="status">
      <div className="notice__text">
        <p className="notice__title">{mention.text}</p>
        <p className="notice__body">
          <a
            href={mention.href}
            target="_blank"
            rel="noreferrer"
            onClick={(event) => {
              event.preventDefault();
              openTab(mention.href);
            }}
          >
            {mention.linkLabel}
          </a>
        </p>
      </div>
    </div>
  );
}
