/** parse(): positions (tabs, nesting, CRLF), docutils lines, never-throws, the unified plugin. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { parse } from '../../src/rst/parse.js';
import rstParse from '../../src/rst/index.js';
import type { RstNode } from '../../src/rst/nodes.js';
import { scaling } from '../work.js';

function find(node: RstNode, type: string, nth = 0): RstNode | undefined {
  let i = 0;
  let found: RstNode | undefined;
  const go = (n: RstNode): void => {
    if (found) return;
    if (n.type === type && i++ === nth) {
      found = n;
      return;
    }
    for (const c of n.children ?? []) go(c);
  };
  go(node);
  return found;
}

function slice(text: string, n: RstNode | undefined): string {
  assert.ok(n?.position, 'node has a position');
  return text.slice(n.position.start.offset, n.position.end.offset);
}

test('positions: section, title, paragraph', () => {
  const text = 'Title\n=====\n\nPara one\nline two.\n\nSub\n---\n\nEnd.\n';
  const r = parse(text, { transforms: false });
  const section = find(r.tree, 'section')!;
  assert.equal(slice(text, section), text.slice(0, -1));
  assert.equal(slice(text, find(r.tree, 'title')), 'Title');
  assert.equal(slice(text, find(r.tree, 'paragraph')), 'Para one\nline two.');
  assert.equal(section.data?.docutilsLine, 2, 'section line is the underline');
  assert.equal(find(r.tree, 'paragraph')!.data?.docutilsLine, 4);
  const overlined = '=====\nTitle\n=====\n\nx\n';
  const r2 = parse(overlined, { transforms: false });
  assert.equal(find(r2.tree, 'section')!.position!.start.offset, 0);
  assert.equal(slice(overlined, find(r2.tree, 'title')), 'Title');
  assert.equal(find(r2.tree, 'section')!.data?.docutilsLine, 3);
});

test('positions: tabs map back to source columns', () => {
  const text = 'Para\n\n\tquoted\ttext\n\n-\titem\n';
  const r = parse(text, { transforms: false });
  const bq = find(r.tree, 'block_quote')!;
  assert.equal(slice(text, find(bq, 'paragraph')), 'quoted\ttext');
  assert.deepEqual(find(bq, 'paragraph')!.position!.start, { line: 3, column: 2, offset: 7 });
  const item = find(r.tree, 'list_item')!;
  assert.equal(slice(text, find(item, 'paragraph')), 'item');
});

test('positions: nested indentation and literal blocks', () => {
  const text = '1. a\n\n   - b::\n\n       code\n         more\n\n2. c\n';
  const r = parse(text, { transforms: false });
  const lit = find(r.tree, 'literal_block')!;
  assert.equal(slice(text, lit), 'code\n         more');
  assert.equal(lit.data?.docutilsLine, 5);
  assert.equal(slice(text, find(r.tree, 'list_item', 1)), '- b::\n\n       code\n         more');
  assert.equal(slice(text, find(r.tree, 'enumerated_list')), text.slice(0, -1));
});

test('positions: CRLF line endings', () => {
  const text = 'Title\r\n=====\r\n\r\nPara\r\ntwo\r\n\r\n- item\r\n';
  const r = parse(text, { transforms: false });
  assert.equal(slice(text, find(r.tree, 'paragraph')), 'Para\r\ntwo');
  assert.deepEqual(find(r.tree, 'paragraph')!.position!.start, { line: 4, column: 1, offset: 16 });
  assert.equal(slice(text, find(r.tree, 'bullet_list')), '- item');
});

test('positions: every node of a mixed document lies inside the source', () => {
  const text = [
    'Title', '=====', '', ':field: value', '', 'term', '  def', '', '.. note:: hi', '', '   there', '',
    '| line', '|   block', '', '>>> 1', '1', '', '.. [1] foot', '.. _t: http://x', '', '+---+', '| a |', '+---+', '',
  ].join('\n');
  const r = parse(text);
  const check = (n: RstNode): void => {
    if (n.position) {
      assert.ok(n.position.start.offset >= 0 && n.position.end.offset <= text.length, n.type);
      assert.ok(n.position.start.offset <= n.position.end.offset, n.type);
    }
    for (const c of n.children ?? []) check(c);
  };
  check(r.tree);
});

test('messages: docutils line and true position', () => {
  const text = 'Para.\n\n  Quote\nunindented\n';
  const r = parse(text, { transforms: false });
  const m = r.messages.find((x) => x.message.startsWith('Block quote ends'))!;
  assert.equal(m.type, 'WARNING');
  assert.equal(m.line, 4);
  assert.equal(m.position!.start.line, 4);
  assert.equal(m.ruleId, 'block-quote-unexpected-unindent');
});

test('never throws on nasty input', () => {
  const inputs: string[] = [
    '',
    '\u0000\u0001\ufffd binary \x7f',
    'x'.repeat(2_000_000),
    '='.repeat(1_000_000) + 'x',
    '*'.repeat(100_000),
    ':'.repeat(100_000),
    '.. ' + '_'.repeat(100_000),
    '  '.repeat(5000) + 'deep',
    Array.from({ length: 500 }, (_, i) => ' '.repeat(i) + '- item').join('\n'),
    Array.from({ length: 300 }, (_, i) => '  '.repeat(i) + '1. x\n').join('\n'),
    Array.from({ length: 200 }, (_, i) => '>'.repeat(i + 1) + ' q').join('\n\n'),
    '\t1. x\n\n\t  a. y\n\n'.repeat(200),
    '+--+\n|  |\n'.repeat(1000),
    '.. |x| replace:: |x|\n\n|x|\n',
    '.. include:: /etc/passwd\n',
    '.. include:: ../../../../etc/passwd\n',
    Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
    '\r\n\r\r\n\u2028\u2029\f\v'.repeat(1000),
  ];
  for (const input of inputs) {
    const r = parse(input, { path: 'nasty.rst' });
    assert.equal(r.tree.type, 'document');
  }
});

test('nasty input: the parser\'s counted work at most doubles when the input doubles', () => {
  // work, not wall clock (the machine is shared): test/work.ts counts scanning and copying
  const makers: [string, (n: number) => string][] = [
    ['one long line', (n) => 'x'.repeat(n)],
    ['an overlong underline', (n) => '='.repeat(n) + 'x'],
    ['asterisks', (n) => '*'.repeat(n)],
    ['colons', (n) => ':'.repeat(n)],
    ['a long target name', (n) => '.. ' + '_'.repeat(n)],
    ['grid table lines', (n) => '+--+\n|  |\n'.repeat(n / 10)],
    ['tabbed enumerations', (n) => '\t1. x\n\n\t  a. y\n\n'.repeat(n / 10)],
    ['line separators', (n) => '\r\n\r\r\n\u2028\u2029\f\v'.repeat(n / 10)],
  ];
  for (const [what, make] of makers) {
    const s = scaling(20_000, make, (text) => parse(text, { path: 'nasty.rst' }));
    assert.ok(s.ratio <= 2.2, `${what}: work ${s.small} → ${s.large} (×${s.ratio.toFixed(2)}) when the input doubles`);
  }
});

test('include never reads outside root', () => {
  const r = parse('.. include:: ../../etc/passwd\n', { path: 'a/b.rst', root: '/tmp/kdocs-no-such-root' });
  assert.ok(!JSON.stringify(r.tree).includes('root:x:0'));
});

test('unified plugin: tree and vfile messages', () => {
  const file = new VFile({ path: 'doc.rst', value: 'Title\n===\n\nText\nmore\n  indented\n' });
  const processor = unified().use(rstParse);
  const tree = processor.parse(file) as unknown as RstNode;
  assert.equal(tree.type, 'document');
  const msgs = file.messages;
  assert.ok(msgs.length >= 2);
  const info = msgs.find((m) => m.reason.startsWith('Possible title underline'))!;
  assert.equal(info.fatal, undefined);
  assert.equal(info.source, 'docutils');
  assert.equal(info.ruleId, 'title-underline-too-short-text');
  assert.equal((info as unknown as { docutilsLine: number }).docutilsLine, 2);
  const err = msgs.find((m) => m.reason === 'Unexpected indentation.')!;
  assert.equal(err.fatal, true);
  assert.equal(err.place && 'start' in err.place ? err.place.start.line : 0, 6);
});
