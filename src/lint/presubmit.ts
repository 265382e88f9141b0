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
import type { ProjectIndex } from '../project/index.js';
import type { ResolvedConfig } from './config.js';
import { lintIndex, type FileReport, type LintFinding, type LintOptions } from './engine.js';
import { PatchError, addedLines, applyFilePatch, parsePatch, reversePatch, type FilePatch } from './patch.js';

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

export interface PreparedChanges {
  changes: Change[];
  /** Overlay for the index (patch mode: the new texts; diff mode: empty, disk is new). */
  overlay: Map<string, string | null>;
  /** Files of the patch outside the root (ignored). */
  outside: string[];
}

/** `--patch`: apply to the root's files. */
export function preparePatch(patchText: string, mapping: PathMapping, read: (rootPath: string) => string | null): PreparedChanges {
  const files = parsePatch(patchText);
  if (!files.length) throw new PatchError('no file changes found in the patch (expected `diff --git` or `---`/`+++` headers)', 1);
  return prepare(files, mapping, read, 'patch');
}

/** `--diff`: the working tree is the new side; the base is the working tree with the patch reversed. */
export function prepareDiff(patchText: string, mapping: PathMapping, read: (rootPath: string) => string | null): PreparedChanges {
  const files = parsePatch(patchText);
  return prepare(files, mapping, read, 'diff');
}

function prepare(files: FilePatch[], mapping: PathMapping, read: (rootPath: string) => string | null, mode: 'patch' | 'diff'): PreparedChanges {
  const current = new Map<string, string | null>(); // root path → text as the series goes
  const get = (p: string): string | null => (current.has(p) ? current.get(p)! : read(p));
  const changes = new Map<string, Change>();
  const outside: string[] = [];
  const overlay = new Map<string, string | null>();
  if (mode === 'patch') {
    for (const f of files) {
      const oldRoot = f.oldPath !== null ? mapPatchPath(f.oldPath, mapping) : null;
      const newRoot = f.newPath !== null ? mapPatchPath(f.newPath, mapping) : null;
      if ((f.oldPath !== null && oldRoot === null) && (f.newPath === null || newRoot === null)) {
        outside.push(f.oldPath);
        continue;
      }
      if (f.oldPath === null && newRoot === null) {
        outside.push(f.newPath!);
        continue;
      }
      if (f.binary) continue;
      if (f.status === 'added' && newRoot !== null && get(newRoot) !== null) {
        throw new PatchError(`${f.newPath}: the patch creates it, but '${newRoot}' already exists under the root`, f.patchLine);
      }
      const before = oldRoot !== null ? get(oldRoot) : null;
      let applied;
      try {
        applied = applyFilePatch(f, f.status === 'added' ? null : before);
      } catch (err) {
        if (err instanceof PatchError && f.status !== 'added' && before === null) {
          throw new PatchError(`${err.message} (mapped to '${oldRoot}' under the root; use --strip to change the mapping)`, err.patchLine);
        }
        throw err;
      }
      if (oldRoot !== null && oldRoot !== newRoot) {
        current.set(oldRoot, null);
        recordChange(changes, oldRoot, { path: oldRoot, status: 'deleted', patchPath: f.oldPath!, added: new Set(), patchLines: new Map(), baseText: before, newText: null }, read);
      }
      if (newRoot !== null) {
        current.set(newRoot, applied.text);
        const prev = changes.get(newRoot);
        const base = prev ? prev.baseText : f.status === 'added' ? read(newRoot) : before;
        const c: Change = {
          path: newRoot,
          status: base === null ? 'added' : 'modified',
          patchPath: f.newPath!,
          added: applied.added,
          patchLines: applied.patchLines,
          baseText: base,
          newText: applied.text,
        };
        if (oldRoot !== null && oldRoot !== newRoot) c.oldPath = oldRoot;
        changes.set(newRoot, c);
      }
    }
    for (const [p, t] of current) overlay.set(p, t);
  } else {
    // diff mode: reverse-apply the diff to the working tree to get the base texts
    const rev = reversePatch(files);
    const base = new Map<string, string | null>();
    for (const f of rev) {
      const newRoot = f.oldPath !== null ? mapPatchPath(f.oldPath, mapping) : null; // rev: old = working tree
      const oldRoot = f.newPath !== null ? mapPatchPath(f.newPath, mapping) : null;
      if (newRoot === null && oldRoot === null) {
        outside.push((f.oldPath ?? f.newPath)!);
        continue;
      }
      if (f.binary) continue;
      const now = newRoot !== null ? read(newRoot) : null;
      const applied = applyFilePatch(f, f.status === 'added' ? null : now);
      if (oldRoot !== null) base.set(oldRoot, applied.text);
    }
    for (const f of files) {
      const oldRoot = f.oldPath !== null ? mapPatchPath(f.oldPath, mapping) : null;
      const newRoot = f.newPath !== null ? mapPatchPath(f.newPath, mapping) : null;
      if (f.binary || (oldRoot === null && newRoot === null)) continue;
      if (oldRoot !== null && oldRoot !== newRoot) {
        changes.set(oldRoot, { path: oldRoot, status: 'deleted', patchPath: f.oldPath!, added: new Set(), patchLines: new Map(), baseText: base.get(oldRoot) ?? null, newText: null });
      }
      if (newRoot !== null) {
        const { added, patchLines } = addedLines(f);
        const b = oldRoot !== null ? base.get(oldRoot) ?? null : null;
        const c: Change = { path: newRoot, status: b === null ? 'added' : 'modified', patchPath: f.newPath!, added, patchLines, baseText: b, newText: read(newRoot) };
        if (oldRoot !== null && oldRoot !== newRoot) c.oldPath = oldRoot;
        changes.set(newRoot, c);
      }
    }
  }
  return { changes: [...changes.values()], overlay, outside };
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

/** Keys that identify a finding independent of line shifts (document findings) or exactly. */
function wholeKey(f: LintFinding): string {
  return `${f.ruleId}\0${f.message}`;
}
function exactKey(f: LintFinding): string {
  return `${f.path}\0${f.line}\0${f.column}\0${f.ruleId}\0${f.message}`;
}

export interface PresubmitResult {
  files: FileReport[];
  /** Documents linted in the patched state. */
  linted: number;
  /** Lines of changed documents (checkpatch's "lines checked"). */
  linesChecked: number;
}

/**
 * Lint the patched tree (the index must already hold the new texts) and keep what the patch
 * introduced. The index is temporarily switched to the base texts of the changed documents to
 * compute the findings that existed before, then switched back.
 */
export function lintChanges(index: ProjectIndex, config: ResolvedConfig, changes: readonly Change[], options: LintOptions = {}): PresubmitResult {
  const changedDocs = new Map<string, 'added' | 'modified'>();
  for (const c of changes) if (c.status !== 'deleted' && c.path.endsWith('.rst')) changedDocs.set(c.path, c.status);

  // Can the patch change findings in other documents? Only through what the index relates:
  // labels, documents appearing or disappearing, toctrees, includes, :orphan:. When the changed
  // documents keep all of that (a prose edit), only they are linted, before and after.
  const afterSig = new Map<string, string>();
  for (const c of changes) afterSig.set(c.path, relationSignature(index, c.path));
  const toBase = () => {
    for (const c of changes) index.update(c.path, c.oldPath ? null : c.baseText);
  };
  const toAfter = () => {
    for (const c of changes) index.update(c.path, c.newText);
  };
  toBase();
  let crossFile = false;
  for (const c of changes) {
    if (c.status === 'deleted' || c.oldPath !== undefined) crossFile = true;
    else if (c.status === 'added') {
      if (index.getFacts(c.path) === undefined && /"explicit"/.test(afterSig.get(c.path) ?? '')) crossFile = true;
      if (!c.path.endsWith('.rst')) crossFile = true; // a new include target, image...
    } else if (relationSignature(index, c.path) !== afterSig.get(c.path)) crossFile = true;
    if (crossFile) break;
  }
  const limit = (paths: string[]): string[] => (options.paths ? paths.filter((p) => options.paths!.includes(p)) : paths);
  const baseChanged = limit(changes.filter((c) => c.baseText !== null).map((c) => c.oldPath ?? c.path));
  const newChanged = limit([...changedDocs.keys()]);
  const before = lintIndex(index, config, crossFile ? { paths: options.paths } : { paths: baseChanged });
  toAfter();
  const after = lintIndex(index, config, { ...options, ...(crossFile ? {} : { paths: newChanged }), changed: changedDocs });

  const baseWhole = new Map<string, Set<string>>();
  const baseExact = new Set<string>();
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
  return { files, linted: after.files.length, linesChecked };
}

/** `git diff REV` in the root's repository, plus the root's prefix inside the repository. */
export function gitDiff(root: string, rev: string): { patch: string; prefix: string } {
  const run = (args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = run(['rev-parse', '--show-prefix']).trim();
  const patch = run(['diff', '--no-color', '--no-ext-diff', '-M', rev, '--', '.']);
  return { patch, prefix };
}
