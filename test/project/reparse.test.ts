/**
 * ProjectIndex.update with the incremental re-parse (the language server's set-up): a keystroke in
 * a paragraph re-parses that paragraph, not the document (the parser is not called), and leaves
 * the index as a whole parse would; an edit that adds a label is parsed whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ProjectIndex, loadDefaultParser, type ParseFn } from '../../src/project/index.js';
import { reparseEdit } from '../../src/rst/incremental.js';
import { tempDir } from '../tmp.js';

const DOC = `Alpha
=====

.. _alpha-label:

Section
-------

First paragraph, with a :ref:\`beta-label\` and some text
that goes on for a second line.

Second paragraph: typing happens here
and here.
`;

test('a keystroke in a paragraph re-parses the paragraph only; the facts equal a whole parse', async () => {
  const dir = tempDir('kdocs-reparse-');
  writeFileSync(nodePath.join(dir, 'index.rst'), 'Top\n===\n\n.. toctree::\n\n   a\n   b\n');
  writeFileSync(nodePath.join(dir, 'a.rst'), DOC);
  writeFileSync(nodePath.join(dir, 'b.rst'), '.. _beta-label:\n\nBeta\n====\n\nText.\n');
  const parse = await loadDefaultParser();
  let parses = 0;
  const counting: ParseFn = (text, options) => {
    parses++;
    return parse(text, options);
  };
  const index = new ProjectIndex(dir, counting, { reparse: reparseEdit });
  index.build();
  assert.ok(index.get('a.rst'));
  const before = parses;

  const at = DOC.indexOf('typing') + 3;
  const text = DOC.slice(0, at) + 'x' + DOC.slice(at);
  const doc = index.update('a.rst', text, { start: at, end: at, text: 'x' });
  assert.equal(parses, before, 'the parser was not called');
  assert.deepEqual(index.updateStats, { parsed: 0, reparsed: 1 });
  assert.equal(doc?.source.raw, text);

  const fresh = new ProjectIndex(dir, parse, { overlay: new Map([['a.rst', text]]) });
  fresh.build();
  assert.deepEqual(index.getFacts('a.rst'), fresh.getFacts('a.rst'));
  assert.deepEqual(index.resolveLabel('alpha-label'), fresh.resolveLabel('alpha-label'));

  // a new label: the whole document is parsed
  const withLabel = text.replace('Second paragraph', '.. _new-label:\n\nSecond paragraph');
  index.update('a.rst', withLabel);
  assert.equal(parses, before + 1);
  assert.deepEqual(index.updateStats, { parsed: 1, reparsed: 1 });
  assert.ok(index.resolveLabel('new-label'));
});
