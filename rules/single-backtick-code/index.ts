/**
 * single-backtick-code: `` `text` `` with no role is docutils' default role, `title_reference`,
 * which the kernel (no `default_role`) renders as italic `<cite>` — not code. When the text looks
 * like code, double backticks were meant. Sphinx never warns; this is the tree's most common silent
 * markup bug (2,152 uses in 6.12, 1,344 of them code-like).
 *
 * Fix: double the backticks (`` ``text`` ``). For exactly `func()`, `struct name` or a
 * `Documentation/...rst` path, which the kernel's automarkup links (title_reference text included),
 * the fix drops the backticks instead, as the doc-guide asks (kernel-doc.rst:441-444); double
 * backticks are then a suggestion. `` `text <url>` `` without the trailing underscores is a link
 * that lost its `__`: the fix adds it.
 */
import type { Finding, Rule, TextEdit } from '../../src/lint/types.js';
import type { RstNode } from '../../src/rst/nodes.js';
import { docFacts, ofType } from '../_shared/facts.js';
import { edit } from '../_shared/util.js';
import { toText } from '../../src/rst/nodes.js';

/** Does the text look like code rather than a title? Linear-time checks only. */
export function looksLikeCode(text: string): string | undefined {
  const t = text.trim();
  // bounded length keeps every check below linear in practice (titles are short)
  if (!t || t.length > 200) return undefined;
  if (/^[A-Za-z_][\w.>-]*\s*\([^()]*\)$/.test(t) || /[A-Za-z_]\w*\(\)/.test(t)) return 'a function call';
  if (/\(\s*\*/.test(t) || /[A-Za-z_]\w*\([^()]*\)/.test(t)) return 'a function call or declaration';
  if (t.includes('->')) return 'a member access';
  if (t.includes('::')) return 'a scoped name';
  if (/^(?:struct|union|enum|typedef)\s+[A-Za-z_]\w*/.test(t)) return 'a C type';
  if (/^0x[0-9a-fA-F]+$/.test(t)) return 'a number';
  if (/^-E[A-Z0-9]+$/.test(t)) return 'an error code';
  if (/^--?[A-Za-z]/.test(t)) return 'a command-line option';
  if (/^[A-Za-z0-9_]*[A-Za-z0-9]_[A-Za-z0-9_]*$|^_+[A-Za-z0-9]/.test(t)) return 'an identifier';
  if (/\w_\w/.test(t) && !/\s/.test(t)) return 'an identifier';
  if (/^[a-z_][a-z0-9_]*$/.test(t)) return 'an identifier';
  if (/^\*+[A-Za-z_]|[A-Za-z_]\w*\s*\*+\s*[A-Za-z_]?\w*$/.test(t) && !/\s\w+\s/.test(t)) return 'a pointer expression';
  if (/^[A-Za-z_]\w*\.[A-Za-z_]\w*(?:\.\w+)*$/.test(t)) return 'a file or member name';
  if (/^\.?\/?(?:[\w.-]+\/)+[\w.-]*$/.test(t) || /^\/[\w.-]+/.test(t)) return 'a path';
  if (/[;{}[\]<>&|=$%#]/.test(t) && !/^[A-Z][a-z]+ /.test(t)) return 'code';
  return undefined;
}

function rawOf(raw: string, n: RstNode): string | undefined {
  const p = n.position;
  if (!p) return undefined;
  return raw.slice(p.start.offset, p.end.offset);
}

/** What automarkup turns into links by itself: `name()`, `struct name` & co., `Documentation/...rst`.
 *  (A name ending in `_` would become an rst reference without the backticks: not included.) */
const AUTOLINKED = /^(?:[A-Za-z_]\w*[A-Za-z0-9]\(\)|(?:struct|union|enum|typedef) [A-Za-z_]\w*[A-Za-z0-9]|Documentation\/[\w/-]*[\w-]\.(?:rst|txt))$/;

/** Role text ending right before a backtick: `:name:`, `:name::`, `:name: ` (anchored at the end). */
const ROLE_BEFORE = /:[A-Za-z0-9](?:[-_+:.]?[A-Za-z0-9])*::?[ \t]*$/;

/** An embedded target: a URI, a fragment, a path, or an alias (`name_`). */
const LINK_TARGET = /^(?:[a-z][a-z0-9+.-]*:|#|\/|\.{1,2}\/)|[\w-]_$/i;

const rule: Rule = {
  meta: {
    id: 'single-backtick-code',
    description: 'Code in `single backticks` renders as italics (title_reference); use ``double backticks``.',
    defaultSeverity: 'warning',
    fixable: true,
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const { doc } = ctx;
    const raw = doc.source.raw;
    const out: Finding[] = [];
    const facts = docFacts(doc);
    for (const n of ofType(doc, 'title_reference')) {
      if (!n.position) continue;
      const src = rawOf(raw, n);
      // only the default-role spelling `text`; not :title-reference:`x` or `x`:t:
      if (!src || src.length < 3 || src[0] !== '`' || src[src.length - 1] !== '`' || src[1] === '`') continue;
      const text = toText(n);
      const inner = src.slice(1, -1);
      // guard: the source there must be this text (nodes from included files point elsewhere)
      if (inner.replace(/\s+/g, ' ') !== text.replace(/\s+/g, ' ') && !inner.includes('\\')) continue;
      const s = n.position.start.offset;
      const e = n.position.end.offset;
      // right after role text (`:c:macro::`x``, `:c:type: `x``, a role glued to a letter): one
      // construct, a malformed role, and malformed-role's fix makes it a role — doubling the
      // backticks too would give `:c:macro:``x``` (bounded look-behind: linear)
      if (ROLE_BEFORE.test(raw.slice(Math.max(0, s - 64), s))) continue;
      // (the edits are made for findings only: most title references are not one)
      const doubled = (): TextEdit[] => [edit(doc, s, s + 1, '``'), edit(doc, e - 1, e, '``')];
      const dropped = (): TextEdit[] => [edit(doc, s, s + 1, ''), edit(doc, e - 1, e, '')];
      // a fix must not change the length of a title (its adornment) or of a drawn table's cell
      const fixedWidth = facts.fixedWidth.has(n);
      // `text <url>` without the trailing underscore(s): a link was meant (docutils needs the
      // space before `<` for an embedded URI; `name<index>` is not one)
      const link = inner.length <= 300 ? /\S\s+<([^<>\s]+)>$/.exec(inner) : null;
      if (link && LINK_TARGET.test(link[1]!)) {
        const f: Finding = {
          ruleId: 'single-backtick-code',
          message: `\`${text.replace(/\s+/g, ' ')}\` renders in italics, not as a link: add '__' after the closing backtick`,
          place: n.position,
        };
        const add = [edit(doc, e, e, '__')];
        if (fixedWidth) f.suggestions = [{ message: "Add '__'", fix: add }];
        else f.fix = add;
        out.push(f);
        continue;
      }
      const why = looksLikeCode(text);
      if (!why) continue;
      const f: Finding = {
        ruleId: 'single-backtick-code',
        message: `\`${text}\` renders in italics, not as code: use double backticks for ${why}`,
        place: n.position,
      };
      const canDouble = !inner.includes('\\') && !inner.includes('`');
      if (AUTOLINKED.test(text) && !inner.includes('\\')) {
        // automarkup links these (title_reference text included): the doc-guide asks for plain text
        f.message = `\`${text}\` renders in italics: write ${text} without backticks (automarkup links it)`;
        f.suggestions = [];
        if (fixedWidth) f.suggestions.push({ message: `Write ${text} without backticks`, fix: dropped() });
        else f.fix = dropped();
        if (canDouble) f.suggestions.push({ message: `Use \`\`${text}\`\` (code, without the link)`, fix: doubled() });
      } else if (canDouble) {
        if (fixedWidth) f.suggestions = [{ message: `Use \`\`${text}\`\``, fix: doubled() }];
        else f.fix = doubled();
      }
      out.push(f);
    }
    return out;
  },
};

export default rule;
