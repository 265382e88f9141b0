/**
 * Hover: mm API names (the declaration in the configured profile, the profiles that have it or
 * renamed it, the contracts that mention it), `:ref:` / `:doc:` targets (title and first
 * paragraph), and code-block languages (the Pygments lexer the name selects).
 */
import type { LabelDef } from '../../project/index.js';
import type { RstNode } from '../../rst/nodes.js';
import { toText } from '../../rst/nodes.js';
import { regionsOf } from '../../contracts/doc/regions.js';
import { findMentions, type Mention } from '../../contracts/doc/mentions.js';
import { showType } from '../../contracts/doc/cdecl.js';
import { loadContracts } from '../../contracts/load.js';
import type { Contract } from '../../contracts/types.js';
import {
  availability, DEFAULT_PROFILE, formatProfiles, isKnownAnywhere, isProfileName, lookup, nameHistory, structsWithMember, suggest, surfaces,
  type FieldDecl, type SurfaceEntry, type SurfaceProfileName,
} from '../../model/surface/index.js';
import { isKnownLexer, lexerCandidates } from '../../../rules/code-block-lexer/index.js';
import type { FeatureHost } from './host.js';
import { hitAt } from './locate.js';
import { LEXER_BY_ALIAS } from './lexers.data.js';
import { identifierAt } from './text.js';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

const PREVIEW_MAX = 400;

export function hover(host: FeatureHost, path: string, offset: number): HoverResult | undefined {
  const hit = hitAt(host, path, offset);
  if (hit) {
    switch (hit.kind) {
      case 'ref': {
        const defs = host.index.labelDefinitions(hit.label);
        if (!defs.length) return { contents: `undefined label: \`${hit.label.toLowerCase()}\``, start: hit.start, end: hit.end };
        return { contents: labelPreview(host, defs[0]!) + (defs.length > 1 ? `\n\n(defined ${defs.length} times: ${defs.map((d) => d.path).join(', ')})` : ''), start: hit.start, end: hit.end };
      }
      case 'doc':
      case 'toctree':
      case 'path':
        if (hit.resolved === undefined) return { contents: `\`${hit.target}\` names no document`, start: hit.start, end: hit.end };
        if (!host.index.has(hit.resolved)) return { contents: `\`${hit.resolved}\``, start: hit.start, end: hit.end };
        return { contents: documentPreview(host, hit.resolved), start: hit.start, end: hit.end };
      case 'include':
        return { contents: hit.resolved ? `\`${hit.resolved}\`` : `\`${hit.target}\` does not exist under the docs root`, start: hit.start, end: hit.end };
      case 'lexer':
        return { contents: lexerHover(hit.name), start: hit.start, end: hit.end };
      default:
        break;
    }
  }
  return apiHover(host, path, offset);
}

// --------------------------------------------------------------------------------------------- labels and documents

function sectionsOf(tree: RstNode): RstNode[] {
  const out: RstNode[] = [];
  const go = (n: RstNode): void => {
    for (const c of n.children ?? []) {
      if (c.children === undefined || (c.data !== undefined && c.data.source !== undefined)) continue;
      if (c.type === 'section') out.push(c);
      go(c);
    }
  };
  go(tree);
  return out;
}

/** The first paragraph of a node's own content (before its subsections; theirs if it has none). */
function previewText(node: RstNode): string | undefined {
  const direct = (n: RstNode): string | undefined => {
    for (const c of n.children ?? []) {
      if (c.type === 'paragraph') return toText(c);
      if (c.type === 'section' || c.type === 'system_message' || c.type === 'comment' || c.type === 'title' || c.type === 'substitution_definition' || c.type === 'target') continue;
      if (c.children === undefined) continue;
      const r = direct(c);
      if (r) return r;
    }
    return undefined;
  };
  let t = direct(node);
  if (t === undefined) {
    const sub = node.children?.find((c) => c.type === 'section');
    if (sub) t = previewText(sub);
  }
  if (t === undefined) return undefined;
  t = t.replace(/\s+/g, ' ').trim();
  return t.length > PREVIEW_MAX ? t.slice(0, PREVIEW_MAX - 1) + '…' : t;
}

function titleOf(section: RstNode): string {
  const t = section.children?.find((c) => c.type === 'title');
  return t ? toText(t).replace(/\s+/g, ' ').trim() : '';
}

export function documentPreview(host: FeatureHost, path: string): string {
  const facts = host.index.getFacts(path);
  const doc = host.parsed(path);
  const title = facts?.sections.find((s) => s.fromInclude === undefined)?.title ?? path;
  const first = doc ? sectionsOf(doc.tree)[0] : undefined;
  const para = first ? previewText(first) : doc ? previewText(doc.tree) : undefined;
  return `**${escapeMd(title)}**  \n\`${path}\`` + (para ? `\n\n${escapeMd(para)}` : '');
}

export function labelPreview(host: FeatureHost, def: LabelDef): string {
  const file = def.fromInclude ?? def.path;
  const doc = host.parsed(def.path);
  let title = def.title;
  let para: string | undefined;
  if (doc && def.position && def.fromInclude === undefined) {
    const at = def.position.start.offset;
    const sections = sectionsOf(doc.tree);
    // a section label is the title itself; an explicit one precedes what it labels
    const sec = def.kind === 'section' ? sections.find((s) => s.children?.find((c) => c.type === 'title')?.position?.start.offset === at) : def.nodeType === 'section' ? sections.find((s) => (s.position?.start.offset ?? -1) >= def.position!.end.offset) : undefined;
    if (sec) {
      title = titleOf(sec);
      para = previewText(sec);
    } else {
      const next = nodeAfter(doc.tree, def.position.end.offset);
      if (next) para = previewText({ type: 'wrapper', children: [next] });
    }
  }
  const head = title ? `**${escapeMd(title)}**` : `label \`${def.name}\``;
  return `${head}  \n\`${file}\`` + (para ? `\n\n${escapeMd(para)}` : '');
}

function nodeAfter(tree: RstNode, offset: number): RstNode | undefined {
  let best: RstNode | undefined;
  const go = (n: RstNode): void => {
    for (const c of n.children ?? []) {
      if (best) return;
      if (c.data !== undefined && c.data.source !== undefined) continue;
      const p = c.position;
      if (!p) continue;
      if (p.start.offset >= offset && c.type !== 'target' && c.type !== 'text') {
        best = c;
        return;
      }
      if (p.end.offset > offset && c.children !== undefined) go(c);
    }
  };
  go(tree);
  return best;
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}

// --------------------------------------------------------------------------------------------- lexers

/** What Sphinx 5.3 does with a language name before asking Pygments (highlighting.py get_lexer). */
const SPHINX_LEXERS: Record<string, string> = {
  none: 'Text only (Sphinx: no highlighting)',
  default: "the project's highlight_language (the kernel's conf.py: `none`)",
  guess: "Pygments' guess_lexer (chosen from the block's text)",
  py: 'Python (Sphinx: Python console if the block starts with `>>>`)',
  python: 'Python (Sphinx: Python console if the block starts with `>>>`)',
  py3: 'Python (Sphinx: Python console if the block starts with `>>>`)',
  python3: 'Python (Sphinx: Python console if the block starts with `>>>`)',
  pycon: 'Python console session',
  pycon3: 'Python console session',
  rest: 'reStructuredText',
  c: 'C',
};

export function lexerHover(name: string): string {
  const n = name.toLowerCase();
  const special = SPHINX_LEXERS[n];
  if (special) return `Pygments lexer: **${special}** (\`${name}\`)`;
  const lexer = LEXER_BY_ALIAS[n];
  if (lexer) return `Pygments lexer: **${escapeMd(lexer)}** (\`${name}\`, Pygments 2.14)`;
  if (isKnownLexer(n, { pygments: '2.20' })) return `\`${name}\`: known to Pygments 2.20 but not to 2.14 (Debian 12); Sphinx there warns \`Pygments lexer name '${name}' is not known\``;
  const { candidates } = lexerCandidates(name);
  return `No Pygments lexer is called \`${name}\`: Sphinx warns \`Pygments lexer name '${name}' is not known\` and renders the block without highlighting.` + (candidates.length ? ` Did you mean ${candidates.map((c) => `\`${c}\``).join(', ')}?` : '');
}

// --------------------------------------------------------------------------------------------- mm API

let contracts: Contract[] | undefined;

function allContracts(): Contract[] {
  if (!contracts) {
    try {
      contracts = loadContracts(undefined, { schema: false }).contracts;
    } catch {
      contracts = [];
    }
  }
  return contracts;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Object names that stand for a struct in the contracts' statements. */
const STRUCT_OBJECTS: Record<string, string[]> = {
  vm_area_desc: ['desc', 'vm_area_desc'],
  file_operations: ['f_op', 'fops', 'file_operations'],
  vm_operations_struct: ['vm_ops', 'vm_operations_struct'],
  vm_area_struct: ['vma', 'vm_area_struct'],
  mmap_action: ['action', 'mmap_action'],
};

/** Contracts whose statement mentions a name (`struct.member` or bare). */
export function contractsMentioning(name: string): Contract[] {
  const dot = name.indexOf('.');
  let re: RegExp;
  if (dot > 0) {
    const struct = name.slice(0, dot);
    const member = name.slice(dot + 1);
    const objects = STRUCT_OBJECTS[struct] ?? [struct];
    // `desc->start`, `vm_ops->mapped`, `.mmap_prepare`, or a distinctive member on its own
    const alts = [...objects.map((o) => `\\b${escapeRe(o)}(?:->|\\.)${escapeRe(member)}\\b`), `\`${escapeRe(member)}\``];
    if (member.includes('_') && member.length > 6) alts.push(`\\b${escapeRe(member)}\\b`);
    re = new RegExp(alts.join('|'));
  } else re = new RegExp(`\\b${escapeRe(name)}\\b`);
  return allContracts().filter((c) => re.test(c.statement));
}

function fieldDecl(f: FieldDecl): string {
  if (f.fn) return `${showType(f.fn.returns)} (*${f.name})(${f.fn.params.map(showType).join(', ')});`;
  const t = showType(f.type);
  return t.endsWith('*') ? `${t}${f.name};` : `${t} ${f.name};`;
}

function declaration(e: SurfaceEntry, profile: SurfaceProfileName): string {
  switch (e.kind) {
    case 'member': {
      const inner = e.field.within ? `\tunion { struct { ${fieldDecl(e.field)} } ${e.field.within}; };` : `\t${fieldDecl(e.field)}`;
      return `struct ${e.struct} {\n${inner}${e.field.class ? `\t/* ${e.field.class} */` : ''}\n};`;
    }
    case 'helper': {
      const h = e.helper;
      const params = [...h.params, ...(h.variadic ? ['...'] : [])];
      return `${showType(h.returns)} ${h.name}(${params.join(', ')});`;
    }
    case 'struct': {
      const s = surfaces[profile].structs[e.name];
      if (!s) return `struct ${e.name};`;
      const body = s.fields.slice(0, 24).map((f) => `\t${f.within ? `/* ${f.within} */ ` : ''}${fieldDecl(f)}${f.class ? ` /* ${f.class} */` : ''}`);
      if (s.fields.length > 24 || !s.complete) body.push('\t/* ... */');
      return `struct ${e.name} {\n${body.join('\n')}\n};`;
    }
    case 'enum-member':
      return `enum ${e.enum} { ..., ${e.name}, ... };`;
    case 'enum':
      return `enum ${e.name} { ${surfaces[profile].enums[e.name]?.members.join(', ') ?? ''} };`;
    case 'flag':
      return `#define ${e.name} ...`;
    case 'type':
      return `typedef ... ${e.name};`;
  }
}

const KIND_TEXT: Record<SurfaceEntry['kind'], string> = {
  struct: 'struct', member: 'member', helper: 'helper', flag: 'flag', enum: 'enum', 'enum-member': 'enum member', type: 'type',
};

/** The API name at an offset: the mention the contract rules would see, else the identifier. */
function apiNameAt(host: FeatureHost, path: string, offset: number): { name: string; start: number; end: number } | undefined {
  const doc = host.parsed(path);
  const text = host.text(path);
  if (!doc || text === undefined) return undefined;
  const id = identifierAt(text, offset);
  if (!id) return undefined;
  let mention: Mention | undefined;
  for (const r of regionsOf(doc)) {
    if (r.start > id.start || r.end < id.end) continue;
    for (const m of findMentions(r)) if (m.start <= id.start && id.end <= m.end) mention = m;
    if (mention) break;
  }
  if (mention && (mention.kind === 'member' || mention.kind === 'initializer') && mention.struct) {
    return { name: `${mention.struct}.${mention.name}`, start: mention.start, end: mention.end };
  }
  // `desc->x` written in prose that the region scanner did not see as code
  const before = text.slice(Math.max(0, id.start - 40), id.start);
  const obj = /([A-Za-z_]\w*)\s*(?:->|\.)\s*$/.exec(before);
  if (obj) {
    for (const [struct, objects] of Object.entries(STRUCT_OBJECTS)) {
      if (objects.includes(obj[1]!) && isKnownAnywhere(`${struct}.${id.name}`)) return { name: `${struct}.${id.name}`, start: id.start, end: id.end };
    }
  }
  if (isKnownAnywhere(id.name)) return id;
  return undefined;
}

export function apiHover(host: FeatureHost, path: string, offset: number): HoverResult | undefined {
  const found = apiNameAt(host, path, offset);
  if (!found) return undefined;
  return { contents: apiDescription(found.name, isProfileName(host.profile) ? host.profile : DEFAULT_PROFILE), start: found.start, end: found.end };
}

/** The hover text of an mm API name for a profile. */
export function apiDescription(name: string, profile: SurfaceProfileName): string {
  const parts: string[] = [];
  const entry = lookup(profile, name);
  const shown = name.includes('.') ? name.replace('.', '->') : name;
  if (entry) {
    const what = entry.kind === 'member' && entry.field.fn ? `${entry.struct === 'file_operations' || entry.struct === 'vm_operations_struct' ? 'hook' : 'function pointer'} of \`struct ${entry.struct}\`` : entry.kind === 'member' ? `field of \`struct ${entry.struct}\`${entry.field.class ? ` (${entry.field.class} in mmap_prepare)` : ''}` : KIND_TEXT[entry.kind];
    parts.push(`**${shown}** — ${what}, kernel profile ${profile}`);
    parts.push('```c\n' + declaration(entry, profile) + '\n```');
    const note = entry.kind === 'member' ? entry.field.note : entry.kind === 'helper' ? entry.helper.note : undefined;
    if (note) parts.push(note);
  } else {
    parts.push(`**${shown}** — not in kernel profile ${profile}`);
    const bare = name.includes('.') ? name.slice(name.indexOf('.') + 1) : name;
    const others = name.includes('.') ? structsWithMember(profile, bare) : [];
    if (others.length) parts.push(`\`${bare}\` is a member of ${others.map((s) => `\`struct ${s}\``).join(', ')} in ${profile}`);
    const s = suggest(profile, name);
    if (s.length) parts.push(`Did you mean ${s.slice(0, 3).map((x) => `\`${x}\``).join(', ')}?`);
  }
  const avail = availability(name);
  if (avail) parts.push(avail.charAt(0).toUpperCase() + avail.slice(1) + '.');
  else if (!nameHistory(name)) parts.push('Not defined in any kdocs profile.');
  const cs = contractsMentioning(name);
  if (cs.length) {
    const lines = cs.slice(0, 8).map((c) => {
      const st = c.profiles.holds.includes(profile) ? 'holds' : c.profiles.fails.includes(profile) ? '**fails**' : 'n/a';
      const detail = [`holds: ${formatProfiles(c.profiles.holds) || '—'}`, ...(c.profiles.fails.length ? [`fails: ${formatProfiles(c.profiles.fails)}`] : [])].join('; ');
      return `- **${c.id}** (${st} in ${profile}; ${detail}): ${c.statement}`;
    });
    if (cs.length > 8) lines.push(`- … and ${cs.length - 8} more`);
    parts.push('Contracts:\n' + lines.join('\n'));
  }
  return parts.join('\n\n');
}
