/* A virtualised WAI-ARIA grid without any Deskflow markup (app-pages.md §2): role="grid" with
 * aria-rowcount, only ~30 rows in the DOM at a time, rows with aria-selected, a header
 * role="checkbox" "Select all", and a role="toolbar" with Enrich / Export / Add to campaign. */
/* global document, location, fetch, URLSearchParams, requestAnimationFrame */
(function () {
  'use strict';

  var fmt = new Intl.NumberFormat('en-US');
  var ROW_HEIGHT = 40;
  var OVERSCAN = 8;
  var requested = Number(new URLSearchParams(location.search).get('rows'));
  var TOTAL = Number.isInteger(requested) && requested > 0 && requested <= 1000000 ? requested : 2000;
  var FIRST = ['Alex', 'Bea', 'Carlos', 'Dana', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivo', 'Jia', 'Kai', 'Lucía',
    'Mia', 'Nils', 'Olu', 'Pia', 'Raj', 'Sofia', 'Theo', 'Vera'];
  var LAST = ['Andersen', 'Becker', 'Chen', 'Diallo', 'Evans', 'Ferreira', 'García', 'Hoffmann', 'Ivanova',
    'Jensen', 'Khan', 'Larsen', 'Müller', 'Nowak', 'Ortiz', 'Park', 'Quinn', 'Reyes'];
  var COMPANIES = ['Acme Corp', 'Blue Harbor', 'Cobalt AI', 'Delta Freight', 'Evergreen Bank', 'Fjord Media',
    'Granite Works', 'Helix Bio', 'Ion Energy', 'Juniper Retail'];
  var TITLES = ['Head of Sales', 'COO', 'Demand Gen Manager', 'IT Director', 'Buyer', 'Partner Manager', 'CFO'];
  var CITIES = ['Madrid', 'Oslo', 'Chicago', 'Dublin', 'Seoul', 'Zurich', 'Cape Town', 'Melbourne'];
  var VERBS = { enrich: 'Enriched', export: 'Exported', 'add-to-campaign': 'Added' };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs[name];
      else if (name === 'class') node.className = attrs[name];
      else node.setAttribute(name, String(attrs[name]));
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  function lead(i) {
    var first = FIRST[(i * 7) % FIRST.length];
    var last = LAST[(i * 11 + 3) % LAST.length];
    var company = COMPANIES[(i * 3 + 1) % COMPANIES.length];
    return {
      name: first + ' ' + last,
      title: TITLES[(i * 5) % TITLES.length],
      company: company,
      email: first.toLowerCase().replace(/[^a-z]/g, '') + '@' + company.toLowerCase().replace(/[^a-z]/g, '') + '.test',
      city: CITIES[(i * 13) % CITIES.length],
    };
  }

  var state = { all: false, selected: new Set(), excluded: new Set(), busy: false };
  function isSelected(i) {
    return state.all ? !state.excluded.has(i) : state.selected.has(i);
  }
  function count() {
    return state.all ? TOTAL - state.excluded.size : state.selected.size;
  }
  function clear() {
    state.all = false;
    state.selected.clear();
    state.excluded.clear();
  }

  var status = el('span', { class: 'status', 'aria-live': 'polite' });
  var toolbar = el('div', { role: 'toolbar', 'aria-label': 'Lead actions', 'aria-controls': 'leads-grid', class: 'toolbar' });
  ['enrich', 'export', 'add-to-campaign'].forEach(function (action) {
    var label = { enrich: 'Enrich', export: 'Export', 'add-to-campaign': 'Add to campaign' }[action];
    var button = el('button', { type: 'button', text: label });
    if (action === 'enrich') button.className = 'primary';
    button.addEventListener('click', function () {
      runAction(action);
    });
    toolbar.append(button);
  });
  toolbar.append(status);

  var selectAll = el('span', { role: 'checkbox', 'aria-checked': 'false', 'aria-label': 'Select all', tabindex: '0',
    class: 'fake-checkbox' });
  var header = el('div', { role: 'rowgroup' }, [
    el('div', { role: 'row', 'aria-rowindex': '1', class: 'grid-row grid-head' }, [
      el('div', { role: 'columnheader' }, [selectAll]),
      el('div', { role: 'columnheader', text: 'Name' }),
      el('div', { role: 'columnheader', text: 'Title' }),
      el('div', { role: 'columnheader', text: 'Company' }),
      el('div', { role: 'columnheader', text: 'Email' }),
      el('div', { role: 'columnheader', text: 'Location' }),
    ]),
  ]);
  var spacer = el('div', { class: 'grid-spacer' });
  spacer.style.height = TOTAL * ROW_HEIGHT + 'px';
  var viewport = el('div', { role: 'rowgroup', class: 'grid-viewport' }, [spacer]);
  var grid = el('div', { role: 'grid', id: 'leads-grid', 'aria-label': 'Leads', 'aria-rowcount': String(TOTAL + 1),
    'aria-colcount': '6', 'aria-multiselectable': 'true', class: 'grid' }, [header, viewport]);
  var toast = el('p', { class: 'toast', 'aria-live': 'polite', 'data-sandbox-result': '' });

  function renderRows() {
    var first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    var visible = Math.ceil(viewport.clientHeight / ROW_HEIGHT) || 13;
    var last = Math.min(TOTAL, first + visible + 2 * OVERSCAN);
    var rows = [];
    for (var i = first; i < last; i++) {
      var p = lead(i);
      var box = el('input', { type: 'checkbox', 'aria-label': 'Select ' + p.name, 'data-index': String(i) });
      box.checked = isSelected(i);
      var row = el('div', { role: 'row', 'aria-rowindex': String(i + 2), 'aria-selected': String(isSelected(i)),
        class: 'grid-row grid-body-row', 'data-index': String(i) }, [
        el('div', { role: 'gridcell' }, [box]),
        el('div', { role: 'gridcell', text: p.name }),
        el('div', { role: 'gridcell', text: p.title }),
        el('div', { role: 'gridcell', text: p.company }),
        el('div', { role: 'gridcell', text: p.email }),
        el('div', { role: 'gridcell', text: p.city }),
      ]);
      row.style.top = i * ROW_HEIGHT + 'px';
      rows.push(row);
    }
    spacer.replaceChildren.apply(spacer, rows);
  }

  function update() {
    var n = count();
    selectAll.setAttribute('aria-checked', state.all && state.excluded.size === 0 ? 'true' : n > 0 ? 'mixed' : 'false');
    selectAll.textContent = n === 0 ? '' : state.all && state.excluded.size === 0 ? '✓' : '–';
    status.textContent = n === 0 ? 'No leads selected' : n === TOTAL ? 'All ' + fmt.format(n) + ' leads selected'
      : fmt.format(n) + ' selected';
    spacer.querySelectorAll('[role="row"]').forEach(function (row) {
      var on = isSelected(Number(row.getAttribute('data-index')));
      row.setAttribute('aria-selected', String(on));
      row.querySelector('input').checked = on;
    });
  }

  function toggleAll() {
    if (count() > 0) clear();
    else state.all = true;
    update();
  }

  function runAction(action) {
    var n = count();
    toast.className = 'toast';
    if (n === 0) {
      toast.textContent = 'Select leads first.';
      return;
    }
    if (state.busy) return;
    state.busy = true;
    fetch('/__sandbox/actions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ list: 'grid', action: action, count: n }),
    })
      .then(function (res) {
        return res.json();
      })
      .then(function (result) {
        state.busy = false;
        if (result.ok) {
          toast.textContent = VERBS[action] + ' ' + fmt.format(n) + (n === 1 ? ' lead' : ' leads') +
            (action === 'add-to-campaign' ? ' to campaign' : '') +
            (result.charged ? ' · ' + fmt.format(result.charged) + ' credits used' : '');
          clear();
        } else {
          toast.className = 'toast error';
          toast.textContent = 'Not enough credits: needs ' + fmt.format(result.cost) + ', ' +
            fmt.format(result.remaining) + ' left.';
        }
        update();
      })
      .catch(function () {
        state.busy = false;
        toast.className = 'toast error';
        toast.textContent = 'Something went wrong. Try again.';
      });
  }

  selectAll.addEventListener('click', toggleAll);
  selectAll.addEventListener('keydown', function (event) {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      toggleAll();
    }
  });
  spacer.addEventListener('change', function (event) {
    var box = event.target;
    if (!box || box.tagName !== 'INPUT') return;
    var i = Number(box.getAttribute('data-index'));
    var set = state.all ? state.excluded : state.selected;
    if (box.checked !== state.all) set.add(i);
    else set.delete(i);
    if (state.all && state.excluded.size === TOTAL) clear();
    update();
  });
  var scheduled = false;
  viewport.addEventListener('scroll', function () {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(function () {
      scheduled = false;
      renderRows();
    });
  });

  var main = document.getElementById('main');
  main.append(
    el('div', { class: 'page-head' }, [
      el('h1', { text: 'Leads grid' }),
      el('p', { class: 'muted', text: fmt.format(TOTAL) + ' leads · a virtualised grid: only the rows in view are rendered.' }),
    ]),
    toolbar,
    grid,
    toast,
  );
  renderRows();
  update();
})();
