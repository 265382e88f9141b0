/**
 * The conformance harness' comparison: first tree difference (path + kind) and message diffs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstTreeDiff, messageDiffs, messagePattern } from '../../scripts/conformance-diff.js';
import type { JsonMessage, JsonNode } from '../../src/rst/doctree-json.js';

const doc = (...children: JsonNode[]): JsonNode => ({ type: 'document', children });
const para = (text: string): JsonNode => ({ type: 'paragraph', children: [{ type: 'text', value: text }] });

test('identical trees have no difference', () => {
  assert.equal(firstTreeDiff(doc(para('a')), doc(para('a'))), undefined);
});

test('type, attribute, text and child-count differences are located', () => {
  const t = firstTreeDiff(doc(para('a')), doc({ type: 'definition_list' }));
  assert.equal(t?.kind, 'type: ours paragraph, docutils definition_list (in document)');
  assert.equal(t?.path, 'document/definition_list[0]');

  const a = firstTreeDiff(doc({ type: 'target', attributes: { ids: ['x'] } }), doc({ type: 'target', attributes: { refid: 'x' } }));
  assert.equal(a?.kind, 'attribute ids extra on target');

  const x = firstTreeDiff(doc(para('a')), doc(para('b')));
  assert.equal(x?.kind, 'text differs (in paragraph)');
  assert.equal(x?.path, 'document/paragraph[0]/text[0]');

  const m = firstTreeDiff(doc(para('a')), doc(para('a'), para('b')));
  assert.equal(m?.kind, 'missing child paragraph in document');
  const e = firstTreeDiff(doc(para('a'), { type: 'comment' }), doc(para('a')));
  assert.equal(e?.kind, 'extra child comment in document');
});

test('message differences: missing, extra, line, order', () => {
  const msg = (text: string, line?: number, type = 'INFO'): JsonMessage => ({
    level: type === 'INFO' ? 1 : 3,
    type,
    text,
    phase: 'parse',
    ...(line !== undefined ? { line } : {}),
  });
  assert.deepEqual(messageDiffs([msg('a', 1)], [msg('a', 1)]), []);
  const d = messageDiffs([msg('Duplicate implicit target name: "x".', 3), msg('extra', 1)], [msg('Duplicate implicit target name: "x".', 4)]);
  assert.deepEqual(
    d.map((x) => x.kind),
    ['line differs: INFO Duplicate implicit target name: "*".', 'extra (ours only): INFO extra'],
  );
  assert.equal(messageDiffs([], [msg('Unknown target name: "a".', 2, 'ERROR')])[0]?.kind, 'missing (docutils only): ERROR Unknown target name: "*".');
  assert.deepEqual(
    messageDiffs([msg('a'), msg('b')], [msg('b'), msg('a')]).map((x) => x.kind),
    ['same messages, different order'],
  );
  assert.equal(messagePattern('Enumerated list start value not ordinal-1: "3" (ordinal 3)'), 'Enumerated list start value not ordinal-N: "*" (ordinal N)');
});
