/**
 * Checks contracts against the model.
 *
 * Exhaustive small scope: every sequence of 1..maxOps operations drawn from the contract's
 * alphabet (alphabet.ts: concrete variants over an 8-page window), run from an empty address
 * space with the exploration files; for the last operation of each sequence, also one run per
 * fault point it passes through (model `enumerateFaultPoints`), each point failed in turn.
 * Then fast-check random sequences (longer, with a random fault) as a second net.
 *
 * A contract HOLDS in a profile when no run violates its predicate and at least one run is
 * non-vacuous; it FAILS with the shortest counterexample found. `checkContract` compares that with
 * what the contract file says for the profile (holds / fails / n/a).
 */
import { createRequire } from 'node:module';
import type * as FastCheck from 'fast-check';
import {
  checkInvariants, cloneMm, createMm, driverFile, enumerateFaultPoints, formatLayout, formatOp, formatTrace, run,
} from '../model/index.js';
import type { FaultSpec, MmStruct, Op, OpResult, ProfileName } from '../model/index.js';
import { DRIVER_FILES, FILES, WINDOW, templateOps } from './alphabet.js';
import { TRACE_PREDICATES } from './predicates/trace.js';
import { SURFACE_PREDICATES } from './predicates/surface.js';
import type { Predicate, RunCtx, Verdict } from './predicates/lib.js';
import { isViolation } from './predicates/lib.js';
import type { Contract, Expectation } from './types.js';
import { expectationFor } from './types.js';

export interface CheckOptions {
  /** Longest exhaustive sequence (default: the contract's scenario.maxOps, capped by this). */
  maxOps?: number;
  /** Inject faults (default: the contract's scenario.faults). */
  faults?: boolean;
  /** fast-check random sequences after the exhaustive pass (default 0). */
  randomRuns?: number;
  seed?: number;
  /** Stop exploring after this many model runs (default 200k). */
  maxRuns?: number;
  /**
   * Starting layouts to explore (LAYOUTS): 'all', or a number n = explore layouts in order until at
   * least n were explored and the contract has MIN_DISTINCT distinct non-vacuous runs (default 1).
   */
  layouts?: 'all' | number;
}

/** A trace contract expected to hold needs at least this many distinct non-vacuous runs. */
export const MIN_DISTINCT = 20;

/**
 * Starting layouts: the scenario (setup and alphabet) is explored again with its addresses moved
 * (`shift`, bytes: a different pgoff for every anonymous mapping, other neighbours of the hint
 * search), its file offsets moved (`offsetShift` pages, pgoff contiguity kept) and with VMAs already
 * mapped around or inside the window (`neighbours`, run before the scenario's setup; a scenario
 * with a max_map_count gets one more slot per neighbour VMA).
 */
export interface Layout {
  name: string;
  shift: number;
  offsetShift: number;
  neighbours: Op[];
}
const P4 = 4096;
const nb = (page: number, pages: number, extra: Partial<Extract<Op, { op: 'mmap' }>> = {}): Op => ({
  op: 'mmap', addr: WINDOW + page * P4, len: pages * P4, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'FIXED', 'ANONYMOUS'], ...extra,
} as Op);
export const LAYOUTS: Layout[] = [
  { name: 'window at 0x100000', shift: 0, offsetShift: 0, neighbours: [] },
  { name: 'high window, file offsets +3 pages', shift: 0x555500000000 - WINDOW, offsetShift: 3, neighbours: [] },
  { name: 'accounted anonymous neighbour below the window', shift: 0x40000000, offsetShift: 0, neighbours: [nb(-3, 3)] },
  { name: 'file neighbour above the window', shift: 0x7e0000000000 - WINDOW, offsetShift: 8, neighbours: [nb(8, 2, { flags: ['SHARED', 'FIXED'], file: 'prep', offset: 8 * P4 })] },
  { name: 'faulted anonymous neighbours on both sides', shift: 0x10000000, offsetShift: 1, neighbours: [nb(-2, 2), nb(8, 2, { prot: ['READ'] }), { op: 'touch', addr: WINDOW - 2 * P4 }] },
  { name: 'window at 8 GiB, file offsets +16 pages', shift: 0x200000000, offsetShift: 16, neighbours: [] },
  { name: 'read-only anonymous neighbour above the window', shift: 0x1000000000, offsetShift: 2, neighbours: [nb(8, 1, { prot: ['READ'] })] },
  { name: 'file neighbour with vm_ops->close below the window', shift: 0x3000000000, offsetShift: 5, neighbours: [nb(-2, 2, { flags: ['SHARED', 'FIXED'], file: 'legacy-close', offset: 0 })] },
  { name: 'locked anonymous neighbour below the window', shift: 0x4000000000, offsetShift: 0, neighbours: [nb(-1, 1, { flags: ['PRIVATE', 'FIXED', 'ANONYMOUS', 'LOCKED'] })] },
  { name: 'shared anonymous neighbour above, file offsets +4 pages', shift: 0x6000000000, offsetShift: 4, neighbours: [nb(8, 3, { flags: ['SHARED', 'FIXED', 'ANONYMOUS'] })] },
  { name: 'faulted anonymous VMAs far above the window, file offsets +7 pages', shift: 0x7000000000, offsetShift: 7, neighbours: [nb(24, 4), { op: 'touch', addr: WINDOW + 24 * P4 }, nb(40, 2, { prot: ['READ'] })] },
  { name: 'window pre-filled: file VMAs of two protections, a sealed-free anonymous tail', shift: 0x20000000, offsetShift: 0, neighbours: [nb(0, 2, { flags: ['SHARED', 'FIXED'], file: 'prep', offset: 0 }), nb(2, 2, { prot: ['READ'], flags: ['SHARED', 'FIXED'], file: 'prep', offset: 2 * P4 }), nb(4, 4, { prot: ['READ'] })] },
];

function shiftOp(op: Op, l: Layout): Op {
  const a = (x: number): number => (x >= WINDOW - 16 * P4 ? x + l.shift : x);
  switch (op.op) {
    case 'mmap':
      return { ...op, addr: a(op.addr), ...(op.file !== undefined ? { offset: (op.offset ?? 0) + l.offsetShift * P4 } : {}) };
    case 'mremap':
      return { ...op, addr: a(op.addr), ...(op.newAddr !== undefined ? { newAddr: a(op.newAddr) } : {}) };
    default:
      return { ...op, addr: a(op.addr) };
  }
}

export interface Counterexample {
  ops: Op[];
  fault?: FaultSpec;
  why: string;
  /** Printable: every op with its result, then the last op's full trace and the layouts. */
  trace: string;
}

export type Outcome = 'holds' | 'fails' | 'vacuous' | 'skipped';

export interface ContractResult {
  id: string;
  profile: ProfileName;
  statement: string;
  expected: Expectation;
  outcome: Outcome;
  /** outcome agrees with expected (n/a and skipped count as ok) */
  ok: boolean;
  runs: number;
  nonVacuous: number;
  /** Distinct non-vacuous runs (different operations or fault), over every explored layout. */
  distinct?: number;
  /** The starting layouts explored (LAYOUTS names). */
  layouts?: string[];
  counterexample?: Counterexample;
  /** A run after which the model's own invariants (structure, commit charge, file references) broke. */
  invariant?: Counterexample;
  /** A non-vacuous run where the claim holds (for doc findings that deny the claim). */
  witness?: Counterexample;
  /** Witnesses by case tag (predicates may name the case a run exercised, e.g. `merged`). */
  witnesses?: Record<string, Counterexample>;
  reason?: string;
  ms: number;
}

function layoutText(r: OpResult | undefined, label: string, layout = r?.layout ?? []): string {
  return `${label}:\n${layout.length ? formatLayout(layout).split('\n').map((l) => '  ' + l).join('\n') : '  (empty)'}`;
}

export function describeRun(ops: Op[], results: OpResult[], fault: FaultSpec | undefined, why: string): Counterexample {
  const lines: string[] = [];
  ops.forEach((op, i) => {
    const r = results[i]!;
    lines.push(`${i + 1}. ${formatOp(op)} = ${r.errnoName}${r.ret !== undefined ? ` (${'0x' + r.ret.toString(16)})` : ''}${i === ops.length - 1 && fault ? `   [fault injected: ${fault.point}${fault.occurrence && fault.occurrence > 1 ? ` #${fault.occurrence}` : ''}]` : ''}`);
  });
  const last = results[results.length - 1]!;
  lines.push('', `trace of op ${ops.length}:`, formatTrace(last.trace).split('\n').map((l) => '  ' + l).join('\n'));
  lines.push(layoutText(undefined, 'layout before', results.length > 1 ? results[results.length - 2]!.layout : []));
  lines.push(layoutText(last, 'layout after'));
  return { ops, ...(fault ? { fault } : {}), why, trace: lines.join('\n') };
}

interface Env {
  profile: ProfileName;
  predicate: Predicate;
  variants: Op[];
  faults: boolean;
  runs: number;
  maxRuns: number;
  nonVacuous: number;
  distinct: Set<string>;
  counterexample?: Counterexample;
  invariant?: Counterexample;
  witness?: Counterexample;
  witnesses: Record<string, Counterexample>;
  /** state after the scenario's setup operations */
  start: MmStruct;
  /** the empty address space (files only), for RunCtx.alone */
  blank: MmStruct;
  aloneCache: Map<string, OpResult>;
  setupOps: Op[];
  setupResults: OpResult[];
}

/** The exploration files plus the per-profile driver presets (alphabet.ts DRIVER_FILES). */
function fresh(profile: ProfileName, maxMapCount?: number, memlockPages?: number): MmStruct {
  const files = [...FILES, ...DRIVER_FILES.map((d) => driverFile(d.kind, d.id, profile))];
  return createMm(profile, { files, ...(maxMapCount ? { maxMapCount } : {}), ...(memlockPages !== undefined ? { memlockPages } : {}) });
}

function alone(env: Env, op: Op): OpResult {
  const key = JSON.stringify(op);
  let r = env.aloneCache.get(key);
  if (!r) {
    r = run(cloneMm(env.blank), op);
    env.aloneCache.set(key, r);
  }
  return r;
}

function evaluate(env: Env, ops: Op[], results: OpResult[], fault?: FaultSpec): Verdict {
  const res = results[results.length - 1]!;
  const ctx: RunCtx = {
    profile: env.profile, ops, results, ...(fault ? { fault } : {}),
    before: results.length > 1 ? results[results.length - 2]!.layout : [],
    after: res.layout, op: ops[ops.length - 1]!, res, events: res.trace.events, maxMapCount: env.start.maxMapCount,
    memlockPages: env.start.memlockPages, alone: (op) => alone(env, op),
  };
  let v: Verdict;
  try {
    v = env.predicate(ctx);
  } catch (e) {
    v = { violated: `predicate error: ${(e as Error).message}` };
  }
  if (v !== 'vacuous') {
    env.nonVacuous++;
    if (env.distinct.size < 100_000) env.distinct.add(JSON.stringify(ops) + (fault ? `#${fault.point}#${fault.occurrence ?? 1}` : ''));
  }
  if (v === 'ok' || (typeof v === 'object' && 'ok' in v)) {
    const tag = v === 'ok' ? '' : v.ok;
    if (!env.witness) env.witness = describeRun(ops, results, fault, 'the claim holds on this run');
    if (tag && !env.witnesses[tag]) env.witnesses[tag] = describeRun(ops, results, fault, `the claim holds on this run (${tag})`);
  }
  if (isViolation(v) && !env.counterexample) env.counterexample = describeRun(ops, results, fault, v.violated);
  return v;
}

/**
 * The model's invariants after an operation (checkInvariants: structure, commit charge = pages of
 * VM_ACCOUNT VMAs + recorded leaks, file references balanced). A break is kept as a counterexample
 * of its own: the contract's result is then not ok, whatever its predicate said.
 */
function checkState(env: Env, mm: MmStruct, ops: Op[], results: OpResult[], fault?: FaultSpec): void {
  if (env.invariant) return;
  const errs = checkInvariants(mm);
  if (errs.length) env.invariant = describeRun(ops, results, fault, `model invariant broken: ${errs.join('; ')}`);
}

/** What the rest of a run can depend on: the VMAs with everything the model keeps, and the counters. */
function stateKey(mm: MmStruct, results: OpResult[]): string {
  const last = results[results.length - 1];
  return JSON.stringify(mm.vmas) + `|${mm.committed}|${mm.leaked}|${last ? last.committed : 0}`;
}

const RECORD_POINTS = { recordFaultPoints: true };

/**
 * Exhaustive pass: BFS by sequence length so the first counterexample is a shortest one. With
 * faults, every operation of a sequence is also run once per fault point it passes, and a faulted
 * run continues like any other (a fault in the first op, then the second op...). States reached
 * twice at one depth are explored once.
 */
function exhaustive(env: Env, maxOps: number): void {
  type Node = { mm: MmStruct; ops: Op[]; results: OpResult[] };
  let frontier: Node[] = [{ mm: cloneMm(env.start), ops: [...env.setupOps], results: [...env.setupResults] }];
  for (let depth = 1; depth <= maxOps && !env.counterexample; depth++) {
    const next: Node[] = [];
    const seen = new Set<string>();
    const push = (n: Node): void => {
      if (depth >= maxOps) return;
      const k = stateKey(n.mm, n.results);
      if (seen.has(k)) return;
      seen.add(k);
      next.push(n);
    };
    for (const node of frontier) {
      for (const op of env.variants) {
        if (env.runs >= env.maxRuns || env.counterexample) return;
        const mm = cloneMm(node.mm);
        // with faults, this run also lists the injection points the op passes through: the same
        // list enumerateFaultPoints gets by running the op once more on another clone of the
        // same state (the model is deterministic; recording changes nothing else)
        const res = run(mm, op, undefined, env.faults ? RECORD_POINTS : undefined);
        const points = res.faultPoints;
        // (not part of the result the predicates and traces see)
        if (points) delete res.faultPoints;
        env.runs++;
        const ops = [...node.ops, op];
        const results = [...node.results, res];
        checkState(env, mm, ops, results);
        evaluate(env, ops, results);
        push({ mm, ops, results });
        if (env.faults) {
          for (const fp of points ?? []) {
            if (env.runs >= env.maxRuns || env.counterexample) return;
            const f: FaultSpec = { point: fp.point, occurrence: fp.occurrence };
            const mmF = cloneMm(node.mm);
            const resF = run(mmF, op, { fail: [f] });
            env.runs++;
            const resultsF = [...node.results, resF];
            checkState(env, mmF, ops, resultsF, f);
            evaluate(env, ops, resultsF, f);
            push({ mm: mmF, ops, results: resultsF });
          }
        }
      }
    }
    frontier = next;
  }
}

/** fast-check, loaded on first use: only `kdocs contracts --random` asks for random runs, while
 *  the lint's contract-behaviour rule reaches this module on the way to a language server's first
 *  diagnostics, where importing fast-check's 240 modules cost ≈ 0.17 s of CPU (2026-12-05). */
let fastCheck: typeof FastCheck | undefined;

function random(env: Env, numRuns: number, seed: number): void {
  if (!env.variants.length || numRuns <= 0) return;
  const fc = (fastCheck ??= createRequire(import.meta.url)('fast-check') as typeof FastCheck);
  const arb = fc.record({
    seq: fc.array(fc.nat(env.variants.length - 1), { minLength: 1, maxLength: 5 }),
    fault: fc.option(fc.nat(40), { nil: undefined }),
  });
  fc.check(
    fc.property(arb, ({ seq, fault }) => {
      if (env.counterexample) return true;
      const mm = cloneMm(env.start);
      const ops = [...env.setupOps, ...seq.map((i) => env.variants[i]!)];
      const results: OpResult[] = [...env.setupResults];
      let f: FaultSpec | undefined;
      for (let i = env.setupOps.length; i < ops.length; i++) {
        if (i === ops.length - 1 && fault !== undefined && env.faults) {
          const pts = enumerateFaultPoints(mm, ops[i]!);
          const fp = pts.length ? pts[fault % pts.length] : undefined;
          if (fp) f = { point: fp.point, occurrence: fp.occurrence };
        }
        results.push(run(mm, ops[i]!, f && i === ops.length - 1 ? { fail: [f] } : undefined));
        env.runs++;
        checkState(env, mm, ops.slice(0, i + 1), results, f && i === ops.length - 1 ? f : undefined);
      }
      const v = evaluate(env, ops, results, f);
      return !isViolation(v);
    }),
    { numRuns, seed, endOnFailure: true },
  );
}

export function checkContract(contract: Contract, profile: ProfileName, opts: CheckOptions = {}): ContractResult {
  const t0 = Date.now();
  const expected = expectationFor(contract, profile);
  const base = { id: contract.id, profile, statement: contract.statement, expected };
  const done = (r: Omit<ContractResult, keyof typeof base | 'ms'>): ContractResult => ({ ...base, ...r, ms: Date.now() - t0 });
  if (contract.check === 'unmodelled' || !contract.predicate) {
    return done({ outcome: 'skipped', ok: true, runs: 0, nonVacuous: 0, reason: contract.unmodelledReason ?? 'not modelled' });
  }
  if (contract.check === 'surface') {
    const sp = SURFACE_PREDICATES[contract.predicate];
    if (!sp) return done({ outcome: 'skipped', ok: true, runs: 0, nonVacuous: 0, reason: `no surface predicate ${contract.predicate}` });
    const why = sp(profile);
    const outcome: Outcome = why ? 'fails' : 'holds';
    const ce = why ? { ops: [], why, trace: `API surface of ${profile}: ${why}` } : undefined;
    const witness = why ? undefined : { ops: [], why: 'holds', trace: `API surface of ${profile}` };
    return done({
      outcome, ok: expected === 'n/a' || expected === outcome, runs: 1, nonVacuous: 1,
      ...(ce ? { counterexample: ce } : {}), ...(witness ? { witness } : {}),
    });
  }
  const predicate = TRACE_PREDICATES[contract.predicate];
  if (!predicate) return done({ outcome: 'skipped', ok: true, runs: 0, nonVacuous: 0, reason: `no trace predicate ${contract.predicate} yet` });
  const sc = contract.scenario ?? { alphabet: [], maxOps: 2, faults: false };
  const blank = fresh(profile, sc.maxMapCount, sc.memlockPages);
  const shared = { runs: 0, nonVacuous: 0, distinct: new Set<string>(), witnesses: {} as Record<string, Counterexample> };
  let env: Env | undefined;
  let counterexample: Counterexample | undefined;
  let invariant: Counterexample | undefined;
  let witness: Counterexample | undefined;
  const explored: string[] = [];
  const want = opts.layouts ?? 1;
  // the cases the scenario must reach (scenario.require): a layout that does not reach them is not
  // enough, whatever the run count says
  const required = expected === 'holds' ? sc.require ?? [] : [];
  const reached = (): boolean => required.every((t) => shared.witnesses[t]);
  for (const layout of LAYOUTS) {
    if (want !== 'all' && explored.length >= want && shared.distinct.size >= MIN_DISTINCT && reached()) break;
    // where the claim does not apply, one layout shows what the model does
    if (expected === 'n/a' && explored.length >= 1) break;
    if (counterexample || invariant) break;
    explored.push(layout.name);
    const variants = sc.alphabet.flatMap((n) => templateOps(n)).map((op) => shiftOp(op, layout));
    const start = cloneMm(blank);
    const neighbourResults = layout.neighbours.map((op) => run(start, shiftOp(op, layout)));
    if (sc.maxMapCount) start.maxMapCount = sc.maxMapCount + start.mapCount;
    const setupOps = [...layout.neighbours.map((op) => shiftOp(op, layout)), ...(sc.setup ?? []).flatMap((n) => templateOps(n)).map((op) => shiftOp(op, layout))];
    const setupResults = [...neighbourResults, ...setupOps.slice(layout.neighbours.length).map((op) => run(start, op))];
    env = {
      profile, predicate, variants, faults: opts.faults ?? sc.faults, runs: shared.runs + setupOps.length, maxRuns: opts.maxRuns ?? 200_000,
      nonVacuous: shared.nonVacuous, distinct: shared.distinct, start, blank, aloneCache: new Map(), setupOps, setupResults, witnesses: shared.witnesses,
      ...(witness ? { witness } : {}),
    };
    checkState(env, start, setupOps, setupResults);
    exhaustive(env, Math.min(sc.maxOps, opts.maxOps ?? sc.maxOps));
    if (!env.counterexample && opts.randomRuns && explored.length === 1) random(env, opts.randomRuns, opts.seed ?? 42);
    shared.runs = env.runs;
    shared.nonVacuous = env.nonVacuous;
    counterexample = env.counterexample;
    invariant = env.invariant;
    witness = env.witness;
  }
  const outcome: Outcome = counterexample ? 'fails' : shared.nonVacuous ? 'holds' : 'vacuous';
  const thin = expected === 'holds' && outcome === 'holds' && shared.distinct.size < MIN_DISTINCT;
  const missing = outcome === 'holds' && !counterexample && !invariant ? required.filter((t) => !shared.witnesses[t]) : [];
  const okv = (expected === 'n/a' || expected === outcome) && !invariant && !thin && !missing.length;
  return done({
    outcome, ok: okv, runs: shared.runs, nonVacuous: shared.nonVacuous, distinct: shared.distinct.size, layouts: explored,
    ...(thin ? { reason: `only ${shared.distinct.size} distinct non-vacuous runs over ${explored.length} layouts (at least ${MIN_DISTINCT} needed)` } : {}),
    ...(missing.length ? { reason: `no explored run reached the required case${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (scenario.require) over ${explored.length} layouts` } : {}),
    ...(counterexample ? { counterexample } : {}),
    ...(invariant ? { invariant, reason: invariant.why } : {}),
    ...(witness ? { witness } : {}),
    witnesses: shared.witnesses,
    ...(outcome === 'vacuous' ? { reason: 'no explored run exercised the claim' } : {}),
  });
}

/** Memoised check for lint rules (one exploration per contract and profile per process). */
const memo = new Map<string, ContractResult>();
export function checkContractCached(contract: Contract, profile: ProfileName, opts: CheckOptions = { maxOps: 2 }): ContractResult {
  const key = `${contract.id}@${profile}@${opts.maxOps ?? ''}`;
  let r = memo.get(key);
  if (!r) {
    r = checkContract(contract, profile, opts);
    memo.set(key, r);
  }
  return r;
}
