/**
 * The model's answers to the questions the contract-behaviour rule can ask, made when kdocs is
 * built. A question is a contract with a polarity (`questionOf`), asked for one profile: 27
 * questions × 7 profiles, all a function of kdocs' own code — the model, the explorer, the
 * predicates and rules/contracts — never of the documents. `npm run build` explores every one
 * (scripts/build-data.ts, `writeBuiltAnswers` in claims.ts, ≈ 0.8 s) into dist/data, stamped with
 * what they depend on; a lint then reads the answer instead of loading the model and exploring
 * (≈ 0.2 s of a first lint of docs-src, and V8 compiling the model). This module loads neither the
 * model nor the explorer. A stale or missing file: the rule asks the model (claims.ts).
 */
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentStamp, importClosureStamp, textHash } from '../project/cache.js';
import { builtDataDir } from '../project/built-data.js';
import { contractsDir } from './load.js';
import type { Counterexample } from './explore.js';
import type { Contract, Phrasing } from './types.js';
import type { ProfileName } from '../model/index.js';

export interface ModelAnswer {
  /** The model contradicts the sentence. */
  disagrees: boolean;
  /** The model's run (or API-surface fact) that contradicts the sentence. */
  run?: Counterexample;
  /** Why the model could not answer (claim not modelled, no run exercised it). */
  unknown?: string;
  /** Model runs explored for the answer. */
  runs: number;
}

/** What the sentence asserts, as a predicate over one model run. */
export interface Question {
  key: string;
  /** The contract the predicate is derived from. */
  contract: Contract;
  /** `holds`: the contract's own predicate; otherwise its negation on `case` (any case if undefined). */
  polarity: 'holds' | 'denies';
  case?: string;
}

export function questionOf(contract: Contract, phrasing: Phrasing): Question {
  if (phrasing.means === 'holds') return { key: `${contract.id}`, contract, polarity: 'holds' };
  const c = phrasing.witness;
  return { key: `${contract.id}~not${c ? `:${c}` : ''}`, contract, polarity: 'denies', ...(c ? { case: c } : {}) };
}

const dist = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..'); // dist/

/** What the answers depend on: claims.js and every module it imports, and rules/contracts. */
let stampMemo: string | undefined;
export function answersStamp(): string {
  return (stampMemo ??= textHash(`${importClosureStamp([nodePath.join(dist, 'src', 'contracts', 'claims.js')])}\0${contentStamp([contractsDir()], ['.json'])}`).slice(0, 12));
}

/** The build's answers file for the current code in `dir` (dist/data: builtDataDir). */
export function builtAnswersFile(dir: string): string {
  return nodePath.join(dir, `answers-built-${answersStamp()}.json`);
}

/** `${question key}@${profile}` → answer: the build's, once read; false: none to use. */
let table: Map<string, ModelAnswer> | false | undefined;

/** Reads (tests: answers read from the build's file). */
export const builtAnswerStats = { used: 0 };

/** The build's answer to `phrasing` of `contract` in `profile`, if the build made one for this code. */
export function builtAnswer(contract: Contract, phrasing: Phrasing, profile: ProfileName): ModelAnswer | undefined {
  if (table === undefined) {
    const dir = builtDataDir();
    table = dir === false ? false : readAnswers(builtAnswersFile(dir));
  }
  if (!table) return undefined;
  const a = table.get(`${questionOf(contract, phrasing).key}@${profile}`);
  if (a) builtAnswerStats.used++;
  return a;
}

/** Stop using the build's answers in this process (claims.ts clearModelAnswers: tests that patch
 *  the model must get the patched model's answers), or use those of `file`. */
export function setBuiltAnswers(file: string | false): void {
  table = file === false ? false : readAnswers(file);
}

function readAnswers(file: string): Map<string, ModelAnswer> | false {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ModelAnswer>;
    return new Map(Object.entries(data));
  } catch {
    return false; // no build data (tsc alone), or another build's
  }
}
