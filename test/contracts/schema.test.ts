import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadContracts } from '../../src/contracts/load.js';
import { PROFILE_NAMES } from '../../src/model/surface/index.js';

test('every contract validates against contract.schema.json', () => {
  const { contracts, errors } = loadContracts();
  assert.deepEqual(errors, []);
  assert.equal(contracts.length, 70);
  const ids = contracts.map((c) => c.id);
  for (let i = 1; i <= 70; i++) assert.ok(ids.includes(`C${String(i).padStart(2, '0')}`), `C${i} missing`);
});

test('each contract classifies every profile exactly once', () => {
  for (const c of loadContracts().contracts) {
    const all = [...c.profiles.holds, ...c.profiles.fails, ...c.profiles.notApplicable].sort();
    assert.deepEqual(all, [...PROFILE_NAMES].sort(), c.id);
  }
});
