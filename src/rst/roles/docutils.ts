/**
 * docutils' standard (canonical) roles, reached through the English aliases (roles.py, 0.19).
 */
import type { Position, RstNode } from '../nodes.js';
import type { Level } from '../reporter.js';
import type { RoleContext, RoleSpec } from '../registry.js';
import { unescape } from '../inline/text.js';
import type { InlineRoleContext } from './types.js';

type Result = { nodes: RstNode[]; messages: RstNode[] };

/** Our role functions get an InlineRoleContext; tolerate a bare RoleContext (text only). */
function ictx(ctx: RoleContext): InlineRoleContext {
  const c = ctx as Partial<InlineRoleContext> & RoleContext;
  if (c.escaped === undefined) {
    return Object.assign(Object.create(ctx), {
      escaped: ctx.text,
      textPosition: ctx.position,
      options: {},
      content: [],
      problematic(raw: string, message: RstNode): RstNode {
        return { type: 'problematic', children: [{ type: 'text', value: raw }], attributes: {}, position: ctx.position, data: { message } };
      },
      textNode(value: string): RstNode {
        return { type: 'text', value, position: ctx.position };
      },
      textRange(): Position {
        return ctx.position;
      },
      report(level: Level, ruleId: string, text: string): RstNode {
        return ctx.reporter.system(level, ruleId, text, { line: ctx.lineno, position: ctx.position });
      },
    }) as InlineRoleContext;
  }
  return c as InlineRoleContext;
}

/** docutils `normalized_role_options`: `class` becomes `classes`. */
export function normalizedRoleOptions(options: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(options ?? {}) };
  if ('class' in out) {
    out.classes = out.class;
    delete out.class;
  }
  return out;
}

function node(ctx: InlineRoleContext, type: string, value: string, attributes: Record<string, unknown> = {}): RstNode {
  const n: RstNode = { type, children: [ctx.textNode(value)], position: ctx.position };
  if (Object.keys(attributes).length) n.attributes = attributes;
  return n;
}

function fail(ctx: InlineRoleContext, level: 2 | 3, ruleId: string, text: string): Result {
  const msg = ctx.report(level, ruleId, text);
  return { nodes: [ctx.problematic(ctx.rawtext, msg)], messages: [msg] };
}

/** A role that wraps the text in one node (docutils `GenericRole`). */
export function genericRole(nodeType: string): RoleSpec {
  return {
    run(c) {
      const ctx = ictx(c);
      return { nodes: [node(ctx, nodeType, unescape(ctx.escaped), normalizedRoleOptions(ctx.options))], messages: [] };
    },
  };
}

/** Python's int() on a string, for PEP/RFC numbers (NaN if invalid). */
function pyInt(text: string): number {
  const t = text.trim();
  if (!/^[+-]?[0-9]+(?:_[0-9]+)*$/.test(t)) return NaN;
  return parseInt(t.replace(/_/g, ''), 10);
}

const PEP_BASE_URL = 'https://peps.python.org/';
const RFC_BASE_URL = 'https://tools.ietf.org/html/';

const pepReference: RoleSpec = {
  run(c) {
    const ctx = ictx(c);
    const text = unescape(ctx.escaped);
    const pepnum = pyInt(text);
    if (!(pepnum >= 0 && pepnum <= 9999)) {
      return fail(ctx, 3, 'pep-number-invalid', `PEP number must be a number from 0 to 9999; "${text}" is invalid.`);
    }
    const refuri = PEP_BASE_URL + 'pep-' + String(pepnum).padStart(4, '0');
    return { nodes: [node(ctx, 'reference', 'PEP ' + text, { refuri, ...normalizedRoleOptions(ctx.options) })], messages: [] };
  },
};

const rfcReference: RoleSpec = {
  run(c) {
    const ctx = ictx(c);
    const text = unescape(ctx.escaped);
    const hash = text.indexOf('#');
    const numText = hash >= 0 ? text.slice(0, hash) : text;
    const section = hash >= 0 ? text.slice(hash + 1) : null;
    const rfcnum = pyInt(numText);
    if (!(rfcnum >= 1)) {
      return fail(ctx, 3, 'rfc-number-invalid', `RFC number must be a number greater than or equal to 1; "${text}" is invalid.`);
    }
    let refuri = RFC_BASE_URL + `rfc${rfcnum}.html`;
    if (section !== null) refuri += '#' + section;
    return { nodes: [node(ctx, 'reference', 'RFC ' + rfcnum, { refuri, ...normalizedRoleOptions(ctx.options) })], messages: [] };
  },
};

const raw: RoleSpec & { options: Record<string, unknown> } = {
  options: {},
  run(c) {
    const ctx = ictx(c);
    const options = normalizedRoleOptions(ctx.options);
    if (!('format' in options)) {
      return fail(
        ctx,
        3,
        'raw-role-without-format',
        `No format (Writer name) is associated with this role: "${ctx.name}".\n` +
          'The "raw" role cannot be used directly.\n' +
          'Instead, use the "role" directive to create a new role with an associated format.',
      );
    }
    return {
      nodes: [node(ctx, 'raw', unescape(ctx.escaped, true), { ...options, 'xml:space': 'preserve' })],
      messages: [],
    };
  },
};

const code: RoleSpec = {
  run(c) {
    const ctx = ictx(c);
    const options = normalizedRoleOptions(ctx.options);
    const language = typeof options.language === 'string' ? options.language : '';
    const classes = ['code'];
    if (Array.isArray(options.classes)) classes.push(...(options.classes as string[]));
    if (language && !classes.includes(language)) classes.push(language);
    const attributes: Record<string, unknown> = { ...options, classes };
    delete attributes.language;
    // Pygments tokens (with a language) are not reproduced: the text stays one leaf.
    return { nodes: [node(ctx, 'literal', unescape(ctx.escaped, true), attributes)], messages: [] };
  },
};

const math: RoleSpec = {
  run(c) {
    const ctx = ictx(c);
    return { nodes: [node(ctx, 'math', unescape(ctx.escaped, true), normalizedRoleOptions(ctx.options))], messages: [] };
  },
};

const unimplemented: RoleSpec = {
  run(c) {
    const ctx = ictx(c);
    return fail(ctx, 3, 'role-not-implemented', `Interpreted text role "${ctx.name}" not implemented.`);
  },
};

/** docutils' `_role_registry`: canonical name -> role. */
export const DOCUTILS_ROLES: Readonly<Record<string, RoleSpec>> = {
  abbreviation: genericRole('abbreviation'),
  acronym: genericRole('acronym'),
  emphasis: genericRole('emphasis'),
  literal: genericRole('literal'),
  strong: genericRole('strong'),
  subscript: genericRole('subscript'),
  superscript: genericRole('superscript'),
  'title-reference': genericRole('title_reference'),
  'pep-reference': pepReference,
  'rfc-reference': rfcReference,
  raw,
  code,
  math,
  index: unimplemented,
  'named-reference': unimplemented,
  'anonymous-reference': unimplemented,
  'uri-reference': unimplemented,
  'footnote-reference': unimplemented,
  'citation-reference': unimplemented,
  'substitution-reference': unimplemented,
  target: unimplemented,
  'restructuredtext-unimplemented-role': unimplemented,
};

/** docutils `generic_custom_role`: an `inline` with the role's classes (`.. role:: name`). */
export const genericCustomRole: RoleSpec = genericRole('inline');

/**
 * docutils `CustomRole`: `base` with options (`class` → classes, `format`, `language`) supplied by
 * a `.. role::` directive. The options a role accepts are docutils' business of the directive.
 */
export function customRole(base: RoleSpec, options: Record<string, unknown>): RoleSpec {
  return {
    run(c) {
      const ctx = ictx(c);
      const merged = { ...normalizedRoleOptions(options), ...normalizedRoleOptions(ctx.options) };
      const sub = Object.create(ctx) as InlineRoleContext;
      Object.defineProperty(sub, 'options', { value: merged, enumerable: true });
      return base.run(sub);
    },
  };
}
