import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { makeProject, FILES, type Project } from './project.js';
import { hover, lexerHover, apiDescription, contractsMentioning } from '../../../src/lsp/features/hover.js';
import { complete, inToctreeBody, MAX_ITEMS } from '../../../src/lsp/features/completion.js';
import { documentLinks, documentSymbols, foldingRanges, workspaceSymbols } from '../../../src/lsp/features/outline.js';
import { LineMap } from '../../../src/lsp/features/text.js';
import { defaultRegistry } from '../../../src/rst/parse.js';

let p: Project;
before(async () => {
  p = await makeProject();
});
after(() => p.cleanup());

test('hover on :ref: and :doc: targets: the title and first paragraph of what they name', () => {
  const r = hover(p.host, 'index.rst', p.at('index.rst', ':ref:`lab-b`', 7))!;
  assert.match(r.contents, /^\*\*Béta 😀 title\*\*/);
  assert.match(r.contents, /sub\/b\.rst/);
  assert.match(r.contents, /First para of b 😀 with Label and substituted/);
  assert.equal(p.index.readRel('index.rst')!.slice(r.start, r.end), 'lab-b');
  const d = hover(p.host, 'sub/c.rst', p.at('sub/c.rst', '../index.rst', 1))!;
  assert.match(d.contents, /^\*\*Root\*\*/);
  assert.match(d.contents, /Intro with Documentation\/sub\/b\.rst/);
  const missing = hover(p.host, 'sub/c.rst', p.at('sub/c.rst', 'See', 1));
  assert.equal(missing, undefined);
});

test('hover on a code-block language: the Pygments lexer, or why there is none', () => {
  assert.match(lexerHover('c'), /\*\*C\*\*/);
  assert.match(lexerHover('bash'), /Bash/);
  assert.match(lexerHover('none'), /no highlighting/);
  assert.match(lexerHover('JSON5'), /Pygments 2\.20 but not to 2\.14/);
  const cw = hover(p.host, 'sub/c.rst', p.at('sub/c.rst', 'Cw', 1))!;
  assert.match(cw.contents, /No Pygments lexer is called `Cw`.*Did you mean `c`/);
});

test('hover on mm API names: declaration for the profile, where it exists or was renamed, contracts', () => {
  const desc = hover(p.host, 'sub/b.rst', p.at('sub/b.rst', 'desc->start', 8))!;
  assert.match(desc.contents, /vm_area_desc->start\*\* — field of `struct vm_area_desc` \(immutable in mmap_prepare\), kernel profile 7\.1/);
  assert.match(desc.contents, /```c\nstruct vm_area_desc \{\n\t.*\bstart;/);
  assert.match(desc.contents, /- \*\*C11\*\* \(holds in 7\.1/);
  const renamed = hover(p.host, 'sub/b.rst', p.at('sub/b.rst', 'vma_desc_test_flags', 4))!;
  assert.match(renamed.contents, /not in kernel profile 7\.1/);
  assert.match(renamed.contents, /renamed `vma_desc_test_any` in 7\.1/);
  assert.match(renamed.contents, /Did you mean `vma_desc_test_any`/);
  // the profile decides: mmap_prepare does not exist in 6.12
  assert.match(apiDescription('file_operations.mmap_prepare', '6.12'), /not in kernel profile 6\.12/);
  const hook = apiDescription('file_operations.mmap_prepare', '7.1');
  assert.match(hook, /hook of `struct file_operations`/);
  assert.match(hook, /int \(\*mmap_prepare\)\(struct vm_area_desc \*\)/);
  assert.ok(contractsMentioning('file_operations.mmap_prepare').some((c) => c.id === 'C04'));
  assert.ok(contractsMentioning('vm_area_desc.start').some((c) => c.id === 'C11'));
  // plain identifiers of the kernel that are not the mm hook API: no hover
  assert.equal(hover(p.host, 'sub/c.rst', p.at('sub/c.rst', '   x', 3)), undefined);
});

test('completion: labels in :ref:, documents in :doc: and toctrees, lexers, directives, roles, paths', async () => {
  const files = {
    ...FILES,
    'sub/d.rst': `Delta
=====

:ref:\`la
:ref:\`Title <la
:doc:\`
:doc:\`/sub/
Documentation/sub/
.. code-block:: ba
.. toc
Use :c:fu

.. toctree::

   b
   ../i

.. code-block:: c

   desc->st
   vma_desc_te
`,
  };
  const q = await makeProject(files);
  try {
    const labels = (needle: string, delta: number): string[] => complete(q.host, 'sub/d.rst', q.at('sub/d.rst', needle, delta)).items.map((i) => i.label);
    assert.deepEqual(labels(':ref:`la\n', 8), ['lab-b']);
    assert.deepEqual(labels('Title <la', 9), ['lab-b']);
    const docs = labels(':doc:`\n', 6);
    assert.deepEqual(docs.slice(0, 2), ['b', 'c']);
    assert.ok(docs.includes('/index'));
    assert.ok(!docs.includes('d'), 'not the document itself');
    assert.deepEqual(labels(':doc:`/sub/', 11), ['/sub/b', '/sub/c']);
    assert.deepEqual(labels('Documentation/sub/', 18), ['Documentation/sub/b.rst', 'Documentation/sub/c.rst', 'Documentation/sub/d.rst']);
    assert.deepEqual(labels('code-block:: ba', 15), ['bare', 'basemake', 'bash', 'basic', 'bat', 'batch']);
    const dir = complete(q.host, 'sub/d.rst', q.at('sub/d.rst', '.. toc', 6)).items;
    assert.deepEqual(dir.map((i) => i.newText), ['toctree:: ']);
    assert.deepEqual(labels(':c:fu', 5), ['c:func']);
    assert.ok(labels('Use :c:fu', 5).includes('c:macro'), 'every role of the registry');
    // toctree body: documents relative to the document's directory
    assert.ok(inToctreeBody(q.index.readRel('sub/d.rst')!, q.at('sub/d.rst', '   b\n', 0)));
    assert.deepEqual(labels('   b\n', 4), ['b']);
    assert.deepEqual(labels('   ../i', 7), ['../index']);
    // C code block: members of the object's struct, and API names, for the profile
    assert.deepEqual(labels('desc->st', 8), ['start']);
    assert.ok(labels('vma_desc_te', 11).includes('vma_desc_test_any'));
    assert.ok(!labels('vma_desc_te', 11).includes('vma_desc_test_flags'), '7.0 name, renamed in 7.1');
    const c612 = await makeProject(files, '6.12');
    try {
      assert.deepEqual(complete(c612.host, 'sub/d.rst', c612.at('sub/d.rst', 'vma_desc_te', 11)).items, []);
    } finally {
      c612.cleanup();
    }
    // the replaced range is what was typed (plus the rest of the word)
    const item = complete(q.host, 'sub/d.rst', q.at('sub/d.rst', ':ref:`la\n', 8)).items[0]!;
    assert.equal(q.index.readRel('sub/d.rst')!.slice(item.start, item.end), 'la');
  } finally {
    q.cleanup();
  }
});

test('completion lists are bounded and say when they are incomplete', async () => {
  const files: Record<string, string> = { 'index.rst': 'Root\n====\n\n:ref:`\n' };
  for (let i = 0; i < MAX_ITEMS + 50; i++) files[`l${i}.rst`] = `.. _label-${i}:\n\nT${i}\n===\n`;
  const q = await makeProject(files);
  try {
    const list = complete(q.host, 'index.rst', q.at('index.rst', ':ref:`', 6));
    assert.equal(list.items.length, MAX_ITEMS);
    assert.equal(list.incomplete, true);
    const narrow = complete(q.host, 'index.rst', q.at('index.rst', ':ref:`', 6));
    assert.ok(narrow.items.every((i) => i.kind === 'label'));
  } finally {
    q.cleanup();
  }
});

test('document symbols, workspace symbols, links and folding ranges', () => {
  const syms = documentSymbols(p.host, 'sub/b.rst');
  assert.equal(syms.length, 1);
  assert.equal(syms[0]!.name, 'Béta 😀 title');
  assert.deepEqual(syms[0]!.children.map((c) => c.name), ['Sub section']);
  const text = p.index.readRel('sub/b.rst')!;
  assert.equal(text.slice(syms[0]!.titleStart, syms[0]!.titleEnd), 'Béta 😀 title');

  const ws = workspaceSymbols(p.host, 'beta');
  assert.deepEqual(ws.map((s) => `${s.kind}:${s.name}`), []);
  const wsB = workspaceSymbols(p.host, 'béta');
  assert.deepEqual(wsB.map((s) => `${s.kind}:${s.name}:${s.path}`), ['title:Béta 😀 title:sub/b.rst']);
  assert.deepEqual(workspaceSymbols(p.host, 'lab').map((s) => `${s.kind}:${s.name}`), ['label:lab-b']);

  const links = documentLinks(p.host, 'index.rst');
  const idx = p.index.readRel('index.rst')!;
  assert.deepEqual(
    links.map((l) => `${idx.slice(l.start, l.end)}→${l.target.path}`),
    ['Documentation/sub/b.rst→sub/b.rst', 'lab-b→sub/b.rst', 'sub/b→sub/b.rst', 'sub/b→sub/b.rst', 'sub/c→sub/c.rst', 'inc.txt→inc.txt'],
  );

  const folds = foldingRanges(p.host, 'sub/b.rst', new LineMap(text));
  // the document's section (title line 3 → last line), the sub section, the code block
  const lines = text.split('\n');
  const at = (s: string): number => lines.findIndex((l) => l.startsWith(s));
  assert.ok(folds.some((f) => f.startLine === at('Béta') && f.endLine === at('   vma_desc')));
  assert.ok(folds.some((f) => f.startLine === at('Sub section')));
  assert.ok(folds.some((f) => f.startLine === at('.. code-block::') && f.endLine === at('   vma_desc')));
});

test('completion offers every directive and role of the registry', () => {
  const n = defaultRegistry().directives.size;
  assert.ok(n > 50, `${n} directives`);
});
