/**
 * The kernel's automarkup (Documentation/sphinx/automarkup.py, run on doctree-resolved): in the
 * text of paragraphs (not directly inside a literal, not under a reference) it links
 *   - `name()` to the C function `name` (not `for if register sizeof struct unsigned`, nor the
 *     system calls `open close read write fcntl mmap select poll fork execve clone ioctl socket`),
 *   - `struct|union|enum|typedef name` to the C type,
 *   - `[Documentation/]path.rst|txt` to the document (the extension dropped; absolute when it
 *     starts with Documentation/, else relative to the current document),
 *   - `commit <12-40 hex digits>` to git.kernel.org,
 * when the target exists; a failed lookup leaves the text as it is, silently.
 *
 * Matches of all four kinds are taken in order of their start, overlapping ones skipped, as the
 * kernel's markup_refs does. Each scan is linear: the path scan walks back from each `.rst`/`.txt`
 * instead of trying a regex at every position.
 */
import type { ProjectIndex } from '../../project/index.js';
import type { RstNode } from '../../rst/nodes.js';
import { escapeAttr } from '../escape.js';
import type { Renderer } from '../render.js';
import { docTitle } from '../toc.js';
import { writeLiteralText } from './inline.js';

const SKIPNAMES = new Set(['for', 'if', 'register', 'sizeof', 'struct', 'unsigned']);
const SKIPFUNCS = new Set(['open', 'close', 'read', 'write', 'fcntl', 'mmap', 'select', 'poll', 'fork', 'execve', 'clone', 'ioctl', 'socket']);
const TYPE_ROLE: Record<string, string> = { struct: 'c-struct', union: 'c-union', enum: 'c-enum', typedef: 'c-type' };

const RE_FUNCTION = /\b(([a-zA-Z_]\w+)\(\))/g;
const RE_TYPE = /\b(struct|union|enum|typedef)\s+([a-zA-Z_]\w+)/g;
const RE_GIT = /commit\s+([0-9a-fA-F]{12,40})/gi;
const UNI_WORD = /[\p{L}\p{N}_]/u;

interface Match {
  start: number;
  end: number;
  kind: 'func' | 'type' | 'doc' | 'git';
  m: string[];
  abs?: boolean;
}

function isPathChar(c: string): boolean {
  return c === '-' || c === '/' || UNI_WORD.test(c);
}

/** `(\bDocumentation/)?((\.\./)*[\w\-/]+)\.(rst|txt)` matches, leftmost-first, without backtracking. */
function docMatches(text: string): Match[] {
  const out: Match[] = [];
  let last = 0;
  let from = 0;
  for (;;) {
    const a = text.indexOf('.rst', from);
    const b = text.indexOf('.txt', from);
    const d = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    if (d < 0) break;
    from = d + 1;
    if (d < last) continue;
    let s = d;
    while (s > last && isPathChar(text[s - 1]!)) s--;
    if (s === d) continue;
    while (s - 3 >= last && text.slice(s - 3, s) === '../') s -= 3;
    const body = text.slice(s, d);
    let abs = false;
    let path = body;
    if (body.startsWith('Documentation/') && (s === 0 || !UNI_WORD.test(text[s - 1]!))) {
      abs = true;
      path = body.slice('Documentation/'.length);
      if (!path || /^(\.\.\/)*$/.test(path)) continue;
    }
    out.push({ start: s, end: d + 4, kind: 'doc', m: [text.slice(s, d + 4), path], abs });
    last = d + 4;
    from = last;
  }
  return out;
}

function allMatches(text: string): Match[] {
  const out: Match[] = [];
  for (const m of text.matchAll(RE_FUNCTION)) out.push({ start: m.index!, end: m.index! + m[0].length, kind: 'func', m: [m[0], m[2]!] });
  for (const m of text.matchAll(RE_TYPE)) out.push({ start: m.index!, end: m.index! + m[0].length, kind: 'type', m: [m[0], m[1]!, m[2]!] });
  if (text.includes('.rst') || text.includes('.txt')) out.push(...docMatches(text));
  if (/commit/i.test(text)) {
    for (const m of text.matchAll(RE_GIT)) {
      let end = m.index! + m[0].length;
      // optional ` ("subject")`, DOTALL and non-greedy as the kernel's pattern
      const rest = /^\s+\("/.exec(text.slice(end));
      if (rest) {
        const close = text.indexOf('")', end + rest[0].length);
        if (close >= 0) end = close + 2;
      }
      // the hex run must end at a non-hex (the kernel's {12,40} is greedy but not anchored)
      out.push({ start: m.index!, end, kind: 'git', m: [text.slice(m.index!, end), m[1]!] });
    }
  }
  // Python's sort is stable: same start keeps the order func, type, doc, git
  const rank = { func: 0, type: 1, doc: 2, git: 3 };
  out.sort((x, y) => x.start - y.start || rank[x.kind] - rank[y.kind]);
  return out;
}

/** Write `text` (already smart-quoted, not yet escaped) with automarkup's links. */
export function textWithAutomarkup(r: Renderer, _n: RstNode, text: string): void {
  if (!text.includes('(') && !/struct|union|enum|typedef|\.rst|\.txt|commit/i.test(text)) {
    r.text(text);
    return;
  }
  const matches = allMatches(text);
  let pos = 0;
  for (const m of matches) {
    if (m.start < pos) continue;
    const html = linkFor(r, m);
    if (html === undefined) continue;
    r.text(text.slice(pos, m.start));
    r.write(html);
    pos = m.end;
  }
  r.text(text.slice(pos));
}

function cLink(r: Renderer, name: string, shown: string, cls: string): string | undefined {
  const hit = r.lookupC(name);
  const code = r.capture(() => {
    r.write(`<code class="xref c ${cls} docutils literal notranslate">`);
    writeLiteralText(r, shown);
    r.write('</code>');
  });
  if (hit) {
    const href = r.hrefTo(hit.docname, hit.id);
    r.link('automarkup', href, undefined, hit.docname, hit.id);
    return `<a class="reference internal" href="${escapeAttr(href)}" title="${escapeAttr(name)}">${code}</a>`;
  }
  const deco = r.ctx.decorateIdentifier?.(name);
  if (deco) {
    r.link('external', deco, undefined);
    return `<a class="reference external kdocs-api" href="${escapeAttr(deco)}">${code}</a>`;
  }
  return undefined;
}

function linkFor(r: Renderer, m: Match): string | undefined {
  switch (m.kind) {
    case 'func': {
      const name = m.m[1]!;
      if (SKIPNAMES.has(name) || SKIPFUNCS.has(name)) return undefined;
      return cLink(r, name, m.m[0]!, 'c-func');
    }
    case 'type': {
      const name = m.m[2]!;
      if (SKIPNAMES.has(name)) return undefined;
      return cLink(r, name, m.m[0]!, TYPE_ROLE[m.m[1]!]!);
    }
    case 'doc': {
      const index = r.ctx.index;
      if (!index) return undefined;
      // whether the document exists is recorded too: a page naming one that does not (yet) is
      // rendered again when it is created (and one naming it when it goes), under --serve
      let path: string | undefined;
      if (m.abs) {
        path = kernelPathAnswer(index, m.m[1]!) || undefined;
        r.depend(`kpath\0${m.m[1]}`, () => path ?? '');
      } else {
        const from = r.doc.path.replace(/\\/g, '/');
        path = index.resolveDoc(from, m.m[1]!, { stripRst: false });
        // (the key a :doc: reference records for the same question)
        r.depend(`docref\0${from}\0${m.m[1]}`, () => path ?? '');
      }
      if (!path) return undefined;
      const docname = path.replace(/\.rst$/, '');
      const title = docTitle(index, docname, r);
      if (!title) return undefined;
      const href = r.hrefTo(docname);
      r.link('automarkup', href, undefined, docname);
      return `<a class="reference internal" href="${escapeAttr(href)}"><span class="doc">${escapeAttr(title.text)}</span></a>`;
    }
    case 'git': {
      const href = `https://git.kernel.org/torvalds/c/${m.m[1]}`;
      r.link('external', href, undefined);
      return `<a class="reference external" href="${escapeAttr(href)}">${escapeAttr(m.m[0]!)}</a>`;
    }
  }
}

/** The document a `Documentation/<target>.rst` path names in the docs root, or '' (recorded as a
 *  page's `kpath` dependency). */
export function kernelPathAnswer(index: ProjectIndex, target: string): string {
  const k = index.resolveKernelPath(`Documentation/${target}.rst`);
  return k.inRoot && k.exists !== false && k.path && index.has(k.path) ? k.path : '';
}
