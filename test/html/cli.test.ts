/**
 * `kdocs html [--root DIR] FILE` end to end (the CLI process): the page body on stdout, renderer
 * warnings on stderr with file:line:col, usage errors with exit code 2 and a clear message.
 */
import { tempDir } from '../tmp.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = nodePath.join(REPO, 'bin', 'kdocs.js');

function kdocs(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'html', ...args], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const root = tempDir('kdocs-html-cli-');
mkdirSync(nodePath.join(root, 'sub'), { recursive: true });
writeFileSync(nodePath.join(root, 'index.rst'), 'Home\n====\n\n.. toctree::\n\n   sub/page\n\nSee :ref:`there`.\n\n.. raw:: html\n\n   <script>x</script>\n');
writeFileSync(nodePath.join(root, 'sub', 'page.rst'), '.. _there:\n\nPage\n====\n\n.. code-block:: c\n\n   int x;\n');

test('kdocs html prints the body with cross-document links resolved and warns on stderr', () => {
  const r = kdocs(['--root', root, nodePath.join(root, 'index.rst')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^<section id="home">/);
  assert.match(r.stdout, /<a class="reference internal" href="sub\/page\.html">Page<\/a>/);
  assert.match(r.stdout, /<a class="reference internal" href="sub\/page\.html#there"><span class="std std-ref">Page<\/span><\/a>/);
  assert.ok(!r.stdout.includes('<script>'));
  assert.match(r.stderr, /index\.rst:10:1: warning: `\.\. raw:: html` content left out .* \[html-raw-dropped\]/);
});

test('kdocs html highlights code unless --no-highlight; --json gives the whole page', () => {
  const page = nodePath.join(root, 'sub', 'page.rst');
  assert.match(kdocs(['--root', root, page]).stdout, /<span style="color:/);
  assert.ok(!kdocs(['--root', root, '--no-highlight', page]).stdout.includes('<span style="'));
  const json = JSON.parse(kdocs(['--root', root, '--json', page]).stdout) as { title: string; toc: { id: string }[]; codeBlocks: { lang: string }[] };
  assert.equal(json.title, 'Page');
  assert.equal(json.toc[0]!.id, 'page');
  assert.equal(json.codeBlocks[0]!.lang, 'c');
});

test('kdocs html: usage errors exit 2 with a message, never a stack trace', () => {
  const missing = kdocs(['--root', root, nodePath.join(root, 'nope.rst')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.rst: no such file/);
  const outside = kdocs(['--root', nodePath.join(root, 'sub'), nodePath.join(root, 'index.rst')]);
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /outside the root/);
  assert.equal(kdocs([]).code, 2);
  assert.equal(kdocs(['--bogus']).code, 2);
  for (const r of [missing, outside]) assert.ok(!/\n\s+at /.test(r.stderr));
});

test('kdocs html reads options as every kdocs command does, and finds the root as kdocs lint does', () => {
  const page = nodePath.join(root, 'sub', 'page.rst');
  // --root=DIR is the same option as --root DIR
  assert.equal(kdocs([`--root=${root}`, '--no-highlight', page]).stdout, kdocs(['--root', root, '--no-highlight', page]).stdout);
  // no --root: the Documentation/ directory FILE is in is the root, so cross-document links resolve
  const tree = tempDir('kdocs-html-cli-doc-');
  mkdirSync(nodePath.join(tree, 'Documentation', 'sub'), { recursive: true });
  writeFileSync(nodePath.join(tree, 'Documentation', 'index.rst'), 'Home\n====\n\nSee :ref:`there`.\n');
  writeFileSync(nodePath.join(tree, 'Documentation', 'sub', 'page.rst'), '.. _there:\n\nPage\n====\n');
  const found = kdocs(['--no-highlight', nodePath.join(tree, 'Documentation', 'index.rst')]);
  assert.equal(found.code, 0, found.stderr);
  assert.match(found.stdout, /href="sub\/page\.html#there"/);
  // outside any Documentation/ and outside this checkout: say so instead of guessing a root
  const lost = kdocs([nodePath.join(root, 'index.rst')]);
  assert.equal(lost.code, 2);
  assert.match(lost.stderr, /not inside a Documentation\/ directory; give the docs root with --root/);
  const missingValue = kdocs(['--root']);
  assert.equal(missingValue.code, 2);
  assert.match(missingValue.stderr, /--root needs a value/);
  assert.ok(!/\n\s+at /.test(lost.stderr + missingValue.stderr));
});
