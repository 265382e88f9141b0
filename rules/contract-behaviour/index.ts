/**
 * contract-behaviour: documented behaviour that maps to a contract (through the contract's
 * docPlaces phrasings, rules/contracts/*.json) must agree with the VMA model for the configured
 * profile. A sentence a phrasing matches becomes a question to the model (src/contracts/claims.ts);
 * when the model's answer contradicts the sentence, the finding carries the model's run that
 * does (`detail`). The contracts' hand-written `profiles` are never consulted here.
 */
import type { EditedParagraph, Finding, Rule } from '../../src/lint/types.js';
import { sameMatch } from '../../src/lint/reuse.js';
import type { ParsedDocument } from '../../src/rst/parse.js';
import type { RstNode } from '../../src/rst/nodes.js';
import { proseRegionsOf } from '../../src/contracts/doc/regions.js';
import { docFacts } from '../_shared/facts.js';
import { regionSentences, sourceRange } from '../../src/contracts/doc/sentences.js';
import { contracts } from '../../src/contracts/load.js';
import { createRequire } from 'node:module';
import { builtAnswer, type ModelAnswer } from '../../src/contracts/answers.js';
import type { Contract, Phrasing } from '../../src/contracts/types.js';
import { PROFILE_OPTIONS_SCHEMA, profileOf } from '../../src/contracts/doc/profile.js';
import { requirements, widenSpaces } from '../../src/contracts/doc/requirements.js';
import { possiblePhrasings } from '../../src/contracts/doc/triggers.js';
import { docCache } from '../../src/lint/doc-caches.js';

export { requirements, widenSpaces };

const ID = 'contract-behaviour';

type AskModel = typeof import('../../src/contracts/claims.js').askModel;
/** The model's side (src/contracts/claims.ts with the explorer and the predicates, ≈ 30 ms of
 *  module loading) is loaded when a sentence first matches a phrasing: most documents, and most
 *  whole trees, never have one. Synchronously, with require(esm), where Node has it (20.19+); on
 *  an older Node it is imported with this module. */
let ask: AskModel | undefined = (process.features as { require_module?: boolean }).require_module
  ? undefined
  : (await import('../../src/contracts/claims.js')).askModel;

/** Loads of the model's side by this rule (tests: a tree without a matching sentence loads none). */
export const behaviourStats = { modelLoads: 0 };

function askModel(...args: Parameters<AskModel>): ModelAnswer {
  // the answer `npm run build` explored, when it did for this code (src/contracts/answers.ts)
  const built = builtAnswer(...args);
  if (built) return built;
  if (!ask) {
    behaviourStats.modelLoads++;
    ask = (createRequire(import.meta.url)('../../src/contracts/claims.js') as { askModel: AskModel }).askModel;
  }
  return ask(...args);
}

interface Compiled {
  contract: Contract;
  phrasing: Phrasing;
  re: RegExp;
  /** what the paragraph must contain (requirements) */
  reqs: string[][];
  /** without requirements: the pattern widened for a paragraph's raw text (widenSpaces) */
  raw?: RegExp;
  unless?: RegExp;
  section?: RegExp;
  unlessSection?: RegExp;
}

interface Phrasings {
  list: Compiled[];
  gate: RegExp;
}

let compiled: Phrasings | undefined;
function phrasings(): Phrasings {
  if (compiled) return compiled;
  const list: Compiled[] = [];
  for (const c of contracts()) {
    for (const place of c.docPlaces) {
      for (const p of place.phrasings) {
        const reqs = requirements(p.pattern);
        list.push({
          contract: c, phrasing: p, re: new RegExp(p.pattern, 'iu'), reqs,
          ...(reqs.length ? {} : { raw: new RegExp(widenSpaces(p.pattern), 'iu') }),
          ...(p.unless ? { unless: new RegExp(p.unless, 'iu') } : {}),
          ...(p.section ? { section: new RegExp(p.section, 'iu') } : {}),
          ...(p.unlessSection ? { unlessSection: new RegExp(p.unlessSection, 'iu') } : {}),
        });
      }
    }
  }
  // a paragraph (or document) none of whose gate words occur cannot match any phrasing: one
  // word (or set of alternatives) per phrasing, the longest it requires
  const gateWords = new Set<string>();
  let open = false;
  for (const c of list) {
    if (!c.reqs.length) open = true;
    const best = [...c.reqs].sort((a, b) => Math.min(...b.map((w) => w.length)) - Math.min(...a.map((w) => w.length)))[0] ?? [];
    for (const w of best) gateWords.add(w);
    // the paragraph's test asks the most selective requirement first (the others are words such
    // as "when" or "that", present in most paragraphs): the same answer, sooner
    if (best.length) c.reqs = [best, ...c.reqs.filter((r) => r !== best)];
  }
  const gate = open ? /[^]/ : new RegExp([...gateWords].map((w) => w.replace(/[^a-z]/g, '')).join('|') || '(?!)', 'i');
  compiled = { list, gate };
  return compiled;
}

interface Section {
  start: number;
  end: number;
  title: string;
}

function textOf(n: RstNode): string {
  if (n.value !== undefined && n.type === 'text') return n.value;
  return (n.children ?? []).map(textOf).join('');
}

const SECTIONS = docCache<Section[]>();
/** Sections of the document, outermost first (for `section` / `unlessSection`), from the shared
 *  per-document walk (the document's own sections: an included file's offsets are not this one's). */
function sectionsOf(doc: ParsedDocument): Section[] {
  let list = SECTIONS.get(doc);
  if (list) return list;
  list = [];
  for (const { node: n } of docFacts(doc).sections) {
    if (!n.position) continue;
    const title = n.children?.find((c) => c.type === 'title');
    list.push({ start: n.position.start.offset, end: n.position.end.offset, title: title ? textOf(title) : '' });
  }
  SECTIONS.set(doc, list);
  return list;
}

/** The phrasings whose required words a paragraph's text holds (before its sentences are read). */
function candidatesOf(possible: readonly Compiled[], text: string): Compiled[] {
  const lower = text.toLowerCase();
  return possible.filter((ph) => (ph.raw ? ph.raw.test(text) : ph.reqs.every((alts) => alts.some((w) => lower.includes(w)))));
}

/**
 * `meta.reuse`: an edited paragraph matches phrasings in its own sentences only; the rest of the
 * document sees it through the words the document holds, the gate, and the text of the sections
 * around it (`unlessSection`).
 */
function editUnseen(edit: EditedParagraph): boolean {
  const { list, gate } = phrasings();
  if (!list.length) return true;
  const possible = possiblePhrasings(edit.after, list);
  const was = possiblePhrasings(edit.before, list);
  if (possible.length !== was.length || possible.some((ph, i) => ph !== was[i])) return false;
  if (!possible.length) return true;
  // (the gate is letters only, or any character: a match cannot reach past the paragraph)
  if (!sameMatch(gate, edit, true)) return false;
  const text = edit.after.source.raw.slice(edit.start, edit.afterEnd);
  if (candidatesOf(possible, text).length && gate.test(text)) return false;
  const before = edit.before.source.raw;
  const after = edit.after.source.raw;
  for (const ph of possible) {
    const unless = ph.unlessSection;
    if (!unless) continue;
    if (unless.test(before) !== unless.test(after)) return false;
    for (const sec of sectionsOf(edit.after)) {
      if (sec.start > edit.start || sec.end < edit.afterEnd) continue;
      if (unless.test(before.slice(sec.start, sec.end - edit.delta)) !== unless.test(after.slice(sec.start, sec.end))) return false;
    }
  }
  return true;
}

function innermostSection(doc: ParsedDocument, offset: number): Section | undefined {
  let best: Section | undefined;
  for (const s of sectionsOf(doc)) if (s.start <= offset && offset < s.end) best = s;
  return best;
}

function detailOf(a: ModelAnswer, profile: string): string | undefined {
  if (!a.run) return undefined;
  return `counterexample (model, profile ${profile}): ${a.run.why}\n${a.run.trace}`;
}

function place(doc: ParsedDocument, s: number, e: number) {
  return { start: doc.source.pointAt(s), end: doc.source.pointAt(e) };
}

function messageOf(c: Contract, p: Phrasing, a: ModelAnswer, profile: string): string {
  const note = p.note ? ` (${p.note})` : '';
  if (p.means === 'holds') return `this states ${c.id} (“${c.statement}”), which does not hold in ${profile}${a.run ? `: ${a.run.why}` : ''}`;
  if (p.means === 'violated') return `this contradicts ${c.id} in ${profile}: ${c.statement}${note}`;
  return `${c.id} (${profile}): ${c.statement}${note}`;
}

const rule: Rule = {
  meta: {
    id: ID,
    description: 'Documented mmap/mremap hook behaviour that maps to a contract must agree with the VMA model for the configured profile.',
    defaultSeverity: 'warning',
    fixable: false,
    optionsSchema: PROFILE_OPTIONS_SCHEMA,
    defaultOptions: {},
    reuse: (edit) => editUnseen(edit),
  },
  check(ctx) {
    const profile = profileOf(ctx);
    const doc = ctx.doc;
    const out: Finding[] = [];
    const { list, gate } = phrasings();
    // paragraph texts are slices of the source: a phrasing whose required words the document
    // lacks has them in no paragraph (the contract rules' one pass over the text says which)
    const possible = list.length ? possiblePhrasings(doc, list) : list;
    if (!possible.length || !gate.test(doc.source.raw)) return out;
    for (const para of proseRegionsOf(doc)) {
      // the gate first (one native search: most paragraphs have none of its words), then the
      // phrasings whose required words the paragraph holds (few: those the document holds)
      if (!gate.test(para.text)) continue;
      const candidates = candidatesOf(possible, para.text);
      if (!candidates.length) continue;
      for (const s of regionSentences(para)) {
        for (const ph of candidates) {
          const m = ph.re.exec(s.text);
          if (!m) continue;
          if (ph.unless && ph.unless.test(m[0])) continue;
          const [a, b] = sourceRange(s, m.index, m.index + m[0].length);
          if (ph.section || ph.unlessSection) {
            const sec = innermostSection(doc, a);
            if (ph.section && !(sec && ph.section.test(sec.title))) continue;
            // the exception noted in the section (or, without sections, the document)
            if (ph.unlessSection && ph.unlessSection.test(sec ? doc.source.raw.slice(sec.start, sec.end) : doc.source.raw)) continue;
          }
          const answer = askModel(ph.contract, ph.phrasing, profile);
          if (!answer.disagrees) continue;
          const detail = detailOf(answer, profile);
          out.push({
            ruleId: ID, place: place(doc, a, b), message: messageOf(ph.contract, ph.phrasing, answer, profile),
            ...(detail ? { detail } : {}),
          });
        }
      }
    }
    return out;
  },
};

export default rule;
