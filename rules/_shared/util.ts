/**
 * Helpers shared by the kernel documentation rules: source lines, positions, tree walks,
 * column widths, edit distance. Everything here is pure and linear in its input.
 */
import type { Point, Position, RstNode } from '../../src/rst/nodes.js';
import type { ParsedDocument } from '../../src/rst/parse.js';
import type { TextEdit } from '../../src/lint/types.js';
import { VERBATIM } from '../../src/lint/facts.js';
import { docCache } from '../../src/lint/doc-caches.js';

/** One physical source line: `start`..`end` excludes the line break; `eolEnd` includes it. */
export interface SrcLine {
  start: number;
  end: number;
  eolEnd: number;
  text: string;
}

const linesCache = docCache<SrcLine[]>();

/** Where each physical line starts and ends, without a string or an object per line (a rule that
 *  reads a few lines, the headings', then allocates nothing for the others). */
export interface LineTable {
  count: number;
  start: Int32Array;
  end: Int32Array;
  eolEnd: Int32Array;
}
const tablesCache = docCache<LineTable>();

/** Line boundaries of the raw source: `sourceLines` without the text of each line. */
export function lineTable(doc: ParsedDocument): LineTable {
  const key = doc.source as object;
  const hit = tablesCache.get(key);
  if (hit) return hit;
  const raw = doc.source.raw;
  let cap = 64;
  let t: LineTable = { count: 0, start: new Int32Array(cap), end: new Int32Array(cap), eolEnd: new Int32Array(cap) };
  const push = (start: number, end: number, eolEnd: number): void => {
    if (t.count === cap) {
      cap *= 2;
      const grown: LineTable = { count: t.count, start: new Int32Array(cap), end: new Int32Array(cap), eolEnd: new Int32Array(cap) };
      grown.start.set(t.start);
      grown.end.set(t.end);
      grown.eolEnd.set(t.eolEnd);
      t = grown;
    }
    t.start[t.count] = start;
    t.end[t.count] = end;
    t.eolEnd[t.count] = eolEnd;
    t.count++;
  };
  let start = 0;
  const n = raw.length;
  let nextCR = raw.indexOf('\r');
  let nextLF = raw.indexOf('\n');
  while (start < n) {
    // keep the next CR / LF positions (each found once: linear)
    if (nextLF >= 0 && nextLF < start) nextLF = raw.indexOf('\n', start);
    if (nextCR >= 0 && nextCR < start) nextCR = raw.indexOf('\r', start);
    let i = nextLF;
    if (nextCR >= 0 && (i < 0 || nextCR < i)) i = nextCR;
    if (i < 0) break;
    let eolEnd = i + 1;
    if (raw.charCodeAt(i) === 0x0d && raw.charCodeAt(i + 1) === 0x0a) eolEnd = i + 2;
    push(start, i, eolEnd);
    start = eolEnd;
  }
  if (start < n || n === 0) push(start, n, n);
  tablesCache.set(key, t);
  return t;
}

/** Physical lines of the raw source (\n, \r\n and \r breaks, as unist counts lines). */
export function sourceLines(doc: ParsedDocument): SrcLine[] {
  const key = doc.source as object;
  const cached = linesCache.get(key);
  if (cached) return cached;
  const raw = doc.source.raw;
  const t = lineTable(doc);
  const out: SrcLine[] = new Array(t.count);
  for (let i = 0; i < t.count; i++) out[i] = { start: t.start[i]!, end: t.end[i]!, eolEnd: t.eolEnd[i]!, text: raw.slice(t.start[i]!, t.end[i]!) };
  linesCache.set(key, out);
  return out;
}

/** The number of physical lines (`sourceLines(doc).length`). */
export function sourceLineCount(doc: ParsedDocument): number {
  return linesCache.get(doc.source as object)?.length ?? lineTable(doc).count;
}

/** One physical line (`sourceLines(doc)[i]`), made on demand. */
export function sourceLine(doc: ParsedDocument, i: number): SrcLine | undefined {
  const all = linesCache.get(doc.source as object);
  if (all) return all[i];
  const t = lineTable(doc);
  if (!(i >= 0 && i < t.count)) return undefined;
  return { start: t.start[i]!, end: t.end[i]!, eolEnd: t.eolEnd[i]!, text: doc.source.raw.slice(t.start[i]!, t.end[i]!) };
}

/** The document's line break ("\n" unless the file uses CRLF or CR). */
export function eolOf(doc: ParsedDocument): string {
  const raw = doc.source.raw;
  const i = raw.indexOf('\n');
  const j = raw.indexOf('\r');
  if (j >= 0 && (i < 0 || j < i)) return raw.charCodeAt(j + 1) === 0x0a ? '\r\n' : '\r';
  return '\n';
}

export function point(doc: ParsedDocument, offset: number): Point {
  return doc.source.pointAt(offset);
}

export function span(doc: ParsedDocument, start: number, end: number): Position {
  return { start: doc.source.pointAt(start), end: doc.source.pointAt(Math.max(start, end)) };
}

export function edit(doc: ParsedDocument, start: number, end: number, newText: string): TextEdit {
  return { range: span(doc, start, end), newText };
}

/** 1-based line → SrcLine (undefined when out of range). */
export function lineAt(doc: ParsedDocument, line: number): SrcLine | undefined {
  return sourceLines(doc)[line - 1];
}

/** Whole-document place: the first line (found directly: most documents never need their lines). */
export function documentPlace(doc: ParsedDocument): Position {
  const raw = doc.source.raw;
  const lf = raw.indexOf('\n');
  const cr = raw.indexOf('\r');
  const end = lf < 0 ? (cr < 0 ? raw.length : cr) : cr < 0 ? lf : Math.min(lf, cr);
  return span(doc, 0, end);
}

export { VERBATIM } from '../../src/lint/facts.js';

/** Is the node from an included file (its text is not in this document's source)? */
export function fromInclude(node: RstNode): boolean {
  return node.data?.source !== undefined;
}

/**
 * Walk the prose of a document: calls `visit` for every node outside verbatim content and
 * outside included files. Return false to skip a subtree.
 */
export function walkProse(
  root: RstNode,
  visit: (node: RstNode, ancestors: readonly RstNode[]) => boolean | void,
): void {
  const stack: RstNode[] = [];
  const go = (n: RstNode): void => {
    if (VERBATIM.has(n.type) || fromInclude(n)) return;
    if (visit(n, stack) === false) return;
    if (!n.children) return;
    stack.push(n);
    for (const c of n.children) go(c);
    stack.pop();
  };
  go(root);
}

/** Every node of a given type (pre-order), in this document's own source. */
export function nodesOfType(root: RstNode, types: ReadonlySet<string> | string): RstNode[] {
  const set = typeof types === 'string' ? new Set([types]) : types;
  const out: RstNode[] = [];
  const go = (n: RstNode): void => {
    if (fromInclude(n)) return;
    if (set.has(n.type)) out.push(n);
    if (n.children) for (const c of n.children) go(c);
  };
  go(root);
  return out;
}

/** docutils' column_width: East Asian wide and fullwidth characters count 2, combining marks 0. */
export function columnWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isCombining(cp)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isCombining(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0x3099 && cp <= 0x309a)
  );
}

/** East Asian Width W or F (the ranges of Unicode's EastAsianWidth.txt, condensed). */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x231a && cp <= 0x231b) ||
    (cp >= 0x2329 && cp <= 0x232a) ||
    (cp >= 0x23e9 && cp <= 0x23ec) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x2fffd) ||
    (cp >= 0x30000 && cp <= 0x3fffd)
  );
}

/** Optimal string alignment distance, giving up (returning max+1) beyond `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0]!;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

/** Source offsets of a node (undefined when it has no position). */
export function offsets(node: RstNode): [number, number] | undefined {
  const p = node.position;
  return p ? [p.start.offset, p.end.offset] : undefined;
}

/** Read a typed option with a default. */
export function opt<T>(options: Record<string, unknown> | undefined, key: string, fallback: T): T {
  const v = options?.[key];
  return v === undefined ? fallback : (v as T);
}
