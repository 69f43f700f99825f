import type { Limits } from '@/utils/limits/rules';
import { useSpendingLog, weekLine } from '../spending';
import '../limits.css';

/**
 * The popup's line on this week's spending through this browser (the spending log): "This
 * week: 180 credits through this browser", "…, of your 300 budget" when one is set — drawn as a
 * warning once the budget is exceeded. Nothing until the log was read.
 */
export function WeekLine({ limits, now, locale }: { limits: Pick<Limits, 'weeklyBudget'>; now: number; locale: string }) {
  const log = useSpendingLog();
  if (log === null) return null;
  const { text, over } = weekLine(log, limits, { now, locale });
  return <p className={over ? 'week-line week-line--over' : 'week-line'}>{text}</p>;
}
