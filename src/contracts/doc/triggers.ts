/**
 * The contract rules' pre-filter: one pass over a document's source text that says whether any of
 * them can report anything there. Most kernel documents never name the mm hook API; the rules
 * then skip them before building regions, finding mentions or splitting sentences.
 *
 * The pass looks for a set of trigger strings, every one derived from the tables the rules
 * themselves use (the API surfaces and name history of src/model/surface, identifiers.ts,
 * mentions.ts, the contracts' phrasings) — never a hand-kept word list — so that a document
 * without any trigger provably has no finding:
 *
 * - contract-identifier reports a bare name (`ident`/`call` mention) only when it is a distinctive
 *   member, starts with an API prefix, or is a known name that some profile lacks or the history
 *   records; a `struct X` only when X is known but not a struct/enum/type in every profile, or is
 *   within edit distance 2 of an mm struct (checked at each `struct`/`enum`/`union` keyword); a
 *   member only of a struct that has recorded members or is listed completely somewhere — whose
 *   object is that struct's name (a declaration, an initialiser), a conventional object name
 *   (`vma`, `fops`...) or a member leading to it (`f_op`, `vm_ops`). Members guessed from `desc`
 *   and `action` need the document to name the descriptor API (`keepMention`): those names are
 *   triggers as plain substrings, so `desc` and `action` need not be.
 * - contract-signature checks listings of a profile's structs, function pointers named after a
 *   distinctive hook (`(*mapped)`) or near a profile struct's name, and calls of a profile's helpers.
 * - contract-field-class checks members of `vm_area_desc` only.
 * - contract-behaviour runs a phrasing only on a paragraph holding all its required words
 *   (requirements.ts): the document must hold them too (case-insensitive, as the rule lower-cases).
 *
 * Identifier triggers are matched case-sensitively at identifier boundaries (what `findMentions`
 * reads as one name); the comments and whitespace that the mention finder's blanked code would
 * skip between a name and its `(` or `)` are skipped here too. The pass is an Aho–Corasick
 * automaton over the lower-cased text (linear, one table load per character).
 */
import {
  ALL_NAMES, NAME_HISTORY, PROFILE_NAMES, editDistance, isKnownAnywhere, lookup, nameHistory, surfaces,
} from '../../model/surface/index.js';
import type { ParsedDocument } from '../../rst/parse.js';
import { contracts } from '../load.js';
import { DISTINCTIVE_HOOKS, DISTINCTIVE_MEMBERS, MM_STRUCTS, STRICT_PREFIXES } from './identifiers.js';
import { DESC_API_NAMES, DESC_API_STRUCTS, isJsSpace, isWordCode, MEMBER_STRUCT, OBJECT_STRUCT } from './mentions.js';
import { requirements } from './requirements.js';
import { docCache } from '../../lint/doc-caches.js';

/** How a match of a trigger is confirmed in the original text. */
export type TriggerCheck =
  /** the exact text anywhere */
  | 'substring'
  /** a whole identifier */
  | 'token'
  /** the start of an identifier */
  | 'prefix'
  /** a whole identifier followed by `(` (a call) */
  | 'call'
  /** a whole identifier followed by `)` (the name of a function pointer, `(*name)(`) */
  | 'hook'
  /** `struct`/`enum`/`union` followed by a name `structNameMatters` accepts */
  | 'keyword'
  /** a required word of a behaviour phrasing: anywhere, any case */
  | 'word';

export interface Trigger {
  text: string;
  check: TriggerCheck;
  /** why it is a trigger (tests and the README read it) */
  why: string;
}

/** What the pass found in one document. */
export interface ContractTriggers {
  /** contract-identifier, contract-signature and contract-field-class may report here. */
  names: boolean;
  /** The behaviour phrasings' required words present in the text (lower case; made when asked). */
  readonly words: ReadonlySet<string>;
  /** Per trigger (index into `contractTriggerList()`): 1 where a word trigger was found. */
  found: Uint8Array;
}

/** Work counters: documents scanned, and documents each group of rules went on to examine. */
export const triggerStats = { scanned: 0, names: 0, phrasings: 0 };

/** `bypass`: every document passes (the tests compare the rules' findings with and without the
 *  pre-filter on the same documents). */
export const triggerOptions = { bypass: false };

// --- the trigger set ---------------------------------------------------------------------------

/** Known bare names every profile has with the same kind of type, with no recorded history. */
function stableInEveryProfile(name: string, typeOnly: boolean): boolean {
  if (nameHistory(name)) return false;
  for (const p of PROFILE_NAMES) {
    const e = lookup(p, name);
    if (!e) return false;
    if (typeOnly && e.kind !== 'struct' && e.kind !== 'enum' && e.kind !== 'type') return false;
  }
  return true;
}

/** Can `struct X` (or `enum X`, `union X`) give contract-identifier a finding in some profile? */
export function structNameMatters(name: string): boolean {
  let yes = STRUCT_NAMES.get(name);
  if (yes === undefined) {
    if (isKnownAnywhere(name)) yes = !stableInEveryProfile(name, true);
    else {
      yes = false;
      for (const s of MM_STRUCTS) if (s !== name && editDistance(name, s, 2) <= 2) yes = true;
    }
    // (a whole tree names a few thousand different structs after `struct`, tens of thousands of times)
    if (STRUCT_NAMES.size < 50_000) STRUCT_NAMES.set(name, yes);
  }
  return yes;
}
const STRUCT_NAMES = new Map<string, boolean>();

/** Structs a member mention can be reported for: ones with recorded members (`S.m` in a profile
 *  or the history), or listed completely in some profile (any near-miss member is reported). */
function reportableStructs(): Set<string> {
  const out = new Set<string>();
  const names = [...ALL_NAMES, ...NAME_HISTORY.map((h) => h.name)];
  for (const n of names) {
    const dot = n.indexOf('.');
    if (dot > 0) out.add(n.slice(0, dot));
  }
  for (const p of PROFILE_NAMES) for (const st of Object.values(surfaces[p].structs)) if (st.complete) out.add(st.name);
  return out;
}

let triggerList: Trigger[] | undefined;

/** Every trigger, de-duplicated (the strictest check of a text wins only when it is implied by
 *  a looser one: a text with two checks keeps both). */
export function contractTriggerList(): Trigger[] {
  if (triggerList) return triggerList;
  const list: Trigger[] = [];
  const seen = new Set<string>();
  const add = (text: string, check: TriggerCheck, why: string): void => {
    const key = `${check}\0${check === 'word' ? text.toLowerCase() : text}`;
    if (seen.has(key)) return;
    seen.add(key);
    list.push({ text: check === 'word' ? text.toLowerCase() : text, check, why });
  };
  // names the descriptor API test reads as substrings (keepMention): before any token trigger
  for (const n of DESC_API_NAMES) add(n, 'substring', 'names the descriptor API (mentionsDescApi)');
  for (const p of STRICT_PREFIXES) add(p, 'prefix', 'API prefix (identifiers.ts STRICT_PREFIXES)');
  for (const n of DISTINCTIVE_MEMBERS) add(n, 'token', 'distinctive member (identifiers.ts)');
  const bare = new Set<string>();
  for (const n of ALL_NAMES) if (!n.includes('.')) bare.add(n);
  for (const h of NAME_HISTORY) if (!h.name.includes('.')) bare.add(h.name);
  for (const n of bare) if (!stableInEveryProfile(n, false)) add(n, 'token', 'a name some profile lacks, or with a history');
  for (const k of ['struct', 'enum', 'union']) add(k, 'keyword', 'struct name check (structNameMatters)');
  const structs = reportableStructs();
  for (const p of PROFILE_NAMES) for (const st of Object.keys(surfaces[p].structs)) structs.add(st);
  const descApi = new Set(DESC_API_STRUCTS);
  for (const s of structs) add(s, 'token', 'a struct whose members are checked (declaration, initialiser, listing, ops table)');
  for (const [obj, s] of Object.entries(OBJECT_STRUCT)) {
    // members guessed from these objects are dropped unless the descriptor API is named
    if (structs.has(s) && !descApi.has(s)) add(obj, 'token', `conventional name of a ${s} pointer`);
  }
  for (const [key, s] of Object.entries(MEMBER_STRUCT)) {
    const [from, member] = key.split('.') as [string, string];
    if (!structs.has(s)) continue;
    // reached from a guessed descriptor: dropped as above; from a declared one: its name is there
    if (descApi.has(s) && descApi.has(from)) continue;
    add(member, 'token', `member leading to ${s}`);
  }
  for (const h of DISTINCTIVE_HOOKS) add(h, 'hook', 'function pointer of a distinctive hook');
  for (const p of PROFILE_NAMES) for (const h of Object.values(surfaces[p].helpers)) add(h.name, 'call', 'call of a helper (argument count)');
  for (const c of contracts()) {
    for (const place of c.docPlaces) {
      for (const ph of place.phrasings) for (const alts of requirements(ph.pattern)) for (const w of alts) add(w, 'word', `required by a phrasing of ${c.id}`);
    }
  }
  triggerList = list;
  return list;
}

// --- the automaton -----------------------------------------------------------------------------

/** Symbols: 0 any other character, 1–26 letters (either case), 27–36 digits, 37 `_`. */
const NSYM = 38;
const SYM = new Uint8Array(128);
for (let c = 97; c <= 122; c++) SYM[c] = SYM[c - 32] = c - 96;
for (let c = 48; c <= 57; c++) SYM[c] = c - 48 + 27;
SYM[95] = 37;
/** Characters outside ASCII that lower-case to an ASCII letter: KELVIN SIGN → k, and LATIN
 *  CAPITAL LETTER I WITH DOT ABOVE → i + a combining dot (the dot ends a word). */
const KELVIN = 0x212a;
const I_DOT = 0x130;

interface Automaton {
  /** transitions: `delta[state + symbol]` is the next state; states are numbered times NSYM,
   *  and those where a trigger ends come last (from `firstOut` on), so the pass tests one number */
  delta: Int32Array;
  firstOut: number;
  /** per state (divided by NSYM): indexes into the trigger list of the triggers that end there */
  out: (number[] | undefined)[];
  triggers: Trigger[];
  /** per state (as numbered in `delta`), during one scan: nothing is left to learn there (its
   *  words found; its identifiers confirmed elsewhere or moot) — "with" or "struct" end thousands
   *  of times in a document. `marked` lists the states to clear after the scan. */
  settled: Uint8Array;
  marked: number[];
}

/** Work counter: positions where the pass looked at the triggers ending there. */
export const automatonStats = { outputs: 0 };

let automaton: Automaton | undefined;

function build(): Automaton {
  const triggers = contractTriggerList();
  const next: number[][] = [[]];
  const outs: (number[] | undefined)[] = [undefined];
  triggers.forEach((t, id) => {
    let s = 0;
    for (const ch of t.text.toLowerCase()) {
      const c = ch.charCodeAt(0);
      const k = c < 128 ? SYM[c]! : 0;
      if (k === 0) throw new Error(`contract trigger '${t.text}' has a character outside [A-Za-z0-9_]`);
      let n = next[s]![k];
      if (n === undefined) {
        n = next.length;
        next.push([]);
        outs.push(undefined);
        next[s]![k] = n;
      }
      s = n;
    }
    (outs[s] ??= []).push(id);
  });
  const states = next.length;
  const goto = new Int32Array(states * NSYM);
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (let k = 1; k < NSYM; k++) {
    const n = next[0]![k];
    if (n !== undefined) {
      goto[k] = n;
      queue.push(n);
    }
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    const f = fail[s]!;
    const fo = outs[f];
    if (fo) outs[s] = [...(outs[s] ?? []), ...fo];
    for (let k = 1; k < NSYM; k++) {
      const n = next[s]![k];
      if (n !== undefined) {
        fail[n] = goto[f * NSYM + k]!;
        goto[s * NSYM + k] = n;
        queue.push(n);
      } else goto[s * NSYM + k] = goto[f * NSYM + k]!;
    }
  }
  // renumber: states without output first (the root stays 0), then the others
  const id = new Int32Array(states);
  let m = 0;
  for (let s = 0; s < states; s++) if (!outs[s]) id[s] = m++;
  const firstOut = m;
  for (let s = 0; s < states; s++) if (outs[s]) id[s] = m++;
  const delta = new Int32Array(states * NSYM);
  const out: (number[] | undefined)[] = new Array(states).fill(undefined);
  for (let s = 0; s < states; s++) {
    const row = id[s]! * NSYM;
    for (let k = 0; k < NSYM; k++) delta[row + k] = id[goto[s * NSYM + k]!]! * NSYM;
    out[id[s]!] = outs[s];
  }
  return { delta, firstOut: firstOut * NSYM, out, triggers, settled: new Uint8Array(states * NSYM), marked: [] };
}

/** Past whitespace and C comments (which the mention finder's blanked code turns into spaces). */
function skipBlank(raw: string, i: number): number {
  const n = raw.length;
  for (;;) {
    while (i < n && isJsSpace(raw.charCodeAt(i))) i++;
    // (bounds checked first: a read past the end deoptimises the compiled pass)
    if (i >= n || raw.charCodeAt(i) !== 47 /* / */) return i;
    const d = i + 1 < n ? raw.charCodeAt(i + 1) : -1;
    if (d === 42 /* * */) {
      const j = raw.indexOf('*/', i + 2);
      i = j < 0 ? n : j + 2;
    } else if (d === 47) {
      const j = raw.indexOf('\n', i);
      i = j < 0 ? n : j;
    } else return i;
  }
}

/** Is the identifier trigger `t`, whose last character is at `end - 1`, there as its check says? */
function confirm(raw: string, t: Trigger, end: number): boolean {
  const start = end - t.text.length;
  if (!raw.startsWith(t.text, start)) return false; // a different case, or a KELVIN SIGN
  if (t.check === 'substring') return true;
  if (start > 0 && isWordCode(raw.charCodeAt(start - 1))) return false;
  if (t.check === 'prefix') return true;
  if (end < raw.length && isWordCode(raw.charCodeAt(end))) return false;
  if (t.check === 'token') return true;
  const after = skipBlank(raw, end);
  if (after >= raw.length) return false;
  if (t.check === 'call') return raw.charCodeAt(after) === 40 /* ( */;
  if (t.check === 'hook') return raw.charCodeAt(after) === 41 /* ) */;
  // keyword: the name after it
  const c0 = raw.charCodeAt(after);
  if (!isWordCode(c0) || c0 <= 57) return false;
  let e = after + 1;
  while (e < raw.length && isWordCode(raw.charCodeAt(e))) e++;
  // (most names after `struct` have a length no name that matters has: no string, no look-up)
  const lengths = (matterLengths ??= nameLengthsThatMatter());
  if (e - after >= lengths.length || lengths[e - after] !== 1) return false;
  return structNameMatters(raw.slice(after, e));
}

let matterLengths: Uint8Array | undefined;

/** 1 at the lengths of the names `structNameMatters` may accept: a known name it accepts, or any
 *  length within two of an mm struct's (an unknown name within two edits of one). */
function nameLengthsThatMatter(): Uint8Array {
  const known = [...ALL_NAMES, ...NAME_HISTORY.map((h) => h.name)].filter((n) => !n.includes('.') && structNameMatters(n));
  let max = 0;
  for (const n of [...known, ...MM_STRUCTS]) max = Math.max(max, n.length + 2);
  const out = new Uint8Array(max + 1);
  for (const n of known) out[n.length] = 1;
  for (const s of MM_STRUCTS) for (let d = -2; d <= 2; d++) if (s.length + d >= 0) out[s.length + d] = 1;
  return out;
}

/** Scan a text (exported for tests; rules use `contractTriggers`). */
export function scanContractTriggers(raw: string): ContractTriggers {
  const a = (automaton ??= build());
  // words found (a flag per trigger: the common ones, "have", "with", occur thousands of times)
  const found = new Uint8Array(a.triggers.length);
  let names: boolean;
  try {
    names = runAutomaton(a, raw, found);
  } finally {
    for (const st of a.marked) a.settled[st] = 0;
    a.marked.length = 0;
  }
  let words: Set<string> | undefined;
  return {
    names,
    found,
    // (the rules ask by trigger index, `possiblePhrasings`: no set of strings per document)
    get words(): ReadonlySet<string> {
      if (!words) {
        words = new Set();
        for (let id = 0; id < found.length; id++) if (found[id] !== 0) words.add(a.triggers[id]!.text);
      }
      return words;
    },
  };
}

/** The pass itself (its own function: only this loop is hot). Returns whether an identifier
 *  trigger was confirmed; flags the words found. */
function runAutomaton(a: Automaton, raw: string, found: Uint8Array): boolean {
  const { delta, firstOut, settled } = a;
  let names = false;
  let s = 0;
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 128) s = delta[s + SYM[c]!]!;
    else if (c === KELVIN) s = delta[s + 11]!; // k
    else if (c === I_DOT) {
      // 'i' then a combining dot: a word may end at the i, not go on through it
      s = delta[s + 9]!;
      if (s >= firstOut) outputs(a, raw, s, i, found, true, false);
      s = 0;
      continue;
    } else s = 0;
    if (s >= firstOut && settled[s] === 0 && outputs(a, raw, s, i, found, names, true)) names = true;
  }
  return names;
}

/** The triggers ending at `i` in state `s`: flags words; confirms identifiers unless `done`.
 *  With `settle`, marks the state settled when it has nothing left to give in this text. */
function outputs(a: Automaton, raw: string, s: number, i: number, found: Uint8Array, done: boolean, settle: boolean): boolean {
  automatonStats.outputs++;
  const o = a.out[s / NSYM]!;
  let yes = false;
  // an identifier not confirmed here may be at a later place
  let open = false;
  for (let j = 0; j < o.length; j++) {
    const id = o[j]!;
    if (found[id] !== 0) continue;
    const t = a.triggers[id]!;
    if (t.check === 'word') found[id] = 1;
    else if (!done && !yes) {
      if (confirm(raw, t, i + 1)) yes = true;
      else open = true;
    }
  }
  if (settle && !open) {
    a.settled[s] = 1;
    a.marked.push(s);
  }
  return yes;
}

const CACHE = docCache<ContractTriggers>();

/** The triggers of a document's own text, scanned once for all the contract rules. */
export function contractTriggers(doc: ParsedDocument): ContractTriggers {
  let hit = CACHE.get(doc);
  if (!hit) {
    triggerStats.scanned++;
    hit = scanContractTriggers(doc.source.raw);
    CACHE.set(doc, hit);
  }
  return hit;
}

/** May contract-identifier, contract-signature or contract-field-class report in this document? */
export function mayReportNames(doc: ParsedDocument): boolean {
  if (triggerOptions.bypass) return true;
  const yes = contractTriggers(doc).names;
  if (yes) countOnce(doc, 'names');
  return yes;
}

/** The phrasings (with their required words, `requirements()`) that may match somewhere in this
 *  document: those whose every requirement has a word in its text. */
export function possiblePhrasings<T extends { reqs: readonly (readonly string[])[] }>(doc: ParsedDocument, list: readonly T[]): readonly T[] {
  let out: readonly T[] = list;
  if (!triggerOptions.bypass) {
    const { found } = contractTriggers(doc);
    const ids = wordIdsOf(list);
    out = list.filter((ph, i) => ph.reqs.length === 0 || ids[i]!.every((alts) => alts.some((id) => id >= 0 && found[id] !== 0)));
  }
  if (out.length) countOnce(doc, 'phrasings');
  return out;
}

/** The trigger index of each required word of each phrasing of a list (-1: a word that is no
 *  trigger, never found), made once per list. */
const WORD_IDS = new WeakMap<object, number[][][]>();
function wordIdsOf(list: readonly { reqs: readonly (readonly string[])[] }[]): number[][][] {
  let ids = WORD_IDS.get(list);
  if (!ids) {
    const byWord = new Map<string, number>();
    contractTriggerList().forEach((t, id) => {
      if (t.check === 'word' && !byWord.has(t.text)) byWord.set(t.text, id);
    });
    ids = list.map((ph) => ph.reqs.map((alts) => alts.map((w) => byWord.get(w) ?? -1)));
    WORD_IDS.set(list, ids);
  }
  return ids;
}

const COUNTED = docCache<Set<string>>();
function countOnce(doc: ParsedDocument, what: 'names' | 'phrasings'): void {
  let set = COUNTED.get(doc);
  if (!set) COUNTED.set(doc, (set = new Set()));
  if (set.has(what)) return;
  set.add(what);
  triggerStats[what]++;
}
