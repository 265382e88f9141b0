import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { importClosureStamp } from '../../../src/project/cache.js';
import { buildContracts, buildContractsCached, contractsStats, startContracts, writeBuiltContracts } from '../../../src/html/site/contracts.js';
import { PROFILE_NAMES } from '../../../src/model/index.js';
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
  const s2 = stamp();
  assert.notEqual(s2, s1, 'a module imported dynamically counts');
  // the same files elsewhere (a moved checkout): the same stamp
  const moved = tempDir('kdocs-closure-moved-');
  cpSync(dir, moved, { recursive: true });
  assert.equal(importClosureStamp([nodePath.join(moved, 'explore.js')]), s2, 'paths count relative to the roots');
});

test('explorations made when kdocs is built are read by a build with no cache: no exploration, the same views; a cache miss in both explores', async () => {
  const built = tempDir('kdocs-built-data-');
  const files = writeBuiltContracts(built);
  assert.equal(files.length, PROFILE_NAMES.length, 'one file per profile');
  assert.deepEqual(writeBuiltContracts(built), [], 'a rebuild with the same model writes nothing');
  writeFileSync(files[0]!, '[');
  assert.deepEqual(writeBuiltContracts(built), [files[0]], 'an unreadable file is written again');
  assert.equal(readdirSync(built).length, PROFILE_NAMES.length, 'nothing piles up');
  const strip = (d: ReturnType<typeof buildContracts>): string => JSON.stringify(d.views, (k, v) => (k === 'ms' ? undefined : v)) + JSON.stringify([...d.byName]);
  for (const profile of ['6.12', '7.1'] as const) {
    const before = { ...contractsStats };
    const started = startContracts(profile, false, built);
    const data = await started.data;
    assert.equal(contractsStats.explored, before.explored, `${profile}: nothing explored`);
    assert.equal(contractsStats.fromBuild, before.fromBuild + 1, `${profile}: read from the build's files`);
    assert.equal(strip(data), strip(buildContracts(profile)), `${profile}: the views the model gives`);
  }
  const empty = tempDir('kdocs-built-none-');
  const before = { ...contractsStats };
  buildContractsCached('7.1', false, undefined, empty);
  assert.equal(contractsStats.explored, before.explored + 1, 'no file: explored');
  assert.equal(contractsStats.fromBuild, before.fromBuild);
});
