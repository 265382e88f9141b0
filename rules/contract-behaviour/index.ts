/**
 * contract-behaviour: documented behaviour that maps to a contract (through the contract's
 * docPlaces phrasings, rules/contracts/*.json) must agree with the model for the configured
 * profile. A paragraph that states a claim which does not hold in the profile, or states the
 * negation of a claim that does hold, is reported with the model's run in `detail`: the
 * counterexample, or a witness run of the claim.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import type { ParsedDocument } from '../../src/rst/parse.js';
import { regionsOf } from '../../src/contracts/doc/regions.js';
import { contracts } from '../../src/contracts/load.js';
import { checkContractCached } from '../../src/contracts/explore.js';
import type { Counterexample } from '../../src/contracts/explore.js';
import { expectationFor } from '../../src/contracts/types.js';
import type { Contract, Phrasing } from '../../src/contracts/types.js';
import { PROFILE_OPTIONS_SCHEMA, profileOf } from '../../src/contracts/doc/profile.js';
import type { SurfaceProfileName } from '../../src/model/surface/index.js';

const ID = 'contract-behaviour';

interface Compiled {
  contract: Contract;
  phrasing: Phrasing;
  re: RegExp;
  unless?: RegExp;
}

/** Every phrasing speaks of one of these; most paragraphs of the tree are skipped with it. */
const MAYBE_BEHAVIOUR = /mmap|mremap|mapped|VMA|vma|hook|callback|merg|lock|map_kernel|MREMAP/;

let compiled: Compiled[] | undefined;
function phrasings(): Compiled[] {
  if (compiled) return compiled;
  compiled = [];
  for (const c of contracts()) {
    for (const place of c.docPlaces) {
      for (const p of place.phrasings) {
        compiled.push({ contract: c, phrasing: p, re: new RegExp(p.pattern, 'giu'), ...(p.unless ? { unless: new RegExp(p.unless, 'iu') } : {}) });
      }
    }
  }
  return compiled;
}

/** Whether a phrasing meaning `means` gives a finding when the profile's expectation of its
 *  contract is `expected` (the three cases of `check`). */
function reportable(means: Phrasing['means'], expected: string): boolean {
  return (means === 'holds' && expected === 'fails') || ((means === 'violated' || means === 'context') && expected === 'holds');
}

const reportableByProfile = new Map<SurfaceProfileName, Compiled[]>();

/** The phrasings that can give a finding in this profile: the others are not even matched. */
function reportablePhrasings(profile: SurfaceProfileName): Compiled[] {
  let list = reportableByProfile.get(profile);
  if (!list) {
    list = phrasings().filter((ph) => reportable(ph.phrasing.means, expectationFor(ph.contract, profile)));
    reportableByProfile.set(profile, list);
  }
  return list;
}

function detailOf(run: Counterexample | undefined, profile: string, label: string): string | undefined {
  if (!run) return undefined;
  return `${label} (model, profile ${profile}): ${run.why}\n${run.trace}`;
}

function place(doc: ParsedDocument, s: number, e: number) {
  return { start: doc.source.pointAt(s), end: doc.source.pointAt(e) };
}

const rule: Rule = {
  meta: {
    id: ID,
    description: 'Documented mmap/mremap hook behaviour that maps to a contract must agree with the VMA model for the configured profile.',
    defaultSeverity: 'warning',
    fixable: false,
    optionsSchema: PROFILE_OPTIONS_SCHEMA,
    defaultOptions: {},
  },
  check(ctx) {
    const profile = profileOf(ctx);
    const doc = ctx.doc;
    const out: Finding[] = [];
    const raw = doc.source.raw;
    // paragraph texts are slices of the source: no match there, none in any paragraph
    if (!MAYBE_BEHAVIOUR.test(raw)) return out;
    const list = reportablePhrasings(profile);
    if (!list.length) return out;
    const paragraphs = regionsOf(doc).filter((r) => r.kind === 'prose');
    for (const para of paragraphs) {
      if (!MAYBE_BEHAVIOUR.test(para.text)) continue;
      for (const ph of list) {
        ph.re.lastIndex = 0;
        const m = ph.re.exec(para.text);
        if (!m) continue;
        if (ph.unless && ph.unless.test(m[0])) continue;
        const c = ph.contract;
        const expected = expectationFor(c, profile);
        const s = para.start + m.index;
        const e = s + m[0].length;
        const means = ph.phrasing.means;
        if (means === 'holds' && expected === 'fails') {
          const r = checkContractCached(c, profile);
          out.push({
            ruleId: ID, place: place(doc, s, e),
            message: `this states ${c.id} (“${c.statement}”), which does not hold in ${profile}${r.counterexample ? `: ${r.counterexample.why}` : ''}`,
            ...(detailOf(r.counterexample, profile, 'counterexample') ? { detail: detailOf(r.counterexample, profile, 'counterexample')! } : {}),
          });
        } else if (means === 'violated' && expected === 'holds') {
          const r = checkContractCached(c, profile);
          const w = (ph.phrasing.witness && r.witnesses?.[ph.phrasing.witness]) || r.witness;
          out.push({
            ruleId: ID, place: place(doc, s, e),
            message: `this contradicts ${c.id} in ${profile}: ${c.statement}${ph.phrasing.note ? ` (${ph.phrasing.note})` : ''}`,
            ...(detailOf(w, profile, 'witness') ? { detail: detailOf(w, profile, 'witness')! } : {}),
          });
        } else if (means === 'context' && expected === 'holds') {
          // a general statement the contract qualifies: report only if the document never says so
          if (/mmap_lock|mmap_sem/.test(raw) || !/\bmmap\b/.test(raw)) continue;
          out.push({
            ruleId: ID, place: place(doc, s, e),
            message: `${c.id} (${profile}): ${c.statement}${ph.phrasing.note ? ` (${ph.phrasing.note})` : ''}`,
          });
        }
      }
    }
    return out;
  },
};

export default rule;
