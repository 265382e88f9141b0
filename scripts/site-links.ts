/**
 * Whole-tree link check of the site, cross-checked against the lint
 * (`npm run site:links -- [KERNEL_DOCS] [--site DIR] [--json]`):
 *
 *   1. builds the site of the tree (search off) into a temporary directory, or takes the pages
 *      `kdocs site` built from the same tree (`--site DIR`; the model is built again, no pages);
 *   2. runs linkinator offline (fragments checked) over a copy holding each document page's
 *      article — what the document itself links to — and the kdocs pages. The global navigation
 *      (sidebar, breadcrumbs, previous/next) is left out of the copy: it links only documents the
 *      toctrees found, and with it linkinator 7.6 does not finish on 3584 pages (each repeated
 *      link is looked up with results.find over every result so far: quadratic). The
 *      navigation's links are checked on docs-src by the site test;
 *   3. for every broken link, finds the place of the document that wrote it (the renderer's link
 *      records, else the source text) and the lint's findings on that line: a broken link the lint
 *      does not report there is a renderer or lint bug, listed as such.
 *
 * Prints one row per broken link: page:line, the link, what linkinator said, the lint's finding.
 * Exit 0 when every broken link is reported by the lint, 1 otherwise, 2 on a usage or build error.
 *
 *   node dist/scripts/site-links.js [KERNEL_DOCS] [--site DIR] [--json]
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { tuneV8ForOneShotRun } from '../src/cli/v8-flags.js';
import { packageRoot } from '../src/lint/api.js';
import { SiteModel, type PageFinding } from '../src/html/site/model.js';

export interface BrokenLink {
  /** Document (root-relative .rst) whose page holds the link. */
  doc: string;
  /** Line of the document (or of the file it includes, `source`) that wrote the link; 0 unknown. */
  line: number;
  source?: string;
  /** The link as the page writes it (relative to the page). */
  href: string;
  status: string;
  /** The lint's findings on that line. */
  lint: PageFinding[];
  /** The renderer's own warnings on that line (html-*). */
  render: PageFinding[];
}

/** Site-root-relative path of a URL linkinator reports (`http://localhost:PORT/a/b.html#x`). */
function sitePath(url: string): string {
  try {
    const u = new URL(url);
    return decodeURIComponent(u.pathname.replace(/^\//, '')) + u.hash;
  } catch {
    return url;
  }
}

/** The href written in the page at `from` for the target `to` (both site-root-relative). */
function hrefFrom(from: string, to: string): string {
  const [path, hash = ''] = to.split('#') as [string, string?];
  const fromDir = nodePath.posix.dirname(from);
  let rel = path === from ? '' : nodePath.posix.relative(fromDir, path);
  if (path.endsWith('/') && rel) rel += '/';
  return rel + (to.includes('#') ? '#' + hash : '');
}

/**
 * The link-check copy: each document page's `<article>` (and its on-this-page list) in a page of
 * its own at the same place, every kdocs page (lint, rules, contracts: articles link to them) as
 * built, and the images. Returns the document pages' site paths.
 */
function linkCopy(site: string, copy: string, docUrls: readonly string[]): void {
  const docs = new Set(docUrls);
  const walk = (dir: string, rel: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (r === '_sources' || r.startsWith('pagefind') || r === '_static') continue;
        walk(nodePath.join(dir, e.name), r);
        continue;
      }
      const to = nodePath.join(copy, r);
      mkdirSync(nodePath.dirname(to), { recursive: true });
      if (!docs.has(r)) {
        copyFileSync(nodePath.join(dir, e.name), to);
        continue;
      }
      const html = readFileSync(nodePath.join(dir, e.name), 'utf8');
      const a = html.indexOf('<article');
      const b = html.indexOf('</article>', a);
      const t = html.indexOf('<nav class="localtoc"');
      const toc = t >= 0 ? html.slice(t, html.indexOf('</nav>', t) + 6) : '';
      writeFileSync(to, `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${r}</title></head>\n<body>\n${a >= 0 ? html.slice(a, b + 10) : ''}\n${toc}\n</body>\n</html>\n`);
    }
  };
  walk(site, '');
}

export async function checkSiteLinks(site: SiteModel, built: string, onProgress?: (n: number) => void): Promise<{ checked: number; broken: BrokenLink[]; pages: number }> {
  const copy = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-links-'));
  try {
    const docUrls = [...site.pages.values()].map((p) => p.url);
    linkCopy(built, copy, docUrls);
    const { LinkChecker } = await import('linkinator');
    const checker = new LinkChecker();
    let n = 0;
    checker.on('link', () => {
      if (++n % 20000 === 0) onProgress?.(n);
    });
    // every document page is a start (orphans too: no toctree leads to them)
    const res = await checker.check({
      path: docUrls.filter((u) => existsSync(nodePath.join(copy, u))),
      serverRoot: copy,
      recurse: true,
      checkFragments: true,
      concurrency: 8,
      // a busy machine's local server drops a connection now and then: ask again
      retryErrors: true,
      retryErrorsCount: 3,
      retryErrorsJitter: 200,
      // the site's own pages only; the source views are kdocs' own (line anchors), not the docs'
      linksToSkip: async (link: string) => !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(link) || /\/_sources\//.test(link),
    });
    const byUrl = new Map([...site.pages.values()].map((p) => [p.url, p] as const));
    const seen = new Set<string>();
    const broken: BrokenLink[] = [];
    for (const l of res.links) {
      if (l.state !== 'BROKEN' || !l.parent) continue;
      const parentUrl = sitePath(l.parent).replace(/#.*$/, '');
      const target = sitePath(l.url);
      const key = `${parentUrl}\0${target}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const page = byUrl.get(parentUrl);
      const href = hrefFrom(parentUrl, target);
      const detail = l.failureDetails?.find((d): d is Error => d instanceof Error)?.message;
      const status = `${l.status || ''}${detail ? ` ${detail.slice(0, 80)}` : ''}`.trim() || 'broken';
      if (!page) {
        broken.push({ doc: parentUrl, line: 0, href, status, lint: [], render: [] });
        continue;
      }
      // the renderer's record of the link (its position in the document or an included file)
      const rec = page.links.find((k) => k.href === href) ?? page.links.find((k) => k.href.replace(/^\.\//, '') === href);
      let line = rec?.position?.start.line ?? 0;
      let source: string | undefined;
      if (!rec) {
        // not a link the renderer made from a reference: the document wrote the URL itself
        const bare = href.replace(/#.*$/, '');
        const files = [page.path, ...(site.index.getFacts(page.path)?.includes.map((i) => i.path ?? '').filter(Boolean) ?? [])];
        for (const f of files) {
          const text = site.index.sourceText(f) ?? site.index.readRel(f) ?? '';
          // as a hyperlink target (`text <URL>`_) first, else anywhere
          let at = bare ? text.indexOf(`<${bare}>`) : -1;
          if (at < 0 && bare) at = text.indexOf(bare);
          if (at >= 0) {
            line = text.slice(0, at).split('\n').length;
            if (f !== page.path) source = f;
            break;
          }
        }
      }
      // the findings on that line: of the page's document, or of a file it includes (a finding
      // in an included file is reported on that file)
      const near = [page, ...(site.index.getFacts(page.path)?.includes ?? []).map((i) => (i.path ? site.pages.get(i.path) : undefined))]
        .flatMap((p) => (p ? p.findings : []))
        // (a relative-link finding starts where its reference or target starts, up to a few lines
        // above the URL, and names the URL as written, which the page may have rewritten: matched
        // by the file name the URL ends in)
        .filter((f) => line > 0 && (f.line === line || (f.ruleId === 'relative-link' && f.line < line && f.line >= line - 3 && f.message.includes(fileName(href)))));
      broken.push({
        doc: page.path, line, ...(source ? { source } : {}), href, status,
        lint: near.filter((f) => !f.render),
        render: near.filter((f) => f.render),
      });
    }
    broken.sort((a, b) => a.doc.localeCompare(b.doc) || a.line - b.line || a.href.localeCompare(b.href));
    return { checked: res.links.length, broken, pages: docUrls.length };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  tuneV8ForOneShotRun();
  const json = argv.includes('--json');
  const siteAt = argv.indexOf('--site');
  const given = siteAt >= 0 ? argv[siteAt + 1] : undefined;
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--site');
  const root = nodePath.resolve(positional[0] ?? nodePath.resolve(packageRoot(), '..', 'shared', 'corpus', 'linux-6.12', 'Documentation'));
  if (!existsSync(root)) {
    process.stderr.write(`site-links: ${root} not found (pass a kernel's Documentation/ directory)\n`);
    return 2;
  }
  const say = (s: string): void => {
    process.stderr.write(s);
  };
  const t0 = performance.now();
  const { buildSite } = await import('../src/html/site/build.js');
  const out = given ? nodePath.resolve(given) : mkdtempSync(nodePath.join(tmpdir(), 'kdocs-links-site-'));
  try {
    // the pages, and the model behind them (link records, findings)
    const result = given ? { site: await SiteModel.build({ root }), close: async () => undefined } : await buildSite({ root, out, search: false });
    say(`site-links: ${result.site.pages.size} documents built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    const { checked, broken, pages } = await checkSiteLinks(result.site, out, (n) => say(`  ${n} links checked\n`));
    const unreported = broken.filter((b) => !b.lint.length);
    if (json) process.stdout.write(JSON.stringify({ root, pages, checked, broken }, null, 1) + '\n');
    else {
      const rows = broken.map((b) => {
        const lint = b.lint.map((f) => `${f.ruleId}: ${f.message}`).join('; ') || `NOT REPORTED BY THE LINT${b.render.length ? ` (renderer: ${b.render.map((f) => f.ruleId).join(', ')})` : ''}`;
        return `| ${b.doc}:${b.line}${b.source ? ` (in ${b.source})` : ''} | \`${b.href}\` | ${b.status} | ${lint} |`;
      });
      process.stdout.write(
        [
          `${root}: ${pages} document pages, ${checked} links checked (fragments included), ${broken.length} broken, ${broken.length - unreported.length} of them reported by the lint at the link`,
          '',
          '| page:line | link | linkinator | lint finding at that line |',
          '|---|---|---|---|',
          ...rows,
          '',
        ].join('\n'),
      );
    }
    await result.close();
    return unreported.length ? 1 : 0;
  } finally {
    if (!given) rmSync(out, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`site-links: ${(err as Error).stack ?? err}\n`);
    process.exit(2);
  },
);

/** The last path segment of a URL, without `#fragment` and `?query`. */
function fileName(href: string): string {
  const path = href.replace(/[?#].*$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}
