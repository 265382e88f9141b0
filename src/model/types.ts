/**
 * Public data shapes of the executable VMA model. Everything here is plain JSON-able data so that
 * operations, hook behaviours, fault plans and traces can be enumerated, printed and stored as
 * counterexamples.
 *
 * Units: addresses and lengths are in BYTES (like the syscalls), `pgoff` is in PAGES (like the
 * kernel's vm_pgoff). PAGE_SIZE is 4096.
 */

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;

// ---------------------------------------------------------------------------------------------
// errno values (x86-64 Linux). Results carry both the number and the name.

export const ERRNO = {
  EPERM: 1, ENOENT: 2, EINTR: 4, EBADF: 9, EAGAIN: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14,
  EEXIST: 17, ENODEV: 19, EINVAL: 22, ETXTBSY: 26, EOVERFLOW: 75, EOPNOTSUPP: 95, ENOTSUPP: 524,
  /** Not errnos: the signal a `touch` op would raise (1000 + signal number). */
  SIGBUS: 1007, SIGSEGV: 1011,
} as const;
export type ErrnoName = keyof typeof ERRNO;
const ERRNO_NAMES = new Map<number, string>(Object.entries(ERRNO).map(([k, v]) => [v, k]));
export function errnoName(n: number): string {
  return n === 0 ? 'OK' : ERRNO_NAMES.get(n) ?? `E#${n}`;
}
export function errnoValue(name: string | number): number {
  if (typeof name === 'number') return name;
  return (ERRNO as Record<string, number>)[name] ?? ERRNO.EINVAL;
}

// ---------------------------------------------------------------------------------------------
// VMA flags. Bit positions are the model's own (JS bit ops are 32-bit); names are the kernel's.

export const VM = {
  READ: 1 << 0, WRITE: 1 << 1, EXEC: 1 << 2, SHARED: 1 << 3,
  MAYREAD: 1 << 4, MAYWRITE: 1 << 5, MAYEXEC: 1 << 6, MAYSHARE: 1 << 7,
  GROWSDOWN: 1 << 8, UFFD_MISSING: 1 << 9, PFNMAP: 1 << 10, LOCKED: 1 << 11,
  IO: 1 << 12, DONTEXPAND: 1 << 13, LOCKONFAULT: 1 << 14, ACCOUNT: 1 << 15,
  NORESERVE: 1 << 16, HUGETLB: 1 << 17, DONTDUMP: 1 << 18, SOFTDIRTY: 1 << 19,
  MIXEDMAP: 1 << 20, HUGEPAGE: 1 << 21, NOHUGEPAGE: 1 << 22, MAYBE_GUARD: 1 << 23,
  DONTCOPY: 1 << 24, SEALED: 1 << 25, SYNC: 1 << 26,
} as const;
export type VmFlagName = keyof typeof VM;
export const VM_ACCESS_FLAGS = VM.READ | VM.WRITE | VM.EXEC;
export const VM_SPECIAL = VM.IO | VM.DONTEXPAND | VM.PFNMAP | VM.MIXEDMAP;
export const VM_REMAP_FLAGS = VM.IO | VM.PFNMAP | VM.DONTEXPAND | VM.DONTDUMP;
export const VM_LOCKED_MASK = VM.LOCKED | VM.LOCKONFAULT;

const VM_ENTRIES = Object.entries(VM) as [VmFlagName, number][];
export function flagNames(flags: number): VmFlagName[] {
  const out: VmFlagName[] = [];
  for (const [k, v] of VM_ENTRIES) if (flags & v) out.push(k);
  return out;
}
export function flagsFromNames(names: readonly string[] | undefined): number {
  let f = 0;
  for (const n of names ?? []) f |= (VM as Record<string, number>)[n.replace(/^VMA?_/, '').replace(/_BIT$/, '')] ?? 0;
  return f;
}

// ---------------------------------------------------------------------------------------------
// Hook behaviours (declarative, so explorers can enumerate them).

/** Behaviour of a vm_operations_struct installed by a hook. Absent member = hook not provided. */
export interface VmOpsSpec {
  /** A name for traces (`shmem_vm_ops`, `mmap_mem_ops`, ...). */
  name: string;
  open?: boolean;
  close?: boolean;
  /** `vm_ops->mapped` (7.1+): `fail` = errno to return, `setPrivate` = value written via `void **`. */
  mapped?: { fail?: ErrnoName; setPrivate?: string } | boolean;
  may_split?: { fail?: ErrnoName } | boolean;
  mremap?: { fail?: ErrnoName } | boolean;
  mprotect?: { fail?: ErrnoName } | boolean;
}

export type ActionType =
  | 'MMAP_NOTHING' | 'MMAP_REMAP_PFN' | 'MMAP_IO_REMAP_PFN' | 'MMAP_SIMPLE_IO_REMAP' | 'MMAP_MAP_KERNEL_PAGES';

/** What the hook put into `desc->action` (6.19+). Offsets/sizes in bytes relative to desc->start. */
export interface ActionSpec {
  type: ActionType;
  /** Range start as an offset from desc->start (default 0), and size (default whole desc). */
  offset?: number;
  size?: number;
  /** remap: start pfn; simple_ioremap: physical size in pages (phys range length). */
  pfn?: number;
  physPages?: number;
  /** map_kernel_pages: how many entries the pages[] array holds (default: enough). */
  nrPages?: number;
  /** Make the action's completion step fail with this errno (page-table/insert_pages error). */
  completeFail?: ErrnoName;
  /** `success_hook` (6.19..7.1): present, optionally failing. */
  successHook?: { fail?: ErrnoName } | boolean;
  /** `error_hook` (6.19..7.1): rewrites any error to `returns`. */
  errorHook?: { returns: ErrnoName | 'OK' };
  /** `error_filter`/`error_override` (mm-new): replaces any error. */
  errorOverride?: ErrnoName | 'OK';
  hideFromRmap?: boolean;
}

/** Fields of struct vm_area_desc (field names as the profile spells them). */
export type DescField =
  | 'mm' | 'file' | 'start' | 'end' | 'pgoff' | 'vm_file' | 'vm_flags' | 'vma_flags' | 'page_prot'
  | 'vm_ops' | 'private_data' | 'action' | 'mmap_context';
export type DescFieldClass = 'immutable' | 'mutable' | 'write-only' | 'action' | 'absent';

/** Behaviour of `f_op->mmap_prepare(desc)`. */
export interface MmapPrepareSpec {
  fail?: ErrnoName;
  /** secretmem-like: -EINVAL for a private mapping. */
  rejectPrivate?: boolean;
  setFlags?: VmFlagName[];
  clearFlags?: VmFlagName[];
  /** Write desc->pgoff (pages). */
  pgoff?: number;
  /** Replace desc->vm_file with this file id (stacked / shim file). */
  vmFile?: string;
  vmOps?: VmOpsSpec;
  privateData?: string;
  action?: ActionSpec;
  /** Writes to arbitrary fields, e.g. immutable ones (`start`), to check field-class enforcement. */
  writes?: { field: DescField; value: number | string | null }[];
  /** proposal-2025-09: context handed to mmap_complete/mmap_abort. */
  mmapContext?: string;
  /** /dev/zero as mmap_prepare (6.19+): shared -> shmem_zero_setup_desc (new shmem vm_file), private -> anonymous. */
  devZero?: boolean;
}

/** Behaviour of the legacy `f_op->mmap(file, vma)`. */
export interface LegacyMmapSpec {
  fail?: ErrnoName;
  setFlags?: VmFlagName[];
  clearFlags?: VmFlagName[];
  vmOps?: VmOpsSpec;
  privateData?: string;
  /** Stacked: forward to this file's hooks via vfs_mmap (compat path when it has mmap_prepare). */
  forwardTo?: string;
  /** drivers/char/mem.c mmap_zero (6.18 and earlier): shared -> shmem_zero_setup, private -> vma_set_anonymous. */
  devZero?: boolean;
  /** perf_mmap-like: -EINVAL for a private mapping (after the core charged it). */
  rejectPrivate?: boolean;
  /** The driver calls remap_pfn_range() (fault point `remap_pfn_range`); a failure is returned as `errorAs` (/dev/mem: EAGAIN). */
  remapPfn?: { pfn?: number; errorAs?: ErrnoName };
}

export interface FileOpsSpec {
  mmap?: LegacyMmapSpec | boolean;
  mmap_prepare?: MmapPrepareSpec | boolean;
  /** proposal-2025-09 only. */
  mmap_complete?: { fail?: ErrnoName } | boolean;
  mmap_abort?: boolean;
  /** 'none' = mm default; 'custom' = a driver's (blocks multi-VMA mremap); shmem/thp are "known good". */
  getUnmappedArea?: 'none' | 'custom' | 'shmem' | 'thp';
}

/** A file the address space can map, identified by `id` (one `struct file`). */
export interface FileSpec {
  id: string;
  /** Inode identity (two opens of one inode are different struct files). Default: id. */
  inode?: string;
  read?: boolean;
  write?: boolean;
  /** Size in pages (for SIGBUS on touch beyond EOF). Default 1<<20. */
  sizePages?: number;
  /** Filesystem mounted noexec. */
  noexec?: boolean;
  /** memfd with F_SEAL_WRITE / F_SEAL_FUTURE_WRITE: shared PROT_WRITE maps fail -EPERM, shared read-only maps lose VM_MAYWRITE. */
  writeSealed?: boolean;
  /** The file is shmem (tmpfs/memfd/shared anon). */
  shmem?: boolean;
  fops?: FileOpsSpec;
}

// ---------------------------------------------------------------------------------------------
// Operations.

export type ProtName = 'READ' | 'WRITE' | 'EXEC';
export type MapFlagName =
  | 'SHARED' | 'PRIVATE' | 'SHARED_VALIDATE' | 'FIXED' | 'FIXED_NOREPLACE' | 'ANONYMOUS'
  | 'NORESERVE' | 'LOCKED' | 'POPULATE' | 'GROWSDOWN' | 'UNKNOWN';
export type MremapFlagName = 'MAYMOVE' | 'FIXED' | 'DONTUNMAP' | 'UNKNOWN';

export type Op =
  | { op: 'mmap'; addr: number; len: number; prot: ProtName[]; flags: MapFlagName[]; file?: string; offset?: number }
  | { op: 'munmap'; addr: number; len: number }
  | { op: 'mprotect'; addr: number; len: number; prot: ProtName[] }
  | { op: 'mremap'; addr: number; oldLen: number; newLen: number; flags: MremapFlagName[]; newAddr?: number }
  /** Write one byte at addr (a write fault: gives private VMAs an anon_vma). */
  | { op: 'touch'; addr: number }
  /** userfaultfd register [addr, addr+len) (MISSING mode). */
  | { op: 'uffd_register'; addr: number; len: number }
  /** mseal(addr, len, 0). */
  | { op: 'mseal'; addr: number; len: number };

// ---------------------------------------------------------------------------------------------
// Layout (what /proc/self/maps shows, plus model-only state).

export interface VmaView {
  start: number;
  end: number;
  /** "rw-p" like /proc/self/maps. */
  perms: string;
  /** Byte offset (vm_pgoff << 12) as /proc/self/maps prints it (0 for private anon). */
  offset: number;
  pgoff: number;
  file: string | null;
  anon: boolean;
  flags: VmFlagName[];
  anonVma: number | null;
  vmOps: string | null;
  privateData: string | null;
  uffd: boolean;
}

// ---------------------------------------------------------------------------------------------
// Trace.

export interface LockState {
  mmap: 'none' | 'read' | 'write';
  /** ids of write-locked VMAs. */
  vmaWrite: number[];
  /** files whose i_mmap rwsem is held for write. */
  iMmapWrite: string[];
}

export type VmaEventKind =
  | 'created' | 'merged' | 'expanded' | 'shrunk' | 'split' | 'detached' | 'reattached' | 'unmapped'
  | 'removed' | 'modified' | 'copied' | 'moved' | 'anon_vma';

export type TraceEvent =
  | { ev: 'op'; op: Op }
  | { ev: 'lock'; lock: 'mmap_lock' | 'vma' | 'i_mmap'; mode: 'read' | 'write'; action: 'acquire' | 'release'; vma?: number; file?: string }
  | { ev: 'check'; name: string; errno: number }
  | { ev: 'hook'; hook: string; args: Record<string, unknown>; locks: LockState; result?: number; vma?: number }
  | { ev: 'vma'; kind: VmaEventKind; vma: number; start: number; end: number; pgoff?: number; detail?: string }
  | { ev: 'fault'; point: string; occurrence: number; errno: number }
  | { ev: 'warn'; message: string }
  | { ev: 'desc'; field: string; class: DescFieldClass; action: 'write-ignored' | 'write-applied' | 'read'; value?: unknown }
  | { ev: 'account'; pages: number; action: 'charge' | 'uncharge' | 'leak' }
  | { ev: 'file'; action: 'get' | 'put' | 'leak'; file: string }
  | { ev: 'step'; name: string }
  | { ev: 'ret'; errno: number; value?: number };

export interface Trace {
  events: TraceEvent[];
}

/** Result of one operation. */
export interface OpResult {
  /** 0 on success, else the positive errno (or 1000+signal for `touch`). */
  errno: number;
  errnoName: string;
  /** Address returned by mmap/mremap on success. */
  ret?: number;
  trace: Trace;
  layout: VmaView[];
  /** Commit-charge pages leaked so far in this mm (the model's own record; contracts look at `committed`). */
  leakedPages: number;
  /** Committed pages of this mm after the op (what Committed_AS would show for it). */
  committed: number;
  mapCount: number;
}

// ---------------------------------------------------------------------------------------------
// Fault injection.

/** Fail the `occurrence`-th (1-based, counted per op) passage through `point` with `errno`. */
export interface FaultSpec {
  point: string;
  occurrence?: number;
  errno?: ErrnoName;
}
export interface FaultPlan {
  fail: FaultSpec[];
}
export interface FaultPoint {
  point: string;
  occurrence: number;
  /** errno the point produces by default when it fails. */
  errno: ErrnoName;
}
