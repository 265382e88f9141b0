/**
 * Source text as docutils sees it, with a way back to the original.
 *
 * docutils (`statemachine.string2lines`) turns \v and \f into spaces, splits with Python's
 * `str.splitlines()`, expands tabs to 8 columns and strips trailing whitespace from every line.
 * The state machine then works on those expanded lines, cutting indentation off as it nests.
 * We do the same, but every `Line` remembers which parse line it came from and at which expanded
 * column its text starts, so any character can be mapped back to an exact source offset and from
 * there to a unist point (line/column counted in the original, a tab being one column).
 */
import type { Point, Position } from './nodes.js';

export const TAB_WIDTH = 8;

/** Size of Source's recent-point cache (a power of two). */
const RECENT_POINTS = 64;

/** One line of text being parsed: `text` is tab-expanded and may have had indentation removed. */
export interface Line {
  text: string;
  /** 0-based index of the parse line (docutils' line number is `index + 1`). */
  index: number;
  /** Expanded column at which `text[0]` sits in that parse line. */
  col: number;
  /** The Source this line belongs to when it is not the document's own (lines spliced in by
   *  `include`); `index` then counts in that source. Absent for the document's own lines. */
  src?: Source;
}

interface TabStop {
  /** index in the expanded line where the tab's spaces begin */
  exp: number;
  /** number of spaces the tab became */
  width: number;
  /** index in the raw line of the tab character */
  raw: number;
}

/** Python's str.isspace() for one UTF-16 unit (what rstrip removes). */
export function isPySpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    (code >= 0x1c && code <= 0x20) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Python's str.splitlines() line boundaries. \v and \f count too: Sphinx (and the docutils
 *  front end) read files with docutils' FileInput, which splits lines with splitlines() before
 *  string2lines ever turns \v/\f into spaces. */
function isPyLineBreak(code: number): boolean {
  return (
    code === 0x0a ||
    code === 0x0b ||
    code === 0x0c ||
    code === 0x0d ||
    code === 0x1c ||
    code === 0x1d ||
    code === 0x1e ||
    code === 0x85 ||
    code === 0x2028 ||
    code === 0x2029
  );
}

/** Line boundaries other than '\n' (Python splitlines()). */
const OTHER_BREAKS = /[\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

export class Source {
  readonly path: string;
  readonly raw: string;
  /** The parse lines as docutils numbers them. */
  readonly lines: Line[];
  /** Per parse line (parallel arrays, not an object per line: a parse makes one per source line):
   *  offset in the source of the raw line's first character, and the raw line's length (without
   *  its line break). */
  private readonly lineOffsets: number[];
  private readonly rawLengths: number[];
  /** Tab stops of the parse lines that contain tabs (few), in order, by parse line index. */
  private readonly tabStops: (TabStop[] | undefined)[] | undefined;
  /** Offsets where unist lines start (\n, \r\n, \r breaks, as vfile counts them). */
  private readonly lineStarts: number[];

  constructor(raw: string, path = '<string>') {
    // utf-8-sig: a leading BOM is not part of the text, but it stays in the offsets.
    this.path = path;
    this.raw = raw;
    const lines: Line[] = [];
    const lineOffsets: number[] = [];
    const rawLengths: number[] = [];
    const lineStarts: number[] = [0];
    this.lines = lines;
    this.lineOffsets = lineOffsets;
    this.rawLengths = rawLengths;
    this.lineStarts = lineStarts;
    const n = raw.length;
    let start = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
    // The next tab at or after the line being added (-1: none left; searched once per tab).
    let nextTab = raw.indexOf('\t');
    let tabStops: (TabStop[] | undefined)[] | undefined;
    // fast path (the common case): '\n' is the only line break in the text
    const onlyLF = !OTHER_BREAKS.test(raw);
    if (!onlyLF) {
      for (let i = 0; i < n; i++) {
        const c = raw.charCodeAt(i);
        if (c === 0x0a) lineStarts.push(i + 1);
        else if (c === 0x0d) {
          if (raw.charCodeAt(i + 1) === 0x0a) i++;
          lineStarts.push(i + 1);
        }
      }
    }
    while (start < n) {
      let end: number;
      if (onlyLF) {
        end = raw.indexOf('\n', start);
        if (end < 0) end = n;
        else lineStarts.push(end + 1);
      } else {
        end = start;
        while (end < n && !isPyLineBreak(raw.charCodeAt(end))) end++;
      }
      const index = lines.length;
      lineOffsets.push(start);
      rawLengths.push(end - start);
      if (nextTab >= 0 && nextTab < start) nextTab = raw.indexOf('\t', start);
      let text: string;
      if (nextTab < 0 || nextTab >= end) {
        // no tab: no column bookkeeping needed
        let stop = end;
        while (stop > start && isPySpace(raw.charCodeAt(stop - 1))) stop--;
        text = raw.slice(start, stop);
      } else {
        const tabs: TabStop[] = [];
        text = expandTabs(raw, start, end, tabs);
        (tabStops ??= [])[index] = tabs;
      }
      lines.push({ text, index, col: 0 });
      if (end >= n) break;
      // \r\n counts as one break
      start = raw.charCodeAt(end) === 0x0d && raw.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
    }
    this.tabStops = tabStops;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Source offset of expanded column `col` of parse line `index` (clamped to the line). */
  offset(index: number, col: number): number {
    if (index >= this.lineOffsets.length) return this.raw.length;
    if (index < 0) return 0;
    const lineOffset = this.lineOffsets[index]!;
    if (col <= 0) return lineOffset;
    let rawIndex = col;
    const tabs = this.tabStops?.[index];
    if (tabs) {
      let shift = 0;
      for (const t of tabs) {
        if (col < t.exp) break;
        if (col < t.exp + t.width) return lineOffset + t.raw; // inside a tab's spaces
        shift += t.width - 1;
      }
      rawIndex = col - shift;
    }
    return lineOffset + Math.min(rawIndex, this.rawLengths[index]!);
  }

  /** Offset just after the last kept character of parse line `index` (before trailing blanks). */
  lineEndOffset(index: number): number {
    if (index >= this.lineOffsets.length) return this.raw.length;
    return this.offset(index, this.lines[index]!.text.length);
  }

  /** unist point for a source offset. Points are never modified, so one object serves every
   *  node starting or ending at the same offset (half of all lookups repeat a recent offset:
   *  a paragraph and its first text start together, a list ends where its last item ends...). */
  pointAt(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.raw.length));
    const cache = this.recentPoints;
    const slot = o & (RECENT_POINTS - 1);
    const hit = cache[slot];
    if (hit !== undefined && hit.offset === o) return hit;
    const starts = this.lineStarts;
    let p: Point;
    // most lookups are near the previous one: try its line first
    const c = this.lastLine;
    if (starts[c]! <= o && (c + 1 >= starts.length || starts[c + 1]! > o)) {
      p = { line: c + 1, column: o - starts[c]! + 1, offset: o };
    } else {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= o) lo = mid;
        else hi = mid - 1;
      }
      this.lastLine = lo;
      p = { line: lo + 1, column: o - starts[lo]! + 1, offset: o };
    }
    cache[slot] = p;
    return p;
  }
  private lastLine = 0;
  /** Points made recently, by offset modulo RECENT_POINTS (see pointAt). */
  private readonly recentPoints: (Point | undefined)[] = new Array<Point | undefined>(RECENT_POINTS);

  point(index: number, col: number): Point {
    return this.pointAt(this.offset(index, col));
  }

  /** Range from (index, col) to (endIndex, endCol), both in expanded columns. */
  range(index: number, col: number, endIndex: number, endCol: number): Position {
    return { start: this.point(index, col), end: this.point(endIndex, endCol) };
  }

  /** Range covering whole `Line`s from the first's text start to the last's text end. */
  linesRange(lines: readonly Line[]): Position | undefined {
    if (!lines.length) return undefined;
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    return this.range(first.index, first.col, last.index, last.col + last.text.length);
  }
}

/** Tab-expanded, right-stripped text of raw[start, end), recording its tab stops in `tabs`. */
function expandTabs(raw: string, start: number, end: number, tabs: TabStop[]): string {
  let text = '';
  let col = 0; // Python column (code points)
  let chunkStart = start;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x09) {
      text += raw.slice(chunkStart, i); // \v and \f are line breaks (see isPyLineBreak)
      const width = TAB_WIDTH - (col % TAB_WIDTH);
      tabs.push({ exp: text.length, width, raw: i - start });
      text += ' '.repeat(width);
      col += width;
      chunkStart = i + 1;
    } else if (c >= 0xdc00 && c <= 0xdfff && i > start && isHighSurrogate(raw.charCodeAt(i - 1))) {
      // second half of a surrogate pair: Python counts the pair as one column
    } else {
      col++;
    }
  }
  text += raw.slice(chunkStart, end);
  let stop = text.length;
  while (stop > 0 && isPySpace(text.charCodeAt(stop - 1))) stop--;
  return stop < text.length ? text.slice(0, stop) : text;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * A block of `Line`s joined with '\n' (what docutils hands to the inliner), with a map from
 * each index of `text` back to the source.
 */
export class TextMap {
  readonly text: string;
  private readonly starts: number[] = [];
  constructor(
    readonly source: Source,
    readonly lines: readonly Line[],
  ) {
    let text = '';
    lines.forEach((l, i) => {
      if (i) text += '\n';
      this.starts.push(text.length);
      text += l.text;
    });
    this.text = text;
  }

  /** Source offset of `text[i]` (i may equal text.length: the end). */
  offsetAt(i: number): number {
    const starts = this.starts;
    if (!starts.length) return 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    const line = this.lines[lo]!;
    const j = Math.min(i - starts[lo]!, line.text.length);
    return this.source.offset(line.index, line.col + j);
  }

  /** Parse-line index (0-based) holding `text[i]`. */
  lineIndexAt(i: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.lines[lo]?.index ?? 0;
  }

  pointAt(i: number): Point {
    return this.source.pointAt(this.offsetAt(i));
  }

  /** Source range of text[start..end). */
  position(start: number, end: number): Position {
    const s = this.offsetAt(start);
    // the end of a range is just after its last character
    const e = end > start ? this.offsetAt(end - 1) + 1 : s;
    return { start: this.source.pointAt(s), end: this.source.pointAt(Math.max(s, e)) };
  }
}
