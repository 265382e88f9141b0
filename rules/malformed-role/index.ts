/**
 * malformed-role: role markup that docutils does not read as a role and leaves in the output,
 * silently: `:c:macro::`NAME`` (an extra colon: renders as the text `:c:macro::` then
 * `<cite>NAME</cite>`), `:ref::ref:`x`` (a doubled role), and role names glued to their text
 * without a backtick (`:c:macro:´name``, `:ref:foo`).
 *
 * Fix: drop the extra colon / the doubled role. Role names without backticks get no fix.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import type { RstNode } from '../../src/rst/nodes.js';
import { docFacts } from '../_shared/facts.js';
import { edit, span } from '../_shared/util.js';

/** Roles the kernel's Sphinx knows (docutils, Sphinx std and C domain, kernel extensions). */
export const KNOWN_ROLES = new Set([
  'ref', 'doc', 'numref', 'term', 'kbd', 'file', 'manpage', 'menuselection', 'download', 'math', 'code',
  'sub', 'sup', 'subscript', 'superscript', 'abbr', 'command', 'envvar', 'option', 'program', 'samp',
  'emphasis', 'strong', 'literal', 'title-reference', 'pep', 'rfc', 'cspan', 'rspan', 'any', 'keyword',
  'func', 'type', 'macro', 'member', 'data', 'var', 'struct', 'union', 'enum', 'enumerator', 'expr', 'texpr',
  'c:func', 'c:type', 'c:macro', 'c:member', 'c:data', 'c:var', 'c:struct', 'c:union', 'c:enum',
  'c:enumerator', 'c:expr', 'c:texpr', 'std:ref', 'std:doc', 'std:term',
]);

/** `:name:` or `:name::` ending `text` at `end` (exclusive); returns its start. */
function roleAt(text: string, end: number): { start: number; name: string; extra: boolean } | undefined {
  let e = end;
  let extra = false;
  if (text[e - 1] !== ':') return undefined;
  if (text[e - 2] === ':') {
    extra = true;
    e--;
  }
  // text[e-1] is the closing ':'; scan the name backwards
  let s = e - 1;
  while (s > 0 && /[A-Za-z0-9_+.:-]/.test(text[s - 1]!)) s--;
  // s-1 must be the opening ':'; the name is text[s..e-1) but may itself start with ':'
  const chunk = text.slice(s, e - 1);
  const firstColon = chunk.indexOf(':');
  let name = chunk;
  let open = s - 1;
  if (text[s - 1] !== ':') {
    if (firstColon !== 0) return undefined;
    name = chunk.slice(1);
    open = s;
  }
  if (!/^[A-Za-z0-9](?:[-_+:.]?[A-Za-z0-9])*$/.test(name) || name.length > 40) return undefined;
  return { start: open, name: name.toLowerCase(), extra };
}

const rule: Rule = {
  meta: {
    id: 'malformed-role',
    description: 'Role markup docutils leaves as text (`:c:macro::`, `:ref::ref:`, a role name without backticks).',
    defaultSeverity: 'warning',
    fixable: true,
    // the `` `text` `` after a malformed role is part of it, not a title reference of its own
    supersedes: [{ rule: 'single-backtick-code' }],
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const { doc } = ctx;
    const raw = doc.source.raw;
    const out: Finding[] = [];
    for (const info of docFacts(doc).texts) {
      if (info.inMarkup) continue;
      const kids = info.parent.children!;
      const i = info.index;
      const t = info.node;
      {
        if (!t.value || !t.position) continue;
        const next: RstNode | undefined = kids[i + 1];
        const end = t.position.end.offset;
        const adjacent = next?.position && next.position.start.offset === end;
        const isInterp = next && (next.type === 'title_reference' || typeof next.attributes?.role === 'string');
        if (adjacent && isInterp) {
          const rawText = raw.slice(t.position.start.offset, end);
          const r = roleAt(rawText, rawText.length);
          if (r && KNOWN_ROLES.has(r.name)) {
            const s = t.position.start.offset + r.start;
            if (r.extra && next!.type === 'title_reference') {
              out.push({
                ruleId: 'malformed-role',
                message: `Malformed role ':${r.name}::': the extra colon leaves ':${r.name}::' in the output and the text in italics; write ':${r.name}:\`...\`'`,
                place: span(doc, s, end),
                fix: [edit(doc, end - 1, end, '')],
              });
              continue;
            }
            // a role glued to a letter (CJK text has no spaces): inline markup must follow a
            // space or punctuation, so docutils leaves the role as text and `x` is a title
            // reference; an escaped space (`\ `) separates them without printing anything
            const before = s > 0 ? raw[s - 1] : undefined;
            if (!r.extra && next!.type === 'title_reference' && before !== undefined && /[\p{L}\p{N}\p{M}]/u.test(before)) {
              out.push({
                ruleId: 'malformed-role',
                message: `Role ':${r.name}:' right after '${before}' is not recognised (inline markup must follow a space or punctuation): it is left in the output as text and the text renders in italics; write '\\ ' before the role`,
                place: span(doc, s, end),
                fix: [edit(doc, s, s, '\\ ')],
              });
              continue;
            }
            if (!r.extra && next!.type !== 'title_reference') {
              out.push({
                ruleId: 'malformed-role',
                message: `Doubled role ':${r.name}:': it is left in the output as text`,
                place: span(doc, s, end),
                fix: [edit(doc, s, end, '')],
              });
              continue;
            }
          }
        }
        // a role separated from its backticks by blanks: `:ref: `x <label>`` (the role is left as
        // text and the rest becomes a title_reference)
        if (adjacent && next!.type === 'title_reference') {
          const rawText = raw.slice(t.position.start.offset, end);
          const trimmed = rawText.replace(/[ \t]+$/, '');
          if (trimmed.length < rawText.length) {
            const r = roleAt(trimmed, trimmed.length);
            if (r && !r.extra && KNOWN_ROLES.has(r.name)) {
              const s = t.position.start.offset + r.start;
              const blankStart = t.position.start.offset + trimmed.length;
              out.push({
                ruleId: 'malformed-role',
                message: `Role ':${r.name}:' is separated from its text by a space: it is left in the output as text and the text renders in italics`,
                place: span(doc, s, end),
                fix: [edit(doc, blankStart, end, '')],
              });
              continue;
            }
          }
        }
        // role names standing in text: `:c:func: foo()`, `:ref:foo`
        const v = raw.slice(t.position.start.offset, end);
        for (let k = v.indexOf(':'); k >= 0 && k < v.length; k = v.indexOf(':', k + 1)) {
          if (k > 0 && !/[\s(["']/.test(v[k - 1]!)) continue;
          let j = k + 1;
          while (j < v.length && /[A-Za-z0-9_+.:-]/.test(v[j]!)) j++;
          // the name ends at the last ':' of the run
          const run = v.slice(k, j);
          const last = run.lastIndexOf(':');
          if (last <= 0) continue;
          const name = run.slice(1, last).toLowerCase();
          if (!KNOWN_ROLES.has(name) || !name.includes(':') && !['ref', 'doc', 'c:func', 'c:type'].includes(name)) continue;
          const after = v[k + last + 1];
          // `:c:type: references` in prose about roles is fine; `:c:macro:´x`, `:ref:foo` are not
          // (an escaped backtick, `:c:type:\`foo\``, shows the syntax on purpose)
          if (after === '`' || after === '\\' || after === undefined || /\s/.test(after)) continue;
          const s = t.position.start.offset + k;
          out.push({
            ruleId: 'malformed-role',
            message: `Role ':${name}:' without backticks is left in the output as text; write ':${name}:\`...\`'`,
            place: span(doc, s, s + last + 1),
          });
          k = k + last;
        }
      }
    }
    return out;
  },
};

export default rule;
