/**
 * Build (and serve) the site: the site model (parse, index, lint, contracts, render — once), then
 * Eleventy with site/eleventy.config.js, then pagefind's index of the written pages. Each phase is
 * timed (`kdocs site` and `npm run bench:site` print them).
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { packageRoot } from '../../lint/api.js';
import type { ConfigFile } from '../../lint/config.js';
import { htmlLang, SiteModel, type SitePage } from './model.js';
import { siteTitle } from './pages.js';
import { allWritten } from './eleventy.js';
import { stopHighlightThread } from '../code.js';
import { setCurrentSite } from './state.js';

export interface BuildOptions {
  root: string;
  out: string;
  config?: ConfigFile;
  profile?: string;
  /** Run pagefind (default true). */
  search?: boolean;
  /** Text per part of the search index (default SEARCH_PART_BYTES; the tests make several). */
  searchPartBytes?: number;
  highlight?: boolean;
  /** Watch the root and serve the output with live reload on this port (0: Eleventy's default). */
  serve?: boolean;
  port?: number;
  onPhase?: (name: string, ms: number) => void;
  /** The root's place in the kernel tree (`Documentation/filesystems/`), as `kdocs lint` finds it. */
  kernelPrefix?: string;
  /** Directory of the cache files (default ~/.cache/kdocs), false for none. */
  cacheDir?: string | false;
  onUpdate?: (changed: string, dirty: string[], ms: number) => void;
}

export interface BuildResult {
  site: SiteModel;
  phases: Map<string, number>;
  /** Pages written: Eleventy's, and the documents' pages and source views. */
  written: number;
  /** Pages Eleventy wrote itself (and held until it ended): the kdocs pages, not the documents'. */
  byEleventy: number;
  /** Pages pagefind indexed. */
  indexed: number;
  /** The server's URL under `serve`. */
  url?: string;
  /** Stop watching and serving. */
  close(): Promise<void>;
}

/** Eleventy (its programmatic API; untyped). */
interface EleventyLike {
  write(): Promise<unknown>;
  init(): Promise<unknown>;
  watch(): Promise<unknown>;
  serve(port?: number): Promise<unknown>;
  stopWatch(): Promise<unknown>;
  setIncrementalBuild(b: boolean): void;
  /** chokidar's watcher, once watching. */
  watcher?: { on?(event: string, fn: (path: string) => void): void };
  eleventyServe?: { getServerUrl?(host?: string): string; server?: { getServerUrl?(host: string): string }; reload?(e: { files: string[] }): Promise<void> };
  config?: { events?: { on(name: string, fn: (...a: unknown[]) => unknown): void } };
}

export function siteConfigPath(): string {
  return nodePath.join(packageRoot(), 'site', 'eleventy.config.js');
}

/** Count the pages of Eleventy's write() result. */
function countWritten(res: unknown): number {
  if (!Array.isArray(res)) return 0;
  const templates = res[1];
  if (!Array.isArray(templates)) return 0;
  let n = 0;
  for (const t of templates.flat(Infinity) as unknown[]) if (t && typeof t === 'object' && 'outputPath' in t && (t as { outputPath: unknown }).outputPath) n++;
  return n;
}

/** pagefind over the written site (after an edit under --serve): the document pages, in parts
 *  as the first build writes them. */
export async function runPagefind(out: string, pages: readonly string[], partBytes = SEARCH_PART_BYTES): Promise<number> {
  const search = await SearchParts.open(out, partBytes);
  for (const url of pages) {
    let content: string;
    try {
      content = readFileSync(nodePath.join(out, url), 'utf8');
    } catch {
      continue;
    }
    // the page is indexed by its data-pagefind-body article only: that is its share of a part
    const at = content.indexOf('<article');
    await search.add(url, content, at < 0 ? content.length : content.length - at);
  }
  return search.finish();
}

/**
 * Text (bytes of HTML handed over) per pagefind index. pagefind's binary holds about 25 bytes of
 * memory per byte it indexes until it writes the index (one index of the whole 6.12 tree, 50 MB
 * of page text: 1.25 GB), and writing takes two thirds of its CPU. So the site's index is made of
 * parts: each part is written (and dropped from the binary) while the pages of the next one are
 * being rendered and added, and the browser merges the parts (site/static/kdocs.js, pagefind's
 * mergeIndex). docs-src is one part.
 */
export const SEARCH_PART_BYTES = 8_000_000;

/** Pages handed to pagefind and not yet indexed before the next page waits for it. */
const SEARCH_WINDOW = 64;

/** The list of the index parts besides pagefind/ itself, read by the browser. */
export const SEARCH_PARTS_FILE = 'pagefind/kdocs-parts.json';

/** A pagefind index fed page by page, written in parts of SEARCH_PART_BYTES (see above). */
export class SearchParts {
  private current: { index: Promise<PagefindIndex>; adds: Promise<void>[]; bytes: number } | undefined;
  private readonly writes: Promise<void>[] = [];
  private readonly window: Promise<void>[] = [];
  private readonly errors: string[] = [];
  private readonly urls = new Set<string>();
  private parts = 0;

  private constructor(
    private readonly pf: PagefindModule,
    private readonly out: string,
    private readonly partBytes: number,
  ) {}

  static async open(out: string, partBytes = SEARCH_PART_BYTES): Promise<SearchParts> {
    const parts = new SearchParts((await import('pagefind')) as unknown as PagefindModule, out, partBytes);
    // the binary starts (a process of its own) while the documents are parsed
    parts.start();
    return parts;
  }

  private start(): { index: Promise<PagefindIndex>; adds: Promise<void>[]; bytes: number } {
    if (!this.current) {
      const index = this.pf.createIndex({ forceLanguage: 'en', includeCharacters: '_' }).then(({ index: ix, errors }) => {
        if (!ix) throw new Error(`pagefind: ${errors.join('; ')}`);
        return ix;
      });
      index.catch(() => undefined);
      this.current = { index, adds: [], bytes: 0 };
    }
    return this.current;
  }

  /** Hand a page over; the promise resolves when the window of pages in flight has room. */
  add(url: string, html: string, bytes = html.length): Promise<void> | undefined {
    const part = this.start();
    const added = part.index
      .then((ix) => ix.addHTMLFile({ url: '/' + url, content: html }))
      .then(
        (r) => {
          if (r.errors.length) this.errors.push(`${url}: ${r.errors.join('; ')}`);
        },
        (err: unknown) => {
          this.errors.push(`${url}: ${(err as Error).message ?? err}`);
        },
      );
    part.adds.push(added);
    this.urls.add(url);
    part.bytes += bytes;
    if (part.bytes >= this.partBytes) this.cut();
    this.window.push(added);
    return this.window.length > SEARCH_WINDOW ? this.window.shift() : undefined;
  }

  /** Write the current part (in the background) and start a new one with the next page. */
  private cut(): void {
    const part = this.current;
    if (!part) return;
    this.current = undefined;
    const dir = this.parts++ ? `pagefind-${this.parts - 1}` : 'pagefind';
    this.writes.push(
      Promise.all(part.adds)
        .then(() => part.index)
        .then(async (ix) => {
          const w = await ix.writeFiles({ outputPath: nodePath.join(this.out, dir) });
          if (w.errors.length) this.errors.push(`${dir}: ${w.errors.join('; ')}`);
          await ix.deleteIndex();
        })
        .catch((err: unknown) => {
          this.errors.push(`${dir}: ${(err as Error).message ?? err}`);
        }),
    );
  }

  /** Every page is in: write the last part now (while Eleventy runs), not in finish(). */
  flush(): void {
    if (this.current?.adds.length) this.cut();
  }

  /** Stop pagefind's binary without writing (the build failed). */
  async abort(): Promise<void> {
    await this.pf.close();
  }

  /** Write the last part and the list of parts; the number of pages indexed. */
  async finish(): Promise<number> {
    try {
      // the last part (with no page at all, an empty index: the search box finds nothing)
      if (this.current?.adds.length || !this.parts) this.cut();
      await Promise.all(this.writes);
      if (this.errors.length) throw new Error(`pagefind: ${this.errors.slice(0, 5).join('; ')}`);
      const extra = Array.from({ length: this.parts - 1 }, (_, i) => `pagefind-${i + 1}/`);
      writeFileSync(nodePath.join(this.out, SEARCH_PARTS_FILE), JSON.stringify(extra) + '\n');
      return this.urls.size;
    } finally {
      await this.pf.close();
    }
  }
}

interface PagefindIndex {
  addHTMLFile(f: { url: string; content: string }): Promise<{ errors: string[] }>;
  writeFiles(o: { outputPath: string }): Promise<{ errors: string[] }>;
  deleteIndex(): Promise<unknown>;
}

interface PagefindModule {
  createIndex(o: Record<string, unknown>): Promise<{ index?: PagefindIndex; errors: string[] }>;
  close(): Promise<unknown>;
}

/**
 * What pagefind is given of a document page: the part it indexes (the `data-pagefind-body`
 * article with its filters) and the page's language and title — not the sidebar, which on a whole
 * kernel tree is most of each page's bytes. Made from the rendered page alone (no navigation), so
 * the index is fed while the other pages are still being rendered; the body as rendered, without
 * the page's `src` links after each heading (a word on every heading, not the document's) and
 * its accessibility attributes (pagefind reads no attribute).
 */
export function searchDocument(site: SiteModel, page: SitePage): string {
  const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
  const filter = ` data-pagefind-filter="directory:${esc(page.topdir)}, language:${esc(page.lang)}"`;
  return `<!DOCTYPE html>\n<html lang="${esc(htmlLang(page.lang))}">\n<head>\n<meta charset="utf-8">\n<title>${esc(page.title)} — ${esc(siteTitle(site))}</title>\n</head>\n<body>\n<main>\n<article class="body" data-pagefind-body${filter}>\n${page.body}\n</article>\n</main>\n</body>\n</html>\n`;
}

export async function buildSite(opts: BuildOptions): Promise<BuildResult> {
  const phases = new Map<string, number>();
  const phase = (name: string, ms: number): void => {
    phases.set(name, ms);
    opts.onPhase?.(name, ms);
  };
  const root = nodePath.resolve(opts.root);
  const out = nodePath.resolve(opts.out);
  // Eleventy (on Node 20) puts every later `import` of the process through a loader thread of
  // its own, to re-import edited modules under --watch; a one-shot build re-imports nothing,
  // and with the thread the docs-src build waited 0.7 s on it. Eleventy's documented switch:
  if (!opts.serve) process.env['ELEVENTY_SKIP_ESM_RESOLVER'] ??= '1';
  // Eleventy's modules load in the gaps of the model's build
  const eleventyModule = import('@11ty/eleventy' as string) as Promise<{ default: new (input: string, output: string, options: Record<string, unknown>) => EleventyLike }>;
  // the previous output is moved aside and deleted while the build goes on (deleting thousands
  // of files took a second of the docs-src build)
  let removing: Promise<void> = Promise.resolve();
  if (existsSync(out)) {
    const aside = `${out}.old-${process.pid}-${Date.now()}`;
    try {
      renameSync(out, aside);
      removing = rm(aside, { recursive: true, force: true }).catch(() => undefined);
    } catch {
      rmSync(out, { recursive: true, force: true });
    }
  }
  // the search index is fed each page as it is rendered (pagefind's binary indexes on the other
  // core meanwhile), in parts written while the next ones fill
  const search = opts.search !== false ? await SearchParts.open(out, opts.searchPartBytes) : undefined;
  let site: SiteModel;
  try {
    site = await SiteModel.build({
      root,
      ...(opts.config ? { config: opts.config } : {}),
      ...(opts.profile ? { profile: opts.profile } : {}),
      ...(opts.highlight !== undefined ? { highlight: opts.highlight } : {}),
      ...(opts.cacheDir !== undefined ? { cacheDir: opts.cacheDir } : {}),
      ...(opts.kernelPrefix !== undefined ? { kernelPrefix: opts.kernelPrefix } : {}),
      onPhase: phase,
      ...(search ? { onRendered: (page: SitePage, s: SiteModel) => search.add(page.url, searchDocument(s, page)) } : {}),
      // a build of a large tree drops each body once its page is written (--serve keeps them,
      // and the highlighting thread for the pages it renders again)
      ...(opts.serve ? { releaseBodies: false, keepHighlightThread: true } : {}),
    });
  } catch (err) {
    await search?.abort();
    await stopHighlightThread();
    throw err;
  }
  // the pages are all rendered and handed over: the last part of the index is written while
  // Eleventy writes the pages
  search?.flush();
  const docUrls = (): string[] => [...site.pages.values()].map((p) => p.url);
  let t = performance.now();
  const { default: Eleventy } = await eleventyModule;
  let pagefindRun: Promise<unknown> = Promise.resolve();
  let pagefindAgain = false;
  const reindex = (): void => {
    // one pagefind run at a time; an edit during a run asks for one more
    if (pagefindAgain) return;
    pagefindAgain = true;
    pagefindRun = pagefindRun.then(async () => {
      pagefindAgain = false;
      try {
        await runPagefind(out, docUrls(), opts.searchPartBytes);
      } catch (err) {
        process.stderr.write(`kdocs site: search index not updated: ${(err as Error).message}\n`);
      }
    });
  };
  let elev: EleventyLike;
  let initial = true;
  let firstPage = 0;
  let docPages = 0;
  setCurrentSite({
    site,
    outDir: out,
    onPage: () => {
      if (!firstPage) firstPage = performance.now();
      if (initial) docPages++;
    },
    ...(opts.serve
      ? {
          reload: async (files: string[]) => {
            await elev.eleventyServe?.reload?.({ files });
          },
        }
      : {}),
    onUpdate: (changed, dirty, ms) => {
      opts.onUpdate?.(changed, dirty, ms);
      if (opts.search !== false) reindex();
    },
  });
  elev = new Eleventy(root, out, { configPath: siteConfigPath(), quietMode: true, runMode: opts.serve ? 'serve' : 'build' });
  let written = 0;
  let byEleventy = 0;
  let url: string | undefined;
  if (opts.serve) {
    await elev.init();
    elev.setIncrementalBuild(true);
    const watchRun = (await elev.watch()) as ((path: string) => Promise<void>) | undefined;
    // Eleventy 3 rebuilds nothing when a file is deleted (chokidar's `unlink` only updates its
    // file list): a deleted document goes through the same rebuild as an edit, so the pages
    // linking it or showing it in their navigation are written again without it
    elev.watcher?.on?.('unlink', (file: string) => {
      if (file.endsWith('.rst') && watchRun) void watchRun(file);
    });
    await allWritten();
  } else {
    // Eleventy's pages, and each document's page and source view (written by their template)
    byEleventy = countWritten(await elev.write());
    await allWritten();
    written = byEleventy + 2 * docPages;
  }
  const now = performance.now();
  // Eleventy's own start-up (config, templates, until the first page) apart from its pages
  phase('eleventy-start', (firstPage || now) - t);
  phase('eleventy', now - (firstPage || now));
  if (opts.serve) await elev.serve(opts.port);
  initial = false;
  let indexed = 0;
  if (search) {
    t = performance.now();
    indexed = await search.finish();
    phase('pagefind', performance.now() - t);
  }
  await removing;
  if (opts.serve) {
    const s = elev.eleventyServe;
    try {
      url = s?.getServerUrl?.('localhost') ?? s?.server?.getServerUrl?.('localhost');
    } catch {
      url = undefined;
    }
  }
  return {
    site, phases, written, byEleventy, indexed,
    ...(url ? { url } : {}),
    close: async () => {
      if (opts.serve) await elev.stopWatch();
      await stopHighlightThread();
      await pagefindRun;
      setCurrentSite(undefined);
    },
  };
}
