/**
 * What a finished parse leaves for the garbage collector. V8's scavenger (the young-generation
 * collection) keeps whatever a closure made during a parse reaches alive until the next full
 * collection, so a parse that stores closures on its per-document objects (the DocumentState's
 * append/defaultLine/mapLine used to be three arrow functions over the parser) has its whole tree
 * copied twice and promoted to the old generation after it is done: on the 6.12 tree that was
 * 237 MB promoted and three quarters of the parse's GC time. These tests look for such closures
 * in what a parse returns, and ask V8 itself: once a parse has returned and its result is
 * dropped, two young-generation collections must leave (almost) nothing of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from '../../src/rst/parse.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const VFS = readFileSync(path.join(REPO, 'docs-src', 'vfs.rst'), 'utf8');

/** Functions held by own properties of objects reachable from `root` (prototypes not followed),
 *  with where each was found. */
function functionsIn(root: unknown): Map<unknown, string> {
  const found = new Map<unknown, string>();
  const seen = new Set<object>();
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'function') {
      if (!found.has(v)) found.set(v, at);
      continue;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) continue;
    if (v instanceof Map) {
      for (const [k, x] of v) stack.push([x, `${at}.get(${String(k)})`]);
      continue;
    }
    if (v instanceof Set || v instanceof WeakSet || v instanceof WeakMap) continue;
    for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], `${at}.${k}`]);
  }
  return found;
}

test('a parse result holds no closure made by that parse', () => {
  // the functions two parses share are module-level (registry entries, the state factory...);
  // one the second parse's result holds that the first's does not was made during the parse
  const first = functionsIn(parse(VFS, { path: 'vfs.rst' }));
  const second = parse(VFS, { path: 'vfs.rst' });
  // the parser that ran is reachable from the document state, so its fields are looked at too
  assert.ok(second.document?.parser, 'the document state knows the parser that ran on it');
  const made = [...functionsIn(second)].filter(([f]) => !first.has(f)).map(([, at]) => at);
  assert.deepEqual(made, []);
});

test('a dropped parse result dies in the young generation', () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (o?: { type: 'minor' | 'major' }) => void;
  const youngUsed = (): number => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
  const oldUsed = (): number => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!.space_used_size;
  const text = VFS.slice(0, 40000);
  // in a function of its own, so that no frame of this test holds the result
  const once = (): number => parse(text, { path: 'vfs.rst' }).tree.children.length;
  for (let i = 0; i < 5; i++) once();
  gc();
  let allocated = 0;
  let promoted = 0;
  const rounds = 6;
  for (let i = 0; i < rounds; i++) {
    const young0 = youngUsed();
    const old0 = oldUsed();
    once();
    allocated += youngUsed() - young0;
    gc({ type: 'minor' });
    gc({ type: 'minor' });
    promoted += oldUsed() - old0;
  }
  // before the closures went: ≈ 40 % of what a parse allocates was promoted; now ≈ 0
  assert.ok(allocated > 100_000, `a parse allocates in the young generation (${allocated} bytes)`);
  assert.ok(promoted < allocated * 0.1, `promoted ${promoted} of ${allocated} bytes allocated by ${rounds} dropped parses`);
});

test('inline nodes share their boundary points (one point object per offset)', () => {
  // 'Some *emphasis* and ``code`` here.': the text before the emphasis ends where it starts, the
  // emphasis ends where the next text starts, and so on
  const doc = parse('Some *emphasis* and ``code`` here,\nand *more* on a second line.\n');
  const para = doc.tree.children.find((n) => n.type === 'paragraph')!;
  const points = new Set<object>();
  const offsets = new Set<number>();
  for (const kid of para.children!) {
    for (const p of [kid.position!.start, kid.position!.end]) {
      points.add(p);
      offsets.add(p.offset);
    }
  }
  assert.equal(para.children!.length, 7);
  assert.equal(points.size, offsets.size, 'one point object per boundary offset');
});
