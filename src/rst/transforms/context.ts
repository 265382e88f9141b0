/**
 * Shared state and tree helpers for the transforms: parent links (our nodes have none), docutils'
 * per-node flags that are not attributes (`resolved`, `referenced`, `expect_referenced_by_*`),
 * document-order searches, node replacement, and messages located like docutils' `base_node`.
 */
import type { DocumentState } from '../document.js';
import { attrs } from '../document.js';
import type { Attributes, Position, RstDocument, RstNode } from '../nodes.js';
import { toText } from '../nodes.js';
import type { Level, Reporter } from '../reporter.js';
import type { Source } from '../source.js';

/** docutils node classes that are TextElements (their children are inline). Placeholder role
 *  nodes (Sphinx/kernel roles) are inline TextElements too; see `isTextElement`. */
const TEXT_ELEMENTS = new Set([
  'paragraph', 'title', 'subtitle', 'rubric', 'term', 'classifier', 'line', 'label', 'caption',
  'attribution', 'address', 'literal_block', 'doctest_block', 'math_block', 'comment',
  'substitution_definition', 'field_name', 'option_string', 'option_argument', 'raw', 'target',
  'emphasis', 'strong', 'literal', 'reference', 'footnote_reference', 'citation_reference',
  'substitution_reference', 'title_reference', 'abbreviation', 'acronym', 'superscript',
  'subscript', 'math', 'image', 'inline', 'problematic', 'generated', 'author', 'organization',
  'contact', 'version', 'revision', 'status', 'date', 'copyright', 'line_block_line',
]);

/** Node types that docutils' PropagateTargets will not give a preceding target's ids to
 *  (Invisible or Targetable, but not target). */
export const INVISIBLE_OR_TARGETABLE = new Set([
  'comment', 'substitution_definition', 'pending', 'footnote', 'citation',
]);

export function isTextElement(node: RstNode): boolean {
  if (TEXT_ELEMENTS.has(node.type)) return true;
  // placeholder role nodes: {role, text} attributes, inline
  return node.attributes?.role !== undefined && node.attributes?.text !== undefined;
}

/** The node types the transforms look up by type (`findAll`); others are indexed on demand. */
const INDEXED_TYPES = ['pending', 'target', 'reference', 'transition', 'substitution_reference'];

/** An empty type index: the usual types plus `type`. */
function newIndex(type: string | undefined): Map<string, RstNode[]> {
  const index = new Map<string, RstNode[]>();
  for (const t of INDEXED_TYPES) index.set(t, []);
  if (type !== undefined && !index.has(type)) index.set(type, []);
  return index;
}

export interface TransformOptions {
  /** The parsed source: lets messages and problematic nodes use the exact raw text. */
  source?: Source;
}

export class TransformContext {
  /** child -> parent (a Map: the context only lives while the transforms run). */
  readonly parents = new Map<RstNode, RstNode>();
  /** docutils `node.resolved` */
  readonly resolved = new WeakSet<RstNode>();
  /** docutils `expect_referenced_by_name` / `_by_id` (PropagateTargets) */
  readonly expectByName = new WeakMap<RstNode, Map<string, RstNode>>();
  readonly expectById = new WeakMap<RstNode, Map<string, RstNode>>();

  constructor(
    readonly doc: DocumentState,
    readonly tree: RstDocument,
    readonly reporter: Reporter,
    readonly options: TransformOptions = {},
  ) {
    // one pre-order walk: parent links (text nodes: looked up when asked, see `parent`) and the
    // type index (the first transform queries it at once)
    const parents = this.parents;
    const index = newIndex(undefined);
    const stack: RstNode[] = [tree];
    while (stack.length) {
      const n = stack.pop()!;
      const l = index.get(n.type);
      if (l) l.push(n);
      const kids = n.children;
      if (kids) {
        for (let i = kids.length - 1; i >= 0; i--) {
          const c = kids[i]!;
          if (c.type !== 'text') parents.set(c, n);
          stack.push(c);
        }
      }
    }
    this.index = index;
  }

  /** Record parent links for `node`'s whole subtree (and `node` itself under `parent`). */
  adopt(node: RstNode, parent: RstNode | undefined): void {
    this.index = undefined;
    if (parent) this.parents.set(node, parent);
    const stack: RstNode[] = [node];
    while (stack.length) {
      const n = stack.pop()!;
      if (!n.children) continue;
      for (const c of n.children) {
        this.parents.set(c, n);
        stack.push(c);
      }
    }
  }

  parent(node: RstNode): RstNode | undefined {
    const p = this.parents.get(node);
    if (p !== undefined || node.type !== 'text') return p;
    // text nodes of the original tree have no entry: find the element holding it
    const stack: RstNode[] = [this.tree];
    while (stack.length) {
      const n = stack.pop()!;
      const kids = n.children;
      if (!kids) continue;
      for (let i = 0; i < kids.length; i++) {
        const c = kids[i]!;
        if (c === node) {
          this.parents.set(node, n);
          return n;
        }
        if (c.children) stack.push(c);
      }
    }
    return undefined;
  }

  get referenced(): WeakSet<RstNode> {
    return this.doc.referenced;
  }

  /** type -> nodes in document order; rebuilt after mutations. */
  private index: Map<string, RstNode[]> | undefined;

  /** Tell the context the tree changed shape (the document-order index is rebuilt when needed). */
  invalidate(): void {
    this.index = undefined;
  }

  private buildIndex(type: string | undefined): Map<string, RstNode[]> {
    const index = newIndex(type);
    const stack: RstNode[] = [this.tree];
    while (stack.length) {
      const n = stack.pop()!;
      const l = index.get(n.type);
      if (l) l.push(n);
      const kids = n.children;
      if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
    this.index = index;
    return index;
  }

  /** All nodes of the given type(s) (optionally filtered) in document order, as a snapshot. */
  findAll(types: string | readonly string[], filter?: (n: RstNode) => boolean): RstNode[] {
    let out: RstNode[];
    if (typeof types === 'string' || types.length === 1) {
      const type = typeof types === 'string' ? types : types[0]!;
      let index = this.index;
      if (!index || !index.has(type)) index = this.buildIndex(type);
      const l = index.get(type)!;
      if (filter) return l.filter(filter);
      return l.slice();
    }
    // several types: the current tree in document order (what the index would hold)
    out = [];
    const wanted = new Set(types);
    const stack: RstNode[] = [this.tree];
    while (stack.length) {
      const n = stack.pop()!;
      if (wanted.has(n.type)) out.push(n);
      const kids = n.children;
      if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
    return filter ? out.filter(filter) : out;
  }

  /** Is `node` still attached to the tree? */
  attached(node: RstNode): boolean {
    let n: RstNode | undefined = node;
    while (n && n !== this.tree) {
      const p = this.parent(n);
      if (!p || !p.children || !p.children.includes(n)) return false;
      n = p;
    }
    return n === this.tree;
  }

  /** docutils `replace_self`: put `replacement` node(s) where `node` is. */
  replace(node: RstNode, replacement: RstNode | RstNode[]): void {
    const parent = this.parent(node);
    if (!parent || !parent.children) return;
    const i = parent.children.indexOf(node);
    if (i < 0) return;
    const list = Array.isArray(replacement) ? replacement : [replacement];
    // docutils' replace_self hands the old node's basic attributes to the (first) new element
    const first = list[0];
    if (first && first.type !== 'text' && node.attributes) {
      for (const key of ['ids', 'classes', 'names', 'dupnames'] as const) {
        const old = node.attributes[key] as string[] | undefined;
        if (!old || !old.length) continue;
        const into = getList(first, key);
        for (const v of old) if (!into.includes(v)) into.push(v);
      }
    }
    parent.children.splice(i, 1, ...list);
    for (const r of list) this.adopt(r, parent);
  }

  insertChild(parent: RstNode, index: number, child: RstNode): void {
    (parent.children ??= []).splice(index, 0, child);
    this.adopt(child, parent);
  }

  appendChild(parent: RstNode, child: RstNode): void {
    (parent.children ??= []).push(child);
    this.adopt(child, parent);
  }

  /** docutils `get_source_line(node)`: the first of node and its ancestors with a line or a source. */
  sourceLine(node: RstNode): { line?: number; source?: string } {
    let n: RstNode | undefined = node;
    while (n) {
      const line = n.data?.docutilsLine;
      const source = n.data?.source;
      if ((line !== undefined && line !== null) || source !== undefined) {
        const out: { line?: number; source?: string } = {};
        if (line !== undefined && line !== null) out.line = line;
        if (source !== undefined) out.source = source;
        return out;
      }
      n = this.parent(n);
    }
    return {};
  }

  /** A message located at `baseNode` like docutils' `reporter.xxx(..., base_node=node)`. */
  message(level: Level, ruleId: string, text: string, baseNode?: RstNode, extra: { line?: number } = {}): RstNode {
    const opts: { line?: number; position?: Position; source?: string } = {};
    if (baseNode) {
      const sl = this.sourceLine(baseNode);
      if (sl.line !== undefined) opts.line = sl.line;
      if (sl.source !== undefined) opts.source = sl.source;
      const pos = baseNode.position ?? this.nearestPosition(baseNode);
      if (pos) opts.position = pos;
    }
    if (extra.line !== undefined) opts.line = extra.line;
    return this.reporter.system(level, ruleId, text, opts);
  }

  private nearestPosition(node: RstNode): Position | undefined {
    let n: RstNode | undefined = node;
    while (n) {
      if (n.position) return n.position;
      n = this.parent(n);
    }
    return undefined;
  }

  /** docutils `node.rawsource` for inline references: the text as written. */
  rawsource(node: RstNode): string {
    const d = node.data?.rawsource;
    if (typeof d === 'string') return d;
    const src = this.options.source;
    const pos = node.position;
    if (src && pos && pos.end.offset > pos.start.offset) {
      // what docutils' inliner saw: lines joined with \n, continuation indentation removed
      return src.raw.slice(pos.start.offset, pos.end.offset).replace(/\r\n?/g, '\n').replace(/\n[ \t]+/g, '\n');
    }
    return reconstructRawsource(node);
  }

  /** docutils `note_referenced_by`. */
  noteReferencedBy(node: RstNode, name?: string, id?: string): void {
    this.referenced.add(node);
    if (name !== undefined) {
      const t = this.expectByName.get(node)?.get(name);
      if (t) this.referenced.add(t);
    }
    if (id !== undefined) {
      const t = this.expectById.get(node)?.get(id);
      if (t) this.referenced.add(t);
    }
  }

  /** A problematic node standing for `node`'s raw text, pointing at message `msgid`. */
  problematic(node: RstNode, msgid: string): RstNode {
    const raw = this.rawsource(node);
    const prb: RstNode = { type: 'problematic', attributes: { refid: msgid }, children: [{ type: 'text', value: raw }] };
    if (node.position) prb.position = node.position;
    if (node.data?.docutilsLine !== undefined || node.data?.source !== undefined) {
      prb.data = {};
      if (node.data?.docutilsLine !== undefined) prb.data.docutilsLine = node.data.docutilsLine;
      if (node.data?.source !== undefined) prb.data.source = node.data.source;
    }
    return prb;
  }
}

/** Best effort when neither the parser's rawsource nor the source text is available. */
function reconstructRawsource(node: RstNode): string {
  const a = node.attributes ?? {};
  const text = toText(node);
  switch (node.type) {
    case 'reference': {
      const suffix = a.anonymous ? '__' : '_';
      return /^[A-Za-z0-9]+$/.test(text) ? text + suffix : '`' + text + '`' + suffix;
    }
    case 'footnote_reference':
    case 'citation_reference': {
      const label = a.auto === '*' ? '*' : a.auto ? '#' + ((a.refname as string | undefined) ?? '') : ((a.refname as string | undefined) ?? text);
      return `[${label}]_`;
    }
    case 'substitution_reference':
      return `|${text}|`;
    default:
      return text;
  }
}

export function getList(node: RstNode, key: 'ids' | 'names' | 'dupnames' | 'classes' | 'backrefs'): string[] {
  const a: Attributes = attrs(node);
  return (a[key] ??= []) as string[];
}

export function has(node: RstNode, key: string): boolean {
  const v = node.attributes?.[key];
  return v !== undefined && v !== null;
}

export function ids(node: RstNode): string[] {
  return (node.attributes?.ids as string[] | undefined) ?? [];
}

export function names(node: RstNode): string[] {
  return (node.attributes?.names as string[] | undefined) ?? [];
}

/** docutils `add_backref`. */
export function addBackref(node: RstNode, id: string): void {
  getList(node, 'backrefs').push(id);
}

export function delAttr(node: RstNode, key: string): void {
  if (node.attributes) delete node.attributes[key];
}
