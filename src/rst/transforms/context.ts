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

/** The node lists the transforms look up (`findAll`), each in document order: single types, and
 *  the reference types DanglingReferences goes through together. Other queries walk the tree. */
const INDEX_KEYS: readonly (readonly string[])[] = [
  ['pending'],
  ['target'],
  ['reference'],
  ['transition'],
  ['substitution_reference'],
  ['reference', 'footnote_reference', 'citation_reference'],
];
/** `types.join('|')` -> slot in a TypeIndex */
const KEY_SLOT = new Map(INDEX_KEYS.map((types, slot) => [types.join('|'), slot]));
/** node type -> the slots its nodes go in */
const TYPE_SLOTS = new Map<string, number[]>();
INDEX_KEYS.forEach((types, slot) => {
  for (const t of types) {
    const slots = TYPE_SLOTS.get(t);
    if (slots) slots.push(slot);
    else TYPE_SLOTS.set(t, [slot]);
  }
});

/** slot -> nodes in document order; `undefined`: out of date (the tree changed for that type). */
type TypeIndex = (RstNode[] | undefined)[];

/**
 * A fresh index of the tree (one pre-order walk). With `parents`, also record the parent links of
 * every indexed node and its ancestors: the transforms only ask for the parents of the nodes they
 * look up and of those nodes' ancestors (others: see `parent`). Text nodes are not visited.
 */
function scanTree(tree: RstNode, parents: Map<RstNode, RstNode> | undefined): TypeIndex {
  const index: TypeIndex = INDEX_KEYS.map(() => []);
  const stack: RstNode[] = [tree];
  const depths: number[] = [0];
  /** path[d] = the last node visited at depth d: the ancestors of the current node */
  const path: RstNode[] = [];
  while (stack.length) {
    const n = stack.pop()!;
    const d = depths.pop()!;
    path[d] = n;
    const slots = TYPE_SLOTS.get(n.type);
    if (slots !== undefined) {
      for (let k = 0; k < slots.length; k++) index[slots[k]!]!.push(n);
      if (parents) {
        for (let k = d; k > 0; k--) {
          const child = path[k]!;
          const parent = path[k - 1]!;
          if (parents.get(child) === parent) break; // the rest of the chain is recorded
          parents.set(child, parent);
        }
      }
    }
    const kids = n.children;
    if (kids) {
      for (let i = kids.length - 1; i >= 0; i--) {
        const c = kids[i]!;
        if (c.type === 'text') continue;
        stack.push(c);
        depths.push(d + 1);
      }
    }
  }
  return index;
}

/** Nodes of the given types under `tree`, in document order (for queries the index lacks). */
function collect(tree: RstNode, types: readonly string[]): RstNode[] {
  const out: RstNode[] = [];
  const stack: RstNode[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (types.includes(n.type)) out.push(n);
    const kids = n.children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

export interface TransformOptions {
  /** The parsed source: lets messages and problematic nodes use the exact raw text. */
  source?: Source;
}

export class TransformContext {
  /** child -> parent (a Map: the context only lives while the transforms run). Filled lazily:
   *  indexed nodes and their ancestors up front, everything else on the first miss. */
  readonly parents = new Map<RstNode, RstNode>();
  /** Has `parents` been filled for the whole tree? */
  private allParents = false;
  /** docutils `node.resolved` (plain Set/Map: short-lived, and weak collections cost GC work) */
  readonly resolved = new Set<RstNode>();
  /** docutils `expect_referenced_by_name` / `_by_id` (PropagateTargets) */
  readonly expectByName = new Map<RstNode, Map<string, RstNode>>();
  readonly expectById = new Map<RstNode, Map<string, RstNode>>();

  constructor(
    readonly doc: DocumentState,
    readonly tree: RstDocument,
    readonly reporter: Reporter,
    readonly options: TransformOptions = {},
  ) {
    // one walk: the type index (the first transform queries it at once) and the parent links
    // the transforms will ask for
    this.index = scanTree(tree, this.parents);
  }

  /** Record parent links for `node`'s whole subtree (and `node` itself under `parent`); a node
   *  given a parent is (or goes) into the tree: see `changed`. */
  adopt(node: RstNode, parent: RstNode | undefined): void {
    if (parent) {
      this.parents.set(node, parent);
      this.changed(node);
    }
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
    if (p !== undefined) return p;
    if (node.type !== 'text') {
      if (this.allParents || node === this.tree) return undefined;
      this.recordAllParents();
      return this.parents.get(node);
    }
    // text nodes have no entry: find the element holding it
    let found: RstNode | undefined;
    this.someChild((n, c) => {
      if (c !== node) return false;
      found = n;
      return true;
    });
    if (found) this.parents.set(node, found);
    return found;
  }

  /** Visit every (element, child) pair of the current tree depth-first, until `visit` says stop. */
  private someChild(visit: (parent: RstNode, child: RstNode) => boolean): void {
    const stack: RstNode[] = [this.tree];
    while (stack.length) {
      const n = stack.pop()!;
      const kids = n.children;
      if (!kids) continue;
      for (let i = 0; i < kids.length; i++) {
        const c = kids[i]!;
        if (visit(n, c)) return;
        if (c.children) stack.push(c);
      }
    }
  }

  /** Parent links for every element of the current tree (text nodes: see `parent`). */
  private recordAllParents(): void {
    this.allParents = true;
    const parents = this.parents;
    this.someChild((n, c) => {
      if (c.type !== 'text') parents.set(c, n);
      return false;
    });
  }

  get referenced(): WeakSet<RstNode> {
    return this.doc.referenced;
  }

  /** The findAll lists (see INDEX_KEYS); a list is rebuilt when a node of its types moved. */
  private index: TypeIndex;

  /** Tell the context the tree changed shape anywhere (every findAll list is rebuilt). */
  invalidate(): void {
    this.index.fill(undefined);
  }

  /** Tell the context that the subtree at `node` was inserted, moved or removed: the findAll
   *  lists of the types in it are out of date (the order of other nodes did not change). */
  changed(node: RstNode): void {
    const index = this.index;
    const stack: RstNode[] = [node];
    while (stack.length) {
      const n = stack.pop()!;
      const slots = TYPE_SLOTS.get(n.type);
      if (slots !== undefined) for (let k = 0; k < slots.length; k++) index[slots[k]!] = undefined;
      const kids = n.children;
      if (kids) for (let i = 0; i < kids.length; i++) if (kids[i]!.type !== 'text') stack.push(kids[i]!);
    }
  }

  /** All nodes of the given type(s) (optionally filtered) in document order, as a snapshot. */
  findAll(types: string | readonly string[], filter?: (n: RstNode) => boolean): RstNode[] {
    const slot = KEY_SLOT.get(typeof types === 'string' ? types : types.length === 1 ? types[0]! : types.join('|'));
    let l: RstNode[];
    if (slot === undefined) {
      l = collect(this.tree, typeof types === 'string' ? [types] : types);
    } else {
      let index = this.index;
      if (index[slot] === undefined) this.index = index = scanTree(this.tree, undefined);
      l = index[slot]!;
    }
    return filter ? l.filter(filter) : l.slice();
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
    this.changed(node);
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
