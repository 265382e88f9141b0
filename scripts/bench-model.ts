/**
 * Model benchmark + real-kernel differential: `node dist/scripts/bench-model.js [--count N] [--seed S]`
 *
 * Generates N (default 10,000) seeded random sequences of mmap/munmap/mprotect/mremap/touch/uffd ops,
 * runs them on this machine's kernel through test/model/native/vmaseq.c (compiled with cc into a
 * temp dir; skipped with a message without cc or /proc) and in the model under the host profile
 * (6.18), and prints: count, ops, seed, mismatches, kernel and model time. Exit 1 on mismatches.
 * Also times the model alone (traces on) on the same sequences.
 */
import { buildHelper, differential, formatMismatch, genSequence, minimize, readHostKernel, Rng, runModelLines } from '../test/model/harness.js';
import { createMm, run, HOST_PROFILE } from '../src/model/index.js';
import { FILES } from '../test/model/harness.js';

function arg(argv: string[], name: string, d: number): number {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : d;
}

export function benchModel(argv: string[]): number {
  const count = arg(argv, '--count', 10000);
  const seed = arg(argv, '--seed', 20251122);
  // model alone, traces on
  const r = new Rng(seed);
  const seqs = Array.from({ length: Math.min(count, 10000) }, () => genSequence(r));
  let t0 = performance.now();
  let nops = 0;
  for (const s of seqs) {
    const mm = createMm(HOST_PROFILE, { files: FILES });
    for (const op of s) run(mm, op);
    nops += s.length;
  }
  const modelMs = performance.now() - t0;
  process.stdout.write(`model: ${seqs.length} sequences, ${nops} ops with traces in ${modelMs.toFixed(0)} ms (${(nops / modelMs * 1000).toFixed(0)} ops/s)\n`);
  void runModelLines;
  const helper = buildHelper();
  if ('skip' in helper) {
    process.stdout.write(`differential: skipped: ${helper.skip}\n`);
    return 0;
  }
  try {
    t0 = performance.now();
    const { mismatches, ops } = differential(helper, count, seed);
    const ms = performance.now() - t0;
    process.stdout.write(`differential: kernel ${readHostKernel()} vs model profile ${HOST_PROFILE}: ${count} sequences, ${ops} ops, seed ${seed}, ${mismatches.length} mismatches, ${(ms / 1000).toFixed(1)} s\n`);
    for (const m of mismatches.slice(0, 5)) process.stdout.write(formatMismatch(m, seed) + '\n  minimised:\n' + formatMismatch(minimize(helper, m), seed) + '\n\n');
    return mismatches.length ? 1 : 0;
  } finally {
    helper.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = benchModel(process.argv.slice(2));
