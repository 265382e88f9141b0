/**
 * What is under the cursor: a reference (`:ref:`, `:doc:`, toctree entry, include path,
 * automarkup path, substitution, footnote or citation reference), a label definition, a section
 * title, a code-block language, or code. Found from the document's tree (one descent from the root
 * to the offset), the index's facts of the document, and — for what docutils' transforms remove
 * from the tree (substitution references) or keep nowhere (expanded include directives) — the
 * line's text.
 */
import type { IncludeKind, LabelDef, ProjectIndex } from '../../project/index.js';
import { normalizeName, stripSuffix } from '../../project/index.js';
import { resolveInclude } from '../../project/collect.js';
import { findAutoPaths, isLinkedPath } from '../../project/refs.js';
import type { RstNode } from '../../rst/nodes.js';
import { toText } from '../../rst/nodes.js';
import type { ParsedDocument } from '../../rst/parse.js';
import type { FeatureHost } from './host.js';

export type Hit =
  | { kind: 'ref'; label: string; start: number; end: number }
  | { kind: 'label'; name: string; def: LabelDef; start: number; end: number }
  | { kind: 'doc' | 'toctree' | 'path' | 'include'; target: string; resolved: string | undefined; start: number; end: number }
  | { kind: 'substitution'; name: string; start: number; end: number }
  | { kind: 'footnote' | 'citation'; refid: string; start: number; end: number }
  | { kind: 'lexer'; name: string; start: number; end: number };

export const LANGUAGE_DIRECTIVES = new Set(['code-block', 'sourcecode', 'code', 'highlight']);

/** The chain of nodes from the root to the innermost node whose range holds `offset` (an end
 *  offset counts: the cursor just after a word is on it). Content from included files is skipped:
 *  its positions index another file. */
export function nodesAt(doc: ParsedDocument, offset: number): RstNode[] {
  // A full descent, not only into children whose parent holds the offset: a parent's range can
  // be wrong when its last child comes from an include (its end is then an offset of that file).
  let best: RstNode[] = [doc.tree];
  const chain: RstNode[] = [];
  const go = (n: RstNode): void => {
    const p = n.position;
    const holds = p !== undefined && p.start.offset <= offset && offset <= p.end.offset;
    if (holds) {
      chain.push(n);
      if (chain.length >= best.length) best = chain.slice();
    }
    const kids = n.children;
    if (kids !== undefined) {
      for (const c of kids) if (c.data === undefined || c.data.source === undefined) go(c);
    }
    if (holds) chain.pop();
  };
  go(doc.tree);
  if (best[0] !== doc.tree) best.unshift(doc.tree);
  return best;
}

function within(p: { start: { offset: number }; end: { offset: number } } | undefined, offset: number): boolean {
  return p !== undefined && p.start.offset <= offset && offset <= p.end.offset;
}

/** The line of `text` around an offset: [start, end). */
export function lineAround(text: string, offset: number): { start: number; end: number } {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  let e = offset;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return { start: s, end: e };
}

/** `|name|` substitution references around an offset on its line, nearest first (transforms
 *  replace the reference node by the definition's content). */
function substitutionsAt(text: string, offset: number): { name: string; start: number; end: number }[] {
  const { start: ls, end: le } = lineAround(text, offset);
  const out: { name: string; start: number; end: number }[] = [];
  const consider = (open: number, close: number): void => {
    if (open < ls || close < 0 || close > le || close <= open + 1) return;
    const name = text.slice(open + 1, close);
    if (/^\s|\s$|\|/.test(name)) return;
    out.push({ name, start: open + 1, end: close });
  };
  const left = offset > ls ? text.lastIndexOf('|', offset - 1) : -1;
  const right = text.indexOf('|', offset);
  if (left >= ls) consider(left, right);
  if (text[offset] === '|') consider(offset, text.indexOf('|', offset + 1));
  return out;
}

/** `.. include:: x` (and kernel-include, literalinclude) on the offset's line, argument range. */
function includeLineAt(text: string, offset: number): { kind: IncludeKind; target: string; start: number; end: number } | undefined {
  const { start: ls, end: le } = lineAround(text, offset);
  const line = text.slice(ls, le);
  const m = /^([ \t]*\.\.[ \t]+)(include|kernel-include|literalinclude)::([ \t]*)(\S.*?)[ \t]*$/.exec(line);
  if (!m) return undefined;
  const start = ls + m[1]!.length + m[2]!.length + 2 + m[3]!.length;
  return { kind: m[2] as IncludeKind, target: m[4]!, start, end: start + m[4]!.length };
}

/** The section label (autosectionlabel `docname:Title`) a title defines, if the index has it. */
function sectionLabel(index: ProjectIndex, path: string, titleStart: number): LabelDef | undefined {
  const facts = index.getFacts(path);
  if (!facts) return undefined;
  return facts.labels.find((l) => l.kind === 'section' && l.fromInclude === undefined && l.position?.start.offset === titleStart);
}

/** An explicit label defined by a target node at this place. */
function explicitLabelAt(index: ProjectIndex, path: string, offset: number): LabelDef | undefined {
  const facts = index.getFacts(path);
  if (!facts) return undefined;
  return facts.labels.find((l) => l.kind === 'explicit' && l.fromInclude === undefined && within(l.position, offset));
}

/** Range of a label's name in its definition (`.. _name:`, `.. _`name`:`, a `:name:` option). */
export function labelNameRange(text: string, def: LabelDef): { start: number; end: number } | undefined {
  const p = def.position;
  if (!p) return undefined;
  if (def.kind === 'section') return { start: p.start.offset, end: p.end.offset };
  const seg = text.slice(p.start.offset, p.end.offset);
  const m = /^\.\.[ \t]+_(`?)((?:\\.|[^`\\])+?)\1:(?:[ \t]|$)/.exec(seg);
  if (m && normalizeName(m[2]!.replace(/\\(.)/g, '$1')) === def.name) {
    const s = p.start.offset + seg.indexOf('_') + 1 + m[1]!.length;
    return { start: s, end: s + m[2]!.length };
  }
  const o = /^[ \t]*:name:[ \t]*(\S.*?)[ \t]*$/m.exec(seg);
  if (o && normalizeName(o[1]!) === def.name) {
    const s = p.start.offset + o.index + o[0].indexOf(o[1]!, o[0].indexOf(':name:') + 6);
    return { start: s, end: s + o[1]!.length };
  }
  return undefined;
}

/** What is at `offset` in the document `path` (its current text and tree). */
export function hitAt(host: FeatureHost, path: string, offset: number): Hit | undefined {
  const doc = host.parsed(path);
  const text = host.text(path);
  if (!doc || text === undefined) return undefined;
  const index = host.index;
  const chain = nodesAt(doc, offset);

  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i]!;
    const a = n.attributes;
    // roles
    if (a !== undefined && typeof a.role === 'string') {
      const role = a.role.toLowerCase();
      const target = typeof a.target === 'string' ? a.target : typeof a.text === 'string' ? a.text : '';
      const tp = (n.data?.targetPosition as RstNode['position']) ?? n.position!;
      if (role === 'ref' || role === 'std:ref') return { kind: 'ref', label: target, start: tp.start.offset, end: tp.end.offset };
      if (role === 'doc' || role === 'std:doc') {
        return { kind: 'doc', target, resolved: index.resolveDoc(path, target, { stripRst: false }), start: tp.start.offset, end: tp.end.offset };
      }
      break;
    }
    if (n.type === 'footnote_reference' || n.type === 'citation_reference') {
      const refid = typeof a?.refid === 'string' ? a.refid : '';
      const p = n.position!;
      return { kind: n.type === 'footnote_reference' ? 'footnote' : 'citation', refid, start: p.start.offset, end: p.end.offset };
    }
    const inv = n.data?.directive;
    if (inv !== undefined) {
      const name = inv.name.toLowerCase();
      if (name === 'toctree' && within(inv.contentPosition ?? n.position, offset)) {
        const entries = Array.isArray(a?.entries) ? (a.entries as { kind?: string; target?: string; targetPosition?: RstNode['position'] }[]) : [];
        for (const e of entries) {
          if (!within(e.targetPosition, offset) || typeof e.target !== 'string') continue;
          if (e.kind !== 'doc') return undefined;
          return { kind: 'toctree', target: e.target, resolved: index.resolveDoc(path, e.target), start: e.targetPosition!.start.offset, end: e.targetPosition!.end.offset };
        }
      }
      if (LANGUAGE_DIRECTIVES.has(name) && within(inv.argumentPositions?.[0], offset) && inv.arguments[0]) {
        const p = inv.argumentPositions![0]!;
        return { kind: 'lexer', name: inv.arguments[0].trim(), start: p.start.offset, end: p.end.offset };
      }
      if ((name === 'include' || name === 'literalinclude' || name === 'kernel-include') && within(inv.argumentPositions?.[0], offset) && inv.arguments[0]) {
        const p = inv.argumentPositions![0]!;
        return includeHit(index, path, name, inv.arguments[0], p.start.offset, p.end.offset);
      }
    }
    if (n.type === 'title' && i > 0 && chain[i - 1]!.type === 'section' && n.position) {
      const def = sectionLabel(index, path, n.position.start.offset);
      if (def) return { kind: 'label', name: def.name, def, start: n.position.start.offset, end: n.position.end.offset };
    }
    if (n.type === 'target' && a !== undefined && Array.isArray(a.names) && a.names.length) {
      const def = explicitLabelAt(index, path, offset);
      if (def) {
        const r = labelNameRange(text, def) ?? { start: def.position!.start.offset, end: def.position!.end.offset };
        return { kind: 'label', name: def.name, def, start: r.start, end: r.end };
      }
    }
    if (n.type === 'text' && n.value !== undefined && n.position && (n.value.includes('.rst') || n.value.includes('.txt'))) {
      // automarkup paths, only in paragraphs (as automarkup reads them)
      if (!chain.slice(0, i).some((c) => c.type === 'paragraph')) continue;
      if (chain.slice(0, i).some((c) => c.type === 'literal' || c.type === 'reference')) continue;
      const s = n.position.start.offset;
      for (const m of findAutoPaths(text.slice(s, n.position.end.offset))) {
        if (!isLinkedPath(m) || s + m.start > offset || offset > s + m.end) continue;
        const target = index.autoPathTarget(path, m.path);
        const resolved = target !== undefined && index.has(target) ? target : target !== undefined && index.fileExists(stripSuffix(target) + m.path.slice(-4)) ? stripSuffix(target) + m.path.slice(-4) : undefined;
        return { kind: 'path', target: m.path, resolved, start: s + m.start, end: s + m.end };
      }
    }
  }
  // what the tree does not keep: expanded include directives, substitution references, and
  // label definitions the index knows but the tree turned into something else
  const inc = includeLineAt(text, offset);
  if (inc && inc.start <= offset && offset <= inc.end) return includeHit(index, path, inc.kind, inc.target, inc.start, inc.end);
  for (const sub of substitutionsAt(text, offset)) if (definesSubstitution(doc, sub.name)) return { kind: 'substitution', ...sub };
  const def = explicitLabelAt(index, path, offset);
  if (def) {
    const r = labelNameRange(text, def);
    if (r && r.start <= offset && offset <= r.end) return { kind: 'label', name: def.name, def, start: r.start, end: r.end };
  }
  return undefined;
}

function includeHit(index: ProjectIndex, path: string, kind: string, target: string, start: number, end: number): Hit {
  const ref = resolveInclude(index, path, target, kind as IncludeKind, undefined);
  const resolved = ref.path !== null && ref.inRoot && index.fileExists(ref.path) ? ref.path : undefined;
  return { kind: 'include', target, resolved, start, end };
}

/** docutils looks a substitution up by its exact name, then case-insensitively. */
export function findSubstitution(doc: ParsedDocument, name: string): RstNode | undefined {
  const want = name.replace(/\s+/g, ' ');
  let loose: RstNode | undefined;
  const go = (n: RstNode): RstNode | undefined => {
    if (n.type === 'substitution_definition') {
      for (const x of (n.attributes?.names ?? []) as string[]) {
        if (x === want) return n;
        if (!loose && x.toLowerCase() === want.toLowerCase()) loose = n;
      }
    }
    for (const c of n.children ?? []) {
      if (c.children === undefined) continue;
      const r = go(c);
      if (r) return r;
    }
    return undefined;
  };
  return go(doc.tree) ?? loose;
}

function definesSubstitution(doc: ParsedDocument, name: string): boolean {
  return findSubstitution(doc, name) !== undefined;
}

/** The node of this document whose ids hold `id` (footnotes, citations). */
export function findById(doc: ParsedDocument, id: string): RstNode | undefined {
  const go = (n: RstNode): RstNode | undefined => {
    const ids = n.attributes?.ids;
    if (Array.isArray(ids) && ids.includes(id) && (n.data === undefined || n.data.source === undefined)) return n;
    for (const c of n.children ?? []) {
      if (c.children === undefined) continue;
      const r = go(c);
      if (r) return r;
    }
    return undefined;
  };
  return go(doc.tree);
}

/** The first paragraph's text under a node (hover previews), squeezed to one line. */
export function firstParagraph(node: RstNode): string | undefined {
  if (node.type === 'paragraph') return toText(node).replace(/\s+/g, ' ').trim();
  for (const c of node.children ?? []) {
    if (c.type === 'section' || c.type === 'system_message' || c.type === 'comment') continue;
    if (c.children === undefined) continue;
    const r = firstParagraph(c);
    if (r) return r;
  }
  return undefined;
}
