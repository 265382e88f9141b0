/**
 * The executable VMA model: public API (stable; used by src/contracts and the explorer).
 *
 *   const mm = createMm('7.1', { files: [{ id: 'f', fops: { mmap_prepare: { vmOps: { name: 'x', mapped: true } } } }] });
 *   const r = run(mm, { op: 'mmap', addr: 0x100000, len: 0x3000, prot: ['READ'], flags: ['PRIVATE', 'FIXED'], file: 'f' });
 *   r.errno / r.errnoName / r.ret / r.layout / formatTrace(r.trace)
 *
 * - `Op` is plain JSON (bytes for addresses/lengths), so counterexamples print and explorers enumerate.
 * - `run()` never throws on bad input: invalid ops return errnos like the kernel.
 * - Fault injection: `run(mm, op, { fail: [{ point: 'vm_area_alloc' }] })`; the points an op passes
 *   through are listed by `enumerateFaultPoints(mm, op)` (run on a clone; `mm` is not changed).
 * - Traces: hook calls carry the lock state at the call (`locks.mmap === 'write'`...).
 * - Profiles: `profiles`, `getProfile(name)`, `PROFILE_NAMES`, `HOST_PROFILE` ('6.18').
 * - Determinism: no randomness inside the model; the same ops give the same results.
 * - Also: `cloneMm` (explorers), `runAll`, `checkInvariants` (§4 invariants), `windowLayout`,
 *   `driverFile(kind, id, profile)` (FileSpec presets: regular, dev-mem, dev-zero, secretmem, memfd).
 *
 * What is modelled and what is not: README.md, "The VMA model".
 */
import { MmStruct } from './mm.js';
import type { MmOptions } from './mm.js';
import type { Profile, ProfileName } from './profiles.js';
import { getProfile, profiles, HOST_PROFILE } from './profiles.js';
import { TraceRecorder } from './trace.js';
import { FaultState } from './faults.js';
import { sysMmap } from './mmap.js';
import { sysMunmap } from './munmap.js';
import { sysMprotect, sysMseal, sysUffdRegister } from './mprotect.js';
import { sysMremap } from './mremap.js';
import { anonVmaPrepare } from './vma.js';
import type { Vma } from './vma.js';
import type { FaultPlan, FaultPoint, Op, OpResult, VmaView } from './types.js';
import { ERRNO, PAGE_SIZE, VM, errnoName } from './types.js';

export * from './types.js';
export type { Profile, ProfileName, ProfileFeatures } from './profiles.js';
export { profiles, getProfile, PROFILE_NAMES, HOST_PROFILE, isProfileName } from './profiles.js';
export { formatTrace, formatOp, formatEvent } from './trace.js';
export { formatLayout, MmStruct } from './mm.js';
export type { MmOptions, MmFile } from './mm.js';
export type { Vma } from './vma.js';
export { driverFile, DRIVER_KINDS } from './drivers.js';
export type { DriverKind } from './drivers.js';

/** Create an empty address space emulating `profile` (a name or a Profile). Unknown names fall back to the host profile. */
export function createMm(profile: ProfileName | Profile | string = HOST_PROFILE, opts: MmOptions = {}): MmStruct {
  const p = typeof profile === 'string' ? getProfile(profile) ?? profiles[HOST_PROFILE] : profile;
  return new MmStruct(p, opts);
}

/** Deep copy of an address space (VMAs, files, counters), for explorers. */
export function cloneMm(mm: MmStruct): MmStruct {
  const c = new MmStruct(mm.profile, { maxMapCount: mm.maxMapCount, trace: mm.traceOn, overcommit: mm.overcommit, memlockPages: mm.memlockPages });
  // the files are shared until one side changes one (FileTable)
  c.files = mm.files.clone();
  c.vmas = mm.vmas.map((v) => ({ ...v }));
  c.nextVmaId = mm.nextVmaId;
  c.nextAnonVma = mm.nextAnonVma;
  c.nextShm = mm.nextShm;
  c.nextUffd = mm.nextUffd;
  c.committed = mm.committed;
  c.leaked = mm.leaked;
  c.leakedRefs = new Map(mm.leakedRefs);
  return c;
}

function touch(mm: MmStruct, addr: number): number {
  mm.mmapReadLock();
  const v = mm.vmaLookup(addr);
  let r = 0;
  if (!v || !(v.flags & VM.WRITE)) r = ERRNO.SIGSEGV;
  else if (v.file) {
    const f = mm.files.get(v.file);
    const page = v.pgoff + Math.floor((addr - v.start) / PAGE_SIZE);
    if (f && page >= f.sizePages) r = ERRNO.SIGBUS;
  }
  if (!r && !(v!.flags & VM.SHARED) && !(v!.flags & VM.MAYSHARE)) {
    r = anonVmaPrepare(mm, v!);
    if (r) r = ERRNO.SIGBUS; // VM_FAULT_OOM
  }
  mm.mmapUnlock();
  return r;
}

function dispatch(mm: MmStruct, op: Op): [number, number | undefined] {
  const n = (x: unknown, d = 0): number => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? Math.floor(x) : d);
  switch (op?.op) {
    case 'mmap': {
      const [e, a] = sysMmap(mm, n(op.addr), n(op.len), Array.isArray(op.prot) ? op.prot : [], Array.isArray(op.flags) ? op.flags : [], op.file, n(op.offset, op.offset === undefined ? 0 : -1));
      return [e, e ? undefined : a];
    }
    case 'munmap':
      return [sysMunmap(mm, n(op.addr), n(op.len)), undefined];
    case 'mprotect':
      return [sysMprotect(mm, n(op.addr), n(op.len), Array.isArray(op.prot) ? op.prot : []), undefined];
    case 'mremap': {
      const [e, a] = sysMremap(mm, n(op.addr), n(op.oldLen), n(op.newLen), Array.isArray(op.flags) ? op.flags : [], n(op.newAddr));
      return [e, e ? undefined : a];
    }
    case 'touch':
      return [touch(mm, n(op.addr)), undefined];
    case 'uffd_register':
      return [sysUffdRegister(mm, n(op.addr), n(op.len)), undefined];
    case 'mseal':
      return [sysMseal(mm, n(op.addr), n(op.len)), undefined];
    default:
      return [ERRNO.EINVAL, undefined];
  }
}

/** Run one operation on `mm` (mutating it). Never throws. */
export function run(mm: MmStruct, op: Op, faults?: FaultPlan, opts: { recordFaultPoints?: boolean } = {}): OpResult & { faultPoints?: FaultPoint[] } {
  mm.rec = new TraceRecorder(mm.traceOn);
  mm.faults = new FaultState(faults, !!opts.recordFaultPoints);
  mm.rec.push({ ev: 'op', op });
  let errno: number;
  let ret: number | undefined;
  try {
    [errno, ret] = dispatch(mm, op);
  } catch (e) {
    // A model bug must not crash a run: report it as a WARN and -EINVAL.
    mm.rec.push({ ev: 'warn', message: `model internal error: ${(e as Error)?.message ?? String(e)}` });
    mm.mmapUnlock();
    errno = ERRNO.EINVAL;
    ret = undefined;
  }
  if (mm.mmapLock !== 'none') mm.mmapUnlock();
  for (const f of [...mm.iMmapWrite]) mm.iMmapUnlock(f);
  mm.rec.push({ ev: 'ret', errno, ...(ret !== undefined ? { value: ret } : {}) });
  const res: OpResult & { faultPoints?: FaultPoint[] } = {
    errno, errnoName: errnoName(errno), trace: mm.rec.toTrace(), layout: mm.layout(), leakedPages: mm.leaked,
    committed: mm.committed, mapCount: mm.mapCount, ...(ret !== undefined ? { ret } : {}),
  };
  if (opts.recordFaultPoints) res.faultPoints = mm.faults.reached;
  return res;
}

/** Run a sequence; returns one result per op. */
export function runAll(mm: MmStruct, ops: Op[], faults?: FaultPlan): OpResult[] {
  return ops.map((op) => run(mm, op, faults));
}

/** Every injection point `op` passes through on `mm` (run on a clone; `mm` is untouched). */
export function enumerateFaultPoints(mm: MmStruct, op: Op): FaultPoint[] {
  const c = cloneMm(mm);
  return run(c, op, undefined, { recordFaultPoints: true }).faultPoints ?? [];
}

/** Check the structural invariants of §4 (sorted, non-overlapping, page aligned, non-empty). */
export function checkInvariants(mm: MmStruct): string[] {
  const errs: string[] = [];
  let last = -1;
  for (const v of mm.vmas) {
    if (v.start % PAGE_SIZE || v.end % PAGE_SIZE) errs.push(`vma#${v.id} not page aligned`);
    if (v.start >= v.end) errs.push(`vma#${v.id} empty`);
    if (v.start < last) errs.push(`vma#${v.id} overlaps or unsorted`);
    last = v.end;
  }
  if (mm.detachedCount !== 0) errs.push(`detached VMAs left: ${mm.detachedCount}`);
  return errs.concat(checkAccounting(mm));
}

/**
 * The bookkeeping invariants, checked after every operation of every exploration (src/contracts)
 * and of the differential: the commit charge equals the pages of the VM_ACCOUNT VMAs plus the
 * charge error paths recorded as leaked; every file's reference count equals the references its
 * opener holds, one per VMA mapping it, and the references error paths recorded as leaked.
 */
export function checkAccounting(mm: MmStruct): string[] {
  const errs: string[] = [];
  let accounted = 0;
  const perFile = new Map<string, number>();
  for (const v of mm.vmas) {
    if (v.flags & VM.ACCOUNT) accounted += (v.end - v.start) / PAGE_SIZE;
    if (v.file) perFile.set(v.file, (perFile.get(v.file) ?? 0) + 1);
  }
  if (mm.committed !== accounted + mm.leaked) {
    errs.push(`commit charge ${mm.committed} pages != ${accounted} pages of VM_ACCOUNT VMAs + ${mm.leaked} recorded as leaked`);
  }
  mm.files.forEach((f, id) => {
    const want = f.baseRefs + (perFile.get(id) ?? 0) + (mm.leakedRefs.get(id) ?? 0);
    if (f.refs !== want) errs.push(`file ${id}: ${f.refs} references != ${f.baseRefs} + ${perFile.get(id) ?? 0} VMAs + ${mm.leakedRefs.get(id) ?? 0} recorded as leaked`);
  });
  for (const id of perFile.keys()) if (!mm.files.has(id)) errs.push(`a VMA maps unknown file ${id}`);
  return errs;
}

/** VMAs of [lo, hi) as views (for window comparisons). */
export function windowLayout(mm: MmStruct, lo: number, hi: number): VmaView[] {
  return mm.vmas.filter((v: Vma) => v.end > lo && v.start < hi).map((v) => mm.view(v));
}
