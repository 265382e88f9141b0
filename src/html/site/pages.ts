/**
 * Page views: for every page of the site, what the layout (site/layout.js) needs — body, title,
 * navigation, findings, source links — as escaped HTML fragments and plain fields. Documents come
 * from the site model; the kdocs pages (lint overview, rule pages, contracts, source views, the
 * landing page) are built here.
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { TocSection } from '../index.js';
import { ancestors, prevNext, sidebarHtml } from './nav.js';
import { htmlLang, sourceText, type PageFinding, type SiteModel, type SitePage } from './model.js';
import { sequenceSvg, traceRows } from './seqdiagram.js';
import { esc, plural, relUrl, slug } from './util.js';
import type { ContractView } from './contracts.js';
import { PROFILE_NAMES } from '../../model/surface/types.js';

export type PageKind = 'doc' | 'source' | 'lint' | 'rule' | 'contracts' | 'contract' | 'home' | 'rules';

export interface Link {
  title: string;
  href: string;
}

export interface PageView {
  kind: PageKind;
  /** Site-root-relative URL of the page. */
  url: string;
  /** `../` to the site root. */
  base: string;
  lang: string;
  title: string;
  /** Title as inline HTML (the h1 of kdocs pages; doc pages carry their own in the body). */
  bodyHtml: string;
  sidebarHtml: string;
  crumbs: Link[];
  prev?: Link;
  next?: Link;
  /** On-this-page table of contents (HTML list), '' when the page has no sections. */
  localTocHtml: string;
  counts?: Record<'error' | 'warning' | 'info', number>;
  findingsHtml?: string;
  sourceHref?: string;
  translations: (Link & { lang: string })[];
  /** Indexed by pagefind (document pages only), with these filters. */
  search?: { dir: string; lang: string };
  /** Site-root-relative URLs of the stylesheets the page needs besides the site's. */
  extraCss: string[];
  siteTitle: string;
}

const SEVERITIES = ['error', 'warning', 'info'] as const;

function countsOf(findings: readonly PageFinding[]): Record<'error' | 'warning' | 'info', number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function siteTitle(site: SiteModel): string {
  return site.prefix ? `Linux ${site.prefix.replace(/\/$/, '')} documentation` : 'The Linux Kernel documentation';
}

function common(site: SiteModel, url: string, kind: PageKind, title: string, current?: string): Omit<PageView, 'bodyHtml'> {
  const base = url.includes('/') ? '../'.repeat(url.split('/').length - 1) : './';
  return {
    kind, url, base, lang: 'en', title, siteTitle: siteTitle(site),
    // no global toctree beside a source view (docs.kernel.org's sources are plain text): on the
    // whole 6.12 tree it was 60 MB of the 165 MB of source views, and half the sidebar work
    sidebarHtml: kind === 'source' ? '' : sidebarHtml(site.nav, current ?? '', (p) => site.urlOf(p), url),
    crumbs: [{ title: 'Home', href: relUrl(url, site.urlOf(site.nav.rootPath)) }],
    localTocHtml: '', translations: [], extraCss: [],
  };
}

function tocHtml(site: SiteModel, page: SitePage, sections: readonly TocSection[]): string {
  // the document title is the root: list what is below it
  const items = sections.length === 1 && sections[0]!.level === 1 ? sections[0]!.children : sections;
  if (!items.length) return '';
  const src = site.sourceUrlOf(page.path);
  const render = (list: readonly TocSection[]): string =>
    `<ul>${list
      .map(
        (s) =>
          `<li><a href="#${esc(s.id)}">${s.titleHtml}</a>${s.line && !s.source ? ` <a class="srcline" href="${esc(relUrl(page.url, src))}#L${s.line}" title="source, line ${s.line}">L${s.line}<span class="visually-hidden"> (source line of ${esc(s.title)})</span></a>` : ''}${s.children.length ? render(s.children) : ''}</li>`,
      )
      .join('')}</ul>`;
  return render(items);
}

function findingsPanel(site: SiteModel, page: SitePage): string {
  if (!page.findings.length) return '';
  const src = relUrl(page.url, site.sourceUrlOf(page.path));
  const rows = page.findings
    .map((f) => {
      const rule = f.render ? `<code>${esc(f.ruleId)}</code>` : `<a href="${esc(relUrl(page.url, `kdocs/rules/${f.ruleId}.html`))}"><code>${esc(f.ruleId)}</code></a>`;
      const detail = f.detail ? `<details class="detail"><summary>model trace</summary><pre>${esc(f.detail)}</pre></details>` : '';
      return `<li class="finding sev-${f.severity}"><span class="sev">${f.severity}</span> <a class="line" href="${esc(src)}#L${f.line}">line ${f.line}</a> ${rule}: ${esc(f.message)}${detail}</li>`;
    })
    .join('');
  return `<details id="kdocs-findings" class="kdocs-findings"><summary>${plural(page.findings.length, 'finding')} on this page (lint, VMA contracts, renderer)</summary><ul>${rows}</ul></details>`;
}

/** Insert a link to the exact source line after each section heading of the body. pagefind
 *  ignores it (the word "src" is not the document's): the first build hands pagefind the body
 *  without these links, and the re-index after an edit under --serve reads the written pages. */
export function addSectionSourceLinks(body: string, sections: readonly TocSection[], srcHref: string): string {
  const lines = new Map<string, number>();
  const walk = (l: readonly TocSection[]): void => {
    for (const s of l) {
      if (s.line && !s.source) lines.set(s.id, s.line);
      walk(s.children);
    }
  };
  walk(sections);
  if (!lines.size) return body;
  let out = '';
  let from = 0;
  for (;;) {
    const at = body.indexOf('<section id="', from);
    if (at < 0) break;
    const idEnd = body.indexOf('"', at + 13);
    const id = body.slice(at + 13, idEnd);
    const line = lines.get(id);
    const h = body.indexOf('</h', idEnd);
    if (line === undefined || h < 0) {
      out += body.slice(from, idEnd);
      from = idEnd;
      continue;
    }
    out += body.slice(from, h) + `<a class="srclink" href="${esc(srcHref)}#L${line}" title="source line ${line}" data-pagefind-ignore>src</a>`;
    from = h;
  }
  return out + body.slice(from);
}

/** A `.. contents::` topic is a <nav> landmark; the page has others (sidebar, on-this-page), so
 *  it gets a name of its own. */
export function labelContentsNav(body: string): string {
  let out = '';
  let from = 0;
  for (let at = body.indexOf('<nav ', from); at >= 0; at = body.indexOf('<nav ', from)) {
    const end = body.indexOf('>', at);
    if (end < 0) break;
    const tag = body.slice(at, end);
    out += body.slice(from, at) + (tag.includes('aria-label') ? tag : '<nav aria-label="Contents of this document"' + tag.slice(4));
    from = end;
  }
  return out + body.slice(from);
}

/** Table header cells as Sphinx writes them (`<th class="head">`, `<th class="stub">`) get the
 *  scope assistive technology needs to tie data cells to them. */
export function headerScopes(body: string): string {
  return body.split('<th class="head"').join('<th scope="col" class="head"').split('<th class="stub"').join('<th scope="row" class="stub"');
}

export function docView(site: SiteModel, page: SitePage): PageView {
  const v = common(site, page.url, 'doc', page.title, page.path);
  const anc = ancestors(site.nav, page.path);
  v.crumbs = anc.map((p) => ({ title: site.pages.get(p)?.title ?? p, href: relUrl(page.url, site.urlOf(p)) }));
  if (!anc.length && page.path !== site.nav.rootPath) v.crumbs = [{ title: site.pages.get(site.nav.rootPath)?.title ?? 'Home', href: relUrl(page.url, site.urlOf(site.nav.rootPath)) }];
  const pn = prevNext(site.nav, site.orderIndex, page.path);
  if (pn.prev) v.prev = { title: site.pages.get(pn.prev)?.title ?? pn.prev, href: relUrl(page.url, site.urlOf(pn.prev)) };
  if (pn.next) v.next = { title: site.pages.get(pn.next)?.title ?? pn.next, href: relUrl(page.url, site.urlOf(pn.next)) };
  v.lang = htmlLang(page.lang);
  v.localTocHtml = tocHtml(site, page, page.toc);
  v.counts = countsOf(page.findings);
  v.findingsHtml = findingsPanel(site, page);
  v.sourceHref = relUrl(page.url, site.sourceUrlOf(page.path));
  v.translations = translationLinks(site, page);
  v.search = { dir: page.topdir, lang: page.lang };
  if (page.body.includes('class="katex')) v.extraCss.push('_static/katex/katex.min.css');
  return { ...v, bodyHtml: docBodyHtml(site, page) };
}

/** A document page's article: the rendered body with the source links and accessibility
 *  additions (all the page's own; the search index takes it before the navigation exists). */
export function docBodyHtml(site: SiteModel, page: SitePage): string {
  return headerScopes(labelContentsNav(addSectionSourceLinks(page.body, page.toc, relUrl(page.url, site.sourceUrlOf(page.path)))));
}

export function sourceView(site: SiteModel, page: SitePage): PageView {
  const url = site.sourceUrlOf(page.path);
  const v = common(site, url, 'source', `Source of ${site.prefix}${page.path}`, page.path);

  v.crumbs.push({ title: page.title, href: relUrl(url, page.url) });
  const text = sourceText(site, page.path);
  const byLine = new Map<number, PageFinding[]>();
  for (const f of page.findings) {
    const l = byLine.get(f.line);
    if (l) l.push(f);
    else byLine.set(f.line, [f]);
  }
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  let rows = '';
  lines.forEach((l, i) => {
    const n = i + 1;
    const fs = byLine.get(n);
    const mark = fs ? ` class="has-finding sev-${fs.some((f) => f.severity === 'error') ? 'error' : fs.some((f) => f.severity === 'warning') ? 'warning' : 'info'}"` : '';
    const note = fs ? `<span class="src-note">${fs.map((f) => `${esc(f.ruleId)}: ${esc(f.message)}`).join('; ')}</span>` : '';
    rows += `<tr id="L${n}"${mark}><td class="ln"><a href="#L${n}">${n}</a></td><td class="code"><code>${esc(l.replace(/\r$/, ''))}</code>${note}</td></tr>`;
  });
  const body = `<h1>${esc(site.prefix + page.path)}</h1><p><a href="${esc(relUrl(url, page.url))}">Back to the page</a> · ${plural(lines.length, 'line')}${page.findings.length ? ` · ${plural(page.findings.length, 'finding')} marked` : ''}</p><div class="source-view"><table class="source"><caption class="visually-hidden">Source of ${esc(page.path)} with line numbers</caption><tbody>${rows}</tbody></table></div>`;
  return { ...v, bodyHtml: body };
}

/** `kdocs/lint/`: all findings by rule and by directory, and every finding in a sortable table. */
export function lintView(site: SiteModel): PageView {
  const url = 'kdocs/lint/index.html';
  const v = common(site, url, 'lint', 'Lint findings');
  const all = site.allFindings();
  const byRule = new Map<string, Record<string, number>>();
  const byDir = new Map<string, Record<string, number>>();
  const bump = (m: Map<string, Record<string, number>>, k: string, sev: string): void => {
    let r = m.get(k);
    if (!r) m.set(k, (r = { error: 0, warning: 0, info: 0 }));
    r[sev] = (r[sev] ?? 0) + 1;
  };
  for (const { path, f } of all) {
    bump(byRule, f.ruleId, f.severity);
    const d = (site.prefix + path).split('/').slice(0, -1).join('/') || '(top)';
    bump(byDir, d, f.severity);
  }
  const total = countsOf(all.map((x) => x.f));
  const summary = (m: Map<string, Record<string, number>>, head: string, link: (k: string) => string): string =>
    `<table class="docutils sortable"><thead><tr><th scope="col" aria-sort="none"><button type="button">${head}</button></th>${SEVERITIES.map((s) => `<th scope="col" aria-sort="none"><button type="button">${s}</button></th>`).join('')}<th scope="col" aria-sort="none"><button type="button">total</button></th></tr></thead><tbody>${[...m.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([k, c]) => `<tr><td>${link(k)}</td>${SEVERITIES.map((s) => `<td class="num">${c[s] ?? 0}</td>`).join('')}<td class="num">${(c['error'] ?? 0) + (c['warning'] ?? 0) + (c['info'] ?? 0)}</td></tr>`)
      .join('')}</tbody></table>`;
  const ruleLink = (id: string): string => (site.rules.some((r) => r.meta.id === id) ? `<a href="${esc(relUrl(url, `kdocs/rules/${id}.html`))}"><code>${esc(id)}</code></a>` : `<code>${esc(id)}</code>`);
  const rows = all
    .map(({ path, f }) => {
      const page = site.pages.get(path)!;
      return `<tr class="sev-${f.severity}"><td><a href="${esc(relUrl(url, page.url))}">${esc(site.prefix + path)}</a></td><td class="num"><a href="${esc(relUrl(url, site.sourceUrlOf(path)))}#L${f.line}">${f.line}</a></td><td>${f.severity}</td><td>${ruleLink(f.ruleId)}</td><td>${esc(f.message)}</td></tr>`;
    })
    .join('');
  const body =
    `<h1>Lint findings</h1><p>${plural(all.length, 'finding')} in ${plural(new Set(all.map((x) => x.path)).size, 'document')} of ${plural(site.pages.size, 'document')}: ${SEVERITIES.map((s) => `${total[s]} ${s}`).join(', ')}. Profile for the VMA contract rules: <code>${esc(site.profile)}</code>. Click a column heading to sort.</p>` +
    `<section id="by-rule"><h2>By rule</h2>${summary(byRule, 'rule', ruleLink)}</section>` +
    `<section id="by-directory"><h2>By directory</h2>${summary(byDir, 'directory', (d) => esc(d))}</section>` +
    `<section id="all-findings"><h2>All findings</h2><table class="docutils sortable findings-table"><thead><tr>${['document', 'line', 'severity', 'rule', 'message'].map((h) => `<th scope="col" aria-sort="none"><button type="button">${h}</button></th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></section>`;
  v.localTocHtml = `<ul><li><a href="#by-rule">By rule</a></li><li><a href="#by-directory">By directory</a></li><li><a href="#all-findings">All findings</a></li></ul>`;
  v.crumbs.push({ title: 'kdocs', href: relUrl(url, 'index.html') });
  return { ...v, bodyHtml: body };
}

/** Where the rules' README files are (rules/<id>/README.md in the package). */
export function rulesDir(packageRoot: string): string {
  return nodePath.join(packageRoot, 'rules');
}

export function ruleView(site: SiteModel, id: string, readme: { html: string; title: string }): PageView {
  const url = `kdocs/rules/${id}.html`;
  const rule = site.rules.find((r) => r.meta.id === id);
  const { html, title } = readme;
  const v = common(site, url, 'rule', `Rule ${id}`);
  const meta = rule ? `<p class="rule-meta">Default severity <strong>${rule.meta.defaultSeverity}</strong>${rule.meta.fixable ? ', fixable (<code>kdocs lint --fix</code>)' : ''}. Configured: <strong>${site.config.rules.get(id)?.severity ?? 'off'}</strong>. Its findings on this site: <a href="../lint/index.html#by-rule">lint overview</a>.</p>` : '';
  v.crumbs.push({ title: 'Lint', href: '../lint/index.html' });
  return { ...v, bodyHtml: `<h1><code>${esc(title || id)}</code></h1>${meta}${html}` };
}

export function rulesIndexView(site: SiteModel): PageView {
  const url = 'kdocs/rules/index.html';
  const v = common(site, url, 'rules', 'Lint rules');
  const rows = [...site.rules]
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
    .map((r) => `<tr><td><a href="${esc(r.meta.id)}.html"><code>${esc(r.meta.id)}</code></a></td><td>${r.meta.defaultSeverity}</td><td>${esc(r.meta.description)}</td></tr>`)
    .join('');
  return { ...v, bodyHtml: `<h1>Lint rules</h1><table class="docutils"><thead><tr><th scope="col">rule</th><th scope="col">default</th><th scope="col">what it checks</th></tr></thead><tbody>${rows}</tbody></table>` };
}

/** A contract statement's text with its `code spans` as <code>. */
export function statementHtml(s: string): string {
  const parts = s.split('`');
  if (parts.length % 2 === 0) return esc(s);
  return parts.map((p, i) => (i % 2 ? `<code>${esc(p)}</code>` : esc(p))).join('');
}

const OUTCOME_TEXT: Record<string, string> = { holds: 'holds', fails: 'fails', vacuous: 'vacuous', skipped: 'not modelled' };

/** Which document a contract's doc place names (`filesystems/mmap_prepare.rst`, kernel-relative). */
function docPlacePath(site: SiteModel, file: string): string | undefined {
  const rel = file.replace(/^Documentation\//, '');
  if (site.prefix && rel.startsWith(site.prefix) && site.index.has(rel.slice(site.prefix.length))) return rel.slice(site.prefix.length);
  if (site.index.has(rel)) return rel;
  return undefined;
}

export function contractView(site: SiteModel, cv: ContractView): PageView {
  const c = cv.contract;
  const url = `kdocs/contracts/${c.id}.html`;
  const v = common(site, url, 'contract', `${c.id}: ${c.statement}`);
  v.crumbs.push({ title: 'Contracts', href: 'index.html' });
  const table =
    `<table class="docutils profiles"><caption>Outcome per kernel profile (model exploration; expected from the contract file)</caption><thead><tr><th scope="col">profile</th><th scope="col">expected</th><th scope="col">model</th><th scope="col">runs</th><th scope="col">agrees</th></tr></thead><tbody>` +
    cv.results
      .map((r) => {
        const exp = r.expected === 'n/a' ? 'n/a' : r.expected;
        const out = r.expected === 'n/a' ? 'n/a' : OUTCOME_TEXT[r.outcome] ?? r.outcome;
        return `<tr class="outcome-${r.expected === 'n/a' ? 'na' : r.outcome}"><th scope="row">${esc(r.profile)}${r.profile === site.profile ? ' (configured)' : ''}</th><td>${exp}</td><td>${out}</td><td class="num">${r.runs}</td><td>${r.ok ? 'yes' : '<strong>no</strong>'}</td></tr>`;
      })
      .join('') +
    '</tbody></table>';
  const places = c.docPlaces
    .map((d) => {
      const p = docPlacePath(site, d.file);
      const first = d.lines ? Number.parseInt(d.lines, 10) : undefined;
      const label = `${esc(d.file)}${d.lines ? `:${esc(d.lines)}` : ''}`;
      const link = p
        ? `<a href="${esc(relUrl(url, site.urlOf(p)))}">${esc(site.pages.get(p)?.title ?? p)}</a> (<a href="${esc(relUrl(url, site.sourceUrlOf(p)))}${first ? `#L${first}` : ''}">${label}</a>)`
        : `${label} (not in this site)`;
      const phr = d.phrasings.filter((x) => x.means !== 'context').map((x) => `<li>${x.means === 'holds' ? 'states it' : 'contradicts it'}: <code>${esc(x.pattern)}</code></li>`).join('');
      return `<li>${link}${phr ? `<ul>${phr}</ul>` : ''}</li>`;
    })
    .join('');
  let diagram = '';
  if (cv.diagramRun) {
    const kind = cv.diagramKind === 'counterexample' ? 'Counterexample' : 'Witness';
    const svg = cv.events ? sequenceSvg(traceRows(cv.events), `${kind} for ${c.id} in profile ${cv.diagramProfile}: sequence diagram of the last operation`) : '';
    diagram =
      `<section id="trace"><h2>${kind} (profile ${esc(cv.diagramProfile ?? '')})</h2><p>${esc(cv.diagramRun.why)}</p>` +
      (svg ? `<figure class="seq"><div class="seq-scroll">${svg}</div><figcaption>The model's run of the last operation: caller, mm core, <code>f_op</code> hooks, <code>vm_ops</code> hooks and mmap actions; lock state at each hook call; errno returned.</figcaption></figure>` : '') +
      `<details><summary>Trace as text</summary><pre>${esc(cv.diagramRun.trace)}</pre></details></section>`;
  }
  const names = cv.names.length ? `<section id="names"><h2>API names</h2><p>Doc pages link these names here: ${cv.names.map((n) => `<code>${esc(n)}</code>`).join(', ')}.</p></section>` : '';
  const ref = c.reference ? `<p class="reference-note">Reference: ${[c.reference.section, c.reference.doc && `doc ${c.reference.doc}`, c.reference.code && `code ${c.reference.code}`].filter(Boolean).map((x) => esc(String(x))).join('; ')}</p>` : '';
  const body =
    `<h1>${esc(c.id)}</h1><p class="statement">${statementHtml(c.statement)}</p>${ref}` +
    `<section id="profiles"><h2>Profiles</h2>${table}</section>` +
    `<section id="doc-places"><h2>Where the documentation states it</h2>${places ? `<ul>${places}</ul>` : '<p>No document states it.</p>'}</section>` +
    diagram + names;
  v.localTocHtml = `<ul><li><a href="#profiles">Profiles</a></li><li><a href="#doc-places">Doc places</a></li>${diagram ? '<li><a href="#trace">Trace</a></li>' : ''}${names ? '<li><a href="#names">API names</a></li>' : ''}</ul>`;
  return { ...v, bodyHtml: body };
}

export function contractsIndexView(site: SiteModel): PageView {
  const url = 'kdocs/contracts/index.html';
  const v = common(site, url, 'contracts', 'VMA hook contracts');
  const head = `<tr><th scope="col">contract</th><th scope="col">statement</th>${PROFILE_NAMES.map((p) => `<th scope="col">${esc(p)}</th>`).join('')}</tr>`;
  const rows = site.contracts.views
    .map((cv) => `<tr><th scope="row"><a href="${esc(cv.contract.id)}.html">${esc(cv.contract.id)}</a></th><td>${statementHtml(cv.contract.statement)}</td>${cv.results.map((r) => `<td class="outcome-${r.expected === 'n/a' ? 'na' : r.outcome}">${r.expected === 'n/a' ? 'n/a' : OUTCOME_TEXT[r.outcome] ?? r.outcome}</td>`).join('')}</tr>`)
    .join('');
  const body = `<h1>VMA hook contracts</h1><p>${plural(site.contracts.views.length, 'contract')}, checked against the executable VMA model in every kernel profile. The lint's contract rules use profile <code>${esc(site.profile)}</code>.</p><div class="table-scroll"><table class="docutils contracts"><thead>${head}</thead><tbody>${rows}</tbody></table></div>`;
  v.crumbs.push({ title: 'kdocs', href: '../../index.html' });
  return { ...v, bodyHtml: body };
}

/** The site root's landing page (when the docs root is a subtree, the root document is elsewhere). */
export function homeView(site: SiteModel): PageView {
  const v = common(site, 'index.html', 'home', siteTitle(site));
  const root = site.pages.get(site.nav.rootPath);
  const c = countsOf(site.allFindings().map((x) => x.f));
  const body = `<h1>${esc(siteTitle(site))}</h1><ul><li><a href="${esc(site.urlOf(site.nav.rootPath))}">${esc(root?.title ?? 'Documentation')}</a> (${plural(site.pages.size, 'page')})</li><li><a href="kdocs/lint/index.html">Lint findings</a>: ${c.error} errors, ${c.warning} warnings, ${c.info} infos</li><li><a href="kdocs/rules/index.html">Lint rules</a></li><li><a href="kdocs/contracts/index.html">VMA hook contracts</a> (${site.contracts.views.length})</li></ul>`;
  v.crumbs = [];
  return { ...v, bodyHtml: body };
}

/** The rule ids with a README (rules/<id>/README.md). */
export function ruleReadmes(rulesRoot: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(rulesRoot)) return out;
  for (const d of readdirSync(rulesRoot, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name.startsWith('_') || d.name === 'contracts') continue;
    const f = nodePath.join(rulesRoot, d.name, 'README.md');
    if (existsSync(f)) out.set(d.name, readFileSync(f, 'utf8'));
  }
  return out;
}

export { slug };

/** docs.kernel.org's names of the translations (its translations menu). */
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', zh_CN: 'Chinese (Simplified)', zh_TW: 'Chinese (Traditional)', it_IT: 'Italian', ja_JP: 'Japanese', ko_KR: 'Korean', sp_SP: 'Spanish', pt_BR: 'Portuguese (Brazilian)',
};

/**
 * The translations menu: every other language of the tree, switching to this page in that
 * language when it is translated, else to that language's start page (as docs.kernel.org's menu
 * always lists every translation).
 */
export function translationLinks(site: SiteModel, page: SitePage): (Link & { lang: string })[] {
  const same = new Map(site.translationsOf(page.path));
  const here = site.langOf(page.path);
  const out: (Link & { lang: string })[] = [];
  for (const lang of ['en', ...site.languages]) {
    if (lang === here) continue;
    const start = lang === 'en' ? site.nav.rootPath : `translations/${lang}/index.rst`;
    const target = same.get(lang) ?? (site.index.has(start) ? start : undefined);
    if (!target) continue;
    const name = LANGUAGE_NAMES[lang] ?? lang;
    out.push({ lang, title: same.has(lang) ? name : `${name} (start page)`, href: relUrl(page.url, site.urlOf(target)) });
  }
  return out;
}
