/**
 * Finds mentions of mm API names in a region's text (a literal, a role, a C code block, prose):
 * `struct X`, member accesses (`desc->start`, `file->f_op->mmap_prepare`, `desc->action.remap.start`),
 * designated initialisers (`.mmap_prepare = f` inside `struct file_operations x = {`), calls and
 * bare identifiers. Linear scans, no backtracking regexes over user text.
 */
import type { Region } from './regions.js';

export type MentionKind = 'struct' | 'member' | 'initializer' | 'call' | 'ident';

export interface Mention {
  kind: MentionKind;
  /** The identifier as written. */
  name: string;
  /** For members and initialisers: the struct the object resolves to (undefined if unknown). */
  struct?: string;
  /** For members: the union/sub-struct name (`remap` in `action.remap.start`). */
  within?: string;
  /** The struct was guessed from a conventional object name (`desc`, `action`), not declared. */
  inferred?: boolean;
  /** Absolute source offsets of the identifier. */
  start: number;
  end: number;
  /** For calls: the argument count (-1 if the parentheses are not closed in the region; 'mention' for `foo()` with no args). */
  args?: number;
  /** For calls: whether the arguments contain `...` (a variadic placeholder). */
  ellipsis?: boolean;
}

/** Names whose presence anywhere in a document's text (as substrings) make it about the
 *  mmap_prepare API (so `desc` is a vm_area_desc). */
export const DESC_API_NAMES: readonly string[] = ['vm_area_desc', 'mmap_prepare', 'mmap_action'];
const DESC_API = new RegExp(DESC_API_NAMES.join('|'));

/** Is this document about the mmap_prepare API at all (so `desc` is a vm_area_desc)? */
export function mentionsDescApi(raw: string): boolean {
  return DESC_API.test(raw);
}

/** Structs whose members guessed from a conventional object name are kept only in documents
 *  about the descriptor API (`keepMention`). */
export const DESC_API_STRUCTS: readonly string[] = ['vm_area_desc', 'mmap_action'];

/** Drop members guessed from `desc`/`action` in documents that never name the descriptor API
 *  (`desc->action` is an irq_desc in genericirq.rst). */
export function keepMention(m: Mention, descApi: boolean): boolean {
  return !(m.inferred && !descApi && (m.struct === 'vm_area_desc' || m.struct === 'mmap_action'));
}

/** Conventional object names (how the kernel and its docs name these pointers). */
export const OBJECT_STRUCT: Readonly<Record<string, string>> = {
  desc: 'vm_area_desc',
  f_op: 'file_operations',
  fops: 'file_operations',
  vm_ops: 'vm_operations_struct',
  vma: 'vm_area_struct',
  new_vma: 'vm_area_struct',
  action: 'mmap_action',
};

/** Members whose type is another modelled struct. */
export const MEMBER_STRUCT: Readonly<Record<string, string>> = {
  'vm_area_desc.action': 'mmap_action',
  'vm_area_desc.vm_ops': 'vm_operations_struct',
  'vm_area_struct.vm_ops': 'vm_operations_struct',
  'file.f_op': 'file_operations',
  '*.f_op': 'file_operations',
};
/** The names `OBJECT_STRUCT[name]` gives a value for, by length: its keys and, as it is an object
 *  literal, what it inherits (`constructor`...). */
const OBJECT_KEYS_BY_LENGTH: string[][] = [];
for (const k of [...Object.keys(OBJECT_STRUCT), ...Object.getOwnPropertyNames(Object.prototype)]) (OBJECT_KEYS_BY_LENGTH[k.length] ??= []).push(k);

/** `OBJECT_STRUCT[text.slice(s, e)]` without making the string (a keyed load with a new string
 *  hashes and looks it up for every word of every paragraph). */
function objectStructAt(text: string, s: number, e: number): string | undefined {
  const keys = OBJECT_KEYS_BY_LENGTH[e - s];
  if (keys === undefined) return undefined;
  for (const k of keys) if (text.startsWith(k, s)) return OBJECT_STRUCT[k];
  return undefined;
}

/** Is `text.slice(s, e)` the word `w`? */
function wordAt(text: string, s: number, e: number, w: string): boolean {
  return e - s === w.length && text.startsWith(w, s);
}

const SUBSTRUCTS: Record<string, string[]> = { mmap_action: ['remap', 'simple_ioremap', 'map_kernel'] };

/** A character of a C identifier ([0-9A-Za-z_]). */
export function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** What `/\s/` matches (ECMAScript WhiteSpace and LineTerminator). */
export function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Blank out C comments and string/char literals (keeping offsets) in code regions. Text between
 *  them is copied in runs (one slice per run, not one concatenation per character). */
export function blankCode(text: string): string {
  let out = '';
  let run = 0; // start of the text not yet copied
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */) {
      const d = text.charCodeAt(i + 1);
      if (d === 42 /* * */) {
        const j = text.indexOf('*/', i + 2);
        const e = j < 0 ? n : j + 2;
        out += text.slice(run, i) + text.slice(i, e).replace(/[^\n]/g, ' ');
        i = run = e;
        continue;
      }
      if (d === 47) {
        let j = text.indexOf('\n', i);
        if (j < 0) j = n;
        out += text.slice(run, i) + ' '.repeat(j - i);
        i = run = j;
        continue;
      }
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== c && text.charCodeAt(j) !== 10) j += text.charCodeAt(j) === 92 /* \\ */ ? 2 : 1;
      const e = Math.min(n, j + 1);
      out += text.slice(run, i) + text[i] + ' '.repeat(Math.max(0, e - i - 2)) + (e - i >= 2 ? text[e - 1] : '');
      i = run = e;
      continue;
    }
    i++;
  }
  return run === 0 ? text : out + text.slice(run);
}

interface Tok {
  name: string;
  s: number;
  e: number;
}

/** Variables declared with a modelled struct pointer type: `struct vm_area_desc *d` → d. */
function declaredVars(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  const re = /\bstruct\s+([A-Za-z_]\w*)\s*\*+\s*(?:const\s+)?([A-Za-z_]\w*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) vars.set(m[2]!, m[1]!);
  return vars;
}

/** The struct a `.member =` initialiser belongs to: the nearest unclosed `struct T name = {`. */
function initializerStruct(text: string, at: number): string | undefined {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth === 0) {
        const head = text.slice(Math.max(0, i - 200), i);
        const m = /struct\s+([A-Za-z_]\w*)\s+[A-Za-z_]\w*(?:\[\])?\s*=\s*$/.exec(head);
        return m ? m[1] : undefined;
      }
      depth--;
    }
  }
  return undefined;
}

function skipSpaceBack(text: string, i: number): number {
  while (i > 0 && isSpaceCode(text.charCodeAt(i - 1))) i--;
  return i;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** Count top-level arguments of the call whose `(` is at `open`. */
function countArgs(text: string, open: number): { args: number; ellipsis: boolean } {
  let depth = 0;
  let args = 0;
  let any = false;
  let ellipsis = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth > 1) any = true;
      continue;
    }
    if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return { args: any ? args + 1 : 0, ellipsis };
      continue;
    }
    if (depth === 1) {
      if (c === ',') args++;
      else if (!isJsSpace(c.charCodeAt(0))) any = true;
      if (c === '.' && text.startsWith('...', i)) ellipsis = true;
    }
  }
  return { args: -1, ellipsis };
}

export function findMentions(region: Region): Mention[] {
  const raw = region.kind === 'code' ? blankCode(region.text) : region.text;
  const base = region.start;
  const out: Mention[] = [];
  const prose = region.kind === 'prose';
  const vars = prose ? new Map<string, string>() : declaredVars(raw);
  // resolved struct of the expression that ends at a given offset (for chains)
  const exprStruct = new Map<number, { struct?: string; within?: string; inferred?: boolean }>();
  // identifiers: maximal runs of [A-Za-z0-9_] that start with a letter or `_` (a run that starts
  // with a digit is a number or glued to one: no identifier)
  const len = raw.length;
  let at = 0;
  while (at < len) {
    const c0 = raw.charCodeAt(at);
    if (!isWordCode(c0)) {
      at++;
      continue;
    }
    const i = at;
    let end = at + 1;
    let under = c0 === 95;
    for (; end < len; end++) {
      const c = raw.charCodeAt(end);
      if (!isWordCode(c)) break;
      if (c === 95) under = true;
    }
    at = end;
    if (c0 <= 57) continue;
    if (prose && !under) {
      // fast path for plain words: only object names (desc->), member names (->x, .x), calls and
      // the word before a struct name matter (read in place: no string is made for the word)
      // (reads inside the text only: one past either end deoptimises the compiled loop, and a
      // cold lint then compiles it again; -1 is no character, as NaN was)
      const pc = i > 0 ? raw.charCodeAt(i - 1) : -1;
      const nc = end < len ? raw.charCodeAt(end) : -1;
      if (pc !== 62 && pc !== 46 && nc !== 40 && nc !== 45 && nc !== 46 && !wordAt(raw, i, end, 'struct') && !wordAt(raw, i, end, 'enum')) {
        const st0 = objectStructAt(raw, i, end);
        if (st0 || wordAt(raw, i, end, 'file')) exprStruct.set(end, { struct: st0 ?? 'file', inferred: true });
        continue;
      }
    }
    const tok: Tok = { name: raw.slice(i, end), s: i, e: end };
    const before = skipSpaceBack(raw, tok.s);
    const prev2 = raw.slice(Math.max(0, before - 2), before);
    const prev1 = raw[before - 1];
    const after = skipSpace(raw, tok.e);
    // struct X / enum X
    const kw = before >= 4 && /[a-z]/.test(raw[before - 1]!) && /(?:^|[^A-Za-z0-9_])(struct|enum|union)$/.exec(raw.slice(Math.max(0, before - 7), before));
    if (kw) {
      out.push({ kind: 'struct', name: tok.name, start: base + tok.s, end: base + tok.e });
      exprStruct.set(tok.e, { struct: tok.name });
      continue;
    }
    const dotInit = prev1 === '.' && before === tok.s && raw[before - 2] !== '.';
    const dotAccess = dotInit && before >= 2 && (isWordCode(raw.charCodeAt(before - 2)) || raw[before - 2] === ')' || raw[before - 2] === ']');
    if (prev2 === '->' || dotInit) {
      const objEnd = skipSpaceBack(raw, prev2 === '->' ? before - 2 : before - 1);
      // designated initialiser: `.name =` at the start of an element
      const lead = raw[skipSpaceBack(raw, before - 1) - 1];
      if (dotInit && !dotAccess && (lead === '{' || lead === ',' || lead === undefined) && raw[after] === '=' && raw[after + 1] !== '=') {
        const st = initializerStruct(raw, before - 1);
        out.push({ kind: 'initializer', name: tok.name, struct: st, start: base + tok.s, end: base + tok.e });
        continue;
      }
      if (prev2 !== '->' && !dotAccess) {
        exprStruct.set(tok.e, {});
        continue;
      }
      let obj = exprStruct.get(objEnd);
      if (!obj) {
        // the object is a plain identifier (or a parenthesised/indexed expression we do not follow)
        const om = /([A-Za-z_]\w*)$/.exec(raw.slice(Math.max(0, objEnd - 64), objEnd));
        if (om) {
          const oname = om[1]!;
          const st = vars.get(oname) ?? OBJECT_STRUCT[oname];
          obj = { struct: st, inferred: !vars.has(oname) };
          if (!st && oname === 'file') obj = { struct: 'file' };
        } else obj = {};
      }
      let struct = obj.struct;
      let within = obj.within;
      const inferred = obj.inferred === true;
      if (tok.name === 'f_op') {
        exprStruct.set(tok.e, { struct: 'file_operations' });
        continue;
      }
      if (struct && SUBSTRUCTS[struct]?.includes(tok.name) && !within) {
        exprStruct.set(tok.e, { struct, within: tok.name, inferred });
        out.push({ kind: 'member', name: tok.name, struct, inferred, start: base + tok.s, end: base + tok.e });
        continue;
      }
      if (struct && struct !== 'file') {
        out.push({ kind: 'member', name: tok.name, struct, within, inferred, start: base + tok.s, end: base + tok.e });
      }
      const next = struct ? (MEMBER_STRUCT[`${struct}.${tok.name}`] ?? MEMBER_STRUCT[`*.${tok.name}`]) : MEMBER_STRUCT[`*.${tok.name}`];
      exprStruct.set(tok.e, next ? { struct: next, inferred } : {});
      struct = undefined;
      within = undefined;
      continue;
    }
    if (region.kind === 'prose' && raw[after] !== '(' && !tok.name.includes('_')) {
      // plain words in prose are never API names; keep only their object role (`desc->`)
      const st0 = objectStructAt(raw, tok.s, tok.e);
      if (st0 || tok.name === 'file') exprStruct.set(tok.e, { struct: st0 ?? 'file', inferred: true });
      continue;
    }
    if (raw[after] === '(') {
      const { args, ellipsis } = countArgs(raw, after);
      out.push({ kind: 'call', name: tok.name, args, ellipsis, start: base + tok.s, end: base + tok.e });
    } else {
      out.push({ kind: 'ident', name: tok.name, start: base + tok.s, end: base + tok.e });
    }
    const st = vars.get(tok.name) ?? objectStructAt(raw, tok.s, tok.e);
    exprStruct.set(tok.e, st ? { struct: st, inferred: !vars.has(tok.name) } : tok.name === 'file' ? { struct: 'file' } : {});
  }
  return out;
}
