/**
 * Unified diffs (`git format-patch`, `git diff`, `diff -u`): parsing, in-memory application,
 * reversal, and the added-line map used to keep only findings on lines a patch adds or changes.
 *
 * A malformed patch is a PatchError naming the patch line; nothing throws anything else.
 */

export class PatchError extends Error {
  constructor(
    message: string,
    /** 1-based line of the patch. */
    readonly patchLine: number,
    /** The file section and hunk that did not apply, when it is one (`@@ -a,b +c,d @@`). */
    readonly where?: { file: string; hunk?: string },
  ) {
    super(message);
  }
}

/** A hunk's header as the patch writes it. */
export function hunkHeader(h: Pick<Hunk, 'oldStart' | 'oldCount' | 'newStart' | 'newCount'>): string {
  return `@@ -${h.oldStart},${h.oldCount} +${h.newStart},${h.newCount} @@`;
}

export interface HunkLine {
  op: ' ' | '+' | '-';
  text: string;
  /** 1-based line of the patch holding this line. */
  patchLine: number;
}

export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  lines: HunkLine[];
  /** The old / new side has no final newline (`\ No newline at end of file`). */
  oldNoNewline: boolean;
  newNoNewline: boolean;
  patchLine: number;
}

export interface FilePatch {
  /** Paths as written, without the `a/` / `b/` prefixes; null for /dev/null. */
  oldPath: string | null;
  newPath: string | null;
  status: 'added' | 'deleted' | 'modified' | 'renamed';
  hunks: Hunk[];
  binary: boolean;
  /** Patch line of the file's header. */
  patchLine: number;
}

const HUNK_RE = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function stripPrefix(p: string, prefixed: boolean): string | null {
  let s = p.replace(/\t.*$/, ''); // diff -u puts a timestamp after a tab
  if (s.startsWith('"') && s.endsWith('"')) s = unquote(s);
  if (s === '/dev/null') return null;
  if (prefixed && /^[abciwo]\//.test(s)) s = s.slice(2);
  return s;
}

/** git's C-style quoted paths. */
function unquote(s: string): string {
  const body = s.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) {
      const n = body[i + 1]!;
      if (/[0-7]/.test(n)) {
        bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
        i += 3;
        continue;
      }
      const map: Record<string, number> = { n: 10, t: 9, '"': 34, '\\': 92, a: 7, b: 8, f: 12, r: 13, v: 11 };
      bytes.push(map[n] ?? n.charCodeAt(0));
      i++;
    } else for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Parse every file section of a patch (a series of patches is fine: sections come in order). */
export function parsePatch(text: string): FilePatch[] {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  for (let k = 0; k < lines.length; k++) if (lines[k]!.endsWith('\r')) lines[k] = lines[k]!.slice(0, -1);
  const files: FilePatch[] = [];
  let cur: FilePatch | undefined;
  let sawHeader = false; // `diff --git` seen for cur
  let i = 0;
  const startFile = (line: number): FilePatch => {
    const f: FilePatch = { oldPath: null, newPath: null, status: 'modified', hunks: [], binary: false, patchLine: line };
    files.push(f);
    return f;
  };
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.startsWith('diff --git ')) {
      cur = startFile(i + 1);
      sawHeader = true;
      const m = /^diff --git (?:"((?:[^"\\]|\\.)*)"|(\S+)) (?:"((?:[^"\\]|\\.)*)"|(\S+))$/.exec(line);
      if (m) {
        cur.oldPath = stripPrefix(m[1] !== undefined ? `"${m[1]}"` : m[2]!, true);
        cur.newPath = stripPrefix(m[3] !== undefined ? `"${m[3]}"` : m[4]!, true);
      } else {
        // paths with spaces: `diff --git a/x y b/x y`
        const rest = line.slice('diff --git '.length);
        const half = rest.length >> 1;
        if (rest[half] === ' ' && rest.slice(2, half) === rest.slice(half + 3)) {
          cur.oldPath = stripPrefix(rest.slice(0, half), true);
          cur.newPath = stripPrefix(rest.slice(half + 1), true);
        }
      }
      i++;
      continue;
    }
    if (cur && sawHeader && cur.hunks.length === 0) {
      if (line.startsWith('new file mode')) cur.status = 'added';
      else if (line.startsWith('deleted file mode')) cur.status = 'deleted';
      else if (line.startsWith('rename from ')) {
        cur.oldPath = line.slice('rename from '.length);
        cur.status = 'renamed';
      } else if (line.startsWith('rename to ')) {
        cur.newPath = line.slice('rename to '.length);
        cur.status = 'renamed';
      } else if (line.startsWith('copy from ') || line.startsWith('copy to ')) {
        if (line.startsWith('copy to ')) {
          cur.newPath = line.slice('copy to '.length);
          cur.status = 'added';
        }
      } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') cur.binary = true;
    }
    if (line.startsWith('--- ') && i + 1 < lines.length && lines[i + 1]!.startsWith('+++ ')) {
      if (!cur || !sawHeader || cur.hunks.length) {
        cur = startFile(i + 1);
        sawHeader = false;
      }
      const oldP = stripPrefix(line.slice(4), true);
      const newP = stripPrefix(lines[i + 1]!.slice(4), true);
      if (oldP === null) cur.status = 'added';
      else if (newP === null) cur.status = 'deleted';
      cur.oldPath = oldP ?? (cur.status === 'added' ? null : cur.oldPath);
      cur.newPath = newP ?? (cur.status === 'deleted' ? null : cur.newPath);
      if (cur.status === 'added') cur.oldPath = null;
      if (cur.status === 'deleted') cur.newPath = null;
      i += 2;
      // hunks
      while (i < lines.length && lines[i]!.startsWith('@@')) {
        const hl = lines[i]!;
        const m = HUNK_RE.exec(hl);
        if (!m) throw new PatchError(`malformed hunk header: '${hl}'`, i + 1);
        const hunk: Hunk = {
          oldStart: Number(m[1]),
          oldCount: m[2] === undefined ? 1 : Number(m[2]),
          newStart: Number(m[3]),
          newCount: m[4] === undefined ? 1 : Number(m[4]),
          lines: [],
          oldNoNewline: false,
          newNoNewline: false,
          patchLine: i + 1,
        };
        i++;
        let oldLeft = hunk.oldCount;
        let newLeft = hunk.newCount;
        let last: ' ' | '+' | '-' | undefined;
        while (oldLeft > 0 || newLeft > 0) {
          if (i >= lines.length) throw new PatchError(`hunk ends early: expected ${oldLeft} more old and ${newLeft} more new lines (hunk starts at patch line ${hunk.patchLine})`, i + 1);
          const l = lines[i]!;
          const op = l === '' ? ' ' : l[0]!;
          if (op === '\\') {
            markNoNewline(hunk, last);
            i++;
            continue;
          }
          if (op !== ' ' && op !== '+' && op !== '-') {
            throw new PatchError(`malformed hunk line (expected ' ', '+', '-' or '\\'): expected ${oldLeft} more old and ${newLeft} more new lines of the hunk at patch line ${hunk.patchLine}`, i + 1);
          }
          if (op === ' ') {
            oldLeft--;
            newLeft--;
          } else if (op === '-') oldLeft--;
          else newLeft--;
          if (oldLeft < 0 || newLeft < 0) throw new PatchError(`hunk has more lines than its header @@ -${hunk.oldStart},${hunk.oldCount} +${hunk.newStart},${hunk.newCount} @@ says`, i + 1);
          hunk.lines.push({ op: op as ' ' | '+' | '-', text: l.slice(1), patchLine: i + 1 });
          last = op as ' ' | '+' | '-';
          i++;
        }
        if (i < lines.length && lines[i]!.startsWith('\\')) {
          markNoNewline(hunk, last);
          i++;
        }
        cur.hunks.push(hunk);
      }
      continue;
    }
    if (line.startsWith('@@') && cur && HUNK_RE.test(line)) throw new PatchError('hunk without a file header (--- / +++)', i + 1);
    i++;
  }
  for (const f of files) {
    if (f.status === 'modified' && f.oldPath !== null && f.newPath !== null && f.oldPath !== f.newPath) f.status = 'renamed';
    if (f.oldPath === null && f.newPath === null) throw new PatchError('file header without paths', f.patchLine);
  }
  return files;
}

/** Split into lines, remembering whether the text ended with a newline. */
function splitText(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: false };
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

export interface AppliedFile {
  patch: FilePatch;
  /** Text after the patch (null: deleted). */
  text: string | null;
  /** 1-based new-file line numbers the patch adds or changes. */
  added: Set<number>;
  /** new-file line → patch line (checkpatch's `#N`). */
  patchLines: Map<number, number>;
  /** old line → new line, for the lines the patch keeps (1-based): a later patch of a series
   *  carries the earlier one's added lines through it. */
  kept: Map<number, number>;
  /** How far the hunks are from where they belong: lines they were moved by to apply, plus one
   *  per hunk whose missing trailing/leading context is not at the end/start of the file
   *  (0: every hunk applied exactly as git apply would). */
  drift: number;
}

/** Apply one file's hunks to `oldText` (exact context; hunks may have drifted by some lines). */
export function applyFilePatch(patch: FilePatch, oldText: string | null): AppliedFile {
  const name = patch.newPath ?? patch.oldPath ?? '?';
  const added = new Set<number>();
  const patchLines = new Map<number, number>();
  if (patch.status === 'deleted') return { patch, text: null, added, patchLines, kept: new Map(), drift: 0 };
  if (oldText === null && patch.status !== 'added') {
    throw new PatchError(`patch modifies ${patch.oldPath ?? name}, which does not exist under the root`, patch.patchLine, { file: patch.oldPath ?? name });
  }
  const { lines: old, finalNewline } = splitText(oldText ?? '');
  let endsWithNewline = finalNewline || old.length === 0;
  const out: string[] = [];
  const kept = new Map<number, number>();
  let pos = 0; // index into old
  let drift = 0;
  let moved = 0;
  for (const h of patch.hunks) {
    const oldBlock = h.lines.filter((l) => l.op !== '+').map((l) => l.text);
    let at = h.oldCount === 0 ? h.oldStart : h.oldStart - 1; // 0-based index of the first old line
    at += drift;
    // git apply anchors a hunk without trailing context at the end of the file, and one without
    // leading context starting at line 1 at its start (unless it has no context at all, a -U0
    // diff). Hand-written patches break that, so here it only counts against the direction:
    // a pure addition at the end also applies to a tree that already has it, a deletion at the
    // end also applies in reverse to a tree that still has the lines, but neither at its anchor.
    const lead = h.lines.findIndex((l) => l.op !== ' ');
    const hasContext = h.lines.some((l) => l.op === ' ');
    const atEnd = hasContext && h.lines.length > 0 && h.lines[h.lines.length - 1]!.op !== ' ';
    const atStart = hasContext && lead === 0 && h.oldStart <= 1;
    const matches = (k: number): boolean => {
      if (k < pos || k + oldBlock.length > old.length) return false;
      for (let j = 0; j < oldBlock.length; j++) if (old[k + j] !== oldBlock[j]) return false;
      return true;
    };
    if (!matches(at)) {
      let found = -1;
      for (let d = 1; d <= old.length; d++) {
        if (matches(at - d)) {
          found = at - d;
          break;
        }
        if (matches(at + d)) {
          found = at + d;
          break;
        }
        if (at - d < pos && at + d > old.length) break;
      }
      if (found < 0) {
        throw new PatchError(`patch does not apply to ${patch.oldPath ?? name}: the context/removed lines of hunk ${hunkHeader(h)} were not found`, h.patchLine, {
          file: patch.oldPath ?? name,
          hunk: hunkHeader(h),
        });
      }
      drift += found - at;
      moved += Math.abs(found - at);
      at = found;
    }
    if ((atEnd && at + oldBlock.length !== old.length) || (atStart && at !== 0)) moved++;
    for (; pos < at; pos++) {
      out.push(old[pos]!);
      kept.set(pos + 1, out.length);
    }
    for (const l of h.lines) {
      if (l.op === '-') {
        pos++;
        continue;
      }
      if (l.op === ' ') {
        out.push(old[pos]!);
        kept.set(pos + 1, out.length);
        pos++;
        continue;
      }
      out.push(l.text);
      added.add(out.length);
      patchLines.set(out.length, l.patchLine);
    }
    if (pos >= old.length) endsWithNewline = !h.newNoNewline;
    // context lines map to their patch lines too (checkpatch quotes context as well)
    let n = out.length - h.lines.filter((l) => l.op !== '-').length;
    for (const l of h.lines) if (l.op !== '-') patchLines.set(++n, l.patchLine);
  }
  for (; pos < old.length; pos++) {
    out.push(old[pos]!);
    kept.set(pos + 1, out.length);
  }
  const text = out.length ? out.join('\n') + (endsWithNewline ? '\n' : '') : '';
  return { patch, text, added, patchLines, kept, drift: moved };
}

/** The same patch the other way round (for `--diff`: the working tree is the new side). */
export function reversePatch(files: readonly FilePatch[]): FilePatch[] {
  return [...files].reverse().map((f) => ({
    oldPath: f.newPath,
    newPath: f.oldPath,
    status: f.status === 'added' ? 'deleted' : f.status === 'deleted' ? 'added' : f.status,
    binary: f.binary,
    patchLine: f.patchLine,
    hunks: f.hunks.map((h) => ({
      oldStart: h.newStart,
      oldCount: h.newCount,
      newStart: h.oldStart,
      newCount: h.oldCount,
      oldNoNewline: h.newNoNewline,
      newNoNewline: h.oldNoNewline,
      patchLine: h.patchLine,
      lines: h.lines.map((l) => ({ ...l, op: l.op === '+' ? '-' : l.op === '-' ? '+' : ' ' })),
    })),
  }));
}

/** New-side line numbers that a patch adds, without applying it (for `--diff`). */
export function addedLines(patch: FilePatch): { added: Set<number>; patchLines: Map<number, number> } {
  const added = new Set<number>();
  const patchLines = new Map<number, number>();
  for (const h of patch.hunks) {
    let n = h.newStart - (h.newCount === 0 ? 0 : 1);
    for (const l of h.lines) {
      if (l.op === '-') continue;
      n++;
      patchLines.set(n, l.patchLine);
      if (l.op === '+') added.add(n);
    }
  }
  return { added, patchLines };
}

/** `\ No newline at end of file` applies to the side of the line before it (both for context). */
function markNoNewline(hunk: { oldNoNewline?: boolean; newNoNewline?: boolean }, last: ' ' | '+' | '-' | undefined): void {
  if (last !== '+') hunk.oldNoNewline = true;
  if (last !== '-') hunk.newNoNewline = true;
}
