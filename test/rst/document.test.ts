/** DocumentState: docutils' make_id, set_id and duplicate-name bookkeeping. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentState, makeId, fullyNormalizeName } from '../../src/rst/document.js';
import { Reporter } from '../../src/rst/reporter.js';
import type { RstNode } from '../../src/rst/nodes.js';

test('makeId matches docutils.nodes.make_id', () => {
  // values checked with python3 -c "from docutils.nodes import make_id; print(make_id(s))"
  const cases: [string, string][] = [
    ['Hello World', 'hello-world'],
    ['  2. Numbered title', 'numbered-title'],
    ['Ünïcödé Straße', 'unicode-strasze'],
    ['łódź', 'lodz'],
    ['a_b.c:d', 'a-b-c-d'],
    ['---', ''],
    ['中文', ''],
    ['x--y', 'x-y'],
    ['CONFIG_FOO=y', 'config-foo-y'],
  ];
  for (const [input, id] of cases) assert.equal(makeId(input), id, input);
});

test('fullyNormalizeName', () => {
  assert.equal(fullyNormalizeName('  Foo\n  Bar '), 'foo bar');
});

test('set_id: names first, then auto ids id1, id2', () => {
  const doc = new DocumentState(new Reporter());
  const a: RstNode = { type: 'section', attributes: { names: ['intro'] } };
  const b: RstNode = { type: 'section', attributes: { names: ['intro'] } };
  const c: RstNode = { type: 'target' };
  assert.equal(doc.setId(a), 'intro');
  assert.equal(doc.setId(b), 'id1');
  assert.equal(doc.setId(c), 'id2');
});

test('duplicate implicit and explicit names like docutils', () => {
  const reporter = new Reporter();
  const doc = new DocumentState(reporter);
  const s1: RstNode = { type: 'section', attributes: { names: ['x'] }, data: { docutilsLine: 2 } };
  const s2: RstNode = { type: 'section', attributes: { names: ['x'] }, data: { docutilsLine: 8 } };
  doc.noteImplicitTarget(s1, s1);
  doc.noteImplicitTarget(s2, s2);
  assert.deepEqual(s1.attributes!.dupnames, ['x']);
  assert.deepEqual(s2.attributes!.dupnames, ['x']);
  assert.equal(doc.nameids.get('x'), null);
  assert.equal(reporter.messages[0]!.message, 'Duplicate implicit target name: "x".');
  assert.equal(reporter.messages[0]!.level, 1);
  assert.equal(reporter.messages[0]!.line, 8);
  const t1: RstNode = { type: 'target', attributes: { names: ['y'], refuri: 'http://a' }, data: { docutilsLine: 10 } };
  const t2: RstNode = { type: 'target', attributes: { names: ['y'], refuri: 'http://b' }, data: { docutilsLine: 11 } };
  doc.noteExplicitTarget(t1);
  doc.noteExplicitTarget(t2);
  assert.equal(reporter.messages[1]!.message, 'Duplicate explicit target name: "y".');
  assert.equal(reporter.messages[1]!.level, 2);
  const t3: RstNode = { type: 'target', attributes: { names: ['z'], refuri: 'http://a' } };
  const t4: RstNode = { type: 'target', attributes: { names: ['z'], refuri: 'http://a' } };
  doc.noteExplicitTarget(t3);
  doc.noteExplicitTarget(t4);
  assert.equal(reporter.messages[2]!.level, 1, 'same URI: only INFO');
});
