/**
 * Sphinx's toctree semantics, without Sphinx: entry parsing (sphinx/directives/other.py TocTree
 * .parse_content), docname joining (sphinx.util.docname_join) and glob patterns
 * (sphinx.util.matching._translate_pattern).
 */

/** `title <target>` (Sphinx's explicit_title_re). */
const EXPLICIT_TITLE_RE = /^([\s\S]+?)\s*<([^<]*?)>$/;
/** An entry that is a glob pattern (Sphinx's glob_re). */
const GLOB_RE = /[*?[]/;
/** URLs are kept as external entries (Sphinx's url_re). */
const URL_RE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/|^mailto:/;

export interface RawTocEntry {
  /** The entry line as written (trimmed). */
  text: string;
  /** Explicit title (`Title <target>`), if any. */
  title?: string;
  /** The target as written (after removing the title). */
  target: string;
  kind: 'doc' | 'glob' | 'self' | 'url';
  /** 0-based index of the content line the entry comes from. */
  line: number;
}

/** Parse the content lines of a `.. toctree::` into entries. */
export function parseTocEntries(content: readonly string[], glob: boolean): RawTocEntry[] {
  const out: RawTocEntry[] = [];
  for (let i = 0; i < content.length; i++) {
    const text = content[i]!.trim();
    if (!text) continue;
    // Sphinx skips nothing else; a line starting with `..` in the content would be an entry too,
    // but docutils never gives comments to the directive as content of a toctree? It does: keep it.
    const m = EXPLICIT_TITLE_RE.exec(text);
    const title = m ? m[1]! : undefined;
    const target = m ? m[2]!.trim() : text;
    let kind: RawTocEntry['kind'] = 'doc';
    if (glob && !m && GLOB_RE.test(text)) kind = 'glob';
    else if (target === 'self') kind = 'self';
    else if (URL_RE.test(target)) kind = 'url';
    const e: RawTocEntry = { text, target, kind, line: i };
    if (title !== undefined) e.title = title;
    out.push(e);
  }
  return out;
}

/** posixpath.normpath for relative paths (no leading slash kept). Returns null if it escapes the root. */
export function normalizePath(path: string): string | null {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * sphinx.util.docname_join: `/x` is relative to the source root, anything else to the directory of
 * `fromDocname`. Returns null when the result escapes the root.
 */
export function docnameJoin(fromDocname: string, target: string): string | null {
  if (target.startsWith('/')) return normalizePath(target.slice(1));
  const base = dirname(fromDocname);
  return normalizePath(base ? `${base}/${target}` : target);
}

/** Strip the `.rst` source suffix (Sphinx does for toctree entries). */
export function stripSuffix(name: string): string {
  return name.endsWith('.rst') ? name.slice(0, -4) : name;
}

/** Sphinx's glob pattern → RegExp: `**` any, `*` no slash, `?` one non-slash, `[...]` classes. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i]!;
    i++;
    if (c === '*') {
      if (i < n && pattern[i] === '*') {
        i++;
        re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      let j = i;
      if (j < n && pattern[j] === '!') j++;
      if (j < n && pattern[j] === ']') j++;
      while (j < n && pattern[j] !== ']') j++;
      if (j >= n) re += '\\[';
      else {
        let stuff = pattern.slice(i, j).replace(/\\/g, '\\\\');
        i = j + 1;
        if (stuff[0] === '!') stuff = '^/' + stuff.slice(1);
        else if (stuff[0] === '^') stuff = '\\' + stuff;
        re += `[${stuff}]`;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
