import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/lint/config.js';
import { fixIndex, lintIndex, INTERNAL_RULE } from '../../src/lint/engine.js';
import { InlineControl } from '../../src/lint/control.js';
import { applyFixes } from '../../src/lint/fix.js';
import { RULES, stubIndex, tempTree, throwingRule } from './helpers.js';
import type { Rule } from '../../src/lint/types.js';

const INDEX = '.. toctree::\n\n   a\n';

test('runs rules, fills severity, line and column, sorts findings', () => {
  const root = tempTree({ 'index.rst': INDEX, 'a.rst': 'A\n=\n\nTODO here  \nand TODO\n' });
  const run = lintIndex(stubIndex(root), resolveConfig(RULES));
  const a = run.files.find((f) => f.path === 'a.rst')!;
  assert.deepEqual(
    a.findings.map((f) => [f.line, f.column, f.endLine, f.endColumn, f.ruleId, f.severity]),
    [
      [4, 1, 4, 5, 'fake-todo', 'warning'],
      [4, 10, 4, 12, 'fake-trailing', 'error'],
      [5, 5, 5, 9, 'fake-todo', 'warning'],
    ],
  );
});

test('config severities, options and --rule overrides', () => {
  const root = tempTree({ 'index.rst': INDEX, 'a.rst': 'FIXME TODO \n' });
  const config = resolveConfig(RULES, { rules: { 'fake-todo': ['error', { word: 'FIXME' }], 'fake-trailing': 'off' } }, { 'fake-toc': 'info' });
  const run = lintIndex(stubIndex(root), config);
  const a = run.files.find((f) => f.path === 'a.rst')!;
  assert.deepEqual(a.findings.map((f) => [f.ruleId, f.severity, f.message]), [['fake-todo', 'error', 'found FIXME']]);
  assert.throws(() => resolveConfig(RULES, {}, { 'fake-tod': 'off' }), /unknown rule 'fake-tod' \(did you mean 'fake-todo'\?\)/);
});

test('ignore globs', () => {
  const root = tempTree({ 'index.rst': INDEX, 'a.rst': 'TODO\n', 'sub/b.rst': 'TODO\n' });
  const config = resolveConfig(RULES, { ignore: ['sub/', 'index.rst'] });
  const run = lintIndex(stubIndex(root), config);
  assert.deepEqual(run.files.map((f) => f.path), ['a.rst']);
});

test('inline control comments', () => {
  const text = [
    '.. kdocs-disable-next-line: fake-todo', // 1
    '', // 2
    'TODO one', // 3 disabled
    'TODO two', // 4
    '.. kdocs-disable: fake-todo', // 5
    'TODO three', // 6 disabled
    '.. kdocs-enable: fake-todo', // 7
    'TODO four ', // 8 (+ trailing)
    '.. kdocs-disable', // 9
    'TODO five ', // 10 all disabled
    '.. kdocs-enable', // 11
    '.. kdocs-disable-next-line', // 12
    'TODO six ', // 13 all disabled
    '',
  ].join('\n');
  const root = tempTree({ 'index.rst': INDEX, 'a.rst': text, 'b.rst': '.. kdocs-disable-file: fake-toc\n\nTODO\n' });
  const run = lintIndex(stubIndex(root), resolveConfig(RULES));
  const a = run.files.find((f) => f.path === 'a.rst')!;
  assert.deepEqual(a.findings.map((f) => `${f.line}:${f.ruleId}`), ['4:fake-todo', '8:fake-todo', '8:fake-trailing']);
  const b = run.files.find((f) => f.path === 'b.rst')!;
  assert.deepEqual(b.findings.map((f) => `${f.line}:${f.ruleId}`), ['3:fake-todo']);
  const c = new InlineControl('.. kdocs-disable-next-line: x, y\n   continued comment\n\nline\n');
  assert.ok(c.isDisabled('x', 4) && c.isDisabled('y', 4) && !c.isDisabled('z', 4));
});

test('a throwing rule becomes an internal-error finding, not a crash', () => {
  const root = tempTree({ 'index.rst': INDEX, 'a.rst': 'ok\n' });
  const run = lintIndex(stubIndex(root), resolveConfig([throwingRule]));
  const f = run.files.find((x) => x.path === 'a.rst')!.findings[0]!;
  assert.equal(f.ruleId, INTERNAL_RULE);
  assert.match(f.message, /fake-throws.*kaboom/);
});

test('applyFixes: non-overlapping from the end, overlapping skipped, no-ops ignored', () => {
  const p = (o: number) => ({ line: 1, column: o + 1, offset: o });
  const r = (a: number, b: number) => ({ start: p(a), end: p(b) });
  const res = applyFixes('abcdef', [[{ range: r(0, 1), newText: 'X' }], [{ range: r(0, 2), newText: 'Y' }], [{ range: r(4, 6), newText: '' }], [{ range: r(2, 3), newText: 'c' }]]);
  assert.equal(res.text, 'Xbcd');
  assert.equal(res.applied, 2);
  assert.equal(res.skipped, 1);
});

test('--fix: converges, idempotent, touches only fixed ranges', () => {
  const original = 'A\n=\n\nTODO  \nkeep\tthis\nTODO TODO\t\n';
  const root = tempTree({ 'index.rst': INDEX, 'a.rst': original });
  const index = stubIndex(root);
  const config = resolveConfig(RULES);
  const res = fixIndex(index, config);
  const fixed = res.changed.get('a.rst');
  assert.equal(fixed, 'A\n=\n\nDONE\nkeep\tthis\nDONE DONE\n');
  assert.deepEqual(res.run.files.find((f) => f.path === 'a.rst')!.findings, []);
  // idempotent: a second run changes nothing
  const again = fixIndex(index, config);
  assert.equal(again.changed.size, 0);
  assert.equal(again.passes, 1);
});

test('project-scope rules run once and report on the documents being linted', () => {
  let calls = 0;
  const projectRule: Rule = {
    meta: { id: 'fake-project', description: 'project pass', defaultSeverity: 'info', fixable: false, optionsSchema: {}, scope: 'project' },
    check: () => [],
    checkProject(ctx) {
      calls++;
      const p = { line: 1, column: 1, offset: 0 };
      return ctx.index.documents().map((path) => ({ ruleId: 'fake-project', message: `seen ${path}`, place: { start: p, end: p }, path }));
    },
  };
  const root = tempTree({ 'index.rst': INDEX, 'a.rst': 'x\n', 'b.rst': 'y\n' });
  const run = lintIndex(stubIndex(root), resolveConfig([projectRule]), { paths: ['a.rst'] });
  assert.equal(calls, 1);
  assert.deepEqual(run.files.map((f) => [f.path, f.findings.map((x) => `${x.severity}:${x.message}`)]), [['a.rst', ['info:seen a.rst']]]);
});

test('settings reach the rules', () => {
  let seen: unknown;
  const r: Rule = { meta: { id: 'fake-settings', description: '', defaultSeverity: 'warning', fixable: false, optionsSchema: {} }, check: (ctx) => ((seen = ctx.settings), []) };
  const root = tempTree({ 'index.rst': INDEX });
  lintIndex(stubIndex(root), resolveConfig([r], { settings: { profile: '6.12' } }));
  assert.deepEqual(seen, { profile: '6.12' });
});
