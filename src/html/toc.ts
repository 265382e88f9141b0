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
 * A document's toc comes from its facts (src/html/facts.ts: computed once per parse, never from
 * its tree afterwards); section numbers and expanded toctree entries once per index generation.
 */
import type { RstNode } from '../rst/nodes.js';
import type { ProjectIndex, TocEntry } from '../project/index.js';
import { docnameJoin, stripSuffix } from '../project/toctree.js';
import type { ToctreeEntry } from '../rst/directives/sphinx.js';
import type { Renderer } from './render.js';
import type { RenderContext } from './types.js';
import { htmlFacts, tocSignature, type TocChild, type TocItem } from './facts.js';

export type { TocItem, TocTreeRef, TocOnly, TocChild } from './facts.js';

interface ProjectToc {
  generation: number;
  secnumbers: Map<string, Map<string, number[] | null>> | undefined;
}

const projects = new WeakMap<ProjectIndex, ProjectToc>();

function project(index: ProjectIndex): ProjectToc {
  let p = projects.get(index);
  if (!p || p.generation !== index.generation) {
    p = { generation: index.generation, secnumbers: undefined };
    projects.set(index, p);
  }
  return p;
}

/** The document's toc (env.tocs[docname]) from its facts; undefined when the document does not
 *  exist. Recorded as a dependency of the page `r` renders. */
export function docToc(index: ProjectIndex, docname: string, r?: Renderer): TocChild[] | undefined {
  const h = htmlFacts(index, docname + '.rst', r?.ctx);
  r?.depend(`toc\0${docname}`, () => tocSignature(h));
  return h?.toc;
}

/** The document's title (env.titles): its first section's title. */
export function docTitle(index: ProjectIndex, docname: string, r?: Renderer): { text: string; html: string } | undefined {
  const toc = docToc(index, docname, r);
  if (!toc) return undefined;
  const first = findFirstSection(toc);
  return first ? { text: first.title, html: first.titleHtml } : { text: '<no title>', html: '&lt;no title&gt;' };
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

export interface ExpandedEntry {
  title?: string;
  ref: string;
  kind: 'doc' | 'url' | 'self';
}

const expanded = new WeakMap<RstNode, { generation: number; entries: ExpandedEntry[] }>();

/** A toctree's entries as Sphinx expands them (globs matched, missing documents dropped):
 *  computed once per toctree node and index generation. */
export function toctreeEntries(index: ProjectIndex | undefined, docname: string, node: RstNode): ExpandedEntry[] {
  const generation = index?.generation ?? -1;
  const hit = expanded.get(node);
  if (hit && hit.generation === generation) return hit.entries;
  const a = node.attributes ?? {};
  const entries = (a.entries as ToctreeEntry[] | undefined) ?? [];
  const out: ExpandedEntry[] = [];
  // Sphinx: a glob never lists the current document nor one already listed by this toctree
  const listed = new Set<string>([docname]);
  for (const e of entries) {
    if (e.kind === 'url' || e.kind === 'self') {
      out.push({ ...(e.title !== undefined ? { title: e.title } : {}), ref: e.target, kind: e.kind });
    } else if (e.kind === 'glob') {
      if (!index) continue;
      const pattern = docnameJoin(docname, e.target);
      if (pattern === null) continue;
      const matches = index.globMatches(docname + '.rst', { kind: 'glob', docname: pattern, text: e.target, target: e.target } as TocEntry);
      for (const m of matches) {
        if (listed.has(m)) continue;
        listed.add(m);
        out.push({ ref: m, kind: 'doc' });
      }
    } else {
      const ref = docnameJoin(docname, e.docname ?? stripSuffix(e.target));
      if (ref === null || !index?.hasDocname(ref)) continue;
      listed.add(ref);
      out.push({ ...(e.title !== undefined ? { title: e.title } : {}), ref, kind: 'doc' });
    }
  }
  if (a.reversed) out.reverse();
  expanded.set(node, { generation, entries: out });
  return out;
}

/** Section numbers of every document under a `:numbered:` toctree (Sphinx's assign_section_numbers). */
export function secnumbers(index: ProjectIndex, ctx?: RenderContext): Map<string, Map<string, number[] | null>> {
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
        // the section's entries (subsections and the toctrees among them) form a nested list:
        // one level deeper, so documents of a toctree there are numbered under this section
        if (c.children.length) {
          numstack.push(0);
          walkToc(c.children, secnums, depth - 1);
          numstack.pop();
        }
      } else if (c.kind === 'only') walkToc(c.children, secnums, depth);
      else walkToctree(c.node, c.docname, depth);
    }
  };
  const walkToctree = (node: RstNode, docname: string, depth: number): void => {
    if (depth === 0) return;
    for (const e of toctreeEntries(index, docname, node)) {
      if (e.kind !== 'doc' || assigned.has(e.ref)) continue;
      const toc = htmlFacts(index, e.ref + '.rst', ctx)?.toc;
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
    const facts = htmlFacts(index, t.path, ctx);
    if (!facts) continue;
    assigned.add(docname);
    // the toctree directives of that document, in order, with their numbered depth
    for (const n of facts.toctrees) {
      const depth = Number(n.attributes?.numbered ?? 0);
      if (!depth) continue;
      numstack = [0];
      walkToctree(n, docname, depth);
    }
  }
  return result;
}

/** The documents a toctree lists, as a page records them. */
export function toctreeAnswer(index: ProjectIndex, docname: string, node: RstNode): string {
  return toctreeEntries(index, docname, node).map((e) => `${e.kind}:${e.ref}`).join('\n');
}

/** A document's section numbers, recorded as a dependency of the page `r` renders. */
export function secnumbersOf(r: Renderer, docname: string): Map<string, number[] | null> | undefined {
  const index = r.ctx.index;
  if (!index) return undefined;
  const nums = secnumbers(index, r.ctx).get(docname);
  r.depend(`secnum\0${docname}`, () => (nums ? JSON.stringify([...nums]) : ''));
  return nums;
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
  const a = node.attributes ?? {};
  const maxdepth = Number(a.maxdepth ?? -1);
  const titlesOnly = !!a.titlesonly;
  const includeHidden = !!a.includehidden;
  const numText = (docname: string, anchor: string): string => {
    const n = secnumbersOf(r, docname)?.get(anchor);
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
    // which documents the toctree lists changes when one is added or deleted (globs, entries
    // naming a document that did not exist)
    const nth = htmlFacts(index, docname + '.rst', r.ctx)?.toctrees.findIndex((t) => t.attributes === tnode.attributes) ?? -1;
    if (nth >= 0) r.depend(`toctree\0${docname}\0${nth}`, () => toctreeAnswer(index, docname, tnode));
    for (const e of toctreeEntries(index, docname, tnode)) {
      if (e.kind === 'url') {
        out.push({ href: e.ref, external: true, html: escapeNum(e.title ?? e.ref), level, current: false, children: [] });
        continue;
      }
      const ref = e.kind === 'self' ? docname : e.ref;
      if (e.kind === 'doc' && parents.includes(ref)) continue; // circular
      if (e.kind === 'self') {
        const t = docTitle(index, ref, r);
        out.push({ href: r.hrefTo(ref), external: false, html: e.title !== undefined ? escapeNum(e.title) : t?.html ?? '', level, current: ref === r.docname, children: [], docname: ref });
        continue;
      }
      let toc = docToc(index, ref, r);
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
