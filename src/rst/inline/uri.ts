/**
 * Standalone URI and e-mail recognition with the decisions of docutils' `Inliner.patterns.uri`
 * and `patterns.email` (leftmost match, greedy with backtracking), written as a scanner.
 * Every function reads `s` only below `lim` (the end of the string the regex would see).
 */
import {
  cpAt, cpBefore, isAsciiAlpha, isEmailc, isEndSuffix, isSchemeChar, isStartPrefix, isUric, isUriLast,
} from './chars.js';

function code(s: string, i: number, lim: number): number {
  return i < lim ? s.charCodeAt(i) : -1;
}

/** end_string_suffix at i (with `$` at lim). */
export function suffixAt(s: string, i: number, lim: number): boolean {
  if (i >= lim) return true;
  return isEndSuffix(cpAt(s, i));
}

/** End of the maximal run of URI characters from a. */
function uricRunEnd(s: string, a: number, lim: number): number {
  let r = a;
  while (r < lim && isUric(s.charCodeAt(r))) r++;
  return r;
}

/**
 * `uric* uri_end` starting at a: the possible end positions in backtracking order (longest
 * first), passed to `k` until it accepts one (returns its result) or none is left (-1).
 */
function uricEnd(s: string, a: number, lim: number, k: (end: number) => number): number {
  const r = uricRunEnd(s, a, lim);
  for (let e = r - 1; e >= a; e--) {
    const c = s.charCodeAt(e);
    if (isUriLast(c) || (isUric(c) && code(s, e + 1, lim) === 0x3e)) {
      const res = k(e + 1);
      if (res >= 0) return res;
    }
  }
  return -1;
}

/** After the hierarchical part at e: optional query, optional fragment, then the end suffix. */
function afterQuery(s: string, e: number, lim: number): number {
  if (code(s, e, lim) === 0x23) {
    const r = uricEnd(s, e + 1, lim, (f) => (suffixAt(s, f, lim) ? f : -1));
    if (r >= 0) return r;
  }
  return suffixAt(s, e, lim) ? e : -1;
}

function afterHier(s: string, e: number, lim: number): number {
  if (code(s, e, lim) === 0x3f) {
    const r = uricEnd(s, e + 1, lim, (q) => afterQuery(s, q, lim));
    if (r >= 0) return r;
  }
  return afterQuery(s, e, lim);
}

export interface UriMatch {
  start: number;
  end: number;
  /** [start, schemeEnd) is the scheme, absent for e-mail addresses */
  schemeEnd?: number;
  email: boolean;
}

/** The absolute-URI alternative at p (p satisfies the start prefix); end or -1. */
function matchAbsolute(s: string, p: number, lim: number): { end: number; schemeEnd: number } | null {
  if (!isAsciiAlpha(code(s, p, lim))) return null;
  let q = p + 1;
  while (q < lim && isSchemeChar(s.charCodeAt(q))) q++;
  if (code(s, q, lim) !== 0x3a) return null;
  const a = q + 1;
  // (//?)? is absorbed by uric* ('/' is a URI character): the same set of ends.
  const end = uricEnd(s, a, lim, (e) => afterHier(s, e, lim));
  return end >= 0 ? { end, schemeEnd: q } : null;
}

/**
 * e-mail: `emailc+(\.emailc+)*` then an unescaped `@`, then `emailc+(\.emailc*)*` and a final URI
 * character; `accept(end)` decides on each candidate end (longest first).
 */
function matchEmail(s: string, p: number, lim: number, accept: (end: number) => boolean): number {
  let i = p;
  if (!isEmailc(code(s, i, lim))) return -1;
  for (;;) {
    while (i < lim && isEmailc(s.charCodeAt(i))) i++;
    if (code(s, i, lim) === 0x2e && isEmailc(code(s, i + 1, lim))) {
      i++;
      continue;
    }
    break;
  }
  if (code(s, i, lim) !== 0x40 || s.charCodeAt(i - 1) === 0) return -1;
  const h = i + 1;
  if (!isEmailc(code(s, h, lim))) return -1;
  let hend = h;
  while (hend < lim) {
    const c = s.charCodeAt(hend);
    if (isEmailc(c) || c === 0x2e) hend++;
    else break;
  }
  // host covers [h, k) with k > h; uri_end at k
  for (let k = Math.min(hend, lim - 1); k > h; k--) {
    const c = s.charCodeAt(k);
    if (isUriLast(c) || (isUric(c) && code(s, k + 1, lim) === 0x3e)) {
      if (accept(k + 1)) return k + 1;
    }
  }
  return -1;
}

/** docutils `patterns.uri.search(s[from:lim])`, the string starting at `from`. */
/** Memo of "next ':' / '@' at or after a position" for one string (keeps repeated searches linear). */
export class NextChar {
  private from = -1;
  private result = -1;
  constructor(
    private readonly s: string,
    private readonly ch: string,
  ) {}
  /** index of the next `ch` at or after p, or -1 */
  next(p: number): number {
    if (this.from >= 0 && p >= this.from && (this.result < 0 || p <= this.result)) return this.result;
    this.from = p;
    this.result = this.s.indexOf(this.ch, p);
    return this.result;
  }
}

export function searchUri(
  s: string,
  from: number,
  lim: number,
  colons: NextChar = new NextChar(s, ':'),
  ats: NextChar = new NextChar(s, '@'),
): UriMatch | null {
  // A URI needs a ':' after its start, an address an '@': find them once (keeps prose linear).
  let colon = -2;
  let at = -2;
  let schemeFor = -1;
  let schemeStart = -1;
  for (let p = from; p < lim; p++) {
    const c = s.charCodeAt(p);
    if (!(isEmailc(c) || isAsciiAlpha(c))) continue;
    if (p > from && !isStartPrefix(cpBefore(s, p))) continue;
    if (colon !== -1 && colon < p) colon = colons.next(p);
    if (at !== -1 && at < p) at = ats.next(p);
    const colonOk = colon >= 0 && colon < lim;
    const atOk = at >= 0 && at < lim;
    if (!colonOk && !atOk) return null;
    if (colonOk && !atOk) {
      // only a scheme can match: it runs up to that ':' in scheme characters, so it starts no
      // earlier than the run of scheme characters that ends at the ':'
      if (schemeFor !== colon) {
        schemeFor = colon;
        schemeStart = colon;
        while (schemeStart > from && isSchemeChar(s.charCodeAt(schemeStart - 1))) schemeStart--;
      }
      if (p < schemeStart) {
        p = schemeStart - 1;
        continue;
      }
    }
    if (colonOk) {
      const abs = matchAbsolute(s, p, lim);
      if (abs) return { start: p, end: abs.end, schemeEnd: abs.schemeEnd, email: false };
    }
    if (atOk) {
      const e = matchEmail(s, p, lim, (end) => suffixAt(s, end, lim));
      if (e >= 0) return { start: p, end: e, email: true };
    }
  }
  return null;
}

/** Does `patterns.uri.match(text)` succeed (a match at 0)? */
export function uriMatchesAtStart(text: string): boolean {
  const lim = text.length;
  if (matchAbsolute(text, 0, lim)) return true;
  return matchEmail(text, 0, lim, (end) => suffixAt(text, end, lim)) >= 0;
}

/** Does `patterns.email.match(text)` succeed (the whole text is an e-mail address)? */
export function isEmailAddress(text: string): boolean {
  return matchEmail(text, 0, text.length, (end) => end === text.length || (end === text.length - 1 && text[end] === '\n')) >= 0;
}
