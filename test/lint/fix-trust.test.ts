/**
 * Findings users can trust: one construct gives one finding and one fix, and `--fix` never makes
 * text that another rule then flags or that changes the tree in a way nobody reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from '../../rules/index.js';
import { resolveConfig } from '../../src/lint/config.js';
import { fixIndex, lintIndex, type LintFinding } from '../../src/lint/engine.js';
import { applyFixes } from '../../src/lint/fix.js';
import { parse } from '../../src/rst/parse.js';
import type { RstNode } from '../../src/rst/nodes.js';
import { buildProject } from '../rules/harness.js';

const FIXTURE = [
  'Findings',
  '========',
  '',
  'See :c:macro::`FOO_BAR` and :c:type: `struct foo` for the flags.',
  '',
  'Call :c:func::`do_mmap_pgoff` and then :ref::ref:`label`.',
  '',
  '中文:c:func:`kmalloc` 中文。',
  '',
  'This is __really important__ text, and `vma_start` and _this_ too.',
  '',
  'Initialize the hardware __before__ the loader.',
  '',
  '.. _label:',
  '',
  'Section',
  '-------',
  '',
  'Text with trailing blanks.   ',
  '',
].join('\n');

function roles(tree: RstNode): string[] {
  const out: string[] = [];
  const go = (n: RstNode): void => {
    if (typeof n.attributes?.role === 'string') out.push(`${n.attributes.role as string}:${String(n.attributes.text ?? '')}`);
    for (const c of n.children ?? []) go(c);
  };
  go(tree);
  return out.sort();
}

const key = (f: LintFinding): string => `${f.ruleId}: ${f.message}`;

test('one construct, one finding: malformed roles, Markdown bold + anonymous mismatch', async () => {
  const index = await buildProject([{ path: 'index.rst', text: FIXTURE }]);
  const findings = lintIndex(index, resolveConfig(allRules)).files[0]!.findings;
  const onLine = (l: number) => findings.filter((f) => f.line === l && f.ruleId !== 'trailing-whitespace').map((f) => f.ruleId);
  assert.deepEqual(onLine(4), ['malformed-role', 'malformed-role'], JSON.stringify(findings.filter((f) => f.line === 4)));
  assert.deepEqual(onLine(6), ['malformed-role', 'malformed-role']);
  assert.deepEqual(onLine(8), ['malformed-role']);
  // markdown-bold keeps the defect; docutils' "Anonymous hyperlink mismatch" is a related location of it
  assert.deepEqual(onLine(10), ['markdown-bold', 'single-backtick-code', 'markdown-emphasis']);
  const bold = findings.find((f) => f.ruleId === 'markdown-bold' && f.line === 10)!;
  assert.match(bold.related?.[0]?.message ?? '', /also reported by docutils: Anonymous hyperlink mismatch/);
  assert.ok(!findings.some((f) => f.ruleId === 'docutils' && f.message.startsWith('Anonymous hyperlink mismatch')));
  // a single word in Markdown bold: info
  const word = findings.find((f) => f.line === 12)!;
  assert.equal(word.ruleId, 'markdown-bold');
  assert.equal(word.severity, 'info');
});

test('--fix: roles become roles, no :role:``x`` form, and re-lint finds nothing the first run did not', async () => {
  const index = await buildProject([{ path: 'index.rst', text: FIXTURE }]);
  const config = resolveConfig(allRules);
  const before = new Set(lintIndex(index, config).files[0]!.findings.map(key));
  const res = fixIndex(index, config);
  const fixed = res.changed.get('index.rst')!;
  assert.ok(fixed, 'something was fixed');
  assert.doesNotMatch(fixed, /:[\w+.:-]+:``/, 'no :role:``x`` form');
  assert.match(fixed, /See :c:macro:`FOO_BAR` and :c:type:`struct foo` for the flags\./);
  assert.match(fixed, /Call :c:func:`do_mmap_pgoff` and then :ref:`label`\./);
  assert.match(fixed, /中文\\ :c:func:`kmalloc` 中文。/);
  const after = lintIndex(index, config).files[0]!.findings;
  const fresh = after.filter((f) => !before.has(key(f)));
  assert.deepEqual(fresh.map(key), [], 'findings the first run did not have');
  // the tree changed exactly as the findings said: four roles that were text are roles now
  assert.deepEqual(roles(parse(FIXTURE, { path: 'index.rst' }).tree), ['ref:label']);
  assert.deepEqual(roles(parse(fixed, { path: 'index.rst' }).tree), ['c:func:do_mmap_pgoff', 'c:func:kmalloc', 'c:macro:FOO_BAR', 'c:type:struct foo', 'ref:label']);
});

test('applyFixes: edits of two findings that touch are not applied in the same pass', () => {
  const p = (o: number) => ({ line: 1, column: o + 1, offset: o });
  const r = (a: number, b: number) => ({ start: p(a), end: p(b) });
  // ':m::`X`': dropping the extra colon [3,4) and doubling the backtick at [4,5) touch
  const text = ':m::`X`';
  const res = applyFixes(text, [[{ range: r(3, 4), newText: '' }], [{ range: r(4, 5), newText: '``' }, { range: r(6, 7), newText: '``' }]]);
  assert.equal(res.text, ':m:`X`');
  assert.equal(res.skipped, 1);
});
