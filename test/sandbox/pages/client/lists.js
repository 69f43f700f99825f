/* The sandbox's Deskflow prospect lists: a tiny single-page app (history.pushState) with the
 * Deskflow markup of app-pages.md §1. No HTML strings: every node is built with createElement
 * and textContent, so hostile prospect names show as text. */
/* global document, window, location, history, fetch, URLSearchParams, performance */
(function () {
  'use strict';

  var fmt = new Intl.NumberFormat('en-US');
  var FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Emma', 'Farid', 'Grace', 'Hiro', 'Inès', 'Jonas', 'Kofi',
    'Lena', 'Mateo', 'Nora', 'Omar', 'Priya', 'Quentin', 'Rosa', 'Sam', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoe'];
  var LAST = ['Ruiz', 'Okafor', 'Lindqvist', 'Nakamura', 'Schmidt', 'Haddad', 'Kowalski', 'Moreau', 'Patel',
    "O'Brien", 'Costa', 'Nguyen', 'Fischer', 'Mensah', 'Rossi', 'Johansson', 'Dubois', 'Silva', 'Novak', 'Kim'];
  var COMPANIES = ['Northwind', 'Globex', 'Initech', 'Umbrella Health', 'Hooli', 'Vandelay Import', 'Stark Logistics',
    'Wayne Analytics', 'Tyrell Labs', 'Soylent Foods', 'Cyberdyne', 'Aperture Science', 'Pied Piper', 'Massive Dynamic'];
  var TITLES = ['VP Sales', 'Head of Growth', 'Sales Director', 'CTO', 'Marketing Manager', 'Account Executive',
    'RevOps Lead', 'Founder & CEO', 'Procurement Manager', 'SDR Team Lead'];
  var CITIES = ['Berlin', 'Lisbon', 'Austin', 'Toronto', 'Lyon', 'Singapore', 'Nairobi', 'Stockholm', 'Denver', 'Osaka'];
  // Names a careless content script would execute: they must show as text.
  var HOSTILE = {
    2: '<img src=x onerror=alert(1)>',
    9: '"><script>alert(document.domain)</script>',
    15: "Robert'); DROP TABLE prospects;--",
  };

  var LISTS = {
    prospects: { id: 'prospects', title: 'Prospects', noun: 'prospects', one: 'prospect', total: 1204, seed: 0 },
    'saved-leads': { id: 'saved-leads', title: 'Saved leads', noun: 'leads', one: 'lead', total: 186, seed: 7 },
  };
  var ROUTES = {
    '/prospects': { title: 'Prospects', lists: [['prospects', 50]] },
    '/lists/saved': { title: 'Saved leads', lists: [['saved-leads', 50]] },
    '/two-lists': { title: 'Both lists', lists: [['prospects', 10], ['saved-leads', 10]] },
  };
  var VERBS = { enrich: 'Enriched', export: 'Exported', 'add-to-campaign': 'Added' };
  // Variants a real app may have (app-pages.md §1), for the guard's tests:
  // ?buttons=role — bulk actions are role="button" elements the page activates on click, Enter
  //   (keydown) and Space (keyup) itself;
  // ?handlers=window — the page runs bulk actions from one capture listener on window,
  //   registered before anything else on the page.
  var variant = new URLSearchParams(location.search);
  var ROLE_BUTTONS = variant.get('buttons') === 'role';
  var WINDOW_HANDLERS = variant.get('handlers') === 'window';
  var runners = new WeakMap();
  function runnerOf(target) {
    var button = target instanceof window.Element ? target.closest('[data-deskflow-bulk-action]') : null;
    var section = button && button.closest('[data-deskflow-list]');
    var run = section && runners.get(section);
    return run ? function () { run(button.getAttribute('data-deskflow-bulk-action')); } : null;
  }
  if (WINDOW_HANDLERS) {
    window.addEventListener('click', function (event) {
      var run = runnerOf(event.target);
      if (run) run();
    }, true);
  }
  var LABELS = { enrich: 'Enrich', export: 'Export', 'add-to-campaign': 'Add to campaign' };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === false || value === null || value === undefined) return;
      if (name === 'text') node.textContent = value;
      else if (name === 'class') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  function prospect(list, i) {
    var n = i + list.seed * 31;
    var first = FIRST[(n * 7) % FIRST.length];
    var last = LAST[(n * 13 + 5) % LAST.length];
    var company = COMPANIES[(n * 5 + 3) % COMPANIES.length];
    var name = list.id === 'prospects' && HOSTILE[i] ? HOSTILE[i] : first + ' ' + last;
    return {
      name: name,
      initials: first.charAt(0) + last.charAt(0),
      title: TITLES[(n * 3 + 1) % TITLES.length],
      company: company,
      email: (first + '.' + last).toLowerCase().replace(/[^a-z.]/g, '') + '@' +
        company.toLowerCase().replace(/[^a-z]/g, '') + '.test',
      city: CITIES[(n * 11) % CITIES.length],
    };
  }

  function plural(list, n) {
    return n === 1 ? list.one : list.noun;
  }

  /** One independent list: its own selection, page, bulk bar and result line. */
  function createList(base, perPage, total) {
    var list = Object.assign({}, base, { total: total || base.total });
    var pages = Math.max(1, Math.ceil(list.total / perPage));
    var state = { page: 0, all: false, selected: new Set(), excluded: new Set(), busy: false };
    var bar = null;

    var headCheckbox = el('input', { type: 'checkbox', 'aria-label': 'Select all on this page' });
    var tbody = el('tbody');
    var barSlot = el('div', { class: 'bar-slot' });
    var toast = el('p', { class: 'toast', 'aria-live': 'polite', 'data-sandbox-result': '' });
    var pageInfo = el('span', { class: 'muted' });
    var prev = el('button', { type: 'button', text: 'Previous' });
    var next = el('button', { type: 'button', text: 'Next' });
    var headingId = 'list-title-' + list.id;
    var section = el('section', { class: 'list', 'data-deskflow-list': list.id, 'aria-labelledby': headingId }, [
      el('div', { class: 'list-head' }, [
        el('h2', { id: headingId, text: list.title }),
        el('span', { class: 'muted', text: fmt.format(list.total) + ' ' + list.noun }),
      ]),
      barSlot,
      toast,
      el('table', {}, [
        el('thead', {}, [
          el('tr', {}, [
            el('th', { class: 'check', scope: 'col' }, [headCheckbox]),
            el('th', { scope: 'col', text: 'Name' }),
            el('th', { scope: 'col', text: 'Title' }),
            el('th', { scope: 'col', text: 'Company' }),
            el('th', { scope: 'col', text: 'Email' }),
            el('th', { scope: 'col', text: 'Location' }),
          ]),
        ]),
        tbody,
      ]),
      el('div', { class: 'pager' }, [pageInfo, prev, next]),
    ]);

    function isSelected(i) {
      return state.all ? !state.excluded.has(i) : state.selected.has(i);
    }
    function count() {
      return state.all ? list.total - state.excluded.size : state.selected.size;
    }
    function setSelected(i, on) {
      var set = state.all ? state.excluded : state.selected;
      if (on !== state.all) set.add(i);
      else set.delete(i);
      if (state.all && state.excluded.size === list.total) clearSelection();
    }
    function clearSelection() {
      state.all = false;
      state.selected.clear();
      state.excluded.clear();
    }
    function pageRange() {
      var start = state.page * perPage;
      return [start, Math.min(list.total, start + perPage)];
    }

    function renderRows() {
      var range = pageRange();
      var rows = [];
      for (var i = range[0]; i < range[1]; i++) {
        var p = prospect(list, i);
        var box = el('input', { type: 'checkbox', 'aria-label': 'Select ' + p.name, 'data-index': i });
        rows.push(el('tr', { 'data-index': i }, [
          el('td', { class: 'check' }, [box]),
          el('td', { title: p.name }, [el('span', { class: 'avatar', 'aria-hidden': 'true', text: p.initials }), p.name]),
          el('td', { text: p.title }),
          el('td', { text: p.company }),
          el('td', { text: p.email }),
          el('td', { text: p.city }),
        ]));
      }
      tbody.replaceChildren.apply(tbody, rows);
      pageInfo.textContent = fmt.format(range[0] + 1) + '–' + fmt.format(range[1]) + ' of ' +
        fmt.format(list.total) + ' · page ' + (state.page + 1) + ' of ' + pages;
      prev.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      updateSelection();
    }

    function buildBar() {
      var node = el('div', { class: 'bulk-bar', 'data-deskflow-bulk-bar': true });
      var countText = el('span', { class: 'count' });
      var selectAll = el('button', { type: 'button', class: 'link', 'data-deskflow-select-all': true,
        text: 'Select all ' + fmt.format(list.total) + ' ' + list.noun });
      var clear = el('button', { type: 'button', class: 'link', 'data-deskflow-clear-selection': true,
        text: 'Clear selection' });
      var actions = el('div', { class: 'actions' });
      ['enrich', 'export', 'add-to-campaign'].forEach(function (action) {
        var button = ROLE_BUTTONS
          ? el('span', { role: 'button', tabindex: '0', class: 'role-button', 'data-deskflow-bulk-action': action, text: LABELS[action] })
          : el('button', { type: 'button', 'data-deskflow-bulk-action': action, text: LABELS[action] });
        if (action === 'enrich') button.classList.add('primary');
        if (!WINDOW_HANDLERS) {
          button.addEventListener('click', function () {
            runAction(action);
          });
        }
        if (ROLE_BUTTONS) {
          button.addEventListener('keydown', function (event) {
            if (event.key === 'Enter') runAction(action);
            if (event.key === ' ') event.preventDefault(); // no scrolling; Space acts on keyup
          });
          button.addEventListener('keyup', function (event) {
            if (event.key === ' ') runAction(action);
          });
        }
        actions.append(button);
      });
      selectAll.addEventListener('click', function () {
        state.all = true;
        state.selected.clear();
        state.excluded.clear();
        updateSelection();
      });
      clear.addEventListener('click', function () {
        clearSelection();
        updateSelection();
      });
      node.append(countText, ' · ', selectAll, clear, actions);
      return { node: node, countText: countText, selectAll: selectAll, clear: clear };
    }

    /** Updates the bar in place (same element) and removes it at zero. */
    function updateBar() {
      var n = count();
      if (n === 0) {
        if (bar) bar.node.remove();
        bar = null;
        return;
      }
      if (!bar) {
        bar = buildBar();
        barSlot.append(bar.node);
      }
      bar.node.setAttribute('data-deskflow-selection-count', String(n));
      // For the benchmark (test/bench): when the page changed the count, on the page's timeline.
      if (typeof performance !== 'undefined') performance.mark('deskflow:selection', { detail: n });
      var allOfThem = n === list.total;
      bar.countText.textContent = allOfThem
        ? 'All ' + fmt.format(n) + ' ' + plural(list, n) + ' selected'
        : fmt.format(n) + ' selected';
      bar.selectAll.hidden = allOfThem;
      bar.node.querySelectorAll('[data-deskflow-bulk-action]').forEach(function (b) {
        b.disabled = state.busy;
      });
    }

    function updateSelection() {
      var range = pageRange();
      var onPage = 0;
      tbody.querySelectorAll('tr').forEach(function (tr) {
        var i = Number(tr.getAttribute('data-index'));
        var on = isSelected(i);
        if (on) onPage++;
        tr.classList.toggle('selected', on);
        tr.querySelector('input').checked = on;
      });
      var size = range[1] - range[0];
      headCheckbox.checked = size > 0 && onPage === size;
      headCheckbox.indeterminate = onPage > 0 && onPage < size;
      updateBar();
    }

    function runAction(action) {
      var n = count();
      if (n === 0 || state.busy) return;
      state.busy = true;
      updateBar();
      toast.className = 'toast';
      toast.textContent = '';
      fetch('/__sandbox/actions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ list: list.id, action: action, count: n }),
      })
        .then(function (res) {
          return res.json();
        })
        .then(function (result) {
          state.busy = false;
          if (result.ok) {
            toast.textContent = VERBS[action] + ' ' + fmt.format(n) + ' ' + plural(list, n) +
              (action === 'add-to-campaign' ? ' to campaign' : '') +
              (result.charged ? ' · ' + fmt.format(result.charged) + ' credits used' : '');
            clearSelection();
          } else {
            toast.className = 'toast error';
            toast.textContent = 'Not enough credits: ' + LABELS[action] + ' needs ' + fmt.format(result.cost) +
              ' credits, ' + fmt.format(result.remaining) + ' left.';
          }
          updateSelection();
        })
        .catch(function () {
          state.busy = false;
          toast.className = 'toast error';
          toast.textContent = 'Something went wrong. Try again.';
          updateSelection();
        });
    }

    headCheckbox.addEventListener('change', function () {
      var range = pageRange();
      for (var i = range[0]; i < range[1]; i++) setSelected(i, headCheckbox.checked);
      updateSelection();
    });
    tbody.addEventListener('change', function (event) {
      var box = event.target;
      if (!box || box.tagName !== 'INPUT') return;
      setSelected(Number(box.getAttribute('data-index')), box.checked);
      updateSelection();
    });
    function goTo(page) {
      state.page = Math.max(0, Math.min(pages - 1, page));
      renderRows();
      if (section.getBoundingClientRect().top < 0) section.scrollIntoView({ block: 'start' });
    }
    prev.addEventListener('click', function () {
      goTo(state.page - 1);
    });
    next.addEventListener('click', function () {
      goTo(state.page + 1);
    });

    runners.set(section, runAction);
    renderRows();
    return section;
  }

  function requestedTotal() {
    var value = Number(new URLSearchParams(location.search).get('total'));
    return Number.isInteger(value) && value > 0 && value <= 10000000 ? value : undefined;
  }
  /** `?perPage=10000` puts that many rows in the DOM at once (a heavy page for the benchmark). */
  function requestedPerPage(fallback) {
    var value = Number(new URLSearchParams(location.search).get('perPage'));
    return Number.isInteger(value) && value > 0 && value <= 10000 ? value : fallback;
  }

  function render() {
    var main = document.getElementById('main');
    var route = ROUTES[location.pathname] || ROUTES['/prospects'];
    var head = el('div', { class: 'page-head' }, [
      el('h1', { text: route.title }),
      el('p', { class: 'muted', text: 'Select prospects, then run a bulk action. Bulk actions on 50 or more use credits.' }),
    ]);
    var sections = route.lists.map(function (entry) {
      var base = LISTS[entry[0]];
      var prospects = base.id === 'prospects';
      return createList(base, prospects ? requestedPerPage(entry[1]) : entry[1], prospects ? requestedTotal() : undefined);
    });
    main.replaceChildren.apply(main, [head].concat(sections));
    document.title = route.title + ' · Deskflow';
    document.querySelectorAll('a[data-spa-link]').forEach(function (a) {
      if (a.getAttribute('href') === location.pathname) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
  }

  document.addEventListener('click', function (event) {
    var link = event.target instanceof window.Element ? event.target.closest('a[data-spa-link]') : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    if (link.getAttribute('href') !== location.pathname) history.pushState({}, '', link.getAttribute('href'));
    render();
  });
  window.addEventListener('popstate', render);
  render();
})();
