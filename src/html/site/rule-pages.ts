/**
 * The rules' README.md files as the HTML of `kdocs/rules/<id>.html`, kept in a cache file
 * (`~/.cache/kdocs/rulepages-<stamp>.json`, by each README's text) like the highlighted code: the
 * markdown parser (unified, remark, micromark) is loaded only when a README changed — turning the
 * READMEs into HTML and loading the parser were ~0.1 s of every docs-src build.
 *
 * The READMEs are kdocs' own files: `npm run build` turns them into HTML once
 * (scripts/build-data.ts → dist/data/rulepages-built-<stamp>.json), so a first build with no
 * cache converts only a README edited since.
 */
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { textHash, writeCacheFile, writeCacheText } from '../../project/cache.js';
import { builtDataDir } from '../../project/built-data.js';
import { ruleReadmes } from './pages.js';

export interface RulePage {
  html: string;
  title: string;
}

/** Work counter (the tests read it): READMEs turned into HTML, and read from the cache. */
export const rulePagesStats = { converted: 0, fromCache: 0, /** from the file `npm run build` made */ fromBuild: 0 };

/** A README's link to another rule's README is a link to that rule's page. */
function ruleLink(u: string): string {
  const m = /^\.\.\/([a-z0-9-]+)\/README\.md(#.*)?$/.exec(u);
  return m ? `${m[1]}.html${m[2] ?? ''}` : u;
}

/** What the HTML depends on: the markdown writer and this file (the links). */
function stamp(): string {
  const here = fileURLToPath(import.meta.url);
  const read = (f: string): string => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '?';
    }
  };
  return textHash(read(here) + '\0' + read(nodePath.join(nodePath.dirname(here), 'markdown.js'))).slice(0, 12);
}

function readPages(file: string | undefined): Record<string, RulePage> {
  if (!file) return {};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (data && typeof data === 'object') return data as Record<string, RulePage>;
  } catch {
    /* no file yet, or an unreadable one */
  }
  return {};
}

const isPage = (p: RulePage | undefined): p is RulePage => !!p && typeof p.html === 'string' && typeof p.title === 'string';

/** The build's file of the rules' pages in `dir` (dist/data). */
export function builtRulePagesFile(dir: string): string {
  return nodePath.join(dir, `rulepages-built-${stamp()}.json`);
}

/** Turn every README under `rulesDir` into its page and write them into `dir` (scripts/build-data.ts). */
export async function writeBuiltRulePages(rulesDir: string, dir: string): Promise<{ file: string; pages: number }> {
  const { markdownToHtml } = await import('./markdown.js');
  const pages: Record<string, RulePage> = {};
  for (const text of ruleReadmes(rulesDir).values()) pages[textHash(text)] = markdownToHtml(text, ruleLink);
  const file = builtRulePagesFile(dir);
  writeCacheText(file, JSON.stringify(pages), 0);
  return { file, pages: Object.keys(pages).length };
}

/** Every rule's page body (id → HTML and title), from the cache where the README is unchanged,
 *  else from the build's file (`built`: dist/data, false for none), else converted. */
export async function rulePages(rulesDir: string, cacheDir: string | false, built: string | false = builtDataDir()): Promise<Map<string, RulePage>> {
  const readmes = ruleReadmes(rulesDir);
  const file = cacheDir === false ? undefined : nodePath.join(cacheDir, `rulepages-${stamp()}.json`);
  const stored = readPages(file);
  let fromBuild: Record<string, RulePage> | undefined;
  const out = new Map<string, RulePage>();
  const keep: Record<string, RulePage> = {};
  let added = 0;
  let toHtml: ((md: string, linkOf: (u: string) => string) => RulePage) | undefined;
  for (const [id, text] of readmes) {
    const key = textHash(text);
    let page = stored[key];
    if (isPage(page)) rulePagesStats.fromCache++;
    else {
      fromBuild ??= readPages(built === false ? undefined : builtRulePagesFile(built));
      page = fromBuild[key];
      if (isPage(page)) rulePagesStats.fromBuild++;
      else {
        toHtml ??= (await import('./markdown.js')).markdownToHtml;
        page = toHtml(text, ruleLink);
        rulePagesStats.converted++;
      }
      added++;
    }
    keep[key] = page;
    out.set(id, page);
  }
  if (file && (added || Object.keys(stored).length !== Object.keys(keep).length)) writeCacheFile(file, keep);
  return out;
}
