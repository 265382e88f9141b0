import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Source, TextMap, type Line } from '../../src/rst/source.js';
import type { Point, Position } from '../../src/rst/nodes.js';

/**
 * TextMap maps most lines by addition, with a cursor and per-line caches; this pins it to the
 * straightforward mapping (binary search for the line, then `Source.offset` and `Source.pointAt`
 * for every index) on sources with tabs, every line break Python knows, a BOM, surrogate pairs,
 * trailing blanks, indented lines and lines that do not match the source at all.
 */
class ReferenceMap {
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
  private lineOf(i: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  offsetAt(i: number): number {
    if (!this.starts.length) return 0;
    const lo = this.lineOf(i);
    const line = this.lines[lo]!;
    const j = Math.min(i - this.starts[lo]!, line.text.length);
    return this.source.offset(line.index, line.col + j);
  }
  lineIndexAt(i: number): number {
    return this.lines[this.lineOf(i)]?.index ?? 0;
  }
  pointAt(i: number): Point {
    return this.source.pointAt(this.offsetAt(i));
  }
  position(start: number, end: number): Position {
    const s = this.offsetAt(start);
    const e = end > start ? this.offsetAt(end - 1) + 1 : s;
    return { start: this.source.pointAt(s), end: this.source.pointAt(Math.max(s, e)) };
  }
}

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const PIECES = ['a', 'bc', ' ', '  ', '\t', 'x\ty', '\u00e9', '\ud835\udc9c', '*', '`', '\u3000', '\u00a0'];
const BREAKS = ['\n', '\n', '\n', '\r\n', '\r', '\v', '\f', '\x1c', '\u0085', '\u2028'];

function randomSource(r: () => number): string {
  let raw = r() < 0.1 ? '\ufeff' : '';
  const n = 1 + Math.floor(r() * 6);
  for (let l = 0; l < n; l++) {
    if (l) raw += BREAKS[Math.floor(r() * BREAKS.length)]!;
    const k = Math.floor(r() * 8);
    for (let j = 0; j < k; j++) raw += PIECES[Math.floor(r() * PIECES.length)]!;
  }
  return raw;
}

function randomLines(source: Source, r: () => number): Line[] {
  const all = source.lines;
  if (!all.length || r() < 0.05) return [];
  const first = Math.floor(r() * all.length);
  const count = 1 + Math.floor(r() * (all.length - first));
  const out: Line[] = [];
  for (let i = first; i < first + count; i++) {
    const l = all[i]!;
    const cut = Math.floor(r() * (l.text.length + 1));
    const pick = r();
    if (pick < 0.6) out.push({ text: l.text.slice(cut), index: l.index, col: l.col + cut });
    else if (pick < 0.75) out.push({ text: l.text + 'zz', index: l.index, col: l.col }); // longer than the source line
    else if (pick < 0.85) out.push({ text: 'synthetic', index: l.index + Math.floor(r() * 3), col: cut }); // past the end too
    else if (pick < 0.9) out.push({ text: l.text, index: l.index, col: -1 });
    else out.push({ text: '', index: l.index, col: cut });
  }
  return out;
}

test('TextMap maps every index and range as Source does, line by line', () => {
  const r = rng(20240611);
  for (let round = 0; round < 1500; round++) {
    const source = new Source(randomSource(r));
    const lines = randomLines(source, r);
    const ref = new ReferenceMap(source, lines);
    const tm = new TextMap(source, lines);
    assert.equal(tm.text, ref.text);
    const n = tm.text.length;
    const where = `round ${round}: ${JSON.stringify(source.raw)} lines ${JSON.stringify(lines)}`;
    // the same questions in scrambled order, so the cursor and the caches move both ways
    const queries: [number, number][] = [];
    for (let a = -1; a <= n + 1; a++) for (let b = a; b <= n + 1; b++) queries.push([a, b]);
    for (let i = queries.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [queries[i], queries[j]] = [queries[j]!, queries[i]!];
    }
    for (const [a, b] of queries) {
      assert.deepEqual(tm.position(a, b), ref.position(a, b), `${where} position(${a}, ${b})`);
      assert.equal(tm.offsetAt(a), ref.offsetAt(a), `${where} offsetAt(${a})`);
      assert.deepEqual(tm.pointAt(b), ref.pointAt(b), `${where} pointAt(${b})`);
      assert.equal(tm.lineIndexAt(a), ref.lineIndexAt(a), `${where} lineIndexAt(${a})`);
    }
  }
});

test('TextMap: a position right after the last character of a line stays on that line', () => {
  const source = new Source('para one\n\ttab line\r\nthird');
  const tm = new TextMap(source, source.lines);
  // "one" ends line 1; the range [5, 8) ends at column 9 of line 1, not on line 2
  assert.deepEqual(tm.position(5, 8), { start: { line: 1, column: 6, offset: 5 }, end: { line: 1, column: 9, offset: 8 } });
  // the tab is one column in the source: "tab" starts right after it
  const t = tm.text.indexOf('tab');
  assert.deepEqual(tm.position(t, t + 3).start, { line: 2, column: 2, offset: 10 });
  // the \r\n break: "third" starts line 3
  assert.deepEqual(tm.pointAt(tm.text.indexOf('third')), { line: 3, column: 1, offset: 20 });
});
