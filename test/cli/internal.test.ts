/**
 * A bug in kdocs (a rule that throws) is exit 2 with an internal-error finding, whatever the
 * config or inline comments switch off. Deep nesting is no bug: it is a docutils error finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from '../tmp.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = nodePath.join(REPO, 'bin', 'kdocs.js');

function tree(files: Record<string, string>): string {
  const root = tempDir('kdocs-internal-');
  for (const [p, t] of Object.entries(files)) writeFileSync(nodePath.join(root, p), t);
  return root;
}

test('a rule that throws: exit 2 and an internal-error finding, not hidden by --rule or kdocs-disable', () => {
  // make trailing-whitespace throw, as a bug would (the module the CLI loads is patched first)
  const dir = tempDir('kdocs-preload-');
  const preload = nodePath.join(dir, 'break-rule.mjs');
  const ruleUrl = pathToFileURL(nodePath.join(REPO, 'dist', 'rules', 'trailing-whitespace', 'index.js')).href;
  writeFileSync(preload, `import rule from ${JSON.stringify(ruleUrl)};\nrule.check = () => { throw new Error('simulated bug'); };\n`);
  const root = tree({ 'index.rst': '.. kdocs-disable-file\n\nTitle\n=====\n\nText.\n' });
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, BIN, 'lint', '--root', root, '--no-cache', '--rule', 'docutils=off'], { encoding: 'utf8' });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /index\.rst:1:1: error: rule 'trailing-whitespace' failed on this document: simulated bug \[internal-error\]/);
  assert.match(r.stderr, /internal error in 1 document/);
});

test('1000 nested block quotes: a docutils error finding (exit 1), no internal error; other findings kept', () => {
  let text = 'Title\n=====\n\nTrailing.  \n\n';
  for (let i = 0; i < 1000; i++) text += ' '.repeat(i) + `level ${i}\n\n`;
  const root = tree({ 'index.rst': text });
  const r = spawnSync(process.execPath, [BIN, 'lint', '--root', root, '--no-cache'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /error: Nesting too deep: more than 100 levels of nested body elements.*\[docutils\]/);
  assert.match(r.stdout, /index\.rst:4:10: error: .*\[trailing-whitespace\]/);
  assert.doesNotMatch(r.stdout + r.stderr, /RangeError|internal-error/);
});
