/**
 * Property test of the findings cache: over random small projects edited step by step (documents
 * rewritten, deleted, added; an included file changed), a lint that reads and writes the cache
 * must report exactly what a lint without it reports, after every step. The documents are built
 * from what makes findings depend on other documents: labels and `:ref:`s to them, `:doc:`s,
 * toctrees, includes, `:orphan:`, plus local findings (trailing blanks, single backticks).
 * KDOCS_CACHE_PROPERTY_RUNS changes the number of projects, KDOCS_CACHE_PROPERTY_SEED the seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { FactsCache } from '../../src/project/cache.js';
import { loadDefaultParser, ProjectIndex, type ParseFn } from '../../src/project/index.js';
import { resolveConfig, type ResolvedConfig } from '../../src/lint/config.js';
import { lintBuild } from '../../src/lint/engine.js';
import { loadRules } from '../../src/lint/api.js';
import { FindingsCache } from '../../src/lint/findings-cache.js';
import { tempDir } from '../tmp.js';

const RUNS = Number(process.env.KDOCS_CACHE_PROPERTY_RUNS ?? 40);
const SEED = Number(process.env.KDOCS_CACHE_PROPERTY_SEED ?? 20261202);
const DOCS = ['a.rst', 'b.rst', 'c.rst', 'sub/d.rst', 'sub/e.rst'];
const LABELS = ['l1', 'l2', 'l3'];

/** One block of a generated document. */
const block = fc.oneof(
  fc.constantFrom(...LABELS).map((l) => `.. _${l}:\n\nSection ${l}\n----------\n`),
  fc.constantFrom(...LABELS).map((l) => `See :ref:\`${l}\` here.\n`),
  fc.constantFrom('a', 'b', 'c', '/sub/d', 'sub/e', 'e', 'missing').map((d) => `Read :doc:\`${d}\`.\n`),
  fc.subarray(['a', 'b', 'c', 'sub/d', 'sub/e', 'nope'], { minLength: 1 }).map((es) => `.. toctree::\n\n${es.map((e) => `   /${e}`).join('\n')}\n`),
  fc.constant('.. include:: /part.txt\n'),
  fc.constant('Trailing blank. \n'),
  fc.constant('Call `f()` now.\n'),
  fc.constant('Plain text.\n'),
);

const docText = fc.record({ orphan: fc.boolean(), title: fc.constantFrom('Alpha', 'Beta', 'Gamma'), blocks: fc.array(block, { maxLength: 5 }) }).map(
  ({ orphan, title, blocks }) => `${orphan ? ':orphan:\n\n' : ''}${title}\n${'='.repeat(title.length)}\n\n${blocks.join('\n')}`,
);

type Step = { kind: 'write'; path: string; text: string } | { kind: 'delete'; path: string } | { kind: 'part'; text: string };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), path: fc.constantFrom(...DOCS), text: docText }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...DOCS) }),
  fc.record({ kind: fc.constant('part' as const), text: fc.constantFrom('Included.\n', 'Included :ref:`l2`.\n', '.. _l3:\n\nIncluded label\n') }),
);

function apply(root: string, s: Step): void {
  if (s.kind === 'delete') rmSync(nodePath.join(root, s.path), { force: true });
  else {
    const p = nodePath.join(root, s.kind === 'part' ? 'part.txt' : s.path);
    mkdirSync(nodePath.dirname(p), { recursive: true });
    writeFileSync(p, s.text);
  }
}

/** Lint `root`; with `cacheDir`, through the facts and findings caches kept there (as the CLI
 *  does: a document parsed for its facts has its rules run on that tree, the others may be
 *  replayed). */
function lint(root: string, parse: ParseFn, config: ResolvedConfig, cacheDir?: string): string[] {
  const facts = cacheDir ? new FactsCache(root, cacheDir) : undefined;
  const index = new ProjectIndex(root, parse, facts ? { cache: facts } : {});
  const findingsCache = cacheDir ? new FindingsCache(root, config, cacheDir) : undefined;
  const run = lintBuild(index, config, { release: true, ...(findingsCache ? { findingsCache } : {}) });
  facts?.save();
  findingsCache?.retainOnly(index.documents());
  findingsCache?.save();
  return run.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}:${x.column}-${x.endLine}:${x.endColumn} ${x.ruleId} ${x.message}`));
}

test('a lint with the findings cache reports what a lint without it reports, after every edit', async () => {
  const parse = await loadDefaultParser();
  const config = resolveConfig((await loadRules()).rules, {});
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...DOCS), docText), { minLength: 2, maxLength: 5 }), fc.array(step, { minLength: 1, maxLength: 4 }), (initial, steps) => {
      const root = tempDir('kdocs-cacheprop-');
      const cacheDir = tempDir('kdocs-cacheprop-cache-');
      writeFileSync(nodePath.join(root, 'index.rst'), 'Top\n===\n\n.. toctree::\n\n   a\n   b\n');
      writeFileSync(nodePath.join(root, 'part.txt'), 'Included.\n');
      for (const [p, text] of initial) apply(root, { kind: 'write', path: p, text });
      assert.deepEqual(lint(root, parse, config, cacheDir), lint(root, parse, config));
      for (const s of steps) {
        apply(root, s);
        assert.deepEqual(lint(root, parse, config, cacheDir), lint(root, parse, config), `after ${JSON.stringify(s)}`);
      }
      rmSync(root, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }),
    { numRuns: RUNS, seed: SEED },
  );
});
