/**
 * Conformance against docutils 0.19 (scripts/oracle.py):
 *
 *   npm run conformance -- DOCS_DIR [--files-from LIST] [--oracle-cache DIR] [--timeout MS]
 *                          [--report FILE] [--top N] [--python PY] [--json FILE]
 *
 * 1. lists the .rst files (or takes LIST, paths relative to DOCS_DIR);
 * 2. gets docutils' record of each file from the cache (key: sha1 of oracle.py above main() + path +
 *    content),
 *    running oracle.py once for the files not cached yet;
 * 3. parses each file with our parser in a worker thread (per-file timeout: a hang kills and
 *    replaces the worker; an exception is a crash);
 * 4. prints `N/M files identical (tree)`, `N/M files identical (messages)`, crashes/hangs and the
 *    first differences grouped by kind, and writes the full report (default
 *    /tmp/kdocs-conformance/report.txt) plus a per-file JSON (report.json next to it).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DoctreeRecord } from '../src/rst/doctree-json.js';
import { compareRecords, type FileComparison } from './conformance-diff.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** repo root: this file runs as dist/scripts/conformance.js */
export const REPO_ROOT = path.resolve(here, '..', '..');
export const ORACLE = path.join(REPO_ROOT, 'scripts', 'oracle.py');

export function listRst(root: string): string[] {
  const out: string[] = [];
  const go = (dir: string): void => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) go(rel);
      else if (e.isFile() && e.name.endsWith('.rst')) out.push(rel);
    }
  };
  go('');
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * docutils' records for `files`, from `cacheDir` when present, else by running the oracle once for
 * all missing files. Returns records keyed by file.
 */
export function oracleRecords(
  root: string,
  files: string[],
  cacheDir: string,
  python = process.env.KDOCS_PYTHON ?? 'python3',
  log: (s: string) => void = (s) => process.stderr.write(s),
): Map<string, DoctreeRecord> {
  mkdirSync(cacheDir, { recursive: true });
  // what decides the oracle's output: everything above main() (main only reads arguments and times)
  const oracleText = readFileSync(ORACLE, 'utf8');
  const cut = oracleText.indexOf('\ndef main(');
  const oracleHash = createHash('sha1')
    .update(cut > 0 ? oracleText.slice(0, cut) : oracleText)
    .digest('hex');
  const keys = new Map<string, string>();
  const out = new Map<string, DoctreeRecord>();
  const missing: string[] = [];
  for (const f of files) {
    const h = createHash('sha1');
    h.update(oracleHash).update('\0').update(f).update('\0');
    try {
      h.update(readFileSync(path.join(root, f)));
    } catch {
      h.update('(unreadable)');
    }
    const key = h.digest('hex');
    keys.set(f, key);
    const cached = path.join(cacheDir, key + '.json');
    if (existsSync(cached)) {
      try {
        out.set(f, JSON.parse(readFileSync(cached, 'utf8')) as DoctreeRecord);
        continue;
      } catch {
        /* re-run */
      }
    }
    missing.push(f);
  }
  if (missing.length) {
    log(`oracle: running docutils on ${missing.length} files (${files.length - missing.length} cached)…\n`);
    const list = path.join(cacheDir, `.files-${process.pid}.txt`);
    const outFile = path.join(cacheDir, `.out-${process.pid}.jsonl`);
    writeFileSync(list, missing.join('\n') + '\n');
    const t0 = Date.now();
    const r = spawnSync(python, [ORACLE, '--root', root, '--files-from', list, '--out', outFile], {
      stdio: ['ignore', 'inherit', 'inherit'],
      maxBuffer: 1 << 30,
    });
    if (r.status !== 0) throw new Error(`oracle.py failed (status ${r.status}, ${r.error?.message ?? ''})`);
    log(`oracle: done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    for (const line of readFileSync(outFile, 'utf8').split('\n')) {
      if (!line) continue;
      const rec = JSON.parse(line) as DoctreeRecord;
      out.set(rec.file, rec);
      const key = keys.get(rec.file);
      if (key) writeFileSync(path.join(cacheDir, key + '.json'), line);
    }
    rmSync(list, { force: true });
    rmSync(outFile, { force: true });
  }
  return out;
}

interface OurResult {
  rec?: DoctreeRecord;
  ms: number;
  hang?: boolean;
}

/** Parse every file with our parser in a worker, with a per-file timeout. */
export async function ourRecords(
  root: string,
  files: string[],
  timeoutMs: number,
  onProgress?: (done: number) => void,
): Promise<Map<string, OurResult>> {
  const results = new Map<string, OurResult>();
  const workerUrl = new URL('./conformance-worker.js', import.meta.url);
  let worker: Worker | undefined;
  /** a new worker, once it has loaded the parser (startup does not count against a file's time) */
  const spawn = (): Promise<Worker> =>
    new Promise((resolve) => {
      const w = new Worker(workerUrl);
      const onReady = (m: { ready?: boolean }): void => {
        if (!m?.ready) return;
        w.off('message', onReady);
        resolve(w);
      };
      w.on('message', onReady);
      w.once('error', () => resolve(w));
    });
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    worker ??= await spawn();
    const w = worker;
    const res = await new Promise<OurResult>((resolve) => {
      const timer = setTimeout(() => {
        cleanup();
        void w.terminate();
        worker = undefined;
        resolve({ ms: timeoutMs, hang: true });
      }, timeoutMs);
      const onMsg = (m: { file?: string; json?: string; ms?: number; ready?: boolean }): void => {
        if (m.ready || m.json === undefined) return;
        cleanup();
        resolve({ rec: JSON.parse(m.json!) as DoctreeRecord, ms: m.ms ?? 0 });
      };
      const onErr = (e: Error): void => {
        cleanup();
        worker = undefined;
        resolve({ rec: { file, error: `worker died: ${e.message}` }, ms: 0 });
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        w.off('message', onMsg);
        w.off('error', onErr);
      };
      w.on('message', onMsg);
      w.on('error', onErr);
      w.postMessage({ file, root });
    });
    results.set(file, res);
    onProgress?.(i + 1);
  }
  if (worker) await worker.terminate();
  return results;
}

interface Group {
  files: Set<string>;
  count: number;
  examples: string[];
}

function addTo(groups: Map<string, Group>, kind: string, file: string, example: string, maxExamples: number): void {
  let g = groups.get(kind);
  if (!g) groups.set(kind, (g = { files: new Set(), count: 0, examples: [] }));
  g.count++;
  g.files.add(file);
  if (g.examples.length < maxExamples) g.examples.push(example);
}

function sortedGroups(groups: Map<string, Group>): Array<[string, Group]> {
  return [...groups.entries()].sort((a, b) => b[1].files.size - a[1].files.size || b[1].count - a[1].count);
}

export interface ConformanceSummary {
  files: number;
  treeSame: number;
  messagesSame: number;
  bothSame: number;
  crashes: string[];
  hangs: string[];
  oracleErrors: string[];
}

async function main(argv: string[]): Promise<number> {
  let root: string | undefined;
  let filesFrom: string | undefined;
  let cacheDir = '/tmp/kdocs-conformance/cache';
  let reportFile = '/tmp/kdocs-conformance/report.txt';
  let jsonFile: string | undefined;
  let timeoutMs = 10000;
  let top = 15;
  let python: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--files-from') filesFrom = val();
    else if (a === '--oracle-cache') cacheDir = val();
    else if (a === '--report') reportFile = val();
    else if (a === '--json') jsonFile = val();
    else if (a === '--timeout') timeoutMs = Number(val());
    else if (a === '--top') top = Number(val());
    else if (a === '--python') python = val();
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: npm run conformance -- DOCS_DIR [--files-from LIST] [--oracle-cache DIR] [--timeout MS] [--report FILE] [--json FILE] [--top N] [--python PY]\n',
      );
      return 0;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else root = a;
  }
  if (!root) {
    process.stderr.write('usage: npm run conformance -- DOCS_DIR [options] (--help)\n');
    return 2;
  }
  root = path.resolve(root);
  if (!statSync(root).isDirectory()) throw new Error(`${root} is not a directory`);
  const files = filesFrom
    ? readFileSync(filesFrom, 'utf8')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean)
    : listRst(root);

  const oracle = oracleRecords(root, files, cacheDir, python);
  const t0 = Date.now();
  let lastTick = 0;
  const ours = await ourRecords(root, files, timeoutMs, (done) => {
    if (process.stderr.isTTY && Date.now() - lastTick > 500) {
      lastTick = Date.now();
      process.stderr.write(`\rkdocs: ${done}/${files.length}`);
    }
  });
  if (process.stderr.isTTY) process.stderr.write('\r');
  const oursSeconds = (Date.now() - t0) / 1000;

  const comparisons: FileComparison[] = [];
  const summary: ConformanceSummary = {
    files: files.length,
    treeSame: 0,
    messagesSame: 0,
    bothSame: 0,
    crashes: [],
    hangs: [],
    oracleErrors: [],
  };
  const treeGroups = new Map<string, Group>();
  const msgGroups = new Map<string, Group>();
  for (const f of files) {
    const o = ours.get(f)!;
    const d = oracle.get(f) ?? { file: f, error: 'no oracle record' };
    if (o.hang) {
      summary.hangs.push(f);
      comparisons.push({ file: f, treeSame: false, messagesSame: false, messageDiffs: [], oursError: 'timeout' });
      continue;
    }
    const c = compareRecords(o.rec!, d);
    comparisons.push(c);
    if (c.oursError) summary.crashes.push(`${f}: ${c.oursError}`);
    if (c.oracleError) summary.oracleErrors.push(`${f}: ${c.oracleError}`);
    if (c.treeSame) summary.treeSame++;
    if (c.messagesSame) summary.messagesSame++;
    if (c.treeSame && c.messagesSame) summary.bothSame++;
    if (c.treeDiff) {
      const td = c.treeDiff;
      addTo(treeGroups, td.kind, f, `${f}: ${td.path}\n      ours:     ${td.ours}\n      docutils: ${td.docutils}`, 200);
    }
    for (const md of c.messageDiffs) addTo(msgGroups, md.kind, f, `${f}: ${md.detail}`, 200);
  }

  const n = files.length;
  const pct = (k: number): string => ((100 * k) / Math.max(1, n)).toFixed(1);
  const head: string[] = [
    `conformance vs docutils 0.19 (scripts/oracle.py): ${root}`,
    `${summary.treeSame}/${n} files identical (tree) ${pct(summary.treeSame)} %`,
    `${summary.messagesSame}/${n} files identical (messages) ${pct(summary.messagesSame)} %`,
    `${summary.bothSame}/${n} files identical (tree and messages)`,
    `crashes: ${summary.crashes.length}, hangs (> ${timeoutMs} ms): ${summary.hangs.length}, oracle errors: ${summary.oracleErrors.length}`,
    `our parse time: ${oursSeconds.toFixed(1)} s (in a worker, one file at a time)`,
  ];
  const section = (title: string, groups: Map<string, Group>, limit: number, examples: number): string[] => {
    const lines = [``, `${title} (${groups.size} kinds; files, occurrences)`];
    for (const [kind, g] of sortedGroups(groups).slice(0, limit)) {
      lines.push(`  [${g.files.size} files, ${g.count}] ${kind}`);
      for (const ex of g.examples.slice(0, examples)) lines.push(`    ${ex}`);
    }
    return lines;
  };
  const short = [
    ...head,
    ...(summary.crashes.length ? ['', 'crashes:', ...summary.crashes.slice(0, 10).map((s) => '  ' + s)] : []),
    ...(summary.hangs.length ? ['', 'hangs:', ...summary.hangs.slice(0, 10).map((s) => '  ' + s)] : []),
    ...section('first tree difference per file, by kind', treeGroups, top, 2),
    ...section('message differences, by kind', msgGroups, top, 2),
    '',
    `full report: ${reportFile}`,
  ];
  process.stdout.write(short.join('\n') + '\n');

  const full = [
    ...head,
    '',
    'crashes:',
    ...summary.crashes.map((s) => '  ' + s),
    'hangs:',
    ...summary.hangs.map((s) => '  ' + s),
    'oracle errors:',
    ...summary.oracleErrors.map((s) => '  ' + s),
    ...section('first tree difference per file, by kind', treeGroups, Infinity, 200),
    ...section('message differences, by kind', msgGroups, Infinity, 200),
    '',
    'files whose tree differs:',
    ...comparisons.filter((c) => !c.treeSame).map((c) => '  ' + c.file),
  ];
  mkdirSync(path.dirname(reportFile), { recursive: true });
  writeFileSync(reportFile, full.join('\n') + '\n');
  const perFile = {
    summary,
    files: comparisons.map((c) => ({
      file: c.file,
      tree: c.treeSame,
      messages: c.messagesSame,
      ...(c.treeDiff ? { treeDiff: c.treeDiff } : {}),
      ...(c.messageDiffs.length ? { messageDiffs: c.messageDiffs } : {}),
      ...(c.oursError ? { error: c.oursError } : {}),
      ms: Math.round((ours.get(c.file)?.ms ?? 0) * 10) / 10,
    })),
  };
  writeFileSync(jsonFile ?? reportFile.replace(/\.txt$/, '') + '.json', JSON.stringify(perFile, null, 1));
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`conformance: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
