/**
 * `--fix` writes each file whole (temporary file + rename) and stops cleanly on Ctrl-C, saying how
 * many files it changed: no file is ever left truncated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic, writeFixedFiles } from '../../src/lint/fix.js';
import { tempDir } from '../tmp.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = nodePath.join(REPO, 'bin', 'kdocs.js');

test('writeFileAtomic: replaces the text, keeps the mode, follows a symlink, leaves no temporary file', () => {
  const dir = tempDir('kdocs-atomic-');
  const f = nodePath.join(dir, 'a.rst');
  writeFileSync(f, 'old\n');
  chmodSync(f, 0o640);
  writeFileAtomic(f, 'new text\n');
  assert.equal(readFileSync(f, 'utf8'), 'new text\n');
  assert.equal(statSync(f).mode & 0o777, 0o640);
  mkdirSync(nodePath.join(dir, 'real'));
  writeFileSync(nodePath.join(dir, 'real', 'b.rst'), 'b\n');
  symlinkSync(nodePath.join('real', 'b.rst'), nodePath.join(dir, 'link.rst'));
  writeFileAtomic(nodePath.join(dir, 'link.rst'), 'fixed b\n');
  assert.ok(lstatSync(nodePath.join(dir, 'link.rst')).isSymbolicLink(), 'the link stays a link');
  assert.equal(readFileSync(nodePath.join(dir, 'real', 'b.rst'), 'utf8'), 'fixed b\n');
  assert.deepEqual(readdirSync(dir).sort(), ['a.rst', 'link.rst', 'real']);
  assert.deepEqual(readdirSync(nodePath.join(dir, 'real')), ['b.rst']);
});

test('writeFixedFiles: once stopped, nothing more is written', async () => {
  const dir = tempDir('kdocs-stop-');
  const files = [0, 1, 2, 3, 4].map((i) => nodePath.join(dir, `${i}.rst`));
  for (const f of files) writeFileSync(f, 'old\n');
  let asked = 0;
  const out = await writeFixedFiles(files.map((f) => [f, 'new\n'] as const), () => ++asked > 2);
  assert.equal(out.interrupted, true);
  assert.deepEqual(out.written, files.slice(0, 2));
  assert.deepEqual(files.map((f) => readFileSync(f, 'utf8')), ['new\n', 'new\n', 'old\n', 'old\n', 'old\n']);
});

test('kdocs lint --fix interrupted by SIGINT: every file old or fully fixed, and the count of changed files said', async () => {
  const root = tempDir('kdocs-sigint-');
  const N = 300;
  const body = (i: number, fixed: boolean): string => {
    let t = `Doc ${i}\n${'='.repeat(4 + String(i).length)}\n\n`;
    for (let k = 0; k < 40; k++) t += `Line ${k} of a document long enough to matter.${fixed ? '' : '   '}\n`;
    return t;
  };
  let index = 'Index\n=====\n\n.. toctree::\n\n';
  for (let i = 0; i < N; i++) {
    writeFileSync(nodePath.join(root, `d${i}.rst`), body(i, false));
    index += `   d${i}\n`;
  }
  writeFileSync(nodePath.join(root, 'index.rst'), index);
  const child = spawn(process.execPath, [BIN, 'lint', '--root', root, '--no-cache', '--fix', '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.resume();
  const first = nodePath.join(root, 'd0.rst');
  const before = statSync(first).mtimeMs;
  // interrupt as soon as the first fixed file lands
  const poll = setInterval(() => {
    try {
      if (statSync(first).mtimeMs !== before || readFileSync(first, 'utf8') === body(0, true)) {
        clearInterval(poll);
        child.kill('SIGINT');
      }
    } catch {
      /* between unlink and rename cannot happen with rename; keep polling */
    }
  }, 2);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearInterval(poll);
  let changed = 0;
  for (let i = 0; i < N; i++) {
    const text = readFileSync(nodePath.join(root, `d${i}.rst`), 'utf8');
    assert.ok(text === body(i, false) || text === body(i, true), `d${i}.rst is neither the old nor the fixed text (${text.length} chars)`);
    if (text === body(i, true)) changed++;
  }
  assert.deepEqual(readdirSync(root).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left behind');
  if (code === 130) {
    assert.match(stderr, new RegExp(`interrupted: ${changed} of ${N} fixed file\\(s\\) written`));
    assert.ok(changed < N);
  } else {
    // the run finished before the signal arrived: every file fixed, and said so
    assert.equal(code, 0, stderr);
    assert.equal(changed, N);
  }
});
