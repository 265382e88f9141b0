/**
 * `startLint`: the project passes first, then one document at a time, in whatever order the caller
 * asks for them (the site's render pass lints each document just before its page) — the same
 * findings as `lintIndex`. And a whole-tree lint with no per-document rule on does not make the
 * rules' shared walk (src/lint/facts.ts): nothing would read it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules } from '../../src/lint/api.js';
import { resolveConfig } from '../../src/lint/config.js';
import { lintBuild, lintIndex, startLint } from '../../src/lint/engine.js';
import { factsWalks } from '../../src/lint/facts.js';
import { loadDefaultParser, ProjectIndex } from '../../src/project/index.js';

const DOCS = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs-src');

test('startLint: documents linted one at a time, in reverse order, give lintIndex\'s findings', async () => {
  const { rules } = await loadRules();
  const config = resolveConfig(rules, {});
  const parse = await loadDefaultParser();
  const whole = new ProjectIndex(DOCS, parse);
  whole.build(undefined, () => false);
  const want = lintIndex(whole, config);
  assert.ok(want.files.reduce((n, f) => n + f.findings.length, 0) > 50, 'docs-src has findings of many rules');

  const index = new ProjectIndex(DOCS, parse);
  index.build(undefined, () => true); // every tree dropped: each is parsed again when linted
  const lint = startLint(index, config, { forget: true });
  const got = new Map<string, unknown>();
  for (const p of [...lint.paths].reverse()) got.set(p, lint.lint(p));
  // asked again: the same (final) list, the rules not run twice
  const again = lint.lint(lint.paths[0]!);
  assert.equal(again, got.get(lint.paths[0]!));
  const run = lint.finish();
  assert.deepEqual(run.files.map((f) => f.path), want.files.map((f) => f.path));
  for (const f of want.files) assert.deepEqual(got.get(f.path), f.findings, f.path);
  assert.deepEqual(run.files, want.files);
  assert.deepEqual(lint.lint('no/such.rst'), []);
});

test('a lint with every per-document rule off makes no shared walk; the index is the same', async () => {
  const { rules } = await loadRules();
  const parse = await loadDefaultParser();
  const off = resolveConfig(rules, { rules: Object.fromEntries(rules.map((r) => [r.meta.id, 'off' as const])) });
  const before = factsWalks.count;
  const bare = new ProjectIndex(DOCS, parse);
  const run = lintBuild(bare, off);
  assert.equal(factsWalks.count - before, 0, 'no shared walk');
  assert.equal(run.files.length, bare.documents().length);

  // with the rules on, the shared walk collects the index's facts too: the same facts
  const on = resolveConfig(rules, {});
  const shared = new ProjectIndex(DOCS, parse);
  lintBuild(shared, on);
  assert.ok(factsWalks.count - before >= shared.documents().length, 'one shared walk per document');
  for (const p of shared.documents()) assert.deepEqual(bare.getFacts(p), shared.getFacts(p), p);
});
