import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineMap, identifierAt } from '../../../src/lsp/features/text.js';
import { parse } from '../../../src/rst/parse.js';

test('LineMap: UTF-16 positions past astral characters, tabs and accents', () => {
  const text = 'a😀b\tc é\r\nx\ry\nz';
  const m = new LineMap(text);
  assert.equal(m.lineCount, 4);
  assert.deepEqual(m.positionAt(text.indexOf('b')), { line: 0, character: 3 }); // 😀 is two UTF-16 units
  assert.deepEqual(m.positionAt(text.indexOf('é')), { line: 0, character: 7 });
  assert.deepEqual(m.positionAt(text.indexOf('x')), { line: 1, character: 0 });
  assert.deepEqual(m.positionAt(text.indexOf('y')), { line: 2, character: 0 });
  assert.equal(m.offsetAt({ line: 0, character: 3 }), text.indexOf('b'));
  // past the end of a line: clamped to it (not into the next line)
  assert.equal(m.offsetAt({ line: 1, character: 99 }), text.indexOf('x') + 1);
  // UTF-32 and UTF-8 count the emoji as 1 and 4
  assert.deepEqual(new LineMap(text, 'utf-32').positionAt(text.indexOf('b')), { line: 0, character: 2 });
  assert.deepEqual(new LineMap(text, 'utf-8').positionAt(text.indexOf('b')), { line: 0, character: 5 });
  assert.equal(new LineMap(text, 'utf-8').offsetAt({ line: 0, character: 5 }), text.indexOf('b'));
});

test('LineMap agrees with vscode-languageserver-textdocument on random text (both directions)', () => {
  const chars = fc.constantFrom('a', ' ', '\t', '\n', '\r', '\r\n', 'é', '😀', '字', '\u2028', '\f', '`');
  fc.assert(
    fc.property(fc.array(chars, { maxLength: 60 }).map((a) => a.join('')), fc.nat(80), (text, at) => {
      const m = new LineMap(text);
      const d = TextDocument.create('file:///x', 'rst', 1, text);
      const o = Math.min(at, text.length);
      // (an offset between \r and \n is no position of its own)
      if (text[o - 1] === '\r' && text[o] === '\n') return;
      // inside a surrogate pair TextDocument and LineMap agree anyway: both count units
      assert.deepEqual(m.positionAt(o), d.positionAt(o));
      const pos = d.positionAt(o);
      assert.equal(m.offsetAt(pos), d.offsetAt(pos));
    }),
    { numRuns: 300, seed: 20261205 },
  );
});

test("the tree's points are LSP positions plus one (UTF-16 columns, a tab one column), checked node by node", () => {
  const text = 'Tïtle 😀\r\n========\r\n\r\nA\t😀 é\fB :ref:`x` 字 ``y``\r\n\n* 😀 item :doc:`z`\n';
  const doc = parse(text, { path: 'a.rst' });
  const m = new LineMap(text);
  let n = 0;
  const visit = (node: { position?: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } }; children?: unknown[] }): void => {
    for (const pt of node.position ? [node.position.start, node.position.end] : []) {
      assert.deepEqual(m.positionAt(pt.offset), { line: pt.line - 1, character: pt.column - 1 });
      n++;
    }
    for (const c of (node.children ?? []) as (typeof node)[]) visit(c);
  };
  visit(doc.tree as never);
  assert.ok(n > 20);
});

test('identifierAt: C identifiers around the cursor (and just after them)', () => {
  assert.deepEqual(identifierAt('x = desc->start;', 12), { name: 'start', start: 10, end: 15 });
  assert.deepEqual(identifierAt('x = desc->start;', 15), { name: 'start', start: 10, end: 15 });
  assert.equal(identifierAt('a + 1', 4), undefined);
  assert.equal(identifierAt('a + 12', 5), undefined);
});
