/**
 * Sphinx 5.3's toctree machinery, on our trees and the project index:
 *
 * - `docToc(docname)`: what Sphinx's TocTreeCollector stores in env.tocs — the document's
 *   sections as a tree (the first one has no anchor, the others `#<first id>`), with the toctree
 *   directives found among a level's other elements as entries of that level;
 * - `secnumbers`: section numbers from `:numbered:` toctrees (assign_section_numbers): per
 *   document, anchor → number (or null beyond the numbered depth);
 * - `resolveToctree`: a toctree directive's entries expanded as Sphinx's TocTree.resolve does
 *   (documents' tocs, explicit titles, :titlesonly:, sub-toctrees inlined, circular references
 *   skipped, pruned to :maxdepth:).
 *
 * Everything is computed once per document and index generation (a WeakMap per index).
 */
import type { RstNode } from '../rst/nodes.js';
import { toText } from '../rst/nodes.js';
import type { ProjectIndex, TocEntry } from '../project/index.js';
import { docnameJoin, stripSuffix } from '../project/toctree.js';
import type { ToctreeEntry } from '../rst/directives/sphinx.js';
import type { Renderer } from './render.js';
import { sectionIdsOf } from './ids.js';

export interface TocItem {
  kind: 'section';
  docname: string;
  /** '' for the document's first section, `#id` otherwise. */
  anchor: string;
  title: string;
  titleHtml: string;
  children: TocChild[];
}

export interface TocTreeRef {
  kind: 'toctree';
  docname: string;
  node: RstNode;
}

export interface TocOnly {
  kind: 'only';
  expr: string;
  children: TocChild[];
}

export type TocChild = TocItem | TocTreeRef | TocOnly;

interface ProjectToc {
  generation: number;
  tocs: Map<string, TocChild[]>;
  titles: Map<string, { text: string; html: string }>;
  secnumbers: Map<string, Map<string, number[] | null>> | undefined;
}

const projects = new WeakMap<ProjectIndex, ProjectToc>();

function project(index: ProjectIndex): ProjectToc {
  let p = projects.get(index);
  if (!p || p.generation !== index.generation) {
    p = { generation: index.generation, tocs: new Map(), titles: new Map(), secnumbers: undefined };
    projects.set(index, p);
  }
  return p;
}

/** A title's inline HTML without links or ids (Sphinx's SphinxContentsFilter), and its text. */
export type TitleRenderer = (docname: string, title: RstNode) => string;

/** The document's toc (env.tocs[docname]); undefined when the document does not exist. */
export function docToc(index: ProjectIndex, docname: string, renderTitle: TitleRenderer): TocChild[] | undefined {
  const p = project(index);
  const hit = p.tocs.get(docname);
  if (hit) return hit;
  const doc = index.get(docname + '.rst');
  if (!doc) return undefined;
  let first = true;
  const build = (node: RstNode): TocChild[] => {
    const out: TocChild[] = [];
    for (const c of node.children ?? []) {
      if (c.type === 'section') {
        const title = c.children?.[0];
        const ids = sectionIdsOf((c.attributes?.ids as string[] | undefined) ?? []);
        const anchor = first ? '' : '#' + (ids[0] ?? '');
        first = false;
        const item: TocItem = {
          kind: 'section',
          docname,
          anchor,
          title: title?.type === 'title' ? toText(title) : '',
          titleHtml: title?.type === 'title' ? renderTitle(docname, title) : '',
          children: [],
        };
        item.children = build(c);
        out.push(item);
      } else if (c.type === 'only' && Array.isArray(c.attributes?.arguments)) {
        const kids = build(c);
        if (kids.length) out.push({ kind: 'only', expr: String((c.attributes!.arguments as string[])[0] ?? ''), children: kids });
      } else if (c.children && c.type !== 'text') {
        // toctree directives anywhere inside this element (not in nested sections: there are none)
        collectToctrees(c, docname, out);
      }
    }
    return out;
  };
  const toc = build(doc.tree);
  p.tocs.set(docname, toc);
  return toc;
}

function collectToctrees(node: RstNode, docname: string, out: TocChild[]): void {
  if (node.type === 'toctree' && Array.isArray(node.attributes?.arguments)) {
    out.push({ kind: 'toctree', docname, node });
    return;
  }
  for (const c of node.children ?? []) if (c.children) collectToctrees(c, docname, out);
}

/** The document's title (env.titles): its first section's title. */
export function docTitle(index: ProjectIndex, docname: string, renderTitle: TitleRenderer): { text: string; html: string } | undefined {
  const p = project(index);
  const hit = p.titles.get(docname);
  if (hit) return hit;
  const toc = docToc(index, docname, renderTitle);
  if (!toc) return undefined;
  const first = findFirstSection(toc);
  const t = first ? { text: first.title, html: first.titleHtml } : { text: '<no title>', html: '&lt;no title&gt;' };
  p.titles.set(docname, t);
  return t;
}

function findFirstSection(toc: readonly TocChild[]): TocItem | undefined {
  for (const c of toc) {
    if (c.kind === 'section') return c;
    if (c.kind === 'only') {
      const f = findFirstSection(c.children);
      if (f) return f;
    }
  }
  return undefined;
}

/** A toctree's entries as Sphinx expands them: [title?, docname or URL, kind]. */
export function toctreeEntries(index: ProjectIndex | undefined, docname: string, node: RstNode): { title?: string; ref: string; kind: 'doc' | 'url' | 'self' }[] {
  const a = node.attributes ?? {};
  const entries = (a.entries as ToctreeEntry[] | undefined) ?? [];
  const out: { title?: string; ref: string; kind: 'doc' | 'url' | 'self' }[] = [];
  const all = index ? new Set(index.documents().map(stripSuffix)) : new Set<string>();
  all.delete(docname);
  for (const e of entries) {
    if (e.kind === 'url' || e.kind === 'self') {
      out.push({ ...(e.title !== undefined ? { title: e.title } : {}), ref: e.target, kind: e.kind });
    } else if (e.kind === 'glob') {
      if (!index) continue;
      const pattern = docnameJoin(docname, e.target);
      if (pattern === null) continue;
      const matches = index.globMatches(docname + '.rst', { kind: 'glob', docname: pattern, text: e.target, target: e.target } as TocEntry);
      for (const m of matches) {
        if (!all.has(m)) continue;
        all.delete(m);
        out.push({ ref: m, kind: 'doc' });
      }
    } else {
      const ref = docnameJoin(docname, e.docname ?? stripSuffix(e.target));
      if (ref === null || !index?.hasDocname(ref)) continue;
      all.delete(ref);
      out.push({ ...(e.title !== undefined ? { title: e.title } : {}), ref, kind: 'doc' });
    }
  }
  if (a.reversed) out.reverse();
  return out;
}

/** Section numbers of every document under a `:numbered:` toctree (Sphinx's assign_section_numbers). */
export function secnumbers(index: ProjectIndex, renderTitle: TitleRenderer): Map<string, Map<string, number[] | null>> {
  const p = project(index);
  if (p.secnumbers) return p.secnumbers;
  const result = new Map<string, Map<string, number[] | null>>();
  p.secnumbers = result;
  const assigned = new Set<string>();
  let numstack: number[] = [0];
  const walkToc = (children: readonly TocChild[], secnums: Map<string, number[] | null>, depth: number): void => {
    for (const c of children) {
      if (c.kind === 'section') {
        numstack[numstack.length - 1]!++;
        secnums.set(c.anchor, depth > 0 ? [...numstack] : null);
        if (c.children.length) {
          // the section's sub-entries form a nested list one level deeper
          const subs = c.children;
          if (subs.some((s) => s.kind !== 'toctree')) {
            numstack.push(0);
            walkToc(subs.filter((s) => s.kind !== 'toctree'), secnums, depth - 1);
            numstack.pop();
          }
          for (const s of subs) if (s.kind === 'toctree') walkToctree(s.node, s.docname, depth);
        }
      } else if (c.kind === 'only') walkToc(c.children, secnums, depth);
      else walkToctree(c.node, c.docname, depth);
    }
  };
  const walkToctree = (node: RstNode, docname: string, depth: number): void => {
    if (depth === 0) return;
    for (const e of toctreeEntries(index, docname, node)) {
      if (e.kind !== 'doc' || assigned.has(e.ref)) continue;
      const toc = docToc(index, e.ref, renderTitle);
      if (!toc) continue;
      const secnums = new Map<string, number[] | null>();
      result.set(e.ref, secnums);
      assigned.add(e.ref);
      walkToc(toc, secnums, depth);
    }
  };
  for (const t of index.toctrees()) {
    const numbered = t.options.numbered;
    if (numbered === undefined) continue;
    const docname = stripSuffix(t.path);
    const doc = index.get(t.path);
    if (!doc) continue;
    assigned.add(docname);
    // the toctree nodes of that document, in order, with their numbered depth
    const nodes: RstNode[] = [];
    const find = (n: RstNode): void => {
      if (n.type === 'toctree' && Array.isArray(n.attributes?.arguments)) nodes.push(n);
      for (const c of n.children ?? []) if (c.children) find(c);
    };
    find(doc.tree);
    for (const n of nodes) {
      const depth = Number(n.attributes?.numbered ?? 0);
      if (!depth) continue;
      numstack = [0];
      walkToctree(n, docname, depth);
    }
  }
  return result;
}

export interface ResolvedEntry {
  href: string;
  external: boolean;
  /** Inline HTML of the entry text (section number included). */
  html: string;
  level: number;
  current: boolean;
  children: ResolvedEntry[];
  docname?: string;
  anchor?: string;
}

/** Sphinx's TocTree.resolve for a toctree directive in `r`'s page. */
export function resolveToctree(r: Renderer, node: RstNode): ResolvedEntry[] {
  const index = r.ctx.index;
  if (!index) return [];
  const renderTitle = r.titleRenderer();
  const nums = secnumbers(index, renderTitle);
  const a = node.attributes ?? {};
  const maxdepth = Number(a.maxdepth ?? -1);
  const titlesOnly = !!a.titlesonly;
  const includeHidden = !!a.includehidden;
  const numText = (docname: string, anchor: string): string => {
    const n = nums.get(docname)?.get(anchor);
    return n ? n.join('.') + '. ' : '';
  };
  const fromItems = (children: readonly TocChild[], level: number, parents: readonly string[]): ResolvedEntry[] => {
    const out: ResolvedEntry[] = [];
    for (const c of children) {
      if (c.kind === 'section') {
        out.push({
          href: r.hrefTo(c.docname, c.anchor ? c.anchor.slice(1) : undefined),
          external: false,
          html: escapeNum(numText(c.docname, c.anchor)) + c.titleHtml,
          level,
          current: false,
          children: fromItems(c.children, level + 1, parents),
          docname: c.docname,
          ...(c.anchor ? { anchor: c.anchor.slice(1) } : {}),
        });
      } else if (c.kind === 'only') {
        if (r.evalOnly(c.expr)) out.push(...fromItems(c.children, level, parents));
      } else {
        if (c.node.attributes?.hidden && !includeHidden) continue;
        out.push(...fromToctree(c.node, c.docname, level, parents));
      }
    }
    return out;
  };
  const fromToctree = (tnode: RstNode, docname: string, level: number, parents: readonly string[]): ResolvedEntry[] => {
    const out: ResolvedEntry[] = [];
    for (const e of toctreeEntries(index, docname, tnode)) {
      if (e.kind === 'url') {
        out.push({ href: e.ref, external: true, html: escapeNum(e.title ?? e.ref), level, current: false, children: [] });
        continue;
      }
      const ref = e.kind === 'self' ? docname : e.ref;
      if (e.kind === 'doc' && parents.includes(ref)) continue; // circular
      if (e.kind === 'self') {
        const t = docTitle(index, ref, renderTitle);
        out.push({ href: r.hrefTo(ref), external: false, html: e.title !== undefined ? escapeNum(e.title) : t?.html ?? '', level, current: ref === r.docname, children: [], docname: ref });
        continue;
      }
      let toc = docToc(index, ref, renderTitle);
      if (!toc) continue;
      // :titlesonly: keeps the top-level titles and the toctrees under them
      if (titlesOnly) toc = toc.map((c) => (c.kind === 'section' ? { ...c, children: toctreesIn(c.children) } : c));
      let items = fromItems(toc, level, [...parents, docname]);
      if (e.title !== undefined && toc.length === 1 && items[0]) {
        const first = items[0];
        if (first.docname === ref && first.anchor === undefined) first.html = escapeNum(numText(ref, '')) + escapeNum(e.title);
      }
      items = items.filter(Boolean);
      out.push(...items);
    }
    return out;
  };
  const entries = fromToctree(node, r.docname, 1, []);
  const prune = (list: ResolvedEntry[], level: number): void => {
    for (const e of list) {
      e.level = level;
      if (maxdepth > 0 && level >= maxdepth) e.children = [];
      else prune(e.children, level + 1);
    }
  };
  prune(entries, 1);
  return entries;
}

function toctreesIn(children: readonly TocChild[]): TocChild[] {
  const out: TocChild[] = [];
  for (const c of children) {
    if (c.kind === 'toctree') out.push(c);
    else out.push(...toctreesIn(c.children));
  }
  return out;
}

function escapeNum(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
