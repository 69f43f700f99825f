import { describe, expect, it } from 'vitest';
import { listByKey, listKeyOf } from '@/utils/warning/list-key';
import { fragment } from '../fixtures/load';

const show = (html: string) => document.body.replaceChildren(fragment(html));

/** A list's identity survives the single-page app re-rendering it (carry on after buying). */

const deskflowPage = () => `
  <section data-deskflow-list="prospects"><div data-deskflow-bulk-bar data-deskflow-selection-count="73">
    <button data-deskflow-bulk-action="enrich">Enrich</button></div></section>
  <section data-deskflow-list="companies"></section>
  <section data-deskflow-list="prospects"></section>`;

const ariaPage = () => `
  <div role="toolbar"><button>Enrich</button></div>
  <div role="grid" aria-label="Prospects"></div>
  <table><tr><td>layout</td></tr></table>
  <div role="grid" aria-label="Prospects"></div>`;

describe('list keys', () => {
  it('name a Deskflow list by its data-deskflow-list and its place among lists of that name', () => {
    show(deskflowPage());
    const lists = [...document.querySelectorAll('[data-deskflow-list]')];
    expect(lists.map((list) => listKeyOf(list, document, '/p'))).toEqual([
      { kind: 'deskflow', path: '/p', name: 'prospects', index: 0 },
      { kind: 'deskflow', path: '/p', name: 'companies', index: 0 },
      { kind: 'deskflow', path: '/p', name: 'prospects', index: 1 },
    ]);
  });

  it('find the same list after the page re-rendered it (a new element)', () => {
    show(deskflowPage());
    const key = listKeyOf(document.querySelectorAll('[data-deskflow-list="prospects"]')[1]!, document, '/p')!;
    show(deskflowPage());
    expect(listByKey(key, document, '/p')).toBe(document.querySelectorAll('[data-deskflow-list="prospects"]')[1]);
    expect(listByKey(key, document, '/other')).toBeNull();
    show('<section data-deskflow-list="prospects"></section>');
    expect(listByKey(key, document, '/p')).toBeNull();
  });

  it('name an ARIA grid by its accessible name and place', () => {
    show(ariaPage());
    const grids = [...document.querySelectorAll('[role="grid"], table')];
    const keys = grids.map((grid) => listKeyOf(grid, document, '/g'));
    expect(keys).toEqual([
      { kind: 'aria', path: '/g', name: 'Prospects', index: 0 },
      { kind: 'aria', path: '/g', name: '', index: 0 },
      { kind: 'aria', path: '/g', name: 'Prospects', index: 1 },
    ]);
    show(ariaPage());
    expect(listByKey(keys[2]!, document, '/g')).toBe(document.querySelectorAll('[role="grid"]')[1]);
  });

  it('give no key to an element that is not a list of the page', () => {
    show(deskflowPage());
    const detached = document.createElement('div');
    detached.setAttribute('role', 'grid');
    expect(listKeyOf(detached, document, '/p')).toBeNull();
  });
});
