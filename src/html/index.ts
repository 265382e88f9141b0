/**
 * src/html: our rst tree → HTML, the way Sphinx 5.3's HTML5Translator (on docutils 0.19's HTML5
 * writer) writes it for the kernel, so ids, classes and anchors match docs.kernel.org.
 *
 * Public API (the site, `kdocs html` and the tests use only this module):
 *
 *   renderDocument(doc: ParsedDocument, ctx?: RenderContext): Promise<RenderedPage>
 *       The page body with code highlighted by shiki (initialised once, only with the languages
 *       a page needs; results cached by (lang, code)).
 *   renderDocumentSync(doc, ctx?): RenderedPage
 *       The same without highlighting (code escaped as is) — for tests and fast previews.
 *   collectCTargets(index): CTargets
 *       The C-domain targets of the whole project (`c:function`, `c:macro`, `c:struct`, ...
 *       directives), one walk per document; pass it in ctx.cTargets when rendering many pages
 *       (otherwise it is built on first use and cached per index).
 *   VISITORS / hasVisitor(type)
 *       The node types the renderer knows (the completeness test checks the parser's).
 *
 * RenderContext (all optional):
 *   index          the ProjectIndex (:ref:, :doc:, toctree, automarkup, C-domain resolution);
 *   docname        current document (`ext4/index`), default: the document's path minus `.rst`;
 *   urlOf(d)       root-relative URL of document d (default `<d>.html`); links are made relative
 *                  to the current page's URL, as Sphinx writes them;
 *   anchorOf(l, d) override the id of label l in document d;
 *   decorateIdentifier(name) → href | undefined   link a C/mm API name the tree does not define
 *                  (the site links mm names to contract pages);
 *   options        { allowRawHtml, highlight, highlightLanguage (kernel: 'none'), tags (only::),
 *                    config (ifconfig::), math, graphviz }.
 *
 * RenderedPage: { body, title, titleHtml, toc: TocSection[] (id, title, titleHtml, level, line,
 *   children), warnings: RenderWarning[] (ruleId, message, exact position), assets (images to
 *   copy: real paths inside the root + their root-relative target), codeBlocks ({lang,
 *   highlighted, lines, position}), links ({kind, href, docname?, anchor?, position}) }.
 *
 * An unknown node type renders as a visible error box plus an `html-unknown-node` warning; it is
 * never dropped silently.
 */
export type {
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
export { renderDocument, renderDocumentSync, VISITORS, ROLE_VISITORS, DIRECTIVE_VISITORS, hasVisitor } from './render.js';
export { collectCTargets } from './xref.js';
export { escapeText, escapeAttr } from './escape.js';
