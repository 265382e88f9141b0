import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { makeProject, type Project } from './project.js';
import { hitAt } from '../../../src/lsp/features/locate.js';
import { definition, expandMoves, moveEdits, prepareRename, references, rename, RenameError } from '../../../src/lsp/features/navigation.js';
import type { Edit, Place } from '../../../src/lsp/features/host.js';

let p: Project;
before(async () => {
  p = await makeProject();
});
after(() => p.cleanup());

/** The text a place covers. */
function textOf(place: Place): string {
  return p.index.readRel(place.path)!.slice(place.start, place.end);
}

/** Apply edits to the project's texts (in memory) and return the new texts of the edited files. */
function applyEdits(edits: Edit[]): Map<string, string> {
  const out = new Map<string, string>();
  const byPath = new Map<string, Edit[]>();
  for (const e of edits) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  for (const [path, list] of byPath) {
    let t = p.index.readRel(path)!;
    for (const e of [...list].sort((a, b) => b.start - a.start)) t = t.slice(0, e.start) + e.newText + t.slice(e.end);
    out.set(path, t);
  }
  return out;
}

test('hitAt: every kind of reference is found under the cursor, with its target range', () => {
  const h = p.host;
  const cases: [string, string, number, string, string][] = [
    ['index.rst', 'Documentation/sub/b.rst', 5, 'path', 'Documentation/sub/b.rst'],
    ['index.rst', ':ref:`lab-b`', 7, 'ref', 'lab-b'],
    ['index.rst', ':doc:`sub/b`', 8, 'doc', 'sub/b'],
    ['index.rst', '   sub/b\n', 4, 'toctree', 'sub/b'],
    ['index.rst', 'Other <sub/c>', 9, 'toctree', 'sub/c'],
    ['index.rst', 'inc.txt', 2, 'include', 'inc.txt'],
    ['sub/b.rst', '|sub| and', 2, 'substitution', 'sub'],
    ['sub/b.rst', '[#f1]_', 1, 'footnote', '[#f1]_'],
    ['sub/b.rst', '[CIT]_', 2, 'citation', '[CIT]_'],
    ['sub/b.rst', '.. _lab-b:', 6, 'label', 'lab-b'],
    ['sub/c.rst', 'Cw', 1, 'lexer', 'Cw'],
    ['sub/c.rst', '../index.rst', 4, 'path', '../index.rst'],
  ];
  for (const [path, needle, delta, kind, covered] of cases) {
    const hit = hitAt(h, path, p.at(path, needle, delta));
    assert.ok(hit, `${path}: nothing at ${needle}`);
    assert.equal(hit.kind, kind, needle);
    assert.equal(p.index.readRel(path)!.slice(hit.start, hit.end), covered, needle);
  }
  // prose, a title's plain words elsewhere, a code block's text: no reference
  assert.equal(hitAt(h, 'sub/b.rst', p.at('sub/b.rst', 'First para', 3)), undefined);
});

test('definition: labels, documents, paths, includes, substitutions, footnotes and citations', () => {
  const h = p.host;
  const def = (path: string, needle: string, delta: number): string[] => definition(h, path, p.at(path, needle, delta)).map((x) => `${x.path}:${textOf(x)}`);
  assert.deepEqual(def('index.rst', ':ref:`lab-b`', 7), ['sub/b.rst:lab-b']);
  assert.deepEqual(def('index.rst', ':doc:`sub/b`', 8), ['sub/b.rst:Béta 😀 title']);
  assert.deepEqual(def('index.rst', '   sub/b\n', 4), ['sub/b.rst:Béta 😀 title']);
  assert.deepEqual(def('index.rst', 'Documentation/sub', 2), ['sub/b.rst:Béta 😀 title']);
  assert.deepEqual(def('sub/c.rst', '../index.rst', 1), ['index.rst:Root']);
  assert.deepEqual(def('sub/c.rst', 'or b.rst', 4), ['sub/b.rst:Béta 😀 title']);
  assert.deepEqual(def('index.rst', 'inc.txt', 1), ['inc.txt:']);
  assert.deepEqual(def('sub/b.rst', '|sub| and', 1), ['sub/b.rst:sub']);
  assert.equal(p.at('sub/b.rst', '.. |sub|', 4), definition(h, 'sub/b.rst', p.at('sub/b.rst', '|sub| and', 1))[0]!.start);
  assert.deepEqual(def('sub/b.rst', '[#f1]_', 2), ['sub/b.rst:#f1']);
  assert.deepEqual(def('sub/b.rst', '[CIT]_', 2), ['sub/b.rst:CIT']);
  // a :ref: inside an included file resolves too (positions in the included file)
  assert.deepEqual(def('sub/c.rst', 'Cw', 0), []);
});

test('references: of a label and of a document, whole tree, included files included', () => {
  const h = p.host;
  const refs = (path: string, needle: string, delta: number, decl = false): string[] => references(h, path, p.at(path, needle, delta), decl).map((x) => `${x.path}:${textOf(x)}`);
  const label = refs('index.rst', ':ref:`lab-b`', 7);
  assert.deepEqual(label, ['inc.txt:lab-b', 'index.rst:lab-b', 'sub/b.rst:lab-b', 'sub/c.rst:lab-b']);
  // with the declaration, and from the definition itself
  assert.deepEqual(refs('sub/b.rst', '.. _lab-b:', 5, true), ['inc.txt:lab-b', 'index.rst:lab-b', 'sub/b.rst:lab-b', 'sub/b.rst:lab-b', 'sub/c.rst:lab-b']);
  const doc = refs('index.rst', ':doc:`sub/b`', 8);
  assert.deepEqual(doc, ['index.rst:Documentation/sub/b.rst', 'index.rst:sub/b', 'index.rst:sub/b', 'sub/c.rst:b', 'sub/c.rst:b.rst']);
  assert.deepEqual(refs('sub/c.rst', '../index.rst', 2), ['sub/c.rst:../index.rst']);
  assert.deepEqual(refs('index.rst', 'inc.txt', 2), ['index.rst:inc.txt']);
});

test('references come from the index, not from parsing: no document is parsed to answer', async () => {
  let parses = 0;
  const { ProjectIndex } = await import('../../../src/project/index.js');
  const { parse } = await import('../../../src/rst/parse.js');
  const { indexHost } = await import('../../../src/lsp/features/host.js');
  const counting = (text: string, o: Parameters<typeof parse>[1]) => {
    parses++;
    return parse(text, o);
  };
  const index = await ProjectIndex.build(p.dir, { parse: counting });
  const host = indexHost(index);
  host.parsed('index.rst');
  const before = parses;
  const r = references(host, 'index.rst', p.at('index.rst', ':ref:`lab-b`', 7), false);
  assert.equal(r.length, 4);
  assert.equal(parses, before, 'a references request parses nothing');
  // an edit to one document: its references are seen at once, the others are not parsed again
  index.update('sub/c.rst', index.readRel('sub/c.rst')!.replace('See :ref:`lab-b`', 'See :ref:`lab-b` and :ref:`LAB-B`'));
  const afterEdit = parses;
  assert.equal(references(host, 'index.rst', p.at('index.rst', ':ref:`lab-b`', 7), false).length, 5);
  assert.equal(parses, afterEdit);
});

test('references of an index built from the facts cache: nothing parsed, the same answers', async () => {
  const { ProjectIndex } = await import('../../../src/project/index.js');
  const { FactsCache } = await import('../../../src/project/cache.js');
  const { parse } = await import('../../../src/rst/parse.js');
  const { indexHost } = await import('../../../src/lsp/features/host.js');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const nodePath = await import('node:path');
  const cacheDir = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-nav-facts-'));
  try {
    const cache = new FactsCache(p.dir, cacheDir);
    await ProjectIndex.build(p.dir, { cache });
    cache.save();
    let parses = 0;
    const counting = (text: string, o: Parameters<typeof parse>[1]) => {
      parses++;
      return parse(text, o);
    };
    const warm = await ProjectIndex.build(p.dir, { cache: new FactsCache(p.dir, cacheDir), parse: counting });
    assert.equal(parses, 0, 'every document from the cache');
    const host = indexHost(warm);
    const labelRefs = warm.labelReferences('lab-b').map((r) => `${r.file}@${r.start}`).sort();
    assert.deepEqual(labelRefs, p.index.labelReferences('lab-b').map((r) => `${r.file}@${r.start}`).sort());
    assert.equal(labelRefs.length, 4);
    // a request parses the document under the cursor only
    assert.equal(references(host, 'index.rst', p.at('index.rst', ':ref:`lab-b`', 7), false).length, 4);
    assert.equal(parses, 1);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('rename a label: the definition and every :ref: (titles kept), whole tree', () => {
  const h = p.host;
  const prep = prepareRename(h, 'index.rst', p.at('index.rst', ':ref:`lab-b`', 8));
  assert.equal(prep.placeholder, 'lab-b');
  const r = rename(h, 'index.rst', p.at('index.rst', ':ref:`lab-b`', 8), 'beta-label');
  assert.deepEqual(r.moves, []);
  const texts = applyEdits(r.edits);
  assert.deepEqual([...texts.keys()].sort(), ['inc.txt', 'index.rst', 'sub/b.rst', 'sub/c.rst']);
  assert.match(texts.get('sub/b.rst')!, /^\.\. _beta-label:\n/);
  assert.match(texts.get('sub/b.rst')!, /:ref:`Label <beta-label>`/);
  assert.match(texts.get('index.rst')!, /:ref:`beta-label`/);
  assert.match(texts.get('inc.txt')!, /:ref:`beta-label`/);
  assert.doesNotMatch([...texts.values()].join('\n'), /lab-b/);
  // a name with a colon is quoted in the definition
  const colon = applyEdits(rename(h, 'sub/b.rst', p.at('sub/b.rst', '_lab-b', 2), 'mm:beta').edits);
  assert.match(colon.get('sub/b.rst')!, /^\.\. _`mm:beta`:\n/);
  assert.match(colon.get('index.rst')!, /:ref:`mm:beta`/);
});

test('rename refuses what it cannot do, with a reason', () => {
  const h = p.host;
  assert.throws(() => prepareRename(h, 'sub/b.rst', p.at('sub/b.rst', 'First para', 2)), RenameError);
  // a section label follows its title
  assert.throws(() => prepareRename(h, 'sub/b.rst', p.at('sub/b.rst', 'Sub section', 2)), /section label/);
  assert.throws(() => rename(h, 'index.rst', p.at('index.rst', ':ref:`lab-b`', 8), 'a`b'), /cannot be a label name/);
  assert.throws(() => rename(h, 'index.rst', p.at('index.rst', ':doc:`sub/b`', 8), 'sub/c'), /exists already/);
});

test('rename a document from a :doc: target: the file moves, every reference follows', () => {
  const h = p.host;
  const r = rename(h, 'index.rst', p.at('index.rst', ':doc:`sub/b`', 8), 'guide/beta');
  assert.deepEqual(r.moves, [{ from: 'sub/b.rst', to: 'guide/beta.rst' }]);
  const texts = applyEdits(r.edits);
  assert.match(texts.get('index.rst')!, /Intro with Documentation\/guide\/beta\.rst and :ref:`lab-b` and :doc:`guide\/beta`/);
  assert.match(texts.get('index.rst')!, /\n   guide\/beta\n/);
  assert.match(texts.get('sub/c.rst')!, /:doc:`\.\.\/guide\/beta` and \.\.\/index\.rst or \.\.\/guide\/beta\.rst/);
});

test('moving files (willRenameFiles): references to them and their own relative references', () => {
  const h = p.host;
  const texts = applyEdits(moveEdits(h, [{ from: 'sub/c.rst', to: 'c.rst' }]));
  assert.match(texts.get('index.rst')!, /Other <c>/);
  // c.rst's own relative references now start from the root
  assert.match(texts.get('sub/c.rst')!, /:doc:`sub\/b` and index\.rst or sub\/b\.rst/);
  // an included file moved: the include directive follows
  const inc = applyEdits(moveEdits(h, [{ from: 'inc.txt', to: 'parts/inc.txt' }]));
  assert.match(inc.get('index.rst')!, /\.\. include:: parts\/inc\.txt/);
  // a directory: every document under it
  const dir = expandMoves(h, [{ from: 'sub', to: 'guide' }]);
  assert.deepEqual(dir, [{ from: 'sub/b.rst', to: 'guide/b.rst' }, { from: 'sub/c.rst', to: 'guide/c.rst' }]);
  const moved = applyEdits(moveEdits(h, dir));
  assert.match(moved.get('index.rst')!, /\n   guide\/b\n   Other <guide\/c>\n/);
  // documents moved together keep their relative references to each other
  assert.equal(moved.get('sub/c.rst'), undefined);
});

test('moving a directory moves the included files under it too', async () => {
  const q = await makeProject({ 'index.rst': 'Root\n====\n\n.. include:: parts/inc.txt\n\n.. literalinclude:: parts/x.c\n', 'parts/inc.txt': 'Included.\n', 'parts/x.c': 'int x;\n' });
  try {
    const moves = expandMoves(q.host, [{ from: 'parts', to: 'pieces' }]);
    assert.deepEqual(moves, [{ from: 'parts/inc.txt', to: 'pieces/inc.txt' }, { from: 'parts/x.c', to: 'pieces/x.c' }]);
    const edits = moveEdits(q.host, moves);
    assert.deepEqual(edits.map((e) => `${q.index.readRel(e.path)!.slice(e.start, e.end)}→${e.newText}`), ['parts/inc.txt→pieces/inc.txt', 'parts/x.c→pieces/x.c']);
  } finally {
    q.cleanup();
  }
});
