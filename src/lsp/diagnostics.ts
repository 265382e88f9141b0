/**
 * Pushed diagnostics: the CLI's lint (same rules, options, severities, messages and ranges) run one
 * document at a time against the live index, kept whole-tree correct.
 *
 * Every document is linted once after the index is built (findings replayed from the CLI's
 * findings cache when warm). While a document is linted its rules see the index through an
 * IndexRecorder (src/lint/findings-cache.ts), which notes every question they ask (resolve label
 * `x`, is `y` in a toctree, does `z` exist) with a hash of the answer. When an edit changes how
 * documents relate (labels, toctrees, includes, :orphan:, files appearing or going), the recorded
 * questions are asked again and exactly the documents whose answers changed are linted again and
 * re-published — open or not. An edit that leaves the document's facts as they were (most
 * keystrokes) re-lints that document only.
 *
 * Scheduling: edits mark documents dirty; the work runs on the next turn of the event loop, and
 * not while edits already read from the transport wait to be handled, so a burst of didChange
 * messages costs one parse however slow the document (a 10 MB buffer). Open documents go first;
 * other documents are linted in slices of a few milliseconds with the event loop running between
 * them; a slice stops when an edit arrives, and results an edit made stale are not published.
 * Other documents an edit of an open one affects wait for a pause in the edits (BACKGROUND_DELAY_MS).
 */
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as nodePath from 'node:path';
import type { Connection, Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from './protocol.js';
import { lintIndex, type LintFinding } from '../lint/engine.js';
import type { PreviousLint } from '../lint/reuse.js';
import { paragraphEditOf } from '../rst/incremental.js';
import { FindingsCache, IndexRecorder, type RuleFindings } from '../lint/findings-cache.js';
import type { DocumentFacts } from '../project/index.js';
import type { ParsedDocument } from '../rst/parse.js';
import { Dependencies, diffFacts, type FactsChange } from './dependencies.js';
import { packageRoot } from '../lint/api.js';
import type { Workspace } from './workspace.js';

export interface DiagnosticsOptions {
  cache: boolean;
  cacheDir?: string;
  /** Milliseconds of background linting per slice before the event loop gets a turn. */
  sliceMs?: number;
  /** Edits received but not handled yet: nothing is linted while there are some (the handling
   *  of the last one schedules the lint). */
  pendingEdits?: () => number;
  /** Run a full garbage collection once the first whole-tree pass is done (default true). */
  collectGarbage?: boolean;
}

let gcFn: (() => void) | undefined | null;

/** A full garbage collection (V8's `gc`, exposed for this process on first use). */
function fullGc(): void {
  if (gcFn === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
}

/** What the server publishes for a finding: the LSP diagnostic plus the finding for code actions. */
export interface Published {
  version: number | undefined;
  findings: LintFinding[];
}

export interface DiagnosticsStats {
  /** Documents linted (each a run of every rule over one tree). */
  linted: number;
  /** Documents whose findings came from the persistent findings cache. */
  replayed: number;
  /** Recorded questions asked again after an edit that changed how documents relate. */
  reasked: number;
  /** Open documents linted on the provisional index (from the facts cache, before the build). */
  early: number;
  /** publishDiagnostics notifications sent. */
  published: number;
  /** Rule runs replaced by the findings of the previous text, moved (src/lint/reuse.ts). */
  reusedRules: number;
  /** Results dropped because an edit made them stale before they were published. */
  dropped: number;
}

/** Pause in the edits of open documents after which the documents they affect are re-checked. */
const BACKGROUND_DELAY_MS = 40;

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export class Diagnostics {
  readonly stats: DiagnosticsStats = { early: 0, linted: 0, replayed: 0, reasked: 0, published: 0, dropped: 0, reusedRules: 0 };
  /** Per open document: its last lint's findings per rule, which an edit inside one paragraph may
   *  keep (src/lint/reuse.ts). */
  private readonly lastRuns = new Map<string, Omit<PreviousLint, 'edit'>>();
  private readonly published = new Map<string, Published>();
  /** CPU milliseconds (this process, all threads) spent when the first diagnostics were sent. */
  firstPublishCpuMs: number | undefined;
  /** The questions each document's findings rely on. */
  readonly deps = new Dependencies();
  /** Per document: its facts as last seen (the index makes new facts objects on every update). */
  private readonly lastFacts = new Map<string, DocumentFacts | undefined>();
  /** Documents to lint: open ones (front) and the others. */
  private readonly dirtyOpen = new Set<string>();
  private readonly dirtyOther = new Set<string>();
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  /** Re-checks of other documents after an edit wait for a pause in the typing (see work). */
  private backgroundTimer: NodeJS.Timeout | undefined;
  private earlyTimer: NodeJS.Immediate | undefined;
  private textsDropped = false;
  private factsSaved = false;
  private factsSave: NodeJS.Immediate | undefined;
  /** Open documents published from the provisional index (see scheduleEarly). */
  private readonly early = new Set<string>();
  private started = false;
  private disposed = false;
  /** Since when edits have been waiting to be handled. */
  private pendingSince: number | undefined;
  /** Paths whose text changed in the index since the relation check last ran. */
  private readonly changedPaths = new Set<string>();
  /** Facts changes whose effect on other documents is not worked out yet (checkRelations). */
  private pendingDiffs: FactsChange[] = [];
  /** Opened when the whole-tree lint starts (reading it is not on the way to the first
   *  diagnostics of an opened document, which never replay). */
  private persistent: FindingsCache | undefined;
  private persistentSaved = false;
  private readonly readmes = new Map<string, string>();
  /** Resolvers waiting for the queue to drain (tests, the benchmark). */
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly ws: Workspace,
    private readonly options: DiagnosticsOptions,
  ) {
    ws.deferFactsSave = true;
    ws.onProvisional(() => this.scheduleEarly());
    ws.onDidChangeIndex((paths) => {
      for (const p of paths) this.changedPaths.add(p);
      if (this.started) this.schedule(0);
    });
  }

  /** The index is complete: lint every document (open ones first) and publish. */
  start(): void {
    this.started = true;
    if (this.options.cache && !this.persistent) this.persistent = new FindingsCache(this.ws.root, this.ws.config, this.options.cacheDir);
    for (const p of this.ws.index.documents()) this.lastFacts.set(p, this.ws.index.getFacts(p));
    for (const p of this.ws.openPaths()) this.dirtyOpen.add(p);
    for (const p of this.ws.index.documents()) if (!this.dirtyOpen.has(p)) this.dirtyOther.add(p);
    this.schedule(0);
  }

  /** An open document changed (or was opened). */
  edited(path: string): void {
    this.dirtyOpen.add(path);
    if (!this.started) {
      if (this.ws.isProvisional) this.scheduleEarly();
      return;
    }
    this.schedule(0);
  }

  /**
   * Before the index is complete but once it holds every document's facts as the facts cache
   * last saw them (`ws.isProvisional`): lint the open documents against that index and publish,
   * so an editor started on a warm cache shows diagnostics without waiting for every file to be
   * read and hashed. The build then verifies the cache, and `start` lints the open documents
   * again on the complete index (the editor then gets a new publication for the same version
   * only if a file changed on disk since the cache was written).
   */
  private scheduleEarly(): void {
    if (this.earlyTimer || this.disposed) return;
    this.earlyTimer = setImmediate(() => {
      this.earlyTimer = undefined;
      if (this.started || this.disposed || !this.ws.isProvisional) return;
      for (const p of this.ws.openPaths()) {
        if (this.early.has(p)) continue;
        const uri = this.ws.uriOf(p);
        const open = this.ws.document(uri);
        if (!open || !this.ws.index.has(p) || this.ws.config.isIgnored(p)) continue;
        try {
          this.ws.parsed(uri);
          const status = this.ws.changeStatus(p);
          const run = lintIndex(this.ws.index, this.ws.config, { paths: [p], ...(status ? { changed: new Map([[p, status]]) } : {}) });
          this.early.add(p);
          this.stats.early++;
          this.publish(p, run.files[0]?.findings ?? [], open.version);
        } catch (err) {
          this.connection.console.error(`kdocs: diagnostics failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        }
      }
    });
  }

  /** The config changed: every document is linted again with the new rules and options. */
  configChanged(): void {
    if (!this.started) return;
    // the persistent cache belongs to the configuration it was opened with: no more replays
    this.persistentSaved = true;
    this.deps.clear();
    for (const p of this.ws.openPaths()) this.dirtyOpen.add(p);
    for (const p of this.ws.index.documents()) if (!this.dirtyOpen.has(p)) this.dirtyOther.add(p);
    // documents that disappeared from the lint (now ignored) lose their diagnostics
    for (const p of this.published.keys()) if (!this.dirtyOpen.has(p)) this.dirtyOther.add(p);
    this.schedule(0);
  }

  /** The findings of a document's current text (code actions use them): linted now if an edit
   *  is pending. */
  findingsOf(path: string): LintFinding[] {
    if (this.started && this.ws.isReady) {
      this.ws.sync(path);
      this.checkRelations();
      if (this.dirtyOpen.has(path) || this.dirtyOther.has(path)) {
        this.dirtyOpen.delete(path);
        this.dirtyOther.delete(path);
        this.lintOne(path);
      }
      if (this.dirtyOpen.size || this.dirtyOther.size) this.schedule(0);
    }
    return this.published.get(path)?.findings ?? [];
  }

  /** Resolves once nothing is left to lint. */
  idle(): Promise<void> {
    if (this.started && !this.timer && !this.dirtyOpen.size && !this.dirtyOther.size && !this.changedPaths.size && !this.pendingDiffs.length) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  dispose(): void {
    this.disposed = true;
    if (this.factsSave) {
      clearImmediate(this.factsSave);
      this.factsSave = undefined;
      this.ws.saveFactsCache();
    }
    if (this.earlyTimer) clearImmediate(this.earlyTimer);
    this.earlyTimer = undefined;
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
    }
    this.timer = undefined;
    if (this.backgroundTimer) clearTimeout(this.backgroundTimer);
    this.backgroundTimer = undefined;
    this.saveCache();
  }

  private schedule(delayMs: number): void {
    if (this.disposed || this.timer) return;
    const run = (): void => {
      this.timer = undefined;
      try {
        this.work();
      } catch (err) {
        this.connection.console.error(`kdocs: diagnostics failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    };
    // On the next turn of the event loop; edits already read and not handled yet make `work`
    // wait for them (see pendingEdits), so a burst costs one lint.
    this.timer = delayMs > 0 ? setTimeout(run, Math.min(delayMs, 1000)) : setImmediate(run);
  }

  /** One turn: sync open buffers, handle relation changes, lint open documents, then a slice of
   *  the others. */
  private work(): void {
    if (this.disposed) return;
    if ((this.options.pendingEdits?.() ?? 0) > 0) {
      // their handling schedules the lint; the timer only guards against a count gone wrong
      this.pendingSince ??= performance.now();
      if (performance.now() - this.pendingSince < 2000) {
        this.schedule(50);
        return;
      }
    }
    this.pendingSince = undefined;
    this.ws.syncAll();
    // (the re-check an edited document's lint put off: what it finds waits for a pause in typing)
    const flushing = this.pendingDiffs.length > 0 && !this.dirtyOpen.size;
    // an edited open document is linted and published first; which other documents its edit
    // affects (re-asking their recorded questions) is worked out on the next turn, after the
    // publication is written (vscode-jsonrpc writes from setImmediate)
    this.checkRelations(this.dirtyOpen.size > 0);
    const open = [...this.dirtyOpen];
    this.dirtyOpen.clear();
    for (const p of open) this.lintOne(p);
    if (!this.factsSaved && this.ws.isReady) {
      this.factsSaved = true;
      // on a later turn: the diagnostics just published are written to the client on the next
      // one (vscode-jsonrpc writes from setImmediate), and 11 MB of JSON must not hold them up
      this.factsSave = setImmediate(() => {
        this.factsSave = undefined;
        this.ws.saveFactsCache();
      });
    }
    const deadline = performance.now() + (this.options.sliceMs ?? 15);
    const gen = this.ws.index.generation;
    // after an edit's lint the other documents wait (below): the editor gets its diagnostics
    // before documents that depend on the edited one are re-checked
    const typing = open.length > 0 || flushing;
    const others = typing ? [] : this.dirtyOther;
    for (const p of others) {
      if (performance.now() > deadline) break;
      // an edit arrived while this slice ran: stop, re-check relations first
      if (this.ws.index.generation !== gen) break;
      this.dirtyOther.delete(p);
      this.lintOne(p);
    }
    if (this.dirtyOpen.size || this.changedPaths.size || this.pendingDiffs.length) this.schedule(0);
    else if (this.dirtyOther.size && typing) {
      // documents an edit affects elsewhere (a label moved, a :ref: now broken) are re-checked
      // once the typing pauses: each keystroke's diagnostics do not wait for them, and a burst of
      // keystrokes re-checks them once
      if (this.backgroundTimer) clearTimeout(this.backgroundTimer);
      this.backgroundTimer = setTimeout(() => {
        this.backgroundTimer = undefined;
        this.schedule(0);
      }, BACKGROUND_DELAY_MS);
    } else if (this.dirtyOther.size) this.schedule(0);
    else {
      this.saveCache();
      // every document linted once: their texts need not stay in memory
      if (!this.textsDropped && this.ws.isReady) {
        this.textsDropped = true;
        this.ws.index.dropTexts();
        // the whole-tree pass parsed every document once: a full collection now hands the heap
        // it grew to back (6.12, cold: 433 → 359 MB RSS), once, instead of whenever V8 gets to it
        if (this.options.collectGarbage ?? true) fullGc();
      }
      const w = this.idleWaiters;
      this.idleWaiters = [];
      for (const r of w) r();
    }
  }

  /** Documents whose text changed in the index: lint them; when their facts changed (or a file
   *  appeared or went), lint the documents whose recorded answers changed (`defer`: on a later
   *  call, the changes kept until then). */
  private checkRelations(defer = false): void {
    const index = this.ws.index;
    if (!this.changedPaths.size) {
      if (!defer && this.pendingDiffs.length) this.askAgain(index);
      return;
    }
    const changed = new Set<string>();
    for (const p of this.changedPaths) {
      changed.add(p);
      // the index re-parsed the documents that include it
      for (const q of index.includers(p)) changed.add(q);
    }
    this.changedPaths.clear();
    const diffs: FactsChange[] = [];
    for (const p of changed) {
      const facts = index.getFacts(p);
      if (facts) this.markDirty(p);
      else if (this.published.has(p)) this.dirtyOther.add(p); // deleted: clear its diagnostics
      const isDoc = p.endsWith('.rst');
      const d = diffFacts(p, this.lastFacts.get(p), facts, isDoc);
      if (isDoc) this.lastFacts.set(p, facts);
      diffs.push(d);
    }
    this.pendingDiffs.push(...diffs);
    if (!defer) this.askAgain(index);
  }

  /** The documents whose recorded answers the facts changes since the last call changed: dirty. */
  private askAgain(index: typeof this.ws.index): void {
    const diffs = this.pendingDiffs;
    this.pendingDiffs = [];
    for (const d of this.deps.affected(index, diffs)) this.markDirty(d);
    this.stats.reasked = this.deps.reasked;
  }

  private markDirty(path: string): void {
    if (this.ws.isOpen(this.ws.uriOf(path))) this.dirtyOpen.add(path);
    else this.dirtyOther.add(path);
  }

  private lintOne(path: string): void {
    const ws = this.ws;
    const index = ws.index;
    const uri = ws.uriOf(path);
    const open = ws.document(uri);
    if (!index.has(path) || ws.config.isIgnored(path)) {
      this.deps.forget(path);
      if (this.published.has(path) || open) this.publish(path, [], open?.version);
      return;
    }
    const status = ws.changeStatus(path);
    let recorded: Map<string, string> | undefined;
    let replayed: [string, string][] | undefined;
    const persistent = this.persistent;
    const capture = {
      lookup: (p: string, key: string, idx: typeof index, ruleIds: readonly string[]): RuleFindings | undefined => {
        // the persistent cache holds the findings of documents as saved on disk
        if (!persistent || open || this.persistentSaved) return undefined;
        const hit = persistent.lookup(p, key, idx, ruleIds);
        if (hit) replayed = persistent.questionsOf(p);
        return hit;
      },
      store: (p: string, key: string, recorder: IndexRecorder, found: RuleFindings): void => {
        recorded = recorder.asked;
        if (persistent && !open && recorder.cacheable) persistent.store(p, key, recorder, found);
      },
    };
    // an edit inside one paragraph since the last lint: rules that cannot see it keep their findings
    let previous: Map<string, PreviousLint> | undefined;
    const last = open ? this.lastRuns.get(path) : undefined;
    if (last) {
      const current = index.loaded(path);
      const edit = current ? paragraphEditOf(current) : undefined;
      if (edit && edit.before === last.doc) previous = new Map([[path, { ...last, edit }]]);
    }
    if (!open) this.lastRuns.delete(path);
    const config = ws.config;
    const run = lintIndex(index, config, {
      paths: [path],
      findingsCache: capture,
      ...(status ? { changed: new Map([[path, status]]) } : {}),
      ...(previous ? { previous } : {}),
      ...(open ? { onRuleFindings: (p: string, doc: ParsedDocument, found: RuleFindings, usedIndex: ReadonlySet<string>) => this.lastRuns.set(p, { doc, found, usedIndex, config, changed: status }) } : {}),
    });
    this.stats.reusedRules += run.reused ?? 0;
    if (!open) index.release(path);
    if (replayed) {
      this.stats.replayed++;
      recorded = new Map(replayed);
    } else this.stats.linted++;
    this.deps.record(path, recorded ?? new Map());
    if (!this.lastFacts.has(path)) this.lastFacts.set(path, index.getFacts(path));
    const findings = run.files[0]?.findings ?? [];
    // an open document edited since this lint began is linted again; never publish stale results
    const now = ws.document(uri);
    if (open && now && now.version !== open.version) {
      this.stats.dropped++;
      this.dirtyOpen.add(path);
      return;
    }
    const prev = this.published.get(path);
    if (!open && prev && sameFindings(prev.findings, findings)) return;
    if (!open && !prev && !findings.length) return;
    this.publish(path, findings, open?.version);
  }

  private publish(path: string, findings: LintFinding[], version: number | undefined): void {
    // the process's CPU time up to its first publication (what the start-up benchmark reads)
    if (this.stats.published === 0) this.firstPublishCpuMs = Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000);
    const uri = this.ws.uriOf(path);
    if (findings.length === 0 && version === undefined) this.published.delete(path);
    else this.published.set(path, { version, findings });
    const diagnostics = findings.map((f) => this.toDiagnostic(uri, f));
    this.stats.published++;
    void this.connection.sendDiagnostics(version !== undefined ? { uri, version, diagnostics } : { uri, diagnostics });
  }

  toDiagnostic(uri: string, f: LintFinding): Diagnostic {
    const range = f.wholeDocument ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : this.ws.toRange(uri, f.place);
    const d: Diagnostic = {
      range,
      severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
      code: f.ruleId,
      source: 'kdocs',
      message: f.message,
    };
    const href = this.readme(f.ruleId);
    if (href) d.codeDescription = { href };
    if (f.related?.length) {
      const rel: DiagnosticRelatedInformation[] = [];
      for (const r of f.related) {
        const ruri = r.file !== undefined ? this.ws.uriOf(r.file) : uri;
        rel.push({ location: { uri: ruri, range: this.ws.toRange(ruri, r.place) }, message: r.message });
      }
      d.relatedInformation = rel;
    }
    return d;
  }

  private readme(ruleId: string): string | undefined {
    let href = this.readmes.get(ruleId);
    if (href === undefined) {
      const rule = this.ws.rules.find((r) => r.meta.id === ruleId);
      href = rule ? pathToFileURL(nodePath.join(packageRoot(), 'rules', ruleId, 'README.md')).href : '';
      this.readmes.set(ruleId, href);
    }
    return href || undefined;
  }

  private saveCache(): void {
    if (!this.persistent) return;
    // saved once, after the first whole-tree pass; later lints see unsaved buffers
    if (!this.persistentSaved) {
      this.persistent.retainOnly(this.ws.index.documents());
      this.persistent.save();
      this.persistentSaved = true;
    }
  }
}

function sameFindings(a: readonly LintFinding[], b: readonly LintFinding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.ruleId !== y.ruleId || x.message !== y.message || x.severity !== y.severity || x.place.start.offset !== y.place.start.offset || x.place.end.offset !== y.place.end.offset) return false;
  }
  return true;
}
