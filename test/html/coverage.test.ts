/**
 * Every node type the parser can produce has an HTML visitor; an unknown one renders as a
 * visible error box plus a warning with its position.
 *
 * Node types come from: docutils 0.19's node classes (what the parser's docutils directives,
 * roles and transforms build), the node names the parser's sources create (`el('x'` /
 * `element('x'`), every Sphinx/kernel directive and role placeholder of the registry, and the
 * trees of docs-src (and of KDOCS_CORPUS, a kernel Documentation/ tree, when set).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, defaultRegistry } from '../../src/rst/parse.js';
import { placeholderDirectiveNames } from '../../src/rst/directives/index.js';
import { sphinxRoleNames } from '../../src/rst/roles/sphinx.js';
import type { RstNode } from '../../src/rst/nodes.js';
import { loadDefaultParser, ProjectIndex } from '../../src/project/index.js';
import { hasVisitor, renderDocumentSync } from '../../src/html/index.js';
import { visitorFor } from '../../src/html/visitor.js';

const here = nodePath.dirname(fileURLToPath(import.meta.url));
const repo = nodePath.resolve(here, '..', '..', '..');

/** docutils 0.19's element classes (docutils/nodes.py), the parser's output vocabulary. */
const DOCUTILS_NODES = [
  'document', 'title', 'subtitle', 'rubric', 'docinfo', 'author', 'authors', 'organization', 'address',
  'contact', 'version', 'revision', 'status', 'date', 'copyright', 'decoration', 'header', 'footer',
  'section', 'topic', 'sidebar', 'transition', 'paragraph', 'compound', 'container', 'bullet_list',
  'enumerated_list', 'list_item', 'definition_list', 'definition_list_item', 'term', 'classifier',
  'definition', 'field_list', 'field', 'field_name', 'field_body', 'option', 'option_argument',
  'option_group', 'option_list', 'option_list_item', 'option_string', 'description', 'literal_block',
  'doctest_block', 'math_block', 'line_block', 'line', 'block_quote', 'attribution', 'attention',
  'caution', 'danger', 'error', 'important', 'note', 'tip', 'hint', 'warning', 'admonition', 'comment',
  'substitution_definition', 'target', 'footnote', 'citation', 'label', 'figure', 'caption', 'legend',
  'table', 'tgroup', 'colspec', 'thead', 'tbody', 'row', 'entry', 'system_message', 'pending', 'raw',
  'emphasis', 'strong', 'literal', 'reference', 'footnote_reference', 'citation_reference',
  'substitution_reference', 'title_reference', 'abbreviation', 'acronym', 'superscript', 'subscript',
  'math', 'image', 'inline', 'problematic', 'generated', 'meta', 'text',
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = nodePath.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Node names the parser's sources build literally. */
function scannedNodeTypes(): Set<string> {
  const out = new Set<string>();
  for (const f of sourceFiles(nodePath.join(repo, 'src', 'rst'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\b(?:el|element)\('([a-z_:-]+)'/g)) out.add(m[1]!);
  }
  return out;
}

test('the node-type inventory is not empty (the scans find what they should)', () => {
  const scanned = scannedNodeTypes();
  assert.ok(scanned.has('table') && scanned.has('figure') && scanned.has('topic'), [...scanned].join(' '));
  assert.ok(placeholderDirectiveNames().includes('toctree'));
  assert.ok(sphinxRoleNames().includes('c:func'));
});

test('every docutils node type and every node the parser builds has a visitor', () => {
  const missing = [...new Set([...DOCUTILS_NODES, ...scannedNodeTypes()])].filter((t) => !hasVisitor(t));
  assert.deepEqual(missing, []);
});

test('every Sphinx/kernel directive placeholder has a visitor', () => {
  const registry = defaultRegistry();
  const names = placeholderDirectiveNames().filter((n) => registry.directives.has(n));
  assert.ok(names.length > 100, `only ${names.length} placeholders`);
  assert.deepEqual(names.filter((n) => !hasVisitor(n, 'directive')), []);
});

test('every Sphinx/kernel role placeholder has a visitor', () => {
  assert.deepEqual(sphinxRoleNames().filter((n) => !hasVisitor(n, 'role')), []);
});

function walkTypes(tree: RstNode, into: Map<string, string>, where: string): void {
  const stack = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (!visitorFor(n) && !into.has(n.type)) into.set(n.type, where);
    for (const c of n.children ?? []) stack.push(c);
    // the kernel's flat-table renders the table the parser built for it
    const t = n.data?.table as RstNode | undefined;
    if (t) stack.push(t);
  }
}

test('every node of every docs-src document has a visitor', async () => {
  const index = new ProjectIndex(nodePath.join(repo, 'docs-src'), await loadDefaultParser());
  index.build();
  const missing = new Map<string, string>();
  let docs = 0;
  for (const p of index.documents()) {
    walkTypes(index.get(p)!.tree, missing, p);
    docs++;
  }
  assert.ok(docs > 100);
  assert.deepEqual([...missing], []);
});

test('every node of the kernel tree has a visitor (KDOCS_CORPUS)', { skip: process.env.KDOCS_CORPUS ? false : 'set KDOCS_CORPUS to a kernel Documentation/ directory to run it' }, () => {
  const root = process.env.KDOCS_CORPUS!;
  const missing = new Map<string, string>();
  const files: string[] = [];
  const list = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = nodePath.join(d, e.name);
      if (e.isDirectory()) list(p);
      else if (e.name.endsWith('.rst')) files.push(p);
    }
  };
  list(root);
  for (const f of files) {
    const rel = nodePath.relative(root, f);
    walkTypes(parse(readFileSync(f, 'utf8'), { path: rel, root }).tree, missing, rel);
  }
  assert.ok(files.length > 1000);
  assert.deepEqual([...missing], []);
});

test('an unknown node renders as a visible error box and a warning at its position', () => {
  const doc = parse('Para one.\n\nPara two.\n', { path: 'x.rst' });
  const position = { start: { line: 3, column: 1, offset: 11 }, end: { line: 3, column: 10, offset: 20 } };
  doc.tree.children.push({ type: 'mystery_block', children: [{ type: 'text', value: 'kept <text>' }], position });
  const page = renderDocumentSync(doc);
  assert.match(page.body, /<div class="admonition error kdocs-error" role="note">\n<p class="admonition-title">Unrendered node “mystery_block” \(line 3\)<\/p>/);
  assert.match(page.body, /kept &lt;text&gt;/);
  assert.equal(page.warnings.length, 1);
  assert.equal(page.warnings[0]!.ruleId, 'html-unknown-node');
  assert.deepEqual(page.warnings[0]!.position, position);
});

test('an unknown inline node stays inline: a marked span, not a block inside the paragraph', () => {
  const doc = parse('Some text here.\n', { path: 'x.rst' });
  const para = doc.tree.children[0]!;
  para.children!.push({ type: 'mystery_inline', children: [{ type: 'text', value: 'odd' }] });
  const page = renderDocumentSync(doc);
  assert.match(page.body, /<p>Some text here\.<span class="kdocs-error" title="no HTML visitor for node type &#39;mystery_inline&#39;|<p>Some text here\.<span class="kdocs-error" title="[^"]*mystery_inline[^"]*">odd<\/span><\/p>/);
  assert.equal(page.warnings[0]!.ruleId, 'html-unknown-node');
});
