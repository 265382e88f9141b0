/**
 * The index's walk reads an included file's text once per document, not once per paragraph of it
 * (the inline references of included content are located in that text): counted, not timed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { tempDir } from '../tmp.js';
import { loadDefaultParser, ProjectIndex } from '../../src/project/index.js';
import { collectFacts } from '../../src/project/collect.js';

test("an included file's text is read once for the inline references of all its paragraphs", async () => {
  const root = tempDir('kdocs-collect-include-');
  const paragraphs = 40;
  const inc = Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i} points at Documentation/x${i}.rst here.\n`).join('\n');
  writeFileSync(nodePath.join(root, 'inc.rst'), inc);
  writeFileSync(nodePath.join(root, 'a.rst'), 'Title\n=====\n\n.. include:: inc.rst\n');
  const index = new ProjectIndex(root, await loadDefaultParser(), {});
  const doc = index.update('a.rst', 'Title\n=====\n\n.. include:: inc.rst\n');
  assert.ok(doc);
  let reads = 0;
  const readRel = index.readRel.bind(index);
  index.readRel = (p: string): string | null => {
    if (p === 'inc.rst') reads++;
    return readRel(p);
  };
  const facts = collectFacts(doc, 'a.rst', index);
  // every paragraph's path, located in the included file's text
  const paths = facts.refs.filter((r) => r.kind === 'path' && r.fromInclude === 'inc.rst');
  assert.equal(paths.length, paragraphs);
  assert.equal(inc.slice(paths[7]!.start, paths[7]!.end), 'Documentation/x7.rst');
  assert.ok(reads <= 1, `inc.rst read ${reads} times for ${paragraphs} paragraphs`);
});
