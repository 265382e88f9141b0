/**
 * Grid and simple tables, as docutils 0.19 parses them (its `tableparser` module plus the table
 * part of the Body state): isolating the table block, scanning cells, building
 * table > tgroup > colspec / thead / tbody > row > entry, and nested-parsing each cell with lines
 * that keep their true source line and column.
 *
 * Columns are counted like Python counts them: in code points, with East Asian wide characters
 * padded to two columns (docutils inserts a padding character after each of them) and, in a few
 * places, combining characters skipped. Internally every table line is turned into a "padded"
 * string where each index is one docutils column, with a map back to the UTF-16 index in the
 * line's text.
 */
import type { Position, RstNode } from './nodes.js';
import type { ParserServices } from './registry.js';
import { isPySpace, type Line, type Source } from './source.js';
import { isCombining, isWide } from './tables/unicode.js';

export type TableKind = 'grid' | 'simple';

export interface TableResult {
  /** The table (or nothing, when malformed) followed by docutils' messages, in tree order. */
  nodes: RstNode[];
  /** Index in `lines` of the first line after the table (where the state machine resumes). */
  next: number;
  /** docutils' `blank_finish`: false when the caller must add "Blank line required after
   *  table." (docutils' `table_top` does that, at docutils line of `lines[next - 1]` + 1). */
  blankFinish: boolean;
}

/** Placeholder for a non-BMP code point so that one string index is one Python index. */
const ASTRAL = '\ue000';
const PAD = '\u0000';

/** One table line prepared for column arithmetic. */
interface PLine {
  /** Padded text: one index per docutils column (wide chars followed by PAD, astral chars as ASTRAL). */
  s: string;
  /** For each index of `s` (and one past the end): UTF-16 index into `line.text`; `undefined`
   *  when that is simply `base + index` (no wide, astral or combining characters: most lines). */
  src: number[] | undefined;
  /** UTF-16 index in `line.text` of `s[0]` */
  base: number;
  /** Combining flags per index of `s`, only when the line has combining characters. */
  comb?: boolean[];
  line: Line;
}

/** UTF-16 index into `p.line.text` of padded column `k` (0 <= k <= p.s.length). */
function srcAt(p: PLine, k: number): number {
  return p.src === undefined ? p.base + k : p.src[k]!;
}

/** A character that may be wide, astral or combining (none is below U+0300). A regex rather than
 *  a loop: V8 answers it without scanning for one-byte strings, the usual kind of line. */
const SPECIAL_CHAR = /[^\x00-\u02ff]/;

function prepare(line: Line, lead = 0): PLine {
  const text = line.text;
  // Python strip(): leading whitespace already removed by `lead`; trailing removed by Source.
  let end = text.length;
  while (end > lead && isPySpace(text.charCodeAt(end - 1))) end--;
  // the usual case: one column per UTF-16 unit, the padded text is the line's own text
  if (!SPECIAL_CHAR.test(text)) return { s: text.slice(lead, end), src: undefined, base: lead, line };
  const parts: string[] = [];
  const src: number[] = [];
  let comb: boolean[] | undefined;
  let i = lead;
  let len = 0;
  while (i < end) {
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    const idx = len;
    parts.push(size === 2 ? ASTRAL : text[i]!);
    len++;
    src.push(i);
    if (isCombining(cp)) {
      comb ??= [];
      comb[idx] = true;
    }
    i += size;
    if (isWide(cp)) {
      parts.push(PAD);
      len++;
      src.push(i);
    }
  }
  src.push(end);
  const s = parts.join('');
  const p: PLine = { s, src, base: lead, line };
  if (comb) {
    for (let k = 0; k < s.length; k++) comb[k] = comb[k] === true;
    p.comb = comb;
  }
  return p;
}

function pyStripLead(text: string): number {
  let i = 0;
  while (i < text.length && isPySpace(text.charCodeAt(i))) i++;
  return i;
}

function isBlankText(text: string): boolean {
  return pyStripLead(text) === text.length;
}

/** Python `s[from:to].strip()` is non-empty (no slice made). */
function hasTextIn(s: string, from: number, to: number): boolean {
  const end = Math.min(to, s.length);
  for (let i = from; i < end; i++) if (!isPySpace(s.charCodeAt(i))) return true;
  return false;
}

function rstripEnd(s: string, from: number, to: number): number {
  while (to > from && isPySpace(s.charCodeAt(to - 1))) to--;
  return to;
}

/** `s.replace(/=/g, '-')` for border lines (runs of '=' become runs of '-': faster than a
 *  global regex, which matches each '=' on its own). */
function dashes(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 0x3d) continue;
    if (i > from) out += s.slice(from, i);
    let j = i + 1;
    while (j < s.length && s.charCodeAt(j) === 0x3d) j++;
    out += '-'.repeat(j - i);
    from = j;
    i = j - 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Text of the line without PADs (what docutils shows once it removes its padding). */
function unpadded(p: PLine): string {
  return p.line.text.slice(srcAt(p, 0), srcAt(p, p.s.length));
}

class TableMarkupError {
  constructor(
    readonly message: string,
    readonly offset = 0,
  ) {}
}

/** A cell's text: block lines of one row/column range, as `Line`s. */
interface CellBlock {
  lines: Line[];
}

/**
 * docutils `StringList.get_2D_block(top, left, bottom, right)` on padded lines, then
 * `replace(PAD, '')`. Returns `Line`s whose text is the exact source substring.
 */
function get2DBlock(plines: readonly PLine[], top: number, leftIn: number, bottom: number, rightIn: number): CellBlock {
  let left = leftIn;
  let right = rightIn;
  // sized once: most cells are one line, and an array pushed to from empty reserves room for 17
  const rows = Math.max(0, bottom - top);
  const starts: number[] = new Array<number>(rows);
  const ends: number[] = new Array<number>(rows);
  let indent = right;
  for (let i = top; i < bottom; i++) {
    const p = plines[i]!;
    const n = p.s.length;
    if (p.comb) {
      // column_indices: indices of non-combining characters (docutils keeps the shifted values
      // for the following lines too; so do we)
      const ci: number[] = [];
      for (let k = 0; k < n; k++) if (!p.comb[k]) ci.push(k);
      left = left < ci.length ? ci[left]! : left + (n - ci.length);
      right = right < ci.length ? ci[right]! : right + (n - ci.length);
    }
    const a = Math.min(Math.max(left, 0), n);
    const bRaw = Math.min(Math.max(right, 0), n);
    const b = bRaw < a ? a : rstripEnd(p.s, a, bRaw);
    starts[i - top] = a;
    ends[i - top] = b;
    if (b > a) {
      let k = a;
      while (k < b && isPySpace(p.s.charCodeAt(k))) k++;
      indent = Math.min(indent, k - a);
    }
  }
  const strip = 0 < indent && indent < right ? indent : 0;
  const lines: Line[] = new Array<Line>(rows);
  for (let i = top; i < bottom; i++) {
    const p = plines[i]!;
    const a0 = starts[i - top]!;
    const b = ends[i - top]!;
    const a = Math.min(a0 + strip, Math.max(b, a0));
    const from = srcAt(p, a);
    const to = b > a ? srcAt(p, b) : from;
    const l: Line = { text: p.line.text.slice(from, to), index: p.line.index, col: p.line.col + from };
    if (p.line.src) l.src = p.line.src;
    lines[i - top] = l;
  }
  return { lines };
}

interface Cell {
  morerows: number;
  morecols: number;
  /** index in the block of the cell's first line */
  offset: number;
  block: CellBlock;
  /** rectangle in block coordinates (for positions): first/last line, start/end column (padded) */
  rect: { top: number; bottom: number; left: number; right: number };
}

interface TableData {
  colwidths: number[];
  /** column ranges (padded columns) on the top line, for colspec positions */
  colranges: [number, number][];
  head: (Cell | null)[][];
  body: (Cell | null)[][];
}

// ---------------------------------------------------------------------------------------------
// Grid tables

const GRID_BORDER = /^\+-[-+]+-\+ *$/;
const GRID_HEAD_SEP = /^\+=[=+]+=\+ *$/;

/** `prefix`: what every line `pattern` matches starts with (a cheap test before the regex). */
function findHeadBodySep(block: string[], pattern: RegExp, prefix: string): number | null {
  let sep: number | null = null;
  let i = 0;
  for (i = 0; i < block.length; i++) {
    const line = block[i]!;
    if (line.startsWith(prefix) && pattern.test(line)) {
      if (sep) {
        throw new TableMarkupError(
          `Multiple head/body row separators (table lines ${sep + 1} and ${i + 1}); only one allowed.`,
          i,
        );
      }
      sep = i;
      block[i] = dashes(line);
    }
  }
  if (sep === 0 || sep === block.length - 1) {
    throw new TableMarkupError('The head/body row separator may not be the first or last line of the table.', i);
  }
  return sep;
}

function addSeps(master: Map<number, number[]>, extra: Map<number, number[]>): void {
  for (const [k, v] of extra) {
    const list = master.get(k);
    if (list) list.push(...v);
    else master.set(k, [...v]);
  }
}

/** Insert corner (top, left) into the (top, left)-sorted `corners` (docutils appends, then sorts). */
function insertCorner(corners: [number, number][], top: number, left: number): void {
  let lo = 0;
  let hi = corners.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = corners[mid]!;
    if (c[0] < top || (c[0] === top && c[1] <= left)) lo = mid + 1;
    else hi = mid;
  }
  corners.splice(lo, 0, [top, left]);
}

function parseGrid(plines: PLine[]): TableData {
  const block = plines.map((p) => p.s);
  const headSep = findHeadBodySep(block, GRID_HEAD_SEP, '+=');
  const bottom = block.length - 1;
  const right = block[0]!.length - 1;
  const done: number[] = new Array<number>(block[0]!.length).fill(-1);
  const cellsRaw: { top: number; left: number; bottom: number; right: number }[] = [];
  const rowseps = new Map<number, number[]>([[0, [0]]]);
  const colseps = new Map<number, number[]>([[0, [0]]]);
  const at = (r: number, c: number): string => block[r]![c] ?? '';

  const scanUp = (top: number, left: number, bot: number): Map<number, number[]> | null => {
    const seps = new Map<number, number[]>();
    for (let i = bot - 1; i > top; i--) {
      const ch = at(i, left);
      if (ch === '+') seps.set(i, [left]);
      else if (ch !== '|') return null;
    }
    return seps;
  };
  const scanLeft = (
    top: number,
    left: number,
    bot: number,
    rt: number,
  ): [Map<number, number[]>, Map<number, number[]>] | null => {
    const cseps = new Map<number, number[]>();
    for (let i = rt - 1; i > left; i--) {
      const ch = at(bot, i);
      if (ch === '+') cseps.set(i, [bot]);
      else if (ch !== '-') return null;
    }
    if (at(bot, left) !== '+') return null;
    const up = scanUp(top, left, bot);
    if (up === null) return null;
    return [up, cseps];
  };
  const scanDown = (
    top: number,
    left: number,
    rt: number,
  ): [number, Map<number, number[]>, Map<number, number[]>] | null => {
    const rseps = new Map<number, number[]>();
    for (let i = top + 1; i <= bottom; i++) {
      const ch = at(i, rt);
      if (ch === '+') {
        rseps.set(i, [rt]);
        const res = scanLeft(top, left, i, rt);
        if (res) {
          addSeps(rseps, res[0]);
          return [i, rseps, res[1]];
        }
      } else if (ch !== '|') return null;
    }
    return null;
  };
  const scanRight = (
    top: number,
    left: number,
  ): [number, number, Map<number, number[]>, Map<number, number[]>] | null => {
    const cseps = new Map<number, number[]>();
    const line = block[top]!;
    for (let i = left + 1; i <= right; i++) {
      const ch = line[i];
      if (ch === '+') {
        cseps.set(i, [top]);
        const res = scanDown(top, left, i);
        if (res) {
          addSeps(cseps, res[2]);
          return [res[0], i, res[1], cseps];
        }
      } else if (ch !== '-') return null;
    }
    return null;
  };

  // corners: kept sorted; processed in (top, left) order
  const corners: [number, number][] = [[0, 0]];
  while (corners.length) {
    const [top, left] = corners.shift()!;
    if (top === bottom || left === right || top <= done[left]!) continue;
    if (at(top, left) !== '+') continue;
    const res = scanRight(top, left);
    if (!res) continue;
    const [bot, rt, rseps, cseps] = res;
    addSeps(rowseps, rseps);
    addSeps(colseps, cseps);
    for (let c = left; c < rt; c++) done[c] = bot - 1;
    cellsRaw.push({ top, left, bottom: bot, right: rt });
    insertCorner(corners, top, rt);
    insertCorner(corners, bot, left);
  }
  for (let c = 0; c < right; c++) {
    if (done[c] !== bottom - 1) throw new TableMarkupError('Malformed table; parse incomplete.');
  }
  const rowList = [...rowseps.keys()].sort((a, b) => a - b);
  const colList = [...colseps.keys()].sort((a, b) => a - b);
  const rowIndex = new Map<number, number>();
  rowList.forEach((r, i) => rowIndex.set(r, i));
  const colIndex = new Map<number, number>();
  colList.forEach((c, i) => colIndex.set(c, i));
  const colwidths: number[] = [];
  const colranges: [number, number][] = [];
  for (let i = 1; i < colList.length; i++) {
    colwidths.push(colList[i]! - colList[i - 1]! - 1);
    colranges.push([colList[i - 1]! + 1, colList[i]!]);
  }
  const rows: (Cell | null)[][] = [];
  for (let i = 0; i < rowList.length - 1; i++) rows.push(new Array<Cell | null>(colList.length - 1).fill(null));
  let remaining = (rowList.length - 1) * (colList.length - 1);
  for (const c of cellsRaw) {
    const rownum = rowIndex.get(c.top)!;
    const colnum = colIndex.get(c.left)!;
    const row = rows[rownum];
    // docutils asserts here (it cannot happen for a table that passed the scan)
    if (!row || row[colnum] !== null) throw new TableMarkupError('Malformed table; parse incomplete.');
    const morerows = rowIndex.get(c.bottom)! - rownum - 1;
    const morecols = colIndex.get(c.right)! - colnum - 1;
    remaining -= (morerows + 1) * (morecols + 1);
    row[colnum] = {
      morerows,
      morecols,
      offset: c.top + 1,
      block: get2DBlock(plines, c.top + 1, c.left + 1, c.bottom, c.right),
      // a cell between two adjacent borders has no interior line: an empty range after its corner
      rect:
        c.bottom - 1 < c.top + 1
          ? { top: c.top, bottom: c.top, left: c.left + 1, right: c.left + 1 }
          : { top: c.top + 1, bottom: c.bottom - 1, left: c.left + 1, right: c.right },
    };
  }
  if (remaining !== 0) throw new TableMarkupError('Malformed table; parse incomplete.');
  if (headSep) {
    const n = rowIndex.get(headSep) ?? 0;
    return { colwidths, colranges, head: rows.slice(0, n), body: rows.slice(n) };
  }
  return { colwidths, colranges, head: [], body: rows };
}

// ---------------------------------------------------------------------------------------------
// Simple tables

const SIMPLE_HEAD_SEP = /^=[ =]*$/;
const SPAN_LINE = /^-[ -]*$/;

function parseSimple(plines: PLine[]): TableData {
  const block = plines.map((p) => p.s);
  block[0] = dashes(block[0]!);
  block[block.length - 1] = dashes(block[block.length - 1]!);
  const headSep = findHeadBodySep(block, SIMPLE_HEAD_SEP, '=');
  let columns: [number, number][] = [];
  let borderEnd = 0;
  const table: Cell[][] = [];

  const parseColumns = (line: string, offset: number): [number, number][] => {
    const cols: [number, number][] = [];
    let end = 0;
    for (;;) {
      const begin = line.indexOf('-', end);
      if (begin < 0) break;
      end = line.indexOf(' ', begin);
      if (end < 0) end = line.length;
      cols.push([begin, end]);
    }
    if (columns.length && cols.length) {
      if (cols[cols.length - 1]![1] !== borderEnd) {
        throw new TableMarkupError(`Column span incomplete in table line ${offset + 1}.`, offset);
      }
      cols[cols.length - 1] = [cols[cols.length - 1]![0], columns[columns.length - 1]![1]];
    }
    return cols;
  };

  const stripComb = (p: PLine, s: string): string => {
    if (!p.comb) return s;
    let out = '';
    for (let k = 0; k < s.length; k++) if (!p.comb[k]) out += s[k];
    return out;
  };

  /** docutils `check_columns` for block lines from..to-1 */
  const checkColumns = (from: number, to: number, cols: [number, number][]): void => {
    const lastcol = cols.length - 1;
    const texts: string[] = [];
    for (let k = from; k < to; k++) texts.push(stripComb(plines[k]!, block[k]!));
    for (let i = 0; i < cols.length; i++) {
      const start = cols[i]![0];
      const nextstart = i + 1 < cols.length ? cols[i + 1]![0] : Number.MAX_SAFE_INTEGER;
      const end = cols[i]![1];
      let offset = 0;
      for (const line of texts) {
        if (i === lastcol && hasTextIn(line, end, line.length)) {
          const from = Math.min(start, line.length);
          const newEnd = start + (rstripEnd(line, from, line.length) - from);
          const main = columns[columns.length - 1]!;
          cols[i] = [start, Math.max(main[1], newEnd)];
          if (newEnd > main[1]) columns[columns.length - 1] = [main[0], newEnd];
        } else if (hasTextIn(line, end, nextstart)) {
          throw new TableMarkupError(`Text in column margin in table line ${from + offset + 1}.`, from + offset);
        }
        offset++;
      }
    }
  };

  const initRow = (colspec: [number, number][], offset: number): { morecols: number }[] => {
    let i = 0;
    const cells: { morecols: number }[] = [];
    const fail = (): never => {
      throw new TableMarkupError(`Column span alignment problem in table line ${offset + 2}.`, offset + 1);
    };
    for (const [start, end] of colspec) {
      let morecols = 0;
      if (i >= columns.length || start !== columns[i]![0]) fail();
      while (end !== columns[i]![1]) {
        i++;
        morecols++;
        if (i >= columns.length) fail();
      }
      cells.push({ morecols });
      i++;
    }
    return cells;
  };

  const parseRow = (from: number, to: number, spanline?: [string, number]): void => {
    if (!(to > from || spanline)) return;
    // (column pairs are replaced, never changed in place: a shallow copy is enough)
    const cols = spanline ? parseColumns(spanline[0], spanline[1]) : columns.slice();
    checkColumns(from, to, cols);
    const inits = initRow(cols, from);
    const row: Cell[] = [];
    for (let i = 0; i < cols.length; i++) {
      const [start, end] = cols[i]!;
      row.push({
        morerows: 0,
        morecols: inits[i]!.morecols,
        offset: from,
        block: get2DBlock(plines, from, start, to, end),
        rect: { top: from, bottom: Math.max(from, to - 1), left: start, right: end },
      });
    }
    table.push(row);
  };

  columns = parseColumns(block[0]!, 0);
  if (!columns.length) throw new TableMarkupError('Malformed table; parse incomplete.');
  borderEnd = columns[columns.length - 1]![1];
  const [firststart, firstend] = columns[0]!;
  let offset = 1;
  let start = 1;
  let textFound = false;
  while (offset < block.length) {
    const line = block[offset]!;
    if (line.charCodeAt(0) === 0x2d && SPAN_LINE.test(line)) {
      parseRow(start, offset, [line.slice(0, rstripEnd(line, 0, line.length)), offset]);
      start = offset + 1;
      textFound = false;
    } else if (hasTextIn(line, firststart, firstend)) {
      if (textFound && offset !== start) parseRow(start, offset);
      start = offset;
      textFound = true;
    } else if (!textFound) {
      start = offset + 1;
    }
    offset++;
  }
  const colwidths = columns.map(([a, b]) => b - a);
  let firstBody = 0;
  if (headSep) {
    for (let i = 0; i < table.length; i++) {
      if (table[i]![0]!.offset > headSep) {
        firstBody = i;
        break;
      }
    }
  }
  return {
    colwidths,
    colranges: columns.map(([a, b]) => [a, b]),
    head: table.slice(0, firstBody),
    body: table.slice(firstBody),
  };
}

// ---------------------------------------------------------------------------------------------
// Isolating the block and building nodes

/**
 * Parse the grid or simple table whose top border is `lines[start]`, the way docutils' Body state
 * does (`isolate_grid_table` / `isolate_simple_table`, the table parser, `build_table`).
 *
 * Returns the nodes to append to the current parent, in docutils' order: the table (absent when
 * malformed), then messages (`Malformed table.`, `Unexpected indentation.`). The caller adds
 * the `Blank line required after table.` warning when `blankFinish` is false (as docutils'
 * `table_top` does). `next` is where the state machine resumes; like docutils, it may point
 * back inside the table's lines when a grid table's bottom had to be searched for.
 *
 * docutils' line numbers: `services.lineNumber` is taken to be docutils' line for `lines[start]`;
 * the difference to `lines[start].index + 1` is applied to all computed message lines. Cells are
 * nested-parsed with `docutilsLineDelta` set to docutils' own (off-by-one) offset for cells.
 */
export function parseTableAt(
  kind: TableKind,
  lines: readonly Line[],
  start: number,
  services: ParserServices,
): TableResult {
  const ctx = new TableContext(lines, start, services);
  try {
    return kind === 'grid' ? ctx.grid() : ctx.simple();
  } catch (err) {
    // never throw: report and skip the line
    const line = lines[start];
    const msg = services.reporter.error('malformed-table', 'Malformed table.', {
      line: ctx.abs(start),
      detail: line?.text ?? '',
      ...(line ? { position: ctx.rangeOfLines(start, start) } : {}),
    });
    void err;
    return { nodes: [msg], next: start + 1, blankFinish: true };
  }
}

class TableContext {
  /** docutils line = index + 1 + delta */
  readonly delta: number;
  /** Path of the included file the table is in, for its messages. */
  readonly msgSource: string | undefined;
  constructor(
    readonly lines: readonly Line[],
    readonly start: number,
    readonly services: ParserServices,
  ) {
    const first = lines[start];
    const ln = (services as { lineNumber?: number }).lineNumber;
    // In text spliced in by `include`, docutils' reporter turns its absolute line back into the
    // included file's line: that is the Line's own index there (no delta), and the message
    // names the file.
    this.delta = first && !first.src && typeof ln === 'number' && Number.isFinite(ln) ? ln - (first.index + 1) : 0;
    if (first?.src) this.msgSource = first.src.path;
  }

  /** docutils' abs_line_number() for input line `i`. */
  abs(i: number): number {
    const j = Math.max(0, Math.min(i, this.lines.length - 1));
    const l = this.lines[j];
    if (!l) return 1 + this.delta;
    return l.index + 1 + this.delta + (i - j);
  }

  /** The Source a line belongs to (lines spliced in by `include` carry their own). */
  srcOf(line: Line | undefined): Source {
    return line?.src ?? this.services.source;
  }

  rangeOfLines(first: number, last: number): Position {
    const a = this.lines[first]!;
    const src = this.srcOf(a);
    const b = this.lines[Math.max(first, last)]!;
    return src.range(a.index, a.col, b.index, b.col + b.text.length);
  }

  /** docutils `malformed_table`, with the state machine at input line `cur`. */
  malformed(blockLines: PLine[] | Line[], cur: number, blockFirst: number, detail = '', offset = 0): RstNode {
    const texts = blockLines.map((l) => ('s' in l ? unpadded(l) : l.text));
    const data = texts.join('\n');
    let message = 'Malformed table.';
    if (detail) message += '\n' + detail;
    const startline = this.abs(cur) - blockLines.length + 1;
    const pos = blockLines.length ? this.rangeOfLines(blockFirst, blockFirst + blockLines.length - 1) : undefined;
    return this.services.reporter.error('malformed-table', message, {
      line: startline + offset,
      ...(this.msgSource !== undefined ? { source: this.msgSource } : {}),
      detail: data,
      ...(pos ? { position: pos } : {}),
    });
  }

  grid(): TableResult {
    const { lines, start } = this;
    const messages: RstNode[] = [];
    let blankFinish = true;
    // get_text_block(flush_left=True)
    let end = start;
    while (end < lines.length) {
      const t = lines[end]!.text;
      if (isBlankText(t)) break;
      if (t[0] === ' ') {
        const l = lines[end]!;
        messages.push(
          this.services.reporter.error('unexpected-indentation', 'Unexpected indentation.', {
            line: l.index + 1,
            ...(l.src ? { source: l.src.path } : {}),
            position: this.srcOf(l).range(l.index, l.col, l.index, l.col + l.text.length),
          }),
        );
        blankFinish = false;
        break;
      }
      end++;
    }
    let cur = end - 1; // the state machine's current line
    let block: PLine[] = [];
    for (let i = start; i < end; i++) block.push(prepare(lines[i]!, pyStripLead(lines[i]!.text)));
    const width = block[0]!.s.length;
    for (let i = 0; i < block.length; i++) {
      const c = block[i]!.s[0];
      if (c !== '+' && c !== '|') {
        blankFinish = false;
        cur -= block.length - i;
        block = block.slice(0, i);
        break;
      }
    }
    if (!GRID_BORDER.test(block[block.length - 1]!.s)) {
      blankFinish = false;
      let found = -1;
      for (let i = block.length - 2; i > 1; i--) {
        if (GRID_BORDER.test(block[i]!.s)) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        messages.push(this.malformed(block, cur, start));
        return this.finish([], messages, blankFinish, cur);
      }
      cur -= block.length - found + 1;
      block = block.slice(0, found + 1);
    }
    for (const p of block) {
      const last = p.s[p.s.length - 1];
      if (p.s.length !== width || (last !== '+' && last !== '|')) {
        messages.push(this.malformed(block, cur, start));
        return this.finish([], messages, blankFinish, cur);
      }
    }
    return this.build(block, () => parseGrid(block), messages, blankFinish, cur);
  }

  simple(): TableResult {
    const { lines, start } = this;
    const limit = lines.length - 1;
    const toplen = stripLen(lines[start]!.text);
    let found = 0;
    let foundAt = -1;
    let end = -1;
    let i = start + 1;
    for (; i <= limit; i++) {
      const line = lines[i]!.text;
      if (isSimpleBorder(line)) {
        if (stripLen(line) !== toplen) {
          const cur = i;
          const msg = this.malformed(
            lines.slice(start, i + 1),
            cur,
            start,
            'Bottom/header table border does not match top border.',
          );
          return this.finish([], [msg], i === limit || isBlankText(lines[i + 1]!.text), cur);
        }
        found++;
        foundAt = i;
        if (found === 2 || i === limit || isBlankText(lines[i + 1]!.text)) {
          end = i;
          break;
        }
      }
    }
    if (end < 0) {
      let extra: string;
      let cur: number;
      let blockLines: Line[];
      if (found) {
        extra = ' or no blank line after table bottom';
        cur = foundAt;
        blockLines = lines.slice(start, foundAt + 1);
      } else {
        extra = '';
        cur = limit;
        blockLines = lines.slice(start);
      }
      const msg = this.malformed(blockLines, cur, start, `No bottom table border found${extra}.`);
      return this.finish([], [msg], !extra, cur);
    }
    const block: PLine[] = [];
    for (let k = start; k <= end; k++) block.push(prepare(lines[k]!));
    const blankFinish = end === limit || isBlankText(lines[end + 1]!.text);
    return this.build(block, () => parseSimple(block), [], blankFinish, end);
  }

  finish(nodes: RstNode[], messages: RstNode[], blankFinish: boolean, cur: number): TableResult {
    return { nodes: [...nodes, ...messages], next: cur + 1, blankFinish };
  }

  build(
    block: PLine[],
    parse: () => TableData,
    messages: RstNode[],
    blankFinish: boolean,
    cur: number,
  ): TableResult {
    let data: TableData;
    try {
      data = parse();
    } catch (err) {
      if (!(err instanceof TableMarkupError)) throw err;
      const msg = this.malformed(block, cur, this.start, err.message, err.offset);
      return this.finish([msg], messages, blankFinish, cur);
    }
    // docutils: tableline = abs_line_number() - len(block) + 1; cells parsed with
    // input_offset = tableline + offset, one more than the cell's real line.
    const tableline = this.abs(cur) - block.length + 1;
    const cellDelta = tableline + 1 - (this.lines[this.start]!.index + 1);
    const table = this.buildTable(block, data, cellDelta);
    return this.finish([table], messages, blankFinish, cur);
  }

  /** Source range from padded column `left` of block line `top` to column `right` of line
   *  `bottom` (columns may be one past the end). */
  rect(block: PLine[], top: number, left: number, bottom: number, right: number): Position {
    const a = block[top]!;
    const b = block[bottom]!;
    const aCol = a.line.col + srcAt(a, Math.max(0, Math.min(left, a.s.length)));
    const bCol = b.line.col + srcAt(b, Math.max(0, Math.min(right, b.s.length)));
    return this.srcOf(a.line).range(a.line.index, aCol, b.line.index, bCol);
  }

  buildTable(block: PLine[], data: TableData, cellDelta: number): RstNode {
    const last = block.length - 1;
    const fullWidth = (r: number): number => block[r]!.s.length;
    const tablePos = this.rect(block, 0, 0, last, fullWidth(last));
    const tgroup: RstNode = {
      type: 'tgroup',
      attributes: { cols: data.colwidths.length },
      children: [],
      position: tablePos,
    };
    data.colwidths.forEach((w, i) => {
      const [a, b] = data.colranges[i]!;
      tgroup.children!.push({
        type: 'colspec',
        attributes: { colwidth: w },
        children: [],
        position: this.rect(block, 0, a, 0, b),
      });
    });
    const nestedOptions = { docutilsLineDelta: cellDelta };
    const rowNode = (cells: (Cell | null)[]): RstNode => {
      const row: RstNode = { type: 'row', children: [] };
      let top = Infinity;
      let bottom = -1;
      for (const cell of cells) {
        if (!cell) continue;
        const r = cell.rect;
        const entry: RstNode = {
          type: 'entry',
          children: [],
          position: this.rect(block, r.top, r.left, r.bottom, r.right),
        };
        if (cell.morerows || cell.morecols) {
          const attributes: Record<string, unknown> = {};
          if (cell.morerows) attributes.morerows = cell.morerows;
          if (cell.morecols) attributes.morecols = cell.morecols;
          entry.attributes = attributes;
        }
        row.children!.push(entry);
        top = Math.min(top, cell.offset);
        bottom = Math.max(bottom, r.top);
        if (cell.block.lines.some((l) => l.text.length > 0)) {
          this.services.nestedParse(cell.block.lines, entry, nestedOptions);
        }
      }
      if (top !== Infinity) {
        // the row spans its lines, full width, and every entry that starts in it (row spans
        // reach below the row's own lines)
        let rowLast = top;
        for (const cell of cells) if (cell) rowLast = Math.max(rowLast, cell.rect.bottom);
        row.position = this.rect(block, top, 0, rowLast, fullWidth(rowLast));
        for (const e of row.children!) {
          if (e.position && e.position.start.offset < row.position.start.offset) row.position.start = e.position.start;
        }
      }
      return row;
    };
    const section = (type: string, rows: (Cell | null)[][]): RstNode => {
      const node: RstNode = { type, children: rows.map(rowNode) };
      const kids = node.children!.filter((c) => c.position);
      if (kids.length) node.position = { start: kids[0]!.position!.start, end: kids[kids.length - 1]!.position!.end };
      return node;
    };
    if (data.head.length) tgroup.children!.push(section('thead', data.head));
    tgroup.children!.push(section('tbody', data.body));
    const table: RstNode = { type: 'table', children: [tgroup], position: tablePos };
    const from = block[0]!.line.src;
    if (from) {
      // nodes from an included file say so (positions are in that file)
      const mark = (n: RstNode): void => {
        if (n.type === 'text') return;
        (n.data ??= {}).source ??= from.path;
        if (n.type !== 'entry') for (const c of n.children ?? []) mark(c);
      };
      mark(table);
    }
    return table;
  }
}

function stripLen(text: string): number {
  // len(line.strip()) in code points
  const a = pyStripLead(text);
  let b = text.length;
  while (b > a && isPySpace(text.charCodeAt(b - 1))) b--;
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > a) {
      const h = text.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}

/** `=+[ =]*$` matched at the start of the line. */
function isSimpleBorder(text: string): boolean {
  if (text[0] !== '=') return false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c !== '=' && c !== ' ') return false;
  }
  return true;
}
