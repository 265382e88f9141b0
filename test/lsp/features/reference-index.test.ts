/**
 * The index's reverse reference maps (labelReferences / fileReferences), kept up to date one
 * document at a time: after any sequence of edits they answer exactly what a fresh index of the
 * final texts answers, and an edit re-reads only the edited document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { ProjectIndex } from '../../../src/project/index.js';

const DOCS = ['index.rst', 'a.rst', 'sub/b.rst', 'sub/c.rst'];
const LABELS = ['one', 'two', 'three'];

/** One random document text: labels, references of every kind, a glob toctree sometimes. */
const docText = fc
  .record({
    label: fc.option(fc.constantFrom(...LABELS), { nil: undefined }),
    refs: fc.array(fc.constantFrom(...LABELS.map((l) => `:ref:\`${l}\``), ':ref:`Title <ONE>`', ':doc:`/a`', ':doc:`sub/b`', ':doc:`c`', 'Documentation/sub/c.rst', 'Documentation/a.txt', '../index.rst', 'b.rst'), { maxLength: 5 }),
    toc: fc.array(fc.constantFrom('a', 'sub/b', 'sub/c', '/index', 'c', 'sub/*'), { maxLength: 3 }),
  })
  .map(({ label, refs, toc }) => {
    let t = label ? `.. _${label}:\n\n` : '';
    t += 'Title\n=====\n\n' + (refs.length ? refs.join(' and ') + '.\n\n' : '');
    if (toc.length) t += `.. toctree::\n${toc.some((x) => x.includes('*')) ? '   :glob:\n' : ''}\n` + toc.map((x) => `   ${x}\n`).join('');
    return t;
  });

function snapshot(index: ProjectIndex): string {
  const out: string[] = [];
  for (const l of LABELS) out.push(`${l}: ${index.labelReferences(l).map((r) => `${r.file}@${r.start}-${r.end}`).sort().join(' ')}`);
  for (const d of [...DOCS, 'a.txt']) out.push(`${d}: ${index.fileReferences(d).map((r) => `${r.kind}:${r.file}@${r.start}-${r.end}`).sort().join(' ')}`);
  return out.join('\n');
}

test('reverse reference maps after random edits equal a fresh index of the final texts', async () => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-refs-'));
  const root = nodePath.join(dir, 'Documentation');
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(docText, { minLength: DOCS.length, maxLength: DOCS.length }),
        fc.array(fc.tuple(fc.constantFrom(...DOCS), fc.option(docText, { nil: null, freq: 5 })), { minLength: 1, maxLength: 8 }),
        async (initial, edits) => {
          rmSync(root, { recursive: true, force: true });
          mkdirSync(nodePath.join(root, 'sub'), { recursive: true });
          DOCS.forEach((d, i) => writeFileSync(nodePath.join(root, d), initial[i]!));
          const live = await ProjectIndex.build(root);
          snapshot(live);
          const texts = new Map(DOCS.map((d, i) => [d, initial[i]!] as [string, string | null]));
          for (const [doc, text] of edits) {
            live.update(doc, text);
            texts.set(doc, text);
            snapshot(live); // queries between edits, as an editor makes them
          }
          const overlay = new Map(texts);
          const fresh = await ProjectIndex.build(root, { overlay });
          assert.equal(snapshot(live), snapshot(fresh));
        },
      ),
      { numRuns: 60, seed: 20261205 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an edit re-reads the references of the edited document only', async () => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-refs-'));
  try {
    for (let i = 0; i < 50; i++) writeFileSync(nodePath.join(dir, `d${i}.rst`), `.. _l${i}:\n\nT\n=\n\n:ref:\`l${(i + 1) % 50}\`\n`);
    const index = await ProjectIndex.build(dir);
    assert.equal(index.labelReferences('l1').length, 1);
    assert.equal(index.refDocumentsRead, 50);
    index.update('d7.rst', '.. _l7:\n\nT\n=\n\n:ref:`l1` :ref:`l1`\n');
    assert.equal(index.labelReferences('l1').length, 3);
    assert.equal(index.labelReferences('l8').length, 0);
    assert.equal(index.refDocumentsRead, 51);
    // a new document (the set changed): only it, and documents with glob entries, are read
    index.update('new.rst', 'N\n=\n\n:ref:`l8`\n');
    assert.equal(index.labelReferences('l8').length, 1);
    assert.equal(index.refDocumentsRead, 52);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
