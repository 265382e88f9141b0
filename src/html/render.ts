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
  CTargets,
  LinkKind,
  PageLink,
  RenderContext,
  RenderedPage,
  RenderOptions,
  RenderWarning,
  TocSection,
} from './types.js';
import { collectCTargets } from './xref.js';
import { VISITORS } from './visitor.js';
import { fillHighlighted, fillPlain } from './code.js';
import './visitors/index.js';

export { VISITORS, hasVisitor } from './visitor.js';

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
    const v = VISITORS[node.type];
    const src = node.data?.source;
    const saved = this.currentSource;
    if (typeof src === 'string') this.currentSource = src;
    this.parents.push(node);
    if (v) v(this, node);
    else this.unknown(node);
    this.parents.pop();
    this.currentSource = saved;
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
  starttag(node: RstNode | undefined, tag: string, classes: readonly string[] = [], attrs: Record<string, string | undefined> = {}, opts: { empty?: boolean; before?: boolean; noIds?: boolean } = {}): void {
    const a = node?.attributes;
    const ids = opts.noIds || this.plain ? [] : ((a?.ids as string[] | undefined) ?? []);
    const cls = [...classes, ...((a?.classes as string[] | undefined) ?? [])];
    let prefix = '';
    let suffix = '';
    let s = '<' + tag;
    if (ids.length) {
      s += ` id="${escapeAttr(ids[0]!)}"`;
      for (let i = 1; i < ids.length; i++) {
        const span = `<span id="${escapeAttr(ids[i]!)}"></span>`;
        if (opts.empty || opts.before) prefix += span;
        else suffix += span;
      }
    }
    if (cls.length) s += ` class="${escapeAttr(cls.join(' '))}"`;
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined) s += ` ${k}="${escapeAttr(v)}"`;
    s += opts.empty ? ' />' : '>';
    this.out += prefix + s + suffix;
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

  get cTargets(): CTargets {
    if (!this.cTargetsCache) {
      this.cTargetsCache = this.ctx.cTargets ?? (this.ctx.index ? collectCTargets(this.ctx.index) : new Map());
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
    };
  }
}

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
