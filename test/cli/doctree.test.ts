/**
 * `kdocs doctree`: the docutils-convention JSON lines, options read as every kdocs command reads
 * them, and usage mistakes as exit 2 with a message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../tmp.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = nodePath.join(REPO, 'bin', 'kdocs.js');

function kdocs(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'doctree', ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const dir = tempDir('kdocs-doctree-cli-');
writeFileSync(nodePath.join(dir, 'a.rst'), 'Title\n=====\n\nText.\n');
writeFileSync(nodePath.join(dir, 'list.txt'), 'a.rst\n\n');

test('kdocs doctree: one JSON line per file; --root DIR, --root=DIR and --files-from agree', () => {
  const plain = kdocs(['--root', dir, 'a.rst']);
  assert.equal(plain.code, 0, plain.stderr);
  const rec = JSON.parse(plain.stdout) as { file: string; tree: { type: string } };
  assert.equal(rec.file, 'a.rst');
  assert.equal(rec.tree.type, 'document');
  assert.equal(kdocs([`--root=${dir}`, 'a.rst']).stdout, plain.stdout);
  assert.equal(kdocs(['--root', dir, '--files-from', nodePath.join(dir, 'list.txt')]).stdout, plain.stdout);
});

test('kdocs doctree: usage mistakes exit 2 with a message, never a stack trace', () => {
  for (const [args, message] of [
    [['--root'], /--root needs a value/],
    [['--files-from', nodePath.join(dir, 'none.txt')], /--files-from .*none\.txt: ENOENT/],
    [['--bogus', 'a.rst'], /unknown option --bogus/],
    [[], /usage: kdocs doctree/],
  ] as const) {
    const r = kdocs([...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.ok(!/\n\s+at /.test(r.stderr), r.stderr);
  }
});
