/**
 * The exploration vocabulary: a fixed set of files (each with a hook behaviour) and named operation
 * templates over a small window of pages. A contract's `scenario.alphabet` lists template names;
 * the explorer enumerates all sequences of up to `maxOps` of their concrete variants.
 *
 * Window: pages 0..7 at WINDOW (byte addresses), plus a destination window at DEST for mremap.
 */
import type { DriverKind, FileSpec, Op, ProtName } from '../model/index.js';
import { PAGE_SIZE } from '../model/index.js';

export const WINDOW = 0x100000;
export const DEST = 0x200000;
export const P = PAGE_SIZE;
export const pg = (n: number): number => WINDOW + n * P;

/** Files of the exploration address space, one per hook behaviour. */
export const FILES: FileSpec[] = [
  { id: 'prep', fops: { mmap_prepare: true } },
  { id: 'prep-mapped', fops: { mmap_prepare: { vmOps: { name: 'mapped_ops', mapped: true, close: true } } } },
  { id: 'prep-mapped-priv', fops: { mmap_prepare: { vmOps: { name: 'mapped_ops', mapped: { setPrivate: 'from_mapped' } }, privateData: 'from_prepare' } } },
  { id: 'prep-mapped-fail', fops: { mmap_prepare: { vmOps: { name: 'failing_mapped_ops', mapped: { fail: 'ENOMEM' }, close: true } } } },
  { id: 'prep-flags', fops: { mmap_prepare: { setFlags: ['DONTDUMP'] } } },
  { id: 'prep-fail', fops: { mmap_prepare: { fail: 'EINVAL' } } },
  { id: 'prep-private', fops: { mmap_prepare: { privateData: 'new_private', vmOps: { name: 'priv_ops' } } } },
  { id: 'prep-remap', fops: { mmap_prepare: { action: { type: 'MMAP_REMAP_PFN', pfn: 0x1000 } } } },
  { id: 'prep-remap-bad', fops: { mmap_prepare: { action: { type: 'MMAP_REMAP_PFN', pfn: 0x1000, offset: 0, size: 64 * PAGE_SIZE } } } },
  { id: 'prep-remap-fail', fops: { mmap_prepare: { vmOps: { name: 'mapped_ops', mapped: true, close: true }, action: { type: 'MMAP_REMAP_PFN', pfn: 0x1000, completeFail: 'ENOMEM' } } } },
  { id: 'prep-writes', fops: { mmap_prepare: { writes: [{ field: 'start', value: 0x300000 }, { field: 'end', value: 0x301000 }, { field: 'pgoff', value: 7 }] } } },
  { id: 'prep-open', fops: { mmap_prepare: { vmOps: { name: 'open_close_ops', open: true, close: true } } } },
  { id: 'legacy', fops: { mmap: true } },
  { id: 'legacy-mapped', fops: { mmap: { vmOps: { name: 'legacy_mapped_ops', mapped: true } } } },
  { id: 'legacy-close', fops: { mmap: { vmOps: { name: 'close_ops', close: true, open: true } } } },
  { id: 'legacy-flags', fops: { mmap: { setFlags: ['DONTDUMP'] } } },
  { id: 'legacy-mremap-fail', fops: { mmap: { vmOps: { name: 'mremap_fail_ops', mremap: { fail: 'ENOMEM' }, close: true } } } },
  { id: 'legacy-maysplit-veto', fops: { mmap: { vmOps: { name: 'nosplit_ops', may_split: { fail: 'EINVAL' } } } } },
  { id: 'legacy-gua', fops: { mmap: true, getUnmappedArea: 'custom' } },
  { id: 'both', fops: { mmap: true, mmap_prepare: true } },
  { id: 'none', fops: { mmap: false, mmap_prepare: false } },
  { id: 'prep-abort', fops: { mmap_prepare: true, mmap_complete: true, mmap_abort: true } },
  { id: 'ro', read: true, write: false, fops: { mmap: true } },
  { id: 'prep-remap-partial', fops: { mmap_prepare: { action: { type: 'MMAP_REMAP_PFN', pfn: 0x1000, offset: 0, size: PAGE_SIZE } } } },
  { id: 'prep-ioremap', fops: { mmap_prepare: { action: { type: 'MMAP_IO_REMAP_PFN', pfn: 0x1000 } } } },
  { id: 'prep-simple-small', fops: { mmap_prepare: { action: { type: 'MMAP_SIMPLE_IO_REMAP', physPages: 1 } } } },
  { id: 'prep-simple-big', fops: { mmap_prepare: { action: { type: 'MMAP_SIMPLE_IO_REMAP', physPages: 4 } } } },
  { id: 'prep-kpages-short', fops: { mmap_prepare: { action: { type: 'MMAP_MAP_KERNEL_PAGES', nrPages: 1 } } } },
  { id: 'prep-kpages', fops: { mmap_prepare: { action: { type: 'MMAP_MAP_KERNEL_PAGES' } } } },
  { id: 'prep-vmfile', fops: { mmap_prepare: { vmFile: 'prep' } } },
  { id: 'legacy-fail', fops: { mmap: { fail: 'EINVAL' } } },
  { id: 'prep-success-fail', fops: { mmap_prepare: { vmOps: { name: 'close_ops', close: true }, action: { type: 'MMAP_NOTHING', successHook: { fail: 'ENOMEM' } } } } },
  { id: 'prep-errhook', fops: { mmap_prepare: { action: { type: 'MMAP_REMAP_PFN', pfn: 0x1000, completeFail: 'ENOMEM', errorHook: { returns: 'EAGAIN' }, errorOverride: 'EAGAIN' } } } },
  { id: 'sealed', shmem: true, writeSealed: true, fops: { mmap: true } },
  { id: 'stacked', fops: { mmap: { forwardTo: 'prep-mapped' } } },
  { id: 'stacked-fail', fops: { mmap: { forwardTo: 'prep-mapped-fail' } } },
  // two drivers whose mmap_prepare point vm_file at one shared file ('lower'), each with its own
  // vm_ops and private_data: adjacent mappings of the two merge, and the merged VMA must carry the
  // second hook's values (C16)
  { id: 'lower' },
  { id: 'prep-lower-a', fops: { mmap_prepare: { vmFile: 'lower', vmOps: { name: 'a_ops' }, privateData: 'a_private' } } },
  { id: 'prep-lower-b', fops: { mmap_prepare: { vmFile: 'lower', vmOps: { name: 'b_ops' }, privateData: 'b_private' } } },
  // hide_from_rmap_until_complete with vm_ops->mapped and a success_hook (C32)
  { id: 'prep-mapped-hide', fops: { mmap_prepare: { vmOps: { name: 'mapped_ops', mapped: true }, action: { type: 'MMAP_NOTHING', hideFromRmap: true, successHook: true } } } },
];

/** Well-known drivers, built per profile with the model's `driverFile(kind, id, profile)` (reference §2.8). */
export const DRIVER_FILES: { id: string; kind: DriverKind }[] = [
  { id: 'dev-mem', kind: 'dev-mem' },
];

const R: ProtName[] = ['READ'];
const RW: ProtName[] = ['READ', 'WRITE'];

function mmapAt(page: number, pages: number, file?: string, opts: { prot?: ProtName[]; shared?: boolean; noreplace?: boolean; offsetPages?: number; locked?: boolean; populate?: boolean } = {}): Op {
  const flags: Op & { op: 'mmap' } extends { flags: infer F } ? F : never = [
    opts.shared ? 'SHARED' : 'PRIVATE', opts.noreplace ? 'FIXED_NOREPLACE' : 'FIXED',
  ] as never;
  if (!file) (flags as string[]).push('ANONYMOUS');
  if (opts.locked) (flags as string[]).push('LOCKED');
  if (opts.populate) (flags as string[]).push('POPULATE');
  const op: Op = { op: 'mmap', addr: pg(page), len: pages * P, prot: opts.prot ?? RW, flags };
  if (file) {
    (op as { file?: string }).file = file;
    (op as { offset?: number }).offset = (opts.offsetPages ?? page) * P;
  }
  return op;
}

/** Template name -> concrete operations (variants). */
export const TEMPLATES: Record<string, () => Op[]> = {
  // anonymous mappings
  anon: () => [mmapAt(0, 2), mmapAt(2, 2), mmapAt(4, 2)],
  'anon-ro': () => [mmapAt(2, 2, undefined, { prot: R }), mmapAt(6, 2, undefined, { prot: R })],
  'anon-shared': () => [mmapAt(0, 2, undefined, { shared: true }), mmapAt(4, 2, undefined, { shared: true })],
  'anon-fixed': () => [mmapAt(1, 2)],
  'anon-close': () => [mmapAt(0, 2, 'legacy-close', { shared: true }), mmapAt(4, 2, 'legacy-close', { shared: true })],
  'anon-uffd': () => [{ op: 'uffd_register', addr: pg(0), len: 2 * P }, { op: 'uffd_register', addr: pg(2), len: 2 * P }],
  'anon-maysplit-veto': () => [mmapAt(0, 4, 'legacy-maysplit-veto', { shared: true })],
  noreplace: () => [mmapAt(0, 2, undefined, { noreplace: true }), mmapAt(1, 2, undefined, { noreplace: true })],
  touch: () => [{ op: 'touch', addr: pg(0) }, { op: 'touch', addr: pg(2) }],
  // file mappings with mmap_prepare (shared so that file/pgoff contiguity decides merges)
  'file-prepare': () => [mmapAt(0, 2, 'prep', { shared: true }), mmapAt(2, 2, 'prep', { shared: true })],
  'file-prepare-flags': () => [mmapAt(2, 2, 'prep-flags', { shared: true })],
  'file-prepare-fail': () => [mmapAt(1, 2, 'prep-fail'), mmapAt(2, 2, 'prep-fail', { shared: true })],
  'file-prepare-mapped': () => [mmapAt(0, 2, 'prep-mapped', { shared: true }), mmapAt(2, 2, 'prep-mapped', { shared: true }), mmapAt(1, 2, 'prep-mapped', { shared: true })],
  'file-prepare-mapped-priv': () => [mmapAt(0, 2, 'prep-mapped-priv', { shared: true })],
  'file-prepare-mapped-fail': () => [mmapAt(0, 2, 'prep-mapped-fail', { shared: true }), mmapAt(1, 2, 'prep-mapped-fail', { shared: true })],
  'file-prepare-mapped-fail-close': () => [mmapAt(0, 2, 'prep-mapped-fail', { shared: true })],
  'file-prepare-private': () => [mmapAt(0, 2, 'prep-private', { shared: true }), mmapAt(2, 2, 'prep-private', { shared: true })],
  'file-prepare-abort': () => [mmapAt(0, 2, 'prep-abort', { shared: true }), mmapAt(2, 2, 'prep-abort', { shared: true })],
  'file-close-open': () => [mmapAt(0, 4, 'legacy-close', { shared: true })],
  'close-middle': () => [mmapAt(2, 2, 'legacy-close', { shared: true })],
  'file-prepare-remap-cow': () => [mmapAt(0, 2, 'prep-remap-partial'), mmapAt(0, 2, 'prep-remap')],
  'file-prepare-ioremap': () => [mmapAt(0, 2, 'prep-ioremap', { shared: true })],
  'file-prepare-simple-ioremap': () => [mmapAt(0, 2, 'prep-simple-small', { shared: true }), mmapAt(0, 2, 'prep-simple-big', { shared: true })],
  'file-prepare-kpages': () => [mmapAt(0, 2, 'prep-kpages-short', { shared: true }), mmapAt(0, 2, 'prep-kpages', { shared: true })],
  'file-prepare-vmfile': () => [mmapAt(0, 2, 'prep-vmfile', { shared: true })],
  'file-legacy-fail': () => [mmapAt(1, 2, 'legacy-fail')],
  'file-prepare-success-fail': () => [mmapAt(0, 2, 'prep-success-fail', { shared: true })],
  'file-prepare-errhook': () => [mmapAt(0, 2, 'prep-errhook', { shared: true })],
  'file-sealed-shared-write': () => [mmapAt(0, 2, 'sealed', { shared: true }), mmapAt(0, 2, 'sealed', { shared: true, prot: R })],
  'file-stacked': () => [mmapAt(0, 2, 'stacked', { shared: true })],
  'file-dev-mem': () => [mmapAt(0, 2, 'dev-mem', { shared: true }), mmapAt(0, 2, 'dev-mem')],
  'file-stacked-fail': () => [mmapAt(0, 2, 'stacked-fail', { shared: true })],
  'layout-locked': () => [mmapAt(0, 2, undefined, { locked: true })],
  'layout-sealed': () => [mmapAt(0, 2), { op: 'mseal', addr: pg(0), len: 2 * P }],
  'anon-populate': () => [mmapAt(0, 2, undefined, { prot: R, populate: true }), mmapAt(0, 2, undefined, { prot: ['EXEC'], locked: true })],
  // anonymous mappings beside the mremap destination (DEST): a moved VMA can merge with them (C64)
  // (the one after it as a starting layout, so that two operations reach the merge)
  'anon-at-dest': () => [{ op: 'mmap', addr: DEST - 2 * P, len: 2 * P, prot: RW, flags: ['PRIVATE', 'FIXED', 'ANONYMOUS'] }],
  'layout-anon-dest-next': () => [{ op: 'mmap', addr: DEST + 2 * P, len: 2 * P, prot: RW, flags: ['PRIVATE', 'FIXED', 'ANONYMOUS'] }],
  'anon-locked-rw': () => [mmapAt(2, 2, undefined, { locked: true })],
  'file-prepare-offset-gap': () => [mmapAt(2, 2, 'prep', { shared: true, offsetPages: 5 })],
  'file-prepare-private-ab': () => [mmapAt(0, 2, 'prep-lower-a', { shared: true, offsetPages: 0 }), mmapAt(2, 2, 'prep-lower-b', { shared: true, offsetPages: 2 })],
  'file-prepare-mapped-hide': () => [mmapAt(0, 2, 'prep-mapped-hide', { shared: true }), mmapAt(2, 2, 'prep-mapped-hide', { shared: true })],
  // starting layouts (scenario.setup)
  // two file VMAs with a one-range hole whose pgoff fits both: filling it merges all three (C05)
  'layout-file-gap': () => [mmapAt(0, 2, 'prep', { shared: true }), mmapAt(4, 2, 'prep', { shared: true })],
  'file-prepare-fill': () => [mmapAt(2, 2, 'prep', { shared: true }), mmapAt(2, 2, 'prep-flags', { shared: true })],
  'layout-close-sides3': () => [mmapAt(0, 2, 'legacy-close', { shared: true }), mmapAt(4, 2, 'legacy-close', { shared: true }), mmapAt(8, 2, 'legacy-close', { shared: true })],
  'close-middle2': () => [mmapAt(2, 2, 'legacy-close', { shared: true }), mmapAt(6, 2, 'legacy-close', { shared: true })],
  // one file in VMAs of two protections with contiguous pgoff, then an anonymous VMA: an mprotect
  // that makes a file VMA equal to its neighbours merges them and removes file-backed VMAs (C74)
  'layout-file-prots': () => [
    mmapAt(0, 2, 'legacy', { shared: true }), mmapAt(2, 2, 'legacy', { shared: true, prot: R }), mmapAt(4, 2, 'legacy', { shared: true }),
    mmapAt(6, 2, undefined, { prot: R }),
  ],
  'mprotect-merge': () => [
    { op: 'mprotect', addr: pg(2), len: 2 * P, prot: RW }, // prev, middle and next become one
    { op: 'mprotect', addr: pg(0), len: 2 * P, prot: R }, // the whole of a VMA merges into next
    { op: 'mprotect', addr: pg(4), len: 2 * P, prot: R }, // the whole of a VMA merges into prev
    { op: 'mprotect', addr: pg(3), len: P, prot: RW }, // part of a VMA merges into next
    { op: 'mprotect', addr: pg(5), len: 3 * P, prot: R }, // file and anonymous: no merge across
  ],
  'layout-close-sides': () => [mmapAt(0, 2, 'legacy-close', { shared: true }), mmapAt(4, 2, 'legacy-close', { shared: true })],
  'layout-limit': () => [mmapAt(0, 4), mmapAt(6, 2, undefined, { prot: R })],
  'munmap-middle-of-4': () => [{ op: 'munmap', addr: pg(1), len: P }],
  'munmap-edge': () => [{ op: 'munmap', addr: pg(0), len: P }],
  'anon-far': () => [mmapAt(10, 1, undefined, { prot: R }), mmapAt(12, 1, undefined, { prot: R })],
  'layout-2vma': () => [mmapAt(0, 2), mmapAt(2, 2, undefined, { prot: R })],
  'layout-3vma': () => [mmapAt(0, 2), mmapAt(2, 2, undefined, { prot: R }), mmapAt(4, 2)],
  'layout-3vma-gap': () => [mmapAt(0, 2), mmapAt(2, 2, undefined, { prot: R }), mmapAt(5, 1)],
  'layout-hole-start': () => [mmapAt(7, 2), mmapAt(9, 1, undefined, { prot: R })],
  'layout-2vma-dest': () => [mmapAt(0, 2), mmapAt(4, 2, undefined, { prot: R })],
  'file-prepare-remap': () => [mmapAt(0, 2, 'prep-remap', { shared: true }), mmapAt(2, 2, 'prep-remap', { shared: true })],
  'file-prepare-remap-bad': () => [mmapAt(1, 2, 'prep-remap-bad', { shared: true })],
  'file-prepare-remap-fail': () => [mmapAt(0, 2, 'prep-remap-fail', { shared: true })],
  'file-prepare-writes-immutable': () => [mmapAt(0, 2, 'prep-writes', { shared: true })],
  'file-prepare-open': () => [mmapAt(0, 4, 'prep-open', { shared: true })],
  // legacy ->mmap
  'file-legacy': () => [mmapAt(0, 2, 'legacy', { shared: true }), mmapAt(2, 2, 'legacy', { shared: true })],
  'file-legacy-adjacent': () => [mmapAt(2, 2, 'legacy-flags', { shared: true, offsetPages: 2 })],
  'file-legacy-mapped': () => [mmapAt(0, 2, 'legacy-mapped', { shared: true })],
  'file-close': () => [mmapAt(0, 2, 'legacy-close', { shared: true }), mmapAt(2, 2, 'legacy-close', { shared: true })],
  'file-mremap-fail': () => [mmapAt(0, 2, 'legacy-mremap-fail', { shared: true })],
  'file-both': () => [mmapAt(0, 2, 'both', { shared: true })],
  'file-none': () => [mmapAt(0, 2, 'none', { shared: true })],
  'file-ro-shared-write': () => [mmapAt(0, 2, 'ro', { shared: true, prot: RW })],
  'file-gua': () => [mmapAt(2, 2, 'legacy-gua')],
  // munmap / mprotect
  munmap: () => [{ op: 'munmap', addr: pg(0), len: 2 * P }, { op: 'munmap', addr: pg(1), len: 2 * P }],
  'munmap-middle': () => [{ op: 'munmap', addr: pg(1), len: P }],
  'munmap-unaligned': () => [{ op: 'munmap', addr: pg(0) + 1, len: P }],
  'munmap-zero': () => [{ op: 'munmap', addr: pg(0), len: 0 }],
  mprotect: () => [{ op: 'mprotect', addr: pg(0), len: 2 * P, prot: R }, { op: 'mprotect', addr: pg(2), len: 2 * P, prot: RW }],
  'mprotect-middle': () => [{ op: 'mprotect', addr: pg(1), len: P, prot: R }, { op: 'mprotect', addr: pg(2), len: P, prot: R }, { op: 'mprotect', addr: pg(1), len: 2 * P, prot: ['READ', 'EXEC'] }],
  // mremap
  'mremap-move': () => [{ op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: 2 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: DEST }],
  'mremap-move-fail': () => [{ op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: 2 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: pg(4) }],
  'mremap-move-multi': () => [{ op: 'mremap', addr: pg(0), oldLen: 6 * P, newLen: 6 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: DEST }],
  'mremap-move-multi-more': () => [
    { op: 'mremap', addr: pg(0), oldLen: 4 * P, newLen: 4 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: DEST + 16 * P },
    { op: 'mremap', addr: pg(2), oldLen: 4 * P, newLen: 4 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: DEST + 32 * P },
  ],
  'mremap-move-multi-hole': () => [{ op: 'mremap', addr: pg(6), oldLen: 2 * P + 4 * P, newLen: 6 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: DEST }],
  'mremap-move-multi-nofixed': () => [{ op: 'mremap', addr: pg(0), oldLen: 6 * P, newLen: 6 * P, flags: ['MAYMOVE'] }],
  'mremap-grow-multi': () => [{ op: 'mremap', addr: pg(0), oldLen: 4 * P, newLen: 6 * P, flags: ['MAYMOVE'] }, { op: 'mremap', addr: pg(0), oldLen: 4 * P, newLen: 6 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: DEST }],
  'mremap-shrink-multi': () => [{ op: 'mremap', addr: pg(0), oldLen: 6 * P, newLen: P, flags: [] }, { op: 'mremap', addr: pg(0), oldLen: 6 * P, newLen: 3 * P, flags: [] }, { op: 'mremap', addr: pg(0), oldLen: 5 * P, newLen: P, flags: [] }],
  'mremap-shrink-move': () => [{ op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: P, flags: ['MAYMOVE', 'FIXED'], newAddr: DEST }, { op: 'mremap', addr: pg(2), oldLen: 2 * P, newLen: P, flags: ['MAYMOVE', 'FIXED'], newAddr: DEST + 4 * P }],
  'mremap-grow': () => [{ op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: 4 * P, flags: [] }],
  'mremap-grow-move': () => [{ op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: 4 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: DEST }],
  'mremap-fixed-nomaymove': () => [{ op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: 2 * P, flags: ['FIXED'], newAddr: DEST }],
  'mremap-dontunmap-nomaymove': () => [{ op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: 2 * P, flags: ['DONTUNMAP'], newAddr: DEST }],
  'mremap-fixed-overlap': () => [
    { op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: 2 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: pg(1) },
    { op: 'mremap', addr: pg(2), oldLen: 2 * P, newLen: 2 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: pg(1) },
    { op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: 4 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: pg(1) },
  ],
  'mremap-dup': () => [{ op: 'mremap', addr: pg(0), oldLen: 0, newLen: 2 * P, flags: ['MAYMOVE'] }],
  'mremap-dup-nomaymove': () => [{ op: 'mremap', addr: pg(0), oldLen: 0, newLen: 2 * P, flags: [] }, { op: 'mremap', addr: pg(4), oldLen: 0, newLen: P, flags: [] }],
  'mremap-dontunmap': () => [{ op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: 2 * P, flags: ['MAYMOVE', 'DONTUNMAP'], newAddr: DEST }],
  'mremap-dontunmap-resize': () => [{ op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: 4 * P, flags: ['MAYMOVE', 'DONTUNMAP'], newAddr: DEST }],
};

export function templateOps(name: string): Op[] {
  const t = TEMPLATES[name];
  return t ? t() : [];
}
