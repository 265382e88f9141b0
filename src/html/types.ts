/**
 * Shapes of the HTML renderer's public API (documented in src/html/index.ts).
 */
import type { Position } from '../rst/nodes.js';
import type { ProjectIndex } from '../project/index.js';

export interface RenderOptions {
  /** Keep `.. raw:: html` content (default false: dropped with a warning, as the site's safety rule). */
  allowRawHtml?: boolean;
  /** Highlight code with shiki (default true for renderDocument; renderDocumentSync never does). */
  highlight?: boolean;
  /** The language of `::` literal blocks before any `.. highlight::` (the kernel's conf.py: 'none';
   *  Sphinx's own default 'default' means python3 with a fallback). Default 'none'. */
  highlightLanguage?: string;
  /** Sphinx tags `only::` evaluates (default: the kernel's html build: `html`, `format_html`,
   *  `builder_html`, `kernel` isn't a tag). */
  tags?: readonly string[];
  /** Config values `ifconfig::` may read (default: {}; an unknown name is false, like an
   *  exception-free Sphinx build would not give). */
  config?: Readonly<Record<string, unknown>>;
  /** Render `math` / `:math:` with KaTeX (default true); false writes the TeX source escaped. */
  math?: boolean;
  /** Run Graphviz `dot` for `kernel-figure`/`kernel-render` DOT sources (default true: when `dot`
   *  is installed; otherwise the source is shown). */
  graphviz?: boolean;
}

/** How a link target is classified (for the site's link checker and "what links here"). */
export type LinkKind = 'doc' | 'ref' | 'c' | 'automarkup' | 'term' | 'external' | 'internal' | 'footnote' | 'citation' | 'download';

export interface RenderContext {
  /** The project index: :ref:/:doc:/toctree/automarkup/C-domain resolution. Without it, every
   *  cross-document reference renders unresolved (as Sphinx does for a missing target). */
  index?: ProjectIndex;
  /** The current document's name (root-relative, no suffix: `ext4/index`). Defaults to the
   *  document's path without `.rst`. */
  docname?: string;
  /** Root-relative URL of a document (default `<docname>.html`). Links are written relative to
   *  the current page's URL, as Sphinx writes them. */
  urlOf?: (docname: string) => string;
  /** Id of a label's target in its document (default: what docutils assigned, read from the
   *  target document's tree through the index). Return undefined to fall back. */
  anchorOf?: (label: string, docname: string) => string | undefined;
  /** Link an identifier (a C name in code, a :c:func:, automarkup `func()`) to a page of the
   *  site (e.g. a contract page). Called only when the tree defines no target for it; the
   *  returned href is used as is. */
  decorateIdentifier?: (name: string) => string | undefined;
  /** C-domain targets of the whole project (built once per index with `collectCTargets`).
   *  Without it the renderer builds it from `index` on first use and caches it per index. */
  cTargets?: CTargets;
  options?: RenderOptions;
}

export interface CTarget {
  docname: string;
  /** Anchor id (`c.<name>`), as Sphinx 5.3's C domain writes it. */
  id: string;
  /** Object type: function, macro, struct, union, enum, enumerator, type, member, var. */
  objtype: string;
}

/** name → target; a name declared twice keeps the first (Sphinx warns "Duplicate C declaration"). */
export type CTargets = ReadonlyMap<string, CTarget>;

export interface TocSection {
  /** Section id (the first of its ids: what Sphinx's toctree links to). */
  id: string;
  /** Title as plain text. */
  title: string;
  /** Title rendered as inline HTML (with its inline markup; no links). */
  titleHtml: string;
  /** 1 = the document title. */
  level: number;
  /** Source line of the title (1-based; in an included file, that file's line). */
  line?: number;
  /** Path of the included file that holds the title, when not the document itself. */
  source?: string;
  children: TocSection[];
}

export interface RenderWarning {
  /** Stable id: `html-unknown-node`, `html-raw-dropped`, `html-unresolved`, `html-image-missing`,
   *  `html-highlight`, `html-math`, `html-graphviz`, ... */
  ruleId: string;
  message: string;
  /** Exact range in the source (of the node concerned). */
  position?: Position;
  /** Set when the node comes from an included file (root-relative path). */
  source?: string;
}

export interface Asset {
  /** Absolute, real path of the file to copy (inside the docs root; never outside). */
  path: string;
  /** Root-relative path: where it goes in the site (the renderer's `src` attributes point there,
   *  relative to the page). */
  target: string;
}

export interface CodeBlock {
  /** Lexer as Sphinx would pick it, lower-cased (`c`, `none`, `bash`, ...). */
  lang: string;
  /** Whether the renderer highlighted it (false: unknown lexer, `none`/`text`, or highlight off). */
  highlighted: boolean;
  lines: number;
  /** Where the block is (the directive or the literal block). */
  position?: Position;
}

export interface PageLink {
  kind: LinkKind;
  /** The href as written in the page. */
  href: string;
  /** Target document (docname) for in-site links. */
  docname?: string;
  /** Anchor within it, if any. */
  anchor?: string;
  position?: Position;
}

export interface RenderedPage {
  /** The page body: what Sphinx writes inside `<div class="body" role="main">`. */
  body: string;
  /** Document title as plain text ('' when the document has none), and as inline HTML. */
  title: string;
  titleHtml: string;
  /** Section tree (the document title is the root when there is one). */
  toc: TocSection[];
  warnings: RenderWarning[];
  assets: Asset[];
  codeBlocks: CodeBlock[];
  links: PageLink[];
  /** What the page read from other documents, with the answers (facts.ts's Dependencies). */
  deps?: ReadonlyMap<string, string>;
}
