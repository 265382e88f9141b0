/**
 * Character predicates the inline recognition rules need, with Python `re` semantics for `\s`
 * and `\w` (Unicode) and docutils' punctuation classes. All work on code points; `cpAt` and
 * `cpBefore` read a code point at / just before a UTF-16 index (surrogate pairs count as one
 * character, as in Python).
 */
import { CLOSERS, CLOSING_DELIMITERS, DELIMITERS, OPENERS, OPENERS_SEQ, CLOSERS_SEQ, QUOTE_PAIRS } from './chardata.js';
import { isPySpace } from '../source.js';

/** The escape marker docutils puts in place of an escaping backslash. */
export const NUL = 0;

/** Is `cp` inside one of the [lo, hi] pairs of a sorted flat range table? */
export function inRanges(table: readonly number[], cp: number): boolean {
  let lo = 0;
  let hi = (table.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < table[mid * 2]!) hi = mid - 1;
    else if (cp > table[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Code point at UTF-16 index i, or -1 past the end. */
export function cpAt(s: string, i: number): number {
  if (i >= s.length || i < 0) return -1;
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Code point ending just before UTF-16 index i, or -1 at the start. */
export function cpBefore(s: string, i: number): number {
  if (i <= 0) return -1;
  const d = s.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i >= 2) {
    const c = s.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return d;
}

/** UTF-16 length of a code point. */
export function cpLen(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** Python `\s`. */
export function isSpace(cp: number): boolean {
  if (cp < 0) return false;
  if (cp < 0x80) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
  return cp <= 0xffff && isPySpace(cp);
}

const WORD_RE = /[\p{L}\p{N}_]/u;

/** Python `\w` (str.isalnum() or '_'). */
export function isWord(cp: number): boolean {
  if (cp < 0) return false;
  if (cp < 0x80) {
    return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f;
  }
  if (cp > 0xffff) return WORD_RE.test(String.fromCodePoint(cp));
  // BMP answers are memoized (0: not yet asked, 1: word, 2: not)
  const known = BMP_WORD[cp]!;
  if (known) return known === 1;
  const w = WORD_RE.test(String.fromCharCode(cp));
  BMP_WORD[cp] = w ? 1 : 2;
  return w;
}

const BMP_WORD = new Uint8Array(0x10000);

/** `(?!_)\w`: the characters of a simple reference name's words. */
export function isNameChar(cp: number): boolean {
  return cp !== 0x5f && isWord(cp);
}

export function isOpener(cp: number): boolean {
  return cp >= 0 && inRanges(OPENERS, cp);
}
export function isCloser(cp: number): boolean {
  return cp >= 0 && inRanges(CLOSERS, cp);
}
export function isDelimiter(cp: number): boolean {
  return cp >= 0 && inRanges(DELIMITERS, cp);
}
export function isClosingDelimiter(cp: number): boolean {
  return cp >= 0 && inRanges(CLOSING_DELIMITERS, cp);
}

/** May inline markup start after this character? (docutils' start_string_prefix) */
export function isStartPrefix(cp: number): boolean {
  if (cp < 0x80) {
    if (cp < 0) return false;
    return ASCII_START_PREFIX[cp] === 1;
  }
  return isSpace(cp) || isOpener(cp) || isDelimiter(cp);
}

/** May inline markup end before this character? (docutils' end_string_suffix, without `$`) */
export function isEndSuffix(cp: number): boolean {
  if (cp < 0x80) {
    if (cp < 0) return false;
    return ASCII_END_SUFFIX[cp] === 1;
  }
  return isSpace(cp) || isClosingDelimiter(cp) || isDelimiter(cp) || isCloser(cp);
}

const ASCII_START_PREFIX = new Uint8Array(128);
const ASCII_END_SUFFIX = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_START_PREFIX[c] = isSpace(c) || isOpener(c) || isDelimiter(c) ? 1 : 0;
  ASCII_END_SUFFIX[c] = c === NUL || isSpace(c) || isClosingDelimiter(c) || isDelimiter(c) || isCloser(c) ? 1 : 0;
}

/** punctuation_chars.match_chars: do c1, c2 form an open/close pair ("quoted" start-string)? */
export function matchChars(c1: number, c2: number): boolean {
  if (c1 < 0 || c2 < 0 || c1 > 0xffff || c2 > 0xffff) return false;
  const a = String.fromCharCode(c1);
  const i = OPENERS_SEQ.indexOf(a);
  if (i < 0) return false;
  const b = String.fromCharCode(c2);
  return CLOSERS_SEQ[i] === b || (QUOTE_PAIRS[a] ?? '').includes(b);
}

/** URI characters (RFC 2396/2732 + the escape marker). */
export function isUric(c: number): boolean {
  if (c >= 0x61 && c <= 0x7a) return true;
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c >= 0x30 && c <= 0x39) return true;
  switch (c) {
    case 0x2d: case 0x5f: case 0x2e: case 0x21: case 0x7e: case 0x2a: case 0x27: case 0x28: case 0x29:
    case 0x5b: case 0x5d: case 0x3b: case 0x2f: case 0x3a: case 0x40: case 0x26: case 0x3d: case 0x2b:
    case 0x24: case 0x2c: case 0x25: case 0x00:
      return true;
  }
  return false;
}

/** Last URI character: underscore, tilde, asterisk, slash, =, + or an ASCII letter or digit. */
export function isUriLast(c: number): boolean {
  if (c >= 0x61 && c <= 0x7a) return true;
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c >= 0x30 && c <= 0x39) return true;
  return c === 0x5f || c === 0x7e || c === 0x2a || c === 0x2f || c === 0x3d || c === 0x2b;
}

/** E-mail characters (docutils emailc), including the NUL escape marker. */
export function isEmailc(c: number): boolean {
  if (c >= 0x61 && c <= 0x7a) return true;
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c >= 0x30 && c <= 0x39) return true;
  switch (c) {
    case 0x2d: case 0x5f: case 0x21: case 0x7e: case 0x2a: case 0x27: case 0x7b: case 0x7c: case 0x7d:
    case 0x2f: case 0x23: case 0x3f: case 0x5e: case 0x60: case 0x26: case 0x3d: case 0x2b: case 0x24:
    case 0x25: case 0x00:
      return true;
  }
  return false;
}

/** URI scheme characters after the first: `[a-zA-Z0-9.+-]`. */
export function isSchemeChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ||
    c === 0x2e || c === 0x2b || c === 0x2d
  );
}

export function isAsciiAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
