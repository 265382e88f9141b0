/**
 * The first posted mmap_prepare.rst, in spirit (test/rules/fixtures/mmap_prepare-v1.rst): a new
 * document with a `####` title, a `## How To Use` line, `.. code-block:: Cw`, `__bold text__`,
 * code in single backticks, and no toctree entry. Every one of those must be found at its line,
 * with fixes where the rules have them, and the fixed text must lint clean of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules } from '../../rules/index.js';
import type { Finding } from '../../src/lint/types.js';
import { applyEdits, buildProject, runRule, type ProjectFile } from './harness.js';

const here = nodePath.dirname(fileURLToPath(import.meta.url));
const fixture = readFileSync(nodePath.resolve(here, '..', '..', '..', 'test', 'rules', 'fixtures', 'mmap_prepare-v1.rst'), 'utf8');

const INDEX = `.. SPDX-License-Identifier: GPL-2.0

==================
Memory Management
==================

.. toctree::
   :maxdepth: 1

   other
`;
const OTHER = `Other
=====
`;

async function lintAll(text: string): Promise<Finding[]> {
  const files: ProjectFile[] = [
    { path: 'mm/index.rst', text: INDEX },
    { path: 'mm/other.rst', text: OTHER },
    { path: 'mm/mmap_prepare.rst', text },
  ];
  const index = await buildProject(files);
  const out: Finding[] = [];
  for (const r of allRules) {
    if (r.meta.id.startsWith('contract')) continue;
    out.push(...runRule(r, index, 'mm/mmap_prepare.rst', {}, 'added'));
  }
  return out;
}

const at = (fs: Finding[], rule: string, line: number) => fs.filter((f) => f.ruleId === rule && !f.wholeDocument && f.place.start.line === line);

test('mmap_prepare v1: every reviewer finding at its line', async () => {
  const fs = await lintAll(fixture);
  const show = fs.map((f) => `${f.place.start.line}:${f.place.start.column} [${f.ruleId}] ${f.message}`).join('\n');
  // the `####` title, and the `#` chapter under it
  const title = at(fs, 'heading-style', 3);
  assert.equal(title.length, 1, show);
  assert.equal(title[0]!.message, "Kernel style is '=====' above and below the title instead of '####'");
  assert.ok(title[0]!.fix?.length);
  assert.equal(at(fs, 'heading-style', 7).length, 1, show);
  // `## How To Use`
  const md = at(fs, 'markdown-heading', 17);
  assert.equal(md.length, 1, show);
  assert.ok(md[0]!.fix?.length, 'markdown heading has a fix');
  // `.. code-block:: Cw`
  const lexer = at(fs, 'code-block-lexer', 22);
  assert.equal(lexer.length, 1, show);
  assert.equal(lexer[0]!.message, "Pygments lexer name 'Cw' is not known");
  assert.equal(lexer[0]!.fix?.[0]?.newText, 'c');
  // `__you can simply go ahead and change them__`
  const bold = at(fs, 'markdown-bold', 32);
  assert.equal(bold.length, 1, show);
  assert.ok(bold[0]!.fix?.length);
  // Sphinx's own message for it
  assert.ok(fs.some((f) => f.ruleId === 'docutils' && f.message.startsWith('Anonymous hyperlink mismatch') && f.place.start.line === 32), show);
  // code in single backticks: lines 10, 14, 19 (two), 20, 29
  const ticks = fs.filter((f) => f.ruleId === 'single-backtick-code').map((f) => f.place.start.line);
  assert.deepEqual(ticks, [10, 14, 19, 20, 29], show);
  assert.ok(fs.filter((f) => f.ruleId === 'single-backtick-code').every((f) => f.fix?.length));
  // not in any toctree
  assert.ok(fs.some((f) => f.ruleId === 'toctree-missing' && f.wholeDocument && f.message === "document isn't included in any toctree"), show);
});

test('mmap_prepare v1: fixes converge, and leave none of the fixable findings', async () => {
  let text = fixture;
  for (let pass = 0; pass < 5; pass++) {
    const fs = await lintAll(text);
    const r = applyEdits(text, fs.filter((f) => f.fix?.length).map((f) => f.fix!));
    if (!r.applied) break;
    text = r.text;
  }
  const left = await lintAll(text);
  const fixable = new Set(['heading-style', 'markdown-heading', 'code-block-lexer', 'markdown-bold', 'single-backtick-code', 'trailing-whitespace']);
  const remaining = left.filter((f) => fixable.has(f.ruleId) || (f.ruleId === 'docutils' && f.severity !== 'info'));
  assert.deepEqual(remaining.map((f) => `${f.place.start.line} [${f.ruleId}] ${f.message}`), []);
  assert.match(text, /^===========================\nmmap_prepare callback HOWTO\n===========================\n/m);
  assert.match(text, /\nHow To Use\n==========\n/);
  assert.match(text, /\.\. code-block:: c\n/);
  assert.match(text, /\*\*you can simply go ahead and change them\*\*/);
  assert.match(text, /``file->f_op->mmap_prepare\(\)``/);
  // still not in a toctree: that needs an index.rst change, which is not a safe automatic fix
  assert.ok(left.some((f) => f.ruleId === 'toctree-missing'));
});
