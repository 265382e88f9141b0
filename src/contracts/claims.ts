/**
 * A documented behaviour claim as a question to the VMA model.
 *
 * A phrasing of a contract (rules/contracts/Cnn.json, `docPlaces[].phrasings[]`) says what a
 * sentence of the documentation claims in terms of the contract's predicate:
 *
 *   holds     the sentence states the contract: it is true when no model run violates the
 *             contract's predicate. The model contradicts it with a violating run.
 *   violated  the sentence states the negation, for the predicate's case `witness` if given
 *             ("`mapped` is also called when the mapping is merged" denies C26's `merged` case):
 *             it is true when no model run satisfies that case. The model contradicts it with a
 *             run that does.
 *   context   a general statement that denies the contract for the hooks ("all methods are
 *             called without any locks being held"), asked like `violated`; the rule then drops
 *             the finding where the document notes the exception (`unlessSection`).
 *
 * Each question is a predicate over model runs, explored exactly as `kdocs contracts` explores
 * the contract (its scenario, faults at every fault point, shortest run first), for the profile
 * being linted. The answer — and only the answer — decides whether the sentence is reported: the
 * contract's hand-written `profiles.holds/fails` are a test of the model (`kdocs contracts`,
 * npm test), never an input here. `profiles.notApplicable` only scopes the question: where the
 * feature does not exist, no question is asked (contract-identifier reports the absent names). Answers are memoised per process, hence per profile and kdocs
 * build; the lint's findings cache is keyed by the build as well.
 */
import { readFileSync } from 'node:fs';
import { checkContract } from './explore.js';
import type { ContractResult } from './explore.js';
import { TRACE_PREDICATES } from './predicates/trace.js';
import type { Predicate, Verdict } from './predicates/lib.js';
import { isViolation } from './predicates/lib.js';
import type { Contract, Phrasing } from './types.js';
import type { ProfileName } from '../model/index.js';
import { builtAnswersFile, questionOf, setBuiltAnswers, type ModelAnswer, type Question } from './answers.js';
import { writeCacheText } from '../project/cache.js';

export { questionOf, type ModelAnswer, type Question };

/** Longest explored sequence for a lint question (what `kdocs contracts` runs by default). */
export const QUESTION_MAX_OPS = 2;

function caseOf(v: Verdict): string | undefined {
  if (v === 'ok') return '';
  if (typeof v === 'object' && 'ok' in v) return v.ok;
  return undefined;
}

/**
 * The negation of `base` on one case: a run on which the contract holds in that case is a run on
 * which the sentence is false (its counterexample); a run violating the contract agrees with the
 * sentence; every other run says nothing about it.
 */
function denial(base: Predicate, contract: Contract, wanted: string | undefined): Predicate {
  return (r) => {
    const v = base(r);
    if (isViolation(v)) return 'ok';
    const c = caseOf(v);
    if (c === undefined) return 'vacuous';
    if (wanted !== undefined && c !== wanted) return 'vacuous';
    return { violated: `the model does what the text denies${c ? ` (${c})` : ''}: ${contract.statement}` };
  };
}

/** Derived predicates are registered next to the contracts' own, under `doc:` keys, so that the
 *  explorer runs a question exactly as it runs a contract. */
function registerDenial(q: Question): string | undefined {
  const base = q.contract.predicate ? TRACE_PREDICATES[q.contract.predicate] : undefined;
  if (!base) return undefined;
  const key = `doc:${q.key}`;
  if (!TRACE_PREDICATES[key]) TRACE_PREDICATES[key] = denial(base, q.contract, q.case);
  return key;
}

const answers = new Map<string, ModelAnswer>();
let explored = 0;

/** Forget every answer (tests that patch the model ask again). */
export function clearModelAnswers(): void {
  answers.clear();
  setBuiltAnswers(false);
}

/** Explore every question a phrasing of `list` can ask, in every profile, into the build's
 *  answers file in `dir` (scripts/build-data.ts) unless it is there for this code; the file
 *  written, or undefined. */
export function writeBuiltAnswers(dir: string, list: readonly Contract[], profiles: readonly ProfileName[]): string | undefined {
  const file = builtAnswersFile(dir);
  try {
    JSON.parse(readFileSync(file, 'utf8'));
    return undefined;
  } catch {
    // missing or unreadable: made now
  }
  const out: Record<string, ModelAnswer> = {};
  for (const c of list) {
    for (const place of c.docPlaces) {
      for (const ph of place.phrasings) {
        const key = questionOf(c, ph).key;
        for (const p of profiles) out[`${key}@${p}`] ??= askModel(c, ph, p);
      }
    }
  }
  writeCacheText(file, JSON.stringify(out), 0);
  return file;
}

/** How many questions were explored in this process (each answer is explored once). */
export function exploredQuestions(): number {
  return explored;
}

/** The explored question's outcome: a violating run contradicts the sentence. */
function fromResult(r: ContractResult): ModelAnswer {
  if (r.outcome === 'skipped') return { disagrees: false, unknown: r.reason ?? 'not modelled', runs: r.runs };
  if (r.outcome === 'vacuous') return { disagrees: false, unknown: r.reason ?? 'no explored run exercised the claim', runs: r.runs };
  if (r.outcome === 'fails') return { disagrees: true, ...(r.counterexample ? { run: r.counterexample } : {}), runs: r.runs };
  return { disagrees: false, runs: r.runs };
}

/** Ask the model whether the sentence a phrasing matched is true in `profile`. */
export function askModel(contract: Contract, phrasing: Phrasing, profile: ProfileName): ModelAnswer {
  const q = questionOf(contract, phrasing);
  const memoKey = `${q.key}@${profile}`;
  const hit = answers.get(memoKey);
  if (hit) return hit;
  explored++;
  let answer: ModelAnswer;
  if (contract.profiles.notApplicable.includes(profile)) {
    // the feature does not exist there: contract-identifier reports the names the sentence uses
    answer = { disagrees: false, unknown: `not applicable in ${profile}`, runs: 0 };
  } else if (contract.check === 'unmodelled' || !contract.predicate) {
    answer = { disagrees: false, unknown: contract.unmodelledReason ?? 'not modelled', runs: 0 };
  } else if (contract.check === 'surface') {
    // the API surface is the model of the interface: one fact per profile
    const r = checkContract(contract, profile);
    if (q.polarity === 'holds') answer = fromResult(r);
    else if (r.outcome === 'holds') {
      answer = { disagrees: true, run: { ops: [], why: `the ${profile} API says otherwise: ${contract.statement}`, trace: `API surface of ${profile}: ${contract.statement}` }, runs: r.runs };
    } else answer = r.outcome === 'skipped' ? fromResult(r) : { disagrees: false, runs: r.runs };
  } else if (q.polarity === 'holds') {
    answer = fromResult(checkContract(contract, profile, { maxOps: QUESTION_MAX_OPS }));
  } else {
    const key = registerDenial(q);
    if (!key) answer = { disagrees: false, unknown: `no trace predicate ${contract.predicate}`, runs: 0 };
    else {
      const derived: Contract = { ...contract, id: `${contract.id}~not`, predicate: key };
      answer = fromResult(checkContract(derived, profile, { maxOps: QUESTION_MAX_OPS }));
    }
  }
  answers.set(memoKey, answer);
  return answer;
}
