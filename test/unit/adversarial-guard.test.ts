/**
 * Adversarial: the guard (utils/warning/guard.ts, wired as the content script wires it) under
 * any interleaving of what a page, a user and the background do: selection changes, clicks and
 * key presses (the user's and the page's own), answers, pushes and silences of the background,
 * the page removing the dialog, Continue and Cancel. After every step:
 *  - a credit-spending action (Enrich or Export at 50+, or Enrich at any size on Free) ran only
 *    inside a press of Continue by the user (or the browser's own confirm);
 *  - one press ran at most one action, with the count the question showed at that moment;
 *  - there is never more than one question.
 * Real-browser counterparts: test/e2e/guard.e2e.ts.
 */
import fc from 'fast-check';
import { within } from '@testing-library/dom';
import { afterEach, beforeAll, describe, expect } from 'vitest';
import { DIALOG_TAG } from '@/components/warning/ui';
import { startContentScript } from '@/entrypoints/deskflow/start';
import type { Request } from '@/utils/messages';
import type { ConfirmationMode } from '@/utils/warning/cost';
import type { Snapshot } from '@/utils/snapshot';
import { forPages, SIGNED_OUT, signedIn } from '../fixtures/snapshots';
import { shadowOf, userClick, userKey } from '../shadow-roots';
import { reliabilityReport } from './report';
import { partHere } from '../part-here';

const report = reliabilityReport('The guard', 'adversarial-guard.test.ts', 9);

beforeAll(() => partHere('warning'));

type State = { snapshot: Snapshot; confirmation: ConfirmationMode };
const STATES: Record<string, State> = {
  basic: { snapshot: forPages(signedIn()), confirmation: 'always' },
  short: { snapshot: forPages(signedIn({ remaining: 40 })), confirmation: 'always' },
  free: { snapshot: forPages(signedIn({ tier: 'free', remaining: 20 })), confirmation: 'always' },
  onlyShort: { snapshot: forPages(signedIn({ remaining: 5000 })), confirmation: 'short' },
  signedOut: { snapshot: SIGNED_OUT, confirmation: 'always' },
};

type Step =
  | { kind: 'select'; count: number }
  | { kind: 'userClick' | 'pageClick'; action: 'enrich' | 'export' | 'campaign' }
  | { kind: 'userKey'; action: 'enrich' | 'export'; key: 'Enter' | ' ' }
  | { kind: 'answer'; state: keyof typeof STATES }
  | { kind: 'push'; state: keyof typeof STATES }
  | { kind: 'silence' }
  | { kind: 'frame' }
  | { kind: 'continue' | 'pageContinue' | 'cancel' | 'escape' | 'removeDialog' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('select' as const), count: fc.constantFrom(0, 3, 49, 50, 73, 400, 1204) }),
  fc.record({ kind: fc.constantFrom('userClick' as const, 'pageClick' as const), action: fc.constantFrom('enrich' as const, 'export' as const, 'campaign' as const) }),
  fc.record({ kind: fc.constant('userKey' as const), action: fc.constantFrom('enrich' as const, 'export' as const), key: fc.constantFrom('Enter' as const, ' ' as const) }),
  fc.record({ kind: fc.constantFrom('answer' as const, 'push' as const), state: fc.constantFrom(...(Object.keys(STATES) as (keyof typeof STATES)[])) }),
  fc.constantFrom<Step>({ kind: 'silence' }, { kind: 'frame' }, { kind: 'continue' }, { kind: 'continue' }, { kind: 'pageContinue' }, { kind: 'cancel' }, { kind: 'escape' }, { kind: 'removeDialog' }),
);

let controller: AbortController | null = null;
afterEach(() => controller?.abort());

/** One page, one content script, one stand-in background; runs a sequence and checks after each step. */
async function run(steps: Step[]): Promise<{ runs: number; questions: number }> {
  controller?.abort();
  document.body.replaceChildren();
  const bar = document.createElement('div');
  bar.setAttribute('data-deskflow-bulk-bar', '');
  bar.setAttribute('data-deskflow-selection-count', '0');
  const buttons: Record<string, HTMLButtonElement> = {};
  const runs: Array<{ action: string; count: number; duringContinue: boolean; shownAtPress: number | null }> = [];
  let pressing: { count: number | null } | null = null;
  for (const [id, action] of [['enrich', 'enrich'], ['export', 'export'], ['campaign', 'add-to-campaign']] as const) {
    const button = document.createElement('button');
    button.setAttribute('data-deskflow-bulk-action', action);
    button.addEventListener('click', () =>
      runs.push({
        action,
        count: Number(bar.getAttribute('data-deskflow-selection-count')),
        duringContinue: pressing !== null,
        shownAtPress: pressing?.count ?? null,
      }),
    );
    buttons[id] = button;
    bar.append(button);
  }
  const list = document.createElement('section');
  list.setAttribute('data-deskflow-list', 'prospects');
  list.append(bar);
  document.body.append(list);

  // The background: answers wait until the sequence answers them (or it goes silent).
  let state: State | null = null;
  /** What the content script was told last (the oracle judges by it, as the page's user would). */
  let told: State | null = null;
  let silent = false;
  const waiting: Array<(answer: unknown) => void> = [];
  const messageBackground = async (request: Request) => {
    if (request.type !== 'getPageState') return { ok: true, value: null };
    if (silent) return { ok: false, error: { kind: 'no_answer', message: 'No answer.' } };
    if (state) {
      told = state;
      return { ok: true, value: state };
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const frames: Array<() => void> = [];
  let nativeAnswer = true;
  controller = new AbortController();
  startContentScript({
    window,
    loadPart: partHere,
    signal: controller.signal,
    messageBackground: messageBackground as never,
    alive: () => true,
    locale: 'en-US',
    requestFrame: (callback) => void frames.push(callback),
    confirmNatively: (text) => {
      // The browser's own dialog: only the user answers it. Alternate the answers.
      nativeAnswer = !nativeAnswer;
      if (nativeAnswer) pressing = { count: Number(/ (\d[\d,]*) prospects?\?/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN) };
      return nativeAnswer;
    },
  });
  // Microtasks and the dynamic import's resolution; no timers are involved in the guard.
  const settle = async () => {
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const dialog = () => {
    const hosts = document.querySelectorAll(DIALOG_TAG);
    expect(hosts.length).toBeLessThanOrEqual(1);
    return hosts[0] ? within(shadowOf(hosts[0])) : null;
  };
  /** The count the open question shows. */
  const shown = () => {
    const title = dialog()?.queryByRole('heading')?.textContent ?? '';
    const match = / (\d[\d,]*) prospects?\?/.exec(title);
    return match ? Number(match[1]!.replace(/,/g, '')) : null;
  };

  let questions = 0;
  for (const step of steps) {
    const runsBefore = runs.length;
    switch (step.kind) {
      case 'select':
        bar.setAttribute('data-deskflow-selection-count', String(step.count));
        break;
      case 'userClick':
        userClick(buttons[step.action]!);
        break;
      case 'pageClick':
        buttons[step.action]!.click();
        break;
      case 'userKey':
        userKey(buttons[step.action]!, step.key);
        userKey(buttons[step.action]!, step.key, 'keyup');
        break;
      case 'answer':
        state = STATES[step.state]!;
        silent = false;
        if (waiting.length > 0) told = state;
        for (const resolve of waiting.splice(0)) resolve({ ok: true, value: state });
        break;
      case 'push':
        state = STATES[step.state]!;
        told = state;
        await fakePush(state);
        break;
      case 'silence':
        silent = true;
        for (const resolve of waiting.splice(0)) resolve({ ok: false, error: { kind: 'no_answer', message: 'No answer.' } });
        break;
      case 'frame':
        for (const callback of frames.splice(0)) callback();
        break;
      case 'continue': {
        const button = dialog()?.queryByRole('button', { name: 'Continue' });
        if (button) {
          questions += 1;
          pressing = { count: shown() };
          userClick(button);
          pressing = null;
        }
        break;
      }
      case 'pageContinue':
        dialog()?.queryByRole('button', { name: 'Continue' })?.click();
        break;
      case 'cancel': {
        const button = dialog()?.queryByRole('button', { name: 'Cancel' });
        if (button) userClick(button);
        break;
      }
      case 'escape': {
        const open = dialog()?.queryByRole('dialog') ?? dialog()?.queryByRole('alertdialog');
        if (open) userKey(open, 'Escape');
        break;
      }
      case 'removeDialog':
        document.querySelector(DIALOG_TAG)?.remove();
        break;
    }
    await settle();
    pressing = null;
    const newRuns = runs.slice(runsBefore);
    // At most one action per step, and a credit-spending one only inside the user's Continue,
    // with the count the question showed.
    expect(newRuns.length).toBeLessThanOrEqual(1);
    for (const ran of newRuns) {
      if (mustBeAsked(ran, told)) expect(ran.duringContinue).toBe(true);
      if (ran.duringContinue && ran.shownAtPress !== null) expect(ran.count).toBe(ran.shownAtPress);
    }
    dialog();
  }
  return { runs: runs.length, questions };
}

/**
 * Written from the spec, not from the code: an action that spends credits (Enrich and Export at
 * 50 or more; Enrich at any size on Free — or on a plan not known yet) must have been asked
 * about, unless the user chose "only when short" and the known balance covers it.
 */
function mustBeAsked(ran: { action: string; count: number }, known: State | null): boolean {
  const summary = known?.snapshot.summary ?? null;
  const free = summary ? summary.plan.tier === 'free' : true;
  const spends = (ran.action !== 'add-to-campaign' && ran.count >= 50) || (ran.action === 'enrich' && free && ran.count > 0);
  if (!spends || !summary || !known) return spends;
  if (known.confirmation === 'off') return false;
  return known.confirmation === 'always' || ran.count > summary.credits.remaining;
}

/** The background's push of a new page state, as fakeBrowser delivers it to the content script. */
async function fakePush(state: State): Promise<void> {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  await fakeBrowser.runtime.onMessage.trigger({ type: 'pageState', state }, { id: fakeBrowser.runtime.id }, () => {});
}

describe('any interleaving', () => {
  report.check('selection changes, clicks, keys, answers, silences, pushes, Continue and Cancel: nothing spends unasked, one press runs at most once, with the count shown', async (t) => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 30 }), async (steps) => {
        await run(steps);
        t.add({ cases: 1, badInputs: steps.filter((s) => s.kind === 'pageClick' || s.kind === 'pageContinue' || s.kind === 'removeDialog').length });
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  report.check('the classic sequence: select 73, click Enrich before anything is known, the answer arrives, Continue → one run of 73', async (t) => {
    const result = await run([
      { kind: 'select', count: 73 },
      { kind: 'userClick', action: 'enrich' },
      { kind: 'answer', state: 'basic' },
      { kind: 'continue' },
      { kind: 'continue' },
    ]);
    expect(result).toEqual({ runs: 1, questions: 1 });
    t.add({ cases: 1 });
  });
});
