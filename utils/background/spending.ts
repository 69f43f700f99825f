import { userLocale } from '../i18n';
import { userTimeZone } from '../limits/week';
import type { RequestOf, SenderInfo } from '../messages';
import type { Snapshot } from '../snapshot';
import { createSpendingLog, entryFor, spentThisWeek, type SpendingLogStore } from '../spending-log';
import { perProspectCost } from '../warning/cost';

export interface SpendingDeps {
  /** The log in storage (tests pass another). */
  log?: SpendingLogStore;
  now: () => number;
  readSnapshot: () => Promise<Snapshot>;
  /** After the log changed: tell the pages this week's new total. */
  recorded?: () => Promise<void>;
}

/**
 * The background's side of the spending log: it records the confirmations content scripts
 * report and says what this browser spent this week (for the pages' weekly budget). Nothing of
 * it is ever sent anywhere but to this browser's own pages.
 */
export function createSpending({ log = createSpendingLog(), now, readSnapshot, recorded }: SpendingDeps) {
  /**
   * A content script's report of a confirmed action. The page is the sender's (origin and path,
   * never what the message says); the credits are the account's pricing applied to the action
   * when the background knows it, else what the confirmation stated (an estimate, the balance
   * unknown). An action that spends nothing makes no entry.
   */
  async function record(request: RequestOf<'bulkActionConfirmed'>, sender: SenderInfo): Promise<void> {
    if (sender.kind !== 'content-script' || !sender.page) return;
    const pricing = (await readSnapshot()).summary?.pricing;
    const credits = pricing ? perProspectCost(pricing, request.count, request.action) * request.count : (request.credits ?? 0);
    const entry = entryFor({ at: now(), url: sender.page, title: request.title, action: request.action, prospects: request.count, credits });
    if (!entry) return;
    await log.record(entry);
    await recorded?.();
  }

  /** Credits this week (the user's locale's week, in their time zone). */
  async function thisWeek(): Promise<number> {
    return spentThisWeek(await log.read(), now(), { locale: userLocale(), timeZone: userTimeZone() });
  }

  /** The options page's Clear: the log is emptied, and the pages told this week's total is 0. */
  async function clear(): Promise<void> {
    await log.clear();
    await recorded?.();
  }

  return { record, clear, thisWeek, log };
}

export type Spending = ReturnType<typeof createSpending>;
