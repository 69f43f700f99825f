import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startContentScript } from '@/entrypoints/deskflow/start';
import type { Request } from '@/utils/messages';
import { signedIn } from '../fixtures/snapshots';

/** The content script's lazy start: the warning (and the first question to the background) waits for a selection. */

let controller: AbortController;
afterEach(() => controller?.abort());
beforeAll(() => import('@/entrypoints/deskflow/warning'));

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

function start() {
  controller = new AbortController();
  const asked: Request[] = [];
  const messageBackground = vi.fn(async (request: Request) => {
    asked.push(request);
    return { ok: true, value: { snapshot: signedIn(), confirmation: 'always' } };
  });
  startContentScript({ window, signal: controller.signal, messageBackground: messageBackground as never, alive: () => true, locale: 'en-US' });
  return asked;
}

describe('startContentScript', () => {
  it('asks the background nothing on a page without a selection, and once at the first one', async () => {
    const list = page(null);
    const asked = start();
    await frames();
    expect(asked).toEqual([]);

    const bar = document.createElement('div');
    bar.setAttribute('data-deskflow-bulk-bar', '');
    bar.setAttribute('data-deskflow-selection-count', '3');
    list.append(bar);
    await frames();
    expect(asked).toEqual([{ type: 'getPageState' }]);

    bar.setAttribute('data-deskflow-selection-count', '80');
    await frames();
    expect(asked).toEqual([{ type: 'getPageState' }]);
  });

  it('starts at once when the page already has a selection, and not at all once stopped', async () => {
    page(73);
    const asked = start();
    await frames();
    expect(asked).toEqual([{ type: 'getPageState' }]);
    controller.abort();

    page(null);
    const late = start();
    controller.abort();
    page(12);
    await frames();
    expect(late).toEqual([]);
  });
});
