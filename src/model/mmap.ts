/**
 * mmap(2): sys_mmap -> ksys_mmap_pgoff -> vm_mmap_pgoff (mmap_lock W) -> do_mmap (checks in the
 * order of reference §2.2) -> mmap_region (§2.1 step 4) -> __mmap_region (§2.3, step by step), with
 * the hook pipeline: legacy f_op->mmap, f_op->mmap_prepare with vm_area_desc field classes,
 * mmap_action prepare/complete (§1.7), vm_ops->mapped, success/error hooks, the error paths of the
 * failure matrix (§2.4), and the proposal-2025-09 mmap_complete/mmap_abort.
 */
import type { MmFile, MmStruct } from './mm.js';
import { TASK_SIZE, MMAP_MIN_ADDR } from './mm.js';
import type { Vma } from './vma.js';
import { vmaMergeNewRange, removeVma, populateRange } from './vma.js';
import type { Vms } from './munmap.js';
import { abortMunmapVmas, cleanUpArea, completeMunmapVmas, doVmiMunmap, gatherMunmapVmas, newVms, pageAlign } from './munmap.js';
import type { ActionSpec, DescField, LegacyMmapSpec, MapFlagName, MmapPrepareSpec, ProtName, VmOpsSpec } from './types.js';
import { ERRNO, PAGE_SIZE, VM, VM_REMAP_FLAGS, VM_SPECIAL, errnoValue, flagNames, flagsFromNames } from './types.js';

export const MAP = {
  SHARED: 0x01, PRIVATE: 0x02, SHARED_VALIDATE: 0x03, FIXED: 0x10, ANONYMOUS: 0x20, GROWSDOWN: 0x0100,
  LOCKED: 0x2000, NORESERVE: 0x4000, POPULATE: 0x8000, FIXED_NOREPLACE: 0x100000, UNKNOWN: 0x40000000,
} as const;
const MAP_TYPE = 0x0f;
const LEGACY_MAP_MASK = 0x01 | 0x02 | 0x10 | 0x20 | 0x0800 | 0x1000 | 0x0100 | 0x2000 | 0x4000 | 0x8000 | 0x10000 | 0x20000 | 0x40000;
export const PROT = { READ: 1, WRITE: 2, EXEC: 4 } as const;

export function protBits(p: readonly ProtName[]): number {
  let r = 0;
  for (const x of p) r |= PROT[x] ?? 0;
  return r;
}
export function mapBits(f: readonly MapFlagName[]): number {
  let r = 0;
  for (const x of f) r |= MAP[x] ?? 0;
  return r;
}
/** calc_vm_prot_bits */
export function vmProt(prot: number): number {
  return (prot & PROT.READ ? VM.READ : 0) | (prot & PROT.WRITE ? VM.WRITE : 0) | (prot & PROT.EXEC ? VM.EXEC : 0);
}

function hookSpec<T extends object>(v: T | boolean | undefined): T | undefined {
  if (v === undefined || v === false) return undefined;
  return v === true ? ({} as T) : v;
}

/** What a file's f_op provides, with defaults for plain files (generic_file_mmap[_prepare]). */
export function fileHooks(mm: MmStruct, f: MmFile): { mmap?: LegacyMmapSpec; prepare?: MmapPrepareSpec } {
  const fops = f.fops;
  if (fops.mmap === undefined && fops.mmap_prepare === undefined) {
    return mm.profile.features.mmapPrepare ? { prepare: {} } : { mmap: {} };
  }
  const mmap = hookSpec(fops.mmap);
  const prepare = mm.profile.features.mmapPrepare ? hookSpec(fops.mmap_prepare) : undefined;
  return { ...(mmap ? { mmap } : {}), ...(prepare ? { prepare } : {}) };
}

interface MmapState {
  addr: number;
  end: number;
  pgoff: number;
  flags: number;
  file: string | null;
  fileDoesntNeedGet: boolean;
  charged: number;
  vmOps: VmOpsSpec | null;
  privateData: string | null;
  action: ActionSpec;
  mmapContext: string | null;
}

/** mmap(2) entry point. Returns [errno, address]. */
export function sysMmap(mm: MmStruct, addr: number, len: number, protNames: ProtName[], flagNames: MapFlagName[], fileId: string | undefined, offset: number): [number, number] {
  // arch sys_mmap (x86-64)
  if (offset % PAGE_SIZE || offset < 0) return [ERRNO.EINVAL, 0];
  const pgoff = offset / PAGE_SIZE;
  let flags = mapBits(flagNames);
  const prot = protBits(protNames);
  // ksys_mmap_pgoff
  let file: MmFile | null = null;
  if (!(flags & MAP.ANONYMOUS)) {
    file = fileId !== undefined ? mm.files.get(fileId) ?? null : null;
    if (!file) {
      mm.rec.push({ ev: 'check', name: 'ksys_mmap_pgoff: fget', errno: ERRNO.EBADF });
      return [ERRNO.EBADF, 0];
    }
  }
  // vm_mmap_pgoff
  let e = mm.inject('security_mmap_file');
  if (e) return [e, 0];
  e = mm.inject('mmap_write_lock_killable');
  if (e) return [e, 0];
  mm.mmapWriteLock();
  const r = doMmap(mm, file, addr, len, prot, flags, pgoff);
  mm.mmapUnlock();
  // mm_populate() after the lock is dropped: MAP_LOCKED, or MAP_POPULATE without MAP_NONBLOCK
  if (!r[0]) {
    const v = mm.vmaLookup(r[1]);
    if (v && (v.flags & VM.LOCKED || flags & MAP.POPULATE)) {
      mm.mmapReadLock();
      populateRange(mm, r[1], r[1] + pageAlign(len));
      mm.mmapUnlock();
    }
  }
  flags = 0;
  return r;
}

/** do_mmap(): the checks of §2.2 in order, then mmap_region. */
export function doMmap(mm: MmStruct, file: MmFile | null, addr: number, len: number, prot: number, flags: number, pgoff: number): [number, number] {
  const fail = (name: string, errno: number): [number, number] => {
    mm.rec.push({ ev: 'check', name, errno });
    return [errno, 0];
  };
  if (!len) return fail('do_mmap: len == 0', ERRNO.EINVAL);
  if (flags & MAP.FIXED_NOREPLACE) flags |= MAP.FIXED;
  if (!(flags & MAP.FIXED)) addr = addr && addr < MMAP_MIN_ADDR ? MMAP_MIN_ADDR : addr - (addr % PAGE_SIZE); // round_hint_to_min
  len = pageAlign(len);
  if (!len || len > 2 ** 52) return fail('do_mmap: PAGE_ALIGN(len) overflow', ERRNO.ENOMEM);
  if (pgoff + len / PAGE_SIZE > 2 ** 52) return fail('do_mmap: pgoff overflow', ERRNO.EOVERFLOW);
  if (mm.mapCount > mm.maxMapCount) return fail('do_mmap: map_count > max_map_count', ERRNO.ENOMEM);
  let vmFlags = vmProt(prot) | VM.MAYREAD | VM.MAYWRITE | VM.MAYEXEC;
  if (flags & MAP.GROWSDOWN) vmFlags |= VM.GROWSDOWN;
  if (flags & MAP.LOCKED) vmFlags |= VM.LOCKED;
  const a = mm.getUnmappedArea(addr, len, !!(flags & MAP.FIXED));
  if (a < 0) return fail('get_unmapped_area', -a);
  addr = a;
  if (flags & MAP.FIXED_NOREPLACE && mm.findIntersection(addr, addr + len)) return fail('do_mmap: MAP_FIXED_NOREPLACE overlaps', ERRNO.EEXIST);
  if (flags & MAP.LOCKED && mm.memlockPages === 0) return fail('do_mmap: MAP_LOCKED without can_do_mlock', ERRNO.EPERM);
  if (!mm.mlockFutureOk(vmFlags, len)) return fail('do_mmap: !mlock_future_ok', ERRNO.EAGAIN);
  if (file) {
    if (file.sizePages && pgoff > 2 ** 40) return fail('file_mmap_ok', ERRNO.EOVERFLOW);
    const ftype = flags & MAP_TYPE;
    if (ftype !== MAP.SHARED && ftype !== MAP.SHARED_VALIDATE && ftype !== MAP.PRIVATE) return fail('do_mmap: bad map type', ERRNO.EINVAL);
    if (ftype === MAP.SHARED) flags &= LEGACY_MAP_MASK;
    if (ftype === MAP.SHARED || ftype === MAP.SHARED_VALIDATE) {
      if (flags & ~(LEGACY_MAP_MASK | MAP_TYPE)) return fail('do_mmap: MAP_SHARED_VALIDATE unknown flags', ERRNO.EOPNOTSUPP);
      if (prot & PROT.WRITE && !file.write) return fail('do_mmap: shared PROT_WRITE without FMODE_WRITE', ERRNO.EACCES);
      vmFlags |= VM.SHARED | VM.MAYSHARE;
      if (!file.write) vmFlags &= ~(VM.MAYWRITE | VM.SHARED);
    }
    if (!file.read) return fail('do_mmap: no FMODE_READ', ERRNO.EACCES);
    if (file.noexec) {
      if (vmFlags & VM.EXEC) return fail('do_mmap: path_noexec with PROT_EXEC', ERRNO.EPERM);
      vmFlags &= ~VM.MAYEXEC;
    }
    const h = fileHooks(mm, file);
    const both = !!h.mmap && !!h.prepare;
    if (both && mm.profile.features.bothHooksEnodev) {
      mm.warn('can_mmap_file: both f_op->mmap and f_op->mmap_prepare set (hooks are mutually exclusive)');
      return fail('do_mmap: !can_mmap_file', ERRNO.ENODEV);
    }
    if (!h.mmap && !h.prepare) return fail('do_mmap: !can_mmap_file', ERRNO.ENODEV);
    if (mm.profile.features.mmapCompleteAbort) {
      const fo = file.fops;
      if ((fo.mmap_complete && !fo.mmap_prepare) || (fo.mmap_abort && !(fo.mmap_prepare && fo.mmap_complete))) {
        return fail('P25: mmap_complete without mmap_prepare / mmap_abort without both', ERRNO.EINVAL);
      }
    }
    if (vmFlags & VM.GROWSDOWN) return fail('do_mmap: file GROWSDOWN', ERRNO.EINVAL);
    // memfd_check_seals_mmap(): write-sealed memfd: shared+PROT_WRITE -> EPERM, shared read-only loses VM_MAYWRITE
    if (file.writeSealed && vmFlags & VM.SHARED) {
      if (vmFlags & VM.WRITE) return fail('memfd_check_seals_mmap: write seal', ERRNO.EPERM);
      vmFlags &= ~VM.MAYWRITE;
    }
  } else {
    switch (flags & MAP_TYPE) {
      case MAP.SHARED:
        if (vmFlags & VM.GROWSDOWN) return fail('do_mmap: shared anon GROWSDOWN', ERRNO.EINVAL);
        pgoff = 0;
        vmFlags |= VM.SHARED | VM.MAYSHARE;
        break;
      case MAP.PRIVATE:
        pgoff = addr / PAGE_SIZE;
        break;
      default:
        return fail('do_mmap: bad map type', ERRNO.EINVAL);
    }
  }
  if (flags & MAP.NORESERVE && mm.overcommit !== 2) vmFlags |= VM.NORESERVE;
  const r = mmapRegion(mm, file, addr, len, vmFlags, pgoff);
  return r < 0 ? [-r, 0] : [0, r];
}

/** mmap_region(): MDWE, arch flags, mapping_map_writable; then __mmap_region. Returns addr or -errno. */
export function mmapRegion(mm: MmStruct, file: MmFile | null, addr: number, len: number, vmFlags: number, pgoff: number): number {
  if (file && (vmFlags & (VM.SHARED | VM.MAYWRITE)) === (VM.SHARED | VM.MAYWRITE) && file.writeSealed) {
    mm.rec.push({ ev: 'check', name: 'mapping_map_writable (write-sealed memfd)', errno: ERRNO.EPERM });
    return -ERRNO.EPERM;
  }
  return __mmapRegion(mm, file, addr, len, vmFlags, pgoff);
}

function descSnapshot(mm: MmStruct, map: MmapState, file: MmFile | null): Record<string, unknown> {
  const ff = mm.profile.features.descFlagsField ?? 'vm_flags';
  return { start: map.addr, end: map.end, pgoff: map.pgoff, file: file?.id ?? null, vm_file: map.file, [ff]: flagNames(map.flags).join('|') };
}

/**
 * call_mmap_prepare(): run f_op->mmap_prepare on a vm_area_desc built from `map`, enforce the field
 * classes (writes to immutable fields are ignored and reported), run the action's prepare step, and
 * copy back the mutable/write-only fields. Returns 0 or errno.
 */
function callMmapPrepare(mm: MmStruct, file: MmFile, spec: MmapPrepareSpec, map: MmapState): number {
  const desc = { pgoff: map.pgoff, vmFile: map.file, flags: map.flags, vmOps: null as VmOpsSpec | null, privateData: null as string | null, action: { type: 'MMAP_NOTHING' } as ActionSpec, mmapContext: null as string | null };
  const fields = mm.profile.descFields;
  let natural = spec.fail ? errnoValue(spec.fail) : 0;
  if (!natural && spec.rejectPrivate && !(map.flags & VM.MAYSHARE)) natural = ERRNO.EINVAL;
  const result = mm.callHook('f_op->mmap_prepare', { desc: descSnapshot(mm, map, file) }, natural);
  // the hook's writes happen whether or not it then fails; only a success is copied back
  const write = (field: DescField, value: unknown, apply: () => void): void => {
    const cls = fields[field] ?? 'absent';
    if (cls === 'immutable' || cls === 'absent') {
      mm.rec.push({ ev: 'desc', field, class: cls, action: 'write-ignored', value });
      mm.warn(cls === 'immutable' ? `mmap_prepare wrote immutable vm_area_desc field '${field}' (ignored by the core)` : `vm_area_desc has no field '${field}' in ${mm.profile.name}`);
      return;
    }
    mm.rec.push({ ev: 'desc', field, class: cls, action: 'write-applied', value });
    apply();
  };
  const ff: DescField = mm.profile.features.descFlagsField ?? 'vm_flags';
  if (spec.setFlags?.length || spec.clearFlags?.length) {
    const nf = (desc.flags | flagsFromNames(spec.setFlags)) & ~flagsFromNames(spec.clearFlags);
    write(ff, nf, () => (desc.flags = nf));
  }
  if (spec.pgoff !== undefined) write('pgoff', spec.pgoff, () => (desc.pgoff = spec.pgoff!));
  if (spec.vmFile !== undefined) write('vm_file', spec.vmFile, () => (desc.vmFile = spec.vmFile!));
  if (spec.vmOps) write('vm_ops', spec.vmOps.name, () => (desc.vmOps = spec.vmOps!));
  if (spec.privateData !== undefined) write('private_data', spec.privateData, () => (desc.privateData = spec.privateData!));
  if (spec.mmapContext !== undefined) write('mmap_context', spec.mmapContext, () => (desc.mmapContext = spec.mmapContext!));
  if (spec.action) write('action', spec.action.type, () => (desc.action = spec.action!));
  if (spec.devZero && !natural) {
    if (map.flags & VM.SHARED) {
      const id = `shm#${mm.nextShm++}`;
      mm.addMappingFile({ id, shmem: true, sizePages: (map.end - map.addr) / PAGE_SIZE });
      mm.step('shmem_zero_setup_desc');
      write('vm_file', id, () => (desc.vmFile = id));
      write('vm_ops', 'shmem_anon_vm_ops', () => (desc.vmOps = { name: 'shmem_anon_vm_ops' }));
    } else {
      mm.step('/dev/zero private: anonymous mapping');
      desc.vmOps = { name: '(anonymous)' };
    }
  }
  for (const w of spec.writes ?? []) {
    write(w.field, w.value, () => {
      if (w.field === 'pgoff' && typeof w.value === 'number') desc.pgoff = w.value;
      else if (w.field === 'vm_file') desc.vmFile = w.value === null ? null : String(w.value);
      else if ((w.field === 'vm_flags' || w.field === 'vma_flags') && typeof w.value === 'number') desc.flags = w.value;
      else if (w.field === 'private_data') desc.privateData = w.value === null ? null : String(w.value);
    });
  }
  if (result) return result;
  // a driver that points desc->vm_file at another file takes a reference to it (get_file), which
  // the VMA inherits (file_doesnt_need_get); shmem_zero_setup_desc's new file comes with its own
  if (spec.vmFile !== undefined && desc.vmFile === spec.vmFile) {
    const held = mm.ownFile(spec.vmFile);
    if (held) held.refs++; // the driver's get_file(), inside the hook: not a reference the core takes
    mm.step(`the hook holds a reference to ${spec.vmFile} for desc->vm_file`);
  }
  // mmap_action_prepare()
  if (mm.profile.features.actions) {
    const e = actionPrepare(mm, map, desc);
    if (e) {
      // returns before the write-back that hands the reference over: nothing drops it (C14's question)
      if (desc.vmFile !== map.file) mm.leakRef(desc.vmFile);
      return e;
    }
  }
  map.pgoff = desc.pgoff;
  if (desc.vmFile !== map.file) {
    map.file = desc.vmFile;
    map.fileDoesntNeedGet = true;
  }
  map.flags = desc.flags;
  map.vmOps = desc.vmOps;
  map.privateData = desc.privateData;
  map.action = desc.action;
  map.mmapContext = desc.mmapContext;
  return 0;
}

/** mmap_action_prepare() (§1.7): may fail with the old mapping already zapped. */
function actionPrepare(mm: MmStruct, map: MmapState, desc: { pgoff: number; flags: number; action: ActionSpec }): number {
  const a = desc.action;
  const inj = mm.inject('action_prepare');
  if (inj) return inj;
  const size = map.end - map.addr;
  const off = a.offset ?? 0;
  const len = a.size ?? size - off;
  const inRange = off >= 0 && len > 0 && off + len <= size;
  if (!mm.profile.features.actionTypes.includes(a.type)) {
    mm.warn(`mmap_action_prepare: unknown action type ${a.type}`);
    return ERRNO.EINVAL;
  }
  const isCow = (desc.flags & (VM.SHARED | VM.MAYWRITE)) === VM.MAYWRITE;
  switch (a.type) {
    case 'MMAP_NOTHING':
      return 0;
    case 'MMAP_REMAP_PFN':
    case 'MMAP_IO_REMAP_PFN':
      if (!inRange) {
        mm.warn('mmap_action_remap: range outside the descriptor');
        return ERRNO.EFAULT;
      }
      if (isCow) {
        if (off !== 0 || len !== size) return ERRNO.EINVAL;
        desc.pgoff = a.pfn ?? 0;
      }
      desc.flags |= VM_REMAP_FLAGS;
      if (a.type === 'MMAP_IO_REMAP_PFN') desc.action = { ...a, type: 'MMAP_REMAP_PFN' };
      return 0;
    case 'MMAP_SIMPLE_IO_REMAP': {
      const phys = a.physPages ?? 0;
      const pages = size / PAGE_SIZE;
      if (desc.pgoff > phys || pages > phys - desc.pgoff) return ERRNO.EINVAL;
      desc.flags |= VM_REMAP_FLAGS;
      if (isCow) desc.pgoff = (a.pfn ?? 0) + desc.pgoff;
      desc.action = { ...a, type: 'MMAP_REMAP_PFN', offset: 0, size };
      return 0;
    }
    case 'MMAP_MAP_KERNEL_PAGES':
      desc.flags |= VM.MIXEDMAP;
      if (!inRange) return ERRNO.EFAULT;
      return 0;
  }
}

/** mmap_action_complete() + mmap_action_finish() (§1.7). Returns 0 or the (possibly rewritten) errno. */
function actionComplete(mm: MmStruct, vma: Vma, a: ActionSpec, compat: boolean): number {
  let err = 0;
  switch (a.type) {
    case 'MMAP_NOTHING':
      break;
    case 'MMAP_REMAP_PFN':
      err = mm.callHook('remap_pfn_range_complete', { vma: vma.id, start: vma.start + (a.offset ?? 0), pfn: a.pfn ?? 0 }, a.completeFail ? errnoValue(a.completeFail) : 0, vma);
      break;
    case 'MMAP_MAP_KERNEL_PAGES': {
      const need = (a.size ?? vma.end - vma.start - (a.offset ?? 0)) / PAGE_SIZE;
      let natural = a.completeFail ? errnoValue(a.completeFail) : 0;
      if (!natural && a.nrPages !== undefined && a.nrPages < need) {
        mm.warn(`map_kernel_pages: pages[] holds ${a.nrPages} entries, ${need} needed`);
        natural = ERRNO.EFAULT;
      }
      err = mm.callHook('insert_pages', { vma: vma.id, start: vma.start + (a.offset ?? 0), nr_pages: need }, natural, vma);
      break;
    }
    default:
      mm.warn(`mmap_action_complete: action type ${a.type} reached completion`);
      err = ERRNO.EINVAL;
  }
  return actionFinish(mm, vma, a, err, compat);
}

function actionFinish(mm: MmStruct, vma: Vma, a: ActionSpec, errIn: number, compat: boolean): number {
  let err = errIn;
  const f = mm.profile.features;
  if (!err && f.mappedHook && vma.vmOps?.mapped) {
    const spec = typeof vma.vmOps.mapped === 'object' ? vma.vmOps.mapped : {};
    err = mm.callHook('vm_ops->mapped', { start: vma.start, end: vma.end, pgoff: vma.pgoff, file: vma.file, vm_private_data: vma.privateData }, spec.fail ? errnoValue(spec.fail) : 0, vma);
    if (!err && spec.setPrivate !== undefined) vma.privateData = spec.setPrivate;
  }
  if (!err && f.successHook && a.successHook) {
    const spec = typeof a.successHook === 'object' ? a.successHook : {};
    err = mm.callHook('action.success_hook', { vma: vma.id }, spec.fail ? errnoValue(spec.fail) : 0, vma);
  }
  if (a.hideFromRmap && vma.file) mm.iMmapUnlock(vma.file);
  if (!err) return 0;
  if (compat && f.compatNoUnmap) {
    mm.step('mmap_action_finish: compat path, error returned without do_munmap (HOTFIX)');
  } else {
    mm.step('mmap_action_finish: do_munmap of the new VMA');
    if (compat) mm.warn('compat path: do_munmap from inside ->mmap on a VMA not yet in the tree (fixed by HOTFIX)');
    else doVmiMunmap(mm, vma.start, vma.end - vma.start);
  }
  if (f.errorHook === 'error_hook' && a.errorHook) {
    const ret = a.errorHook.returns === 'OK' ? 0 : errnoValue(a.errorHook.returns);
    mm.callHook('action.error_hook', { err: -err }, ret);
    if (!ret) mm.warn('error_hook returned 0 (VM_WARN_ON_ONCE(!err))');
    err = ret;
  } else if ((f.errorHook === 'error_override' || f.errorHook === 'error_filter') && a.errorOverride) {
    if (a.errorOverride === 'OK') {
      mm.warn(`${f.errorHook} must be an error code`);
    } else err = errnoValue(a.errorOverride);
  }
  return err;
}

/** The legacy f_op->mmap(file, vma) (and the compat path when it forwards to an mmap_prepare file). */
function callLegacyMmap(mm: MmStruct, file: MmFile, spec: LegacyMmapSpec, vma: Vma): number {
  let natural = spec.fail ? errnoValue(spec.fail) : 0;
  if (!natural && spec.rejectPrivate && !(vma.flags & VM.SHARED)) natural = ERRNO.EINVAL;
  const r = mm.callHook('f_op->mmap', { file: file.id, vma: vma.id, start: vma.start, end: vma.end, pgoff: vma.pgoff }, natural, vma);
  if (r) return r;
  vma.flags = (vma.flags | flagsFromNames(spec.setFlags)) & ~flagsFromNames(spec.clearFlags);
  if (spec.devZero) {
    if (vma.flags & VM.SHARED) {
      // shmem_zero_setup(): the VMA gets its own shmem file
      const e = mm.inject('shmem_zero_setup');
      if (e) return e;
      const id = `shm#${mm.nextShm++}`;
      mm.addMappingFile({ id, shmem: true, sizePages: (vma.end - vma.start) / PAGE_SIZE });
      mm.fput(vma.file);
      vma.file = id;
      vma.vmOps = { name: 'shmem_anon_vm_ops' };
    } else {
      vma.vmOps = null; // vma_set_anonymous(): vm_file stays /dev/zero
    }
  }
  if (spec.vmOps) vma.vmOps = spec.vmOps;
  if (spec.privateData !== undefined) vma.privateData = spec.privateData;
  if (spec.remapPfn) {
    // remap_pfn_range(): VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP, then the page tables
    if ((vma.flags & (VM.SHARED | VM.MAYWRITE)) === VM.MAYWRITE) vma.pgoff = spec.remapPfn.pfn ?? 0;
    vma.flags |= VM_REMAP_FLAGS;
    const e = mm.callHook('remap_pfn_range', { vma: vma.id, addr: vma.start, pfn: spec.remapPfn.pfn ?? 0, size: vma.end - vma.start }, 0, vma);
    if (e) return spec.remapPfn.errorAs ? errnoValue(spec.remapPfn.errorAs) : e;
  }
  if (spec.forwardTo) {
    const lower = mm.files.get(spec.forwardTo);
    if (lower) {
      const h = fileHooks(mm, lower);
      if (h.prepare) {
        const e = compatVmaMmap(mm, lower, h.prepare, vma);
        if (e) return e;
      } else if (h.mmap) {
        const e = callLegacyMmap(mm, lower, h.mmap, vma);
        if (e) return e;
      }
    }
  }
  // __vma_check_mmap_hook()
  if (mm.profile.features.mappedHook && vma.vmOps?.mapped) {
    mm.warn('__vma_check_mmap_hook: legacy ->mmap installed vm_ops->mapped');
    return ERRNO.EINVAL;
  }
  return 0;
}

/** compat_vma_mmap[_prepare](): run an mmap_prepare hook on an already-allocated VMA (§1.8). */
function compatVmaMmap(mm: MmStruct, file: MmFile, spec: MmapPrepareSpec, vma: Vma): number {
  const name = mm.profile.features.compatName ?? 'compat_vma_mmap';
  mm.step(name);
  const map: MmapState = {
    addr: vma.start, end: vma.end, pgoff: vma.pgoff, flags: vma.flags, file: vma.file, fileDoesntNeedGet: false,
    charged: 0, vmOps: null, privateData: null, action: { type: 'MMAP_NOTHING' }, mmapContext: null,
  };
  const e = callMmapPrepare(mm, file, spec, map);
  if (e) return e;
  map.action = { ...map.action, hideFromRmap: false };
  vma.pgoff = map.pgoff;
  vma.flags = map.flags;
  if (map.vmOps) vma.vmOps = map.vmOps;
  vma.privateData = map.privateData;
  if (map.file !== vma.file) vma.file = map.file;
  if (mm.profile.features.actions) return actionComplete(mm, vma, map.action, true);
  return 0;
}

/** __mmap_region() (§2.3). Returns addr or -errno. */
function __mmapRegion(mm: MmStruct, file: MmFile | null, addr: number, len: number, vmFlags: number, pgoff: number): number {
  const f = mm.profile.features;
  const end = addr + len;
  const pglen = len / PAGE_SIZE;
  const hooks = file ? fileHooks(mm, file) : {};
  const prepare = hooks.prepare;
  const haveMmapPrepare = !!(file && prepare);
  const map: MmapState = {
    addr, end, pgoff, flags: vmFlags, file: file?.id ?? null, fileDoesntNeedGet: false, charged: 0, vmOps: null,
    privateData: null, action: { type: 'MMAP_NOTHING' }, mmapContext: null,
  };
  let vms: Vms = newVms(mm, addr, end);
  const p25 = f.mmapCompleteAbort && file ? file.fops : undefined;
  let preparedOk = false;
  /** Charge of the replaced VMAs moved to the new mapping (__mmap_setup zeroes vms->nr_accounted). */
  let transferred = 0;

  const abortMunmap = (err: number): number => {
    mm.step('abort_munmap');
    if (map.fileDoesntNeedGet) mm.fput(map.file);
    if (preparedOk && p25?.mmap_abort) mm.callHook('f_op->mmap_abort', { file: file!.id, vm_private_data: map.privateData, context: map.mmapContext }, 0);
    // the replaced VMAs are gone (their PTEs were zapped) but nr_accounted was zeroed when their
    // charge moved to the new mapping: nothing gives it back (C71; C08 with MAP_FIXED)
    if (transferred && vms.cleared) mm.leakCharge(transferred, 'charge of the replaced mappings, moved to a mapping that failed');
    abortMunmapVmas(mm, vms);
    return -err;
  };

  // 2a: gather the VMAs the new mapping replaces
  mm.step('__mmap_setup');
  if (mm.findIntersection(addr, end)) {
    const e = gatherMunmapVmas(mm, addr, end, vms);
    if (e) {
      abortMunmapVmas(mm, vms);
      return -e;
    }
  } else {
    vms.prev = mm.prevOf(addr);
    vms.next = mm.nextFrom(end);
  }
  // 2b: may_expand_vm
  let e = mm.inject('may_expand_vm');
  if (e) return abortMunmap(e);
  // 2c: accounting
  if ((map.flags & (VM.NORESERVE | VM.SHARED | VM.WRITE)) === VM.WRITE) {
    const charged = pglen - vms.nrAccounted;
    if (charged) {
      e = mm.inject('security_vm_enough_memory');
      if (e) return abortMunmap(e);
    }
    map.charged = charged;
    mm.committed += charged;
    if (charged) mm.rec.push({ ev: 'account', pages: charged, action: 'charge' });
    // the replaced VMAs' charge now belongs to the new mapping: completing their unmap must not
    // release it again
    transferred = vms.nrAccounted;
    vms.nrAccounted = 0;
    map.flags |= VM.ACCOUNT;
  }
  // 2d: zap old PTEs, close() the old VMAs
  cleanUpArea(mm, vms);

  // 3: mmap_prepare
  if (haveMmapPrepare) {
    e = callMmapPrepare(mm, file!, prepare!, map);
    if (e) {
      if (map.charged && f.prepareErrorLeaksCharge) mm.leakCharge(map.charged, 'abort_munmap skips vm_unacct_memory(map.charged)');
      return abortMunmap(e);
    }
    preparedOk = true;
  }

  // 6: merge
  let vma: Vma | null = null;
  let allocatedNew = false;
  const proposal = () => ({ start: addr, end, pgoff: map.pgoff, flags: map.flags, file: map.file, anonVma: null, policy: null, uffd: null, anonName: null });
  if (vms.prev || vms.next) vma = vmaMergeNewRange(mm, proposal(), vms.prev, vms.next).vma;

  const unacctError = (err: number): number => {
    if (map.charged) {
      mm.committed -= map.charged;
      mm.rec.push({ ev: 'account', pages: map.charged, action: 'uncharge' });
    }
    return abortMunmap(err);
  };

  // 7: a new VMA
  if (!vma) {
    e = mm.inject('vm_area_alloc');
    if (e) return unacctError(e);
    const nv: Vma = {
      id: mm.nextVmaId++, start: addr, end, pgoff: map.pgoff, flags: map.flags, file: null, anonVma: null,
      vmOps: null, privateData: null, uffd: null, policy: null, anonName: null,
    };
    e = mm.inject('vma_iter_prealloc');
    if (e) return unacctError(e);
    if (map.file) {
      nv.file = map.file;
      if (!map.fileDoesntNeedGet) mm.getFile(map.file);
      const mf = mm.files.get(map.file);
      const lh = mf ? fileHooks(mm, mf) : {};
      if (mf && lh.mmap && !lh.prepare) {
        nv.vmOps = mm.defaultVmOps(mf);
        const r = callLegacyMmap(mm, mf, lh.mmap, nv);
        if (r) {
          mm.step('unmap_region (undo partial driver work); vm_ops = dummy');
          mm.fput(nv.file);
          return unacctError(r);
        }
        if (f.legacyMergeRetry && nv.flags !== map.flags && vms.prev) {
          const m = vmaMergeNewRange(mm, { ...proposal(), flags: nv.flags }, vms.prev, undefined).vma;
          if (m) {
            mm.step('6.12: merge retried after ->mmap changed vm_flags; new VMA freed');
            mm.fput(nv.file);
            vma = m;
          }
        }
        map.flags = nv.flags;
        map.file = nv.file;
      } else if (mf) {
        nv.vmOps = mm.defaultVmOps(mf);
      }
    } else if (map.flags & VM.SHARED) {
      e = mm.inject('shmem_zero_setup');
      if (e) return unacctError(e);
      const id = `shm#${mm.nextShm++}`;
      mm.addMappingFile({ id, shmem: true, sizePages: pglen });
      nv.file = id;
      nv.vmOps = { name: 'shmem_anon_vm_ops' };
    }
    if (!vma) {
      mm.vmaStartWrite(nv);
      mm.insert(nv);
      mm.rec.push({ ev: 'vma', kind: 'created', vma: nv.id, start: nv.start, end: nv.end, pgoff: nv.pgoff });
      if (map.action.hideFromRmap && nv.file) mm.iMmapLock(nv.file);
      vma = nv;
      allocatedNew = true;
    }
  }
  // a range that merged never hands the descriptor's file reference to a VMA, and nothing drops it
  // (open question, README)
  if (!allocatedNew && map.fileDoesntNeedGet) mm.leakRef(map.file);
  // 8: vm_ops / private_data from the descriptor, new or merged
  if (haveMmapPrepare) {
    if (map.vmOps?.name === '(anonymous)') vma.vmOps = null;
    else if (map.vmOps) vma.vmOps = map.vmOps;
    else if (allocatedNew && !vma.vmOps && file) vma.vmOps = mm.defaultVmOps(file);
    vma.privateData = map.privateData;
  }
  // 9: __mmap_complete
  completeMunmapVmas(mm, vms);
  vma.flags |= VM.SOFTDIRTY;
  vms = newVms(mm, addr, addr);
  // 10: action completion (new VMAs only)
  if (haveMmapPrepare && allocatedNew && f.actions) {
    e = actionComplete(mm, vma, map.action, false);
    if (e) return -e;
  }
  if (p25?.mmap_complete && haveMmapPrepare) {
    const spec = typeof p25.mmap_complete === 'object' ? p25.mmap_complete : {};
    e = mm.callHook('f_op->mmap_complete', { file: file!.id, vma: vma.id, context: map.mmapContext }, spec.fail ? errnoValue(spec.fail) : 0, vma);
    if (e) {
      doVmiMunmap(mm, addr, len);
      return -e;
    }
  }
  if (vma.flags & VM_SPECIAL && vma.flags & VM.LOCKED) vma.flags &= ~VM.LOCKED;
  return addr;
}

export { removeVma, TASK_SIZE };
