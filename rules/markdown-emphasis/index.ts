/**
 * markdown-emphasis: Markdown `_word_` emphasis in rst prose renders with its underscores (rst reads
 * `_word_` as plain text). Reported when remark-parse reads it as emphasis and the emphasised text
 * is words (letters, spaces, hyphens, apostrophes), not an identifier such as `_PAGE_SIZE_` or
 * `__func__`.
 *
 * Fix: `*word*`, when the rst inline-markup rules allow `*` at those places.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { blockOffset, inCode, MARKDOWN_PIECE, mdNodes, parseMarkdownPieces, pieceToText, proseBlocks, rstEndOk, rstStartOk } from '../_shared/markdown.js';
import { edit, span } from '../_shared/util.js';

/** Cheap pre-filter: `_` + letter ... letter + `_` between non-word characters (linear scan).
 *  A candidate never spans a line break, so the answer is the same on a paragraph's source as on
 *  its block text (which differs only in indentation and line breaks). */
export function hasUnderscoreEmphasis(text: string): boolean {
  for (let i = text.indexOf('_'); i >= 0; i = text.indexOf('_', i + 1)) {
    if (i > 0 && isWord(text.charCodeAt(i - 1))) continue;
    let j = i + 1;
    while (j < text.length && isInner(text.charCodeAt(j))) j++;
    // (`j < text.length` first: a read past the end deoptimises the compiled scan)
    if (j > i + 1 && j < text.length && text.charCodeAt(j) === 95 /* _ */ && isLetter(text.charCodeAt(j - 1)) && !(j + 1 < text.length && isWord(text.charCodeAt(j + 1)))) return true;
  }
  return false;
}

// (character tests by code: a regex test per character cost more than the rest of the rule)
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `\w`: ASCII letters, digits, `_`. */
function isWord(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

/** `[A-Za-z' -]`. */
function isInner(c: number): boolean {
  return isLetter(c) || c === 39 || c === 32 || c === 45;
}

/**
 * What remark-parse reads as emphasis in one line of plain prose, without calling it: the spans
 * [start, end) of its `emphasis` nodes in document order, or undefined when the line is not plain.
 *
 * Plain: a paragraph of text whose only inline markup is single `_` delimiters — no backslash,
 * backtick, `*`, `[`, `]`, `<`, `&` (escapes, code, the other emphasis marker, links, autolinks and
 * HTML, character references: CommonMark's other inline constructs), no `__`, no tab or control
 * character, nothing before it, and no block construct at its start (heading, quote, list item,
 * fence, thematic break). Such a line is data and `_` runs of one, and micromark's attention
 * resolution (micromark-core-commonmark's `attention`) comes down to this: a `_` opens when the
 * character after it is not whitespace and (not punctuation, or the one before is whitespace or
 * punctuation), and the one before is not a letter-like character that would also let it close;
 * it closes in the mirror case; each closer, left to right, takes the nearest earlier opener still
 * unused, and the `_` between the two become text. (Runs of one never meet the rule of three.)
 * test/rules/markdown-emphasis-plain.test.ts compares this with remark on generated and real lines.
 */
export function plainLineEmphasis(line: string): [number, number][] | undefined {
  const n = line.length;
  if (n === 0 || n > MARKDOWN_PIECE) return undefined;
  const c0 = line.charCodeAt(0);
  const c1 = n > 1 ? line.charCodeAt(1) : -1;
  // block constructs at the start (a line of text alone: a paragraph otherwise)
  if (c0 === 32 || c0 === 0xfeff || c0 === 35 /* # */ || c0 === 62 /* > */ || c0 === 126 /* ~ */ || c0 === 61 /* = */) return undefined;
  if ((c0 === 45 /* - */ || c0 === 43 /* + */) && (c1 === -1 || c1 === 32 || c1 === c0)) return undefined;
  if (c0 === 95 && !((c1 >= 65 && c1 <= 90) || (c1 >= 97 && c1 <= 122))) return undefined;
  if (c0 >= 48 && c0 <= 57) return undefined;
  const runs: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c < 32 || c === 92 || c === 96 || c === 42 || c === 91 || c === 93 || c === 60 || c === 38 || c === 127) return undefined;
    if (c === 95) {
      if (i + 1 < n && line.charCodeAt(i + 1) === 95) return undefined;
      runs.push(i);
    }
  }
  const open: boolean[] = [];
  const close: boolean[] = [];
  for (const i of runs) {
    const before = classify(i > 0 ? line.charCodeAt(i - 1) : -1);
    const after = classify(i + 1 < n ? line.charCodeAt(i + 1) : -1);
    const o = after === 0 || (after === 2 && before !== 0);
    const c = before === 0 || (before === 2 && after !== 0);
    open.push(o && (before !== 0 || !c));
    close.push(c && (after !== 0 || !o));
  }
  // 0 unused, 1 used by a span, 2 inside a span (text)
  const state = new Uint8Array(runs.length);
  const spans: [number, number][] = [];
  for (let k = 0; k < runs.length; k++) {
    if (!close[k] || state[k] !== 0) continue;
    let j = k - 1;
    while (j >= 0 && !(state[j] === 0 && open[j])) j--;
    if (j < 0) continue;
    for (let m = j + 1; m < k; m++) if (state[m] === 0) state[m] = 2;
    state[j] = state[k] = 1;
    spans.push([runs[j]!, runs[k]! + 1]);
  }
  // (the spans inside a span were made before it: pre-order is by start)
  return spans.sort((a, b) => a[0] - b[0]);
}

/** micromark's character classes: 1 whitespace (and the line's ends, -1), 2 punctuation or
 *  symbol, 0 other. By UTF-16 code unit, as micromark reads the text. */
function classify(c: number): 0 | 1 | 2 {
  if (c < 0 || c === 32) return 1;
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 0 : 2;
  const ch = String.fromCharCode(c);
  if (/\s/.test(ch)) return 1;
  return /\p{P}|\p{S}/u.test(ch) ? 2 : 0;
}

/** The emphasis spans of a line as remark-parse reads it ([start, end) in the line). */
function remarkLineEmphasis(line: string): [number, number][] {
  const out: [number, number][] = [];
  // (a line of pathological length is parsed in pieces: remark is quadratic in it)
  for (const piece of parseMarkdownPieces(line)) {
    for (const e of mdNodes(piece.root, 'emphasis')) {
      const p = e.position;
      if (!p || p.start.line !== 1 || p.end.line !== 1) continue;
      out.push([pieceToText(piece, 1, p.start.column).column - 1, pieceToText(piece, 1, p.end.column).column - 1]);
    }
  }
  return out;
}

const rule: Rule = {
  meta: {
    id: 'markdown-emphasis',
    description: 'Markdown `_emphasis_` renders with its underscores in reStructuredText; use `*emphasis*`.',
    defaultSeverity: 'info',
    fixable: true,
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    // findings come from one paragraph each: an edited paragraph the pre-filter rejects gives none
    reuse: (edit) => !hasUnderscoreEmphasis(edit.after.source.raw.slice(edit.start, edit.afterEnd)),
  },
  check(ctx) {
    const { doc } = ctx;
    const raw = doc.source.raw;
    const out: Finding[] = [];
    for (const b of proseBlocks(doc, ['_'], hasUnderscoreEmphasis)) {
      if (!b.text.includes('_') || !hasUnderscoreEmphasis(b.text)) continue;
      // emphasis does not span lines in practice: parse only the lines that may hold one
      const lines = b.text.split('\n');
      for (let li = 0; li < lines.length; li++) {
        if (!hasUnderscoreEmphasis(lines[li]!)) continue;
        // a line of plain prose is read here as remark would; any other is parsed by remark
        for (const [s, e] of plainLineEmphasis(lines[li]!) ?? remarkLineEmphasis(lines[li]!)) {
          const start = blockOffset(b, li + 1, s + 1);
          const end = blockOffset(b, li + 1, e + 1);
          if (raw[start] !== '_' || raw[end - 1] !== '_' || raw[start + 1] === '_') continue;
          const inner = raw.slice(start + 1, end - 1);
          if (!/^[A-Za-z][A-Za-z' -]*[A-Za-z]$|^[A-Za-z]$/.test(inner) || /^[A-Z]+$/.test(inner)) continue;
          if (inCode(b, start, end)) continue;
          const f: Finding = {
            ruleId: 'markdown-emphasis',
            message: `Markdown emphasis '_${inner}_' renders with its underscores in reStructuredText: use '*${inner}*'`,
            place: span(doc, start, end),
          };
          const fix = [edit(doc, start, start + 1, '*'), edit(doc, end - 1, end, '*')];
          if (rstStartOk(start > 0 ? raw[start - 1] : undefined) && rstEndOk(raw[end])) f.fix = fix;
          else f.suggestions = [{ message: `Use '*${inner}*'`, fix }];
          out.push(f);
        }
      }
    }
    return out;
  },
};

export default rule;
