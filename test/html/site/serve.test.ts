/**
 * `kdocs site --serve` through Eleventy's own watcher, as a writer meets it: an edit shows in its
 * page, a new document gets a page, and a deleted document's page and source view leave the
 * output folder (Eleventy deletes no output file itself), its toctree entry gone from the page that
 * listed it. The pages are read from the output folder, as the server serves them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { buildSite } from '../../../src/html/site/build.js';
import { tempDir } from '../../tmp.js';

const INDEX = 'Index\n=====\n\n.. toctree::\n\n   a\n   b\n   c\n';
const DOC = (title: string, body: string): string => `${title}\n${'='.repeat(title.length)}\n\n${body}\n`;

/** Wait until `ok()` holds (Eleventy's watcher waits for the file to settle, then rebuilds).
 *  `again` is done once more every few seconds meanwhile: right after the build returns,
 *  Eleventy's watcher can miss a change (chokidar, just ready); after ten of them the change
 *  counts as lost. Without `again` the test's own timeout is the guard against a hang. */
async function until(what: string, ok: () => boolean, again?: () => void): Promise<void> {
  let tries = 0;
  let last = Date.now();
  while (!ok()) {
    if (again && Date.now() - last > 3000) {
      if (++tries > 10) throw new Error(`not seen after ${tries} writes: ${what}`);
      again();
      last = Date.now();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const read = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

test('--serve: an edit shows in its page, a new document gets one, a deleted one loses its page and source view', { timeout: 120_000 }, async () => {
  const root = tempDir('kdocs-serve-root-');
  const out = tempDir('kdocs-serve-out-');
  writeFileSync(nodePath.join(root, 'index.rst'), INDEX);
  writeFileSync(nodePath.join(root, 'a.rst'), DOC('Alpha', 'First text.'));
  writeFileSync(nodePath.join(root, 'b.rst'), DOC('Beta', 'Second text.'));
  const updates: string[][] = [];
  const res = await buildSite({
    root, out, serve: true, port: 30000 + (process.pid % 20000), search: false, highlight: false, cacheDir: false,
    onUpdate: (_changed, dirty) => updates.push(dirty),
  });
  try {
    const page = (p: string): string => nodePath.join(out, res.site.urlOf(p));
    const source = (p: string): string => nodePath.join(out, res.site.sourceUrlOf(p));
    assert.ok(existsSync(page('b.rst')) && existsSync(source('b.rst')), 'b.rst has a page and a source view');
    assert.match(read(page('index.rst')), /href="b\.html"/);

    let n = 0;
    const edit = (): void => writeFileSync(nodePath.join(root, 'a.rst'), DOC('Alpha', `First text, edited: kdocsservemarker${'!'.repeat(++n)}`));
    edit();
    await until('the edit in a.html', () => read(page('a.rst')).includes('kdocsservemarker'), edit);

    const create = (): void => writeFileSync(nodePath.join(root, 'c.rst'), DOC('Gamma', `A new document${'.'.repeat(++n)}`));
    create();
    await until('c.html written', () => read(nodePath.join(out, 'c.html')).includes('A new document.'), create);

    rmSync(nodePath.join(root, 'b.rst'));
    await until('b.html and its source view removed', () => !existsSync(page('b.rst')) && !existsSync(source('b.rst')));
    await until('index.html without the link to b.html', () => !/href="b\.html"/.test(read(page('index.rst'))));
    assert.ok(existsSync(page('a.rst')) && existsSync(nodePath.join(out, 'c.html')), 'the other pages stay');
    assert.ok(updates.some((d) => d.includes('b.rst')), 'the deletion went through the site model');
  } finally {
    await res.close();
  }
});
