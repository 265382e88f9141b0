/**
 * Build (and serve) the site: the site model (parse, index, lint, contracts, render — once), then
 * Eleventy with site/eleventy.config.js, then pagefind's index of the written pages. Each phase is
 * timed (`kdocs site` and `npm run bench:site` print them).
 */
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { packageRoot } from '../../lint/api.js';
import type { ConfigFile } from '../../lint/config.js';
import { SiteModel } from './model.js';
import type { PageView } from './pages.js';
import { setCurrentSite } from './state.js';

export interface BuildOptions {
  root: string;
  out: string;
  config?: ConfigFile;
  profile?: string;
  /** Run pagefind (default true). */
  search?: boolean;
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
  /** Pages Eleventy wrote. */
  written: number;
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

/** pagefind over the written site: document pages only (data-pagefind-body), one index for all
 *  languages (language is a filter), `_` kept inside words so `mmap_prepare` is one term. */
export async function runPagefind(out: string, pages: readonly string[]): Promise<number> {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', includeCharacters: '_' });
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    // only the document pages (source views and kdocs pages are not searched), handed over as
    // text so pagefind does not read every file of the site
    let count = 0;
    for (const url of pages) {
      let content: string;
      try {
        content = readFileSync(nodePath.join(out, url), 'utf8');
      } catch {
        continue;
      }
      const added = await index.addHTMLFile({ url: '/' + url, content });
      if (added.errors.length) throw new Error(`pagefind: ${url}: ${added.errors.join('; ')}`);
      count++;
    }
    const written = await index.writeFiles({ outputPath: nodePath.join(out, 'pagefind') });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    return count;
  } finally {
    await pagefind.close();
  }
}

/**
 * What pagefind is given of a document page: the part it indexes (the `data-pagefind-body`
 * article with its filters) and the page's language and title — not the sidebar, which on a whole
 * kernel tree is most of each page's bytes.
 */
export function searchDocument(v: PageView): string {
  const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
  const filter = v.search ? ` data-pagefind-filter="directory:${esc(v.search.dir)}, language:${esc(v.search.lang)}"` : '';
  return `<!DOCTYPE html>\n<html lang="${esc(v.lang)}">\n<head>\n<meta charset="utf-8">\n<title>${esc(v.title)} — ${esc(v.siteTitle)}</title>\n</head>\n<body>\n<main>\n<article class="body" data-pagefind-body${filter}>\n${v.bodyHtml}\n</article>\n</main>\n</body>\n</html>\n`;
}

/**
 * A pagefind index fed while Eleventy renders: each document page's HTML is handed over as it is
 * made (pagefind's binary indexes it in its own process meanwhile), then the files are written.
 */
async function startPagefind(): Promise<{ add(url: string, html: string): void; finish(out: string): Promise<number> }> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', includeCharacters: '_' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const pending: Promise<{ errors: string[] }>[] = [];
  const urls: string[] = [];
  return {
    add(url, html) {
      urls.push(url);
      pending.push(index.addHTMLFile({ url: '/' + url, content: html }));
    },
    async finish(out) {
      try {
        const added = await Promise.all(pending);
        added.forEach((a, i) => {
          if (a.errors.length) throw new Error(`pagefind: ${urls[i]}: ${a.errors.join('; ')}`);
        });
        const written = await index.writeFiles({ outputPath: nodePath.join(out, 'pagefind') });
        if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
        return new Set(urls).size;
      } finally {
        await pagefind.close();
      }
    },
  };
}

export async function buildSite(opts: BuildOptions): Promise<BuildResult> {
  const phases = new Map<string, number>();
  const phase = (name: string, ms: number): void => {
    phases.set(name, ms);
    opts.onPhase?.(name, ms);
  };
  const root = nodePath.resolve(opts.root);
  const out = nodePath.resolve(opts.out);
  const site = await SiteModel.build({
    root,
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.highlight !== undefined ? { highlight: opts.highlight } : {}),
    ...(opts.cacheDir !== undefined ? { cacheDir: opts.cacheDir } : {}),
    ...(opts.kernelPrefix !== undefined ? { kernelPrefix: opts.kernelPrefix } : {}),
    onPhase: phase,
  });
  const docUrls = (): string[] => [...site.pages.values()].map((p) => p.url);
  let t = performance.now();
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
  const { default: Eleventy } = (await import('@11ty/eleventy' as string)) as { default: new (input: string, output: string, options: Record<string, unknown>) => EleventyLike };
  let pagefindRun: Promise<unknown> = Promise.resolve();
  let pagefindAgain = false;
  const reindex = (): void => {
    // one pagefind run at a time; an edit during a run asks for one more
    if (pagefindAgain) return;
    pagefindAgain = true;
    pagefindRun = pagefindRun.then(async () => {
      pagefindAgain = false;
      try {
        await runPagefind(out, docUrls());
      } catch (err) {
        process.stderr.write(`kdocs site: search index not updated: ${(err as Error).message}\n`);
      }
    });
  };
  let elev: EleventyLike;
  // the search index of the first build is fed page by page while Eleventy renders
  const search = opts.search !== false ? await startPagefind() : undefined;
  let initial = true;
  let firstPage = 0;
  setCurrentSite({
    site,
    onPage: (url, _html, view) => {
      if (!firstPage) firstPage = performance.now();
      if (initial && view.search) search?.add(url, searchDocument(view));
    },
    ...(opts.serve
      ? {
          outDir: out,
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
  let url: string | undefined;
  if (opts.serve) {
    await elev.init();
    elev.setIncrementalBuild(true);
    await elev.watch();
  } else {
    written = countWritten(await elev.write());
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
    indexed = await search.finish(out);
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
    site, phases, written, indexed,
    ...(url ? { url } : {}),
    close: async () => {
      if (opts.serve) await elev.stopWatch();
      await pagefindRun;
      setCurrentSite(undefined);
    },
  };
}
