/**
 * Reference facts: where a document points at a label or at another document (`:ref:`, `:doc:`,
 * and the `Documentation/...` paths the kernel's automarkup links). They are collected in the
 * same walk as the other facts (collect.ts) and kept in the facts cache, so "who refers to this
 * label / document" is answered for the whole tree without parsing it again (the LSP's references
 * and rename).
 */

export interface RefFact {
  kind: 'ref' | 'doc' | 'path';
  /** The target as written: the `:ref:` label or `:doc:` target (without an explicit title), or
   *  the path text (`Documentation/x/y.rst`, `y.rst`, `../y.rst`). */
  target: string;
  /** Source offsets of the target text (in the file `fromInclude` names when set). */
  start: number;
  end: number;
  /** The reference sits in content pulled in from this file (root-relative path). */
  fromInclude?: string;
}

function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  // ASCII by code (the regex test per character cost more than the rest of the scan); the
  // Unicode classes only decide outside ASCII
  const k = c.charCodeAt(0);
  if (k < 128) return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95;
  return /[\p{L}\p{N}_\p{M}]/u.test(c);
}

export interface AutoPath {
  start: number;
  end: number;
  /** the matched text, e.g. `Documentation/x/y.rst` or `../y.rst` */
  path: string;
  /** starts with `Documentation/` at a word boundary: absolute */
  absolute: boolean;
  /** the character before the match (a `.` means the file name had a dot automarkup cut at) */
  before: string | undefined;
}

const isPathChar = (c: string | undefined): boolean => c !== undefined && (isWordChar(c) || c === '-' || c === '/');

/**
 * automarkup's `(\bDocumentation/)?((\.\./)*[\w\-/]+)\.(rst|txt)` (Unicode \w, no re.ASCII), as
 * Python's finditer reads it: found by scanning back from each `.rst` / `.txt`. Linear. Also the
 * scanner of rules/unresolved-reference.
 */
export function findAutoPaths(text: string): AutoPath[] {
  autoPathScans.count++;
  const out: AutoPath[] = [];
  let lastEnd = 0;
  for (let i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
    // (tests in place: a slice per dot of every paragraph was most of the index's garbage here)
    if (!text.startsWith('.rst', i) && !text.startsWith('.txt', i)) continue;
    let s = i;
    for (;;) {
      while (s > lastEnd && isPathChar(text[s - 1])) s--;
      // a `../` segment: the scan above stopped after its slash
      if (text[s] === '/' && s - 2 >= lastEnd && text.startsWith('..', s - 2)) s -= 2;
      else if (s - 3 >= lastEnd && text.startsWith('../', s - 3)) s -= 3;
      else break;
    }
    if (s === i) continue;
    // the path group needs at least one [\w\-/] after any ../ prefix
    let body = s;
    while (text.startsWith('../', body)) body += 3;
    if (body >= i) continue;
    const path = text.slice(s, i + 4);
    const absolute = path.startsWith('Documentation/') && !isWordChar(text[s - 1]);
    out.push({ start: s, end: i + 4, path, absolute, before: text[s - 1] });
    lastEnd = i + 4;
  }
  return out;
}

/** Work counter: texts `findAutoPaths` scanned (a test checks a lint scans each paragraph text once). */
export const autoPathScans = { count: 0 };

/** `findAutoPaths(node.value)` of the text nodes `collectInlineRefs` scanned (rules/unresolved-reference
 *  reads the same paragraph texts: it takes the scan instead of making it again). Keyed by node:
 *  an entry goes with its tree, and holds strings only. */
export const autoPathsScanned = new WeakMap<object, AutoPath[]>();

/** Is an automarkup path one the kernel links: `Documentation/...` (`.rst` or `.txt`), or a
 *  relative `.rst` name not cut out of a longer file name. */
export function isLinkedPath(m: AutoPath): boolean {
  if (m.absolute) return true;
  return m.path.endsWith('.rst') && m.before !== '.' && m.before !== '/';
}

/**
 * The reference facts of one paragraph-like node's inline children: `:ref:`/`:doc:` role nodes
 * and, in paragraphs, automarkup paths in plain text (emphasis and strong included, as automarkup
 * reads every text node of a paragraph outside literals). `raw` is the text the positions index.
 */
export function collectInlineRefs(kids: readonly InlineNode[], inParagraph: boolean, raw: string, src: string | undefined, out: RefFact[]): void {
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const a = c.attributes;
    if (a !== undefined) {
      const role = a.role;
      if (typeof role === 'string') {
        const r = role.toLowerCase();
        const kind = r === 'ref' || r === 'std:ref' ? 'ref' : r === 'doc' || r === 'std:doc' ? 'doc' : undefined;
        if (kind === undefined) continue;
        const target = typeof a.target === 'string' ? a.target : typeof a.text === 'string' ? a.text : '';
        const tp = (c.data?.targetPosition ?? c.position) as { start: { offset: number }; end: { offset: number } } | undefined;
        if (!target || !tp) continue;
        const f: RefFact = { kind, target, start: tp.start.offset, end: tp.end.offset };
        if (src !== undefined) f.fromInclude = src;
        out.push(f);
        continue;
      }
    }
    if (!inParagraph) continue;
    const type = c.type;
    if (type === 'text') {
      const v = c.value;
      const p = c.position;
      if (v === undefined || p === undefined || (!v.includes('.rst') && !v.includes('.txt'))) continue;
      const rawText = raw.slice(p.start.offset, p.end.offset);
      let cursor = 0;
      const found = findAutoPaths(v);
      autoPathsScanned.set(c, found);
      for (const m of found) {
        const at = rawText.indexOf(m.path, cursor);
        if (at < 0) continue;
        cursor = at + m.path.length;
        if (!isLinkedPath(m)) continue;
        const start = p.start.offset + at;
        const f: RefFact = { kind: 'path', target: m.path, start, end: start + m.path.length };
        if (src !== undefined) f.fromInclude = src;
        out.push(f);
      }
    } else if ((type === 'emphasis' || type === 'strong') && c.children !== undefined) {
      collectInlineRefs(c.children, true, raw, src, out);
    }
  }
}

/** The node shape collectInlineRefs reads (RstNode's, kept structural to avoid an import cycle). */
export interface InlineNode {
  type: string;
  value?: string;
  attributes?: Record<string, unknown>;
  children?: InlineNode[];
  position?: { start: { offset: number }; end: { offset: number } };
  data?: Record<string, unknown>;
}
