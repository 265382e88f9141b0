// The findings cache replays a document's findings only while its text, its includes and every
// answer the index gave its rules are unchanged: each run must report what a run without the cache
// reports, and re-check exactly the documents an edit can affect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { FactsCache } from '../../src/project/cache.js';
import { loadDefaultParser, ProjectIndex } from '../../src/project/index.js';
import { resolveConfig, type ConfigFile } from '../../src/lint/config.js';
import { lintBuild } from '../../src/lint/engine.js';
import { loadRules } from '../../src/lint/api.js';
import { FindingsCache, lintStamp } from '../../src/lint/findings-cache.js';
import { tempDir } from '../tmp.js';
import { tempTree } from './helpers.js';

const FILES: Record<string, string> = {
  'index.rst': '=====\nIndex\n=====\n\n.. toctree::\n\n   a\n   b\n   c\n',
  'a.rst': 'A\n=\n\nSee :ref:`the-label` and :doc:`b`.\n',
  'b.rst': '.. _the-label:\n\nB\n=\n\nText with an `f()` call.\n',
  'c.rst': 'C\n=\n\nNothing about labels. Trailing space here. \n',
  'part.txt': 'Included text.\n',
  'd.rst': ':orphan:\n\nD\n=\n\n.. include:: part.txt\n',
};

async function lintOnce(root: string, cacheDir: string | undefined, config: ConfigFile = {}) {
  const rules = (await loadRules()).rules;
  const resolved = resolveConfig(rules, config);
  const facts = cacheDir ? new FactsCache(root, cacheDir) : undefined;
  const index = new ProjectIndex(root, await loadDefaultParser(), facts ? { cache: facts } : {});
  const findingsCache = cacheDir ? new FindingsCache(root, resolved, cacheDir) : undefined;
  const run = lintBuild(index, resolved, { release: true, ...(findingsCache ? { findingsCache } : {}) });
  facts?.save();
  findingsCache?.retainOnly(index.documents());
  findingsCache?.save();
  const lines = run.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}:${x.column}-${x.endLine}:${x.endColumn} ${x.ruleId} ${x.severity} ${x.message} ${JSON.stringify(x.fix ?? null)}`));
  return { lines, hits: findingsCache?.hits ?? 0, misses: findingsCache?.misses ?? 0, parsed: index.timings, file: findingsCache?.file };
}

test('a second run replays every document and reports the same findings', async () => {
  const root = tempTree(FILES);
  const cache = tempDir('kdocs-findings-');
  const plain = await lintOnce(root, undefined);
  const first = await lintOnce(root, cache);
  const second = await lintOnce(root, cache);
  assert.ok(plain.lines.some((l) => l.startsWith('c.rst:') && l.includes('trailing-whitespace')), plain.lines.join('\n'));
  assert.deepEqual(first.lines, plain.lines);
  assert.deepEqual(second.lines, plain.lines);
  assert.equal(second.hits, 5);
  assert.equal(second.misses, 0);
});

test('a renamed label re-checks the document that refers to it, and only that one', async () => {
  const root = tempTree(FILES);
  const cache = tempDir('kdocs-findings-');
  await lintOnce(root, cache);
  writeFileSync(nodePath.join(root, 'b.rst'), FILES['b.rst']!.replace('the-label', 'other-label'));
  const after = await lintOnce(root, cache);
  const plain = await lintOnce(root, undefined);
  assert.deepEqual(after.lines, plain.lines);
  assert.ok(after.lines.some((l) => l.startsWith('a.rst:') && l.includes('unresolved-reference') && l.includes('the-label')), after.lines.join('\n'));
  // b changed (parsed again for its facts); a asked about the label; c, d and index asked
  // nothing that changed
  assert.equal(after.misses, 1);
  assert.equal(after.hits, 3);
});

test('an edited include re-checks its includer; a removed document re-checks the toctree naming it', async () => {
  const root = tempTree(FILES);
  const cache = tempDir('kdocs-findings-');
  await lintOnce(root, cache);
  writeFileSync(nodePath.join(root, 'part.txt'), 'Included text with a trailing blank. \n');
  let after = await lintOnce(root, cache);
  assert.deepEqual(after.lines, (await lintOnce(root, undefined)).lines);
  // d, the includer, is parsed again for its facts; the others are replayed
  assert.equal(after.hits, 4);
  // c.rst goes: index.rst's toctree entry `c` now names a missing document
  const { rmSync } = await import('node:fs');
  rmSync(nodePath.join(root, 'c.rst'));
  after = await lintOnce(root, cache);
  const plain = await lintOnce(root, undefined);
  assert.deepEqual(after.lines, plain.lines);
  assert.ok(after.lines.some((l) => l.startsWith('index.rst:') && l.includes("nonexisting document 'c'")), after.lines.join('\n'));
  // the removed document's entry is gone from the file
  const saved = JSON.parse(readFileSync(after.file!, 'utf8')) as { entries: Record<string, unknown> };
  assert.deepEqual(Object.keys(saved.entries).sort(), ['a.rst', 'b.rst', 'd.rst', 'index.rst']);
});

test('rule options and a damaged cache file are handled: other options use another file, garbage is ignored', async () => {
  const root = tempTree(FILES);
  const cache = tempDir('kdocs-findings-');
  const a = await lintOnce(root, cache);
  const b = await lintOnce(root, cache, { rules: { 'unresolved-reference': ['warning', { labels: false }] } });
  assert.notEqual(a.file, b.file);
  assert.equal(b.hits, 0);
  assert.ok(!b.lines.some((l) => l.includes('the-label')));
  writeFileSync(b.file!, '{"answers": [["has(', 'utf8');
  const c = await lintOnce(root, cache, { rules: { 'unresolved-reference': ['warning', { labels: false }] } });
  assert.deepEqual(c.lines, b.lines);
  assert.equal(c.hits, 0);
  // both configurations' files are kept (a few per root, src/project/cache.ts CACHE_FILES_KEPT)
  assert.equal(readdirSync(cache).filter((f) => f.startsWith('findings-')).length, 2);
});

test('a file appearing re-checks the document whose relative link named it (relative-link asks fileExists)', async () => {
  const root = tempTree({
    'index.rst': '=====\nIndex\n=====\n\n.. toctree::\n\n   e\n',
    'e.rst': 'E\n=\n\nSee `the example <example.c>`__.\n',
  });
  const cache = tempDir('kdocs-findings-');
  const before = await lintOnce(root, cache);
  assert.ok(before.lines.some((l) => l.startsWith('e.rst:') && l.includes('relative-link')), before.lines.join('\n'));
  writeFileSync(nodePath.join(root, 'example.c'), 'int x;\n');
  const after = await lintOnce(root, cache);
  const plain = await lintOnce(root, undefined);
  assert.ok(!after.lines.some((l) => l.includes('relative-link')), after.lines.join('\n'));
  assert.deepEqual(after.lines, plain.lines);
});

test('the cache file is keyed by the code findings depend on: a change to the site keeps it, one to a rule, a module a rule imports, the parser or a contract drops it', () => {
  // a copy of the compiled tree (dist/src, dist/rules) and of the contracts beside it
  const here = nodePath.dirname(new URL(import.meta.url).pathname); // dist/test/lint
  const dist = nodePath.resolve(here, '..', '..');
  const top = tempDir('kdocs-lintstamp-');
  const copy = nodePath.join(top, 'dist');
  cpSync(nodePath.join(dist, 'src'), nodePath.join(copy, 'src'), { recursive: true });
  cpSync(nodePath.join(dist, 'rules'), nodePath.join(copy, 'rules'), { recursive: true });
  cpSync(nodePath.join(dist, '..', 'rules', 'contracts'), nodePath.join(top, 'rules', 'contracts'), { recursive: true });
  const before = lintStamp(copy);
  assert.equal(lintStamp(copy), before);
  const touch = (rel: string): string => {
    const f = nodePath.join(top, rel);
    const text = readFileSync(f, 'utf8');
    writeFileSync(f, text + '\n// changed\n');
    const stamp = lintStamp(copy);
    writeFileSync(f, text);
    return stamp;
  };
  for (const kept of ['dist/src/html/render.js', 'dist/src/html/site/model.js', 'dist/src/lsp/server.js', 'dist/src/cli/site.js']) {
    assert.ok(existsSync(nodePath.join(top, kept)), kept);
    assert.equal(touch(kept), before, kept);
  }
  for (const dropped of ['dist/rules/trailing-whitespace/index.js', 'dist/src/model/mm.js', 'dist/src/rst/inline.js', 'dist/src/lint/engine.js', 'dist/src/project/index.js', 'rules/contracts/C01.json']) {
    assert.ok(existsSync(nodePath.join(top, dropped)), dropped);
    assert.notEqual(touch(dropped), before, dropped);
  }
  assert.equal(lintStamp(copy), before);
});
