/**
 * The kernel rules never throw and keep their places and fixes inside the document, whatever the
 * input: random documents built from rst and Markdown fragments (fast-check), through the real
 * parser and a project index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allRules } from '../../rules/index.js';
import { applyEdits, buildProject, runRule } from './harness.js';

const FRAGMENTS = [
  'Title\n=====\n', '=====\nTitle\n=====\n', '####\nT\n####\n', 'Sub\n---\n', 'x\n~\n', '## How To Use\n', '# echo 1 > /proc/x\n',
  '```c\nint x;\n```\n', '~~~\ncode\n~~~\n', 'Some __bold text__ here.\n', '[link](https://x.org/) and [s]()\n',
  'a _word_ b\n', '`foo()` and `struct x` and `a->b` and `x <http://y>`\n', ':c:macro::`FOO` :ref::ref:`x` :c:type: t\n',
  ':ref:`nolabel` :doc:`nodoc` :ref:`genindex`\n', 'Documentation/x/y.rst and admin-guide/z.rst 参见Documentation/a.rst\n',
  '.. code-block:: Cw\n\n   int x;\n', '.. code-block:: none\n\n   x\n', '.. highlight:: nonexistent\n', '.. toctree::\n\n   missing\n',
  '.. include:: nothere.rst\n', '.. literalinclude:: x.sh\n   :language: shel\n', '.. kernel-doc:: fs/x.c\n', '::\n\n  # literal\n',
  '.. _label:\n', '*unclosed\n', '``unclosed\n', 'text   \n', '\t\ttab  \n', '- item\ntext\n', '+--+\n| a |\n+--+\n', ':orphan:\n',
  '.. SPDX-License-Identifier: GPL-2.0\n', '\r\n', '标题\n====\n', '\\`escaped\\`\n', '`a\\_b`\n', '| x\n', '..\n', '\n',
];

test('rules never throw; places and fixes stay inside the document', async () => {
  const rules = allRules.filter((r) => !r.meta.id.startsWith('contract'));
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 14 }), fc.boolean(), async (parts, sep) => {
      const text = parts.join(sep ? '\n' : '');
      const index = await buildProject([
        { path: 'dir/doc.rst', text },
        { path: 'index.rst', text: 'Index\n=====\n\n.. toctree::\n\n   dir/other\n' },
        { path: 'dir/other.rst', text: 'Other\n=====\n' },
      ]);
      for (const r of rules) {
        for (const changed of [undefined, 'added'] as const) {
          const fs = runRule(r, index, 'dir/doc.rst', {}, changed);
          for (const f of fs) {
            assert.ok(f.place.start.offset >= 0 && f.place.end.offset <= text.length && f.place.start.offset <= f.place.end.offset, `${r.meta.id}: place out of range`);
            for (const e of [...(f.fix ?? []), ...(f.suggestions ?? []).flatMap((s) => s.fix)]) {
              assert.ok(e.range.start.offset >= 0 && e.range.end.offset <= text.length && e.range.start.offset <= e.range.end.offset, `${r.meta.id}: edit out of range`);
            }
          }
          applyEdits(text, fs.filter((f) => f.fix).map((f) => f.fix!));
        }
      }
    }),
    { numRuns: 150, seed: 42 },
  );
});
