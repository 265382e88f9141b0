/**
 * Real editors end to end: Neovim (vim.lsp.start_client, 0.7+) and Emacs with eglot open
 * guide.rst of the test project (an unknown lexer `Cw`, a Markdown heading, a `:ref:` to a missing
 * label), show kdocs' diagnostics, apply the preferred quick fix through the editor, and show the
 * diagnostics of the fixed buffer. The scripts are test/lsp/editors/nvim.lua and eglot.el. Skipped,
 * with the reason, when the editor (or eglot) is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { BIN, REPO } from './client.js';
import { project } from './harness.js';
import { FILES } from './fixture.js';
import { tempDir } from '../tmp.js';

const EDITORS = nodePath.join(REPO, 'test', 'lsp', 'editors');
const ELPA = '/usr/share/emacs/site-lisp/elpa';

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function run(cmd: string, args: string[], root: string, extra: Record<string, string> = {}): string[] {
  const out = nodePath.join(tempDir('kdocs-editor-out-'), 'out.txt');
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    timeout: 300000,
    env: { ...process.env, KDOCS_NODE: process.execPath, KDOCS_BIN: BIN, KDOCS_ROOT: root, KDOCS_OUT: out, XDG_CACHE_HOME: tempDir('kdocs-editor-cache-'), ...extra },
  });
  const lines = existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n') : [];
  assert.ok(lines.includes('DONE'), `${cmd} did not finish (status ${r.status}, signal ${r.signal}): ${lines.join(' | ')} ${r.stderr?.slice(-1500)}`);
  assert.deepEqual(lines.filter((l) => l.startsWith('ERROR')), []);
  return lines;
}

test('Neovim: diagnostics shown, quick fix applied through vim.lsp', (t) => {
  const nvim = which('nvim');
  if (!nvim) {
    t.skip('nvim is not installed (apt install neovim)');
    return;
  }
  const root = project(FILES);
  const lines = run(nvim, ['--headless', '-u', 'NONE', '-S', nodePath.join(EDITORS, 'nvim.lua'), nodePath.join(root, 'guide.rst')], root);
  assert.deepEqual(
    lines.filter((l) => l.startsWith('DIAG')),
    [
      "DIAG 8:17 code-block-lexer Pygments lexer name 'Cw' is not known",
      "DIAG 12:1 markdown-heading Markdown heading '## How To Use' is a plain paragraph in reStructuredText: underline the title instead",
      "DIAG 14:5 unresolved-reference undefined label: 'missing-label'",
    ],
  );
  assert.ok(lines.includes("APPLIED Fix: Pygments lexer name 'Cw' is not known (code-block-lexer)"));
  assert.ok(lines.includes('ACTION Disable code-block-lexer for this line'));
  assert.ok(lines.includes('LINE .. code-block:: c'));
  assert.deepEqual(lines.filter((l) => l.startsWith('AFTER')), ['AFTER 12:1 markdown-heading', 'AFTER 14:5 unresolved-reference']);
});

test('Emacs + eglot: flymake shows the diagnostics, eglot-code-actions applies the quick fix', (t) => {
  const emacs = which('emacs');
  if (!emacs) {
    t.skip('emacs is not installed (apt install emacs-nox elpa-eglot)');
    return;
  }
  if (!existsSync(ELPA) || !hasEglot()) {
    t.skip(`eglot is not installed under ${ELPA} (apt install elpa-eglot)`);
    return;
  }
  const root = project(FILES);
  const lines = run(emacs, ['--batch', '-Q', '-l', nodePath.join(EDITORS, 'eglot.el')], root, { KDOCS_FILE: nodePath.join(root, 'guide.rst') });
  assert.deepEqual(
    lines.filter((l) => l.startsWith('DIAG')),
    [
      "DIAG 8 kdocs [code-block-lexer]: Pygments lexer name 'Cw' is not known",
      "DIAG 12 kdocs [markdown-heading]: Markdown heading '## How To Use' is a plain paragraph in reStructuredText: underline the title instead",
      "DIAG 14 kdocs [unresolved-reference]: undefined label: 'missing-label'",
    ],
  );
  assert.ok(lines.includes('LINE .. code-block:: c'));
  assert.deepEqual(
    lines.filter((l) => l.startsWith('AFTER')).map((l) => l.replace(/:.*/, '')),
    ['AFTER 12 kdocs [markdown-heading]', 'AFTER 14 kdocs [unresolved-reference]'],
  );
});

function hasEglot(): boolean {
  return spawnSync('sh', ['-c', `ls -d ${ELPA}/eglot-*`]).status === 0;
}
