/**
 * Pre-submit checking: `kdocs lint --patch FILE|-` and `kdocs lint --diff REV`.
 *
 * The patch is applied in memory to the root (`--patch`), or reversed against the working tree
 * (`--diff`), the index is built over the patched tree, every document is linted, and only these
 * findings are kept:
 *  - in changed documents: findings on added/changed lines, and whole-document findings that the
 *    unpatched document did not have (a new file in no toctree);
 *  - in other documents: findings the unpatched tree did not have (a label the patch removed).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { normalizeName, type ProjectIndex } from '../project/index.js';
import type { ResolvedConfig } from './config.js';
import { cacheKey, lintIndex, type FileReport, type LintFinding, type LintOptions, type LintRun } from './engine.js';
import { InlineControl } from './control.js';
import type { FindingsCache } from './findings-cache.js';
import { findHeadings, styleKey } from '../../rules/_shared/headings.js';
import { sourceLines } from '../../rules/_shared/util.js';
import { PatchError, applyFilePatch, parsePatch, reversePatch, type FilePatch } from './patch.js';

export interface Change {
  /** Root-relative path (new side; old side for deletions). */
  path: string;
  status: 'added' | 'modified' | 'deleted';
  /** Root-relative old path when renamed. */
  oldPath?: string;
  /** Path as the patch writes it (kernel path), for display. */
  patchPath: string;
  added: Set<number>;
  patchLines: Map<number, number>;
  /** Text before the patch (null: the file did not exist). */
  baseText: string | null;
  /** Text after the patch (null: deleted). */
  newText: string | null;
}

export interface PathMapping {
  /** Explicit prefix to strip from patch paths (`--strip`). */
  strip?: string;
  /** The root's place in the kernel tree (index.kernelPrefix). */
  kernelPrefix?: string;
  /** Does a root-relative file exist? (for patches already relative to the root) */
  exists(path: string): boolean;
}

/** Map a patch path onto the root; null when it lies outside the root. */
export function mapPatchPath(p: string, m: PathMapping): string | null {
  if (m.strip !== undefined) {
    const s = m.strip === '' || m.strip.endsWith('/') ? m.strip : m.strip + '/';
    return p.startsWith(s) ? p.slice(s.length) : null;
  }
  if (m.kernelPrefix && p.startsWith(m.kernelPrefix)) return p.slice(m.kernelPrefix.length);
  if (m.kernelPrefix && p.startsWith('Documentation/')) return null; // elsewhere in the kernel docs
  if (/^(?:arch|block|certs|crypto|drivers|fs|include|init|ipc|kernel|lib|mm|net|rust|samples|scripts|security|sound|tools|usr|virt)\//.test(p) && !m.exists(p)) return null;
  if (p === 'MAINTAINERS' || p === 'Makefile') return null;
  return p;
}

/** `forward`: the tree is the one before the patch; `applied`: the tree already holds the patch
 *  (right after `git commit`, in a pre-commit hook, in b4's prep flow): the patch applies in
 *  reverse, and the tree before it is the tree with the patch reversed. */
export type PatchDirection = 'forward' | 'applied';

export interface PreparedChanges {
  changes: Change[];
  /** Overlay for the index: the texts after the patch (null: deleted). */
  overlay: Map<string, string | null>;
  /** Files of the patch outside the root (ignored). */
  outside: string[];
  direction: PatchDirection;
  /** Lines the hunks had to be moved by to apply (0: every hunk where its header says). */
  drift: number;
}

type Reader = (rootPath: string) => string | null;

/**
 * `--patch`: the patch against the root's files, in whichever direction it applies. A tree that
 * already holds the patch is the usual case (a commit, a staged change); reversing needs every
 * added line in place, which a tree without the patch almost never has, so when both directions
 * apply the one whose hunks sit where their headers say wins, and on a tie the patch counts as
 * applied (applying a pure addition forward a second time would lint the added lines twice).
 * Neither: a PatchError naming the first file and hunk that does not apply.
 */
export function preparePatch(patchText: string, mapping: PathMapping, read: Reader, options: { direction?: PatchDirection } = {}): PreparedChanges {
  const files = parsePatch(patchText);
  if (!files.length) throw new PatchError('no file changes found in the patch (expected `diff --git` or `---`/`+++` headers)', 1);
  if (options.direction === 'forward') return prepareForward(files, mapping, read);
  if (options.direction === 'applied') return prepareApplied(files, mapping, read);
  let applied: PreparedChanges | undefined;
  let appliedError: PatchError | undefined;
  try {
    applied = prepareApplied(files, mapping, read);
    if (applied.drift === 0) return applied;
  } catch (err) {
    if (!(err instanceof PatchError)) throw err;
    appliedError = err;
  }
  let forward: PreparedChanges;
  try {
    forward = prepareForward(files, mapping, read);
  } catch (err) {
    if (!(err instanceof PatchError)) throw err;
    if (applied) return applied;
    const w = err.where;
    const at = w ? `${w.file}${w.hunk ? `, hunk ${w.hunk}` : ''}: ` : '';
    throw new PatchError(
      `${at}the patch applies neither to the tree as it is (${err.message}) nor in reverse as a patch already applied (${appliedError!.message})`,
      err.patchLine,
      err.where,
    );
  }
  return applied && applied.drift <= forward.drift ? applied : forward;
}

/** `--diff` / `--staged`: the tree (`read`) is the new side; the base is the tree with the patch reversed. */
export function prepareDiff(patchText: string, mapping: PathMapping, read: Reader): PreparedChanges {
  return prepareApplied(parsePatch(patchText), mapping, read);
}

/** Reverse the patch on the tree as it is (file sections in reverse order, so a series of patches
 *  of one file unwinds), strictly: a file the patch creates must exist with exactly the patch's
 *  text, a file it deletes must be gone. Then apply it forward to the base texts so that added
 *  lines and patch lines are those of the patch. */
function prepareApplied(files: FilePatch[], mapping: PathMapping, read: Reader): PreparedChanges {
  const base = new Map<string, string | null>();
  const get = (p: string): string | null => (base.has(p) ? base.get(p)! : read(p));
  let drift = 0;
  for (const f of reversePatch(files)) {
    // reversed: oldPath is the path in the tree as it is, newPath the path before the patch
    const nowPath = f.oldPath !== null ? mapPatchPath(f.oldPath, mapping) : null;
    const beforePath = f.newPath !== null ? mapPatchPath(f.newPath, mapping) : null;
    if ((f.oldPath !== null && nowPath === null && (f.newPath === null || beforePath === null)) || (f.oldPath === null && beforePath === null)) continue;
    if (f.binary) continue;
    const shown = (f.oldPath ?? f.newPath)!;
    if (f.status === 'added') {
      // the patch deletes the file
      if (beforePath !== null && get(beforePath) !== null) throw new PatchError(`${f.newPath}: the patch deletes it, but it is still there`, f.patchLine, { file: f.newPath! });
    } else if (nowPath === null || get(nowPath) === null) {
      throw new PatchError(`${shown}: the patch ${f.status === 'deleted' ? 'creates' : 'changes'} it, but it is not there`, f.patchLine, { file: shown });
    }
    const now = f.status === 'added' || nowPath === null ? null : get(nowPath);
    const a = applyFilePatch(f.status === 'deleted' ? { ...f, status: 'modified' } : f, now);
    if (f.status === 'deleted' && a.text !== '') {
      throw new PatchError(`${shown}: the patch creates it, but its text is not the patch's`, f.patchLine, { file: shown });
    }
    drift += a.drift;
    if (nowPath !== null && nowPath !== beforePath) base.set(nowPath, null);
    if (beforePath !== null) base.set(beforePath, a.text);
  }
  const fwd = prepareForward(files, mapping, get);
  return { ...fwd, direction: 'applied', drift };
}

function prepareForward(files: FilePatch[], mapping: PathMapping, read: Reader): PreparedChanges {
  const current = new Map<string, string | null>(); // root path → text as the series goes
  const get = (p: string): string | null => (current.has(p) ? current.get(p)! : read(p));
  const changes = new Map<string, Change>();
  const outside: string[] = [];
  const overlay = new Map<string, string | null>();
  let drift = 0;
  for (const f of files) {
    const oldRoot = f.oldPath !== null ? mapPatchPath(f.oldPath, mapping) : null;
    const newRoot = f.newPath !== null ? mapPatchPath(f.newPath, mapping) : null;
    if (f.oldPath !== null && oldRoot === null && (f.newPath === null || newRoot === null)) {
      outside.push(f.oldPath);
      continue;
    }
    if (f.oldPath === null && newRoot === null) {
      outside.push(f.newPath!);
      continue;
    }
    if (f.binary) continue;
    if (f.status === 'added' && newRoot !== null && get(newRoot) !== null) {
      throw new PatchError(`${f.newPath}: the patch creates it, but '${newRoot}' already exists under the root`, f.patchLine, { file: f.newPath! });
    }
    const before = oldRoot !== null ? get(oldRoot) : null;
    let applied;
    try {
      applied = applyFilePatch(f, f.status === 'added' ? null : before);
    } catch (err) {
      if (err instanceof PatchError && f.status !== 'added' && before === null) {
        throw new PatchError(`${err.message} (mapped to '${oldRoot}' under the root; use --strip to change the mapping)`, err.patchLine, err.where);
      }
      throw err;
    }
    drift += applied.drift;
    if (oldRoot !== null && oldRoot !== newRoot) {
      current.set(oldRoot, null);
      recordChange(changes, oldRoot, { path: oldRoot, status: 'deleted', patchPath: f.oldPath!, added: new Set(), patchLines: new Map(), baseText: before, newText: null }, read);
    }
    if (newRoot !== null) {
      current.set(newRoot, applied.text);
      const prev = changes.get(newRoot);
      const base = prev ? prev.baseText : f.status === 'added' ? read(newRoot) : before;
      // an earlier patch of the series changed this file too: its added lines, where this one
      // keeps them, are still the series' additions
      const added = new Set(applied.added);
      const patchLines = new Map(applied.patchLines);
      if (prev && prev.status !== 'deleted' && prev.path === oldRoot) {
        for (const l of prev.added) {
          const n = applied.kept.get(l);
          if (n === undefined) continue;
          added.add(n);
          const pl = prev.patchLines.get(l);
          if (pl !== undefined && !applied.patchLines.has(n)) patchLines.set(n, pl);
        }
      }
      const c: Change = {
        path: newRoot,
        status: base === null ? 'added' : 'modified',
        patchPath: f.newPath!,
        added,
        patchLines,
        baseText: base,
        newText: applied.text,
      };
      if (oldRoot !== null && oldRoot !== newRoot) c.oldPath = oldRoot;
      changes.set(newRoot, c);
    }
  }
  for (const [p, t] of current) overlay.set(p, t);
  return { changes: [...changes.values()], overlay, outside, direction: 'forward', drift };
}

function recordChange(changes: Map<string, Change>, p: string, c: Change, _read: (p: string) => string | null): void {
  const prev = changes.get(p);
  if (prev) {
    prev.status = 'deleted';
    prev.newText = null;
  } else changes.set(p, c);
}

/** What other documents can see of a document: its labels, toctree entries, includes, orphan. */
function relationSignature(index: ProjectIndex, path: string): string {
  const f = index.getFacts(path);
  if (!f) return 'absent';
  return JSON.stringify([
    f.labels.map((l) => [l.kind, l.name, l.title ?? '']).sort(),
    f.toctrees.map((t) => [t.glob, t.hidden, t.entries.map((e) => [e.kind, e.docname])]),
    f.includes.map((i) => i.path),
    f.orphanField,
    f.firstInclude ?? '',
  ]);
}

/** The part of relationSignature other documents' toctree status depends on. */
function tocSignature(index: ProjectIndex, path: string): string {
  const f = index.getFacts(path);
  if (!f) return 'absent';
  return JSON.stringify([f.toctrees.map((t) => [t.glob, t.hidden, t.entries.map((e) => [e.kind, e.docname])]), f.includes.map((i) => i.path), f.orphanField, f.firstInclude ?? '']);
}

/** Index methods whose answers depend only on which files exist (documents added, deleted,
 *  renamed; files the patch writes). */
const FILE_SET_QUESTIONS = new Set(['has', 'hasDocname', 'resolveDoc', 'fileExists', 'resolveKernelPath', 'kernelFileExists', 'globMatches', 'documents', 'entryTargets', 'listFiles']);
/** ... only on the toctrees, includes and :orphan: of documents (and which documents exist). */
const TOC_QUESTIONS = new Set(['tocStatus', 'isInToctree', 'isIncluded', 'isOrphan', 'toctreeParents']);
/** ... only on one label's definitions. */
const LABEL_QUESTIONS = new Set(['labelDefinitions', 'resolveLabel']);
/** ... on a named document's own facts or text. */
const DOC_QUESTIONS = new Set(['getFacts', 'toctrees', 'sourceText', 'includers']);

/**
 * Which recorded index questions a patch can answer differently: a question about a label no
 * patched document defines (before or after), about which files exist when the patch adds,
 * deletes or renames none, about toctree status when no toctree, include or :orphan: changed, or
 * about an unpatched document's own facts is answered as before. Anything else (a method not
 * listed here) may change and is asked again.
 */
function questionsThePatchCanChange(changes: readonly Change[], docs: ReadonlySet<string>, labels: ReadonlySet<string>, tocChanged: boolean): (question: string) => boolean {
  const fileSet = changes.some((c) => c.status !== 'modified' || c.oldPath !== undefined || c.baseText === null || c.newText === null);
  return (q) => {
    if (q === '.kernelPrefix' || q.startsWith('kernelPathOf(')) return false;
    const paren = q.indexOf('(');
    if (paren < 0) return true;
    const method = q.slice(0, paren);
    if (FILE_SET_QUESTIONS.has(method)) return fileSet;
    if (TOC_QUESTIONS.has(method)) return fileSet || tocChanged;
    let args: unknown[];
    try {
      args = JSON.parse(q.slice(paren + 1)) as unknown[];
    } catch {
      return true;
    }
    if (LABEL_QUESTIONS.has(method)) return typeof args[0] !== 'string' || labels.has(normalizeName(args[0]));
    if (DOC_QUESTIONS.has(method)) return typeof args[0] !== 'string' || docs.has(args[0]);
    return true;
  };
}

/** Keys that identify a finding independent of line shifts (document findings) or exactly. */
function wholeKey(f: LintFinding): string {
  return `${f.ruleId}\0${f.message}`;
}
function exactKey(f: LintFinding): string {
  return `${f.path}\0${f.line}\0${f.column}\0${f.ruleId}\0${f.message}`;
}

export interface PresubmitResult {
  files: FileReport[];
  /** Documents linted (their rules run) in the patched state. */
  linted: number;
  /** Documents linted in the state before the patch. */
  lintedBefore: number;
  /** Documents whose findings were replayed from the findings cache instead (both states). */
  replayed: number;
  /** Lines of changed documents (checkpatch's "lines checked"). */
  linesChecked: number;
}

/** Documents linted (both sides) above which the findings cache is written. */
const SAVE_AFTER = 64;

export interface PresubmitOptions extends Omit<LintOptions, 'findingsCache'> {
  /**
   * When the patch changes how documents relate, the other documents are checked through this
   * cache: before the patch each document's findings are replayed if what it asked the index still
   * holds (else it is linted and recorded), after the patch only the documents whose recorded
   * answers changed are linted again. Without it, every document is linted twice.
   */
  findingsCache?: FindingsCache | (() => FindingsCache);
  /** Which state of the tree is on disk (the base, or the patched tree), or 'never' to leave the
   *  cache file alone. It is written only when many documents had to be linted. */
  saveAt?: 'base' | 'after' | 'never';
}

/**
 * Lint the patched tree (the index must already hold the new texts) and keep what the patch
 * introduced. The index is temporarily switched to the base texts of the changed documents to
 * compute the findings that existed before, then switched back.
 */
export function lintChanges(index: ProjectIndex, config: ResolvedConfig, changes: readonly Change[], options: PresubmitOptions = {}): PresubmitResult {
  const { findingsCache: fcOption, saveAt = 'never', ...lintOptions } = options;
  const changedDocs = new Map<string, 'added' | 'modified'>();
  for (const c of changes) if (c.status !== 'deleted' && c.path.endsWith('.rst')) changedDocs.set(c.path, c.status);

  // Can the patch change findings in other documents? Only through what the index relates:
  // labels, documents appearing or disappearing, toctrees, includes, :orphan:. When the changed
  // documents keep all of that (a prose edit), only they are linted, before and after.
  const afterSig = new Map<string, string>();
  for (const c of changes) afterSig.set(c.path, relationSignature(index, c.path));
  // the documents whose facts the patch can change: the patched ones and those including them
  const reparsed = new Set<string>();
  for (const c of changes) for (const p of c.oldPath ? [c.path, c.oldPath] : [c.path]) for (const q of [p, ...index.includers(p)]) reparsed.add(q);
  const touchedLabels = new Set<string>();
  const tocSig = (): string => [...reparsed].map((p) => tocSignature(index, p)).join('\n');
  const collectLabels = (): void => {
    for (const p of reparsed) for (const l of index.getFacts(p)?.labels ?? []) touchedLabels.add(l.name);
  };
  collectLabels();
  const afterToc = tocSig();
  const toBase = () => {
    for (const c of changes) index.update(c.path, c.oldPath ? null : c.baseText);
  };
  const toAfter = () => {
    for (const c of changes) index.update(c.path, c.newText);
  };
  toBase();
  for (const c of changes) for (const p of c.oldPath ? [c.path, c.oldPath] : [c.path]) for (const q of index.includers(p)) reparsed.add(q);
  collectLabels();
  const tocChanged = tocSig() !== afterToc;
  let crossFile = false;
  for (const c of changes) {
    if (c.status === 'deleted' || c.oldPath !== undefined) crossFile = true;
    else if (c.status === 'added') {
      if (index.getFacts(c.path) === undefined && /"explicit"/.test(afterSig.get(c.path) ?? '')) crossFile = true;
      if (!c.path.endsWith('.rst')) crossFile = true; // a new include target, image...
    } else if (relationSignature(index, c.path) !== afterSig.get(c.path)) crossFile = true;
    if (crossFile) break;
  }
  const headingStyles = baseHeadingStyles(index, changes);
  const limit = (paths: string[]): string[] => (lintOptions.paths ? paths.filter((p) => lintOptions.paths!.includes(p)) : paths);
  const baseChanged = limit(changes.filter((c) => c.baseText !== null).map((c) => c.oldPath ?? c.path));
  const newChanged = limit([...changedDocs.keys()]);
  let before: LintRun;
  let after: LintRun;
  let linted = 0;
  let lintedBefore = 0;
  let replayed = 0;
  const extraBase = new Set<string>();
  if (crossFile && fcOption) {
    // loaded only now: a prose patch never needs it
    const fc = typeof fcOption === 'function' ? fcOption() : fcOption;
    const h0 = fc.hits;
    const patched = new Set(changes.flatMap((c) => (c.oldPath ? [c.path, c.oldPath] : [c.path])));
    const others = (lintOptions.paths ?? index.documents()).filter((p) => !patched.has(p) && !config.isIgnored(p) && index.has(p));
    const holds = (p: string): boolean => {
      const k = cacheKey(index, p, {});
      return k !== undefined && fc.holds(p, k, index);
    };
    // 1. before the patch: the documents whose recorded findings hold; the others are stale
    const held: string[] = [];
    const stale: string[] = [];
    for (const p of others) (holds(p) ? held : stale).push(p);
    // 2. after it: those that asked the index a question whose answer the patch changed. Every
    //    other held document has the same findings on both sides: nothing of it is new.
    toAfter();
    const only = questionsThePatchCanChange(changes, reparsed, touchedLabels, tocChanged);
    const affected = held.filter((p) => {
      const k = cacheKey(index, p, {});
      return !(k !== undefined && fc.holds(p, k, index, only));
    });
    // their findings before the patch are the recorded ones (taken before linting them again
    // replaces the record)
    const baseRecorded = new Set<string>();
    for (const p of affected) for (const k of recordedKeys(fc, p)) baseRecorded.add(k);
    const newHeadings = newHeadingFindings(index, config, changes, headingStyles);
    let m = fc.misses;
    after = lintIndex(index, config, { ...lintOptions, paths: [...stale, ...affected, ...newChanged], changed: changedDocs, findingsCache: fc, release: true });
    linted = fc.misses - m;
    mergeFindings(after, newHeadings);
    // 3. the stale documents and the patched ones are linted before the patch (the stale ones are
    //    recorded, so a warm cache has none), then the index goes back to the patched texts
    toBase();
    m = fc.misses;
    before = lintIndex(index, config, { paths: [...stale, ...baseChanged], findingsCache: fc, release: true });
    lintedBefore = fc.misses - m;
    // a cold or stale cache is written (most of its new entries hold for the tree on disk too:
    // they were replayed on the other side); a warm one stays as plain runs keep it
    if (saveAt !== 'never' && linted + lintedBefore > SAVE_AFTER) fc.save();
    toAfter();
    for (const k of baseRecorded) extraBase.add(k);
    replayed = fc.hits - h0;
  } else {
    before = lintIndex(index, config, crossFile ? { paths: lintOptions.paths } : { paths: baseChanged });
    toAfter();
    const newHeadings = newHeadingFindings(index, config, changes, headingStyles);
    after = lintIndex(index, config, { ...lintOptions, ...(crossFile ? {} : { paths: newChanged }), changed: changedDocs });
    linted = after.files.length;
    lintedBefore = before.files.length;
    mergeFindings(after, newHeadings);
  }

  const baseWhole = new Map<string, Set<string>>();
  const baseExact = extraBase;
  for (const f of before.files) {
    const s = new Set<string>();
    for (const x of f.findings) {
      s.add(wholeKey(x));
      baseExact.add(exactKey(x));
    }
    baseWhole.set(f.path, s);
  }
  const byPath = new Map(changes.map((c) => [c.path, c] as const));
  const files: FileReport[] = [];
  let linesChecked = 0;
  for (const f of after.files) {
    const c = byPath.get(f.path);
    let keep: LintFinding[];
    if (c && c.status !== 'deleted') {
      const basePath = c.oldPath ?? c.path;
      const had = baseWhole.get(basePath) ?? new Set<string>();
      keep = f.findings.filter((x) => {
        if (c.status === 'added') return true;
        if (x.wholeDocument) return !had.has(wholeKey(x));
        for (let l = x.line; l <= Math.max(x.line, Math.min(x.endLine, x.line + 200)); l++) if (c.added.has(l)) return true;
        return false;
      });
      linesChecked += (c.newText ?? '').split('\n').length - ((c.newText ?? '').endsWith('\n') ? 1 : 0);
    } else {
      keep = f.findings.filter((x) => !baseExact.has(exactKey(x)));
    }
    if (keep.length) files.push({ path: f.path, findings: keep });
  }
  return { files, linted, lintedBefore, replayed, linesChecked };
}

/** exactKey of every finding recorded for `path` in the findings cache. */
function recordedKeys(fc: FindingsCache, path: string): string[] {
  const out: string[] = [];
  const r = fc.recorded(path);
  if (!r) return out;
  for (const [ruleId, found] of Object.entries(r)) {
    for (const f of found) {
      const start = f.place?.start ?? { line: 1, column: 1 };
      out.push(`${f.path ?? path}\0${Math.max(1, start.line)}\0${Math.max(1, start.column)}\0${f.ruleId || ruleId}\0${f.message}`);
    }
  }
  return out;
}

/** The heading adornment styles (`=o`, `-`...) each modified document used before the patch. */
function baseHeadingStyles(index: ProjectIndex, changes: readonly Change[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of changes) {
    if (c.status !== 'modified' || !c.path.endsWith('.rst')) continue;
    const doc = index.get(c.oldPath ?? c.path);
    if (doc) out.set(c.path, new Set(findHeadings(doc).map(styleKey)));
  }
  return out;
}

function shownStyle(style: string): string {
  const c = style[0]!.repeat(4);
  return style.length === 2 ? `'${c}' above and below` : `'${c}' below`;
}

/**
 * A heading the patch adds or re-underlines in an existing document with an adornment style the
 * document did not use before. docutils gives every new style the next level down, so the section
 * silently nests under the previous one (and a style used before at another level is docutils'
 * own "Title level inconsistent"). Reported under heading-style, at its severity.
 */
function newHeadingFindings(index: ProjectIndex, config: ResolvedConfig, changes: readonly Change[], before: Map<string, Set<string>>): Map<string, LintFinding[]> {
  const out = new Map<string, LintFinding[]>();
  const rr = config.rules.get('heading-style');
  if (!rr || rr.severity === 'off') return out;
  for (const c of changes) {
    const used = before.get(c.path);
    if (!used || !c.added.size || config.isIgnored(c.path)) continue;
    const doc = index.get(c.path);
    if (!doc) continue;
    const control = new InlineControl(doc.source.raw);
    const list: LintFinding[] = [];
    const known = [...used].map(shownStyle).join(', ');
    const src = sourceLines(doc);
    for (const h of findHeadings(doc)) {
      const style = styleKey(h);
      if (used.has(style)) continue;
      const first = (h.overIndex ?? h.textIndex) + 1;
      const last = h.underIndex + 1;
      let touched = false;
      for (let l = first; l <= last && !touched; l++) touched = c.added.has(l);
      if (!touched || control.isDisabled('heading-style', h.textIndex + 1)) continue;
      const place = { start: doc.source.pointAt(src[first - 1]!.start), end: doc.source.pointAt(src[last - 1]!.end) };
      list.push({
        ruleId: 'heading-style',
        message: `Heading style ${shownStyle(style)} is new in this document${known ? ` (it uses ${known})` : ''}: docutils reads it as a new, deeper level, so '${h.text}' nests under the section before it`,
        place,
        path: c.path,
        severity: rr.severity,
        line: place.start.line,
        column: place.start.column,
        endLine: place.end.line,
        endColumn: place.end.column,
      });
    }
    if (list.length) out.set(c.path, list);
  }
  return out;
}

/** Add the new-heading findings to the run, unless heading-style already reports that heading. */
function mergeFindings(run: LintRun, extra: Map<string, LintFinding[]>): void {
  for (const f of run.files) {
    const more = extra.get(f.path);
    if (!more) continue;
    for (const x of more) if (!f.findings.some((y) => y.ruleId === x.ruleId && y.line === x.line)) f.findings.push(x);
    f.findings.sort((a, b) => a.line - b.line || a.column - b.column);
  }
}

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, '-c', 'core.quotePath=off', ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Documents under the root that git does not track and does not ignore (root-relative), or
 *  undefined when the root is not in a git work tree. */
export function untrackedDocuments(root: string): string[] | undefined {
  let out: string;
  try {
    out = git(root, ['ls-files', '-z', '--others', '--exclude-standard', '--', '.']);
  } catch {
    return undefined;
  }
  return out.split('\0').filter((p) => p.endsWith('.rst'));
}

/** A patch section that adds `path` (repository path) with `text`, as `git diff` writes it. */
function additionPatch(path: string, text: string): string {
  if (text === '') return `diff --git a/${path} b/${path}\nnew file mode 100644\n`;
  const noEol = !text.endsWith('\n');
  const lines = (noEol ? text : text.slice(0, -1)).split('\n');
  let out = `diff --git a/${path} b/${path}\nnew file mode 100644\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines.length} @@\n`;
  for (const l of lines) out += `+${l}\n`;
  if (noEol) out += '\\ No newline at end of file\n';
  return out;
}

/**
 * `git diff REV` (working tree vs REV) or, with `staged`, `git diff --cached` (the index vs HEAD,
 * what a pre-commit hook sees) of the root's part of its repository, plus the root's prefix in the
 * repository. Without `staged`, documents git does not track yet count as added (the developer
 * writes a file and checks it before `git add`). `read` gives the texts of the new side: the
 * working tree's, or the index's with `staged`.
 */
export function gitDiff(root: string, rev: string | undefined, options: { staged?: boolean } = {}): { patch: string; prefix: string; read?: (rootPath: string) => string | null } {
  const prefix = git(root, ['rev-parse', '--show-prefix']).trim();
  if (options.staged) {
    const patch = git(root, ['diff', '--cached', '--no-color', '--no-ext-diff', '-M', ...(rev !== undefined ? [rev] : []), '--', '.']);
    const read = (rootPath: string): string | null => {
      try {
        // `:./path`: the staged blob, relative to the directory git runs in (the root)
        return git(root, ['cat-file', 'blob', `:./${rootPath}`]);
      } catch {
        return null;
      }
    };
    return { patch, prefix, read };
  }
  let patch = git(root, ['diff', '--no-color', '--no-ext-diff', '-M', rev ?? 'HEAD', '--', '.']);
  for (const p of untrackedDocuments(root) ?? []) {
    let text: string;
    try {
      text = readFileSync(nodePath.join(root, p), 'utf8');
    } catch {
      continue;
    }
    patch += additionPatch(prefix + p, text);
  }
  return { patch, prefix };
}
