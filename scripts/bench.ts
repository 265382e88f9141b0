/**
 * Benchmark: `npm run bench -- DOCS_DIR [--files-from LIST] [--no-docutils] [--python PY] [--keep-trees]`
 *
 * Parses every .rst file in one process (our parser, docutils' transforms included) and prints
 * files, MB, wall seconds, MB/s and peak RSS; then runs docutils (scripts/oracle.py --tree none, the
 * same parse + transforms, no JSON trees kept) over the same files and prints the ratio. Each tree
 * is dropped once parsed, as docutils' run and kdocs' whole-tree lint do; `--keep-trees` holds
 * every tree instead (more GC work and memory: the figure of a tool that keeps all of them).
 *
 * Hook for later phases (lint, index, ...): add an entry to `PHASES` below. Each phase is timed on
 * its own line.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type ParsedDocument } from '../src/rst/parse.js';
import { listRst, ORACLE } from './conformance.js';
import { lintPhase, noRulesLintPhase, threadSplit, warmLintPhase } from './bench-lint.js';
import { cpuOf } from './proc.js';
import { benchModel } from './bench-model.js';
import { tuneV8ForOneShotRun } from '../src/cli/v8-flags.js';

export interface BenchContext {
  root: string;
  files: string[];
}

export interface BenchPhase {
  name: string;
  /** The cold whole-tree lint: its lint/parse ratio and rules + index figure are printed. */
  cold?: boolean;
  /** The same lint with no rule: its ratio to the parse is printed (the lint's floor). */
  floor?: boolean;
  /** A phase that runs in a child process returns the child's own figures. */
  run(ctx: BenchContext): void | PhaseFigures | Promise<void | PhaseFigures>;
}

export interface PhaseFigures {
  wallSeconds: number;
  peakRssMB: number;
  /** CPU seconds of the phase's run (user + system). */
  cpuSeconds?: number;
  /** Of which its main thread's. */
  cpuMainSeconds?: number;
  /** A lint run's rules + index milliseconds (its split). */
  rulesIndexMs?: number;
}

/** Extra phases timed after parsing (the lint phases run a whole-tree lint in a child process —
 *  cold, cold with every rule off, and with warm caches — and report that run's wall time and
 *  peak RSS). */
export const PHASES: BenchPhase[] = [lintPhase, noRulesLintPhase, warmLintPhase];

const mb = (bytes: number): string => (bytes / 1e6).toFixed(2);
const peakRssMb = (): string => (process.resourceUsage().maxRSS / 1024).toFixed(0);

async function main(argv: string[]): Promise<number> {
  // measure kdocs' parse as the CLI runs it (src/cli/v8-flags.ts); the lint phases run the CLI's
  // code in children that tune V8 the same way
  tuneV8ForOneShotRun();
  let root: string | undefined;
  let filesFrom: string | undefined;
  let docutils = true;
  let model = true;
  const modelArgs: string[] = [];
  let python = process.env.KDOCS_PYTHON ?? 'python3';
  let keepTrees = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--files-from') filesFrom = argv[++i];
    else if (a === '--no-docutils') docutils = false;
    else if (a === '--no-model') model = false;
    else if (a === '--keep-trees') keepTrees = true;
    else if (a === '--count' || a === '--seed' || a === '--seeds' || a === '--limit-every') modelArgs.push(a, argv[++i] ?? '');
    else if (a === '--no-mutations') modelArgs.push(a);
    else if (a === '--python') python = argv[++i] ?? python;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: npm run bench -- [DOCS_DIR] [--files-from LIST] [--no-docutils] [--python PY] [--keep-trees] [--no-model] [--count N] [--seed S] [--seeds K] [--limit-every M] [--no-mutations]\n' +
          '  DOCS_DIR defaults to docs-src; give a kernel Documentation/ for the whole-tree figures.\n',
      );
      return 0;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else root = a;
  }
  if (!root) {
    root = 'docs-src';
    process.stdout.write('bench: no DOCS_DIR given, using docs-src (pass a kernel Documentation/ for whole-tree figures)\n');
  }
  root = path.resolve(root);
  const files = filesFrom
    ? readFileSync(filesFrom, 'utf8')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean)
    : listRst(root);

  // read first (I/O is not parsing)
  const texts = files.map((f) => readFileSync(path.join(root!, f), 'utf8'));
  const bytes = files.reduce((s, _f, i) => s + Buffer.byteLength(texts[i]!), 0);

  const docs: ParsedDocument[] = []; // only with --keep-trees
  let crashes = 0;
  let slowest = { file: '', ms: 0 };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const m0 = cpuOf(process.pid, process.pid);
  for (let i = 0; i < files.length; i++) {
    const s = performance.now();
    try {
      const doc = parse(texts[i]!, { path: files[i]!, root });
      if (keepTrees) docs.push(doc);
    } catch {
      crashes++;
    }
    const ms = performance.now() - s;
    if (ms > slowest.ms) slowest = { file: files[i]!, ms };
  }
  const ours = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(c0);
  const oursCpu = (cu.user + cu.system) / 1e6;
  const oursMain = cpuOf(process.pid, process.pid) - m0;
  const lines = [
    `files: ${files.length}  size: ${mb(bytes)} MB  (${root})`,
    `kdocs parse${keepTrees ? ` (every tree kept: ${docs.length})` : ' (trees dropped as parsed)'}: ${ours.toFixed(2)} s wall (${oursCpu.toFixed(2)} s CPU${threadSplit(oursCpu, oursMain)}), ${(bytes / 1e6 / ours).toFixed(2)} MB/s, ${(files.length / ours).toFixed(0)} files/s, ` +
      `peak RSS ${peakRssMb()} MB, crashes ${crashes}, slowest ${slowest.file} ${slowest.ms.toFixed(0)} ms`,
  ];
  process.stdout.write(lines.join('\n') + '\n');

  const ctx: BenchContext = { root, files };
  for (const phase of PHASES) {
    const s = performance.now();
    const own = await phase.run(ctx);
    const sec = own ? own.wallSeconds : (performance.now() - s) / 1000;
    process.stdout.write(`${phase.name}: ${sec.toFixed(2)} s wall, peak RSS ${own ? own.peakRssMB : peakRssMb()} MB\n`);
    if (phase.cold && own) {
      // issue 11 item 25: a cold whole-tree lint costs at most 1.3 parses, rules + index at most 0.6 s
      // (the parse above reads no files and loads no modules; the lint's figure includes both)
      const cpu = own.cpuSeconds !== undefined ? `, ${(own.cpuSeconds / oursCpu).toFixed(2)} by CPU time (${own.cpuSeconds.toFixed(2)} s / ${oursCpu.toFixed(2)} s)` : '';
      // the other threads are mostly TurboFan compiling: the lint's code beyond the parser's, and
      // its recompiles after deoptimisations (README, "Linting")
      const main = own.cpuMainSeconds !== undefined && Number.isFinite(oursMain) ? `, ${(own.cpuMainSeconds / oursMain).toFixed(2)} by the main thread's CPU time (${own.cpuMainSeconds.toFixed(2)} s / ${oursMain.toFixed(2)} s)` : '';
      process.stdout.write(`lint/parse ratio: ${(sec / ours).toFixed(2)} by wall time (${sec.toFixed(2)} s / ${ours.toFixed(2)} s; target <= 1.3)${cpu}${main}\n`);
      if (own.rulesIndexMs !== undefined) process.stdout.write(`rules + index of the cold lint: ${(own.rulesIndexMs / 1000).toFixed(2)} s (target <= 0.6 s)\n`);
      process.stdout.write(`(load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')})\n`);
    }
    if (phase.floor && own) {
      // reading, parsing and indexing with no rule at all: the lint/parse ratio cannot go below it
      process.stdout.write(`no-rule lint/parse ratio: ${(sec / ours).toFixed(2)} by wall time (${sec.toFixed(2)} s / ${ours.toFixed(2)} s), its index ${((own.rulesIndexMs ?? 0) / 1000).toFixed(2)} s\n`);
    }
  }

  if (docutils) {
    const list = path.join(process.env.TMPDIR ?? '/tmp', `kdocs-bench-files-${process.pid}.txt`);
    const { writeFileSync, unlinkSync } = await import('node:fs');
    writeFileSync(list, files.join('\n') + '\n');
    const r = spawnSync(python, [ORACLE, '--root', root, '--files-from', list, '--tree', 'none', '--timing', '--out', '/dev/null'], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    unlinkSync(list);
    const timing = /\{[^\n]*"seconds"[^\n]*\}/.exec(r.stderr ?? '');
    if (r.status !== 0 || !timing) {
      process.stdout.write(`docutils: failed (${r.status}) ${r.stderr?.slice(-500) ?? ''}\n`);
      return 1;
    }
    const t = JSON.parse(timing[0]) as { seconds: number; cpu?: number };
    const cpuRatio = t.cpu !== undefined ? `, ${(t.cpu / oursCpu).toFixed(1)}x by CPU time` : '';
    process.stdout.write(
      `docutils 0.19 parse+transforms: ${t.seconds.toFixed(2)} s wall (${t.cpu?.toFixed(2) ?? '?'} s CPU), ${(bytes / 1e6 / t.seconds).toFixed(2)} MB/s\n` +
        `ratio: kdocs is ${(t.seconds / ours).toFixed(1)}x faster than docutils by wall time${cpuRatio}\n` +
        `(load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}; wall-time ratios are only meaningful on an idle machine)\n`,
    );
  }
  // The VMA model against the running kernel: >= 10,000 random sequences by default.
  if (model) return benchModel(modelArgs);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
