// The streaming whole-tree lint (each tree dropped once its rules ran, cross-document rules
// finished after every document is indexed) must report exactly what linting a fully built index
// reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintTree } from '../../src/lint/api.js';

const REPO = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

test('streaming lint of docs-src equals the lint of a fully built index', async () => {
  const root = nodePath.join(REPO, 'docs-src');
  const flat = (r: Awaited<ReturnType<typeof lintTree>>): string[] =>
    r.run.files.flatMap((f) =>
      f.findings.map((x) => `${f.path}:${x.place.start.offset}-${x.place.end.offset} ${x.ruleId} ${x.severity} ${x.message} ${JSON.stringify(x.fix ?? null)}`),
    );
  const streamed = flat(await lintTree(root, { release: true }));
  const kept = flat(await lintTree(root, { release: false }));
  assert.ok(streamed.length > 50, `expected the docs-src findings, got ${streamed.length}`);
  assert.deepEqual(streamed, kept);
});

test('linting some paths keeps no tree of the other documents (they only lend their facts)', async () => {
  const { ProjectIndex, loadDefaultParser } = await import('../../src/project/index.js');
  const { resolveConfig } = await import('../../src/lint/config.js');
  const { lintBuild } = await import('../../src/lint/engine.js');
  const { loadRules } = await import('../../src/lint/api.js');
  const root = nodePath.join(REPO, 'docs-src');
  const index = new ProjectIndex(root, await loadDefaultParser());
  const config = resolveConfig((await loadRules()).rules, {});
  const run = lintBuild(index, config, { paths: ['index.rst'], release: true });
  assert.deepEqual(run.files.map((f) => f.path), ['index.rst']);
  const others = index.documents().filter((p) => p !== 'index.rst');
  assert.ok(others.length > 100);
  assert.deepEqual(others.filter((p) => index.loaded(p) !== undefined), []);
});
