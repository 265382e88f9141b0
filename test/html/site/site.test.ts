/**
 * The docs-src site, built once for every test of this file: browsing in a real browser
 * (playwright-core driving Debian's chromium), search, findings, accessibility (axe-core),
 * screenshots, links (linkinator), HTML validity (html-validate), and the model's incremental
 * updates. The browser tests skip with a message when /usr/bin/chromium is missing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as nodePath from 'node:path';
import { createRequire } from 'node:module';
import { buildSite, runPagefind, SEARCH_PARTS_FILE, type BuildResult } from '../../../src/html/site/build.js';
import { packageRoot } from '../../../src/lint/api.js';
import { SiteModel } from '../../../src/html/site/model.js';
import { factsStats } from '../../../src/html/facts.js';
import { highlightStats } from '../../../src/html/code.js';
import { buildContracts, buildContractsCached, contractsStats } from '../../../src/html/site/contracts.js';
import { tempDir } from '../../tmp.js';
import { serveDir } from './static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const hasChromium = existsSync(CHROMIUM);
const require = createRequire(import.meta.url);

let out: string;
let cacheDir: string;
let built: BuildResult;
let server: Awaited<ReturnType<typeof serveDir>>;
/** What this thread's highlighter did during the first build (no highlighted block cached yet). */
let firstBuildHighlight: { created: number; highlighted: number };

before(async () => {
  // explore the contracts on their thread, as a kdocs built without dist/data does (the build's
  // explorations are tested in contracts.test.ts)
  process.env.KDOCS_BUILT_DATA = '0';
  out = tempDir('kdocs-site-');
  cacheDir = tempDir('kdocs-site-cache-');
  // the search index in parts of ~1 MB of page text (a build makes one part of docs-src): the
  // browser test's search goes through the merge of the parts
  const hl = { ...highlightStats };
  built = await buildSite({ root: nodePath.join(packageRoot(), 'docs-src'), out, cacheDir, searchPartBytes: 1_000_000 });
  firstBuildHighlight = { created: highlightStats.highlighterCreated - hl.highlighterCreated, highlighted: highlightStats.blocksHighlighted - hl.blocksHighlighted };
  server = await serveDir(out);
});

after(async () => {
  await server?.close();
  await built?.close();
});

function htmlFiles(dir: string, under = ''): string[] {
  const outList: string[] = [];
  for (const e of readdirSync(nodePath.join(dir, under), { withFileTypes: true })) {
    const rel = under ? `${under}/${e.name}` : e.name;
    if (e.isDirectory()) outList.push(...htmlFiles(dir, rel));
    else if (e.name.endsWith('.html')) outList.push(rel);
  }
  return outList;
}

describe('the built docs-src site', () => {
  test('every document has its page at its docs.kernel.org path, a source view and the kdocs pages', () => {
    const site = built.site;
    assert.equal(site.prefix, 'filesystems/');
    for (const p of site.index.documents()) {
      assert.ok(existsSync(nodePath.join(out, 'filesystems', p.replace(/\.rst$/, '.html'))), p);
      assert.ok(existsSync(nodePath.join(out, '_sources', 'filesystems', p + '.html')), `source view of ${p}`);
    }
    for (const f of ['index.html', 'kdocs/lint/index.html', 'kdocs/rules/index.html', 'kdocs/rules/unresolved-reference.html', 'kdocs/contracts/index.html', 'kdocs/contracts/C26.html', '_static/kdocs.css', '_static/kdocs.js', 'pagefind/pagefind.js']) {
      assert.ok(existsSync(nodePath.join(out, f)), f);
    }
    assert.equal(built.indexed, site.pages.size, 'pagefind indexed the document pages only');
    // the rule page carries the README's text
    const readme = readFileSync(nodePath.join(packageRoot(), 'rules', 'unresolved-reference', 'README.md'), 'utf8');
    const firstSentence = /References that will not resolve in a whole-tree/.exec(readme)![0];
    assert.ok(readFileSync(nodePath.join(out, 'kdocs/rules/unresolved-reference.html'), 'utf8').includes(firstSentence));
  });

  test('the documents\' pages and source views are written by their template: Eleventy holds only the kdocs pages', () => {
    const docs = built.site.pages.size;
    assert.equal(built.written, built.byEleventy + 2 * docs);
    const kdocsPages = htmlFiles(out).filter((f) => f.startsWith('kdocs/') || f === 'index.html').length;
    assert.equal(built.byEleventy, kdocsPages);
  });

  test('the search index in parts: each part written on its own, all listed for the browser to merge', () => {
    const extra = JSON.parse(readFileSync(nodePath.join(out, SEARCH_PARTS_FILE), 'utf8')) as string[];
    assert.ok(extra.length >= 2, `${extra.length + 1} parts`);
    for (const p of ['pagefind/', ...extra]) assert.ok(existsSync(nodePath.join(out, p, 'pagefind-entry.json')), p);
    assert.equal(built.indexed, built.site.pages.size);
  });

  test('the index made again from the written pages (after an edit under --serve) holds what the first build\'s does, page for page: the headings\' source links are not indexed', async () => {
    const copy = tempDir('kdocs-site-reindex-');
    cpSync(out, copy, { recursive: true });
    const parts = (dir: string): string[] => ['pagefind', ...(JSON.parse(readFileSync(nodePath.join(dir, SEARCH_PARTS_FILE), 'utf8')) as string[])];
    for (const d of parts(copy)) rmSync(nodePath.join(copy, d), { recursive: true, force: true });
    const urls = [...built.site.pages.values()].map((p) => p.url);
    assert.equal(await runPagefind(copy, urls, 1_000_000), urls.length);
    // each page's fragment (its indexed text, anchors, filters), whichever part holds it: the
    // parts are cut by the bytes handed over, which differ (a written page is more than its body)
    const fragments = (dir: string): Map<string, unknown> => {
      const m = new Map<string, unknown>();
      for (const d of parts(dir)) {
        const fd = nodePath.join(dir, d, 'fragment');
        for (const f of readdirSync(fd)) {
          const text = gunzipSync(readFileSync(nodePath.join(fd, f))).toString('utf8');
          const frag = JSON.parse(text.slice(text.indexOf('{'))) as { url: string };
          m.set(frag.url, frag);
        }
      }
      return m;
    };
    const first = fragments(out);
    const again = fragments(copy);
    assert.equal(first.size, urls.length);
    assert.deepEqual(again, first);
    assert.ok(![...again.values()].some((f) => JSON.stringify(f).includes('¶src')), 'no source link indexed');
    // the pages do carry them
    assert.match(readFileSync(nodePath.join(out, 'filesystems', 'vfs.html'), 'utf8'), /<a class="srclink" [^>]*data-pagefind-ignore>src<\/a>/);
  });

  test('mmap_prepare.html shows its lint and contract findings with links to the source lines', () => {
    const html = readFileSync(nodePath.join(out, 'filesystems/mmap_prepare.html'), 'utf8');
    const page = built.site.pages.get('mmap_prepare.rst')!;
    const contract = page.findings.filter((f) => f.ruleId.startsWith('contract-'));
    assert.ok(contract.length >= 3, 'D1, D6, D8 of the README');
    assert.match(html, /<details id="kdocs-findings"/);
    for (const f of contract) {
      assert.ok(html.includes(`href="../_sources/filesystems/mmap_prepare.rst.html#L${f.line}"`), `link to line ${f.line}`);
    }
    assert.match(html, /class="badge sev-(error|warning)"/);
    const src = readFileSync(nodePath.join(out, '_sources/filesystems/mmap_prepare.rst.html'), 'utf8');
    for (const f of contract) assert.match(src, new RegExp(`<tr id="L${f.line}" class="has-finding`));
    // mm API names link to the contracts mentioning them (the renderer's identifier hook)
    assert.match(html, /href="\.\.\/kdocs\/contracts\/C\d+\.html#names"/);
  });

  test('a contract page: statement, profiles table, doc places linked, the trace as an SVG sequence diagram', () => {
    const html = readFileSync(nodePath.join(out, 'kdocs/contracts/C26.html'), 'utf8');
    assert.match(html, /<p class="statement"><code>mapped<\/code> is called only/);
    assert.match(html, /<th scope="row">7.1 \(configured\)<\/th><td>holds<\/td><td>holds<\/td>/);
    assert.match(html, /<th scope="row">6.12<\/th><td>n\/a<\/td>/);
    assert.match(html, /href="\.\.\/\.\.\/filesystems\/mmap_prepare.html">mmap_prepare callback HOWTO<\/a> \(<a href="\.\.\/\.\.\/_sources\/filesystems\/mmap_prepare.rst.html#L35">/);
    assert.match(html, /<svg [^>]*class="kdocs-seq" role="img"/);
    assert.match(html, />vm_ops<\/text>/);
    assert.match(html, /mapped\(/, 'the vm_ops->mapped call is drawn');
  });

  test('the lint overview lists every finding, by rule and by directory', () => {
    const html = readFileSync(nodePath.join(out, 'kdocs/lint/index.html'), 'utf8');
    const all = built.site.allFindings();
    assert.equal((html.match(/<tr class="sev-/g) ?? []).length, all.length);
    assert.match(html, /<section id="by-rule">/);
    assert.match(html, /<section id="by-directory">/);
    assert.match(html, /<table class="docutils sortable/);
  });

  test('html-validate: no errors on the docs-src pages', async () => {
    const { HtmlValidate, StaticConfigLoader } = await import('html-validate');
    // void elements are written as docutils/Sphinx write them (<hr/>), and shiki colours code
    // tokens with style attributes: style rules, not validity
    const hv = new HtmlValidate(new StaticConfigLoader({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off', 'no-inline-style': 'off' } }));
    const problems: string[] = [];
    const files = htmlFiles(out, 'filesystems');
    assert.equal(files.length, built.site.pages.size);
    for (const f of [...files, 'kdocs/lint/index.html', 'kdocs/contracts/C26.html', '_sources/filesystems/mmap_prepare.rst.html']) {
      const r = await hv.validateString(readFileSync(nodePath.join(out, f), 'utf8'), f);
      for (const res of r.results) for (const m of res.messages) if (m.severity === 2) problems.push(`${f}:${m.line}: ${m.ruleId}: ${m.message}`);
    }
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} errors`);
  });

  test('linkinator: no broken internal link or anchor', async () => {
    const { LinkChecker } = await import('linkinator');
    const checker = new LinkChecker();
    const res = await checker.check({
      path: out,
      recurse: true,
      checkFragments: true,
      concurrency: 4,
      retryErrors: true,
      retryErrorsCount: 2,
      // only the site's own pages (no network here)
      linksToSkip: async (link: string) => !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(link) && !link.startsWith(out),
    });
    const checked = res.links.filter((l) => l.state === 'OK').length;
    assert.ok(checked > built.site.pages.size * 2, `checked ${checked} links`);
    // A link the document itself writes as a relative URL (`quota <quota>`__ in ext4/super.rst)
    // is broken on docs.kernel.org too: a defect of the docs, not of the site. Every other broken
    // link fails the test.
    const site = built.site;
    const broken: string[] = [];
    for (const l of res.links) {
      if (l.state !== 'BROKEN') continue;
      const parent = (l.parent ?? '').replace(/^.*?\/filesystems\//, '').replace(/\.html$/, '.rst');
      const target = l.url.slice(l.url.lastIndexOf('/') + 1);
      const page = site.pages.get(parent);
      const sources = [parent, ...(site.index.getFacts(parent)?.includes.map((i) => i.path ?? '') ?? [])];
      const written = page && sources.some((p) => (site.index.sourceText(p) ?? site.index.readRel(p) ?? '').includes(`<${target}>\``));
      if (!written) broken.push(`${l.url} (from ${l.parent}): ${l.status}`);
    }
    assert.deepEqual(broken, []);
  });

  test('in a browser: toctree to vfs.html, search mmap_prepare, its findings, no console errors, axe, screenshots', { skip: hasChromium ? false : `${CHROMIUM} is missing (apt-get install chromium)` }, async (t) => {
    const { chromium } = await import('playwright-core');
    const userDataDir = tempDir('kdocs-chromium-');
    const browser = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
    const errors: string[] = [];
    try {
      const page = await browser.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(server.url + 'index.html');
      await page.click('main a[href="filesystems/index.html"]');
      await page.waitForURL(/filesystems\/index\.html$/);
      // the body's toctree leads to vfs.html (the sidebar's global toctree while the renderer
      // writes no toctree)
      const inBody = page.locator('article .toctree-wrapper a[href="vfs.html"]');
      await ((await inBody.count()) ? inBody.first() : page.locator('#sidebar a[href="vfs.html"]')).click();
      await page.waitForURL(/filesystems\/vfs\.html$/);
      assert.equal((await page.textContent('article h1'))?.replace('¶', '').replace('src', '').trim(), 'Overview of the Linux Virtual File System');
      assert.equal(await page.getAttribute('.sidebar li.current > a', 'href'), 'vfs.html');

      await page.fill('#search-input', 'mmap_prepare');
      const first = page.locator('#search-results li a').first();
      await first.waitFor({ timeout: 30_000 });
      assert.match((await first.getAttribute('href')) ?? '', /filesystems\/mmap_prepare\.html$/);
      // the filter of the search box lists the directory
      assert.ok((await page.locator('#search-dir option').allTextContents()).some((o) => o.startsWith('filesystems')));
      await first.click();
      await page.waitForURL(/filesystems\/mmap_prepare\.html$/);
      const panel = page.locator('#kdocs-findings');
      await panel.locator('> summary').click();
      const panelText = (await panel.textContent()) ?? '';
      assert.match(panelText, /contract-behaviour/);
      assert.match(panelText, /contract-signature|contract-identifier|contract-field-class/);

      // accessibility on one page of each kind
      const axePath = require.resolve('axe-core/axe.min.js');
      const axePages = ['filesystems/index.html', 'filesystems/vfs.html', 'filesystems/mmap_prepare.html', 'kdocs/lint/index.html', 'kdocs/contracts/C26.html', 'kdocs/rules/docutils.html', '_sources/filesystems/mmap_prepare.rst.html'];
      const violations: string[] = [];
      for (const p of axePages) {
        for (const theme of ['light', 'dark']) {
          await page.goto(server.url + p);
          await page.evaluate((th) => {
            document.documentElement.dataset['theme'] = th;
          }, theme);
          await page.addScriptTag({ path: axePath });
          const res = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
          for (const v of res.violations) if (v.impact === 'serious' || v.impact === 'critical') violations.push(`${p} (${theme}): ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        }
      }
      assert.deepEqual(violations, []);

      // screenshots at desktop and phone widths (kept out of git)
      const shots = tempDir('kdocs-shots-');
      for (const [w, h, name] of [[1280, 900, 'desktop'], [390, 844, 'phone']] as const) {
        await page.setViewportSize({ width: w, height: h });
        for (const p of ['filesystems/vfs.html', 'filesystems/mmap_prepare.html', 'kdocs/contracts/C26.html']) {
          await page.goto(server.url + p);
          const file = nodePath.join(shots, `${p.replace(/[/.]/g, '_')}-${name}.png`);
          await page.screenshot({ path: file });
          assert.ok(statSync(file).size > 5000, file);
        }
      }
      // the phone layout hides the sidebar behind the menu button
      await page.goto(server.url + 'filesystems/vfs.html');
      assert.equal(await page.isVisible('#sidebar'), false);
      await page.click('.nav-toggle');
      assert.equal(await page.isVisible('#sidebar'), true);
      t.diagnostic(`screenshots in ${shots}`);
    } finally {
      await browser.close();
    }
    assert.deepEqual(errors, []);
  });

  test('the contract pages\' explorations are read from the cache keyed by the model\'s stamp and the profile: the same data', () => {
    const explored = contractsStats.explored;
    const cached = buildContractsCached(built.site.profile, cacheDir);
    assert.equal(contractsStats.explored, explored, 'no exploration: the build stored them');
    // in-process memo: the same explorations, computed (not read back)
    const fresh = buildContracts(built.site.profile);
    const strip = (d: typeof fresh): string => JSON.stringify(d.views, (k, v) => (k === 'ms' ? undefined : v)) + JSON.stringify([...d.byName]);
    assert.equal(strip(cached), strip(fresh));
  });

  test('a second build replays every document\'s lint findings from the findings cache: the same findings, no rule run', async () => {
    const first = built.site;
    assert.equal(first.lintCache?.hits, 0, 'the first build with an empty cache linted every document');
    const again = await SiteModel.build({ root: first.index.root, cacheDir, highlight: false });
    assert.deepEqual(again.lintCache, { hits: first.pages.size, misses: 0 });
    const lintOnly = (m: SiteModel): string[] => m.allFindings().filter(({ f }) => !f.render).map(({ path, f }) => `${path}:${f.line}:${f.column} ${f.ruleId} ${f.message}`);
    assert.deepEqual(lintOnly(again), lintOnly(first));
    assert.ok(lintOnly(first).length > 50);
    // (and they are lintBuild's, as `kdocs lint` runs it: the large-tree test below compares)
  });

  test('the first build highlighted on a thread of its own: this thread never loaded shiki, and the pages are those highlighted here', async () => {
    assert.equal(firstBuildHighlight.created, 0, 'no highlighter created on this thread');
    assert.ok(firstBuildHighlight.highlighted >= 20, `${firstBuildHighlight.highlighted} blocks highlighted by the highlighting thread`);
    const created = highlightStats.highlighterCreated;
    const blocks = highlightStats.blocksHighlighted;
    const here = await SiteModel.build({ root: built.site.index.root, cacheDir: false, highlightThread: false });
    assert.equal(highlightStats.highlighterCreated, Math.max(created, 1), 'highlighted on this thread');
    assert.ok(highlightStats.blocksHighlighted - blocks >= 20);
    assert.deepEqual([...here.pages.keys()], [...built.site.pages.keys()], 'the pages in the documents\' order');
    let withCode = 0;
    for (const [p, pg] of here.pages) {
      assert.equal(built.site.pages.get(p)!.body, pg.body, p);
      if (pg.body.includes('<span style=')) withCode++;
    }
    assert.ok(withCode >= 5, `${withCode} pages with highlighted code`);
  });

  test('after the build no tree is in memory: each page dropped its tree once rendered', () => {
    const site = built.site;
    assert.deepEqual(site.index.documents().filter((p) => site.index.loaded(p)), []);
    assert.equal(site.peakTrees, site.pages.size, 'docs-src keeps its trees from the lint to the render pass');
  });

  test('a large tree drops each tree once linted (one or two in memory at once) and renders the same pages', async () => {
    const stored = highlightStats.storedHits;
    const lean = await SiteModel.build({ root: nodePath.join(packageRoot(), 'docs-src'), keepTrees: false, cacheDir });
    // its code blocks come from the first build's highlight cache file: the same HTML below
    assert.ok(highlightStats.storedHits > stored, 'highlighted blocks read from the cache');
    assert.ok(lean.peakTrees <= 2, `${lean.peakTrees} trees in memory at once`);
    // and drops each page's body once its file is written (a build; --serve renders again)
    assert.equal(lean.releaseBodies, true);
    assert.equal(built.site.releaseBodies, false);
    assert.deepEqual([...lean.pages.keys()].sort(), [...built.site.pages.keys()].sort());
    for (const [p, pg] of lean.pages) assert.equal(pg.body, built.site.pages.get(p)!.body, p);
    // a large tree lints through lintBuild as each document is parsed; docs-src's trees are kept
    // and linted through the findings cache: the same findings
    assert.equal(lean.lintCache, undefined);
    assert.deepEqual(lean.allFindings(), built.site.allFindings());
  });

  test('a body edit re-renders that document alone; a title edit exactly the pages that show the title, as a fresh build renders them', async () => {
    const site = built.site;
    const path = 'splice.rst';
    const text = site.index.sourceText(path)!;
    const parsed0 = site.index.parsedCount;
    const facts0 = factsStats.parsed;
    // a body edit: that page alone (the index updated for this one file), no other tree parsed
    const body = await site.update(path, text.replace(/\n\n/, '\n\nA new paragraph.\n\n'));
    assert.deepEqual(body, [path]);
    assert.deepEqual(site.rerendered, [path]);
    assert.ok(site.pages.get(path)!.body.includes('A new paragraph.'));
    assert.equal(factsStats.parsed, facts0, 'no document parsed for its facts');
    assert.equal(site.index.parsedCount, parsed0, 'every tree released again');
    await site.update(path, text);

    // a title edit: the pages whose bodies show the title (toctrees, :doc: links) are rendered
    // again — and only those: every page then equals a fresh build of the edited tree
    const before = new Map([...site.pages].map(([p, pg]) => [p, pg.body] as const));
    const edited = text.replace('splice and pipes', 'Splice and pipes (edited)');
    assert.notEqual(edited, text);
    const retitled = await site.update(path, edited);
    // the sidebars showing it are written again too (their bodies are not rendered again)
    assert.ok(site.rerendered.every((p) => retitled.includes(p)) && retitled.length > site.rerendered.length, `${retitled.length} pages written`);
    assert.equal(site.nav.titles.get(path), 'Splice and pipes (edited)');
    assert.equal(factsStats.parsed, facts0, 'no document parsed for its facts');
    assert.equal(site.index.parsedCount, parsed0, 'every tree released again');
    // named docs-src: the same kernel layout (Documentation/filesystems/)
    const copy = nodePath.join(tempDir('kdocs-site-edit-'), 'docs-src');
    cpSync(nodePath.join(packageRoot(), 'docs-src'), copy, { recursive: true });
    writeFileSync(nodePath.join(copy, path), edited);
    const fresh = await SiteModel.build({ root: copy, cacheDir });
    const differ = [...fresh.pages].filter(([p, pg]) => before.get(p) !== pg.body).map(([p]) => p).sort();
    assert.ok(differ.length > 1, `pages showing the title: ${differ.join(' ')}`);
    assert.deepEqual([...site.rerendered].sort(), differ);
    for (const [p, pg] of fresh.pages) assert.equal(site.pages.get(p)!.body, pg.body, p);
    await site.update(path, text);

    // a document added: the page whose :doc: link did not resolve links to it now; deleted: not
    await site.update(path, text.replace(/\n\n/, '\n\nSee :doc:`zz-new` too.\n\n'));
    assert.doesNotMatch(site.pages.get(path)!.body, /zz-new\.html/);
    await site.update('zz-new.rst', 'A new page\n==========\n\nText.\n');
    assert.ok(site.rerendered.includes(path), site.rerendered.join(' '));
    assert.match(site.pages.get(path)!.body, /href="zz-new\.html"><span class="doc">A new page</);
    await site.update('zz-new.rst', null);
    assert.ok(site.rerendered.includes(path), site.rerendered.join(' '));
    assert.doesNotMatch(site.pages.get(path)!.body, /zz-new\.html/);
    assert.ok(!site.pages.has('zz-new.rst'));
    await site.update(path, text);
  });

  test('a Documentation/... path (automarkup) to a document added later: the mentioning page alone is rendered again when it is created, deleted or renamed', async () => {
    const site = built.site;
    const path = 'splice.rst';
    const text = site.index.sourceText(path)!;
    await site.update(path, text.replace(/\n\n/, '\n\nSee Documentation/filesystems/zz-auto.rst and zz-rel.rst for more.\n\n'));
    assert.doesNotMatch(site.pages.get(path)!.body, /zz-auto\.html|zz-rel\.html/);
    // created: the page naming it links to it; no other page is rendered again
    await site.update('zz-auto.rst', 'Auto page\n=========\n\nText.\n');
    assert.deepEqual([...site.rerendered].sort(), [path, 'zz-auto.rst']);
    assert.match(site.pages.get(path)!.body, /<a class="reference internal" href="zz-auto\.html"><span class="doc">Auto page<\/span><\/a>/);
    // renamed (deleted, then created under the path the relative mention names)
    await site.update('zz-auto.rst', null);
    assert.deepEqual(site.rerendered, [path]);
    assert.doesNotMatch(site.pages.get(path)!.body, /zz-auto\.html/);
    await site.update('zz-rel.rst', 'Auto page\n=========\n\nText.\n');
    assert.deepEqual([...site.rerendered].sort(), [path, 'zz-rel.rst']);
    assert.match(site.pages.get(path)!.body, /href="zz-rel\.html"><span class="doc">Auto page</);
    // a document nobody names: itself alone
    await site.update('zz-other.rst', 'Other page\n==========\n\nText.\n');
    assert.deepEqual(site.rerendered, ['zz-other.rst']);
    await site.update('zz-other.rst', null);
    await site.update('zz-rel.rst', null);
    await site.update(path, text);
  });
});
