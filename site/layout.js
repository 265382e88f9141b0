/**
 * The page layout: docs.kernel.org's (alabaster) structure — header with search, sidebar with the
 * global toctree collapsed to the current page, the body — plus what it lacks: breadcrumbs,
 * an on-this-page contents list, previous/next links, "Show source", the page's lint and contract
 * findings, a translations menu, a dark-mode switch and a layout for phones.
 *
 * A page view (src/html/site/pages.ts PageView) comes in with its HTML fragments already escaped;
 * plain fields (titles, hrefs) are escaped here.
 */

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);

function counts(v) {
  if (!v.counts) return '';
  const parts = [];
  for (const sev of ['error', 'warning', 'info']) {
    const n = v.counts[sev];
    if (n) parts.push(`<a class="badge sev-${sev}" href="#kdocs-findings">${n} ${sev}${n === 1 ? '' : 's'}</a>`);
  }
  if (!parts.length) return '<p class="kdocs-counts clean">No lint or contract findings on this page.</p>';
  return `<p class="kdocs-counts"><span class="visually-hidden">Findings on this page: </span>${parts.join(' ')}</p>`;
}

function crumbs(v) {
  if (!v.crumbs.length) return '';
  const items = v.crumbs.map((c) => `<li><a href="${esc(c.href)}">${esc(c.title)}</a></li>`).join('');
  return `<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>${items}<li aria-current="page">${esc(v.title)}</li></ol></nav>`;
}

function prevNext(v) {
  if (!v.prev && !v.next) return '';
  const prev = v.prev ? `<a class="prev" rel="prev" href="${esc(v.prev.href)}"><span class="dir">Previous</span> ${esc(v.prev.title)}</a>` : '<span></span>';
  const next = v.next ? `<a class="next" rel="next" href="${esc(v.next.href)}"><span class="dir">Next</span> ${esc(v.next.title)}</a>` : '<span></span>';
  return `<nav class="prev-next" aria-label="Previous and next page">${prev}${next}</nav>`;
}

function translations(v) {
  if (!v.translations.length) return '';
  const items = v.translations.map((t) => `<li><a href="${esc(t.href)}" hreflang="${esc(t.lang.replace('_', '-'))}">${esc(t.title)}</a></li>`).join('');
  return `<details class="translations"><summary>Translations</summary><ul>${items}</ul></details>`;
}

/** The document title: the page's, then the site's when it fits (html-validate: ≤ 70 characters). */
function titleText(v) {
  const full = `${v.title} — ${v.siteTitle}`;
  if (full.length <= 70) return full;
  return v.title.length <= 70 ? v.title : v.title.slice(0, 69) + '…';
}

/** @param {import('../dist/src/html/site/pages.js').PageView} v */
export default function layout(v) {
  const base = v.base;
  const css = [`${base}_static/kdocs.css`, ...v.extraCss.map((c) => base + c)].map((h) => `<link rel="stylesheet" href="${esc(h)}">`).join('');
  // only document pages are indexed, with their top directory and language as filters
  const body = v.search ? ` data-pagefind-body data-pagefind-filter="directory:${esc(v.search.dir)}, language:${esc(v.search.lang)}"` : '';
  const toc = v.localTocHtml ? `<nav class="localtoc" aria-labelledby="localtoc-h"><h2 id="localtoc-h">On this page</h2>${v.localTocHtml}</nav>` : '';
  const source = v.sourceHref ? `<li><a href="${esc(v.sourceHref)}" rel="nofollow">Show source</a></li>` : '';
  return `<!DOCTYPE html>
<html lang="${esc(v.lang)}" data-base="${esc(base)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(titleText(v))}</title>
<script>try{var t=localStorage.getItem('kdocs-theme');if(t)document.documentElement.dataset.theme=t}catch(e){}</script>
${css}
<script src="${esc(base)}_static/kdocs.js" defer></script>
</head>
<body class="kind-${esc(v.kind)}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<button type="button" class="nav-toggle" aria-controls="sidebar" aria-expanded="false">Menu</button>
<a class="site-title" href="${esc(base)}index.html">${esc(v.siteTitle)}</a>
<div class="search" role="search">
<label for="search-input" class="visually-hidden">Search the documentation</label>
<input id="search-input" type="search" placeholder="Search" autocomplete="off" aria-controls="search-results" aria-describedby="search-status">
<label for="search-dir" class="visually-hidden">Directory</label>
<select id="search-dir"><option value="">All directories</option></select>
<label for="search-lang" class="visually-hidden">Language</label>
<select id="search-lang"><option value="">All languages</option></select>
<div id="search-results" class="search-results" hidden></div>
<p id="search-status" class="visually-hidden" aria-live="polite"></p>
</div>
<button type="button" class="theme-toggle" aria-pressed="false">Dark mode</button>
</header>
<div class="page">
<nav id="sidebar" class="sidebar" aria-label="Documentation contents">
<div class="globaltoc">${v.sidebarHtml}</div>
<h2 class="sidebar-h">kdocs</h2>
<ul class="kdocs-links"><li><a href="${esc(base)}kdocs/lint/index.html">Lint findings</a></li><li><a href="${esc(base)}kdocs/contracts/index.html">VMA contracts</a></li><li><a href="${esc(base)}kdocs/rules/index.html">Lint rules</a></li>${source}</ul>
${translations(v)}
</nav>
<main id="main" class="content">
${crumbs(v)}
${counts(v)}
<article class="body"${body}>
${v.bodyHtml}
</article>
${v.findingsHtml || ''}
${prevNext(v)}
</main>
<div class="aside">${toc}</div>
</div>
<footer class="site-footer"><p>Built with kdocs from the kernel's reStructuredText sources.${v.sourceHref ? ` <a href="${esc(v.sourceHref)}" rel="nofollow">Page source</a>.` : ''}</p></footer>
</body>
</html>
`;
}
