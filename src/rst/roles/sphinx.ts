/**
 * Sphinx 5.3 and kernel roles. docutils does not know them; like the oracle (scripts/oracle.py)
 * each produces ONE node whose `type` is the registered role name (lower case: `ref`, `c:func`,
 * `func`), attributes `{role: name as written, text: interpreted text without escapes, title?,
 * target?}` (title/target only for the explicit-title syntax `title <target>`), and one text
 * child holding the title or the text.
 */
import type { RstNode } from '../nodes.js';
import type { RoleContext, RoleSpec } from '../registry.js';
import { unescape } from '../inline/text.js';
import { isSpace, cpAt } from '../inline/chars.js';
import type { InlineRoleContext } from './types.js';

/** Role names Sphinx 5.3 registers outside domains (with sphinx.ext.ifconfig/autosectionlabel). */
export const SPHINX_ROLES = [
  'abbr', 'any', 'command', 'dfn', 'download', 'eq', 'file', 'guilabel', 'index', 'kbd', 'mailheader',
  'makevar', 'manpage', 'menuselection', 'mimetype', 'newsgroup', 'pep', 'program', 'regexp', 'rfc',
  'samp',
] as const;

/** Domain roles (Sphinx 5.3). */
export const DOMAIN_ROLES: Readonly<Record<string, readonly string[]>> = {
  c: ['data', 'enum', 'enumerator', 'expr', 'func', 'macro', 'member', 'struct', 'texpr', 'type', 'union', 'var'],
  cpp: ['any', 'class', 'concept', 'enum', 'enumerator', 'expr', 'func', 'member', 'struct', 'texpr', 'type', 'union', 'var'],
  js: ['attr', 'class', 'data', 'func', 'meth', 'mod'],
  math: ['numref'],
  py: ['attr', 'class', 'const', 'data', 'exc', 'func', 'meth', 'mod', 'obj'],
  rst: ['dir', 'role'],
  std: ['doc', 'envvar', 'keyword', 'numref', 'option', 'ref', 'term', 'token'],
};

/** Roles of the kernel's Sphinx extensions (rstFlatTable). */
export const KERNEL_ROLES = ['cspan', 'rspan'] as const;

/** Domains whose roles are also valid unqualified: std always, c as the kernel's primary_domain. */
export const UNQUALIFIED_DOMAINS = ['std', 'c'] as const;

/** Every Sphinx/kernel role name (lower case, sorted). */
export function sphinxRoleNames(): string[] {
  const names = new Set<string>([...SPHINX_ROLES, ...KERNEL_ROLES]);
  for (const [dom, roles] of Object.entries(DOMAIN_ROLES)) {
    for (const r of roles) {
      names.add(`${dom}:${r}`);
      if ((UNQUALIFIED_DOMAINS as readonly string[]).includes(dom)) names.add(r);
    }
  }
  return [...names].sort();
}

export interface ExplicitTitle {
  /** title part (escaped text indices: [0, titleEnd)) */
  titleEnd: number;
  /** index of the `<` */
  lt: number;
}

/**
 * Sphinx's `explicit_title_re` = `^(.+?)\s*(?<!\x00)<(.*?)>$` (DOTALL) on the escaped text:
 * where the title ends and the `<` is, or null.
 */
export function matchExplicitTitle(escaped: string): ExplicitTitle | null {
  const n = escaped.length;
  if (n < 3 || escaped.charCodeAt(n - 1) !== 0x3e) return null;
  // the lazy title grows until whitespace* + unescaped '<' follows it; the first such '<' wins
  for (let w = escaped.indexOf('<', 1); w >= 0 && w <= n - 2; w = escaped.indexOf('<', w + 1)) {
    if (escaped.charCodeAt(w - 1) === 0) continue;
    let j = w;
    while (j > 1 && isSpace(cpAt(escaped, j - 1))) j--;
    return { titleEnd: j, lt: w };
  }
  return null;
}

/** Split `title <target>` (Sphinx XRefRole): unescaped title and target, or null. */
export function parseExplicitTitle(escaped: string): { title: string; target: string } | null {
  const m = matchExplicitTitle(escaped);
  if (!m) return null;
  return { title: unescape(escaped.slice(0, m.titleEnd)), target: unescape(escaped.slice(m.lt + 1, escaped.length - 1)) };
}

/** The placeholder role for a Sphinx/kernel role registered as `registeredName`. */
export function sphinxRole(registeredName: string): RoleSpec {
  const type = registeredName.toLowerCase();
  return {
    run(c: RoleContext) {
      const ctx = c as Partial<InlineRoleContext> & RoleContext;
      const escaped = ctx.escaped ?? ctx.text;
      const text = unescape(escaped);
      const attributes: Record<string, unknown> = { role: ctx.name, text };
      const m = matchExplicitTitle(escaped);
      let value = text;
      let pos = ctx.textPosition ?? ctx.position;
      let data: RstNode['data'];
      if (m) {
        value = unescape(escaped.slice(0, m.titleEnd));
        attributes.title = value;
        attributes.target = unescape(escaped.slice(m.lt + 1, escaped.length - 1));
        if (ctx.textRange) {
          pos = ctx.textRange(0, m.titleEnd);
          // for lint: where the title and the target (inside the angle brackets) are
          data = { titlePosition: pos, targetPosition: ctx.textRange(m.lt + 1, escaped.length - 1) };
        }
      } else if (ctx.textPosition) {
        data = { targetPosition: ctx.textPosition };
      }
      const child: RstNode = { type: 'text', value, position: pos };
      const node: RstNode = { type, attributes, children: [child], position: ctx.position };
      if (data) node.data = data;
      return { nodes: [node], messages: [] };
    },
  };
}
