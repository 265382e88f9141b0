/**
 * munmap and its building blocks (mm/vma.c): do_vmi_munmap -> vms_gather_munmap_vmas (split the
 * edge VMAs, detach and write-lock the overlapped ones) -> vms_complete_munmap_vmas (zap, close,
 * unaccount, map_count). The gather/abort/complete split is also what mmap(MAP_FIXED) uses (§2.3 2a,
 * 2d, 4, 9). Reference §4.
 */
import type { MmStruct } from './mm.js';
import { TASK_SIZE } from './mm.js';
import type { Vma } from './vma.js';
import { removeVma, splitVmaRaw, vmaPages } from './vma.js';
import { ERRNO, PAGE_SIZE, VM } from './types.js';

/** struct vma_munmap_struct */
export interface Vms {
  start: number;
  end: number;
  detached: Vma[];
  /** VMA before start / after end once the edges are split. */
  prev: Vma | undefined;
  next: Vma | undefined;
  nrPages: number;
  nrAccounted: number;
  /** PTEs zapped and close() called (vms_clean_up_area): an abort leaves a hole. */
  cleared: boolean;
}

export function pageAlign(n: number): number {
  return Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;
}

/** vms_gather_munmap_vmas(): returns 0 and fills vms, or errno (already-done splits stay). */
export function gatherMunmapVmas(mm: MmStruct, start: number, end: number, vms: Vms): number {
  let vma = mm.findIntersection(start, end);
  if (!vma) return 0;
  if (start > vma.start) {
    if (end < vma.end && mm.mapCount >= mm.maxMapCount) {
      mm.rec.push({ ev: 'check', name: 'munmap split: map_count >= max_map_count', errno: ERRNO.ENOMEM });
      return ERRNO.ENOMEM;
    }
    if (vma.flags & VM.SEALED) return ERRNO.EPERM;
    const e = splitVmaRaw(mm, vma, start, true);
    if (e) return e;
  }
  const list = mm.vmasIn(start, end);
  const detached: Vma[] = [];
  let err = 0;
  for (const v of list) {
    if (v.flags & VM.SEALED) {
      err = ERRNO.EPERM;
      break;
    }
    if (v.end > end) {
      const e = splitVmaRaw(mm, v, end, false);
      if (e) {
        err = e;
        break;
      }
    }
    mm.vmaStartWrite(v);
    detached.push(v);
  }
  if (err) return err; // nothing was detached from the tree yet in the model: "reattach" is a no-op
  for (const v of detached) {
    mm.remove(v);
    mm.detachedCount++;
    vms.nrPages += vmaPages(v);
    if (v.flags & VM.ACCOUNT) vms.nrAccounted += vmaPages(v);
    mm.rec.push({ ev: 'vma', kind: 'detached', vma: v.id, start: v.start, end: v.end });
  }
  vms.detached = detached;
  vms.prev = mm.prevOf(start);
  vms.next = mm.nextFrom(end);
  return 0;
}

export function newVms(mm: MmStruct, start: number, end: number): Vms {
  return { start, end, detached: [], prev: mm.prevOf(start), next: mm.nextFrom(end), nrPages: 0, nrAccounted: 0, cleared: false };
}

/** vms_clean_up_area(): zap the old PTEs and call close() on every detached VMA (mmap only). */
export function cleanUpArea(mm: MmStruct, vms: Vms): void {
  if (!vms.detached.length) return;
  for (const v of vms.detached) {
    if (v.vmOps?.close) mm.callHook('vm_ops->close', { vma: v.id }, 0, v);
    v.vmOps = v.vmOps ? { ...v.vmOps, close: false } : null; // vma_dummy_vm_ops afterwards
  }
  vms.cleared = true;
}

/** vms_abort_munmap_vmas(): reattach if PTEs were not cleared, else complete the unmap (hole). */
export function abortMunmapVmas(mm: MmStruct, vms: Vms): void {
  if (!vms.detached.length) return;
  if (!vms.cleared) {
    for (const v of vms.detached) {
      mm.insert(v);
      mm.detachedCount--;
      mm.rec.push({ ev: 'vma', kind: 'reattached', vma: v.id, start: v.start, end: v.end });
    }
    vms.detached = [];
    return;
  }
  completeMunmapVmas(mm, vms);
}

/** vms_complete_munmap_vmas(): the detached VMAs are gone for good (close, fput, unaccount). */
export function completeMunmapVmas(mm: MmStruct, vms: Vms): void {
  for (const v of vms.detached) {
    mm.detachedCount--;
    if (!vms.cleared) removeVma(mm, v);
    else mm.fput(v.file);
    mm.rec.push({ ev: 'vma', kind: 'unmapped', vma: v.id, start: v.start, end: v.end });
  }
  if (vms.nrAccounted) {
    mm.committed -= vms.nrAccounted;
    mm.rec.push({ ev: 'account', pages: vms.nrAccounted, action: 'uncharge' });
  }
  vms.detached = [];
}

/** do_vmi_munmap(): argument checks, then gather + complete. Returns 0 or errno. */
export function doVmiMunmap(mm: MmStruct, start: number, len: number): number {
  if (start % PAGE_SIZE || start > TASK_SIZE || len > TASK_SIZE - start) return ERRNO.EINVAL;
  const end = start + pageAlign(len);
  if (end === start) return ERRNO.EINVAL;
  if (!mm.findIntersection(start, end)) return 0;
  const vms = newVms(mm, start, end);
  const e = gatherMunmapVmas(mm, start, end, vms);
  if (e) return e;
  const e2 = mm.inject('vma_iter_clear_gfp');
  if (e2) {
    abortMunmapVmas(mm, vms);
    return e2;
  }
  completeMunmapVmas(mm, vms);
  return 0;
}

/** munmap(2): takes mmap_lock for write around do_vmi_munmap. */
export function sysMunmap(mm: MmStruct, addr: number, len: number): number {
  const e = mm.inject('mmap_write_lock_killable');
  if (e) return e;
  mm.mmapWriteLock();
  const r = doVmiMunmap(mm, addr, len);
  mm.mmapUnlock();
  return r;
}
