/**
 * Just enough C declaration parsing for documentation snippets: member declarations in struct
 * listings, function-pointer signatures, type normalisation. Input is text with comments already
 * blanked (mentions.blankCode), offsets preserved.
 */

const TYPE_WORDS = new Set(['int', 'long', 'char', 'short', 'void', 'bool', 'unsigned', 'signed', 'const', 'volatile', 'float', 'double']);

/** Tokens of a type: identifiers and `*` (whitespace-insensitive), bitfields dropped. */
export function typeTokens(type: string): string[] {
  const t = type.replace(/:\s*\d+\s*$/, '');
  return t.match(/[A-Za-z_]\w*|\*|\.\.\./g) ?? [];
}

export function normType(type: string): string {
  return typeTokens(type).join(' ');
}

/** Display form: `const struct mm_struct *const`. */
export function showType(type: string): string {
  return typeTokens(type).join(' ').replace(/ \*/g, ' *').replace(/\* (?=[A-Za-z_])/g, '*').replace(/\* \*/g, '**');
}

/** Drop a parameter's name: `struct vm_area_desc *desc` → `struct vm_area_desc *`. */
export function paramType(param: string): string {
  const toks = typeTokens(param);
  if (toks.length >= 2) {
    const last = toks[toks.length - 1]!;
    const prev = toks[toks.length - 2]!;
    if (/^[A-Za-z_]/.test(last) && !TYPE_WORDS.has(last) && (prev === '*' || (!['struct', 'enum', 'union'].includes(prev)))) {
      return toks.slice(0, -1).join(' ');
    }
  }
  return toks.join(' ');
}

export function splitTopLevel(text: string, sep: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let depth = 0;
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === sep && depth === 0) {
      out.push({ text: text.slice(s, i), start: s });
      s = i + 1;
    }
  }
  out.push({ text: text.slice(s), start: s });
  return out;
}

export interface FnSig {
  name: string;
  returns: string;
  params: string[];
  /** offsets (relative to the scanned text) of the whole declaration and of the name */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
}

/** Function-pointer declarations `RET (*name)(PARAMS)` in a text. */
export function findFnPointers(text: string): FnSig[] {
  const out: FnSig[] = [];
  const re = /\(\s*\*\s*([A-Za-z_]\w*)\s*\)\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const open = m.index + m[0].length - 1;
    let depth = 0;
    let close = -1;
    for (let i = open; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') {
        depth--;
        if (depth === 0) {
          close = i;
          break;
        }
      }
    }
    if (close < 0) continue;
    // return type: back to the previous ; { } ( , or line start of a blank line
    let rs = m.index;
    while (rs > 0 && !/[;{}(,\n`]/.test(text[rs - 1]!)) rs--;
    const returns = text.slice(rs, m.index).trim();
    if (!returns || !/^[A-Za-z_]/.test(returns)) continue;
    const inner = text.slice(open + 1, close);
    const params = inner.trim() === '' ? [] : splitTopLevel(inner, ',').map((p) => paramType(p.text)).filter((p) => p !== '');
    const nameStart = m.index + m[0].indexOf(m[1]!);
    out.push({
      name: m[1]!, returns: normType(returns), params: params.length === 1 && params[0] === 'void' ? [] : params,
      start: rs + (text.slice(rs, m.index).length - text.slice(rs, m.index).trimStart().length), end: close + 1,
      nameStart, nameEnd: nameStart + m[1]!.length,
    });
  }
  return out;
}

export interface ListedMember {
  name: string;
  /** normalised type, or for function pointers `RET (*)(P1, P2)` */
  type: string;
  fn?: { returns: string; params: string[] };
  within?: string;
  /** section comment class seen before it (Immutable/Mutable/Write-only/action) */
  sectionClass?: string;
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
}

export interface StructListing {
  name: string;
  nameStart: number;
  nameEnd: number;
  members: ListedMember[];
  /** the listing elides members (`...`) */
  partial: boolean;
  start: number;
  end: number;
}

function classFromComment(c: string): string | undefined {
  const t = c.toLowerCase();
  if (/write-only|write only/.test(t)) return 'write-only';
  if (/immutable/.test(t)) return 'immutable';
  if (/mutable/.test(t)) return 'mutable';
  if (/further action|action/.test(t)) return 'action';
  return undefined;
}

/**
 * `struct NAME { ... };` definitions (not `struct NAME x = {` initialisers) in a code text.
 * `raw` keeps comments (for the section-class comments), `blanked` has them removed.
 */
export function findStructListings(raw: string, blanked: string): StructListing[] {
  const out: StructListing[] = [];
  const re = /\bstruct\s+([A-Za-z_]\w*)\s*\{/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(blanked))) {
    const open = m.index + m[0].length - 1;
    const nameStart = m.index + m[0].indexOf(m[1]!, 6);
    const listing: StructListing = {
      name: m[1]!, nameStart, nameEnd: nameStart + m[1]!.length, members: [], partial: false, start: m.index, end: open,
    };
    let section: string | undefined;
    const parseBody = (from: number, within: string | undefined): number => {
      // returns the index of the closing brace
      let i = from;
      let declStart = from;
      while (i < blanked.length) {
        const c = blanked[i]!;
        if (c === '{') {
          // nested union/struct: find its end, then the member name after `}`
          const close = parseBody(i + 1, '\u0000pending');
          const after = /^\s*([A-Za-z_]\w*)?\s*;/.exec(blanked.slice(close + 1));
          const nestedName = after?.[1];
          // re-parse the nested body with its name now known
          for (const mem of listing.members) if (mem.within === '\u0000pending') mem.within = nestedName ?? '';
          i = close + 1 + (after ? after[0].length : 0);
          declStart = i;
          continue;
        }
        if (c === '}') return i;
        if (c === ';') {
          const declRaw = blanked.slice(declStart, i);
          // comments before this declaration (in raw) set the section class
          const comments = raw.slice(declStart, i).match(/\/\*[\s\S]*?\*\//g);
          for (const cm of comments ?? []) section = classFromComment(cm) ?? section;
          const decl = declRaw.trim();
          if (decl) {
            const off = declStart + (declRaw.length - declRaw.trimStart().length);
            const fns = findFnPointers(decl + ';');
            if (fns.length) {
              const f = fns[0]!;
              listing.members.push({
                name: f.name, type: `${f.returns} (*)(${f.params.join(', ')})`, fn: { returns: f.returns, params: f.params },
                within, sectionClass: section, start: off, end: off + decl.length, nameStart: off + f.nameStart, nameEnd: off + f.nameEnd,
              });
            } else {
              const bit = /:\s*\d+\s*$/.exec(decl);
              const core = bit ? decl.slice(0, bit.index).trimEnd() : decl;
              // `unsigned long a, *b;`: one base type, several declarators
              const parts = splitTopLevel(core, ',');
              const first = parts[0]!.text;
              const nm = /([A-Za-z_]\w*)\s*(\[[^\]]*\])?$/.exec(first);
              if (nm && typeTokens(first).length >= 2) {
                const typeText = first.slice(0, nm.index);
                const base = typeText.replace(/[\s*]+$/, '');
                listing.members.push({
                  name: nm[1]!, type: normType(typeText), within, sectionClass: section,
                  start: off, end: off + decl.length, nameStart: off + nm.index, nameEnd: off + nm.index + nm[1]!.length,
                });
                for (const extra of parts.slice(1)) {
                  const em = /^(\s*)([*\s]*)([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*$/.exec(extra.text);
                  if (!em) continue;
                  const at0 = off + extra.start + em[1]!.length + em[2]!.length;
                  listing.members.push({
                    name: em[3]!, type: normType(`${base} ${em[2]!}`), within, sectionClass: section,
                    start: off, end: off + decl.length, nameStart: at0, nameEnd: at0 + em[3]!.length,
                  });
                }
              } else if (decl.includes('...')) listing.partial = true;
            }
          }
          declStart = i + 1;
        } else if (c === '.' && blanked.startsWith('...', i)) {
          listing.partial = true;
        }
        i++;
      }
      return blanked.length;
    };
    // trailing comments before `}` may also set a class for nothing; fine
    const close = parseBody(open + 1, undefined);
    // a bare `...` line (no `;`) also marks a partial listing
    if (/\.\.\./.test(blanked.slice(open, close))) listing.partial = true;
    listing.end = Math.min(blanked.length, close + 1);
    out.push(listing);
    re.lastIndex = listing.end;
  }
  return out;
}
