/** Label collection against the real parser's trees (cases found on the 6.12 tree). */
import { tempDir } from '../tmp.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectIndex, loadDefaultParser } from '../../src/project/index.js';

async function project(files: Record<string, string>): Promise<ProjectIndex> {
  const root = tempDir('kdocs-labels-');
  const index = new ProjectIndex(root, await loadDefaultParser());
  for (const [p, t] of Object.entries(files)) index.update(p, t);
  return index;
}

test('explicit label equal to its section title (implicit name demoted to dupnames)', async () => {
  const index = await project({ 'a.rst': 'Intro\n=====\n\n.. _standby:\n\nStandby\n-------\n\ntext\n' });
  const l = index.resolveLabel('standby');
  assert.equal(l?.kind, 'explicit');
  assert.equal(l?.title, 'Standby');
});

test('autosectionlabel keys on the raw title, without sectnum numbers, normalized whole', async () => {
  const index = await project({ 'Dir/a.rst': '.. sectnum::\n\nTop Title\n=========\n\nSub ``code`` Part\n-----------------\n\ntext\n' });
  assert.ok(index.resolveLabel('Dir/a:Top Title'));
  assert.ok(index.resolveLabel('dir/a:top title'));
  assert.ok(index.resolveLabel('dir/a:sub ``code`` part'));
  assert.equal(index.resolveLabel('dir/a:1 top title'), undefined);
});

test('contents topics and embedded-alias targets are not labels; :name: options are', async () => {
  const index = await project({
    'a.rst':
      'Title\n=====\n\n.. contents::\n\n.. _sec:\n\nSection\n-------\n\nSee `below <sec_>`_ and `below <sec_>`_.\n\n.. code-block:: c\n   :caption: Example\n   :name: my-example\n\n   int x;\n',
  });
  assert.equal(index.resolveLabel('contents'), undefined);
  assert.equal(index.resolveLabel('below'), undefined);
  assert.equal(index.resolveLabel('my-example')?.title, 'Example');
  assert.equal(index.resolveLabel('sec')?.title, 'Section');
});

test('kernel-generated labels: maintainers-include', async () => {
  const index = await project({ 'process/maintainers.rst': '.. maintainers-include::\n' });
  assert.equal(index.resolveLabel('maintainers')?.path, 'process/maintainers.rst');
});
