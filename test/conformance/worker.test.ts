/**
 * The conformance harness runs our parser in a worker with a per-file timeout: a file over the
 * limit is recorded as a hang, the worker is replaced, and the run goes on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ourRecords } from '../../scripts/conformance.js';
import { DOCS_SRC } from '../../scripts/golden.js';

test('a file over the time limit is a hang; the next file gets a fresh worker', { timeout: 120000 }, async () => {
  const slow = await ourRecords(DOCS_SRC, ['proc.rst'], 1);
  assert.equal(slow.get('proc.rst')?.hang, true);
  const r = await ourRecords(DOCS_SRC, ['proc.rst', '9p.rst'], 60000);
  assert.equal(r.get('proc.rst')?.hang, undefined);
  assert.equal(r.get('9p.rst')?.rec?.file, '9p.rst');
  assert.ok(r.get('9p.rst')?.rec?.tree, 'parsed');
});
