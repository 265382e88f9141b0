import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  surfaces, lookup, whereDefined, suggest, availability, nameHistory, PROFILE_NAMES, formatProfiles,
} from '../../src/model/surface/index.js';

test('every profile has a surface', () => {
  for (const p of PROFILE_NAMES) assert.equal(surfaces[p].profile, p);
});

test('vm_area_desc per profile: const and vm_flags/vma_flags', () => {
  assert.equal(lookup('6.12', 'vm_area_desc'), undefined);
  const mm617 = lookup('6.17', 'vm_area_desc.mm');
  assert.ok(mm617 && mm617.kind === 'member');
  assert.equal(mm617.field.type, 'const struct mm_struct *const');
  const mm71 = lookup('7.1', 'vm_area_desc.mm');
  assert.ok(mm71 && mm71.kind === 'member');
  assert.equal(mm71.field.type, 'struct mm_struct *');
  assert.ok(lookup('6.19', 'vm_area_desc.vm_flags'));
  assert.equal(lookup('7.1', 'vm_area_desc.vm_flags'), undefined);
  assert.ok(lookup('7.1', 'vm_area_desc.vma_flags'));
  assert.deepEqual(surfaces['7.1'].structs.vm_area_desc!.fields.map((f) => f.name),
    ['mm', 'file', 'start', 'end', 'pgoff', 'vm_file', 'vma_flags', 'page_prot', 'vm_ops', 'private_data', 'action']);
  const cls = Object.fromEntries(surfaces['7.1'].structs.vm_area_desc!.fields.map((f) => [f.name, f.class]));
  assert.equal(cls.start, 'immutable');
  assert.equal(cls.pgoff, 'mutable');
  assert.equal(cls.vm_ops, 'write-only');
});

test('helpers and renames', () => {
  assert.ok(lookup('7.1', 'vma_desc_test_any'));
  assert.deepEqual(whereDefined('vma_desc_test_flags'), []);
  assert.equal(nameHistory('vma_desc_test_flags')?.renamedIn, '7.1');
  assert.deepEqual(suggest('7.1', 'vma_desc_test_flags')[0], 'vma_desc_test_any');
  assert.match(availability('vma_desc_test_flags'), /only in 7\.0, renamed `vma_desc_test_any` in 7\.1/);
  assert.deepEqual(whereDefined('compat_vma_mmap_prepare'), ['6.17', '6.18', 'proposal-2025-09']);
  assert.deepEqual(whereDefined('compat_vma_mmap'), ['6.19', '7.1', 'mm-new']);
  assert.deepEqual(suggest('7.1', 'vma_area_desc'), ['vm_area_desc']);
});

test('hooks: mmap_complete only in the proposal; mapped from 7.1; error hooks', () => {
  assert.deepEqual(whereDefined('file_operations.mmap_complete'), ['proposal-2025-09']);
  assert.deepEqual(whereDefined('vm_operations_struct.mapped'), ['7.1', 'mm-new']);
  assert.deepEqual(whereDefined('mmap_action.error_hook'), ['6.19', '7.1']);
  assert.deepEqual(whereDefined('mmap_action.error_override'), ['mm-new']);
  assert.deepEqual(whereDefined('file_operations.mmap_prepare'), ['6.17', '6.18', '6.19', '7.1', 'mm-new', 'proposal-2025-09']);
  assert.equal(surfaces['mm-new'].errorHook, 'error_override');
  assert.deepEqual(surfaces['7.1'].enums.mmap_action_type!.members,
    ['MMAP_NOTHING', 'MMAP_REMAP_PFN', 'MMAP_IO_REMAP_PFN', 'MMAP_SIMPLE_IO_REMAP', 'MMAP_MAP_KERNEL_PAGES']);
  assert.equal(formatProfiles(['6.17', '6.18', '6.19', 'proposal-2025-09']), '6.17–6.19, proposal-2025-09');
});
