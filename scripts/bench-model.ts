/**
 * Model benchmark + real-kernel differential:
 *   node dist/scripts/bench-model.js [--count N] [--seed S] [--seeds K] [--limit-every M] [--no-mutations]
 *
 * 1. The model alone (traces on) on the generated sequences: ops/s.
 * 2. The differential: K seeds (default 10: S, S+1, ...) × N sequences (default 10,000) of
 *    mmap/munmap/mprotect/mremap/touch/uffd/mseal ops run on this machine's kernel through
 *    test/model/native/vmaseq.c (compiled with cc into a temp dir; skipped with a message without cc
 *    or /proc) and in the model under the host profile (6.18), compared after every op (errno,
 *    address, VMAs with VmFlags); every M-th sequence (default 100) first fills the address space
 *    to a few slots below vm.max_map_count. Prints per seed the sequences, ops, unexplained and
 *    explained mismatches, and the coverage per op kind; then the Committed_AS cases.
 * 3. The mutation score (scripts/mutate-model.ts) unless --no-mutations.
 * Exit 1 on an unexplained mismatch, a Committed_AS mismatch or a surviving mutation.
 */
import { accountingDifferential, buildHelper, DIFF_PROFILE, differential, formatMismatch, genSequence, minimize, readHostKernel, Rng } from '../test/model/harness.js';
import type { Coverage } from '../test/model/harness.js';
import { createMm, run, HOST_PROFILE, checkInvariants } from '../src/model/index.js';
import { FILES } from '../test/model/harness.js';
import { mutationScore } from './mutate-model.js';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * CPU seconds of this process and of its waited-for children (the native helper): the figure to
 * judge the differential's speed by on a shared machine, where wall time follows the load.
 */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // /proc/self/stat fields 16 and 17 (cutime, cstime), in clock ticks (USER_HZ = 100 on Linux)
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    children = 0;
  }
  return (own.user + own.system) / 1e6 + children;
}
const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');

function arg(argv: string[], name: string, d: number): number {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : d;
}

export async function benchModel(argv: string[]): Promise<number> {
  const count = arg(argv, '--count', 10000);
  const seed = arg(argv, '--seed', 20251122);
  const seeds = arg(argv, '--seeds', 10);
  const limitEvery = arg(argv, '--limit-every', 100);
  const out = (s: string): boolean => process.stdout.write(s + '\n');
  let failed = 0;
  // model alone, traces on, invariants checked after every op
  const r = new Rng(seed);
  const seqs = Array.from({ length: Math.min(count, 10000) }, () => genSequence(r));
  let t0 = performance.now();
  let nops = 0;
  let broken = 0;
  for (const s of seqs) {
    const mm = createMm(HOST_PROFILE, { files: FILES });
    for (const op of s) {
      run(mm, op);
      if (checkInvariants(mm).length) broken++;
    }
    nops += s.length;
  }
  const modelMs = performance.now() - t0;
  out(`model: ${seqs.length} sequences, ${nops} ops with traces and the invariants checked after each in ${modelMs.toFixed(0)} ms (${(nops / modelMs * 1000).toFixed(0)} ops/s); invariant breaks: ${broken}`);
  if (broken) failed++;
  const helper = buildHelper();
  if ('skip' in helper) {
    out(`differential: skipped: ${helper.skip}`);
  } else {
    try {
      let total = 0, totalOps = 0, unexplained = 0, explained = 0;
      const coverage: Coverage = {};
      t0 = performance.now();
      const cpu0 = cpuSeconds();
      for (let k = 0; k < seeds; k++) {
        const s = seed + k;
        const t1 = performance.now();
        const c1 = cpuSeconds();
        const res = differential(helper, count, s, { limitEvery });
        total += res.sequences;
        totalOps += res.ops;
        unexplained += res.mismatches.length;
        explained += res.explained.length;
        for (const [key, c] of Object.entries(res.coverage)) {
          const t = (coverage[key] ??= { runs: 0, ok: 0 });
          t.runs += c.runs;
          t.ok += c.ok;
        }
        out(`differential seed ${s}: ${res.sequences} sequences, ${res.ops} ops, ${res.mismatches.length} unexplained mismatches, ${res.explained.length} explained, ${((performance.now() - t1) / 1000).toFixed(1)} s wall, ${(cpuSeconds() - c1).toFixed(1)} s CPU (load ${load()})`);
        for (const m of res.explained.slice(0, 3)) out(`  explained (${m.explained}): sequence #${m.index}`);
        for (const m of res.mismatches.slice(0, 3)) out(formatMismatch(m, s) + '\n  minimised:\n' + formatMismatch(minimize(helper, m), s) + '\n');
      }
      out(`differential: kernel ${readHostKernel()} vs model profile ${DIFF_PROFILE}: ${total} sequences over ${seeds} seeds (${seed}..${seed + seeds - 1}), ${totalOps} ops, ${unexplained} unexplained mismatches, ${explained} explained, ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${(cpuSeconds() - cpu0).toFixed(1)} s CPU with the helper's (load ${load()})`);
      out('coverage (op kind: runs / kernel OK):');
      for (const [key, c] of Object.entries(coverage).sort()) out(`  ${key.padEnd(40)} ${String(c.runs).padStart(8)} / ${c.ok}`);
      if (unexplained) failed++;
      const rows = accountingDifferential(helper);
      out('Committed_AS, kernel vs model (kB over the ops / after unmapping all, relative to a control run):');
      for (const row of rows) {
        out(`  ${row.status.padEnd(8)} ${row.name}: kernel ${row.kernel ? `${row.kernel[0]} / ${row.kernel[1]}` : '-'}, model ${row.model[0]} / ${row.model[1]}${row.note ? ` (${row.note})` : ''}`);
        if (row.status === 'MISMATCH') failed++;
      }
    } finally {
      helper.cleanup();
    }
  }
  if (!argv.includes('--no-mutations')) {
    const m = mutationScore((s) => out(s));
    if (m.survived) failed++;
  }
  return failed ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await benchModel(process.argv.slice(2));
