/**
 * Exact source ranges for the position anomalies the property test (property.test.ts) used to
 * report, one test per fixed kind.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../../src/rst/parse.js';
import type { RstNode } from '../../src/rst/nodes.js';

/** `type start-end (line:col-line:col)` for a node, as the assertions below spell it. */
function range(n: RstNode): string {
  const p = n.position!;
  return `${n.type} ${p.start.offset}-${p.end.offset} (${p.start.line}:${p.start.column}-${p.end.line}:${p.end.column})`;
}

function kids(n: RstNode): RstNode[] {
  return n.children ?? [];
}

test('grid table followed by `|` lines: the table ends where the line block docutils re-reads begins', () => {
  // docutils' isolate_grid_table steps back past the bottom border, so line 2 is parsed again as
  // a line block; the table's range covers only the line the machine consumed for it
  const src = '+---+\n| a |\n+---+\n| b\n';
  const { tree } = parse(src, { path: 'x.rst' });
  const [table, msg1, lineBlock] = kids(tree);
  assert.deepEqual(
    kids(tree).map((n) => n.type),
    ['table', 'system_message', 'line_block', 'system_message', 'system_message'],
  );
  assert.equal(range(table!), 'table 0-5 (1:1-1:6)');
  assert.equal(range(msg1!), 'system_message 6-11 (2:1-2:6)');
  assert.equal(range(lineBlock!), 'line_block 6-11 (2:1-2:6)');
  assert.equal(range(kids(lineBlock!)[0]!), 'line 8-11 (2:3-2:6)');
  // the cell keeps its own source range
  const entry = kids(kids(kids(kids(table!)[0]!)[1]!)[0]!)[0]!;
  assert.equal(range(entry), 'entry 7-10 (2:2-2:5)');
});

test('grid table followed by `|` lines inside a section: same ranges, section covers them', () => {
  const src = 'T\n=\n\n+---+\n| a |\n+---+\n| b\n';
  const { tree } = parse(src, { path: 'x.rst' });
  const section = kids(tree)[0]!;
  assert.equal(range(section), 'section 0-26 (1:1-7:4)');
  const [, table, , lineBlock] = kids(section);
  assert.equal(range(table!), 'table 5-10 (4:1-4:6)');
  assert.equal(range(lineBlock!), 'line_block 11-16 (5:1-5:6)');
});

test('section ending with an inline problem: the section covers its whole last paragraph', () => {
  // the system message for the unterminated literal sits at the `` (7-9), after the paragraph;
  // the section's end is the paragraph's, not the message's
  const src = 'T\n=\n\na ``b c\n';
  const { tree } = parse(src, { path: 'x.rst' });
  const section = kids(tree)[0]!;
  assert.deepEqual(
    kids(section).map((n) => n.type),
    ['title', 'paragraph', 'system_message'],
  );
  assert.equal(range(section), 'section 0-12 (1:1-4:8)');
  assert.equal(range(kids(section)[1]!), 'paragraph 5-12 (4:1-4:8)');
  assert.equal(range(kids(section)[2]!), 'system_message 7-9 (4:3-4:5)');
});

test('section ending with an enumerated list that starts at 3: the section covers the list', () => {
  // the INFO message about the start value comes after the list but sits at its first line
  const src = 'T\n=\n\n3. a\n4. b\n';
  const { tree } = parse(src, { path: 'x.rst' });
  const section = kids(tree)[0]!;
  assert.deepEqual(
    kids(section).map((n) => n.type),
    ['title', 'enumerated_list', 'system_message'],
  );
  assert.equal(range(kids(section)[1]!), 'enumerated_list 5-14 (4:1-5:5)');
  assert.equal(range(kids(section)[2]!), 'system_message 5-8 (4:1-4:4)');
  assert.equal(range(section), 'section 0-14 (1:1-5:5)');
});
