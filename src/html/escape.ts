/**
 * HTML escaping. Everything that comes from a document goes through one of these: text content
 * (`&`, `<`, `>`) and attribute values (also `"`), as docutils' `encode` does (it also escapes `@`
 * as `&#64;`, to keep mail addresses from harvesters; Sphinx keeps that, so we do too).
 */
const TEXT_RE = /[&<>"@\u00a0]/;

/** The one escaping loop: `&`, `<`, `>`, `"` always; `@` and no-break spaces too when `all`. */
function escapeChars(s: string, all: boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 34) rep = '&quot;';
    else if (all && c === 64) rep = '&#64;';
    else if (all && c === 0xa0) rep = '&#160;';
    if (rep !== undefined) {
      out += s.slice(from, i) + rep;
      from = i + 1;
    }
  }
  return from ? out + s.slice(from) : s;
}

export function escapeText(s: string): string {
  return TEXT_RE.test(s) ? escapeChars(s, true) : s;
}

/** Attribute values: the same set (quotes included). */
export const escapeAttr = escapeText;

/** Escape only what breaks HTML (for code, where `@` stays readable). */
export function escapeCode(s: string): string {
  return escapeChars(s, false);
}
