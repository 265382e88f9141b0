/**
 * mprotect(2) (mm/mprotect.c: do_mprotect_pkey, mprotect_fixup) and the VMA modification path
 * (mm/vma.c: vma_modify_flags -> vma_modify = vma_merge_existing_range, else split_vma at both ends).
 * Also mseal(2) and userfaultfd registration, which modify VMAs the same way.
 */
import type { MmStruct } from './mm.js';
import type { Vma } from './vma.js';
import { populateRange, proposalFromVma, splitVma, vmaMergeExistingRange } from './vma.js';
import { pageAlign } from './munmap.js';
import { protBits, vmProt } from './mmap.js';
import type { ProtName } from './types.js';
import { ERRNO, PAGE_SIZE, VM, VM_ACCESS_FLAGS, errnoValue } from './types.js';

export interface VmaAttrs {
  flags: number;
  uffd?: number | null;
}

/**
 * vma_modify(): give [start, end) of `vma` the attributes `attrs`, merging with neighbours when
 * possible, else splitting. Returns the VMA now covering [start, end) or an errno.
 */
export function vmaModify(mm: MmStruct, prev: Vma | undefined, vma: Vma, start: number, end: number, attrs: VmaAttrs): Vma | number {
  const p = proposalFromVma(vma, start, end, attrs.flags);
  if (attrs.uffd !== undefined) p.uffd = attrs.uffd;
  const m = vmaMergeExistingRange(mm, p, prev, vma);
  if (m.vma) return m.vma;
  if (m.errno) return m.errno;
  if (vma.start < start) {
    const e = splitVma(mm, vma, start, true);
    if (e) return e;
  }
  if (vma.end > end) {
    const e = splitVma(mm, vma, end, false);
    if (e) return e;
  }
  return vma;
}

function mprotectFixup(mm: MmStruct, vma: Vma, prev: { v: Vma | undefined }, start: number, end: number, newflagsIn: number): number {
  let newflags = newflagsIn;
  const oldflags = vma.flags;
  if (vma.flags & VM.SEALED) return ERRNO.EPERM;
  if (newflags === oldflags) {
    prev.v = vma;
    return 0;
  }
  const nrpages = (end - start) / PAGE_SIZE;
  let charged = 0;
  if (newflags & VM.WRITE) {
    if (!(oldflags & (VM.ACCOUNT | VM.WRITE | VM.HUGETLB | VM.SHARED | VM.NORESERVE))) {
      const e = mm.inject('security_vm_enough_memory');
      if (e) return ERRNO.ENOMEM;
      charged = nrpages;
      newflags |= VM.ACCOUNT;
    }
  } else if (oldflags & VM.ACCOUNT && vma.vmOps === null && vma.anonVma === null) {
    newflags &= ~VM.ACCOUNT;
  }
  const r = vmaModify(mm, prev.v, vma, start, end, { flags: newflags });
  if (typeof r === 'number') {
    return r;
  }
  prev.v = r;
  mm.vmaStartWrite(r);
  r.flags = newflags | (r.flags & (VM.SOFTDIRTY | VM.MAYBE_GUARD));
  mm.rec.push({ ev: 'vma', kind: 'modified', vma: r.id, start: r.start, end: r.end, pgoff: r.pgoff, detail: 'mprotect' });
  if (charged) {
    mm.committed += charged;
    mm.rec.push({ ev: 'account', pages: charged, action: 'charge' });
  }
  if (oldflags & VM.ACCOUNT && !(newflags & VM.ACCOUNT)) {
    mm.committed -= nrpages;
    mm.rec.push({ ev: 'account', pages: nrpages, action: 'uncharge' });
  }
  // Private VM_LOCKED VMA becoming writable: COW it in now
  if ((oldflags & (VM.WRITE | VM.SHARED | VM.LOCKED)) === VM.LOCKED && newflags & VM.WRITE) populateRange(mm, start, end);
  return 0;
}

/** do_mprotect_pkey(). Returns 0 or errno (changes made before a failing VMA stay). */
export function sysMprotect(mm: MmStruct, start: number, lenIn: number, protNames: ProtName[]): number {
  const prot = protBits(protNames);
  if (start % PAGE_SIZE) return ERRNO.EINVAL;
  if (!lenIn) return 0;
  const len = pageAlign(lenIn);
  const end = start + len;
  if (end <= start) return ERRNO.ENOMEM;
  const e = mm.inject('mmap_write_lock_killable');
  if (e) return e;
  mm.mmapWriteLock();
  const r = doMprotect(mm, start, end, prot);
  mm.mmapUnlock();
  return r;
}

function doMprotect(mm: MmStruct, start: number, end: number, prot: number): number {
  let vma = mm.findIntersection(start, end);
  if (!vma || vma.start > start) return ERRNO.ENOMEM;
  const prev = { v: start > vma.start ? vma : mm.vmaPrev(vma) };
  let nstart = start;
  let tmp = vma.start;
  let error = 0;
  while (vma) {
    if (vma.start !== tmp) {
      error = ERRNO.ENOMEM;
      break;
    }
    const newflags = vmProt(prot) | (vma.flags & ~VM_ACCESS_FLAGS);
    // newflags >> 4 shifts VM_MAY* onto VM_*
    if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS) {
      error = ERRNO.EACCES;
      break;
    }
    tmp = Math.min(vma.end, end);
    if (vma.vmOps?.mprotect) {
      const spec = typeof vma.vmOps.mprotect === 'object' ? vma.vmOps.mprotect : {};
      error = mm.callHook('vm_ops->mprotect', { vma: vma.id, start: nstart, end: tmp, newflags }, spec.fail ? errnoValue(spec.fail) : 0, vma);
      if (error) break;
    }
    error = mprotectFixup(mm, vma, prev, nstart, tmp, newflags);
    if (error) break;
    // vma_iter_end(): the end of the VMA now covering nstart
    tmp = prev.v ? prev.v.end : tmp;
    nstart = tmp;
    if (nstart >= end) break;
    vma = mm.findIntersection(nstart, end);
  }
  if (!error && tmp < end) error = ERRNO.ENOMEM;
  return error;
}

/** mseal(addr, len, 0): seal every VMA in the range (splitting at the edges). */
export function sysMseal(mm: MmStruct, start: number, lenIn: number): number {
  if (start % PAGE_SIZE) return ERRNO.EINVAL;
  const len = pageAlign(lenIn);
  const end = start + len;
  if (end < start) return ERRNO.ENOMEM;
  if (end === start) return 0;
  mm.mmapWriteLock();
  let r = 0;
  // check_mm_seal: the range must be fully mapped
  let pos = start;
  for (const v of mm.vmasIn(start, end)) {
    if (v.start > pos) { r = ERRNO.ENOMEM; break; }
    pos = v.end;
  }
  if (!r && pos < end) r = ERRNO.ENOMEM;
  if (!r) r = modifyRange(mm, start, end, (v) => ({ flags: v.flags | VM.SEALED }));
  mm.mmapUnlock();
  return r;
}

/** Apply an attribute change to every VMA in [start, end) through vma_modify. */
export function modifyRange(mm: MmStruct, start: number, end: number, f: (v: Vma) => VmaAttrs): number {
  let pos = start;
  let prev = mm.vmaLookup(start) && mm.vmaLookup(start)!.start < start ? mm.vmaLookup(start) : mm.vmaPrev(mm.findVma(start)!);
  while (pos < end) {
    const v = mm.findIntersection(pos, end);
    if (!v) break;
    const s = Math.max(v.start, pos);
    const e = Math.min(v.end, end);
    const attrs = f(v);
    let r: Vma | number = v;
    if (attrs.flags !== v.flags || (attrs.uffd !== undefined && attrs.uffd !== v.uffd)) {
      r = vmaModify(mm, v.start < s ? v : prev, v, s, e, attrs);
      if (typeof r === 'number') return r;
      r.flags = attrs.flags | (r.flags & VM.SOFTDIRTY);
      if (attrs.uffd !== undefined) r.uffd = attrs.uffd;
    }
    prev = r;
    pos = e;
  }
  return 0;
}

/**
 * UFFDIO_REGISTER (MISSING) over [start, start+len): every VMA in the range (holes are allowed) must be
 * anonymous or shmem (-EINVAL) and VM_MAYWRITE (-EPERM); no VMA at all gives -ENOMEM.
 */
export function sysUffdRegister(mm: MmStruct, start: number, len: number): number {
  if (start % PAGE_SIZE || len % PAGE_SIZE || !len || start + len > TASK_SIZE_UFFD) return ERRNO.EINVAL;
  const end = start + len;
  mm.mmapWriteLock();
  let r = 0;
  const list = mm.vmasIn(start, end);
  if (!list.length) r = ERRNO.EINVAL;
  for (const v of list) {
    if (r) break;
    const shmem = v.file !== null && !!mm.files.get(v.file)?.shmem;
    if (v.vmOps !== null && !shmem) r = ERRNO.EINVAL;
    else if (!(v.flags & VM.MAYWRITE)) r = ERRNO.EPERM;
  }
  const ctx = 1; // one userfaultfd per mm in the model
  if (!r) r = modifyRange(mm, start, end, (v) => ({ flags: v.flags | VM.UFFD_MISSING, uffd: ctx }));
  mm.mmapUnlock();
  return r;
}

const TASK_SIZE_UFFD = 0x7ffffffff000;
