/**
 * Offsets ↔ LSP positions, and the few lexical looks at a line the features need.
 *
 * The rst tree's offsets are UTF-16 indices into the source (JavaScript string indices), and its
 * columns count UTF-16 units from the start of a *Python* line (docutils splits lines at \v, \f,
 * \x1c-\x1e, \x85, \u2028 and \u2029 too). LSP lines end only at \n, \r\n and \r, and its
 * `character` counts UTF-16 units by default (UTF-8 or UTF-32 when negotiated). So the features
 * always go through offsets: a tree's line/column is never handed to the client as is.
 */

export type PositionEncoding = 'utf-16' | 'utf-8' | 'utf-32';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** Line starts of a text as LSP counts lines, and conversions in the chosen encoding. */
export class LineMap {
  readonly text: string;
  readonly encoding: PositionEncoding;
  private readonly starts: number[];

  constructor(text: string, encoding: PositionEncoding = 'utf-16') {
    this.text = text;
    this.encoding = encoding;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the start of a line (clamped). */
  lineStart(line: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return this.starts[line]!;
  }

  /** Offset just after a line's last character (before its line break). */
  lineEnd(line: number): number {
    if (line >= this.starts.length - 1) return this.text.length;
    let e = this.starts[line + 1]!;
    if (e > 0 && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > 0 && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  /** The text of a line, without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The 0-based line holding an offset. */
  lineOf(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): LspPosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    const start = this.starts[line]!;
    // an offset inside a \r\n pair belongs to the end of the line
    const end = Math.max(start, Math.min(o, this.lineEnd(line)));
    return { line, character: this.width(start, end) };
  }

  offsetAt(position: LspPosition): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line]!;
    const end = this.lineEnd(position.line);
    const want = Math.max(0, position.character);
    if (this.encoding === 'utf-16') return Math.min(start + want, end);
    let units = 0;
    let i = start;
    while (i < end && units < want) {
      const cp = this.text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      units += this.encoding === 'utf-32' ? 1 : utf8Length(cp);
      if (units > want) break;
      i += len;
    }
    return i;
  }

  range(start: number, end: number): LspRange {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Width of text[from, to) in the encoding's units. */
  private width(from: number, to: number): number {
    if (this.encoding === 'utf-16') return to - from;
    let n = 0;
    for (let i = from; i < to; ) {
      const cp = this.text.codePointAt(i)!;
      n += this.encoding === 'utf-32' ? 1 : utf8Length(cp);
      i += cp > 0xffff ? 2 : 1;
    }
    return n;
  }
}

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** C identifier characters. */
export function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The C identifier around an offset (the cursor may sit just after it). */
export function identifierAt(text: string, offset: number): { name: string; start: number; end: number } | undefined {
  let s = offset;
  let e = offset;
  while (s > 0 && isIdentChar(text.charCodeAt(s - 1))) s--;
  while (e < text.length && isIdentChar(text.charCodeAt(e))) e++;
  if (s === e) return undefined;
  const c0 = text.charCodeAt(s);
  if (c0 >= 48 && c0 <= 57) return undefined;
  return { name: text.slice(s, e), start: s, end: e };
}
