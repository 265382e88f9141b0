/** The Workspace: where the docs root is, URIs ↔ paths ↔ docnames, and parsed(uri) parsing only
 *  when the text changed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { findDocsRoot } from '../../src/lsp/workspace.js';
import { harness, project, uriOf } from './harness.js';
import { FILES } from './fixture.js';
import { tempDir } from '../tmp.js';

test('the docs root: Documentation/ in or above the folder, else kdocs.config.json\'s directory, else docs-src, else the folder', () => {
  const top = tempDir('kdocs-root-');
  mkdirSync(nodePath.join(top, 'kernel', 'Documentation', 'filesystems'), { recursive: true });
  assert.equal(findDocsRoot(nodePath.join(top, 'kernel')), nodePath.join(top, 'kernel', 'Documentation'));
  assert.equal(findDocsRoot(nodePath.join(top, 'kernel', 'Documentation', 'filesystems')), nodePath.join(top, 'kernel', 'Documentation'));
  mkdirSync(nodePath.join(top, 'cfg', 'docs', 'sub'), { recursive: true });
  writeFileSync(nodePath.join(top, 'cfg', 'docs', 'kdocs.config.json'), '{}');
  assert.equal(findDocsRoot(nodePath.join(top, 'cfg', 'docs', 'sub')), nodePath.join(top, 'cfg', 'docs'));
  mkdirSync(nodePath.join(top, 'repo', 'docs-src'), { recursive: true });
  assert.equal(findDocsRoot(nodePath.join(top, 'repo')), nodePath.join(top, 'repo', 'docs-src'));
  mkdirSync(nodePath.join(top, 'plain'), { recursive: true });
  assert.equal(findDocsRoot(nodePath.join(top, 'plain')), nodePath.join(top, 'plain'));
});

test('URIs, paths and docnames; parsed(uri) re-parses only changed text; the open buffer wins over the disk', async () => {
  const root = project({ ...FILES, 'sub dir/a b.rst': 'A\n=\n' });
  const h = await harness(root);
  const ws = h.ws;
  const uri = uriOf(root, 'sub dir/a b.rst');
  assert.match(uri, /sub%20dir\/a%20b\.rst$/);
  assert.equal(ws.pathOf(uri), 'sub dir/a b.rst');
  assert.equal(ws.docnameOf(uri), 'sub dir/a b');
  assert.equal(ws.uriOfDocname('sub dir/a b'), uri);
  assert.equal(ws.pathOf('file:///elsewhere/x.rst'), undefined);
  assert.equal(ws.pathOf('untitled:1'), undefined);

  const guide = uriOf(root, 'guide.rst');
  const first = ws.parsed(guide)!;
  const n = h.parses();
  assert.equal(ws.parsed(guide), first, 'the same tree, not parsed again');
  assert.equal(h.parses(), n);
  ws.openDocument(guide, FILES['guide.rst']!, 1);
  ws.parsed(guide);
  assert.equal(h.parses(), n, 'opening with the text the index has parses nothing');
  ws.changeDocument(guide, [{ text: 'Changed\n=======\n' }], 2);
  const changed = ws.parsed(guide)!;
  assert.equal(h.parses(), n + 1);
  assert.equal(changed.source.raw, 'Changed\n=======\n');
  assert.equal(ws.text(guide), 'Changed\n=======\n');
  assert.equal(ws.parsed(guide), changed);
  assert.equal(h.parses(), n + 1);
  assert.equal(ws.textDocument(guide)!.version, 2);
  ws.closeDocument(guide);
  assert.equal(ws.parsed(guide)!.source.raw, FILES['guide.rst'], 'closed: the disk again');
  assert.equal(ws.profile, '7.1');
  h.diags.dispose();
});
