/**
 * Pushed diagnostics, in process (Workspace + Diagnostics over a recording connection): equal to
 * the CLI's lint, whole-tree correct after edits in open buffers and on disk, with the work an
 * edit causes bounded by what it changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as nodePath from 'node:path';
import { packageRoot } from '../../src/lint/api.js';
import { batchLines, harness, project, publishedLines, uriOf, writeFile } from './harness.js';
import { FILES, SPDX } from './fixture.js';
import { tempDir } from '../tmp.js';

test('diagnostics of every document of docs-src equal `kdocs lint` (ids, severities, messages, ranges)', async () => {
  const root = nodePath.join(packageRoot(), 'docs-src');
  const h = await harness(root);
  const got = publishedLines(root, h.published);
  const want = await batchLines(root);
  assert.ok(want.size > 5, 'docs-src has findings in several documents');
  assert.deepEqual(got, want);
  // codeDescription points at the rule's README, which exists
  const any = [...h.published.values()].flatMap((p) => p.diagnostics)[0]!;
  assert.match(any.codeDescription!.href, new RegExp(`/rules/${String(any.code)}/README\\.md$`));
});

test('the warm findings cache gives the same diagnostics without linting', async () => {
  const root = project(FILES);
  const cacheDir = tempDir('kdocs-lsp-cache-');
  const first = await harness(root, { cacheDir });
  assert.equal(first.diags.stats.replayed, 0);
  first.diags.dispose();
  const second = await harness(root, { cacheDir });
  assert.equal(second.diags.stats.linted, 0, 'every document replayed');
  assert.equal(second.diags.stats.replayed, 4);
  assert.deepEqual(publishedLines(root, second.published), publishedLines(root, first.published));
  assert.deepEqual(publishedLines(root, second.published), await batchLines(root));
});

test('a prose edit re-lints that document only; a label rename re-publishes the :ref:s it breaks in unopened files', async () => {
  const root = project(FILES);
  const intro = FILES['intro.rst']!;
  const h = await harness(root, { open: { 'intro.rst': intro } });
  const uri = uriOf(root, 'intro.rst');
  const otherUri = uriOf(root, 'other.rst');
  assert.equal(h.published.get(otherUri), undefined, 'other.rst is clean');

  const before = { ...h.diags.stats };
  h.ws.changeDocument(uri, [{ text: intro.replace('first.', 'first, really.') }], 2);
  h.diags.edited('intro.rst');
  await h.diags.idle();
  assert.equal(h.diags.stats.linted - before.linted, 1, 'only the edited document is linted');
  assert.equal(h.published.get(uri)?.version, 2);

  const mid = { ...h.diags.stats };
  h.ws.changeDocument(uri, [{ text: intro.replace('_intro-label:', '_intro-renamed:') }], 3);
  h.diags.edited('intro.rst');
  await h.diags.idle();
  const broken = h.published.get(otherUri)?.diagnostics ?? [];
  assert.deepEqual(broken.map((d) => [d.code, d.message]), [['unresolved-reference', "undefined label: 'intro-label'"]]);
  // intro.rst and the one document that refers to the label; not index.rst or guide.rst
  assert.equal(h.diags.stats.linted - mid.linted, 2);

  // and back: the finding goes away again
  h.ws.changeDocument(uri, [{ text: intro }], 4);
  h.diags.edited('intro.rst');
  await h.diags.idle();
  assert.deepEqual(h.published.get(otherUri)?.diagnostics, []);
  const overlay = new Map([['intro.rst', intro]]);
  assert.deepEqual(publishedLines(root, h.published), await batchLines(root, overlay));
});

test('removing a toctree entry re-publishes the orphan finding on the document it named', async () => {
  const root = project(FILES);
  const index = FILES['index.rst']!;
  const h = await harness(root, { open: { 'index.rst': index } });
  const uri = uriOf(root, 'index.rst');
  const otherUri = uriOf(root, 'other.rst');
  h.ws.changeDocument(uri, [{ text: index.replace('   other\n', '') }], 2);
  h.diags.edited('index.rst');
  await h.diags.idle();
  const got = h.published.get(otherUri)?.diagnostics ?? [];
  assert.deepEqual(got.map((d) => d.code), ['toctree-missing']);
  assert.match(String(got[0]!.message), /isn't included in any toctree/);
  assert.deepEqual(publishedLines(root, h.published), await batchLines(root, new Map([['index.rst', index.replace('   other\n', '')]])));
});

test('files changed on disk (watched-file events) update the index and the diagnostics that depend on them', async () => {
  const root = project(FILES);
  const h = await harness(root);
  const guideUri = uriOf(root, 'guide.rst');
  assert.ok(h.published.get(guideUri)!.diagnostics.some((d) => d.code === 'unresolved-reference'));
  writeFile(root, 'labels.rst', `${SPDX}:orphan:\n\n.. _missing-label:\n\nNow here\n========\n`);
  h.ws.diskChanged(nodePath.join(root, 'labels.rst'), false);
  await h.diags.idle();
  assert.ok(!h.published.get(guideUri)!.diagnostics.some((d) => d.code === 'unresolved-reference'));
  rmSync(nodePath.join(root, 'labels.rst'));
  h.ws.diskChanged(nodePath.join(root, 'labels.rst'), true);
  await h.diags.idle();
  assert.ok(h.published.get(guideUri)!.diagnostics.some((d) => d.code === 'unresolved-reference'));
  assert.deepEqual(publishedLines(root, h.published), await batchLines(root));
});

test('relatedInformation: the other definition of a duplicate label, the toctree of a missing entry, the origin of a title level', async () => {
  const root = project({
    ...FILES,
    'index.rst': FILES['index.rst']!.replace('   other\n', '   other\n   dup\n   nowhere\n'),
    'dup.rst': `${SPDX}.. _intro-label:\n\nDup\n===\n\nSection\n-------\n\nDeep\n~~~~\n\nBack\n~~~~\n\nWrong\n=====\n\nBad\n~~~\n`,
  });
  const h = await harness(root);
  const dup = h.published.get(uriOf(root, 'dup.rst'))!.diagnostics;
  const intro = h.published.get(uriOf(root, 'intro.rst'))!.diagnostics;
  const label = intro.find((d) => d.code === 'duplicate-label')!;
  assert.deepEqual(label.relatedInformation, [
    { location: { uri: uriOf(root, 'dup.rst'), range: { start: { line: 2, character: 0 }, end: { line: 2, character: 16 } } }, message: 'label intro-label first defined here' },
  ]);
  const idx = h.published.get(uriOf(root, 'index.rst'))!.diagnostics.find((d) => d.code === 'toctree-missing-document')!;
  assert.equal(idx.relatedInformation?.[0]?.location.uri, uriOf(root, 'index.rst'));
  assert.equal(idx.relatedInformation?.[0]?.location.range.start.line, 6, 'the toctree directive');
  const level = dup.find((d) => String(d.message).startsWith('Title level inconsistent'))!;
  assert.equal(level.range.start.line, 19);
  assert.equal(level.relatedInformation?.[0]?.location.range.start.line, 10, 'the first title underlined with ~ (Deep)');
  assert.match(level.relatedInformation![0]!.message, /'~' underline was first used here, for a level-3 title/);
});

test('documents git does not have in HEAD are linted as added (spdx-missing, heading-style)', async () => {
  const root = project({ ...FILES, 'old.rst': ':orphan:\n\nOld\n===\n\nText.\n' }, { git: true });
  writeFile(root, 'new.rst', ':orphan:\n\nNew\n===\n\nText.\n');
  const h = await harness(root);
  const codes = (p: string) => (h.published.get(uriOf(root, p))?.diagnostics ?? []).map((d) => String(d.code));
  assert.ok(!codes('old.rst').includes('spdx-missing'), 'a committed document is not new');
  assert.ok(codes('new.rst').includes('spdx-missing'), 'an untracked document is new');
  assert.deepEqual(publishedLines(root, h.published), await batchLines(root, new Map(), new Map([['new.rst', 'added']])));
});

test('a config change (kdocs.config.json) re-lints every document with the new severities', async () => {
  const root = project(FILES);
  const h = await harness(root);
  const guideUri = uriOf(root, 'guide.rst');
  assert.ok(h.published.get(guideUri)!.diagnostics.some((d) => d.code === 'code-block-lexer'));
  writeFile(root, 'kdocs.config.json', JSON.stringify({ rules: { 'code-block-lexer': 'off', 'markdown-heading': 'error' } }));
  assert.deepEqual(h.ws.reloadConfig(), []);
  h.diags.configChanged();
  await h.diags.idle();
  const got = h.published.get(guideUri)!.diagnostics;
  assert.ok(!got.some((d) => d.code === 'code-block-lexer'));
  assert.equal(got.find((d) => d.code === 'markdown-heading')?.severity, 1);
  assert.deepEqual(publishedLines(root, h.published), await batchLines(root));
  // a broken config is reported and the last good one stays in force
  writeFile(root, 'kdocs.config.json', '{ "rules": { "no-such-rule": "off" ');
  const errors = h.ws.reloadConfig();
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /kdocs\.config\.json:1:\d+: invalid JSON/);
});

test('edits handled in one turn cost one lint: a 1 MB document opened, linted, then ten edits', async () => {
  const root = project(FILES);
  const h = await harness(root);
  const uri = uriOf(root, 'big.rst');
  const para = 'Filler text for a large document, with ``code``, *emphasis* and :ref:`intro-label`.\n\n';
  let text = `${SPDX}:orphan:\n\nBig\n===\n\n`;
  while (text.length < 2 ** 20) text += para;
  const before = h.diags.stats.linted;
  h.ws.openDocument(uri, text, 1);
  h.diags.edited('big.rst');
  await h.diags.idle();
  assert.equal(h.diags.stats.linted - before, 1);
  assert.equal(h.published.get(uri)?.version, 1);
  // ten didChange handled one after another, as the server handles the messages of one read
  for (let v = 2; v <= 11; v++) {
    h.ws.changeDocument(uri, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'x' }], v);
    h.diags.edited('big.rst');
  }
  await h.diags.idle();
  assert.equal(h.diags.stats.linted - before, 2, 'one lint for the ten edits');
  assert.equal(h.published.get(uri)?.version, 11);
  assert.equal(h.log.filter((p) => p.uri === uri).length, 2, 'no stale version published');
  h.diags.dispose();
});

test('once every document is linted the index forgets their texts; a later re-lint reads the disk again', async () => {
  const root = project(FILES);
  const h = await harness(root, { open: { 'intro.rst': FILES['intro.rst']! } });
  assert.equal(h.ws.index.dropTexts(), 0, 'already dropped when the queue drained');
  assert.equal(h.ws.index.sourceText('other.rst'), FILES['other.rst'], 'read again on demand');
  // a label rename re-lints other.rst (closed), from its text on disk
  const uri = uriOf(root, 'intro.rst');
  h.ws.changeDocument(uri, [{ text: FILES['intro.rst']!.replace('_intro-label:', '_intro-renamed:') }], 2);
  h.diags.edited('intro.rst');
  await h.diags.idle();
  assert.deepEqual(h.published.get(uriOf(root, 'other.rst'))?.diagnostics.map((d) => d.code), ['unresolved-reference']);
  h.diags.dispose();
});
