/**
 * The index's derived maps (labels, toctree parents, included files) are kept up to date one
 * document at a time: after any sequence of edits, creations and deletions they equal — order and
 * positions included — the maps (and who includes what) one pass over every document's facts gives, and an edit recomputes
 * the contributions of the edited document only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { loadDefaultParser, ProjectIndex, type DerivedMaps } from '../../src/project/index.js';
import { FactsCache } from '../../src/project/cache.js';

const DOCS = ['index.rst', 'a.rst', 'sub/b.rst', 'sub/c.rst'];
/** Documents an edit may create (or delete again). */
const MORE = ['sub/d.rst', 'e.rst'];
const LABELS = ['one', 'two', 'three'];

const docText = fc
  .record({
    labels: fc.array(fc.constantFrom(...LABELS), { maxLength: 3 }),
    title: fc.constantFrom('Title', 'One', 'Two'),
    toc: fc.array(fc.constantFrom('a', 'sub/b', 'sub/c', '/index', 'c', 'd', '/e', 'sub/*', '*'), { maxLength: 3 }),
    include: fc.option(fc.constantFrom('inc.txt', '/sub/part.txt', 'a.rst', 'sub/c.rst', '../outside.txt'), { nil: undefined }),
    pad: fc.nat(3),
  })
  .map(({ labels, title, toc, include, pad }) => {
    let t = '\n'.repeat(pad);
    t += labels.map((l) => `.. _${l}:\n\n${title}\n${'='.repeat(title.length)}\n\nText.\n\n`).join('');
    if (!labels.length) t += `${title}\n${'='.repeat(title.length)}\n\n`;
    if (include) t += `.. include:: ${include}\n\n`;
    if (toc.length) t += `.. toctree::\n${toc.some((x) => x.includes('*')) ? '   :glob:\n' : ''}\n` + toc.map((x) => `   ${x}\n`).join('') + '\n';
    return t;
  });

function show(m: DerivedMaps): string {
  const out: string[] = [];
  for (const k of [...m.labels.keys()].sort()) out.push(`label ${k}: ${JSON.stringify(m.labels.get(k))}`);
  for (const k of [...m.parents.keys()].sort()) out.push(`parents ${k}: ${m.parents.get(k)!.join(' ')}`);
  out.push(`included: ${[...m.included].sort().join(' ')}`);
  for (const k of [...m.includers.keys()].sort()) out.push(`includers ${k}: ${m.includers.get(k)!.join(' ')}`);
  return out.join('\n');
}

test('derived maps after random edits equal a from-scratch derive (order and positions included)', async () => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-derive-'));
  const root = nodePath.join(dir, 'Documentation');
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(docText, { minLength: DOCS.length, maxLength: DOCS.length }),
        fc.array(fc.tuple(fc.constantFrom(...DOCS, ...MORE), fc.option(docText, { nil: null, freq: 4 }), fc.boolean()), { minLength: 1, maxLength: 10 }),
        async (initial, edits) => {
          rmSync(root, { recursive: true, force: true });
          mkdirSync(nodePath.join(root, 'sub'), { recursive: true });
          DOCS.forEach((d, i) => writeFileSync(nodePath.join(root, d), initial[i]!));
          writeFileSync(nodePath.join(root, 'inc.txt'), 'Included.\n');
          writeFileSync(nodePath.join(root, 'sub', 'part.txt'), 'Part.\n');
          const live = await ProjectIndex.build(root);
          assert.equal(show(live.derivedMaps()), show(live.deriveFromScratch()));
          for (const [doc, text, query] of edits) {
            live.update(doc, text);
            // queries between some edits, as rules and an editor make them
            if (query) assert.equal(show(live.derivedMaps()), show(live.deriveFromScratch()));
          }
          assert.equal(show(live.derivedMaps()), show(live.deriveFromScratch()));
          // the answers built on the maps agree too
          const fresh = live.deriveFromScratch();
          for (const l of LABELS) assert.deepEqual(live.labelDefinitions(l), fresh.labels.get(l) ?? []);
          for (const d of [...DOCS, ...MORE]) assert.equal(live.isInToctree(d), fresh.parents.has(d.replace(/\.rst$/, '')));
        },
      ),
      { numRuns: 80, seed: 20261205 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an edit recomputes the derived maps for the edited document only', async () => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-derive-'));
  try {
    for (let i = 0; i < 50; i++) writeFileSync(nodePath.join(dir, `d${i}.rst`), `.. _l${i}:\n\nT\n=\n\n.. toctree::\n\n   d${(i + 1) % 50}\n`);
    writeFileSync(nodePath.join(dir, 'g.rst'), 'G\n=\n\n.. toctree::\n   :glob:\n\n   d*\n');
    const index = await ProjectIndex.build(dir);
    assert.equal(index.resolveLabel('l3')?.path, 'd3.rst');
    const base = index.derivedDocuments;
    index.update('d7.rst', '.. _l7:\n\nT\n=\n\nMoved down.\n\n.. _l3:\n\nU\n=\n');
    assert.equal(index.labelDefinitions('l3').map((l) => l.path).join(' '), 'd3.rst d7.rst');
    assert.equal(index.isInToctree('d8.rst'), true); // the glob still names it
    assert.equal(index.derivedDocuments - base, 1);
    // a new document: it, and the document with a glob entry (which now matches it)
    index.update('d50.rst', 'N\n=\n');
    assert.deepEqual(index.toctreeParents('d50.rst'), ['g.rst']);
    assert.equal(index.derivedDocuments - base, 3);
    // a deletion: the glob document again
    index.update('d50.rst', null);
    assert.equal(index.isInToctree('d50.rst'), false);
    assert.equal(index.derivedDocuments - base, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('preload from the facts cache, then build: documents end in the order a plain build gives', async () => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-derive-'));
  const cacheDir = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-derive-cache-'));
  try {
    writeFileSync(nodePath.join(dir, 'b.rst'), '.. _dup:\n\nB\n=\n');
    writeFileSync(nodePath.join(dir, 'c.rst'), '.. _dup:\n\nC\n=\n');
    const first = await ProjectIndex.build(dir, { cache: new FactsCache(dir, cacheDir) });
    assert.equal(first.resolveLabel('dup')?.path, 'b.rst');
    // a new document, sorted first, that the cache does not have
    writeFileSync(nodePath.join(dir, 'a.rst'), '.. _dup:\n\nA\n=\n');
    const cache = new FactsCache(dir, cacheDir);
    const live = new ProjectIndex(dir, await loadDefaultParser(), { cache });
    const files = live.listFiles();
    assert.equal(live.preload(files), 0, 'no cache saved yet');
    (first as unknown as { cache: FactsCache }).cache.save();
    const warm = new ProjectIndex(dir, await loadDefaultParser(), { cache: new FactsCache(dir, cacheDir) });
    assert.equal(warm.preload(files), 2);
    assert.equal(warm.resolveLabel('dup')?.path, 'b.rst', 'provisional: a.rst is not known yet');
    warm.build(files);
    warm.settleOrder(files);
    assert.equal(warm.resolveLabel('dup')?.path, 'a.rst');
    assert.equal(show(warm.derivedMaps()), show(warm.deriveFromScratch()));
    assert.deepEqual(warm.documents(), files);
    assert.deepEqual([...warm.labelDefinitions('dup')].map((l) => l.path), ['a.rst', 'b.rst', 'c.rst']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
