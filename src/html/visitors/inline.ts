/**
 * docutils' inline elements as docutils 0.19's HTML5 writer and Sphinx 5.3 write them.
 */
import type { RstNode } from '../../rst/nodes.js';
import { toText } from '../../rst/nodes.js';
import { escapeAttr, escapeText } from '../escape.js';
import type { Renderer } from '../render.js';
import { element, register } from '../visitor.js';
import { textWithAutomarkup } from './automarkup.js';
import { smartquote } from '../smartquotes.js';

/** Inside Sphinx's literal nodes words go in <span class="pre"> (visit_Text, protect_literal_text). */
export function writeLiteralText(r: Renderer, s: string): void {
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 10) {
      r.write('\n');
      i++;
    } else if (c === 32) {
      let j = i;
      while (j < n && s.charCodeAt(j) === 32) j++;
      const len = j - i;
      r.write(len === 1 ? ' ' : '&#160;'.repeat(len - 1) + ' ');
      i = j;
    } else {
      let j = i;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d === 32 || d === 10 || d === 9 || d === 13 || d === 11 || d === 12) break;
        j++;
      }
      if (j === i) {
        // other whitespace (tab, ...): \S+ never matches it, Sphinx drops it
        i++;
        continue;
      }
      r.write('<span class="pre">');
      r.text(s.slice(i, j));
      r.write('</span>');
      i = j;
    }
  }
}

/** Text of literal-ish subtrees (<span class="pre"> per word). */
export function literalChildren(r: Renderer, n: RstNode): void {
  for (const c of n.children ?? []) {
    if (c.type === 'text') writeLiteralText(r, c.value ?? '');
    else r.visit(c);
  }
}

/** Ancestor types inside which text is code (no smart quotes, no automarkup). */
const CODE_ANCESTORS = new Set(['literal', 'literal_block', 'doctest_block', 'raw', 'math', 'math_block', 'option_string', 'option_argument']);

register('text', (r, n) => {
  const v = n.value ?? '';
  if (r.literalDepth) {
    writeLiteralText(r, v);
    return;
  }
  const q = r.parents;
  let code = false;
  for (let i = q.length - 2; i >= 0; i--) if (CODE_ANCESTORS.has(q[i]!.type)) {
    code = true;
    break;
  }
  const text = code ? v : smartquote(r, n, v);
  if (r.inMailto) {
    r.write(escapeText(text).replace(/&#64;/g, '<span>&#64;</span>').replace(/\./g, '<span>&#46;</span>'));
    return;
  }
  if (!code && !r.inLink && !r.plain && r.automarkupEnabled(n)) textWithAutomarkup(r, n, text);
  else r.text(text);
});

register('emphasis', element('em'));

register('strong', element('strong'));

register('literal', (r, n) => {
  r.starttag(n, 'code', ['docutils', 'literal', 'notranslate']);
  r.literalDepth++;
  r.children(n);
  r.literalDepth--;
  r.write('</code>');
});

register('title_reference', element('cite'));

register('subscript', element('sub'));

register('superscript', element('sup'));

register(['abbreviation', 'acronym'], (r, n) => {
  const explanation = n.attributes?.explanation as string | undefined;
  r.starttag(n, 'abbr', [], { title: explanation });
  r.children(n);
  r.write('</abbr>');
});

register('inline', (r, n) => {
  const cls = (n.attributes?.classes as string[] | undefined) ?? [];
  if (!cls.length && !(n.attributes?.ids as string[] | undefined)?.length) {
    r.children(n);
    return;
  }
  r.starttag(n, 'span');
  r.children(n);
  r.write('</span>');
});

register('generated', (r, n) => r.children(n));

register('substitution_reference', (r, n) => {
  // left after the Substitutions transform only when undefined (docutils reported it)
  r.children(n);
});

register('reference', (r, n) => {
  const a = n.attributes ?? {};
  const refuri = a.refuri as string | undefined;
  const refid = a.refid as string | undefined;
  if (r.inLink || r.plain) {
    r.children(n);
    return;
  }
  let href: string;
  let cls: string[];
  if (refuri !== undefined && refuri.startsWith('mailto:')) {
    // docutils' cloak_email_addresses (on in Sphinx): %40 and entities in the href, spans in the text
    r.link('external', refuri, n);
    const href = escapeAttr(refuri.replace(/@/g, '%40')).replace(/%40/g, '&#37;&#52;&#48;').replace(/\./g, '&#46;');
    r.write(`<a class="reference external" href="${href}">`);
    r.inLink++;
    r.inMailto++;
    r.children(n);
    r.inMailto--;
    r.inLink--;
    r.write('</a>');
    return;
  } else if (refuri !== undefined) {
    href = refuri;
    cls = ['reference', 'external'];
    r.link('external', href, n);
  } else if (refid !== undefined) {
    href = '#' + r.mapRef(refid);
    cls = ['reference', 'internal'];
    r.link('internal', href, n, r.docname, r.mapRef(refid));
  } else {
    // unresolved (refname left after a docutils error): docutils writes <a> without href
    r.starttag(n, 'a', ['reference']);
    r.inLink++;
    r.children(n);
    r.inLink--;
    r.write('</a>');
    return;
  }
  const image = n.children?.length === 1 && n.children[0]!.type === 'image';
  if (image) cls.push('image-reference');
  r.starttag(n, 'a', cls, { href });
  r.inLink++;
  r.children(n);
  r.inLink--;
  r.write('</a>');
});

register('footnote_reference', (r, n) => {
  const refid = n.attributes?.refid as string | undefined;
  const auto = n.attributes?.auto;
  void auto;
  r.starttag(n, 'a', ['footnote-reference', 'brackets'], { href: refid ? '#' + refid : undefined, role: 'doc-noteref' });
  r.write('<span class="fn-bracket">[</span>');
  r.children(n);
  r.write('<span class="fn-bracket">]</span></a>');
  if (refid) r.link('footnote', '#' + refid, n, r.docname, refid);
});

register('citation_reference', (r, n) => {
  const refid = n.attributes?.refid as string | undefined;
  r.starttag(n, 'span', ['citation-reference']);
  r.write(refid ? `<a href="#${escapeAttr(refid)}" role="doc-biblioref">[` : '[');
  r.children(n);
  r.write(refid ? ']</a>' : ']');
  r.write('</span>');
  if (refid) r.link('citation', '#' + refid, n, r.docname, refid);
});

function noteLike(kind: 'footnote' | 'citation') {
  return (r: Renderer, n: RstNode): void => {
    // docutils 0.19: consecutive footnotes (citations) share one list wrapper
    const parent = r.parent;
    const sibs = parent?.children ?? [];
    const i = sibs.indexOf(n);
    const first = i <= 0 || sibs[i - 1]!.type !== kind;
    const last = i < 0 || i === sibs.length - 1 || sibs[i + 1]!.type !== kind;
    if (first) r.write(kind === 'footnote' ? '<aside class="footnote-list brackets">\n' : '<div role="list" class="citation-list">\n');
    const backrefs = (n.attributes?.backrefs as string[] | undefined) ?? [];
    if (kind === 'footnote') r.starttag(n, 'aside', ['footnote', 'brackets'], { role: 'note' });
    else r.starttag(n, 'div', ['citation'], { role: 'doc-biblioentry' });
    r.write('\n');
    const kids = n.children ?? [];
    const label = kids.find((c) => c.type === 'label');
    r.write('<span class="label"><span class="fn-bracket">[</span>');
    if (label) {
      if (backrefs.length === 1 && !r.plain) {
        r.write(`<a role="doc-backlink" href="#${escapeAttr(r.mapId(backrefs[0]!))}">`);
        r.inner(label);
        r.write('</a>');
      } else r.inner(label);
    }
    r.write('<span class="fn-bracket">]</span></span>\n');
    if (backrefs.length > 1 && !r.plain) {
      r.write('<span class="backrefs">(');
      backrefs.forEach((b, k) => {
        if (k) r.write(',');
        r.write(`<a role="doc-backlink" href="#${escapeAttr(r.mapId(b))}">${k + 1}</a>`);
      });
      r.write(')</span>\n');
    }
    for (const c of kids) if (c !== label) r.visit(c);
    r.write(kind === 'footnote' ? '</aside>\n' : '</div>\n');
    if (last) r.write(kind === 'footnote' ? '</aside>\n' : '</div>\n');
  };
}

register('footnote', noteLike('footnote'));
register('citation', noteLike('citation'));
register('label', (r, n) => r.children(n));

register('image', (r, n) => {
  const a = n.attributes ?? {};
  const uri = String(a.uri ?? '');
  const alt = (a.alt as string | undefined) ?? uri;
  const src = r.imageSrc(uri, n);
  const attrs: Record<string, string | undefined> = { alt, src };
  let style = '';
  for (const k of ['width', 'height'] as const) {
    const v = a[k] as string | undefined;
    if (v) style += `${k}: ${/^\d+(\.\d+)?$/.test(v) ? v + 'px' : v};`;
  }
  const scale = a.scale as number | undefined;
  if (scale !== undefined && !style) attrs['data-scale'] = String(scale);
  if (style) attrs.style = style;
  const align = a.align as string | undefined;
  const cls = align ? [`align-${align}`] : [];
  const inline = isInlineContext(r);
  r.starttag(n, 'img', cls, attrs, { empty: true });
  if (!inline) r.write('\n');
});

function isInlineContext(r: Renderer): boolean {
  const p = r.parent;
  return !!p && (p.type === 'paragraph' || p.type === 'reference' || p.type === 'substitution_definition' || p.type === 'line');
}

register('raw_inline', (r, n) => {
  void n;
  void r;
});

export function plainText(n: RstNode): string {
  return escapeText(toText(n));
}
