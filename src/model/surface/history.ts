/**
 * Names whose life spans releases that are not all kdocs profiles (7.0 has no profile), or that
 * never existed (typos seen on the lists), with the facts for messages. vma-contracts.md §1.1,
 * §1.4, §1.9, §7.2.
 */
import type { NameHistory } from './types.js';
import { VMA_BITS } from './profiles.js';

export const NAME_HISTORY: NameHistory[] = [
  {
    name: 'vma_desc_test_flags', kind: 'helper', since: '7.0', until: '7.0', renamedTo: 'vma_desc_test_any', renamedIn: '7.1',
    note: 'renamed by e650bb30ca53',
  },
  { name: 'vma_flags_test', kind: 'helper', since: '7.0', until: '7.0', renamedTo: 'vma_flags_test_any', renamedIn: '7.1', note: 'renamed by e650bb30ca53' },
  { name: 'vma_test_all_flags', kind: 'helper', since: '7.0', until: '7.0', renamedTo: 'vma_test_all', renamedIn: '7.1', note: 'renamed by e650bb30ca53' },
  {
    name: 'vma_area_desc', kind: 'struct', since: 'never',
    note: 'no kernel has `struct vma_area_desc`; it is a typo for `struct vm_area_desc` (in the v1 mmap_prepare.rst)',
    renamedTo: 'vm_area_desc',
  },
  {
    name: 'compat_vma_mmap_prepare', kind: 'helper', since: '6.16', until: '6.18', renamedTo: 'compat_vma_mmap', renamedIn: '6.19',
    note: 'renamed with the mmap_action series',
  },
  {
    name: '__compat_vma_mmap_prepare', kind: 'helper', since: '6.16', until: '6.18', renamedTo: '__compat_vma_mmap', renamedIn: '6.19',
    note: 'renamed with the mmap_action series',
  },
  {
    name: 'vm_area_desc.vm_flags', kind: 'field of struct vm_area_desc', since: '6.16', until: '6.19', renamedTo: 'vma_flags', renamedIn: '7.0',
    note: 'vm_area_desc uses only vma_flags_t vma_flags since 7.0',
  },
  {
    name: 'mmap_complete', kind: 'file_operations hook', since: 'never',
    note: 'proposed in 2025-09 (P25) and never merged; replaced by struct mmap_action (6.19) and vm_ops->mapped (7.1)',
  },
  {
    name: 'mmap_abort', kind: 'file_operations hook', since: 'never',
    note: 'proposed in 2025-09 (P25) and never merged; replaced by struct mmap_action (6.19) and vm_ops->mapped (7.1)',
  },
  {
    name: 'vm_area_desc.mmap_context', kind: 'field of struct vm_area_desc', since: 'never',
    note: 'proposed in 2025-09 (P25) and never merged',
  },
  {
    name: 'mmap_action.error_hook', kind: 'field of struct mmap_action', since: '6.19', until: '7.1', renamedTo: 'error_override', renamedIn: 'mm-new',
    note: 'mm-new replaced it by int error_filter, later renamed error_override',
  },
  {
    name: 'mmap_action.error_filter', kind: 'field of struct mmap_action', since: 'mm-new', until: 'mm-new', renamedTo: 'error_override', renamedIn: 'mm-new',
    note: 'an earlier mm-new revision; renamed error_override as the reviewer suggested',
  },
  {
    name: 'mmap_action.success_hook', kind: 'field of struct mmap_action', since: '6.19', until: '7.1',
    note: 'removed in mm-new ("mm/vma: remove mmap_action->success_hook")',
  },
  {
    name: 'file_has_valid_mmap_hooks', kind: 'helper', since: '6.16', until: '6.16', renamedTo: 'can_mmap_file', renamedIn: '6.17',
    note: 'medium confidence on the name and release',
  },
];

// Names that arrived in 7.0 (no profile of its own): say so rather than only "7.1–mm-new".
for (const name of ['vma_flags_t', 'vma_desc_set_flags', 'vma_desc_clear_flags', 'vma_desc_set_flags_mask', 'vma_desc_clear_flags_mask']) {
  NAME_HISTORY.push({ name, kind: name.endsWith('_t') ? 'type' : 'helper', since: '7.0', note: '' });
}
for (const name of VMA_BITS) NAME_HISTORY.push({ name, kind: 'flag', since: '7.0', note: '' });

export const HISTORY_BY_NAME: Map<string, NameHistory> = new Map(NAME_HISTORY.map((h) => [h.name, h]));
