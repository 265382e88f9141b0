/**
 * One walk over a parsed document collecting everything the project index needs: toctrees,
 * include directives, labels (explicit and autosectionlabel), sections and `:orphan:`.
 */
import type { Position, RstNode } from '../rst/nodes.js';
import { toText } from '../rst/nodes.js';
import { fullyNormalizeName } from '../rst/document.js';
import type { ParsedDocument } from '../rst/parse.js';
import type { DocumentFacts, IncludeKind, IncludeRef, LabelDef, ProjectIndex, SectionInfo, Toctree, TocEntry } from './index.js';
import { docnameJoin, dirname, normalizePath, parseTocEntries, stripSuffix } from './toctree.js';
import { collectInlineRefs, type InlineNode } from './refs.js';
import { escapesRoot } from '../rst/confine.js';

/** autosectionlabel_maxdepth in the kernel's conf.py. */
export const AUTOSECTIONLABEL_MAXDEPTH = 2;

const INCLUDE_KINDS = new Set<string>(['include', 'kernel-include', 'literalinclude']);
/** Labels that kernel extensions generate (the content is produced at build time):
 *  maintainers_include.py renders MAINTAINERS with the `maintainers` label that
 *  admin-guide/reporting-issues.rst refers to. */
const GENERATED_LABELS: Record<string, string[]> = { 'maintainers-include': ['maintainers'] };
/** Node types that may be (or carry the invocation of) a toctree or include-like directive. */
const DIRECTIVE_TYPES = new Set<string>(['toctree', 'include', 'kernel-include', 'literalinclude', 'literal_block', 'pending', 'compound', 'maintainers-include']);
/** Nodes whose children are inline markup (no sections, directives or block targets inside). */
const TEXT_ELEMENTS = new Set<string>([
  'paragraph', 'title', 'subtitle', 'literal_block', 'literal', 'emphasis', 'strong', 'title_reference',
  'reference', 'comment', 'raw', 'term', 'rubric', 'attribution', 'line', 'doctest_block', 'math_block',
  'caption', 'field_name', 'option_string', 'inline', 'substitution_reference', 'generated', 'abbreviation',
]);
/** docutils' PreBibliographic node classes (may precede the docinfo field list). */
const PRE_BIBLIOGRAPHIC = new Set(['title', 'subtitle', 'decoration', 'comment', 'raw', 'system_message', 'meta']);

function directiveName(node: RstNode): string | undefined {
  const d = node.data?.directive;
  if (d && typeof d.name === 'string') return d.name.toLowerCase();
  const a = node.attributes?.name;
  if (typeof a === 'string' && (node.type === 'toctree' || INCLUDE_KINDS.has(node.type))) return a.toLowerCase();
  if (node.type === 'toctree' || INCLUDE_KINDS.has(node.type)) return node.type;
  return undefined;
}

function directiveOptions(node: RstNode): Record<string, string | null> {
  const d = node.data?.directive;
  if (d?.options) return d.options;
  const o = node.attributes?.options;
  if (o && typeof o === 'object') return o as Record<string, string | null>;
  // Sphinx's toctree node keeps them as attributes
  const out: Record<string, string | null> = {};
  for (const k of ['glob', 'hidden', 'maxdepth', 'caption', 'numbered', 'titlesonly', 'includehidden', 'name']) {
    const v = node.attributes?.[k];
    if (v === true) out[k] = null;
    else if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  }
  return out;
}

function directiveArguments(node: RstNode): string[] {
  const d = node.data?.directive;
  if (d?.arguments) return d.arguments;
  const a = node.attributes?.arguments;
  if (Array.isArray(a)) return a.map(String);
  if (typeof a === 'string') return [a];
  return [];
}

function directiveContent(node: RstNode): string[] | undefined {
  const d = node.data?.directive;
  if (d?.content) return d.content;
  return undefined;
}

function hasFlag(options: Record<string, string | null>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(options, name);
}

function fieldNames(list: RstNode): string[] {
  const out: string[] = [];
  for (const f of list.children ?? []) {
    if (f.type !== 'field') {
      // docinfo may hold bibliographic elements directly
      out.push(f.type);
      continue;
    }
    const name = f.children?.find((c) => c.type === 'field_name');
    if (name) out.push(toText(name).trim().toLowerCase());
  }
  return out;
}

/** Collect the facts of one document. */
export function collectFacts(doc: ParsedDocument, path: string, index: ProjectIndex): DocumentFacts {
  const walk = startFacts(doc, path, index);
  walk.visit(doc.tree, 0, undefined);
  return walk.finish();
}

/**
 * The index's walk of one document, in steps that another walk can take along (the lint's shared
 * per-document walk, src/lint/facts.ts, walks each tree once for its facts and these): `visit` is
 * the whole walk of a subtree; `enter` and `child` are its steps at one node of the document's
 * own text and before one of its children, for a walk that goes through the same nodes in the same
 * order. Facts come out the same whichever way the walk went.
 */
export interface FactsWalk {
  /** The index's step at a node of the document's own text (no `data.source`), outside inline
   *  content: what the node says, and when its children are inline content (a paragraph, a
   *  title...), their inline targets and references too. Returns the section depth of its
   *  children, or -1 when the index's walk does not go on into them (none, or inline content). */
  enter(node: RstNode, sectionDepth: number): number;
  /** Before the child `kids[i]` of a node `enter` went on into: whether the index's walk visits
   *  it (it skips leaves), noting what it needs about its siblings. */
  child(kids: readonly RstNode[], i: number): boolean;
  /** The index's walk of a whole subtree (`fromInclude`: the included file it came from). */
  visit(node: RstNode, sectionDepth: number, fromInclude: string | undefined): void;
  /** The document's facts, once the walk is done. */
  finish(): DocumentFacts;
}

/** Nodes the index's own walk (`visit`) entered, in all: a lint run, whose shared walk takes the
 *  index's steps along, leaves it only included content and inline targets (a test counts). */
export const indexWalk = { visits: 0 };

/** Start the index's walk of one document (`collectFacts` is `visit` of the root, then `finish`). */
export function startFacts(doc: ParsedDocument, path: string, index: ProjectIndex): FactsWalk {
  const docname = stripSuffix(path);
  const facts: DocumentFacts = {
    path,
    docname,
    toctrees: [],
    includes: [],
    labels: [],
    sections: [],
    refs: [],
    orphanField: false,
  };
  const tree = doc.tree;
  const raw = doc.source?.raw ?? '';
  currentSource = doc.source && typeof doc.source.pointAt === 'function' ? doc.source : undefined;
  lowerRaw = undefined;

  // :orphan: — the first non-PreBibliographic child of the document
  for (const child of tree.children ?? []) {
    if (PRE_BIBLIOGRAPHIC.has(child.type)) continue;
    if (child.type === 'docinfo' || child.type === 'field_list') {
      if (fieldNames(child).includes('orphan')) facts.orphanField = true;
    } else if (directiveName(child) === 'include') {
      const args = directiveArguments(child);
      const target = args[0];
      if (target) {
        const resolved = resolveInclude(index, path, target, 'include', undefined);
        if (resolved.path) facts.firstInclude = resolved.path;
      }
    }
    break;
  }

  // target → the element after it (for labels on targets the parser did not propagate)
  const following = new Map<RstNode, RstNode>();
  const targetLabels: [RstNode, LabelDef][] = [];
  const orphanTargets: { name: string; position: Position }[] = [];
  // the included file the node `step` last entered came from (its children's `fromInclude`)
  let stepSrc: string | undefined;
  // the text of the included file inline references were last collected from
  let includedPath: string | undefined;
  let includedText = '';
  const step = (node: RstNode, sectionDepth: number, fromInclude: string | undefined): number => {
    // Few property loads per node: the tree's node shapes vary, so every load is a slow one.
    const type = node.type;
    const attrs = node.attributes;
    const names = attrs !== undefined ? attrs.names : undefined;
    const named = names !== undefined && names.length > 0;
    const directiveLike = DIRECTIVE_TYPES.has(type);
    let src = fromInclude;
    // content an include expanded in place: its top-level nodes name the file (positions index it)
    const data0 = node.data;
    if (data0 !== undefined && typeof data0.source === 'string') src = data0.source;
    if (!named && attrs !== undefined && attrs.options !== undefined && typeof attrs.options === 'object' && attrs.options !== null) {
      // a directive the parser keeps as a placeholder: its `:name:` option is an explicit label
      const o = attrs.options as Record<string, unknown>;
      if (typeof o.name === 'string' && o.name.trim()) {
        const l: LabelDef = { name: fullyNormalizeName(o.name), kind: 'explicit', path, nodeType: type };
        if (typeof o.caption === 'string') l.title = o.caption;
        if (node.position) l.position = node.position;
        if (fromInclude !== undefined) l.fromInclude = fromInclude;
        facts.labels.push(l);
      }
    }
    if (named || directiveLike || type === 'section') {
      const data = node.data;
      if (data !== undefined) {
        const s = data.source;
        if (typeof s === 'string') src = s;
      }
      if (directiveLike || (data !== undefined && data.directive !== undefined)) {
        const name = directiveName(node);
        const generated = name !== undefined ? GENERATED_LABELS[name] : undefined;
        if (generated) for (const g of generated) facts.labels.push({ name: g, kind: 'explicit', path, nodeType: name!, ...(node.position ? { position: node.position } : {}) });
        if (name === 'toctree') {
          facts.toctrees.push(toctreeOf(node, path, raw, src));
        } else if (name !== undefined && INCLUDE_KINDS.has(name)) {
          const target = directiveArguments(node)[0];
          if (target) {
            const ref = resolveInclude(index, path, target, name as IncludeKind, src);
            if (node.position) ref.position = node.position;
            if (src !== undefined) ref.fromInclude = src;
            facts.includes.push(ref);
          }
        }
      }
    }
    let depth = sectionDepth;
    if (type === 'section') {
      depth = sectionDepth + 1;
      const titleNode = node.children?.find((c) => c.type === 'title');
      const title = titleNode ? titleText(titleNode) : '';
      const norm = fullyNormalizeName(title);
      // Sphinx's autosectionlabel keys on the title's rawsource (markup and all)
      const rawTitle = titleNode && src === undefined ? rawTitleText(raw, titleNode) ?? title : title;
      const sec: SectionInfo = { title, depth };
      if (titleNode?.position ?? node.position) sec.position = (titleNode?.position ?? node.position)!;
      if (src !== undefined) sec.fromInclude = src;
      facts.sections.push(sec);
      // autosectionlabel: depth counted from 0 for a top-level section; maxdepth 2 keeps 0 and 1
      if (depth <= AUTOSECTIONLABEL_MAXDEPTH && title) {
        const l: LabelDef = { name: fullyNormalizeName(`${docname}:${rawTitle}`), kind: 'section', path, title, nodeType: 'section' };
        if (sec.position) l.position = sec.position;
        if (src !== undefined) l.fromInclude = src;
        facts.labels.push(l);
      }
      // explicit labels propagated onto the section (names other than the implicit title name)
      // (an explicit label equal to the title demotes the implicit name to `dupnames`)
      if (Array.isArray(names)) {
        const dup = attrs?.dupnames;
        for (const n of names) {
          if (typeof n !== 'string') continue;
          if (fullyNormalizeName(n) === norm && !(Array.isArray(dup) && dup.includes(n))) continue;
          facts.labels.push(explicitLabel(n, path, raw, node, title, src));
        }
      }
    } else if (named && Array.isArray(names) && !isSkippedTarget(node)) {
      for (const n of names) {
        if (typeof n !== 'string') continue;
        const l = explicitLabel(n, path, raw, node, undefined, src);
        if (type === 'target') targetLabels.push([node, l]);
        facts.labels.push(l);
      }
    }
    if (type === 'target' && !named && attrs !== undefined && typeof attrs.refid === 'string' && src === undefined && node.position) {
      const m = /^\.\.[ \t]+_(`?)([^`:][^`]*?|[^`]+)\1:[ \t]*$/.exec(raw.slice(node.position.start.offset, node.position.end.offset).trim());
      if (m) orphanTargets.push({ name: fullyNormalizeName(m[2]!.replace(/\\(.)/g, '$1')), position: node.position });
    }
    const kids = node.children;
    if (kids === undefined) return -1;
    if (TEXT_ELEMENTS.has(type)) {
      // inline content: inline targets (`_`label``) and references to labels and documents
      // (indexed loops: a for-of allocates an iterator and a result per child until the code is
      // optimised, and a cold whole-tree lint runs much of its walk before that)
      for (let i = 0; i < kids.length; i++) {
        const c = kids[i]!;
        if (c.type === 'target' && c.attributes !== undefined) visit(c, depth, src);
      }
      if (src !== undefined && src !== includedPath) {
        // (once per included file met, not per paragraph of it: a path join and a look-up each)
        includedPath = src;
        includedText = readIncluded(index, src);
      }
      collectInlineRefs(kids as InlineNode[], type === 'paragraph', src === undefined ? raw : includedText, src, facts.refs);
      return -1;
    }
    stepSrc = src;
    return depth;
  };
  const child = (kids: readonly RstNode[], i: number): boolean => {
    const c = kids[i]!;
    if (c.children === undefined) return false;
    if (c.type === 'target' && c.attributes !== undefined && Array.isArray(c.attributes.names) && c.attributes.names.length) {
      let j = i + 1;
      while (j < kids.length && kids[j]!.type === 'target') j++;
      // (never read past the end: the compiled walk would deoptimise and be compiled again)
      const next = j < kids.length ? kids[j] : undefined;
      if (next) following.set(c, next);
    }
    return true;
  };
  const visit = (node: RstNode, sectionDepth: number, fromInclude: string | undefined): void => {
    indexWalk.visits++;
    const depth = step(node, sectionDepth, fromInclude);
    if (depth < 0) return;
    const src = stepSrc;
    const kids = node.children!;
    for (let i = 0; i < kids.length; i++) if (child(kids, i)) visit(kids[i]!, depth, src);
  };
  const finish = (): DocumentFacts => {
    if (orphanTargets.length) {
      const have = new Set(facts.labels.map((l) => l.name));
      for (const t of orphanTargets) if (!have.has(t.name)) facts.labels.push({ name: t.name, kind: 'explicit', path, nodeType: 'target', position: t.position });
    }
    // A label on a target right before a section takes the section's title (what PropagateTargets
    // does in docutils; here for trees where the target kept its names).
    for (const [t, l] of targetLabels) {
      const next = following.get(t);
      if (!next) continue;
      if (next.type === 'section') {
        const title = next.children?.find((c) => c.type === 'title');
        if (title) l.title = toText(title);
        l.nodeType = 'section';
      } else l.nodeType = next.type;
    }

    // Fallback when the tree shows no include directive at all (a parser that drops them): scan
    // the raw text for include lines. Only runs on documents whose text mentions one.
    if (!facts.includes.length && !(doc.includes ?? []).length && raw.includes('include::')) {
      const re = /^([ \t]*)\.\.[ \t]+(include|kernel-include|literalinclude)::[ \t]*(\S[^\n]*?)[ \t]*$/gm;
      for (let m = re.exec(raw); m; m = re.exec(raw)) {
        const ref = resolveInclude(index, path, m[3]!, m[2] as IncludeKind, undefined);
        const s = m.index + m[1]!.length;
        ref.position = { start: pointOf(raw, s), end: pointOf(raw, m.index + m[0].length) };
        facts.includes.push(ref);
      }
      // `:orphan:` through an include that is the first element (after comments and blank lines)
      if (!facts.orphanField && facts.firstInclude === undefined) {
        const first = /^(?:\ufeff)?(?:\.\.(?![ \t]+[\w:-]+::)[^\n]*\n(?:[ \t]+[^\n]*\n|[ \t]*\n)*|[ \t]*\n)*\.\.[ \t]+include::[ \t]*(\S[^\n]*?)[ \t]*$/m.exec(raw);
        if (first && first.index === 0) {
          const r = resolveInclude(index, path, first[1]!, 'include', undefined);
          if (r.path) facts.firstInclude = r.path;
        }
      }
    }

    // includes known to the parser but not seen as directive nodes (expanded in place)
    const seen = new Set(facts.includes.map((i) => i.path));
    let written: Map<string, IncludeRef> | undefined;
    for (const p of doc.includes ?? []) {
      if (seen.has(p)) continue;
      // the directive as written in this document, when it is one (references and renames edit it)
      written ??= includeLines(index, path, raw);
      const w = written.get(p);
      if (w) {
        facts.includes.push(w);
        continue;
      }
      facts.includes.push({
        kind: 'include',
        target: p,
        path: p,
        absolutePath: index.abs(p),
        inRoot: !p.startsWith('../'),
      });
    }
    return facts;
  };
  return { enter: (node, sectionDepth) => step(node, sectionDepth, undefined), child, visit, finish };
}

/** The include-like directives written in a document's own text, by resolved path. */
function includeLines(index: ProjectIndex, path: string, raw: string): Map<string, IncludeRef> {
  const out = new Map<string, IncludeRef>();
  if (!raw.includes('include::')) return out;
  const re = /^([ \t]*)\.\.[ \t]+(include|kernel-include|literalinclude)::[ \t]*(\S[^\n]*)$/gm;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const ref = resolveInclude(index, path, m[3]!.trimEnd(), m[2] as IncludeKind, undefined);
    if (ref.path === null || out.has(ref.path)) continue;
    const s = m.index + m[1]!.length;
    ref.position = { start: pointOf(raw, s), end: pointOf(raw, m.index + m[0].length) };
    out.set(ref.path, ref);
  }
  return out;
}

/** Text of an included file (positions of included content index it), '' when unreadable. */
function readIncluded(index: ProjectIndex, path: string): string {
  return (path.startsWith('../') ? null : index.readRel(path)) ?? '';
}

/** Title text without the numbers `.. sectnum::` inserts (docutils `generated` nodes). */
function titleText(node: RstNode): string {
  if (node.value !== undefined && !node.children) return node.value;
  let out = '';
  for (const c of node.children ?? []) if (c.type !== 'generated') out += titleText(c);
  return out;
}

/** The title as written (docutils' rawsource), when the node's position covers one line. */
function rawTitleText(raw: string, title: RstNode): string | undefined {
  const p = title.position;
  if (!p || !raw) return undefined;
  const text = raw.slice(p.start.offset, p.end.offset);
  if (!text || text.includes('\n') || /^([=\-~^"'`#*+_.:])\1+$/.test(text.trim())) return undefined;
  return text.trim();
}

/** Footnotes, citations, external targets (`refuri`), indirect targets and object descriptions
 *  do not define `:ref:` labels (Sphinx's StandardDomain.process_doc). */
function isSkippedTarget(node: RstNode): boolean {
  const a = node.attributes ?? {};
  if (node.type === 'footnote' || node.type === 'citation' || node.type === 'document') return true;
  if (node.type.startsWith('desc')) return true;
  if (node.type === 'substitution_definition') return true;
  // `.. contents::` names its topic implicitly (note_implicit_target): not a :ref: label
  if (node.type === 'topic' && Array.isArray(a.classes) && (a.classes as unknown[]).includes('contents')) return true;
  if (node.type === 'reference') return true;
  if ('refuri' in a || 'refname' in a) return true;
  // `text <alias_>`_ makes an indirect target with names but no ids: docutils never notes it as
  // an explicit target, so it is no label
  if (node.type === 'target' && (!Array.isArray(a.ids) || a.ids.length === 0)) return true;
  return false;
}

function explicitLabel(name: string, path: string, raw: string, node: RstNode, title: string | undefined, src: string | undefined): LabelDef {
  const l: LabelDef = { name: fullyNormalizeName(name), kind: 'explicit', path, nodeType: node.type };
  if (title !== undefined) l.title = title;
  if (src !== undefined) l.fromInclude = src;
  // position: the `.. _name:` text when we can find it, else the node
  const pos = node.type === 'target' ? node.position : findTargetText(raw, name, node.position);
  if (pos) l.position = pos;
  return l;
}

function findTargetText(raw: string, name: string, near: Position | undefined): Position | undefined {
  if (!raw) return near;
  const needle = `_${name}:`;
  const end = near ? near.start.offset : raw.length;
  let i = raw.lastIndexOf(needle, end);
  // (the lower-cased text is made once per document, not once per label: a document with
  // thousands of labels was quadratic)
  if (i < 0) i = (lowerRaw ??= raw.toLowerCase()).lastIndexOf(needle.toLowerCase(), end);
  if (i < 0) return near;
  const lineStart = raw.lastIndexOf('\n', i) + 1;
  let lineEnd = raw.indexOf('\n', i);
  if (lineEnd < 0) lineEnd = raw.length;
  return { start: pointOf(raw, lineStart), end: pointOf(raw, lineEnd) };
}

/** The document's text lower-cased (findTargetText; reset by collectFacts for each document). */
let lowerRaw: string | undefined;

let currentSource: { pointAt(o: number): { line: number; column: number; offset: number } } | undefined;

function pointOf(raw: string, offset: number): { line: number; column: number; offset: number } {
  if (currentSource) return currentSource.pointAt(offset);
  let line = 1;
  let last = -1;
  for (let i = raw.indexOf('\n'); i >= 0 && i < offset; i = raw.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last, offset };
}

function toctreeOf(node: RstNode, path: string, raw: string, src: string | undefined): Toctree {
  const options = directiveOptions(node);
  const glob = hasFlag(options, 'glob');
  const hidden = hasFlag(options, 'hidden');
  let content = directiveContent(node);
  const attrEntries = node.attributes?.entries;
  if (!content) {
    // raw text children (the generic directive shape), else P3's parsed entries
    const text = node.children?.filter((c) => c.type === 'text').map((c) => c.value ?? '').join('\n');
    if (text && text.trim()) content = text.split(/\r?\n/);
    else if (Array.isArray(attrEntries)) content = attrEntriesToLines(attrEntries);
    else content = [];
  }
  const docname = stripSuffix(path);
  const rawEntries = parseTocEntries(content, glob);
  const entries: TocEntry[] = [];
  let searchFrom = node.data?.directive?.contentPosition?.start.offset ?? node.position?.start.offset ?? 0;
  const searchEnd = node.position?.end.offset ?? raw.length;
  for (const e of rawEntries) {
    let joined: string | null = null;
    if (e.kind === 'doc') joined = docnameJoin(docname, stripSuffix(e.target));
    else if (e.kind === 'glob') joined = docnameJoin(docname, e.target);
    const entry: TocEntry = { text: e.text, target: e.target, kind: e.kind, docname: joined };
    if (e.title !== undefined) entry.title = e.title;
    // the parser's own entry positions when it gives them, else locate the text (in order)
    const given = Array.isArray(attrEntries) && attrEntries.length === rawEntries.length ? (attrEntries[entries.length] as { position?: Position } | undefined)?.position : undefined;
    if (given && given.start && typeof given.start.offset === 'number') {
      entry.position = { start: pointOf(raw, given.start.offset), end: pointOf(raw, given.start.offset + e.text.length) };
      searchFrom = given.start.offset + e.text.length;
    } else if (raw && src === undefined) {
      const at = raw.indexOf(e.text, searchFrom);
      if (at >= 0 && at <= searchEnd) {
        entry.position = { start: pointOf(raw, at), end: pointOf(raw, at + e.text.length) };
        searchFrom = at + e.text.length;
      }
    }
    entries.push(entry);
  }
  const t: Toctree = { path, glob, hidden, entries, options };
  if (node.position) t.position = node.position;
  if (src !== undefined) t.fromInclude = src;
  return t;
}

function attrEntriesToLines(entries: unknown[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if (typeof e === 'string') out.push(e);
    else if (Array.isArray(e)) {
      const [title, ref] = e as [unknown, unknown];
      if (typeof ref === 'string') out.push(typeof title === 'string' && title ? `${title} <${ref}>` : ref);
    } else if (e && typeof e === 'object') {
      const o = e as Record<string, unknown>;
      const ref = (o.target ?? o.ref ?? o.docname) as unknown;
      if (typeof ref === 'string') out.push(typeof o.title === 'string' && o.title ? `${o.title} <${ref}>` : ref);
    }
  }
  return out;
}

/**
 * Resolve an include-like directive's argument. `include`/`literalinclude` resolve like Sphinx's
 * (relfn2path: `/x` from the root, else from the *document's* directory); `kernel-include`
 * expands `$VARS` (unresolvable here) and resolves from the current source file's directory.
 */
export function resolveInclude(index: ProjectIndex, docPath: string, target: string, kind: IncludeKind, src: string | undefined): IncludeRef {
  const ref: IncludeRef = { kind, target, path: null, absolutePath: null, inRoot: false };
  const t = target.trim();
  if (t.startsWith('<') && t.endsWith('>')) return ref; // docutils standard include
  if (kind === 'kernel-include' && t.includes('$')) return ref;
  let rel: string;
  if (t.startsWith('/')) rel = t.slice(1);
  else {
    const baseDoc = kind === 'kernel-include' && src ? src : docPath;
    const base = dirname(baseDoc);
    rel = base ? `${base}/${t}` : t;
  }
  const inside = normalizePath(rel);
  if (inside !== null) {
    ref.path = inside;
    ref.inRoot = true;
    ref.absolutePath = index.abs(inside);
    // a symbolic link (to the file or a directory on the way) that leads out of the root: nothing
    // may read it (a renderer showing a literalinclude would print someone's /etc/passwd)
    if (escapesRoot(index.root, ref.absolutePath) !== undefined) {
      ref.inRoot = false;
      ref.absolutePath = null;
    }
  } else {
    const abs = index.abs(rel);
    ref.absolutePath = abs;
    ref.path = index.rel(abs);
    ref.inRoot = false;
  }
  return ref;
}
