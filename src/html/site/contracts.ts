/**
 * The contracts part of the site: per contract, its outcome in every profile (from the model, as
 * `kdocs contracts` computes it), the doc places that state it, and the model run that shows it
 * (the counterexample where it fails, else a witness), replayed to get the structured trace the
 * sequence diagram needs. Also the name → contracts map behind the identifier links on doc pages.
 */
import { checkContractCached, type ContractResult, type Counterexample } from '../../contracts/explore.js';
import { contracts as loadShipped } from '../../contracts/load.js';
import type { Contract } from '../../contracts/types.js';
import { DRIVER_FILES, FILES } from '../../contracts/alphabet.js';
import { cloneMm, createMm, driverFile, run } from '../../model/index.js';
import type { OpResult, ProfileName, TraceEvent } from '../../model/index.js';
import { ALL_MEMBER_NAMES, ALL_NAMES } from '../../model/surface/index.js';
import { PROFILE_NAMES } from '../../model/surface/types.js';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { contentStamp, defaultCacheDir, importClosureStamp, textHash, writeCacheText } from '../../project/cache.js';
import { builtDataDir } from '../../project/built-data.js';

export interface ContractView {
  contract: Contract;
  results: ContractResult[];
  /** The profile the diagram is drawn for (the configured one, or the first applicable). */
  diagramProfile?: ProfileName;
  /** The run drawn: `counterexample` or `witness`. */
  diagramKind?: 'counterexample' | 'witness';
  diagramRun?: Counterexample;
  /** Events of the run's last operation (replayed in the model). */
  events?: TraceEvent[];
  /** mm API names the contract mentions. */
  names: string[];
}

const CODE_SPAN_RE = /`([^`]{1,80})`/g;
const IDENT_RE = /[A-Za-z_][A-Za-z0-9_]*/g;

/** mm API names a contract mentions in its statement (code spans, `foo()`, `a->b`). */
export function contractNames(c: Contract): string[] {
  const out = new Set<string>();
  for (const m of c.statement.matchAll(CODE_SPAN_RE)) {
    for (const id of m[1]!.matchAll(IDENT_RE)) {
      const n = id[0];
      if (ALL_NAMES.has(n) || ALL_MEMBER_NAMES.has(n)) out.add(n);
    }
  }
  return [...out].sort();
}

/** Replay a run (setup + ops, the fault on the last op) and return its last operation's events. */
export function replayEvents(contract: Contract, profile: ProfileName, runInfo: Counterexample): TraceEvent[] | undefined {
  if (!runInfo.ops.length) return undefined;
  const sc = contract.scenario;
  const files = [...FILES, ...DRIVER_FILES.map((d) => driverFile(d.kind, d.id, profile))];
  const mm = createMm(profile, { files, ...(sc?.maxMapCount ? { maxMapCount: sc.maxMapCount } : {}), ...(sc?.memlockPages !== undefined ? { memlockPages: sc.memlockPages } : {}) });
  let last: OpResult | undefined;
  const work = cloneMm(mm);
  runInfo.ops.forEach((op, i) => {
    const isLast = i === runInfo.ops.length - 1;
    last = run(work, op, isLast && runInfo.fault ? { fail: [runInfo.fault] } : undefined);
  });
  return last?.trace.events;
}

export interface ContractsData {
  views: ContractView[];
  /** mm API name → ids of the contracts mentioning it. */
  byName: Map<string, string[]>;
  profile: ProfileName;
}

/** Check every contract in every profile (memoised per process, 2 ops as the lint rules do). */
export function buildContracts(profile: ProfileName, list: Contract[] = loadShipped()): ContractsData {
  const views: ContractView[] = [];
  const byName = new Map<string, string[]>();
  for (const c of list) {
    const results = PROFILE_NAMES.map((p) => checkContractCached(c, p as ProfileName));
    const names = contractNames(c);
    for (const n of names) {
      const l = byName.get(n);
      if (l) l.push(c.id);
      else byName.set(n, [c.id]);
    }
    const view: ContractView = { contract: c, results, names };
    // the configured profile first, then any profile where the model has a run to show
    const pick = [results.find((r) => r.profile === profile), ...results].find((r) => r && (r.counterexample || r.witness) && r.expected !== 'n/a');
    if (pick) {
      const kind = pick.counterexample ? 'counterexample' : 'witness';
      const runInfo = (pick.counterexample ?? pick.witness)!;
      view.diagramProfile = pick.profile;
      view.diagramKind = kind;
      view.diagramRun = runInfo;
      const ev = c.check === 'trace' ? replayEvents(c, pick.profile, runInfo) : undefined;
      if (ev) view.events = ev;
    }
    views.push(view);
  }
  return { views, byName, profile };
}

/**
 * Identifies what the explorations depend on: the model, the explorer and the contract files
 * (the modules they import, transitively, and rules/contracts/*.json), and this file's views —
 * not the whole build: a rebuild that changes the lint or the renderer keeps the cache, and so
 * does one that changes other contract code (the doc-sentence matching of contracts/doc/).
 */
let stampMemo: string | undefined;
export function contractsStamp(): string {
  if (stampMemo) return stampMemo;
  const here = fileURLToPath(import.meta.url);
  const dist = nodePath.resolve(nodePath.dirname(here), '..', '..', '..'); // dist/
  let own = '';
  try {
    own = readFileSync(here, 'utf8');
  } catch {
    own = '?';
  }
  const modules = importClosureStamp(['explore.js', 'load.js', 'alphabet.js'].map((f) => nodePath.join(dist, 'src', 'contracts', f)));
  const data = contentStamp([nodePath.join(dist, '..', 'rules', 'contracts')], ['.json']);
  return (stampMemo = textHash(`${modules}\0${data}\0${own}`).slice(0, 12));
}

type StoredView = Omit<ContractView, 'contract'> & { id: string };

/** Work counters (the tests read them): explorations run; views read from a cache file (fromCache), of which from the build's (fromBuild). */
export const contractsStats = { explored: 0, fromCache: 0, fromBuild: 0 };

function cacheFile(profile: ProfileName, dir: string | false): string | undefined {
  return dir === false ? undefined : nodePath.join(dir, `sitecontracts-${profile}-${contractsStamp()}.json`);
}

/*
 * The explorations of every profile are also made by `npm run build` (scripts/build-data.ts, into
 * dist/data: src/project/built-data.ts): they are a function of kdocs' own code — the model, the
 * explorer, rules/contracts — never of the docs, so they are made once when kdocs is built, as the
 * JavaScript is, and a first site build on a machine with no cache reads them instead of exploring
 * for about 2 s of CPU. Same names and stamp as the cache's files: after a change to the model
 * without a rebuild the stamp differs and they are not used.
 */

/** Write the explorations of every profile into `dir` (scripts/build-data.ts) unless its file for
 *  this stamp is there and reads back whole (a rebuild that left the model alone); the files
 *  written. */
export function writeBuiltContracts(dir: string): string[] {
  const list = loadShipped();
  const written: string[] = [];
  for (const profile of PROFILE_NAMES) {
    const file = cacheFile(profile, dir)!;
    if (readCached(file, profile, list)) continue;
    // one process explores each contract once per profile (checkContractCached): the other
    // profiles' files only pick another diagram
    writeCacheText(file, storedViews(buildContracts(profile, list)), 0);
    written.push(file);
  }
  return written;
}

/** The cached views of `profile`: the cache directory's file, else the build's. */
function readStored(profile: ProfileName, dir: string | false, list: Contract[], built: string | false): ContractsData | undefined {
  const cached = readCached(cacheFile(profile, dir), profile, list);
  if (cached) return cached;
  const made = readCached(cacheFile(profile, built), profile, list);
  if (made) contractsStats.fromBuild++;
  return made;
}

/** The views of a stored exploration (the cache file's JSON, or a worker's), if it is of `list`. */
function fromStored(text: string, profile: ProfileName, list: Contract[]): ContractsData | undefined {
  const stored = JSON.parse(text) as StoredView[];
  const byId = new Map(list.map((c) => [c.id, c] as const));
  if (!Array.isArray(stored) || stored.length !== list.length || !stored.every((v, i) => v.id === list[i]!.id)) return undefined;
  const views = stored.map(({ id, ...v }) => ({ contract: byId.get(id)!, ...v }));
  return { views, byName: namesMap(views), profile };
}

function readCached(file: string | undefined, profile: ProfileName, list: Contract[]): ContractsData | undefined {
  if (!file) return undefined;
  try {
    const data = fromStored(readFileSync(file, 'utf8'), profile, list);
    if (data) contractsStats.fromCache++;
    return data;
  } catch {
    return undefined; // no cache yet, or an unreadable one
  }
}

/** The stored form of explored views (what the cache file and the worker hold). */
export function storedViews(data: ContractsData): string {
  return JSON.stringify(data.views.map(({ contract, ...v }) => ({ id: contract.id, ...v })));
}

/**
 * `buildContracts`, read from a cache file keyed by what the explorations depend on
 * (contractsStamp) and the profile when one holds, else computed and stored. `dir` false: no
 * cache.
 */
export function buildContractsCached(profile: ProfileName, dir: string | false = defaultCacheDir(), list: Contract[] = loadShipped(), built: string | false = builtDataDir()): ContractsData {
  const file = cacheFile(profile, dir);
  const cached = readStored(profile, dir, list, built);
  if (cached) return cached;
  const data = buildContracts(profile, list);
  contractsStats.explored++;
  if (file) writeCacheText(file, storedViews(data));
  return data;
}

/**
 * `buildContractsCached` started now and finished on the other core: from the cache file when
 * one holds (read at once), else explored in a worker thread while this one parses, lints and
 * renders (a cold exploration of every contract in every profile took 1.3 s of the docs-src
 * build); only the contract pages wait for it.
 * A worker that cannot start or fails leaves the exploration to this thread.
 */
export function startContracts(profile: ProfileName, dir: string | false = defaultCacheDir(), built: string | false = builtDataDir()): StartedContracts {
  const list = loadShipped();
  // the doc pages need only which contracts mention a name (the statements, not the model): at
  // once, while the explorations go on until the contract pages are written
  const byName = namesMap(list.map((c) => ({ contract: c, names: contractNames(c) })));
  const file = cacheFile(profile, dir);
  const cached = readStored(profile, dir, list, built);
  if (cached) return { byName, data: Promise.resolve(cached) };
  const data = new Promise<ContractsData>((resolve) => {
    let done = false;
    const here = (): void => {
      if (done) return;
      done = true;
      resolve(buildContractsCached(profile, dir, list, false));
    };
    let worker: Worker;
    try {
      worker = new Worker(new URL('./contracts-worker.js', import.meta.url), { workerData: { profile } });
    } catch {
      here();
      return;
    }
    worker.once('message', (text: unknown) => {
      if (done) return;
      let data: ContractsData | undefined;
      try {
        data = typeof text === 'string' ? fromStored(text, profile, list) : undefined;
      } catch {
        data = undefined;
      }
      if (!data) return here();
      done = true;
      contractsStats.explored++;
      if (file) writeCacheText(file, text as string);
      resolve(data);
    });
    worker.once('error', here);
    worker.once('exit', here);
  });
  return { byName, data };
}

/** What startContracts gives: the name → contracts map now, the explored views later. */
export interface StartedContracts {
  byName: Map<string, string[]>;
  data: Promise<ContractsData>;
}

function namesMap(views: readonly Pick<ContractView, 'contract' | 'names'>[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const v of views) {
    for (const n of v.names) {
      const l = byName.get(n);
      if (l) l.push(v.contract.id);
      else byName.set(n, [v.contract.id]);
    }
  }
  return byName;
}
