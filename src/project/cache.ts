/**
 * A persistent cache of per-document facts, keyed by the document's text and the texts of the
 * files it includes. With it, a pre-submit run parses only the documents a patch touches (and the
 * ones it reports on); every other document contributes its toctrees, labels and includes from the
 * cache. Stored under $XDG_CACHE_HOME/kdocs (or ~/.cache/kdocs), one file per docs root and
 * kdocs build; a stale or unreadable cache is ignored.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  for (const p of filesUnder(dirs, suffixes)) {
    try {
      h.update(nodePath.basename(p)).update(readFileSync(p));
    } catch {
      /* skip */
    }
  }
  return h.digest('base64url').slice(0, 16);
}

/** The files under `dirs` (at any depth) whose names end with one of `suffixes`: each directory's
 *  entries in name order; a directory that cannot be read gives none. */
export function filesUnder(dirs: readonly string[], suffixes: readonly string[]): string[] {
  const out: string[] = [];
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
      else if (suffixes.some((s) => e.name.endsWith(s))) out.push(p);
    }
  };
  for (const d of dirs) walk(d);
  return out;
}

/** Relative modules a compiled module imports (static `from '…'`, side-effect `import '…'` and
 *  `import('…')` with a literal): the part of kdocs a result computed by it can depend on. */
const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Hash of the texts of `roots` and of every module they import, transitively (compiled JS). */
export function importClosureStamp(roots: readonly string[]): string {
  // paths count relative to the roots' common directory: a checkout moved or copied elsewhere
  // (its dist/data made by `npm run build` included) keeps its stamps
  const base = commonDir(roots);
  const seen = new Set<string>();
  const order: string[] = [];
  const todo = [...roots];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      text = '?';
    }
    order.push(`${nodePath.relative(base, f)}\0${text}`);
    for (const m of text.matchAll(IMPORT_RE)) todo.push(nodePath.resolve(nodePath.dirname(f), m[1]!));
  }
  order.sort();
  return textHash(order.join('\0'));
}

/** The deepest directory holding every path of `paths`. */
function commonDir(paths: readonly string[]): string {
  let dir = paths.length ? nodePath.dirname(nodePath.resolve(paths[0]!)) : process.cwd();
  for (const p of paths) {
    const r = nodePath.resolve(p);
    while (r !== dir && !r.startsWith(dir.endsWith(nodePath.sep) ? dir : dir + nodePath.sep)) {
      const up = nodePath.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return dir;
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

/**
 * The facts cache's file is two lines of JSON, with every character outside ASCII escaped (a
 * one-byte string is read and parsed faster than a two-byte one):
 *
 *   1. `{"entries": {path: {h, d, f}}}` — each document's facts without its sections and refs:
 *      what an opened document's lint asks of the other documents (labels, toctrees, includes);
 *   2. `{path: [sections, refs]}` — the rest (outlines, titles and references, for navigation),
 *      parsed when first needed (`complete`).
 *
 * On the 6.12 tree that is 5.3 + 2.7 MB instead of 11 MB of JSON: a language server's first
 * diagnostics wait for the first line only.
 */
export class FactsCache {
  private entries: Record<string, CacheEntry> = {};
  /** The second line, not parsed yet, and the facts objects read from the first line (their
   *  sections and refs are empty until `complete`). */
  private rest: Buffer | undefined;
  private readonly partial = new Map<string, DocumentFacts>();
  private dirty = false;
  readonly file: string;
  hits = 0;
  misses = 0;
  /** Bytes of the cache file parsed so far (work counter). */
  bytesParsed = 0;

  constructor(root: string, dir = defaultCacheDir()) {
    const key = textHash(nodePath.resolve(root)).slice(0, 12);
    this.file = nodePath.join(dir, `facts-${key}-${buildStamp()}.json`);
    try {
      const bytes = readFileSync(this.file);
      const nl = bytes.indexOf(10);
      const end = nl < 0 ? bytes.length : nl;
      const data = JSON.parse(bytes.toString('latin1', 0, end)) as { entries?: Record<string, CacheEntry> };
      this.bytesParsed += end;
      if (data && typeof data.entries === 'object' && data.entries) {
        this.entries = data.entries;
        if (nl >= 0) {
          this.rest = bytes.subarray(nl + 1);
          for (const [path, e] of Object.entries(this.entries)) {
            e.f.sections ??= [];
            e.f.refs ??= [];
            this.partial.set(path, e.f);
          }
        }
      }
    } catch {
      this.entries = {};
      this.rest = undefined;
      this.partial.clear();
    }
  }

  /** Is every cached document's facts whole (the second line parsed)? */
  get isComplete(): boolean {
    return this.rest === undefined;
  }

  /** Parse the second line: the sections and refs of the facts read from the first one (filled
   *  in place: the index may hold those objects already, see `peek`). */
  complete(): void {
    const rest = this.rest;
    if (!rest) return;
    this.rest = undefined;
    try {
      const more = JSON.parse(rest.toString('latin1')) as Record<string, [DocumentFacts['sections'], DocumentFacts['refs']]>;
      this.bytesParsed += rest.length;
      for (const [path, f] of this.partial) {
        const m = more[path];
        if (!m) continue;
        f.sections.push(...m[0]);
        f.refs.push(...m[1]);
      }
    } catch {
      // a damaged second line: the documents of the first are unusable without it
      for (const path of this.partial.keys()) if (this.entries[path]?.f === this.partial.get(path)) delete this.entries[path];
      this.dirty = true;
    }
    this.partial.clear();
  }

  /** Cached facts of `path` if its text hash and every dependency's hash still match. */
  lookup(path: string, hash: string, depHash: (path: string) => string | null): DocumentFacts | undefined {
    this.complete();
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

  /** Cached facts of `path` without checking that its text is still what they were read from.
   *  Their `sections` and `refs` are empty until `complete()` (which fills the same objects). */
  peek(path: string): DocumentFacts | undefined {
    return this.entries[path]?.f;
  }

  store(path: string, hash: string, deps: [string, string][], facts: DocumentFacts): void {
    this.entries[path] = { h: hash, d: deps, f: facts };
    this.dirty = true;
  }

  /** Write the cache (atomically) if anything changed. Errors are ignored: it is only a cache. */
  save(): void {
    if (!this.dirty) return;
    this.complete();
    const head: Record<string, CacheEntry> = {};
    const rest: Record<string, [DocumentFacts['sections'], DocumentFacts['refs']]> = {};
    for (const [path, e] of Object.entries(this.entries)) {
      const { sections, refs, ...core } = e.f;
      head[path] = { h: e.h, d: e.d, f: core as DocumentFacts };
      rest[path] = [sections, refs];
    }
    if (writeCacheText(this.file, asciiJson({ entries: head }) + '\n' + asciiJson(rest))) this.dirty = false;
  }
}

/** JSON with every character outside ASCII written as a \u escape. */
export function asciiJson(data: unknown): string {
  return JSON.stringify(data).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** How many files of one kind and root other builds or configurations may keep beside the one
 *  written: two kdocs checkouts (a worktree, a bisect) on one tree would otherwise delete each
 *  other's file on every run and both stay cold. */
export const CACHE_FILES_KEPT = 3;

/**
 * Write a cache file `<kind>-<root key>-<stamp...>.json` atomically and drop the same kind's files
 * of this root for other builds or configurations but the `CACHE_FILES_KEPT` newest. False when it
 * cannot be written (read-only home, full disk): the run then simply goes without the cache next time.
 */
export function writeCacheFile(file: string, data: unknown): boolean {
  return writeCacheText(file, JSON.stringify(data));
}

/** `writeCacheFile` of a text already serialized; `keep` other files (0: a directory that only ever holds the current build's). */
export function writeCacheText(file: string, text: string, keep = CACHE_FILES_KEPT): boolean {
  try {
    const dir = nodePath.dirname(file);
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
    const base = nodePath.basename(file);
    const prefix = base.split('-').slice(0, 2).join('-') + '-';
    const others: { path: string; mtime: number }[] = [];
    for (const f of readdirSync(dir)) {
      if (!f.startsWith(prefix) || f === base || !f.endsWith('.json')) continue;
      const path = nodePath.join(dir, f);
      try {
        others.push({ path, mtime: statSync(path).mtimeMs });
      } catch {
        // (gone meanwhile: another run dropped it)
      }
    }
    others.sort((a, b) => b.mtime - a.mtime);
    for (const o of others.slice(keep)) rmSync(o.path, { force: true });
    return true;
  } catch {
    return false;
  }
}
