import { fireEvent, screen } from '@testing-library/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import german from '@/public/_locales/de/messages.json';
import { dialogFor, sameQuestion } from '@/components/warning/model';
import { setCatalogForTesting } from '@/utils/i18n';
import { NO_LIMITS, type Limits } from '@/utils/limits/rules';
import { mustAsk, PENDING, type AccountView, type SelectionInput } from '@/utils/warning/ask';
import type { ConfirmationMode } from '@/utils/warning/cost';
import { signedIn, type AccountShape } from '../fixtures/snapshots';
import { userClick, userKey } from '../shadow-roots';
import { mountDialog } from './warning-views';

/**
 * Personal limits in the in-page question (components/warning/model.ts, dialog.ts): over the
 * block the dialog says so and has no Continue — only Cancel and a link to the limits; over the
 * weekly budget the question becomes a warning that says by how much; up to N nothing is asked.
 */

afterEach(() => setCatalogForTesting(null));

const select = (count: number, extra: Partial<SelectionInput> = {}): SelectionInput => ({
  count,
  atLeast: false,
  actions: ['enrich', 'export', 'add-to-campaign'],
  ...extra,
});
const account = (limits: Partial<Limits>, spentThisWeek = 0, shape: AccountShape = { remaining: 5_000 }, confirmation: ConfirmationMode = 'always'): AccountView => ({
  kind: 'state',
  snapshot: signedIn(shape),
  confirmation,
  limits: { ...NO_LIMITS, ...limits },
  spentThisWeek,
});

describe('the question with limits', () => {
  it('over the block: "Enrich 1,500 prospects would use 1,500 credits — over your limit of 500 per action", blocked', () => {
    const view = account({ blockOver: 500 });
    expect(mustAsk(select(1_500), 'enrich', view)).toBe(true);
    expect(dialogFor(select(1_500), 'enrich', view, 'en-US')).toEqual({
      role: 'alertdialog',
      title: 'Over your limit',
      body: 'Enrich 1,500 prospects would use 1,500 credits — over your limit of 500 per action.',
      action: 'enrich',
      count: 1_500,
      credits: 1_500,
      blocked: true,
    });
    // At the limit it is the usual question.
    expect(dialogFor(select(500), 'enrich', view, 'en-US')).toMatchObject({ title: 'Enrich 500 prospects?', role: 'dialog' });
    expect(dialogFor(select(500), 'enrich', view, 'en-US').blocked).toBeUndefined();
  });

  it('blocks with the confirmation off too, and says "at least" and "about" when that is all it knows', () => {
    expect(mustAsk(select(1_500), 'enrich', account({ blockOver: 500 }, 0, { remaining: 5_000 }, 'off'))).toBe(true);
    expect(mustAsk(select(400), 'enrich', account({ blockOver: 500 }, 0, { remaining: 5_000 }, 'off'))).toBe(false);
    expect(dialogFor(select(1_204, { atLeast: true }), 'enrich', account({ blockOver: 500 }), 'en-US').body).toBe(
      'Enrich at least 1,204 prospects would use at least 1,204 credits — over your limit of 500 per action.',
    );
    const signedOut: AccountView = { kind: 'state', snapshot: { ...signedIn(), summary: null }, confirmation: 'always', limits: { ...NO_LIMITS, blockOver: 500 } };
    expect(dialogFor(select(1_204), 'enrich', signedOut, 'en-US').body).toBe(
      'Enrich 1,204 prospects would use about 1,204 credits — over your limit of 500 per action.',
    );
  });

  it('over the weekly budget: a warning that says by how much', () => {
    const view = account({ weeklyBudget: 300 }, 180);
    expect(dialogFor(select(193), 'enrich', view, 'en-US')).toMatchObject({
      role: 'alertdialog',
      title: 'Enrich 193 prospects?',
      body: 'Uses 193 credits, 4,807 left after. That is 73 credits over your weekly budget of 300 (180 used this week).',
    });
    expect(dialogFor(select(120), 'enrich', view, 'en-US')).toMatchObject({ role: 'dialog', body: 'Uses 120 credits, 4,880 left after.' });
  });

  it('up to N nothing is asked; over it, the usual question', () => {
    const view = account({ askOver: 100 });
    expect(mustAsk(select(100), 'enrich', view)).toBe(false);
    expect(mustAsk(select(101), 'enrich', view)).toBe(true);
    // Before the page state arrives the limits are unknown: asked, as always (fail closed).
    expect(mustAsk(select(60), 'enrich', PENDING)).toBe(true);
  });

  it('a question that turns blocked (or back) is a different question', () => {
    const before = dialogFor(select(400), 'enrich', account({ blockOver: 500 }), 'en-US');
    const after = dialogFor(select(600), 'enrich', account({ blockOver: 500 }), 'en-US');
    expect(sameQuestion(before, after)).toBe(false);
    expect(sameQuestion(after, { ...after })).toBe(true);
    expect(sameQuestion(after, { ...after, blocked: false })).toBe(false);
  });

  it('in German', () => {
    setCatalogForTesting(german);
    expect(dialogFor(select(1_500), 'enrich', account({ blockOver: 500 }), 'de-DE')).toMatchObject({
      title: 'Über Ihrem Limit',
      body: '„Anreichern“ für 1.500 Kontakte würde 1.500 Credits verbrauchen – über Ihrem Limit von 500 pro Aktion.',
    });
    expect(dialogFor(select(193), 'enrich', account({ weeklyBudget: 300 }, 180), 'de-DE').body).toContain(
      'Das sind 73 Credits über Ihrem Wochenbudget von 300 (diese Woche schon 180 verbraucht).',
    );
  });
});

describe('the blocked dialog', () => {
  const blocked = () => dialogFor(select(1_500), 'enrich', account({ blockOver: 500 }), 'en-US');
  const handlers = () => ({ onContinue: vi.fn(), onCancel: vi.fn(), onLimits: vi.fn(), limitsUrl: 'chrome-extension://x/options.html#limits' });

  it('has no Continue: Cancel (focused) and a link to the limits; Enter and Tab stay within them', () => {
    const on = handlers();
    mountDialog(blocked(), on);
    const dialog = screen.getByRole('alertdialog', { name: 'Over your limit' });
    expect(dialog.textContent).toContain('Enrich 1,500 prospects would use 1,500 credits — over your limit of 500 per action.');
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    const link = screen.getByRole('link', { name: 'Change your limits' });
    expect(link.getAttribute('href')).toBe('chrome-extension://x/options.html#limits');
    expect(document.activeElement).toBe(cancel);
    userKey(dialog, 'Enter');
    expect(on.onContinue).not.toHaveBeenCalled();
    userKey(cancel, 'Tab');
    expect(document.activeElement).toBe(link);
    userKey(link, 'Tab');
    expect(document.activeElement).toBe(cancel);
    userClick(cancel);
    expect(on.onCancel).toHaveBeenCalledTimes(1);
  });

  it('Enter on Cancel or on the link acts when the key comes up (its release must not land on the page\'s button)', () => {
    const on = handlers();
    mountDialog(blocked(), on);
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    userKey(cancel, 'Enter');
    expect(on.onCancel).not.toHaveBeenCalled();
    userKey(cancel, 'Enter', 'keyup');
    expect(on.onCancel).toHaveBeenCalledTimes(1);
    const link = screen.getByRole('link', { name: 'Change your limits' });
    userKey(link, 'Enter');
    userKey(cancel, 'Enter', 'keyup'); // released elsewhere: nothing
    expect(on.onLimits).not.toHaveBeenCalled();
    userKey(link, 'Enter');
    userKey(link, 'Enter', 'keyup');
    expect(on.onLimits).toHaveBeenCalledTimes(1);
    expect(on.onContinue).not.toHaveBeenCalled();
  });

  it('the link opens the limits when the user presses it — never for a script', () => {
    const on = handlers();
    mountDialog(blocked(), on);
    const link = screen.getByRole('link', { name: 'Change your limits' });
    fireEvent.click(link);
    expect(on.onLimits).not.toHaveBeenCalled();
    userClick(link);
    expect(on.onLimits).toHaveBeenCalledTimes(1);
    expect(on.onContinue).not.toHaveBeenCalled();
  });

  it('a selection that drops under the block brings Continue back; a larger one takes it away, and focus with it to Cancel', () => {
    const on = handlers();
    const view = mountDialog(blocked(), on);
    view.update(dialogFor(select(400), 'enrich', account({ blockOver: 500 }), 'en-US'));
    const continueButton = screen.getByRole('button', { name: 'Continue' });
    expect(screen.queryByRole('link', { name: 'Change your limits' })).toBeNull();
    // Focus stays where the user had it (Cancel); Continue is there to go to.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    continueButton.focus();
    view.update(blocked());
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    userKey(screen.getByRole('alertdialog'), 'Enter');
    expect(on.onContinue).not.toHaveBeenCalled();
  });
});
