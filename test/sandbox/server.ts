/**
 * The sandbox: a local Deskflow in one HTTP server. It serves the billing API
 * (billing-api.md), a fake Stripe Checkout and portal, and the Deskflow app pages
 * (app-pages.md), plus control endpoints under /__sandbox/ for tests and demos.
 *
 * The API is used at http://127.0.0.1:PORT and the app at http://localhost:PORT: the same
 * server, two origins, like api.deskflow.app and app.deskflow.app.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import {
  ApiErrorBodySchema,
  ApiKeySchema,
  CatalogSchema,
  CheckoutSessionSchema,
  MeSchema,
  PortalSessionSchema,
  PurchaseItemSchema,
  SummarySchema,
  UsageSchema,
  type PurchaseItem,
  type Summary,
} from '../../utils/billing/schemas.ts';
import {
  ENDPOINTS,
  FaultTargetSchema,
  MALFORMED_JSON,
  PROXY_502_HTML,
  SetFaultBodySchema,
  errorBody,
  statusFaultResponse,
  type Endpoint,
  type Fault,
  type FaultTarget,
} from './faults.ts';
import { apiKeysPage, billingPage, connectPage, gridPage, LIST_ROUTES, listsPage, notFoundPage, usagePage } from './pages/app.ts';
import { checkoutNotFoundPage, checkoutPage, portalPage, type CheckoutView } from './pages/checkout.ts';
import { fmtMoney, fmtNumber } from './pages/layout.ts';
import {
  CATALOG,
  DEMO_KEY,
  SCENARIO_NAMES,
  actionCostPerProspect,
  applyPlan,
  createAccount,
  isScenarioName,
  isoSeconds,
  planOffer,
  remaining,
  spend,
  summaryOf,
  usageOf,
  type AccountState,
  type ScenarioName,
} from './scenarios.ts';

export { DEMO_KEY, SCENARIO_NAMES, type ScenarioName } from './scenarios.ts';
export { ENDPOINTS, type Endpoint, type Fault, type FaultTarget } from './faults.ts';

export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Starting scenario (default `basic`). */
  scenario?: ScenarioName;
  /** Address to bind (default 127.0.0.1, which `localhost` resolves to). */
  host?: string;
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query string, e.g. `/v1/billing/usage`. */
  path: string;
  /** Query string including `?`, or ''. */
  search: string;
  /** Billing endpoint name, or null for an unknown /v1 path. */
  endpoint: Endpoint | null;
  at: string;
  idempotencyKey?: string;
  /** Status sent (absent for `hang` and `reset`). */
  status?: number;
  /** Type of the fault applied, if any. */
  fault?: Fault['type'];
}

export interface RequestStats {
  /** Requests per billing endpoint (faulted ones included). */
  counts: Record<Endpoint, number>;
  total: number;
  log: RequestLogEntry[];
}

export interface RecordedAction {
  list: string;
  action: string;
  count: number;
  at: string;
  /** Credits spent by the action (0 for free actions). */
  charged: number;
  /** False when the account could not pay for it (nothing was done). */
  ok: boolean;
}

export interface CheckoutSessionRecord {
  id: string;
  url: string;
  item: PurchaseItem;
  idempotencyKey: string;
  status: 'open' | 'complete' | 'canceled';
  createdAt: string;
  expiresAt: string;
  completedAt?: string;
  /** What paying did, e.g. "100 credits were added to Acme Sales." */
  outcome?: string;
}

export interface Sandbox {
  port: number;
  /** The billing API origin, `http://127.0.0.1:PORT`. */
  apiUrl: string;
  /** The web app origin, `http://localhost:PORT`. */
  appUrl: string;
  demoKey: string;
  close(): Promise<void>;
  /** Switches scenario and resets all state (account, sessions, actions, faults, request log). */
  setScenario(name: ScenarioName): void;
  scenario(): ScenarioName;
  setFault(endpoint: FaultTarget, fault: Fault | null): void;
  clearFaults(): void;
  requests(): RequestStats;
  resetRequests(): void;
  actions(): RecordedAction[];
  sessions(): CheckoutSessionRecord[];
  /** Completes an open checkout session as paying on its page would. */
  completeCheckout(id: string): CheckoutSessionRecord;
  /** The current billing summary (not counted as a request). */
  summary(): Summary;
  /** Adds credits (add-on) or spends them (included first) when negative. */
  adjustCredits(delta: number): Summary;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const MAX_LOG = 5000;

const API_PATHS: Record<string, Endpoint> = {
  '/v1/billing/summary': 'summary',
  '/v1/billing/catalog': 'catalog',
  '/v1/billing/usage': 'usage',
  '/v1/billing/checkout-sessions': 'checkout',
  '/v1/billing/portal-sessions': 'portal',
  '/v1/me': 'me',
};

const CLIENT_ASSETS: Record<string, string> = Object.fromEntries(
  ['lists.js', 'grid.js', 'connect.js'].map((name) => [
    name,
    readFileSync(new URL(`./pages/client/${name}`, import.meta.url), 'utf8'),
  ]),
);

function randomId(prefix: string, length = 24): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

const now = () => new Date();

/** All mutable sandbox state; `reset` starts a scenario from scratch. */
class SandboxState {
  scenario: ScenarioName = 'basic';
  account!: AccountState;
  sessions = new Map<string, CheckoutSessionRecord>();
  idempotency = new Map<string, { body: string; sessionId: string }>();
  portals = new Set<string>();
  actions: RecordedAction[] = [];
  log: RequestLogEntry[] = [];
  counts = {} as Record<Endpoint, number>;
  faults = new Map<FaultTarget, Fault>();
  /** A URL the next checkout sessions answer with instead of the sandbox's own (allowlist tests). */
  checkoutUrlOverride: string | null = null;

  constructor(name: ScenarioName) {
    this.reset(name);
  }

  reset(name: ScenarioName): void {
    this.scenario = name;
    this.account = createAccount(name, now());
    this.sessions.clear();
    this.idempotency.clear();
    this.portals.clear();
    this.actions = [];
    this.faults.clear();
    this.checkoutUrlOverride = null;
    this.resetRequests();
  }

  resetRequests(): void {
    this.log = [];
    this.counts = Object.fromEntries(ENDPOINTS.map((e) => [e, 0])) as Record<Endpoint, number>;
  }

  record(entry: RequestLogEntry): void {
    if (entry.endpoint) this.counts[entry.endpoint]++;
    this.log.push(entry);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
  }

  /** The fault for a request to `endpoint` (its own, else '*'), used up if it has `times`. */
  takeFault(endpoint: Endpoint): Fault | undefined {
    const target: FaultTarget | undefined = this.faults.has(endpoint) ? endpoint : this.faults.has('*') ? '*' : undefined;
    if (!target) return undefined;
    const fault = this.faults.get(target)!;
    if (fault.times !== undefined) {
      if (fault.times <= 1) this.faults.delete(target);
      else this.faults.set(target, { ...fault, times: fault.times - 1 });
    }
    return fault;
  }

  stats(): RequestStats {
    return { counts: { ...this.counts }, total: this.log.length, log: this.log.map((e) => ({ ...e })) };
  }

  summary(): Summary {
    return summaryOf(this.account, now());
  }

  adjustCredits(delta: number): void {
    if (delta >= 0) this.account.addOn += delta;
    else spend(this.account, Math.min(-delta, remaining(this.account)), 'api', now());
  }

  /** Does what Deskflow's webhook does once the payment of a session succeeds. */
  complete(session: CheckoutSessionRecord): void {
    if (session.status !== 'open') return;
    const account = this.account;
    if ('packageId' in session.item) {
      const pkg = CATALOG.packages.find((p) => p.id === (session.item as { packageId: string }).packageId)!;
      account.addOn += pkg.credits;
      session.outcome = `${fmtNumber(pkg.credits)} credits were added to ${account.account.name}.`;
    } else {
      applyPlan(account, session.item.planId, now());
      session.outcome = `${account.account.name} is now on the ${account.plan.name} plan.`;
    }
    session.status = 'complete';
    session.completedAt = isoSeconds(now());
  }

  recordAction(list: string, action: string, count: number) {
    const per = actionCostPerProspect(this.account, action, count);
    const cost = per * count;
    const ok = spend(this.account, cost, 'bulk', now());
    const record: RecordedAction = { list, action, count, at: new Date().toISOString(), charged: ok ? cost : 0, ok };
    this.actions.push(record);
    return { ok, charged: record.charged, cost, remaining: remaining(this.account), action: record };
  }
}

type Env = { Bindings: HttpBindings };

/** Sends `body` after checking it against the API's own zod schema: the sandbox never lies. */
function send(c: Context<Env>, schema: z.core.$ZodType, body: unknown, status: ContentfulStatusCode = 200): Response {
  // The API's schemas are zod/mini ones: checked with the functional safeParse both APIs share.
  const check = z.safeParse(schema, body);
  if (!check.success) throw new Error(`sandbox response does not match its schema: ${check.error.message}`);
  return c.json(body as object, status);
}

function apiError(c: Context<Env>, status: ContentfulStatusCode, code: string, message: string): Response {
  return send(c, ApiErrorBodySchema, errorBody(code, message), status);
}

function createApp(state: SandboxState, appUrl: () => string): Hono<Env> {
  const app = new Hono<Env>();

  app.onError((err, c) => {
    console.error('[sandbox]', err);
    return c.json(errorBody('server_error', `Sandbox error: ${err.message}`), 500);
  });

  // ---- billing API ---------------------------------------------------------------------------

  /** A 401 response unless the request carries the demo key as a Bearer token. */
  function unauthorized(c: Context<Env>): Response | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match) return apiError(c, 401, 'unauthorized', 'Missing API key: send Authorization: Bearer <key>.');
    const key = match[1]!;
    if (!ApiKeySchema.safeParse(key).success || key !== DEMO_KEY) {
      return apiError(c, 401, 'unauthorized', 'Invalid or revoked API key.');
    }
    return undefined;
  }

  function forbiddenForMembers(c: Context<Env>, what: string): Response | undefined {
    if (state.account.account.role === 'admin') return undefined;
    return apiError(c, 403, 'forbidden', `Only billing admins of ${state.account.account.name} can ${what}.`);
  }

  app.get('/v1/billing/summary', (c) => unauthorized(c) ?? send(c, SummarySchema, state.summary()));

  app.get('/v1/billing/catalog', (c) => unauthorized(c) ?? send(c, CatalogSchema, CATALOG));

  app.get('/v1/me', (c) => unauthorized(c) ?? send(c, MeSchema, { ...state.account.me }));

  app.get('/v1/billing/usage', (c) => {
    const denied = unauthorized(c);
    if (denied) return denied;
    const raw = c.req.query('days');
    let days = 30;
    if (raw !== undefined) {
      days = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
      if (!(days >= 1 && days <= 90)) return apiError(c, 400, 'invalid_request', 'days must be an integer from 1 to 90.');
    }
    return send(c, UsageSchema, usageOf(state.account, days, now()));
  });

  app.post('/v1/billing/checkout-sessions', async (c) => {
    const denied = unauthorized(c) ?? forbiddenForMembers(c, 'buy credits or change the plan');
    if (denied) return denied;
    const key = c.req.header('idempotency-key');
    if (!key) return apiError(c, 400, 'invalid_request', 'The Idempotency-Key header is required.');
    if (!UUID.test(key)) return apiError(c, 400, 'invalid_request', 'The Idempotency-Key header must be a UUID.');
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      return apiError(c, 400, 'invalid_request', 'The body must be JSON.');
    }
    const parsed = PurchaseItemSchema.safeParse(raw);
    if (!parsed.success) {
      return apiError(c, 400, 'invalid_request', 'The body must have exactly one of packageId or planId.');
    }
    const item = parsed.data;
    const canonical = JSON.stringify(item);
    const previous = state.idempotency.get(key);
    if (previous) {
      if (previous.body !== canonical) {
        return apiError(c, 409, 'idempotency_conflict', 'This Idempotency-Key was used with a different body.');
      }
      return send(c, CheckoutSessionSchema, publicSession(state.sessions.get(previous.sessionId)!), 201);
    }
    if ('packageId' in item && !CATALOG.packages.some((p) => p.id === item.packageId)) {
      return apiError(c, 404, 'not_found', `No credit package ${item.packageId}.`);
    }
    if ('planId' in item && !planOffer(item.planId)) {
      return apiError(c, 404, 'not_found', `No plan ${item.planId}.`);
    }
    const id = randomId('cs_test_');
    const created = now();
    const session: CheckoutSessionRecord = {
      id,
      url: state.checkoutUrlOverride ?? `${appUrl()}/checkout/${id}`,
      item,
      idempotencyKey: key,
      status: 'open',
      createdAt: isoSeconds(created),
      expiresAt: isoSeconds(new Date(created.getTime() + 24 * 3600_000)),
    };
    state.sessions.set(id, session);
    state.idempotency.set(key, { body: canonical, sessionId: id });
    return send(c, CheckoutSessionSchema, publicSession(session), 201);
  });

  app.post('/v1/billing/portal-sessions', async (c) => {
    const denied = unauthorized(c) ?? forbiddenForMembers(c, 'manage billing');
    if (denied) return denied;
    const text = await c.req.text();
    if (text.trim() !== '') {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return apiError(c, 400, 'invalid_request', 'The body must be JSON.');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return apiError(c, 400, 'invalid_request', 'The body must be a JSON object.');
      }
    }
    const id = randomId('bps_test_');
    state.portals.add(id);
    return send(c, PortalSessionSchema, { url: `${appUrl()}/portal/${id}` }, 201);
  });

  app.all('/v1/*', (c) => apiError(c, 404, 'not_found', `No endpoint ${c.req.method} ${c.req.path}.`));

  // ---- control endpoints -------------------------------------------------------------------

  const badRequest = (c: Context<Env>, error: z.ZodError | string) =>
    c.json({ error: { code: 'invalid_request', message: typeof error === 'string' ? error : z.prettifyError(error) } }, 400);

  app.get('/__sandbox', (c) =>
    c.json({
      scenario: state.scenario,
      scenarios: SCENARIO_NAMES,
      demoKey: DEMO_KEY,
      endpoints: [
        'GET|POST /__sandbox/scenario {name}',
        'GET|POST|DELETE /__sandbox/faults {endpoint, fault}',
        'GET|DELETE /__sandbox/requests',
        'GET|POST|DELETE /__sandbox/actions {list, action, count}',
        'GET /__sandbox/sessions',
        'POST /__sandbox/sessions/:id/complete | /cancel',
        'GET /__sandbox/summary',
        'POST /__sandbox/credits {delta} | {included?, addOn?}',
        'POST /__sandbox/checkout-url {url | null}  (checkout sessions answer with this URL)',
      ],
    }),
  );

  app.get('/__sandbox/scenario', (c) => c.json({ name: state.scenario, scenarios: SCENARIO_NAMES }));
  app.post('/__sandbox/scenario', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { name?: unknown } | null;
    if (!isScenarioName(body?.name)) return badRequest(c, `name must be one of ${SCENARIO_NAMES.join(', ')}`);
    state.reset(body.name);
    return c.json({ name: state.scenario, summary: state.summary() });
  });

  app.get('/__sandbox/faults', (c) => c.json({ faults: Object.fromEntries(state.faults) }));
  app.post('/__sandbox/faults', async (c) => {
    const parsed = SetFaultBodySchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return badRequest(c, parsed.error);
    const { endpoint, fault } = parsed.data;
    if (fault) state.faults.set(endpoint, fault as Fault);
    else state.faults.delete(endpoint);
    return c.json({ faults: Object.fromEntries(state.faults) });
  });
  app.delete('/__sandbox/faults', (c) => {
    const endpoint = c.req.query('endpoint');
    if (endpoint !== undefined) {
      const target = FaultTargetSchema.safeParse(endpoint);
      if (!target.success) return badRequest(c, target.error);
      state.faults.delete(target.data);
    } else {
      state.faults.clear();
    }
    return c.json({ faults: Object.fromEntries(state.faults) });
  });

  app.get('/__sandbox/requests', (c) => c.json(state.stats()));
  app.delete('/__sandbox/requests', (c) => {
    state.resetRequests();
    return c.json(state.stats());
  });

  const ActionBody = z.object({
    list: z.string().min(1).max(100),
    action: z.string().min(1).max(100),
    count: z.number().int().nonnegative().max(100_000_000),
  });
  app.get('/__sandbox/actions', (c) => c.json({ actions: state.actions }));
  app.post('/__sandbox/actions', async (c) => {
    const parsed = ActionBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return badRequest(c, parsed.error);
    return c.json(state.recordAction(parsed.data.list, parsed.data.action, parsed.data.count));
  });
  app.delete('/__sandbox/actions', (c) => {
    state.actions = [];
    return c.json({ actions: state.actions });
  });

  app.get('/__sandbox/sessions', (c) => c.json({ sessions: [...state.sessions.values()] }));
  app.post('/__sandbox/sessions/:id/:verb{complete|cancel}', (c) => {
    const session = state.sessions.get(c.req.param('id'));
    if (!session) return c.json(errorBody('not_found', 'No such checkout session.'), 404);
    if (c.req.param('verb') === 'complete') state.complete(session);
    else if (session.status === 'open') session.status = 'canceled';
    return c.json({ session, summary: state.summary() });
  });

  app.post('/__sandbox/checkout-url', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { url?: unknown } | null;
    if (typeof body?.url !== 'string' && body?.url !== null) return badRequest(c, 'url must be a string or null');
    state.checkoutUrlOverride = body.url;
    return c.json({ url: state.checkoutUrlOverride });
  });

  app.get('/__sandbox/summary', (c) => c.json(state.summary()));
  const CreditsBody = z.union([
    z.object({ delta: z.number().int() }).strict(),
    z
      .object({ included: z.number().int().nonnegative().optional(), addOn: z.number().int().nonnegative().optional() })
      .strict(),
  ]);
  app.post('/__sandbox/credits', async (c) => {
    const parsed = CreditsBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return badRequest(c, parsed.error);
    const body = parsed.data;
    if ('delta' in body) {
      state.adjustCredits(body.delta);
    } else {
      if (body.included !== undefined) {
        state.account.included.remaining = body.included;
        state.account.included.allowance = Math.max(state.account.included.allowance, body.included);
      }
      if (body.addOn !== undefined) state.account.addOn = body.addOn;
    }
    return c.json(state.summary());
  });
  app.all('/__sandbox/*', (c) => c.json(errorBody('not_found', 'No such sandbox control endpoint. See GET /__sandbox.'), 404));

  // ---- fake Stripe Checkout and portal -----------------------------------------------------

  function checkoutView(session: CheckoutSessionRecord): CheckoutView {
    const { account } = state;
    const common = {
      id: session.id,
      status: session.status,
      email: account.me.email,
      accountName: account.account.name,
      outcome: session.outcome,
      returnUrl: `${appUrl()}/settings/billing`,
    };
    if ('packageId' in session.item) {
      const id = session.item.packageId;
      const pkg = CATALOG.packages.find((p) => p.id === id)!;
      return {
        ...common,
        itemName: `${fmtNumber(pkg.credits)} Deskflow credits`,
        itemDescription: 'One-time credit package · credits never expire',
        amount: pkg.price.amount,
        currency: pkg.price.currency,
        recurring: false,
      };
    }
    const plan = planOffer(session.item.planId)!;
    return {
      ...common,
      itemName: `Deskflow ${plan.name}`,
      itemDescription: `${fmtNumber(plan.monthlyCredits)} credits a month · ${plan.features.join(', ')}`,
      amount: plan.price.amount,
      currency: plan.price.currency,
      recurring: true,
    };
  }

  app.get('/checkout/:id', (c) => {
    const session = state.sessions.get(c.req.param('id'));
    if (!session) return c.html(checkoutNotFoundPage(), 404);
    return c.html(checkoutPage(checkoutView(session)));
  });
  app.post('/checkout/:id/:verb{pay|cancel}', (c) => {
    const session = state.sessions.get(c.req.param('id'));
    if (!session) return c.html(checkoutNotFoundPage(), 404);
    if (c.req.param('verb') === 'pay') state.complete(session);
    else if (session.status === 'open') session.status = 'canceled';
    return c.redirect(`/checkout/${session.id}`, 303);
  });

  app.get('/portal/:id', (c) => {
    if (!state.portals.has(c.req.param('id'))) return c.html(checkoutNotFoundPage(), 404);
    const { account } = state;
    const offer = planOffer(account.plan.id);
    return c.html(
      portalPage({
        id: c.req.param('id'),
        accountName: account.account.name,
        email: account.me.email,
        planName: account.plan.name,
        planStatus: account.plan.status,
        renewsAt: account.plan.renewsAt,
        priceLabel: offer ? `${fmtMoney(offer.price.amount, offer.price.currency)} per ${offer.interval}` : '—',
        canCancel: account.plan.status !== 'canceled' && account.plan.tier !== 'free',
        returnUrl: `${appUrl()}/settings/billing`,
      }),
    );
  });
  app.post('/portal/:id/cancel-plan', (c) => {
    if (!state.portals.has(c.req.param('id'))) return c.html(checkoutNotFoundPage(), 404);
    const { plan, included } = state.account;
    plan.status = 'canceled';
    plan.renewsAt = null;
    included.resetsAt = null;
    return c.redirect(`/portal/${c.req.param('id')}`, 303);
  });

  // ---- app pages ---------------------------------------------------------------------------

  const accountName = () => state.account.account.name;
  app.get('/', (c) => c.redirect('/prospects'));
  for (const path of Object.keys(LIST_ROUTES)) app.get(path, (c) => c.html(listsPage(path, accountName())));
  app.get('/grid', (c) => c.html(gridPage(accountName())));
  app.get('/extension/connect', (c) => c.html(connectPage(DEMO_KEY, accountName(), state.account.me.email)));
  app.get('/settings/billing', (c) => c.html(billingPage(state.summary(), CATALOG)));
  app.get('/settings/usage', (c) => c.html(usagePage(usageOf(state.account, 30, now()), accountName())));
  app.get('/settings/api-keys', (c) => c.html(apiKeysPage(DEMO_KEY, accountName())));
  app.get('/assets/:file', (c) => {
    const source = CLIENT_ASSETS[c.req.param('file')];
    if (source === undefined) return c.text('Not found', 404);
    return c.body(source, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.notFound((c) => c.html(notFoundPage(), 404));

  return app;
}

function publicSession(session: CheckoutSessionRecord) {
  return { id: session.id, url: session.url, expiresAt: session.expiresAt };
}

/**
 * Starts the sandbox. Resolves once it listens; `close()` stops it, ending hung requests.
 */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const scenario = opts.scenario ?? 'basic';
  if (!isScenarioName(scenario)) throw new Error(`Unknown scenario "${String(scenario)}"; one of ${SCENARIO_NAMES.join(', ')}`);
  const state = new SandboxState(scenario);
  const closing = new AbortController();
  let appUrl = '';
  const app = createApp(state, () => appUrl);

  /** Resolves after `ms`, or at once when the sandbox closes. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        closing.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      closing.signal.addEventListener('abort', done);
    });

  /** Resolves when the client goes away or the sandbox closes. */
  const hang = (env: HttpBindings) =>
    new Promise<void>((resolve) => {
      const socket = env.incoming.socket;
      const done = () => {
        closing.signal.removeEventListener('abort', done);
        socket.off('close', done);
        resolve();
      };
      closing.signal.addEventListener('abort', done);
      socket.once('close', done);
    });

  /** Logs billing API requests and applies the scripted faults around the Hono app. */
  const handle = async (request: Request, env: HttpBindings): Promise<Response> => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith('/v1/')) return app.fetch(request, env);
    const entry: RequestLogEntry = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      endpoint: API_PATHS[url.pathname] ?? null,
      at: new Date().toISOString(),
    };
    const idempotencyKey = request.headers.get('idempotency-key');
    if (idempotencyKey !== null) entry.idempotencyKey = idempotencyKey;
    state.record(entry);
    const fault = entry.endpoint ? state.takeFault(entry.endpoint) : undefined;
    if (fault) entry.fault = fault.type;
    let response: Response;
    switch (fault?.type) {
      case undefined:
        response = await app.fetch(request, env);
        break;
      case 'status':
        response = statusFaultResponse(fault);
        break;
      case 'latency':
        await sleep(fault.ms);
        response = await app.fetch(request, env);
        break;
      case 'malformed':
        response = new Response(MALFORMED_JSON, { status: 200, headers: { 'content-type': 'application/json' } });
        break;
      case 'truncated': {
        const full = await (await app.fetch(request, env)).text();
        response = new Response(full.slice(0, Math.max(1, Math.floor(full.length / 2))), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
        break;
      }
      case 'html':
        response = new Response(PROXY_502_HTML, { status: 502, headers: { 'content-type': 'text/html' } });
        break;
      case 'empty':
        response = new Response(null, { status: fault.status ?? 502 });
        break;
      case 'hang':
        await hang(env);
        env.incoming.socket.destroy();
        return new Response(null, { status: 504 });
      case 'reset': {
        const socket = env.incoming.socket;
        if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
        else socket.destroy();
        return new Response(null, { status: 502 });
      }
    }
    entry.status = response.status;
    return response;
  };

  const host = opts.host ?? '127.0.0.1';
  const server = createAdaptorServer({
    fetch: (request, env) => handle(request, env as HttpBindings),
    overrideGlobalObjects: false,
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  appUrl = `http://localhost:${port}`;

  let closed: Promise<void> | undefined;
  return {
    port,
    apiUrl: `http://127.0.0.1:${port}`,
    appUrl,
    demoKey: DEMO_KEY,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        closing.abort();
        server.closeAllConnections();
      });
      return closed;
    },
    setScenario(name) {
      if (!isScenarioName(name)) throw new Error(`Unknown scenario "${String(name)}"`);
      state.reset(name);
    },
    scenario: () => state.scenario,
    setFault(endpoint, fault) {
      if (fault) state.faults.set(endpoint, fault);
      else state.faults.delete(endpoint);
    },
    clearFaults: () => state.faults.clear(),
    requests: () => state.stats(),
    resetRequests: () => state.resetRequests(),
    actions: () => state.actions.map((a) => ({ ...a })),
    sessions: () => [...state.sessions.values()].map((s) => ({ ...s })),
    completeCheckout(id) {
      const session = state.sessions.get(id);
      if (!session) throw new Error(`No checkout session ${id}`);
      state.complete(session);
      return { ...session };
    },
    summary: () => state.summary(),
    adjustCredits(delta) {
      state.adjustCredits(delta);
      return state.summary();
    },
  };
}
