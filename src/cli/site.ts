/**
 * `kdocs site [--root DIR] [--out DIR] [--serve] [--port N] [--config FILE] [--profile P]
 *             [--no-search] [--no-highlight] [--no-cache]`
 *
 * Build the docs website (Eleventy, site/): every document with its lint and contract findings,
 * navigation, source views, the kdocs lint/rules/contracts pages and the pagefind search index.
 * `--serve` keeps watching the root, re-renders what an edit changes and serves the site with live
 * reload. Exit codes: 0 built (findings do not fail a build), 2 usage, config or build error.
 */
import { existsSync, statSync } from 'node:fs';
import { applyV8Flags } from './v8-flags.js';
import * as nodePath from 'node:path';
import { loadRules, packageRoot } from '../lint/api.js';
import { ConfigError, type ConfigFile } from '../lint/config.js';
import { defaultCacheDir } from '../project/cache.js';
import { loadRunConfig } from './lint.js';
import { readArgs, UsageError } from './args.js';

const USAGE = `usage: kdocs site [options]

Build the documentation website: every page with its lint and VMA-contract findings,
the global toctree, source views, kdocs/lint/, kdocs/rules/, kdocs/contracts/ and an
offline search index (pagefind).

options:
  --root DIR        docs root (default: docs-src)
  --out DIR         output directory (default: _site)
  --config FILE     config file (default: kdocs.config.json in the root or above, or in
                    the cwd); settings.profile picks the kernel profile of the contract
                    rules; "site": { "allowRawHtml": true } keeps raw HTML
  --profile P       kernel profile (overrides the config's settings.profile)
  --serve           watch the root, rebuild what an edit changes, serve with live reload
  --port N          port for --serve (default 8080)
  --no-search       skip the pagefind index
  --no-highlight    do not highlight code blocks (faster)
  --no-cache        lint, explore the contracts and highlight the code again instead
                    of reading earlier results from ~/.cache/kdocs (the lint's findings
                    by each document's text and what its rules asked; the explorations
                    by the model's code and the profile; code by shiki's version)
  --quiet           print only errors
  -h, --help        this text

exit: 0 built, 2 usage, config or build error
`;

interface Args {
  root?: string;
  out: string;
  config?: string;
  profile?: string;
  serve: boolean;
  port: number;
  search: boolean;
  highlight: boolean;
  cache: boolean;
  quiet: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { out: '_site', serve: false, port: 8080, search: true, highlight: true, cache: true, quiet: false, help: false };
  readArgs(argv, (arg, value, raw) => {
    switch (arg) {
      case '-h':
      case '--help':
        a.help = true;
        break;
      case '--root':
        a.root = value();
        break;
      case '--out':
      case '-o':
        a.out = value();
        break;
      case '--config':
      case '-c':
        a.config = value();
        break;
      case '--profile':
        a.profile = value();
        break;
      case '--serve':
        a.serve = true;
        break;
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`--port expects a port number, got '${v}'`);
        a.port = Number(v);
        break;
      }
      case '--no-search':
        a.search = false;
        break;
      case '--no-highlight':
        a.highlight = false;
        break;
      case '--no-cache':
        a.cache = false;
        break;
      case '--quiet':
      case '-q':
        a.quiet = true;
        break;
      default:
        throw new UsageError(`unknown option '${raw}'`);
    }
  });
  return a;
}

/**
 * V8 settings for a site build, on top of the one-shot ones (src/cli/v8-flags.ts). The build's
 * threads (parse, lint, render, highlighting, Eleventy) run much code only a few times: with
 * V8's default interrupt budget, TurboFan compiled ≈ 1.1 s of CPU's worth of functions on the
 * background threads of a cold docs-src build (measured with --no-concurrent-recompilation) —
 * on two cores, time taken from the other threads and pagefind. Four times the budget tiers up
 * only what stays hot: the docs-src build's threads other than the main one and the
 * highlighting thread 2.5–2.8 → 1.7–1.9 s of CPU, the main thread's CPU unchanged (paired runs
 * of 2026-12-06; the whole-tree figures are in README's site bench).
 */
export const SITE_V8_FLAGS = ['--interrupt-budget=270336'];

/** Apply SITE_V8_FLAGS (once; the whole process: the CLI and the site benchmark only). */
export function tuneV8ForSiteBuild(): void {
  applyV8Flags(SITE_V8_FLAGS);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2) + ' s';
}

export async function run(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`kdocs site: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const root = nodePath.resolve(args.root ?? nodePath.join(packageRoot(), 'docs-src'));
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    process.stderr.write(`kdocs site: root '${args.root ?? root}' is not a directory\n`);
    return 2;
  }
  const out = nodePath.resolve(args.out);
  if (out === root || root.startsWith(out + nodePath.sep)) {
    process.stderr.write(`kdocs site: --out ${args.out} would overwrite the docs root\n`);
    return 2;
  }
  tuneV8ForSiteBuild();
  const { rules, error } = await loadRules();
  if (error) {
    process.stderr.write(`kdocs site: cannot load the rules: ${error}\n`);
    return 2;
  }
  let config: ConfigFile;
  let kernelPrefix: string;
  try {
    // as `kdocs lint` finds and reads it
    ({ file: config, kernelPrefix } = loadRunConfig(root, args.config, rules));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`kdocs site: invalid config:\n${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const say = (s: string): void => {
    if (!args.quiet) process.stderr.write(s);
  };
  const t0 = performance.now();
  const { buildSite } = await import('../html/site/build.js');
  let result;
  try {
    result = await buildSite({
      root, out, config, kernelPrefix, serve: args.serve, cacheDir: args.cache ? defaultCacheDir() : false, port: args.port, search: args.search, highlight: args.highlight,
      ...(args.profile ? { profile: args.profile } : {}),
      onPhase: (name, ms) => say(`  ${name.padEnd(10)} ${seconds(ms)}\n`),
      onUpdate: (changed, dirty, ms) => say(`kdocs site: ${changed} changed: ${dirty.length} page(s) updated in ${ms.toFixed(0)} ms\n`),
    });
  } catch (err) {
    process.stderr.write(`kdocs site: ${(err as Error).message}\n`);
    if (process.env.KDOCS_VERBOSE) process.stderr.write(`${(err as Error).stack}\n`);
    return 2;
  }
  const site = result.site;
  const counts = { error: 0, warning: 0, info: 0 };
  const byRule = new Map<string, number>();
  for (const { f } of site.allFindings()) {
    counts[f.severity]++;
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  }
  const top = [...byRule.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r, n]) => `${r} ${n}`).join(', ');
  say(`kdocs site: ${site.pages.size} documents, lint: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} infos${top ? ` (${top})` : ''}\n`);
  say(`kdocs site: ${result.written || 'all'} pages written to ${nodePath.relative(process.cwd(), out) || '.'}${args.search ? `, ${result.indexed} indexed for search` : ''} in ${seconds(performance.now() - t0)}\n`);
  if (args.serve) {
    const url = result.url ?? `http://localhost:${args.port}/`;
    const start = site.prefix ? `${url.replace(/\/$/, '')}/${site.urlOf(site.nav.rootPath)}` : url;
    process.stdout.write(`kdocs site: serving ${start} (live reload; Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        void result.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  }
  await result.close();
  return 0;
}
