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
