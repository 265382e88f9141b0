/**
 * Every rule is linear in its input: for each of a set of inputs that stress one construct each
 * (one huge line, many paragraphs, many labels, many literals...), doubling the input at most
 * about doubles the rule's work. Work is counted (characters scanned by regexes and string
 * searches, characters copied, array elements moved: test/work.ts), not timed. The parse is
 * outside the count; a rule's findings are computed in full (check(), then project passes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from '../../rules/index.js';
import type { Rule } from '../../src/lint/types.js';
import { buildProject } from './harness.js';
import { measureWork } from '../work.js';

const HEAD = 'Title\n=====\n\n';

/** name → text at size n (n repetitions of the construct). */
const INPUTS: Record<string, (n: number) => string> = {
  'one line of _not_': (n) => HEAD + 'a _not_ '.repeat(n) + '\n',
  'one line of __a b__': (n) => HEAD + 'x __a b__ y '.repeat(n) + '\n',
  'one line of __word__': (n) => HEAD + 'x __before__ y '.repeat(n) + '\n',
  'one line of links': (n) => HEAD + 'see [a b](http://e.org/x) and '.repeat(n) + '\n',
  'one line of backticks': (n) => HEAD + 'the `foo_bar` and `struct x` and ``lit`` '.repeat(n) + '\n',
  'one line of roles': (n) => HEAD + 'see :c:func::`foo` and :c:type: `bar` and :ref:`x` '.repeat(n) + '\n',
  'literals and emphasis': (n) => HEAD + '``a_b`` _word_ '.repeat(n) + '\n',
  'many paragraphs': (n) => HEAD + Array.from({ length: n }, (_, i) => `Paragraph ${i} with _this_ and \`code_here\` and __bold one__.   \n`).join('\n'),
  'many sections': (n) => HEAD + Array.from({ length: n }, (_, i) => `Section ${i}\n${'-'.repeat(8 + String(i).length)}\n\ntext\n`).join('\n'),
  'many labels and refs': (n) => HEAD + Array.from({ length: n }, (_, i) => `.. _label-${i}:\n\nSee :ref:\`label-${i}\` and :ref:\`missing-${i}\` and :doc:\`nothere${i}\`.\n`).join('\n'),
  'many code blocks': (n) => HEAD + Array.from({ length: n }, (_, i) => `.. code-block:: ${i % 2 ? 'c' : 'Cw'}\n\n   desc->vm_start = ${i};\n   struct vm_area_desc *d;\n`).join('\n'),
  'markdown headings and fences': (n) => HEAD + Array.from({ length: n }, (_, i) => `## Heading ${i}\n\n\`\`\`c\nint x${i};\n\`\`\`\n`).join('\n'),
  'mm api prose': (n) => HEAD + 'The f_op->mmap_prepare() hook fills desc->vm_flags and vm_ops->mapped(). '.repeat(n) + '\n',
};

const N = 150;
const LINE_N = 1000;

function workOf(rule: Rule, index: Awaited<ReturnType<typeof buildProject>>): number {
  const doc = index.get('index.rst')!;
  const ctx = { doc, index, path: 'index.rst', options: { ...(rule.meta.defaultOptions ?? {}) } };
  return measureWork(() => {
    rule.check(ctx as Parameters<Rule['check']>[0]);
    rule.checkProject?.({ index, options: ctx.options, paths: ['index.rst'] } as never);
  }).work;
}

test('every rule: doubling the input at most doubles the work (x2.2)', async () => {
  const failures: string[] = [];
  for (const [name, make] of Object.entries(INPUTS)) {
    // one-line inputs well past the size remark is given in one piece, so its cost shows
    const n = name.startsWith('one line') || name === 'literals and emphasis' || name === 'mm api prose' ? LINE_N : N;
    // three separate documents: the rules cache what they derive from a tree, so the warm-up
    // (lazy tables, compiled regexes) runs on one and the counts on two fresh ones
    const warm = await buildProject([{ path: 'index.rst', text: make(n) }]);
    const small = await buildProject([{ path: 'index.rst', text: make(n) }]);
    const large = await buildProject([{ path: 'index.rst', text: make(2 * n) }]);
    for (const rule of allRules) {
      workOf(rule, warm);
      const a = workOf(rule, small);
      const b = workOf(rule, large);
      // tiny amounts (a constant setup) say nothing about growth
      if (b < 2000) continue;
      const ratio = b / Math.max(1, a);
      if (ratio > 2.2) failures.push(`${rule.meta.id} on '${name}': work ${a} → ${b} (x${ratio.toFixed(2)})`);
    }
  }
  assert.deepEqual(failures, []);
});
