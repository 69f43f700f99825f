/**
 * The sandbox's demo accounts ("scenarios"), the catalog and the generated usage history.
 * Everything here is plain data and pure functions; server.ts holds the mutable state.
 */
import type { Catalog, Summary, Usage, UsageDay } from '../../utils/billing/schemas.ts';

/** The one API key the sandbox accepts (`dfk_` + 29 URL-safe characters). */
export const DEMO_KEY = 'dfk_demo_000000000000000000000000';

export const SCENARIO_NAMES = [
  'basic',
  'low',
  'zero',
  'free',
  'pro',
  'member',
  'canceled',
  'thousand',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export function isScenarioName(name: unknown): name is ScenarioName {
  return typeof name === 'string' && (SCENARIO_NAMES as readonly string[]).includes(name);
}

export const CATALOG: Catalog = {
  packages: [
    { id: 'pkg_50', credits: 50, price: { amount: 2500, currency: 'usd' } },
    { id: 'pkg_100', credits: 100, price: { amount: 4500, currency: 'usd' } },
    { id: 'pkg_250', credits: 250, price: { amount: 10000, currency: 'usd' } },
    { id: 'pkg_500', credits: 500, price: { amount: 17500, currency: 'usd' } },
  ],
  plans: [
    {
      id: 'free', name: 'Free', tier: 'free', interval: 'month', monthlyCredits: 25,
      price: { amount: 0, currency: 'usd' }, features: ['Search', '25 credits a month'],
    },
    {
      id: 'basic', name: 'Basic', tier: 'basic', interval: 'month', monthlyCredits: 500,
      price: { amount: 4900, currency: 'usd' }, features: ['Unlimited individual enrichment'],
    },
    {
      id: 'pro', name: 'Pro', tier: 'pro', interval: 'month', monthlyCredits: 2000,
      price: { amount: 9900, currency: 'usd' }, features: ['LinkedIn campaigns'],
    },
  ],
};

export const BULK_THRESHOLD = 50;
export const BULK_ACTIONS: Record<string, number> = { enrich: 1, export: 1 };

export type Role = 'admin' | 'member';

/** The mutable account a scenario starts from. */
export interface AccountState {
  scenario: ScenarioName;
  account: { id: string; name: string; role: Role };
  me: { id: string; email: string; accountId: string };
  plan: {
    id: string;
    name: string;
    tier: string;
    status: string;
    interval: string;
    renewsAt: string | null;
  };
  included: { remaining: number; allowance: number; resetsAt: string | null };
  addOn: number;
  individualEnrichment: 'unlimited' | 'credits';
  /** Credits the generated history says were spent this period before the sandbox started. */
  historyUsedThisPeriod: number;
  /** Credits spent while the sandbox runs (bulk actions, /__sandbox/credits), by day and category. */
  liveUsage: Record<string, Record<string, number>>;
}

/** `2026-12-01T00:00:00Z`: ISO 8601 UTC without milliseconds, like the spec's examples. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026-11-26` (UTC). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC on the first day of the month after `now`: when plans renew and credits reset. */
export function nextPeriodStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

interface ScenarioSpec {
  plan: 'free' | 'basic' | 'pro';
  status?: string;
  role?: Role;
  includedRemaining: number;
  addOn: number;
}

const SCENARIOS: Record<ScenarioName, ScenarioSpec> = {
  basic: { plan: 'basic', includedRemaining: 362, addOn: 50 }, // 412
  low: { plan: 'basic', includedRemaining: 40, addOn: 0 }, // 40
  zero: { plan: 'basic', includedRemaining: 0, addOn: 0 }, // 0
  free: { plan: 'free', includedRemaining: 18, addOn: 0 }, // 18 of 25
  pro: { plan: 'pro', includedRemaining: 1845, addOn: 10500 }, // 12,345
  member: { plan: 'basic', role: 'member', includedRemaining: 362, addOn: 50 }, // 412
  canceled: { plan: 'basic', status: 'canceled', includedRemaining: 362, addOn: 50 }, // 412
  thousand: { plan: 'basic', includedRemaining: 484, addOn: 750 }, // 1,234
};

export function planOffer(planId: string) {
  return CATALOG.plans.find((p) => p.id === planId);
}

/** Puts `account` on a plan as Deskflow's subscription webhook would (fresh included credits). */
export function applyPlan(account: AccountState, planId: string, now: Date, status = 'active'): void {
  const offer = planOffer(planId);
  if (!offer) throw new Error(`unknown plan ${planId}`);
  const next = isoSeconds(nextPeriodStart(now));
  const canceled = status === 'canceled';
  account.plan = {
    id: offer.id,
    name: offer.name,
    tier: offer.tier,
    status,
    interval: offer.interval,
    renewsAt: canceled || offer.tier === 'free' ? null : next,
  };
  account.included = {
    remaining: offer.monthlyCredits,
    allowance: offer.monthlyCredits,
    resetsAt: canceled ? null : next,
  };
  account.individualEnrichment = offer.tier === 'free' ? 'credits' : 'unlimited';
}

export function createAccount(name: ScenarioName, now: Date): AccountState {
  const spec = SCENARIOS[name];
  const role = spec.role ?? 'admin';
  const account: AccountState = {
    scenario: name,
    account: { id: 'acc_7Hq2', name: 'Acme Sales', role },
    me:
      role === 'admin'
        ? { id: 'usr_1', email: 'ana@acme.test', accountId: 'acc_7Hq2' }
        : { id: 'usr_2', email: 'sam@acme.test', accountId: 'acc_7Hq2' },
    plan: { id: '', name: '', tier: '', status: '', interval: '', renewsAt: null },
    included: { remaining: 0, allowance: 0, resetsAt: null },
    addOn: spec.addOn,
    individualEnrichment: 'unlimited',
    historyUsedThisPeriod: 0,
    liveUsage: {},
  };
  applyPlan(account, spec.plan, now, spec.status ?? 'active');
  account.included.remaining = spec.includedRemaining;
  account.historyUsedThisPeriod = account.included.allowance - spec.includedRemaining;
  return account;
}

export function remaining(account: AccountState): number {
  return account.included.remaining + account.addOn;
}

export function summaryOf(account: AccountState, now: Date): Summary {
  return {
    account: { ...account.account },
    plan: { ...account.plan },
    credits: {
      remaining: remaining(account),
      included: { ...account.included },
      addOn: { remaining: account.addOn },
    },
    pricing: {
      bulkThreshold: BULK_THRESHOLD,
      bulkActions: { ...BULK_ACTIONS },
      apiCall: 1,
      individualEnrichment: account.individualEnrichment,
    },
    asOf: isoSeconds(now),
  };
}

/**
 * Spends `credits` (included first, then add-on) and books them under `category` today.
 * Returns false, spending nothing, when the balance is too low.
 */
export function spend(account: AccountState, credits: number, category: string, now: Date): boolean {
  if (credits > remaining(account)) return false;
  const fromIncluded = Math.min(credits, account.included.remaining);
  account.included.remaining -= fromIncluded;
  account.addOn -= credits - fromIncluded;
  const day = (account.liveUsage[isoDay(now)] ??= {});
  day[category] = (day[category] ?? 0) + credits;
  return true;
}

/** Credits per prospect a list action costs on this account, for a selection of `count`. */
export function actionCostPerProspect(account: AccountState, action: string, count: number): number {
  if (count >= BULK_THRESHOLD && BULK_ACTIONS[action] !== undefined) return BULK_ACTIONS[action];
  if (action === 'enrich' && account.individualEnrichment === 'credits') return 1;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Usage history: deterministic (same scenario and day → same numbers), realistic, weekdays only.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Spreads `used` credits over the given days as bulk runs, API calls and a little AI. */
function distribute(used: number, days: string[], random: () => number): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  if (used <= 0 || days.length === 0) return out;
  const weekdays = days.filter((d) => {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    return wd !== 0 && wd !== 6;
  });
  const pool = weekdays.length > 0 ? weekdays : days;
  const pick = () => pool[Math.floor(random() * pool.length)]!;
  const add = (day: string, category: string, n: number) => {
    const entry = out.get(day) ?? { bulk: 0, api: 0, ai: 0 };
    entry[category] = (entry[category] ?? 0) + n;
    out.set(day, entry);
  };
  const ai = Math.floor(used * 0.06);
  const api = Math.floor(used * 0.14);
  let bulk = used - ai - api;
  // Bulk runs happen in chunks of 50+ (the threshold); a small remainder becomes API calls.
  while (bulk >= BULK_THRESHOLD) {
    const chunk = Math.min(bulk, BULK_THRESHOLD + Math.floor(random() * 90));
    const rest = bulk - chunk;
    const size = rest > 0 && rest < BULK_THRESHOLD ? bulk : chunk;
    add(pick(), 'bulk', size);
    bulk -= size;
  }
  for (let i = 0; i < api + bulk; i++) add(pick(), 'api', 1);
  for (let i = 0; i < ai; i++) add(pick(), 'ai', 1);
  return out;
}

function daysBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += 86_400_000) out.push(isoDay(new Date(t)));
  return out;
}

/** Usage for the `days` days ending today (UTC), oldest first; days without usage are left out. */
export function usageOf(account: AccountState, days: number, now: Date): Usage {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = new Date(today.getTime() - (days - 1) * 86_400_000);
  const byDay = new Map<string, Record<string, number>>();
  // One period (calendar month) at a time, from the month holding `from` to this month.
  for (
    let month = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
    month <= today;
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))
  ) {
    const current = month.getUTCFullYear() === today.getUTCFullYear() && month.getUTCMonth() === today.getUTCMonth();
    const random = mulberry32(hash(`${account.scenario}:${isoDay(month)}`));
    const monthEnd = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0));
    const used = current
      ? account.historyUsedThisPeriod
      : Math.floor(account.included.allowance * (0.55 + 0.4 * random()));
    for (const [day, values] of distribute(used, daysBetween(month, current ? today : monthEnd), random)) {
      byDay.set(day, values);
    }
  }
  for (const [day, values] of Object.entries(account.liveUsage)) {
    const entry = byDay.get(day) ?? { bulk: 0, api: 0, ai: 0 };
    for (const [category, n] of Object.entries(values)) entry[category] = (entry[category] ?? 0) + n;
    byDay.set(day, entry);
  }
  const fromDay = isoDay(from);
  const toDay = isoDay(today);
  const result: UsageDay[] = [...byDay.entries()]
    .filter(([day, values]) => day >= fromDay && day <= toDay && Object.values(values).some((n) => n > 0))
    .sort(([a], [b]) => a.localeCompare(b))
    // UsageDay is `{ date } & { [category]: number }`, which TypeScript cannot express exactly.
    .map(([date, values]) => ({ date, bulk: 0, api: 0, ai: 0, ...values }) as unknown as UsageDay);
  return { from: fromDay, to: toDay, days: result };
}
