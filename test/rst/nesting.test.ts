/**
 * Deep nesting: 1000 or 5000 nested block quotes or list levels must not overflow the stack. The
 * parser stops nesting at a depth limit with a clear error, keeps the rest as literal text, and
 * does work linear in the input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../src/rst/parse.js';
import { MAX_NESTING } from '../../src/rst/states/machine.js';
import type { RstNode } from '../../src/rst/nodes.js';
import { scaling } from '../work.js';

function blockQuotes(levels: number): string {
  let t = '';
  for (let i = 0; i < levels; i++) t += ' '.repeat(i) + `level ${i}\n\n`;
  return t;
}

/** `- - - ... x`: every `- ` opens a list nested in the item before (input linear in the levels). */
function lists(levels: number): string {
  return '- '.repeat(levels) + `item ${levels - 1}\n`;
}

function depth(n: RstNode): number {
  let d = 0;
  const stack: [RstNode, number][] = [[n, 1]];
  while (stack.length) {
    const [x, k] = stack.pop()!;
    if (k > d) d = k;
    for (const c of x.children ?? []) stack.push([c, k + 1]);
  }
  return d;
}

// (5000 nested block quotes need 12.5 M characters of indentation: 1000 show the same)
const CASES: [string, (n: number) => string, number, string][] = [
  ['block quotes', blockQuotes, 1000, 'level 999'],
  ['list levels', lists, 1000, 'item 999'],
  ['list levels', lists, 5000, 'item 4999'],
];

for (const [name, make, levels, last] of CASES) {
  test(`${levels} nested ${name}: no stack overflow, a clear error at the depth limit, the rest kept as text`, () => {
    const p = parse(make(levels), { path: 'deep.rst' });
    assert.deepEqual(p.messages.filter((m) => m.ruleId.startsWith('internal')).map((m) => m.message.slice(0, 120)), []);
    const deep = p.messages.filter((m) => m.ruleId === 'nesting-too-deep');
    assert.equal(deep.length, 1);
    assert.equal(deep[0]!.level, 3);
    assert.match(deep[0]!.message, new RegExp(`more than ${MAX_NESTING} levels`));
    assert.ok(deep[0]!.position, 'the error has a place');
    // the tree stays shallow enough for every recursive consumer
    assert.ok(depth(p.tree) < 4 * MAX_NESTING, `tree depth ${depth(p.tree)}`);
    // nothing is lost: the innermost text is in the tree, as literal text
    assert.ok(JSON.stringify(p.tree).includes(last));
  });
}

test('nested list levels: the work doubles (not more) from 2500 to 5000 levels', () => {
  const s = scaling(2500, lists, (t) => parse(t, { path: 'deep.rst' }));
  assert.ok(s.ratio <= 2.2, `work ${s.small} → ${s.large} (x${s.ratio.toFixed(2)})`);
});
