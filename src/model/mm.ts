/**
 * The address space (`struct mm_struct`): sorted, non-overlapping, page-granular VMAs, map_count
 * (= number of VMAs) and max_map_count, the files it can map, the lock state, and the per-operation
 * context (trace recorder + fault state). Mirrors the small helpers of mm/mmap.c and mm/vma.h
 * (find_vma, vma_lookup, find_vma_intersection, get_unmapped_area).
 */
import type { Profile } from './profiles.js';
import type { FileOpsSpec, FileSpec, LockState, VmaView, VmOpsSpec } from './types.js';
import { ERRNO, PAGE_SIZE, VM, flagNames } from './types.js';
import { TraceRecorder } from './trace.js';
import { FaultState } from './faults.js';
import type { Vma } from './vma.js';

export const TASK_SIZE = 0x7ffffffff000; // x86-64, 4-level paging
export const MMAP_MIN_ADDR = 0x10000;
/** Where top-down get_unmapped_area starts searching (ASLR'd on a real kernel: outside any test window). */
export const MMAP_BASE = 0x7f0000000000;

export interface MmFile {
  id: string;
  inode: string;
  read: boolean;
  write: boolean;
  sizePages: number;
  noexec: boolean;
  writeSealed: boolean;
  shmem: boolean;
  fops: FileOpsSpec;
  /** Reference count held by VMAs and the core (get_file/fput). */
  refs: number;
  /** References not held by a VMA: 1 for a file the process opened, 0 for one the kernel made for a
   *  mapping (shmem_zero_setup), whose only references are its VMAs'. */
  baseRefs: number;
}

export interface MmOptions {
  /** files the address space can map (by id). */
  files?: FileSpec[];
  /** vm.max_map_count (default 65530). */
  maxMapCount?: number;
  /** record traces (default true; benches turn it off). */
  trace?: boolean;
  /** sysctl overcommit_memory (0 heuristic, 1 always, 2 never). */
  overcommit?: 0 | 1 | 2;
  /** RLIMIT_MEMLOCK in pages (default unlimited); 0 also makes MAP_LOCKED fail -EPERM (no CAP_IPC_LOCK). */
  memlockPages?: number;
}

/**
 * An address space's files by id, read like a Map. An explorer clones an address space for every
 * run it makes (cloneMm), and copying the ≈ 45 exploration files each time was a third of a
 * cold exploration's CPU while most runs change no file: a clone shares the table of its source
 * (`base`, never changed once shared) and keeps in `own` only the files it changed or added. So
 * change a file (its `refs`) through `writable(id)` — MmStruct's `getFile`, `fput`, `ownFile` —
 * never through `get(id)` on an address space that has been cloned.
 */
export class FileTable implements Iterable<[string, MmFile]> {
  private base: Map<string, MmFile>;
  /** `base` is shared with a clone (or the source) and stays as it is. */
  private baseShared: boolean;
  /** Files changed or added since `base` was shared. */
  private own: Map<string, MmFile> | undefined;

  constructor(base = new Map<string, MmFile>(), baseShared = false, own?: Map<string, MmFile>) {
    this.base = base;
    this.baseShared = baseShared;
    this.own = own;
  }

  get(id: string): MmFile | undefined {
    return this.own?.get(id) ?? this.base.get(id);
  }
  has(id: string): boolean {
    return !!this.own?.has(id) || this.base.has(id);
  }
  set(id: string, f: MmFile): void {
    if (this.baseShared) (this.own ??= new Map()).set(id, f);
    else this.base.set(id, f);
  }
  /** The file to change: the table's own copy. */
  writable(id: string): MmFile | undefined {
    if (!this.baseShared) return this.base.get(id);
    const mine = this.own?.get(id);
    if (mine) return mine;
    const f = this.base.get(id);
    if (!f) return undefined;
    const copy = { ...f };
    (this.own ??= new Map()).set(id, copy);
    return copy;
  }
  /** A table for a clone: the same base (shared from now on), its own copies of what this one changed. */
  clone(): FileTable {
    this.baseShared = true;
    const own = this.own ? new Map([...this.own].map(([k, f]) => [k, { ...f }] as const)) : undefined;
    return new FileTable(this.base, true, own);
  }
  get size(): number {
    let n = this.base.size;
    if (this.own) for (const k of this.own.keys()) if (!this.base.has(k)) n++;
    return n;
  }
  /** Every file (what iteration yields, without a generator: checkAccounting runs after every
   *  operation of an exploration). */
  forEach(fn: (f: MmFile, id: string) => void): void {
    const own = this.own;
    if (!own) {
      this.base.forEach(fn);
      return;
    }
    this.base.forEach((f, k) => fn(own.get(k) ?? f, k));
    own.forEach((f, k) => {
      if (!this.base.has(k)) fn(f, k);
    });
  }
  *entries(): IterableIterator<[string, MmFile]> {
    const own = this.own;
    for (const [k, f] of this.base) yield [k, own?.get(k) ?? f];
    if (own) for (const [k, f] of own) if (!this.base.has(k)) yield [k, f];
  }
  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): IterableIterator<MmFile> {
    for (const [, f] of this.entries()) yield f;
  }
  [Symbol.iterator](): IterableIterator<[string, MmFile]> {
    return this.entries();
  }
}

/** Hooks that return void: recorded, but not fault-injection points. */
const VOID_HOOKS = new Set(['vm_ops->open', 'vm_ops->close', 'f_op->mmap_abort', 'action.error_hook']);

export class MmStruct {
  vmas: Vma[] = [];
  /** The files, by id (copy-on-write between clones: see FileTable). */
  files = new FileTable();
  maxMapCount: number;
  overcommit: 0 | 1 | 2;
  memlockPages: number;
  traceOn: boolean;
  nextVmaId = 1;
  nextAnonVma = 1;
  nextShm = 1;
  nextUffd = 1;
  /** Committed pages (VM_ACCOUNT accounting: Committed_AS) and pages leaked by error paths (C08, C71). */
  committed = 0;
  leaked = 0;
  /** File references an error path took and never dropped, by file id (C14's open question). */
  leakedRefs = new Map<string, number>();
  /** VMAs detached by a munmap gather but not yet freed (still counted in map_count). */
  detachedCount = 0;

  // lock state
  mmapLock: LockState['mmap'] = 'none';
  vmaWrite = new Set<number>();
  iMmapWrite = new Set<string>();

  // per-op context
  rec: TraceRecorder = new TraceRecorder(false);
  faults: FaultState = new FaultState(undefined, false);

  constructor(readonly profile: Profile, opts: MmOptions = {}) {
    this.maxMapCount = opts.maxMapCount ?? 65530;
    this.overcommit = opts.overcommit ?? 0;
    this.memlockPages = opts.memlockPages ?? Infinity;
    this.traceOn = opts.trace ?? true;
    for (const f of opts.files ?? []) this.addFile(f);
  }

  addFile(f: FileSpec): MmFile {
    const file: MmFile = {
      id: f.id, inode: f.inode ?? f.id, read: f.read ?? true, write: f.write ?? true,
      sizePages: f.sizePages ?? 1 << 20, noexec: f.noexec ?? false, writeSealed: f.writeSealed ?? false,
      shmem: f.shmem ?? false, fops: f.fops ?? {}, refs: 1, baseRefs: 1,
    };
    this.files.set(f.id, file);
    return file;
  }

  /** The file to change (its reference count), copied first while it is shared with a clone. */
  ownFile(id: string): MmFile | undefined {
    return this.files.writable(id);
  }

  /** A file the kernel creates for one mapping (shmem_zero_setup): its one reference is the VMA's. */
  addMappingFile(f: FileSpec): MmFile {
    const file = this.addFile(f);
    file.baseRefs = 0;
    return file;
  }

  /** Record commit charge an error path neither keeps on a VMA nor gives back. */
  leakCharge(pages: number, why: string): void {
    if (!pages) return;
    this.leaked += pages;
    this.rec.push({ ev: 'account', pages, action: 'leak' });
    this.step(`commit charge leaked: ${pages} pages (${why})`);
  }
  /** Record a file reference an error path took and never dropped. */
  leakRef(id: string | null): void {
    if (!id) return;
    this.leakedRefs.set(id, (this.leakedRefs.get(id) ?? 0) + 1);
    if (this.traceOn) this.rec.push({ ev: 'file', action: 'leak', file: id });
  }

  get mapCount(): number {
    return this.vmas.length + this.detachedCount;
  }

  // ---- lookups (maple tree stand-ins) --------------------------------------------------------

  /** Index of the first VMA with end > addr (find_vma), or vmas.length. */
  indexAfter(addr: number): number {
    let lo = 0, hi = this.vmas.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vmas[mid]!.end > addr) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  findVma(addr: number): Vma | undefined {
    return this.vmas[this.indexAfter(addr)];
  }
  /** The VMA containing addr (vma_lookup). */
  vmaLookup(addr: number): Vma | undefined {
    const v = this.findVma(addr);
    return v && v.start <= addr ? v : undefined;
  }
  /** First VMA intersecting [start, end). */
  findIntersection(start: number, end: number): Vma | undefined {
    const v = this.findVma(start);
    return v && v.start < end ? v : undefined;
  }
  /** All VMAs intersecting [start, end), in order. */
  vmasIn(start: number, end: number): Vma[] {
    const out: Vma[] = [];
    for (let i = this.indexAfter(start); i < this.vmas.length && this.vmas[i]!.start < end; i++) out.push(this.vmas[i]!);
    return out;
  }
  /** The VMA ending at or before addr (prev of a gap at addr). */
  prevOf(addr: number): Vma | undefined {
    const i = this.indexAfter(addr);
    const v = this.vmas[i];
    if (v && v.start < addr) return v; // addr inside v: "prev" is v itself for callers that split
    return this.vmas[i - 1];
  }
  /** The VMA starting at or after addr. */
  nextFrom(addr: number): Vma | undefined {
    const i = this.indexAfter(addr);
    const v = this.vmas[i];
    if (v && v.start >= addr) return v;
    return this.vmas[i + 1];
  }
  vmaPrev(v: Vma): Vma | undefined {
    const i = this.vmas.indexOf(v);
    return i > 0 ? this.vmas[i - 1] : undefined;
  }
  vmaNext(v: Vma): Vma | undefined {
    const i = this.vmas.indexOf(v);
    return i >= 0 ? this.vmas[i + 1] : undefined;
  }

  insert(v: Vma): void {
    const i = this.indexAfter(v.start);
    this.vmas.splice(i, 0, v);
  }
  remove(v: Vma): void {
    const i = this.vmas.indexOf(v);
    if (i >= 0) this.vmas.splice(i, 1);
  }

  // ---- locks -------------------------------------------------------------------------------

  lockState(): LockState {
    return { mmap: this.mmapLock, vmaWrite: [...this.vmaWrite], iMmapWrite: [...this.iMmapWrite] };
  }
  mmapWriteLock(): void {
    this.mmapLock = 'write';
    this.rec.push({ ev: 'lock', lock: 'mmap_lock', mode: 'write', action: 'acquire' });
  }
  mmapReadLock(): void {
    this.mmapLock = 'read';
    this.rec.push({ ev: 'lock', lock: 'mmap_lock', mode: 'read', action: 'acquire' });
  }
  /** Dropping mmap_lock also ends every VMA write lock (the sequence-number scheme). */
  mmapUnlock(): void {
    if (this.mmapLock === 'none') return;
    const mode = this.mmapLock;
    for (const id of this.vmaWrite) this.rec.push({ ev: 'lock', lock: 'vma', mode: 'write', action: 'release', vma: id });
    this.vmaWrite.clear();
    this.mmapLock = 'none';
    this.rec.push({ ev: 'lock', lock: 'mmap_lock', mode, action: 'release' });
  }
  vmaStartWrite(v: Vma): void {
    if (this.vmaWrite.has(v.id)) return;
    this.vmaWrite.add(v.id);
    this.rec.push({ ev: 'lock', lock: 'vma', mode: 'write', action: 'acquire', vma: v.id });
  }
  iMmapLock(file: string): void {
    this.iMmapWrite.add(file);
    this.rec.push({ ev: 'lock', lock: 'i_mmap', mode: 'write', action: 'acquire', file });
  }
  iMmapUnlock(file: string): void {
    if (!this.iMmapWrite.delete(file)) return;
    this.rec.push({ ev: 'lock', lock: 'i_mmap', mode: 'write', action: 'release', file });
  }

  // ---- context helpers ---------------------------------------------------------------------

  /** Pass an injection point; returns 0 or the errno to fail with (recorded in the trace). */
  inject(point: string): number {
    const { occurrence, errno } = this.faults.hit(point);
    if (errno) this.rec.push({ ev: 'fault', point, occurrence, errno });
    return errno;
  }
  step(name: string): void {
    if (this.traceOn) this.rec.push({ ev: 'step', name });
  }
  warn(message: string): void {
    this.rec.push({ ev: 'warn', message });
  }
  /**
   * Call a driver hook: records the call with the lock state, passes the fault point named after
   * the hook, and returns the hook's result (0 or positive errno).
   */
  callHook(hook: string, args: Record<string, unknown>, natural: number, vma?: Vma): number {
    const injected = VOID_HOOKS.has(hook) ? 0 : this.inject(hook);
    const result = injected || natural;
    this.rec.push({ ev: 'hook', hook, args, locks: this.lockState(), result, ...(vma ? { vma: vma.id } : {}) });
    return result;
  }
  getFile(id: string | null): void {
    if (!id) return;
    const f = this.ownFile(id);
    if (f) f.refs++;
    if (this.traceOn) this.rec.push({ ev: 'file', action: 'get', file: id });
  }
  fput(id: string | null): void {
    if (!id) return;
    const f = this.ownFile(id);
    if (f) f.refs--;
    if (this.traceOn) this.rec.push({ ev: 'file', action: 'put', file: id });
  }

  // ---- get_unmapped_area -------------------------------------------------------------------

  /**
   * x86-64 arch_get_unmapped_area_topdown: MAP_FIXED returns addr as is; a free, valid hint is used;
   * otherwise the highest gap below MMAP_BASE that fits. Returns an address or -errno.
   */
  getUnmappedArea(addr: number, len: number, fixed: boolean): number {
    if (len > TASK_SIZE) return -ERRNO.ENOMEM;
    let res: number;
    if (fixed) {
      res = addr;
    } else {
      res = -ERRNO.ENOMEM;
      if (addr) {
        const a = addr - (addr % PAGE_SIZE);
        if (TASK_SIZE - len >= a && a >= MMAP_MIN_ADDR) {
          const v = this.findVma(a);
          if (!v || a + len <= v.start) res = a;
        }
      }
      if (res < 0) res = this.topDown(len);
    }
    if (res < 0) return res;
    if (res > TASK_SIZE - len) return -ERRNO.ENOMEM;
    if (res % PAGE_SIZE) return -ERRNO.EINVAL;
    return res;
  }
  private topDown(len: number): number {
    let hi = MMAP_BASE;
    for (let i = this.indexAfter(MMAP_BASE) - 1; i >= -1; i--) {
      const v = this.vmas[i];
      const lo = v ? v.end : MMAP_MIN_ADDR;
      const top = Math.min(hi, MMAP_BASE);
      if (top - lo >= len) return top - len;
      if (!v) break;
      hi = v.start;
    }
    return -ERRNO.ENOMEM;
  }

  /** mlock_future_ok(): locked pages + the new ones within RLIMIT_MEMLOCK. */
  mlockFutureOk(flags: number, bytes: number): boolean {
    if (!(flags & VM.LOCKED)) return true;
    let locked = 0;
    for (const v of this.vmas) if (v.flags & VM.LOCKED) locked += (v.end - v.start) / PAGE_SIZE;
    return locked + bytes / PAGE_SIZE <= this.memlockPages;
  }

  // ---- views -------------------------------------------------------------------------------

  view(v: Vma): VmaView {
    const perms = (v.flags & VM.READ ? 'r' : '-') + (v.flags & VM.WRITE ? 'w' : '-') + (v.flags & VM.EXEC ? 'x' : '-') +
      (v.flags & VM.MAYSHARE ? 's' : 'p');
    return {
      start: v.start, end: v.end, perms, offset: v.file ? v.pgoff * PAGE_SIZE : 0, pgoff: v.pgoff,
      file: v.file, anon: v.file === null, flags: this.traceOn ? flagNames(v.flags) : [], anonVma: v.anonVma,
      vmOps: v.vmOps?.name ?? null, privateData: v.privateData, uffd: v.uffd !== null,
    };
  }
  layout(): VmaView[] {
    return this.vmas.map((v) => this.view(v));
  }
  /** vm_ops of a file's VMAs when the driver installs none. */
  defaultVmOps(file: MmFile): VmOpsSpec {
    const plain = file.fops.mmap === undefined && file.fops.mmap_prepare === undefined;
    if (!plain) return { name: 'vma_dummy_vm_ops' };
    return { name: file.shmem ? 'shmem_vm_ops' : 'generic_file_vm_ops' };
  }
}

/** Text form of a layout, one VMA per line, like /proc/self/maps. */
export function formatLayout(layout: VmaView[]): string {
  return layout.map((v) => `${v.start.toString(16)}-${v.end.toString(16)} ${v.perms} ${v.offset.toString(16).padStart(8, '0')} ${v.file ?? (v.anon ? '[anon]' : '')}${v.anonVma ? ` av${v.anonVma}` : ''}`).join('\n');
}
