/**
 * Completion: labels inside `:ref:`, documents inside `:doc:` and toctree bodies, directive names
 * after `.. `, role names, Pygments lexers after `code-block::`, `Documentation/` paths, and mm API
 * names of the configured profile in C code blocks. The context is read from the line before the
 * cursor (what is being typed is seldom valid rst yet), the tree only tells code blocks apart.
 */
import * as posix from 'node:path/posix';
import { stripSuffix } from '../../project/index.js';
import { dirname } from '../../project/toctree.js';
import { defaultRegistry } from '../../rst/parse.js';
import { DEFAULT_PROFILE, isProfileName, surfaces, type SurfaceProfileName } from '../../model/surface/index.js';
import { PYGMENTS_2_14_ALIASES, SPHINX_SPECIAL_NAMES } from '../../../rules/code-block-lexer/pygments.js';
import type { FeatureHost } from './host.js';
import { LANGUAGE_DIRECTIVES, lineAround, nodesAt } from './locate.js';
import { LEXER_BY_ALIAS } from './lexers.data.js';

export type CompletionKind = 'label' | 'document' | 'directive' | 'role' | 'lexer' | 'path' | 'struct' | 'field' | 'function' | 'constant' | 'type';

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** replaces text[start, end) */
  newText: string;
  start: number;
  end: number;
}

export interface CompletionList {
  items: Completion[];
  /** more items match than were returned: the client should ask again as the user types */
  incomplete: boolean;
}

/** The most items returned at once (the client filters what it has; it asks again when incomplete). */
export const MAX_ITEMS = 1000;

const EMPTY: CompletionList = { items: [], incomplete: false };

export function complete(host: FeatureHost, path: string, offset: number): CompletionList {
  const text = host.text(path);
  if (text === undefined) return EMPTY;
  const line = lineAround(text, offset);
  const before = text.slice(line.start, offset);
  // the rest of the word after the cursor is replaced too
  let wordEnd = offset;
  while (wordEnd < line.end && /[\w./-]/.test(text[wordEnd]!)) wordEnd++;

  let m = /:(?:std:)?ref:`(?:[^`<]*<)?([^`<>]*)$/.exec(before);
  if (m) return labels(host, m[1]!, offset - m[1]!.length, wordEnd);
  m = /:(?:std:)?doc:`(?:[^`<]*<)?([^`<>]*)$/.exec(before);
  if (m) return documents(host, path, m[1]!, offset - m[1]!.length, wordEnd);
  m = /^\s*\.\.\s+(?:code-block|sourcecode|code|highlight)::[ \t]*(\S*)$/.exec(before);
  if (m) return lexers(m[1]!, offset - m[1]!.length, wordEnd);
  m = /^\s*\.\.\s+([\w:-]*)$/.exec(before);
  if (m && !/^\s*\.\.\s+\S*::/.test(before)) return directives(m[1]!, offset - m[1]!.length, wordEnd, text, line.end);
  m = /(?:^|[^\w/])(Documentation\/[\w\-/.]*)$/.exec(before);
  if (m) return kernelPaths(host, m[1]!, offset - m[1]!.length, wordEnd);
  if (inToctreeBody(text, line.start)) {
    const typed = before.trimStart();
    if (!typed.startsWith(':')) return documents(host, path, typed, offset - typed.length, wordEnd);
  }
  const code = codeBlockAt(host, path, offset);
  if (code === 'c') return apiNames(host, before, offset, wordEnd);
  if (code) return EMPTY;
  m = /(?:^|[\s(['"{-])(:[\w:+.-]*)$/.exec(before);
  if (m && !/^\s*:[\w-]*$/.test(before)) return roles(m[1]!.slice(1), offset - m[1]!.length + 1, wordEnd);
  return EMPTY;
}

function finish(items: Completion[], total: number): CompletionList {
  return { items: items.slice(0, MAX_ITEMS), incomplete: total > MAX_ITEMS };
}

function labels(host: FeatureHost, typed: string, start: number, end: number): CompletionList {
  const want = typed.toLowerCase().replace(/\s+/g, ' ');
  const out: Completion[] = [];
  let total = 0;
  for (const [name, defs] of host.index.labels()) {
    if (!name.startsWith(want) && !(want.length > 1 && name.includes(want))) continue;
    total++;
    if (out.length >= MAX_ITEMS) continue;
    const d = defs[0]!;
    out.push({ label: name, kind: 'label', detail: `${d.title ? d.title + ' — ' : ''}${d.path}`, newText: name, start, end });
  }
  out.sort((a, b) => Number(!a.label.startsWith(want)) - Number(!b.label.startsWith(want)) || (a.label < b.label ? -1 : 1));
  return finish(out, total);
}

/** Document names as a `:doc:` or a toctree entry in `path` writes them: relative to its directory
 *  (documents below it), or from the root with a leading `/` (when typed so, or for the others). */
function documents(host: FeatureHost, path: string, typed: string, start: number, end: number): CompletionList {
  const here = dirname(path);
  const self = stripSuffix(path);
  const out: Completion[] = [];
  let total = 0;
  const absolute = typed.startsWith('/');
  const up = typed.startsWith('../');
  for (const p of host.index.documents()) {
    const d = stripSuffix(p);
    if (d === self) continue;
    let name: string;
    if (absolute) name = '/' + d;
    else {
      const rel = posix.relative('/' + here, '/' + d);
      if (rel.startsWith('../') && !up) {
        // outside this directory: offered from the root
        name = '/' + d;
      } else name = rel;
    }
    if (!name.startsWith(typed)) continue;
    total++;
    if (out.length >= MAX_ITEMS) continue;
    const title = host.index.getFacts(p)?.sections[0]?.title;
    out.push({ label: name, kind: 'document', ...(title ? { detail: title } : {}), newText: name, start, end });
  }
  // documents of this directory first, then deeper ones, then from the root
  const rank = (c: Completion): number => (c.label.startsWith('/') ? 2 : c.label.includes('/') ? 1 : 0);
  out.sort((a, b) => rank(a) - rank(b) || (a.label < b.label ? -1 : 1));
  return finish(out, total);
}

function kernelPaths(host: FeatureHost, typed: string, start: number, end: number): CompletionList {
  const out: Completion[] = [];
  let total = 0;
  for (const p of host.index.documents()) {
    const k = host.index.kernelPathOf(p);
    if (!k.startsWith('Documentation/') || !k.startsWith(typed)) continue;
    total++;
    if (out.length >= MAX_ITEMS) continue;
    const title = host.index.getFacts(p)?.sections[0]?.title;
    out.push({ label: k, kind: 'path', ...(title ? { detail: title } : {}), newText: k, start, end });
  }
  out.sort((a, b) => (a.label < b.label ? -1 : 1));
  return finish(out, total);
}

const LEXER_NAMES = [...new Set([...SPHINX_SPECIAL_NAMES, ...PYGMENTS_2_14_ALIASES])];

function lexers(typed: string, start: number, end: number): CompletionList {
  const t = typed.toLowerCase();
  const items: Completion[] = [];
  for (const n of LEXER_NAMES) {
    if (!n.startsWith(t)) continue;
    const detail = LEXER_BY_ALIAS[n] ?? (n === 'none' ? 'no highlighting' : n === 'default' ? 'highlight_language' : n === 'guess' ? 'guessed' : undefined);
    items.push({ label: n, kind: 'lexer', ...(detail ? { detail } : {}), newText: n, start, end });
  }
  return finish(items, items.length);
}

function directives(typed: string, start: number, end: number, text: string, lineEnd: number): CompletionList {
  const t = typed.toLowerCase();
  const hasColons = text.startsWith('::', end) || text.slice(end, lineEnd).trimStart().startsWith('::');
  const items: Completion[] = [];
  for (const name of [...defaultRegistry().directives.keys()].sort()) {
    if (!name.startsWith(t)) continue;
    items.push({ label: name, kind: 'directive', newText: hasColons ? name : `${name}:: `, start, end });
  }
  return finish(items, items.length);
}

function roles(typed: string, start: number, end: number): CompletionList {
  const t = typed.toLowerCase();
  const items: Completion[] = [];
  for (const name of [...defaultRegistry().roles.keys()].sort()) {
    if (!name.startsWith(t)) continue;
    items.push({ label: name, kind: 'role', newText: `${name}:`, start, end });
  }
  return finish(items, items.length);
}

/** Is the line starting at `lineStart` in the body of a `.. toctree::` (below it, more indented)? */
export function inToctreeBody(text: string, lineStart: number): boolean {
  const indentOf = (s: number): number => {
    let i = s;
    while (text[i] === ' ' || text[i] === '\t') i++;
    return i - s;
  };
  const mine = indentOf(lineStart);
  if (mine === 0) return false;
  let s = lineStart;
  for (let n = 0; n < 2000 && s > 0; n++) {
    const prevEnd = s - 1;
    let ps = prevEnd;
    while (ps > 0 && text[ps - 1] !== '\n') ps--;
    s = ps;
    const line = text.slice(ps, prevEnd).replace(/\r$/, '');
    if (!line.trim()) continue;
    const ind = indentOf(ps);
    if (ind >= mine) continue;
    return /^\s*\.\.\s+toctree::/.test(line);
  }
  return false;
}

/** The language of the code block the offset is in ('' for a literal block), or undefined. */
function codeBlockAt(host: FeatureHost, path: string, offset: number): string | undefined {
  const doc = host.parsed(path);
  if (!doc) return undefined;
  for (const n of nodesAt(doc, offset).reverse()) {
    const inv = n.data?.directive;
    if (inv && LANGUAGE_DIRECTIVES.has(inv.name.toLowerCase())) {
      const c = inv.contentPosition;
      if (c && c.start.offset <= offset && offset <= c.end.offset) return (inv.arguments[0] ?? '').trim().toLowerCase() || '';
      return undefined;
    }
    if (n.type === 'literal_block') return '';
  }
  return undefined;
}

/** Objects whose members the profile knows (`desc->`, `vm_ops->`...). */
const OBJECT_STRUCT: Record<string, string> = {
  desc: 'vm_area_desc', f_op: 'file_operations', fops: 'file_operations', vm_ops: 'vm_operations_struct',
  vma: 'vm_area_struct', new_vma: 'vm_area_struct', action: 'mmap_action',
};

function apiNames(host: FeatureHost, before: string, offset: number, end: number): CompletionList {
  const profile: SurfaceProfileName = isProfileName(host.profile) ? host.profile : DEFAULT_PROFILE;
  const s = surfaces[profile];
  const items: Completion[] = [];
  const member = /\b(\w+)\s*(?:->|\.)\s*(\w*)$/.exec(before);
  if (member && OBJECT_STRUCT[member[1]!]) {
    const struct = s.structs[OBJECT_STRUCT[member[1]!]!];
    const typed = member[2]!;
    for (const f of struct?.fields ?? []) {
      const name = f.within ? `${f.within}.${f.name}` : f.name;
      if (!name.startsWith(typed)) continue;
      items.push({ label: name, kind: 'field', detail: `${f.type}${f.class ? ` (${f.class})` : ''}`, newText: name, start: offset - typed.length, end });
    }
    return finish(items, items.length);
  }
  const m = /(?:^|[^\w])(\w+)$/.exec(before);
  const typed = m ? m[1]! : '';
  if (!typed) return EMPTY;
  const start = offset - typed.length;
  const add = (label: string, kind: CompletionKind, detail: string): void => {
    if (label.startsWith(typed)) items.push({ label, kind, detail, newText: label, start, end });
  };
  for (const h of Object.values(s.helpers)) add(h.name, 'function', `${h.returns} ${h.name}(${[...h.params, ...(h.variadic ? ['...'] : [])].join(', ')})`);
  for (const st of Object.keys(s.structs)) add(st, 'struct', `struct ${st}`);
  for (const f of s.flags) add(f, 'constant', 'flag');
  for (const e of Object.values(s.enums)) for (const x of e.members) add(x, 'constant', `enum ${e.name}`);
  for (const t of s.types) add(t.replace(/^(struct|enum|union) /, ''), 'type', t);
  items.sort((a, b) => (a.label < b.label ? -1 : 1));
  return finish(items, items.length);
}
