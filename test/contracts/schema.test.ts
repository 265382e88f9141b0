import { tempDir } from '../tmp.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadContracts } from '../../src/contracts/load.js';
import { PROFILE_NAMES } from '../../src/model/surface/index.js';

test('every contract validates against contract.schema.json', () => {
  const { contracts, errors } = loadContracts();
  assert.deepEqual(errors, []);
  assert.equal(contracts.length, 74);
  const ids = contracts.map((c) => c.id);
  for (let i = 1; i <= 74; i++) assert.ok(ids.includes(`C${String(i).padStart(2, '0')}`), `C${i} missing`);
});

test('each contract classifies every profile exactly once', () => {
  for (const c of loadContracts().contracts) {
    const all = [...c.profiles.holds, ...c.profiles.fails, ...c.profiles.notApplicable].sort();
    assert.deepEqual(all, [...PROFILE_NAMES].sort(), c.id);
  }
});

test('the schema rejects a malformed contract', async () => {
  const { writeFileSync, copyFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { contractsDir } = await import('../../src/contracts/load.js');
  const dir = tempDir('kdocs-contracts-');
  copyFileSync(join(contractsDir(), 'contract.schema.json'), join(dir, 'contract.schema.json'));
  writeFileSync(join(dir, 'C99.json'), JSON.stringify({
    id: 'C99', statement: 'A claim without profiles.', check: 'trace', predicate: 'C99', docPlaces: [],
  }));
  writeFileSync(join(dir, 'C98.json'), JSON.stringify({
    id: 'C98', statement: 'A claim with a bad regex phrasing.', check: 'surface', predicate: 'C98',
    profiles: { holds: ['7.1'], fails: [], notApplicable: [] },
    docPlaces: [{ file: 'x.rst', phrasings: [{ pattern: '(unclosed', means: 'holds' }] }],
  }));
  const { errors } = loadContracts(dir);
  assert.ok(errors.some((e) => e.file === 'C99.json' && /profiles|scenario/.test(e.message)), JSON.stringify(errors));
  assert.ok(errors.some((e) => e.file === 'C98.json' && /regex/.test(e.message)), JSON.stringify(errors));
});
