/**
 * The Eleventy side of the site (used by site/eleventy.config.js): `.rst` as a custom template
 * language whose data and output come from the one SiteModel built before Eleventy starts, the
 * kdocs pages (lint, rules, contracts, source views, landing page) as virtual templates of the
 * same language, images and static files as passthrough copies.
 *
 * Eleventy reads no document itself (`read: false`): every page is the model's. Under `--serve`,
 * `eleventy.beforeWatch` hands the changed files to the model (one document at a time) and
 * `isIncrementalMatch` tells Eleventy which pages the change dirties.
 */
import * as nodePath from 'node:path';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { SiteModel } from './model.js';
import { contractsIndexView, contractView, docView, homeView, lintView, ruleView, rulesIndexView, sourceView, type PageView } from './pages.js';
import type { RulePage } from './rule-pages.js';

export type Layout = (view: PageView) => string;

/** What the config hands over: the model and the layout (site/layout.js). */
export interface PluginOptions {
  site: SiteModel;
  layout: Layout;
  /** Directory of the site's static files (site/static), copied to `_static/`. */
  staticDir: string;
  /** The rules' pages: README per rule as HTML (rule-pages.ts). */
  rulePages: ReadonlyMap<string, RulePage>;
  /** KaTeX's dist directory (its CSS and fonts), copied to `_static/katex/` when found. */
  katexDir?: string;
  /** The output directory. Document pages and their source views are written there as they are
   *  rendered (their HTML is not handed back to Eleventy, which would hold every page until the
   *  build ends: 290 MB on the whole 6.12 tree); under --serve an edited page is written at once. */
  outDir: string;
  reload?: (files: string[]) => Promise<void>;
  /** Sees each document page's HTML as it is rendered (the search index); the next page waits
   *  for what it returns (the index keeps up instead of piling pages up in memory). */
  onPage?: (url: string, html: string, view: PageView) => void | Promise<void>;
  /** Called with the documents an edit dirtied (the bench and `--serve` log it). */
  onUpdate?: (changed: string, dirty: string[], ms: number) => void;
}

/** Document pages' writes not yet settled (see allWritten). */
const pendingWrites = new Set<Promise<unknown>>();
const writeErrors: unknown[] = [];

function pending(p: Promise<unknown>): void {
  // (a failure is kept for allWritten: a rejection nobody waits for would end the process)
  const done: Promise<unknown> = p.then(
    () => pendingWrites.delete(done),
    (err: unknown) => {
      pendingWrites.delete(done);
      writeErrors.push(err);
    },
  );
  pendingWrites.add(done);
}

/** Every document page and source view handed to the file system so far is written (a write
 *  that failed rejects here, failing the build). */
export async function allWritten(): Promise<void> {
  while (pendingWrites.size) await Promise.all([...pendingWrites]);
  if (writeErrors.length) throw writeErrors.splice(0)[0];
}

/** Virtual templates live under this directory of the input (no kernel directory has the name). */
export const VIRTUAL_DIR = '__kdocs__';

interface Entry {
  url: string;
  /** A document's page (searched; written by the template itself, with its source view). */
  doc?: string;
  view: () => PageView;
  /** Document paths whose change re-renders this page. */
  deps?: (dirty: ReadonlySet<string>) => boolean;
}

/** Eleventy's user config, the parts used here (typed loosely: Eleventy ships no types). */
interface EleventyConfig {
  setTemplateFormats(f: string[]): void;
  addExtension(ext: string, opts: Record<string, unknown>): void;
  addTemplate(path: string, content: string, data?: Record<string, unknown>): void;
  addPassthroughCopy(m: Record<string, string> | string): void;
  on(event: string, fn: (...args: never[]) => unknown): void;
  setQuietMode?(q: boolean): void;
  ignores?: { add(p: string): void };
  setServerOptions?(o: Record<string, unknown>): void;
  setWatchThrottleWaitTime?(ms: number): void;
  setChokidarConfig?(o: Record<string, unknown>): void;
}

export function kdocsEleventyPlugin(cfg: EleventyConfig, opts: PluginOptions): void {
  const { site, layout } = opts;
  const root = site.index.root;
  const entries = new Map<string, Entry>();
  /** Documents dirtied by the last edit. */
  let dirty: ReadonlySet<string> = new Set();

  const docEntry = (path: string): Entry => ({
    doc: path,
    url: site.urlOf(path),
    view: () => docView(site, site.pages.get(path)!),
    deps: (d) => d.has(path),
  });
  const made = new Set<string>();
  /** Write a file; the promise settles when it is written (a failure is the build's, reported
   *  by allWritten). Written at once on this thread: handing each page to libuv's threads
   *  (fs/promises) cost this thread as much to issue as writing it (opening the file handle,
   *  encoding the text) and as much again on the other threads — 2,000 pages of 40 kB: 0.62 s
   *  of this thread and 1.3–1.9 s in all asynchronously, 0.3–0.7 s in all written here
   *  (2026-12-06); the build is CPU-bound on two cores. */
  const write = (url: string, html: string): Promise<string> => {
    const file = nodePath.join(opts.outDir, url);
    try {
      const dir = nodePath.dirname(file);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(file, html);
      return Promise.resolve(file);
    } catch (err) {
      return Promise.reject(err);
    }
  };
  /** Remove a document's page and source view from the output (it was deleted); the files. */
  const unwrite = (path: string): string[] => {
    const files = [nodePath.join(opts.outDir, site.urlOf(path)), nodePath.join(opts.outDir, site.sourceUrlOf(path))];
    for (const f of files) rmSync(f, { force: true });
    return files;
  };
  /** A document's page and its source view, written (not held). */
  const writeDoc = (path: string): { files: Promise<string[]>; html: string; view: PageView } => {
    const page = site.pages.get(path)!;
    const view = docView(site, page);
    const html = layout(view);
    const files = Promise.all([write(page.url, html), write(site.sourceUrlOf(path), layout(sourceView(site, page)))]);
    site.written(page);
    return { files, html, view };
  };
  const any = (): boolean => dirty.size > 0;
  const virtual = new Map<string, Entry>();
  virtual.set('home.rst', { url: 'index.html', view: () => homeView(site), deps: any });
  virtual.set('lint.rst', { url: 'kdocs/lint/index.html', view: () => lintView(site), deps: any });
  virtual.set('rules.rst', { url: 'kdocs/rules/index.html', view: () => rulesIndexView(site) });
  for (const [id, page] of opts.rulePages) virtual.set(`rule-${id}.rst`, { url: `kdocs/rules/${id}.html`, view: () => ruleView(site, id, page) });
  virtual.set('contracts.rst', { url: 'kdocs/contracts/index.html', view: () => contractsIndexView(site) });
  for (const cv of site.contracts.views) {
    const places = new Set(cv.contract.docPlaces.map((d) => d.file.replace(/^Documentation\//, '').slice(site.prefix.length)));
    virtual.set(`contract-${cv.contract.id}.rst`, { url: `kdocs/contracts/${cv.contract.id}.html`, view: () => contractView(site, cv), deps: (d) => [...d].some((p) => places.has(p)) });
  }
  // a whole kernel tree's root document is the site's index.html itself
  if (!site.prefix) virtual.delete('home.rst');

  const keyOf = (inputPath: string): string => {
    const rel = nodePath.relative(root, nodePath.resolve(inputPath)).split(nodePath.sep).join('/');
    return rel;
  };
  const entryOf = (inputPath: string): Entry | undefined => {
    const key = keyOf(inputPath);
    let e = entries.get(key);
    if (e) return e;
    if (key.startsWith(VIRTUAL_DIR + '/')) e = virtual.get(key.slice(VIRTUAL_DIR.length + 1));
    else if (site.pages.has(key)) e = docEntry(key);
    if (e) entries.set(key, e);
    return e;
  };

  cfg.setTemplateFormats(['rst']);
  // an editor's save is seen sooner than Eleventy's default 150 ms of stability
  cfg.setChokidarConfig?.({ awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 } });
  cfg.addExtension('rst', {
    read: false,
    // every page is rendered from the model's current state: nothing to cache on Eleventy's side
    compileOptions: {
      cache: false,
      permalink: (_contents: unknown, inputPath: string) => {
        const e = entryOf(inputPath);
        // a document's page is written by its template (below), not by Eleventy
        return () => (e && !e.doc ? e.url : false);
      },
    },
    getData: async (inputPath: string) => {
      const e = entryOf(inputPath);
      return { eleventyExcludeFromCollections: true, kdocs: e ? { url: e.url } : null };
    },
    compile: (_str: string, inputPath: string) => async () => {
      const e = entryOf(inputPath);
      if (!e) return '';
      if (e.doc) {
        const { files, html, view } = writeDoc(e.doc);
        await opts.onPage?.(e.url, html, view);
        // a failed write fails the build once Eleventy is done (allWritten), not this template
        pending(files);
        return '';
      }
      return layout(e.view());
    },
    isIncrementalMatch: function (this: { inputPath: string }, changed: string) {
      const e = entryOf(this.inputPath);
      if (!e) return false;
      const key = keyOf(changed);
      if (key === keyOf(this.inputPath)) return true;
      return e.deps ? e.deps(dirty) : false;
    },
  });
  for (const k of virtual.keys()) cfg.addTemplate(`${VIRTUAL_DIR}/${k}`, '');

  // images the pages refer to, at their root-relative place below the docs' prefix
  const copies: Record<string, string> = {};
  for (const page of site.pages.values()) for (const a of page.assets) copies[a.path] = site.prefix + a.target;
  copies[opts.staticDir] = '_static';
  if (opts.katexDir) {
    copies[nodePath.join(opts.katexDir, 'katex.min.css')] = '_static/katex/katex.min.css';
    copies[nodePath.join(opts.katexDir, 'fonts')] = '_static/katex/fonts';
  }
  cfg.addPassthroughCopy(copies);

  cfg.on('eleventy.beforeWatch', async (changedFiles: string[]) => {
    const t0 = performance.now();
    const all = new Set<string>();
    const edited = new Set<string>();
    const removed: string[] = [];
    for (const f of changedFiles) {
      const rel = keyOf(f);
      if (rel.startsWith('..') || !rel.endsWith('.rst')) continue;
      let text: string | null;
      try {
        text = readFileSync(nodePath.resolve(f), 'utf8');
      } catch {
        text = null;
      }
      edited.add(rel);
      for (const inc of site.index.includers(rel)) edited.add(inc);
      const hadPage = site.pages.has(rel);
      for (const d of await site.update(rel, text)) all.add(d);
      // a deleted document's page and source view go too (Eleventy deletes no output file)
      if (hadPage && !site.pages.has(rel)) removed.push(...unwrite(rel));
    }
    dirty = all;
    // new documents get their page and source view on the next build
    for (const d of all) entries.delete(d);
    // the edited documents' pages now, so the browser shows the edit without waiting for
    // Eleventy's pass over every template; Eleventy writes the same pages again after it
    const written: string[] = [];
    for (const d of all) {
      if (!site.pages.has(d) || !edited.has(d)) continue;
      written.push(...(await writeDoc(d).files));
    }
    if (written.length || removed.length) await opts.reload?.([...written, ...removed]);
    opts.onUpdate?.(changedFiles.join(', '), [...all], performance.now() - t0);
  });
}
