/**
 * Text a directive takes as an argument or option that Sphinx parses as inline markup when the
 * directive runs (the tree keeps it as the string docutils' parser leaves there, so it is parsed
 * here, at write time):
 *
 * - `code-block` / `literalinclude` `:caption:` and the kernel's `kernel-render` / `kernel-figure`
 *   `:caption:` — `nested_parse` of the one line, the first node's children in a `caption`;
 * - `versionadded` / `versionchanged` / `deprecated` text after the version, `seealso`'s argument
 *   — `inline_text` in a `paragraph` (the kernel's automarkup runs on it);
 * - `centered` — `inline_text` in a `centered` text element (smart quotes, no automarkup).
 *
 * Left as plain text, as Sphinx 5.3 leaves it: toctree `:caption:` (a `Text` node, not even smart
 * quotes), image/figure `:alt:` (an attribute). Titles docutils parses itself (admonition, table,
 * `list-table`, `csv-table`, `flat-table`, topic, sidebar, rubric, figure captions) are inline nodes
 * in the tree already.
 *
 * References to the document's own targets (`name_`) and its substitutions (`|name|`) are
 * resolved against the document's bookkeeping, as they are when Sphinx parses the caption inside
 * the document.
 */
import type { RstNode } from '../rst/nodes.js';
import { toText } from '../rst/nodes.js';
import type { ParsedDocument } from '../rst/parse.js';
import { parse } from '../rst/parse.js';

/** Characters without which a one-line text holds no inline markup (as the inline parser's own
 *  shortcut; `:` and `@` for URIs, roles and e-mail addresses). */
const MAY_HOLD_MARKUP = /[*`_|[:@\\]/;

/** Work counter (the tests read it): captions that went through the parser. */
export const inlineTextStats = { parsed: 0 };

/**
 * The inline nodes of `text` as Sphinx makes them: `'nested'` — the first node of the text parsed
 * as body elements, its children (a caption); `'inline'` — the text's inline markup. Positions
 * are those of the text in the document's source when it is found there on `at`'s lines.
 */
export function inlineNodes(text: string, doc: ParsedDocument | undefined, at: RstNode | undefined, mode: 'nested' | 'inline'): RstNode[] {
  const place = doc && at?.position ? findText(doc, at, text) : undefined;
  if (!MAY_HOLD_MARKUP.test(text)) return [{ type: 'text', value: text, ...(place ? { position: { start: place, end: { line: place.line, column: place.column + text.length, offset: place.offset + text.length } } } : {}) }];
  inlineTextStats.parsed++;
  // one line parsed as a document of its own, without the transforms: its references and
  // substitutions are the enclosing document's (resolved below), not unresolved ones of its own
  const mini = parse(mode === 'inline' ? indentAsParagraph(text) : text + '\n', { transforms: false });
  const first = mini.tree.children?.[0];
  let nodes: RstNode[];
  if (!first) nodes = [];
  else if (mode === 'inline') nodes = paragraphOf(first)?.children ?? [{ type: 'text', value: text }];
  else nodes = first.children ?? [{ type: 'text', value: toText(first) }];
  if (place) for (const n of nodes) shift(n, place, mode === 'inline' ? INLINE_INDENT.length : 0);
  else for (const n of nodes) strip(n);
  return doc?.document ? nodes.map((n) => resolve(n, doc)) : nodes;
}

/** The plain text of a caption given as text (what a `:ref:` to it shows as its title). */
export function captionAsText(text: string): string {
  return inlineNodes(text, undefined, undefined, 'nested').map(toText).join('');
}

/** A one-line document that is a paragraph whatever the text looks like (`1. x`, `- x`, `:x: y`
 *  would start a list or a field list): inside a block quote, after an indentation that only a
 *  paragraph can follow... except that it is a block quote itself; the paragraph is inside it. */
const INLINE_INDENT = '\\ ';
function indentAsParagraph(text: string): string {
  // an escaped space ("\ ") before the text: docutils drops it, and no list, field list,
  // directive or target can start with it, so the line is a paragraph
  return INLINE_INDENT + text + '\n';
}

function paragraphOf(n: RstNode): RstNode | undefined {
  return n.type === 'paragraph' ? n : undefined;
}

interface Point {
  line: number;
  column: number;
  offset: number;
}

/** Where `text` is written within `at`'s source range (an option's value is on one line). */
function findText(doc: ParsedDocument, at: RstNode, text: string): Point | undefined {
  const pos = at.position!;
  const raw = doc.source.raw;
  const i = raw.indexOf(text, pos.start.offset);
  if (i < 0 || i + text.length > pos.end.offset + text.length || raw.slice(i, i + text.length).includes('\n')) return undefined;
  const lineStart = raw.lastIndexOf('\n', i - 1) + 1;
  let line = pos.start.line;
  for (let k = raw.indexOf('\n', pos.start.offset); k >= 0 && k < lineStart; k = raw.indexOf('\n', k + 1)) line++;
  return { line, column: i - lineStart + 1, offset: i };
}

/** Move a node parsed on line 1 of its own text to `at` (minus the `skip` characters put before
 *  the text). */
function shift(n: RstNode, at: Point, skip: number): void {
  const p = n.position;
  if (p) {
    // (the first text leaf's range starts on the characters put before the text)
    const move = (q: Point): Point => ({ line: at.line, column: at.column + Math.max(0, q.column - 1 - skip), offset: at.offset + Math.max(0, q.offset - skip) });
    n.position = { start: move(p.start), end: move(p.end) };
  }
  for (const c of n.children ?? []) shift(c, at, skip);
}

/** Positions of the one-line document mean nothing in the page's source. */
function strip(n: RstNode): void {
  delete n.position;
  for (const c of n.children ?? []) strip(c);
}

/** A reference to a target of the document, or a substitution it defines, as the document's
 *  transforms would have made it. */
function resolve(n: RstNode, doc: ParsedDocument): RstNode {
  const state = doc.document!;
  const a = n.attributes;
  if (n.type === 'substitution_reference' && typeof a?.refname === 'string') {
    const name = state.substitutionNames.get(a.refname.toLowerCase()) ?? a.refname;
    const def = state.substitutionDefs.get(name);
    if (def) return { type: 'inline', children: (def.children ?? []).map((c) => c) };
    return n;
  }
  if (n.type === 'reference' && typeof a?.refname === 'string' && a.refuri === undefined && a.refid === undefined) {
    const id = state.nameids.get(a.refname);
    const target = id ? state.ids.get(id) : undefined;
    const refuri = target?.attributes?.refuri;
    if (typeof refuri === 'string') n = { ...n, attributes: { ...a, refuri } };
    else if (id) n = { ...n, attributes: { ...a, refid: id } };
  }
  if (n.children) n = { ...n, children: n.children.map((c) => resolve(c, doc)) };
  return n;
}
