import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectIndex } from '../../src/project/index.js';
import { resolveConfig } from '../../src/lint/config.js';
import { PatchError, addedLines, applyFilePatch, parsePatch, reversePatch } from '../../src/lint/patch.js';
import { lintChanges, mapPatchPath, preparePatch, prepareDiff } from '../../src/lint/presubmit.js';
import { stubParse } from '../project/stubparse.js';
import { RULES, tempTree } from './helpers.js';

const SERIES = `From 1234567890abcdef Mon Sep 17 00:00:00 2001
From: A Developer <dev@example.org>
Date: Mon, 1 Jan 2024 00:00:00 +0000
Subject: [PATCH] docs: filesystems: add x and touch a

Some text.
--- a/not/a/diff/header/because/no/plus/line
Signed-off-by: A Developer <dev@example.org>
---
 Documentation/filesystems/a.rst | 4 +++-
 Documentation/filesystems/x.rst | 5 +++++
 2 files changed, 8 insertions(+), 1 deletion(-)

diff --git a/Documentation/filesystems/a.rst b/Documentation/filesystems/a.rst
index 1111111..2222222 100644
--- a/Documentation/filesystems/a.rst
+++ b/Documentation/filesystems/a.rst
@@ -1,4 +1,5 @@
 A
 =
 
-old line
+new line TODO
+another line
@@ -8,2 +9,3 @@ tail
 eight
+added nine TODO
 nine
diff --git a/Documentation/filesystems/x.rst b/Documentation/filesystems/x.rst
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/Documentation/filesystems/x.rst
@@ -0,0 +1,4 @@
+X
+=
+
+TODO new file
-- 
2.39.2

`;

const A = 'A\n=\n\nold line\nfive\nsix\nseven\neight\nnine\n';

test('parses a git format-patch: headers, new file, multiple hunks, signature', () => {
  const files = parsePatch(SERIES);
  assert.equal(files.length, 2);
  assert.deepEqual([files[0]!.oldPath, files[0]!.newPath, files[0]!.status, files[0]!.hunks.length], ['Documentation/filesystems/a.rst', 'Documentation/filesystems/a.rst', 'modified', 2]);
  assert.deepEqual([files[1]!.oldPath, files[1]!.newPath, files[1]!.status], [null, 'Documentation/filesystems/x.rst', 'added']);
  assert.equal(files[0]!.hunks[0]!.patchLine, 18);
});

test('applies hunks, records added lines and patch lines', () => {
  const [a, x] = parsePatch(SERIES);
  const r = applyFilePatch(a!, A);
  assert.equal(r.text, 'A\n=\n\nnew line TODO\nanother line\nfive\nsix\nseven\neight\nadded nine TODO\nnine\n');
  assert.deepEqual([...r.added].sort((p, q) => p - q), [4, 5, 10]);
  assert.equal(r.patchLines.get(4), 23);
  assert.equal(r.patchLines.get(10), 27);
  const rx = applyFilePatch(x!, null);
  assert.equal(rx.text, 'X\n=\n\nTODO new file\n');
  assert.deepEqual(addedLines(a!).added, r.added);
});

test('hunks that drifted still apply; a hunk whose context is missing does not', () => {
  const [a] = parsePatch(SERIES);
  const shifted = 'preface\npreface\n' + A;
  const r = applyFilePatch(a!, shifted);
  assert.ok(r.text!.startsWith('preface\npreface\nA\n=\n\nnew line TODO\n'));
  assert.deepEqual([...r.added].sort((p, q) => p - q), [6, 7, 12]);
  assert.throws(() => applyFilePatch(a!, 'something else\n'), (e: unknown) => e instanceof PatchError && e.patchLine === 18 && /does not apply/.test(e.message));
});

test('rename, deletion and no-newline-at-end', () => {
  const patch = `diff --git a/old.rst b/new.rst
similarity index 90%
rename from old.rst
rename to new.rst
--- a/old.rst
+++ b/new.rst
@@ -1,2 +1,2 @@
 same
-last
\\ No newline at end of file
+last changed
\\ No newline at end of file
diff --git a/gone.rst b/gone.rst
deleted file mode 100644
--- a/gone.rst
+++ /dev/null
@@ -1 +0,0 @@
-bye
`;
  const [ren, del] = parsePatch(patch);
  assert.deepEqual([ren!.status, ren!.oldPath, ren!.newPath], ['renamed', 'old.rst', 'new.rst']);
  assert.equal(applyFilePatch(ren!, 'same\nlast').text, 'same\nlast changed');
  assert.deepEqual([del!.status, del!.newPath], ['deleted', null]);
  assert.equal(applyFilePatch(del!, 'bye\n').text, null);
  // reversing gets the old text back
  const [revDel, revRen] = reversePatch([ren!, del!]);
  assert.equal(revDel!.status, 'added');
  assert.equal(applyFilePatch(revRen!, 'same\nlast changed').text, 'same\nlast');
});

test('malformed patches name the patch line', () => {
  const bad1 = 'diff --git a/x.rst b/x.rst\n--- a/x.rst\n+++ b/x.rst\n@@ -1,3 +1,3 @@\n a\n-b\n';
  assert.throws(() => parsePatch(bad1), (e: unknown) => e instanceof PatchError && e.patchLine === 7 && /hunk ends early/.test(e.message));
  const bad2 = '--- a/x.rst\n+++ b/x.rst\n@@ -1,x +1 @@\n';
  assert.throws(() => parsePatch(bad2), (e: unknown) => e instanceof PatchError && e.patchLine === 3 && /malformed hunk header/.test(e.message));
  const bad3 = '--- a/x.rst\n+++ b/x.rst\n@@ -1,2 +1,2 @@\n a\n?b\n';
  assert.throws(() => parsePatch(bad3), (e: unknown) => e instanceof PatchError && e.patchLine === 5);
  assert.throws(() => preparePatch('just a mail\n', { exists: () => false }, () => null), (e: unknown) => e instanceof PatchError && /no file changes/.test(e.message));
});

test('path mapping onto the root', () => {
  const m = { kernelPrefix: 'Documentation/filesystems/', exists: () => false };
  assert.equal(mapPatchPath('Documentation/filesystems/ext4/a.rst', m), 'ext4/a.rst');
  assert.equal(mapPatchPath('Documentation/mm/a.rst', m), null);
  assert.equal(mapPatchPath('fs/ext4/inode.c', m), null);
  assert.equal(mapPatchPath('docs-src/a.rst', { strip: 'docs-src', exists: () => false }), 'a.rst');
  assert.equal(mapPatchPath('other/a.rst', { strip: 'docs-src/', exists: () => false }), null);
  assert.equal(mapPatchPath('a.rst', { exists: () => true }), 'a.rst');
});

function rootWith(files: Record<string, string>): { root: string; index: (overlay: Map<string, string | null>) => ProjectIndex } {
  const root = tempTree(files);
  return {
    root,
    index: (overlay) => {
      const i = new ProjectIndex(root, stubParse, { overlay, kernelPrefix: 'Documentation/filesystems/' });
      i.build();
      return i;
    },
  };
}

test('--patch: only findings on added lines, plus whole-document findings of new files', () => {
  const { index } = rootWith({ 'index.rst': '.. toctree::\n\n   a\n', 'a.rst': A.replace('seven', 'seven TODO'), 'b.rst': 'TODO untouched\n' });
  const probe = index(new Map());
  const prepared = preparePatch(SERIES, { kernelPrefix: 'Documentation/filesystems/', exists: (p) => probe.fileExists(p) }, (p) => probe.readRel(p));
  const idx = index(prepared.overlay);
  const res = lintChanges(idx, resolveConfig(RULES), prepared.changes);
  const got = res.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}:${x.ruleId}`));
  assert.deepEqual(got, ['a.rst:4:fake-todo', 'a.rst:10:fake-todo', 'x.rst:1:fake-toc', 'x.rst:4:fake-todo']);
});

test('--patch: cross-file breakage in untouched files is reported, pre-existing problems are not', () => {
  const { index } = rootWith({ 'index.rst': '.. toctree::\n\n   a\n   b\n', 'a.rst': 'A\n=\n', 'b.rst': 'B\n=\n' });
  const patch = 'diff --git a/Documentation/filesystems/index.rst b/Documentation/filesystems/index.rst\n--- a/Documentation/filesystems/index.rst\n+++ b/Documentation/filesystems/index.rst\n@@ -3,2 +3,1 @@\n    a\n-   b\n';
  const probe = index(new Map());
  const prepared = preparePatch(patch, { kernelPrefix: 'Documentation/filesystems/', exists: (p) => probe.fileExists(p) }, (p) => probe.readRel(p));
  const res = lintChanges(index(prepared.overlay), resolveConfig(RULES), prepared.changes);
  assert.deepEqual(res.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.ruleId}`)), ['b.rst:fake-toc']);
});

test('--diff: the working tree is the new side', () => {
  const { index } = rootWith({ 'index.rst': '.. toctree::\n\n   a\n', 'a.rst': 'A\n=\n\nnew TODO\nold TODO\n' });
  const diff = 'diff --git a/docs/a.rst b/docs/a.rst\n--- a/docs/a.rst\n+++ b/docs/a.rst\n@@ -3,2 +3,3 @@\n \n+new TODO\n old TODO\n';
  const probe = index(new Map());
  const prepared = prepareDiff(diff, { strip: 'docs/', exists: (p) => probe.fileExists(p) }, (p) => probe.readRel(p));
  assert.equal(prepared.changes[0]!.baseText, 'A\n=\n\nold TODO\n');
  const res = lintChanges(index(new Map()), resolveConfig(RULES), prepared.changes);
  assert.deepEqual(res.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}`)), ['a.rst:4']);
});

test('--patch: a prose edit lints only the changed document; a relation change lints them all', () => {
  const { index } = rootWith({ 'index.rst': '.. toctree::\n\n   a\n   b\n', 'a.rst': 'A\n=\n\ntext\n', 'b.rst': 'B\n=\n\nTODO old\n' });
  const prose = '--- a/Documentation/filesystems/a.rst\n+++ b/Documentation/filesystems/a.rst\n@@ -4 +4 @@\n-text\n+text TODO\n';
  const probe = index(new Map());
  const m = { kernelPrefix: 'Documentation/filesystems/', exists: (p: string) => probe.fileExists(p) };
  const p1 = preparePatch(prose, m, (p) => probe.readRel(p));
  const r1 = lintChanges(index(p1.overlay), resolveConfig(RULES), p1.changes);
  assert.equal(r1.linted, 1);
  assert.deepEqual(r1.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}`)), ['a.rst:4']);
  const label = '--- a/Documentation/filesystems/a.rst\n+++ b/Documentation/filesystems/a.rst\n@@ -1,2 +1,4 @@\n+.. _new-label:\n+\n A\n =\n';
  const p2 = preparePatch(label, m, (p) => probe.readRel(p));
  const r2 = lintChanges(index(p2.overlay), resolveConfig(RULES), p2.changes);
  assert.equal(r2.linted, 3);
});
