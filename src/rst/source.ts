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

/** A tab stop is three numbers in a flat list (`Source.tabData`): the index in the expanded line
 *  where the tab's spaces begin, the number of spaces it became, and the index in the raw line of
 *  the tab character. */
const TAB_STOP_SIZE = 3;

/** ' '.repeat(width) for every width a tab can take (no string made per tab). */
const TAB_SPACES = Array.from({ length: TAB_WIDTH + 1 }, (_, width) => ' '.repeat(width));

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
  /** Per parse line (parallel typed arrays sized once, not an object per line or arrays grown
   *  push by push: a parse makes one entry per source line): offset in the source of the raw
   *  line's first character, and the raw line's length (without its line break). */
  private readonly lineOffsets: Int32Array;
  private readonly rawLengths: Int32Array;
  /** Tab stops of all parse lines, in order (see TAB_STOP_SIZE), and, once a line has had a tab,
   *  where each parse line's stops begin in that list (those of line i end where line i + 1's
   *  begin). Both undefined in a text without tabs. */
  private readonly tabData: number[] | undefined;
  private readonly tabFrom: Int32Array | undefined;
  /** Offsets where unist lines start (\n, \r\n, \r breaks, as vfile counts them). */
  private readonly lineStarts: Int32Array;
  /** '\n' is the text's only line break (parse lines are then unist lines). */
  private readonly onlyLF: boolean;

  constructor(raw: string, path = '<string>') {
    // utf-8-sig: a leading BOM is not part of the text, but it stays in the offsets.
    this.path = path;
    this.raw = raw;
    const n = raw.length;
    // fast path (the common case): '\n' is the only line break in the text
    const onlyLF = !OTHER_BREAKS.test(raw);
    this.onlyLF = onlyLF;
    // the unist line starts first: they size the per-line arrays (and, with '\n' only, they are
    // where the parse lines start too)
    let starts: Int32Array = new Int32Array((n >> 5) + 16);
    let unistLines = 1;
    let breaks = 0;
    if (onlyLF) {
      for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) {
        if (unistLines === starts.length) starts = doubled(starts);
        starts[unistLines++] = i + 1;
      }
      breaks = unistLines - 1;
    } else {
      for (let i = 0; i < n; i++) {
        const c = raw.charCodeAt(i);
        if (!isPyLineBreak(c)) continue;
        breaks++;
        if (c !== 0x0a && c !== 0x0d) continue; // a parse-line break only
        if (c === 0x0d && raw.charCodeAt(i + 1) === 0x0a) i++; // \r\n is one break
        if (unistLines === starts.length) starts = doubled(starts);
        starts[unistLines++] = i + 1;
      }
    }
    const lineStarts = starts.subarray(0, unistLines);
    // a parse line ends at each break (\r\n counting as one) or at the end of the text
    const lineOffsets = new Int32Array(breaks + 1);
    const rawLengths = new Int32Array(breaks + 1);
    const lines: Line[] = new Array<Line>(breaks + 1);
    this.lines = lines;
    this.lineOffsets = lineOffsets;
    this.rawLengths = rawLengths;
    this.lineStarts = lineStarts;
    let start = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
    // The next tab at or after the line being added (-1: none left; searched once per tab).
    let nextTab = raw.indexOf('\t');
    let tabData: number[] | undefined;
    let tabFrom: Int32Array | undefined;
    let index = 0;
    while (start < n) {
      let end: number;
      if (onlyLF) {
        // parse line `index` is unist line `index`
        end = index + 1 < unistLines ? lineStarts[index + 1] - 1 : n;
      } else {
        end = start;
        while (end < n && !isPyLineBreak(raw.charCodeAt(end))) end++;
      }
      lineOffsets[index] = start;
      rawLengths[index] = end - start;
      if (nextTab >= 0 && nextTab < start) nextTab = raw.indexOf('\t', start);
      let text: string;
      if (nextTab < 0 || nextTab >= end) {
        // no tab: no column bookkeeping needed
        let stop = end;
        while (stop > start && isPySpace(raw.charCodeAt(stop - 1))) stop--;
        text = raw.slice(start, stop);
      } else {
        if (!tabData) {
          tabData = [];
          tabFrom = new Int32Array(breaks + 2); // the lines so far have no stops: 0
        }
        text = expandTabs(raw, start, end, tabData);
      }
      if (tabFrom) tabFrom[index + 1] = tabData!.length;
      lines[index] = { text, index, col: 0 };
      index++;
      if (end >= n) break;
      // \r\n counts as one break
      start = raw.charCodeAt(end) === 0x0d && raw.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
    }
    lines.length = index; // one line fewer than breaks + 1 when the text ends with a break
    this.tabData = tabData;
    this.tabFrom = tabFrom;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /**
   * The Source of `raw` = this text with [start, end) replaced by characters that hold no line
   * break, made from this one's line tables (the other lines' Line objects are shared) instead of
   * a pass over the whole text. Undefined when the edited line has or gets a tab, or the text has
   * line breaks other than '\n' (then `new Source(raw)`). Equal to `new Source(raw)` field for
   * field (test/rst/incremental.test.ts).
   */
  edited(raw: string, start: number, end: number): Source | undefined {
    const delta = raw.length - this.raw.length;
    const n = this.lines.length;
    if (!this.onlyLF || n === 0) return undefined;
    // the parse line holding the edit (parse lines are unist lines with '\n' only)
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineOffsets[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    const k = lo;
    const lineStart = this.lineOffsets[k]!;
    const oldLen = this.rawLengths[k]!;
    if (start < lineStart || end > lineStart + oldLen) return undefined;
    if (this.tabFrom && this.tabFrom[k]! < this.tabFrom[k + 1]!) return undefined;
    const newLen = oldLen + delta;
    for (let i = lineStart; i < lineStart + newLen; i++) {
      const c = raw.charCodeAt(i);
      if (c === 0x09 || isPyLineBreak(c)) return undefined;
    }
    const out = Object.create(Source.prototype) as Source;
    const lineOffsets = this.lineOffsets.slice();
    for (let i = k + 1; i < n; i++) lineOffsets[i]! += delta;
    const rawLengths = this.rawLengths.slice();
    rawLengths[k] = newLen;
    const lineStarts = this.lineStarts.slice();
    for (let i = k + 1; i < lineStarts.length; i++) lineStarts[i]! += delta;
    let stop = lineStart + newLen;
    while (stop > lineStart && isPySpace(raw.charCodeAt(stop - 1))) stop--;
    const lines = this.lines.slice();
    lines[k] = { text: raw.slice(lineStart, stop), index: k, col: 0 };
    const fields = out as unknown as Record<string, unknown>;
    fields.path = this.path;
    fields.raw = raw;
    fields.onlyLF = true;
    fields.lines = lines;
    fields.lineOffsets = lineOffsets;
    fields.rawLengths = rawLengths;
    fields.lineStarts = lineStarts;
    fields.tabData = this.tabData;
    fields.tabFrom = this.tabFrom;
    fields.lastLine = 0;
    fields.recentPoints = new Array<Point | undefined>(RECENT_POINTS);
    return out;
  }

  /** Source offset of expanded column `col` of parse line `index` (clamped to the line). */
  offset(index: number, col: number): number {
    if (index >= this.lines.length) return this.raw.length;
    if (index < 0) return 0;
    const lineOffset = this.lineOffsets[index];
    if (col <= 0) return lineOffset;
    let rawIndex = col;
    const tabFrom = this.tabFrom;
    if (tabFrom && tabFrom[index] < tabFrom[index + 1]) {
      const tabs = this.tabData!;
      let shift = 0;
      for (let t = tabFrom[index], last = tabFrom[index + 1]; t < last; t += TAB_STOP_SIZE) {
        const exp = tabs[t]!;
        const width = tabs[t + 1]!;
        if (col < exp) break;
        if (col < exp + width) return lineOffset + tabs[t + 2]!; // inside a tab's spaces
        shift += width - 1;
      }
      rawIndex = col - shift;
    }
    return lineOffset + Math.min(rawIndex, this.rawLengths[index]);
  }

  /** Offset just after the last kept character of parse line `index` (before trailing blanks). */
  lineEndOffset(index: number): number {
    if (index >= this.lines.length) return this.raw.length;
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
    if (starts[c] <= o && (c + 1 >= starts.length || starts[c + 1] > o)) {
      p = { line: c + 1, column: o - starts[c] + 1, offset: o };
    } else {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      this.lastLine = lo;
      p = { line: lo + 1, column: o - starts[lo] + 1, offset: o };
    }
    cache[slot] = p;
    return p;
  }
  private lastLine = 0;
  /** Points made recently, by offset modulo RECENT_POINTS (see pointAt). */
  private readonly recentPoints: (Point | undefined)[] = new Array<Point | undefined>(RECENT_POINTS);

  /** The point of offset `o`, which the caller knows to be at `line`/`column`: the recent point
   *  there if there is one (inline nodes share their boundaries: one ends where the next starts),
   *  else a new one, remembered like pointAt's. */
  knownPoint(o: number, line: number, column: number): Point {
    const cache = this.recentPoints;
    const slot = o & (RECENT_POINTS - 1);
    const hit = cache[slot];
    if (hit !== undefined && hit.offset === o) return hit;
    const p = { line, column, offset: o };
    cache[slot] = p;
    return p;
  }

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

/** A copy of `a` with twice the room. */
function doubled(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Tab-expanded, right-stripped text of raw[start, end), adding its tab stops to `tabs`. */
function expandTabs(raw: string, start: number, end: number, tabs: number[]): string {
  let text = '';
  let col = 0; // Python column (code points)
  let chunkStart = start;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x09) {
      text += raw.slice(chunkStart, i); // \v and \f are line breaks (see isPyLineBreak)
      const width = TAB_WIDTH - (col % TAB_WIDTH);
      tabs.push(text.length, width, i - start);
      text += TAB_SPACES[width]!;
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
 *
 * Mapping is lazy and per line: the first time a line is asked about, its text start's source
 * offset and unist point are computed once. A line whose source offsets run one for one with its
 * text (no tab, no clamping: `Source.offset` grows by exactly its length across it) then maps
 * every index by addition, and every offset in it to a point by addition too (a parse line never
 * holds a unist line break). Anything else takes the general route through `Source`. A cursor
 * remembers the last line, so consecutive positions cost no search.
 */
export class TextMap {
  readonly text: string;
  /** index in `text` where each line starts (absent for a single line: it starts at 0) */
  private readonly starts: number[] | undefined;
  /** the line the last lookup landed on */
  private cur = 0;
  /** the line whose mapping is loaded below (-1: none) */
  private k = -1;
  /** source offset of line k's text start, its unist line and column; fast: maps by addition */
  private o0 = 0;
  private line0 = 0;
  private column0 = 0;
  private fast = false;
  /** the point of o0 that `load` had to make, handed out once (to the first position there) */
  private point0: Point | undefined;
  /** the line loaded before k, with its mapping (positions mostly go back and forth between two) */
  private kB = -1;
  private oB = 0;
  private lineB = 0;
  private columnB = 0;
  private fastB = false;

  constructor(
    readonly source: Source,
    readonly lines: readonly Line[],
  ) {
    const n = lines.length;
    if (n <= 1) {
      this.text = n ? lines[0]!.text : '';
      this.starts = undefined;
      return;
    }
    const starts: number[] = new Array(n);
    const parts: string[] = new Array(n);
    let len = 0;
    for (let i = 0; i < n; i++) {
      const t = lines[i]!.text;
      starts[i] = len;
      parts[i] = t;
      len += t.length + 1;
    }
    this.starts = starts;
    // one join (a flat string) instead of a chain of concatenations
    this.text = parts.join('\n');
  }

  /** Line holding text[i]: the last line starting at or before i (0 if none). */
  private lineOf(i: number): number {
    const starts = this.starts;
    if (!starts) return 0;
    let k = this.cur;
    if (starts[k]! <= i) {
      const last = starts.length - 1;
      while (k < last && starts[k + 1]! <= i) k++;
    } else {
      while (k > 0 && starts[k]! > i) k--;
    }
    this.cur = k;
    return k;
  }

  /** Load line k's mapping (the line loaded before stays at hand). */
  private load(k: number): void {
    if (this.k === k) return;
    const { k: kA, o0, line0, column0, fast } = this;
    this.point0 = undefined;
    if (this.kB === k) {
      this.k = k;
      this.o0 = this.oB;
      this.line0 = this.lineB;
      this.column0 = this.columnB;
      this.fast = this.fastB;
    } else {
      const line = this.lines[k]!;
      const o = this.source.offset(line.index, line.col);
      const p = this.source.pointAt(o);
      this.k = k;
      this.o0 = o;
      this.point0 = p;
      this.line0 = p.line;
      this.column0 = p.column;
      this.fast = p.offset === o && this.source.offset(line.index, line.col + line.text.length) - o === line.text.length;
    }
    this.kB = kA;
    this.oB = o0;
    this.lineB = line0;
    this.columnB = column0;
    this.fastB = fast;
  }

  /** Source offset of index i of text, i being in line k. */
  private offsetIn(k: number, i: number): number {
    const line = this.lines[k]!;
    const j = Math.min(i - (this.starts ? this.starts[k]! : 0), line.text.length);
    if (j >= 0) {
      this.load(k);
      if (this.fast) return this.o0 + j;
    }
    return this.source.offset(line.index, line.col + j);
  }

  /** unist point of source offset o, o having come from line k. */
  private pointIn(k: number, o: number): Point {
    if (this.k === k) {
      const p = this.point0;
      if (p && o === this.o0) {
        this.point0 = undefined;
        return p;
      }
      if (this.fast && o >= this.o0 && o <= this.o0 + this.lines[k]!.text.length) {
        return this.source.knownPoint(o, this.line0, this.column0 + (o - this.o0));
      }
    }
    return this.source.pointAt(o);
  }

  /** Source offset of `text[i]` (i may equal text.length: the end). */
  offsetAt(i: number): number {
    if (!this.lines.length) return 0;
    return this.offsetIn(this.lineOf(i), i);
  }

  /** Parse-line index (0-based) holding `text[i]`. */
  lineIndexAt(i: number): number {
    return this.lines[this.lineOf(i)]?.index ?? 0;
  }

  pointAt(i: number): Point {
    if (!this.lines.length) return this.source.pointAt(0);
    const k = this.lineOf(i);
    return this.pointIn(k, this.offsetIn(k, i));
  }

  /** Source range of text[start..end). */
  position(start: number, end: number): Position {
    if (!this.lines.length) {
      // no text: every index maps to offset 0, so a non-empty range ends at 1
      return { start: this.source.pointAt(0), end: this.source.pointAt(end > start ? 1 : 0) };
    }
    const ks = this.lineOf(start);
    const s = this.offsetIn(ks, start);
    const sp = this.pointIn(ks, s);
    if (end > start) {
      // the end of a range is just after its last character
      const ke = this.lineOf(end - 1);
      const e = this.offsetIn(ke, end - 1) + 1;
      if (e > s) return { start: sp, end: this.pointIn(ke, e) };
    }
    return { start: sp, end: this.pointIn(ks, s) };
  }
}
