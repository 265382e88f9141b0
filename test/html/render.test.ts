/**
 * Renderer unit tests: a small rst document in, the HTML fragment Sphinx 5.3 would write out,
 * per node type (docutils' body and inline elements, Sphinx's directives and roles, the kernel's
 * extensions, the renderer's safety rules).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tempDir } from '../tmp.js';
import * as nodePath from 'node:path';
import { parse } from '../../src/rst/parse.js';
import { loadDefaultParser, ProjectIndex } from '../../src/project/index.js';
import { renderDocument, renderDocumentSync, type RenderContext, type RenderedPage } from '../../src/html/index.js';
import { hasDot } from '../../src/html/visitors/kernel.js';
import { highlightStats } from '../../src/html/code.js';

function html(rst: string, ctx: RenderContext = {}): RenderedPage {
  return renderDocumentSync(parse(rst, { path: 'doc.rst' }), ctx);
}

const body = (rst: string, ctx: RenderContext = {}): string => html(rst, ctx).body;

/** A project on disk: files (path → text), its index, and a page renderer. */
async function project(files: Record<string, string>): Promise<{ root: string; index: ProjectIndex; page(path: string, ctx?: RenderContext): RenderedPage }> {
  const root = tempDir('kdocs-html-');
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(nodePath.dirname(nodePath.join(root, p)), { recursive: true });
    writeFileSync(nodePath.join(root, p), text);
  }
  const index = new ProjectIndex(root, await loadDefaultParser());
  index.build();
  return { root, index, page: (path, ctx = {}) => renderDocumentSync(index.get(path)!, { index, ...ctx }) };
}

// ------------------------------------------------------------------------------ structure

test('section: <section id>, heading level by depth, permalink, label ids as spans', () => {
  const b = body('.. _lbl:\n\nTitle\n=====\n\nSub\n---\n\ntext\n');
  assert.match(b, /<section id="title">\n<span id="lbl"><\/span><h1>Title<a class="headerlink" href="#title" title="Permalink to this heading">¶<\/a><\/h1>/);
  assert.match(b, /<section id="sub">\n<h2>Sub<a class="headerlink" href="#sub"/);
});

test('section: Sphinx SortIds puts a label id before an auto id', () => {
  const b = body('.. _my_sec:\n\nMy sec\n======\n\ntext\n');
  assert.match(b, /<section id="my-sec">\n<span id="id1"><\/span><h1>/);
});

test('toc of the page: section tree with ids, titles, levels and lines', () => {
  const p = html('Top\n===\n\nA\n-\n\nB\n-\n\nB1\n~~\n');
  assert.equal(p.title, 'Top');
  assert.equal(p.toc.length, 1);
  assert.deepEqual(p.toc[0]!.children.map((c) => [c.id, c.title, c.level, c.line]), [
    ['a', 'A', 2, 4],
    ['b', 'B', 2, 7],
  ]);
  assert.equal(p.toc[0]!.children[1]!.children[0]!.id, 'b1');
});

test('transition, rubric, paragraph', () => {
  const b = body('Para.\n\n----------\n\n.. rubric:: Rub\n\nMore.\n');
  assert.match(b, /<p>Para\.<\/p>\n<hr class="docutils" \/>\n<p class="rubric">Rub<\/p>\n<p>More\.<\/p>/);
});

// ------------------------------------------------------------------------------ inline

test('inline: emphasis, strong, literal with <span class="pre">, cite, sub/sup', () => {
  const b = body('*e* **s** ``a  b`` `t` :sub:`x` :sup:`y`\n');
  assert.match(b, /<em>e<\/em> <strong>s<\/strong> <code class="docutils literal notranslate"><span class="pre">a<\/span>&#160; <span class="pre">b<\/span><\/code> <cite>t<\/cite> <sub>x<\/sub> <sup>y<\/sup>/);
});

test('smart quotes as Sphinx with smartquotes_action q; literals untouched', () => {
  const b = body('He said "hi" and it\'s ``"raw"``.\n');
  assert.match(b, /He said “hi” and it’s <code[^>]*><span class="pre">&quot;raw&quot;<\/span><\/code>\./);
});

test('escaping: markup in text and attributes is inert', () => {
  const b = body('<script>alert(1)</script> & `x <y>`__\n\n.. _y: http://e.com/?a="b"&c\n');
  assert.ok(!b.includes('<script>'));
  assert.match(b, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp;/);
});

test('references: external, internal, mailto cloaked as docutils', () => {
  const b = body('See `site <https://kernel.org>`_, Target_ and mail@x.org.\n\n.. _Target:\n\nHere.\n');
  assert.match(b, /<a class="reference external" href="https:\/\/kernel\.org">site<\/a>/);
  assert.match(b, /<a class="reference internal" href="#target">Target<\/a>/);
  assert.match(b, /<a class="reference external" href="mailto:mail&#37;&#52;&#48;x&#46;org">mail<span>&#64;<\/span>x<span>&#46;<\/span>org<\/a>/);
});

test('footnotes and citations: references, grouped list, backlinks', () => {
  const b = body('A [#]_ and [CIT]_.\n\n.. [#] Note.\n\n.. [CIT] Cited.\n');
  assert.match(b, /<a class="footnote-reference brackets" href="#id3" id="id1" role="doc-noteref"><span class="fn-bracket">\[<\/span>1<span class="fn-bracket">\]<\/span><\/a>/);
  assert.match(b, /<aside class="footnote-list brackets">\n<aside class="footnote brackets" id="id3" role="note">\n<span class="label"><span class="fn-bracket">\[<\/span><a role="doc-backlink" href="#id1">1<\/a>/);
  assert.match(b, /<div role="list" class="citation-list">\n<div class="citation" id="cit" role="doc-biblioentry">/);
});

test('substitutions are replaced; an abbreviation role writes <abbr>', () => {
  const b = body('A |x| and :abbr:`LIFO (last-in, first-out)`.\n\n.. |x| replace:: *sub*\n');
  assert.match(b, /A <em>sub<\/em> and <abbr title="last-in, first-out">LIFO<\/abbr>\./);
});

// ------------------------------------------------------------------------------ lists

test('bullet and enumerated lists: simple class, <p> in items, start and type', () => {
  const b = body('- a\n- b\n\n3. x\n4. y\n\na) p\nb) q\n');
  assert.match(b, /<ul class="simple">\n<li><p>a<\/p><\/li>\n<li><p>b<\/p>/);
  assert.match(b, /<ol class="arabic simple" start="3">/);
  assert.match(b, /<ol class="loweralpha simple">/);
});

test('a list item with two paragraphs is not simple', () => {
  assert.match(body('- a\n\n  more\n- b\n'), /<ul>\n<li><p>a<\/p>\n<p>more<\/p>/);
});

test('definition list with classifier; field list; option list', () => {
  const b = body('term : cls\n   def\n\n:Name: value\n:Other: v2\n\n-a, --all  show all\n');
  assert.match(b, /<dl class="simple">\n<dt>term<span class="classifier-delimiter">:<\/span> <span class="classifier">cls<\/span><\/dt><dd><p>def<\/p>/);
  assert.match(b, /<dl class="field-list simple">\n<dt class="field-odd">Name<span class="colon">:<\/span><\/dt>\n<dd class="field-odd"><p>value<\/p>/);
  assert.match(b, /<dt class="field-even">Other/);
  assert.match(b, /<dl class="option-list">\n<dt><kbd><span class="option">-a<\/span>, <span class="option">--all<\/span><\/kbd><\/dt>/);
});

test('line block, block quote with attribution', () => {
  const b = body('| line one\n| line two\n\n  Quoted.\n\n  -- Someone\n');
  assert.match(b, /<div class="line-block">\n<div class="line">line one<\/div>\n<div class="line">line two<\/div>/);
  assert.match(b, /<blockquote>\n<div><p>Quoted\.<\/p>\n<p class="attribution">—Someone<\/p>\n<\/div><\/blockquote>/);
});

// ------------------------------------------------------------------------------ code

test('literal blocks use the kernel highlight_language (none); highlight:: changes it', () => {
  const b = body('Code::\n\n   a <b>\n\n.. highlight:: c\n\nMore::\n\n   int x;\n');
  assert.match(b, /<div class="highlight-none notranslate"><div class="highlight"><pre><span><\/span>a &lt;b&gt;<\/pre><\/div>/);
  assert.match(b, /<div class="highlight-c notranslate">/);
});

test('code-block: language, caption with permalink, emphasize-lines and linenos', () => {
  const p = html('.. code-block:: c\n   :caption: Example\n   :linenos:\n   :emphasize-lines: 2\n\n   int a;\n   int b;\n');
  assert.match(p.body, /<div class="literal-block-wrapper docutils container" id="id1">\n<div class="code-block-caption"><span class="caption-text">Example<\/span><a class="headerlink" href="#id1" title="Permalink to this code">¶<\/a><\/div>/);
  assert.match(p.body, /<span class="linenos">1<\/span>int a;\n<span class="hll"><span class="linenos">2<\/span>int b;<\/span>/);
  assert.deepEqual(p.codeBlocks.map((c) => [c.lang, c.lines]), [['c', 2]]);
});

test('highlighting: shiki for known lexers (lower-cased), Kconfig and dts grammars, plain for unknown; cached', async () => {
  const doc = parse('.. code-block:: C\n\n   int x;\n\n.. code-block:: kconfig\n\n   config FOO\n   \tbool "foo"\n\n.. code-block:: dts\n\n   / { compatible = "x"; };\n\n.. code-block:: nosuchlexer\n\n   <plain>\n\n.. code-block:: c\n\n   int x;\n', { path: 'doc.rst' });
  const before = highlightStats.blocksHighlighted;
  const p = await renderDocument(doc);
  assert.deepEqual(p.codeBlocks.map((c) => [c.lang, c.highlighted]), [['c', true], ['kconfig', true], ['dts', true], ['nosuchlexer', false], ['c', true]]);
  assert.match(p.body, /<div class="highlight-C notranslate"><div class="highlight"><pre><span><\/span><span style="color:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">int<\/span>/);
  assert.match(p.body, /<span style="[^"]*">config<\/span>/);
  assert.match(p.body, /<div class="highlight-nosuchlexer notranslate"><div class="highlight"><pre><span><\/span>&lt;plain&gt;<\/pre>/);
  // the second `int x;` in c came from the cache: 3 blocks highlighted, not 4
  assert.equal(highlightStats.blocksHighlighted - before, 3);
});

test('doctest block; parsed-literal keeps inline markup in <pre class="literal-block">', () => {
  const b = body('>>> 1 + 1\n2\n\n.. parsed-literal::\n\n   a *b*\n');
  assert.match(b, /<div class="highlight-default notranslate"><div class="highlight"><pre><span><\/span>&gt;&gt;&gt; 1 \+ 1\n2<\/pre>/);
  assert.match(b, /<pre class="literal-block">a <em>b<\/em><\/pre>/);
});

// ------------------------------------------------------------------------------ admonitions & co.

test('admonitions: titled boxes as Sphinx (note, generic admonition, seealso)', () => {
  const b = body('.. note:: Hi.\n\n.. admonition:: Custom\n\n   Body.\n\n.. seealso:: Other.\n');
  assert.match(b, /<div class="admonition note">\n<p class="admonition-title">Note<\/p>\n<p>Hi\.<\/p>\n<\/div>/);
  assert.match(b, /<div class="admonition admonition-custom">\n<p class="admonition-title">Custom<\/p>\n<p>Body\.<\/p>/);
  assert.match(b, /<div class="admonition seealso">\n<p class="admonition-title">See also<\/p>\n<p>Other\.<\/p>/);
});

test('contents topic: <nav class="contents">, back-references from titles', () => {
  const b = body('Doc\n===\n\n.. contents:: Index\n   :local:\n\nOne\n---\n\nx\n');
  assert.match(b, /<nav class="contents local" id="index">\n<p class="topic-title">Index<\/p>\n<ul class="simple">\n<li><p><a class="reference internal" href="#one" id="id1">One<\/a><\/p>/);
  assert.match(b, /<h2><a class="toc-backref" href="#id1" role="doc-backlink">One<\/a>/);
});

test('sidebar and versionadded / deprecated', () => {
  const b = body('.. sidebar:: Side\n\n   Text.\n\n.. versionadded:: 6.1\n   Added this.\n\n.. deprecated:: 6.2\n');
  assert.match(b, /<aside class="sidebar">\n<p class="sidebar-title">Side<\/p>/);
  assert.match(b, /<div class="versionadded">\n<p><span class="versionmodified added">New in version 6\.1: <\/span>Added this\.<\/p>/);
  assert.match(b, /<span class="versionmodified deprecated">Deprecated since version 6\.2\.<\/span>/);
});

// ------------------------------------------------------------------------------ tables

test('grid table with spans: head cells, row parity, colspan/rowspan', () => {
  const b = body('+---+---+\n| a | b |\n+===+===+\n| c     |\n+---+---+\n| d | e |\n+   +---+\n|   | f |\n+---+---+\n');
  assert.match(b, /<table class="docutils align-default">\n<thead>\n<tr class="row-odd"><th class="head"><p>a<\/p>/);
  assert.match(b, /<tr class="row-even"><td colspan="2"><p>c<\/p>/);
  assert.match(b, /<tr class="row-odd"><td rowspan="2"><p>d<\/p>/);
});

test('list-table with title, header rows, stub column, widths; csv-table', () => {
  const b = body('.. list-table:: Caption\n   :header-rows: 1\n   :stub-columns: 1\n   :widths: 1 3\n\n   * - h1\n     - h2\n   * - s\n     - v\n\n.. csv-table::\n\n   1, 2\n');
  assert.match(b, /<table class="docutils align-default colwidths-given" id="id1">\n<caption><span class="caption-text">Caption<\/span><a class="headerlink" href="#id1" title="Permalink to this table">¶<\/a><\/caption>\n<colgroup>\n<col style="width: 25%" \/>\n<col style="width: 75%" \/>/);
  assert.match(b, /<tr class="row-even"><th class="stub"><p>s<\/p><\/th>\n<td><p>v<\/p>/);
  assert.match(b, /<td><p>1<\/p><\/td>\n<td><p>2<\/p>/);
});

test("kernel flat-table: cspan, rspan and a short row's last cell widened", () => {
  const b = body('.. flat-table::\n   :header-rows: 1\n\n   * - a\n     - b\n     - c\n   * - :cspan:`1` wide\n     - x\n   * - :rspan:`1` tall\n     - y\n   * - z\n');
  // the text after the span role keeps its leading space, as with the kernel's directive
  assert.match(b, /<td colspan="2"><p> wide<\/p>/);
  assert.match(b, /<td rowspan="2"><p> tall<\/p><\/td>\n<td colspan="2"><p>y<\/p>/);
  assert.match(b, /<td colspan="2"><p>z<\/p>/);
});

// ------------------------------------------------------------------------------ images and figures

test('image and figure (caption permalink, legend); assets copied only from inside the root', async () => {
  const pr = await project({ 'index.rst': 'T\n=\n\n.. image:: img/a.png\n   :alt: A\n\n.. figure:: img/a.png\n\n   Cap.\n\n   Legend.\n\n.. image:: ../outside.png\n', 'img/a.png': 'PNG' });
  const p = pr.page('index.rst');
  assert.match(p.body, /<img alt="A" src="img\/a\.png" \/>/);
  assert.match(p.body, /<figure class="align-default" id="id1">\n<img alt="img\/a\.png" src="img\/a\.png" \/>\n<figcaption>\n<p><span class="caption-text">Cap\.<\/span><a class="headerlink" href="#id1" title="Permalink to this image">¶<\/a><\/p>\n<div class="legend">/);
  assert.deepEqual(p.assets.map((a) => a.target), ['img/a.png']);
  assert.ok(p.warnings.some((w) => w.ruleId === 'html-image-outside'));
});

// ------------------------------------------------------------------------------ raw, math, messages

test('raw html is left out with a warning unless allowed', () => {
  const rst = 'A\n\n.. raw:: html\n\n   <b>x</b>\n';
  const p = html(rst);
  assert.ok(!p.body.includes('<b>x</b>'));
  assert.equal(p.warnings[0]!.ruleId, 'html-raw-dropped');
  assert.equal(p.warnings[0]!.position!.start.line, 3);
  assert.ok(html(rst, { options: { allowRawHtml: true } }).body.includes('<b>x</b>'));
});

test('math: KaTeX at build time (role and directive); the source when math is off', () => {
  const b = body(':math:`a^2`\n\n.. math::\n\n   \\frac{1}{2}\n');
  assert.match(b, /<span class="math notranslate nohighlight"><span class="katex">/);
  assert.match(b, /<div class="math notranslate nohighlight">\n<span class="katex-display">/);
  assert.match(body(':math:`a^2`\n', { options: { math: false } }), /\\\(a\^2\\\)/);
});

test('system messages are build warnings, not page content (Sphinx keep_warnings off); the problematic text stays', () => {
  const p = html('Bad *emphasis.\n');
  assert.ok(!p.body.includes('system-message'));
  assert.match(p.body, /<p>Bad <a href="#id1"><span class="problematic" id="id2">\*<\/span><\/a>emphasis\.<\/p>/);
  const w = p.warnings.find((x) => x.ruleId === 'html-system-message');
  assert.equal(w?.message, 'WARNING: Inline emphasis start-string without end-string.');
  assert.equal(w?.position?.start.line, 1);
});

// ------------------------------------------------------------------------------ Sphinx roles

test('generic roles: kbd (compound), menuselection, guilabel, file, samp, manpage, command, dfn', () => {
  const b = body(':kbd:`Ctrl+X` :menuselection:`A --> B` :guilabel:`&Save` :file:`/etc/{name}` :manpage:`ls(1)` :command:`make` :dfn:`word`\n');
  assert.match(b, /<kbd class="kbd compound docutils literal notranslate"><kbd class="kbd docutils literal notranslate">Ctrl<\/kbd>\+<kbd class="kbd docutils literal notranslate">X<\/kbd><\/kbd>/);
  assert.match(b, /<span class="menuselection">A ‣ B<\/span>/);
  assert.match(b, /<span class="guilabel"><span class="accelerator">S<\/span>ave<\/span>/);
  assert.match(b, /<code class="file docutils literal notranslate"><span class="pre">\/etc\/<\/span><em><span class="pre">name<\/span><\/em><\/code>/);
  assert.match(b, /<em class="manpage">ls\(1\)<\/em> <strong class="command">make<\/strong> <em class="dfn">word<\/em>/);
});

test('C domain: c:function anchors c.<name>, :c:func: links to it (with parentheses), unresolved stays code', () => {
  const b = body('.. c:function:: int foo(struct bar *b)\n\n   Does.\n\n:c:func:`foo` :c:func:`nope` :c:type:`struct bar`\n');
  assert.match(b, /<dl class="c function">\n<dt class="sig sig-object c" id="c\.foo">/);
  assert.match(b, /<span class="sig-name descname"><span class="n"><span class="pre">foo<\/span><\/span><\/span><span class="sig-paren">\(<\/span>/);
  assert.match(b, /<a class="reference internal" href="#c\.foo" title="foo"><code class="xref c c-func docutils literal notranslate"><span class="pre">foo\(\)<\/span><\/code><\/a>/);
  assert.match(b, /<code class="xref c c-func docutils literal notranslate"><span class="pre">nope\(\)<\/span><\/code> <code class="xref c c-type/);
});

test('decorateIdentifier links names the tree does not define', () => {
  const b = body(':c:func:`mmap_prepare` and vma_set_anonymous() here.\n', { decorateIdentifier: (n) => (n.startsWith('mmap') || n.startsWith('vma') ? `kdocs/contracts/${n}.html` : undefined) });
  assert.match(b, /<a class="reference external kdocs-api" href="kdocs\/contracts\/mmap_prepare\.html"><code class="xref c c-func/);
  assert.match(b, /<a class="reference external kdocs-api" href="kdocs\/contracts\/vma_set_anonymous\.html"><code class="xref c c-func docutils literal notranslate"><span class="pre">vma_set_anonymous\(\)<\/span>/);
});

test('glossary terms get term-<text> ids; :term: links to them', () => {
  const b = body('.. glossary::\n\n   VMA\n      A virtual memory area.\n\nSee :term:`VMA`.\n');
  assert.match(b, /<dl class="glossary simple">\n<dt id="term-VMA">VMA<a class="headerlink" href="#term-VMA" title="Permalink to this term">¶<\/a><\/dt><dd><p>A virtual memory area\.<\/p>/);
  assert.match(b, /<a class="reference internal" href="#term-VMA"><span class="xref std std-term">VMA<\/span><\/a>/);
});

test('only:: keeps html content; ifconfig:: evaluates its expression with builder html', () => {
  const b = body('.. only:: html\n\n   HTML only.\n\n.. only:: latex\n\n   LaTeX only.\n\n.. ifconfig:: builder != \'latex\'\n\n   Not latex.\n\n.. ifconfig:: builder == \'latex\'\n\n   Latex.\n');
  assert.ok(b.includes('HTML only.') && !b.includes('LaTeX only.'));
  assert.ok(b.includes('Not latex.') && !b.includes('<p>Latex.</p>'));
});

test('hlist, centered, index target', () => {
  const b = body('.. hlist::\n   :columns: 2\n\n   * a\n   * b\n   * c\n\n.. centered:: Mid\n\n.. index:: foo\n');
  assert.match(b, /<table class="hlist"><tr><td><ul>\n<li><p>a<\/p><\/li>\n<li><p>b<\/p><\/li>\n<\/ul>\n<\/td><td><ul>\n<li><p>c<\/p>/);
  assert.match(b, /<p class="centered"><strong>Mid<\/strong><\/p>/);
  assert.match(b, /<span class="target" id="index-0"><\/span>/);
});

// ------------------------------------------------------------------------------ project-wide

test(':ref: (explicit and autosectionlabel), :doc:, toctree, automarkup against the project index', async () => {
  const pr = await project({
    'index.rst': 'Home\n====\n\n.. toctree::\n   :caption: Contents\n   :maxdepth: 2\n\n   sub/a\n   B title <b>\n\n:ref:`lbl` :ref:`text <lbl>` :ref:`sub/a:Part` :doc:`b` :doc:`x <sub/a>` :ref:`missing`\n\nSee Documentation/filesystems/b.rst and sub/a.rst and Documentation/nope.rst and a_func() here.\n',
    'sub/a.rst': 'A doc\n=====\n\n.. _lbl:\n\nPart\n----\n\n.. c:function:: void a_func(void)\n',
    'b.rst': 'B doc\n=====\n\nSec\n---\n\n.. toctree::\n   :hidden:\n\n   sub/a\n',
  });
  const p = pr.page('index.rst');
  assert.match(p.body, /<div class="toctree-wrapper compound">\n<p class="caption" role="heading"><span class="caption-text">Contents<\/span><\/p>\n<ul>\n<li class="toctree-l1"><a class="reference internal" href="sub\/a\.html">A doc<\/a><ul>\n<li class="toctree-l2"><a class="reference internal" href="sub\/a\.html#part">Part<\/a><\/li>/);
  assert.match(p.body, /<li class="toctree-l1"><a class="reference internal" href="b\.html">B title<\/a><ul>\n<li class="toctree-l2"><a class="reference internal" href="b\.html#sec">Sec<\/a><\/li>/);
  assert.match(p.body, /<a class="reference internal" href="sub\/a\.html#lbl"><span class="std std-ref">Part<\/span><\/a> <a class="reference internal" href="sub\/a\.html#lbl"><span class="std std-ref">text<\/span><\/a> <a class="reference internal" href="sub\/a\.html#part"><span class="std std-ref">Part<\/span><\/a>/);
  assert.match(p.body, /<a class="reference internal" href="b\.html"><span class="doc">B doc<\/span><\/a> <a class="reference internal" href="sub\/a\.html"><span class="doc">x<\/span><\/a> <span class="xref std std-ref">missing<\/span>/);
  // automarkup: a Documentation/ path is mapped through the root's place in the kernel tree only
  // when it has one; relative paths resolve from the document; a missing one stays text
  assert.match(p.body, /and <a class="reference internal" href="sub\/a\.html"><span class="doc">A doc<\/span><\/a> and Documentation\/nope\.rst and <a class="reference internal" href="sub\/a\.html#c\.a_func" title="a_func"><code class="xref c c-func docutils literal notranslate"><span class="pre">a_func\(\)<\/span><\/code><\/a> here/);
  // links are reported with their kind and target
  assert.ok(p.links.some((l) => l.kind === 'ref' && l.docname === 'sub/a' && l.anchor === 'lbl'));
  assert.ok(p.links.some((l) => l.kind === 'automarkup' && l.anchor === 'c.a_func'));
  // a hidden toctree renders an empty wrapper
  assert.match(pr.page('b.rst').body, /<div class="toctree-wrapper compound">\n<\/div>/);
  // pages in subdirectories link relatively; the site may choose other URLs
  const a = pr.page('sub/a.rst', { urlOf: (d) => `${d}/` });
  assert.ok(!a.body.includes('href="../'), 'no links out of sub/a');
  const idx = pr.page('index.rst', { urlOf: (d) => (d === 'index' ? 'index.html' : `${d}/index.html`) });
  assert.match(idx.body, /href="sub\/a\/index\.html#lbl"/);
});

test('toctree :numbered: numbers headings and entries; :titlesonly: and :glob:', async () => {
  const pr = await project({
    'index.rst': 'Top\n===\n\n.. toctree::\n   :numbered:\n\n   one\n   two\n\n.. toctree::\n   :glob:\n   :titlesonly:\n\n   g/*\n',
    'one.rst': 'One\n===\n\nA\n-\n\nB\n-\n',
    'two.rst': 'Two\n===\n',
    'g/x.rst': 'GX\n==\n\nInner\n-----\n',
    'g/y.rst': 'GY\n==\n',
  });
  const idx = pr.page('index.rst').body;
  assert.match(idx, /<a class="reference internal" href="one\.html">1\. One<\/a><ul>\n<li class="toctree-l2"><a class="reference internal" href="one\.html#a">1\.1\. A<\/a><\/li>/);
  assert.match(idx, /href="two\.html">2\. Two<\/a>/);
  assert.match(idx, /<li class="toctree-l1"><a class="reference internal" href="g\/x\.html">GX<\/a><\/li>\n<li class="toctree-l1"><a class="reference internal" href="g\/y\.html">GY<\/a><\/li>/);
  assert.match(pr.page('one.rst').body, /<h2><span class="section-number">1\.2\. <\/span>B<a class="headerlink"/);
});

test('numbered toctrees number the documents of nested toctrees under their parent (3.1, not 4)', async () => {
  const pr = await project({
    'index.rst': 'Top\n===\n\n.. toctree::\n   :numbered:\n\n   a\n   b\n',
    'a.rst': 'A\n=\n',
    'b.rst': 'B\n=\n\n.. toctree::\n\n   b1\n   b2\n',
    'b1.rst': 'B1\n==\n',
    'b2.rst': 'B2\n==\n\nPart\n----\n',
  });
  assert.match(pr.page('b2.rst').body, /<h1><span class="section-number">2\.2\. <\/span>B2/);
  assert.match(pr.page('b2.rst').body, /<h2><span class="section-number">2\.2\.1\. <\/span>Part/);
  assert.match(pr.page('b.rst').body, /href="b1\.html">2\.1\. B1<\/a>/);
});

test('C signatures link the types they name to their declarations', () => {
  const b = body('.. c:struct:: ops\n\n.. c:function:: int reg(const struct ops *o)\n');
  assert.match(b, /<span class="k"><span class="pre">struct<\/span><\/span><span class="w"> <\/span><a class="reference internal" href="#c\.ops" title="ops"><span class="n"><span class="pre">ops<\/span><\/span><\/a>/);
});

test('literalinclude reads inside the root only; lines and language', async () => {
  const pr = await project({ 'index.rst': 'T\n=\n\n.. literalinclude:: code.c\n   :language: c\n   :lines: 2-3\n\n.. literalinclude:: ../../etc/passwd\n', 'code.c': 'a\nb\nc\nd\n' });
  const p = pr.page('index.rst');
  assert.match(p.body, /<div class="highlight-c notranslate"><div class="highlight"><pre><span><\/span>b\nc<\/pre>/);
  assert.match(p.body, /literalinclude: cannot read/);
  assert.ok(p.warnings.some((w) => w.ruleId === 'html-include'));
});

// ------------------------------------------------------------------------------ kernel extensions

test('kernel-doc, kernel-abi, kernel-feat, maintainers-include: boxes naming what would be included', () => {
  const b = body('.. kernel-doc:: mm/mmap.c\n   :export:\n\n.. kernel-abi:: ABI/testing\n\n.. kernel-feat:: features x86\n\n.. maintainers-include::\n');
  assert.match(b, /<div class="admonition kdocs-placeholder kernel-doc" role="note">\n<p class="admonition-title">kernel-doc<\/p>\n<p>The kernel-doc comments of <code class="docutils literal notranslate">mm\/mmap\.c<\/code> \(export\)/);
  assert.match(b, /kernel-abi[\s\S]*Documentation\/ABI\/testing/);
  assert.match(b, /kernel-feat[\s\S]*Documentation\/features<\/code> for x86/);
  assert.match(b, /maintainers-include[\s\S]*MAINTAINERS/);
});

test('kernel-render DOT: an SVG from dot when installed, else the source with a warning', { skip: hasDot() ? false : 'graphviz dot is not installed' }, () => {
  const p = html('.. kernel-render:: DOT\n   :caption: Graph\n\n   digraph { a -> b }\n');
  assert.match(p.body, /<figure class="align-default" id="id1">\n<div class="kernel-render graphviz"><svg /);
  assert.ok(!/ id="(?!id1")/.test(p.body.replace(/<figure[^>]*>/, '')), 'no ids from the drawing');
  assert.match(p.body, /<span class="caption-text">Graph<\/span>/);
});

test('kernel-render DOT without Graphviz shows the source', () => {
  const p = html('.. kernel-render:: DOT\n\n   digraph { a -> b }\n', { options: { graphviz: false } });
  assert.match(p.body, /<div class="highlight-none notranslate"><div class="highlight"><pre><span><\/span>digraph \{ a -&gt; b \}<\/pre>/);
});

// ------------------------------------------------------------------------------ text options

test('captions and arguments given as text: inline markup where Sphinx 5.3 parses it, plain where it does not (fragments of sphinx-build 5.3 output)', async () => {
  const rst = [
    'Captions', '========', '',
    '.. toctree::', '   :caption: The ``toc`` *caption* "q"', '', '   other', '',
    '.. code-block:: c', '   :caption: Code ``caption`` with *emphasis* and :ref:`captions-label` "q"', '', '   int x;', '',
    '.. _captions-label:', '',
    '.. list-table:: List ``title`` *em* "q"', '', '   * - a', '     - b', '',
    '.. admonition:: Admonition ``title`` *em* "q"', '', '   Body.', '',
    '.. figure:: pic.png', '   :alt: Alt ``text`` *em* "q"', '', '   Figure ``caption`` *em* "q"', '',
    '.. versionadded:: 5.3 Added ``foo`` *em* "q"', '',
    '.. versionchanged:: 5.4', '   Changed ``bar``.', '',
    '.. seealso:: See ``also`` *em*', '',
    '.. centered:: Centered ``text`` *em*', '',
    '.. code-block:: c', '   :caption: 1. not a list ``x``', '', '   int y;', '',
    '.. code-block:: c', '   :caption: Caption with ref_ and |sub|', '', '   int z;', '',
    '.. _ref: https://example.com/', '',
    '.. |sub| replace:: SUB', '',
  ].join('\n');
  const pr = await project({ 'index.rst': rst, 'other.rst': 'Other\n=====\n\nText.\n', 'pic.png': '' });
  const p = pr.page('index.rst', { options: { highlightLanguage: 'none' } });
  const b = p.body;
  // plain text, not even smart quotes (a Text node in Sphinx's toctree adapter)
  assert.ok(b.includes('<p class="caption" role="heading"><span class="caption-text">The ``toc`` *caption* &quot;q&quot;</span></p>'));
  assert.ok(b.includes('<div class="code-block-caption"><span class="caption-text">Code <code class="docutils literal notranslate"><span class="pre">caption</span></code> with <em>emphasis</em> and <a class="reference internal" href="#captions-label"><span class="std std-ref">List title em “q”</span></a> “q”</span><a class="headerlink" href="#id1" title="Permalink to this code">¶</a></div>'));
  assert.ok(b.includes('<caption><span class="caption-text">List <code class="docutils literal notranslate"><span class="pre">title</span></code> <em>em</em> “q”</span><a class="headerlink" href="#id2" title="Permalink to this table">¶</a></caption>'));
  assert.ok(b.includes('<p class="admonition-title">Admonition <code class="docutils literal notranslate"><span class="pre">title</span></code> <em>em</em> “q”</p>'));
  assert.ok(b.includes('<img alt="Alt ``text`` *em* &quot;q&quot;" src="pic.png" />'));
  assert.ok(b.includes('<p><span class="caption-text">Figure <code class="docutils literal notranslate"><span class="pre">caption</span></code> <em>em</em> “q”</span><a class="headerlink" href="#id3" title="Permalink to this image">¶</a></p>'));
  assert.ok(b.includes('<p><span class="versionmodified added">New in version 5.3: </span>Added <code class="docutils literal notranslate"><span class="pre">foo</span></code> <em>em</em> “q”</p>'));
  assert.ok(b.includes('<p><span class="versionmodified changed">Changed in version 5.4: </span>Changed <code class="docutils literal notranslate"><span class="pre">bar</span></code>.</p>'));
  assert.ok(b.includes('<p class="admonition-title">See also</p>\n<p>See <code class="docutils literal notranslate"><span class="pre">also</span></code> <em>em</em></p>'));
  assert.ok(b.includes('<strong>Centered <code class="docutils literal notranslate"><span class="pre">text</span></code> <em>em</em></strong></p>'));
  // nested_parse of the caption line: Sphinx takes the first node's children, a list item here
  assert.ok(b.includes('<span class="caption-text"><li><p>not a list <code class="docutils literal notranslate"><span class="pre">x</span></code></p></li>\n</span>'));
  // the document's own targets and substitutions
  assert.ok(b.includes('<span class="caption-text">Caption with <a class="reference external" href="https://example.com/">ref</a> and SUB</span>'));
  // the :ref: in the caption is placed on the caption's line (10), at its column
  const ref = p.links.find((l) => l.anchor === 'captions-label');
  assert.equal(ref?.position?.start.line, 10);
  assert.equal(ref?.position?.start.column, rst.split('\n')[9]!.indexOf(':ref:') + 1);
});

test('text options: automarkup in a versionadded paragraph, not in a code caption; no parse for text without markup', async () => {
  const pr = await project({
    'index.rst': 'Home\n====\n\n.. versionadded:: 6.1 See other.rst.\n\n.. code-block:: c\n   :caption: See other.rst\n\n   x\n',
    'other.rst': 'Other\n=====\n\nText.\n',
  });
  const { inlineTextStats } = await import('../../src/html/inline-text.js');
  const before = inlineTextStats.parsed;
  const b = pr.page('index.rst', { options: { highlightLanguage: 'none' } }).body;
  assert.ok(b.includes('</span>See <a class="reference internal" href="other.html"><span class="doc">Other</span></a>.</p>'));
  assert.ok(b.includes('<span class="caption-text">See other.rst</span>'));
  assert.equal(inlineTextStats.parsed, before, 'neither text holds inline markup: no parse');
  // the kernel's kernel-render caption (Documentation/doc-guide/sphinx.rst writes one like it)
  const k = body('.. kernel-render:: DOT\n   :caption: Embedded **DOT** (Graphviz) code\n\n   digraph { a -> b }\n');
  assert.ok(k.includes('<span class="caption-text">Embedded <strong>DOT</strong> (Graphviz) code</span>'), k);
  assert.equal(inlineTextStats.parsed, before + 1);
});
