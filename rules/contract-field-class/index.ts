/**
 * contract-field-class: C examples must respect the field classes of `struct vm_area_desc`
 * (mmap_prepare.rst "Immutable state" / "Mutable fields" / "Write-only fields"; mm/vma.c:
 * call_mmap_prepare copies back only pgoff, vm_file, flags, page_prot, vm_ops, private_data).
 * Writing an immutable field (`desc->start = ...`) in an mmap_prepare example is an error: the
 * core ignores the write (contract C11).
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { regionsOf } from '../../src/contracts/doc/regions.js';
import { blankCode, keepMention, mentionsDescApi } from '../../src/contracts/doc/mentions.js';
import { regionMentions } from '../_shared/mentions.js';
import { lookup } from '../../src/model/surface/index.js';
import { PROFILE_OPTIONS_SCHEMA, profileOf } from '../../src/contracts/doc/profile.js';
import { mayReportNames } from '../../src/contracts/doc/triggers.js';

const ID = 'contract-field-class';
const ASSIGN = /^\s*(=(?!=)|\+=|-=|\*=|\/=|%=|\|=|&=|\^=|<<=|>>=|\+\+|--)/;

const rule: Rule = {
  meta: {
    id: ID,
    description: 'C examples must not write immutable `struct vm_area_desc` fields (mm, file, start, end) in mmap_prepare.',
    defaultSeverity: 'error',
    fixable: false,
    optionsSchema: PROFILE_OPTIONS_SCHEMA,
    defaultOptions: {},
  },
  check(ctx) {
    const profile = profileOf(ctx);
    const out: Finding[] = [];
    // region texts are slices of the source: without `desc` there, no region is checked
    if (!ctx.doc.source.raw.includes('desc') || !mayReportNames(ctx.doc)) return out;
    const descApi = mentionsDescApi(ctx.doc.source.raw);
    for (const r of regionsOf(ctx.doc)) {
      if (r.kind !== 'code' && r.kind !== 'literal') continue;
      if (!r.text.includes('desc')) continue;
      const text = r.kind === 'code' ? blankCode(r.text) : r.text;
      for (const m of regionMentions(r)) {
        if (m.kind !== 'member' || m.struct !== 'vm_area_desc' || m.within || !keepMention(m, descApi)) continue;
        const rel = m.end - r.start;
        const after = text.slice(rel, rel + 8);
        const pre = text.slice(Math.max(0, m.start - r.start - 16), m.start - r.start);
        const preInc = /(\+\+|--)\s*[A-Za-z_]\w*\s*->\s*$/.test(pre);
        const a = ASSIGN.exec(after);
        if (!a && !preInc) continue;
        // `desc->action.x = ...` is a member of action, not a write to desc->action
        const e = lookup(profile, `vm_area_desc.${m.name}`);
        if (!e || e.kind !== 'member' || e.field.class !== 'immutable') continue;
        const op = a ? a[1] : 'increment';
        out.push({
          ruleId: ID,
          message: `\`vm_area_desc.${m.name}\` is immutable in mmap_prepare (${profile}): the core ignores this write (${op === '=' ? 'assignment' : op}); only pgoff, vm_file, ${lookup(profile, 'vm_area_desc.vma_flags') ? 'vma_flags' : 'vm_flags'}, page_prot, vm_ops and private_data are taken back`,
          place: { start: ctx.doc.source.pointAt(m.start), end: ctx.doc.source.pointAt(m.end) },
        });
      }
    }
    return out;
  },
};

export default rule;
