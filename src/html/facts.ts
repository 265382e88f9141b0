/**
 * What a page needs from OTHER documents, kept per document apart from its tree: its toc (section
 * ids, titles as text and inline HTML, the toctree directives among them), the ids of its explicit
 * labels and of its sections by title (autosectionlabel), the captions its labels title, and the C
 * objects and glossary terms it declares.
 *
 * They are computed once per parse of the document (keyed by the project index's facts object of
 * that parse: an update makes a new one), from the tree while it is in memory — so a site can
 * render a page and drop its tree at once, and a link to a document never parses it again.
 *
 * Each lookup through a Renderer is recorded as a dependency (`Dependencies`): the site re-renders,
 * after an edit, exactly the pages whose recorded answers changed.
 */
import { captionAsText } from './inline-text.js';
import type { RstNode } from '../rst/nodes.js';
import { toText } from '../rst/nodes.js';
import { fullyNormalizeName } from '../rst/document.js';
import type { ParsedDocument } from '../rst/parse.js';
import type { DocumentFacts, ProjectIndex } from '../project/index.js';
import { sectionIdsOf } from './ids.js';
import type { CTarget, RenderContext } from './types.js';
import type { GlossaryTerm } from './xref.js';

export interface TocItem {
  kind: 'section';
  docname: string;
  /** '' for the document's first section, `#id` otherwise. */
  anchor: string;
  title: string;
  titleHtml: string;
  children: TocChild[];
}

/** A toctree directive of a document: its attributes only (no tree behind it). */
export interface TocTreeRef {
  kind: 'toctree';
  docname: string;
  node: RstNode;
}

export interface TocOnly {
  kind: 'only';
  expr: string;
  children: TocChild[];
}

export type TocChild = TocItem | TocTreeRef | TocOnly;

export interface HtmlDocFacts {
  docname: string;
  /** env.tocs[docname]: sections (and toctrees among them) as Sphinx's TocTreeCollector stores them. */
  toc: TocChild[];
  /** Every toctree directive of the document, in document order (attributes only). */
  toctrees: RstNode[];
  /** Explicit label (fully normalized) → the id docutils gave its target. */
  labelIds: Map<string, string>;
  /** Section title (fully normalized, depth 1–2, as autosectionlabel) → first id; a later
   *  duplicate overwrites. */
  sectionIds: Map<string, string>;
  /** Id → the caption Sphinx's std domain reads as a label's title (figure, table, code block). */
  captions: Map<string, string>;
  /** C objects and glossary terms the document declares, in document order. */
  cTargets: [string, CTarget][];
  terms: [string, GlossaryTerm][];
}

/** Work counters (the tests count them): facts computed, documents parsed only to compute them. */
export const factsStats = { computed: 0, parsed: 0 };

const store = new WeakMap<DocumentFacts, HtmlDocFacts>();
const inProgress = new Set<string>();

/** Renders a title of the document as Sphinx's toctree shows it (no links, no ids). */
export type OwnTitleRenderer = (title: RstNode) => string;

/** Hook set by render.ts (which imports this module): a title renderer over a document's tree. */
let makeTitleRenderer: ((doc: ParsedDocument, ctx: RenderContext) => OwnTitleRenderer) | undefined;
export function setTitleRendererFactory(f: (doc: ParsedDocument, ctx: RenderContext) => OwnTitleRenderer): void {
  makeTitleRenderer = f;
}

/**
 * The facts of a document (root-relative path), computed from its tree if not yet known for this
 * parse. A document whose tree is not in memory is parsed for it and released again. Undefined
 * when the index does not know the document (or while its own facts are being computed: a title
 * that refers to its own document).
 */
export function htmlFacts(index: ProjectIndex, path: string, ctx: RenderContext = {}): HtmlDocFacts | undefined {
  const f = index.getFacts(path);
  if (!f) return undefined;
  const hit = store.get(f);
  if (hit) return hit;
  if (inProgress.has(path)) return undefined;
  let doc = index.loaded(path);
  const parsedHere = !doc;
  if (!doc) {
    doc = index.get(path);
    if (!doc) return undefined;
    factsStats.parsed++;
  }
  inProgress.add(path);
  let h: HtmlDocFacts;
  try {
    h = computeFacts(doc, path.replace(/\.rst$/, ''), index, ctx);
  } finally {
    inProgress.delete(path);
    if (parsedHere) index.release(path);
  }
  store.set(f, h);
  factsStats.computed++;
  return h;
}

/** The facts of a document if already computed for its current parse (never parses). */
export function knownFacts(index: ProjectIndex, path: string): HtmlDocFacts | undefined {
  const f = index.getFacts(path);
  return f ? store.get(f) : undefined;
}

function computeFacts(doc: ParsedDocument, docname: string, index: ProjectIndex, ctx: RenderContext): HtmlDocFacts {
  // titles are rendered in plain mode (no links), where C targets are never looked up: an empty
  // map keeps the project's targets (built from every document's facts) out of this computation
  const renderTitle = makeTitleRenderer!(doc, { ...ctx, index, docname, cTargets: new Map() });
  const toctrees: RstNode[] = [];
  const lite = new Map<RstNode, RstNode>();
  const liteOf = (n: RstNode): RstNode => {
    let l = lite.get(n);
    if (!l) {
      l = { type: n.type, attributes: n.attributes } as RstNode;
      lite.set(n, l);
    }
    return l;
  };
  let first = true;
  const build = (node: RstNode): TocChild[] => {
    const out: TocChild[] = [];
    for (const c of node.children ?? []) {
      if (c.type === 'section') {
        const title = c.children?.[0];
        const ids = sectionIdsOf((c.attributes?.ids as string[] | undefined) ?? []);
        const anchor = first ? '' : '#' + (ids[0] ?? '');
        first = false;
        const item: TocItem = {
          kind: 'section',
          docname,
          anchor,
          title: title?.type === 'title' ? toText(title) : '',
          titleHtml: title?.type === 'title' ? renderTitle(title) : '',
          children: [],
        };
        item.children = build(c);
        out.push(item);
      } else if (c.type === 'only' && Array.isArray(c.attributes?.arguments)) {
        const kids = build(c);
        if (kids.length) out.push({ kind: 'only', expr: String((c.attributes!.arguments as string[])[0] ?? ''), children: kids });
      } else if (c.children && c.type !== 'text') {
        // toctree directives anywhere inside this element (not in nested sections: there are none)
        collectToctrees(c, docname, out, liteOf);
      }
    }
    return out;
  };
  const toc = build(doc.tree);
  const findAll = (n: RstNode): void => {
    if (n.type === 'toctree' && Array.isArray(n.attributes?.arguments)) toctrees.push(liteOf(n));
    for (const c of n.children ?? []) if (c.children) findAll(c);
  };
  findAll(doc.tree);

  const labelIds = new Map<string, string>();
  const captions = new Map<string, string>();
  const state = doc.document;
  const f = index.getFacts(doc.path);
  for (const l of f?.labels ?? []) {
    if (l.kind !== 'explicit') continue;
    const id = state?.nameids.get(l.name) ?? undefined;
    if (!id) continue;
    labelIds.set(l.name, id);
    const node = state?.ids.get(id);
    const cap = node ? captionOf(node) : undefined;
    if (cap !== undefined) captions.set(id, cap);
  }

  const sectionIds = new Map<string, string>();
  const walk = (n: RstNode, depth: number): void => {
    for (const c of n.children ?? []) {
      if (c.type === 'section') {
        const t = c.children?.[0];
        const id = sectionIdsOf((c.attributes?.ids as string[] | undefined) ?? [])[0];
        if (t?.type === 'title' && id && depth <= 2) sectionIds.set(fullyNormalizeName(toText(t)), id);
        walk(c, depth + 1);
      } else if (c.children && c.type !== 'paragraph') walk(c, depth);
    }
  };
  walk(doc.tree, 1);

  const targets = new Map<string, CTarget>();
  const terms = new Map<string, GlossaryTerm>();
  collectDeclarations!(doc.tree, docname, targets, terms);
  return { docname, toc, toctrees, labelIds, sectionIds, captions, cTargets: [...targets], terms: [...terms] };
}

/** Set by xref.ts (which imports this module): the walk for C objects and glossary terms. */
let collectDeclarations: ((tree: RstNode, docname: string, into: Map<string, CTarget>, terms: Map<string, GlossaryTerm>) => void) | undefined;
export function setDeclarationCollector(f: typeof collectDeclarations): void {
  collectDeclarations = f;
}

function collectToctrees(node: RstNode, docname: string, out: TocChild[], liteOf: (n: RstNode) => RstNode): void {
  if (node.type === 'toctree' && Array.isArray(node.attributes?.arguments)) {
    out.push({ kind: 'toctree', docname, node: liteOf(node) });
    return;
  }
  for (const c of node.children ?? []) if (c.children) collectToctrees(c, docname, out, liteOf);
}

/** The caption Sphinx's std domain reads as a label's title (figure, table, code block). */
export function captionOf(n: RstNode): string | undefined {
  const kids = n.children ?? [];
  if (n.type === 'figure') {
    const c = kids.find((k) => k.type === 'caption');
    return c ? toText(c) : undefined;
  }
  if (n.type === 'table') return kids[0]?.type === 'title' ? toText(kids[0]) : undefined;
  const o = n.attributes?.options as Record<string, string> | undefined;
  if (n.type === 'kernel-figure') return kids[0]?.type === 'paragraph' ? toText(kids[0]) : undefined;
  // (a caption option is inline markup: the title is its text, as Sphinx's astext of the caption)
  if ((n.type === 'kernel-render' || n.type === 'code-block' || n.type === 'literalinclude') && o?.caption) return captionAsText(o.caption);
  return undefined;
}

// ------------------------------------------------------------------------------ dependencies

/**
 * What a page read from the project while it was rendered, as keys with the answer it got:
 * `toc\0<docname>` (a document's toc and title), `secnum\0<docname>` (its section numbers),
 * `label\0<name>` (where a :ref: label points and its title), `c\0<name>` (a C target),
 * `term\0<key>` (a glossary term), `doc\0<docname>` (whether a document exists), `docref\0<from>\0<target>`
 * (the document a `:doc:` or a relative automarkup path names), `kpath\0<path>` (the document a
 * `Documentation/<path>.rst` names).
 */
export type Dependencies = Map<string, string>;

const tocSigs = new WeakMap<HtmlDocFacts, string>();

/** A document's toc as one string (what pages showing it depend on). */
export function tocSignature(h: HtmlDocFacts | undefined): string {
  if (!h) return '';
  let s = tocSigs.get(h);
  if (s === undefined) {
    s = JSON.stringify(h.toc, (k, v) => (k === 'node' ? (v as RstNode).attributes : v));
    tocSigs.set(h, s);
  }
  return s;
}
