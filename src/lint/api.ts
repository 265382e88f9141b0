/**
 * Programmatic entry points: load the rules, lint a whole tree (the benchmark's hook), and the
 * version string.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as nodePath from 'node:path';
import { loadDefaultParser, ProjectIndex, type IndexOptions } from '../project/index.js';
import type { FactsCache } from '../project/cache.js';
import type { FindingsCache } from './findings-cache.js';
import { resolveConfig, type ConfigFile, type ResolvedConfig } from './config.js';
import { countByRule, countBySeverity, lintBuild, type LintRun } from './engine.js';
import type { Rule } from './types.js';

export interface LoadedRules {
  rules: Rule[];
  /** Why loading failed (rules/index.js missing or throwing), if it did. */
  error?: string;
}

/** Load `allRules` from rules/index.js (compiled next to src/ in dist/). */
export async function loadRules(): Promise<LoadedRules> {
  try {
    const mod = (await import('../../rules/index.js' as string)) as { allRules?: Rule[]; default?: Rule[] };
    const list = mod.allRules ?? mod.default ?? [];
    const seen = new Set<string>();
    const rules: Rule[] = [];
    for (const r of list) {
      if (!r || !r.meta || typeof r.meta.id !== 'string' || typeof r.check !== 'function') continue;
      if (seen.has(r.meta.id)) continue;
      seen.add(r.meta.id);
      rules.push(r);
    }
    return { rules };
  } catch (err) {
    return { rules: [], error: err instanceof Error ? err.message : String(err) };
  }
}

/** This package's root directory (where package.json and docs-src are). */
export function packageRoot(): string {
  // dist/src/lint/api.js → three levels up; src/lint/api.ts (ts-node style) → two
  let dir = nodePath.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(nodePath.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'kdocs') return dir;
    } catch {
      /* up */
    }
    dir = nodePath.dirname(dir);
  }
  return process.cwd();
}

export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(nodePath.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export interface TreeLintResult {
  index: ProjectIndex;
  run: LintRun;
  config: ResolvedConfig;
  timings: { listMs: number; parseMs: number; indexMs: number; lintMs: number; totalMs: number; files: number };
  byRule: Map<string, number>;
  bySeverity: Record<'error' | 'warning' | 'info', number>;
  /** Milliseconds per rule. */
  ruleMs: Map<string, number>;
}

/** Build the index over `root` and lint every document with every rule (the bench's hook). Each
 *  document is parsed once and its tree dropped after its rules ran (`release: false` keeps the
 *  trees in the returned index). `findingsCache` makes the cache for the resolved config. */
export async function lintTree(
  root: string,
  options: { config?: ConfigFile; rules?: Rule[]; index?: IndexOptions; cache?: FactsCache; findingsCache?: (config: ResolvedConfig) => FindingsCache; release?: boolean } = {},
): Promise<TreeLintResult> {
  const t0 = performance.now();
  const rules = options.rules ?? (await loadRules()).rules;
  const config = resolveConfig(rules, options.config ?? {});
  const indexOptions: IndexOptions = { ...(options.index ?? {}), ...(options.cache ? { cache: options.cache } : {}) };
  const index = new ProjectIndex(root, indexOptions.parse ?? (await loadDefaultParser()), indexOptions);
  // one parse per document, its tree dropped once its rules ran (unless release: false)
  const findingsCache = options.findingsCache?.(config);
  const run = lintBuild(index, config, { release: options.release ?? true, ...(findingsCache ? { findingsCache } : {}) });
  options.cache?.save();
  findingsCache?.save();
  const totalMs = performance.now() - t0;
  return {
    index,
    run,
    config,
    timings: { ...index.timings, lintMs: run.lintMs, totalMs },
    byRule: countByRule(run.files),
    bySeverity: countBySeverity(run.files),
    ruleMs: run.ruleMs,
  };
}
