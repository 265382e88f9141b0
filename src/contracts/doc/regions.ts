/**
 * The parts of an rst document the contract cross-check reads, as ranges of the raw source:
 *
 *   literal          ``x``                 (docutils `literal`)
 *   title_reference  `x`                   (default role)
 *   role             :c:func:`x` etc.      (Sphinx roles; `role` holds the role name)
 *   code             literal blocks, code-block/sourcecode/code directives (`lang` when given)
 *   prose            paragraphs (and list items' paragraphs), with their inline markup
 *
 * Every region is a [start, end) range of `doc.source.raw`, so positions in findings are exact
 * whatever the tree's own text representation is. From the parse tree when it has one; otherwise
 * from a small scanner of our own (used before the parser lands, and as a safety net).
 */
import type { RstNode } from '../../rst/nodes.js';
import type { ParsedDocument } from '../../rst/parse.js';
import { docCache } from '../../lint/doc-caches.js';

export type RegionKind = 'literal' | 'title_reference' | 'role' | 'code' | 'prose';

export interface Region {
  kind: RegionKind;
  /** Offsets in the raw source of the region's text (delimiters excluded). */
  start: number;
  end: number;
  text: string;
  role?: string;
  /** code: the directive's language argument (lower-cased) or '' for `::` blocks. */
  lang?: string;
}

const CODE_DIRECTIVES = new Set(['code-block', 'sourcecode', 'code', 'literal_block', 'doctest_block', 'parsed-literal']);
const ROLE_TYPE = /^[a-z][\w.+-]*(:[a-z][\w.+-]*)?$/;
const DOCUTILS_INLINE = new Set([
  'literal', 'title_reference', 'emphasis', 'strong', 'reference', 'target', 'footnote_reference',
  'citation_reference', 'substitution_reference', 'problematic', 'inline', 'text', 'abbreviation',
  'acronym', 'subscript', 'superscript',
]);

function rawOf(doc: ParsedDocument): string {
  return doc.source.raw;
}

function trimDelims(raw: string, s: number, e: number, open: string, close: string): [number, number] {
  // find the first `open` at or after s and the last `close` at or before e
  const o = raw.indexOf(open, s);
  const c = raw.lastIndexOf(close, e - close.length);
  if (o < 0 || o >= e || c < o + open.length) return [s, e];
  return [o + open.length, c];
}

/** The content lines of a code directive or literal block: skip `.. name:: arg`, options, blank line. */
function codeContent(raw: string, s: number, e: number): [number, number] {
  let i = s;
  const lineEnd = (k: number): number => {
    const n = raw.indexOf('\n', k);
    return n < 0 || n > e ? e : n;
  };
  const first = raw.slice(i, lineEnd(i));
  if (/^\s*\.\.\s+[\w:.+-]+::/.test(first)) {
    i = Math.min(e, lineEnd(i) + 1);
    while (i < e) {
      const line = raw.slice(i, lineEnd(i));
      if (/^\s+:[\w-]+:/.test(line) || /^\s*$/.test(line)) i = Math.min(e, lineEnd(i) + 1);
      else break;
    }
  }
  return [i, e];
}

/** The regions a tree walk found, and whether the tree reported an error (an unknown directive:
 *  its code may be missing). The walk keeps the region nodes only; their regions (a text slice
 *  each) are made when a contract rule first asks (`treeRegionsOf`): most documents are never
 *  asked about (src/contracts/doc/triggers.ts). */
export interface TreeRegions {
  nodes: RstNode[];
  sawError: boolean;
}

/**
 * The regions walk's step at one node (the caller skips content from included files and walks in
 * document order): keeps the node if it is a region; false when the node's children are no
 * region's business (inside a literal, role, code block, comment...). The shared per-document walk
 * of the lint engine (src/lint/facts.ts) calls this, so the contract rules do not walk the tree
 * again; `fromTree` is the same walk on its own.
 */
export function regionStep(raw: string, n: RstNode, into: TreeRegions): boolean {
  regionWalks.steps++;
  const t = n.type;
  const p = n.position;
  if (p !== undefined) {
    if (t === 'literal' || t === 'title_reference') {
      into.nodes.push(n);
      return false;
    }
    if (t === 'paragraph') {
      into.nodes.push(n);
      return true;
    }
    if ((t.includes(':') && ROLE_TYPE.test(t) && !n.data?.directive && raw[p.start.offset] === ':') || CODE_DIRECTIVES.has(t)) {
      into.nodes.push(n);
      return false;
    }
  }
  if (t === 'system_message') {
    const a = n.attributes as { type?: unknown } | undefined;
    if (a?.type === 'ERROR' || a?.type === 'SEVERE') into.sawError = true;
    return false;
  }
  return !(t === 'comment' || t === 'raw' || t === 'substitution_definition');
}

/** Does `regionStep` keep nothing and go on into the children of every node of type `t`,
 *  whatever its position and data? (Most node types: a walk asks once per type, not per node.) */
export function regionStepPasses(t: string): boolean {
  if (t === 'literal' || t === 'title_reference' || t === 'paragraph' || t === 'system_message') return false;
  if (t === 'comment' || t === 'raw' || t === 'substitution_definition') return false;
  return !t.includes(':') && !CODE_DIRECTIVES.has(t);
}

/** The region of a node `regionStep` kept. */
function regionOf(raw: string, n: RstNode): Region {
  const t = n.type;
  const r0 = n.position!.start.offset;
  const r1 = n.position!.end.offset;
  if (t === 'literal') {
    const [s, e] = trimDelims(raw, r0, r1, '``', '``');
    return { kind: 'literal', start: s, end: e, text: raw.slice(s, e) };
  }
  if (t === 'title_reference') {
    const [s, e] = trimDelims(raw, r0, r1, '`', '`');
    return { kind: 'title_reference', start: s, end: e, text: raw.slice(s, e) };
  }
  if (t === 'paragraph') return { kind: 'prose', start: r0, end: r1, text: raw.slice(r0, r1) };
  // (a role type has a colon, a code directive's name none)
  if (!CODE_DIRECTIVES.has(t)) {
    const [s, e] = trimDelims(raw, r0, r1, '`', '`');
    return { kind: 'role', role: t, start: s, end: e, text: raw.slice(s, e) };
  }
  const [s, e] = codeContent(raw, r0, r1);
  const dir = n.data?.directive;
  const attrs = n.attributes as { arguments?: unknown; language?: unknown; classes?: unknown } | undefined;
  let lang = '';
  if (dir?.arguments?.[0]) lang = dir.arguments[0];
  else if (Array.isArray(attrs?.arguments) && typeof attrs.arguments[0] === 'string') lang = attrs.arguments[0];
  else if (typeof attrs?.language === 'string') lang = attrs.language;
  else if (Array.isArray(attrs?.classes) && attrs.classes.length >= 2 && attrs.classes[0] === 'code') lang = String(attrs.classes[1]);
  return { kind: 'code', start: s, end: e, text: raw.slice(s, e), lang: lang.toLowerCase() };
}

/** The regions of the nodes a walk kept, in order (null if making one failed). */
function treeRegionsOf(raw: string, found: TreeRegions): Region[] | null {
  try {
    return found.nodes.map((n) => regionOf(raw, n));
  } catch {
    return null;
  }
}

/** How many times a document's tree was walked for its regions by `fromTree` (not by the shared
 *  walk): the lint engine's test checks that a lint run never does; and how many nodes
 *  `regionStep` was asked about (the shared walk asks only at the types it may keep). */
export const regionWalks = { count: 0, steps: 0 };

function fromTree(doc: ParsedDocument): TreeRegions {
  regionWalks.count++;
  const raw = rawOf(doc);
  const into: TreeRegions = { nodes: [], sawError: false };
  const visit = (n: RstNode): void => {
    if (n.data?.source !== undefined) return; // from an included file
    if (!regionStep(raw, n, into)) return;
    for (const c of n.children ?? []) visit(c);
  };
  visit(doc.tree);
  void DOCUTILS_INLINE;
  return into;
}

/** Tree regions the shared walk collected, by tree (`primeRegions`). */
const PRIMED = docCache<TreeRegions | null>();
let sharedWalk: ((doc: ParsedDocument) => void) | undefined;

/** Hand over the regions the shared walk collected from `doc.tree` (null: the walk failed). */
export function primeRegions(tree: object, found: TreeRegions | null): void {
  PRIMED.set(tree, found);
}

/** The shared per-document walk (src/lint/facts.ts registers it): `regionsOf` runs it (it primes
 *  the regions) instead of a walk of its own. */
export function useSharedWalk(walk: (doc: ParsedDocument) => void): void {
  sharedWalk = walk;
}

function treeRegions(doc: ParsedDocument): TreeRegions | null {
  if (!PRIMED.has(doc.tree) && sharedWalk) sharedWalk(doc);
  const primed = PRIMED.get(doc.tree);
  if (primed !== undefined) return primed;
  try {
    return fromTree(doc);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// fallback scanner: enough rst to find literals, roles, title references, code blocks, paragraphs

interface RawLine {
  start: number;
  end: number;
  text: string;
}

function rawLines(raw: string): RawLine[] {
  const out: RawLine[] = [];
  let s = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i === raw.length || raw[i] === '\n') {
      let e = i;
      if (e > s && raw[e - 1] === '\r') e--;
      out.push({ start: s, end: e, text: raw.slice(s, e) });
      s = i + 1;
    }
  }
  return out;
}

const indentOf = (t: string): number => t.length - t.trimStart().length;
const blank = (t: string): boolean => t.trim() === '';

function inlineRegions(raw: string, s: number, e: number, out: Region[]): void {
  const text = raw.slice(s, e);
  // ``literal``, :role:`text`, `title ref` (not followed by _ : a reference)
  const re = /``([\s\S]+?)``|(:[a-z][\w.+-]*(?::[a-z][\w.+-]*)?:)`([^`]+)`|`([^`]+)`(?!_)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const at = s + m.index;
    if (m[1] !== undefined) out.push({ kind: 'literal', start: at + 2, end: at + 2 + m[1].length, text: m[1] });
    else if (m[2] !== undefined) {
      const ts = at + m[2].length + 1;
      out.push({ kind: 'role', role: m[2].slice(1, -1), start: ts, end: ts + m[3]!.length, text: m[3]! });
    } else if (m[4] !== undefined) {
      const prev = text[m.index - 1];
      if (prev === ':' || prev === '`') continue;
      out.push({ kind: 'title_reference', start: at + 1, end: at + 1 + m[4].length, text: m[4] });
    }
  }
}

/** Regions of the raw text by the scanner; `codeOnly`: only the code regions (the same ones, in the
 *  same order: the inline and prose regions it skips do not change the line states). */
export function scanRegions(raw: string, codeOnly = false): Region[] {
  const lines = rawLines(raw);
  const out: Region[] = [];
  let i = 0;
  let expectLiteral = false;
  while (i < lines.length) {
    const l = lines[i]!;
    if (blank(l.text)) {
      i++;
      continue;
    }
    const ind = indentOf(l.text);
    const dir = /^\s*\.\.\s+([\w:.+-]+)::\s*(.*)$/.exec(l.text);
    if (dir || /^\s*\.\.(\s|$)/.test(l.text)) {
      // explicit markup: directive (code ones are regions), comment, target: skip its block
      let j = i + 1;
      while (j < lines.length && (blank(lines[j]!.text) || indentOf(lines[j]!.text) > ind)) j++;
      let k = j;
      while (k > i + 1 && blank(lines[k - 1]!.text)) k--;
      if (dir && CODE_DIRECTIVES.has(dir[1]!) && k > i + 1) {
        const [cs, ce] = codeContent(raw, l.start, lines[k - 1]!.end);
        out.push({ kind: 'code', start: cs, end: ce, text: raw.slice(cs, ce), lang: (dir[2] ?? '').trim().toLowerCase() });
      } else if (dir && !CODE_DIRECTIVES.has(dir[1]!)) {
        // directive content that is rst (note, warning...): scan it as prose lines
        if (!codeOnly) for (let q = i + 1; q < k; q++) if (!blank(lines[q]!.text) && !/^\s+:[\w-]+:/.test(lines[q]!.text)) inlineRegions(raw, lines[q]!.start, lines[q]!.end, out);
      }
      i = j;
      expectLiteral = false;
      continue;
    }
    if (expectLiteral) {
      // the indented block after a paragraph ending in `::`
      let j = i;
      const base = indentOf(lines[i - 1] ? lines[i - 1]!.text : '');
      void base;
      while (j < lines.length && (blank(lines[j]!.text) || indentOf(lines[j]!.text) >= ind)) j++;
      let k = j;
      while (k > i && blank(lines[k - 1]!.text)) k--;
      out.push({ kind: 'code', start: l.start, end: lines[k - 1]!.end, text: raw.slice(l.start, lines[k - 1]!.end), lang: '' });
      i = j;
      expectLiteral = false;
      continue;
    }
    // section underline / overline lines: skip
    if (/^([=\-~^"'`#*+:.])\1{2,}\s*$/.test(l.text)) {
      i++;
      continue;
    }
    // a paragraph: consecutive non-blank lines (a bullet starts a new one)
    let j = i + 1;
    while (j < lines.length && !blank(lines[j]!.text) && !/^\s*([-*+]|\d+\.|#\.)\s/.test(lines[j]!.text) && !/^([=\-~^"'`#*+:.])\1{2,}\s*$/.test(lines[j]!.text)) j++;
    let ps = l.start;
    const bullet = /^(\s*(?:[-*+]|\d+\.|#\.)\s+)/.exec(l.text);
    if (bullet) ps += bullet[1]!.length;
    else ps += ind;
    const pe = lines[j - 1]!.end;
    if (!codeOnly) {
      out.push({ kind: 'prose', start: ps, end: pe, text: raw.slice(ps, pe) });
      inlineRegions(raw, ps, pe, out);
    }
    expectLiteral = /::\s*$/.test(lines[j - 1]!.text);
    i = j;
  }
  return out.sort((a, b) => a.start - b.start || (a.kind === 'prose' ? -1 : 1));
}

/** Can `scanRegions` find a code region in this text at all? Its code regions are code directives
 *  (`.. code-block::` ...: the name right before `::`) and indented blocks after a line that ends
 *  with `::`. (Most documents reach the fallback below through a `.. note::`: the scanner, which
 *  reads every line, is then skipped.) */
function scannerMayFindCode(raw: string): boolean {
  if (/::[^\S\n]*(?:\n|$)/.test(raw)) return true;
  for (const name of CODE_DIRECTIVES) if (raw.includes(`${name}::`)) return true;
  return false;
}

/** Regions of a parsed document: from the tree if it has content, else from the scanner. */
export function regionsOf(doc: ParsedDocument): Region[] {
  const cached = CACHE.get(doc);
  if (cached) return cached;
  let regions: Region[] = [];
  let sawError = false;
  if (doc.tree && Array.isArray(doc.tree.children) && doc.tree.children.length > 0) {
    const found = treeRegions(doc);
    const made = found ? treeRegionsOf(doc.source.raw, found) : null;
    if (found && made) {
      regions = made;
      sawError = found.sawError;
    }
  }
  if (regions.length === 0 && doc.source.raw.trim() !== '') regions = scanRegions(doc.source.raw);
  else if (regions.length && (sawError || !regions.some((r) => r.kind === 'code')) && /::[ \t]*(\S.*)?$/m.test(doc.source.raw) && scannerMayFindCode(doc.source.raw)) {
    // code blocks the tree does not give us (a directive the registry does not know yet, a block
    // inside an error): take them from the scanner when no tree region covers them
    const treeCode = regions.filter((r) => r.kind === 'code');
    const extra = scanRegions(doc.source.raw, true).filter(
      (r) => r.kind === 'code' && !treeCode.some((t) => t.start < r.end && r.start < t.end),
    );
    if (extra.length) regions = [...regions, ...extra].sort((a, b) => a.start - b.start);
  }
  CACHE.set(doc, regions);
  return regions;
}

const CACHE = docCache<Region[]>();

/**
 * `regionsOf(doc).filter((r) => r.kind === 'prose')`, without making the other regions when the
 * tree gives any: the paragraphs the walk kept, in order (the scanner's code regions, which
 * `regionsOf` may add, are never prose). contract-behaviour reads only these, in a few hundred
 * documents of a whole tree that contract-identifier never asks about.
 */
export function proseRegionsOf(doc: ParsedDocument): Region[] {
  const all = CACHE.get(doc);
  if (all) return all.filter((r) => r.kind === 'prose');
  let out = PROSE.get(doc);
  if (out) return out;
  const found = doc.tree && Array.isArray(doc.tree.children) && doc.tree.children.length > 0 ? treeRegions(doc) : null;
  // no region from the tree: regionsOf's own answer (the scanner's prose)
  if (!found || found.nodes.length === 0) return regionsOf(doc).filter((r) => r.kind === 'prose');
  const raw = doc.source.raw;
  out = [];
  for (const n of found.nodes) if (n.type === 'paragraph') out.push(regionOf(raw, n));
  PROSE.set(doc, out);
  return out;
}

const PROSE = docCache<Region[]>();
