/**
 * Incremental re-parse after an edit inside one paragraph: the paragraph's inline content is parsed
 * again and put into the previous tree, everything after the edit is moved by the edit's length —
 * only when that gives exactly what a fresh `parse()` of the new text gives. Otherwise it answers
 * undefined and the caller parses the whole text.
 *
 * Why the result equals a fresh parse (each condition is checked; any doubt falls back):
 *
 * 1. The block parse reads the same lines the same way. The edit replaces characters of one line
 *    (no line break removed or inserted, none of Python's other line boundaries either), after the
 *    first character of that line's text in its block (so its indentation, blankness and first
 *    character stay), inside a paragraph. The state machine reads a paragraph line through a
 *    transition pattern (first line: the Body patterns; second line: the Text state's blank /
 *    indent / underline / text) or through `get_text_block` (blank / indented only); elsewhere
 *    lines are read by `get_indented` (blank / indentation), a simple table's search for its
 *    bottom border (a line of `=` and spaces: a Body pattern too), a block quote's attribution
 *    search (`--`, `---`, `—`). So the edited line must be a plain `text` line for the Body
 *    patterns and no attribution, before and after; the paragraph must not end with `::` (literal
 *    block next) before or after; and its text must still end where it did, moved by the edit.
 * 2. Only inline content changes, and it touches nothing outside the paragraph. The paragraph's
 *    inline nodes, before and after, are of kinds that never note anything in the document
 *    (no reference, target, footnote or citation reference, substitution reference, problematic
 *    node), no system message comes from either parse (a scratch reporter collects them), the
 *    document's bookkeeping has the same sizes after both parses, and role look-ups answer the
 *    same anywhere in the document (`rolesOrderFree`). Then every later construct sees the same
 *    document state as in a fresh parse.
 * 3. The transforms do the same. They look up pending nodes, targets, references, transitions,
 *    substitution and footnote / citation references, sections and the first field list (docinfo):
 *    the paragraph holds none before or after, and may not be inside a field list, table or a
 *    directive whose content is kept as text (`data.directive.content`): the ancestors' kinds are
 *    limited to a list of plain containers.
 * 4. The rebuilt paragraph lines are right: the paragraph's old text, parsed again from the lines
 *    rebuilt the same way, must give exactly the nodes the previous tree holds (positions
 *    included); the new lines are rebuilt by the same rule.
 * 5. Nothing else holds the edited text: no include (nodes from another file), no system message
 *    whose range meets the paragraph (messages about a directive carry its text).
 *
 * The previous tree is reused (its nodes are moved in place: the previous ParsedDocument must not
 * be used afterwards); the result has a new root node, Source and message list.
 */
import type { Point, Position, RstDocument, RstNode } from './nodes.js';
import type { SystemMessage } from './reporter.js';
import { Reporter } from './reporter.js';
import type { DocumentState } from './document.js';
import type { ParserServices, Registry } from './registry.js';
import { Source, TextMap, type Line } from './source.js';
import { parseInline } from './inline.js';
import { bodyLineKind, looksLikeAttribution } from './states/states.js';
import { rolesOrderFree } from './roles/lookup.js';
import { defaultRegistry, type ParsedDocument } from './parse.js';

/** One replacement in the previous text: [start, end) became `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** What the last attempts did (tests count work with it; the LSP reports it). */
export const incrementalStats = {
  /** Edits tried incrementally. */
  attempts: 0,
  /** Edits done incrementally (the others were parsed whole). */
  applied: 0,
  /** Source lines whose inline content the last applied edit parsed (old and new text). */
  lastLines: 0,
  /** Why the last attempt fell back ('' when it was applied). */
  lastReason: '',
};

/** The one replacement that turns `a` into `b` (longest common prefix, then suffix). Compares
 *  blocks of text natively first (a character loop over a 300 kB text costs a millisecond). */
export function diffTexts(a: string, b: string): TextEdit {
  const n = Math.min(a.length, b.length);
  let p = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (p + step <= n && a.slice(p, p + step) === b.slice(p, p + step)) p += step;
  }
  let s = 0;
  const max = n - p;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (s + step <= max && a.slice(a.length - s - step, a.length - s) === b.slice(b.length - s - step, b.length - s)) s += step;
  }
  return { start: p, end: a.length - s, text: b.slice(p, b.length - s) };
}

/** Python's str.splitlines() boundaries and the carriage return: none may be in the edit. */
const BREAKS = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
/** Texts whose lines are split on '\n' only: unist lines are then parse lines. */
const OTHER_BREAKS = /[\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/** Containers whose content the state machine parses as body elements and keeps as nodes only. */
const PLAIN_CONTAINERS = new Set([
  'document', 'section', 'block_quote', 'bullet_list', 'enumerated_list', 'list_item',
  'definition_list', 'definition_list_item', 'definition', 'option_list', 'option_list_item',
  'description', 'footnote', 'citation',
]);

/** Inline node kinds that never note anything in the document and that no transform looks at. */
const INERT_INLINE = new Set([
  'text', 'emphasis', 'strong', 'literal', 'title_reference', 'subscript', 'superscript', 'math',
  'abbreviation', 'acronym', 'inline',
]);

function inert(nodes: readonly RstNode[] | undefined): boolean {
  if (!nodes) return true;
  for (const n of nodes) {
    // Sphinx and kernel roles leave a placeholder ({role, text}); they note nothing either
    if (!INERT_INLINE.has(n.type) && n.attributes?.role === undefined) return false;
    if (n.type === 'text') continue;
    if (n.attributes?.ids?.length || n.attributes?.names?.length || n.attributes?.refname !== undefined) return false;
    if (!inert(n.children)) return false;
  }
  return true;
}

function fail(reason: string): undefined {
  incrementalStats.lastReason = reason;
  return undefined;
}

/**
 * The tree `parse(newText, options)` would give, from `prev` (the parse of the previous text), or
 * undefined when the edit is not one this can prove equal (see the file comment).
 */
export function reparseEdit(prev: ParsedDocument, newText: string, given?: TextEdit, registry: Registry = defaultRegistry()): ParsedDocument | undefined {
  incrementalStats.attempts++;
  const oldSource = prev.source;
  const doc = prev.document;
  if (!doc) return fail('no document state');
  if (prev.includes.length) return fail('includes');
  const oldText = oldSource.raw;
  if (oldText === newText) return fail('same text');
  // the caller's account of the edit (an editor's change) saves comparing the texts; checked
  // for what is cheap to check
  const edit =
    given && given.start <= given.end && given.end <= oldText.length && newText.length === oldText.length - (given.end - given.start) + given.text.length && newText.startsWith(given.text, given.start)
      ? given
      : diffTexts(oldText, newText);
  if (BREAKS.test(edit.text) || BREAKS.test(oldText.slice(edit.start, edit.end))) return fail('line break in edit');
  if (OTHER_BREAKS.test(oldText) || OTHER_BREAKS.test(edit.text)) return fail('line breaks other than LF');
  if (oldText.charCodeAt(0) === 0xfeff) return fail('byte order mark');
  if (!rolesOrderFree(doc)) return fail('document-local roles');
  if (!ownTextOnly(prev)) return fail('text from another file, or nodes kept in node data');

  // the innermost paragraph holding the edit, through plain containers only
  const path: RstNode[] = [];
  let node: RstNode = prev.tree;
  for (;;) {
    path.push(node);
    if (node.type === 'paragraph') break;
    if (!PLAIN_CONTAINERS.has(node.type) || node.data?.directive) return fail(`inside ${node.type}`);
    let next: RstNode | undefined;
    for (const c of node.children ?? []) {
      const p = c.position;
      if (p && p.start.offset < edit.start && edit.end <= p.end.offset) {
        next = c;
        break;
      }
    }
    if (!next) return fail('not in a paragraph');
    node = next;
  }
  const para = node;
  const parent = path[path.length - 2]!;
  const pstart = para.position!.start.offset;
  const pend = para.position!.end.offset;
  const lineno = para.data?.docutilsLine;
  if (typeof lineno !== 'number') return fail('paragraph without line');
  if (para.data && Object.keys(para.data).some((k) => k !== 'docutilsLine')) return fail('paragraph data');
  for (const m of prev.messages) {
    const p = m.position;
    if (p && p.start.offset <= pend && p.end.offset >= pstart) return fail('message at the paragraph');
  }
  if (!inert(para.children)) return fail('markup with side effects (before)');

  const first = para.position!.start.line - 1;
  const last = para.position!.end.line - 1;
  const editLine = oldSource.pointAt(edit.start).line - 1;
  const newSource = oldSource.edited(newText, edit.start, edit.end) ?? new Source(newText, prev.path);
  if (newSource.lineCount !== oldSource.lineCount) return fail('line count');
  const oldLines = blockLines(oldSource, first, last, pstart);
  const newLines = blockLines(newSource, first, last, pstart);
  if (!oldLines || !newLines) return fail('paragraph lines');
  const k = editLine - first;
  const oldLine = oldLines[k]!;
  const newLine = newLines[k]!;
  // the edit comes after the first character of the line's text in its block
  if (edit.start <= oldSource.offset(oldLine.index, oldLine.col)) return fail('edit at the start of a line');
  if (oldLine.col !== newLine.col) return fail('indentation');
  for (const l of [oldLine, newLine]) {
    if (bodyLineKind(l.text) !== 'text' || looksLikeAttribution(l.text)) return fail('line starts a construct');
  }
  if (oldLines[oldLines.length - 1]!.text.endsWith('::') || newLines[newLines.length - 1]!.text.endsWith('::')) return fail('literal block marker');
  const delta = edit.text.length - (edit.end - edit.start);
  const lastNew = newLines[newLines.length - 1]!;
  if (newSource.offset(lastNew.index, lastNew.col + lastNew.text.length) !== pend + delta) return fail('paragraph end moves');

  // the old text parsed again must give the tree's nodes (the lines are rebuilt right)
  const before = fingerprint(doc);
  const scratch = new Reporter();
  const again = parseInline(new TextMap(oldSource, oldLines), services(oldSource, scratch, doc, lineno, registry), lineno, { parent, registry });
  if (scratch.messages.length || again.messages.length) return fail('messages (before)');
  if (!sameNodes(again.nodes, para.children ?? [])) return fail('rebuilt lines differ');
  const fresh = parseInline(new TextMap(newSource, newLines), services(newSource, scratch, doc, lineno, registry), lineno, { parent, registry });
  if (scratch.messages.length || fresh.messages.length) return fail('messages (after)');
  if (!inert(fresh.nodes)) return fail('markup with side effects (after)');
  if (!plainNodes(fresh.nodes)) return fail('nodes kept in node data');
  if (fingerprint(doc) !== before) return fail('document state changed');

  // splice: the paragraph keeps its node (attributes the transforms gave it stay), the rest moves
  para.children = fresh.nodes;
  const shifter = new Shifter(edit.end, delta, editLine + 1);
  const tree: RstDocument = { ...prev.tree };
  shifter.node(tree, para);
  const messages: SystemMessage[] = prev.messages.map((m) => {
    const p = m.position && shifter.position(m.position);
    return p && p !== m.position ? { ...m, position: p } : m;
  });
  ownText.add(tree);
  incrementalStats.applied++;
  incrementalStats.lastLines = oldLines.length;
  incrementalStats.lastReason = '';
  const out: ParsedDocument = { path: prev.path, source: newSource, tree, messages, includes: prev.includes, document: doc };
  // (only the last edit is kept: the previous document would otherwise keep its own previous one)
  edits.delete(prev);
  edits.set(out, { before: prev, after: out, start: pstart, beforeEnd: pend, afterEnd: pend + delta, editStart: edit.start, editEnd: edit.end, delta });
  return out;
}

/** What an applied edit changed: one paragraph's inline content ([start, beforeEnd) of the previous
 *  text, [start, afterEnd) of the new one); the replaced range [editStart, editEnd) of the previous
 *  text, and the length change. The lint keeps findings across it (src/lint/reuse.ts). */
export interface ParagraphEdit {
  before: ParsedDocument;
  after: ParsedDocument;
  start: number;
  beforeEnd: number;
  afterEnd: number;
  editStart: number;
  editEnd: number;
  delta: number;
}

const edits = new WeakMap<ParsedDocument, ParagraphEdit>();

/** The edit `reparseEdit` made `doc` by, when it made it. */
export function paragraphEditOf(doc: ParsedDocument): ParagraphEdit | undefined {
  return edits.get(doc);
}

/** Trees known to hold only nodes and messages from the document's own text. */
const ownText = new WeakSet<RstNode>();

/**
 * Does every node and message come from the document's own text? Not so after an include (even
 * of docutils' own substitution files, whose definitions keep their file's offsets) or any other
 * directive that brings in text: their nodes carry `data.source`, and substitution references
 * replaced by copies of such nodes carry their positions. One walk per tree not made here.
 */
function ownTextOnly(d: ParsedDocument): boolean {
  if (ownText.has(d.tree)) return true;
  if (d.includes.length || d.messages.some((m) => m.source !== undefined)) return false;
  if (!plainNodes([d.tree])) return false;
  ownText.add(d.tree);
  return true;
}

/**
 * No node below `nodes` comes from another file, and none keeps nodes in its data or attributes
 * (a flat-table's `data.table` shares cells with its children: moving positions through both
 * would move some twice).
 */
function plainNodes(nodes: readonly RstNode[]): boolean {
  const stack: RstNode[] = [...nodes];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.data && (n.data.source !== undefined || holdsNodes(n.data, 0))) return false;
    if (n.attributes && holdsNodes(n.attributes, 0)) return false;
    const kids = n.children;
    if (kids) for (let i = 0; i < kids.length; i++) stack.push(kids[i]!);
  }
  return true;
}

function holdsNodes(o: object, depth: number): boolean {
  if (depth > 4) return true;
  for (const v of Object.values(o)) {
    if (v === null || typeof v !== 'object') continue;
    if (isNode(v) || holdsNodes(v, depth + 1)) return true;
  }
  return false;
}

/**
 * A paragraph's lines as the block parser handed them to the inliner: the first from the
 * paragraph's start, the others from their first non-blank column (a paragraph's later lines are
 * flush with its block). Undefined when a line is blank or the first one's start is not plain.
 */
function blockLines(source: Source, first: number, last: number, pstart: number): Line[] | undefined {
  const out: Line[] = [];
  for (let i = first; i <= last; i++) {
    const text = source.lines[i]?.text;
    if (text === undefined) return undefined;
    let col: number;
    if (i === first) {
      const lineStart = source.offset(i, 0);
      col = expandedLength(source.raw, lineStart, pstart);
      if (col > text.length) return undefined;
    } else {
      col = 0;
      while (col < text.length && text.charCodeAt(col) === 32) col++;
    }
    if (col >= text.length) return undefined;
    out.push({ text: col ? text.slice(col) : text, index: i, col });
  }
  return out;
}

/** Length of raw[start, end) once its tabs are expanded as Source expands them (tab stops every 8
 *  Python columns; a surrogate pair is one column but two units). */
function expandedLength(raw: string, start: number, end: number): number {
  let len = 0;
  let col = 0;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x09) {
      const w = 8 - (col % 8);
      len += w;
      col += w;
    } else {
      len++;
      if (!(c >= 0xdc00 && c <= 0xdfff && i > start && raw.charCodeAt(i - 1) >= 0xd800 && raw.charCodeAt(i - 1) <= 0xdbff)) col++;
    }
  }
  return len;
}

function services(source: Source, reporter: Reporter, document: DocumentState, lineNumber: number, registry: Registry): ParserServices & { registry: Registry } {
  return {
    source,
    reporter,
    document,
    lineNumber,
    registry,
    nestedParse() {
      throw new Error('no nested parse in a paragraph');
    },
    parseInline(text: TextMap) {
      return parseInline(text, this, lineNumber, { registry });
    },
    readFile() {
      return { error: 'no file reading in a paragraph' };
    },
  };
}

/** The sizes of everything the parser notes in the document. */
function fingerprint(d: DocumentState): string {
  let refs = 0;
  for (const v of d.refnames.values()) refs += v.length;
  for (const v of d.refids.values()) refs += v.length;
  for (const v of d.footnoteRefs.values()) refs += v.length;
  for (const v of d.citationRefs.values()) refs += v.length;
  let ids = 0;
  for (const v of d.idCounter.values()) ids += v;
  return [
    d.ids.size, d.nameids.size, d.nametypes.size, d.refnames.size, d.refids.size, refs, ids, d.idCounter.size,
    d.indirectTargets.length, d.substitutionDefs.size, d.substitutionNames.size, d.footnoteRefs.size,
    d.citationRefs.size, d.autofootnotes.length, d.autofootnoteRefs.length, d.symbolFootnotes.length,
    d.symbolFootnoteRefs.length, d.footnotes.length, d.citations.length, d.anonymousTargets.length,
    d.anonymousRefs.length, d.autofootnoteStart, d.symbolFootnoteStart,
  ].join(',');
}

/** Moves points at or after the edit's end by its length (columns too on the edited line). New
 *  Position and Point objects: the previous ones may be held elsewhere (facts, findings). */
class Shifter {
  private lastOld: Point | undefined;
  private lastMoved: Point | undefined;
  constructor(
    private readonly from: number,
    private readonly delta: number,
    private readonly line: number,
  ) {}

  point(p: Point): Point {
    if (p.offset < this.from || this.delta === 0) return p;
    // the point a node's end shares with the next node's start is made once (as the parser
    // shares it); other points are made anew (cheaper than looking each up)
    if (this.lastOld === p) return this.lastMoved!;
    const q = { line: p.line, column: p.line === this.line ? p.column + this.delta : p.column, offset: p.offset + this.delta };
    this.lastOld = p;
    this.lastMoved = q;
    return q;
  }

  position(p: Position): Position {
    const s = this.point(p.start);
    const e = this.point(p.end);
    return s === p.start && e === p.end ? p : { start: s, end: e };
  }

  /** Move `n` and its subtree, except below `stop` (the paragraph whose new nodes are in place). */
  node(n: RstNode, stop: RstNode): void {
    const pos = n.position;
    if (pos && pos.end.offset >= this.from) n.position = this.position(pos);
    if (n.data) this.data(n.data as Record<string, unknown>, 0);
    // a few directives keep ranges in attributes (a code block's language)
    if (n.attributes) this.data(n.attributes, 0);
    const kids = n.children;
    if (kids && n !== stop) for (let i = 0; i < kids.length; i++) this.node(kids[i]!, stop);
  }

  /** Objects whose positions were replaced: substitution copies share their definition's data,
   *  whose positions must move once. */
  private readonly moved = new Set<object>();

  /** Positions kept in node data or attributes (directive name, argument and content ranges). */
  private data(o: Record<string, unknown> | unknown[], depth: number): void {
    if (depth > 4) return;
    if (this.moved.size && this.moved.has(o)) return;
    let moved = false;
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) {
        const v = o[i];
        if (v === null || typeof v !== 'object') continue;
        if (isPosition(v)) {
          const p = this.position(v);
          if (p !== v) {
            o[i] = p;
            moved = true;
          }
        } else if (!isNode(v)) this.data(v as Record<string, unknown>, depth + 1);
      }
    } else {
      for (const k in o) {
        const v = o[k];
        if (v === null || typeof v !== 'object') continue;
        if (isPosition(v)) {
          const p = this.position(v);
          if (p !== v) {
            o[k] = p;
            moved = true;
          }
        } else if (!isNode(v)) this.data(v as Record<string, unknown>, depth + 1);
      }
    }
    if (moved) this.moved.add(o);
  }
}

function isPosition(v: object): v is Position {
  const p = v as Partial<Position>;
  return typeof p.start === 'object' && typeof p.end === 'object' && typeof p.start?.offset === 'number';
}

function isNode(v: object): boolean {
  return typeof (v as RstNode).type === 'string';
}

/** Same nodes: kinds, values, attributes, data, positions (by value), children. */
export function sameNodes(a: readonly RstNode[], b: readonly RstNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i], 0)) return false;
  return true;
}

function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth > 64 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], bb[i], depth + 1)) return false;
    return true;
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}
