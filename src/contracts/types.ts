/** The contract record (rules/contracts/*.json, schema rules/contracts/contract.schema.json). */
import type { SurfaceProfileName } from '../model/surface/types.js';

export type ContractCheck = 'trace' | 'surface' | 'unmodelled';

export interface Phrasing {
  /** JavaScript regex source, matched case-insensitively against each sentence of a paragraph
   *  (whitespace-normalised: a sentence wrapped over lines reads as one line). */
  pattern: string;
  /** holds: the text states the contract; violated: it states the negation; context: a related place. */
  means: 'holds' | 'violated' | 'context';
  unless?: string;
  note?: string;
  /** for `violated`/`context` phrasings: the predicate case the text denies (any case if absent) */
  witness?: string;
  /** regex over the title of the section the sentence is in: the phrasing applies only there */
  section?: string;
  /** for `context` phrasings: regex over that section's text; where it matches, the section notes
   *  the exception and the sentence is not reported */
  unlessSection?: string;
}

export interface DocPlace {
  file: string;
  lines?: string;
  phrasings: Phrasing[];
}

export interface Contract {
  id: string;
  statement: string;
  reference?: { section?: string; doc?: string; code?: string; status?: Record<string, string>; notes?: string };
  profiles: { holds: SurfaceProfileName[]; fails: SurfaceProfileName[]; notApplicable: SurfaceProfileName[] };
  check: ContractCheck;
  predicate: string | null;
  unmodelledReason?: string;
  scenario?: {
    alphabet: string[]; maxOps: number; faults: boolean; setup?: string[]; maxMapCount?: number; memlockPages?: number;
    /** predicate cases (ok tags) some explored run must exercise, else the contract fails */
    require?: string[];
  };
  docPlaces: DocPlace[];
}

/** What a contract's expected outcome is for a profile. */
export type Expectation = 'holds' | 'fails' | 'n/a';

export function expectationFor(c: Contract, profile: SurfaceProfileName): Expectation {
  if (c.profiles.holds.includes(profile)) return 'holds';
  if (c.profiles.fails.includes(profile)) return 'fails';
  return 'n/a';
}
