import { fireEvent, screen } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { dialogFor, sameQuestion } from '@/components/warning/model';
import { mustAsk, type AccountView, type SelectionInput } from '@/utils/warning/ask';
import type { ConfirmationMode } from '@/utils/warning/cost';
import { SIGNED_OUT, signedIn, type AccountShape } from '../fixtures/snapshots';
import { trusted, userClick, userKey } from '../shadow-roots';
import { mountDialog } from './warning-views';

const select = (count: number, extra: Partial<SelectionInput> = {}): SelectionInput => ({
  count,
  atLeast: false,
  actions: ['enrich', 'export', 'add-to-campaign'],
  ...extra,
});
const account = (shape: AccountShape = {}, confirmation: ConfirmationMode = 'always'): AccountView => ({
  kind: 'state',
  snapshot: signedIn(shape),
  confirmation,
});

describe('dialogFor and mustAsk', () => {
  /** The question a press of `action` gets, or null when it is let through. */
  const question = (selection: SelectionInput, action: string, view: AccountView) =>
    mustAsk(selection, action, view) ? dialogFor(selection, action, view, 'en-US') : null;

  it('asks before a credit-spending action at the threshold, in the product\'s words', () => {
    expect(question(select(73), 'enrich', account())).toEqual({
      role: 'dialog',
      title: 'Enrich 73 prospects?',
      body: 'Uses 73 credits, 339 left after.',
      action: 'enrich',
      count: 73,
      credits: 73,
    });
  });

  it('is an alertdialog when credits are short', () => {
    expect(question(select(73), 'export', account({ remaining: 40 }))).toMatchObject({
      role: 'alertdialog',
      title: 'Export 73 prospects?',
      body: 'Needs 73 credits — you have 40 (33 short).',
    });
  });

  it('says "at least" for a partial virtualised selection', () => {
    expect(question(select(73, { atLeast: true }), 'enrich', account())).toMatchObject({
      title: 'Enrich at least 73 prospects?',
      body: 'Uses at least 73 credits, at most 339 left after.',
    });
  });

  it('does not ask below the threshold (49) or for free actions', () => {
    expect(question(select(49), 'enrich', account())).toBeNull();
    expect(question(select(50), 'enrich', account())).not.toBeNull();
    expect(question(select(73), 'add-to-campaign', account())).toBeNull();
  });

  it('fails closed: without the account\'s pricing it asks on the published one, and says why', () => {
    expect(question(select(73), 'enrich', { kind: 'state', snapshot: SIGNED_OUT, confirmation: 'always' })?.body).toBe(
      'Uses about 73 credits. Sign in to Deskflow Credits to see your balance.',
    );
    expect(question(select(73), 'enrich', { kind: 'pending' })?.body).toBe('Uses about 73 credits; your balance is loading…');
    expect(question(select(73), 'export', { kind: 'unavailable', reason: 'No answer.' })?.body).toBe(
      'Uses about 73 credits. Balance unknown: No answer.',
    );
    // "Only when short" cannot know it is not short: it asks.
    expect(question(select(73), 'enrich', { kind: 'state', snapshot: SIGNED_OUT, confirmation: 'short' })).not.toBeNull();
    expect(question(select(73), 'enrich', { kind: 'state', snapshot: SIGNED_OUT, confirmation: 'off' })).toBeNull();
  });

  it('honours the confirmation mode: short asks only when credits are short; off never', () => {
    expect(question(select(73), 'enrich', account({}, 'short'))).toBeNull();
    expect(question(select(73), 'enrich', account({ remaining: 40 }, 'short'))).not.toBeNull();
    expect(question(select(73), 'enrich', account({ remaining: 40 }, 'off'))).toBeNull();
  });

  it('on Free asks for Enrich from the first prospect', () => {
    expect(question(select(1), 'enrich', account({ tier: 'free', remaining: 20 }))).toMatchObject({
      title: 'Enrich 1 prospect?',
      body: 'Uses 1 credit, 19 left after.',
    });
    expect(question(select(1), 'export', account({ tier: 'free', remaining: 20 }))).toBeNull();
  });

  it('asks for an action clicked outside the bar too', () => {
    expect(question(select(73, { actions: [] }), 'enrich', account())?.title).toBe('Enrich 73 prospects?');
  });

  it('an action held on an estimate that turns out free says so', () => {
    expect(dialogFor(select(73), 'add-to-campaign', account(), 'en-US')).toMatchObject({ body: 'Uses no credits.', credits: 0 });
  });

  it('sameQuestion tells a changed count or balance from the same question', () => {
    const a = dialogFor(select(73), 'enrich', account(), 'en-US');
    expect(sameQuestion(a, dialogFor(select(73), 'enrich', account(), 'en-US'))).toBe(true);
    expect(sameQuestion(a, dialogFor(select(74), 'enrich', account(), 'en-US'))).toBe(false);
    expect(sameQuestion(a, dialogFor(select(73), 'enrich', account({ remaining: 500 }), 'en-US'))).toBe(false);
    expect(sameQuestion(a, dialogFor(select(73), 'export', account(), 'en-US'))).toBe(false);
  });
});

function open(role: 'dialog' | 'alertdialog' = 'dialog') {
  const onContinue = vi.fn();
  const onCancel = vi.fn();
  const pageButton = document.createElement('button');
  pageButton.type = 'button';
  pageButton.textContent = 'Page button';
  document.body.append(pageButton);
  mountDialog(
    { role, title: 'Enrich 73 prospects?', body: 'Uses 73 credits, 339 left after.', action: 'enrich', count: 73, credits: 73 },
    { onContinue, onCancel },
  );
  return { onContinue, onCancel, dialog: screen.getByRole(role, { name: 'Enrich 73 prospects?' }) };
}

describe('ConfirmDialog', () => {
  it('is a modal dialog named by its question and described by the cost, focus on Continue', () => {
    const { dialog } = open();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toBe('Uses 73 credits, 339 left after.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });

  it('is an alertdialog when short', () => {
    open('alertdialog');
  });

  it('Continue reports each press by the user; a press a script sends is ignored', () => {
    const { onContinue, onCancel } = open();
    const continueButton = screen.getByRole('button', { name: 'Continue' });
    continueButton.click();
    fireEvent.keyDown(continueButton, { key: 'Enter' });
    expect(onContinue).not.toHaveBeenCalled();
    userClick(continueButton);
    expect(onContinue).toHaveBeenCalledTimes(1);
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('says what it is told to say next', () => {
    const view = mountDialog(
      { role: 'dialog', title: 'Enrich 73 prospects?', body: 'x', action: 'enrich', count: 73, credits: 73 },
      { onContinue: () => undefined, onCancel: () => undefined },
    );
    view.update({ role: 'alertdialog', title: 'Enrich 1,204 prospects?', body: 'Needs 1,204 credits — you have 412 (792 short).', action: 'enrich', count: 1204, credits: 1204 });
    expect(screen.getByRole('alertdialog', { name: 'Enrich 1,204 prospects?' }).textContent).toContain('792 short');
  });

  it('Cancel cancels', async () => {
    const user = userEvent.setup();
    const { onContinue, onCancel } = open();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onContinue).not.toHaveBeenCalled();
  });

  it('Enter continues; a held Enter does not', () => {
    const { dialog, onContinue } = open();
    dialog.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Enter', repeat: true, bubbles: true })));
    expect(onContinue).not.toHaveBeenCalled();
    userKey(screen.getByRole('button', { name: 'Continue' }), 'Enter');
    expect(onContinue).toHaveBeenCalledTimes(1);
  });

  it('Enter on Cancel keeps its meaning', async () => {
    const user = userEvent.setup();
    const { onContinue, onCancel } = open();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Enter}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onContinue).not.toHaveBeenCalled();
  });

  it('Escape cancels', async () => {
    const user = userEvent.setup();
    const { onCancel, onContinue } = open();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onContinue).not.toHaveBeenCalled();
  });

  it('traps focus: Tab and Shift+Tab cycle between its buttons, focus sent to the page comes back', async () => {
    const user = userEvent.setup();
    open();
    const continueButton = screen.getByRole('button', { name: 'Continue' });
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    await user.tab();
    expect(document.activeElement).toBe(cancel);
    await user.tab();
    expect(document.activeElement).toBe(continueButton);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(cancel);
    screen.getByRole('button', { name: 'Page button' }).focus();
    expect(document.activeElement).toBe(continueButton);
  });

  it('a click outside cancels', async () => {
    const user = userEvent.setup();
    const { dialog, onCancel } = open();
    await user.click(dialog.parentElement!);
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
