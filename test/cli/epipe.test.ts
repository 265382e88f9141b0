/**
 * `kdocs contracts | head`, `kdocs doctree ... | head`: the reader closes the pipe early; kdocs
 * must stop quietly (exit 0, nothing on stderr), not die with an EPIPE stack trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = nodePath.join(REPO, 'bin', 'kdocs.js');

/** Run kdocs, read the first chunk of its stdout, then close the pipe as `head` does. */
function headOf(args: string[]): Promise<{ code: number | null; first: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let first = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString('utf8');
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, first, stderr }));
  });
}

test('kdocs contracts | head: quiet exit 0 when the reader goes away', async () => {
  const r = await headOf(['contracts']);
  assert.match(r.first, /^C01 /);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
});

test('kdocs doctree ... | head: quiet exit 0 when the reader goes away', async () => {
  const dir = nodePath.join(REPO, 'docs-src');
  const files = readdirSync(dir).filter((f) => f.endsWith('.rst')).map((f) => nodePath.join(dir, f));
  // enough documents that the output is written in several chunks, well past a pipe's buffer
  const r = await headOf(['doctree', '--root', dir, ...files, ...files, ...files]);
  assert.ok(r.first.length > 0);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
});
