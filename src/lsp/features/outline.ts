/**
 * Document symbols (the section outline), workspace symbols (every title and label of the tree,
 * from the index), document links and folding ranges.
 */
import type { RstNode } from '../../rst/nodes.js';
import { toText } from '../../rst/nodes.js';
import type { FeatureHost, Place } from './host.js';
import { labelDefPlace, documentPlace } from './navigation.js';
import type { LineMap } from './text.js';

export interface SectionSymbol {
  name: string;
  /** the whole section */
  start: number;
  end: number;
  /** its title */
  titleStart: number;
  titleEnd: number;
  children: SectionSymbol[];
}

/** The section tree of a document (content of included files left out: it lives elsewhere). */
export function documentSymbols(host: FeatureHost, path: string): SectionSymbol[] {
  const doc = host.parsed(path);
  if (!doc) return [];
  const go = (n: RstNode, out: SectionSymbol[]): void => {
    for (const c of n.children ?? []) {
      if (c.children === undefined || (c.data !== undefined && c.data.source !== undefined)) continue;
      if (c.type === 'section' && c.position) {
        const title = c.children.find((t) => t.type === 'title');
        const tp = title?.position ?? c.position;
        const s: SectionSymbol = {
          name: (title ? toText(title) : '').replace(/\s+/g, ' ').trim() || '(untitled)',
          start: Math.min(c.position.start.offset, tp.start.offset),
          end: c.position.end.offset,
          titleStart: tp.start.offset,
          titleEnd: tp.end.offset,
          children: [],
        };
        out.push(s);
        go(c, s.children);
      } else go(c, out);
    }
  };
  const out: SectionSymbol[] = [];
  go(doc.tree, out);
  return out;
}

export interface WorkspaceSymbol extends Place {
  name: string;
  kind: 'title' | 'label';
  /** the document it is in (docname) */
  container: string;
}

/** Does `query` match `name` (case-insensitive, its characters in order)? Returns a score, lower is
 *  better, or -1. */
function matchScore(name: string, query: string): number {
  if (!query) return 0;
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  const at = n.indexOf(q);
  if (at === 0) return 0;
  if (at > 0) return 1;
  let j = 0;
  for (let i = 0; i < n.length && j < q.length; i++) if (n[i] === q[j]) j++;
  return j === q.length ? 2 : -1;
}

/** Titles and labels matching a query, best first (at most `limit`). */
export function workspaceSymbols(host: FeatureHost, query: string, limit = 500): WorkspaceSymbol[] {
  const index = host.index;
  const scored: { s: WorkspaceSymbol; score: number }[] = [];
  for (const path of index.documents()) {
    const facts = index.getFacts(path)!;
    for (const sec of facts.sections) {
      if (sec.fromInclude !== undefined || !sec.position) continue;
      const score = matchScore(sec.title, query);
      if (score < 0) continue;
      scored.push({ s: { name: sec.title, kind: 'title', container: facts.docname, path, start: sec.position.start.offset, end: sec.position.end.offset }, score });
    }
    for (const l of facts.labels) {
      if (l.kind !== 'explicit') continue;
      const score = matchScore(l.name, query);
      if (score < 0) continue;
      const place = l.position ? { path: l.fromInclude ?? l.path, start: l.position.start.offset, end: l.position.end.offset } : { path, start: 0, end: 0 };
      scored.push({ s: { name: l.name, kind: 'label', container: facts.docname, ...place }, score });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.s.name.length - b.s.name.length || (a.s.name < b.s.name ? -1 : a.s.name > b.s.name ? 1 : 0));
  return scored.slice(0, limit).map((x) => x.s);
}

export interface DocumentLink {
  start: number;
  end: number;
  /** the file it leads to and, for labels, where in it */
  target: Place;
  tooltip: string;
}

/** Links of a document: `:ref:`s and `:doc:`s, toctree entries, includes and automarkup paths
 *  whose target exists. */
export function documentLinks(host: FeatureHost, path: string): DocumentLink[] {
  host.parsed(path); // brings the index's facts of an edited buffer up to date
  const index = host.index;
  const facts = index.getFacts(path);
  if (!facts) return [];
  const out: DocumentLink[] = [];
  for (const r of facts.refs ?? []) {
    if (r.fromInclude !== undefined) continue;
    if (r.kind === 'ref') {
      const def = index.resolveLabel(r.target);
      const place = def ? labelDefPlace(host, def) : undefined;
      if (place) out.push({ start: r.start, end: r.end, target: place, tooltip: `label ${def!.name} (${def!.path})` });
    } else if (r.kind === 'doc') {
      const d = index.resolveDoc(path, r.target, { stripRst: false });
      if (d) out.push({ start: r.start, end: r.end, target: documentPlace(host, d), tooltip: d });
    } else {
      const t = index.autoPathTarget(path, r.target);
      if (t !== undefined && index.has(t)) out.push({ start: r.start, end: r.end, target: documentPlace(host, t), tooltip: t });
    }
  }
  for (const t of facts.toctrees) {
    if (t.fromInclude !== undefined) continue;
    for (const e of t.entries) {
      if (e.kind !== 'doc' || e.docname === null || !e.position || !index.hasDocname(e.docname)) continue;
      const at = e.text.indexOf(e.target, e.title !== undefined ? e.text.lastIndexOf('<') + 1 : 0);
      const start = e.position.start.offset + Math.max(0, at);
      out.push({ start, end: start + e.target.length, target: documentPlace(host, e.docname + '.rst'), tooltip: e.docname + '.rst' });
    }
  }
  const text = host.text(path) ?? '';
  for (const inc of facts.includes) {
    if (inc.fromInclude !== undefined || !inc.position || inc.path === null || !inc.inRoot || !index.fileExists(inc.path)) continue;
    const at = text.indexOf(inc.target, text.indexOf('::', inc.position.start.offset));
    if (at < 0 || at > inc.position.end.offset) continue;
    out.push({ start: at, end: at + inc.target.length, target: { path: inc.path, start: 0, end: 0 }, tooltip: inc.path });
  }
  return out.sort((a, b) => a.start - b.start);
}

export interface Fold {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

/** Folding ranges: sections (title to last line) and directives and comments spanning lines. */
export function foldingRanges(host: FeatureHost, path: string, lines: LineMap): Fold[] {
  const doc = host.parsed(path);
  if (!doc) return [];
  const out: Fold[] = [];
  const endLine = (offset: number): number => {
    // a range ending at a line's start ends on the line before
    const l = lines.lineOf(offset);
    return l > 0 && lines.lineStart(l) === offset ? l - 1 : l;
  };
  const go = (n: RstNode): void => {
    for (const c of n.children ?? []) {
      if (c.data !== undefined && c.data.source !== undefined) continue;
      const p = c.position;
      if (p && (c.type === 'section' || c.data?.directive !== undefined || c.type === 'comment')) {
        const s = lines.lineOf(p.start.offset);
        const e = endLine(p.end.offset);
        if (e > s) out.push(c.type === 'comment' ? { startLine: s, endLine: e, kind: 'comment' } : { startLine: s, endLine: e });
      }
      if (c.children !== undefined) go(c);
    }
  };
  go(doc.tree);
  const seen = new Set<string>();
  return out.filter((f) => (seen.has(`${f.startLine}:${f.endLine}`) ? false : (seen.add(`${f.startLine}:${f.endLine}`), true))).sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
