/**
 * The rules' README.md files as the HTML of `kdocs/rules/<id>.html`, kept in a cache file
 * (`~/.cache/kdocs/rulepages-<stamp>.json`, by each README's text) like the highlighted code: the
 * markdown parser (unified, remark, micromark) is loaded only when a README changed — turning the
 * READMEs into HTML and loading the parser were ~0.1 s of every docs-src build.
 */
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { textHash, writeCacheFile } from '../../project/cache.js';
import { ruleReadmes } from './pages.js';

export interface RulePage {
  html: string;
  title: string;
}

/** Work counter (the tests read it): READMEs turned into HTML, and read from the cache. */
export const rulePagesStats = { converted: 0, fromCache: 0 };

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

/** Every rule's page body (id → HTML and title), from the cache where the README is unchanged. */
export async function rulePages(rulesDir: string, cacheDir: string | false): Promise<Map<string, RulePage>> {
  const readmes = ruleReadmes(rulesDir);
  const file = cacheDir === false ? undefined : nodePath.join(cacheDir, `rulepages-${stamp()}.json`);
  let stored: Record<string, RulePage> = {};
  if (file) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (data && typeof data === 'object') stored = data as Record<string, RulePage>;
    } catch {
      /* no cache yet, or an unreadable one */
    }
  }
  const out = new Map<string, RulePage>();
  const keep: Record<string, RulePage> = {};
  let converted = 0;
  let toHtml: ((md: string, linkOf: (u: string) => string) => RulePage) | undefined;
  for (const [id, text] of readmes) {
    const key = textHash(text);
    let page = stored[key];
    if (page && typeof page.html === 'string' && typeof page.title === 'string') rulePagesStats.fromCache++;
    else {
      toHtml ??= (await import('./markdown.js')).markdownToHtml;
      page = toHtml(text, ruleLink);
      rulePagesStats.converted++;
      converted++;
    }
    keep[key] = page;
    out.set(id, page);
  }
  if (file && (converted || Object.keys(stored).length !== Object.keys(keep).length)) writeCacheFile(file, keep);
  return out;
}
