/**
 * Section titles of a document with their adornments, read back from the source: which character,
 * whether there is an overline, the lines involved, and the section depth.
 */
import { toText, type RstNode } from '../../src/rst/nodes.js';
import type { ParsedDocument } from '../../src/rst/parse.js';
import { docFacts } from './facts.js';
import { docCache } from '../../src/lint/doc-caches.js';
import { columnWidth, sourceLine, sourceLineCount, type SrcLine } from './util.js';

export interface Heading {
  section: RstNode;
  title: RstNode;
  /** 1 = document title level (top-level section). */
  depth: number;
  /** Adornment character. */
  char: string;
  overline: boolean;
  /** 0-based indices into sourceLines(doc). */
  overIndex?: number;
  textIndex: number;
  underIndex: number;
  /** The title text as written (trimmed). */
  text: string;
}

/** `=o` for `=` over and under, `=` for underline only. */
export function styleKey(h: { char: string; overline: boolean }): string {
  return h.overline ? `${h.char}o` : h.char;
}

const ADORN = /^([!-/:-@[-`{-~])\1*\s*$/;

/** An adornment line: one repeated punctuation character (docutils' `non_alphanum_7bit`). */
export function adornmentChar(text: string): string | undefined {
  const m = ADORN.exec(text);
  return m ? m[1] : undefined;
}

const headingsCache = docCache<Heading[]>();

export function findHeadings(doc: ParsedDocument): Heading[] {
  const hit = headingsCache.get(doc.tree);
  if (hit) return hit;
  // the lines around each title only (most of a document's lines are never looked at here)
  const lines: Lines = { count: sourceLineCount(doc), at: (i) => sourceLine(doc, i) };
  const out: Heading[] = [];
  for (const { node, depth } of docFacts(doc).sections) {
    const title = node.children?.find((c) => c.type === 'title');
    if (!title?.position) continue;
    const h = locate(lines, node, title, depth);
    if (h) out.push(h);
  }
  headingsCache.set(doc.tree, out);
  return out;
}

interface Lines {
  count: number;
  at(i: number): SrcLine | undefined;
}

function locate(lines: Lines, section: RstNode, title: RstNode, depth: number): Heading | undefined {
  const p = title.position!;
  let i = p.start.line - 1;
  const last = p.end.line - 1;
  // the title position may start at the overline
  if (adornmentChar(lines.at(i)?.text ?? '') !== undefined && i + 1 <= lines.count - 1 && adornmentChar(lines.at(i + 1)!.text) === undefined) {
    i++;
  }
  const text = lines.at(i);
  if (!text) return undefined;
  // guard: the title's text must be on that line of this document (a node from an included file
  // that the parser did not mark with data.source would point into the other file)
  const norm = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
  const want = norm(toText(title));
  if (want && !norm(text.text).includes(want.slice(0, 24))) return undefined;
  // underline: the first adornment line after the text line (titles are one line of text)
  let u = i + 1;
  while (u <= Math.max(last, i + 1) && u < lines.count && adornmentChar(lines.at(u)!.text) === undefined) u++;
  const under = lines.at(u);
  const ch = under ? adornmentChar(under.text) : undefined;
  if (!under || !ch) return undefined;
  const above = lines.at(i - 1);
  let overline = false;
  if (above && adornmentChar(above.text) === ch) {
    const above2 = lines.at(i - 2);
    const startsAtOver = p.start.line - 1 === i - 1 || (section.position && section.position.start.line - 1 <= i - 1);
    if (!above2 || above2.text.trim() === '' || startsAtOver) overline = true;
  }
  const h: Heading = {
    section,
    title,
    depth,
    char: ch,
    overline,
    textIndex: i,
    underIndex: u,
    text: text.text.trim(),
  };
  if (overline) h.overIndex = i - 1;
  return h;
}

/** The adornment block rewritten in a style: lines joined with `eol`, no trailing break. */
export function renderHeading(text: string, char: string, overline: boolean, eol: string): string {
  // docutils measures the tab-expanded text (tab stops every 8 columns)
  const w = Math.max(columnWidth(expandTabs(text)), 1);
  const bar = char.repeat(w);
  return overline ? `${bar}${eol}${text}${eol}${bar}` : `${text}${eol}${bar}`;
}

/** Python's str.expandtabs(8), counting columns with East Asian widths as docutils does not
 *  (tab stops are in code points; close enough for titles). */
export function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let col = 0;
  for (const ch of text) {
    if (ch === '\t') {
      const n = 8 - (col % 8);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col++;
    }
  }
  return out;
}
