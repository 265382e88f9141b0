/**
 * The site model: everything Eleventy's templates need, computed once per build from ONE project
 * index and ONE lint run (each document parsed once; its tree is rendered and then dropped), and
 * updated one document at a time under `--serve`.
 *
 * Pages live at the document's place in the kernel tree below `Documentation/` (docs-src, the
 * 6.12 `Documentation/filesystems`, is served under `filesystems/`), so paths match
 * docs.kernel.org's and its deep links keep working with another host name.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { loadDefaultParser, ProjectIndex, toPosix } from '../../project/index.js';
import { loadRules } from '../../lint/api.js';
import { resolveConfig, type ConfigFile, type ResolvedConfig } from '../../lint/config.js';
import { lintIndex, startLint, type LintFinding } from '../../lint/engine.js';
import { FindingsCache } from '../../lint/findings-cache.js';
import type { Rule } from '../../lint/types.js';
import type { ProfileName } from '../../model/index.js';
import { DEFAULT_PROFILE, isProfileName } from '../../model/surface/index.js';
import { collectCTargets, renderDocument, renderDocumentSync } from '../index.js';
import type { Asset, CTargets, PageLink, RenderedPage, RenderWarning, TocSection } from '../index.js';
// one document's C targets, to update the project's after an edit without walking every tree
import { collectTerms } from '../xref.js';
import { closeGraphvizCache, openGraphvizCacheLazily } from '../visitors/kernel.js';
import { closeHighlightCache, highlightStamp, highlightStats, openHighlightCache, startHighlightThread, stopHighlightThread, type HighlightThreadStats } from '../code.js';
import { defaultCacheDir, textHash } from '../../project/cache.js';
import { htmlFacts, knownFacts, tocSignature } from '../facts.js';
import { secnumbers, toctreeAnswer } from '../toc.js';
import { labelAnswer } from '../visitors/roles.js';
import { kernelPathAnswer } from '../visitors/automarkup.js';
import { targetAnswer } from '../render.js';
import type { RenderContext } from '../types.js';
import { startContracts, type ContractsData } from './contracts.js';
import { buildNav, navDependents, type Nav } from './nav.js';
import { relUrl } from './util.js';

export type Severity = 'error' | 'warning' | 'info';

/** Pages rendered while earlier ones wait for the highlighting thread (each waiting page keeps
 *  its tree until its blocks are back: a large tree's render pass holds at most this many). */
const RENDER_AHEAD = 16;

/** A lint finding or a renderer warning, as a page shows it. */
export interface PageFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  detail?: string;
  /** From the renderer (`html-*`), not the lint. */
  render?: boolean;
}

export interface SitePage {
  path: string;
  docname: string;
  url: string;
  title: string;
  titleHtml: string;
  body: string;
  toc: TocSection[];
  findings: PageFinding[];
  assets: Asset[];
  links: PageLink[];
  /** Language directory (`zh_CN`) or `en`. */
  lang: string;
  /** First directory below Documentation/ (`filesystems`), or `(top)`. */
  topdir: string;
  /** Source text line count (the source view). */
  lines: number;
}

export interface SiteOptions {
  root: string;
  config?: ConfigFile;
  /** Kernel profile for the contract rules and pages (default: config settings.profile, else 7.1). */
  profile?: string;
  /** Highlight code (default true). */
  highlight?: boolean;
  rules?: Rule[];
  /** Called when a phase ends (the bench and `kdocs site` report them). */
  onPhase?: (name: string, ms: number) => void;
  /**
   * Keep every tree from the lint to the render pass (one parse per document; memory grows with
   * the tree), or drop each tree once linted and its facts taken, and parse it again to render
   * its page (one tree at a time; a second parse). Default: keep up to 1000 documents.
   */
  keepTrees?: boolean;
  /** Directory of the cache files (default ~/.cache/kdocs): the contract explorations and the
   *  highlighted code blocks of earlier runs; false for none. */
  cacheDir?: string | false;
  /** The root's place in the kernel tree (default: read from the root's path). */
  kernelPrefix?: string;
  /** Called with each page once rendered (the search index takes its text); the render pass
   *  waits for what it returns. */
  onRendered?: (page: SitePage, site: SiteModel) => void | Promise<void>;
  /** Highlight on a thread of its own when no highlighted blocks of earlier builds are cached
   *  (default true; false: on this thread, as `--serve` does after the first build). */
  highlightThread?: boolean;
  /** Keep the highlighting thread after the build, for the pages rendered again under `--serve`
   *  (its grammars are compiled by then); stop it with `stopHighlightThread`. Default false. */
  keepHighlightThread?: boolean;
  /** Drop a page's body once its HTML file is written (`written`): for a one-shot build. Default:
   *  when the trees are not kept either (a large tree). */
  releaseBodies?: boolean;
}

export interface Timings {
  parse: number;
  index: number;
  lint: number;
  render: number;
  highlight: number;
  contracts: number;
}

const TRANSLATION_LANGS: Record<string, string> = {
  zh_CN: 'zh-CN', zh_TW: 'zh-TW', it_IT: 'it', ja_JP: 'ja', ko_KR: 'ko', sp_SP: 'es', pt_BR: 'pt-BR',
};

/** The `lang` attribute of a translation directory (`zh_CN` → `zh-CN`), `en` otherwise. */
export function htmlLang(lang: string): string {
  return lang === 'en' ? 'en' : TRANSLATION_LANGS[lang] ?? lang.replace('_', '-');
}

export class SiteModel {
  readonly pages = new Map<string, SitePage>();
  nav!: Nav;
  orderIndex = new Map<string, number>();
  contracts!: ContractsData;
  readonly timings: Timings = { parse: 0, index: 0, lint: 0, render: 0, highlight: 0, contracts: 0 };
  /** Site-root-relative directory of the docs root (`filesystems/` for docs-src, '' for a whole tree). */
  readonly prefix: string;
  /** Languages with a translations/<lang>/ tree. */
  readonly languages: string[] = [];
  cTargets: CTargets | undefined;
  /** What each page read from other documents (dependency key → the answer it got), and the
   *  pages that read each key: after an edit, the pages whose answers changed are rendered again. */
  private readonly answers = new Map<string, ReadonlyMap<string, string>>();
  private readonly readers = new Map<string, Set<string>>();
  /** The most trees in memory at once during the build (index.parsedCount after each document
   *  is linted and after each page is rendered). */
  peakTrees = 0;
  /** Pages rendered by updates (work counter: the tests compare it with what changed). */
  rerendered: string[] = [];
  /** The lint's findings per document (kept to render a page again). */
  private readonly lintOf = new Map<string, readonly LintFinding[]>();
  /** Bumped by every update (templates compare it). */
  generation = 0;
  /** The lint's findings cache in this build: documents replayed (hits) and linted (misses). */
  lintCache: { hits: number; misses: number } | undefined;
  /** Directory of the cache files (SiteOptions.cacheDir), false for none. */
  cacheDir: string | false = false;
  /** Bodies are dropped once written (a one-shot build; see SiteOptions.releaseBodies). */
  releaseBodies = false;
  /** What the highlighting thread did in this build (stopped at the end of the render pass). */
  highlightThread: HighlightThreadStats | undefined;

  /** A page's HTML file is written: its body is not needed any more in a one-shot build. */
  written(page: SitePage): void {
    if (this.releaseBodies) page.body = '';
  }

  private constructor(
    readonly index: ProjectIndex,
    readonly config: ResolvedConfig,
    readonly rules: Rule[],
    readonly profile: ProfileName,
    readonly allowRawHtml: boolean,
    readonly highlight: boolean,
  ) {
    const kp = index.kernelPrefix ?? 'Documentation/';
    this.prefix = kp.startsWith('Documentation/') ? kp.slice('Documentation/'.length) : '';
    const tr = nodePath.join(index.root, 'translations');
    if (existsSync(tr)) {
      for (const d of readdirSync(tr, { withFileTypes: true })) if (d.isDirectory() && index.has(`translations/${d.name}/index.rst`)) this.languages.push(d.name);
      this.languages.sort();
    }
  }

  static async build(opts: SiteOptions): Promise<SiteModel> {
    const phase = opts.onPhase ?? (() => undefined);
    const rules = opts.rules ?? (await loadRules()).rules;
    const file = opts.config ?? {};
    const config = resolveConfig(rules, file);
    const fromConfig = config.settings['profile'];
    const profileName = opts.profile ?? (typeof fromConfig === 'string' ? fromConfig : DEFAULT_PROFILE);
    if (!isProfileName(profileName)) throw new Error(`unknown kernel profile '${profileName}'`);
    const index = new ProjectIndex(opts.root, await loadDefaultParser(), opts.kernelPrefix !== undefined ? { kernelPrefix: opts.kernelPrefix } : {});
    const site = new SiteModel(index, config, rules, profileName as ProfileName, file.site?.allowRawHtml === true, opts.highlight ?? true);
    // what other pages read from a document (its facts) is taken while its tree is in memory;
    // the lint runs while the index is built; the trees are kept for the render pass (which drops
    // each one when its page is done) or, on a large tree, dropped at once and parsed again there
    const cacheDir = opts.cacheDir === undefined ? defaultCacheDir() : opts.cacheDir;
    // the contract pages' explorations: from their cache, or explored on the other core while
    // this one parses and lints
    site.cacheDir = cacheDir;
    const contracts = startContracts(site.profile, cacheDir);
    // the highlighted blocks of earlier builds; with none (a first build, or shiki or the
    // highlighting code changed), shiki starts on a thread of its own now and highlights there
    // while this one parses, lints and renders
    const highlightFile = cacheDir !== false && site.highlight ? nodePath.join(cacheDir, `highlight-${textHash(index.root).slice(0, 12)}-${highlightStamp()}.json`) : undefined;
    const storedBlocks = highlightFile ? openHighlightCache(highlightFile) : 0;
    const offThread = site.highlight && !storedBlocks && opts.highlightThread !== false && startHighlightThread();
    const keep = opts.keepTrees ?? index.listFiles().length <= 1000;
    // The first pass parses every document for the index: its facts, and what other pages read
    // of it (htmlFacts) while its tree is in memory; a large tree's trees are dropped at once and
    // parsed again, one at a time, in the render pass. The lint runs there too, on the tree the
    // page is rendered from, not in this pass: the render pass — and pagefind's binary, idle
    // until the first page is handed over — starts that much earlier.
    index.build(
      undefined,
      keep
        ? () => false
        : (p) => {
            htmlFacts(index, p, site.factsCtx());
            site.peakTrees = Math.max(site.peakTrees, index.parsedCount);
            return true;
          },
    );
    site.peakTrees = Math.max(site.peakTrees, index.parsedCount);
    site.timings.parse = index.timings.parseMs;
    site.timings.index = index.timings.indexMs;
    phase('parse', site.timings.parse);
    phase('index', site.timings.index);
    // a tree kept for the render: its findings are replayed from the lint's findings cache
    // (the file `kdocs lint` keeps, keyed by each document's text and includes and by every
    // answer of the index its rules relied on) when they still hold; the rules run on the others
    const findingsCache = keep && cacheDir !== false ? new FindingsCache(index.root, config, cacheDir) : undefined;
    const l0 = performance.now();
    // (the project passes now; each document's rules just before its page is rendered)
    const lint = startLint(index, config, { forget: true, ...(findingsCache ? { findingsCache } : {}) });
    let lintMs = performance.now() - l0;
    // the pages link mm API names to the contracts stating them; the explorations themselves are
    // for the contract pages, written after these
    site.contracts = { views: [], byName: contracts.byName, profile: site.profile };
    site.rebuildNav();
    let t = performance.now();
    site.cTargets = collectCTargets(index);
    const hl0 = highlightMs();
    if (cacheDir !== false) openGraphvizCacheLazily((stamp) => nodePath.join(cacheDir, `graphviz-${textHash(index.root).slice(0, 12)}-${stamp}.json`));
    site.releaseBodies = opts.releaseBodies ?? !keep;
    // A page is done once its code blocks are highlighted; with the highlighting thread the next
    // pages are rendered meanwhile (up to RENDER_AHEAD of them). The pages are handed on
    // (onRendered: the search index) and kept in the documents' order whatever order their
    // blocks come back in.
    const documents = index.documents();
    let handed: Promise<void> = Promise.resolve();
    const ahead: Promise<void>[] = [];
    for (const p of documents) {
      // (a large tree's tree is parsed again here: the render's time, as when the page parsed it)
      index.get(p);
      const l = performance.now();
      const found = lint.lint(p);
      lintMs += performance.now() - l;
      const rendered = site.renderPage(p, found);
      handed = handed.then(async () => {
        const page = await rendered;
        if (page && opts.onRendered) await opts.onRendered(page, site);
      });
      // (a failure is the build's, thrown where this page is awaited; not one per later page)
      handed.catch(() => undefined);
      ahead.push(handed);
      // without the thread a page is done here: one at a time, as the search index asks
      if (!offThread || ahead.length > RENDER_AHEAD) await ahead.shift();
      site.peakTrees = Math.max(site.peakTrees, index.parsedCount);
      // its facts are taken before its tree goes (pages rendered later may need them)
      htmlFacts(index, p, site.factsCtx());
      index.release(p);
    }
    const tWait = performance.now();
    await handed;
    const waited = offThread ? performance.now() - tWait : 0;
    if (offThread) {
      if (!opts.keepHighlightThread) site.highlightThread = await stopHighlightThread();
      // in the documents' order, as without the thread
      const done = new Map(site.pages);
      site.pages.clear();
      for (const p of documents) {
        const page = done.get(p);
        if (page) site.pages.set(p, page);
      }
    }
    closeHighlightCache();
    closeGraphvizCache();
    const l = performance.now();
    lint.finish();
    if (findingsCache) {
      findingsCache.retainOnly(index.documents());
      findingsCache.save();
      site.lintCache = { hits: findingsCache.hits, misses: findingsCache.misses };
    }
    lintMs += performance.now() - l;
    // highlighting: this thread's share, and its wait for the highlighting thread at the end
    site.timings.highlight = highlightMs() - hl0 + waited;
    site.timings.lint = lintMs;
    site.timings.render = performance.now() - t - site.timings.highlight - lintMs;
    // (the lint ran within the render pass: a phase's CPU as measured between these calls is
    // the render's with the lint's)
    phase('render', site.timings.render);
    phase('lint', site.timings.lint);
    phase('highlight', site.timings.highlight);
    t = performance.now();
    site.contracts = await contracts.data;
    site.timings.contracts = performance.now() - t;
    phase('contracts', site.timings.contracts);
    return site;
  }

  /** Site-root-relative URL of a document's page. */
  urlOf(path: string): string {
    return this.prefix + path.replace(/\.rst$/, '.html');
  }

  /** Site-root-relative URL of a document's source view. */
  sourceUrlOf(path: string): string {
    return `_sources/${this.prefix}${path}.html`;
  }

  langOf(path: string): string {
    const m = /^translations\/([^/]+)\//.exec(path);
    return m && this.languages.includes(m[1]!) ? m[1]! : 'en';
  }

  topdirOf(path: string): string {
    const full = this.prefix + path;
    const i = full.indexOf('/');
    return i > 0 ? full.slice(0, i) : '(top)';
  }

  /** Pages of the same document in other languages: [lang, path]. */
  translationsOf(path: string): [string, string][] {
    const lang = this.langOf(path);
    const base = lang === 'en' ? path : path.slice(`translations/${lang}/`.length);
    const out: [string, string][] = [];
    if (lang !== 'en' && this.index.has(base)) out.push(['en', base]);
    for (const l of this.languages) {
      if (l === lang) continue;
      const p = `translations/${l}/${base}`;
      if (this.index.has(p)) out.push([l, p]);
    }
    return out;
  }

  rebuildNav(): void {
    this.nav = buildNav(this.index, 'index.rst', (p) => this.pages.get(p)?.title || undefined || fallbackTitle(this.index, p));
    this.orderIndex = new Map(this.nav.order.map((p, i) => [p, i] as const));
  }

  /** The render context facts are computed with (titles: no links, so no page URL in it). */
  factsCtx(): RenderContext {
    return { index: this.index, ...(this.cTargets ? { cTargets: this.cTargets } : {}), options: { allowRawHtml: this.allowRawHtml, highlightLanguage: 'none' } };
  }

  private async renderPage(path: string, lintFindings: readonly LintFinding[]): Promise<SitePage | undefined> {
    const doc = this.index.get(path);
    if (!doc) return undefined;
    const url = this.urlOf(path);
    const docname = path.replace(/\.rst$/, '');
    const ctx = {
      ...this.factsCtx(),
      docname,
      decorateIdentifier: (name: string): string | undefined => {
        const ids = this.contracts.byName.get(name);
        return ids?.length ? relUrl(url, `kdocs/contracts/${ids[0]}.html`) + `#names` : undefined;
      },
    };
    let r: RenderedPage;
    try {
      r = this.highlight ? await renderDocument(doc, ctx) : renderDocumentSync(doc, ctx);
    } catch (err) {
      // a renderer bug must not take the site down: the page says what failed
      const msg = err instanceof Error ? err.message : String(err);
      r = { body: `<div class="admonition error"><p class="admonition-title">Error</p><p>This page could not be rendered: ${escapeHtml(msg)}</p></div>`, title: '', titleHtml: '', toc: [], warnings: [{ ruleId: 'html-internal', message: msg }], assets: [], codeBlocks: [], links: [] };
    }
    this.lintOf.set(path, lintFindings);
    const findings: PageFinding[] = lintFindings.map((f) => ({
      ruleId: f.ruleId, severity: f.severity, message: f.message, line: f.line, column: f.column, ...(f.detail ? { detail: f.detail } : {}),
    }));
    for (const w of r.warnings) findings.push(renderFinding(w));
    findings.sort((a, b) => a.line - b.line || a.column - b.column);
    for (const k of this.answers.get(path)?.keys() ?? []) this.readers.get(k)?.delete(path);
    const deps = r.deps ?? new Map<string, string>();
    this.answers.set(path, deps);
    for (const k of deps.keys()) {
      let s = this.readers.get(k);
      if (!s) this.readers.set(k, (s = new Set()));
      s.add(path);
    }
    const text = doc.source.raw;
    const page: SitePage = {
      path, docname, url, title: r.title || fallbackTitle(this.index, path), titleHtml: r.titleHtml || escapeHtml(fallbackTitle(this.index, path)),
      body: r.body, toc: r.toc, findings, assets: r.assets, links: r.links,
      lang: this.langOf(path), topdir: this.topdirOf(path), lines: countLines(text),
    };
    // a large tree's bodies wait for their page to be written as UTF-8 outside V8's heap: the
    // smart quotes make nearly every body a two-byte string, and the collector would walk them
    if (this.releaseBodies) packBody(page);
    this.pages.set(path, page);
    return page;
  }

  /** What of a document the navigation of other pages shows: its title and its toctrees. */
  private navSignature(path: string): string {
    const t = this.pages.get(path)?.title ?? '';
    const tocs = this.index.toctrees(path).map((tt) => [tt.options['caption'] ?? '', tt.hidden, ...tt.entries.map((e) => `${e.kind}:${e.docname ?? e.target}:${e.title ?? ''}`)].join('|'));
    return `${t}\n${tocs.join('\n')}`;
  }

  /** Every finding of the site (lint and renderer), by page. */
  allFindings(): { path: string; f: PageFinding }[] {
    const out: { path: string; f: PageFinding }[] = [];
    for (const p of [...this.pages.keys()].sort()) for (const f of this.pages.get(p)!.findings) out.push({ path: p, f });
    return out;
  }

  /**
   * A document changed on disk (text) or was deleted (null): update the index for it (and the
   * documents including it), lint and render them again, render again the pages whose recorded
   * answers from other documents changed (a title shown in their toctree, a label's id, a C
   * target...), and return every document whose page changes — those, and the pages whose
   * navigation shows the document when its title or toctrees changed.
   */
  async update(path: string, text: string | null): Promise<string[]> {
    const p = toPosix(path);
    this.generation++;
    this.rerendered = [];
    const sigBefore = this.navSignature(p);
    const navBefore = this.nav ? navDependents(this.nav, this.orderIndex, p) : new Set<string>();
    const includers = this.index.includers(p);
    // a document added or deleted changes which documents toctrees and :doc: links find
    const existedBefore = this.index.has(p);
    const changed = [p, ...includers].filter((x) => x.endsWith('.rst'));
    // the C targets and terms they declared before (pages reading those names may change)
    const names = new Set<string>();
    for (const d of changed) {
      const h = knownFacts(this.index, d);
      for (const [k] of h?.cTargets ?? []) names.add(`c\0${k}`);
      for (const [k] of h?.terms ?? []) names.add(`term\0${k}`);
    }
    this.index.update(p, text);
    const affected = new Set<string>(changed);
    if (text === null) {
      this.pages.delete(p);
      for (const k of this.answers.get(p)?.keys() ?? []) this.readers.get(k)?.delete(p);
      this.answers.delete(p);
    }
    const docs = changed.filter((x) => this.index.has(x));
    const run = lintIndex(this.index, this.config, { paths: docs });
    const findings = new Map(run.files.map((f) => [f.path, f.findings] as const));
    for (const d of docs) {
      const h = htmlFacts(this.index, d, this.factsCtx());
      for (const [k] of h?.cTargets ?? []) names.add(`c\0${k}`);
      for (const [k] of h?.terms ?? []) names.add(`term\0${k}`);
    }
    // the project's C targets, from every document's facts (no tree is walked)
    this.cTargets = collectCTargets(this.index);
    for (const d of docs) {
      await this.renderPage(d, findings.get(d) ?? []);
      this.rerendered.push(d);
      this.index.release(d);
    }
    this.rebuildNav();
    // pages whose navigation shows the document change only when its title or toctrees did
    if (sigBefore !== this.navSignature(p)) {
      for (const d of navBefore) affected.add(d);
      for (const d of navDependents(this.nav, this.orderIndex, p)) affected.add(d);
    }
    // pages whose answers from the changed documents differ now: rendered again (their trees
    // parsed again, one at a time)
    const docnames = new Set(changed.map((x) => x.replace(/\.rst$/, '')));
    const documentSetChanged = existedBefore !== this.index.has(p);
    const stale = new Set<string>();
    for (const [key, pages] of this.readers) {
      if (!pages.size) continue;
      const [kind, name] = splitKey(key);
      const relevant = kind === 'label' || kind === 'secnum' || ((kind === 'toc') && docnames.has(name)) || names.has(key) || (documentSetChanged && (kind === 'toctree' || kind === 'docref' || kind === 'kpath'));
      if (!relevant) continue;
      const now = this.answerNow(kind, name);
      for (const q of pages) if (!docs.includes(q) && this.answers.get(q)?.get(key) !== now) stale.add(q);
    }
    for (const q of [...stale].sort()) {
      if (!this.index.has(q)) continue;
      const wasLoaded = !!this.index.loaded(q);
      await this.renderPage(q, this.lintOf.get(q) ?? []);
      if (!wasLoaded) this.index.release(q);
      this.rerendered.push(q);
      affected.add(q);
    }
    return [...affected].sort();
  }

  /** What a page reading `kind`/`name` gets now (as Renderer.depend recorded it). */
  private answerNow(kind: string, name: string): string {
    const ctx = this.factsCtx();
    switch (kind) {
      case 'toc':
        return tocSignature(htmlFacts(this.index, name + '.rst', ctx));
      case 'secnum': {
        const nums = secnumbers(this.index, ctx).get(name);
        return nums ? JSON.stringify([...nums]) : '';
      }
      case 'label':
        return labelAnswer(ctx, this.index, name);
      case 'c':
        return targetAnswer(this.cTargets?.get(name));
      case 'toctree': {
        const [docname, nth] = splitKey(name);
        const node = htmlFacts(this.index, docname + '.rst', ctx)?.toctrees[Number(nth)];
        return node ? toctreeAnswer(this.index, docname, node) : '';
      }
      case 'docref': {
        const [from, target] = splitKey(name);
        return this.index.resolveDoc(from, target, { stripRst: false }) ?? '';
      }
      case 'kpath':
        return kernelPathAnswer(this.index, name);
      case 'term': {
        const t = collectTerms(this.index).get(name);
        return t ? `${t.docname}#${t.id}` : '';
      }
      default:
        return '\0unknown';
    }
  }
}

/** Keep a page's body as UTF-8 bytes (read back as a string on use; '' drops it). */
function packBody(page: SitePage): void {
  let bytes: Buffer | undefined = page.body ? Buffer.from(page.body, 'utf8') : undefined;
  Object.defineProperty(page, 'body', {
    enumerable: true,
    get: () => (bytes ? bytes.toString('utf8') : ''),
    set: (v: string) => {
      bytes = v ? Buffer.from(v, 'utf8') : undefined;
    },
  });
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('\0');
  return [key.slice(0, i), key.slice(i + 1)];
}

function renderFinding(w: RenderWarning): PageFinding {
  const line = w.position?.start.line ?? 1;
  return { ruleId: w.ruleId, severity: 'warning', message: w.source ? `${w.message} (in ${w.source})` : w.message, line: w.source ? 1 : line, column: w.position?.start.column ?? 1, render: true };
}

function fallbackTitle(index: ProjectIndex, path: string): string {
  const f = index.getFacts(path);
  const s = f?.sections.find((x) => !x.fromInclude) ?? f?.sections[0];
  return s?.title ?? path.replace(/\.rst$/, '');
}

function countLines(text: string): number {
  if (!text) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Milliseconds the renderer spent highlighting so far (shiki's start-up included). */
function highlightMs(): number {
  return highlightStats.ms;
}

/** Read a document's source for the source view (from the index's overlay or disk). */
export function sourceText(site: SiteModel, path: string): string {
  return site.index.sourceText(path) ?? readFileSync(site.index.abs(path), 'utf8');
}
