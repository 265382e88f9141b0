/**
 * Historical sentences (issue 12 §1): a name a sentence says was renamed, removed, replaced or
 * never merged is checked the other way round; and sentences are read whitespace-normalised.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import identifier from '../../rules/contract-identifier/index.js';
import { historicalSpans } from '../../src/contracts/doc/historical.js';
import { sentencesOf, sourceRange } from '../../src/contracts/doc/sentences.js';
import type { Region } from '../../src/contracts/doc/regions.js';
import { brief, docFrom, runRule } from './helpers.js';

const doc = (body: string) => docFrom(`Porting\n=======\n\n${body}\n`);
const lint = (body: string, profile: string): string[] => brief(runRule(identifier, doc(body), { profile }));
const prose = (text: string, start = 0): Region => ({ kind: 'prose', start, end: start + text.length, text });

const ISSUE_SENTENCES = [
  '``compat_vma_mmap_prepare()`` has been renamed to ``compat_vma_mmap()``.',
  '``vma_desc_test_flags()`` is gone.',
  'The ``mmap_complete`` and ``mmap_abort`` hooks of the 2025 proposal were never\nmerged.',
];

test('the issue\'s historical sentences give no finding against the profile they describe', () => {
  for (const s of ISSUE_SENTENCES) assert.deepEqual(lint(s, '7.1'), [], s);
  // "true in mm-new"
  assert.deepEqual(lint('There is no longer an ``error_hook`` callback.', 'mm-new'), []);
});

test('the same names outside a historical sentence are still reported', () => {
  const got = lint('Call ``vma_desc_test_flags()`` and set ``f_op->mmap_complete``.', '7.1');
  assert.equal(got.length, 2);
  assert.match(got[0]!, /`vma_desc_test_flags` is not in the 7\.1 API/);
  assert.match(got[1]!, /`mmap_complete` is not a member of `struct file_operations` in 7\.1/);
});

test('a name said to be gone that the profile still has is reported', () => {
  const got = lint('There is no longer an ``error_hook`` callback.', '7.1');
  assert.deepEqual(got, ['4:25 this says `error_hook` is gone, but the 7.1 API still has it (exists from 6.19 until 7.1, renamed `error_override` in mm-new; mm-new replaced it by int error_filter, later renamed error_override; defined in profiles 6.19–7.1)']);
  // "replaced" is loose prose: a replaced name that lives on is not reported
  assert.deepEqual(lint('``f_op->mmap`` has been replaced by ``f_op->mmap_prepare``.', '7.1'), []);
});

test('a name said to be renamed must have existed before the profile', () => {
  const got = lint(ISSUE_SENTENCES[0]!, '6.12');
  assert.match(got[0]!, /^4:3 this says `compat_vma_mmap_prepare` was renamed, but no kernel up to 6\.12 had it/);
  // the new name is an ordinary mention
  assert.match(got[1]!, /^4:53 `compat_vma_mmap` is not in the 6\.12 API/);
  assert.deepEqual(lint(ISSUE_SENTENCES[0]!, '6.19'), []);
});

test('an unknown name in a historical sentence gets the ordinary did-you-mean', () => {
  const got = lint('``vma_desc_test_ayn()`` has been removed.', '7.1');
  assert.equal(got.length, 1);
  assert.match(got[0]!, /did you mean/);
});

test('active forms and clauses: "renamed X to Y", "X is no longer exported; use Y"', () => {
  assert.deepEqual(lint('Commit e650bb30ca53 renamed ``vma_desc_test_flags()`` to ``vma_desc_test_any()``.', '7.1'), []);
  assert.deepEqual(lint('``compat_vma_mmap_prepare()`` is no longer exported; use ``compat_vma_mmap()``.', '7.1'), []);
  const got = lint('``compat_vma_mmap_prepare()`` is no longer exported; use ``compat_vma_mmap_prepare()``.', '7.1');
  assert.equal(got.length, 1, 'the name after the clause boundary is an ordinary mention');
  assert.match(got[0]!, /^4:60 `compat_vma_mmap_prepare` is not in the 7\.1 API/);
});

test('historical spans: positions in the source, wrapped sentences included', () => {
  const text = 'The ``mmap_complete`` and ``mmap_abort`` hooks were never\n   merged. ``mapped`` is new.';
  const spans = historicalSpans(prose(text, 100));
  assert.equal(spans.length, 1);
  assert.equal(spans[0]!.kind, 'never-merged');
  assert.equal(spans[0]!.start, 100);
  assert.ok(spans[0]!.end > 100 + text.indexOf('mmap_abort') && spans[0]!.end <= 100 + text.indexOf('never'));
});

test('sentences: whitespace-normalised, split at sentence ends only, mapped back exactly', () => {
  const text = 'All methods are called without any locks being held, unless\n\totherwise noted.  E.g. for ext4, see\n  below. Done';
  const ss = sentencesOf(prose(text, 10));
  assert.deepEqual(ss.map((s) => s.text), [
    'All methods are called without any locks being held, unless otherwise noted.',
    'E.g. for ext4, see below.',
    'Done',
  ]);
  const s0 = ss[0]!;
  const at = s0.text.indexOf('unless otherwise noted');
  const [a, b] = sourceRange(s0, at, at + 'unless otherwise noted'.length);
  assert.equal(text.slice(a - 10, b - 10), 'unless\n\totherwise noted');
  assert.equal(ss[1]!.start - 10, text.indexOf('E.g.'));
  assert.equal(ss[2]!.end - 10, text.length);
});

test('sentences of the 6.12 tree that retire something else are left alone', () => {
  // admin-guide/mm/nommu-mmap.rst:220 and watchdog/convert_drivers_to_kernel_api.rst:91
  assert.deepEqual(lint('The vm_ops->close() routine will be invoked when the last mapping on a chardev is\nremoved.', '7.1'), []);
  assert.deepEqual(lint('Since the file_operations are gone now, you can also remove the \'struct\nmiscdevice\'.', '7.1'), []);
  // ... while a retired name that some profile lacks is still checked
  assert.equal(lint('The ``error_hook`` callback that drivers set has been removed.', '7.1').length, 1);
});
