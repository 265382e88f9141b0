/**
 * Differential harness: seeded random op sequences, run on the real kernel through the native
 * helper (test/model/native/vmaseq.c, compiled with the machine's cc into a temp dir) and in the
 * model under the host profile, compared line by line (errno, returned address, and the VMAs of the
 * window as /proc/self/maps shows them: boundaries, perms, offset, anon/file).
 *
 * Used by test/model/differential.test.ts (a few hundred sequences) and scripts/bench-model.ts
 * (>= 10,000).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileSpec, MapFlagName, MremapFlagName, Op, ProtName, VmFlagName } from '../../src/model/index.js';
import { HOST_PROFILE, PROFILE_NAMES, VM, createMm, run, formatOp, PAGE_SIZE } from '../../src/model/index.js';
import type { ProfileName } from '../../src/model/index.js';
import type { MmStruct } from '../../src/model/index.js';

export const BASE = 0x100000000000;
export const WINDOW_PAGES = 64;
export const WINDOW = WINDOW_PAGES * PAGE_SIZE;
export const FILE_PAGES = 64;
const P = PAGE_SIZE;

/** Source of the helper, found from dist/test/model or test/model. */
export function helperSource(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const c of [join(here, 'native/vmaseq.c'), resolve(here, '../../../test/model/native/vmaseq.c')]) {
    if (existsSync(c)) return c;
  }
  return null;
}

export interface Helper {
  path: string;
  dir: string;
  /** memfd_secret(2) works here (secretmem: an mmap_prepare that rejects private mappings). */
  secretmem: boolean;
  cleanup(): void;
}

/**
 * The model profile the running kernel is compared with: the one named by its major.minor release
 * (6.18.44 -> 6.18), or null when the model has none (then there is nothing to compare: another
 * release's behaviour would show as mismatches that are no model bug).
 */
export function profileForKernel(release: string): ProfileName | null {
  const m = /^(\d+)\.(\d+)/.exec(release);
  const name = m ? `${m[1]}.${m[2]}` : '';
  return (PROFILE_NAMES as readonly string[]).includes(name) ? (name as ProfileName) : null;
}
export const DIFF_PROFILE: ProfileName | null = process.platform === 'linux' ? profileForKernel(readHostKernel()) : null;

/** Compile vmaseq.c with cc into a temp dir. Returns the helper, or a reason to skip. */
export function buildHelper(): Helper | { skip: string } {
  if (process.platform !== 'linux' || !existsSync('/proc/self/maps')) return { skip: 'no /proc/self/maps (not Linux): differential test skipped' };
  if (!DIFF_PROFILE) return { skip: `the model has no profile for the running kernel ${readHostKernel()} (profiles: ${PROFILE_NAMES.join(', ')}): differential test skipped` };
  const src = helperSource();
  if (!src) return { skip: 'test/model/native/vmaseq.c not found' };
  const which = spawnSync('sh', ['-c', 'command -v cc'], { encoding: 'utf8' });
  if (which.status !== 0) return { skip: 'no C compiler (cc) on PATH: differential test skipped' };
  const dir = mkdtempSync(join(tmpdir(), 'kdocs-vmaseq-'));
  const out = join(dir, 'vmaseq');
  const cc = spawnSync('cc', ['-O2', '-Wl,-z,now', '-o', out, src], { encoding: 'utf8' });
  if (cc.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `cc failed to build vmaseq.c: ${cc.stderr}` };
  }
  const probe = spawnSync(out, [BASE.toString(16), WINDOW.toString(16), FILE_PAGES.toString(16)], {
    input: `S\nM ${BASE.toString(16)} 1000 3 11 6 0\n`, encoding: 'utf8', env: { ...process.env, TMPDIR: dir },
  });
  const secretmem = /^0 /m.test(probe.stdout ?? '');
  return { path: out, dir, secretmem, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---- seeded PRNG (mulberry32) --------------------------------------------------------------

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Is the filesystem holding `path` mounted noexec (from /proc/self/mountinfo)? */
export function mountedNoexec(path: string): boolean {
  try {
    let best = '';
    let noexec = false;
    for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
      const f = line.split(' ');
      const mp = f[4];
      if (!mp || !(path === mp || path.startsWith(mp.endsWith('/') ? mp : mp + '/'))) continue;
      if (mp.length >= best.length) {
        best = mp;
        noexec = /(^|,)noexec(,|$)/.test(f[5] ?? '');
      }
    }
    return noexec;
  } catch {
    return false;
  }
}

const TMP_NOEXEC = mountedNoexec(tmpdir());
const DEV_NOEXEC = mountedNoexec('/dev/zero');

/** f0..f2: one temp file opened O_RDWR, O_RDONLY, O_WRONLY (three struct files); f3: /dev/zero O_RDWR. */
export const FILES: FileSpec[] = [
  { id: 'f0', inode: 'f', read: true, write: true, sizePages: FILE_PAGES, noexec: TMP_NOEXEC, fops: { getUnmappedArea: 'thp' } },
  { id: 'f1', inode: 'f', read: true, write: false, sizePages: FILE_PAGES, noexec: TMP_NOEXEC, fops: { getUnmappedArea: 'thp' } },
  { id: 'f2', inode: 'f', read: false, write: true, sizePages: FILE_PAGES, noexec: TMP_NOEXEC, fops: { getUnmappedArea: 'thp' } },
  { id: 'f3', inode: 'devzero', read: true, write: true, sizePages: 2 ** 40, noexec: DEV_NOEXEC, fops: { mmap: { devZero: true }, getUnmappedArea: 'custom' } },
  { id: 'f4', inode: 'memfd-m', read: true, write: true, sizePages: FILE_PAGES, shmem: true, fops: { getUnmappedArea: 'shmem' } },
  { id: 'f5', inode: 'memfd-s', read: true, write: true, sizePages: FILE_PAGES, shmem: true, writeSealed: true, fops: { getUnmappedArea: 'shmem' } },
  // secretmem_mmap_prepare (6.18): private -> -EINVAL; else VM_LOCKED|VM_DONTDUMP and secretmem_vm_ops
  // perf_mmap (legacy ->mmap): a private mapping -> -EINVAL after the core charged it (C71)
  { id: 'f7', inode: 'perf', read: true, write: true, sizePages: FILE_PAGES, fops: { mmap: { rejectPrivate: true } } },
  { id: 'f6', inode: 'secretmem', read: true, write: true, sizePages: FILE_PAGES, noexec: true, fops: { mmap_prepare: { rejectPrivate: true, setFlags: ['LOCKED', 'DONTDUMP'], vmOps: { name: 'secretmem_vm_ops' } } } },
];

/** Include memfd_secret mappings in generated sequences (set from Helper.secretmem). */
export const genOptions = { secretmem: true };

export function newHostMm(): MmStruct {
  return createMm(DIFF_PROFILE ?? HOST_PROFILE, { files: FILES, trace: false });
}

const PROTS: ProtName[][] = [['READ'], ['READ', 'WRITE'], ['READ', 'WRITE'], [], ['READ', 'EXEC'], ['WRITE']];

function pageIn(r: Rng, max = WINDOW_PAGES - 16): number {
  return BASE + r.int(0, max) * P;
}

/** A target address biased toward existing VMA boundaries of the model (where merges happen). */
function interesting(r: Rng, mm: MmStruct): number {
  const vs = windowVmas(mm);
  if (vs.length && r.chance(0.75)) {
    const v = r.pick(vs);
    const pages = (v.end - v.start) / P;
    return r.chance(0.4) ? v.start : r.chance(0.3) ? v.end : v.start + r.int(0, pages) * P;
  }
  return pageIn(r, 40);
}

function windowVmas(mm: MmStruct): MmStruct['vmas'] {
  return mm.vmas.filter((v) => v.start >= BASE && v.end <= BASE + WINDOW);
}

/** A range starting inside some VMA: [addr, addr+len) with len reaching its end or beyond. */
function rangeInVma(r: Rng, mm: MmStruct): { addr: number; len: number } | null {
  const vs = windowVmas(mm);
  if (!vs.length) return null;
  const v = r.pick(vs);
  const pages = (v.end - v.start) / P;
  const k = r.chance(0.5) ? 0 : r.int(0, pages - 1);
  const addr = v.start + k * P;
  const rest = pages - k;
  const len = (r.chance(0.5) ? rest : r.chance(0.6) ? r.int(1, rest) : rest + r.int(1, 4)) * P;
  return { addr, len };
}

/** One random op (interactive: looks at the model's current layout for interesting addresses). */
export function genOp(r: Rng, mm: MmStruct): Op {
  const k = r.next();
  if (k < 0.32) {
    const anon = r.chance(0.5);
    let fileIdx = r.chance(0.6) ? 0 : r.chance(0.35) ? 3 : r.chance(0.4) ? (r.chance(0.6) ? 4 : 5) : r.chance(0.6) ? 1 : 2;
    if (genOptions.secretmem && r.chance(0.06)) fileIdx = 6;
    const flags: MapFlagName[] = [r.chance(0.6) ? 'PRIVATE' : r.chance(0.92) ? 'SHARED' : 'SHARED_VALIDATE'];
    if (r.chance(0.02)) flags.length = 0;
    const placement = r.next();
    if (placement < 0.74) flags.push('FIXED');
    else if (placement < 0.86) flags.push('FIXED_NOREPLACE');
    if (anon) flags.push('ANONYMOUS');
    if (r.chance(0.05)) flags.push('NORESERVE');
    if (r.chance(0.05)) flags.push('POPULATE');
    if (r.chance(0.05)) flags.push('LOCKED');
    let addr = interesting(r, mm);
    if (placement >= 0.86 && r.chance(0.2)) addr = 0; // no hint: top-down, outside the window
    let len = r.int(1, 8) * P;
    if (r.chance(0.03)) len = 0;
    if (r.chance(0.03)) len = r.int(1, 3 * P);
    if (r.chance(0.02)) addr += r.int(1, P - 1);
    // file offsets: often contiguous with a neighbouring file VMA so merges are tried
    let offset = anon ? 0 : r.int(0, FILE_PAGES - 8) * P;
    if (!anon && r.chance(0.5)) {
      const prev = mm.vmas.find((v) => v.end === addr && v.file !== null);
      if (prev) offset = prev.pgoff * P + (prev.end - prev.start);
    }
    if (r.chance(0.02)) offset += 0x800;
    const op: Op = { op: 'mmap', addr, len, prot: r.pick(PROTS), flags };
    if (!anon) return { ...op, file: `f${fileIdx}`, offset };
    return op;
  }
  if (k < 0.44) {
    let addr = interesting(r, mm);
    let len = r.int(1, 10) * P;
    const rv = r.chance(0.5) ? rangeInVma(r, mm) : null;
    if (rv) ({ addr, len } = rv);
    if (r.chance(0.03)) len = 0;
    if (r.chance(0.03)) len = r.int(1, 2 * P);
    if (r.chance(0.02)) addr += 0x10;
    return { op: 'munmap', addr, len };
  }
  if (k < 0.64) {
    let addr = interesting(r, mm);
    let len = r.int(1, 10) * P;
    const rv = r.chance(0.8) ? rangeInVma(r, mm) : null;
    if (rv) ({ addr, len } = rv);
    if (r.chance(0.02)) addr += 0x10;
    if (r.chance(0.02)) len = 0;
    return { op: 'mprotect', addr, len, prot: r.pick(PROTS) };
  }
  if (k < 0.84) {
    let addr = interesting(r, mm);
    let oldLen = r.chance(0.04) ? 0 : r.int(1, 8) * P;
    const rv = r.chance(0.75) ? rangeInVma(r, mm) : null;
    if (rv) ({ addr, len: oldLen } = rv);
    if (r.chance(0.02)) addr += 0x10;
    let newLen = r.chance(0.35) ? oldLen : Math.max(P, oldLen + r.int(-4, 4) * P);
    if (r.chance(0.02)) newLen = 0;
    const c = r.next();
    let flags: MremapFlagName[];
    let newAddr: number | undefined;
    if (c < 0.22) flags = [];
    else if (c < 0.42) flags = ['MAYMOVE'];
    else if (c < 0.78) {
      flags = ['MAYMOVE', 'FIXED'];
      newAddr = interesting(r, mm);
      if (r.chance(0.5)) newLen = oldLen;
    } else if (c < 0.9) {
      flags = r.chance(0.5) ? ['MAYMOVE', 'DONTUNMAP'] : ['MAYMOVE', 'DONTUNMAP', 'FIXED'];
      newAddr = interesting(r, mm);
      if (r.chance(0.15)) newAddr = 0; // a hint of 0 (E21)
      else if (r.chance(0.05)) newAddr = r.chance(0.5) ? 0x7ffffffff0000 : 0xdeadbeef1234; // glibc 2.36's garbage (E22)
      if (r.chance(0.85)) newLen = oldLen;
    } else if (c < 0.95) {
      flags = ['FIXED'];
      newAddr = pageIn(r);
    } else {
      flags = r.chance(0.5) ? ['UNKNOWN', 'MAYMOVE'] : ['DONTUNMAP'];
      newAddr = pageIn(r);
    }
    if (newAddr !== undefined && r.chance(0.02)) newAddr += 0x10;
    return { op: 'mremap', addr, oldLen, newLen, flags, ...(newAddr !== undefined ? { newAddr } : {}) };
  }
  if (k < 0.96) {
    const ws = windowVmas(mm).filter((v) => v.flags & 2);
    let addr = interesting(r, mm);
    if (ws.length && r.chance(0.8)) {
      const v = r.pick(ws);
      addr = v.start + r.int(0, (v.end - v.start) / P - 1) * P;
    }
    const v = mm.vmaLookup(addr);
    if (v && v.uffd !== null) return { op: 'munmap', addr: v.start, len: P };
    return { op: 'touch', addr: Math.min(addr, BASE + WINDOW - P) };
  }
  if (k < 0.985) return { op: 'uffd_register', addr: interesting(r, mm), len: r.int(1, 6) * P };
  const rv = rangeInVma(r, mm);
  return { op: 'mseal', addr: rv?.addr ?? interesting(r, mm), len: rv?.len ?? r.int(1, 4) * P };
}

/** A sequence of 3..14 ops generated against a model run (so addresses hit real VMA edges). */
export function genSequence(r: Rng): Op[] {
  const mm = newHostMm();
  const ops: Op[] = [];
  // a populated start: a few fixed mappings, often adjacent (so merges and splits are exercised)
  let at = BASE + r.int(0, 8) * P;
  for (let i = r.int(1, 4); i > 0; i--) {
    const anon = r.chance(0.6);
    const len = r.int(1, 6) * P;
    const op: Op = {
      op: 'mmap', addr: at, len, prot: r.pick([['READ'], ['READ', 'WRITE'], ['READ', 'WRITE']] as ProtName[][]),
      flags: [r.chance(0.7) ? 'PRIVATE' : 'SHARED', 'FIXED', ...(anon ? (['ANONYMOUS'] as MapFlagName[]) : [])],
      ...(anon ? {} : { file: 'f0', offset: r.chance(0.5) ? (at - BASE) : r.int(0, 40) * P }),
    };
    ops.push(op);
    run(mm, op);
    at += len + (r.chance(0.6) ? 0 : r.int(1, 3) * P);
  }
  const n = r.int(3, 12);
  for (let i = 0; i < n; i++) {
    const op = genOp(r, mm);
    ops.push(op);
    run(mm, op);
  }
  return ops;
}

// ---- encoding for the helper ---------------------------------------------------------------

const MAPV: Record<string, number> = { SHARED: 1, PRIVATE: 2, SHARED_VALIDATE: 3, FIXED: 0x10, ANONYMOUS: 0x20, NORESERVE: 0x4000, FIXED_NOREPLACE: 0x100000, LOCKED: 0x2000, POPULATE: 0x8000, GROWSDOWN: 0x100, UNKNOWN: 0x40000000 };
const PROTV: Record<string, number> = { READ: 1, WRITE: 2, EXEC: 4 };
const MREMAPV: Record<string, number> = { MAYMOVE: 1, FIXED: 2, DONTUNMAP: 4, UNKNOWN: 0x100 };
const h = (n: number): string => n.toString(16);
const bits = (xs: readonly string[], m: Record<string, number>): number => xs.reduce((a, x) => a | (m[x] ?? 0), 0);

/**
 * Ops of a differential sequence: the model's ops plus two the helper answers alone: read
 * Committed_AS (`committed`) and fill the address space with VMAs far from the window until
 * `free` slots are left below vm.max_map_count (`maplimit`; the model then takes the kernel's
 * count as its limit).
 */
export type DiffOp = Op | { op: 'committed' } | { op: 'maplimit'; free: number };
export function isModelOp(o: DiffOp): o is Op {
  return o.op !== 'committed' && o.op !== 'maplimit';
}
export function formatDiffOp(o: DiffOp): string {
  if (o.op === 'committed') return 'read Committed_AS';
  if (o.op === 'maplimit') return `fill map_count up to max_map_count - ${o.free}`;
  return formatOp(o);
}

export function encodeOp(op: DiffOp): string {
  switch (op.op) {
    case 'committed':
      return 'C';
    case 'maplimit':
      return `N ${h(op.free)}`;
    case 'mmap':
      return `M ${h(op.addr)} ${h(op.len)} ${h(bits(op.prot, PROTV))} ${h(bits(op.flags, MAPV))} ${op.file === undefined ? -1 : Number(op.file.slice(1))} ${h(op.offset ?? 0)}`;
    case 'munmap':
      return `U ${h(op.addr)} ${h(op.len)}`;
    case 'mprotect':
      return `P ${h(op.addr)} ${h(op.len)} ${h(bits(op.prot, PROTV))}`;
    case 'mremap':
      return `R ${h(op.addr)} ${h(op.oldLen)} ${h(op.newLen)} ${h(bits(op.flags, MREMAPV))} ${h(op.newAddr ?? 0)}`;
    case 'touch':
      return `T ${h(op.addr)}`;
    case 'uffd_register':
      return `F ${h(op.addr)} ${h(op.len)}`;
    case 'mseal':
      return `Z ${h(op.addr)} ${h(op.len)}`;
  }
}

/**
 * Run sequences on the kernel; returns per sequence the helper's output lines. `prefill`: the
 * helper first fills its address space to that many slots below vm.max_map_count, once, and every
 * sequence starts from a copy of it (for max_map_count sequences: a fork copies the filler for less
 * than mapping it again; their `maplimit` op then only tops it up).
 */
export function runNative(helper: Helper, seqs: DiffOp[][], opts: { prefill?: number } = {}): string[][] {
  const input = (opts.prefill !== undefined ? `X ${h(opts.prefill)}\n` : '') + seqs.map((s) => 'S\n' + s.map(encodeOp).join('\n') + '\n').join('');
  const p = spawnSync(helper.path, [h(BASE), h(WINDOW), h(FILE_PAGES)], { input, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, TMPDIR: helper.dir } });
  if (p.status !== 0) throw new Error(`vmaseq failed (${p.status} ${p.signal}): ${p.stderr}`);
  const out: string[][] = [];
  for (const line of p.stdout.split('\n')) {
    if (line === 'S') out.push([]);
    else if (line) out[out.length - 1]!.push(normaliseKernelLine(line));
  }
  return out;
}

/**
 * smaps VmFlags codes (fs/proc/task_mmu.c) of the flags the model keeps, in the kernel's print
 * order. Codes outside this list are state the model does not keep and are not compared: `sd`
 * (soft-dirty: set on every new VMA when CONFIG_MEM_SOFT_DIRTY is built in), `mg` (KSM), `hg`/`nh`
 * are kept but only madvise sets them, `ar`, `wf`, `bt`, `uw`, `ss` (arch, wipe-on-fork, bti,
 * userfaultfd write-protect, shadow stack).
 */
export const VMFLAG_CODES: [VmFlagName, string][] = [
  ['READ', 'rd'], ['WRITE', 'wr'], ['EXEC', 'ex'], ['SHARED', 'sh'], ['MAYREAD', 'mr'], ['MAYWRITE', 'mw'],
  ['MAYEXEC', 'me'], ['MAYSHARE', 'ms'], ['GROWSDOWN', 'gd'], ['PFNMAP', 'pf'], ['LOCKED', 'lo'], ['IO', 'io'],
  ['DONTCOPY', 'dc'], ['DONTEXPAND', 'de'], ['LOCKONFAULT', 'lf'], ['ACCOUNT', 'ac'], ['NORESERVE', 'nr'],
  ['HUGETLB', 'ht'], ['SYNC', 'sf'], ['DONTDUMP', 'dd'], ['MIXEDMAP', 'mm'], ['HUGEPAGE', 'hg'],
  ['NOHUGEPAGE', 'nh'], ['UFFD_MISSING', 'um'], ['SEALED', 'sl'],
];
const COMPARED = new Map(VMFLAG_CODES.map(([, c], i) => [c, i]));

/** The model's VM flags as smaps prints them (compared codes only). */
export function vmFlagCodes(flags: number): string {
  return VMFLAG_CODES.filter(([n]) => flags & VM[n]).map(([, c]) => c).join(' ');
}

/** A kernel output line with each VMA's VmFlags reduced to the compared codes, in print order. */
export function normaliseKernelLine(line: string): string {
  return line.split(';').map((part, i) => {
    if (i === 0) return part;
    const bar = part.indexOf('|');
    if (bar < 0) return part;
    const codes = part.slice(bar + 1).trim().split(/\s+/).filter((c) => COMPARED.has(c));
    codes.sort((a, b) => COMPARED.get(a)! - COMPARED.get(b)!);
    return `${part.slice(0, bar)}|${codes.join(' ')}`;
  }).join(';');
}

/**
 * The same output lines from the model. `kernel` (the helper's lines for the same sequence) gives
 * what only the kernel knows: the map count a `maplimit` reached.
 */
export function runModelLines(ops: DiffOp[], kernel: string[] = [], mm: MmStruct = newHostMm()): string[] {
  const lines: string[] = [];
  for (const [i, op] of ops.entries()) {
    if (op.op === 'committed') {
      lines.push(`C ${mm.committed * 4}`);
      continue;
    }
    if (op.op === 'maplimit') {
      const m = /^N (\d+) (\d+)$/.exec(kernel[i] ?? '');
      if (m) mm.maxMapCount = mm.mapCount + (Number(m[2]) - Number(m[1]));
      lines.push(kernel[i] ?? 'N ?');
      continue;
    }
    const r = run(mm, op);
    const hasRet = (op.op === 'mmap' || op.op === 'mremap') && r.errno === 0 && r.ret !== undefined;
    let line = `${r.errno} ${!hasRet ? '-' : r.ret! >= BASE && r.ret! < BASE + WINDOW ? h(r.ret!) : 'OUT'}`;
    for (const v of mm.vmas) {
      if (v.end <= BASE || v.start >= BASE + WINDOW) continue;
      const f = v.file ? mm.files.get(v.file) : undefined;
      const name = !v.file ? 'a' : f?.inode === 'secretmem' ? 'S' : f?.inode === 'memfd-m' ? 'm' : f?.inode === 'memfd-s' ? 'M' : f?.shmem ? 'z' : f?.inode === 'f' ? 'f' : f?.inode === 'devzero' ? 'Z' : '?';
      line += `;${h(v.start)}-${h(v.end)} ${mm.view(v).perms} ${h(v.file ? v.pgoff * P : 0)} ${name}|${vmFlagCodes(v.flags)}`;
    }
    lines.push(line);
  }
  return lines;
}

export interface Mismatch {
  index: number;
  opIndex: number;
  ops: DiffOp[];
  kernel: string[];
  model: string[];
  /** Set when the difference comes from state the model does not keep (see explainMismatch). */
  explained?: string;
}

/** First line where kernel and model differ (Committed_AS lines are compared elsewhere). */
export function firstDifference(model: string[], kernel: string[]): number {
  return model.findIndex((l, j) => !(l.startsWith('C ') && kernel[j]?.startsWith('C ')) && l !== kernel[j]);
}

/**
 * Differences whose cause is state the model does not keep, said as such instead of reported as a
 * random mismatch: a fill that could not reach the map-count target, and a populate or mlock the
 * kernel refused for want of memory (ENOMEM/EAGAIN where the model, which has no memory pressure,
 * succeeded). Anything else is unexplained.
 */
export function explainMismatch(m: Mismatch): string | undefined {
  const op = m.ops[m.opIndex];
  const k = m.kernel[m.opIndex] ?? '';
  const md = m.model[m.opIndex] ?? '';
  if (!op || k.startsWith('CRASH')) return undefined;
  if (op.op === 'maplimit') return 'the filler could not reach the map-count target';
  if (op.op === 'mmap' && (op.flags.includes('POPULATE') || op.flags.includes('LOCKED')) && /^(12|11) /.test(k) && md.startsWith('0 ')) {
    return 'memory pressure: the kernel could not populate or lock the mapping';
  }
  return undefined;
}

export function formatMismatch(m: Mismatch, seed: number): string {
  const out = [`sequence #${m.index} (seed ${seed}), first difference at op ${m.opIndex}:`];
  m.ops.forEach((op, i) => {
    out.push(`  ${i === m.opIndex ? '>' : ' '} ${formatDiffOp(op)}`);
    if (i <= m.opIndex) {
      out.push(`      kernel: ${m.kernel[i] ?? '(none)'}`);
      if (m.model[i] !== m.kernel[i]) out.push(`      model:  ${m.model[i] ?? '(none)'}`);
    }
  });
  return out.join('\n');
}

/** Generate `count` sequences from `seed`, run both sides, return the mismatches. */
/** A sequence that first fills the address space to `free` slots below vm.max_map_count. */
export function genLimitSequence(r: Rng): DiffOp[] {
  const ops: DiffOp[] = genSequence(r);
  // after the starting mappings (1..4 mmaps), before the random ops: splits, merges and moves then
  // meet the limit (do_mmap's >, split_vma's >=, munmap's 3-way split, mremap's checks)
  const k = ops.findIndex((o) => o.op !== 'mmap' || !(o.flags as string[]).includes('FIXED'));
  ops.splice(k < 0 ? ops.length : k, 0, { op: 'maplimit', free: r.int(0, 6) });
  return ops;
}

/** Per op kind: how often it ran, and how often the kernel said OK (what a differential covered). */
export type Coverage = Record<string, { runs: number; ok: number }>;

function coverageKey(op: DiffOp): string {
  switch (op.op) {
    case 'mmap': {
      const f = op.flags as string[];
      const what = op.file === undefined ? 'anon' : `file f${op.file.slice(1)}`;
      const how = f.includes('FIXED_NOREPLACE') ? 'FIXED_NOREPLACE' : f.includes('FIXED') ? 'FIXED' : 'hint';
      return `mmap ${f.includes('SHARED') || f.includes('SHARED_VALIDATE') ? 'shared' : 'private'} ${what} ${how}`;
    }
    case 'mremap': {
      const f = op.flags as string[];
      return `mremap ${f.includes('DONTUNMAP') ? 'DONTUNMAP' : f.includes('FIXED') ? 'FIXED' : f.includes('MAYMOVE') ? 'MAYMOVE' : 'in place'}`;
    }
    default:
      return op.op;
  }
}

export interface DifferentialResult {
  mismatches: Mismatch[];
  /** Mismatches explained by state the model does not keep (explainMismatch). */
  explained: Mismatch[];
  ops: number;
  sequences: number;
  coverage: Coverage;
}

/**
 * Generate `count` sequences from `seed` (every `limitEvery`-th one a max_map_count sequence,
 * genLimitSequence; 0 = none), run both sides, compare after every op.
 */
export function differential(helper: Helper, count: number, seed: number, opts: { chunk?: number; limitEvery?: number } = {}): DifferentialResult {
  genOptions.secretmem = helper.secretmem;
  const chunk = opts.chunk ?? 2000;
  const r = new Rng(seed);
  const mismatches: Mismatch[] = [];
  const explained: Mismatch[] = [];
  const coverage: Coverage = {};
  let ops = 0;
  let index = 0;
  for (let done = 0; done < count; done += chunk) {
    const seqs: DiffOp[][] = [];
    for (let i = 0; i < Math.min(chunk, count - done); i++) {
      const limit = opts.limitEvery && (index + i) % opts.limitEvery === opts.limitEvery - 1;
      seqs.push(limit ? genLimitSequence(r) : genSequence(r));
    }
    // the max_map_count sequences run apart, from one prefilled helper (runNative's prefill); the
    // head room covers the starting mappings made before their fill op
    const isLimit = seqs.map((s) => s.some((o) => o.op === 'maplimit'));
    const plain = runNative(helper, seqs.filter((_, i) => !isLimit[i]));
    const limited = isLimit.some(Boolean) ? runNative(helper, seqs.filter((_, i) => isLimit[i]), { prefill: 64 }) : [];
    let pi = 0, li = 0;
    const kernel = isLimit.map((l) => (l ? limited[li++] : plain[pi++]) ?? []);
    seqs.forEach((s, i) => {
      ops += s.length;
      const k = kernel[i] ?? [];
      const model = runModelLines(s, k);
      s.forEach((op, j) => {
        const c = (coverage[coverageKey(op)] ??= { runs: 0, ok: 0 });
        c.runs++;
        // a fill is OK when it left exactly the free slots it was asked for
        const n = op.op === 'maplimit' ? /^N (\d+) (\d+)$/.exec(k[j] ?? '') : null;
        if (n ? Number(n[2]) - Number(n[1]) === (op as { free: number }).free : k[j]?.startsWith('0 ')) c.ok++;
      });
      const at = firstDifference(model, k);
      if (at >= 0) {
        const m: Mismatch = { index: index + i, opIndex: at, ops: s, kernel: k, model };
        const why = explainMismatch(m);
        if (why) explained.push({ ...m, explained: why });
        else mismatches.push(m);
      }
    });
    index += seqs.length;
  }
  return { mismatches, explained, ops, sequences: count, coverage };
}

/**
 * Greedy minimisation of a mismatching sequence: drop ops one at a time (re-running the kernel and
 * the model each time) while a mismatch remains. Returns the shortest mismatching sequence found.
 */
export function minimize(helper: Helper, m: Mismatch): Mismatch {
  let best = m;
  const mismatchOf = (ops: DiffOp[]): Mismatch | null => {
    const k = runNative(helper, [ops])[0] ?? [];
    const model = runModelLines(ops, k);
    const at = firstDifference(model, k);
    return at >= 0 ? { index: m.index, opIndex: at, ops, kernel: k, model } : null;
  };
  let changed = true;
  while (changed) {
    changed = false;
    const ops = best.ops.slice(0, best.opIndex + 1);
    for (let i = ops.length - 1; i >= 0; i--) {
      const cand = ops.filter((_, j) => j !== i);
      if (!cand.length) continue;
      const mm = mismatchOf(cand);
      if (mm) {
        best = mm;
        changed = true;
        break;
      }
    }
  }
  return best;
}

// ---- Committed_AS: the accounting cases of issue 12 §2 on the kernel --------------------------

const ACCT_BASE = 0x200000000000;
const ACCT_N = 32;
const ACCT_LEN = 4 << 20;
const acctAt = (i: number): number => ACCT_BASE + i * 3 * ACCT_LEN;
const acctAnon = (i: number): Op => ({ op: 'mmap', addr: acctAt(i), len: ACCT_LEN, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'FIXED', 'ANONYMOUS'] });

export interface AccountingCase {
  name: string;
  /** accounted anonymous mappings first (MAP_FIXED over them), or holes */
  over: boolean;
  op: (i: number) => Op;
  needsSecretmem?: boolean;
}

export const ACCOUNTING_CASES: AccountingCase[] = [
  { name: 'control (no op)', over: true, op: () => ({ op: 'munmap', addr: ACCT_BASE - 0x100000, len: 0x1000 }) },
  { name: 'anonymous MAP_FIXED over an accounted mapping', over: true, op: acctAnon },
  { name: 'secretmem MAP_FIXED private over an accounted mapping (mmap_prepare fails)', over: true, needsSecretmem: true, op: (i) => ({ op: 'mmap', addr: acctAt(i), len: ACCT_LEN, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'FIXED'], file: 'f6', offset: 0 }) },
  { name: 'secretmem MAP_FIXED private in a hole', over: false, needsSecretmem: true, op: (i) => ({ op: 'mmap', addr: acctAt(i), len: ACCT_LEN, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'FIXED'], file: 'f6', offset: 0 }) },
  { name: 'legacy ->mmap fails (perf fd, private) over an accounted mapping', over: true, op: (i) => ({ op: 'mmap', addr: acctAt(i), len: ACCT_LEN, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'FIXED'], file: 'f7', offset: 0 }) },
  { name: 'legacy ->mmap fails (perf fd, private) in a hole', over: false, op: (i) => ({ op: 'mmap', addr: acctAt(i), len: ACCT_LEN, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'FIXED'], file: 'f7', offset: 0 }) },
  { name: 'mremap shrink+move of an accounted mapping (4 MiB -> 2 MiB elsewhere)', over: true, op: (i) => ({ op: 'mremap', addr: acctAt(i), oldLen: ACCT_LEN, newLen: ACCT_LEN / 2, flags: ['MAYMOVE', 'FIXED'], newAddr: acctAt(i) + ACCT_LEN + 0x100000 }) },
];

export interface AccountingRow {
  name: string;
  /** kB: Committed_AS change over the ops, and after unmapping everything (kernel: minus the control run's) */
  kernel?: [number, number];
  model: [number, number];
  status: 'match' | 'MISMATCH' | 'skipped';
  note?: string;
}

/**
 * Each case: [mappings], Committed_AS, 32 ops, Committed_AS, unmap all, Committed_AS; on the
 * kernel `repeats` times interleaved with the control case (the median is used). Committed_AS is
 * system-wide: when the control run moves by more than `noiseKb` the case is skipped as noisy.
 */
export function accountingDifferential(helper: Helper, repeats = 3, noiseKb = 8192): AccountingRow[] {
  const seqOf = (c: AccountingCase): DiffOp[] => {
    const ops: DiffOp[] = [];
    if (c.over) for (let i = 0; i < ACCT_N; i++) ops.push(acctAnon(i));
    ops.push({ op: 'committed' });
    for (let i = 0; i < ACCT_N; i++) ops.push(c.op(i));
    ops.push({ op: 'committed' });
    ops.push({ op: 'munmap', addr: ACCT_BASE, len: ACCT_N * 3 * ACCT_LEN + ACCT_LEN });
    ops.push({ op: 'committed' });
    return ops;
  };
  const deltas = (lines: string[]): [number, number] | undefined => {
    const cs = lines.filter((l) => l.startsWith('C ')).map((l) => Number(l.slice(2)));
    return cs.length === 3 && cs.every((x) => x >= 0) ? [cs[1]! - cs[0]!, cs[2]! - cs[0]!] : undefined;
  };
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const rows: AccountingRow[] = [];
  for (const c of ACCOUNTING_CASES) {
    const control: AccountingCase = { ...ACCOUNTING_CASES[0]!, over: c.over };
    const ops = seqOf(c);
    // the model's control run moves Committed_AS only by the unmap of its own mappings
    const m0 = deltas(runModelLines(ops))!;
    const mc = deltas(runModelLines(seqOf(control)))!;
    const model: [number, number] = [m0[0] - mc[0], m0[1] - mc[1]];
    if (c.needsSecretmem && !helper.secretmem) {
      rows.push({ name: c.name, model, status: 'skipped', note: 'memfd_secret unavailable' });
      continue;
    }
    const seqs: DiffOp[][] = [];
    for (let k = 0; k < repeats; k++) seqs.push(seqOf(control), ops);
    const out = runNative(helper, seqs);
    const ctl: [number, number][] = [];
    const got: [number, number][] = [];
    out.forEach((lines, k) => {
      const d = deltas(lines);
      if (d) (k % 2 ? got : ctl).push(d);
    });
    if (got.length < repeats || ctl.length < repeats) {
      rows.push({ name: c.name, model, status: 'skipped', note: 'Committed_AS unreadable' });
      continue;
    }
    const noise = Math.max(...ctl.map((d) => Math.abs(d[0])));
    const kernel: [number, number] = [median(got.map((d) => d[0])) - median(ctl.map((d) => d[0])), median(got.map((d) => d[1])) - median(ctl.map((d) => d[1]))];
    if (noise > noiseKb) {
      rows.push({ name: c.name, kernel, model, status: 'skipped', note: `too noisy: the control moved ${noise} kB` });
      continue;
    }
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= noiseKb;
    rows.push({ name: c.name, kernel, model, status: close(kernel[0], model[0]) && close(kernel[1], model[1]) ? 'match' : 'MISMATCH' });
  }
  return rows;
}

export function readHostKernel(): string {
  try {
    return readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}
