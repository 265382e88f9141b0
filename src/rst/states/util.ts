/** Small text helpers mirroring docutils.utils / statemachine behaviour on `Line`s. */
import type { Line } from '../source.js';
import { isPySpace } from '../source.js';
import { COMBINING_RANGES, WIDE_RANGES } from './unicode-tables.js';

function inRanges(table: readonly number[], cp: number): boolean {
  let lo = 0;
  let hi = (table.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < table[2 * mid]!) hi = mid - 1;
    else if (cp > table[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

export function isWide(cp: number): boolean {
  return cp >= 0x1100 && inRanges(WIDE_RANGES, cp);
}

export function isCombining(cp: number): boolean {
  return cp >= 0x300 && inRanges(COMBINING_RANGES, cp);
}

/** docutils `column_width`: East Asian wide/full chars count 2, combining chars 0. */
export function columnWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x300) {
      w++;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    w += isWide(cp) ? 2 : 1;
    if (isCombining(cp)) w--;
  }
  return w;
}

/** Python len(): code points. */
export function pyLen(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Python str.strip() emptiness. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isPySpace(text.charCodeAt(i))) return false;
  return true;
}

export function rstrip(text: string): string {
  let e = text.length;
  while (e > 0 && isPySpace(text.charCodeAt(e - 1))) e--;
  return e === text.length ? text : text.slice(0, e);
}

export function lstripCount(text: string): number {
  let s = 0;
  while (s < text.length && isPySpace(text.charCodeAt(s))) s++;
  return s;
}

export function strip(text: string): string {
  let s = 0;
  let e = text.length;
  while (s < e && isPySpace(text.charCodeAt(s))) s++;
  while (e > s && isPySpace(text.charCodeAt(e - 1))) e--;
  return text.slice(s, e);
}

/** A Line with `n` characters cut off its start (docutils trim_left / slicing). */
export function trimLine(line: Line, n: number): Line {
  if (n <= 0) return line;
  const r: Line = { text: line.text.slice(n), index: line.index, col: line.col + n };
  if (line.src) r.src = line.src;
  return r;
}

/** A Line cut to text[start, end). */
export function sliceLine(line: Line, start: number, end = line.text.length): Line {
  const r: Line = { text: line.text.slice(start, end), index: line.index, col: line.col + start };
  if (line.src) r.src = line.src;
  return r;
}

/** Lines whose '\n'-joined text is exactly the first `len` characters of the lines' join. */
export function truncateLines(lines: readonly Line[], len: number): Line[] {
  const out: Line[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (i) {
      if (used >= len) break;
      used++; // the '\n'
    }
    const room = len - used;
    if (room >= l.text.length) {
      out.push(l);
      used += l.text.length;
    } else {
      out.push(sliceLine(l, 0, Math.max(0, room)));
      used += Math.max(0, room);
      break;
    }
  }
  return out;
}

export function joinLines(lines: readonly Line[]): string {
  let s = '';
  for (let i = 0; i < lines.length; i++) {
    if (i) s += '\n';
    s += lines[i]!.text;
  }
  return s;
}

/** docutils `escape2null`: backslash-escapes become NUL + the escaped char. */
export function escape2null(text: string): string {
  if (text.indexOf('\\') < 0) return text;
  let out = '';
  let start = 0;
  for (;;) {
    const found = text.indexOf('\\', start);
    if (found < 0) return out + text.slice(start);
    out += text.slice(start, found) + '\x00' + text.slice(found + 1, found + 2);
    start = found + 2;
  }
}

/** docutils `unescape`. */
export function unescape(text: string, restoreBackslashes = false): string {
  if (restoreBackslashes) return text.split('\x00').join('\\');
  if (text.indexOf('\x00') < 0) return text;
  return text.split('\x00 ').join('').split('\x00\n').join('').split('\x00').join('');
}

export function splitEscapedWhitespace(text: string): string[] {
  const out: string[] = [];
  for (const s of text.split('\x00 ')) out.push(...s.split('\x00\n'));
  return out;
}

/** Python str.split(sep=None, maxsplit) (whitespace split with a limit). */
export function pySplitMax(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isPySpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    if (out.length === maxsplit) {
      let e = n;
      while (e > i && isPySpace(s.charCodeAt(e - 1))) e--;
      out.push(s.slice(i, e));
      break;
    }
    const start = i;
    while (i < n && !isPySpace(s.charCodeAt(i))) i++;
    out.push(s.slice(start, i));
  }
  return out;
}

const ROMAN: [string, number][] = [
  ['M', 1000], ['CM', 900], ['D', 500], ['CD', 400], ['C', 100], ['XC', 90],
  ['L', 50], ['XL', 40], ['X', 10], ['IX', 9], ['V', 5], ['IV', 4], ['I', 1],
];

/** docutils' roman.toRoman (1..4999), or null. */
export function toRoman(n: number): string | null {
  if (!(n > 0 && n < 5000) || !Number.isInteger(n)) return null;
  let out = '';
  for (const [s, v] of ROMAN) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

const ROMAN_RE = /^M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

/** docutils' roman.fromRoman (upper case input), or null when invalid. */
export function fromRoman(s: string): number | null {
  if (!s || !ROMAN_RE.test(s)) return null;
  let i = 0;
  let n = 0;
  for (const [sym, v] of ROMAN) {
    while (s.startsWith(sym, i)) {
      n += v;
      i += sym.length;
    }
  }
  return n;
}
