/**
 * Block parser against docutils 0.19: every case in states-cases.data.ts holds docutils' own parse
 * tree (before transforms) and messages for its input, produced with python3 + docutils 0.19 via
 * scripts/oracle.py in registered mode with the transformer disabled. To regenerate after adding
 * a case: write the inputs to files, run oracle.py on them with `document.transformer` skipped,
 * and paste the records (see the report of the block-parser commit for the exact commands).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../src/rst/parse.js';
import { nodeToJson, messageToJson } from '../../src/rst/doctree-json.js';
import { CASES } from './states-cases.data.js';

for (const c of CASES) {
  test(`states: ${c.name}`, () => {
    const r = parse(c.input, { path: `${c.name}.rst`, transforms: false });
    assert.deepEqual(nodeToJson(r.tree), c.tree);
    assert.deepEqual(r.messages.map(messageToJson), c.messages);
  });
}
