/**
 * What a behaviour phrasing (rules/contracts/*.json `docPlaces[].phrasings[].pattern`) requires of
 * the text it can match: the words contract-behaviour looks for before it runs the pattern, and
 * the pre-filter of the contract rules (triggers.ts) looks for in a whole document.
 */

/**
 * What a phrasing's pattern requires of a paragraph, lower-cased: each entry is a set of
 * alternatives one of which must occur — a run of four or more literal letters outside groups,
 * classes and escapes (not made optional by a quantifier), or the leading letters of each branch
 * of a plain top-level alternation group such as `(move|moving|relocate)`. Empty when the
 * pattern has an alternation at its top level.
 */
export function requirements(pattern: string): string[][] {
  const reqs: string[][] = [];
  let inClass = false;
  let run = '';
  const flush = (optionalLast: boolean): void => {
    const r = optionalLast ? run.slice(0, -1) : run;
    if (r.length >= 4) reqs.push([r.toLowerCase()]);
    run = '';
  };
  const optionalAt = (i: number): boolean => pattern[i] === '?' || pattern[i] === '*' || /^\{0/.test(pattern.slice(i));
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (inClass) {
      if (c === '\\') i++;
      else if (c === ']') inClass = false;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      run += c;
      continue;
    }
    flush(optionalAt(i));
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === '|') return [];
    else if (c === '(') {
      // skip the group; keep it as a requirement if it is a plain alternation of words
      let depth = 1;
      let j = i + 1;
      let plain = true;
      for (; j < pattern.length && depth > 0; j++) {
        const d = pattern[j]!;
        if (d === '\\') {
          j++;
          plain = false;
        } else if (d === '(') {
          depth++;
          plain = false;
        } else if (d === ')') depth--;
        else if (d === '[') plain = false;
      }
      const body = pattern.slice(i + 1, j - 1).replace(/^\?:/, '');
      if (plain && !optionalAt(j) && /^[A-Za-z |]+$/.test(body)) {
        const alts = body.split('|').map((a) => (/^[A-Za-z]+/.exec(a)?.[0] ?? '').toLowerCase());
        if (alts.every((a) => a.length >= 3)) reqs.push(alts);
      }
      i = j - 1;
    }
  }
  flush(false);
  return reqs;
}

/** A pattern with each literal space outside a character class matching any run of whitespace,
 *  and bounded repeats widened, for the raw text of a paragraph: it matches wherever the pattern
 *  matches the paragraph's whitespace-normalised sentences (lines of up to ~100 columns). The
 *  pre-filter of a phrasing that has no required word. */
export function widenSpaces(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '{') {
      const m = /^\{(\d+),(\d+)\}/.exec(pattern.slice(i));
      if (m) {
        out += `{${m[1]},${2 * Number(m[2]) + 16}}`;
        i += m[0].length - 1;
      } else out += c;
    } else out += c === ' ' ? '(?:\\s+)' : c;
  }
  return out;
}
