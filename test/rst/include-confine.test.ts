/**
 * `include` and `literalinclude` never read outside the docs root: not by `../` paths, not through
 * a symbolic link to a file, not through a symbolically linked directory. The refusal says why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { parse } from '../../src/rst/parse.js';
import { ProjectIndex } from '../../src/project/index.js';
import type { RstNode } from '../../src/rst/nodes.js';
import { tempDir } from '../tmp.js';

const SECRET = 'root:x:0:0:SECRET-LINE:/root:/bin/bash';

function allText(n: RstNode): string {
  return (n.value ?? '') + (n.children ?? []).map(allText).join('');
}

function setup(): string {
  const base = tempDir('kdocs-confine-');
  const outsideDir = nodePath.join(base, 'outside');
  mkdirSync(outsideDir);
  writeFileSync(nodePath.join(outsideDir, 'pw.txt'), SECRET + '\n');
  const root = nodePath.join(base, 'Documentation');
  mkdirSync(nodePath.join(root, 'real'), { recursive: true });
  writeFileSync(nodePath.join(root, 'real', 'ok.txt'), 'Included *fine*.\n');
  symlinkSync(nodePath.join(outsideDir, 'pw.txt'), nodePath.join(root, 'pw.txt')); // a file link
  symlinkSync(outsideDir, nodePath.join(root, 'linkdir')); // a directory link
  symlinkSync(nodePath.join(root, 'real', 'ok.txt'), nodePath.join(root, 'inside.txt')); // stays inside
  return root;
}

const cases: [string, string][] = [
  ['symlinked file', '.. include:: pw.txt'],
  ['symlinked directory', '.. include:: linkdir/pw.txt'],
  ['../ out of the root', '.. include:: ../outside/pw.txt'],
  ['../../../../etc/passwd', '.. include:: ../../../../../../../../etc/passwd'],
];

for (const [name, directive] of cases) {
  test(`include confinement: ${name} is refused as outside the docs root`, () => {
    const root = setup();
    const p = parse(`Title\n=====\n\n${directive}\n`, { path: 'index.rst', root });
    assert.ok(!allText(p.tree).includes('SECRET-LINE'), 'the outside file must not be read');
    const m = p.messages.find((x) => x.level >= 3);
    assert.ok(m, 'a SEVERE/ERROR message');
    assert.match(m.message + (m.detail ?? ''), /outside the docs root/);
    assert.doesNotMatch(m.message, /No such file or directory/);
  });
}

test('include confinement: a link that stays inside the root is read', () => {
  const root = setup();
  const p = parse('Title\n=====\n\n.. include:: inside.txt\n', { path: 'index.rst', root });
  assert.match(allText(p.tree), /Included fine/);
  assert.deepEqual(p.messages.filter((x) => x.level >= 3), []);
});

test('literalinclude through a link: the project index does not hand out the outside path', () => {
  const root = setup();
  writeFileSync(nodePath.join(root, 'index.rst'), 'Title\n=====\n\n.. literalinclude:: pw.txt\n\n.. literalinclude:: linkdir/pw.txt\n\n.. literalinclude:: real/ok.txt\n');
  const index = new ProjectIndex(root, parse, { kernelTree: null });
  index.build();
  const refs = index.getFacts('index.rst')!.includes;
  assert.deepEqual(
    refs.map((r) => [r.target, r.inRoot, r.absolutePath !== null]),
    [['pw.txt', false, false], ['linkdir/pw.txt', false, false], ['real/ok.txt', true, true]],
  );
});
