/**
 * `--patch` on a tree that already holds the patch (after `git commit`, in a pre-commit hook, in
 * b4's prep flow) as well as on one that does not; and the work a cross-file patch costs with the
 * findings cache (documents linted, not time).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, unlinkSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ProjectIndex } from '../../src/project/index.js';
import { resolveConfig } from '../../src/lint/config.js';
import { lintIndex } from '../../src/lint/engine.js';
import { FindingsCache } from '../../src/lint/findings-cache.js';
import { PatchError } from '../../src/lint/patch.js';
import { lintChanges, preparePatch, type PreparedChanges } from '../../src/lint/presubmit.js';
import { stubParse } from '../project/stubparse.js';
import { tempDir } from '../tmp.js';
import { RULES, tempTree } from './helpers.js';

const PREFIX = 'Documentation/filesystems/';

function index(root: string, overlay: Map<string, string | null> = new Map()): ProjectIndex {
  const i = new ProjectIndex(root, stubParse, { overlay, kernelPrefix: PREFIX });
  i.build();
  return i;
}

function prepare(root: string, patch: string): PreparedChanges {
  const probe = index(root);
  return preparePatch(patch, { kernelPrefix: PREFIX, exists: (p) => probe.fileExists(p) }, (p) => probe.readRel(p));
}

function findings(root: string, prepared: PreparedChanges): string[] {
  const res = lintChanges(index(root, prepared.overlay), resolveConfig(RULES), prepared.changes);
  return res.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}:${x.ruleId}`));
}

const BEFORE = 'A\n=\n\none\ntwo\nthree\nfour\n';
const MODIFY = `diff --git a/${PREFIX}a.rst b/${PREFIX}a.rst
--- a/${PREFIX}a.rst
+++ b/${PREFIX}a.rst
@@ -3,4 +3,4 @@
 
 one
-two
+two TODO
 three
`;
const APPEND = `diff --git a/${PREFIX}a.rst b/${PREFIX}a.rst
--- a/${PREFIX}a.rst
+++ b/${PREFIX}a.rst
@@ -5,3 +5,4 @@
 two
 three
 four
+five TODO
`;
const ADD = `diff --git a/${PREFIX}n.rst b/${PREFIX}n.rst
new file mode 100644
--- /dev/null
+++ b/${PREFIX}n.rst
@@ -0,0 +1,3 @@
+N
+=
+TODO
`;

test('a patch that modifies a line: forward on the tree before it, already applied on the tree after it, same findings', () => {
  const before = tempTree({ 'index.rst': '.. toctree::\n\n   a\n', 'a.rst': BEFORE });
  const fwd = prepare(before, MODIFY);
  assert.equal(fwd.direction, 'forward');
  const after = tempTree({ 'index.rst': '.. toctree::\n\n   a\n', 'a.rst': BEFORE.replace('two', 'two TODO') });
  const app = prepare(after, MODIFY);
  assert.equal(app.direction, 'applied');
  assert.equal(app.changes[0]!.baseText, BEFORE);
  assert.equal(app.changes[0]!.newText, BEFORE.replace('two', 'two TODO'));
  assert.deepEqual(findings(after, app), ['a.rst:5:fake-todo']);
  assert.deepEqual(findings(before, fwd), findings(after, app));
});

test('a pure addition at the end is not applied a second time to a tree that has it', () => {
  const after = tempTree({ 'index.rst': '.. toctree::\n\n   a\n', 'a.rst': BEFORE + 'five TODO\n' });
  const app = prepare(after, APPEND);
  assert.equal(app.direction, 'applied');
  assert.equal(app.changes[0]!.newText, BEFORE + 'five TODO\n');
  assert.deepEqual(findings(after, app), ['a.rst:8:fake-todo']);
  const before = tempTree({ 'index.rst': '.. toctree::\n\n   a\n', 'a.rst': BEFORE });
  assert.equal(prepare(before, APPEND).direction, 'forward');
});

test('a deletion at the end is forward on a tree that still has the lines', () => {
  const del = `--- a/${PREFIX}index.rst\n+++ b/${PREFIX}index.rst\n@@ -3,2 +3,1 @@\n    a\n-   b\n`;
  const before = tempTree({ 'index.rst': '.. toctree::\n\n   a\n   b\n', 'a.rst': 'A\n=\n', 'b.rst': 'B\n=\n' });
  assert.equal(prepare(before, del).direction, 'forward');
  const after = tempTree({ 'index.rst': '.. toctree::\n\n   a\n', 'a.rst': 'A\n=\n', 'b.rst': 'B\n=\n' });
  const app = prepare(after, del);
  assert.equal(app.direction, 'applied');
  assert.deepEqual(findings(after, app), ['b.rst:1:fake-toc']);
});

test('a patch that adds a file: forward when it is missing, applied when it is there with the patch\'s text', () => {
  const before = tempTree({ 'index.rst': '.. toctree::\n\n   n\n' });
  assert.equal(prepare(before, ADD).direction, 'forward');
  const after = tempTree({ 'index.rst': '.. toctree::\n\n   n\n', 'n.rst': 'N\n=\nTODO\n' });
  const app = prepare(after, ADD);
  assert.equal(app.direction, 'applied');
  assert.equal(app.changes[0]!.status, 'added');
  assert.deepEqual(findings(after, app), ['n.rst:3:fake-todo']);
  // there, but with another text: neither direction
  const other = tempTree({ 'index.rst': '.. toctree::\n\n   n\n', 'n.rst': 'N\n=\nsomething else\n' });
  assert.throws(
    () => prepare(other, ADD),
    (e: unknown) => e instanceof PatchError && /n\.rst/.test(e.message) && /neither/.test(e.message),
  );
});

test('neither forward nor in reverse: a PatchError naming the first file and hunk that does not apply', () => {
  const root = tempTree({ 'a.rst': 'A\n=\n\nsomething\nelse\nentirely\nhere\n' });
  assert.throws(
    () => prepare(root, MODIFY),
    (e: unknown) =>
      e instanceof PatchError &&
      e.patchLine === 4 &&
      e.message.startsWith(`${PREFIX}a.rst, hunk @@ -3,4 +3,4 @@: the patch applies neither to the tree as it is`) &&
      /nor in reverse/.test(e.message),
  );
});

test('a series of two patches to one file, already applied, unwinds in reverse order', () => {
  const second = `--- a/${PREFIX}a.rst\n+++ b/${PREFIX}a.rst\n@@ -3,4 +3,4 @@\n \n one\n-two TODO\n+two TODO again\n three\n`;
  const after = tempTree({ 'index.rst': '.. toctree::\n\n   a\n', 'a.rst': BEFORE.replace('two', 'two TODO again') });
  const app = prepare(after, MODIFY + second);
  assert.equal(app.direction, 'applied');
  assert.equal(app.changes[0]!.baseText, BEFORE);
});

test('a series changing one file twice keeps the first patch\'s added lines (forward and applied)', () => {
  const files = { 'index.rst': '.. toctree::\n\n   a\n', 'a.rst': BEFORE };
  const before = tempTree(files);
  const fwd = prepare(before, MODIFY + APPEND.replace('@@ -5,3 +5,4 @@\n two\n', '@@ -5,3 +5,4 @@\n two TODO\n'));
  assert.equal(fwd.direction, 'forward');
  assert.deepEqual([...fwd.changes[0]!.added].sort(), [5, 8]);
  assert.deepEqual(findings(before, fwd), ['a.rst:5:fake-todo', 'a.rst:8:fake-todo']);
  const after = tempTree({ ...files, 'a.rst': BEFORE.replace('two', 'two TODO') + 'five TODO\n' });
  const app = prepare(after, MODIFY + APPEND.replace('@@ -5,3 +5,4 @@\n two\n', '@@ -5,3 +5,4 @@\n two TODO\n'));
  assert.equal(app.direction, 'applied');
  assert.deepEqual(findings(after, app), ['a.rst:5:fake-todo', 'a.rst:8:fake-todo']);
});

/** A project of `n` documents listed by index.rst, every third referring to a label of the next. */
function project(n: number): Record<string, string> {
  const files: Record<string, string> = { 'index.rst': '.. toctree::\n\n' + Array.from({ length: n }, (_, i) => `   d${i}\n`).join('') };
  for (let i = 0; i < n; i++) files[`d${i}.rst`] = `.. _l${i}:\n\nD${i}\n==\n\ntext${i % 7 === 0 ? ' TODO' : ''}\n`;
  return files;
}

test('a cross-file patch re-lints only the documents whose index answers changed (findings cache warm)', () => {
  const N = 60;
  const files = project(N);
  const root = tempTree(files);
  const config = resolveConfig(RULES);
  const cacheDir = tempDir('kdocs-fc-');
  // a plain run fills the cache (the fake rules ask the index during the check: the whole
  // index first, as lintIndex has it)
  {
    const fc = new FindingsCache(root, config, cacheDir);
    lintIndex(index(root), config, { findingsCache: fc });
    fc.save();
  }
  // the patch adds a document to the toctree (a relation change: every document's toctree status
  // is a question of the index), and the new file
  const patch = `--- a/${PREFIX}index.rst\n+++ b/${PREFIX}index.rst\n@@ -${N + 2},1 +${N + 2},2 @@\n    d${N - 1}\n+   new\n` + ADD.replaceAll('n.rst', 'new.rst');
  const prepared = prepare(root, patch);
  assert.equal(prepared.direction, 'forward');
  const withCache = lintChanges(index(root, prepared.overlay), config, prepared.changes, { findingsCache: () => new FindingsCache(root, config, cacheDir) });
  const without = lintChanges(index(root, prepared.overlay), config, prepared.changes);
  const shown = (r: typeof without) => r.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}:${x.ruleId}`));
  assert.deepEqual(shown(withCache), shown(without));
  assert.deepEqual(shown(withCache), ['new.rst:3:fake-todo']);
  // without the cache: the whole tree twice
  assert.equal(without.linted + without.lintedBefore, 2 * (N + 1) + 1);
  // with it: the patched documents only (index.rst before and after, new.rst after)
  assert.equal(withCache.lintedBefore + withCache.linted, 3, JSON.stringify(withCache));

  // the same patch already applied: still only the patched documents
  writeFileSync(nodePath.join(root, 'index.rst'), prepared.overlay.get('index.rst')!);
  writeFileSync(nodePath.join(root, 'new.rst'), prepared.overlay.get('new.rst')!);
  const applied = prepare(root, patch);
  assert.equal(applied.direction, 'applied');
  const r = lintChanges(index(root, applied.overlay), config, applied.changes, { findingsCache: () => new FindingsCache(root, config, cacheDir) });
  assert.deepEqual(shown(r), ['new.rst:3:fake-todo']);
  assert.equal(r.lintedBefore + r.linted, 3);
  unlinkSync(nodePath.join(root, 'new.rst'));
});

test('a patch deleting a labelled document re-lints the documents that refer to it, and reports them', () => {
  const N = 30;
  const files = project(N);
  files['ref.rst'] = 'R\n=\n\nSee :ref:`l3`.\n';
  files['index.rst'] += '   ref\n';
  const root = tempTree(files);
  const refRule = {
    meta: { id: 'fake-ref', description: 'labels resolve', defaultSeverity: 'warning' as const, fixable: false, optionsSchema: {} },
    check(ctx: Parameters<(typeof RULES)[number]['check']>[0]) {
      const m = /:ref:`([^`]+)`/.exec(ctx.doc.source.raw);
      if (!m || ctx.index.resolveLabel(m[1]!)) return [];
      const p = ctx.doc.source.pointAt(m.index);
      return [{ ruleId: 'fake-ref', message: `undefined label ${m[1]}`, place: { start: p, end: p } }];
    },
  };
  const config = resolveConfig([...RULES, refRule]);
  const cacheDir = tempDir('kdocs-fc-');
  const fc0 = new FindingsCache(root, config, cacheDir);
  lintIndex(index(root), config, { findingsCache: fc0 });
  fc0.save();
  const patch = `diff --git a/${PREFIX}d3.rst b/${PREFIX}d3.rst\ndeleted file mode 100644\n--- a/${PREFIX}d3.rst\n+++ /dev/null\n@@ -1,6 +0,0 @@\n-.. _l3:\n-\n-D3\n-==\n-\n-text\n`;
  const prepared = prepare(root, patch);
  const r = lintChanges(index(root, prepared.overlay), config, prepared.changes, { findingsCache: () => new FindingsCache(root, config, cacheDir) });
  assert.deepEqual(
    r.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.ruleId}`)),
    ['ref.rst:fake-ref'],
  );
  // d3 before; ref.rst (it asked about l3) before and after; index.rst (its toctree entry for d3
  // now names no document: it asked) before and after; nothing else
  assert.ok(r.lintedBefore + r.linted <= 5, JSON.stringify(r));
});
