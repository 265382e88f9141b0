/**
 * Language server benchmark: drives `kdocs lsp --stdio` over JSON-RPC as an editor does.
 *
 *   npm run bench:lsp -- [ROOT] [--edits N] [--json]     (default ROOT: the 6.12 corpus)
 *
 * 1. cold: a fresh cache directory; the workspace is the whole ROOT. Time from starting the server
 *    to the first publishDiagnostics of filesystems/vfs.rst opened right after `initialized`; then
 *    the RSS once the index is built and every document linted.
 * 2. one-character edits of vfs.rst (a letter typed into a paragraph, then deleted; N each):
 *    didChange → publishDiagnostics of that version, p50/p95/p99. The same on ROOT's largest
 *    document.
 * 3. a label rename across the tree (textDocument/rename): the most referenced label, with nothing
 *    changed and right after an unsaved edit (bench-lsp-rename.ts).
 * 4. warm: a second server on the same cache directory: first diagnostics of vfs.rst.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { LspClient, fileUri, REPO } from '../test/lsp/client.js';
import { cpuOf, loadAverage, rssOf } from './proc.js';
import { renamePhase } from './bench-lsp-rename.js';
import { listRst } from './conformance.js';

interface Args {
  root: string;
  edits: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { root: nodePath.resolve(REPO, '..', 'shared', 'corpus', 'linux-6.12', 'Documentation'), edits: 200, json: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--edits') a.edits = Number(argv[++i]);
    else if (x === '--json') a.json = true;
    else a.root = nodePath.resolve(x);
  }
  return a;
}

function largestRst(root: string): string {
  let best = '';
  let size = -1;
  for (const rel of listRst(root)) {
    const p = nodePath.join(root, rel);
    const s = statSync(p).size;
    if (s > size) {
      size = s;
      best = p;
    }
  }
  return best;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stats(samples: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

/** A place inside a paragraph line (a line of letters after a blank line's paragraph start). */
function editPlace(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  for (let i = Math.floor(lines.length / 2); i < lines.length; i++) {
    const l = lines[i]!;
    if (/^[A-Za-z][a-z ,.]{30,}$/.test(l)) return { line: i, character: 5 };
  }
  return { line: 0, character: 0 };
}

async function editLatency(c: LspClient, file: string, n: number): Promise<number[]> {
  const uri = fileUri(file);
  const text = readFileSync(file, 'utf8');
  await c.open(uri, text, 1);
  await c.diagnosticsFor(uri, 1, 600000);
  const at = editPlace(text);
  const samples: number[] = [];
  let version = 1;
  for (let i = 0; i < n + 10; i++) {
    version++;
    const insert = version % 2 === 0;
    const range = insert ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
    const t0 = performance.now();
    const wait = c.diagnosticsFor(uri, version, 60000);
    await c.change(uri, version, [{ range, text: insert ? 'x' : '' }]);
    const got = await wait;
    if (i >= 10) samples.push(got.at - t0); // the first ten warm the JIT
  }
  await c.close(uri);
  return samples;
}

async function firstDiagnostics(root: string, cacheHome: string, file: string): Promise<{ client: LspClient; ms: number }> {
  const t0 = performance.now();
  const client = new LspClient({ env: { XDG_CACHE_HOME: cacheHome } });
  await client.initialize(root);
  const uri = fileUri(file);
  await client.open(uri, readFileSync(file, 'utf8'), 1);
  const d = await client.diagnosticsFor(uri, 1, 600000);
  return { client, ms: d.at - t0 };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.root)) {
    process.stderr.write(`bench-lsp: ${args.root}: no such directory (give the Documentation/ of a kernel tree)\n`);
    process.exitCode = 2;
    return;
  }
  const vfs = nodePath.join(args.root, 'filesystems', 'vfs.rst');
  const target = existsSync(vfs) ? vfs : largestRst(args.root);
  const largest = largestRst(args.root);
  const cacheHome = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-bench-lsp-'));
  const out: Record<string, unknown> = { root: args.root, date: new Date().toISOString() };
  const say = (s: string): void => {
    if (!args.json) process.stdout.write(s + '\n');
  };
  try {
    // 1. cold
    const cold = await firstDiagnostics(args.root, cacheHome, target);
    out.coldFirstDiagnosticsMs = Math.round(cold.ms);
    out.coldFirstDiagnosticsCpuS = cpuOf(cold.client.child.pid!);
    out.loadAverage = loadAverage();
    say(`load average ${String(out.loadAverage)}`);
    say(`first diagnostics of ${nodePath.relative(args.root, target)}, cold caches: ${Math.round(cold.ms)} ms (server CPU ${String(out.coldFirstDiagnosticsCpuS)} s)`);
    const c = cold.client;
    const t1 = performance.now();
    await c.request('kdocs/idle', {});
    const status = (await c.request('kdocs/status', {})) as { documents: number; stats: Record<string, number> };
    out.wholeTreeLintedMs = Math.round(performance.now() - t1 + cold.ms);
    out.rssAfterIndexingMB = rssOf(c.child.pid!);
    out.wholeTreeCpuS = cpuOf(c.child.pid!);
    say(`whole tree indexed and linted (${status.documents} documents; ${JSON.stringify(status.stats)}) ${out.wholeTreeLintedMs} ms after start (server CPU ${String(out.wholeTreeCpuS)} s); RSS ${out.rssAfterIndexingMB} MB`);

    // 2. edits
    let cpu0 = cpuOf(c.child.pid!);
    const small = stats(await editLatency(c, target, args.edits));
    const smallCpuMs = ((cpuOf(c.child.pid!) - cpu0) * 1000) / (args.edits + 10);
    out.editSmall = { file: nodePath.relative(args.root, target), ...small, cpuMsPerEdit: Math.round(smallCpuMs * 10) / 10 };
    say(`one-char edit of ${nodePath.relative(args.root, target)} → publishDiagnostics (n=${small.n}): p50 ${small.p50.toFixed(1)} ms, p95 ${small.p95.toFixed(1)} ms, p99 ${small.p99.toFixed(1)} ms, max ${small.max.toFixed(1)} ms; server CPU ${smallCpuMs.toFixed(1)} ms per edit (open and close included)`);
    cpu0 = cpuOf(c.child.pid!);
    const nBig = Math.max(20, Math.floor(args.edits / 2));
    const big = stats(await editLatency(c, largest, nBig));
    const bigCpuMs = ((cpuOf(c.child.pid!) - cpu0) * 1000) / (nBig + 10);
    out.editLargest = { file: nodePath.relative(args.root, largest), bytes: statSync(largest).size, ...big, cpuMsPerEdit: Math.round(bigCpuMs * 10) / 10 };
    say(`one-char edit of ${nodePath.relative(args.root, largest)} (${statSync(largest).size} bytes) (n=${big.n}): p50 ${big.p50.toFixed(1)} ms, p95 ${big.p95.toFixed(1)} ms, p99 ${big.p99.toFixed(1)} ms, max ${big.max.toFixed(1)} ms; server CPU ${bigCpuMs.toFixed(1)} ms per edit`);
    out.rssAfterEditsMB = rssOf(c.child.pid!);

    // 3. rename (scripts/bench-lsp-rename.ts)
    if (c.initializeResult?.capabilities.renameProvider) await renamePhase(c, args.root, target, 10, say, out);
    else say('rename: the server offers no textDocument/rename yet');
    await c.shutdown();

    // 4. warm
    const warm = await firstDiagnostics(args.root, cacheHome, target);
    out.warmFirstDiagnosticsMs = Math.round(warm.ms);
    out.warmFirstDiagnosticsCpuS = cpuOf(warm.client.child.pid!);
    say(`first diagnostics of ${nodePath.relative(args.root, target)}, warm caches: ${Math.round(warm.ms)} ms (server CPU ${String(out.warmFirstDiagnosticsCpuS)} s); load average ${loadAverage()}`);
    await warm.client.request('kdocs/idle', {});
    out.warmRssAfterIndexingMB = rssOf(warm.client.child.pid!);
    say(`RSS after indexing from warm caches: ${out.warmRssAfterIndexingMB} MB`);
    await warm.client.shutdown();
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
  if (args.json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-lsp: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
