/**
 * contract-identifier: mm hook API names in prose, literals, roles, title references and C code
 * blocks must exist in the configured kernel profile's API surface (src/model/surface/), with a
 * did-you-mean and the profiles where the name does exist. Only mm-API-looking names are checked
 * (see src/contracts/doc/identifiers.ts); ordinary kernel identifiers are never reported.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { paragraphRegions, sameMatch } from '../../src/lint/reuse.js';
import { regionsOf, type Region } from '../../src/contracts/doc/regions.js';
import { keepMention, mentionsDescApi } from '../../src/contracts/doc/mentions.js';
import { regionMentions } from '../_shared/mentions.js';
import type { Mention } from '../../src/contracts/doc/mentions.js';
import { checkMention } from '../../src/contracts/doc/identifiers.js';
import { checkHistorical, historicalSpans, historyMatters } from '../../src/contracts/doc/historical.js';
import type { HistoricalSpan } from '../../src/contracts/doc/historical.js';
import { PROFILE_OPTIONS_SCHEMA, profileOf } from '../../src/contracts/doc/profile.js';
import { mayReportNames } from '../../src/contracts/doc/triggers.js';

const ID = 'contract-identifier';

/** Substrings every reportable name (or its member-access object) contains: a cheap pre-filter. */
export const MAYBE_API = /desc|mmap|MMAP|VMA_|vma|compat|f_op|fops|vm_ops|action|mapped|may_split|remap|map_kernel|phys_addr_t|vm_flags|error_|success_hook|hide_from_rmap|operations|vm_area|MAYBE_GUARD/;

/** The same for prose, where `action`, `mapped`, `operations` are also plain English words. */
const MAYBE_API_PROSE = /desc|mmap|MMAP|VMA_|vma|compat|f_op|fops|vm_ops|->|\baction\.|may_split|remap|map_kernel|phys_addr_t|vm_flags|error_|success_hook|hide_from_rmap|_operations|vm_area|MAYBE_GUARD/;

/**
 * What a prose paragraph needs to give a finding at all. In prose only calls, `struct x`, member
 * accesses and names with `_` are checked, and `checkMention` reports: a `struct`/`enum`/`union`
 * name (a typo of an mm struct included) — the keyword is there; a member of an mm struct — its
 * object is `desc`, `vma`, `new_vma`, `f_op`, `fops`, `vm_ops`, `action` (before `->` or `.`), a
 * member of those, or a `struct` name; a bare name known to some profiles only, to the name
 * history, a distinctive member or an API prefix — each of which this matches (checked in
 * test/rules/contract-identifier-prose.test.ts). Paragraphs that pass MAYBE_API_PROSE only through
 * words such as "description", "compatible" or an arrow are not scanned for mentions.
 */
export const PROSE_REPORTABLE =
  /desc(?!ript|rib|end)|mmap|MMAP|VMA_|vma|compat(?!ib)|f_op|fops|vm_ops|\baction\s*->|\baction\.|may_split|remap|map_kernel|phys_addr_t|vm_flags|error_|success_hook|hide_from_rmap|_operations|vm_area|MAYBE_GUARD|struct|enum|union/;

/** MAYBE_API and MAYBE_API_PROSE on a whole source: every region's text is a slice of the source,
 *  so a document this does not match has no region either filter passes (`action`, `operations` cover
 *  the prose forms). Most documents stop here, before their regions are built. */
const MAYBE_API_SOURCE = new RegExp(`${MAYBE_API.source}|->`);

/** Mentions in a document, de-duplicated (prose text covered by inline markup is skipped). */
export function documentMentions(doc: Parameters<typeof regionsOf>[0]): Mention[] {
  const raw = doc.source.raw;
  if (!MAYBE_API_SOURCE.test(raw)) return [];
  return regionsMentions(regionsOf(doc), raw);
}

/** The mentions of some regions of a document (all of them, or one paragraph's: covering regions
 *  and duplicates are those of the same paragraph). */
function regionsMentions(regions: readonly Region[], raw: string): Mention[] {
  const covered = regions.filter((r) => r.kind !== 'prose').map((r) => [r.start, r.end] as const).sort((a, b) => a[0] - b[0]);
  const inCovered = (o: number): boolean => {
    let lo = 0;
    let hi = covered.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = covered[mid]!;
      if (o < s) hi = mid - 1;
      else if (o >= e) lo = mid + 1;
      else return true;
    }
    return false;
  };
  const out: Mention[] = [];
  // (asked only for a guessed `desc`/`action` object)
  let descApi: boolean | undefined;
  // every name that can be reported contains one of these (checked in test/contracts)
  const seen = new Set<number>();
  for (const r of regions) {
    if (r.kind === 'prose' ? !(MAYBE_API_PROSE.test(r.text) && PROSE_REPORTABLE.test(r.text)) : !MAYBE_API.test(r.text)) continue;
    for (const m of regionMentions(r)) {
      if (m.inferred && !keepMention(m, (descApi ??= mentionsDescApi(raw)))) continue;
      if (r.kind === 'prose') {
        if (inCovered(m.start)) continue;
        // plain prose: only calls (`foo()`), `struct x`, member chains and API-prefixed words
        if (m.kind === 'ident' && !m.name.includes('_')) continue;
      }
      const key = m.start * 8 + (m.kind === 'struct' ? 1 : m.kind === 'member' ? 2 : m.kind === 'initializer' ? 3 : m.kind === 'call' ? 4 : 5);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(m);
    }
  }
  return out;
}

const rule: Rule = {
  meta: {
    id: ID,
    description:
      'mm hook API names (hooks, struct and field names, helpers, flags, action types) must exist in the configured kernel profile.',
    defaultSeverity: 'error',
    fixable: false,
    optionsSchema: PROFILE_OPTIONS_SCHEMA,
    defaultOptions: {},
    // An edited paragraph's mentions give findings in that paragraph only; the rest of the
    // document sees it through the three whole-text tests below.
    reuse(edit, ctx) {
      const names = mayReportNames(edit.after);
      if (names !== mayReportNames(edit.before)) return false;
      if (!names) return true;
      if (!sameMatch(MAYBE_API_SOURCE, edit, true) || !sameMatch(mentionsDescApi, edit, true)) return false;
      const profile = profileOf(ctx);
      return regionsMentions(paragraphRegions(regionsOf(edit.after), edit), edit.after.source.raw).every((m) => !checkMention(profile, m) && !historyMatters(m));
    },
  },
  check(ctx) {
    const profile = profileOf(ctx);
    const out: Finding[] = [];
    // (the contract rules' one pass over the text: no trigger, no name this rule can report)
    if (!mayReportNames(ctx.doc)) return out;
    const mentions = documentMentions(ctx.doc);
    const issues = mentions.map((m) => checkMention(profile, m));
    // names that a sentence says were renamed, removed or never merged are checked the other way
    // round; only paragraphs holding a mention whose verdict that can change are read for them
    const spans: HistoricalSpan[] = [];
    const starts = mentions.filter((m, i) => issues[i] || historyMatters(m)).map((m) => m.start).sort((a, b) => a - b);
    if (starts.length) {
      const holdsMention = (s: number, e: number): boolean => {
        let lo = 0;
        let hi = starts.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (starts[mid]! < s) lo = mid + 1;
          else hi = mid;
        }
        return lo < starts.length && starts[lo]! < e;
      };
      for (const r of regionsOf(ctx.doc)) if (r.kind === 'prose' && holdsMention(r.start, r.end)) spans.push(...historicalSpans(r));
    }
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i]!;
      const span = spans.length ? spans.find((s) => s.start <= m.start && m.start < s.end) : undefined;
      if (span) {
        const h = checkHistorical(profile, m, span);
        if (h.verdict === 'consistent') continue;
        if (h.verdict === 'issue') {
          out.push({ ruleId: ID, message: h.message, place: { start: ctx.doc.source.pointAt(m.start), end: ctx.doc.source.pointAt(m.end) } });
          continue;
        }
      }
      const issue = issues[i];
      if (!issue) continue;
      const place = { start: ctx.doc.source.pointAt(m.start), end: ctx.doc.source.pointAt(m.end) };
      const f: Finding = { ruleId: ID, message: issue.message, place };
      if (issue.replacement) {
        f.suggestions = [{ message: `Replace with \`${issue.replacement}\``, fix: [{ range: place, newText: issue.replacement }] }];
      }
      out.push(f);
    }
    return out;
  },
};

export default rule;
