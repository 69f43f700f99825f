import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionNamed, findAriaGrids, findToolbars, nearestToolbar, readAriaSelection, toolbarActionAt, toolbarActionButtons } from '@/utils/warning/aria';
import { parseCount } from '@/utils/warning/count';
import { deskflowActionAt, findBulkBar, findDeskflowLists, readDeskflowSelection } from '@/utils/warning/deskflow';
import { accessibleName } from '@/utils/warning/accessible-name';
import { fragment, loadFixture } from '../fixtures/load';

const byId = (id: string) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing`);
  return element;
};

describe('parseCount', () => {
  it.each([
    ['73', 73],
    [' 50 ', 50],
    ['0', 0],
    ['007', 7],
    ['1204', 1204],
    [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
  ])('reads %j as %d', (text, n) => expect(parseCount(text)).toBe(n));

  it.each(['', ' ', '-5', '+5', '1,204', '1.5', '1e3', 'NaN', 'Infinity', '0x10', '73 prospects', '99999999999999999999'])(
    'refuses %j',
    (text) => expect(parseCount(text)).toBeNull(),
  );

  it('refuses a missing attribute', () => {
    expect(parseCount(null)).toBeNull();
    expect(parseCount(undefined)).toBeNull();
  });
});

describe('Deskflow markup (app-pages.md §1)', () => {
  beforeEach(() => loadFixture('deskflow-prospects.html'));

  it('reads the count from the bar, not from the rows, with the bar actions in page order', () => {
    const [list, ...others] = findDeskflowLists(document);
    expect(others).toHaveLength(0);
    const selection = readDeskflowSelection(list!);
    expect(selection).toEqual({
      kind: 'deskflow',
      count: 73,
      atLeast: false,
      actions: ['enrich', 'export', 'add-to-campaign'],
      buttons: [...document.querySelectorAll('[data-deskflow-bulk-action]')].map((element) => ({
        action: element.getAttribute('data-deskflow-bulk-action'),
        element,
      })),
      anchor: document.querySelector('[data-deskflow-bulk-bar]'),
    });
  });

  it('takes "all 1,204 prospects" across pages from the attribute', () => {
    const bar = document.querySelector('[data-deskflow-bulk-bar]')!;
    bar.setAttribute('data-deskflow-selection-count', '1204');
    expect(readDeskflowSelection(findDeskflowLists(document)[0]!).count).toBe(1204);
  });

  it('counts 0 when the bar is gone', () => {
    document.querySelector('[data-deskflow-bulk-bar]')!.remove();
    const list = findDeskflowLists(document)[0]!;
    expect(findBulkBar(list)).toBeNull();
    expect(readDeskflowSelection(list)).toMatchObject({ count: 0, actions: [], anchor: null });
  });

  it('finds the action a click landed on, also on a child of the button', () => {
    const enrich = byId('enrich');
    const label = document.createElement('span');
    enrich.append(label);
    expect(deskflowActionAt(label)).toEqual({
      list: findDeskflowLists(document)[0],
      button: { action: 'enrich', element: enrich },
    });
    expect(deskflowActionAt(document.querySelector('td')!)).toBeNull();
  });

  it('shows prospect names with markup as text: no element is made of them', () => {
    expect(document.querySelectorAll('img, script')).toHaveLength(0);
  });
});

describe('several Deskflow lists', () => {
  beforeEach(() => loadFixture('deskflow-two-lists.html'));

  it('reads each list on its own: 49, 50 and no bar', () => {
    const lists = findDeskflowLists(document);
    expect(lists.map((l) => l.id)).toEqual(['list-a', 'list-b', 'list-c']);
    const [a, b, c] = lists.map((list) => readDeskflowSelection(list));
    expect(a).toMatchObject({ count: 49, actions: ['enrich', 'export'], anchor: byId('bar-a') });
    expect(b).toMatchObject({ count: 50, actions: ['export', 'add-to-campaign'], anchor: byId('bar-b') });
    expect(c).toMatchObject({ count: 0, anchor: null });
  });

  it('does not take a nested list\'s bar for its own', () => {
    const outer = byId('list-c');
    outer.append(fragment('<div data-deskflow-list="inner"><div data-deskflow-bulk-bar data-deskflow-selection-count="9"></div></div>'));
    expect(findBulkBar(outer)).toBeNull();
    outer.append(fragment('<div data-deskflow-bulk-bar data-deskflow-selection-count="60" id="own"></div>'));
    expect(findBulkBar(outer)).toBe(byId('own'));
  });

  it('searches a subtree root too (including the root itself)', () => {
    expect(findDeskflowLists(byId('list-b'))).toEqual([byId('list-b')]);
  });
});

describe('ARIA fallback (app-pages.md §2)', () => {
  it('counts selected rows of a plain table: checkboxes and role=checkbox, not the header, not a nested table', () => {
    loadFixture('aria-table.html');
    const grids = findAriaGrids(document);
    expect(grids.map((g) => g.id)).toEqual(['table', 'nested']);
    const toolbar = nearestToolbar(byId('table'), findToolbars(document));
    expect(toolbar).toBe(byId('toolbar'));
    expect(readAriaSelection(byId('table'), toolbar)).toEqual({
      kind: 'aria',
      count: 3,
      atLeast: false,
      actions: ['enrich', 'export'],
      buttons: toolbarActionButtons(toolbar!),
      anchor: toolbar,
    });
    expect(readAriaSelection(byId('nested'), null).count).toBe(1);
  });

  it('follows checkbox properties, not only attributes', () => {
    loadFixture('aria-table.html');
    const boxes = byId('table').querySelectorAll<HTMLInputElement>('tbody input[type=checkbox]');
    boxes[2]!.checked = true;
    expect(readAriaSelection(byId('table'), null).count).toBe(4);
    boxes[0]!.checked = false;
    expect(readAriaSelection(byId('table'), null).count).toBe(3);
  });

  describe('virtualised grid', () => {
    beforeEach(() => loadFixture('aria-virtualised-grid.html'));

    it('says "at least" the rendered selected rows while select-all is off', () => {
      const grid = byId('grid');
      const toolbar = nearestToolbar(grid, findToolbars(document));
      expect(toolbar).toBe(byId('grid-toolbar'));
      expect(readAriaSelection(grid, toolbar)).toEqual({
        kind: 'aria',
        count: 3,
        atLeast: true,
        actions: ['enrich', 'export'],
        buttons: toolbarActionButtons(toolbar!),
        anchor: toolbar,
      });
    });

    it('counts every data row (aria-rowcount minus the header row) when select-all is checked', () => {
      byId('select-all').setAttribute('aria-checked', 'true');
      expect(readAriaSelection(byId('grid'), null)).toMatchObject({ count: 2000, atLeast: false });
    });

    it('does not trust a garbage aria-rowcount', () => {
      byId('select-all').setAttribute('aria-checked', 'true');
      for (const garbage of ['-1', 'lots', '1e9', '']) {
        byId('grid').setAttribute('aria-rowcount', garbage);
        expect(readAriaSelection(byId('grid'), null)).toMatchObject({ count: 3, atLeast: false });
      }
    });

    it('is exact when every row is rendered', () => {
      byId('grid').setAttribute('aria-rowcount', '7');
      expect(readAriaSelection(byId('grid'), null)).toMatchObject({ count: 3, atLeast: false });
    });

    it('prefers the toolbar that says it controls the grid', () => {
      const page = byId('page-toolbar');
      page.setAttribute('aria-controls', 'grid');
      expect(nearestToolbar(byId('grid'), findToolbars(document))).toBe(page);
    });

    it('ignores a row\'s own toolbar: a row\'s Enrich is not a bulk action', () => {
      const rowButton = document.querySelector('[aria-rowindex="7"] button')!;
      expect(toolbarActionAt(rowButton)).toBeNull();
      expect(findToolbars(document).map((t) => t.id)).toEqual(['page-toolbar', 'grid-toolbar']);
    });
  });

  it('finds toolbar actions by accessible name: aria-labelledby, aria-label, value, text', () => {
    loadFixture('aria-table.html');
    expect(toolbarActionButtons(byId('toolbar')).map((b) => b.action)).toEqual(['enrich', 'export']);
    loadFixture('aria-virtualised-grid.html');
    const names = [...byId('grid-toolbar').querySelectorAll('button')].map(accessibleName);
    expect(names).toEqual(['Enrich', 'Export selected leads', 'Add to campaign']);
    expect(actionNamed('Add to campaign')).toBeNull();
    expect(actionNamed('ENRICH 73')).toBe('enrich');
  });

  it('leaves lists with Deskflow markup to the Deskflow detector', () => {
    loadFixture('deskflow-prospects.html');
    expect(findAriaGrids(document)).toEqual([]);
  });
});

describe('hostile pages', () => {
  const clobbered: Array<[object, string]> = [];
  beforeEach(() => {
    loadFixture('hostile.html');
    const list = byId('list');
    // happy-dom does not clobber like browsers do: shadow the members by hand, as the markup
    // (<img name="getElementById">, <input name="querySelectorAll"> in a form) does there.
    const clobber = (target: object, names: string[]) => {
      for (const name of names) {
        Object.defineProperty(target, name, { configurable: true, value: () => { throw new Error(`clobbered ${name}`); } });
        clobbered.push([target, name]);
      }
    };
    clobber(document, ['getElementById', 'querySelectorAll', 'querySelector']);
    // (getAttribute stays: happy-dom's own selector engine calls it on the element.)
    clobber(list, ['querySelectorAll', 'querySelector', 'closest', 'matches', 'contains']);
    Object.defineProperty(list, 'parentElement', { configurable: true, get: () => null });
    clobbered.push([list, 'parentElement']);
  });
  afterEach(() => {
    for (const [target, name] of clobbered.splice(0)) delete (target as Record<string, unknown>)[name];
  });

  it('reads lists through the DOM prototypes, not members the page can shadow', () => {
    const lists = findDeskflowLists(document);
    expect(lists.map((l) => Element.prototype.getAttribute.call(l, 'data-deskflow-list'))).toEqual(['prospects', 'garbage', 'negative', 'huge']);
    expect(readDeskflowSelection(lists[0]!)).toMatchObject({ count: 1204, actions: ['enrich'] });
    const enrichLabel = Element.prototype.querySelector.call(document.body, '#enrich span');
    expect(deskflowActionAt(enrichLabel!)?.button.action).toBe('enrich');
  });

  it('never shows garbage counts: NaN, negative and unsafe numbers read as 0, odd action names are ignored', () => {
    const [, garbage, negative, huge] = findDeskflowLists(document);
    expect(readDeskflowSelection(garbage!).count).toBe(0);
    expect(readDeskflowSelection(negative!).count).toBe(0);
    expect(readDeskflowSelection(huge!)).toMatchObject({ count: 0, actions: [] });
  });
});

