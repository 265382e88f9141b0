/**
 * docutils' escape handling. The inliner works on text whose escaping backslashes were replaced by
 * NUL markers (`escape2null`); the replacement keeps every index, so an index into the escaped
 * text is an index into the TextMap's text.
 */

/** docutils `escape2null`: each `\x` becomes NUL + `x` (same length). */
export function escape2null(text: string): string {
  let i = text.indexOf('\\');
  if (i < 0) return text;
  let out = '';
  let start = 0;
  while (i >= 0) {
    out += text.slice(start, i) + '\u0000' + text.slice(i + 1, i + 2);
    start = i + 2;
    i = start < text.length ? text.indexOf('\\', start) : -1;
  }
  return out + text.slice(start);
}

/**
 * docutils `nodes.unescape`: with `restoreBackslashes`, NULs become backslashes again; otherwise
 * NUL + space and NUL + newline vanish, and remaining NULs are dropped.
 */
export function unescape(text: string, restoreBackslashes = false): string {
  if (text.indexOf('\u0000') < 0) return text;
  if (restoreBackslashes) return text.replace(/\u0000/g, '\\');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) {
      const d = text.charCodeAt(i + 1);
      if (d === 0x20 || d === 0x0a) i++;
      continue;
    }
    out += text[i];
  }
  return out;
}

/** docutils `split_escaped_whitespace`: split on NUL+space and NUL+newline. */
export function splitEscapedWhitespace(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split('\u0000 ')) out.push(...part.split('\u0000\n'));
  return out;
}
