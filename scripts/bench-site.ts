/**
 * Site benchmark (`npm run bench:site -- [KERNEL_DOCS]`):
 *
 *   1. docs-src: a full `kdocs site` build (parse, index, lint, contracts, render, highlight,
 *      Eleventy, pagefind) in a fresh process — target ≤ 3 s wall;
 *   2. the whole kernel tree (default: the 6.12 corpus beside the project, if present): the same
 *      build — targets ≤ 30 s wall and ≤ 1 GB RSS with pagefind; the same run's parse phase is
 *      the reference for the ratio;
 *   3. edit latency: docs-src built and served, then single-document edits; the time from writing
 *      the file to the page on disk holding the edit — target ≤ 500 ms.
 *
 * Each build runs in a child process of its own (`--child`), so its wall time and peak RSS are its
 * own; pagefind's binary is sampled separately (its own peak RSS, from /proc).
 *
 * "pagefind" is what is left of the search index after Eleventy (it is fed each page as Eleventy
 * renders it); "eleventy-start" is Eleventy's start-up before its first page. The contract
 * explorations come from their cache after the first run (~/.cache/kdocs).
 *
 *   node dist/scripts/bench-site.js [KERNEL_DOCS] [--no-tree] [--no-edit] [--edits N] [--json]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { tuneV8ForOneShotRun } from '../src/cli/v8-flags.js';
import { tuneV8ForSiteBuild } from '../src/cli/site.js';
import { packageRoot } from '../src/lint/api.js';
import { cpuOf } from './proc.js';

interface ChildResult {
  root: string;
  documents: number;
  pages: number;
  wallSeconds: number;
  phases: Record<string, number>;
  /** CPU seconds (user + sys, all of node's threads) spent in each phase: the comparable figure
   *  when other builds share the cores and stretch the wall times. */
  phaseCpu?: Record<string, number>;
  /** CPU seconds of node's main thread in each phase (/proc, 10 ms ticks): the thread that
   *  parses, lints, renders and runs Eleventy, so the build's critical path; the other threads
   *  (contract explorations, highlighting, V8's collector and compilers) share the second core
   *  with pagefind. */
  phaseMainCpu?: Record<string, number>;
  /** The main thread's CPU seconds over the whole build. */
  mainCpuSeconds?: number;
  /** The highlighting thread's CPU seconds and where its grammars' converted expressions came
   *  from (a build with no highlighted blocks cached). */
  highlightThread?: { cpuSeconds: number; grammarFiles: number; expressionsFromData: number; expressionsConverted: number };
  /** RSS of the build's process (MB) when each phase ended: where the peak comes from. */
  rssAt: Record<string, number>;
  peakRssMB: number;
  pagefindPeakRssMB: number;
  /** CPU seconds of pagefind's binary (sampled). */
  pagefindCpuSeconds: number;
  /** Highest node + pagefind RSS at one moment (sampled every 50 ms). */
  peakTogetherMB: number;
  /** user + sys of the build and its children (pagefind), when /usr/bin/time is there. */
  cpuSeconds?: number;
  edits?: { file: string; ms: number; dirty: number }[];
}

/** Peak RSS (VmHWM) and CPU time of this process's child processes (pagefind's binary), sampled
 *  while `fn` runs: the binary is not waited for when the build ends, so /usr/bin/time does not
 *  count its CPU. The highest node RSS + children RSS seen at one sample is kept too. */
async function sampleChildren<T>(fn: () => Promise<T>): Promise<{ value: T; peakKB: number; cpuSeconds: number; peakSumKB: number }> {
  let peak = 0;
  let peakSum = 0;
  const cpu = new Map<string, number>();
  const sample = (): void => {
    let kids: string[] = [];
    try {
      kids = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      return;
    }
    let sum = process.memoryUsage().rss / 1024;
    for (const k of kids) {
      try {
        const status = readFileSync(`/proc/${k}/status`, 'utf8');
        const m = /VmHWM:\s+(\d+)/.exec(status);
        if (m) peak = Math.max(peak, Number(m[1]));
        const now = /VmRSS:\s+(\d+)/.exec(status);
        if (now) sum += Number(now[1]);
        // utime and stime, fields 14 and 15 of /proc/PID/stat (after the command's ") ")
        const f = readFileSync(`/proc/${k}/stat`, 'utf8').split(') ')[1]!.split(' ');
        cpu.set(k, (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        /* exited */
      }
    }
    peakSum = Math.max(peakSum, sum);
  };
  const timer = setInterval(sample, 50);
  try {
    const value = await fn();
    sample();
    return { value, peakKB: peak, cpuSeconds: [...cpu.values()].reduce((a, b) => a + b, 0), peakSumKB: peakSum };
  } finally {
    clearInterval(timer);
  }
}

/** CPU seconds of this process's main thread (its task has the process's id). */
function mainThreadCpu(): number {
  return cpuOf(process.pid, process.pid);
}

async function child(root: string, out: string, edits: number): Promise<ChildResult> {
  // as `kdocs site` runs (bin/kdocs.js, src/cli/site.ts); KDOCS_SITE_V8=default leaves the site's
  // own settings out, to compare
  tuneV8ForOneShotRun();
  if (process.env.KDOCS_SITE_V8 !== 'default') tuneV8ForSiteBuild();
  const main0 = mainThreadCpu();
  let mainMark = main0;
  const phaseMainCpu: Record<string, number> = {};
  const { buildSite } = await import('../src/html/site/build.js');
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  const rssAt: Record<string, number> = {};
  const phaseCpu: Record<string, number> = {};
  let cpuMark = process.cpuUsage();
  let editDirty = 0;
  const { value: res, peakKB, cpuSeconds: pfCpu, peakSumKB } = await sampleChildren(() =>
    buildSite({ root, out, serve: edits > 0, port: 20000 + (process.pid % 20000), onPhase: (n, ms) => {
      phases[n] = ms;
      rssAt[n] = Math.round(process.memoryUsage().rss / 1048576);
      const c = process.cpuUsage(cpuMark);
      cpuMark = process.cpuUsage();
      phaseCpu[n] = (c.user + c.system) / 1e6;
      const m = mainThreadCpu();
      phaseMainCpu[n] = m - mainMark;
      mainMark = m;
    }, onUpdate: (_c, d) => (editDirty = d.length) }),
  );
  const wallSeconds = (performance.now() - t0) / 1000;
  const result: ChildResult = {
    root, documents: res.site.pages.size, pages: res.written, wallSeconds, phases, phaseCpu, phaseMainCpu, mainCpuSeconds: mainThreadCpu() - main0, rssAt, highlightThread: res.site.highlightThread,
    peakRssMB: process.resourceUsage().maxRSS / 1024, pagefindPeakRssMB: peakKB / 1024, pagefindCpuSeconds: pfCpu, peakTogetherMB: peakSumKB / 1024,
  };
  if (edits > 0) {
    // wait for the background search index of the first build, then edit documents one by one
    await new Promise((r) => setTimeout(r, 1000));
    result.edits = [];
    const docs = res.site.index.documents().filter((p) => !p.includes('/')).slice(0, edits * 3);
    for (let i = 0; i < edits && i < docs.length; i++) {
      const p = docs[i * 3]!;
      const file = nodePath.join(root, p);
      const page = nodePath.join(out, res.site.urlOf(p));
      const marker = `kdocsbenchedit${i}x${Date.now()}`;
      const text = readFileSync(file, 'utf8');
      const t = performance.now();
      // (the count of this edit's update: the page is on disk before the update reports it)
      editDirty = -1;
      writeFileSync(file, text.replace(/\n\n/, `\n\n${marker}\n\n`));
      for (;;) {
        let html = '';
        try {
          html = readFileSync(page, 'utf8');
        } catch {
          /* being written */
        }
        if (html.includes(marker)) break;
        if (performance.now() - t > 30_000) throw new Error(`edit of ${p} not visible after 30 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const ms = performance.now() - t;
      while (editDirty < 0 && performance.now() - t < 30_000) await new Promise((r) => setTimeout(r, 5));
      result.edits.push({ file: p, ms, dirty: editDirty });
      await new Promise((r) => setTimeout(r, 1500));
    }
    await res.close();
  } else await res.close();
  return result;
}

function runChild(root: string, edits = 0): ChildResult {
  const out = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-bench-site-'));
  try {
    // /usr/bin/time: CPU of the build with its children (pagefind's binary) counted
    const timed = existsSync('/usr/bin/time');
    const cmd = timed ? '/usr/bin/time' : process.execPath;
    const args = [fileURLToPath(import.meta.url), '--child', root, out, String(edits)];
    const r = spawnSync(cmd, timed ? ['-f', 'KDOCS_TIME %U %S', process.execPath, ...args] : args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`site build of ${root} failed (${r.status}): ${r.stderr.slice(-2000)}`);
    const line = r.stdout.trim().split('\n').pop()!;
    const res = JSON.parse(line) as ChildResult;
    const m = /KDOCS_TIME ([\d.]+) ([\d.]+)/.exec(r.stderr);
    if (m) res.cpuSeconds = Number(m[1]) + Number(m[2]);
    return res;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const PHASES = ['parse', 'index', 'lint', 'render', 'highlight', 'contracts', 'eleventy-start', 'eleventy', 'pagefind'];

function report(name: string, r: ChildResult): string[] {
  const split = PHASES.filter((p) => r.phases[p] !== undefined).map((p) => `${p} ${(r.phases[p]! / 1000).toFixed(2)}`).join(' + ');
  const lines = [
    `${name}: ${r.documents} documents, ${r.pages} pages, ${r.wallSeconds.toFixed(2)} s wall, ${r.cpuSeconds !== undefined ? `${r.cpuSeconds.toFixed(2)} s CPU node (user+sys) + ${r.pagefindCpuSeconds.toFixed(2)} s pagefind, ` : ''}load ${loadavg()[0]!.toFixed(2)}`,
    `  peak RSS ${r.peakRssMB.toFixed(0)} MB (node) + ${r.pagefindPeakRssMB.toFixed(0)} MB (pagefind) = ${(r.peakRssMB + r.pagefindPeakRssMB).toFixed(0)} MB; together at one moment ≤ ${r.peakTogetherMB.toFixed(0)} MB`,
    `  RSS (MB) at the end of each phase: ${PHASES.filter((p) => r.rssAt?.[p] !== undefined).map((p) => `${p} ${r.rssAt[p]}`).join(', ')}`,
    `  phases (s): ${split}`,
  ];
  if (r.phaseCpu) lines.push(`  CPU of node per phase (s): ${PHASES.filter((p) => r.phaseCpu![p] !== undefined).map((p) => `${p} ${r.phaseCpu![p]!.toFixed(2)}`).join(' + ')}`);
  if (r.phaseMainCpu) lines.push(`  CPU of node's main thread per phase (s): ${PHASES.filter((p) => r.phaseMainCpu![p] !== undefined).map((p) => `${p} ${r.phaseMainCpu![p]!.toFixed(2)}`).join(' + ')}; ${r.mainCpuSeconds?.toFixed(2)} s in all (the other threads: ${r.cpuSeconds !== undefined && r.mainCpuSeconds !== undefined ? (r.cpuSeconds - r.mainCpuSeconds).toFixed(2) : '?'} s)`);
  const ht = r.highlightThread;
  if (ht) lines.push(`  highlighting thread: ${ht.cpuSeconds.toFixed(2)} s CPU; grammar expressions ${ht.expressionsFromData} from the build's data (${ht.grammarFiles} grammar files), ${ht.expressionsConverted} converted`);
  if (r.phases['parse']) lines.push(`  whole build / parse of the same run: ${(r.wallSeconds / (r.phases['parse']! / 1000)).toFixed(1)}x`);
  return lines;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--child') {
    const res = await child(argv[1]!, argv[2]!, Number(argv[3] ?? 0));
    process.stdout.write(JSON.stringify(res) + '\n');
    return;
  }
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--edits');
  const editsAt = argv.indexOf('--edits');
  const edits = editsAt >= 0 ? Number(argv[editsAt + 1]) : 5;
  const pkg = packageRoot();
  const docsSrc = nodePath.join(pkg, 'docs-src');
  const tree = positional[0] ?? nodePath.resolve(pkg, '..', 'shared', 'corpus', 'linux-6.12', 'Documentation');
  const all: Record<string, ChildResult> = {};
  const say = (lines: string[]): void => {
    if (!flags.has('--json')) process.stdout.write(lines.join('\n') + '\n');
  };
  all['docs-src'] = runChild(docsSrc);
  say(report('docs-src build', all['docs-src']));
  if (!flags.has('--no-tree')) {
    if (existsSync(tree)) {
      all['tree'] = runChild(tree);
      say(report(`whole tree (${tree})`, all['tree']));
    } else say([`whole tree: ${tree} not found (pass the Documentation/ directory of a kernel tree)`]);
  }
  if (!flags.has('--no-edit')) {
    // a copy: the edits must not touch docs-src
    const copy = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-bench-edit-'));
    const root = nodePath.join(copy, 'docs-src');
    try {
      cpSync(docsSrc, root, { recursive: true });
      const r = runChild(root, edits);
      all['edit'] = r;
      const ms = (r.edits ?? []).map((e) => e.ms);
      say([
        `edit latency (docs-src served, ${ms.length} edits, write → page on disk): ${ms.map((m) => m.toFixed(0)).join(', ')} ms; max ${Math.max(...ms).toFixed(0)} ms`,
        `  pages re-rendered per edit: ${(r.edits ?? []).map((e) => e.dirty).join(', ')}`,
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }
  if (flags.has('--json')) process.stdout.write(JSON.stringify(all, null, 2) + '\n');
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench-site: ${(err as Error).stack ?? err}\n`);
    process.exit(2);
  },
);
