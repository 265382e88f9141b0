/**
 * The structure of a rendered page, for comparison with Sphinx's: section ids, titles and
 * levels; every id (anchor) in the body; code blocks with their language and line count; tables
 * as rows of cells (with spans); link targets. The same extraction runs on Sphinx's HTML
 * (scripts/sphinx-structure.ts writes the goldens) and on ours (test/html/structure.test.ts), so
 * both sides are read by one set of rules.
 *
 * A small linear tag scanner, enough for the well-formed HTML both writers produce (not a
 * general HTML parser): tags, attributes in double quotes, comments, void elements. Content
 * inside <svg> and KaTeX's MathML/HTML (class "katex") is skipped: generated markup with ids of
 * its own that Sphinx's MathJax output does not have.
 */

export interface SectionStructure {
  id: string;
  title: string;
  level: number;
}

export interface CodeStructure {
  lang: string;
  lines: number;
}

export interface PageStructure {
  sections: SectionStructure[];
  anchors: string[];
  code: CodeStructure[];
  /** One entry per table: its rows, each a space-separated list of cells (`1`, or `c2`, `r3`, `c2r2` for spans). */
  tables: string[][];
  links: string[];
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

interface Tag {
  name: string;
  attrs: Record<string, string>;
  end: boolean;
  selfClosing: boolean;
}

function parseTag(s: string): Tag | undefined {
  // s is the text between '<' and '>'
  let i = 0;
  let end = false;
  if (s[0] === '/') {
    end = true;
    i = 1;
  }
  let j = i;
  while (j < s.length && /[A-Za-z0-9:-]/.test(s[j]!)) j++;
  const name = s.slice(i, j).toLowerCase();
  if (!name) return undefined;
  const attrs: Record<string, string> = {};
  const re = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  re.lastIndex = j;
  const rest = s.slice(j);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest))) attrs[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return { name, attrs, end, selfClosing: s.endsWith('/') };
}

/**
 * Extract the structure. `bodyOnly`: start at Sphinx's `<div class="body" role="main">` and stop
 * at its end (for whole Sphinx pages); otherwise the whole string is the body.
 */
export function extractStructure(html: string, options: { sphinxPage?: boolean } = {}): PageStructure {
  const out: PageStructure = { sections: [], anchors: [], code: [], tables: [], links: [] };
  let pos = 0;
  let end = html.length;
  if (options.sphinxPage) {
    const start = html.search(/<div class="body" role="main">/);
    if (start < 0) return out;
    pos = html.indexOf('>', start) + 1;
    end = findClose(html, pos, 'div');
  }
  // state
  const stack: { name: string; kind?: string }[] = [];
  let skipDepth = 0; // inside svg / katex
  let heading: { level: number; text: string; section: SectionStructure | undefined; inHeaderlink: number } | undefined;
  let pendingSection: SectionStructure | undefined;
  let code: { lang: string; text: string; depth: number; inPre: boolean } | undefined;
  const tables: { rows: string[]; row: string[] | undefined }[] = [];
  while (pos < end) {
    const lt = html.indexOf('<', pos);
    const textEnd = lt < 0 || lt > end ? end : lt;
    if (textEnd > pos) {
      const t = html.slice(pos, textEnd);
      if (!skipDepth) {
        if (heading && !heading.inHeaderlink) heading.text += t;
        if (code?.inPre) code.text += t;
      }
    }
    if (textEnd >= end) break;
    if (html.startsWith('<!--', lt)) {
      const c = html.indexOf('-->', lt + 4);
      pos = c < 0 ? end : c + 3;
      continue;
    }
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    pos = gt + 1;
    const tag = parseTag(html.slice(lt + 1, gt));
    if (!tag) {
      if (heading && !heading.inHeaderlink) heading.text += html.slice(lt, gt + 1);
      continue;
    }
    if (tag.end) {
      // pop to the matching element
      let k = stack.length - 1;
      while (k >= 0 && stack[k]!.name !== tag.name) k--;
      if (k < 0) continue;
      while (stack.length > k) {
        const e = stack.pop()!;
        if (e.kind === 'skip') skipDepth--;
        if (e.kind === 'headerlink' && heading) heading.inHeaderlink--;
        if (e.kind === 'heading' && heading) {
          const title = decodeEntities(heading.text).replace(/\s+/g, ' ').trim();
          if (heading.section) {
            heading.section.title = title;
            heading.section.level = heading.level;
          }
          heading = undefined;
        }
        if (e.kind === 'pre' && code) code.inPre = false;
        if (e.kind === 'code' && code) {
          const text = decodeEntities(code.text).replace(/\n$/, '');
          out.code.push({ lang: code.lang, lines: text ? text.split('\n').length : 0 });
          code = undefined;
        }
        if (e.kind === 'tr') {
          const t = tables[tables.length - 1];
          if (t?.row) {
            t.rows.push(t.row.join(' '));
            t.row = undefined;
          }
        }
        if (e.kind === 'table') {
          const t = tables.pop();
          if (t) out.tables.push(t.rows);
        }
      }
      continue;
    }
    const a = tag.attrs;
    const cls = (a.class ?? '').split(/\s+/);
    let kind: string | undefined;
    if (skipDepth || tag.name === 'svg' || cls.includes('katex') || cls.includes('katex-display')) {
      kind = 'skip';
      if (!VOID.has(tag.name) && !tag.selfClosing) {
        skipDepth++;
        stack.push({ name: tag.name, kind });
      }
      continue;
    }
    if (a.id !== undefined) out.anchors.push(a.id);
    if (tag.name === 'section' && a.id !== undefined) {
      pendingSection = { id: a.id, title: '', level: 0 };
      out.sections.push(pendingSection);
    } else if (/^h[1-6]$/.test(tag.name) && !heading) {
      kind = 'heading';
      heading = { level: Number(tag.name[1]), text: '', section: pendingSection, inHeaderlink: 0 };
      pendingSection = undefined;
    } else if (tag.name === 'a') {
      if (cls.includes('headerlink')) {
        kind = 'headerlink';
        if (heading) heading.inHeaderlink++;
      } else if (a.href !== undefined) out.links.push(a.href);
    } else if (tag.name === 'div' && !code && cls.some((c) => c.startsWith('highlight-'))) {
      kind = 'code';
      code = { lang: cls.find((c) => c.startsWith('highlight-'))!.slice('highlight-'.length), text: '', depth: stack.length, inPre: false };
    } else if (tag.name === 'pre') {
      if (code) {
        kind = 'pre';
        code.inPre = true;
      } else if (cls.includes('literal-block')) {
        kind = 'code';
        code = { lang: 'literal-block', text: '', depth: stack.length, inPre: true };
      }
    } else if (tag.name === 'table') {
      kind = 'table';
      tables.push({ rows: [], row: undefined });
    } else if (tag.name === 'tr') {
      kind = 'tr';
      const t = tables[tables.length - 1];
      if (t) t.row = [];
    } else if (tag.name === 'td' || tag.name === 'th') {
      const t = tables[tables.length - 1];
      if (t?.row) {
        const cs = Number(a.colspan ?? 1);
        const rs = Number(a.rowspan ?? 1);
        t.row.push(cs === 1 && rs === 1 ? '1' : `${cs > 1 ? 'c' + cs : ''}${rs > 1 ? 'r' + rs : ''}`);
      }
    }
    if (!VOID.has(tag.name) && !tag.selfClosing) stack.push(kind ? { name: tag.name, kind } : { name: tag.name });
  }
  return out;
}

/** Index of the end of the element opened just before `from` (nesting of the same tag counted). */
function findClose(html: string, from: number, name: string): number {
  const re = new RegExp(`<(/?)${name}\\b[^>]*>`, 'g');
  re.lastIndex = from;
  let depth = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m[1]) depth--;
    else depth++;
    if (!depth) return m.index;
  }
  return html.length;
}

/** Per-category comparison: the names of the categories that differ. */
export function compareStructure(ours: PageStructure, golden: PageStructure): string[] {
  const diff: string[] = [];
  for (const k of ['sections', 'anchors', 'code', 'tables', 'links'] as const) {
    if (JSON.stringify(ours[k]) !== JSON.stringify(golden[k])) diff.push(k);
  }
  return diff;
}
