/**
 * Historical sentences: "`compat_vma_mmap_prepare()` has been renamed to `compat_vma_mmap()`",
 * "`vma_desc_test_flags()` is gone", "the `mmap_complete` and `mmap_abort` hooks ... were never
 * merged", "There is no longer an ``error_hook`` callback". They are not claims that the name
 * exists in the profile — they say the opposite, the way porting.rst is written — so a name such a
 * sentence says is gone is checked the other way round: it must NOT be in the profile, and it must
 * have existed before it (an older profile, the name history, or an unmerged proposal). The new
 * name of a rename is an ordinary mention.
 *
 * Detection works on whitespace-normalised sentences (sentences.ts), so a wrapped sentence reads as
 * one; the names a sentence declares gone are those of its clause before a passive marker ("X has
 * been renamed", "X and Y were never merged", "X is no longer exported") or after a forward one
 * ("there is no longer an X", "renamed X to Y"). Linear scans and bounded regexes only.
 */
import {
  PROFILE_NAMES, availability, isKnownAnywhere, lookup, nameHistory, structsWithMember, whereDefined,
} from '../../model/surface/index.js';
import type { SurfaceProfileName } from '../../model/surface/index.js';
import type { Mention } from './mentions.js';
import type { Region } from './regions.js';
import { regionSentences, sourceRange } from './sentences.js';
import { DISTINCTIVE_MEMBERS, STRICT_PREFIXES, isPlaceholder } from './identifiers.js';

/** What a sentence says became of a name. `replaced` is loose prose ("calls to X are replaced by
 *  Y" while X lives on), so it only exempts the name; the others also report a name still there. */
export type HistoryKind = 'renamed' | 'removed' | 'never-merged' | 'replaced';

export interface HistoricalSpan {
  /** Source range whose mentions are the names declared gone. */
  start: number;
  end: number;
  kind: HistoryKind;
  /** The marker as written (normalised), for messages. */
  marker: string;
}

/** Cheap test on a region's raw text before its sentences are built. */
const MAYBE = /renamed|replaced|removed|gone|never|no\s+longer|dropped|deleted|retired/i;

/** Old names before the marker ("X has been renamed"). */
const PASSIVE = new RegExp(
  [
    String.raw`\b(?:has|have|had)\s+(?:now\s+|since\s+)?been\s+(?<a>renamed|replaced|removed|dropped|deleted|retired)\b`,
    String.raw`\b(?:was|were|is|are|got|been)\s+(?:now\s+|since\s+|later\s+|then\s+|all\s+)?(?<b>renamed|replaced|removed|dropped|deleted|retired|gone)\b`,
    String.raw`\b(?<c>never)\s+(?:been\s+|got\s+|was\s+|were\s+)?(?:merged|upstreamed|landed|applied)\b`,
    String.raw`\bno\s+longer\s+(?<d>exists?|exported|available|present|provided|supported|public|there|part\s+of)\b`,
  ].join('|'),
  'giu',
);

/** Old names after the marker ("there is no longer an X"; "renamed X to Y"). */
const FORWARD = /\bthere\s+(?:is|are)\s+no\s+longer\s+(?:an?\s+|any\s+)?|\b(?:renamed|renames|renaming)\s+(?=\S)/giu;

/** Clause boundaries inside a sentence. */
const BOUNDARY = /;|:(?!:)|\s[-–—]{1,2}\s|,\s*(?:but|so|use|while|whereas|which)\b|\b(?:when|whenever|if|after|before|once|until|unless|because)\s/giu;

function kindOf(word: string): HistoryKind {
  const w = word.toLowerCase();
  if (w === 'renamed') return 'renamed';
  if (w === 'replaced') return 'replaced';
  if (w === 'never') return 'never-merged';
  return 'removed';
}

/** Source spans of the names each historical sentence of a prose region declares gone. */
export function historicalSpans(region: Region): HistoricalSpan[] {
  if (region.kind !== 'prose' || !MAYBE.test(region.text)) return [];
  const out: HistoricalSpan[] = [];
  for (const s of regionSentences(region)) {
    if (!MAYBE.test(s.text)) continue;
    const bounds: number[] = [];
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(s.text); m; m = BOUNDARY.exec(s.text)) bounds.push(m.index, m.index + m[0].length);
    const clauseStart = (i: number): number => {
      let b = 0;
      for (let k = 1; k < bounds.length; k += 2) if (bounds[k]! <= i) b = bounds[k]!;
      return b;
    };
    const clauseEnd = (i: number): number => {
      for (let k = 0; k < bounds.length; k += 2) if (bounds[k]! >= i) return bounds[k]!;
      return s.text.length;
    };
    PASSIVE.lastIndex = 0;
    // a clause's names start after the previous marker (and after a rename's new name)
    let prevEnd = 0;
    for (let m = PASSIVE.exec(s.text); m; m = PASSIVE.exec(s.text)) {
      const g = m.groups ?? {};
      const word = g.a ?? g.b ?? g.c ?? 'removed';
      const from = Math.max(clauseStart(m.index), prevEnd);
      prevEnd = m.index + m[0].length;
      const next = /^\s+(?:to|with|by|into|as)\s+\S+/i.exec(s.text.slice(prevEnd, prevEnd + 120));
      if (next && (word === 'renamed' || word === 'replaced')) prevEnd += next[0].length;
      if (from >= m.index) continue;
      const [a, b] = sourceRange(s, from, m.index);
      out.push({ start: a, end: b, kind: kindOf(word), marker: m[0] });
    }
    FORWARD.lastIndex = 0;
    for (let m = FORWARD.exec(s.text); m; m = FORWARD.exec(s.text)) {
      const from = m.index + m[0].length;
      let to = clauseEnd(from);
      const rename = /^renam/i.test(m[0]);
      if (!rename) {
        // "there is no longer an X callback in struct Y": the name ends at the first preposition
        const stop = s.text.slice(from, to).search(/\s(?:in|of|for|from|on|at|within|inside|with|to|because|since)\s/i);
        if (stop >= 0) to = from + stop;
      }
      if (rename) {
        // "renamed X to Y": X is old, Y is new; a passive "was renamed to Y" was handled above
        if (/\b(?:has|have|had|was|were|is|are|got|been)\s+(?:now\s+|since\s+)?$/i.test(s.text.slice(Math.max(0, m.index - 12), m.index))) continue;
        const to2 = s.text.slice(from, to).search(/\s(?:to|into|as)\s/i);
        if (to2 < 0) continue;
        to = from + to2;
      }
      if (to <= from) continue;
      const [a, b] = sourceRange(s, from, to);
      out.push({ start: a, end: b, kind: rename ? 'renamed' : 'removed', marker: m[0].trim() });
    }
  }
  return out;
}

const RANK: Record<SurfaceProfileName, number> = {
  '6.12': 612, '6.17': 617, '6.18': 618, '6.19': 619, '7.1': 710, 'mm-new': 799,
  // posted in 2025-09, during 6.18's cycle
  'proposal-2025-09': 617.5,
};

function versionRank(v: string): number {
  if (v === 'mm-new') return 799;
  const m = /^(\d+)\.(\d+)/.exec(v);
  return m ? Number(m[1]) * 100 + Number(m[2]) : Number.POSITIVE_INFINITY;
}

/** The keys a mention may be known under (`struct.member` for members and distinctive bare names). */
function keysOf(m: Mention): string[] {
  if (m.kind === 'member' || m.kind === 'initializer') return m.struct ? [`${m.struct}.${m.name}`] : [];
  if (m.kind === 'struct') return [m.name];
  const keys = [m.name];
  if (DISTINCTIVE_MEMBERS.has(m.name)) {
    for (const s of ['file_operations', 'mmap_action', 'vm_area_desc', 'vm_operations_struct']) keys.push(`${s}.${m.name}`);
  }
  return keys;
}

function inScope(m: Mention): boolean {
  if (isPlaceholder(m.name)) return false;
  if (m.kind === 'member' || m.kind === 'initializer') return !!m.struct && whereDefined(m.struct).length > 0;
  return keysOf(m).some((k) => isKnownAnywhere(k)) || DISTINCTIVE_MEMBERS.has(m.name) || STRICT_PREFIXES.some((p) => m.name.startsWith(p));
}

function existsIn(profile: SurfaceProfileName, m: Mention): boolean {
  if (m.kind === 'ident' || m.kind === 'call') {
    if (lookup(profile, m.name)) return true;
    return DISTINCTIVE_MEMBERS.has(m.name) && structsWithMember(profile, m.name).length > 0;
  }
  return keysOf(m).some((k) => !!lookup(profile, k));
}

/** Did the name exist before `profile` (an older profile, the history, an unmerged proposal)? */
function existedBefore(profile: SurfaceProfileName, m: Mention): boolean {
  const r = RANK[profile];
  for (const k of keysOf(m)) {
    if (whereDefined(k).some((p) => RANK[p] < r)) return true;
    const h = nameHistory(k);
    if (h && (h.since === 'never' || versionRank(h.since ?? '') < r)) return true;
  }
  return false;
}

/** Could a historical sentence change the verdict on this mention, which the ordinary check lets
 *  pass? Only for a name that some profile lacks (the only kind `checkHistorical` reports). */
export function historyMatters(m: Mention): boolean {
  if (!inScope(m)) return false;
  return keysOf(m).some((k) => !!nameHistory(k) || (whereDefined(k).length > 0 && whereDefined(k).length < PROFILE_NAMES.length));
}

export type HistoricalVerdict =
  | { verdict: 'consistent' }
  | { verdict: 'unknown' }
  | { verdict: 'issue'; key: string; message: string };

const WHAT: Record<HistoryKind, string> = {
  renamed: 'was renamed', removed: 'is gone', 'never-merged': 'was never merged', replaced: 'was replaced',
};

/**
 * Check a name that a historical sentence declares gone, against `profile`: consistent when it is
 * absent and existed before; an issue when the profile still has it (not for `replaced`), or when
 * it only appears after the profile; unknown (left to the ordinary check: a typo) otherwise.
 */
export function checkHistorical(profile: SurfaceProfileName, m: Mention, span: HistoricalSpan): HistoricalVerdict {
  if (!inScope(m)) return { verdict: 'consistent' };
  const key = keysOf(m).find((k) => isKnownAnywhere(k)) ?? m.name;
  const avail = availability(key);
  if (existsIn(profile, m)) {
    // a name every profile has (`file_operations`, `vm_ops->close`) is not what such a sentence
    // retires: "since the file_operations are gone now" speaks of a driver's code
    const varies = keysOf(m).some((k) => !!nameHistory(k) || (whereDefined(k).length > 0 && whereDefined(k).length < PROFILE_NAMES.length));
    if (span.kind === 'replaced' || !varies) return { verdict: 'consistent' };
    return {
      verdict: 'issue', key,
      message: `this says \`${m.name}\` ${WHAT[span.kind]}, but the ${profile} API still has it${avail ? ` (${avail})` : ''}`,
    };
  }
  if (existedBefore(profile, m)) return { verdict: 'consistent' };
  if (keysOf(m).some((k) => whereDefined(k).length > 0 || !!nameHistory(k))) {
    return {
      verdict: 'issue', key,
      message: `this says \`${m.name}\` ${WHAT[span.kind]}, but no kernel up to ${profile} had it${avail ? ` (${avail})` : ''}`,
    };
  }
  return { verdict: 'unknown' };
}
