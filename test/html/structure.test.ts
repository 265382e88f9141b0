/**
 * Structure against Sphinx 5.3: every docs-src page's section ids and titles, anchors, code
 * blocks (language, lines), tables (rows × cells with spans) and link targets, extracted from our
 * render and from Sphinx's HTML by the same code (src/html/structure.ts), must stay equal for the
 * pages listed in sphinx-passing.json. The goldens come from `node dist/scripts/sphinx-structure.js
 * generate` (Debian's Sphinx with the kernel's extensions as stand-ins); they are committed, so
 * this test needs no Python.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareAll } from '../../scripts/sphinx-structure.js';
import { extractStructure, type PageStructure } from '../../src/html/structure.js';

const here = nodePath.dirname(fileURLToPath(import.meta.url));
const repo = nodePath.resolve(here, '..', '..', '..');
const golden = JSON.parse(readFileSync(nodePath.join(repo, 'test', 'html', 'sphinx-structure.json'), 'utf8')) as Record<string, PageStructure>;
const passing = JSON.parse(readFileSync(nodePath.join(repo, 'test', 'html', 'sphinx-passing.json'), 'utf8')) as string[];

test('the goldens cover docs-src and hold real structure', () => {
  assert.ok(Object.keys(golden).length >= 130, `${Object.keys(golden).length} pages`);
  const vfs = golden.vfs!;
  assert.equal(vfs.sections[0]!.id, 'overview-of-the-linux-virtual-file-system');
  assert.ok(vfs.code.some((c) => c.lang === 'c'));
  assert.ok(Object.values(golden).some((p) => p.tables.some((t) => t.some((row) => /[cr]\d/.test(row)))), 'a table with spans');
  // at least 95 % of the pages are listed as passing
  assert.ok(passing.length >= 0.95 * Object.keys(golden).length, `${passing.length} passing`);
});

test('every page listed as passing is structurally equal to Sphinx 5.3', async () => {
  const { result, ours } = await compareAll(nodePath.join(repo, 'docs-src'), golden, passing);
  const regressions: string[] = [];
  for (const [docname, cats] of result.differ) {
    for (const c of cats) {
      const a = ours.get(docname)![c as keyof PageStructure] as unknown[];
      const b = golden[docname]![c as keyof PageStructure] as unknown[];
      let i = 0;
      while (i < Math.max(a.length, b.length) && JSON.stringify(a[i]) === JSON.stringify(b[i])) i++;
      regressions.push(`${docname} ${c} #${i}: ours ${JSON.stringify(a[i])} / Sphinx ${JSON.stringify(b[i])}`);
    }
  }
  assert.deepEqual(regressions, []);
  assert.deepEqual(result.missing, []);
  assert.equal(result.equal.length, passing.length);
});

test('the extractor reads sections, spans, code and links (and ignores permalinks and KaTeX ids)', () => {
  const html = `<section id="a">\n<span id="lbl"></span><h1>Title “x”<a class="headerlink" href="#a" title="Permalink">¶</a></h1>
<div class="highlight-c notranslate"><div class="highlight"><pre><span></span>int x;\ny;\n</pre></div></div>
<table><tr><td colspan="2">a</td></tr><tr><td rowspan="2">b</td><td>c</td></tr></table>
<p><a class="reference internal" href="x.html#y">y</a><span class="katex"><span id="k1">z</span></span></p></section>`;
  const s = extractStructure(html);
  assert.deepEqual(s.sections, [{ id: 'a', title: 'Title “x”', level: 1 }]);
  assert.deepEqual(s.anchors, ['a', 'lbl']);
  assert.deepEqual(s.code, [{ lang: 'c', lines: 2 }]);
  assert.deepEqual(s.tables, [['c2', 'r2 1']]);
  assert.deepEqual(s.links, ['x.html#y']);
});
