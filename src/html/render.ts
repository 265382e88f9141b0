/**
 * The renderer: one visitor per node type, writing into one string as docutils' HTML5 writer
 * and Sphinx 5.3's HTML5Translator do (their tags, ids, classes). Linear in the tree: each node
 * is visited once; text is escaped as it is written.
 */
import { realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { Position, RstNode } from '../rst/nodes.js';
import type { ParsedDocument } from '../rst/parse.js';
import { escapeAttr, escapeText } from './escape.js';
import type {
  Asset,
  CodeBlock,
  CTarget,
  CTargets,
  LinkKind,
  PageLink,
  RenderContext,
  RenderedPage,
  RenderOptions,
  RenderWarning,
  TocSection,
} from './types.js';
import { collectCTargets, collectFrom, type GlossaryTerm } from './xref.js';
import { evalBoolExpr, evalPyExpr } from './expr.js';
import { inlineNodes } from './inline-text.js';
import { readInsideRoot } from './visitors/sphinx.js';
import { setTitleRendererFactory, type Dependencies } from './facts.js';
import { visitorFor } from './visitor.js';
import { fillHighlighted, fillPlain } from './code.js';
import './visitors/index.js';

export { VISITORS, ROLE_VISITORS, DIRECTIVE_VISITORS, hasVisitor } from './visitor.js';

/** A code block waiting for the highlighter: the renderer writes a marker and fills it in later. */
export interface PendingCode {
  lang: string;
  code: string;
  /** Line numbers / emphasised lines (Sphinx's `linenos`, `emphasize-lines`). */
  linenos: boolean;
  hlLines?: ReadonlySet<number>;
  /** Extra classes on the wrapper div (Sphinx: `highlight-<lang> notranslate`). */
  marker: string;
}

export const DEFAULT_TAGS: readonly string[] = ['html', 'format_html', 'builder_html'];

/** A figure with a caption, a table with a title, a code block with a caption (Sphinx's enumerables). */
function isCaptioned(n: RstNode): boolean {
  if (n.type === 'figure') return !!n.children?.some((c) => c.type === 'caption');
  if (n.type === 'table') return n.children?.[0]?.type === 'title';
  const a = n.attributes;
  if (a && Array.isArray(a.arguments)) {
    if (n.type === 'code-block' || n.type === 'sourcecode' || n.type === 'code' || n.type === 'literalinclude') {
      const o = a.options as Record<string, string> | undefined;
      return !!o && 'caption' in o && !('name' in o);
    }
    if (n.type === 'flat-table') return !!(a.arguments as string[])[0];
    if (n.type === 'kernel-render') return 'caption' in ((a.options as Record<string, string> | undefined) ?? {});
    if (n.type === 'kernel-figure') return n.children?.[0]?.type === 'paragraph';
  }
  return false;
}

/** Per parsed document: the id changes of Sphinx's AutoNumbering and SortIds (computed once). */
const autoIdCache = new WeakMap<ParsedDocument, { idMap: Map<string, string> | undefined; enumerableIds: Map<RstNode, string> | undefined; refMap: Map<string, string> | undefined }>();

const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let r = realRoots.get(root);
  if (r === undefined) {
    try {
      r = realpathSync(root);
    } catch {
      r = root;
    }
    realRoots.set(root, r);
  }
  return r;
}

/** Elements whose children are inline (text level). */
const INLINE_CONTAINERS = new Set(['paragraph', 'title', 'subtitle', 'term', 'classifier', 'rubric', 'line', 'attribution', 'caption', 'field_name', 'label', 'emphasis', 'strong', 'literal', 'reference', 'inline', 'title_reference', 'subscript', 'superscript', 'abbreviation', 'acronym']);
const BLOCK_CONTAINERS = new Set(['document', 'section', 'list_item', 'entry', 'block_quote', 'definition', 'field_body', 'note', 'warning', 'admonition', 'topic', 'sidebar', 'footnote', 'citation', 'description', 'compound', 'container', 'figure', 'legend']);

export class Renderer {
  out = '';
  readonly doc: ParsedDocument;
  readonly ctx: RenderContext;
  readonly options: Required<Pick<RenderOptions, 'allowRawHtml' | 'highlightLanguage' | 'math' | 'graphviz'>> & RenderOptions;
  readonly docname: string;
  readonly pageUrl: string;
  readonly warnings: RenderWarning[] = [];
  readonly assets: Asset[] = [];
  readonly codeBlocks: CodeBlock[] = [];
  readonly links: PageLink[] = [];
  readonly pending: PendingCode[] = [];
  readonly tags: ReadonlySet<string>;
  /** Section depth (1 = the document title's section). */
  sectionLevel = 0;
  /** The current `.. highlight::` language (Sphinx's HighlightSetting). */
  highlightLang: string;
  highlightLinenoThreshold = Number.POSITIVE_INFINITY;
  /** Included file the nodes being rendered come from (root-relative), for warning places. */
  currentSource: string | undefined;
  /** Table state (docutils: thead / tbody / stub columns). */
  inThead = false;
  stubs: boolean[] = [];
  /** Footnote/citation label numbering state etc. live in visitors; a free slot for them. */
  readonly state = new Map<string, unknown>();
  private cTargetsCache: CTargets | undefined;
  readonly toc: TocSection[] = [];
  readonly tocStack: TocSection[] = [];
  title = '';
  titleHtml = '';
  /** Nesting of inline contexts where links must not be written (`<a>` inside `<a>`). */
  inLink = 0;
  /** Set while rendering a title into the toc (no links, no ids). */
  plain = 0;
  /** Inside a mailto: link (docutils cloaks the address). */
  inMailto = 0;
  /** Inside Sphinx literal nodes (words in <span class="pre">). */
  literalDepth = 0;

  constructor(doc: ParsedDocument, ctx: RenderContext) {
    this.doc = doc;
    this.ctx = ctx;
    const o = ctx.options ?? {};
    this.options = {
      ...o,
      allowRawHtml: o.allowRawHtml ?? false,
      highlightLanguage: o.highlightLanguage ?? 'none',
      math: o.math ?? true,
      graphviz: o.graphviz ?? true,
    };
    this.highlightLang = this.options.highlightLanguage;
    this.tags = new Set(o.tags ?? DEFAULT_TAGS);
    this.docname = ctx.docname ?? doc.path.replace(/\\/g, '/').replace(/\.(rst|txt)$/, '');
    this.pageUrl = this.urlOf(this.docname);
  }

  // ------------------------------------------------------------------ writing

  write(s: string): void {
    this.out += s;
  }

  text(s: string): void {
    this.out += escapeText(s);
  }

  /** Visit one node. */
  visit(node: RstNode): void {
    const v = visitorFor(node);
    const src = node.data?.source;
    const saved = this.currentSource;
    if (typeof src === 'string') this.currentSource = src;
    this.parents.push(node);
    if (v) v(this, node);
    else this.unknown(node);
    this.parents.pop();
    this.currentSource = saved;
  }

  /** Render a child's children as if it were visited (it is on the ancestor stack meanwhile). */
  inner(node: RstNode): void {
    this.parents.push(node);
    this.children(node);
    this.parents.pop();
  }

  /** The node being visited and its ancestors (the node itself last). */
  readonly parents: RstNode[] = [];

  children(node: RstNode): void {
    const ch = node.children;
    if (!ch) return;
    for (let i = 0; i < ch.length; i++) this.visit(ch[i]!);
  }

  /** The parent of the node being visited. */
  get parent(): RstNode | undefined {
    return this.parents[this.parents.length - 2];
  }

  /** Render a subtree into a separate string (titles for the toc, captions). */
  capture(fn: () => void): string {
    const saved = this.out;
    this.out = '';
    try {
      fn();
      return this.out;
    } finally {
      this.out = saved;
    }
  }

  /**
   * docutils' `starttag`: `<tag id="ids[0]" class="...">` and, for the other ids, empty spans
   * (before the tag for empty elements and lists/tables, first thing inside otherwise).
   */
  starttag(node: RstNode | undefined, tag: string, classes: readonly string[] = [], attrs: Record<string, string | undefined> = {}, opts: { empty?: boolean; before?: boolean; noIds?: boolean; newline?: boolean } = {}): void {
    const a = node?.attributes;
    const ids = opts.noIds || this.plain ? [] : ((a?.ids as string[] | undefined) ?? []);
    const cls = [...classes, ...((a?.classes as string[] | undefined) ?? [])];
    let prefix = '';
    let suffix = '';
    // docutils writes the attributes sorted by name
    const atts: [string, string][] = [];
    if (ids.length) {
      atts.push(['id', this.mapId(ids[0]!)]);
      for (let i = 1; i < ids.length; i++) {
        const span = `<span id="${escapeAttr(this.mapId(ids[i]!))}"></span>`;
        if (opts.empty || opts.before) prefix += span;
        else suffix += span;
      }
    }
    if (cls.length) atts.push(['class', cls.join(' ')]);
    for (const k in attrs) {
      const v = attrs[k];
      if (v !== undefined) atts.push([k, v]);
    }
    if (atts.length > 1) atts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let s = '<' + tag;
    for (const [k, v] of atts) s += ` ${k}="${escapeAttr(v)}"`;
    s += opts.empty ? ' />' : '>';
    // docutils' starttag suffix: the newline comes before the spans of the other ids
    this.out += prefix + s + (opts.newline ? '\n' : '') + suffix;
  }

  // ------------------------------------------------------------------ diagnostics

  warn(ruleId: string, message: string, node: RstNode | undefined): void {
    const w: RenderWarning = { ruleId, message };
    const pos = node?.position ?? this.nearestPosition(node);
    if (pos) w.position = pos;
    const src = (node?.data?.source as string | undefined) ?? this.currentSource;
    if (src && src !== this.doc.path) w.source = src;
    this.warnings.push(w);
  }

  private nearestPosition(_node: RstNode | undefined): Position | undefined {
    return undefined;
  }

  /** A node without a visitor: a visible box and a warning, never silently dropped. */
  unknown(node: RstNode): void {
    this.warn('html-unknown-node', `no HTML visitor for node type '${node.type}': rendered as an error box`, node);
    if (this.inlineContext()) {
      this.write('<span class="kdocs-error" title="');
      this.write(escapeAttr(`no HTML visitor for node type '${node.type}'`));
      this.write('">');
      this.children(node);
      if (!node.children && node.value) this.text(node.value);
      this.write('</span>');
      return;
    }
    this.errorBox(`Unrendered node “${node.type}”`, node, () => {
      if (node.children?.length) this.children(node);
      else if (node.value) {
        this.write('<pre>');
        this.text(node.value);
        this.write('</pre>');
      }
    });
  }

  /** Whether the node being visited sits in running text (a paragraph, title, term, ...). */
  inlineContext(): boolean {
    const q = this.parents;
    for (let i = q.length - 2; i >= 0; i--) {
      const t = q[i]!.type;
      if (INLINE_CONTAINERS.has(t)) return true;
      if (BLOCK_CONTAINERS.has(t)) return false;
    }
    return false;
  }

  /** A visible box for content that could not be rendered as Sphinx would. */
  errorBox(title: string, node: RstNode | undefined, body?: () => void, cls = 'kdocs-error'): void {
    const line = node?.position?.start.line;
    this.write(`<div class="admonition error ${cls}" role="note">\n<p class="admonition-title">`);
    this.text(title);
    if (line) this.text(` (line ${line})`);
    this.write('</p>\n');
    if (body) body();
    this.write('</div>\n');
  }

  // ------------------------------------------------------------------ links

  urlOf(docname: string): string {
    return this.ctx.urlOf ? this.ctx.urlOf(docname) : docname + '.html';
  }

  /** href from this page to `docname` (+ `#anchor`), relative as Sphinx writes it. */
  hrefTo(docname: string, anchor?: string): string {
    if (docname === this.docname) return anchor ? '#' + anchor : '#';
    const target = this.urlOf(docname);
    const from = nodePath.posix.dirname(this.pageUrl);
    let rel = nodePath.posix.relative(from, target);
    if (!rel) rel = nodePath.posix.basename(target);
    return anchor ? `${rel}#${anchor}` : rel;
  }

  /** Root-relative path → href relative to this page (images, downloads). */
  hrefToFile(rootRelative: string): string {
    const from = nodePath.posix.dirname(this.pageUrl);
    return nodePath.posix.relative(from, rootRelative) || nodePath.posix.basename(rootRelative);
  }

  link(kind: LinkKind, href: string, node: RstNode | undefined, docname?: string, anchor?: string): void {
    const l: PageLink = { kind, href };
    if (docname !== undefined) l.docname = docname;
    if (anchor !== undefined) l.anchor = anchor;
    if (node?.position) l.position = node.position;
    this.links.push(l);
  }

  /** automarkup runs on text inside paragraphs, not under references or literals. */
  automarkupEnabled(_node: RstNode): boolean {
    const q = this.parents;
    for (let i = q.length - 2; i >= 0; i--) {
      const t = q[i]!.type;
      if (t === 'paragraph') return true;
      if (t === 'reference' || t === 'literal' || t === 'title' || t === 'table' || t === 'document') return false;
    }
    return false;
  }

  /**
   * An image URI → the src to write, relative to this page; a local file inside the docs root is
   * recorded as an asset to copy (its real path; one that resolves outside the root, or does not
   * exist, is not copied and warns).
   */
  imageSrc(uri: string, node: RstNode): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('//')) return uri;
    const docDir = nodePath.posix.dirname(this.doc.path.replace(/\\/g, '/'));
    const rel = uri.startsWith('/') ? nodePath.posix.normalize(uri.slice(1)) : nodePath.posix.normalize(nodePath.posix.join(docDir, uri));
    const root = this.ctx.index?.root;
    if (rel.startsWith('../') || rel === '..') {
      this.warn('html-image-outside', `image '${uri}' lies outside the docs root: not copied`, node);
      return this.hrefToFile(rel);
    }
    if (root) {
      const abs = nodePath.join(root, rel);
      let real: string | undefined;
      try {
        real = realpathSync(abs);
      } catch {
        real = undefined;
      }
      const rootReal = realRoot(root);
      if (!real) this.warn('html-image-missing', `image file not readable: '${uri}'`, node);
      else if (real !== rootReal && !real.startsWith(rootReal + nodePath.sep)) this.warn('html-image-outside', `image '${uri}' resolves outside the docs root: not copied`, node);
      else if (!this.assets.some((x) => x.target === rel)) this.assets.push({ path: real, target: rel });
    }
    return this.hrefToFile(rel);
  }

  // ------------------------------------------------------------------ ids

  /** Ids renamed as Sphinx's AutoNumbering transform shifts them (see computeAutoIds). */
  private idMap: Map<string, string> | undefined;
  private enumerableIds: Map<RstNode, string> | undefined;
  private usedIds: Set<string> | undefined;
  private indexCounter = 0;

  mapId(id: string): string {
    this.ensureAutoIds();
    return this.idMap?.get(id) ?? id;
  }

  private autoIdsDone = false;

  private ensureAutoIds(): void {
    if (this.autoIdsDone) return;
    this.autoIdsDone = true;
    let hit = autoIdCache.get(this.doc);
    if (!hit) {
      this.computeAutoIds();
      hit = { idMap: this.idMap, enumerableIds: this.enumerableIds, refMap: this.refMap };
      autoIdCache.set(this.doc, hit);
    } else {
      this.idMap = hit.idMap;
      this.enumerableIds = hit.enumerableIds;
      this.refMap = hit.refMap;
    }
  }

  /** Sections whose ids Sphinx's SortIds reordered: the old first id → the new one. References
   *  resolved by docutils' later transforms (contents, internal targets) point at the new one. */
  private refMap: Map<string, string> | undefined;

  /** The id a `refid` points at in Sphinx's output. */
  mapRef(refid: string): string {
    this.ensureAutoIds();
    return this.mapId(this.refMap?.get(refid) ?? refid);
  }

  /** The id Sphinx gives a captioned figure, table or code block that has none (yet: a label's
   *  id comes later and follows it). */
  enumerableId(node: RstNode): string | undefined {
    this.ensureAutoIds();
    return this.enumerableIds?.get(node);
  }

  /** A captioned node's ids as Sphinx has them: the AutoNumbering id first, if any. */
  enumerableIds_(node: RstNode): string[] {
    const ids = (node.attributes?.ids as string[] | undefined) ?? [];
    const auto = this.enumerableId(node);
    return auto ? [auto, ...ids] : ids;
  }

  /** A page-unique id built on `base` (Sphinx's make_id fallbacks: base, base-1, ...). */
  uniqueId(base: string): string {
    this.ensureAutoIds();
    if (!this.usedIds) {
      this.usedIds = new Set(this.doc.document?.ids.keys() ?? []);
      for (const v of this.idMap?.values() ?? []) this.usedIds.add(v);
      for (const v of this.enumerableIds?.values() ?? []) this.usedIds.add(v);
    }
    let id = base;
    for (let i = 1; this.usedIds.has(id); i++) id = `${base}-${i}`;
    this.usedIds.add(id);
    return id;
  }

  nextIndexId(): number {
    return this.indexCounter++;
  }

  /** The anchor of a C object (`c.<name>`; a repeated declaration gets no second anchor). */
  cAnchor(name: string, _objtype: string): string | undefined {
    const key = 'c.' + name;
    let seen = this.state.get('cIds') as Set<string> | undefined;
    if (!seen) this.state.set('cIds', (seen = new Set()));
    if (seen.has(key)) return undefined;
    seen.add(key);
    return key;
  }

  /**
   * Sphinx's AutoNumbering (priority 11, before docutils' Contents transform) gives every
   * captioned figure, table and code block without an id the next `idN`; the ids docutils'
   * transforms hand out afterwards (the contents topic's back-references) move up by as many.
   */
  private computeAutoIds(): void {
    const enumerables: RstNode[] = [];
    const contentsRefs: RstNode[] = [];
    let maxN = 0;
    let propagated = new Set<string>();
    // pre-order walk (document order) over the nodes that have children
    const walk = (n: RstNode, inContents: boolean): void => {
      const a = n.attributes;
      const ids = (a?.ids as string[] | undefined) ?? [];
      for (const id of ids) {
        if (id.charCodeAt(0) !== 105 || id.charCodeAt(1) !== 100) continue;
        const m = /^id(\d+)$/.exec(id);
        if (m) maxN = Math.max(maxN, Number(m[1]));
      }
      if (inContents && n.type === 'reference' && ids.some((id) => /^id\d+$/.test(id))) contentsRefs.push(n);
      if (isCaptioned(n) && (!ids.length || ids.every((id) => propagated.has(id)))) enumerables.push(n);
      if (n.type === 'section' && ids.length > 1 && ids[0]!.startsWith('id')) (this.refMap ??= new Map()).set(ids[0]!, ids[1]!);
      const ic = inContents || (n.type === 'topic' && ((a?.classes as string[] | undefined) ?? []).includes('contents'));
      // ids that docutils' PropagateTargets (priority 260) moved from the targets just before a
      // node: at AutoNumbering (11) the node had none of them yet
      let pending: string[] = [];
      for (const c of n.children ?? []) {
        if (c.type === 'target' && typeof c.attributes?.refid === 'string') {
          pending.push(c.attributes.refid as string);
          continue;
        }
        propagated = new Set(pending);
        pending = [];
        if (c.children) walk(c, ic);
      }
    };
    walk(this.doc.tree, false);
    if (!enumerables.length) return;
    const k = enumerables.length;
    const p = maxN - contentsRefs.length;
    this.enumerableIds = new Map();
    enumerables.forEach((n, i) => this.enumerableIds!.set(n, `id${p + 1 + i}`));
    if (contentsRefs.length) {
      this.idMap = new Map();
      for (const ref of contentsRefs) {
        for (const id of (ref.attributes?.ids as string[] | undefined) ?? []) {
          const m = /^id(\d+)$/.exec(id);
          if (m) this.idMap.set(id, `id${Number(m[1]) + k}`);
        }
      }
    }
  }

  // ------------------------------------------------------------------ conditions

  /** Sphinx's `only` expression over the builder's tags (and, or, not, parentheses). */
  evalOnly(expr: string): boolean {
    const r = evalBoolExpr(expr, (name) => this.tags.has(name));
    return r ?? true;
  }

  /** sphinx.ext.ifconfig: a Python expression over config values (and `builder`). */
  evalIfconfig(expr: string, node: RstNode): boolean {
    const ns: Record<string, unknown> = { builder: 'html', ...(this.options.config ?? {}) };
    const v = evalPyExpr(expr, ns);
    if (v === undefined) {
      this.warn('html-ifconfig', `ifconfig expression not understood: '${expr.trim()}' (content left out)`, node);
      return false;
    }
    return !!v;
  }

  // ------------------------------------------------------------------ helpers for visitors

  /**
   * Text given as a directive argument or option that Sphinx parses as inline markup (see
   * inline-text.ts): `caption` — a caption's one line parsed as body elements, its first node's
   * children (smart quotes, no automarkup); `paragraph` — inline markup in a paragraph (the
   * kernel's automarkup too); `centered` — inline markup in a text element of its own.
   */
  inlineText(text: string, node: RstNode, as: 'caption' | 'paragraph' | 'centered' = 'caption'): void {
    const children = inlineNodes(text, this.doc, node, as === 'caption' ? 'nested' : 'inline');
    // the smart quotes and automarkup see the nodes in the element Sphinx puts them in
    const wrap: RstNode = { type: as === 'paragraph' ? 'paragraph' : 'caption', children };
    this.parents.push(wrap);
    this.children(wrap);
    this.parents.pop();
  }

  /** Read a file a directive names (literalinclude), inside the docs root only. */
  readIncluded(target: string, node: RstNode): string | undefined {
    const got = readInsideRoot(this, target);
    if (!got) this.warn('html-include', `cannot read '${target}' inside the docs root`, node);
    return got?.text;
  }

  /** A title of this document as tocs show it (plain: no links, no ids). */
  plainTitle(title: RstNode): string {
    this.plain++;
    this.inLink++;
    const html = this.capture(() => this.inner(title));
    this.plain--;
    this.inLink--;
    return html;
  }

  /** What this page read from other documents (see facts.ts), with the answers it got. */
  readonly deps: Dependencies = new Map();

  /** Record a dependency (the first answer is the one the page used). */
  depend(key: string, answer: () => string): void {
    if (!this.deps.has(key)) this.deps.set(key, answer());
  }

  /** The C target a name resolves to (in the current `c:namespace` first), recorded. */
  lookupC(name: string): CTarget | undefined {
    const ns = ((this.state.get('cNamespace') as string[] | undefined) ?? []).join('.');
    const t = this.cTargets;
    const hit = (ns && t.get(`${ns}.${name}`)) || t.get(name);
    if (this.ctx.index) {
      if (ns) this.depend(`c\0${ns}.${name}`, () => targetAnswer(t.get(`${ns}.${name}`)));
      this.depend(`c\0${name}`, () => targetAnswer(t.get(name)));
    }
    return hit || undefined;
  }

  /** The C target of a name as written (no namespace), recorded. */
  lookupPlainC(name: string): CTarget | undefined {
    const t = this.cTargets.get(name);
    if (this.ctx.index) this.depend(`c\0${name}`, () => targetAnswer(t));
    return t;
  }

  private ownTermsMap: Map<string, GlossaryTerm> | undefined;

  /** Glossary terms: the project's, or the document's own when rendered without an index. */
  get ownTerms(): Map<string, GlossaryTerm> {
    if (!this.ownTermsMap) {
      this.ownTermsMap = new Map();
      collectFrom(this.doc.tree, this.docname, new Map(), this.ownTermsMap);
    }
    return this.ownTermsMap;
  }

  get cTargets(): CTargets {
    if (!this.cTargetsCache) {
      if (this.ctx.cTargets) this.cTargetsCache = this.ctx.cTargets;
      else if (this.ctx.index) this.cTargetsCache = collectCTargets(this.ctx.index);
      else {
        // a document rendered on its own: its own declarations
        const own = new Map<string, CTarget>();
        collectFrom(this.doc.tree, this.docname, own, this.ownTerms);
        this.cTargetsCache = own;
      }
    }
    return this.cTargetsCache;
  }

  // ------------------------------------------------------------------ results

  result(): RenderedPage {
    return {
      body: this.out,
      title: this.title,
      titleHtml: this.titleHtml,
      toc: this.toc,
      warnings: this.warnings,
      assets: this.assets,
      codeBlocks: this.codeBlocks,
      links: this.links,
      deps: this.deps,
    };
  }
}

export function targetAnswer(t: CTarget | undefined): string {
  return t ? `${t.docname}#${t.id}` : '';
}

setTitleRendererFactory((doc, ctx) => {
  const r = new Renderer(doc, ctx);
  return (title) => r.plainTitle(title);
});

/** The page body without highlighting (code blocks escaped as they are). */
export function renderDocumentSync(doc: ParsedDocument, ctx: RenderContext = {}): RenderedPage {
  const r = new Renderer(doc, { ...ctx, options: { ...ctx.options, highlight: false } });
  r.visit(doc.tree);
  fillPlain(r);
  return r.result();
}

/** The page body with code highlighted (shiki, loaded once). */
export async function renderDocument(doc: ParsedDocument, ctx: RenderContext = {}): Promise<RenderedPage> {
  const r = new Renderer(doc, ctx);
  r.visit(doc.tree);
  if (ctx.options?.highlight === false || !r.pending.length) fillPlain(r);
  else await fillHighlighted(r);
  return r.result();
}
