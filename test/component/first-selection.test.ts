import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onFirstSelection } from '@/entrypoints/deskflow.content/first-selection';

/** The content script's lazy start: the warning loads at the first selection, once. */

let ctx: ContentScriptContext;
afterEach(() => ctx?.notifyInvalidated());

const frames = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
};

function page(count: number | null) {
  document.body.replaceChildren();
  const list = document.createElement('section');
  list.setAttribute('data-deskflow-list', 'prospects');
  if (count !== null) {
    const bar = document.createElement('div');
    bar.setAttribute('data-deskflow-bulk-bar', '');
    bar.setAttribute('data-deskflow-selection-count', String(count));
    list.append(bar);
  }
  document.body.append(list);
  return list;
}

describe('onFirstSelection', () => {
  it('does not start on a page without a selection, starts once at the first one', async () => {
    const list = page(null);
    ctx = new ContentScriptContext('deskflow');
    const start = vi.fn();
    onFirstSelection(ctx, document, start);
    await frames();
    expect(start).not.toHaveBeenCalled();

    const bar = document.createElement('div');
    bar.setAttribute('data-deskflow-bulk-bar', '');
    bar.setAttribute('data-deskflow-selection-count', '3');
    list.append(bar);
    await frames();
    expect(start).toHaveBeenCalledOnce();

    bar.setAttribute('data-deskflow-selection-count', '80');
    await frames();
    expect(start).toHaveBeenCalledOnce();
  });

  it('starts at once when the page already has a selection, and never after the context is gone', async () => {
    page(73);
    ctx = new ContentScriptContext('deskflow');
    const start = vi.fn();
    onFirstSelection(ctx, document, start);
    await frames();
    expect(start).toHaveBeenCalledOnce();

    const other = new ContentScriptContext('deskflow-other');
    const late = vi.fn();
    page(null);
    onFirstSelection(other, document, late);
    other.notifyInvalidated();
    page(12);
    await frames();
    expect(late).not.toHaveBeenCalled();
  });
});
