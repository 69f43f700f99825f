import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actionButtonNow, bulkActionAt, selectionNow } from '@/utils/warning/actions';
import type { ListSelection } from '@/utils/warning/types';
import { PageSelectionObserver } from '@/utils/warning/watcher';
import { fragment, loadFixture } from '../fixtures/load';

/** A hand-cranked animation frame: tests decide when the frame comes. */
function frames() {
  const queue: Array<() => void> = [];
  return {
    requestFrame: (callback: () => void) => void queue.push(callback),
    get pending() {
      return queue.length;
    },
    run() {
      for (const callback of queue.splice(0)) callback();
    },
  };
}

/** Let the MutationObserver deliver its records, then run the frame. */
async function nextFrame(frame: ReturnType<typeof frames>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  frame.run();
}

const byId = (id: string) => document.getElementById(id)!;

function start(options: Partial<ConstructorParameters<typeof PageSelectionObserver>[0]> = {}) {
  const frame = frames();
  const seen: Array<[string, ListSelection]> = [];
  const observer = new PageSelectionObserver({
    root: document,
    requestFrame: frame.requestFrame,
    onSelection: (list, selection) => seen.push([list.id || list.getAttribute('data-deskflow-list') || '?', selection]),
    ...options,
  });
  observer.start();
  return { observer, frame, seen };
}

let current: PageSelectionObserver | null = null;
afterEach(() => {
  current?.stop();
  current = null;
});

describe('PageSelectionObserver over Deskflow markup', () => {
  beforeEach(() => loadFixture('deskflow-two-lists.html'));

  it('looks at the page when it starts, without asking for a frame (one asked for while the page loads may be drawn early)', async () => {
    const { observer, frame, seen } = start();
    current = observer;
    expect(seen.map(([id, s]) => [id, s.count])).toEqual([
      ['list-a', 49],
      ['list-b', 50],
    ]);
    expect(frame.pending).toBe(0);
  });

  it('goes from 49 to 50 and back, once per frame whatever the number of changes', async () => {
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    seen.length = 0;
    const bar = byId('bar-a');
    for (const n of [50, 51, 52, 50]) bar.setAttribute('data-deskflow-selection-count', String(n));
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frame.pending).toBe(1);
    frame.run();
    expect(seen.map(([id, s]) => [id, s.count])).toEqual([['list-a', 50]]);
    bar.setAttribute('data-deskflow-selection-count', '49');
    await nextFrame(frame);
    expect(seen.map(([id, s]) => [id, s.count])).toEqual([
      ['list-a', 50],
      ['list-a', 49],
    ]);
  });

  it('keeps a count that shows nothing new without a frame, and still reads the next one', async () => {
    /** Counts under 50 "show nothing new" here (as the warning says under the bulk threshold). */
    const asked: Array<[number, number]> = [];
    const { observer, frame, seen } = start({
      showsNothingNew: (_list, before, after) => {
        asked.push([before.count, after.count]);
        return before.count < 50 && after.count < 50;
      },
    });
    current = observer;
    frame.run();
    seen.length = 0;
    const bar = byId('bar-a');
    bar.setAttribute('data-deskflow-selection-count', '48');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual([[49, 48]]);
    expect(frame.pending).toBe(0);
    expect(seen).toEqual([]);
    // The kept count is the list's: what is read later (a new page state) sees 48, not 49.
    expect(observer.selections().find(([list]) => list.id === 'list-a')?.[1].count).toBe(48);
    // One that does show something new (the threshold) is published in the next frame, from 48.
    bar.setAttribute('data-deskflow-selection-count', '50');
    await nextFrame(frame);
    expect(asked).toEqual([
      [49, 48],
      [48, 50],
    ]);
    expect(seen.map(([id, s]) => [id, s.count])).toEqual([['list-a', 50]]);
  });

  it('asks for a frame without asking about a count while the list waits for one, or when its bar is new', async () => {
    const asked: number[] = [];
    const { observer, frame, seen } = start({
      showsNothingNew: (_list, _before, after) => {
        asked.push(after.count);
        return true;
      },
    });
    current = observer;
    frame.run();
    seen.length = 0;
    // A button added and a count changed in one task: the list's bar and buttons are read again.
    byId('bar-a').append(fragment('<button data-deskflow-bulk-action="export">Export</button>'));
    byId('bar-a').setAttribute('data-deskflow-selection-count', '12');
    await nextFrame(frame);
    expect(asked).toEqual([]);
    expect(seen.map(([id, s]) => [id, s.count, s.actions])).toEqual([['list-a', 12, ['enrich', 'export']]]);
    // A new bar (re-rendered) is read in a frame: its buttons are not known yet.
    byId('bar-a').replaceWith(fragment('<div data-deskflow-bulk-bar data-deskflow-selection-count="13" id="bar-a2"><button data-deskflow-bulk-action="enrich">Enrich</button></div>'));
    await nextFrame(frame);
    expect(asked).toEqual([]);
    expect(seen.at(-1)?.[1]).toMatchObject({ count: 13, anchor: byId('bar-a2') });
    // Once known, its next count is asked about.
    byId('bar-a2').setAttribute('data-deskflow-selection-count', '14');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual([14]);
    expect(frame.pending).toBe(0);
  });

  it('reads 1,204 when "Select all" spans pages, and 0 when the bar is removed', async () => {
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    seen.length = 0;
    byId('bar-b').setAttribute('data-deskflow-selection-count', '1204');
    await nextFrame(frame);
    byId('bar-b').remove();
    await nextFrame(frame);
    expect(seen.map(([id, s]) => [id, s.count, s.anchor])).toEqual([
      ['list-b', 1204, seen[0]![1].anchor],
      ['list-b', 0, null],
    ]);
  });

  it('follows a bar that is re-rendered (replaced by a new element) and one that comes back', async () => {
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    seen.length = 0;
    const replacement = fragment(
      '<div data-deskflow-bulk-bar data-deskflow-selection-count="120" id="bar-a2"><button data-deskflow-bulk-action="enrich">Enrich</button></div>',
    );
    byId('bar-a').replaceWith(replacement);
    await nextFrame(frame);
    expect(seen.at(-1)?.[1]).toMatchObject({ count: 120, actions: ['enrich'], anchor: byId('bar-a2') });
    byId('bar-a2').remove();
    await nextFrame(frame);
    expect(seen.at(-1)?.[1]).toMatchObject({ count: 0 });
    byId('list-a').prepend(fragment('<div data-deskflow-bulk-bar data-deskflow-selection-count="7" id="bar-a3"></div>'));
    await nextFrame(frame);
    expect(seen.at(-1)?.[1]).toMatchObject({ count: 7, anchor: byId('bar-a3') });
  });

  it('tells when the page re-renders a bulk action button under the same count (the cost label follows it)', async () => {
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    seen.length = 0;
    const old = byId('bar-a').querySelector('[data-deskflow-bulk-action="enrich"]')!;
    const fresh = fragment('<button data-deskflow-bulk-action="enrich">Enrich</button>').firstElementChild!;
    old.replaceWith(fresh);
    await nextFrame(frame);
    expect(seen).toHaveLength(1);
    expect(seen[0]![1]).toMatchObject({ count: 49 });
    expect(seen[0]![1].buttons.find((button) => button.action === 'enrich')?.element).toBe(fresh);
  });

  it('reads the bar and its buttons again when the page adds, renames or removes one, or nests a list around one', async () => {
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    const actionsOfA = () => seen.filter(([id]) => id === 'list-a').at(-1)![1].actions;
    const bar = byId('bar-a');
    bar.append(fragment('<button data-deskflow-bulk-action="add-to-campaign">Add</button>'));
    await nextFrame(frame);
    expect(actionsOfA()).toEqual(['enrich', 'export', 'add-to-campaign']);
    bar.querySelector('[data-deskflow-bulk-action="add-to-campaign"]')!.setAttribute('data-deskflow-bulk-action', 'verify');
    await nextFrame(frame);
    expect(actionsOfA()).toEqual(['enrich', 'export', 'verify']);
    bar.querySelector('[data-deskflow-bulk-action="export"]')!.remove();
    await nextFrame(frame);
    expect(actionsOfA()).toEqual(['enrich', 'verify']);
    // The button's wrapper becomes a list of its own: the button is that list's, not list-a's.
    const wrapper = document.createElement('span');
    bar.append(wrapper);
    await nextFrame(frame);
    wrapper.append(bar.querySelector('[data-deskflow-bulk-action="verify"]')!);
    await nextFrame(frame);
    expect(actionsOfA()).toEqual(['enrich', 'verify']);
    wrapper.setAttribute('data-deskflow-list', 'inner');
    await nextFrame(frame);
    expect(actionsOfA()).toEqual(['enrich']);
    // The bar stops being a bar (its count attribute stays): nothing is selected any more.
    bar.removeAttribute('data-deskflow-bulk-bar');
    await nextFrame(frame);
    expect(seen.filter(([id]) => id === 'list-a').at(-1)![1]).toMatchObject({ count: 0, actions: [] });
    bar.setAttribute('data-deskflow-bulk-bar', '');
    await nextFrame(frame);
    // Only the count changes: the same buttons, read from memory.
    bar.setAttribute('data-deskflow-selection-count', '60');
    await nextFrame(frame);
    expect(seen.filter(([id]) => id === 'list-a').at(-1)![1]).toMatchObject({ count: 60, actions: ['enrich'] });
  });

  it('keeps several lists independent', async () => {
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    seen.length = 0;
    byId('bar-b').setAttribute('data-deskflow-selection-count', '80');
    await nextFrame(frame);
    expect(seen.map(([id]) => id)).toEqual(['list-b']);
    expect(observer.selections().map(([list, s]) => [list.id, s.count])).toEqual([
      ['list-a', 49],
      ['list-b', 80],
    ]);
  });

  it('follows single-page navigation: lists vanish (count 0) and new ones appear', async () => {
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    seen.length = 0;
    document.body.replaceChildren(
      fragment(
        '<main><section data-deskflow-list="saved-leads" id="saved"><div data-deskflow-bulk-bar data-deskflow-selection-count="60"><button data-deskflow-bulk-action="export">Export</button></div></section></main>',
      ),
    );
    observer.rescan(); // what wxt:locationchange does; the mutations alone are enough too
    await nextFrame(frame);
    expect(seen.map(([id, s]) => [id, s.count])).toHaveLength(3);
    expect(seen.map(([id, s]) => [id, s.count])).toEqual(
      expect.arrayContaining([
        ['saved', 60],
        ['list-a', 0],
        ['list-b', 0],
      ]),
    );
    expect(observer.selections().map(([list]) => list.id)).toEqual(['saved']);
  });

  it('notices a list or bar that gains its attribute later', async () => {
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    seen.length = 0;
    const section = document.createElement('section');
    section.id = 'late';
    const bar = document.createElement('div');
    bar.setAttribute('data-deskflow-selection-count', '55');
    section.append(bar);
    document.body.append(section);
    await nextFrame(frame);
    section.setAttribute('data-deskflow-list', 'late');
    await nextFrame(frame);
    expect(seen).toEqual([]);
    bar.setAttribute('data-deskflow-bulk-bar', '');
    await nextFrame(frame);
    expect(seen.map(([id, s]) => [id, s.count])).toEqual([['late', 55]]);
  });

  it('ignores its own UI nodes, and says when the page removed one', async () => {
    const ownRemoved = vi.fn();
    const own = new WeakSet<Node>();
    const { observer, frame, seen } = start({ isOwnNode: (node) => own.has(node), onOwnNodesRemoved: ownRemoved });
    current = observer;
    frame.run();
    seen.length = 0;
    const host = document.createElement('deskflow-credits-warning');
    own.add(host);
    byId('bar-a').after(host);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frame.pending).toBe(0);
    host.remove();
    await nextFrame(frame);
    expect(ownRemoved).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([]);
  });

  it('stops for good: no observer, no listeners, no frames', async () => {
    const { observer, frame, seen } = start();
    frame.run();
    seen.length = 0;
    observer.stop();
    byId('bar-a').setAttribute('data-deskflow-selection-count', '70');
    document.body.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frame.pending).toBe(0);
    expect(seen).toEqual([]);
  });

  it('finds the list and action of a click, with the selection read now (not a frame later)', async () => {
    const { observer, frame } = start();
    current = observer;
    frame.run();
    const enrich = byId('list-a').querySelector('[data-deskflow-bulk-action="enrich"]')!;
    expect(bulkActionAt(enrich, document)).toEqual({ list: byId('list-a'), button: { action: 'enrich', element: enrich } });
    byId('bar-a').setAttribute('data-deskflow-selection-count', '65');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frame.pending).toBe(1);
    expect(selectionNow(byId('list-a'), document).count).toBe(65);
  });
});

describe('PageSelectionObserver over ARIA grids', () => {
  it('recounts a table when a checkbox changes without any mutation (change event)', async () => {
    loadFixture('aria-table.html');
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    expect(seen.map(([id, s]) => [id, s.count])).toEqual([
      ['table', 3],
      ['nested', 1],
    ]);
    seen.length = 0;
    const box = byId('table').querySelectorAll<HTMLInputElement>('tbody input[type=checkbox]')[2]!;
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await nextFrame(frame);
    expect(seen.map(([id, s]) => [id, s.count])).toEqual([['table', 4]]);
  });

  it('recounts a grid the page adds later (after a page without any) when a checkbox changes without a mutation', async () => {
    document.body.replaceChildren();
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    document.body.append(
      fragment(
        '<table role="grid" id="late"><tbody><tr><td><input type="checkbox" checked></td><td>Ana</td></tr><tr><td><input type="checkbox"></td><td>Ben</td></tr></tbody></table>',
      ),
    );
    await nextFrame(frame);
    expect(seen.map(([id, s]) => [id, s.count])).toEqual([['late', 1]]);
    const box = byId('late').querySelectorAll<HTMLInputElement>('input[type=checkbox]')[1]!;
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await nextFrame(frame);
    expect(seen.map(([id, s]) => [id, s.count])).toEqual([
      ['late', 1],
      ['late', 2],
    ]);
  });

  it('recounts after a click outside the grid (a "select all" that sets properties)', async () => {
    loadFixture('aria-table.html');
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    seen.length = 0;
    const button = document.createElement('button');
    document.body.append(button);
    await nextFrame(frame);
    button.addEventListener('click', () => {
      for (const box of byId('table').querySelectorAll<HTMLInputElement>('tbody input[type=checkbox]')) box.checked = true;
    });
    button.click();
    await nextFrame(frame);
    // Ana, Ben, Chloé and Dmitri (role=checkbox); the layout row's box belongs to its own table.
    expect(seen.map(([id, s]) => [id, s.count])).toEqual([['table', 4]]);
  });

  it('follows a virtualised grid: rows scrolled in and out, select-all with aria-rowcount', async () => {
    loadFixture('aria-virtualised-grid.html');
    const { observer, frame, seen } = start();
    current = observer;
    frame.run();
    expect(seen.map(([id, s]) => [id, s.count, s.atLeast, s.actions])).toEqual([['grid', 3, true, ['enrich', 'export']]]);
    seen.length = 0;
    // Scroll: the rendered rows are replaced by others, one of them selected.
    byId('body').replaceChildren(
      fragment('<div role="row" aria-rowindex="40" aria-selected="true"><div role="gridcell">Hana</div></div>'),
    );
    await nextFrame(frame);
    expect(seen.map(([, s]) => [s.count, s.atLeast])).toEqual([[1, true]]);
    byId('select-all').setAttribute('aria-checked', 'true');
    await nextFrame(frame);
    expect(seen.map(([, s]) => [s.count, s.atLeast])).toEqual([
      [1, true],
      [2000, false],
    ]);
    const enrich = byId('grid-toolbar').querySelector('button')!;
    expect(bulkActionAt(enrich, document)).toEqual({ list: byId('grid'), button: { action: 'enrich', element: enrich } });
    expect(actionButtonNow(byId('grid'), 'export', document)).toBe(byId('grid-toolbar').querySelectorAll('button')[1]);
  });
});

describe('cost per change', () => {
  /** Count DOM queries by the element they run on, with the watcher loaded after the spies. */
  async function withQuerySpies() {
    const calls: Element[] = [];
    const docCalls: string[] = [];
    const wrap = <T extends object>(proto: T, name: keyof T & string, record: (self: unknown, args: unknown[]) => void) => {
      const original = proto[name] as (...args: unknown[]) => unknown;
      vi.spyOn(proto as Record<string, (...args: unknown[]) => unknown>, name).mockImplementation(function (this: unknown, ...args: unknown[]) {
        record(this, args);
        return original.apply(this, args);
      });
    };
    const lookups: Element[] = [];
    for (const name of ['querySelector', 'querySelectorAll'] as const) {
      wrap(Element.prototype, name, (self) => calls.push(self as Element));
      wrap(Document.prototype, name, (_self, args) => docCalls.push(String(args[0])));
    }
    wrap(Element.prototype, 'closest', (self) => lookups.push(self as Element));
    vi.resetModules();
    const watcher = await import('@/utils/warning/watcher');
    return { calls, docCalls, lookups, PageSelectionObserver: watcher.PageSelectionObserver };
  }

  it('a Deskflow count change reads the bar only, however long the list', async () => {
    loadFixture('deskflow-prospects.html');
    const tbody = document.querySelector('tbody')!;
    const row = tbody.querySelector('tr')!;
    for (let i = 0; i < 2000; i++) tbody.append(row.cloneNode(true));
    const spies = await withQuerySpies();
    const frame = frames();
    const seen: number[] = [];
    const observer = new spies.PageSelectionObserver({
      root: document,
      requestFrame: frame.requestFrame,
      onSelection: (_list, s) => seen.push(s.count),
    });
    observer.start();
    frame.run();
    spies.calls.length = 0;
    spies.docCalls.length = 0;
    const bar = document.querySelector('[data-deskflow-bulk-bar]')!;
    spies.calls.length = 0;
    // Ticking every row's checkbox (attribute mutations) and then changing the count.
    for (const box of tbody.querySelectorAll('input')) box.setAttribute('checked', '');
    bar.setAttribute('data-deskflow-selection-count', '1204');
    spies.calls.length = 0;
    await nextFrame(frame);
    observer.stop();
    expect(seen).toEqual([73, 1204]);
    expect(spies.docCalls).toEqual([]);
    // Nothing is queried: the bar and its buttons are remembered; never the list or its rows.
    expect(spies.calls).toEqual([]);
  });

  it('a count change with its words: the list is found from the bar, the words are not read', async () => {
    loadFixture('deskflow-prospects.html');
    const spies = await withQuerySpies();
    const frame = frames();
    const seen: number[] = [];
    const observer = new spies.PageSelectionObserver({ root: document, requestFrame: frame.requestFrame, onSelection: (_list, s) => seen.push(s.count) });
    observer.start();
    frame.run();
    const bar = document.querySelector('[data-deskflow-bulk-bar]')!;
    spies.lookups.length = 0;
    // What a page does on each toggle: the count attribute and the words beside it.
    bar.setAttribute('data-deskflow-selection-count', '74');
    bar.querySelector('.count')!.textContent = '74 selected';
    await nextFrame(frame);
    observer.stop();
    expect(seen).toEqual([73, 74]);
    // Where the count changed, and whether the bar is still the list's when it is read: never the words.
    expect(spies.lookups).toEqual([bar, bar]);
  });

  it('an ARIA change reads only the grid it touched', async () => {
    loadFixture('aria-table.html');
    const spies = await withQuerySpies();
    const frame = frames();
    const observer = new spies.PageSelectionObserver({ root: document, requestFrame: frame.requestFrame, onSelection: () => {} });
    observer.start();
    frame.run();
    const nested = document.getElementById('nested')!;
    const box = nested.querySelector('input')!;
    spies.calls.length = 0;
    spies.docCalls.length = 0;
    box.checked = false;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await nextFrame(frame);
    observer.stop();
    expect(spies.docCalls).toEqual([]);
    const touched = new Set(spies.calls);
    expect(touched.has(nested)).toBe(true);
    expect(touched.has(document.getElementById('table')!)).toBe(false);
  });
});
