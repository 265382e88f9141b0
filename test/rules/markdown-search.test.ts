/**
 * The Markdown rules find the paragraphs that hold their trigger ('_', '#', '__', ...) with one
 * forward search per paragraph at most, not with a list of every occurrence in the document: a
 * kernel document has thousands of '_' in its code (identifiers), and a whole-tree lint listed
 * them all (2026-12-05: 250,000 positions). Counted, not timed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import emphasis from '../../rules/markdown-emphasis/index.js';
import heading from '../../rules/markdown-heading/index.js';
import { markdownStats } from '../../rules/_shared/markdown.js';
import { buildProject, runRule } from './harness.js';

const HEAD = 'Title\n=====\n\n';

test('Markdown rules: searches for a trigger grow with the paragraphs, not with its occurrences', async () => {
  // 20,000 underscores in a literal block between three paragraphs
  const code = 'Code::\n\n' + '   a_b_c_d_e_f_g_h_i_j_k\n'.repeat(2000) + '\n';
  const text = HEAD + 'First paragraph with _word_ here.\n\n' + code + 'Second paragraph.\n\nThird with snake_case.\n';
  const index = await buildProject([{ path: 'index.rst', text }]);
  const before = markdownStats.searches;
  const found = runRule(emphasis, index, 'index.rst');
  const searches = markdownStats.searches - before;
  assert.deepEqual(found.map((f) => f.message), ["Markdown emphasis '_word_' renders with its underscores in reStructuredText: use '*word*'"]);
  // four paragraphs (with the one before the block): each asks at most once
  assert.ok(searches >= 1 && searches <= 4, `${searches} searches for '_'`);
  // a trigger the document lacks: not searched for paragraph by paragraph at all
  const b2 = markdownStats.searches;
  assert.deepEqual(runRule(heading, index, 'index.rst'), []);
  assert.equal(markdownStats.searches - b2, 0);
});

test('Markdown rules: a paragraph out of source order is searched from its own start', async () => {
  // paragraphs of a table's cells, a list and a note come in tree order; every one that holds the
  // trigger is still found
  const text = HEAD + '.. note::\n\n   Noted _once_ here.\n\n- item _two_ here\n- item _three_ here\n\n+-------------+\n| cell _four_ |\n+-------------+\n\nLast _five_.\n';
  const index = await buildProject([{ path: 'index.rst', text }]);
  const words = runRule(emphasis, index, 'index.rst').map((f) => /'_(\w+)_'/.exec(f.message)?.[1]);
  assert.deepEqual(words, ['once', 'two', 'three', 'four', 'five']);
});

test('parseMarkdown gives the tree unified + remark-parse give (it calls their parser without them)', async () => {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { parseMarkdown } = await import('../../rules/_shared/markdown.js');
  const processor = unified().use(remarkParse);
  const inputs = [
    'a _b_ c __d__ **e** *f*',
    '## Heading\n\ntext [link](http://e.org/x "t") and ![img](a.png)\n\n```c\nint x;\n```\n\n~~~\nfenced\n~~~\n',
    '* item _one_\n* item **two**\n\n1. first\n2. second\n\n> quote `code_here` and <http://auto.link>\n',
    'Setext\n======\n\nline with trailing  \nbreak and \\_escaped\\_ and &amp; &copy;\n',
    'snake_case_name and __init__ and _PAGE_SIZE_ and a_b_c',
    '',
  ];
  for (const text of inputs) assert.deepEqual(parseMarkdown(text), processor.parse(text), JSON.stringify(text));
});
