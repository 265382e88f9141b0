/**
 * One walk per document: in a whole-tree lint every rule reads the shared per-document facts
 * (src/lint/facts.ts: node lists, paragraphs, texts, sections, the contract regions) instead of
 * walking the tree again. Counted, not timed: the parser's trees are instrumented so that every
 * read of a node's `children` is counted per document; a lint run with every rule may read little
 * more than the index's walk and the shared walk do by themselves. A rule that walks a whole tree
 * of its own adds one read per node and fails this.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintTree, loadRules } from '../../src/lint/api.js';
import { docFacts, factsWalks } from '../../src/lint/facts.js';
import { regionStepPasses, regionWalks } from '../../src/contracts/doc/regions.js';
import { indexWalk } from '../../src/project/collect.js';
import { forgotten } from '../../src/lint/doc-caches.js';
import { loadDefaultParser, ProjectIndex, type ParseFn } from '../../src/project/index.js';
import type { RstNode } from '../../src/rst/nodes.js';

const DOCS = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs-src');

interface Counted {
  reads: Map<string, number>;
  nodes: Map<string, number>;
}

/** A parser whose trees count the reads of `children`, per document. */
function countingParser(parse: ParseFn, c: Counted): ParseFn {
  return (text, options) => {
    const doc = parse(text, options);
    const path = options.path ?? '';
    let nodes = 0;
    const instrument = (n: RstNode): void => {
      nodes++;
      let kids = n.children;
      if (kids === undefined) return;
      for (const k of kids) instrument(k);
      Object.defineProperty(n, 'children', {
        get() {
          c.reads.set(path, (c.reads.get(path) ?? 0) + 1);
          return kids;
        },
        set(v: RstNode[] | undefined) {
          kids = v;
        },
        enumerable: true,
        configurable: true,
      });
    };
    instrument(doc.tree);
    c.nodes.set(path, (c.nodes.get(path) ?? 0) + nodes);
    return doc;
  };
}

test('a whole-tree lint walks each tree once for the rules: no rule re-walks what the shared walk gives', async () => {
  const parse = await loadDefaultParser();
  const { rules } = await loadRules();

  // the reads of the index's walk and of the shared walk alone
  const base: Counted = { reads: new Map(), nodes: new Map() };
  const index = new ProjectIndex(DOCS, countingParser(parse, base), {});
  // (build() runs the index's walk on each tree, then hands it here)
  index.build(undefined, (_path, doc) => {
    docFacts(doc);
    return true;
  });

  const walks0 = factsWalks.count;
  const regions0 = regionWalks.count;
  const lint: Counted = { reads: new Map(), nodes: new Map() };
  const res = await lintTree(DOCS, { rules, index: { parse: countingParser(parse, lint) } });
  const linted = res.run.files.length;
  assert.ok(linted > 100, `docs-src has its documents (${linted})`);

  // the shared walk ran once per document, and the contract regions came from it
  assert.equal(factsWalks.count - walks0, linted);
  assert.equal(regionWalks.count - regions0, 0);

  // every other read of the tree is local (a title's children, a paragraph's inline nodes): less
  // than one read for every four nodes beyond what the two walks read by themselves
  const over: string[] = [];
  for (const [path, reads] of lint.reads) {
    const nodes = lint.nodes.get(path)!;
    const baseReads = base.reads.get(path) ?? 0;
    if (reads > baseReads + nodes / 4 + 16) over.push(`${path}: ${reads} reads, walks alone ${baseReads}, ${nodes} nodes`);
  }
  assert.deepEqual(over, []);
});

test("the index's walk is the shared walk: in a whole-tree lint the index does not walk the trees on its own", async () => {
  const parse = await loadDefaultParser();
  const { rules } = await loadRules();
  // the index on its own: its walk enters every element of every tree
  let v0 = indexWalk.visits;
  const alone = new ProjectIndex(DOCS, parse, {});
  alone.build();
  const byItself = indexWalk.visits - v0;
  // a lint: the shared walk takes the index's steps; the index's walk enters only what the shared
  // walk does not (content of included files, inline targets)
  v0 = indexWalk.visits;
  const res = await lintTree(DOCS, { rules });
  const inLint = indexWalk.visits - v0;
  assert.ok(byItself > 5000, `the index alone enters ${byItself} nodes`);
  // (docs-src/ext4 pulls twenty files into others with `.. include::`: about a sixth of the nodes)
  assert.ok(inLint < byItself / 4, `in a lint the index's walk entered ${inLint} nodes (alone: ${byItself})`);
  // and its facts are the same either way
  for (const f of res.run.files) assert.deepEqual(res.index.getFacts(f.path), alone.getFacts(f.path), f.path);
});

test('the shared walk asks the contract regions only at the node types they may keep', async () => {
  const parse = await loadDefaultParser();
  const { rules } = await loadRules();
  // elements of the documents' own text, and those of a type the regions' step may keep or stop at
  let elements = 0;
  let keepable = 0;
  const counting: ParseFn = (text, options) => {
    const doc = parse(text, options);
    const go = (n: RstNode): void => {
      if (n.data?.source !== undefined) return;
      if (n.type === 'text' && n.children === undefined) return;
      elements++;
      if (!regionStepPasses(n.type)) keepable++;
      for (const c of n.children ?? []) go(c);
    };
    go(doc.tree);
    return doc;
  };
  const s0 = regionWalks.steps;
  await lintTree(DOCS, { rules, index: { parse: counting } });
  const steps = regionWalks.steps - s0;
  assert.ok(steps > 0 && steps <= keepable, `${steps} region steps, ${keepable} elements of a type they may keep`);
  // (a step at every element the walk enters, as before 2026-12-05, is nearly one per element)
  assert.ok(steps < elements / 2, `${steps} region steps for ${elements} elements`);
});

test("a whole-tree lint forgets each document's cached facts when it drops its tree", async () => {
  // (V8's scavenger keeps WeakMap values alive: cached facts that point into a dropped tree kept
  // it alive into the old generation — 2026-12-05, whole 6.12 lint: 260-275 MB promoted, 132 MB
  // once forgotten; see src/lint/doc-caches.ts)
  const { rules } = await loadRules();
  const f0 = forgotten.count;
  const res = await lintTree(DOCS, { rules });
  assert.equal(forgotten.count - f0, res.run.files.length);
  // a run that keeps its trees keeps their caches too
  const f1 = forgotten.count;
  await lintTree(DOCS, { rules, release: false });
  assert.equal(forgotten.count - f1, 0);
});
