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

/** The URL of `to` relative to the page at `from` (both site-root-relative, no leading slash). */
export function relUrl(from: string, to: string): string {
  const fromDir = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let i = 0;
  while (i < fromDir.length && i < toParts.length - 1 && fromDir[i] === toParts[i]) i++;
  const ups = fromDir.length - i;
  const rest = toParts.slice(i).join('/');
  return '../'.repeat(ups) + rest || './';
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
