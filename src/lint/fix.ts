/**
 * Applying TextEdits: non-overlapping edits are applied from the end of the text, so earlier
 * offsets stay valid; an edit that overlaps one already accepted is skipped (it is retried on the
 * next `--fix` pass, against the new text).
 */
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
  for (const group of groups) {
    if (!group.length) continue;
    const valid = group.every((e) => e.range.start.offset >= 0 && e.range.end.offset <= text.length && e.range.start.offset <= e.range.end.offset);
    const clash = !valid || group.some((e) => accepted.some((a) => overlaps(a, e))) || group.some((e, i) => group.some((f, j) => i < j && overlaps(e, f)));
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
