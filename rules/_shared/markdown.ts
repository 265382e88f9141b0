/**
 * Markdown checks on rst prose: paragraphs (outside literal blocks, comments and directive content
 * that is not rst) are re-read from the source and, when a cheap pre-filter says they might hold a
 * Markdown construct, parsed with remark-parse's parser (mdast-util-from-markdown) to decide whether
 * Markdown would really read them so.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Root, RootContent } from 'mdast';
import type { RstNode } from '../../src/rst/nodes.js';
import type { ParsedDocument } from '../../src/rst/parse.js';
import { docFacts, type ParagraphInfo } from './facts.js';
import { lineTable } from './util.js';
import { docCache } from '../../src/lint/doc-caches.js';

export interface ProseBlock {
  node: RstNode;
  /** Paragraph text with its indentation removed, lines joined with '\n'. */
  text: string;
  /** Source offset of the first character of each line of `text`. */
  lineOffsets: number[];
  /** 0-based source line index of each line. */
  lineIndices: number[];
  info: ParagraphInfo;
  /** Source ranges [start, end) that are not prose (inline literals, roles); computed lazily. */
  code?: [number, number][];
}

const blocksCache = docCache<Map<RstNode, ProseBlock>>();
const CODE_INLINE = new Set(['literal', 'math', 'raw', 'substitution_reference', 'target', 'footnote_reference', 'citation_reference']);

/**
 * Paragraphs of the document's own prose whose source contains one of `triggers` (a cheap
 * substring test on the raw text; the block itself is built only then, and cached). `accept`, when
 * given, is asked first with the paragraph's source as written (indentation and line breaks kept):
 * a pre-filter that gives the same answer on that text as on the block's, so that blocks it
 * rejects are never built.
 */
export function proseBlocks(doc: ParsedDocument, triggers: readonly string[], accept?: (source: string) => boolean): ProseBlock[] {
  const raw = doc.source.raw;
  const out: ProseBlock[] = [];
  if (triggers.every((t) => !raw.includes(t))) return out;
  let cache = blocksCache.get(doc.tree);
  if (!cache) blocksCache.set(doc.tree, (cache = new Map()));
  const spans = paragraphSpans(doc);
  // per trigger, its first occurrence at or after `from` (-1: none): paragraphs come in source
  // order, so the searches move forward through the text and read it once (no list of every
  // occurrence: a '_' trigger has thousands in a document)
  const from = new Array<number>(triggers.length).fill(-1);
  const next = new Array<number>(triggers.length).fill(-1);
  for (let pi = 0; pi < spans.infos.length; pi++) {
    const s = spans.start[pi]!;
    if (s < 0) continue;
    const e = spans.end[pi]!;
    const info = spans.infos[pi]!;
    let hit = false;
    for (let k = 0; k < triggers.length && !hit; k++) {
      // still the first occurrence at or after s? (none in [from, s) since none before `next`)
      if (from[k]! < 0 || s < from[k]! || (next[k]! >= 0 && next[k]! < s)) {
        from[k] = s;
        next[k] = raw.indexOf(triggers[k]!, s);
        markdownStats.searches++;
      }
      const at = next[k]!;
      if (at >= 0 && at + triggers[k]!.length <= e) hit = true;
    }
    if (!hit) continue;
    if (accept && !accept(raw.slice(s, e))) continue;
    let b = cache.get(info.node);
    if (!b) cache.set(info.node, (b = buildBlock(doc, info)));
    out.push(b);
  }
  return out;
}

/** Work counters: searches for a trigger in a document's text (`proseBlocks`), and texts handed
 *  to the Markdown parser (`parseMarkdown`). */
export const markdownStats = { searches: 0, parses: 0 };

/** The document's paragraphs with their source ranges in typed arrays (-1: no position), read
 *  once for the five Markdown rules that look for their triggers in each paragraph. */
interface ParagraphSpans {
  infos: ParagraphInfo[];
  start: Int32Array;
  end: Int32Array;
}
const spansCache = docCache<ParagraphSpans>();

function paragraphSpans(doc: ParsedDocument): ParagraphSpans {
  let hit = spansCache.get(doc.tree);
  if (hit) return hit;
  const infos = docFacts(doc).paragraphs;
  hit = { infos, start: new Int32Array(infos.length), end: new Int32Array(infos.length) };
  for (let i = 0; i < infos.length; i++) {
    const p = infos[i]!.node.position;
    hit.start[i] = p ? p.start.offset : -1;
    hit.end[i] = p ? p.end.offset : -1;
  }
  spansCache.set(doc.tree, hit);
  return hit;
}

function buildBlock(doc: ParsedDocument, info: ParagraphInfo): ProseBlock {
  // line boundaries only: a string for every line of the document cost more than the blocks
  const lines = lineTable(doc);
  const raw = doc.source.raw;
  const n = info.node;
  const p = n.position!;
  const col = p.start.column - 1;
  const first = p.start.line - 1;
  const last = Math.min(p.end.line - 1, lines.count - 1);
  const parts: string[] = [];
  const lineOffsets: number[] = [];
  const lineIndices: number[] = [];
  for (let i = first; i <= last; i++) {
    const lineEnd = lines.end[i]!;
    let s = i === first ? p.start.offset : lines.start[i]!;
    if (i !== first) {
      // strip up to the paragraph's indentation
      let k = 0;
      while (k < col && s < lineEnd && (raw[s] === ' ' || raw[s] === '\t')) {
        s++;
        k++;
      }
    }
    const e = i === last ? Math.min(p.end.offset, lineEnd) : lineEnd;
    parts.push(raw.slice(s, Math.max(s, e)));
    lineOffsets.push(s);
    lineIndices.push(i);
  }
  return { node: n, info, text: parts.join('\n'), lineOffsets, lineIndices };
}

/** Source ranges [start, end) inside the paragraph that are not prose (inline literals, roles). */
function codeRanges(block: ProseBlock): [number, number][] {
  if (block.code) return block.code;
  const code: [number, number][] = [];
  const collect = (c: RstNode): void => {
    if (c.position && (CODE_INLINE.has(c.type) || typeof c.attributes?.role === 'string')) {
      code.push([c.position.start.offset, c.position.end.offset]);
      return;
    }
    for (const k of c.children ?? []) collect(k);
  };
  for (const c of block.node.children ?? []) collect(c);
  code.sort((a, b) => a[0] - b[0]);
  block.code = code;
  return code;
}

/** Source offset of a remark point (1-based line/column within `block.text`). */
export function blockOffset(block: ProseBlock, line: number, column: number): number {
  const base = block.lineOffsets[line - 1];
  return base === undefined ? block.lineOffsets[block.lineOffsets.length - 1]! : base + column - 1;
}

export function inCode(block: ProseBlock, start: number, end: number): boolean {
  // the ranges are in source order and disjoint: only the last one starting before `end` can
  // overlap [start, end) (binary search: a paragraph with thousands of literals stays linear)
  const code = codeRanges(block);
  let lo = 0;
  let hi = code.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (code[mid]![0] < end) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && code[lo - 1]![1] > start;
}

/** Markdown text → mdast, as `unified().use(remarkParse).parse(text)` gives it. */
type MarkdownParser = (text: string) => Root;

/** remark-parse's parser is mdast-util-from-markdown called with no extensions (none are used
 *  here): that, without unified and vfile around it, is ≈ 30 ms of CPU less to load in a cold
 *  run (80 instead of 110 ms, 2026-12-05). Resolved from remark-parse, whose dependency it is,
 *  so that it is the very module remark-parse would call. */
function fromMarkdownPath(): string {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('remark-parse')).resolve('mdast-util-from-markdown');
}

/** The parser (≈ 40 modules) is loaded when a paragraph first gets past the pre-filters: most
 *  documents — and a language server's first diagnostics — never need it. Synchronously, with
 *  require(esm), where Node has it (20.19+); on an older Node it is imported with this module. */
async function importParser(): Promise<MarkdownParser> {
  const mod = (await import(pathToFileURL(fromMarkdownPath()).href)) as { fromMarkdown: MarkdownParser };
  return (text) => mod.fromMarkdown(text);
}

function requireParser(): MarkdownParser {
  const mod = createRequire(import.meta.url)(fromMarkdownPath()) as { fromMarkdown: MarkdownParser };
  return (text) => mod.fromMarkdown(text);
}

let processor: MarkdownParser | undefined = (process.features as { require_module?: boolean }).require_module ? undefined : await importParser();

export function parseMarkdown(text: string): Root {
  const parse = (processor ??= requireParser());
  markdownStats.parses++;
  try {
    return parse(text);
  } catch {
    return { type: 'root', children: [] };
  }
}

/** Every mdast node (pre-order) of the given type. */
export function mdNodes<T extends RootContent['type']>(root: Root, type: T): Extract<RootContent, { type: T }>[] {
  const out: RootContent[] = [];
  const go = (n: { type: string; children?: unknown[] }): void => {
    if (n.type === type) out.push(n as RootContent);
    for (const c of (n.children ?? []) as { type: string; children?: unknown[] }[]) go(c);
  };
  go(root as unknown as { type: string; children?: unknown[] });
  return out as Extract<RootContent, { type: T }>[];
}

/** rst inline markup start: at line start, after whitespace, or after these characters. */
export function rstStartOk(before: string | undefined): boolean {
  return before === undefined || before === '\n' || /[\s\-:/'"<([{\u2018\u201c\u00ab]/u.test(before);
}

/** rst inline markup end: at end, before whitespace, or before these characters. */
export function rstEndOk(after: string | undefined): boolean {
  return after === undefined || after === '\n' || /[\s\-.,:;!?\\/'")\]}>\u2019\u201d\u00bb]/u.test(after);
}

/** Largest text handed to remark in one piece by `parseMarkdownPieces`. micromark's emphasis
 *  resolution splices its event list once per delimiter pair, which is quadratic in the length of
 *  a paragraph (one line of `a _not_ ` × 40,000 took 8 s); paragraphs of the 6.12 tree are far
 *  shorter, so only pathological input is cut. */
export const MARKDOWN_PIECE = 4000;

export interface MarkdownPiece {
  root: Root;
  /** 1-based line and column in the whole text where the piece starts. */
  line: number;
  column: number;
}

/**
 * Parse `text` with remark in pieces of at most MARKDOWN_PIECE characters, cut at a line break
 * when there is one in the second half of the piece, else at a space (a construct that spans a cut
 * is not seen: only in text far longer than any real paragraph). Linear in the text.
 */
export function parseMarkdownPieces(text: string, limit = MARKDOWN_PIECE): MarkdownPiece[] {
  if (text.length <= limit) return [{ root: parseMarkdown(text), line: 1, column: 1 }];
  const out: MarkdownPiece[] = [];
  let start = 0;
  let line = 1;
  let column = 1;
  while (start < text.length) {
    let end = Math.min(text.length, start + limit);
    if (end < text.length) {
      // look back only to the middle of the piece (lastIndexOf would scan to the text's start)
      const half = start + (limit >> 1);
      let nl = -1;
      let sp = -1;
      for (let i = end - 1; i >= half && nl < 0; i--) {
        const c = text.charCodeAt(i);
        if (c === 10) nl = i;
        else if (c === 32 && sp < 0) sp = i;
      }
      if (nl >= 0) end = nl + 1;
      else if (sp >= 0) end = sp + 1;
    }
    const piece = text.slice(start, end);
    out.push({ root: parseMarkdown(piece), line, column });
    // where the next piece starts
    let breaks = 0;
    for (let i = piece.indexOf('\n'); i >= 0; i = piece.indexOf('\n', i + 1)) breaks++;
    if (breaks) {
      line += breaks;
      column = piece.length - piece.lastIndexOf('\n');
    } else column += piece.length;
    start = end;
  }
  return out;
}

/** A point of a piece's tree as a point of the whole text. */
export function pieceToText(piece: MarkdownPiece, line: number, column: number): { line: number; column: number } {
  return line === 1 ? { line: piece.line, column: piece.column + column - 1 } : { line: piece.line + line - 1, column };
}
