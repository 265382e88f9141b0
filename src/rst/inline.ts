/**
 * docutils' Inliner (docutils/parsers/rst/states.py, 0.19) as a linear scanner.
 *
 * docutils finds inline markup with one big regular expression (start-strings and whole
 * constructs behind a look-behind for the start-string prefix), then searches end-strings with
 * smaller ones, and finally looks for standalone URIs in the text left over. This module makes the
 * same decisions character by character:
 *
 * - the text is "escaped" first (each escaping backslash becomes a NUL marker; indices unchanged);
 * - after every construct docutils continues on the *rest* of the string, so the position where
 *   scanning resumes counts as a string start for the look-behind (`base` below);
 * - end-string searches return the first match, and a match right at the start-string's end
 *   counts as "no end-string" (docutils tests `endmatch.start(1)`);
 * - end-string searches are memoised per kind so a paragraph full of unmatched start-strings
 *   stays linear.
 *
 * Speed: a text block with none of the characters markup needs (MAY_HOLD_MARKUP) is one text
 * leaf at once. Otherwise the scan jumps from one start-string character to the next with
 * indexOf (nextStartChar), and looks at word starts in between only where a reference could
 * start: before an `_`/`__` followed by an end-string suffix, after the last character that
 * cannot be part of a name run (referenceWindow). Both only skip positions where the
 * character-by-character decisions could not match.
 *
 * Every node gets its exact source range through the TextMap; text leaves hold docutils'
 * `astext()` (escapes removed), while their range covers the raw source including backslashes.
 */
import type { Position, RstNode } from './nodes.js';
import type { ParserServices, Registry, RoleSpec } from './registry.js';
import type { Level } from './reporter.js';
import type { TextMap } from './source.js';
import { fullyNormalizeName, whitespaceNormalizeName, splitWhitespace } from './document.js';
import { cpAt, cpBefore, cpLen, isNameChar, isSpace, isStartPrefix, matchChars, NUL } from './inline/chars.js';
import { escape2null, splitEscapedWhitespace, unescape } from './inline/text.js';
import { NextChar, isEmailAddress, searchUri, suffixAt, uriMatchesAtStart } from './inline/uri.js';
import { URI_SCHEMES } from './inline/chardata.js';
import type { InlineRoleContext } from './roles/types.js';
import { defaultRoleRegistry, resolveRole } from './roles/lookup.js';

export { escape2null, unescape } from './inline/text.js';

export interface InlineOptions {
  /** Role registry; defaults to `services.registry` if present, else docutils' + Sphinx's + the kernel's roles. */
  registry?: Registry;
  /** The element the nodes will go into (docutils' `parent`): messages about duplicate target
   *  names are appended to it, as docutils does. */
  parent?: RstNode;
  /** docutils' trim_footnote_reference_space setting (off under Sphinx's HTML settings). */
  trimFootnoteReferenceSpace?: boolean;
}

export interface InlineResult {
  nodes: RstNode[];
  messages: RstNode[];
}

/** docutils `Inliner.parse` for one text block. Never throws. */
export function parseInline(
  text: TextMap,
  services: ParserServices,
  lineno: number,
  options: InlineOptions = {},
): InlineResult {
  const t = text.text;
  if (!MAY_HOLD_MARKUP.test(t)) {
    // no start-string, no reference, no URI or e-mail address, no escape: one text leaf
    return { nodes: t ? [{ type: 'text', value: t, position: text.position(0, t.length) }] : [], messages: [] };
  }
  const inliner = new Inliner(text, services, lineno, options);
  try {
    return inliner.run();
  } catch (err) {
    // Defensive: a bug must not take the whole run down. Fall back to plain text.
    const value = unescape(escape2null(text.text));
    const msg = services.reporter.error('inline-internal-error', `Internal error in inline parser: ${String(err)}`, {
      line: lineno,
      position: text.position(0, text.text.length),
    });
    return { nodes: [{ type: 'text', value, position: text.position(0, text.text.length) }], messages: [msg] };
  }
}

/**
 * Characters without which a text block holds no inline markup at all: the start-strings'
 * first characters (`*`, backquote, `_`, `|`, `[`, `:`), `_` for references, `:` and `@` for
 * standalone URIs and e-mail addresses, the backslash (escapes) and NUL (docutils' escape marker,
 * which `unescape` drops).
 */
const MAY_HOLD_MARKUP = /[*`_|[:@\\\0]/;

/**
 * ASCII characters that can be part of a reference name run (`\w` and `[-._+:]`); every other
 * ASCII character ends it (non-ASCII ones are taken to continue it, which only widens the window
 * where references are looked for).
 */
const NAME_RUN = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (isAsciiAlnum(c)) NAME_RUN[c] = 1;
for (const c of '_-.+:') NAME_RUN[c.charCodeAt(0)] = 1;

type StartKind = '**' | '*' | '``' | '_`' | '|';

type InitialMatch =
  | { kind: 'start'; start: StartKind; q: number; end: number }
  | { kind: 'ref'; q: number; nameEnd: number; end: number; anonymous: boolean }
  | { kind: 'fn'; q: number; labelEnd: number; end: number; label: 'number' | 'auto' | 'symbol' | 'citation' }
  | { kind: 'bq'; q: number; bq: number };

interface Step {
  /** end of the text that goes before the nodes (docutils' `before`) */
  before: number;
  nodes: RstNode[];
  /** where docutils' `remaining` starts */
  after: number;
  messages: RstNode[];
}

interface InterpEnd {
  k: number;
  end: number;
  roleStart: number;
  roleEnd: number;
  refend: number;
}

/** The characters an inline start-string (or a reference's role/footnote bracket) begins with. */
const START_CHARS = ['*', '`', '_', '|', '[', ':'] as const;

const NODE_NAMES: Record<StartKind, string> = {
  '**': 'strong',
  '*': 'emphasis',
  '``': 'literal',
  '_`': 'target',
  '|': 'substitution_reference',
};

/** A step's messages when it has none (steps' messages are only read). */
const NO_MESSAGES: RstNode[] = [];

/** Slot of each kind in the end-string memo (the interpreted text end is slot 5). */
const MEMO_SLOT: Record<StartKind, number> = { '**': 0, '*': 1, '``': 2, '_`': 3, '|': 4 };

/** The block parser's registry, if its services expose it (`registry`, or `state.core.registry`). */
function registryOf(services: ParserServices): Registry | undefined {
  const s = services as { registry?: unknown; state?: { core?: { registry?: unknown } } };
  const r = s.registry ?? s.state?.core?.registry;
  return r && typeof r === 'object' && (r as Registry).roles instanceof Map ? (r as Registry) : undefined;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

class Inliner {
  private readonly s: string;
  private readonly n: number;
  private readonly registry: Registry;
  private readonly parent: RstNode | undefined;
  /** memo for strict end-string searches: [query, result] per kind (MEMO_SLOT; 5: interpreted text) */
  private memo: number[] | undefined;
  /** length of the end-string findEnd found */
  private endLen = 0;
  /** the last strict interpreted-text end found (its index is the interpreted text memo's result) */
  private interpMemo: InterpEnd | null = null;
  /** memo for reference names: the current name run [start, end) and its best `_` position */
  private runStart = -1;
  private runEnd = -1;
  private runBest = -1;
  /** next '_' at or after the last reference attempt (-1: none left) */
  private nextUnderscore = -2;
  /** references may start at refLo or later, for positions in [refFrom, refTo] (referenceWindow) */
  private refFrom = 1;
  private refTo = 0;
  private refLo = 0;
  /** where searchReference stopped */
  private resume = 0;
  /** next index of each START_CHARS character at or after the last search (-1: none left,
   *  -2: not searched yet) */
  private readonly nextOf: number[] = [-2, -2, -2, -2, -2, -2];
  private colons: NextChar | undefined;
  private ats: NextChar | undefined;

  constructor(
    private readonly tm: TextMap,
    private readonly services: ParserServices,
    private readonly lineno: number,
    private readonly options: InlineOptions,
  ) {
    this.s = escape2null(tm.text);
    this.n = this.s.length;
    this.registry = options.registry ?? registryOf(services) ?? defaultRoleRegistry();
    this.parent = options.parent;
  }

  run(): InlineResult {
    const out: RstNode[] = [];
    const messages: RstNode[] = [];
    let base = 0;
    let pending = 0;
    while (base < this.n) {
      const m = this.searchInitial(base);
      if (!m) break;
      const step = this.dispatch(m, base);
      for (const msg of step.messages) messages.push(msg);
      if (step.nodes.length) {
        this.implicit(pending, step.before, out);
        for (const node of step.nodes) out.push(node);
        pending = step.after;
      }
      base = step.after;
    }
    this.implicit(pending, this.n, out);
    return { nodes: out, messages };
  }

  // ------------------------------------------------------------------ helpers

  /**
   * A system message at docutils' `lineno`. docutils' Reporter maps that line through the state
   * machine (included files shift it); the block parser does the same in its `msg`, so use it when
   * its services expose it, else report the line as given.
   */
  report(level: Level, ruleId: string, text: string, position: Position): RstNode {
    const core = (this.services as { state?: { core?: { msg?: unknown } } }).state?.core;
    if (core && typeof core.msg === 'function') {
      return (core.msg as (l: Level, r: string, t: string, o: { line: number; position: Position }) => RstNode).call(
        core,
        level,
        ruleId,
        text,
        { line: this.lineno, position },
      );
    }
    return this.services.reporter.system(level, ruleId, text, { line: this.lineno, position });
  }

  private pos(a: number, b: number): Position {
    return this.tm.position(a, b);
  }


  private text(a: number, b: number, value?: string): RstNode {
    return { type: 'text', value: value ?? unescape(this.s.slice(a, b)), position: this.pos(a, b) };
  }

  private restore(a: number, b: number): string {
    return unescape(this.s.slice(a, b), true);
  }

  private code(i: number): number {
    return i < this.n ? this.s.charCodeAt(i) : -1;
  }

  /** start_string_prefix at q, the current string starting at base */
  private prefixOk(q: number, base: number): boolean {
    return q === base || isStartPrefix(cpBefore(this.s, q));
  }

  private suffix(i: number): boolean {
    return suffixAt(this.s, i, this.n);
  }

  /** End of a simple reference name (`simplename`) starting at i; i if none. */
  private nameRunEnd(i: number): number {
    const s = this.s;
    const n = this.n;
    let cp = cpAt(s, i);
    if (!isNameChar(cp)) return i;
    let j = i;
    for (;;) {
      for (;;) {
        const c = j < n ? s.charCodeAt(j) : -1;
        if (c < 0x80) {
          if (isAsciiAlnum(c)) {
            j++;
            continue;
          }
          break;
        }
        if (!isNameChar((cp = cpAt(s, j)))) break;
        j += cpLen(cp);
      }
      const c = this.code(j);
      if ((c === 0x2d || c === 0x2e || c === 0x5f || c === 0x2b || c === 0x3a) && isNameChar(cpAt(s, j + 1))) {
        j++;
        continue;
      }
      return j;
    }
  }

  /** End of the run of name characters (`(?!_)\w`) starting at i (i if none). */
  private nameCharsEnd(i: number): number {
    const s = this.s;
    const n = this.n;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (!isAsciiAlnum(c)) break;
        i++;
        continue;
      }
      const cp = cpAt(s, i);
      if (!isNameChar(cp)) break;
      i += cpLen(cp);
    }
    return i;
  }

  // ------------------------------------------------------------------ the initial pattern

  private searchInitial(base: number): InitialMatch | null {
    const s = this.s;
    const n = this.n;
    let q = base;
    while (q < n) {
      // the next start-string character; before it only a reference can start
      const m = this.nextStartChar(q);
      if (q < this.refFrom || q > this.refTo) this.referenceWindow(q);
      // (m <= refTo: a reference's underscore is a start-string character too)
      if (this.refLo < m) {
        const ref = this.searchReference(q > this.refLo ? q : this.refLo, m, base);
        if (ref) return ref;
        if (this.resume > m) {
          // a skipped name run reaches past m: nothing starts inside it
          q = this.resume;
          continue;
        }
      }
      if (m >= n) return null;
      q = m + 1;
      switch (s.charCodeAt(m)) {
        case 0x2a: // *
          if (!this.prefixOk(m, base)) continue;
          if (this.code(m + 1) === 0x2a) {
            if (!isSpace(cpAt(s, m + 2))) return { kind: 'start', start: '**', q: m, end: m + 2 };
            continue;
          }
          if (!isSpace(cpAt(s, m + 1))) return { kind: 'start', start: '*', q: m, end: m + 1 };
          continue;
        case 0x60: // `
          if (!this.prefixOk(m, base)) continue;
          if (this.code(m + 1) === 0x60) {
            if (!isSpace(cpAt(s, m + 2))) return { kind: 'start', start: '``', q: m, end: m + 2 };
            continue;
          }
          if (!isSpace(cpAt(s, m + 1))) return { kind: 'bq', q: m, bq: m };
          continue;
        case 0x5f: // _
          if (this.code(m + 1) === 0x60 && !isSpace(cpAt(s, m + 2)) && this.prefixOk(m, base)) {
            return { kind: 'start', start: '_`', q: m, end: m + 2 };
          }
          continue;
        case 0x7c: // |
          if (this.code(m + 1) !== 0x7c && !isSpace(cpAt(s, m + 1)) && this.prefixOk(m, base)) {
            return { kind: 'start', start: '|', q: m, end: m + 1 };
          }
          continue;
        case 0x5b: {
          // [
          if (!this.prefixOk(m, base)) continue;
          const fn = this.footnoteAt(m);
          if (fn) return fn;
          continue;
        }
        default: {
          // :role:`
          if (!this.prefixOk(m, base)) continue;
          const g = this.nameRunEnd(m + 1);
          if (g > m + 1 && this.code(g) === 0x3a && this.code(g + 1) === 0x60 && this.code(g + 2) !== 0x60) {
            if (!isSpace(cpAt(s, g + 2))) return { kind: 'bq', q: m, bq: g + 1 };
          }
          continue;
        }
      }
    }
    return null;
  }

  /**
   * docutils' initial pattern's reference alternative at the name characters of [from, to) (no
   * start-string character in between), with the skips of a character-by-character scan: a
   * skip may end past `to`, where the caller resumes (`resume`).
   */
  private searchReference(from: number, to: number, base: number): InitialMatch | null {
    const s = this.s;
    let q = from;
    for (; q < to; q++) {
      const c = s.charCodeAt(q);
      if (c < 0x80) {
        if (!isAsciiAlnum(c)) continue;
      } else {
        if (c >= 0xdc00 && c <= 0xdfff) continue; // second half of a pair
        if (!isNameChar(cpAt(s, q))) continue;
      }
      if (!this.prefixOk(q, base)) {
        // inside a run of name characters no start-string prefix can hold (no `\w` but `_`
        // is a start-string prefix)
        q = this.nameCharsEnd(q + 1) - 1;
        continue;
      }
      if (this.nextUnderscore < q && this.nextUnderscore !== -1) this.nextUnderscore = s.indexOf('_', q);
      if (this.nextUnderscore === -1) {
        // no '_' left: no reference can end anywhere
        q = this.nameCharsEnd(q + 1) - 1;
        continue;
      }
      const ref = this.referenceAt(q);
      if (ref) return ref;
      // nothing can start strictly inside this name run (see referenceAt)
      if (this.runEnd - 1 > q) q = this.runEnd - 1;
    }
    this.resume = q;
    return null;
  }

  /** Index of the next start-string character (`*`, backquote, `_`, `|`, `[`, `:`) at or after q; n if none. */
  private nextStartChar(q: number): number {
    const s = this.s;
    const next = this.nextOf;
    let m = this.n;
    for (let k = 0; k < START_CHARS.length; k++) {
      let p = next[k]!;
      if (p < q && p !== -1) p = next[k] = s.indexOf(START_CHARS[k]!, q);
      if (p >= 0 && p < m) m = p;
    }
    return m;
  }

  /**
   * Where references may start, for positions in [refFrom, refTo]: a reference starting at q
   * ends at an `_` (or `__`) followed by an end-string suffix, with only name-run characters
   * in between, so it cannot start before the last character that ends name runs ahead of the
   * first such underscore. Sets refLo to the first position that may start one (n if none).
   */
  private referenceWindow(q: number): void {
    const s = this.s;
    let e = s.indexOf('_', q);
    while (e >= 0 && !this.refEndOk(e)) e = s.indexOf('_', e + 1);
    this.refFrom = q;
    if (e < 0) {
      this.refTo = this.n;
      this.refLo = this.n;
      return;
    }
    this.refTo = e;
    let lo = e;
    while (lo > q) {
      const c = s.charCodeAt(lo - 1);
      if (c < 0x80 && NAME_RUN[c] === 0) break;
      lo--;
    }
    this.refLo = lo;
  }

  /** `refname` + `__?` + end suffix at q (q starts a name word). */
  private referenceAt(q: number): InitialMatch | null {
    if (!(q > this.runStart && q < this.runEnd)) {
      const g = this.nameRunEnd(q);
      this.runStart = q;
      this.runEnd = g;
      this.runBest = -1;
      const first = this.nextUnderscore;
      for (let e = first < 0 || first > g ? q : g; e > q && e >= first; e--) {
        if (this.code(e) !== 0x5f) continue;
        if (this.refEndOk(e)) {
          this.runBest = e;
          break;
        }
      }
    }
    const e = this.runBest;
    if (e <= q) return null;
    const anonymous = this.code(e + 1) === 0x5f;
    return { kind: 'ref', q, nameEnd: e, end: e + (anonymous ? 2 : 1), anonymous };
  }

  private refEndOk(e: number): boolean {
    if (this.code(e + 1) === 0x5f) return this.suffix(e + 2);
    return this.suffix(e + 1);
  }

  private footnoteAt(q: number): InitialMatch | null {
    const s = this.s;
    const closes = (i: number): boolean => this.code(i) === 0x5d && this.code(i + 1) === 0x5f && this.suffix(i + 2);
    // [0-9]+
    let d = q + 1;
    while (d < this.n && s.charCodeAt(d) >= 0x30 && s.charCodeAt(d) <= 0x39) d++;
    if (d > q + 1 && closes(d)) return { kind: 'fn', q, labelEnd: d, end: d + 2, label: 'number' };
    // #simplename?
    if (this.code(q + 1) === 0x23) {
      const g = this.nameRunEnd(q + 2);
      if (closes(g)) return { kind: 'fn', q, labelEnd: g, end: g + 2, label: 'auto' };
    }
    if (this.code(q + 1) === 0x2a && closes(q + 2)) return { kind: 'fn', q, labelEnd: q + 2, end: q + 4, label: 'symbol' };
    const g = this.nameRunEnd(q + 1);
    if (g > q + 1 && closes(g)) return { kind: 'fn', q, labelEnd: g, end: g + 2, label: 'citation' };
    return null;
  }

  // ------------------------------------------------------------------ dispatch

  private dispatch(m: InitialMatch, base: number): Step {
    switch (m.kind) {
      case 'start':
        switch (m.start) {
          case '*':
          case '**':
          case '``':
            return this.inlineObj(m.q, m.end, m.start, base).step;
          case '_`':
            return this.inlineInternalTarget(m.q, m.end, base);
          default:
            return this.substitutionReference(m.q, m.end, base);
        }
      case 'ref':
        return this.reference(m.q, m.nameEnd, m.end, m.anonymous);
      case 'fn':
        return this.footnoteReference(m.q, m.labelEnd, m.end, m.label, base);
      case 'bq':
        return this.interpretedOrPhraseRef(m.q, m.bq, base);
    }
  }

  /** docutils `quoted_start`: the start-string sits between a matching pair, or at the end. */
  private quotedStart(start: number, end: number, base: number): boolean {
    if (start === base) return false;
    if (end >= this.n) return true;
    return matchChars(cpBefore(this.s, start), cpAt(this.s, end));
  }

  /** Is the end-string of `kind` at k, with or without the look-behind (strict = k > search start)? */
  private endAt(kind: StartKind, k: number, strict: boolean): number {
    const s = this.s;
    const c = s.charCodeAt(k);
    let len = 0;
    switch (kind) {
      case '*':
        if (c !== 0x2a) return -1;
        len = 1;
        break;
      case '**':
        if (c !== 0x2a || this.code(k + 1) !== 0x2a) return -1;
        len = 2;
        break;
      case '``':
        if (c !== 0x60 || this.code(k + 1) !== 0x60) return -1;
        if (strict && isSpace(cpBefore(s, k))) return -1;
        return this.suffix(k + 2) ? 2 : -1;
      case '_`':
        if (c !== 0x60) return -1;
        len = 1;
        break;
      case '|': {
        if (c !== 0x7c) return -1;
        if (strict) {
          const b = cpBefore(s, k);
          if (b === NUL || isSpace(b)) return -1;
        }
        if (this.code(k + 1) === 0x5f && this.code(k + 2) === 0x5f && this.suffix(k + 3)) return 3;
        if (this.code(k + 1) === 0x5f && this.suffix(k + 2)) return 2;
        return this.suffix(k + 1) ? 1 : -1;
      }
    }
    if (strict) {
      const b = cpBefore(s, k);
      if (b === NUL || isSpace(b)) return -1;
    }
    return this.suffix(k + len) ? len : -1;
  }

  /**
   * First end-string of `kind` at or after `from` (docutils searches string[from:]): its index,
   * its length in `endLen`; -1 if none.
   */
  private findEnd(kind: StartKind, from: number): number {
    if (from < this.n) {
      const len = this.endAt(kind, from, false);
      if (len >= 0) {
        this.endLen = len;
        return from;
      }
    }
    const q = from + 1;
    const memo = (this.memo ??= [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    const slot = MEMO_SLOT[kind] * 2;
    let k: number;
    const mq = memo[slot]!;
    const mk = memo[slot + 1]!;
    if (mq >= 0 && q >= mq && (mk < 0 || q <= mk)) k = mk;
    else {
      k = -1;
      // an end-string starts with the start-string's first character
      const ch = kind === '|' ? '|' : kind === '*' || kind === '**' ? '*' : '`';
      for (let i = this.s.indexOf(ch, q); i >= 0; i = this.s.indexOf(ch, i + 1)) {
        if (this.endAt(kind, i, true) >= 0) {
          k = i;
          break;
        }
      }
      memo[slot] = q;
      memo[slot + 1] = k;
    }
    if (k < 0) return -1;
    this.endLen = this.endAt(kind, k, true);
    return k;
  }

  /** docutils `inline_obj` for emphasis, strong, literal, target and substitution_reference. */
  private inlineObj(
    matchstart: number,
    matchend: number,
    kind: StartKind,
    base: number,
  ): { step: Step; node?: RstNode; endLen: number; textStart: number; textEnd: number } {
    if (this.quotedStart(matchstart, matchend, base)) {
      return { step: { before: matchend, nodes: [], after: matchend, messages: NO_MESSAGES }, endLen: 0, textStart: 0, textEnd: 0 };
    }
    const k = this.findEnd(kind, matchend);
    const type = NODE_NAMES[kind];
    if (k > matchend) {
      const endLen = this.endLen;
      const textend = k + endLen;
      const value = kind === '``' ? this.restore(matchend, k) : unescape(this.s.slice(matchend, k));
      const node: RstNode = {
        type,
        children: [this.text(matchend, k, value)],
        position: this.pos(matchstart, textend),
      };
      return {
        step: { before: matchstart, nodes: [node], after: textend, messages: NO_MESSAGES },
        node,
        endLen,
        textStart: matchend,
        textEnd: k,
      };
    }
    const msg = this.report(
      2,
      `inline-${type.replace(/_/g, '-')}-unterminated`,
      `Inline ${type} start-string without end-string.`,
      this.pos(matchstart, matchend),
    );
    const prb = this.problematic(matchstart, matchend, msg);
    return { step: { before: matchstart, nodes: [prb], after: matchend, messages: [msg] }, endLen: 0, textStart: 0, textEnd: 0 };
  }

  /** docutils `problematic(text, text, msg)` over s[a:b] (backslashes restored). */
  private problematic(a: number, b: number, msg: RstNode, value?: string): RstNode {
    const text = value ?? this.restore(a, b);
    return this.problematicNode(text, msg, this.pos(a, b), { type: 'text', value: text, position: this.pos(a, b) });
  }

  private problematicNode(text: string, msg: RstNode, position: Position, child?: RstNode): RstNode {
    const doc = this.services.document;
    const msgid = doc.setId(msg, this.parent);
    const prb: RstNode = {
      type: 'problematic',
      attributes: { refid: msgid },
      children: [child ?? { type: 'text', value: text, position }],
      position,
    };
    const prbid = doc.setId(prb);
    const a = (msg.attributes ??= {});
    ((a.backrefs as string[] | undefined) ?? (a.backrefs = [])).push(prbid);
    return prb;
  }

  private inlineInternalTarget(q: number, end: number, base: number): Step {
    const r = this.inlineObj(q, end, '_`', base);
    if (r.node) {
      const target = r.node;
      const name = fullyNormalizeName(unescape(this.s.slice(r.textStart, r.textEnd)));
      target.attributes = { names: [name] };
      this.services.document.noteExplicitTarget(target, this.parent);
    }
    return r.step;
  }

  private substitutionReference(q: number, end: number, base: number): Step {
    const r = this.inlineObj(q, end, '|', base);
    if (!r.node) return r.step;
    const subref = r.node;
    const subrefText = unescape(this.s.slice(r.textStart, r.textEnd));
    this.services.document.noteSubstitutionRef(subref, subrefText);
    if (r.endLen > 1) {
      const textend = r.textEnd + r.endLen;
      // the substitution_reference covers |text| (the reference adds the trailing underscores)
      subref.position = this.pos(q, r.textEnd + 1);
      const ref: RstNode = { type: 'reference', attributes: {}, children: [subref], position: this.pos(q, textend) };
      if (r.endLen === 3) {
        ref.attributes!.anonymous = 1;
        this.services.document.noteAnonymousRef(ref);
      } else {
        ref.attributes!.refname = fullyNormalizeName(subrefText);
        this.services.document.noteRefname(ref);
      }
      r.step.nodes = [ref];
    }
    return r.step;
  }

  private footnoteReference(
    q: number,
    labelEnd: number,
    end: number,
    kind: 'number' | 'auto' | 'symbol' | 'citation',
    base: number,
  ): Step {
    const doc = this.services.document;
    const label = this.s.slice(q + 1, labelEnd);
    let refname = fullyNormalizeName(label);
    const node: RstNode = { type: kind === 'citation' ? 'citation_reference' : 'footnote_reference', position: this.pos(q, end) };
    const attributes: Record<string, unknown> = {};
    node.attributes = attributes;
    node.children = [];
    if (kind === 'citation') {
      attributes.refname = refname;
      node.children.push(this.text(q + 1, labelEnd, label));
      doc.noteCitationRef(node);
    } else {
      if (refname.startsWith('#')) {
        refname = refname.slice(1);
        attributes.auto = 1;
        doc.noteAutofootnoteRef(node);
      } else if (refname === '*') {
        refname = '';
        attributes.auto = '*';
        doc.noteSymbolFootnoteRef(node);
      } else {
        node.children.push(this.text(q + 1, labelEnd, label));
      }
      if (refname) {
        attributes.refname = refname;
        doc.noteFootnoteRef(node);
      }
    }
    let before = q;
    if (this.options.trimFootnoteReferenceSpace) {
      while (before > base && isSpace(cpBefore(this.s, before))) before -= cpLen(cpBefore(this.s, before));
    }
    return { before, nodes: [node], after: end, messages: NO_MESSAGES };
  }

  private reference(q: number, nameEnd: number, end: number, anonymous: boolean): Step {
    const referencename = this.s.slice(q, nameEnd);
    const node: RstNode = {
      type: 'reference',
      attributes: { name: whitespaceNormalizeName(referencename) },
      children: [this.text(q, nameEnd, referencename)],
      position: this.pos(q, end),
    };
    if (anonymous) {
      node.attributes!.anonymous = 1;
      this.services.document.noteAnonymousRef(node);
    } else {
      node.attributes!.refname = fullyNormalizeName(referencename);
      this.services.document.noteRefname(node);
    }
    return { before: q, nodes: [node], after: end, messages: NO_MESSAGES };
  }

  // ------------------------------------------------------------------ interpreted text & phrase references

  /** The interpreted-text end pattern at k (strict: look-behind applies). */
  private interpEndAt(k: number, strict: boolean): InterpEnd | null {
    const s = this.s;
    if (s.charCodeAt(k) !== 0x60) return null;
    if (strict) {
      const b = cpBefore(s, k);
      if ((b === NUL || isSpace(b)) && !(k - cpLen(b) - 1 >= 0 && s.charCodeAt(k - cpLen(b) - 1) === NUL)) return null;
    }
    const tryRefend = (at: number): number => {
      if (this.code(at) === 0x5f && this.code(at + 1) === 0x5f && this.suffix(at + 2)) return 2;
      if (this.code(at) === 0x5f && this.suffix(at + 1)) return 1;
      return this.suffix(at) ? 0 : -1;
    };
    if (this.code(k + 1) === 0x3a) {
      const g = this.nameRunEnd(k + 2);
      for (let e = g; e > k + 2; e--) {
        if (s.charCodeAt(e) !== 0x3a || e >= this.n) continue;
        const r = tryRefend(e + 1);
        if (r >= 0) return { k, end: e + 1 + r, roleStart: k + 1, roleEnd: e + 1, refend: r };
      }
    }
    const r = tryRefend(k + 1);
    if (r >= 0) return { k, end: k + 1 + r, roleStart: -1, roleEnd: -1, refend: r };
    return null;
  }

  private findInterpEnd(from: number): InterpEnd | null {
    if (from < this.n) {
      const e = this.interpEndAt(from, false);
      if (e) return e;
    }
    const q = from + 1;
    const memo = (this.memo ??= [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    let k: number;
    const mq = memo[10]!;
    const mk = memo[11]!;
    if (mq >= 0 && q >= mq && (mk < 0 || q <= mk)) k = mk;
    else {
      k = -1;
      for (let i = this.s.indexOf('`', q); i >= 0; i = this.s.indexOf('`', i + 1)) {
        const e = this.interpEndAt(i, true);
        if (e) {
          this.interpMemo = e;
          k = i;
          break;
        }
      }
      memo[10] = q;
      memo[11] = k;
    }
    if (k < 0) return null;
    return this.interpMemo && this.interpMemo.k === k ? this.interpMemo : this.interpEndAt(k, true);
  }

  private interpretedOrPhraseRef(rolestart: number, matchstart: number, base: number): Step {
    const s = this.s;
    const matchend = matchstart + 1;
    let role: string | null = null;
    let rolePosition = '';
    if (matchstart > rolestart) {
      role = s.slice(rolestart + 1, matchstart - 1);
      rolePosition = 'prefix';
    } else if (this.quotedStart(matchstart, matchend, base)) {
      return { before: matchend, nodes: [], after: matchend, messages: NO_MESSAGES };
    }
    const endmatch = this.findInterpEnd(matchend);
    if (endmatch && endmatch.k > matchend) {
      const textend = endmatch.end;
      if (endmatch.roleStart >= 0) {
        if (role !== null) {
          const msg = this.report(
            2,
            'interpreted-multiple-roles',
            'Multiple roles in interpreted text (both prefix and suffix present; only one allowed).',
            this.pos(rolestart, textend),
          );
          const prb = this.problematic(rolestart, textend, msg);
          return { before: rolestart, nodes: [prb], after: textend, messages: [msg] };
        }
        role = s.slice(endmatch.roleStart + 1, endmatch.roleEnd - 1);
        rolePosition = 'suffix';
      }
      if (endmatch.refend > 0) {
        if (role !== null) {
          const msg = this.report(
            2,
            'interpreted-role-reference-mismatch',
            `Mismatch: both interpreted text role ${rolePosition} and reference suffix.`,
            this.pos(rolestart, textend),
          );
          const prb = this.problematic(rolestart, textend, msg);
          return { before: rolestart, nodes: [prb], after: textend, messages: [msg] };
        }
        return this.phraseRef(matchstart, textend, matchend, endmatch.k, endmatch.refend === 2);
      }
      const { nodes, messages } = this.interpreted(rolestart, textend, matchend, endmatch.k, role ?? '');
      return { before: rolestart, nodes, after: textend, messages };
    }
    const msg = this.report(
      2,
      'inline-interpreted-unterminated',
      'Inline interpreted text or phrase reference start-string without end-string.',
      this.pos(matchstart, matchend),
    );
    const prb = this.problematic(matchstart, matchend, msg);
    return { before: matchstart, nodes: [prb], after: matchend, messages: [msg] };
  }

  /** docutils' embedded_link pattern on s[ts:te): [group-1 start, '<' index] or null. */
  private embeddedLink(ts: number, te: number): [number, number] | null {
    const s = this.s;
    if (te - ts < 3 || s.charCodeAt(te - 1) !== 0x3e) return null;
    let b = -1;
    for (let i = te - 2; i >= ts; i--) {
      const c = s.charCodeAt(i);
      if (c === 0x3c || c === 0x3e) {
        if (i > ts && s.charCodeAt(i - 1) === NUL) {
          i--;
          continue;
        }
        if (c === 0x3e) return null;
        b = i;
        break;
      }
    }
    if (b < 0 || b + 1 >= te - 1) return null;
    if (isSpace(cpAt(s, b + 1))) return null;
    const last = cpBefore(s, te - 1);
    if (last === NUL || isSpace(last)) return null;
    let g1 = b;
    if (b > ts) {
      while (g1 > ts && (s.charCodeAt(g1 - 1) === 0x20 || s.charCodeAt(g1 - 1) === 0x0a)) g1--;
      if (g1 === b) return null;
    }
    return [g1, b];
  }

  private phraseRef(matchstart: number, textend: number, ts: number, te: number, anonymous: boolean): Step {
    const s = this.s;
    const doc = this.services.document;
    const link = this.embeddedLink(ts, te);
    let textNode: RstNode;
    let unescaped: string;
    let target: RstNode | null = null;
    let aliastype: 'name' | 'uri' | '' = '';
    let alias = '';
    if (link) {
      const [g1, b] = link;
      const aliastext = s.slice(b + 1, te - 1);
      const rawaliastext = unescape(aliastext, true);
      const underscoreEscaped = rawaliastext.endsWith('\\_');
      if (aliastext.endsWith('_') && !(underscoreEscaped || uriMatchesAtStart(aliastext))) {
        aliastype = 'name';
        alias = fullyNormalizeName(unescape(aliastext.slice(0, -1)));
        target = { type: 'target', attributes: { refname: alias }, position: this.pos(b, te) };
        (target.data ??= {}).indirectReferenceName = whitespaceNormalizeName(unescape(aliastext.slice(0, -1)));
      } else {
        aliastype = 'uri';
        const parts = splitEscapedWhitespace(aliastext);
        alias = parts.map((p) => splitWhitespace(p).join('')).join(' ');
        alias = unescape(alias);
        if (isEmailAddress(alias)) alias = 'mailto:' + alias;
        if (alias.endsWith('\\_')) alias = alias.slice(0, -2) + '_';
        target = { type: 'target', attributes: { refuri: alias }, position: this.pos(b, te) };
        doc.referenced.add(target);
      }
      if (g1 > ts) {
        unescaped = unescape(s.slice(ts, g1));
        textNode = this.text(ts, g1, unescaped);
      } else {
        unescaped = unescape(alias);
        textNode = this.text(b + 1, te - 1, unescaped);
      }
    } else {
      unescaped = unescape(s.slice(ts, te));
      textNode = this.text(ts, te, unescaped);
    }
    const refname = fullyNormalizeName(unescaped);
    const reference: RstNode = {
      type: 'reference',
      attributes: { name: whitespaceNormalizeName(unescaped) },
      children: [textNode],
      position: this.pos(matchstart, textend),
    };
    const nodes: RstNode[] = [reference];
    const ra = reference.attributes!;
    if (anonymous) {
      if (target && aliastype === 'name') {
        ra.refname = alias;
        doc.noteRefname(reference);
      } else if (target && aliastype === 'uri') {
        ra.refuri = alias;
      } else {
        ra.anonymous = 1;
        doc.noteAnonymousRef(reference);
      }
    } else if (target) {
      target.attributes!.names = [refname];
      if (aliastype === 'name') {
        ra.refname = alias;
        doc.noteIndirectTarget(target);
        doc.noteRefname(reference);
      } else {
        ra.refuri = alias;
        doc.noteExplicitTarget(target, this.parent);
      }
      nodes.push(target);
    } else {
      ra.refname = refname;
      doc.noteRefname(reference);
    }
    return { before: matchstart, nodes, after: textend, messages: NO_MESSAGES };
  }

  private interpreted(rolestart: number, textend: number, ts: number, te: number, role: string): InlineResult {
    const rawsource = this.restore(rolestart, textend);
    const position = this.pos(rolestart, textend);
    const { spec, info } = resolveRole(role, this.registry, this.services.document);
    const messages: RstNode[] = [];
    if (info) messages.push(this.report(1, 'role-lookup', info, position));
    if (!spec) {
      const msg = this.report(3, 'unknown-interpreted-text-role', `Unknown interpreted text role "${role}".`, position);
      messages.push(msg);
      return { nodes: [this.problematic(rolestart, textend, msg, rawsource)], messages };
    }
    const escaped = this.s.slice(ts, te);
    const textPosition = this.pos(ts, te);
    const ctx = this.roleContext(spec, role, rawsource, escaped, position, textPosition, ts);
    let result: InlineResult;
    try {
      result = spec.run(ctx);
    } catch (err) {
      const msg = this.report(3, 'role-internal-error', `Error in "${role}" role: ${String(err)}`, position);
      return { nodes: [this.problematic(rolestart, textend, msg, rawsource)], messages: [...messages, msg] };
    }
    return { nodes: result.nodes, messages: [...messages, ...result.messages] };
  }

  private roleContext(
    spec: RoleSpec,
    name: string,
    rawtext: string,
    escaped: string,
    position: Position,
    textPosition: Position,
    textStart: number,
  ): InlineRoleContext {
    const specOptions = (spec as { options?: Record<string, unknown> }).options;
    return new RoleCtx(this, name, rawtext, escaped, position, textPosition, specOptions ? { ...specOptions } : {}, textStart) as unknown as InlineRoleContext;
  }

  /** @internal for RoleCtx */
  get services_(): ParserServices {
    return this.services;
  }
  /** @internal for RoleCtx */
  get lineno_(): number {
    return this.lineno;
  }
  /** @internal for RoleCtx */
  get parent_(): RstNode | undefined {
    return this.parent;
  }
  /** @internal for RoleCtx */
  range_(a: number, b: number): Position {
    return this.pos(a, b);
  }
  /** @internal for RoleCtx */
  problematic_(raw: string, message: RstNode, position: Position): RstNode {
    return this.problematicNode(raw, message, position);
  }

  // ------------------------------------------------------------------ implicit markup (standalone URIs)

  /** docutils `implicit_inline` on s[a:b]: standalone URIs and e-mail addresses, the rest text. */
  private implicit(a: number, b: number, out: RstNode[]): void {
    // docutils recurses on the text before and after each match; the text after is a loop here
    while (a < b) {
      const colons = (this.colons ??= new NextChar(this.s, ':'));
      const ats = (this.ats ??= new NextChar(this.s, '@'));
      // a URI needs a ':', an address an '@'
      const colon = colons.next(a);
      const at = ats.next(a);
      if ((colon < 0 || colon >= b) && (at < 0 || at >= b)) break;
      const m = searchUri(this.s, a, b, colons, ats);
      if (!m) break;
      if (!m.email) {
        const scheme = this.s.slice(m.start, m.schemeEnd).toLowerCase();
        // an unknown scheme raises MarkupMismatch in docutils: the whole string stays text
        if (!URI_SCHEMES.has(scheme)) break;
      }
      this.implicit(a, m.start, out);
      const raw = this.s.slice(m.start, m.end);
      const text = unescape(raw);
      out.push({
        type: 'reference',
        attributes: { refuri: (m.email ? 'mailto:' : '') + text },
        children: [this.text(m.start, m.end, text)],
        position: this.pos(m.start, m.end),
      });
      a = m.end;
    }
    if (a < b) out.push(this.text(a, b));
  }
}

/**
 * What a role function runs with: the invocation, plus the parser's services it may need
 * (delegated explicitly; a class keeps this fast, as every role use creates one).
 */
class RoleCtx {
  readonly text: string;
  readonly content: string[] = [];
  readonly parent: RstNode | undefined;
  readonly lineno: number;
  constructor(
    private readonly inliner: Inliner,
    readonly name: string,
    readonly rawtext: string,
    readonly escaped: string,
    readonly position: Position,
    readonly textPosition: Position,
    readonly options: Record<string, unknown>,
    private readonly textStart: number,
  ) {
    this.text = unescape(escaped);
    this.parent = inliner.parent_;
    this.lineno = inliner.lineno_;
  }
  get source(): ParserServices['source'] {
    return this.inliner.services_.source;
  }
  get reporter(): ParserServices['reporter'] {
    return this.inliner.services_.reporter;
  }
  get document(): ParserServices['document'] {
    return this.inliner.services_.document;
  }
  get lineNumber(): number {
    return this.inliner.services_.lineNumber;
  }
  nestedParse(...args: Parameters<ParserServices['nestedParse']>): void {
    this.inliner.services_.nestedParse(...args);
  }
  parseInline(...args: Parameters<ParserServices['parseInline']>): ReturnType<ParserServices['parseInline']> {
    return this.inliner.services_.parseInline(...args);
  }
  readFile(...args: Parameters<ParserServices['readFile']>): ReturnType<ParserServices['readFile']> {
    return this.inliner.services_.readFile(...args);
  }
  problematic(raw: string, message: RstNode): RstNode {
    return this.inliner.problematic_(raw, message, this.position);
  }
  textNode(value: string): RstNode {
    return { type: 'text', value, position: this.textPosition };
  }
  textRange(start: number, end: number): Position {
    return this.inliner.range_(this.textStart + start, this.textStart + end);
  }
  report(level: Level, ruleId: string, text: string): RstNode {
    return this.inliner.report(level, ruleId, text, this.position);
  }
}
