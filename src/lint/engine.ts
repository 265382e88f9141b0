/**
 * The lint engine: runs every enabled rule over documents of a ProjectIndex, applies severities
 * from the config and inline control comments, and applies fixes.
 *
 * Rules are pure (document, index, options) → findings; the engine does the rest.
 */
import type { DocumentFacts, ProjectIndex } from '../project/index.js';
import { collectFactsShared } from './facts.js';
import { applyFixes } from './fix.js';
import { InlineControl } from './control.js';
import type { ResolvedConfig, ResolvedRule } from './config.js';
import type { Finding, Rule, Severity, TextEdit } from './types.js';
import type { ParsedDocument } from '../rst/parse.js';
import { IndexRecorder, type FindingsCache, type RuleFindings } from './findings-cache.js';
import { reusedFindings, type PreviousLint } from './reuse.js';
import { forgetDocument } from './doc-caches.js';

export type ActiveSeverity = Exclude<Severity, 'off'>;

/** A finding with everything a reporter needs. */
export interface LintFinding extends Finding {
  /** Root-relative path of the document. */
  path: string;
  severity: ActiveSeverity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FileReport {
  path: string;
  findings: LintFinding[];
}

export interface LintOptions {
  /** Documents to lint (root-relative); default: every document of the index not ignored. */
  paths?: readonly string[];
  /** Patch mode: status of changed documents, passed to rules as `ctx.changed`. */
  changed?: ReadonlyMap<string, 'added' | 'modified'>;
  /** Called per linted document (progress). */
  onProgress?: (done: number, total: number) => void;
  /** Drop each document's tree once its rules have run (index.release): peak memory stays at
   *  one tree plus the facts. Reporters then need only the source text. */
  release?: boolean;
  /** Drop what the rules cached about a document's tree once they ran, keeping the tree (the
   *  site's render pass renders it next); `release` implies it. */
  forget?: boolean;
  /** lintBuild: sees each document's tree right after it is parsed (before it is released). */
  onParsed?: (path: string, doc: ParsedDocument) => void;
  /** Replay the findings of documents that nothing they depend on changed since the run that
   *  stored them (the CLI's default; `--no-cache` turns it off). */
  findingsCache?: Pick<FindingsCache, 'lookup' | 'store'>;
  /** The language server's edit path (src/lint/reuse.ts): per document, the last lint's findings
   *  and the one-paragraph edit since; rules whose `meta.reuse` says the edit cannot change their
   *  findings take them, moved, instead of running. */
  previous?: ReadonlyMap<string, PreviousLint>;
  /** Called per linted document with each rule's findings and the rules that asked the index
   *  something (what `previous` needs next time). */
  onRuleFindings?: (path: string, doc: ParsedDocument, found: RuleFindings, usedIndex: ReadonlySet<string>) => void;
}

export interface LintRun {
  files: FileReport[];
  /** Milliseconds spent in each rule. */
  ruleMs: Map<string, number>;
  lintMs: number;
  /** Rule runs replaced by findings kept across an edit (`previous`). */
  reused?: number;
}

/** id of findings produced when a rule throws or the parser fails (a bug in kdocs): reported
 *  whatever the config and inline comments say, and `kdocs lint` exits 2. */
export const INTERNAL_RULE = 'internal-error';

/** The parser's own failures (not docutils messages): internal findings, not the docutils rule's. */
const INTERNAL_MESSAGES = new Set(['internal-error', 'internal-parse-error']);

function internalFindings(doc: ParsedDocument): Finding[] {
  const out: Finding[] = [];
  for (const m of doc.messages) {
    if (m.level < 3 || !INTERNAL_MESSAGES.has(m.ruleId)) continue;
    const start = { line: 1, column: 1, offset: 0 };
    const first = m.message.split('\n')[0]!;
    out.push({ ruleId: INTERNAL_RULE, message: `kdocs failed on this document (a bug in kdocs): ${first}`, place: m.position ?? { start, end: start }, ...(m.position ? {} : { wholeDocument: true }) });
  }
  return out;
}

function activeRules(config: ResolvedConfig): ResolvedRule[] {
  return [...config.rules.values()].filter((r) => r.severity !== 'off');
}

function toLintFinding(f: Finding, path: string, rr: ResolvedRule | undefined): LintFinding {
  const configured = rr?.severity ?? 'error';
  // a rule may suggest a severity; an explicit config setting other than the default wins
  let severity: Severity = configured;
  if (f.severity && f.severity !== 'off' && rr && rr.severity === rr.rule.meta.defaultSeverity) severity = f.severity;
  const place = f.place ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  return {
    ...f,
    path,
    severity: (severity === 'off' ? 'info' : severity) as ActiveSeverity,
    line: Math.max(1, place.start.line),
    column: Math.max(1, place.start.column),
    endLine: Math.max(1, place.end.line),
    endColumn: Math.max(1, place.end.column),
  };
}

/**
 * One construct, one finding: drop a finding that a more specific one at the same place explains
 * (`RuleMeta.supersedes`), keeping it as a related location of the one kept. Places that overlap
 * or touch count as the same place (`:c:func::` and the `` `x` `` right after it). Linear in the
 * findings of the document for rules that supersede nothing (the usual case).
 */
export function resolveSuperseded(list: LintFinding[], config: ResolvedConfig): LintFinding[] {
  const bySpecific: LintFinding[] = [];
  for (const f of list) if (config.rules.get(f.ruleId)?.rule.meta.supersedes?.length) bySpecific.push(f);
  if (!bySpecific.length) return list;
  const dropped = new Set<LintFinding>();
  const touches = (a: LintFinding, b: LintFinding): boolean =>
    !a.wholeDocument && !b.wholeDocument && a.place.start.offset <= b.place.end.offset && b.place.start.offset <= a.place.end.offset;
  for (const keep of bySpecific) {
    if (dropped.has(keep)) continue;
    const over = config.rules.get(keep.ruleId)!.rule.meta.supersedes!;
    for (const other of list) {
      if (other === keep || dropped.has(other) || other.ruleId === keep.ruleId) continue;
      if (!over.some((o) => o.rule === other.ruleId && (o.message === undefined || other.message.startsWith(o.message)))) continue;
      if (!touches(keep, other)) continue;
      dropped.add(other);
      // (a new array: the rule's own finding may be kept in the findings cache)
      keep.related = [...(keep.related ?? []), { place: other.place, message: `also reported by ${other.ruleId}: ${other.message.split('\n')[0]}` }];
    }
  }
  return dropped.size ? list.filter((f) => !dropped.has(f)) : list;
}

function compareFindings(a: LintFinding, b: LintFinding): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

/** The findings cache's key of a document: what its tree depends on, and its patch status. */
export function cacheKey(index: ProjectIndex, path: string, options: LintOptions): string | undefined {
  const key = index.documentKey(path);
  return key === undefined ? undefined : `${key}|${options.changed?.get(path) ?? ''}`;
}

/** Lint documents of the index. */
export function lintIndex(index: ProjectIndex, config: ResolvedConfig, options: LintOptions = {}, early?: Map<string, Early>, ruleMsSoFar?: Map<string, number>): LintRun {
  return startLint(index, config, options, early, ruleMsSoFar).finish();
}

/** A lint under way: the project passes have run; each document is linted when asked. */
export interface DocumentLint {
  /** The documents to lint (`options.paths` less the ignored ones), in order. */
  readonly paths: readonly string[];
  /** Run the document's rules now (once) and return its findings, final: per-document rules
   *  report on their own document only (`Finding.path`), and the project passes ran first. The
   *  site's render pass lints each document where its tree is parsed (src/html/site/model.ts). */
  lint(p: string): LintFinding[];
  /** The run: every document of `paths`, linted now if it was not yet. */
  finish(): LintRun;
}

/** Start a lint: the project-scope passes run now; `lint(p)` runs a document's rules. Findings
 *  are those of `lintIndex` with the same options, whatever order the documents are linted in. */
export function startLint(index: ProjectIndex, config: ResolvedConfig, options: LintOptions = {}, early?: Map<string, Early>, ruleMsSoFar?: Map<string, number>): DocumentLint {
  const t0 = performance.now();
  const rules = activeRules(config);
  const ruleMs = ruleMsSoFar ?? new Map<string, number>();
  const paths = (options.paths ?? index.documents()).filter((p) => !config.isIgnored(p) && index.has(p));
  const pathSet = new Set(paths);
  const byPath = new Map<string, LintFinding[]>();
  for (const p of paths) byPath.set(p, []);
  const controls = new Map<string, InlineControl>();
  const controlOf = (p: string): InlineControl => {
    let c = controls.get(p);
    if (!c) {
      c = new InlineControl(index.sourceText(p) ?? '');
      controls.set(p, c);
    }
    return c;
  };
  const push = (p: string, f: LintFinding): void => {
    if (controlOf(p).isDisabled(f.ruleId, f.line)) return;
    byPath.get(p)!.push(f);
  };
  const internal = (p: string, rule: Rule, err: unknown): void => {
    const msg = err instanceof Error ? err.message : String(err);
    const start = { line: 1, column: 1, offset: 0 };
    byPath.get(p)?.push(
      toLintFinding({ ruleId: INTERNAL_RULE, message: `rule '${rule.meta.id}' failed on this document: ${msg}`, place: { start, end: start }, wholeDocument: true }, p, undefined),
    );
  };

  // project-scope passes
  for (const rr of rules) {
    if (!rr.rule.checkProject) continue;
    const a = performance.now();
    try {
      const found = rr.rule.checkProject({ index, options: rr.options, settings: config.settings, paths });
      for (const f of found) {
        const p = f.path;
        if (p === undefined || !pathSet.has(p)) continue;
        push(p, toLintFinding({ ...f, ruleId: f.ruleId || rr.rule.meta.id }, p, rr));
      }
    } catch (err) {
      if (paths[0] !== undefined) internal(paths[0], rr.rule, err);
    }
    ruleMs.set(rr.rule.meta.id, (ruleMs.get(rr.rule.meta.id) ?? 0) + performance.now() - a);
  }

  // per-document passes
  const docRuleIds = rules.filter((rr) => !(rr.rule.meta.scope === 'project' && rr.rule.checkProject)).map((rr) => rr.rule.meta.id);
  const fc = options.findingsCache;
  let done = 0;
  let reused = 0;
  const linted = new Set<string>();
  const lintOne = (p: string): void => {
    // the first pass of lintBuild saw this document's tree already
    const first = early?.get(p);
    const outcomes = first?.outcomes;
    const key = fc ? cacheKey(index, p, options) : undefined;
    const cached = key !== undefined && !outcomes ? fc!.lookup(p, key, index, docRuleIds) : undefined;
    // the rules see the index through a recorder when their findings are to be cached
    const recorder = key !== undefined && !cached ? (first?.recorder ?? new IndexRecorder(index, p)) : undefined;
    const seen = recorder?.index ?? index;
    const fresh: RuleFindings = {};
    const doc = outcomes || cached ? undefined : index.get(p);
    const prev = doc ? options.previous?.get(p) : undefined;
    const keep = options.onRuleFindings;
    const usedIndex = new Set<string>();
    if (!outcomes && !cached && !doc) return; // vanished since the index was built
    // the parser failed: said whatever the config says, and never replayed from the cache
    const broken = first ? first.internal : doc ? internalFindings(doc) : [];
    if (broken?.length) {
      for (const f of broken) byPath.get(p)?.push(toLintFinding(f, p, undefined));
      if (recorder) recorder.cacheable = false;
    }
    let k = 0;
    for (const rr of rules) {
      if (rr.rule.meta.scope === 'project' && rr.rule.checkProject) continue;
      const outcome = outcomes?.[k++];
      // (only a rule run here is timed: replaying what the first pass found is not the rule's time)
      const timed = !(outcome && 'found' in outcome);
      const a = timed ? performance.now() : 0;
      try {
        let found: Finding[];
        if (cached) found = cached[rr.rule.meta.id]!;
        else if (outcome) {
          if ('error' in outcome) throw outcome.error;
          found = 'found' in outcome ? outcome.found : outcome.finish(seen);
        } else {
          const ctx: Parameters<Rule['check']>[0] = { doc: doc!, index: seen, options: rr.options, path: p, settings: config.settings };
          const ch = options.changed?.get(p);
          if (ch) ctx.changed = ch;
          const kept = prev && rr.rule.meta.reuse ? reusedFindings(rr.rule, prev, ctx, config) : undefined;
          if (kept) {
            found = kept;
            reused++;
          } else if (keep && rr.rule.meta.reuse) {
            // whether the rule looks at the index at all (then its findings are not kept)
            let asked = false;
            ctx.index = new Proxy(seen, { get: (t, k) => ((asked = true), Reflect.get(t, k, t)) });
            found = rr.rule.check(ctx);
            if (asked) usedIndex.add(rr.rule.meta.id);
          } else {
            found = rr.rule.check(ctx);
            if (keep) usedIndex.add(rr.rule.meta.id);
          }
        }
        if (recorder || keep) fresh[rr.rule.meta.id] = found;
        for (const f of found) {
          const target = f.path ?? p;
          if (!pathSet.has(target)) continue;
          const id = f.ruleId || rr.rule.meta.id;
          const owner = config.rules.get(id) ?? rr;
          if (owner.severity === 'off') continue;
          push(target, toLintFinding({ ...f, ruleId: id }, target, owner));
        }
      } catch (err) {
        internal(p, rr.rule, err);
        if (recorder) recorder.cacheable = false;
      }
      if (timed) ruleMs.set(rr.rule.meta.id, (ruleMs.get(rr.rule.meta.id) ?? 0) + performance.now() - a);
    }
    if (recorder) fc!.store(p, key!, recorder, fresh);
    if (keep && doc) keep(p, doc, fresh, usedIndex);
    if (options.release) index.release(p);
    if ((options.release || options.forget) && doc) forgetDocument(doc);
    early?.delete(p);
    done++;
    options.onProgress?.(done, paths.length);
  };
  const final = new Map<string, LintFinding[]>();
  const finalOf = (p: string): LintFinding[] => {
    let list = final.get(p);
    if (!list) {
      list = resolveSuperseded(byPath.get(p)!, config);
      list.sort(compareFindings);
      final.set(p, list);
    }
    return list;
  };
  const ensureLinted = (p: string): void => {
    if (linted.has(p)) return;
    linted.add(p);
    lintOne(p);
  };
  return {
    paths,
    lint(p: string): LintFinding[] {
      if (!pathSet.has(p)) return [];
      ensureLinted(p);
      return finalOf(p);
    },
    finish(): LintRun {
      for (const p of paths) ensureLinted(p);
      const files: FileReport[] = paths.map((p) => ({ path: p, findings: finalOf(p) }));
      return { files, ruleMs, lintMs: performance.now() - t0, reused };
    },
  };
}

/**
 * Documents whose per-document rules `lintBuild` runs together. Every tree of a batch stays alive
 * until its rules ran, so young-generation collections copy (and promote) it: whole 6.12 lint,
 * 2026-12-06 (`--trace-gc-nvp`), the scavenges copied 134, 136, 148, 186, 247 MB with 1, 2, 4, 8,
 * 16 documents a batch. Fewer did not pay: paired runs of the whole lint took the same CPU time
 * with 4 or 8 as with 16 (GC less by what the rules and the parser took more, their code no longer
 * hot for 16 documents in a row) and slightly more wall time.
 */
const LINT_BATCH = 16;

/** What one rule made of a document in the first pass of `lintBuild`. */
type Outcome = { found: Finding[] } | { finish: (index: ProjectIndex) => Finding[] } | { error: unknown };
/** The first pass's outcomes for one document, in rule order, and what its rules asked the index. */
interface Early {
  outcomes: Outcome[];
  recorder?: IndexRecorder;
  /** The parser's failures on the document (internal findings). */
  internal?: Finding[];
}

/**
 * Build the index (`index.build(files)`) and lint its documents, holding one tree at a time: each
 * document is parsed once; right after its facts are collected, the rules that need only its tree
 * run and the two-phase rules `prepare`; the tree is then dropped. Once every document's facts are
 * in, the project passes run and the two-phase rules finish. Documents not parsed during the build
 * (facts from the cache) are linted as `lintIndex` does with `release`.
 * Findings are those of building the index and then calling `lintIndex` (same order).
 */
export function lintBuild(index: ProjectIndex, config: ResolvedConfig, options: LintOptions & { files?: string[] } = {}): LintRun {
  const rules = activeRules(config);
  const docRules = rules.filter((rr) => !(rr.rule.meta.scope === 'project' && rr.rule.checkProject));
  const ruleMs = new Map<string, number>();
  const wanted = options.paths ? new Set(options.paths) : undefined;
  const early = new Map<string, Early>();
  let earlyMs = 0;
  // The rules run on a few documents at a time, rule by rule: each rule's code (and the parser's,
  // between batches) stays hot in the processor's caches instead of twenty rules and the parser
  // taking turns on every document. Findings are the same (rules see one document at a time).
  const batch: [string, ParsedDocument][] = [];
  const runBatch = (): void => {
    if (!batch.length) return;
    const t = performance.now();
    const items = batch.map(([p, doc]) => {
      const recorder = options.findingsCache ? new IndexRecorder(index, p) : undefined;
      return { p, doc, recorder, seen: recorder?.index ?? index, changed: options.changed?.get(p), outcomes: [] as Outcome[] };
    });
    for (const rr of docRules) {
      const a = performance.now();
      for (const it of items) {
        try {
          const ctx: Parameters<Rule['check']>[0] = { doc: it.doc, index: it.seen, options: rr.options, path: it.p, settings: config.settings };
          if (it.changed) ctx.changed = it.changed;
          it.outcomes.push(rr.rule.prepare ? { finish: rr.rule.prepare(ctx) } : { found: rr.rule.check(ctx) });
        } catch (err) {
          it.outcomes.push({ error: err });
        }
      }
      ruleMs.set(rr.rule.meta.id, (ruleMs.get(rr.rule.meta.id) ?? 0) + performance.now() - a);
    }
    for (const it of items) {
      const e: Early = it.recorder ? { outcomes: it.outcomes, recorder: it.recorder } : { outcomes: it.outcomes };
      const broken = internalFindings(it.doc);
      if (broken.length) e.internal = broken;
      early.set(it.p, e);
      // its tree is dropped: what the rules cached about it goes too (src/lint/doc-caches.ts)
      if (options.release ?? true) forgetDocument(it.doc);
    }
    batch.length = 0;
    earlyMs += performance.now() - t;
  };
  // the documents linted are walked once for the rules' facts and the index's (src/lint/facts.ts)
  const linted = (p: string): boolean => !config.isIgnored(p) && !(wanted && !wanted.has(p));
  const collect = (doc: ParsedDocument, p: string): DocumentFacts | undefined => {
    // (with no per-document rule on, no rule reads those facts: the index's own walk will do)
    if (!docRules.length || !linted(p)) return undefined;
    return collectFactsShared(doc, p, index);
  };
  index.build(options.files, (p, doc) => {
    options.onParsed?.(p, doc);
    // a document not linted only lends its facts to the index: its tree is not kept either
    // (keeping them cost ~720 MB when linting filesystems/ against the whole 6.12 tree)
    if (!linted(p)) return options.release ?? true;
    // (the batch holds the tree until its rules ran, whatever the index keeps)
    batch.push([p, doc]);
    if (batch.length >= LINT_BATCH) runBatch();
    return options.release ?? true;
  }, undefined, collect);
  runBatch();
  const run = lintIndex(index, config, { ...options, release: options.release ?? true }, early, ruleMs);
  run.lintMs += earlyMs;
  return run;
}

export interface FixResult {
  /** Final texts of documents that changed (root-relative path → text). */
  changed: Map<string, string>;
  passes: number;
  applied: number;
  /** Findings after the last pass. */
  run: LintRun;
  /** Documents with fixes that were left alone: their bytes are not valid UTF-8. */
  notUtf8: string[];
}

/**
 * `--fix`: apply safe fixes, re-parse the changed documents (index.update) and lint again, until
 * nothing changes or `maxPasses` is reached. Nothing outside the fixes' ranges is touched.
 */
export function fixIndex(index: ProjectIndex, config: ResolvedConfig, options: LintOptions & { maxPasses?: number } = {}): FixResult {
  const maxPasses = options.maxPasses ?? 5;
  const changed = new Map<string, string>();
  const notUtf8 = new Set<string>();
  let applied = 0;
  const first = lintIndex(index, config, options);
  const reports = new Map(first.files.map((f) => [f.path, f] as const));
  let pending: string[] = first.files.map((f) => f.path);
  let passes = 0;
  while (passes < maxPasses) {
    const touched: string[] = [];
    for (const path of pending) {
      const file = reports.get(path)!;
      const groups: TextEdit[][] = file.findings.filter((f) => f.fix && f.fix.length).map((f) => f.fix!);
      if (!groups.length) continue;
      const doc = index.get(file.path);
      if (!doc) continue;
      // the text has U+FFFD for bytes that were not UTF-8: writing it back would lose them
      if (index.hasInvalidUtf8(file.path)) {
        notUtf8.add(file.path);
        continue;
      }
      const res = applyFixes(doc.source.raw, groups);
      if (res.text !== doc.source.raw) {
        index.update(file.path, res.text);
        changed.set(file.path, res.text);
        applied += res.applied;
        touched.push(file.path);
      }
    }
    passes++;
    if (!touched.length) break;
    // only the fixed documents are linted again (fixes are local to their document)
    const rerun = lintIndex(index, config, { ...options, paths: touched });
    for (const f of rerun.files) reports.set(f.path, f);
    pending = touched;
  }
  const run: LintRun = { files: first.files.map((f) => reports.get(f.path)!), ruleMs: first.ruleMs, lintMs: first.lintMs };
  return { changed, passes, applied, run, notUtf8: [...notUtf8] };
}

export function countBySeverity(files: readonly FileReport[]): Record<ActiveSeverity, number> {
  const out: Record<ActiveSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of files) for (const x of f.findings) out[x.severity]++;
  return out;
}

export function countByRule(files: readonly FileReport[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of files) for (const x of f.findings) out.set(x.ruleId, (out.get(x.ruleId) ?? 0) + 1);
  return out;
}
