// kdocs site: dark-mode switch, phone menu, sortable tables and the search box (pagefind,
// loaded on first use from the site's own /pagefind/ folder: nothing leaves the machine).
(function () {
  'use strict';
  var root = document.documentElement;
  var base = root.getAttribute('data-base') || './';

  // dark mode: explicit choice stored; otherwise the system's preference
  var themeBtn = document.querySelector('.theme-toggle');
  function isDark() {
    var t = root.dataset.theme;
    if (t) return t === 'dark';
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  }
  function syncTheme() {
    if (!themeBtn) return;
    themeBtn.setAttribute('aria-pressed', isDark() ? 'true' : 'false');
  }
  if (themeBtn) {
    syncTheme();
    themeBtn.addEventListener('click', function () {
      var next = isDark() ? 'light' : 'dark';
      root.dataset.theme = next;
      try { localStorage.setItem('kdocs-theme', next); } catch (e) { /* private mode */ }
      syncTheme();
    });
  }

  // phone: the sidebar behind a button
  var navBtn = document.querySelector('.nav-toggle');
  var sidebar = document.getElementById('sidebar');
  if (navBtn && sidebar) {
    navBtn.addEventListener('click', function () {
      var open = sidebar.classList.toggle('open');
      navBtn.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }

  // a region that scrolls sideways must be reachable from the keyboard
  document.querySelectorAll('pre, .seq-scroll, .table-scroll, .source-view, table.docutils').forEach(function (el) {
    if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
  });

  // sortable tables (kdocs/lint/)
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.querySelectorAll('thead th');
    heads.forEach(function (th, col) {
      var btn = th.querySelector('button');
      if (!btn) return;
      btn.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (r) { return (r.cells[col] && r.cells[col].textContent) || ''; };
        var numeric = rows.every(function (r) { var k = key(r).trim(); return k === '' || !isNaN(Number(k)); });
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  // search
  var input = document.getElementById('search-input');
  var box = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var dirSel = document.getElementById('search-dir');
  var langSel = document.getElementById('search-lang');
  if (!input || !box) return;
  var pf = null;
  var loading = null;
  function load() {
    if (pf) return Promise.resolve(pf);
    if (!loading) {
      var url = new URL(base + 'pagefind/pagefind.js', document.baseURI).href;
      loading = import(url).then(function (m) {
        // a large site's index is written in parts (src/html/site/build.ts SearchParts):
        // pagefind/ and the parts listed beside it, merged into one search
        return fetch(new URL(base + 'pagefind/kdocs-parts.json', document.baseURI).href).then(function (r) {
          return r.ok ? r.json() : [];
        }).then(function (parts) {
          return Promise.all(parts.map(function (p) {
            // results keep the site-root URLs they were indexed with, as the primary's
            return m.mergeIndex(new URL(base + p, document.baseURI).href, { baseUrl: '/' });
          }));
        }).then(function () {
          pf = m;
          return m;
        });
      }).then(function (m) {
        return m.filters().then(function (f) {
          fill(dirSel, f.directory);
          fill(langSel, f.language);
          return m;
        });
      });
    }
    return loading;
  }
  function fill(sel, values) {
    if (!sel || !values) return;
    Object.keys(values).sort().forEach(function (v) {
      var o = document.createElement('option');
      o.value = v;
      o.textContent = v + ' (' + values[v] + ')';
      sel.appendChild(o);
    });
  }
  function text(s) {
    var d = document.createElement('div');
    d.textContent = s;
    return d.innerHTML;
  }
  var seq = 0;
  function run() {
    var q = input.value.trim();
    var mine = ++seq;
    if (!q) {
      box.hidden = true;
      box.innerHTML = '';
      return;
    }
    load().then(function (m) {
      var filters = {};
      if (dirSel && dirSel.value) filters.directory = dirSel.value;
      if (langSel && langSel.value) filters.language = langSel.value;
      return m.debouncedSearch(q, { filters: filters }, 150);
    }).then(function (res) {
      if (mine !== seq || !res) return null;
      return Promise.all(res.results.slice(0, 12).map(function (r) { return r.data(); })).then(function (items) {
        if (mine !== seq) return;
        var html = '<ol>';
        items.forEach(function (d) {
          // pagefind's URLs are site-root-absolute: make them relative to this page
          var href = base + d.url.replace(/^\//, '');
          // the excerpt is pagefind's: page text escaped by pagefind, with <mark> around hits
          html += '<li><a href="' + text(href) + '">' + text((d.meta && d.meta.title) || d.url) + '</a>' +
            '<span class="url">' + text(d.url.replace(/^\//, '')) + '</span>' +
            '<span class="excerpt">' + d.excerpt + '</span></li>';
        });
        html += '</ol>';
        box.innerHTML = items.length ? html : '<p>No results.</p>';
        box.hidden = false;
        if (status) status.textContent = res.results.length + ' results';
      });
    }).catch(function (e) {
      box.hidden = false;
      box.innerHTML = '<p>Search is not available here (' + text(String(e && e.message || e)) + '). Serve the site over HTTP: <code>kdocs site --serve</code>.</p>';
    });
  }
  input.addEventListener('input', run);
  if (dirSel) dirSel.addEventListener('change', run);
  if (langSel) langSel.addEventListener('change', run);
  input.addEventListener('focus', function () { load().catch(function () {}); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { box.hidden = true; }
  });
  document.addEventListener('click', function (e) {
    if (!box.contains(e.target) && e.target !== input && e.target !== dirSel && e.target !== langSel) box.hidden = true;
  });
})();
