/**
 * The site's parts that need no build: navigation from the toctree graph, the sequence diagram,
 * the README → HTML writer, section source links, relative URLs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ProjectIndex } from '../../../src/project/index.js';
import { ancestors, buildNav, navDependents, prevNext, sidebarHtml } from '../../../src/html/site/nav.js';
import { laneOfHook, sequenceSvg, traceRows } from '../../../src/html/site/seqdiagram.js';
import { markdownToHtml } from '../../../src/html/site/markdown.js';
import { addSectionSourceLinks, statementHtml, translationLinks } from '../../../src/html/site/pages.js';
import { SiteModel, type SitePage } from '../../../src/html/site/model.js';
import { contractNames, replayEvents } from '../../../src/html/site/contracts.js';
import { relUrl, slug } from '../../../src/html/site/util.js';
import { createMm, run } from '../../../src/model/index.js';
import { contracts } from '../../../src/contracts/load.js';
import { checkContractCached } from '../../../src/contracts/explore.js';
import { tempDir } from '../../tmp.js';
import { packageRoot } from '../../../src/lint/api.js';

function project(files: Record<string, string>): string {
  const root = tempDir('kdocs-nav-');
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(nodePath.dirname(nodePath.join(root, p)), { recursive: true });
    writeFileSync(nodePath.join(root, p), text);
  }
  return root;
}

const TREE = {
  'index.rst': 'Root\n====\n\n.. toctree::\n   :caption: Guides\n\n   a\n   b/index\n\n.. toctree::\n   :hidden:\n\n   c\n',
  'a.rst': 'Alpha\n=====\n\ntext\n',
  'b/index.rst': 'Beta\n====\n\n.. toctree::\n\n   one\n   two\n   ../a\n',
  'b/one.rst': 'One\n===\n',
  'b/two.rst': 'Two\n===\n\n.. toctree::\n\n   deep\n',
  'b/deep.rst': 'Deep\n====\n',
  'c.rst': 'Gamma\n=====\n',
  'orphan.rst': ':orphan:\n\nLost\n====\n',
};

test('nav: reading order is depth-first from the root, a document belongs to the first toctree reaching it', async () => {
  const index = await ProjectIndex.build(project(TREE));
  const nav = buildNav(index);
  assert.deepEqual(nav.order, ['index.rst', 'a.rst', 'b/index.rst', 'b/one.rst', 'b/two.rst', 'b/deep.rst', 'c.rst']);
  assert.equal(nav.parent.get('a.rst'), 'index.rst', 'a is listed again in b/index but stays under the root');
  assert.deepEqual(ancestors(nav, 'b/deep.rst'), ['index.rst', 'b/index.rst', 'b/two.rst']);
  assert.deepEqual(ancestors(nav, 'orphan.rst'), []);
  const order = new Map(nav.order.map((p, i) => [p, i] as const));
  assert.deepEqual(prevNext(nav, order, 'b/one.rst'), { prev: 'b/index.rst', next: 'b/two.rst' });
  assert.deepEqual(prevNext(nav, order, 'index.rst'), { next: 'a.rst' });
  assert.equal(nav.groups[0]!.caption, 'Guides');
  assert.equal(nav.titles.get('b/index.rst'), 'Beta');
});

test('nav: the sidebar is collapsed to the current page (its ancestors and its own entries open)', async () => {
  const index = await ProjectIndex.build(project(TREE));
  const nav = buildNav(index);
  const url = (p: string): string => p.replace(/\.rst$/, '.html');
  const atTwo = sidebarHtml(nav, 'b/two.rst', url, 'b/two.html');
  assert.match(atTwo, /<li class="toctree-l1 current-ancestor"><a class="reference internal" href="index.html">Beta<\/a>/);
  assert.match(atTwo, /<li class="toctree-l2 current"><a [^>]*href="two.html" aria-current="page">Two<\/a><ul><li class="toctree-l3"><a [^>]*href="deep.html">Deep/);
  assert.match(atTwo, /href="\.\.\/a.html">Alpha/);
  const atA = sidebarHtml(nav, 'a.rst', url, 'a.html');
  assert.doesNotMatch(atA, /One|Deep/, 'other branches stay closed');
  assert.match(atA, /Gamma/, 'hidden toctrees are in the sidebar (includehidden)');
  assert.match(atA, /<p class="caption" role="heading" aria-level="2"><span class="caption-text">Guides<\/span><\/p>/);
});

test('nav: an edit shows in the pages whose navigation lists the document', async () => {
  const index = await ProjectIndex.build(project(TREE));
  const nav = buildNav(index);
  const order = new Map(nav.order.map((p, i) => [p, i] as const));
  // its parent, the parent's other entries (a is listed in b/index too), its neighbours
  assert.deepEqual([...navDependents(nav, order, 'b/one.rst')].sort(), ['a.rst', 'b/index.rst', 'b/two.rst']);
  assert.deepEqual([...navDependents(nav, order, 'b/deep.rst')].sort(), ['b/two.rst', 'c.rst']);
  // a top-level entry is in every sidebar
  assert.equal(navDependents(nav, order, 'a.rst').size, nav.order.length - 1);
});

test('sequence diagram: a model run becomes lanes, hook calls with lock state, and the errno', () => {
  const mm = createMm('7.1', { files: [{ id: 'drv', fops: { mmap_prepare: { fail: 'EINVAL' } } }] });
  const res = run(mm, { op: 'mmap', addr: 0x100000, len: 0x2000, prot: ['READ'], flags: ['SHARED'], file: 'drv', offset: 0 });
  const rows = traceRows(res.trace.events);
  assert.equal(rows[0]!.from, 'caller');
  assert.equal(rows[0]!.to, 'mm core');
  const hook = rows.find((r) => r.kind === 'call' && r.to === 'f_op');
  assert.ok(hook, 'the mmap_prepare call is on the f_op lane');
  assert.match(hook.label, /^mmap_prepare\(/);
  assert.match(hook.locks ?? '', /mmap_lock=write/);
  const last = rows[rows.length - 1]!;
  assert.equal(last.kind, 'return');
  assert.equal(last.to, 'caller');
  assert.equal(last.label, 'return -EINVAL');
  assert.equal(last.error, true);
  const svg = sequenceSvg(rows, 'a <title> & more');
  assert.match(svg, /^<svg [^>]*role="img"/);
  assert.match(svg, /<title>a &lt;title&gt; &amp; more<\/title>/);
  for (const lane of ['caller', 'mm core', 'f_op', 'vm_ops', 'actions']) assert.ok(svg.includes(`>${lane}</text>`), lane);
  assert.equal((svg.match(/<line class="err"/g) ?? []).length >= 1, true);
  assert.equal(laneOfHook('vm_ops->close'), 'vm_ops');
  assert.equal(laneOfHook('action.error_hook'), 'actions');
  assert.equal(laneOfHook('remap_pfn_range'), 'actions');
});

test('contracts: a counterexample replays to the run the explorer found; names come from the statement', () => {
  const all = contracts();
  const c26 = all.find((c) => c.id === 'C26')!;
  assert.ok(contractNames(c26).includes('mapped'));
  // a contract that fails somewhere: the replayed run ends as the explorer's printed trace says
  for (const c of all) {
    if (c.check !== 'trace' || !c.profiles.fails.length) continue;
    const profile = c.profiles.fails[0]!;
    const r = checkContractCached(c, profile as never);
    if (!r.counterexample) continue;
    const events = replayEvents(c, profile as never, r.counterexample)!;
    assert.ok(events.length > 0);
    const ret = events.filter((e) => e.ev === 'ret').pop();
    assert.ok(ret && ret.ev === 'ret');
    const printed = /trace of op \d+:\n([\s\S]*?)\nlayout before/.exec(r.counterexample.trace)![1]!;
    assert.ok(printed.includes(ret.errno === 0 ? 'return' : `return -`), `${c.id}: ${printed.slice(-80)}`);
    return;
  }
  assert.fail('no failing trace contract found');
});

test('README markdown: headings below the page title, code, links rewritten, raw HTML as text', () => {
  const { html, title } = markdownToHtml('# rule-x\n\nText with `code` and [other](../y/README.md).\n\n## ok\n\n```rst\n<b>x</b>\n```\n\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n', (u) => u.replace('../y/README.md', 'y.html'));
  assert.equal(title, 'rule-x');
  assert.match(html, /<h3 id="md-ok">ok<\/h3>/);
  assert.match(html, /<a class="reference external" href="y.html">other<\/a>/);
  assert.match(html, /<pre>&lt;b&gt;x&lt;\/b&gt;<\/pre>/);
  assert.doesNotMatch(html, /<script>/);
  // (remark-parse without GFM: a pipe table stays a paragraph, escaped)
  assert.match(html, /<p>\| a \| b \|/);
});

test('section source links go after each heading of a known section', () => {
  const body = '<section id="a"><h1>A<a class="headerlink" href="#a">¶</a></h1><p>x</p><section id="b"><h2>B</h2></section><section id="c"><h2>C</h2></section></section>';
  const toc = [{ id: 'a', title: 'A', titleHtml: 'A', level: 1, line: 3, children: [{ id: 'b', title: 'B', titleHtml: 'B', level: 2, line: 9, children: [] }, { id: 'c', title: 'C', titleHtml: 'C', level: 2, line: 12, source: 'inc.rst', children: [] }] }];
  const out = addSectionSourceLinks(body, toc, '_sources/x.rst.html');
  assert.match(out, /¶<\/a><a class="srclink" href="_sources\/x.rst.html#L3"[^>]*>src<\/a><\/h1>/);
  // pagefind leaves them out when it re-indexes the written pages (the first build never hands them over)
  assert.match(out, /<a class="srclink" [^>]*data-pagefind-ignore>src<\/a>/);
  assert.match(out, /<h2>B<a class="srclink" href="_sources\/x.rst.html#L9"/);
  assert.match(out, /<h2>C<\/h2>/, 'a section from an included file has no line in this document');
});

test('helpers: relative URLs, slugs, statements with code spans', () => {
  assert.equal(relUrl('filesystems/vfs.html', 'filesystems/locking.html'), 'locking.html');
  assert.equal(relUrl('filesystems/ext4/index.html', 'kdocs/lint/index.html'), '../../kdocs/lint/index.html');
  assert.equal(relUrl('index.html', 'filesystems/vfs.html'), 'filesystems/vfs.html');
  assert.equal(relUrl('_sources/filesystems/vfs.rst.html', 'filesystems/vfs.html'), '../../filesystems/vfs.html');
  assert.equal(slug('Hello, World!'), 'hello-world');
  assert.equal(statementHtml('`mapped` <is> called'), '<code>mapped</code> &lt;is&gt; called');
  assert.equal(statementHtml('odd ` tick'), 'odd ` tick');
});

test('translations menu: every other language, to this page when translated, else to that language\'s start page', async () => {
  const root = project({
    'index.rst': 'Root\n====\n',
    'a.rst': 'A\n=\n',
    'b.rst': 'B\n=\n',
    'translations/zh_CN/index.rst': 'Zh\n==\n',
    'translations/zh_CN/a.rst': 'Zh A\n====\n',
    'translations/it_IT/index.rst': 'It\n==\n',
  });
  const index = await ProjectIndex.build(root);
  // the model's URL and language helpers over this index (no build needed)
  const site = Object.assign(Object.create(SiteModel.prototype) as SiteModel, { index, prefix: '', languages: ['it_IT', 'zh_CN'], nav: { rootPath: 'index.rst' } });
  const page = (path: string): SitePage => ({ path, url: site.urlOf(path) }) as SitePage;
  assert.deepEqual(translationLinks(site, page('a.rst')).map((l) => [l.lang, l.href, l.title]), [
    ['it_IT', 'translations/it_IT/index.html', 'Italian (start page)'],
    ['zh_CN', 'translations/zh_CN/a.html', 'Chinese (Simplified)'],
  ]);
  assert.deepEqual(translationLinks(site, page('translations/zh_CN/a.rst')).map((l) => [l.lang, l.href]), [
    ['en', '../../a.html'],
    ['it_IT', '../it_IT/index.html'],
  ]);
  assert.deepEqual(translationLinks(site, page('b.rst')).map((l) => l.href), ['translations/it_IT/index.html', 'translations/zh_CN/index.html']);
});

test('the rules\' pages: README → HTML once, then from the cache file (the markdown parser not loaded) — the same HTML', async () => {
  const { rulePages, rulePagesStats } = await import('../../../src/html/site/rule-pages.js');
  const cache = tempDir('kdocs-rulepages-');
  const rulesDir = nodePath.join(packageRoot(), 'rules');
  const c0 = rulePagesStats.converted;
  // (no build data: dist/data's pages are the next test's)
  const first = await rulePages(rulesDir, cache, false);
  assert.ok(first.size > 20);
  assert.equal(rulePagesStats.converted - c0, first.size);
  const hits = rulePagesStats.fromCache;
  const again = await rulePages(rulesDir, cache, false);
  assert.equal(rulePagesStats.converted - c0, first.size, 'nothing converted again');
  assert.equal(rulePagesStats.fromCache - hits, first.size);
  assert.deepEqual([...again], [...first]);
  // the rule READMEs' links to each other are links to the rules' pages
  const readme = readFileSync(nodePath.join(rulesDir, 'unresolved-reference', 'README.md'), 'utf8');
  assert.equal(again.get('unresolved-reference')!.title, markdownToHtml(readme).title);
});

test('the rules\' pages made by `npm run build`: a first build with no cache converts no README, the same HTML; an edited README alone is converted', async () => {
  const { rulePages, rulePagesStats, writeBuiltRulePages } = await import('../../../src/html/site/rule-pages.js');
  const built = tempDir('kdocs-rulepages-built-');
  const rulesDir = nodePath.join(packageRoot(), 'rules');
  const { pages } = await writeBuiltRulePages(rulesDir, built);
  const before = { ...rulePagesStats };
  const fromBuild = await rulePages(rulesDir, tempDir('kdocs-rulepages-cold-'), built);
  assert.equal(pages, fromBuild.size);
  assert.equal(rulePagesStats.converted, before.converted, 'nothing converted');
  assert.equal(rulePagesStats.fromBuild - before.fromBuild, fromBuild.size);
  assert.deepEqual([...fromBuild], [...(await rulePages(rulesDir, false, false))]);
  // a rules directory with one README changed since the build
  const edited = tempDir('kdocs-rules-edited-');
  cpSync(rulesDir, edited, { recursive: true });
  writeFileSync(nodePath.join(edited, 'unresolved-reference', 'README.md'), '# unresolved-reference\n\nEdited.\n');
  const c1 = rulePagesStats.converted;
  const mixed = await rulePages(edited, false, built);
  assert.equal(rulePagesStats.converted - c1, 1);
  assert.equal(mixed.get('unresolved-reference')!.title, 'unresolved-reference');
});
