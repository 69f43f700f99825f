import { fireEvent, screen } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { confirmationFor, type AccountView, type SelectionInput } from '@/components/warning/model';
import type { ConfirmationMode } from '@/utils/settings';
import { SIGNED_OUT, signedIn, type AccountShape } from '../fixtures/snapshots';
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

describe('confirmationFor', () => {
  it('asks before a credit-spending action at the threshold, in the product\'s words', () => {
    expect(confirmationFor(select(73), 'enrich', account(), 'en-US')).toEqual({
      role: 'dialog',
      title: 'Enrich 73 prospects?',
      body: 'Uses 73 credits, 339 left after.',
      action: 'enrich',
      count: 73,
    });
  });

  it('is an alertdialog when credits are short', () => {
    expect(confirmationFor(select(73), 'export', account({ remaining: 40 }), 'en-US')).toMatchObject({
      role: 'alertdialog',
      title: 'Export 73 prospects?',
      body: 'Needs 73 credits — you have 40 (33 short).',
    });
  });

  it('says "at least" for a partial virtualised selection', () => {
    expect(confirmationFor(select(73, { atLeast: true }), 'enrich', account(), 'en-US')).toMatchObject({
      title: 'Enrich at least 73 prospects?',
      body: 'Uses at least 73 credits, at most 339 left after.',
    });
  });

  it('does not ask below the threshold (49), for free actions, or without the account\'s pricing', () => {
    expect(confirmationFor(select(49), 'enrich', account(), 'en-US')).toBeNull();
    expect(confirmationFor(select(50), 'enrich', account(), 'en-US')).not.toBeNull();
    expect(confirmationFor(select(73), 'add-to-campaign', account(), 'en-US')).toBeNull();
    expect(confirmationFor(select(73), 'enrich', { kind: 'state', snapshot: SIGNED_OUT, confirmation: 'always' }, 'en-US')).toBeNull();
    expect(confirmationFor(select(73), 'enrich', { kind: 'pending' }, 'en-US')).toBeNull();
  });

  it('honours the confirmation mode: short asks only when credits are short; off never', () => {
    expect(confirmationFor(select(73), 'enrich', account({}, 'short'), 'en-US')).toBeNull();
    expect(confirmationFor(select(73), 'enrich', account({ remaining: 40 }, 'short'), 'en-US')).not.toBeNull();
    expect(confirmationFor(select(73), 'enrich', account({ remaining: 40 }, 'off'), 'en-US')).toBeNull();
  });

  it('on Free asks for Enrich from the first prospect', () => {
    expect(confirmationFor(select(1), 'enrich', account({ tier: 'free', remaining: 20 }), 'en-US')).toMatchObject({
      title: 'Enrich 1 prospect?',
      body: 'Uses 1 credit, 19 left after.',
    });
    expect(confirmationFor(select(1), 'export', account({ tier: 'free', remaining: 20 }), 'en-US')).toBeNull();
  });

  it('asks for an action clicked outside the bar too', () => {
    expect(confirmationFor(select(73, { actions: [] }), 'enrich', account(), 'en-US')?.title).toBe('Enrich 73 prospects?');
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
    { role, title: 'Enrich 73 prospects?', body: 'Uses 73 credits, 339 left after.', action: 'enrich', count: 73 },
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

  it('Continue answers once, however often it is clicked', async () => {
    const user = userEvent.setup();
    const { onContinue, onCancel } = open();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onContinue).toHaveBeenCalledTimes(1);
    expect(onCancel).not.toHaveBeenCalled();
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
    fireEvent.keyDown(dialog, { key: 'Enter', repeat: true });
    expect(onContinue).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Continue' }), { key: 'Enter' });
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
