/**
 * Applying TextEdits: non-overlapping edits are applied from the end of the text, so earlier
 * offsets stay valid; an edit that overlaps or touches one of another finding already accepted is
 * skipped (it is retried on the next `--fix` pass, against the new text).
 */
import { chmodSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { TextEdit } from './types.js';

export interface ApplyResult {
  text: string;
  applied: number;
  skipped: number;
}

/** Apply groups of edits (one group per finding: all or nothing) to `text`. */
export function applyFixes(text: string, groups: readonly (readonly TextEdit[])[]): ApplyResult {
  const accepted: TextEdit[] = [];
  let applied = 0;
  let skipped = 0;
  const overlaps = (a: TextEdit, b: TextEdit): boolean => {
    const as = a.range.start.offset;
    const ae = a.range.end.offset;
    const bs = b.range.start.offset;
    const be = b.range.end.offset;
    if (as === ae && bs === be) return as === bs; // two insertions at one place: ambiguous order
    return as < be && bs < ae || (as === ae && as > bs && as < be) || (bs === be && bs > as && bs < ae);
  };
  // Edits of two findings that touch (`:c:macro::` + `` `x` ``) are never applied in one pass:
  // each was computed against the text without the other, and together they can make markup
  // neither rule meant (`:c:macro:``x```). The later one is retried on the next pass, against the
  // new text — where it may no longer apply.
  const touches = (a: TextEdit, b: TextEdit): boolean =>
    overlaps(a, b) || (a.range.start.offset <= b.range.end.offset && b.range.start.offset <= a.range.end.offset);
  for (const group of groups) {
    if (!group.length) continue;
    const valid = group.every((e) => e.range.start.offset >= 0 && e.range.end.offset <= text.length && e.range.start.offset <= e.range.end.offset);
    const clash = !valid || group.some((e) => accepted.some((a) => touches(a, e))) || group.some((e, i) => group.some((f, j) => i < j && overlaps(e, f)));
    if (clash) {
      skipped++;
      continue;
    }
    // an edit that changes nothing is not a fix
    if (group.every((e) => text.slice(e.range.start.offset, e.range.end.offset) === e.newText)) continue;
    accepted.push(...group);
    applied++;
  }
  // Non-overlapping, so applying from the end equals one left-to-right splice (linear time).
  accepted.sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
  const parts: string[] = [];
  let pos = 0;
  for (const e of accepted) {
    parts.push(text.slice(pos, e.range.start.offset), e.newText);
    pos = e.range.end.offset;
  }
  parts.push(text.slice(pos));
  return { text: parts.join(''), applied, skipped };
}

/**
 * Writing fixed files so that an interrupted run never leaves a file half-written: each text goes
 * to a temporary file in the same directory (same file system), which is then renamed over the
 * original — a file is either entirely old or entirely fixed. A symbolic link is followed (the
 * file it points to is replaced, the link stays) and the file's mode is kept.
 */

export function writeFileAtomic(file: string, text: string | Uint8Array): void {
  let target = file;
  try {
    target = realpathSync(file);
  } catch {
    /* a new file: written where asked */
  }
  const dir = nodePath.dirname(target);
  const tmp = nodePath.join(dir, `.${nodePath.basename(target)}.kdocs-${process.pid}-${Date.now().toString(36)}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const fd = openSync(tmp, 'wx', mode ?? 0o644);
  try {
    try {
      const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
      for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export interface WriteOutcome {
  /** Files replaced by their fixed text, in order. */
  written: string[];
  /** The run was interrupted before every file was written. */
  interrupted: boolean;
}

/**
 * Write the fixed files one at a time, giving the event loop a turn between files so that a
 * SIGINT is seen: `stop()` is asked before each file, and once it says so nothing more is written.
 */
export async function writeFixedFiles(files: readonly (readonly [string, string | Uint8Array])[], stop: () => boolean): Promise<WriteOutcome> {
  const written: string[] = [];
  for (const [file, text] of files) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stop()) return { written, interrupted: true };
    writeFileAtomic(file, text);
    written.push(file);
  }
  return { written, interrupted: false };
}
