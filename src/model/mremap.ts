/**
 * mremap(2) (mm/mremap.c, reference §3): check_mremap_params (errno order of §3.1), dispatch
 * (§3.2): move-only -> remap_move (multi-VMA since 6.17, §3.4), else vma_lookup + check_prep_vma,
 * then mremap_to (FIXED/DONTUNMAP) or mremap_at (shrink / no-op / expand in place or move).
 * move_vma -> copy_vma (merge at the destination, §3.5) -> vm_ops->mremap -> unmap the source
 * (VM_ACCOUNT concealed and restored on the remnants) or, with DONTUNMAP, keep it.
 */
import type { MmStruct } from './mm.js';
import { TASK_SIZE } from './mm.js';
import type { Vma } from './vma.js';
import { populateRange, vmaMergeNewRange } from './vma.js';
import { doVmiMunmap, pageAlign } from './munmap.js';
import type { MremapFlagName } from './types.js';
import { ERRNO, PAGE_SIZE, VM, VM_LOCKED_MASK, errnoValue } from './types.js';

export const MREMAP = { MAYMOVE: 1, FIXED: 2, DONTUNMAP: 4, UNKNOWN: 0x100 } as const;

type RemapType = 'NO_RESIZE' | 'SHRINK' | 'EXPAND';

interface Vrm {
  addr: number;
  oldLen: number;
  newLen: number;
  flags: number;
  newAddr: number;
  vma: Vma | undefined;
  delta: number;
  type: RemapType;
  charged: number;
  /** `charged` is already recorded as leaked (so a later error path does not count it twice). */
  chargeLeaked?: boolean;
}

const isErr = (r: number): boolean => r < 0;

function impliesNewAddr(v: Vrm): boolean {
  return !!(v.flags & (MREMAP.FIXED | MREMAP.DONTUNMAP));
}

function checkMremapParams(mm: MmStruct, v: Vrm): number {
  const chk = (name: string, e: number): number => {
    mm.rec.push({ ev: 'check', name, errno: e });
    return -e;
  };
  if (v.flags & ~(MREMAP.FIXED | MREMAP.MAYMOVE | MREMAP.DONTUNMAP)) return chk('mremap: unknown flag', ERRNO.EINVAL);
  if (v.addr % PAGE_SIZE) return chk('mremap: addr not page aligned', ERRNO.EINVAL);
  if (!v.newLen) return chk('mremap: new_len == 0', ERRNO.EINVAL);
  if (v.newLen > TASK_SIZE) return chk('mremap: new_len > TASK_SIZE', ERRNO.EINVAL);
  if (!impliesNewAddr(v)) return 0;
  if (v.newAddr > TASK_SIZE - v.newLen) return chk('mremap: new_addr > TASK_SIZE - new_len', ERRNO.EINVAL);
  if (v.newAddr % PAGE_SIZE) return chk('mremap: new_addr not page aligned', ERRNO.EINVAL);
  if (!(v.flags & MREMAP.MAYMOVE)) return chk('mremap: FIXED/DONTUNMAP without MAYMOVE', ERRNO.EINVAL);
  if (v.flags & MREMAP.DONTUNMAP && v.oldLen !== v.newLen) return chk('mremap: DONTUNMAP with resize', ERRNO.EINVAL);
  if (v.addr + v.oldLen > v.newAddr && v.newAddr + v.newLen > v.addr) return chk('mremap: old and new ranges overlap', ERRNO.EINVAL);
  // 7.1's map-count fixes replaced this with check_map_count_against_split_early (sysMremap) and
  // prep_move_vma's map_count + 2 <= max
  if (!mm.profile.features.mremapEarlyMapCount && mm.mapCount + 2 >= mm.maxMapCount - 3) return chk('mremap: map_count + 2 >= max_map_count - 3', ERRNO.ENOMEM);
  return 0;
}

function checkPrepVma(mm: MmStruct, v: Vrm): number {
  const vma = v.vma;
  if (!vma) {
    mm.rec.push({ ev: 'check', name: 'mremap: no VMA at addr', errno: ERRNO.EFAULT });
    return -ERRNO.EFAULT;
  }
  if (vma.flags & VM.SEALED) return -ERRNO.EPERM;
  v.delta = Math.abs(v.oldLen - v.newLen);
  v.type = v.delta === 0 ? 'NO_RESIZE' : v.oldLen > v.newLen ? 'SHRINK' : 'EXPAND';
  if (!impliesNewAddr(v)) v.newAddr = v.addr;
  if (!(v.type === 'EXPAND' || impliesNewAddr(v))) return 0;
  let oldLen = v.oldLen;
  const newLen = v.newLen;
  if (!oldLen && !(vma.flags & (VM.SHARED | VM.MAYSHARE))) return -ERRNO.EINVAL;
  if (v.flags & MREMAP.DONTUNMAP && vma.flags & (VM.DONTEXPAND | VM.PFNMAP)) return -ERRNO.EINVAL;
  if (v.type === 'SHRINK') oldLen = newLen;
  if (oldLen > vma.end - v.addr) {
    mm.rec.push({ ev: 'check', name: 'mremap: range crosses the end of the VMA', errno: ERRNO.EFAULT });
    return -ERRNO.EFAULT;
  }
  if (newLen === oldLen) return 0;
  const pgoff = vma.pgoff + ((v.addr - vma.start) / PAGE_SIZE);
  if (pgoff + newLen / PAGE_SIZE > 2 ** 52) return -ERRNO.EINVAL;
  if (vma.flags & (VM.DONTEXPAND | VM.PFNMAP)) return -ERRNO.EFAULT;
  if (!mm.mlockFutureOk(vma.flags, v.delta)) {
    mm.rec.push({ ev: 'check', name: 'mremap: VM_LOCKED and !mlock_future_ok', errno: ERRNO.EAGAIN });
    return -ERRNO.EAGAIN;
  }
  const e = mm.inject('may_expand_vm');
  if (e) return -e;
  return 0;
}

function shrinkVma(mm: MmStruct, v: Vrm, dropLock: boolean): number {
  const r = doVmiMunmap(mm, v.addr + v.newLen, v.delta);
  v.vma = undefined;
  if (r) return -r;
  if (!dropLock) {
    v.vma = mm.vmaLookup(v.addr);
    if (!v.vma) return -ERRNO.EFAULT;
  }
  return 0;
}

function setNewAddr(mm: MmStruct, v: Vrm): number {
  const hint = impliesNewAddr(v) ? v.newAddr : 0;
  const r = mm.getUnmappedArea(hint, v.newLen, !!(v.flags & MREMAP.FIXED));
  if (r < 0) return r;
  v.newAddr = r;
  return 0;
}

function calcCharge(mm: MmStruct, v: Vrm): boolean {
  if (!(v.vma!.flags & VM.ACCOUNT)) return true;
  const charged = (v.flags & MREMAP.DONTUNMAP ? v.newLen : v.delta) / PAGE_SIZE;
  if (mm.inject('security_vm_enough_memory')) return false;
  v.charged = charged;
  mm.committed += charged;
  return true;
}

/** copy_vma(): merge at the destination or duplicate the VMA there. */
function copyVma(mm: MmStruct, vmaRef: { v: Vma }, addr: number, len: number, pgoffIn: number): Vma | null {
  const vma = vmaRef.v;
  let pgoff = pgoffIn;
  const anonymous = vma.vmOps === null; // vma_is_anonymous()
  if (anonymous && vma.anonVma === null) pgoff = addr / PAGE_SIZE;
  const prev = mm.prevOf(addr);
  const next = mm.nextFrom(addr + len);
  const p = { start: addr, end: addr + len, pgoff, flags: vma.flags, file: vma.file, anonVma: vma.anonVma, policy: vma.policy, uffd: vma.uffd, anonName: vma.anonName };
  const m = vmaMergeNewRange(mm, p, prev, next);
  if (m.vma) {
    const nv = m.vma;
    if (vma.start >= nv.start && vma.start < nv.end) vmaRef.v = nv;
    mm.rec.push({ ev: 'vma', kind: 'copied', vma: nv.id, start: addr, end: addr + len, pgoff, detail: `merged at destination from vma#${vma.id}` });
    return nv;
  }
  if (mm.inject('copy_vma')) return null;
  if (vma.anonVma !== null && mm.inject('anon_vma_clone')) return null;
  const nv: Vma = { ...vma, id: mm.nextVmaId++, start: addr, end: addr + len, pgoff };
  mm.getFile(nv.file);
  if (nv.vmOps?.open) mm.callHook('vm_ops->open', { vma: nv.id }, 0, nv);
  mm.insert(nv);
  mm.vmaStartWrite(nv);
  mm.rec.push({ ev: 'vma', kind: 'copied', vma: nv.id, start: nv.start, end: nv.end, pgoff, detail: `copy of vma#${vma.id}` });
  return nv;
}

function unmapSourceVma(mm: MmStruct, v: Vrm): void {
  const vma = v.vma!;
  const accountable = !!(vma.flags & VM.ACCOUNT) && !(v.flags & MREMAP.DONTUNMAP);
  const vmStart = vma.start, vmEnd = vma.end;
  if (accountable) vma.flags &= ~VM.ACCOUNT;
  const addr = v.addr, len = v.oldLen;
  const err = doVmiMunmap(mm, addr, len);
  v.vma = undefined;
  if (err) {
    // "OOM: unable to split vma, just get accounts right": vm_acct_memory(len); VM_ACCOUNT stays
    // cleared on the source, whose charge is then never given back
    if (accountable) {
      mm.committed += len / PAGE_SIZE;
      mm.rec.push({ ev: 'account', pages: len / PAGE_SIZE, action: 'charge' });
      mm.leakCharge((vmEnd - vmStart) / PAGE_SIZE + (v.chargeLeaked ? 0 : v.charged) + (len - v.newLen) / PAGE_SIZE, 'mremap: the source could not be unmapped; its VM_ACCOUNT stays cleared');
    }
    return;
  }
  if (accountable) {
    if (vmStart < addr) {
      const prev = mm.prevOf(addr);
      if (prev) prev.flags |= VM.ACCOUNT;
    }
    if (vmEnd > addr + len) {
      const next = mm.nextFrom(addr + len);
      if (next) next.flags |= VM.ACCOUNT;
    }
  }
}

/** move_vma(). Returns the new address or -errno. */
function moveVma(mm: MmStruct, v: Vrm): number {
  const vma = v.vma!;
  if (mm.profile.features.mremapEarlyMapCount ? mm.mapCount + 2 > mm.maxMapCount : mm.mapCount >= mm.maxMapCount - 3) {
    mm.rec.push({ ev: 'check', name: mm.profile.features.mremapEarlyMapCount ? 'prep_move_vma: map_count + 2 > max_map_count' : 'prep_move_vma: map_count >= max_map_count - 3', errno: ERRNO.ENOMEM });
    return -ERRNO.ENOMEM;
  }
  if (vma.vmOps?.may_split) {
    const spec = typeof vma.vmOps.may_split === 'object' ? vma.vmOps.may_split : {};
    let err = 0;
    if (vma.start !== v.addr) err = mm.callHook('vm_ops->may_split', { vma: vma.id, addr: v.addr }, spec.fail ? errnoValue(spec.fail) : 0, vma);
    if (!err && vma.end !== v.addr + v.oldLen) err = mm.callHook('vm_ops->may_split', { vma: vma.id, addr: v.addr + v.oldLen }, spec.fail ? errnoValue(spec.fail) : 0, vma);
    if (err) return -err;
  }
  if (!calcCharge(mm, v)) return -ERRNO.ENOMEM;
  mm.vmaStartWrite(vma);
  // copy_vma_and_data()
  const newPgoff = vma.pgoff + ((v.addr - vma.start) / PAGE_SIZE);
  const ref = { v: vma };
  const newVma = copyVma(mm, ref, v.newAddr, v.newLen, newPgoff);
  if (!newVma) {
    if (v.charged) mm.committed -= v.charged;
    return -ERRNO.ENOMEM;
  }
  v.vma = ref.v;
  // after a shrink, mremap_to() sets old_len = new_len but not delta: vrm_calc_charge() charged the
  // shrunk pages again, for no VMA (measured on 6.18.44, C72)
  if (v.charged && v.type === 'SHRINK' && !(v.flags & MREMAP.DONTUNMAP)) {
    mm.leakCharge(v.charged, 'mremap shrink+move charges the shrunk delta');
    v.chargeLeaked = true;
  }
  let err = mm.inject('move_page_tables');
  if (!err && ref.v.vmOps?.mremap) {
    const spec = typeof ref.v.vmOps.mremap === 'object' ? ref.v.vmOps.mremap : {};
    err = mm.callHook('vm_ops->mremap', { vma: newVma.id }, spec.fail ? errnoValue(spec.fail) : 0, newVma);
  }
  if (err) {
    mm.step('mremap: move failed; page tables moved back, the new VMA is unmapped');
    // the new VMA goes with VM_ACCOUNT concealed (unmap_source_vma), the source keeps its own
    // charge: what vrm_calc_charge() took for the growth is never given back
    if (v.charged && !(v.flags & MREMAP.DONTUNMAP) && !v.chargeLeaked && newVma.flags & VM.ACCOUNT) {
      mm.leakCharge(v.charged, 'mremap: move failed after the growth was charged');
      v.chargeLeaked = true;
    }
    v.vma = newVma;
    v.oldLen = v.newLen;
    v.addr = v.newAddr;
  } else if (newVma.uffd !== null) {
    // mremap_userfaultfd_prep() without UFFD_FEATURE_EVENT_REMAP: the new VMA is unregistered
    newVma.uffd = null;
    newVma.flags &= ~VM.UFFD_MISSING;
  }
  if (!err && v.flags & MREMAP.DONTUNMAP) {
    const src = v.vma!;
    src.flags &= ~VM_LOCKED_MASK; // VM_ACCOUNT stays (empirical, 6.18.44)
    if (newVma !== src && v.addr === src.start && v.addr + v.oldLen === src.end) src.anonVma = null;
    mm.rec.push({ ev: 'vma', kind: 'modified', vma: src.id, start: src.start, end: src.end, detail: 'DONTUNMAP source kept (empty)' });
  } else {
    unmapSourceVma(mm, v);
  }
  return err ? -err : v.newAddr;
}

function mremapTo(mm: MmStruct, v: Vrm): number {
  if (v.flags & MREMAP.FIXED) {
    const r = doVmiMunmap(mm, v.newAddr, v.newLen);
    v.vma = undefined;
    if (r) return -r;
    v.vma = mm.vmaLookup(v.addr);
    if (!v.vma) return -ERRNO.EFAULT;
  }
  if (v.type === 'SHRINK') {
    const r = shrinkVma(mm, v, false);
    if (r) return r;
    v.oldLen = v.newLen;
  }
  if (v.flags & MREMAP.DONTUNMAP) {
    const e = mm.inject('may_expand_vm');
    if (e) return -e;
  }
  const r = setNewAddr(mm, v);
  if (r) return r;
  return moveVma(mm, v);
}

function mremapAt(mm: MmStruct, v: Vrm): number {
  switch (v.type) {
    case 'NO_RESIZE':
      return v.addr;
    case 'SHRINK': {
      const r = shrinkVma(mm, v, true);
      return r ? r : v.addr;
    }
    case 'EXPAND': {
      const vma = v.vma!;
      if (vma.end - v.addr === v.oldLen && expandable(mm, vma, v.delta)) {
        if (!calcCharge(mm, v)) return -ERRNO.ENOMEM;
        // vma_merge_extend(): a new range after vma, merged with vma (and maybe next)
        const p = { start: vma.end, end: vma.end + v.delta, pgoff: vma.pgoff + ((vma.end - vma.start) / PAGE_SIZE), flags: vma.flags, file: vma.file, anonVma: vma.anonVma, policy: vma.policy, uffd: vma.uffd, anonName: vma.anonName };
        const m = vmaMergeNewRange(mm, p, vma, mm.nextFrom(vma.end));
        if (!m.vma) {
          if (v.charged) mm.committed -= v.charged;
          return -ERRNO.ENOMEM;
        }
        mm.rec.push({ ev: 'vma', kind: 'expanded', vma: m.vma.id, start: m.vma.start, end: m.vma.end, pgoff: m.vma.pgoff });
        return v.addr;
      }
      if (!(v.flags & MREMAP.MAYMOVE)) {
        mm.rec.push({ ev: 'check', name: 'mremap: cannot grow in place and no MREMAP_MAYMOVE', errno: ERRNO.ENOMEM });
        return -ERRNO.ENOMEM;
      }
      const r = setNewAddr(mm, v);
      if (r) return r;
      return moveVma(mm, v);
    }
  }
}

function expandable(mm: MmStruct, vma: Vma, delta: number): boolean {
  const end = vma.end + delta;
  if (mm.findIntersection(vma.end, end)) return false;
  if (end > TASK_SIZE) return false;
  return true;
}

/** vma_multi_allowed(): no uffd, and no custom get_unmapped_area except shmem/hugetlb/thp. */
function multiAllowed(mm: MmStruct, vma: Vma): boolean {
  if (vma.uffd !== null) return false;
  if (!vma.file) return true;
  const f = mm.files.get(vma.file);
  const gua = f?.fops.getUnmappedArea ?? 'none';
  if (gua === 'none' || f?.shmem || gua === 'shmem' || gua === 'thp') return true;
  return false;
}

/** remap_move(): FIXED|MAYMOVE same-size move of every VMA in [addr, addr+len), gaps preserved. */
function remapMove(mm: MmStruct, v: Vrm): number {
  const start = v.addr;
  const end = v.addr + v.oldLen;
  let targetAddr = v.newAddr;
  let res = -ERRNO.EFAULT;
  let lastEnd = 0;
  let seen = false;
  let pos = start;
  while (pos < end) {
    const vma = mm.findIntersection(pos, end);
    if (!vma) break;
    const addr = Math.max(vma.start, start);
    const len = Math.min(end, vma.end) - addr;
    if (!seen && start < vma.start) {
      mm.rec.push({ ev: 'check', name: 'remap_move: addr not mapped', errno: ERRNO.EFAULT });
      return -ERRNO.EFAULT;
    }
    const offset = seen ? vma.start - lastEnd : 0;
    lastEnd = vma.end;
    pos = Math.min(end, vma.end);
    const piece: Vrm = { ...v, vma, addr, newAddr: targetAddr + offset, oldLen: len, newLen: len, charged: 0 };
    const allowed = multiAllowed(mm, vma);
    if (!allowed) {
      if (seen || vma.end < end) {
        mm.rec.push({ ev: 'check', name: 'remap_move: VMA not eligible for a multi-VMA move (uffd / custom get_unmapped_area)', errno: ERRNO.EFAULT });
        return -ERRNO.EFAULT;
      }
    }
    let r = checkPrepVma(mm, piece);
    if (!r) r = mremapTo(mm, piece);
    if (isErr(r)) return r;
    if (!seen) res = r;
    seen = true;
    targetAddr = r + piece.newLen;
  }
  return res;
}

/** 6.12's vma_to_resize(): the VMA at addr and every resize check (no early return). */
function vmaToResize612(mm: MmStruct, v: Vrm): number {
  const vma = mm.vmaLookup(v.addr);
  v.vma = vma;
  if (!vma) return -ERRNO.EFAULT;
  if (!v.oldLen && !(vma.flags & (VM.SHARED | VM.MAYSHARE))) return -ERRNO.EINVAL;
  if (v.flags & MREMAP.DONTUNMAP && vma.flags & (VM.DONTEXPAND | VM.PFNMAP)) return -ERRNO.EINVAL;
  if (v.oldLen > vma.end - v.addr) return -ERRNO.EFAULT;
  if (v.newLen === v.oldLen) return 0;
  if (vma.pgoff + (v.addr - vma.start) / PAGE_SIZE + v.newLen / PAGE_SIZE > 2 ** 52) return -ERRNO.EINVAL;
  if (vma.flags & (VM.DONTEXPAND | VM.PFNMAP)) return -ERRNO.EFAULT;
  if (!mm.mlockFutureOk(vma.flags, v.newLen - v.oldLen)) return -ERRNO.EAGAIN;
  const e = mm.inject('may_expand_vm');
  return e ? -e : 0;
}

/** 6.12 mremap (linux-6.12.117:mm/mremap.c): its own check order, single-VMA moves only. */
function mremap612(mm: MmStruct, addr: number, oldLenRaw: number, newLenRaw: number, flags: number, newAddr: number): [number, number] {
  const EINVAL: [number, number] = [ERRNO.EINVAL, 0];
  if (flags & ~(MREMAP.FIXED | MREMAP.MAYMOVE | MREMAP.DONTUNMAP)) return EINVAL;
  if (flags & MREMAP.FIXED && !(flags & MREMAP.MAYMOVE)) return EINVAL;
  if (flags & MREMAP.DONTUNMAP && (!(flags & MREMAP.MAYMOVE) || oldLenRaw !== newLenRaw)) return EINVAL;
  if (addr % PAGE_SIZE) return EINVAL;
  const v: Vrm = { addr, oldLen: pageAlign(oldLenRaw), newLen: pageAlign(newLenRaw), flags, newAddr, vma: undefined, delta: 0, type: 'NO_RESIZE', charged: 0 };
  if (!v.newLen) return EINVAL;
  const e = mm.inject('mmap_write_lock_killable');
  if (e) return [e, 0];
  mm.mmapWriteLock();
  const r = ((): number => {
    const vma = mm.vmaLookup(addr);
    if (!vma) return -ERRNO.EFAULT;
    if (vma.flags & VM.SEALED) return -ERRNO.EPERM;
    v.delta = Math.abs(v.oldLen - v.newLen);
    v.type = v.delta === 0 ? 'NO_RESIZE' : v.oldLen > v.newLen ? 'SHRINK' : 'EXPAND';
    if (flags & (MREMAP.FIXED | MREMAP.DONTUNMAP)) {
      // mremap_to()
      if (newAddr % PAGE_SIZE) return -ERRNO.EINVAL;
      if (v.newLen > TASK_SIZE || newAddr > TASK_SIZE - v.newLen) return -ERRNO.EINVAL;
      if (addr + v.oldLen > newAddr && newAddr + v.newLen > addr) return -ERRNO.EINVAL;
      if (mm.mapCount + 2 >= mm.maxMapCount - 3) return -ERRNO.ENOMEM;
      if (flags & MREMAP.FIXED) {
        const u = doVmiMunmap(mm, newAddr, v.newLen);
        if (u) return -u;
      }
      if (v.oldLen > v.newLen) {
        const u = doVmiMunmap(mm, addr + v.newLen, v.oldLen - v.newLen);
        if (u) return -u;
        v.oldLen = v.newLen;
      }
      const t = vmaToResize612(mm, v);
      if (t) return t;
      v.delta = v.newLen - v.oldLen;
      if (flags & MREMAP.DONTUNMAP) {
        const x = mm.inject('may_expand_vm');
        if (x) return -x;
      }
      const g = setNewAddr(mm, v);
      if (g) return g;
      return moveVma(mm, v);
    }
    if (v.oldLen >= v.newLen) {
      if (v.oldLen === v.newLen) return addr;
      const u = doVmiMunmap(mm, addr + v.newLen, v.oldLen - v.newLen);
      return u ? -u : addr;
    }
    const t = vmaToResize612(mm, v);
    if (t) return t;
    v.newAddr = addr;
    return mremapAt(mm, v);
  })();
  mm.mmapUnlock();
  return r < 0 ? [-r, 0] : [0, r];
}

/** mremap(2). Returns [errno, new address]. */
export function sysMremap(mm: MmStruct, addr: number, oldLen: number, newLen: number, flagNames: MremapFlagName[], newAddr: number): [number, number] {
  let flags = 0;
  for (const f of flagNames) flags |= MREMAP[f] ?? 0;
  if (mm.profile.name === '6.12') return mremap612(mm, addr, oldLen, newLen, flags, newAddr);
  const v: Vrm = { addr, oldLen: pageAlign(oldLen), newLen: pageAlign(newLen), flags, newAddr, vma: undefined, delta: 0, type: 'NO_RESIZE', charged: 0 };
  let r = checkMremapParams(mm, v);
  if (r) return [-r, 0];
  const e = mm.inject('mmap_write_lock_killable');
  if (e) return [e, 0];
  mm.mmapWriteLock();
  if (mm.profile.features.mremapEarlyMapCount && mm.mapCount + 4 > mm.maxMapCount) {
    // 7.1 map-count fixes: check_map_count_against_split_early, map_count + 4 <= max (C73)
    mm.rec.push({ ev: 'check', name: 'check_map_count_against_split_early', errno: ERRNO.ENOMEM });
    mm.mmapUnlock();
    return [ERRNO.ENOMEM, 0];
  }
  if (mm.profile.features.multiVmaMremap && flags & MREMAP.FIXED && v.oldLen === v.newLen) {
    r = remapMove(mm, v);
  } else {
    v.vma = mm.vmaLookup(addr);
    r = checkPrepVma(mm, v);
    if (!r) r = impliesNewAddr(v) ? mremapTo(mm, v) : mremapAt(mm, v);
  }
  mm.mmapUnlock();
  // populate_expand: a VM_LOCKED mapping that grew is faulted in (after the lock is dropped)
  if (!isErr(r) && v.type === 'EXPAND' && v.oldLen < v.newLen) {
    const nv = mm.vmaLookup(r);
    if (nv && nv.flags & VM.LOCKED) {
      mm.mmapReadLock();
      populateRange(mm, r + v.oldLen, r + v.newLen);
      mm.mmapUnlock();
    }
  }
  return isErr(r) ? [-r, 0] : [0, r];
}
