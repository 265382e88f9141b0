/**
 * Lint benchmark: index + parse + every rule over a whole tree in one process.
 *
 *   node dist/scripts/bench-lint.js [ROOT] [--warm] [--json] [--no-sphinx-lint]   (default ROOT: the 6.12 corpus)
 *
 * --warm: fill the facts and findings caches first (untimed), then time what `kdocs lint` does
 * with warm caches: the index from the facts cache, every document's findings replayed (a document
 * whose findings are not in the cache is parsed when its turn comes).
 *
 * Prints wall seconds, the split (list/parse/index/lint), peak RSS, findings by rule and the
 * slowest rules; also runs sphinx-lint on the same tree if it is installed, with the ratio.
 * `lintPhase` is the hook the main bench script (scripts/bench.ts) calls.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintTree, loadRules } from '../src/lint/api.js';
import { FactsCache } from '../src/project/cache.js';
import { FindingsCache } from '../src/lint/findings-cache.js';
import { tuneV8ForOneShotRun } from '../src/cli/v8-flags.js';
import { cpuOf } from './proc.js';

/** Run this script on `root` in a child process (its own wall time and peak RSS) and print its
 *  report; `warm` fills the caches first, in a cache home of its own. */
function childLint(root: string, warm: boolean, noRules = false): { wallSeconds: number; peakRssMB: number; cpuSeconds: number; cpuMainSeconds?: number; rulesIndexMs: number } {
  const cacheHome = warm ? mkdtempSync(nodePath.join(tmpdir(), 'kdocs-bench-cache-')) : undefined;
  try {
    const args = [fileURLToPath(import.meta.url), root, '--json', '--no-sphinx-lint', ...(warm ? ['--warm'] : []), ...(noRules ? ['--no-rules'] : [])];
    const env = cacheHome ? { ...process.env, XDG_CACHE_HOME: cacheHome } : process.env;
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26, env });
    if (r.status !== 0) throw new Error(`bench-lint${warm ? ' --warm' : ''} failed (${r.status}): ${r.stderr.slice(-500)}`);
    const [res] = JSON.parse(r.stdout) as LintBenchResult[];
    if (!res) throw new Error('bench-lint printed no result');
    const lines = formatResult(res, warm);
    process.stdout.write((warm || noRules ? lines.slice(0, 1) : lines).map((l) => `  ${l}\n`).join(''));
    return {
      wallSeconds: res.wallSeconds,
      peakRssMB: res.peakRssMB,
      cpuSeconds: res.cpuSeconds,
      ...(res.cpuMainSeconds !== undefined ? { cpuMainSeconds: res.cpuMainSeconds } : {}),
      rulesIndexMs: res.split.indexMs + res.split.lintMs,
    };
  } finally {
    if (cacheHome) rmSync(cacheHome, { recursive: true, force: true });
  }
}

/** A phase for scripts/bench.ts (`PHASES`): one whole-tree `kdocs lint` run (list, parse, index,
 *  every rule, each tree released after its rules) in a child process, so that its wall time and
 *  peak RSS are the lint run's own, not those of the bench process. Prints wall seconds, the
 *  split, peak RSS, findings by rule and the slowest rules. */
export const lintPhase = {
  name: 'lint (whole tree, one process)',
  // scripts/bench.ts prints this run's lint/parse ratio and its rules + index figure
  cold: true,
  run: async (ctx: { root: string }) => childLint(ctx.root, false),
};

/** The same lint with every rule off: reading, parsing and the index alone — what a cold lint
 *  costs before any rule runs (scripts/bench.ts prints its ratio to the parse beside the lint's). */
export const noRulesLintPhase = {
  name: 'lint with every rule off (whole tree, one process)',
  floor: true,
  run: async (ctx: { root: string }) => childLint(ctx.root, false, true),
};

/** The same with warm facts and findings caches (filled first by an untimed run in the child):
 *  what a second whole-tree `kdocs lint` costs once nothing changed. */
export const warmLintPhase = {
  name: 'lint (whole tree, warm caches)',
  run: async (ctx: { root: string }) => childLint(ctx.root, true),
};

export interface LintBenchResult {
  root: string;
  files: number;
  wallSeconds: number;
  /** CPU seconds (user + system, every thread) of the lint run. */
  cpuSeconds: number;
  /** Of which the main thread's (where the parse, index and rules run); the rest is V8's other
   *  threads: TurboFan compiling, the parallel scavenges' helpers. Absent where /proc is not. */
  cpuMainSeconds?: number;
  split: { listMs: number; parseMs: number; indexMs: number; lintMs: number };
  peakRssMB: number;
  findings: number;
  byRule: Record<string, number>;
  ruleMs: Record<string, number>;
  sphinxLint?: { seconds: number; ratio: number } | { error: string };
}

function peakRssMB(): number {
  // resourceUsage().maxRSS is in kilobytes
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function sphinxLint(root: string): LintBenchResult['sphinxLint'] | undefined {
  const probe = spawnSync('sphinx-lint', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  const t0 = performance.now();
  const r = spawnSync('sphinx-lint', [root], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error) return { error: r.error.message };
  return { seconds, ratio: 0 };
}

/** `, main thread M s + other threads O s` when the main thread's share is known. */
export function threadSplit(cpuSeconds: number, mainSeconds: number | undefined): string {
  if (mainSeconds === undefined || !Number.isFinite(mainSeconds)) return '';
  return ` = main thread ${mainSeconds.toFixed(2)} + other threads ${Math.max(0, cpuSeconds - mainSeconds).toFixed(2)}`;
}

/** The report lines: wall seconds, split, peak RSS, findings by rule, slowest rules, sphinx-lint. */
export function formatResult(out: LintBenchResult, warm = false): string[] {
  const lines = [
    `lint ${out.root}${warm ? ' (warm facts and findings caches)' : ''}: ${out.files} files in ${out.wallSeconds.toFixed(2)} s wall, ${out.cpuSeconds.toFixed(2)} s CPU${threadSplit(out.cpuSeconds, out.cpuMainSeconds)} (list ${out.split.listMs} ms, parse ${out.split.parseMs} ms, index ${out.split.indexMs} ms, rules ${out.split.lintMs} ms), peak RSS ${out.peakRssMB} MB`,
    `  findings: ${out.findings}`,
  ];
  for (const [k, v] of Object.entries(out.byRule)) lines.push(`    ${String(v).padStart(6)}  ${k}`);
  lines.push(`  rule time (ms): ${Object.entries(out.ruleMs).slice(0, 8).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (out.sphinxLint) {
    if ('seconds' in out.sphinxLint) lines.push(`  sphinx-lint: ${out.sphinxLint.seconds.toFixed(2)} s (kdocs is ${out.sphinxLint.ratio.toFixed(1)}x ${out.sphinxLint.ratio >= 1 ? 'faster' : 'slower'})`);
    else lines.push(`  sphinx-lint: failed: ${out.sphinxLint.error}`);
  } else lines.push('  sphinx-lint: not run (not installed)');
  return lines;
}

export async function runLintBench(root: string, options: { print?: boolean; warm?: boolean; sphinxLint?: boolean; noRules?: boolean } = {}): Promise<LintBenchResult> {
  let cache: FactsCache | undefined;
  if (options.warm) {
    // fill the caches first (not timed) in a child process, so that this process's peak RSS is
    // the warm run's own
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), root, '--fill-only'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('bench-lint: filling the caches failed');
    cache = new FactsCache(root);
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const m0 = cpuOf(process.pid, process.pid);
  const rules = options.noRules ? (await loadRules()).rules : undefined;
  const allOff = rules ? { config: { rules: Object.fromEntries(rules.map((r) => [r.meta.id, 'off' as const])) }, rules } : {};
  const res = await lintTree(root, cache ? { ...allOff, cache, release: true, findingsCache: (config) => new FindingsCache(root, config) } : allOff);
  const wallSeconds = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(c0);
  const mainCpu = cpuOf(process.pid, process.pid) - m0;
  const byRule: Record<string, number> = {};
  for (const [k, v] of [...res.byRule].sort((a, b) => b[1] - a[1])) byRule[k] = v;
  const ruleMs: Record<string, number> = {};
  for (const [k, v] of [...res.ruleMs].sort((a, b) => b[1] - a[1])) ruleMs[k] = Math.round(v);
  const out: LintBenchResult = {
    root,
    files: res.timings.files,
    wallSeconds,
    cpuSeconds: (cu.user + cu.system) / 1e6,
    ...(Number.isFinite(mainCpu) ? { cpuMainSeconds: mainCpu } : {}),
    split: { listMs: Math.round(res.timings.listMs), parseMs: Math.round(res.timings.parseMs), indexMs: Math.round(res.timings.indexMs), lintMs: Math.round(res.timings.lintMs) },
    peakRssMB: peakRssMB(),
    findings: [...res.byRule.values()].reduce((a, b) => a + b, 0),
    byRule,
    ruleMs,
  };
  const sl = options.sphinxLint === false ? undefined : sphinxLint(root);
  if (sl) {
    if ('seconds' in sl) sl.ratio = sl.seconds / wallSeconds;
    out.sphinxLint = sl;
  }
  if (options.print ?? true) process.stdout.write(formatResult(out, options.warm).join('\n') + '\n');
  return out;
}

async function main(): Promise<void> {
  tuneV8ForOneShotRun(); // as `kdocs lint` runs (src/cli/v8-flags.ts)
  const here = nodePath.dirname(fileURLToPath(import.meta.url));
  const repo = nodePath.resolve(here, '..', '..');
  const args = process.argv.slice(2).filter((a) => a !== '--json' && a !== '--warm' && a !== '--fill-only' && a !== '--no-sphinx-lint' && a !== '--no-rules');
  const warm = process.argv.includes('--warm');
  if (process.argv.includes('--fill-only')) {
    const root = args.find((a) => !a.startsWith('--'))!;
    await lintTree(root, { cache: new FactsCache(root), findingsCache: (config) => new FindingsCache(root, config) });
    return;
  }
  const roots = args.length ? args : [nodePath.resolve(repo, '..', 'shared', 'corpus', 'linux-6.12', 'Documentation'), nodePath.join(repo, 'docs-src')].filter((r) => existsSync(r));
  const results: LintBenchResult[] = [];
  for (const r of roots.slice(0, 1)) results.push(await runLintBench(r, { print: !process.argv.includes('--json'), warm, sphinxLint: !process.argv.includes('--no-sphinx-lint'), noRules: process.argv.includes('--no-rules') }));
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === nodePath.resolve(process.argv[1])) {
  main().catch((err) => {
    process.stderr.write(`bench-lint: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  });
}
