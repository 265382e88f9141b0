/**
 * Language server start-up benchmark: the time (and the server's CPU) from spawning `kdocs lsp`
 * to the first publishDiagnostics of a document opened right after `initialized`, cold (empty
 * cache directory) and warm (the cache the cold run wrote), repeated.
 *
 *   npm run bench:lsp-start -- [ROOT] [--runs N] ...
 *   node dist/scripts/bench-lsp-start.js [ROOT] [--runs N] [--file REL] [--cpu-prof DIR] [--json]
 *
 * ROOT defaults to the 6.12 corpus; the document to filesystems/vfs.rst (else ROOT's largest).
 * `--cpu-prof DIR` writes a V8 CPU profile of each server run to DIR. KDOCS_BUILD_THREADS=1|2 in
 * the environment forces the cold build's threads (else the server decides from idle cores). The
 * whole bench (`npm run bench:lsp`) measures the same first publication once each, among its other
 * phases.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { LspClient, fileUri, REPO } from '../test/lsp/client.js';
import { cpuOf, loadAverage, rssOf } from './proc.js';

interface Args {
  root: string;
  runs: number;
  file: string | undefined;
  cpuProf: string | undefined;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { root: nodePath.resolve(REPO, '..', 'shared', 'corpus', 'linux-6.12', 'Documentation'), runs: 3, file: undefined, cpuProf: undefined, json: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--runs') a.runs = Number(argv[++i]);
    else if (x === '--file') a.file = argv[++i];
    else if (x === '--cpu-prof') a.cpuProf = nodePath.resolve(argv[++i]!);
    else if (x === '--json') a.json = true;
    else a.root = nodePath.resolve(x);
  }
  return a;
}

interface Run {
  ms: number;
  /** Server CPU seconds when the benchmark read it (after the publication arrived). */
  cpuS: number;
  /** Server CPU seconds when it sent the first publication (its own count). */
  cpuAtFirstS?: number;
  rssAtFirstMB: number;
  rssIndexedMB: number;
  diagnostics: number;
  load: string;
  /** Documents the server's thread and its worker thread indexed in the first build. */
  build?: Record<string, number> | undefined;
}

async function once(args: Args, cacheHome: string, file: string, tag: string): Promise<Run> {
  const nodeArgs = args.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', args.cpuProf, '--cpu-prof-name', `${tag}-${Date.now()}.cpuprofile`] : [];
  const t0 = performance.now();
  const client = new LspClient({ env: { XDG_CACHE_HOME: cacheHome }, nodeArgs });
  await client.initialize(args.root);
  const uri = fileUri(file);
  await client.open(uri, readFileSync(file, 'utf8'), 1);
  const d = await client.diagnosticsFor(uri, 1, 600000);
  const pid = client.child.pid!;
  const run: Run = { ms: Math.round(d.at - t0), cpuS: cpuOf(pid), rssAtFirstMB: rssOf(pid), rssIndexedMB: NaN, diagnostics: d.diagnostics.length, load: loadAverage() };
  await client.request('kdocs/idle', {});
  run.rssIndexedMB = rssOf(pid);
  const status = (await client.request('kdocs/status', {})) as { build?: Record<string, number>; stats?: Record<string, number>; firstPublishCpuMs?: number };
  run.build = { ...status.build, ...status.stats };
  run.cpuAtFirstS = (status.firstPublishCpuMs ?? NaN) / 1000;
  await client.shutdown();
  return run;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const file = nodePath.join(args.root, args.file ?? nodePath.join('filesystems', 'vfs.rst'));
  if (!existsSync(file)) {
    process.stderr.write(`bench-lsp-start: ${file}: no such file (give the Documentation/ of a kernel tree, or --file)\n`);
    process.exitCode = 2;
    return;
  }
  const out: { cold: Run[]; warm: Run[] } = { cold: [], warm: [] };
  const say = (s: string): void => {
    if (!args.json) process.stdout.write(s + '\n');
  };
  for (let i = 0; i < args.runs; i++) {
    const cacheHome = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-bench-lsp-start-'));
    try {
      const cold = await once(args, cacheHome, file, 'cold');
      out.cold.push(cold);
      say(`cold: first diagnostics ${cold.ms} ms, server CPU ${cold.cpuAtFirstS?.toFixed(2)} s at the publication (${cold.cpuS.toFixed(2)} s when received), RSS ${cold.rssAtFirstMB} MB (indexed ${cold.rssIndexedMB} MB), ${cold.diagnostics} diagnostics; build ${JSON.stringify(cold.build)}; load ${cold.load}`);
      const warm = await once(args, cacheHome, file, 'warm');
      out.warm.push(warm);
      say(`warm: first diagnostics ${warm.ms} ms, server CPU ${warm.cpuAtFirstS?.toFixed(2)} s at the publication (${warm.cpuS.toFixed(2)} s when received), RSS ${warm.rssAtFirstMB} MB (indexed ${warm.rssIndexedMB} MB), ${warm.diagnostics} diagnostics; ${JSON.stringify(warm.build)}; load ${warm.load}`);
    } finally {
      rmSync(cacheHome, { recursive: true, force: true });
    }
  }
  if (args.json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-lsp-start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
