/**
 * markdown-emphasis: Markdown `_word_` emphasis in rst prose renders with its underscores (rst reads
 * `_word_` as plain text). Reported when remark-parse reads it as emphasis and the emphasised text
 * is words (letters, spaces, hyphens, apostrophes), not an identifier such as `_PAGE_SIZE_` or
 * `__func__`.
 *
 * Fix: `*word*`, when the rst inline-markup rules allow `*` at those places.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { blockOffset, inCode, mdNodes, parseMarkdownPieces, pieceToText, proseBlocks, rstEndOk, rstStartOk } from '../_shared/markdown.js';
import { edit, span } from '../_shared/util.js';

/** Cheap pre-filter: `_` + letter ... letter + `_` between non-word characters (linear scan).
 *  A candidate never spans a line break, so the answer is the same on a paragraph's source as on
 *  its block text (which differs only in indentation and line breaks). */
export function hasUnderscoreEmphasis(text: string): boolean {
  for (let i = text.indexOf('_'); i >= 0; i = text.indexOf('_', i + 1)) {
    if (i > 0 && isWord(text.charCodeAt(i - 1))) continue;
    let j = i + 1;
    while (j < text.length && isInner(text.charCodeAt(j))) j++;
    if (j > i + 1 && text.charCodeAt(j) === 95 /* _ */ && isLetter(text.charCodeAt(j - 1)) && !(j + 1 < text.length && isWord(text.charCodeAt(j + 1)))) return true;
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
        // (a line of pathological length is parsed in pieces: remark is quadratic in it)
        for (const piece of parseMarkdownPieces(lines[li]!))
        for (const e of mdNodes(piece.root, 'emphasis')) {
          const p = e.position;
          if (!p || p.start.line !== 1 || p.end.line !== 1) continue;
          const start = blockOffset(b, li + 1, pieceToText(piece, 1, p.start.column).column);
          const end = blockOffset(b, li + 1, pieceToText(piece, 1, p.end.column).column);
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
