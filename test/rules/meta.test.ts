/** Rule metadata: ids match folders, options schemas compile and accept the default options. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { allRules } from '../../rules/index.js';

const here = nodePath.dirname(fileURLToPath(import.meta.url));
const rulesDir = nodePath.resolve(here, '..', '..', '..', 'rules');

test('rule ids are unique, kebab-case, and name their folder', () => {
  const ids = allRules.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) {
    assert.match(id, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
    assert.ok(existsSync(nodePath.join(rulesDir, id, 'index.ts')), `rules/${id}/index.ts`);
  }
});

test('options schemas compile and accept the default options', () => {
  const ajv = new Ajv({ strict: false });
  for (const r of allRules) {
    const validate = ajv.compile(r.meta.optionsSchema);
    assert.ok(validate(r.meta.defaultOptions ?? {}), `${r.meta.id}: ${ajv.errorsText(validate.errors)}`);
    assert.ok(['error', 'warning', 'info'].includes(r.meta.defaultSeverity), r.meta.id);
  }
});
