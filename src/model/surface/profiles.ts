/**
 * Per-profile API surfaces, built up release by release the way the code changed
 * (vma-contracts.md §1.1). Each step copies the previous surface and applies that release's
 * changes, so "what changed when" reads top to bottom.
 */
import type { ApiSurface, FieldDecl, HelperDecl, StructDecl, SurfaceProfileName } from './types.js';

// ---------------------------------------------------------------------------------------------
// building blocks

function fnField(name: string, returns: string, params: string[], extra: Partial<FieldDecl> = {}): FieldDecl {
  return { name, type: `${returns} (*)(${params.join(', ')})`, fn: { returns, params }, ...extra };
}

function helper(name: string, returns: string, params: string[], extra: Partial<HelperDecl> = {}): HelperDecl {
  return { name, returns, params, ...extra };
}

function clone(s: ApiSurface, profile: SurfaceProfileName, label: string): ApiSurface {
  const copy = JSON.parse(JSON.stringify(s)) as ApiSurface;
  copy.profile = profile;
  copy.label = label;
  return copy;
}

function setField(struct: StructDecl, field: FieldDecl, after?: string): void {
  const i = struct.fields.findIndex((f) => f.name === field.name && f.within === field.within);
  if (i >= 0) {
    struct.fields[i] = field;
    return;
  }
  if (after) {
    const j = struct.fields.findIndex((f) => f.name === after);
    if (j >= 0) {
      struct.fields.splice(j + 1, 0, field);
      return;
    }
  }
  struct.fields.push(field);
}

function dropField(struct: StructDecl, name: string, within?: string): void {
  struct.fields = struct.fields.filter((f) => !(f.name === name && f.within === within));
}

function addHelpers(s: ApiSurface, list: HelperDecl[]): void {
  for (const h of list) s.helpers[h.name] = h;
}

function dropHelpers(s: ApiSurface, names: string[]): void {
  for (const n of names) delete s.helpers[n];
}

// VM_* flags that exist in every profile (include/linux/mm.h).
const VM_FLAGS = [
  'VM_NONE', 'VM_READ', 'VM_WRITE', 'VM_EXEC', 'VM_SHARED', 'VM_MAYREAD', 'VM_MAYWRITE', 'VM_MAYEXEC',
  'VM_MAYSHARE', 'VM_GROWSDOWN', 'VM_GROWSUP', 'VM_UFFD_MISSING', 'VM_PFNMAP', 'VM_UFFD_WP', 'VM_LOCKED',
  'VM_IO', 'VM_SEQ_READ', 'VM_RAND_READ', 'VM_DONTCOPY', 'VM_DONTEXPAND', 'VM_LOCKONFAULT', 'VM_ACCOUNT',
  'VM_NORESERVE', 'VM_HUGETLB', 'VM_SYNC', 'VM_ARCH_1', 'VM_WIPEONFORK', 'VM_DONTDUMP', 'VM_SOFTDIRTY',
  'VM_MIXEDMAP', 'VM_HUGEPAGE', 'VM_NOHUGEPAGE', 'VM_MERGEABLE', 'VM_SPECIAL', 'VM_STACK', 'VM_DATA_DEFAULT_FLAGS',
  'VM_SHADOW_STACK', 'VM_DROPPABLE', 'VM_LOCKED_MASK', 'VM_ACCESS_FLAGS', 'VM_INIT_DEF_MASK', 'VM_NO_KHUGEPAGED',
];
// uapi mmap/mremap flags (every profile).
const UAPI_FLAGS = [
  'MAP_SHARED', 'MAP_PRIVATE', 'MAP_SHARED_VALIDATE', 'MAP_FIXED', 'MAP_FIXED_NOREPLACE', 'MAP_ANONYMOUS',
  'MAP_ANON', 'MAP_NORESERVE', 'MAP_POPULATE', 'MAP_NONBLOCK', 'MAP_LOCKED', 'MAP_GROWSDOWN', 'MAP_HUGETLB',
  'MAP_DROPPABLE', 'MAP_SYNC', 'MAP_STACK', 'MAP_UNINITIALIZED', 'MAP_TYPE', 'MAP_FAILED',
  'MREMAP_MAYMOVE', 'MREMAP_FIXED', 'MREMAP_DONTUNMAP',
  'PROT_READ', 'PROT_WRITE', 'PROT_EXEC', 'PROT_NONE',
];
// VMA_*_BIT constants (7.0+: "VMA_xxx_BIT constants ... added"), one per VM_* bit flag.
export const VMA_BITS = [
  'READ', 'WRITE', 'EXEC', 'SHARED', 'MAYREAD', 'MAYWRITE', 'MAYEXEC', 'MAYSHARE', 'GROWSDOWN', 'GROWSUP',
  'UFFD_MISSING', 'PFNMAP', 'UFFD_WP', 'LOCKED', 'IO', 'SEQ_READ', 'RAND_READ', 'DONTCOPY', 'DONTEXPAND',
  'LOCKONFAULT', 'ACCOUNT', 'NORESERVE', 'HUGETLB', 'SYNC', 'ARCH_1', 'WIPEONFORK', 'DONTDUMP', 'SOFTDIRTY',
  'MIXEDMAP', 'HUGEPAGE', 'NOHUGEPAGE', 'MERGEABLE', 'MAYBE_GUARD', 'DROPPABLE', 'SHADOW_STACK',
].map((b) => `VMA_${b}_BIT`);

const VM_OPS_BASE: FieldDecl[] = [
  fnField('open', 'void', ['struct vm_area_struct *']),
  fnField('close', 'void', ['struct vm_area_struct *']),
  fnField('may_split', 'int', ['struct vm_area_struct *', 'unsigned long']),
  fnField('mremap', 'int', ['struct vm_area_struct *']),
  fnField('mprotect', 'int', ['struct vm_area_struct *', 'unsigned long', 'unsigned long', 'unsigned long']),
  fnField('fault', 'vm_fault_t', ['struct vm_fault *']),
  fnField('huge_fault', 'vm_fault_t', ['struct vm_fault *', 'unsigned int']),
  fnField('map_pages', 'vm_fault_t', ['struct vm_fault *', 'pgoff_t', 'pgoff_t']),
  fnField('pagesize', 'unsigned long', ['struct vm_area_struct *']),
  fnField('page_mkwrite', 'vm_fault_t', ['struct vm_fault *']),
  fnField('pfn_mkwrite', 'vm_fault_t', ['struct vm_fault *']),
  fnField('access', 'int', ['struct vm_area_struct *', 'unsigned long', 'void *', 'int', 'int']),
  fnField('name', 'const char *', ['struct vm_area_struct *']),
  fnField('find_special_page', 'struct page *', ['struct vm_area_struct *', 'unsigned long']),
];

const VMA_FIELDS: FieldDecl[] = [
  { name: 'vm_start', type: 'unsigned long' },
  { name: 'vm_end', type: 'unsigned long' },
  { name: 'vm_mm', type: 'struct mm_struct *' },
  { name: 'vm_page_prot', type: 'pgprot_t' },
  { name: 'vm_flags', type: 'const vm_flags_t' },
  { name: 'anon_vma', type: 'struct anon_vma *' },
  { name: 'vm_ops', type: 'const struct vm_operations_struct *' },
  { name: 'vm_pgoff', type: 'unsigned long' },
  { name: 'vm_file', type: 'struct file *' },
  { name: 'vm_private_data', type: 'void *' },
  { name: 'anon_vma_chain', type: 'struct list_head' },
  { name: 'vm_userfaultfd_ctx', type: 'struct vm_userfaultfd_ctx' },
  { name: 'vm_policy', type: 'struct mempolicy *' },
  { name: 'anon_name', type: 'struct anon_vma_name *' },
];

// Helpers present in every profile (they predate 6.12 and survive into mm-new).
const COMMON_HELPERS: HelperDecl[] = [
  helper('vm_flags_init', 'void', ['struct vm_area_struct *vma', 'vm_flags_t flags']),
  helper('vm_flags_reset', 'void', ['struct vm_area_struct *vma', 'vm_flags_t flags']),
  helper('vm_flags_reset_once', 'void', ['struct vm_area_struct *vma', 'vm_flags_t flags']),
  helper('vm_flags_set', 'void', ['struct vm_area_struct *vma', 'vm_flags_t flags']),
  helper('vm_flags_clear', 'void', ['struct vm_area_struct *vma', 'vm_flags_t flags']),
  helper('vm_flags_mod', 'void', ['struct vm_area_struct *vma', 'vm_flags_t set', 'vm_flags_t clear']),
  helper('remap_pfn_range', 'int', ['struct vm_area_struct *vma', 'unsigned long addr', 'unsigned long pfn', 'unsigned long size', 'pgprot_t prot']),
  helper('io_remap_pfn_range', 'int', ['struct vm_area_struct *vma', 'unsigned long addr', 'unsigned long pfn', 'unsigned long size', 'pgprot_t prot']),
  helper('vm_insert_page', 'int', ['struct vm_area_struct *', 'unsigned long addr', 'struct page *']),
  helper('vm_insert_pages', 'int', ['struct vm_area_struct *vma', 'unsigned long addr', 'struct page **pages', 'unsigned long *num']),
  helper('vm_map_pages', 'int', ['struct vm_area_struct *vma', 'struct page **pages', 'unsigned long num']),
  helper('vm_map_pages_zero', 'int', ['struct vm_area_struct *vma', 'struct page **pages', 'unsigned long num']),
  helper('vma_set_anonymous', 'void', ['struct vm_area_struct *vma']),
  helper('vma_is_anonymous', 'bool', ['struct vm_area_struct *vma']),
  helper('vma_pages', 'unsigned long', ['const struct vm_area_struct *vma']),
  helper('vma_lookup', 'struct vm_area_struct *', ['struct mm_struct *mm', 'unsigned long addr']),
  helper('vma_set_page_prot', 'void', ['struct vm_area_struct *vma']),
  helper('vma_start_write', 'void', ['struct vm_area_struct *vma']),
  helper('vma_close', 'void', ['struct vm_area_struct *vma'], { internal: true }),
  helper('vma_merge_new_range', 'struct vm_area_struct *', ['struct vma_merge_struct *vmg'], { internal: true }),
  helper('generic_file_mmap', 'int', ['struct file *', 'struct vm_area_struct *']),
  helper('generic_file_readonly_mmap', 'int', ['struct file *', 'struct vm_area_struct *']),
  helper('do_mmap', 'unsigned long', ['struct file *file', 'unsigned long addr', 'unsigned long len', 'unsigned long prot', 'unsigned long flags', 'vm_flags_t vm_flags', 'unsigned long pgoff', 'unsigned long *populate', 'struct list_head *uf'], { internal: true }),
  helper('do_munmap', 'int', ['struct mm_struct *', 'unsigned long', 'size_t', 'struct list_head *uf'], { internal: true }),
  helper('mmap_region', 'unsigned long', ['struct file *file', 'unsigned long addr', 'unsigned long len', 'vm_flags_t vm_flags', 'unsigned long pgoff', 'struct list_head *uf'], { internal: true }),
  helper('shmem_zero_setup', 'int', ['struct vm_area_struct *']),
  helper('file_accessed', 'void', ['struct file *file']),
];

// ---------------------------------------------------------------------------------------------
// 6.12: only f_op->mmap (vma-contracts.md §1.1 "≤6.15", §2.7)

function v612(): ApiSurface {
  return {
    profile: '6.12',
    label: 'Linux 6.12 (6.12.117): f_op->mmap only',
    structs: {
      file_operations: {
        name: 'file_operations',
        complete: false,
        fields: [
          fnField('mmap', 'int', ['struct file *', 'struct vm_area_struct *']),
          { name: 'mmap_supported_flags', type: 'unsigned long' },
          fnField('get_unmapped_area', 'unsigned long', ['struct file *', 'unsigned long', 'unsigned long', 'unsigned long', 'unsigned long']),
        ],
      },
      vm_operations_struct: { name: 'vm_operations_struct', complete: false, fields: VM_OPS_BASE.map((f) => ({ ...f })) },
      vm_area_struct: { name: 'vm_area_struct', complete: false, fields: VMA_FIELDS.map((f) => ({ ...f })) },
    },
    enums: {},
    helpers: Object.fromEntries(COMMON_HELPERS.map((h) => [h.name, h])),
    flags: [...VM_FLAGS, ...UAPI_FLAGS],
    types: ['vm_flags_t', 'pgoff_t', 'pgprot_t', 'vm_fault_t', 'phys_addr_t', 'struct mm_struct', 'struct file', 'struct vm_area_struct', 'struct vm_operations_struct', 'struct file_operations'],
    errorHook: null,
  };
}

// 6.16/6.17: f_op->mmap_prepare and struct vm_area_desc (const mm/file), compat_vma_mmap_prepare,
// vfs_mmap/vfs_mmap_prepare/can_mmap_file (medium confidence: 6.17), mremap multi-VMA move.
function descFields617(): FieldDecl[] {
  return [
    { name: 'mm', type: 'const struct mm_struct *const', class: 'immutable' },
    { name: 'file', type: 'struct file *const', class: 'immutable', note: 'May vary from vm_file in stacked callers.' },
    { name: 'start', type: 'unsigned long', class: 'immutable' },
    { name: 'end', type: 'unsigned long', class: 'immutable' },
    { name: 'pgoff', type: 'pgoff_t', class: 'mutable' },
    { name: 'vm_file', type: 'struct file *', class: 'mutable' },
    { name: 'vm_flags', type: 'vm_flags_t', class: 'mutable' },
    { name: 'page_prot', type: 'pgprot_t', class: 'mutable' },
    { name: 'vm_ops', type: 'const struct vm_operations_struct *', class: 'write-only' },
    { name: 'private_data', type: 'void *', class: 'write-only' },
  ];
}

function v617(): ApiSurface {
  const s = clone(v612(), '6.17', 'Linux 6.17: f_op->mmap_prepare, struct vm_area_desc, multi-VMA mremap');
  setField(s.structs.file_operations!, fnField('mmap_prepare', 'int', ['struct vm_area_desc *'], { note: 'the last member of struct file_operations' }));
  s.structs.vm_area_desc = { name: 'vm_area_desc', complete: true, fields: descFields617() };
  addHelpers(s, [
    helper('compat_vma_mmap_prepare', 'int', ['struct file *file', 'struct vm_area_struct *vma']),
    helper('__compat_vma_mmap_prepare', 'int', ['const struct file_operations *f_op', 'struct file *file', 'struct vm_area_struct *vma']),
    helper('vfs_mmap', 'int', ['struct file *file', 'struct vm_area_struct *vma']),
    helper('vfs_mmap_prepare', 'int', ['struct file *file', 'struct vm_area_desc *desc']),
    helper('can_mmap_file', 'bool', ['struct file *file']),
  ]);
  s.types.push('struct vm_area_desc');
  return s;
}

// 6.18: many filesystems converted; the API surface is that of 6.17 (generic_file_mmap_prepare).
function v618(): ApiSurface {
  const s = clone(v617(), '6.18', 'Linux 6.18 (the host kernel): filesystems use mmap_prepare');
  addHelpers(s, [
    helper('generic_file_mmap_prepare', 'int', ['struct vm_area_desc *desc']),
    helper('generic_file_readonly_mmap_prepare', 'int', ['struct vm_area_desc *desc']),
  ]);
  return s;
}

// 6.19: struct mmap_action (remap only; NOTHING/REMAP_PFN/IO_REMAP_PFN), success_hook, error_hook,
// hide_from_rmap_until_complete; mmap_action_{remap,ioremap}[_full]; compat_vma_mmap_prepare renamed
// compat_vma_mmap; vma_desc_size/vma_desc_pages.
function mmapAction619(): StructDecl {
  return {
    name: 'mmap_action',
    complete: true,
    fields: [
      { name: 'remap', type: 'struct', note: 'union member' },
      { name: 'start', type: 'unsigned long', within: 'remap' },
      { name: 'start_pfn', type: 'unsigned long', within: 'remap' },
      { name: 'size', type: 'unsigned long', within: 'remap' },
      { name: 'pgprot', type: 'pgprot_t', within: 'remap' },
      { name: 'type', type: 'enum mmap_action_type' },
      fnField('success_hook', 'int', ['const struct vm_area_struct *']),
      fnField('error_hook', 'int', ['int']),
      { name: 'hide_from_rmap_until_complete', type: 'bool :1' },
    ],
  };
}

function v619(): ApiSurface {
  const s = clone(v618(), '6.19', 'Linux 6.19: struct mmap_action in vm_area_desc');
  const desc = s.structs.vm_area_desc!;
  desc.fields.push({ name: 'action', type: 'struct mmap_action', class: 'action' });
  s.structs.mmap_action = mmapAction619();
  s.enums.mmap_action_type = { name: 'mmap_action_type', members: ['MMAP_NOTHING', 'MMAP_REMAP_PFN', 'MMAP_IO_REMAP_PFN'] };
  dropHelpers(s, ['compat_vma_mmap_prepare', '__compat_vma_mmap_prepare']);
  addHelpers(s, [
    helper('compat_vma_mmap', 'int', ['struct file *file', 'struct vm_area_struct *vma']),
    helper('__compat_vma_mmap', 'int', ['const struct file_operations *f_op', 'struct file *file', 'struct vm_area_struct *vma']),
    helper('mmap_action_remap', 'void', ['struct vm_area_desc *desc', 'unsigned long start', 'unsigned long start_pfn', 'unsigned long size']),
    helper('mmap_action_remap_full', 'void', ['struct vm_area_desc *desc', 'unsigned long start_pfn']),
    helper('mmap_action_ioremap', 'void', ['struct vm_area_desc *desc', 'unsigned long start', 'unsigned long start_pfn', 'unsigned long size']),
    helper('mmap_action_ioremap_full', 'void', ['struct vm_area_desc *desc', 'unsigned long start_pfn']),
    helper('mmap_action_prepare', 'int', ['struct mmap_action *action', 'struct vm_area_desc *desc'], { internal: true }),
    helper('mmap_action_complete', 'int', ['struct mmap_action *action', 'struct vm_area_struct *vma'], { internal: true }),
    helper('vma_desc_size', 'unsigned long', ['const struct vm_area_desc *desc']),
    helper('vma_desc_pages', 'unsigned long', ['const struct vm_area_desc *desc']),
    helper('remap_pfn_range_prepare', 'void', ['struct vm_area_desc *desc', 'unsigned long pfn'], { internal: true }),
    helper('io_remap_pfn_range_prepare', 'void', ['struct vm_area_desc *desc', 'unsigned long pfn', 'unsigned long size'], { internal: true }),
    helper('shmem_zero_setup_desc', 'int', ['struct vm_area_desc *desc']),
  ]);
  s.types.push('struct mmap_action', 'enum mmap_action_type');
  s.errorHook = 'error_hook';
  return s;
}

// 7.1 (MAIN @334fbe734e68): vma_flags_t vma_flags (7.0), VMA_*_BIT and vma_desc_* helpers (7.0,
// renamed in 7.1), const dropped from desc mm/file (668937b7b225), vm_ops->mapped (c50ca15dd496),
// MMAP_SIMPLE_IO_REMAP, MMAP_MAP_KERNEL_PAGES, stacked mmap_prepare helpers.
function v71(): ApiSurface {
  const s = clone(v619(), '7.1', 'Linux 7.1 (mainline @334fbe734e68)');
  const desc = s.structs.vm_area_desc!;
  setField(desc, { name: 'mm', type: 'struct mm_struct *', class: 'immutable' });
  setField(desc, { name: 'file', type: 'struct file *', class: 'immutable', note: 'May vary from vm_file in stacked callers.' });
  const i = desc.fields.findIndex((f) => f.name === 'vm_flags');
  desc.fields[i] = { name: 'vma_flags', type: 'vma_flags_t', class: 'mutable' };

  const vma = s.structs.vm_area_struct!;
  setField(vma, { name: 'flags', type: 'vma_flags_t', note: 'union with vm_flags' }, 'vm_flags');

  setField(s.structs.vm_operations_struct!, fnField('mapped', 'int', ['unsigned long', 'unsigned long', 'pgoff_t', 'const struct file *', 'void **'], {
    note: 'ONLY valid if set from f_op->mmap_prepare; no VMA argument',
  }), 'close');

  const action = s.structs.mmap_action!;
  setField(action, { name: 'simple_ioremap', type: 'struct', note: 'union member' }, 'pgprot');
  setField(action, { name: 'start_phys_addr', type: 'phys_addr_t', within: 'simple_ioremap' }, 'simple_ioremap');
  const sizeField: FieldDecl = { name: 'size', type: 'unsigned long', within: 'simple_ioremap' };
  action.fields.splice(action.fields.findIndex((f) => f.name === 'start_phys_addr') + 1, 0, sizeField);
  const mk: FieldDecl[] = [
    { name: 'map_kernel', type: 'struct', note: 'union member' },
    { name: 'start', type: 'unsigned long', within: 'map_kernel' },
    { name: 'pages', type: 'struct page **', within: 'map_kernel' },
    { name: 'nr_pages', type: 'unsigned long', within: 'map_kernel' },
    { name: 'pgoff', type: 'pgoff_t', within: 'map_kernel' },
  ];
  action.fields.splice(action.fields.findIndex((f) => f.name === 'type'), 0, ...mk);
  s.enums.mmap_action_type!.members.push('MMAP_SIMPLE_IO_REMAP', 'MMAP_MAP_KERNEL_PAGES');

  dropHelpers(s, ['__compat_vma_mmap', 'mmap_action_prepare', 'mmap_action_complete']);
  const variadic = { variadic: true };
  addHelpers(s, [
    helper('__compat_vma_mmap', 'int', ['struct vm_area_desc *desc', 'struct vm_area_struct *vma']),
    helper('compat_set_desc_from_vma', 'void', ['struct vm_area_desc *desc', 'const struct file *file', 'const struct vm_area_struct *vma']),
    helper('__vma_check_mmap_hook', 'int', ['struct vm_area_struct *vma'], { internal: true }),
    helper('mmap_action_prepare', 'int', ['struct vm_area_desc *desc'], { internal: true }),
    helper('mmap_action_complete', 'int', ['struct vm_area_struct *vma', 'struct mmap_action *action'], { internal: true }),
    helper('mmap_action_simple_ioremap', 'void', ['struct vm_area_desc *desc', 'phys_addr_t start_phys_addr', 'unsigned long size']),
    helper('mmap_action_map_kernel_pages', 'void', ['struct vm_area_desc *desc', 'unsigned long start', 'struct page **pages', 'unsigned long nr_pages']),
    helper('mmap_action_map_kernel_pages_full', 'void', ['struct vm_area_desc *desc', 'struct page **pages']),
    helper('vma_desc_test', 'bool', ['const struct vm_area_desc *desc', 'vma_flag_t bit']),
    helper('vma_desc_test_any', 'bool', ['const struct vm_area_desc *desc'], variadic),
    helper('vma_desc_test_any_mask', 'bool', ['const struct vm_area_desc *desc', 'vma_flags_t flags']),
    helper('vma_desc_test_all', 'bool', ['const struct vm_area_desc *desc'], variadic),
    helper('vma_desc_test_all_mask', 'bool', ['const struct vm_area_desc *desc', 'vma_flags_t flags']),
    helper('vma_desc_set_flags', 'void', ['struct vm_area_desc *desc'], variadic),
    helper('vma_desc_set_flags_mask', 'void', ['struct vm_area_desc *desc', 'vma_flags_t flags']),
    helper('vma_desc_clear_flags', 'void', ['struct vm_area_desc *desc'], variadic),
    helper('vma_desc_clear_flags_mask', 'void', ['struct vm_area_desc *desc', 'vma_flags_t flags']),
    helper('vma_flags_test_any', 'bool', ['const vma_flags_t *flags'], variadic),
    helper('vma_test_all', 'bool', ['const struct vm_area_struct *vma'], variadic),
    helper('range_in_vma_desc', 'bool', ['const struct vm_area_desc *desc', 'unsigned long start', 'unsigned long end']),
    helper('simple_ioremap_prepare', 'int', ['struct vm_area_desc *desc', 'phys_addr_t start', 'unsigned long size'], { internal: true }),
    helper('map_kernel_pages_prepare', 'int', ['struct vm_area_desc *desc'], { internal: true }),
    helper('mmap_action_finish', 'int', ['struct vm_area_struct *vma', 'struct mmap_action *action', 'int err'], { internal: true }),
    helper('call_vma_mapped', 'int', ['struct vm_area_struct *vma'], { internal: true }),
  ]);
  s.flags.push(...VMA_BITS, 'VMA_SPECIAL_FLAGS', 'VMA_REMAP_FLAGS', 'VMA_STICKY_FLAGS', 'VMA_IGNORE_MERGE_FLAGS', 'VM_MAYBE_GUARD');
  s.types.push('vma_flags_t', 'vma_flag_t');
  return s;
}

// mm-new (linux-mm mm-new/mm-unstable): success_hook removed, error_hook -> error_filter ->
// error_override; vma_desc_set_anonymous(); vma_start_pgoff(); HOTFIX's 3-argument
// mmap_action_complete().
function vMmNew(): ApiSurface {
  const s = clone(v71(), 'mm-new', 'linux-mm mm-new (after 7.1)');
  const action = s.structs.mmap_action!;
  dropField(action, 'success_hook');
  const i = action.fields.findIndex((f) => f.name === 'error_hook');
  action.fields[i] = { name: 'error_override', type: 'int', note: 'renamed from error_filter; replaces error_hook' };
  addHelpers(s, [
    helper('vma_desc_set_anonymous', 'void', ['struct vm_area_desc *desc']),
    helper('vma_start_pgoff', 'pgoff_t', ['const struct vm_area_struct *vma']),
    helper('mmap_action_complete', 'int', ['struct vm_area_struct *vma', 'struct mmap_action *action', 'bool is_compat'], { internal: true }),
  ]);
  s.errorHook = 'error_override';
  return s;
}

// P25: "[PATCH 06/16] mm: introduce the f_op->mmap_complete, mmap_abort hooks" (2025-09-08), on top
// of the 6.17 surface. Never merged.
function vP25(): ApiSurface {
  const s = clone(v617(), 'proposal-2025-09', 'unmerged proposal of 2025-09 (mmap_complete/mmap_abort)');
  const fops = s.structs.file_operations!;
  setField(fops, fnField('mmap_complete', 'int', ['struct file *', 'struct vm_area_struct *', 'const void *']));
  setField(fops, fnField('mmap_abort', 'void', ['const struct file *', 'const void *', 'const void *']));
  s.structs.vm_area_desc!.fields.push({ name: 'mmap_context', type: 'void *', class: 'write-only', note: 'P25 only' });
  addHelpers(s, [
    helper('vma_desc_size', 'unsigned long', ['const struct vm_area_desc *desc']),
    helper('vma_desc_pages', 'unsigned long', ['const struct vm_area_desc *desc']),
  ]);
  return s;
}

export function buildSurfaces(): Record<SurfaceProfileName, ApiSurface> {
  return {
    '6.12': v612(),
    '6.17': v617(),
    '6.18': v618(),
    '6.19': v619(),
    '7.1': v71(),
    'mm-new': vMmNew(),
    'proposal-2025-09': vP25(),
  };
}
