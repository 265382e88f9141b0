import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { importClosureStamp } from '../../../src/project/cache.js';
import { tempDir } from '../../tmp.js';

test('the contract pages\' cache key: the texts of the explorer\'s modules and what they import, not the rest of the build', () => {
  const dir = tempDir('kdocs-closure-');
  mkdirSync(nodePath.join(dir, 'model'));
  const put = (f: string, text: string): void => writeFileSync(nodePath.join(dir, f), text);
  put('explore.js', "import { run } from './model/index.js';\nimport x from 'fast-check';\nexport const go = () => run();\n");
  put('model/index.js', "export * from './mm.js';\nexport const run = () => import('../late.js');\n");
  put('model/mm.js', 'export const mm = 1;\n');
  put('late.js', 'export default 2;\n');
  put('claims.js', "import { go } from './explore.js';\n");
  const stamp = (): string => importClosureStamp([nodePath.join(dir, 'explore.js')]);
  const s0 = stamp();
  assert.equal(stamp(), s0, 'stable');
  put('claims.js', "import { go } from './explore.js';\n// another matcher\n");
  assert.equal(stamp(), s0, 'a module importing the explorer (not imported by it) does not count');
  put('model/mm.js', 'export const mm = 2;\n');
  const s1 = stamp();
  assert.notEqual(s1, s0, 'a module re-exported by the model counts');
  put('late.js', 'export default 3;\n');
  assert.notEqual(stamp(), s1, 'a module imported dynamically counts');
});
