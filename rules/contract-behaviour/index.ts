/**
 * contract-behaviour: documented behaviour that maps to a contract (through the contract's
 * docPlaces phrasings, rules/contracts/*.json) must agree with the VMA model for the configured
 * profile. A sentence a phrasing matches becomes a question to the model (src/contracts/claims.ts);
 * when the model's answer contradicts the sentence, the finding carries the model's run that
 * does (`detail`). The contracts' hand-written `profiles` are never consulted here.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import type { ParsedDocument } from '../../src/rst/parse.js';
import type { RstNode } from '../../src/rst/nodes.js';
import { regionsOf } from '../../src/contracts/doc/regions.js';
import { regionSentences, sourceRange } from '../../src/contracts/doc/sentences.js';
import { contracts } from '../../src/contracts/load.js';
import { askModel } from '../../src/contracts/claims.js';
import type { ModelAnswer } from '../../src/contracts/claims.js';
import type { Contract, Phrasing } from '../../src/contracts/types.js';
import { PROFILE_OPTIONS_SCHEMA, profileOf } from '../../src/contracts/doc/profile.js';

const ID = 'contract-behaviour';

interface Compiled {
  contract: Contract;
  phrasing: Phrasing;
  re: RegExp;
  unless?: RegExp;
  section?: RegExp;
  unlessSection?: RegExp;
}

/** Every phrasing speaks of one of these (checked in test/contracts): documents without any are
 *  skipped before their regions are built. */
export const MAYBE_BEHAVIOUR = /mmap|mremap|mapped|vma|hook|callback|merg|lock|map_kernel|munmap|mprotect|split|memory map|vm_area_desc|mapping|ioremap|action|deprecated|stateless|mutable|reference count|page array/i;

let compiled: { list: Compiled[]; any: RegExp } | undefined;
function phrasings(): { list: Compiled[]; any: RegExp } {
  if (compiled) return compiled;
  const list: Compiled[] = [];
  for (const c of contracts()) {
    for (const place of c.docPlaces) {
      for (const p of place.phrasings) {
        list.push({
          contract: c, phrasing: p, re: new RegExp(p.pattern, 'iu'),
          ...(p.unless ? { unless: new RegExp(p.unless, 'iu') } : {}),
          ...(p.section ? { section: new RegExp(p.section, 'iu') } : {}),
          ...(p.unlessSection ? { unlessSection: new RegExp(p.unlessSection, 'iu') } : {}),
        });
      }
    }
  }
  // one pass over a paragraph decides whether any phrasing can match in it
  const any = new RegExp(list.map((c) => `(?:${c.phrasing.pattern})`).join('|') || '(?!)', 'iu');
  compiled = { list, any };
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

const SECTIONS = new WeakMap<ParsedDocument, Section[]>();
/** Sections of the document, outermost first (for `section` / `unlessSection`). */
function sectionsOf(doc: ParsedDocument): Section[] {
  let list = SECTIONS.get(doc);
  if (list) return list;
  list = [];
  const walk = (n: RstNode): void => {
    if (n.type === 'section' && n.position) {
      const title = n.children?.find((c) => c.type === 'title');
      list!.push({ start: n.position.start.offset, end: n.position.end.offset, title: title ? textOf(title) : '' });
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(doc.tree as unknown as RstNode);
  SECTIONS.set(doc, list);
  return list;
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
  },
  check(ctx) {
    const profile = profileOf(ctx);
    const doc = ctx.doc;
    const out: Finding[] = [];
    // paragraph texts are slices of the source: no keyword there, none in any paragraph
    if (!MAYBE_BEHAVIOUR.test(doc.source.raw)) return out;
    const { list, any } = phrasings();
    if (!list.length) return out;
    for (const para of regionsOf(doc)) {
      if (para.kind !== 'prose' || !MAYBE_BEHAVIOUR.test(para.text)) continue;
      const sentences = regionSentences(para);
      if (!sentences.some((s) => any.test(s.text))) continue;
      for (const s of sentences) {
        for (const ph of list) {
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
