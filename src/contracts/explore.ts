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
import fc from 'fast-check';
import {
  checkInvariants, cloneMm, createMm, driverFile, enumerateFaultPoints, formatLayout, formatOp, formatTrace, run,
} from '../model/index.js';
import type { FaultSpec, MmStruct, Op, OpResult, ProfileName } from '../model/index.js';
import { DRIVER_FILES, FILES, templateOps } from './alphabet.js';
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
  counterexample?: Counterexample;
  invariant?: Counterexample;
  witness?: Counterexample;
  witnesses: Record<string, Counterexample>;
  /** state after the scenario's setup operations */
  start: MmStruct;
  setupOps: Op[];
  setupResults: OpResult[];
}

/** The exploration files plus the per-profile driver presets (alphabet.ts DRIVER_FILES). */
function fresh(profile: ProfileName, maxMapCount?: number, memlockPages?: number): MmStruct {
  const files = [...FILES, ...DRIVER_FILES.map((d) => driverFile(d.kind, d.id, profile))];
  return createMm(profile, { files, ...(maxMapCount ? { maxMapCount } : {}), ...(memlockPages !== undefined ? { memlockPages } : {}) });
}

function evaluate(env: Env, ops: Op[], results: OpResult[], fault?: FaultSpec): Verdict {
  const res = results[results.length - 1]!;
  const ctx: RunCtx = {
    profile: env.profile, ops, results, ...(fault ? { fault } : {}),
    before: results.length > 1 ? results[results.length - 2]!.layout : [],
    after: res.layout, op: ops[ops.length - 1]!, res, events: res.trace.events, maxMapCount: env.start.maxMapCount,
    memlockPages: env.start.memlockPages,
  };
  let v: Verdict;
  try {
    v = env.predicate(ctx);
  } catch (e) {
    v = { violated: `predicate error: ${(e as Error).message}` };
  }
  if (v !== 'vacuous') env.nonVacuous++;
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

/** Exhaustive pass: BFS by sequence length so the first counterexample is a shortest one. */
function exhaustive(env: Env, maxOps: number): void {
  type Node = { mm: MmStruct; ops: Op[]; results: OpResult[] };
  let frontier: Node[] = [{ mm: cloneMm(env.start), ops: [...env.setupOps], results: [...env.setupResults] }];
  for (let depth = 1; depth <= maxOps && !env.counterexample; depth++) {
    const next: Node[] = [];
    for (const node of frontier) {
      for (const op of env.variants) {
        if (env.runs >= env.maxRuns || env.counterexample) return;
        const mm = cloneMm(node.mm);
        const res = run(mm, op);
        env.runs++;
        const ops = [...node.ops, op];
        const results = [...node.results, res];
        checkState(env, mm, ops, results);
        evaluate(env, ops, results);
        if (depth < maxOps) next.push({ mm, ops, results });
        if (env.faults) {
          for (const fp of enumerateFaultPoints(node.mm, op)) {
            if (env.runs >= env.maxRuns || env.counterexample) return;
            const f: FaultSpec = { point: fp.point, occurrence: fp.occurrence };
            const mmF = cloneMm(node.mm);
            const resF = run(mmF, op, { fail: [f] });
            env.runs++;
            checkState(env, mmF, ops, [...node.results, resF], f);
            evaluate(env, ops, [...node.results, resF], f);
          }
        }
      }
    }
    frontier = next;
  }
}

function random(env: Env, numRuns: number, seed: number): void {
  if (!env.variants.length || numRuns <= 0) return;
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
  const variants = sc.alphabet.flatMap((n) => templateOps(n));
  const start = fresh(profile, sc.maxMapCount, sc.memlockPages);
  const setupOps = (sc.setup ?? []).flatMap((n) => templateOps(n));
  const setupResults = setupOps.map((op) => run(start, op));
  const env: Env = {
    profile, predicate, variants, faults: opts.faults ?? sc.faults, runs: setupOps.length, maxRuns: opts.maxRuns ?? 200_000, nonVacuous: 0,
    start, setupOps, setupResults, witnesses: {},
  };
  checkState(env, start, setupOps, setupResults);
  exhaustive(env, Math.min(sc.maxOps, opts.maxOps ?? sc.maxOps));
  if (!env.counterexample && opts.randomRuns) random(env, opts.randomRuns, opts.seed ?? 42);
  const outcome: Outcome = env.counterexample ? 'fails' : env.nonVacuous ? 'holds' : 'vacuous';
  const okv = (expected === 'n/a' || expected === outcome) && !env.invariant;
  return done({
    outcome, ok: okv, runs: env.runs, nonVacuous: env.nonVacuous,
    ...(env.counterexample ? { counterexample: env.counterexample } : {}),
    ...(env.invariant ? { invariant: env.invariant, reason: env.invariant.why } : {}),
    ...(env.witness ? { witness: env.witness } : {}),
    witnesses: env.witnesses,
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
