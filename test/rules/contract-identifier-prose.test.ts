/**
 * contract-identifier skips prose paragraphs that cannot give a finding (PROSE_REPORTABLE): every
 * bare name `checkMention` may report in prose must match it, or a paragraph naming it next to an
 * unrelated pre-filter hit ("description") would lose its finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROSE_REPORTABLE } from '../../rules/contract-identifier/index.js';
import { ALL_NAMES, NAME_HISTORY, PROFILE_NAMES, lookup } from '../../src/model/surface/index.js';
import { DISTINCTIVE_MEMBERS, STRICT_PREFIXES } from '../../src/contracts/doc/identifiers.js';
import rule from '../../rules/contract-identifier/index.js';
import { buildProject, runRule } from './harness.js';

test('every bare name contract-identifier can report in prose matches PROSE_REPORTABLE', () => {
  // names every profile has are never reported bare
  const variable = [...ALL_NAMES].filter((n) => !PROFILE_NAMES.every((p) => lookup(p, n)));
  const names = [...variable, ...NAME_HISTORY.map((h) => h.name), ...DISTINCTIVE_MEMBERS, ...STRICT_PREFIXES].filter((n) => !n.includes('.'));
  assert.ok(names.length > 50);
  assert.deepEqual(names.filter((n) => !PROSE_REPORTABLE.test(n)), []);
});

test('a struct typo or an action member next to an unrelated hit is still reported', async () => {
  // "description" passes MAYBE_API_PROSE; the typo has no pre-filter string of its own
  const text = 'Title\n=====\n\nSee mmap_prepare.\n\nThe description of struct file_operationz.\n\nThe description says action->typ is set.\n';
  const index = await buildProject([{ path: 'x.rst', text }]);
  const found = runRule(rule, index, 'x.rst', { profile: '7.1' }).map((f) => `${f.place.start.line}:${f.place.start.column} ${f.message}`);
  assert.deepEqual(found, [
    '6:27 `struct file_operationz` does not exist; did you mean `struct file_operations`?',
    '8:30 `typ` is not a member of `struct mmap_action` in 7.1; did you mean `type`?',
  ]);
});
