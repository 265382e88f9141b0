/**
 * The incremental re-parse (src/rst/incremental.ts) against a fresh parse: after every random edit
 * of real documents (docs-src's vfs.rst, an excerpt of the kernel's virt/kvm/api.rst, other
 * docs-src files), the tree it gives — positions, attributes, data, ids — and the message list equal
 * those of `parse()` of the new text. The edits are kept when the re-parse applies, so edits pile
 * up on trees that were themselves re-parsed. Plus the work it does: one paragraph's lines.
 * KDOCS_INCREMENTAL_RUNS changes the number of runs, KDOCS_INCREMENTAL_SEED the seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse, type ParsedDocument } from '../../src/rst/parse.js';
import { diffTexts, incrementalStats, reparseEdit } from '../../src/rst/incremental.js';
import { Source } from '../../src/rst/source.js';
import type { RstNode } from '../../src/rst/nodes.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RUNS = Number(process.env.KDOCS_INCREMENTAL_RUNS ?? 12);
const SEED = Number(process.env.KDOCS_INCREMENTAL_SEED ?? 20261205);

const DOCS: Record<string, string> = {
  'vfs.rst': readFileSync(path.join(REPO, 'docs-src', 'vfs.rst'), 'utf8'),
  'kvm-api-excerpt.rst': readFileSync(path.join(REPO, 'test', 'rst', 'fixtures', 'kvm-api-excerpt.rst'), 'utf8'),
  'locking.rst': readFileSync(path.join(REPO, 'docs-src', 'locking.rst'), 'utf8'),
  'porting.rst': readFileSync(path.join(REPO, 'docs-src', 'porting.rst'), 'utf8').slice(0, 30000),
};

/** Everything a fresh parse gives that the lint and the language server read. */
function assertSameParse(got: ParsedDocument, want: ParsedDocument, what: string): void {
  assert.equal(got.source.raw, want.source.raw, `${what}: text`);
  assert.deepEqual(plain(got.tree), plain(want.tree), `${what}: tree`);
  assert.deepEqual(got.messages, want.messages, `${what}: messages`);
  assert.deepEqual(got.includes, want.includes, `${what}: includes`);
  assert.deepEqual([...got.document!.ids.keys()], [...want.document!.ids.keys()], `${what}: ids`);
  assert.deepEqual([...got.document!.nameids], [...want.document!.nameids], `${what}: names`);
  assert.deepEqual(got.source.lines, want.source.lines, `${what}: source lines`);
}

/** A tree as plain data (node data may refer to other nodes: those become their type). */
function plain(n: RstNode): unknown {
  return JSON.parse(
    JSON.stringify(n, function (this: unknown, key: string, v: unknown) {
      if (key !== 'children' && key !== '' && v && typeof v === 'object' && typeof (v as RstNode).type === 'string' && !Array.isArray(this)) return `<${(v as RstNode).type}>`;
      return v;
    }),
  ) as unknown;
}

/** An edit: where (a fraction of the text), how much goes, what comes. Mostly one character, as
 *  typed; sometimes markup, a line break, a tab or a few characters. */
const edit = fc.record({
  // anywhere (fast-check's bias towards the ends would put most edits at the text's first and last
  // characters)
  at: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((n) => n / 1_000_000),
  del: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(1), fc.nat({ max: 4 })),
  text: fc.oneof(
    fc.constantFrom('x', 'e', ' ', 'Q'),
    fc.constantFrom('*', '`', '_', ':', '|', '[', ']', '-', '=', '.', '#', '\\', '\t', '\n', '::', '``', ':ref:`vfs`', '`a`_', '[#]_', '|x|', '\u2014', '-- ', '1. ', '- '),
    fc.constant(''),
    fc.string({ maxLength: 3 }),
  ),
});

test('after random edits of real documents the incremental re-parse equals a fresh parse', () => {
  const before = { ...incrementalStats };
  let checked = 0;
  fc.assert(
    fc.property(fc.constantFrom(...Object.keys(DOCS)), fc.array(edit, { minLength: 4, maxLength: 24 }), (name, edits) => {
      let text = DOCS[name]!;
      let prev = parse(text, { path: name });
      for (const e of edits) {
        const at = Math.min(text.length, Math.floor(e.at * text.length));
        const next = text.slice(0, at) + e.text + text.slice(Math.min(text.length, at + e.del));
        if (next === text) continue;
        const fresh = parse(next, { path: name });
        const inc = reparseEdit(prev, next, { start: at, end: Math.min(text.length, at + e.del), text: e.text });
        if (inc) {
          assertSameParse(inc, fresh, `${name} after an edit at ${at}`);
          checked++;
          prev = inc;
        } else prev = fresh;
        text = next;
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // the property says something only if the re-parse applied to many of the edits
  assert.ok(checked >= 20, `only ${checked} edits were re-parsed incrementally`);
  assert.ok(incrementalStats.applied - before.applied === checked);
});

test('typing a word into a paragraph of vfs.rst re-parses only that paragraph, every keystroke', () => {
  let text = DOCS['vfs.rst']!;
  const line = 'The VFS implements the open(2), stat(2), chmod(2), and similar system';
  const at = text.indexOf(line) + 4;
  assert.ok(at > 4);
  let prev = parse(text, { path: 'vfs.rst' });
  const applied = incrementalStats.applied;
  const word = 'virtual ';
  for (let i = 0; i < word.length; i++) {
    const next = text.slice(0, at + i) + word[i] + text.slice(at + i);
    const inc = reparseEdit(prev, next, { start: at + i, end: at + i, text: word[i]! });
    assert.ok(inc, `keystroke ${i}: ${incrementalStats.lastReason}`);
    // the paragraph holding the line has 6 lines: only those were parsed again
    assert.equal(incrementalStats.lastLines, 6);
    prev = inc;
    text = next;
  }
  assert.equal(incrementalStats.applied - applied, word.length);
  assertSameParse(prev, parse(text, { path: 'vfs.rst' }), 'after the word');
  // deleting it again, one backspace at a time
  for (let i = word.length - 1; i >= 0; i--) {
    const next = text.slice(0, at + i) + text.slice(at + i + 1);
    const inc = reparseEdit(prev, next);
    assert.ok(inc, `backspace ${i}: ${incrementalStats.lastReason}`);
    prev = inc;
    text = next;
  }
  assert.equal(text, DOCS['vfs.rst']);
  assertSameParse(prev, parse(text, { path: 'vfs.rst' }), 'after the backspaces');
});

test('edits that can change more than the paragraph are parsed whole', () => {
  const text = 'Title\n=====\n\nFirst line of a paragraph\nsecond line\nthird line.\n\nNext paragraph.\n';
  const underlined = text.replace('second line', '--x--');
  const cases: [string, string, string][] = [
    // the second line becomes a section underline (before, it would have been an option)
    [underlined, underlined.replace('--x--', '-----'), 'line starts a construct'],
    // the last line now ends with '::' (a literal block would follow)
    [text, text.replace('third line.', 'third line::'), 'literal block marker'],
    // a line break
    [text, text.replace('second line', 'second\nline'), 'line break in edit'],
    // markup that notes a reference in the document
    [text, text.replace('third line.', 'third `line`_.'), 'markup with side effects (after)'],
    // an edit in a title
    [text, text.replace('Title\n=====', 'Titlx\n====='), 'inside title'],
    // the first character of a line
    [text, text.replace('second line', 'Second line'), 'edit at the start of a line'],
  ];
  for (const [before, after, reason] of cases) {
    assert.equal(reparseEdit(parse(before, { path: 't.rst' }), after), undefined, reason);
    assert.equal(incrementalStats.lastReason, reason);
  }
  const next = text.replace('second line', 'second lane');
  const ok = reparseEdit(parse(text, { path: 't.rst' }), next);
  assert.ok(ok, incrementalStats.lastReason);
  assertSameParse(ok, parse(next, { path: 't.rst' }), 'plain edit');
});

test('Source.edited equals a new Source of the edited text, field for field', () => {
  const text = DOCS['kvm-api-excerpt.rst']!;
  const source = new Source(text, 'x.rst');
  let made = 0;
  for (let at = 7; at < text.length; at += 97) {
    for (const [del, ins] of [[0, 'y'], [1, ''], [1, 'zz']] as const) {
      const next = text.slice(0, at) + ins + text.slice(at + del);
      if (text.slice(at, at + del).includes('\n')) continue;
      const e = source.edited(next, at, at + del);
      if (!e) continue;
      made++;
      assert.deepEqual({ ...e, recentPoints: [] }, { ...new Source(next, 'x.rst'), recentPoints: [] });
    }
  }
  assert.ok(made > 100);
});

test('diffTexts finds the one replacement between two texts', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 9000 }), fc.nat(), fc.nat({ max: 5 }), fc.string({ maxLength: 5 }), (a, at0, del, ins) => {
      const at = at0 % (a.length + 1);
      const b = a.slice(0, at) + ins + a.slice(at + del);
      const e = diffTexts(a, b);
      assert.equal(a.slice(0, e.start) + e.text + a.slice(e.end), b);
      let p = 0;
      while (p < a.length && p < b.length && a[p] === b[p]) p++;
      assert.equal(e.start, p);
    }),
    { numRuns: 300, seed: SEED },
  );
});
