/**
 * Sphinx 5.3's and the kernel's directives, as generic placeholders that give the same tree as
 * kdocs' docutils oracle (scripts/oracle.py, "registered" mode) — see the convention in
 * index.ts — plus structured attributes the linter needs (toctree entries, code languages).
 */
import type { Position, RstNode } from '../nodes.js';
import type { DirectiveContext, DirectiveSpec, RoleSpec } from '../registry.js';
import { Registry } from '../registry.js';
import { anyOptions } from './options.js';
import { buildFlatTable } from './flattable.js';
import { el, lineAtOffset, sourceOf, spec, stamp, text } from './util.js';

// Names as the oracle registers them (Sphinx 5.3 app introspection + Documentation/sphinx/*.py).
export const SPHINX_DIRECTIVES = [
  'acks', 'centered', 'code', 'code-block', 'codeauthor', 'cssclass', 'default-domain',
  'default-role', 'deprecated', 'describe', 'highlight', 'hlist', 'ifconfig', 'index',
  'literalinclude', 'math', 'moduleauthor', 'object', 'only', 'rst-class', 'sectionauthor',
  'seealso', 'sourcecode', 'tabularcolumns', 'toctree', 'versionadded', 'versionchanged',
];
export const DOMAIN_DIRECTIVES: Record<string, string[]> = {
  c: ['alias', 'enum', 'enumerator', 'function', 'macro', 'member', 'namespace', 'namespace-pop',
    'namespace-push', 'struct', 'type', 'union', 'var'],
  cpp: ['alias', 'class', 'concept', 'enum', 'enum-class', 'enum-struct', 'enumerator', 'function',
    'member', 'namespace', 'namespace-pop', 'namespace-push', 'struct', 'type', 'union', 'var'],
  js: ['attribute', 'class', 'data', 'function', 'method', 'module'],
  py: ['attribute', 'class', 'classmethod', 'currentmodule', 'data', 'decorator', 'decoratormethod',
    'exception', 'function', 'method', 'module', 'property', 'staticmethod'],
  rst: ['directive', 'directive:option', 'role'],
  std: ['cmdoption', 'envvar', 'glossary', 'option', 'productionlist', 'program'],
};
export const KERNEL_DIRECTIVES = [
  'kernel-doc', 'flat-table', 'kernel-include', 'kernel-image', 'kernel-figure', 'kernel-render',
  'kernel-feat', 'kernel-abi', 'maintainers-include',
];
/** Domains whose directives are also registered unqualified (std always; c = primary_domain). */
export const UNQUALIFIED_DOMAINS = ['std', 'c'];

export function placeholderDirectiveNames(): string[] {
  const names = new Set<string>([...SPHINX_DIRECTIVES, ...KERNEL_DIRECTIVES]);
  for (const [dom, ds] of Object.entries(DOMAIN_DIRECTIVES)) {
    for (const d of ds) {
      names.add(`${dom}:${d}`);
      if (UNQUALIFIED_DOMAINS.includes(dom)) names.add(d);
    }
  }
  return [...names].sort();
}

/** Directives whose content is kept verbatim (one text child). */
export const VERBATIM = new Set([
  'code', 'code-block', 'sourcecode', 'toctree', 'kernel-doc', 'kernel-render', 'math', 'highlight',
  'literalinclude', 'productionlist', 'std:productionlist', 'index', 'tabularcolumns',
  'default-domain', 'default-role', 'sectionauthor', 'moduleauthor', 'codeauthor', 'centered',
  'kernel-include', 'kernel-feat', 'kernel-abi', 'maintainers-include',
  'c:namespace', 'c:namespace-push', 'c:namespace-pop', 'namespace', 'namespace-push', 'namespace-pop',
  'cpp:namespace', 'cpp:namespace-push', 'cpp:namespace-pop', 'py:currentmodule', 'program',
  'std:program', 'c:alias', 'alias', 'cpp:alias',
]);

const OBJECTS: Record<string, string[]> = {
  c: ['enum', 'enumerator', 'function', 'macro', 'member', 'struct', 'type', 'union', 'var'],
  cpp: ['class', 'concept', 'enum', 'enum-class', 'enum-struct', 'enumerator', 'function', 'member',
    'struct', 'type', 'union', 'var'],
  js: ['attribute', 'class', 'data', 'function', 'method', 'module'],
  py: ['attribute', 'class', 'classmethod', 'data', 'decorator', 'decoratormethod', 'exception',
    'function', 'method', 'module', 'property', 'staticmethod'],
  rst: ['directive', 'directive:option', 'role'],
  std: ['cmdoption', 'envvar', 'option'],
};

/** Bodies parsed like Sphinx's nested_parse_with_titles (titles allowed, fresh title styles). */
export const WITH_TITLES = new Set(['ifconfig', 'describe', 'object']);
for (const [dom, ns] of Object.entries(OBJECTS)) {
  for (const n of ns) {
    WITH_TITLES.add(`${dom}:${n}`);
    if (UNQUALIFIED_DOMAINS.includes(dom)) WITH_TITLES.add(n);
  }
}

const CODE_DIRECTIVES = new Set(['code', 'code-block', 'sourcecode', 'highlight']);

/** A toctree entry as Sphinx 5.3's TocTree.parse_content reads it. */
export interface ToctreeEntry {
  /** 'doc' (a document name), 'url', 'self' or 'glob' (a pattern, with :glob:). */
  kind: 'doc' | 'url' | 'self' | 'glob';
  /** Explicit title (`Title <target>`), if any. */
  title?: string;
  /** The target as written (for docs: before suffix removal and absolutisation). */
  target: string;
  /** Document name: suffix `.rst`/`.txt` removed, not yet joined with the current doc's folder. */
  docname?: string;
  /** The whole entry line. */
  position: Position;
  /** The target text (inside `<...>` for explicit titles). */
  targetPosition: Position;
}

const EXPLICIT_TITLE = /^(.+?)\s*(?<!\x00)<(.*?)>$/s;
const GLOB_RE = /[*?[]/;
const URL_RE = /^.+:\/\//s;

function parseToctree(ctx: DirectiveContext, node: RstNode): void {
  const o = ctx.rawOptions;
  const attrs = node.attributes!;
  const glob = 'glob' in o;
  const entries: ToctreeEntry[] = [];
  for (const line of ctx.content) {
    const entry = line.text.trim();
    if (!entry) continue;
    const lead = line.text.length - line.text.trimStart().length;
    const col = line.col + lead;
    const src = line.src ?? ctx.source;
    const position = src.range(line.index, col, line.index, col + entry.length);
    const m = EXPLICIT_TITLE.exec(entry);
    let target: string;
    let targetPosition: Position;
    let title: string | undefined;
    if (m) {
      title = m[1]!;
      target = m[2]!;
      const tcol = col + entry.lastIndexOf('<') + 1;
      targetPosition = src.range(line.index, tcol, line.index, tcol + target.length);
    } else {
      target = entry;
      targetPosition = position;
    }
    let kind: ToctreeEntry['kind'];
    if (glob && GLOB_RE.test(entry) && !m && !URL_RE.test(entry)) kind = 'glob';
    else if (URL_RE.test(target)) kind = 'url';
    else if (target === 'self') kind = 'self';
    else kind = 'doc';
    const e: ToctreeEntry = { kind, target, position, targetPosition };
    if (title !== undefined) e.title = title;
    if (kind === 'doc') e.docname = target.replace(/\.(rst|txt)$/, '');
    entries.push(e);
  }
  attrs.entries = entries;
  attrs.glob = glob;
  attrs.hidden = 'hidden' in o;
  attrs.includehidden = 'includehidden' in o;
  attrs.titlesonly = 'titlesonly' in o;
  attrs.reversed = 'reversed' in o;
  const maxdepth = o.maxdepth != null ? Number.parseInt(o.maxdepth, 10) : NaN;
  attrs.maxdepth = Number.isFinite(maxdepth) ? maxdepth : -1;
  const numbered = o.numbered;
  attrs.numbered = numbered === undefined ? 0 : numbered === null || numbered.trim() === '' ? 999 : Number.parseInt(numbered, 10) || 0;
  if (o.caption != null) attrs.caption = o.caption;
  attrs.includeSelf = entries.some((e) => e.kind === 'self');
}

function codeLanguage(ctx: DirectiveContext, lname: string, node: RstNode): void {
  const attrs = node.attributes!;
  let language: string | undefined;
  let position: Position | undefined;
  if (lname === 'literalinclude') {
    const l = ctx.rawOptions.language;
    if (l != null) language = l.trim();
  } else if (ctx.arguments.length) {
    language = ctx.arguments[0]!.trim();
    position = ctx.argumentPositions[0];
  }
  if (language !== undefined) {
    attrs.language = language;
    if (position) {
      // the first word only (the argument may carry more text)
      const word = language.split(/\s+/)[0]!;
      const src = sourceOf(ctx);
      const start = lineAtOffset(src, position.start.offset);
      attrs.languagePosition = src.range(start.index, start.col, start.index, start.col + word.length);
    }
  }
}

function placeholder(registeredName: string): DirectiveSpec {
  const lname = registeredName.toLowerCase();
  return spec({
    requiredArguments: 0,
    optionalArguments: 1,
    finalArgumentWhitespace: true,
    optionSpec: anyOptions(),
    hasContent: true,
    run(ctx) {
      const options: Record<string, string> = {};
      for (const [k, v] of Object.entries(ctx.rawOptions)) options[k] = v ?? '';
      const node = el(lname, { name: ctx.name, arguments: [...ctx.arguments], options });
      stamp(ctx, node, ctx.lineno);
      if (lname === 'toctree') parseToctree(ctx, node);
      if (CODE_DIRECTIVES.has(lname) || lname === 'literalinclude') codeLanguage(ctx, lname, node);
      if (VERBATIM.has(lname)) {
        if (ctx.content.length) {
          const value = ctx.content.map((l) => l.text).join('\n');
          node.children!.push(text(value, sourceOf(ctx).linesRange(ctx.content)));
        }
        return [node];
      }
      if (lname === 'only') {
        ctx.nestedParse(ctx.content, node, { matchTitles: true, sphinxOnly: true });
        if (node.data?.hoisted) return [];
        return [node];
      }
      if (WITH_TITLES.has(lname)) {
        ctx.nestedParse(ctx.content, node, { matchTitles: true, freshTitleStyles: true });
        return [node];
      }
      if (ctx.content.length) ctx.nestedParse(ctx.content, node);
      if (lname === 'flat-table') buildFlatTable(ctx, node);
      return [node];
    },
  });
}

/** The kernel's `:cspan:` / `:rspan:` roles as the oracle's placeholders (when P2's set lacks them). */
function placeholderRole(lname: string): RoleSpec {
  return {
    run(ctx) {
      const node: RstNode = {
        type: lname,
        attributes: { role: ctx.name, text: ctx.text },
        children: [{ type: 'text', value: ctx.text }],
        position: ctx.position,
      };
      return { nodes: [node], messages: [] };
    },
  };
}

export function registerSphinxDirectives(registry: Registry): void {
  for (const name of placeholderDirectiveNames()) registry.directive(name, placeholder(name));
  for (const r of ['cspan', 'rspan']) if (!registry.roles.has(r)) registry.role(r, placeholderRole(r));
}
