/**
 * struct vm_area_struct and the VMA-level primitives of mm/vma.c: split (__split_vma/split_vma),
 * new-range merge (vma_merge_new_range + vma_expand), existing-range merge
 * (vma_merge_existing_range), removal (remove_vma -> vm_ops->close), and anon_vma_prepare.
 * Merge conditions: reference §2.5 (is_mergeable_vma, can_vma_merge_before/after,
 * is_mergeable_anon_vma, can_merge_remove_vma, VM_SPECIAL).
 */
import type { MmStruct } from './mm.js';
import type { VmOpsSpec } from './types.js';
import { ERRNO, PAGE_SIZE, VM, VM_SPECIAL, errnoValue } from './types.js';

export interface Vma {
  /** Stable identity for traces (a new id per vm_area_alloc/vm_area_dup). */
  id: number;
  start: number;
  end: number;
  /** Pages. */
  pgoff: number;
  flags: number;
  /** struct file id (vm_file), null for private anonymous. */
  file: string | null;
  /** anon_vma identity, null until the first write fault (anon_vma_prepare). */
  anonVma: number | null;
  vmOps: VmOpsSpec | null;
  privateData: string | null;
  /** userfaultfd context id. */
  uffd: number | null;
  /** mempolicy marker (null = default). */
  policy: string | null;
  /** anon_vma_name marker. */
  anonName: string | null;
}

export function vmaPages(v: { start: number; end: number }): number {
  return (v.end - v.start) / 4096;
}

export function ignoreMergeMask(mm: MmStruct): number {
  let m = 0;
  for (const f of mm.profile.features.ignoreMergeFlags) m |= VM[f];
  return m;
}

/** The proposed attributes of a range (struct vma_merge_struct's fields that matter). */
export interface Proposal {
  start: number;
  end: number;
  pgoff: number;
  flags: number;
  file: string | null;
  anonVma: number | null;
  policy: string | null;
  uffd: number | null;
  anonName: string | null;
}

export function proposalFromVma(v: Vma, start: number, end: number, flags = v.flags): Proposal {
  return {
    start, end, pgoff: v.pgoff + ((start - v.start) / PAGE_SIZE), flags, file: v.file, anonVma: v.anonVma,
    policy: v.policy, uffd: v.uffd, anonName: v.anonName,
  };
}

function isMergeableVma(mm: MmStruct, p: Proposal, v: Vma): boolean {
  if (p.policy !== v.policy) return false;
  if ((v.flags ^ p.flags) & ~ignoreMergeMask(mm)) return false;
  if (v.file !== p.file) return false;
  if (v.uffd !== p.uffd) return false;
  if (v.anonName !== p.anonName) return false;
  return true;
}

/** is_mergeable_anon_vma without fork: NULL on either side, or the same anon_vma. */
function isMergeableAnonVma(a: number | null, b: number | null): boolean {
  return a === null || b === null || a === b;
}

export function canVmaMergeBefore(mm: MmStruct, p: Proposal, next: Vma): boolean {
  return isMergeableVma(mm, p, next) && isMergeableAnonVma(p.anonVma, next.anonVma) &&
    next.pgoff === p.pgoff + ((p.end - p.start) / PAGE_SIZE);
}
export function canVmaMergeAfter(mm: MmStruct, p: Proposal, prev: Vma): boolean {
  return isMergeableVma(mm, p, prev) && isMergeableAnonVma(p.anonVma, prev.anonVma) &&
    prev.pgoff + vmaPages(prev) === p.pgoff;
}
/** A merge may only remove a VMA without vm_ops->close. */
export function canMergeRemoveVma(v: Vma): boolean {
  return !v.vmOps?.close;
}

function canMergeLeft(mm: MmStruct, p: Proposal, prev: Vma | undefined): prev is Vma {
  return !!prev && prev.end === p.start && canVmaMergeAfter(mm, p, prev);
}
function canMergeRight(mm: MmStruct, p: Proposal, prev: Vma | undefined, next: Vma | undefined, mergeLeft: boolean): next is Vma {
  if (!next || p.end !== next.start || !canVmaMergeBefore(mm, p, next)) return false;
  if (!mergeLeft) return true;
  // prev and next must also be compatible with EACH OTHER.
  return !prev || prev.anonVma === null || next.anonVma === null || prev.anonVma === next.anonVma;
}

/** dup_anon_vma(dst, src): dst inherits src's anon_vma if it has none. */
function dupAnonVma(mm: MmStruct, dst: Vma, src: Vma | null): number {
  if (src && src.anonVma !== null && dst.anonVma === null) {
    const e = mm.inject('anon_vma_clone');
    if (e) return e;
    dst.anonVma = src.anonVma;
  }
  return 0;
}

export interface MergeResult {
  /** The VMA the range is now part of, or null when no merge happened. */
  vma: Vma | null;
  /** -errno when the merge failed for lack of memory (VMA_MERGE_ERROR_NOMEM). */
  errno: number;
}

/**
 * vma_merge_new_range(): try to merge the new range `p` with prev (ending at p.start) and/or next
 * (starting at p.end). `justExpand` = brk-like expand-only mode. On success prev/next are expanded,
 * next may be removed; the target is write-locked.
 */
export function vmaMergeNewRange(mm: MmStruct, p: Proposal, prev: Vma | undefined, next: Vma | undefined, justExpand = false): MergeResult {
  if (p.flags & VM_SPECIAL || (!prev && !next)) return { vma: null, errno: 0 };
  const left = canMergeLeft(mm, p, prev);
  const right = !justExpand && canMergeRight(mm, p, prev, next, left);
  let start = p.start, end = p.end, pgoff = p.pgoff;
  let target: Vma | null = null;
  if (right) {
    end = next!.end;
    target = next!;
  }
  if (left) {
    start = prev!.start;
    pgoff = prev!.pgoff;
    target = prev!;
    if (right && !canMergeRemoveVma(next!)) end = p.end;
  }
  if (!target) return { vma: null, errno: 0 };
  // vma_expand(target, start, end, pgoff): removes next when the range now covers it.
  const removeNext = right && left && end === next!.end ? next! : null;
  const sticky = (p.flags | target.flags | (removeNext?.flags ?? 0)) & ignoreMergeMask(mm);
  mm.vmaStartWrite(target);
  const anonBefore = target.anonVma;
  if (removeNext) {
    mm.vmaStartWrite(removeNext);
    const e = dupAnonVma(mm, target, removeNext);
    if (e) return { vma: null, errno: e };
  }
  // the new range itself may carry an anon_vma (copy_vma of a faulted VMA)
  if (p.anonVma !== null && target.anonVma === null) target.anonVma = p.anonVma;
  const e = mm.inject('vma_iter_prealloc');
  if (e) {
    target.anonVma = anonBefore; // unlink_anon_vmas(anon_dup)
    return { vma: null, errno: e };
  }
  if (removeNext) {
    mm.remove(removeNext);
    mm.rec.push({ ev: 'vma', kind: 'removed', vma: removeNext.id, start: removeNext.start, end: removeNext.end, detail: `merged into vma#${target.id}` });
    mm.fput(removeNext.file); // remove_vma(): the removed VMA's file reference goes with it
  }
  target.start = start;
  target.end = end;
  target.pgoff = pgoff;
  target.flags |= sticky;
  mm.rec.push({ ev: 'vma', kind: 'merged', vma: target.id, start, end, pgoff, detail: `new range [0x${p.start.toString(16)}, 0x${p.end.toString(16)})${left ? ' +prev' : ''}${right && end === (next?.end ?? -1) ? ' +next' : ''}` });
  return { vma: target, errno: 0 };
}

/**
 * vma_merge_existing_range(): the range [start, end) of `middle` gets new flags `p.flags`; try to
 * merge it into prev/next instead of splitting. Returns the merged VMA or null (no merge).
 */
export function vmaMergeExistingRange(mm: MmStruct, p: Proposal, prev: Vma | undefined, middle: Vma): MergeResult {
  const leftSide = p.start === middle.start;
  const rightSide = p.end === middle.end;
  if (p.flags & VM_SPECIAL || (!leftSide && !rightSide)) return { vma: null, errno: 0 };
  let mergeLeft = leftSide && canMergeLeft(mm, p, prev);
  const next = rightSide ? mm.vmaNext(middle) : undefined;
  let mergeRight = rightSide && canMergeRight(mm, p, prev, next, mergeLeft);
  if (!mergeLeft && !mergeRight) return { vma: null, errno: 0 };
  let mergeBoth = mergeLeft && mergeRight;
  const removeMiddle = leftSide && rightSide;
  if (removeMiddle && !canMergeRemoveVma(middle)) return { vma: null, errno: 0 };
  let removeNext = mergeBoth;
  if (removeNext && !canMergeRemoveVma(next!)) {
    removeNext = false;
    mergeRight = false;
    mergeBoth = false;
  }
  mm.vmaStartWrite(middle);
  let sticky = p.flags & ignoreMergeMask(mm);
  if (mergeRight) {
    mm.vmaStartWrite(next!);
    sticky |= next!.flags & ignoreMergeMask(mm);
  }
  if (mergeLeft) {
    mm.vmaStartWrite(prev!);
    sticky |= prev!.flags & ignoreMergeMask(mm);
  }
  let err = 0;
  const dupTarget = mergeLeft ? prev! : next!;
  const anonBefore = dupTarget.anonVma;
  if (mergeBoth) err = dupAnonVma(mm, prev!, next!.anonVma !== null ? next! : middle);
  else if (mergeLeft) err = dupAnonVma(mm, prev!, middle);
  else err = dupAnonVma(mm, next!, middle);
  if (!err) err = mm.inject('vma_iter_prealloc');
  if (err) {
    dupTarget.anonVma = anonBefore;
    return { vma: null, errno: err };
  }

  const pglen = (p.end - p.start) / PAGE_SIZE;
  let target: Vma;
  if (mergeBoth) {
    target = prev!;
    target.end = next!.end;
    removeVmaFromTree(mm, middle, target);
    removeVmaFromTree(mm, next!, target);
  } else if (mergeLeft) {
    target = prev!;
    target.end = p.end;
    if (removeMiddle) removeVmaFromTree(mm, middle, target);
    else {
      middle.pgoff += (p.end - middle.start) / PAGE_SIZE;
      middle.start = p.end;
      mm.rec.push({ ev: 'vma', kind: 'shrunk', vma: middle.id, start: middle.start, end: middle.end, pgoff: middle.pgoff });
    }
  } else {
    target = next!;
    if (removeMiddle) {
      target.pgoff = next!.pgoff - pglen;
      target.start = p.start;
      removeVmaFromTree(mm, middle, target);
    } else {
      middle.end = p.start;
      mm.rec.push({ ev: 'vma', kind: 'shrunk', vma: middle.id, start: middle.start, end: middle.end, pgoff: middle.pgoff });
      target.pgoff = next!.pgoff - pglen;
      target.start = p.start;
    }
  }
  target.flags |= sticky;
  mm.rec.push({ ev: 'vma', kind: 'merged', vma: target.id, start: target.start, end: target.end, pgoff: target.pgoff, detail: `existing range [0x${p.start.toString(16)}, 0x${p.end.toString(16)})` });
  return { vma: target, errno: 0 };
}

/** A VMA removed by a merge: no close (merges never remove a VMA with close), but its file reference is dropped. */
function removeVmaFromTree(mm: MmStruct, v: Vma, into: Vma): void {
  mm.remove(v);
  mm.rec.push({ ev: 'vma', kind: 'removed', vma: v.id, start: v.start, end: v.end, detail: `merged into vma#${into.id}` });
  mm.fput(v.file);
}

/**
 * __split_vma(vma, addr, newBelow): the new VMA is the lower part when newBelow, else the upper
 * part. Calls vm_ops->may_split first, vm_ops->open on the new VMA. Returns 0 or errno; on success
 * `out.created` is the new VMA.
 */
export function splitVmaRaw(mm: MmStruct, v: Vma, addr: number, newBelow: boolean, out?: { created?: Vma }): number {
  if (v.vmOps?.may_split) {
    const spec = typeof v.vmOps.may_split === 'object' ? v.vmOps.may_split : {};
    const r = mm.callHook('vm_ops->may_split', { vma: v.id, addr }, spec.fail ? errnoValue(spec.fail) : 0, v);
    if (r) return r;
  }
  let e = mm.inject('split:vm_area_dup');
  if (!e) e = mm.inject('vma_iter_prealloc');
  if (!e && v.anonVma !== null) e = mm.inject('anon_vma_clone');
  if (e) return e;
  const n: Vma = { ...v, id: mm.nextVmaId++ };
  if (newBelow) {
    n.end = addr;
    v.pgoff += (addr - v.start) / PAGE_SIZE;
    v.start = addr;
  } else {
    n.start = addr;
    n.pgoff = v.pgoff + ((addr - v.start) / PAGE_SIZE);
    v.end = addr;
  }
  mm.getFile(n.file);
  mm.vmaStartWrite(v);
  mm.vmaStartWrite(n);
  mm.insert(n);
  mm.rec.push({ ev: 'vma', kind: 'split', vma: v.id, start: v.start, end: v.end, pgoff: v.pgoff, detail: `new vma#${n.id} [0x${n.start.toString(16)}, 0x${n.end.toString(16)})` });
  if (n.vmOps?.open) mm.callHook('vm_ops->open', { vma: n.id }, 0, n);
  if (out) out.created = n;
  return 0;
}

/** split_vma(): like __split_vma but refuses when map_count >= max_map_count (mprotect, madvise). */
export function splitVma(mm: MmStruct, v: Vma, addr: number, newBelow: boolean): number {
  if (mm.mapCount >= mm.maxMapCount) {
    mm.rec.push({ ev: 'check', name: 'split_vma: map_count >= max_map_count', errno: ERRNO.ENOMEM });
    return ERRNO.ENOMEM;
  }
  return splitVmaRaw(mm, v, addr, newBelow);
}

/** remove_vma(): vm_ops->close, fput, free. The VMA must already be out of the tree. */
export function removeVma(mm: MmStruct, v: Vma): void {
  if (v.vmOps?.close) mm.callHook('vm_ops->close', { vma: v.id }, 0, v);
  mm.fput(v.file);
}

/**
 * anon_vma_prepare() on the first write fault of a private VMA: reuse a neighbour's anon_vma when
 * anon_vma_compatible (adjacent, same file/policy, flags equal but for access bits, pgoff
 * contiguous) — next first, then prev — else allocate a new one.
 */
export function anonVmaPrepare(mm: MmStruct, v: Vma): number {
  if (v.anonVma !== null) return 0;
  const compatible = (a: Vma, b: Vma): boolean =>
    a.end === b.start && a.policy === b.policy && a.file === b.file &&
    !((a.flags ^ b.flags) & ~(VM.READ | VM.WRITE | VM.EXEC | VM.SOFTDIRTY)) &&
    b.pgoff === a.pgoff + ((b.start - a.start) / PAGE_SIZE);
  let reuse: number | null = null;
  const next = mm.vmaNext(v);
  if (next && next.anonVma !== null && compatible(v, next)) reuse = next.anonVma;
  if (reuse === null) {
    const prev = mm.vmaPrev(v);
    if (prev && prev.anonVma !== null && compatible(prev, v)) reuse = prev.anonVma;
  }
  if (reuse === null) {
    const e = mm.inject('anon_vma_alloc');
    if (e) return e;
    reuse = mm.nextAnonVma++;
  }
  v.anonVma = reuse;
  mm.rec.push({ ev: 'vma', kind: 'anon_vma', vma: v.id, start: v.start, end: v.end, detail: `anon_vma=${reuse}` });
  return 0;
}

/**
 * mm_populate()/populate_vma_page_range() over [start, end): a private writable VMA is faulted in
 * for write (FOLL_WRITE), which COWs and so gives it an anon_vma; any other accessible private
 * VMA is faulted in for read (FOLL_FORCE), which on an anonymous VMA also leaves an anon_vma
 * (measured on 6.18.44: MAP_POPULATE or MAP_LOCKED of a PROT_READ, PROT_EXEC or PROT_WRITE
 * anonymous or private /dev/zero mapping keeps its pgoff on a later move; PROT_NONE is not
 * populated). A file page beyond EOF stops it.
 */
export function populateRange(mm: MmStruct, start: number, end: number): void {
  for (const v of mm.vmasIn(start, end)) {
    if (v.flags & (VM.IO | VM.PFNMAP) || v.flags & VM.LOCKONFAULT) continue;
    if (!(v.flags & (VM.READ | VM.WRITE | VM.EXEC))) continue;
    const writeFault = (v.flags & (VM.WRITE | VM.SHARED)) === VM.WRITE;
    const anonRead = !(v.flags & (VM.SHARED | VM.MAYSHARE)) && v.vmOps === null;
    if (!writeFault && !anonRead) continue;
    const s = Math.max(start, v.start);
    if (v.file) {
      const f = mm.files.get(v.file);
      const page = v.pgoff + ((s - v.start) / PAGE_SIZE);
      if (f && page >= f.sizePages) break;
    }
    anonVmaPrepare(mm, v);
  }
}
