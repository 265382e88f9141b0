/**
 * The project index: every document of a docs root parsed once, and how they relate — the toctree
 * graph, labels (explicit targets and the kernel's autosectionlabel), includes and `:orphan:`.
 *
 * Built in one pass for the CLI (`build`), updated one document at a time for the LSP (`update`).
 * Rules, the site and the LSP ask it; none of them re-parses or re-walks other documents.
 *
 * Paths are relative to the docs root with POSIX separators and their `.rst` suffix
 * (`ext4/index.rst`); docnames are the same without the suffix (`ext4/index`), as Sphinx names them.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as nodePath from 'node:path';
import type { Position, RstNode } from '../rst/nodes.js';
import type { ParsedDocument, ParseOptions } from '../rst/parse.js';
import { Source } from '../rst/source.js';
import { fullyNormalizeName } from '../rst/document.js';
import { collectFacts } from './collect.js';
import { textHash, type FactsCache } from './cache.js';
import { docnameJoin, globToRegExp, normalizePath, stripSuffix } from './toctree.js';
import type { RefFact } from './refs.js';

export type { RefFact } from './refs.js';

export type { RawTocEntry } from './toctree.js';
export { docnameJoin, normalizePath, stripSuffix } from './toctree.js';

// ---------------------------------------------------------------------------------------------
// Facts collected from one document (one walk of its tree)
// ---------------------------------------------------------------------------------------------

export interface TocEntry {
  /** Entry text as written (trimmed line). */
  text: string;
  title?: string;
  /** Target as written (`../x`, `/admin-guide/index`, `x.rst`, `self`, a URL or a glob pattern). */
  target: string;
  kind: 'doc' | 'glob' | 'self' | 'url';
  /** For `doc`: the joined docname (suffix stripped), null if it escapes the root. For `glob`: the
   *  joined pattern. */
  docname: string | null;
  /** Source range of the entry text (when the directive's content position is known). */
  position?: Position;
}

export interface Toctree {
  /** Document holding the toctree (for toctrees pulled in through an include, the including one). */
  path: string;
  glob: boolean;
  hidden: boolean;
  entries: TocEntry[];
  options: Record<string, string | null>;
  position?: Position;
  /** Set when the directive comes from an included file (path relative to root). */
  fromInclude?: string;
}

export type IncludeKind = 'include' | 'kernel-include' | 'literalinclude';

export interface IncludeRef {
  kind: IncludeKind;
  /** Argument as written. */
  target: string;
  /** Resolved path relative to the root (may start with `../` segments when outside the root, as
   *  resolved against the root's parent chain), or null if it cannot be resolved statically
   *  (`<standard>` includes, `$VARIABLES` in kernel-include). */
  path: string | null;
  /** Absolute file-system path when resolvable. */
  absolutePath: string | null;
  /** Whether the target lies inside the docs root. */
  inRoot: boolean;
  position?: Position;
  /** Set when the directive itself comes from an included file. */
  fromInclude?: string;
}

export interface LabelDef {
  /** Label as Sphinx stores it: explicit labels fully normalized (lower case, single spaces);
   *  autosectionlabels `docname:normalized title` (docname keeps its case, as Sphinx's). */
  name: string;
  kind: 'explicit' | 'section';
  /** Document (path) that defines it. */
  path: string;
  /** Section title the label points at, if any (`:ref:` without an explicit title needs one). */
  title?: string;
  /** Type of the node the label is attached to (`section`, `figure`, `table`, `paragraph`...). */
  nodeType?: string;
  position?: Position;
  /** Defined inside content pulled in from another file. */
  fromInclude?: string;
}

export interface SectionInfo {
  title: string;
  /** 1 for a top-level section of the document. */
  depth: number;
  position?: Position;
  fromInclude?: string;
}

/** A document's facts as another thread collected them (src/lsp/build-worker.ts): with the hash
 *  of the text they come from and of each file it includes, as the facts cache keys them. */
export interface CollectedFacts {
  facts: DocumentFacts;
  hash: string;
  deps: [string, string][];
}

/** Hash of a text as the index and the facts cache key it ('-' for a missing file). */
export function keyHash(text: string | null): string {
  return text === null ? '-' : textHash(text);
}

export interface DocumentFacts {
  path: string;
  docname: string;
  toctrees: Toctree[];
  includes: IncludeRef[];
  labels: LabelDef[];
  sections: SectionInfo[];
  /** `:ref:`, `:doc:` and automarkup `Documentation/...` references, in document order. */
  refs: RefFact[];
  /** The document has `orphan` metadata of its own (a leading field list / docinfo). */
  orphanField: boolean;
  /** The first body element is an include directive left in the tree (target path) — the document
   *  then inherits `:orphan:` from that file. (When the parser expands includes in place, the
   *  included field list is simply the first element and `orphanField` is set.) */
  firstInclude?: string;
}

// ---------------------------------------------------------------------------------------------
// Index
// ---------------------------------------------------------------------------------------------

export type ParseFn = (text: string, options: ParseOptions) => ParsedDocument;

export interface IndexOptions {
  /** The parser (default: src/rst/parse.js, loaded lazily). Tests may pass their own. */
  parse?: ParseFn;
  /** In-memory texts that replace (string) or delete (null) files under the root; keys are
   *  root-relative paths. Used by `--patch` and the LSP's unsaved buffers. */
  overlay?: Map<string, string | null>;
  /** Where the root sits in the kernel tree, e.g. `Documentation/filesystems/` (auto-detected). */
  kernelPrefix?: string;
  /** Kernel source tree (for `kernel-doc` paths); auto-detected as the parent of `Documentation/`. */
  kernelTree?: string | null;
  /** Called after every parsed document (progress reporting). */
  onProgress?: (done: number, total: number) => void;
  /** Persistent facts cache: documents whose text (and includes) did not change are not parsed
   *  at build time; `get()` parses them on demand. */
  cache?: FactsCache;
  /** Re-parse after an edit from the previous tree when that equals a parse of the new text
   *  (src/rst/incremental.ts `reparseEdit`; undefined: parse whole). The previous tree is
   *  consumed. Set by the language server, whose edits are keystrokes. */
  reparse?: ReparseFn;
  /** Collects an updated document's facts instead of `collectFacts` (the language server gives
   *  the lint's shared walk, src/lint/facts.ts: one walk of an edited tree for the index and the
   *  rules); undefined leaves the document to `collectFacts`. */
  collect?: (doc: ParsedDocument, path: string, index: ProjectIndex) => DocumentFacts | undefined;
}

/** Parse `text` from `prev` (the parse of the document's previous text), or undefined. */
export type ReparseFn = (prev: ParsedDocument, text: string, edit?: TextEdit) => ParsedDocument | undefined;

/** The previous text's [start, end) became `text` (what an editor reports). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface BuildTimings {
  listMs: number;
  parseMs: number;
  indexMs: number;
  files: number;
}

/** A place that points at a label or a file (see ProjectIndex.labelReferences / fileReferences). */
export interface Reference {
  /** Document whose facts hold the reference. */
  path: string;
  /** File the offsets index: `path`, or the included file the reference is written in. */
  file: string;
  kind: 'ref' | 'doc' | 'path' | 'toctree' | 'glob' | 'include';
  /** The target as written. */
  target: string;
  /** Offsets of the target text; for `include` the whole directive (its argument is in it). */
  start: number;
  end: number;
}

export interface TocStatus {
  inToctree: boolean;
  isRootDoc: boolean;
  included: boolean;
  orphan: boolean;
  /** Sphinx would print `document isn't included in any toctree`. */
  warn: boolean;
}

/** docutils' fully_normalize_name (the parser's: lower case, Python whitespace runs collapsed). */
export const normalizeName = fullyNormalizeName;

const DEFAULT_EXCLUDE = new Set(['output']);

let defaultParse: ParseFn | undefined;

/** Load the project parser (kept lazy so that a test can use the index without it). */
export async function loadDefaultParser(): Promise<ParseFn> {
  if (!defaultParse) {
    const mod = (await import('../rst/parse.js')) as { parse: ParseFn };
    defaultParse = mod.parse;
  }
  return defaultParse;
}

export class ProjectIndex {
  /** Absolute path of the docs root. */
  readonly root: string;
  readonly kernelPrefix: string | undefined;
  readonly kernelTree: string | null;
  readonly timings: BuildTimings = { listMs: 0, parseMs: 0, indexMs: 0, files: 0 };
  private readonly parseFn: ParseFn;
  private readonly reparseFn: ReparseFn | undefined;
  private readonly collectFn: IndexOptions['collect'];
  /** Work counters of `update`: documents parsed whole, and re-parsed from their previous tree. */
  readonly updateStats = { parsed: 0, reparsed: 0 };
  private readonly overlay: Map<string, string | null>;
  private readonly docs = new Map<string, ParsedDocument>();
  private readonly facts = new Map<string, DocumentFacts>();
  private readonly fileCache = new Map<string, string | null>();
  private readonly readErrors = new Map<string, string>();
  /** Files (absolute) whose bytes are not valid UTF-8. */
  private readonly invalidUtf8 = new Set<string>();
  /** Documents listed under the root that could not be read (path → reason). */
  readonly unreadable = new Map<string, string>();
  private readonly existsCache = new Map<string, boolean>();
  private onProgress: ((done: number, total: number) => void) | undefined;
  private readonly cache: FactsCache | undefined;
  private readonly hashes = new Map<string, string | null>();
  /** Bumped whenever documents are (re)built or updated: answers of an older generation may differ. */
  generation = 0;
  // derived maps, brought up to date lazily and one document at a time (`derive`)
  private dirty = true;
  /** Documents whose facts changed (or appeared, or went) since the maps were last derived. */
  private readonly pendingDerive = new Set<string>();
  /** The set of documents changed since then: glob entries match another set. */
  private documentSetChanged = false;
  /** Position of each document in `facts`' iteration order (a from-scratch derive's order):
   *  lists in the maps keep that order however they were updated. */
  private readonly rank = new Map<string, number>();
  private nextRank = 0;
  /** Per document: the facts its contributions were derived from, and the docnames its toctrees
   *  name (globs expanded) and the paths it includes, as added to the maps. */
  private readonly derivedFrom = new Map<string, { facts: DocumentFacts; parents: string[]; included: string[] }>();
  /** Documents with glob toctree entries (their parents change with the set of documents). */
  private readonly globDocs = new Set<string>();
  private readonly labelMap = new Map<string, LabelDef[]>();
  private readonly globCache = new Map<string, string[]>();
  private readonly tocParents = new Map<string, string[]>();
  /** Included path → how many documents include it (include and kernel-include, inside the root). */
  private readonly includedCount = new Map<string, number>();
  /** Path → the documents with an include-like directive naming it (any kind, anywhere). */
  private readonly includeUsers = new Map<string, Set<string>>();
  /** Work counter: documents whose contributions to the derived maps were (re)computed. */
  derivedDocuments = 0;
  // reverse reference maps, rebuilt when first asked for after a change (lint never asks)
  private refGeneration = -1;
  private readonly refsByLabel = new Map<string, Reference[]>();
  private readonly refsByFile = new Map<string, Reference[]>();
  /** the facts each document's references were read from, and what they added */
  private readonly refFacts = new Map<string, DocumentFacts>();
  private readonly refContrib = new Map<string, [boolean, string, Reference][]>();
  private readonly refGlobs = new Set<string>();
  /** Documents whose references were (re)read into the reverse maps, in all (work counter). */
  refDocumentsRead = 0;

  constructor(root: string, parse: ParseFn, options: IndexOptions = {}) {
    this.root = nodePath.resolve(root);
    this.parseFn = parse;
    this.reparseFn = options.reparse;
    this.collectFn = options.collect;
    this.overlay = options.overlay ?? new Map();
    this.onProgress = options.onProgress;
    this.cache = options.cache;
    const detected = detectKernelLayout(this.root);
    this.kernelPrefix = options.kernelPrefix ?? detected.prefix;
    this.kernelTree = options.kernelTree !== undefined ? options.kernelTree : detected.tree;
  }

  /** Create and build an index over `root` (all `.rst` files, or `files` if given). */
  static async build(root: string, options: IndexOptions = {}, files?: string[]): Promise<ProjectIndex> {
    const parse = options.parse ?? (await loadDefaultParser());
    const index = new ProjectIndex(root, parse, options);
    index.build(files);
    return index;
  }

  /** Parse every document (or the given root-relative paths) and index them. `visit` sees each
   *  parsed tree right after its facts are collected (documents whose facts come from the cache are
   *  not parsed, hence not visited); when it returns true the tree is not kept (`get()` would parse
   *  it again): a whole-tree lint then holds one tree at a time. `collected` holds facts another
   *  thread collected from the same files (a parallel build), with the hashes it read them with:
   *  taken instead of reading, hashing and parsing (the text is read when first asked for).
   *  `collect` may collect a parsed document's facts instead of `collectFacts` (the lint's shared
   *  walk of the tree does, src/lint/facts.ts); it returns undefined to leave a document to
   *  `collectFacts`. */
  build(
    files?: string[],
    visit?: (path: string, doc: ParsedDocument) => boolean,
    collected?: ReadonlyMap<string, CollectedFacts>,
    collect?: (doc: ParsedDocument, path: string) => DocumentFacts | undefined,
  ): void {
    const t0 = performance.now();
    this.generation++;
    const list = files ? files.map(toPosix) : this.listFiles();
    // documents added by the overlay (new files of a patch); one indexed already has facts from
    // its overlay text (`update`; the cache never answers for it): a build in slices, the
    // language server's, would otherwise parse an open document again in every slice
    for (const [p, text] of this.overlay) if (text !== null && p.endsWith('.rst') && !this.facts.has(p) && !list.includes(p)) list.push(p);
    const t1 = performance.now();
    this.timings.listMs = t1 - t0;
    let parseMs = 0;
    let indexMs = 0;
    let done = 0;
    for (const path of list) {
      if (this.overlay.has(path) && this.overlay.get(path) === null) continue;
      const given = this.overlay.has(path) ? undefined : collected?.get(path);
      if (given) {
        this.hashes.set(path, given.hash);
        this.setFacts(path, given.facts);
        this.cache?.store(path, given.hash, given.deps, given.facts);
        done++;
        this.onProgress?.(done, list.length);
        continue;
      }
      const text = this.readRel(path);
      if (text === null) {
        this.unreadable.set(path, this.readErrors.get(this.abs(path)) ?? 'cannot read');
        continue;
      }
      const a = performance.now();
      let hash: string | undefined;
      if (this.cache && !this.overlay.has(path)) {
        hash = textHash(text);
        this.hashes.set(path, hash);
        const cached = this.cache.lookup(path, hash, (p) => this.depHash(p));
        if (cached) {
          this.setFacts(path, cached);
          indexMs += performance.now() - a;
          done++;
          this.onProgress?.(done, list.length);
          continue;
        }
      }
      const doc = this.parseText(path, text);
      const b = performance.now();
      this.docs.set(path, doc);
      // (`collect`: the caller's walk of the tree collects them along with its own facts)
      const facts = collect?.(doc, path) ?? collectFacts(doc, path, this);
      this.setFacts(path, facts);
      if (this.cache && hash !== undefined) {
        const deps: [string, string][] = [];
        for (const inc of facts.includes) if (inc.path !== null) deps.push([inc.path, this.depHash(inc.path)]);
        this.cache.store(path, hash, deps, facts);
      }
      indexMs += performance.now() - b;
      parseMs += b - a;
      if (visit && visit(path, doc)) this.docs.delete(path);
      done++;
      this.onProgress?.(done, list.length);
    }
    this.dirty = true;
    const c = performance.now();
    this.derive();
    indexMs += performance.now() - c;
    this.timings.parseMs = parseMs;
    this.timings.indexMs = indexMs;
    this.timings.files = this.facts.size;
  }

  /**
   * Take the facts cache's facts of the given documents as they are, without reading or hashing
   * their files (an editor's first diagnostics then need not wait for the whole tree to be read);
   * `build` over the same files verifies each one afterwards. Documents already indexed, in the
   * overlay or not in the cache are left alone. Returns how many were taken.
   */
  preload(files: readonly string[]): number {
    if (!this.cache) return 0;
    let n = 0;
    for (const f of files) {
      const path = toPosix(f);
      if (this.facts.has(path) || this.overlay.has(path)) continue;
      const facts = this.cache.peek(path);
      if (!facts) continue;
      this.setFacts(path, facts);
      n++;
    }
    if (n) {
      this.generation++;
      this.dirty = true;
    }
    return n;
  }

  /**
   * Put the documents in `order` (then any others, as they were): a build that followed a
   * `preload` appended the documents the cache lacked, while lists of the derived maps (a label's
   * definitions, a document's toctree parents) follow the order documents were indexed in — the
   * CLI's order, `listFiles`'. Re-derives the maps only when the order differed.
   */
  settleOrder(order: readonly string[]): void {
    const want = order.map(toPosix).filter((p) => this.facts.has(p));
    const seen = new Set(want);
    for (const p of this.facts.keys()) if (!seen.has(p)) want.push(p);
    let i = 0;
    let same = true;
    for (const p of this.facts.keys()) if (want[i++] !== p) same = false;
    if (same) return;
    const entries = want.map((p) => [p, this.facts.get(p)!] as const);
    this.facts.clear();
    this.rank.clear();
    this.nextRank = 0;
    for (const [p, f] of entries) {
      this.facts.set(p, f);
      this.rank.set(p, this.nextRank++);
      this.pendingDerive.add(p);
    }
    this.labelMap.clear();
    this.tocParents.clear();
    this.includedCount.clear();
    this.includeUsers.clear();
    this.derivedFrom.clear();
    this.globDocs.clear();
    this.documentSetChanged = true;
    this.dirty = true;
    this.generation++;
  }

  /** Hash of a root-relative file's current text ('-' when missing), memoized per run. */
  private depHash(path: string): string {
    let h = this.hashes.get(path);
    if (h === undefined || h === null) {
      h = keyHash(this.readRel(path));
      this.hashes.set(path, h);
    }
    return h;
  }

  /**
   * What the document's parse depends on, as one string: the hash of its text and of every file it
   * includes (as the facts cache keys it). Equal keys mean equal trees. Undefined when unknown.
   */
  documentKey(path: string): string | undefined {
    const p = toPosix(path);
    const facts = this.facts.get(p);
    if (!facts) return undefined;
    let key = this.depHash(p);
    if (key === '-') return undefined;
    for (const inc of facts.includes) if (inc.path !== null) key += `|${inc.path}=${this.depHash(inc.path)}`;
    return key;
  }

  /** Forget a document's tree (its facts stay); `get()` parses it again if asked. Lets a
   *  whole-tree run keep one tree at a time instead of all of them. */
  release(path: string): void {
    const p = toPosix(path);
    if (this.facts.has(p)) this.docs.delete(p);
  }

  /**
   * Forget the texts read from disk of the documents whose trees are not in memory (a long-lived
   * index, the language server's, then holds facts rather than every file's text: tens of MB on
   * the kernel tree); they are read again when next asked for. Returns how many were dropped.
   */
  dropTexts(): number {
    let n = 0;
    for (const p of this.facts.keys()) {
      if (this.docs.has(p) || this.overlay.has(p)) continue;
      const abs = this.abs(p);
      if (this.fileCache.delete(abs)) n++;
      this.invalidUtf8.delete(abs);
    }
    return n;
  }

  /** The document's tree if it is in memory (never parses). */
  loaded(path: string): ParsedDocument | undefined {
    return this.docs.get(toPosix(path));
  }

  /** The document's source text as `get(path)?.source.raw` gives it, without parsing it. */
  sourceText(path: string): string | undefined {
    const p = toPosix(path);
    const doc = this.docs.get(p);
    if (doc) return doc.source.raw;
    if (!this.facts.has(p)) return undefined;
    return this.readRel(p) ?? undefined;
  }

  /** Documents parsed so far (with a cache, the others are parsed when first asked for). */
  get parsedCount(): number {
    return this.docs.size;
  }

  /** Index documents parsed elsewhere (the benchmark, a caller with its own parse loop):
   *  no parsing here, only fact collection. */
  addDocuments(docs: readonly ParsedDocument[]): void {
    const t0 = performance.now();
    this.generation++;
    for (const doc of docs) {
      const path = toPosix(doc.path);
      this.docs.set(path, doc);
      this.setFacts(path, collectFacts(doc, path, this));
    }
    this.dirty = true;
    this.derive();
    this.timings.indexMs += performance.now() - t0;
    this.timings.files = this.facts.size;
  }

  /** Documents that pull `path` in with an include-like directive (they must be re-parsed when it
   *  changes). */
  includers(path: string): string[] {
    const p = toPosix(path);
    this.derive();
    const users = this.includeUsers.get(p);
    if (!users) return [];
    const out: string[] = [];
    for (const q of users) if (q !== p) out.push(q);
    return out.sort();
  }

  /** Re-parse one file from `text` (null: deleted), and the documents that include it. `edit`,
   *  when known, is the one change from the previous text (the re-parse may start from it). */
  update(path: string, text: string | null, edit?: TextEdit): ParsedDocument | undefined {
    const p = toPosix(path);
    const includers = this.includers(p);
    const doc = this.updateOne(p, text, edit);
    for (const q of includers) {
      const t = this.readRel(q);
      if (t !== null && this.facts.has(q)) this.updateOne(q, t);
    }
    return doc;
  }

  private updateOne(path: string, text: string | null, edit?: TextEdit): ParsedDocument | undefined {
    this.generation++;
    this.hashes.delete(path);
    this.fileCache.delete(this.abs(path));
    this.existsCache.delete(this.abs(path));
    if (text === null) {
      this.overlay.set(path, null);
      this.docs.delete(path);
      this.deleteFacts(path);
      this.dirty = true;
      return undefined;
    }
    this.overlay.set(path, text);
    if (!path.endsWith('.rst')) {
      this.dirty = true;
      return undefined;
    }
    const prev = this.reparseFn ? this.docs.get(path) : undefined;
    let doc: ParsedDocument | undefined;
    if (prev) {
      try {
        doc = this.reparseFn!(prev, text, edit);
      } catch {
        // the previous tree may be half moved: parse whole
        doc = undefined;
      }
    }
    if (doc) this.updateStats.reparsed++;
    else {
      doc = this.parseText(path, text);
      this.updateStats.parsed++;
    }
    this.docs.set(path, doc);
    this.setFacts(path, this.collectFn?.(doc, path, this) ?? collectFacts(doc, path, this));
    this.dirty = true;
    return doc;
  }

  /** The parsed document (parsed now if its facts came from the cache). */
  get(path: string): ParsedDocument | undefined {
    const p = toPosix(path);
    const doc = this.docs.get(p);
    if (doc || !this.facts.has(p)) return doc;
    const text = this.readRel(p);
    if (text === null) return undefined;
    const parsed = this.parseText(p, text);
    this.docs.set(p, parsed);
    return parsed;
  }

  getFacts(path: string): DocumentFacts | undefined {
    return this.facts.get(toPosix(path));
  }

  has(path: string): boolean {
    return this.facts.has(toPosix(path));
  }

  /** All document paths, sorted. */
  documents(): string[] {
    return [...this.facts.keys()].sort();
  }

  /** Does a document with this docname (no suffix) exist? */
  hasDocname(docname: string): boolean {
    return this.facts.has(docname + '.rst');
  }

  /** Every toctree of the project (or of one document). */
  toctrees(path?: string): Toctree[] {
    if (path !== undefined) return this.facts.get(toPosix(path))?.toctrees ?? [];
    const out: Toctree[] = [];
    for (const f of this.facts.values()) out.push(...f.toctrees);
    return out;
  }

  /** Documents whose toctrees list `path`. */
  toctreeParents(path: string): string[] {
    this.derive();
    return this.tocParents.get(stripSuffix(toPosix(path))) ?? [];
  }

  /** Documents a toctree entry names (a glob expands to its sorted matches, without the toctree's
   *  own document; a missing document yields []). */
  entryTargets(toctree: Toctree, entry: TocEntry): string[] {
    if (entry.kind === 'doc') return entry.docname !== null && this.hasDocname(entry.docname) ? [entry.docname + '.rst'] : [];
    if (entry.kind === 'glob') return this.globMatches(toctree.path, entry).map((d) => d + '.rst');
    return [];
  }

  /** Docnames a glob entry matches (sorted, excluding the toctree's own document). */
  globMatches(fromPath: string, entry: TocEntry): string[] {
    if (entry.kind !== 'glob' || entry.docname === null) return [];
    const key = `${fromPath}\0${entry.docname}`;
    let hit = this.globCache.get(key);
    if (!hit) {
      const re = globToRegExp(entry.docname);
      const self = stripSuffix(fromPath);
      hit = [];
      for (const p of this.facts.keys()) {
        const d = stripSuffix(p);
        if (d !== self && re.test(d)) hit.push(d);
      }
      hit.sort();
      this.globCache.set(key, hit);
    }
    return hit;
  }

  /**
   * Resolve a document reference the way Sphinx does (`:doc:` targets and toctree entries):
   * `/x` from the root, otherwise relative to `fromPath`'s directory; a `.rst` suffix is accepted
   * when `stripRst` (toctree entries) — `:doc:` in Sphinx does not strip it.
   * Returns the document path (`x/y.rst`) or undefined.
   */
  resolveDoc(fromPath: string, target: string, options: { stripRst?: boolean } = {}): string | undefined {
    let t = target.trim();
    if (options.stripRst ?? true) t = stripSuffix(t);
    const docname = docnameJoin(stripSuffix(toPosix(fromPath)), t);
    if (docname === null) return undefined;
    return this.hasDocname(docname) ? docname + '.rst' : undefined;
  }

  /** Look a `:ref:` target up: explicit labels and autosectionlabels (`docname:Title`). The name is
   *  lower-cased and whitespace-normalized as Sphinx's `:ref:` role does. */
  resolveLabel(name: string): LabelDef | undefined {
    this.derive();
    return this.labelMap.get(normalizeName(name))?.[0];
  }

  /** Every definition of a label (more than one: Sphinx's `duplicate label` warning). */
  labelDefinitions(name: string): LabelDef[] {
    this.derive();
    return this.labelMap.get(normalizeName(name)) ?? [];
  }

  /** All labels (normalized name → definitions). */
  labels(): ReadonlyMap<string, LabelDef[]> {
    this.derive();
    return this.labelMap;
  }

  /** Every `:ref:` to a label, whole tree (the name is normalized as `:ref:` does). */
  labelReferences(name: string): Reference[] {
    this.deriveRefs();
    return this.refsByLabel.get(normalizeName(name)) ?? [];
  }

  /** Every place that points at a file, whole tree: `:doc:`s, toctree entries (and glob entries
   *  that match it), automarkup paths and include-like directives. `path` is root-relative. */
  fileReferences(path: string): Reference[] {
    this.deriveRefs();
    return this.refsByFile.get(toPosix(path)) ?? [];
  }

  /** Every file some reference points at (documents and included files), unsorted. */
  referencedFiles(): string[] {
    this.deriveRefs();
    return [...this.refsByFile.keys()];
  }

  /** Root-relative document path an automarkup path written in `fromPath` names (it need not
   *  exist), undefined when it lies outside the root. */
  autoPathTarget(fromPath: string, text: string): string | undefined {
    const bare = text.replace(/\.(rst|txt)$/, '');
    if (text.startsWith('Documentation/')) {
      const p = normalizePath(bare);
      const prefix = this.kernelPrefix;
      if (p === null || prefix === undefined || !(p + '/').startsWith(prefix)) return undefined;
      return p.slice(prefix.length) + '.rst';
    }
    const d = docnameJoin(stripSuffix(toPosix(fromPath)), bare);
    return d === null ? undefined : d + '.rst';
  }

  /**
   * The reverse reference maps, kept up to date one document at a time: only documents whose facts
   * changed since the last call are re-read (and, when documents came or went, those with glob
   * toctree entries), so a query after an edit costs what the edit changed, not the whole tree.
   */
  private deriveRefs(): void {
    if (this.refGeneration === this.generation) return;
    const seen = this.refFacts;
    let setChanged = false;
    for (const p of seen.keys()) {
      if (!this.facts.has(p)) {
        this.dropRefs(p);
        seen.delete(p);
        setChanged = true;
      }
    }
    if (!setChanged) for (const p of this.facts.keys()) if (!seen.has(p)) setChanged = true;
    // glob matches are cached per document set: bring them up to date first
    if (setChanged) this.derive();
    for (const [p, f] of this.facts) {
      if (seen.get(p) === f) continue;
      this.dropRefs(p);
      this.addRefs(f);
      seen.set(p, f);
    }
    if (setChanged) {
      // glob entries match the new set of documents
      for (const p of [...this.refGlobs]) {
        const f = this.facts.get(p);
        if (!f) continue;
        this.dropRefs(p);
        this.addRefs(f);
      }
    }
    this.refGeneration = this.generation;
  }

  private dropRefs(path: string): void {
    const list = this.refContrib.get(path);
    if (!list) return;
    for (const [byLabel, key, ref] of list) {
      const map = byLabel ? this.refsByLabel : this.refsByFile;
      const refs = map.get(key);
      if (!refs) continue;
      const i = refs.indexOf(ref);
      if (i >= 0) refs.splice(i, 1);
      if (!refs.length) map.delete(key);
    }
    this.refContrib.delete(path);
    this.refGlobs.delete(path);
  }

  private addRefs(f: DocumentFacts): void {
    this.refDocumentsRead++;
    const contrib: [boolean, string, Reference][] = [];
    const add = (byLabel: boolean, key: string, r: Reference): void => {
      const map = byLabel ? this.refsByLabel : this.refsByFile;
      const list = map.get(key);
      if (list) list.push(r);
      else map.set(key, [r]);
      contrib.push([byLabel, key, r]);
    };
    const docname = f.docname;
    for (const r of f.refs ?? []) {
      const ref: Reference = { path: f.path, file: r.fromInclude ?? f.path, kind: r.kind, target: r.target, start: r.start, end: r.end };
      if (r.kind === 'ref') add(true, normalizeName(r.target), ref);
      else if (r.kind === 'doc') {
        const d = docnameJoin(docname, r.target.trim());
        if (d !== null) add(false, d + '.rst', ref);
      } else {
        const p = this.autoPathTarget(f.path, r.target);
        if (p !== undefined) add(false, p, ref);
      }
    }
    for (const t of f.toctrees) {
      for (const e of t.entries) {
        if ((e.kind !== 'doc' && e.kind !== 'glob') || e.docname === null || !e.position) continue;
        const at = e.text.indexOf(e.target, e.title !== undefined ? e.text.lastIndexOf('<') + 1 : 0);
        const start = e.position.start.offset + Math.max(0, at);
        const ref: Reference = { path: f.path, file: t.fromInclude ?? f.path, kind: e.kind === 'doc' ? 'toctree' : 'glob', target: e.target, start, end: start + e.target.length };
        if (e.kind === 'doc') add(false, e.docname + '.rst', ref);
        else {
          this.refGlobs.add(f.path);
          for (const d of this.globMatches(f.path, e)) add(false, d + '.rst', ref);
        }
      }
    }
    for (const inc of f.includes) {
      if (inc.path === null || !inc.position) continue;
      add(false, inc.path, { path: f.path, file: inc.fromInclude ?? f.path, kind: 'include', target: inc.target, start: inc.position.start.offset, end: inc.position.end.offset });
    }
    this.refContrib.set(f.path, contrib);
  }

  /** Is the document named by some toctree of the project (including `:hidden:` and globs)? */
  isInToctree(path: string): boolean {
    this.derive();
    return this.tocParents.has(stripSuffix(toPosix(path)));
  }

  /** Is the document pulled into another document by `include` (Sphinx's `env.included`)? */
  isIncluded(path: string): boolean {
    this.derive();
    return this.includedCount.has(toPosix(path));
  }

  /** Does the document have `orphan` metadata, its own or inherited from the include that is its
   *  first element? */
  isOrphan(path: string, seen = new Set<string>()): boolean {
    const f = this.facts.get(toPosix(path));
    if (!f) return false;
    if (f.orphanField) return true;
    if (f.firstInclude && !seen.has(f.firstInclude)) {
      seen.add(f.path);
      return this.isOrphan(f.firstInclude, seen) || this.fileStartsWithOrphan(f.firstInclude);
    }
    return false;
  }

  /** Sphinx's check_consistency for one document. */
  tocStatus(path: string): TocStatus {
    const p = toPosix(path);
    const inToctree = this.isInToctree(p);
    const isRootDoc = p === 'index.rst';
    const included = this.isIncluded(p);
    const orphan = this.isOrphan(p);
    return { inToctree, isRootDoc, included, orphan, warn: !inToctree && !isRootDoc && !included && !orphan };
  }

  /**
   * Map a kernel-tree path (`Documentation/filesystems/x.rst`, as automarkup and patches write them)
   * onto the root. `inRoot` false: the path lies outside this root (a subtree lint cannot tell);
   * `exists` is then answered from the kernel tree if one is known.
   */
  resolveKernelPath(kernelPath: string): { inRoot: boolean; path?: string; exists: boolean | undefined } {
    const p = normalizePath(toPosix(kernelPath));
    if (p === null) return { inRoot: false, exists: false };
    const prefix = this.kernelPrefix;
    if (prefix !== undefined && (p + '/').startsWith(prefix)) {
      const rel = p.slice(prefix.length);
      const exists = this.facts.has(rel) || this.fileExists(rel);
      return { inRoot: true, path: rel, exists };
    }
    if (this.kernelTree) return { inRoot: false, exists: this.existsAbs(nodePath.join(this.kernelTree, p)) };
    return { inRoot: false, exists: undefined };
  }

  /** Root-relative path → kernel-tree path (`x.rst` → `Documentation/filesystems/x.rst`). */
  kernelPathOf(path: string): string {
    return (this.kernelPrefix ?? '') + toPosix(path);
  }

  /** Does a file exist under the kernel source tree (for `kernel-doc` paths)? undefined if no
   *  kernel tree is known. */
  kernelFileExists(kernelPath: string): boolean | undefined {
    if (!this.kernelTree) return undefined;
    const p = normalizePath(toPosix(kernelPath));
    if (p === null) return false;
    return this.existsAbs(nodePath.join(this.kernelTree, p));
  }

  /** Does a root-relative file exist (overlay first, then disk)? */
  fileExists(path: string): boolean {
    const p = toPosix(path);
    if (this.overlay.has(p)) return this.overlay.get(p) !== null;
    return this.existsAbs(this.abs(p));
  }

  /** Absolute path of a root-relative path. */
  abs(path: string): string {
    return nodePath.join(this.root, path);
  }

  /** Root-relative POSIX path of an absolute path (may start with `../`). */
  rel(absolute: string): string {
    return toPosix(nodePath.relative(this.root, absolute));
  }

  /** Text of a root-relative file (overlay first), null if missing. */
  readRel(path: string): string | null {
    const p = toPosix(path);
    if (this.overlay.has(p)) return this.overlay.get(p)!;
    return this.readAbsCached(this.abs(p));
  }

  /** The file of this root-relative path is not valid UTF-8 on disk (its text has U+FFFD where
   *  the bad bytes were). In-memory texts are always valid. */
  hasInvalidUtf8(path: string): boolean {
    const p = toPosix(path);
    if (this.overlay.has(p)) return false;
    const abs = this.abs(p);
    if (!this.fileCache.has(abs)) this.readAbsCached(abs);
    return this.invalidUtf8.has(abs);
  }

  /** File reader handed to the parser (absolute paths; honours the overlay). */
  readonly readFile = (absolutePath: string): string | null => {
    const rel = this.rel(absolutePath);
    if (this.overlay.has(rel)) return this.overlay.get(rel)!;
    return this.readAbsCached(absolutePath);
  };

  // -------------------------------------------------------------------------------------------

  private parseText(path: string, text: string): ParsedDocument {
    try {
      return this.parseFn(text, { path, root: this.root, readFile: this.readFile });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const source = new Source(text, path);
      const start = source.pointAt(0);
      return {
        path,
        source,
        tree: { type: 'document', children: [] },
        messages: [
          {
            level: 4,
            type: 'SEVERE',
            message: `kdocs could not parse this file: ${message}`,
            ruleId: 'internal-parse-error',
            position: { start, end: start },
            phase: 'parse',
          },
        ],
        includes: [],
      };
    }
  }

  private readAbsCached(absolute: string): string | null {
    if (this.fileCache.has(absolute)) return this.fileCache.get(absolute)!;
    let text: string | null;
    try {
      // (read and decoded in one step: no Buffer of every file's bytes on the way)
      text = readFileSync(absolute, 'utf8');
      // bytes that are not UTF-8 became U+FFFD: remembered, so lint can say so and --fix can
      // leave the file alone (writing the text back would replace those bytes); the bytes are
      // read again only for a text that has one
      if (text.includes('\ufffd') && !isUtf8(readFileSync(absolute))) this.invalidUtf8.add(absolute);
    } catch (err) {
      text = null;
      const e = err as NodeJS.ErrnoException;
      this.readErrors.set(absolute, e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a directory' : e.message);
    }
    this.fileCache.set(absolute, text);
    return text;
  }

  private existsAbs(absolute: string): boolean {
    let hit = this.existsCache.get(absolute);
    if (hit === undefined) {
      hit = this.fileCache.has(absolute) ? this.fileCache.get(absolute) !== null : existsSync(absolute);
      this.existsCache.set(absolute, hit);
    }
    return hit;
  }

  private fileStartsWithOrphan(path: string): boolean {
    // An included fragment that is not itself a document (e.g. outside the root, or a .txt).
    const text = path.startsWith('../') ? this.readAbsCached(this.abs(path)) : this.readRel(path);
    if (text === null) return false;
    return /^(?:\ufeff)?(?:\.\.[^\n]*\n(?:[ \t]+[^\n]*\n|[ \t]*\n)*|[ \t]*\n)*:orphan:/.test(text);
  }

  /** Every `.rst` file under the root (root-relative, POSIX), without parsing anything. */
  listFiles(): string[] {
    const out: string[] = [];
    const walkDir = (dir: string, rel: string): void => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.name.startsWith('.')) continue;
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!rel && DEFAULT_EXCLUDE.has(e.name)) continue;
          if (e.name === 'node_modules') continue;
          walkDir(nodePath.join(dir, e.name), r);
        } else if (e.name.endsWith('.rst') && (e.isFile() || e.isSymbolicLink())) out.push(r);
      }
    };
    walkDir(this.root, '');
    out.sort();
    return out;
  }

  private setFacts(path: string, facts: DocumentFacts): void {
    if (!this.facts.has(path)) {
      this.rank.set(path, this.nextRank++);
      this.documentSetChanged = true;
    }
    this.facts.set(path, facts);
    this.pendingDerive.add(path);
  }

  private deleteFacts(path: string): void {
    if (!this.facts.delete(path)) return;
    this.rank.delete(path);
    this.documentSetChanged = true;
    this.pendingDerive.add(path);
  }

  /**
   * Bring the toctree, include and label maps up to date: only the documents whose facts changed
   * since the last call have their contributions taken out and put in again (and, when documents
   * came or went, those with glob toctree entries), so an edit costs what it changed. Lists keep
   * the order of `facts` (a label's first definition is the one `resolveLabel` answers), so the
   * maps equal those of one pass over every document (`deriveFromScratch`, property-tested).
   */
  private derive(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const todo = new Set(this.pendingDerive);
    this.pendingDerive.clear();
    if (this.documentSetChanged) {
      this.documentSetChanged = false;
      this.globCache.clear();
      for (const p of this.globDocs) todo.add(p);
    }
    for (const p of todo) this.dropDerived(p);
    // put back in facts order: lists then mostly grow at their ends
    const order = [...todo].filter((p) => this.facts.has(p));
    if (order.length > 1) order.sort((a, b) => this.rank.get(a)! - this.rank.get(b)!);
    for (const p of order) this.addDerived(this.facts.get(p)!);
  }

  private dropDerived(path: string): void {
    const old = this.derivedFrom.get(path);
    if (!old) return;
    this.derivedFrom.delete(path);
    this.globDocs.delete(path);
    for (const d of old.parents) {
      const list = this.tocParents.get(d);
      if (!list) continue;
      const i = list.indexOf(path);
      if (i >= 0) list.splice(i, 1);
      if (!list.length) this.tocParents.delete(d);
    }
    for (const inc of old.facts.includes) {
      if (inc.path === null) continue;
      const users = this.includeUsers.get(inc.path);
      users?.delete(path);
      if (users && !users.size) this.includeUsers.delete(inc.path);
    }
    for (const inc of old.included) {
      const n = (this.includedCount.get(inc) ?? 0) - 1;
      if (n > 0) this.includedCount.set(inc, n);
      else this.includedCount.delete(inc);
    }
    for (const l of old.facts.labels) {
      const list = this.labelMap.get(l.name);
      if (!list) continue;
      const i = list.indexOf(l);
      if (i >= 0) list.splice(i, 1);
      if (!list.length) this.labelMap.delete(l.name);
    }
  }

  private addDerived(f: DocumentFacts): void {
    this.derivedDocuments++;
    const r = this.rank.get(f.path)!;
    const rankOf = (p: string): number => this.rank.get(p) ?? -1;
    const parents: string[] = [];
    const named = new Set<string>();
    const addParent = (docname: string): void => {
      if (named.has(docname)) return;
      named.add(docname);
      parents.push(docname);
      const list = this.tocParents.get(docname);
      if (!list) this.tocParents.set(docname, [f.path]);
      else insertByRank(list, f.path, r, rankOf);
    };
    for (const t of f.toctrees) {
      for (const e of t.entries) {
        if (e.kind === 'doc' && e.docname !== null) addParent(e.docname);
        else if (e.kind === 'glob') {
          this.globDocs.add(f.path);
          for (const d of this.globMatches(f.path, e)) addParent(d);
        }
      }
    }
    const included: string[] = [];
    for (const inc of f.includes) {
      if (inc.path === null) continue;
      const users = this.includeUsers.get(inc.path);
      if (users) users.add(f.path);
      else this.includeUsers.set(inc.path, new Set([f.path]));
      if (!inc.inRoot || inc.kind === 'literalinclude') continue;
      included.push(inc.path);
      this.includedCount.set(inc.path, (this.includedCount.get(inc.path) ?? 0) + 1);
    }
    for (const l of f.labels) {
      const list = this.labelMap.get(l.name);
      if (!list) this.labelMap.set(l.name, [l]);
      else insertByRank(list, l, r, (x) => rankOf(x.path));
    }
    this.derivedFrom.set(f.path, { facts: f, parents, included });
  }

  /** The derived maps as one pass over every document computes them (the property test compares
   *  them with the incrementally kept ones): label → definitions, docname → toctree parents,
   *  included paths. */
  deriveFromScratch(): DerivedMaps {
    const parents = new Map<string, string[]>();
    const included = new Set<string>();
    const labels = new Map<string, LabelDef[]>();
    const globs = new Map<string, string[]>();
    const matches = (from: string, e: TocEntry): string[] => {
      if (e.docname === null) return [];
      const key = `${from}\0${e.docname}`;
      let hit = globs.get(key);
      if (!hit) {
        const re = globToRegExp(e.docname);
        const self = stripSuffix(from);
        hit = [...this.facts.keys()].map(stripSuffix).filter((d) => d !== self && re.test(d)).sort();
        globs.set(key, hit);
      }
      return hit;
    };
    const addParent = (docname: string, parent: string): void => {
      const list = parents.get(docname);
      if (!list) parents.set(docname, [parent]);
      else if (!list.includes(parent)) list.push(parent);
    };
    for (const f of this.facts.values()) {
      for (const t of f.toctrees) {
        for (const e of t.entries) {
          if (e.kind === 'doc' && e.docname !== null) addParent(e.docname, f.path);
          else if (e.kind === 'glob') for (const d of matches(f.path, e)) addParent(d, f.path);
        }
      }
      for (const inc of f.includes) if (inc.path !== null && inc.inRoot && inc.kind !== 'literalinclude') included.add(inc.path);
      for (const l of f.labels) {
        const list = labels.get(l.name);
        if (list) list.push(l);
        else labels.set(l.name, [l]);
      }
    }
    return { labels, parents, included, includers: this.scanIncluders() };
  }

  /** Included path → sorted documents including it, by a scan of every document's facts. */
  private scanIncluders(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const f of this.facts.values()) {
      for (const i of f.includes) {
        if (i.path === null || i.path === f.path) continue;
        const list = out.get(i.path);
        if (!list) out.set(i.path, [f.path]);
        else if (!list.includes(f.path)) list.push(f.path);
      }
    }
    for (const list of out.values()) list.sort();
    return out;
  }

  /** The incrementally kept maps, in the shape `deriveFromScratch` gives (tests). */
  derivedMaps(): DerivedMaps {
    this.derive();
    const includers = new Map<string, string[]>();
    for (const p of this.includeUsers.keys()) {
      const list = this.includers(p);
      if (list.length) includers.set(p, list);
    }
    return { labels: this.labelMap, parents: this.tocParents, included: new Set(this.includedCount.keys()), includers };
  }
}

export interface DerivedMaps {
  labels: ReadonlyMap<string, LabelDef[]>;
  parents: ReadonlyMap<string, string[]>;
  included: ReadonlySet<string>;
  /** Path → the documents that include it (sorted). */
  includers: ReadonlyMap<string, string[]>;
}

/** Insert `item` into `list` (ordered by rank) after every item of rank ≤ `r`: scanning from the
 *  end, since documents are mostly added in order. */
function insertByRank<T>(list: T[], item: T, r: number, rankOf: (x: T) => number): void {
  let i = list.length;
  while (i > 0 && rankOf(list[i - 1]!) > r) i--;
  list.splice(i, 0, item);
}

export function toPosix(p: string): string {
  // called on every index lookup: nothing to do where the separator is already '/'
  return nodePath.sep === '/' ? p : p.split(nodePath.sep).join('/');
}

/** Where a docs root sits in a kernel tree: `<tree>/Documentation[/sub]` → prefix and tree. The
 *  embedded `docs-src` of this project is the 6.12 `Documentation/filesystems`. */
export function detectKernelLayout(root: string): { prefix: string | undefined; tree: string | null } {
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    /* keep as is */
  }
  const parts = real.split(nodePath.sep);
  const i = parts.lastIndexOf('Documentation');
  if (i >= 0) {
    const rest = parts.slice(i + 1).filter(Boolean);
    const prefix = ['Documentation', ...rest].join('/') + '/';
    const tree = parts.slice(0, i).join(nodePath.sep) || nodePath.sep;
    // a kernel tree has more than Documentation/ (the shared corpus has only Documentation/)
    let isTree = false;
    try {
      isTree = statSync(nodePath.join(tree, 'MAINTAINERS')).isFile() || statSync(nodePath.join(tree, 'Makefile')).isFile();
    } catch {
      isTree = false;
    }
    return { prefix, tree: isTree ? tree : null };
  }
  if (nodePath.basename(real) === 'docs-src') return { prefix: 'Documentation/filesystems/', tree: null };
  return { prefix: undefined, tree: null };
}

export type { RstNode };
