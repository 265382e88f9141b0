/**
 * What a predicate sees (one explored run) and helpers over model traces.
 *
 * A predicate looks at the LAST operation of a sequence (the earlier ones build the state) and
 * says `ok` (the claim applies and holds), `vacuous` (the claim does not apply to this run), or
 * `{ violated: why }`. A contract holds in a profile when no run violates it and at least one run
 * is non-vacuous.
 */
import type { FaultSpec, Op, OpResult, TraceEvent, VmaView } from '../../model/index.js';
import type { ProfileName } from '../../model/index.js';

export interface RunCtx {
  profile: ProfileName;
  ops: Op[];
  results: OpResult[];
  /** The fault injected into the last op, if any. */
  fault?: FaultSpec;
  /** Layout before / after the last op. */
  before: VmaView[];
  after: VmaView[];
  op: Op;
  res: OpResult;
  events: TraceEvent[];
  /** vm.max_map_count of the explored address space. */
  maxMapCount: number;
  /** RLIMIT_MEMLOCK of the explored address space, in pages (Infinity: unlimited). */
  memlockPages: number;
  /** The file ids of the exploration (see alphabet.ts FILES) */
  /**
   * Run `op` alone in an empty address space of the same profile and files: what the new range
   * would be with no neighbour (an oracle for merge predicates: the flags, file and pgoff of the
   * proposal). Results are cached per op.
   */
  alone: (op: Op) => OpResult;
}

/** `{ ok: tag }` is an `ok` that names which case of the claim the run exercised (for witnesses). */
export type Verdict = 'ok' | 'vacuous' | { violated: string } | { ok: string };

export type Predicate = (r: RunCtx) => Verdict;

export const ok: Verdict = 'ok';
export const vacuous: Verdict = 'vacuous';
export function violated(why: string): Verdict {
  return { violated: why };
}
export function check(cond: boolean, why: string, tag?: string): Verdict {
  return cond ? (tag ? { ok: tag } : ok) : violated(why);
}
export function isViolation(v: Verdict): v is { violated: string } {
  return typeof v === 'object' && 'violated' in v;
}

export type HookEvent = Extract<TraceEvent, { ev: 'hook' }>;
export type VmaEvent = Extract<TraceEvent, { ev: 'vma' }>;

export function hooks(r: RunCtx, name?: string): HookEvent[] {
  return r.events.filter((e): e is HookEvent => e.ev === 'hook' && (name === undefined || e.hook === name));
}

export function vmaEvents(r: RunCtx, kind?: VmaEvent['kind']): VmaEvent[] {
  return r.events.filter((e): e is VmaEvent => e.ev === 'vma' && (kind === undefined || e.kind === kind));
}

export function indexOfEvent(r: RunCtx, pred: (e: TraceEvent) => boolean): number {
  return r.events.findIndex(pred);
}

export function isMmap(op: Op): op is Extract<Op, { op: 'mmap' }> {
  return op.op === 'mmap';
}
export function isMremap(op: Op): op is Extract<Op, { op: 'mremap' }> {
  return op.op === 'mremap';
}

export function fileOf(op: Op): string | undefined {
  return isMmap(op) ? op.file : undefined;
}

export function overlapping(layout: VmaView[], start: number, end: number): VmaView[] {
  return layout.filter((v) => v.start < end && v.end > start);
}

export function covered(layout: VmaView[], start: number, end: number): boolean {
  let at = start;
  for (const v of [...layout].sort((a, b) => a.start - b.start)) {
    if (v.end <= at) continue;
    if (v.start > at) return false;
    at = v.end;
    if (at >= end) return true;
  }
  return at >= end;
}

export function sameLayout(a: VmaView[], b: VmaView[]): boolean {
  const key = (l: VmaView[]): string => l.map((v) => `${v.start}-${v.end}-${v.pgoff}-${v.file}-${v.perms}-${v.vmOps}`).join('|');
  return key(a) === key(b);
}

/**
 * Commit charge not backed by a mapping: Committed_AS minus the pages of the VM_ACCOUNT VMAs (what a
 * process sees as "charged but not mapped" in /proc/meminfo and /proc/self/smaps). Behaviour, not the
 * model's record of its leaks.
 */
export function unbacked(committed: number, layout: VmaView[]): number {
  let acct = 0;
  for (const v of layout) if (v.flags.includes('ACCOUNT')) acct += (v.end - v.start) / 4096;
  return committed - acct;
}
/** Growth of the unbacked commit charge over the last operation. */
export function unbackedGrowth(r: RunCtx): number {
  const prev = r.results.length > 1 ? r.results[r.results.length - 2]!.committed : 0;
  return unbacked(r.res.committed, r.after) - unbacked(prev, r.before);
}
/** Pages of [start, end) covered by VM_ACCOUNT VMAs of `layout`. */
export function accountedIn(layout: VmaView[], start: number, end: number): number {
  let n = 0;
  for (const v of layout) if (v.flags.includes('ACCOUNT') && v.start < end && v.end > start) n += (Math.min(end, v.end) - Math.max(start, v.start)) / 4096;
  return n;
}

/** `mmap_prepare` (or legacy mmap) hook calls. */
export const PREPARE = 'f_op->mmap_prepare';
export const LEGACY = 'f_op->mmap';
export const MAPPED = 'vm_ops->mapped';
export const CLOSE = 'vm_ops->close';
export const OPEN = 'vm_ops->open';

export const ENODEV = 19;
export const EINVAL = 22;
export const EFAULT = 14;
export const ENOMEM = 12;
export const EEXIST = 17;
export const EACCES = 13;
export const EAGAIN = 11;
