/**
 * Small helpers shared by the site's page builders: escaping (everything that comes from a
 * document or a finding goes through `esc`) and relative URLs (the site works under any base
 * path and from a plain directory server).
 */

const ESC_RE = /[&<>"']/g;
const ESC_MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML text content and attribute values. */
export function esc(s: string): string {
  return s.replace(ESC_RE, (c) => ESC_MAP[c]!);
}

/** The URL of `to` relative to the page at `from` (both site-root-relative, no leading slash).
 *  One scan over the characters (no splitting): every link of every sidebar goes through it. */
export function relUrl(from: string, to: string): string {
  const fromDirEnd = from.lastIndexOf('/');
  // the last '/' of the directories both paths share (a '/' in `to` always ends a directory)
  let shared = -1;
  for (let i = 0; i <= fromDirEnd && i < to.length && from.charCodeAt(i) === to.charCodeAt(i); i++) if (from.charCodeAt(i) === 47) shared = i;
  let ups = 0;
  for (let j = shared + 1; j <= fromDirEnd; j++) if (from.charCodeAt(j) === 47) ups++;
  return '../'.repeat(ups) + to.slice(shared + 1) || './';
}

/** `../` repeated to reach the site root from a page. */
export function baseOf(url: string): string {
  const depth = url.split('/').length - 1;
  return depth ? '../'.repeat(depth) : './';
}

/** A slug for ids built from names (rule ids, directories). Linear, no backtracking. */
export function slug(s: string): string {
  let out = '';
  let dash = false;
  for (const ch of s.toLowerCase()) {
    const ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (ok) {
      out += ch;
      dash = false;
    } else if (!dash && out) {
      out += '-';
      dash = true;
    }
  }
  return out.endsWith('-') ? out.slice(0, -1) : out || 'x';
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
