/**
 * The language server's view of one docs root: its config, the live project index, and the
 * documents the editor has open (whose unsaved text wins over the disk).
 *
 * API for the server and the navigation features (src/lsp/features/**):
 *
 *   ws.root                    absolute docs root (the `Documentation/` in or above the workspace
 *                              folder, else kdocs.config.json's directory, else docs-src)
 *   ws.config                  the ResolvedConfig the CLI would use (kdocs.config.json + client
 *                              settings); replaced when the file or the settings change
 *   ws.rules                   every lint rule (loaded once)
 *   ws.index                   the live ProjectIndex; complete once `ws.ready` resolved (before
 *                              that it holds the documents indexed so far)
 *   ws.ready                   resolves when the background build is done
 *   ws.isReady                 true once it has
 *   ws.profile                 kernel profile for mm API facts (`settings.profile`, default 7.1)
 *   ws.pathOf(uri)             root-relative POSIX path (`filesystems/vfs.rst`), or undefined for a
 *                              URI outside the root / not a file URI
 *   ws.uriOf(path)             file URI of a root-relative path (an open document's own URI
 *                              spelling is kept)
 *   ws.docnameOf(uri)          Sphinx docname (`filesystems/vfs`), undefined outside the root
 *   ws.uriOfDocname(docname)   file URI of `docname.rst`
 *   ws.document(uri)           the open TextDocument (LSP positions ↔ offsets), or undefined
 *   ws.isOpen(uri), ws.openUris()
 *   ws.text(uri)               current text: the open buffer, else the index's overlay, else disk
 *   ws.textDocument(uri)       a TextDocument for any document (the open one, or one made from
 *                              the current text) — for position ↔ offset on unopened files
 *   ws.parsed(uri)             the document's current ParsedDocument. Parses only when its text
 *                              changed since the last parse (the index keeps the tree); undefined
 *                              for non-rst files and URIs outside the root
 *   ws.toRange(uri, pos)       an rst Position (offsets) → LSP Range
 *   ws.onDidChangeIndex(fn)    called with the root-relative paths whose text changed in the
 *                              index (edits, saves, watched-file events), after the update
 *
 * Offsets in rst positions are UTF-16 indices into the document's text, as LSP's `character`
 * is, so `textDocument(uri).positionAt(offset)` is exact.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver/node';
import { loadDefaultParser, ProjectIndex, toPosix, type CollectedFacts, type ParseFn, type ReparseFn, type TextEdit } from '../project/index.js';
import { claim, type BuildWorkerData } from './build-worker.js';
import { collectFactsShared } from '../lint/facts.js';
import { FactsCache } from '../project/cache.js';
import type { ParsedDocument } from '../rst/parse.js';
import type { Position as RstPosition } from '../rst/nodes.js';
import { ConfigError, findConfig, loadConfigFile, resolveConfig, validateConfig, CONFIG_FILE, type ConfigFile, type ResolvedConfig } from '../lint/config.js';
import type { Rule } from '../lint/types.js';
import { packageRoot } from '../lint/api.js';
import { DEFAULT_PROFILE } from '../model/surface/index.js';

export interface WorkspaceOptions {
  /** Docs root (absolute or relative to cwd). */
  root: string;
  rules: readonly Rule[];
  /** Use the persistent facts cache (default true). */
  cache?: boolean;
  /** Cache directory (default ~/.cache/kdocs). */
  cacheDir?: string;
  /** Parser (tests may count parses); `Workspace.create` loads the project's. */
  parse: ParseFn;
  /** Re-parse of an edited document from its previous tree (src/rst/incremental.ts);
   *  `Workspace.create` loads the project's along with its parser. */
  reparse?: ReparseFn;
  /** Settings from the client (`workspace/didChangeConfiguration`'s `kdocs` section): a config
   *  object laid over kdocs.config.json. */
  clientConfig?: ConfigFile;
}

export interface BuildProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  done(): void;
}

/** Documents per slice of the background build (the event loop runs between slices). */
const BUILD_SLICE = 64;
/** Documents this thread claims at a time when a worker thread parses too. */
const CLAIM_BATCH = 16;

/**
 * The docs root for a workspace folder: the `Documentation/` in it or above it, else the directory
 * of the nearest kdocs.config.json (in or above it), else its docs-src/ (this project's layout),
 * else the folder itself.
 */
export function findDocsRoot(folder: string): string {
  const abs = nodePath.resolve(folder);
  const inside = nodePath.join(abs, 'Documentation');
  if (isDir(inside)) return inside;
  const parts = abs.split(nodePath.sep);
  const i = parts.lastIndexOf('Documentation');
  if (i > 0) return parts.slice(0, i + 1).join(nodePath.sep) || nodePath.sep;
  const config = findConfig(abs);
  if (config) return nodePath.dirname(config);
  const docsSrc = nodePath.join(abs, 'docs-src');
  if (isDir(docsSrc)) return docsSrc;
  return abs;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export class Workspace {
  readonly root: string;
  readonly rules: readonly Rule[];
  config: ResolvedConfig;
  /** Problems of the config file (shown to the user); the defaults are used meanwhile. */
  configErrors: string[] = [];
  configFile: string | undefined;
  index: ProjectIndex;
  readonly ready: Promise<void>;
  isReady = false;
  /** The index holds the facts cache's (unverified) facts of every cached document while the
   *  build verifies them: answers may be stale for documents changed since the cache was saved. */
  isProvisional = false;
  private readonly provisionalListeners: (() => void)[] = [];
  /** Fewest documents for which a cold build parses in a second thread. */
  parallelMin = 256;
  /** Threads a cold build parses in: 2 where the machine has a second core that is idle, else 1
   *  (on a busy machine the worker only competes with this thread, and pays its own start and JIT
   *  warm-up: 6.12 cold at load 9, 12.8 s CPU with it against 10.2 s without, 2026-12-05).
   *  Undefined: decided when the build starts, from how idle the machine's cores were since this
   *  workspace was made (KDOCS_BUILD_THREADS=1|2 forces it, for benchmarks). */
  buildThreads: number | undefined = Number(process.env.KDOCS_BUILD_THREADS) || undefined;
  private readonly idleSince = idleSample();
  /** Documents this thread parsed (or took from the cache) in the first build, and the ones a
   *  worker thread parsed. */
  readonly stats = { ownFacts: 0, workerFacts: 0 };
  /** Let the worker thread start claiming before this one does (tests: a small tree is otherwise
   *  all parsed here before the worker has loaded the parser). */
  waitForWorker = false;
  /** Root-relative paths git does not have in HEAD (untracked or added): linted as new documents.
   *  Undefined when the root is not in a git work tree. */
  private added: Set<string> | undefined;
  private headFiles: Set<string> | undefined;
  /** Open documents: the buffer, the version the index has, and (while it is one) the change
   *  since that version, in offsets of the indexed text (null: several, or a full replacement). */
  private readonly open = new Map<string, { uri: string; doc: TextDocument; indexed: number; edit?: TextEdit | null }>();
  private readonly listeners: ((paths: string[]) => void)[] = [];
  private clientConfig: ConfigFile | undefined;
  private readonly factsCache: FactsCache | undefined;
  private resolveReady!: () => void;
  private rejectReady!: (err: unknown) => void;

  constructor(options: WorkspaceOptions) {
    this.root = nodePath.resolve(options.root);
    this.rules = options.rules;
    this.clientConfig = options.clientConfig;
    this.config = resolveConfig(this.rules, {});
    this.reloadConfig();
    this.factsCache = options.cache === false ? undefined : new FactsCache(this.root, options.cacheDir);
    this.index = new ProjectIndex(this.root, options.parse, {
      ...(this.factsCache ? { cache: this.factsCache } : {}),
      ...(options.reparse ? { reparse: options.reparse } : {}),
      // an edited document is linted right after: its facts and the rules' come from one walk
      collect: collectFactsShared,
    });
    this.ready = new Promise((res, rej) => {
      this.resolveReady = res;
      this.rejectReady = rej;
    });
    // a failed build is reported by whoever awaits it; never an unhandled rejection
    this.ready.catch(() => undefined);
    this.loadGitState();
  }

  /** A workspace with the project's parser. */
  static async create(options: Omit<WorkspaceOptions, 'parse'> & { parse?: ParseFn }): Promise<Workspace> {
    if (options.parse) return new Workspace({ ...options, parse: options.parse });
    const parse = await loadDefaultParser();
    const reparse = options.reparse ?? (await import('../rst/incremental.js')).reparseEdit;
    return new Workspace({ ...options, parse, reparse: (prev, text, edit) => reparse(prev, text, edit) });
  }

  /** Build the index in slices, yielding to the event loop between them. */
  async build(progress?: BuildProgress): Promise<void> {
    try {
      const files = this.index.listFiles();
      progress?.begin(files.length);
      // every document's facts as the cache last saw them, unverified: enough to lint an opened
      // document now; the slices below verify each against its text (and parse what changed)
      const preloaded = this.factsCache ? this.index.preload(files) : 0;
      if (preloaded > 0) {
        this.isProvisional = true;
        for (const l of this.provisionalListeners) l();
        await new Promise((r) => setImmediate(r));
      }
      // the cached sections and refs (outlines, references), which the first lint did not need
      this.factsCache?.complete();
      // cold: a worker thread parses from the back of the list while this thread parses from the
      // front, until they meet (src/lsp/build-worker.ts)
      const parallel = preloaded < files.length / 2 && files.length >= this.parallelMin && (this.buildThreads ?? this.idleThreads()) > 1;
      const claims = parallel ? new Int32Array(new SharedArrayBuffer(4 * files.length)) : undefined;
      const other = claims ? parseInWorker(this.index, files, claims) : undefined;
      let collected: ReadonlyMap<string, CollectedFacts> | undefined;
      if (other && this.waitForWorker) await other.started;
      let next = 0;
      while (next < files.length) {
        // a few documents claimed at a time: where the two threads meet, the one that finishes
        // first waits for at most that many of the other's
        let taken = 0;
        while (taken < BUILD_SLICE && next < files.length) {
          const own: string[] = [];
          // alone, a slice is one build call (each ends with a derive of the maps, whose glob
          // toctree entries are matched again whenever documents were added)
          const batch = claims ? CLAIM_BATCH : BUILD_SLICE;
          while (own.length < batch && next < files.length && (!claims || claim(claims, next, 1))) own.push(files[next++]!);
          // trees are dropped once their facts are in: the index holds facts, not 3,500 trees
          if (own.length) this.index.build(own, () => true);
          taken += own.length;
          if (own.length < batch) break;
        }
        this.stats.ownFacts += taken;
        progress?.report(next, files.length);
        await new Promise((r) => setImmediate(r));
        if (taken < BUILD_SLICE) break;
      }
      // the rest was claimed by the worker: its facts (a document it did not deliver is parsed here)
      if (next < files.length) collected = await other?.facts;
      for (let i = next; i < files.length; i += BUILD_SLICE) {
        this.index.build(files.slice(i, Math.min(files.length, i + BUILD_SLICE)), () => true, collected);
        progress?.report(Math.min(files.length, i + BUILD_SLICE), files.length);
        await new Promise((r) => setImmediate(r));
      }
      this.stats.workerFacts = collected?.size ?? 0;
      // the facts cache is written by saveFactsCache (after the open documents' first lint: writing
      // 11 MB of JSON is not on the way to their diagnostics); a build nobody lints saves it here
      if (!this.deferFactsSave) this.factsCache?.save();
      this.index.settleOrder(files);
      // open buffers win over what the build read from disk
      const changed: string[] = [];
      for (const [path, o] of this.open) {
        if (!path.endsWith('.rst') && !this.index.has(path)) continue;
        this.index.update(path, o.doc.getText());
        o.indexed = o.doc.version;
        o.edit = undefined;
        changed.push(path);
      }
      this.isReady = true;
      this.isProvisional = false;
      progress?.done();
      this.resolveReady();
      if (changed.length) this.emit(changed);
    } catch (err) {
      progress?.done();
      this.rejectReady(err);
    }
  }

  /** 2 when at least 3/4 of a core stayed idle since the workspace was made (this thread was busy
   *  loading meanwhile: on an otherwise idle 2-core machine that is the second core), else 1. */
  private idleThreads(): number {
    if (availableParallelism() < 2) return 1;
    const now = idleSample();
    const ms = now.at - this.idleSince.at;
    // too short a window to tell (a test's workspace): the load average instead
    if (ms < 100) return loadavg()[0] < availableParallelism() - 1 ? 2 : 1;
    return (now.idleMs - this.idleSince.idleMs) / ms >= 0.75 ? 2 : 1;
  }

  get profile(): string {
    const p = this.config.settings.profile;
    return typeof p === 'string' ? p : DEFAULT_PROFILE;
  }

  // ----------------------------------------------------------------------------- config

  /** Read kdocs.config.json again (and lay the client's settings over it). Returns the problems. */
  reloadConfig(): string[] {
    const file = findConfig(this.root);
    this.configFile = file;
    const errors: string[] = [];
    let cfg: ConfigFile = {};
    if (file) {
      try {
        cfg = loadConfigFile(file, this.rules);
      } catch (err) {
        errors.push(err instanceof ConfigError ? err.message : String(err));
      }
    }
    if (this.clientConfig) {
      const problems = validateConfig(this.clientConfig, this.rules, 'client settings (kdocs)');
      if (problems.length) errors.push(...problems);
      else cfg = mergeConfig(cfg, this.clientConfig);
    }
    this.config = resolveConfig(this.rules, cfg, {}, file);
    this.configErrors = errors;
    return errors;
  }

  setClientConfig(config: ConfigFile | undefined): string[] {
    this.clientConfig = config;
    return this.reloadConfig();
  }

  /** Is this root-relative path the config file (or a new one that would be found)? */
  isConfigPath(absolute: string): boolean {
    if (this.configFile && nodePath.resolve(absolute) === nodePath.resolve(this.configFile)) return true;
    return nodePath.basename(absolute) === CONFIG_FILE && (this.root + nodePath.sep).startsWith(nodePath.dirname(nodePath.resolve(absolute)) + nodePath.sep);
  }

  // ----------------------------------------------------------------------------- git

  /** Which documents count as added: not in HEAD (untracked, or added to the index only). */
  loadGitState(): void {
    try {
      const out = execFileSync('git', ['-C', this.root, 'ls-tree', '-r', '--name-only', '--full-tree', 'HEAD'], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
      const top = execFileSync('git', ['-C', this.root, 'rev-parse', '--show-prefix'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      const set = new Set<string>();
      for (const line of out.split('\n')) if (line.startsWith(top)) set.add(line.slice(top.length));
      this.headFiles = set;
    } catch {
      // not a git work tree (or no commit yet): nothing is "new"
      this.headFiles = undefined;
    }
    this.added = undefined;
  }

  /** The status the lint gives a document: 'added' when git's HEAD does not have it. */
  changeStatus(path: string): 'added' | undefined {
    if (!this.headFiles) return undefined;
    return this.headFiles.has(path) ? undefined : 'added';
  }

  /** Every indexed document git's HEAD lacks. */
  addedDocuments(): Set<string> {
    if (!this.headFiles) return new Set();
    if (!this.added) this.added = new Set(this.index.documents().filter((p) => !this.headFiles!.has(p)));
    return this.added;
  }

  // ----------------------------------------------------------------------------- URIs

  pathOf(uri: string): string | undefined {
    let abs: string;
    try {
      abs = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const rel = toPosix(nodePath.relative(this.root, abs));
    if (!rel || rel.startsWith('../') || rel === '..' || nodePath.isAbsolute(rel)) return undefined;
    return rel;
  }

  uriOf(path: string): string {
    return this.open.get(path)?.uri ?? pathToFileURL(nodePath.join(this.root, path)).href;
  }

  docnameOf(uri: string): string | undefined {
    const p = this.pathOf(uri);
    return p === undefined ? undefined : p.replace(/\.rst$/, '');
  }

  uriOfDocname(docname: string): string {
    return this.uriOf(docname + '.rst');
  }

  // ----------------------------------------------------------------------------- documents

  document(uri: string): TextDocument | undefined {
    const p = this.pathOf(uri);
    return p === undefined ? undefined : this.open.get(p)?.doc;
  }

  isOpen(uri: string): boolean {
    return this.document(uri) !== undefined;
  }

  openUris(): string[] {
    return [...this.open.values()].map((o) => o.uri);
  }

  /** Root-relative paths of the open documents. */
  openPaths(): string[] {
    return [...this.open.keys()];
  }

  text(uri: string): string | undefined {
    const p = this.pathOf(uri);
    if (p === undefined) return undefined;
    const o = this.open.get(p);
    if (o) return o.doc.getText();
    return this.index.readRel(p) ?? undefined;
  }

  textDocument(uri: string): TextDocument | undefined {
    const open = this.document(uri);
    if (open) return open;
    const t = this.text(uri);
    return t === undefined ? undefined : TextDocument.create(uri, 'rst', 0, t);
  }

  /** didOpen: returns the root-relative path, or undefined when the document is outside the root. */
  openDocument(uri: string, text: string, version: number, languageId = 'rst'): string | undefined {
    const p = this.pathOf(uri);
    if (p === undefined) return undefined;
    this.open.set(p, { uri, doc: TextDocument.create(uri, languageId, version, text), indexed: -1 });
    return p;
  }

  /** didChange: apply the client's (full or incremental) changes; the index is updated lazily
   *  (`sync`), so a burst of keystrokes costs one parse. */
  changeDocument(uri: string, changes: { range?: Range; text: string }[], version: number): string | undefined {
    const p = this.pathOf(uri);
    if (p === undefined) return undefined;
    const o = this.open.get(p);
    if (!o) return undefined;
    if (o.indexed === o.doc.version && o.edit === undefined && changes.length === 1 && changes[0]!.range) {
      const r = changes[0]!.range;
      o.edit = { start: o.doc.offsetAt(r.start), end: o.doc.offsetAt(r.end), text: changes[0]!.text };
    } else o.edit = null;
    o.doc = TextDocument.update(o.doc, changes as Parameters<typeof TextDocument.update>[1], version);
    return p;
  }

  /** didClose: the disk's text takes over again. */
  closeDocument(uri: string): string | undefined {
    const p = this.pathOf(uri);
    if (p === undefined || !this.open.has(p)) return undefined;
    this.open.delete(p);
    if (this.isReady) {
      const disk = readDisk(this.index.abs(p));
      this.index.update(p, disk);
      this.index.release(p);
      this.emit([p]);
    }
    return p;
  }

  /** Bring the index up to date with an open buffer. True when the index changed. */
  sync(path: string): boolean {
    const o = this.open.get(path);
    if (!o || !this.isReady || o.indexed === o.doc.version) return false;
    const text = o.doc.getText();
    o.indexed = o.doc.version;
    const edit = o.edit ?? undefined;
    o.edit = undefined;
    if (this.index.loaded(path)?.source.raw === text) return false;
    this.index.update(path, text, edit);
    this.added = undefined;
    this.emit([path]);
    return true;
  }

  /** Bring the index up to date with every open buffer; the paths that changed. */
  syncAll(): string[] {
    const out: string[] = [];
    for (const p of this.open.keys()) if (this.sync(p)) out.push(p);
    return out;
  }

  /** A file changed on disk (watched-file event): re-read it unless the editor has it open. */
  diskChanged(absolute: string, deleted: boolean): string | undefined {
    const p = toPosix(nodePath.relative(this.root, absolute));
    if (!p || p.startsWith('../') || nodePath.isAbsolute(p)) return undefined;
    if (this.open.has(p) || !this.isReady) return undefined;
    const text = deleted ? null : readDisk(absolute);
    const known = this.index.has(p) || this.index.fileExists(p);
    if (text === null && !known) return undefined;
    this.index.update(p, text);
    this.index.release(p);
    this.added = undefined;
    this.emit([p]);
    return p;
  }

  parsed(uri: string): ParsedDocument | undefined {
    const p = this.pathOf(uri);
    if (p === undefined || !p.endsWith('.rst')) return undefined;
    if (this.open.has(p) && this.isReady) this.sync(p);
    const o = this.open.get(p);
    if (o && !this.isReady) {
      // before the index is complete: parse the buffer on its own (no cross-document answers)
      const doc = this.index.loaded(p);
      if (doc && doc.source.raw === o.doc.getText()) return doc;
      return this.index.update(p, o.doc.getText());
    }
    return this.index.get(p);
  }

  toRange(uri: string, pos: RstPosition): Range {
    const d = this.textDocument(uri);
    if (!d) return { start: { line: pos.start.line - 1, character: 0 }, end: { line: pos.end.line - 1, character: 0 } };
    return { start: d.positionAt(pos.start.offset), end: d.positionAt(pos.end.offset) };
  }

  /** Set by the diagnostics: they call saveFactsCache once the open documents are linted. */
  deferFactsSave = false;

  /** Write the facts cache if the build changed it. */
  saveFactsCache(): void {
    this.factsCache?.save();
  }

  /** Called once the index holds the facts cache's facts, before the build verifies them. */
  onProvisional(listener: () => void): void {
    this.provisionalListeners.push(listener);
  }

  onDidChangeIndex(listener: (paths: string[]) => void): void {
    this.listeners.push(listener);
  }

  private emit(paths: string[]): void {
    for (const l of this.listeners) {
      try {
        l(paths);
      } catch {
        /* a listener's failure is its own */
      }
    }
  }
}

/** Facts of `files` collected by a worker thread (src/lsp/build-worker.ts); an empty map when the
 *  worker fails (this thread then parses them itself). */
function parseInWorker(index: ProjectIndex, files: string[], claims: Int32Array): { started: Promise<void>; facts: Promise<ReadonlyMap<string, CollectedFacts>> } {
  let started!: () => void;
  const startedP = new Promise<void>((r) => (started = r));
  const facts = new Promise<ReadonlyMap<string, CollectedFacts>>((resolve) => {
    const data: BuildWorkerData = { root: index.root, files, kernelPrefix: index.kernelPrefix, kernelTree: index.kernelTree, claims };
    let worker: Worker;
    try {
      worker = new Worker(new URL('./build-worker.js', import.meta.url), { workerData: data });
    } catch {
      started();
      resolve(new Map());
      return;
    }
    let done = false;
    const finish = (m: Map<string, CollectedFacts>): void => {
      started();
      if (done) return;
      done = true;
      resolve(m);
      void worker.terminate();
    };
    worker.on('message', (msg: { started?: boolean; facts?: [string, CollectedFacts][] }) => {
      if (msg.started) started();
      else finish(new Map(msg.facts ?? []));
    });
    worker.on('error', () => finish(new Map()));
    worker.on('exit', () => finish(new Map()));
  });
  return { started: startedP, facts };
}

/** Idle milliseconds summed over the machine's cores (os.cpus(), from /proc/stat on Linux). */
function idleSample(): { at: number; idleMs: number } {
  let idleMs = 0;
  for (const c of cpus()) idleMs += c.times.idle;
  return { at: Date.now(), idleMs };
}

function readDisk(absolute: string): string | null {
  try {
    return readFileSync(absolute, 'utf8');
  } catch {
    return null;
  }
}

/** Lay `over` on `base`: rule settings and shared settings merged key by key, ignore lists joined. */
export function mergeConfig(base: ConfigFile, over: ConfigFile): ConfigFile {
  const out: ConfigFile = { ...base };
  if (over.rules) out.rules = { ...(base.rules ?? {}), ...over.rules };
  if (over.settings) out.settings = { ...(base.settings ?? {}), ...over.settings };
  if (over.ignore) out.ignore = [...(base.ignore ?? []), ...over.ignore];
  return out;
}

/** The default docs root when the client names no folder. */
export function defaultDocsRoot(): string {
  const cwd = process.cwd();
  const found = findDocsRoot(cwd);
  if (found !== cwd || existsSync(nodePath.join(cwd, 'index.rst'))) return found;
  return nodePath.join(packageRoot(), 'docs-src');
}
