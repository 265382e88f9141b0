/**
 * Done-when targets of the cross-check (issue 4): mainline mmap_prepare.rst against 7.1 gives the
 * mechanical §7.1 disagreements and nothing else; texts naming `struct vma_area_desc` or
 * `vma_desc_test_flags` get those reported; no false findings on docs-src.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import identifier from '../../rules/contract-identifier/index.js';
import signature from '../../rules/contract-signature/index.js';
import fieldClass from '../../rules/contract-field-class/index.js';
import behaviour from '../../rules/contract-behaviour/index.js';
import type { Finding, Rule } from '../../src/lint/types.js';
import { docFile, repoRoot, runRule } from './helpers.js';

const RULES: Rule[] = [identifier, signature, fieldClass, behaviour];
const lines = (fs: Finding[]): string[] => fs.map((f) => `${f.ruleId}@${f.place.start.line}`);

function lintAll(rel: string, profile = '7.1'): Finding[] {
  const doc = docFile(rel);
  return RULES.flatMap((r) => runRule(r, doc, { profile }));
}

test('mainline mmap_prepare.rst @ 7.1: D1 (const fields), D8, D6 and nothing else', () => {
  const fs = lintAll('docs-src/mmap_prepare.rst');
  assert.deepEqual(lines(fs).sort(), [
    'contract-behaviour@159', // D6 "from a specific offset"
    'contract-behaviour@17', // D8 "right at the beginning"
    'contract-signature@64', // D1 const struct mm_struct *const mm
    'contract-signature@65', // D1 struct file *const file
  ].sort());
  const d1 = fs.find((f) => f.place.start.line === 64)!;
  assert.match(d1.message, /`const struct mm_struct \*const mm` does not match 7\.1: `struct vm_area_desc` declares `struct mm_struct \*mm`/);
  const d8 = fs.find((f) => f.place.start.line === 17)!;
  assert.ok(d8.detail && /f_op->mmap_prepare/.test(d8.detail) && /vm_ops->close/.test(d8.detail), 'D8 carries a model trace');
});

test('mainline mmap_prepare.rst @ 6.17: the 7.x API it documents is reported as absent', () => {
  const fs = lintAll('docs-src/mmap_prepare.rst', '6.17');
  const msgs = fs.map((f) => f.message).join('\n');
  assert.match(msgs, /`mapped` is not a member of `struct vm_operations_struct` in 6\.17/);
  assert.match(msgs, /`vma_desc_test_any` is not in the 6\.17 API/);
  assert.match(msgs, /`mmap_action_remap` is not in the 6\.17 API: defined in profiles 6\.19–mm-new/);
  // the const members are right for 6.17; vma_flags is not
  assert.ok(!fs.some((f) => f.ruleId === 'contract-signature' && f.place.start.line === 64));
  assert.ok(fs.some((f) => f.ruleId === 'contract-signature' && f.place.start.line === 72));
});

test('v1-era names: struct vma_area_desc, vma_desc_test_flags, mmap_complete, vm_flags, error_filter', () => {
  const fs = runRule(identifier, docFile('test/contracts/fixtures/v1-names.rst'), { profile: '7.1' });
  const msgs = fs.map((f) => `${f.place.start.line}: ${f.message}`).join('\n');
  assert.match(msgs, /7: `struct vma_area_desc` is not in the 7\.1 API: .*did you mean `struct vm_area_desc`\?/);
  assert.match(msgs, /10: `vma_desc_test_flags` is not in the 7\.1 API: exists only in 7\.0, renamed `vma_desc_test_any` in 7\.1.*did you mean `vma_desc_test_any`\?/);
  assert.match(msgs, /15: `mmap_complete` is not a member of `struct file_operations` in 7\.1: proposed in 2025-09/);
  assert.match(msgs, /16: `mmap_abort`/);
  assert.match(msgs, /13: `vm_flags` is not a member of `struct vm_area_desc` in 7\.1: .*did you mean `vma_flags`\?/);
  assert.match(msgs, /18: `error_filter` is not a member of `struct mmap_action` in 7\.1/);
  assert.match(msgs, /26: `mmap_action_remap_ful` does not exist in the 7\.1 API; did you mean `mmap_action_remap_full`\?/);
  const f = fs.find((x) => x.message.includes('vma_desc_test_flags'))!;
  assert.equal(f.suggestions?.[0]?.fix[0]?.newText, 'vma_desc_test_any');
  // the same text against mm-new: error_filter was renamed error_override there
  const mm = runRule(identifier, docFile('test/contracts/fixtures/v1-names.rst'), { profile: 'mm-new' });
  assert.ok(mm.some((x) => /`error_filter` .*did you mean `error_override`/.test(x.message)));
});

test('field classes: writes to desc->start/end in an mmap_prepare example', () => {
  const fs = runRule(fieldClass, docFile('test/contracts/fixtures/field-class.rst'), { profile: '7.1' });
  assert.deepEqual(lines(fs), ['contract-field-class@8', 'contract-field-class@9']);
});

test('behaviour: mapped on merge, multi-VMA mremap without FIXED — with model traces', () => {
  const fs = runRule(behaviour, docFile('test/contracts/fixtures/behaviour.rst'), { profile: '7.1' });
  assert.deepEqual(lines(fs), ['contract-behaviour@4', 'contract-behaviour@7']);
  assert.match(fs[0]!.message, /contradicts C26/);
  assert.match(fs[0]!.detail!, /merged/);
  assert.doesNotMatch(fs[0]!.detail!, /vm_ops->mapped\(/);
  assert.match(fs[1]!.message, /contradicts C54/);
  assert.match(fs[1]!.detail!, /mremap\(/);
});

test('no false findings on docs-src (identifier, field classes, behaviour; signature: only the stale locking.rst prototypes)', () => {
  const root = repoRoot();
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.rst')) files.push(relative(root, p));
    }
  };
  walk(join(root, 'docs-src'));
  const got: string[] = [];
  for (const f of files) for (const x of lintAll(f)) got.push(`${f}:${x.place.start.line} ${x.ruleId}`);
  assert.deepEqual(got.sort(), [
    // vm_operations_struct prototypes in 6.12 locking.rst still show (struct vm_area_struct *, struct vm_fault *)
    'docs-src/locking.rst:646 contract-signature',
    'docs-src/locking.rst:647 contract-signature',
    'docs-src/mmap_prepare.rst:159 contract-behaviour',
    'docs-src/mmap_prepare.rst:17 contract-behaviour',
    'docs-src/mmap_prepare.rst:64 contract-signature',
    'docs-src/mmap_prepare.rst:65 contract-signature',
    // C69 (D12): "all methods are called without any locks being held, unless otherwise noted",
    // wrapped over two lines, in a file_operations section that never mentions mmap_lock
    'docs-src/vfs.rst:1112 contract-behaviour',
  ].sort());
});

test('the identifier pre-filter covers every name that can be reported', async () => {
  const s = await import('../../src/model/surface/index.js');
  const { MAYBE_API } = await import('../../rules/contract-identifier/index.js');
  const variable = [...s.ALL_NAMES].filter((n) => !s.PROFILE_NAMES.every((p) => s.lookup(p, n)));
  const missed = [...variable, ...s.NAME_HISTORY.map((h) => h.name)].filter((n) => !MAYBE_API.test(n) && !/^vm_area_struct\./.test(n));
  assert.deepEqual(missed, []);
});

test('roles and title references: :c:func:, :c:type: (with a target), `x()`', () => {
  const fs = runRule(identifier, docFile('test/contracts/fixtures/roles.rst'), { profile: '7.1' });
  assert.deepEqual(fs.map((f) => `${f.place.start.line}:${f.place.start.column}`), ['4:14', '4:55', '4:70', '4:93']);
});

test('behaviour: a text stating a 6.17+ claim, checked against 6.12, gets the counterexample', () => {
  const doc = docFile('test/contracts/fixtures/multi-move.rst');
  assert.deepEqual(runRule(behaviour, doc, { profile: '7.1' }), []);
  const fs = runRule(behaviour, doc, { profile: '6.12' });
  assert.equal(fs.length, 1);
  assert.match(fs[0]!.message, /states C51 .* which does not hold in 6\.12: a FIXED\|MAYMOVE same-size move over \d VMAs failed with EFAULT/);
  assert.match(fs[0]!.detail!, /counterexample \(model, profile 6\.12\)/);
  assert.match(fs[0]!.detail!, /= EFAULT/);
});
