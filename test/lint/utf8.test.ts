/**
 * A document that is not valid UTF-8: lint says so (Sphinx warns "undecodable source characters"),
 * and --fix leaves its bytes alone instead of writing U+FFFD over them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../tmp.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = nodePath.join(REPO, 'bin', 'kdocs.js');

test('invalid UTF-8: reported at its line, and --fix keeps every byte of that file', () => {
  const root = tempDir('kdocs-utf8-');
  // line 4: é in ISO-8859-1 (0xe9, not UTF-8) and trailing blanks (fixable); line 6: 0xff 0xfe
  const bad = Buffer.concat([
    Buffer.from('Title\n=====\n\nLatin-1 caf', 'utf8'),
    Buffer.from([0xe9]),
    Buffer.from(' and trailing blanks.   \n\nMore ', 'utf8'),
    Buffer.from([0xff, 0xfe]),
    Buffer.from(' text.\n', 'utf8'),
  ]);
  writeFileSync(nodePath.join(root, 'index.rst'), 'Index\n=====\n\n.. toctree::\n\n   bad\n   good\n');
  writeFileSync(nodePath.join(root, 'bad.rst'), bad);
  writeFileSync(nodePath.join(root, 'good.rst'), 'Good\n====\n\nTrailing blanks.   \n');
  const lint = spawnSync(process.execPath, [BIN, 'lint', '--root', root, '--no-cache', '--format', 'json'], { encoding: 'utf8' });
  const findings = JSON.parse(lint.stdout) as { file: string; line: number; rule: string; message: string }[];
  const undecodable = findings.filter((f) => f.file.endsWith('bad.rst') && /undecodable source characters/.test(f.message));
  assert.deepEqual(undecodable.map((f) => f.line), [4, 6, 6]);

  const fix = spawnSync(process.execPath, [BIN, 'lint', '--root', root, '--no-cache', '--fix'], { encoding: 'utf8' });
  assert.match(fix.stderr, /bad\.rst: not fixed: the file is not valid UTF-8/);
  assert.ok(readFileSync(nodePath.join(root, 'bad.rst')).equals(bad), 'bad.rst is byte for byte unchanged');
  assert.equal(readFileSync(nodePath.join(root, 'good.rst'), 'utf8'), 'Good\n====\n\nTrailing blanks.\n');
});
