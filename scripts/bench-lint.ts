/**
 * Lint benchmark: index + parse + every rule over a whole tree in one process.
 *
 *   node dist/scripts/bench-lint.js [ROOT] [--warm] [--json]   (default ROOT: the 6.12 corpus)
 *
 * --warm: fill the facts cache first (untimed), then time the streaming run `kdocs lint` does
 * with a warm cache (each tree parsed when its turn comes, released after its rules).
 *
 * Prints wall seconds, the split (list/parse/index/lint), peak RSS, findings by rule and the
 * slowest rules; also runs sphinx-lint on the same tree if it is installed, with the ratio.
 * `runLintBench(root)` is the hook the main bench script calls.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintTree, loadRules } from '../src/lint/api.js';
import { ProjectIndex } from '../src/project/index.js';
import { resolveConfig } from '../src/lint/config.js';
import { countByRule, lintIndex } from '../src/lint/engine.js';
import type { ParsedDocument } from '../src/rst/parse.js';
import { FactsCache } from '../src/project/cache.js';

/** A phase for scripts/bench.ts (`PHASES`): index the documents it already parsed, run every
 *  rule, print the split and the findings by rule. */
export const lintPhase = {
  name: 'lint (index + rules)',
  async run(ctx: { root: string; docs: ParsedDocument[] }): Promise<void> {
    const { rules } = await loadRules();
    const t0 = performance.now();
    const index = new ProjectIndex(ctx.root, () => {
      throw new Error('bench: documents are parsed already');
    });
    index.addDocuments(ctx.docs);
    const t1 = performance.now();
    const run = lintIndex(index, resolveConfig(rules));
    const t2 = performance.now();
    const byRule = [...countByRule(run.files)].sort((a, b) => b[1] - a[1]);
    const total = byRule.reduce((n, [, v]) => n + v, 0);
    process.stdout.write(`  lint: index ${(t1 - t0).toFixed(0)} ms, ${rules.length} rules ${(t2 - t1).toFixed(0)} ms, ${total} findings: ${byRule.map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  },
};

export interface LintBenchResult {
  root: string;
  files: number;
  wallSeconds: number;
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

export async function runLintBench(root: string, options: { print?: boolean; warm?: boolean } = {}): Promise<LintBenchResult> {
  let cache: FactsCache | undefined;
  if (options.warm) {
    // fill the facts cache first (not timed), then time a run that parses each document when
    // its turn comes and releases its tree (what `kdocs lint` does with a warm cache)
    // in a child process, so this process's peak RSS is the streaming run's own
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), root, '--fill-only'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('bench-lint: filling the facts cache failed');
    cache = new FactsCache(root);
  }
  const t0 = performance.now();
  const res = await lintTree(root, cache ? { cache, release: true } : {});
  const wallSeconds = (performance.now() - t0) / 1000;
  const byRule: Record<string, number> = {};
  for (const [k, v] of [...res.byRule].sort((a, b) => b[1] - a[1])) byRule[k] = v;
  const ruleMs: Record<string, number> = {};
  for (const [k, v] of [...res.ruleMs].sort((a, b) => b[1] - a[1])) ruleMs[k] = Math.round(v);
  const out: LintBenchResult = {
    root,
    files: res.timings.files,
    wallSeconds,
    split: { listMs: Math.round(res.timings.listMs), parseMs: Math.round(res.timings.parseMs), indexMs: Math.round(res.timings.indexMs), lintMs: Math.round(res.timings.lintMs) },
    peakRssMB: peakRssMB(),
    findings: [...res.byRule.values()].reduce((a, b) => a + b, 0),
    byRule,
    ruleMs,
  };
  const sl = sphinxLint(root);
  if (sl) {
    if ('seconds' in sl) sl.ratio = sl.seconds / wallSeconds;
    out.sphinxLint = sl;
  }
  if (options.print ?? true) {
    const p = (s: string) => process.stdout.write(s + '\n');
    p(`lint ${root}${options.warm ? ' (warm facts cache, one tree at a time)' : ''}: ${out.files} files in ${wallSeconds.toFixed(2)} s wall (list ${out.split.listMs} ms, parse ${out.split.parseMs} ms, index ${out.split.indexMs} ms, rules ${out.split.lintMs} ms), peak RSS ${out.peakRssMB} MB`);
    p(`  findings: ${out.findings}`);
    for (const [k, v] of Object.entries(byRule)) p(`    ${String(v).padStart(6)}  ${k}`);
    p(`  rule time (ms): ${Object.entries(ruleMs).slice(0, 8).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (out.sphinxLint) {
      if ('seconds' in out.sphinxLint) p(`  sphinx-lint: ${out.sphinxLint.seconds.toFixed(2)} s (kdocs is ${out.sphinxLint.ratio.toFixed(1)}x ${out.sphinxLint.ratio >= 1 ? 'faster' : 'slower'})`);
      else p(`  sphinx-lint: failed: ${out.sphinxLint.error}`);
    } else p('  sphinx-lint: not installed');
  }
  return out;
}

async function main(): Promise<void> {
  const here = nodePath.dirname(fileURLToPath(import.meta.url));
  const repo = nodePath.resolve(here, '..', '..');
  const args = process.argv.slice(2).filter((a) => a !== '--json' && a !== '--warm' && a !== '--fill-only');
  const warm = process.argv.includes('--warm');
  if (process.argv.includes('--fill-only')) {
    const fill = new FactsCache(args.find((a) => !a.startsWith('--'))!);
    await lintTree(args.find((a) => !a.startsWith('--'))!, { cache: fill, rules: [] });
    return;
  }
  const roots = args.length ? args : [nodePath.resolve(repo, '..', 'shared', 'corpus', 'linux-6.12', 'Documentation'), nodePath.join(repo, 'docs-src')].filter((r) => existsSync(r));
  const results: LintBenchResult[] = [];
  for (const r of roots.slice(0, 1)) results.push(await runLintBench(r, { print: !process.argv.includes('--json'), warm }));
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === nodePath.resolve(process.argv[1])) {
  main().catch((err) => {
    process.stderr.write(`bench-lint: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  });
}
