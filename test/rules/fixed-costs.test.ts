/**
 * What a cold lint pays before and besides the documents' own work (issue 11 item 25): modules
 * the rules load only when a document needs them. Counted (module loads, static imports), not
 * timed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import behaviour, { behaviourStats } from '../../rules/contract-behaviour/index.js';
import { buildProject, runRule } from './harness.js';
import { builtAnswerStats, builtAnswersFile, setBuiltAnswers } from '../../src/contracts/answers.js';

const DIST = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Compiled modules `entry` imports statically, transitively (dynamic `import()` not followed). */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gm)) todo.push(nodePath.resolve(nodePath.dirname(f), m[1]!));
    for (const m of text.matchAll(/^import\s*['"](\.{1,2}\/[^'"]+)['"]/gm)) todo.push(nodePath.resolve(nodePath.dirname(f), m[1]!));
  }
  return seen;
}

test("the rules do not load the model's side (claims, explorer) with their modules", () => {
  const closure = staticClosure(nodePath.join(DIST, 'rules', 'index.js'));
  const rel = [...closure].map((f) => nodePath.relative(DIST, f));
  // the closure is read right: it has the rules and the contract helpers they use
  assert.ok(rel.includes(nodePath.join('rules', 'contract-behaviour', 'index.js')), rel.join(' '));
  assert.ok(rel.includes(nodePath.join('src', 'contracts', 'doc', 'triggers.js')));
  for (const m of ['claims.js', 'explore.js']) assert.ok(!rel.includes(nodePath.join('src', 'contracts', m)), `${m} is imported by the rules' modules`);
});

test('contract-behaviour takes the answers `npm run build` explored: a matching sentence loads no model; same findings as the model\'s', async () => {
  const file = builtAnswersFile(nodePath.join(DIST, 'data'));
  assert.ok(existsSync(file), `${file}: made by npm run build (scripts/build-data.ts)`);
  setBuiltAnswers(file);
  const matching = await buildProject([{ path: 'y.rst', text: 'Title\n=====\n\nThe f_op->mmap() callback has been deprecated in favour of mmap_prepare.\n\nThe ``mapped`` hook is also called when the mapping is merged.\n' }]);
  const used = builtAnswerStats.used;
  const fromBuild = runRule(behaviour, matching, 'y.rst');
  assert.ok(builtAnswerStats.used > used, 'answered from the build');
  assert.equal(behaviourStats.modelLoads, 0, 'the model is not loaded');
  assert.ok(fromBuild.length > 0, 'the merged-mapping sentence is contradicted');
  // the model itself, asked now, gives the same findings
  setBuiltAnswers(false);
  assert.deepEqual(runRule(behaviour, matching, 'y.rst'), fromBuild);
  assert.equal(behaviourStats.modelLoads, 1);
});

test('contract-behaviour loads the model when a sentence first matches a phrasing, not before (no answers from the build)', async () => {
  setBuiltAnswers(false);
  const loads = behaviourStats.modelLoads;
  const plain = await buildProject([{ path: 'x.rst', text: 'Title\n=====\n\nThe mapping has a reference count and a pointer to memory.\n' }]);
  assert.deepEqual(runRule(behaviour, plain, 'x.rst'), []);
  assert.equal(behaviourStats.modelLoads, loads, 'no sentence matched: the model is not loaded');
  const matching = await buildProject([{ path: 'y.rst', text: 'Title\n=====\n\nThe f_op->mmap() callback has been deprecated in favour of mmap_prepare.\n' }]);
  runRule(behaviour, matching, 'y.rst');
  runRule(behaviour, matching, 'y.rst');
  assert.equal(behaviourStats.modelLoads, Math.max(loads, 1), 'loaded once, when first asked');
});

test("contract-behaviour's prose regions are regionsOf's prose regions (docs-src, fixtures, an empty tree, a scanned text)", async () => {
  const { regionsOf, proseRegionsOf } = await import('../../src/contracts/doc/regions.js');
  const { parse } = await import('../../src/rst/parse.js');
  const { Source } = await import('../../src/rst/source.js');
  const { readdirSync } = await import('node:fs');
  const repo = nodePath.resolve(DIST, '..');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = nodePath.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.rst')) files.push(p);
    }
  };
  for (const d of ['docs-src', 'test/contracts/fixtures', 'test/rules/fixtures']) walk(nodePath.join(repo, d));
  let prose = 0;
  const same = (label: string, make: () => import('../../src/rst/parse.js').ParsedDocument): void => {
    // each function on a document of its own (both cache what they made)
    const want = regionsOf(make()).filter((r) => r.kind === 'prose');
    const got = proseRegionsOf(make());
    assert.deepEqual(got, want, label);
    prose += got.length;
  };
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    same(f, () => parse(text, { path: nodePath.basename(f) }));
  }
  const scanned = 'A paragraph with ``vma`` in it.\n\nAnother one::\n\n  code\n';
  same('a tree without children: the scanner', () => ({ path: 'x.rst', source: new Source(scanned, 'x.rst'), tree: { type: 'document', children: [] }, messages: [], includes: [] }));
  same('only literals in the tree', () => parse('``a`` ``b``\n', { path: 'y.rst' }));
  assert.ok(files.length > 30 && prose > 500, `${files.length} files, ${prose} prose regions`);
});

test("unresolved-reference takes the index's scan of a paragraph's automarkup paths instead of scanning again", async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { lintTree } = await import('../../src/lint/api.js');
  const { autoPathScans } = await import('../../src/project/refs.js');
  const unresolved = (await import('../../rules/unresolved-reference/index.js')).default;
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-autopaths-'));
  try {
    const texts = 8;
    writeFileSync(nodePath.join(dir, 'index.rst'), 'Index\n=====\n\n.. toctree::\n\n   a\n');
    let body = 'A\n=\n\n';
    for (let i = 0; i < texts; i++) body += `See missing${i}.rst and *also gone${i}.rst* here.\n\n`;
    writeFileSync(nodePath.join(dir, 'a.rst'), body);
    const before = autoPathScans.count;
    const res = await lintTree(dir, { rules: [unresolved] });
    const scans = autoPathScans.count - before;
    const found = res.run.files.find((f) => f.path === 'a.rst')!.findings.filter((f) => f.message.includes('names no document'));
    assert.equal(found.length, 2 * texts, 'every path is still reported');
    // two texts per paragraph hold a path (one in the emphasis): each scanned once, by the index
    assert.equal(scans, 2 * texts, `${scans} scans of ${2 * texts} texts`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
