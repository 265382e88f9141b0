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
import { contentStamp, defaultCacheDir, textHash, writeCacheFile } from '../../project/cache.js';

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

/** Identifies what the explorations depend on: the model, the explorer, this file, the contracts. */
let stampMemo: string | undefined;
export function contractsStamp(): string {
  const dist = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..', '..'); // dist/
  if (stampMemo) return stampMemo;
  let own = '';
  try {
    own = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  } catch {
    own = '?';
  }
  const dirs = contentStamp([nodePath.join(dist, 'src', 'model'), nodePath.join(dist, 'src', 'contracts'), nodePath.join(dist, '..', 'rules', 'contracts')], ['.js', '.json']);
  return (stampMemo = textHash(dirs + own).slice(0, 12));
}

type StoredView = Omit<ContractView, 'contract'> & { id: string };

/** Work counter (the tests read it): explorations run, not read from the cache. */
export const contractsStats = { explored: 0, fromCache: 0 };

/**
 * `buildContracts`, read from a cache file keyed by the model's build stamp and the profile when
 * one holds (as the lint's findings cache is keyed), else computed and stored. `dir` false: no
 * cache.
 */
export function buildContractsCached(profile: ProfileName, dir: string | false = defaultCacheDir(), list: Contract[] = loadShipped()): ContractsData {
  const file = dir === false ? undefined : nodePath.join(dir, `sitecontracts-${profile}-${contractsStamp()}.json`);
  if (file) {
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredView[];
      const byId = new Map(list.map((c) => [c.id, c] as const));
      if (Array.isArray(stored) && stored.length === list.length && stored.every((v, i) => v.id === list[i]!.id)) {
        const views = stored.map(({ id, ...v }) => ({ contract: byId.get(id)!, ...v }));
        contractsStats.fromCache++;
        return { views, byName: namesMap(views), profile };
      }
    } catch {
      /* no cache yet, or an unreadable one */
    }
  }
  const data = buildContracts(profile, list);
  contractsStats.explored++;
  if (file) writeCacheFile(file, data.views.map(({ contract, ...v }) => ({ id: contract.id, ...v })));
  return data;
}

function namesMap(views: readonly ContractView[]): Map<string, string[]> {
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
