/**
 * contract-signature: signatures and declarations shown in documents must match the configured
 * kernel profile: function-pointer hooks (`int (*mmap_prepare)(struct vm_area_desc *)`), struct
 * listings (`struct vm_area_desc { ... }`: member names, types, `const`, the class comments), and
 * the argument count of helper calls in C examples.
 */
import type { EditedParagraph, Finding, Rule } from '../../src/lint/types.js';
import { paragraphRegions, sameMatch } from '../../src/lint/reuse.js';
import type { ParsedDocument } from '../../src/rst/parse.js';
import { regionsOf } from '../../src/contracts/doc/regions.js';
import { blankCode } from '../../src/contracts/doc/mentions.js';
import { regionMentions } from '../_shared/mentions.js';
import { findFnPointers, findStructListings, normType, showType } from '../../src/contracts/doc/cdecl.js';
import { availability, lookup, structsWithMember, surfaces, whereDefined, formatProfiles, PROFILE_NAMES } from '../../src/model/surface/index.js';
import type { FieldDecl, SurfaceProfileName } from '../../src/model/surface/index.js';
import { PROFILE_OPTIONS_SCHEMA, profileOf } from '../../src/contracts/doc/profile.js';
import { DISTINCTIVE_HOOKS } from '../../src/contracts/doc/identifiers.js';
import { mayReportNames } from '../../src/contracts/doc/triggers.js';

const ID = 'contract-signature';

function fnText(returns: string, name: string, params: string[]): string {
  return `${showType(returns)} (*${name})(${params.map(showType).join(', ')})`;
}

function declText(f: FieldDecl): string {
  if (f.fn) return fnText(f.fn.returns, f.name, f.fn.params);
  const t = showType(f.type);
  return t.endsWith('*') ? `${t}${f.name}` : `${t} ${f.name}`;
}

/** Profiles whose declaration of struct.member has this normalised type. */
function profilesWithType(struct: string, member: string, type: string): SurfaceProfileName[] {
  return PROFILE_NAMES.filter((p) => {
    const e = lookup(p, `${struct}.${member}`);
    return e?.kind === 'member' && normType(e.field.type) === type;
  });
}


/** What every checked literal or code region contains (a cheap pre-filter). */
const MAYBE_SIGNATURE = /\(\s*\*|desc|mmap|vma|compat|struct/;

const helperNames = new Map<SurfaceProfileName, RegExp>();

/** The profile's helper names as one pattern: a region without any has no helper call to count. */
function helperNamesOf(profile: SurfaceProfileName): RegExp {
  let re = helperNames.get(profile);
  if (!re) {
    const names = Object.values(surfaces[profile].helpers).map((h) => h.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = names.length ? new RegExp(names.join('|')) : /(?!)/;
    helperNames.set(profile, re);
  }
  return re;
}

const OPS_NAME = /\b([a-z_]+_operations(?:_struct)?|mmap_action|vm_area_desc)\b/g;

/** The last ops-table/struct name mentioned before `offset` (section titles, prose, code). */
function contextStruct(raw: string, offset: number): string | undefined {
  const from = Math.max(0, offset - 4000);
  const text = raw.slice(from, offset);
  let last: string | undefined;
  let m: RegExpExecArray | null;
  OPS_NAME.lastIndex = 0;
  while ((m = OPS_NAME.exec(text))) last = m[1];
  return last;
}

/** What every OPS_NAME match contains. */
const OPS_HINT = /_operations|mmap_action|vm_area_desc/;
/** contextStruct's reach back. */
const CONTEXT_REACH = 4000;

/**
 * `meta.reuse`: prose is not checked, so an edited paragraph gives findings only through the
 * literals and roles in it; the rest of the document sees it through the whole-text tests and
 * through contextStruct, which reads the 4000 characters before a function pointer: the paragraph
 * must hold no ops-table name, nor may one sit where such a window reaching into the edit starts
 * (the edit moves that start).
 */
function editUnseen(edit: EditedParagraph): boolean {
  const names = mayReportNames(edit.after);
  if (names !== mayReportNames(edit.before)) return false;
  if (!names) return true;
  if (!sameMatch(MAYBE_SIGNATURE, edit, false)) return false;
  const after = edit.after.source.raw;
  if (!MAYBE_SIGNATURE.test(after)) return true;
  const before = edit.before.source.raw;
  const regions = regionsOf(edit.after);
  for (const r of paragraphRegions(regions, edit)) if (r.kind !== 'prose' && r.kind !== 'title_reference' && MAYBE_SIGNATURE.test(r.text)) return false;
  if (OPS_HINT.test(before.slice(edit.start, edit.beforeEnd)) || OPS_HINT.test(after.slice(edit.start, edit.afterEnd))) return false;
  const reach = edit.afterEnd + CONTEXT_REACH + Math.abs(edit.delta) + 1;
  let first = reach;
  for (const r of regions) {
    if (r.start < edit.afterEnd || r.start >= first || r.kind === 'prose' || r.kind === 'title_reference') continue;
    if (r.text.includes('(') && r.text.includes('*')) first = r.start;
  }
  if (first === reach) return true;
  let lo = Math.max(0, first - CONTEXT_REACH - Math.abs(edit.delta) - 1);
  while (lo > 0 && /\w/.test(before[lo - 1]!)) lo--;
  return lo >= edit.start || !OPS_HINT.test(before.slice(lo, edit.start));
}

function place(doc: ParsedDocument, s: number, e: number) {
  return { start: doc.source.pointAt(s), end: doc.source.pointAt(e) };
}

const rule: Rule = {
  meta: {
    id: ID,
    description: 'Hook signatures, struct listings and helper calls shown in documents must match the configured kernel profile.',
    defaultSeverity: 'error',
    fixable: false,
    // a member of a listing: the declaration check says more than the name check
    supersedes: [{ rule: 'contract-identifier' }],
    optionsSchema: PROFILE_OPTIONS_SCHEMA,
    defaultOptions: {},
    reuse: (edit) => editUnseen(edit),
  },
  check(ctx) {
    const profile = profileOf(ctx);
    const surface = surfaces[profile];
    const doc = ctx.doc;
    const out: Finding[] = [];
    const seen = new Set<number>();
    // region texts are slices of the source: no match there, none in any region (and without a
    // trigger of the contract rules' pre-filter, no listing, hook or helper call to check)
    if (!mayReportNames(doc) || !MAYBE_SIGNATURE.test(doc.source.raw)) return out;
    for (const r of regionsOf(doc)) {
      if (r.kind === 'prose' || r.kind === 'title_reference') continue;
      if (!MAYBE_SIGNATURE.test(r.text)) continue;
      // what each step needs in the text (blanking comments and strings only removes characters)
      const mayList = r.kind === 'code' && r.text.includes('struct') && r.text.includes('{');
      const mayFnPointer = r.text.includes('(') && r.text.includes('*');
      const mayCall = helperNamesOf(profile).test(r.text);
      if (!mayList && !mayFnPointer && !mayCall) continue;
      const blanked = r.kind === 'code' && (mayList || mayFnPointer) ? blankCode(r.text) : r.text;
      // 1. struct listings (code only)
      const listingRanges: [number, number][] = [];
      if (mayList) {
        for (const l of findStructListings(r.text, blanked)) {
          listingRanges.push([l.start, l.end]);
          const st = surface.structs[l.name];
          if (!st) continue; // not an mm struct of this profile (contract-identifier reports known ones)
          const listed = new Set<string>();
          for (const m of l.members) {
            listed.add(`${m.within ?? ''}.${m.name}`);
            const decl = st.fields.find((f) => f.name === m.name && (f.within ?? '') === (m.within ?? ''))
              ?? (m.within === undefined ? undefined : st.fields.find((f) => f.name === m.name));
            const at = place(doc, r.start + m.start, r.start + m.end);
            if (!decl) {
              const key = `${l.name}.${m.name}`;
              const avail = availability(key);
              if (!st.complete && !avail) continue;
              out.push({
                ruleId: ID, place: at,
                message: `\`struct ${l.name}\` has no member \`${m.name}\` in ${profile}${avail ? `: ${avail}` : ''}`,
              });
              continue;
            }
            const want = decl.fn ? `${normType(decl.fn.returns)} (*)(${decl.fn.params.map(normType).join(', ')})` : normType(decl.type);
            const got = m.fn ? `${m.fn.returns} (*)(${m.fn.params.join(', ')})` : m.type;
            if (want !== got) {
              const others = m.fn ? [] : profilesWithType(l.name, m.name, got);
              const shown = m.fn ? fnText(m.fn.returns, m.name, m.fn.params) : `${showType(m.type)}${showType(m.type).endsWith('*') ? '' : ' '}${m.name}`;
              out.push({
                ruleId: ID, place: at,
                message: `\`${shown}\` does not match ${profile}: \`struct ${l.name}\` declares \`${declText(decl)}\`` +
                  (others.length ? ` (that is the declaration in ${formatProfiles(others)})` : ''),
              });
            }
            if (m.sectionClass && decl.class && m.sectionClass !== decl.class) {
              out.push({
                ruleId: ID, place: place(doc, r.start + m.nameStart, r.start + m.nameEnd),
                message: `\`${m.name}\` is listed under a ${m.sectionClass} comment but is ${decl.class} in ${profile}`,
              });
            }
          }
          if (st.complete && !l.partial) {
            const missing = st.fields.filter((f) => f.type !== 'struct' && !listed.has(`${f.within ?? ''}.${f.name}`) && !(f.within && listed.has(`.${f.name}`)));
            // only top-level members are required when nested blocks were elided
            const top = missing.filter((f) => !f.within);
            if (top.length) {
              out.push({
                ruleId: ID, place: place(doc, r.start + l.nameStart, r.start + l.nameEnd),
                message: `the \`struct ${l.name}\` listing lacks ${top.map((f) => `\`${declText(f)}\``).join(', ')} (${profile})`,
              });
            }
          }
        }
      }
      // 2. function-pointer signatures outside struct listings
      for (const f of mayFnPointer ? findFnPointers(blanked) : []) {
        if (listingRanges.some(([s, e]) => f.start >= s && f.start < e)) continue;
        let structs = structsWithMember(profile, f.name).filter((s) => surface.structs[s]?.fields.some((x) => x.name === f.name && x.fn));
        if (!structs.length) continue;
        if (!DISTINCTIVE_HOOKS.has(f.name)) {
          // generic names (open, close, mmap...) exist in many ops tables: check only when the
          // nearest preceding ops-table name in the document is one of ours
          const ctxStruct = contextStruct(doc.source.raw, r.start + f.start);
          if (!ctxStruct || !structs.includes(ctxStruct)) continue;
          structs = [ctxStruct];
        }
        const decl = surface.structs[structs[0]!]!.fields.find((x) => x.name === f.name && x.fn)!;
        const want = [normType(decl.fn!.returns), ...decl.fn!.params.map(normType)].join('|');
        const got = [f.returns, ...f.params].join('|');
        if (want === got) continue;
        const abs = r.start + f.start;
        if (seen.has(abs)) continue;
        seen.add(abs);
        out.push({
          ruleId: ID, place: place(doc, abs, r.start + f.end),
          message: `\`${fnText(f.returns, f.name, f.params)}\` does not match ${profile}: \`struct ${structs[0]}\` declares \`${declText(decl)}\``,
          suggestions: [{ message: 'Use the profile\'s signature', fix: [{ range: place(doc, abs, r.start + f.end), newText: declText(decl) }] }],
        });
      }
      // 3. helper call arity (code and literals; `foo()` with no arguments is a mention, not a call)
      for (const m of mayCall ? regionMentions(r) : []) {
        if (m.kind !== 'call' || m.args === undefined || m.args <= 0) continue;
        const e = lookup(profile, m.name);
        if (!e || e.kind !== 'helper') continue;
        const h = e.helper;
        const n = h.params.length;
        const ok = h.variadic || m.ellipsis ? m.args >= n || (m.ellipsis === true && m.args >= 1) : m.args === n;
        if (ok) continue;
        if (listingRanges.some(([s, e2]) => m.start - r.start >= s && m.start - r.start < e2)) continue;
        const other = whereDefined(m.name).filter((p) => {
          const x = lookup(p, m.name);
          return x?.kind === 'helper' && x.helper.params.length === m.args;
        });
        out.push({
          ruleId: ID, place: place(doc, m.start, m.end),
          message: `\`${m.name}()\` takes ${h.variadic ? `at least ${n}` : n} argument${n === 1 ? '' : 's'} in ${profile} (\`${h.returns} ${h.name}(${h.params.join(', ')}${h.variadic ? ', ...' : ''})\`), not ${m.args}` +
            (other.length ? `; ${m.args} arguments is the form in ${formatProfiles(other)}` : ''),
        });
      }
    }
    return out;
  },
};

export default rule;
