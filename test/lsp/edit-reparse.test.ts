/**
 * The language server's edit path: keystrokes in a paragraph of an open document re-parse that
 * paragraph (the parser is not called), and the diagnostics are those of a batch lint of the
 * final text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchLines, diagLine, harness, project, uriOf } from './harness.js';
import { factsWalks } from '../../src/lint/facts.js';
import { collectFacts, indexWalk } from '../../src/project/collect.js';

const GUIDE = `Guide
=====

.. _guide-label:

Usage
-----

This paragraph is where the typing happens, it has
two lines and a :ref:\`missing-label\` reference.

## How To Use

.. code-block:: Cw

   x
`;

test('typing in a paragraph re-parses the paragraph only, and the diagnostics stay those of a batch lint', async () => {
  const root = project({ 'index.rst': 'Top\n===\n\n.. toctree::\n\n   guide\n', 'guide.rst': GUIDE });
  const h = await harness(root, { open: { 'guide.rst': GUIDE } });
  const uri = uriOf(root, 'guide.rst');
  const parses = h.parses();
  const reusedBefore = h.diags.stats.reusedRules;
  const lintedBefore = h.diags.stats.linted;
  const walksBefore = factsWalks.count;
  const visitsBefore = indexWalk.visits;
  const line = GUIDE.split('\n').findIndex((l) => l.startsWith('This paragraph'));
  let version = 1;
  for (const ch of 'more ') {
    version++;
    const at = { line, character: 5 + version - 2 };
    h.ws.changeDocument(uri, [{ range: { start: at, end: at }, text: ch }], version);
    h.diags.edited('guide.rst');
    await h.diags.idle();
    assert.equal(h.published.get(uri)?.version, version);
  }
  assert.equal(h.parses(), parses, 'no whole parse for a keystroke');
  assert.equal(h.ws.index.updateStats.reparsed, 5);
  // each keystroke lints the document once, and the rules that cannot see a paragraph edit
  // (src/lint/reuse.ts) keep their findings instead of running
  assert.equal(h.diags.stats.linted - lintedBefore, 5);
  const keeping = h.ws.rules.filter((r) => r.meta.reuse).length;
  assert.ok(keeping >= 3);
  assert.equal(h.diags.stats.reusedRules - reusedBefore, 5 * keeping);
  // one walk of the edited tree per keystroke gives the index's facts and the rules' (the
  // facts equal those of the index's own walk)
  assert.equal(factsWalks.count - walksBefore, 5);
  assert.equal(indexWalk.visits - visitsBefore, 0, 'the index does not walk the tree on its own');
  assert.deepEqual(h.ws.index.getFacts('guide.rst'), collectFacts(h.ws.index.get('guide.rst')!, 'guide.rst', h.ws.index));
  const text = h.ws.text(uri)!;
  assert.ok(text.includes('This more paragraph'));
  const want = (await batchLines(root, new Map([['guide.rst', text]]))).get('guide.rst') ?? [];
  assert.ok(want.length >= 3);
  assert.deepEqual(h.published.get(uri)!.diagnostics.map(diagLine), want);
});

test("an edit's diagnostics are published before the documents it affects elsewhere are worked out", async () => {
  const a = 'A\n=\n\n.. _a-label:\n\nSection\n-------\n\nText of a.\n';
  const b = 'B\n=\n\nSee :ref:`a-label` for more.\n';
  const root = project({ 'index.rst': 'Top\n===\n\n.. toctree::\n\n   a\n   b\n', 'a.rst': a, 'b.rst': b });
  const h = await harness(root, { open: { 'a.rst': a } });
  const uriA = uriOf(root, 'a.rst');
  const uriB = uriOf(root, 'b.rst');
  // what the server had done when it published a.rst's new version
  let atPublish: { reasked: number; linted: number } | undefined;
  const push = h.log.push.bind(h.log);
  h.log.push = (...items) => {
    for (const p of items) if (p.uri === uriA && p.version === 2) atPublish = { reasked: h.diags.stats.reasked, linted: h.diags.stats.linted };
    return push(...items);
  };
  const before = { ...h.diags.stats };
  h.ws.changeDocument(uriA, [{ text: a.replace('_a-label:', '_a-renamed:') }], 2);
  h.diags.edited('a.rst');
  await h.diags.idle();
  assert.ok(atPublish, 'a.rst version 2 was published');
  // by then only a.rst was linted and no recorded question was asked again
  assert.deepEqual(atPublish, { reasked: before.reasked, linted: before.linted + 1 });
  // afterwards b.rst's :ref: was found broken and re-published
  assert.ok(h.diags.stats.reasked > before.reasked);
  assert.deepEqual((h.published.get(uriB)?.diagnostics ?? []).map((d) => d.code), ['unresolved-reference']);
});
