/**
 * A persistent cache of per-document facts, keyed by the document's text and the texts of the
 * files it includes. With it, a pre-submit run parses only the documents a patch touches (and the
 * ones it reports on); every other document contributes its toctrees, labels and includes from the
 * cache. Stored under $XDG_CACHE_HOME/kdocs (or ~/.cache/kdocs), one file per docs root and
 * kdocs build; a stale or unreadable cache is ignored.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentFacts } from './index.js';

export interface CacheEntry {
  /** hash of the document's text */
  h: string;
  /** [root-relative path, hash] of each file its facts depend on (includes) */
  d: [string, string][];
  f: DocumentFacts;
}

export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** Hash of the contents (not mtimes: a rebuild that changes nothing keeps a cache) of every file
 *  under `dirs` whose name ends with one of `suffixes`, in a stable order. */
export function contentStamp(dirs: readonly string[], suffixes: readonly string[]): string {
  const h = createHash('sha1');
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = nodePath.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (suffixes.some((s) => e.name.endsWith(s))) {
        try {
          h.update(e.name).update(readFileSync(p));
        } catch {
          /* skip */
        }
      }
    }
  };
  for (const d of dirs) walk(d);
  return h.digest('base64url').slice(0, 16);
}

let stampMemo: string | undefined;

/** Identifies the kdocs build (parser + index code): the cache is dropped when it changes. */
export function buildStamp(): string {
  const here = nodePath.dirname(fileURLToPath(import.meta.url)); // dist/src/project
  return (stampMemo ??= contentStamp([nodePath.join(here, '..', 'rst'), here], ['.js']));
}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || nodePath.join(homedir(), '.cache');
  return nodePath.join(base, 'kdocs');
}

export class FactsCache {
  private entries: Record<string, CacheEntry> = {};
  private dirty = false;
  readonly file: string;
  hits = 0;
  misses = 0;

  constructor(root: string, dir = defaultCacheDir()) {
    const key = textHash(nodePath.resolve(root)).slice(0, 12);
    this.file = nodePath.join(dir, `facts-${key}-${buildStamp()}.json`);
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { entries?: Record<string, CacheEntry> };
      if (data && typeof data.entries === 'object' && data.entries) this.entries = data.entries;
    } catch {
      this.entries = {};
    }
  }

  /** Cached facts of `path` if its text hash and every dependency's hash still match. */
  lookup(path: string, hash: string, depHash: (path: string) => string | null): DocumentFacts | undefined {
    const e = this.entries[path];
    if (!e || e.h !== hash) {
      this.misses++;
      return undefined;
    }
    for (const [p, h] of e.d) {
      if (depHash(p) !== h) {
        this.misses++;
        return undefined;
      }
    }
    this.hits++;
    return e.f;
  }

  /** Cached facts of `path` without checking that its text is still what they were read from. */
  peek(path: string): DocumentFacts | undefined {
    return this.entries[path]?.f;
  }

  store(path: string, hash: string, deps: [string, string][], facts: DocumentFacts): void {
    this.entries[path] = { h: hash, d: deps, f: facts };
    this.dirty = true;
  }

  /** Write the cache (atomically) if anything changed. Errors are ignored: it is only a cache. */
  save(): void {
    if (this.dirty && writeCacheFile(this.file, { entries: this.entries })) this.dirty = false;
  }
}

/**
 * Write a cache file `<kind>-<root key>-<stamp...>.json` atomically and drop the same kind's files
 * of this root for other builds or configurations. False when it cannot be written (read-only
 * home, full disk): the run then simply goes without the cache next time.
 */
export function writeCacheFile(file: string, data: unknown): boolean {
  try {
    const dir = nodePath.dirname(file);
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, file);
    const base = nodePath.basename(file);
    const prefix = base.split('-').slice(0, 2).join('-') + '-';
    for (const f of readdirSync(dir)) if (f.startsWith(prefix) && f !== base && f.endsWith('.json')) rmSync(nodePath.join(dir, f), { force: true });
    return true;
  } catch {
    return false;
  }
}
