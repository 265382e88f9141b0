/**
 * The facts cache's two-part file: the first line (facts without sections and refs) is all a
 * reader parses until it asks for the rest; the file is ASCII; the facts read back equal the ones
 * stored, non-ASCII text included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import * as nodePath from 'node:path';
import { CACHE_FILES_KEPT, FactsCache, writeCacheText } from '../../src/project/cache.js';
import { ProjectIndex } from '../../src/project/index.js';
import { tempDir } from '../tmp.js';

function tree(): string {
  const root = tempDir('kdocs-cache2-');
  mkdirSync(nodePath.join(root, 'sub'));
  writeFileSync(nodePath.join(root, 'index.rst'), 'Überblick — ✓\n=============\n\n.. toctree::\n\n   sub/a\n\nSee :ref:`a-label` and :doc:`sub/a`, Documentation/sub/a.rst.\n');
  writeFileSync(nodePath.join(root, 'sub', 'a.rst'), '.. _a-label:\n\nÀ propos 😀\n==========\n\nSection two\n-----------\n\nText.\n');
  return root;
}

test('facts cache file: ASCII, two lines; the first is parsed alone until the rest is asked for', async () => {
  const root = tree();
  const cacheDir = tempDir('kdocs-cache2-dir-');
  const cache = new FactsCache(root, cacheDir);
  const index = await ProjectIndex.build(root, { cache });
  cache.save();
  const [name] = readdirSync(cacheDir).filter((f) => f.startsWith('facts-'));
  const bytes = readFileSync(nodePath.join(cacheDir, name!));
  assert.ok(bytes.every((b) => b < 0x80), 'only ASCII bytes');
  assert.equal(bytes.toString('latin1').split('\n').length, 2);

  const again = new FactsCache(root, cacheDir);
  const firstLine = bytes.indexOf(10);
  assert.equal(again.bytesParsed, firstLine, 'only the first line parsed');
  assert.equal(again.isComplete, false);
  const early = again.peek('sub/a.rst')!;
  assert.deepEqual(early.labels, index.getFacts('sub/a.rst')!.labels, 'labels are in the first line');
  assert.deepEqual(early.sections, [], 'sections wait for the second line');
  again.complete();
  assert.equal(again.bytesParsed, statSync(nodePath.join(cacheDir, name!)).size - 1);
  assert.equal(again.peek('sub/a.rst'), early, 'the same object, filled in place');
  for (const p of index.documents()) assert.deepEqual(again.peek(p), index.getFacts(p), p);
  assert.ok(again.peek('sub/a.rst')!.sections.some((s) => s.title === 'À propos 😀'));
  assert.ok(again.peek('index.rst')!.refs.length >= 2);
});

test('facts cache: a lookup parses the rest first (verified facts are whole)', async () => {
  const root = tree();
  const cacheDir = tempDir('kdocs-cache2-dir-');
  const first = new FactsCache(root, cacheDir);
  const index = await ProjectIndex.build(root, { cache: first });
  first.save();
  const second = new FactsCache(root, cacheDir);
  const warm = await ProjectIndex.build(root, { cache: second });
  assert.equal(second.hits, 2);
  assert.equal(second.isComplete, true);
  for (const p of index.documents()) assert.deepEqual(warm.getFacts(p), index.getFacts(p), p);
});

test('cache files: a few other builds of one kind and root are kept (newest first), the oldest dropped, other roots untouched', () => {
  const dir = tempDir('kdocs-cachefiles-');
  const names = ['highlight-ROOT-a.json', 'highlight-ROOT-b.json', 'highlight-ROOT-c.json', 'highlight-ROOT-d.json', 'highlight-OTHER-a.json'];
  // older first: a is the oldest build's file
  names.forEach((n, i) => {
    writeFileSync(nodePath.join(dir, n), '{}');
    utimesSync(nodePath.join(dir, n), 1_000_000 + i * 60, 1_000_000 + i * 60);
  });
  assert.equal(writeCacheText(nodePath.join(dir, 'highlight-ROOT-e.json'), '{"x":1}'), true);
  const left = readdirSync(dir).sort();
  // e written, the CACHE_FILES_KEPT newest others of ROOT kept, a dropped; OTHER's file untouched
  assert.equal(CACHE_FILES_KEPT, 3);
  assert.deepEqual(left, ['highlight-OTHER-a.json', 'highlight-ROOT-b.json', 'highlight-ROOT-c.json', 'highlight-ROOT-d.json', 'highlight-ROOT-e.json']);
  // two checkouts taking turns keep each other's file
  writeCacheText(nodePath.join(dir, 'highlight-ROOT-b.json'), '{}');
  writeCacheText(nodePath.join(dir, 'highlight-ROOT-e.json'), '{}');
  assert.ok(readdirSync(dir).includes('highlight-ROOT-b.json') && readdirSync(dir).includes('highlight-ROOT-e.json'));
  assert.equal(readFileSync(nodePath.join(dir, 'highlight-ROOT-e.json'), 'utf8'), '{}');
});
