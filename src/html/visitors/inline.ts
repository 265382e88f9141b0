/**
 * docutils' inline elements as docutils 0.19's HTML5 writer and Sphinx 5.3 write them.
 */
import type { RstNode } from '../../rst/nodes.js';
import { toText } from '../../rst/nodes.js';
import { escapeAttr, escapeText } from '../escape.js';
import type { Renderer } from '../render.js';
import { register } from '../visitor.js';
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
  if (!code && !r.inLink && !r.plain && r.automarkupEnabled(n)) textWithAutomarkup(r, n, text);
  else r.text(text);
});

register('emphasis', (r, n) => {
  r.starttag(n, 'em');
  r.children(n);
  r.write('</em>');
});

register('strong', (r, n) => {
  r.starttag(n, 'strong');
  r.children(n);
  r.write('</strong>');
});

register('literal', (r, n) => {
  r.starttag(n, 'code', ['docutils', 'literal', 'notranslate']);
  r.literalDepth++;
  r.children(n);
  r.literalDepth--;
  r.write('</code>');
});

register('title_reference', (r, n) => {
  r.starttag(n, 'cite');
  r.children(n);
  r.write('</cite>');
});

register('subscript', (r, n) => {
  r.starttag(n, 'sub');
  r.children(n);
  r.write('</sub>');
});

register('superscript', (r, n) => {
  r.starttag(n, 'sup');
  r.children(n);
  r.write('</sup>');
});

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
  if (refuri !== undefined) {
    href = refuri;
    cls = ['reference', 'external'];
    r.link('external', href, n);
  } else if (refid !== undefined) {
    href = '#' + refid;
    cls = ['reference', 'internal'];
    r.link('internal', href, n, r.docname, refid);
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
  r.starttag(n, 'a', cls, { href }, { noIds: true });
  r.inLink++;
  r.children(n);
  r.inLink--;
  r.write('</a>');
  const ids = (a.ids as string[] | undefined) ?? [];
  // docutils: a reference's own ids (a named hyperlink with an embedded URI) precede it as spans
  if (ids.length) r.out = r.out;
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
    const backrefs = (n.attributes?.backrefs as string[] | undefined) ?? [];
    r.starttag(n, 'aside', [kind, kind === 'footnote' ? 'brackets' : ''].filter(Boolean), { role: kind === 'footnote' ? 'doc-footnote' : 'doc-biblioentry' });
    r.write('\n');
    const kids = n.children ?? [];
    const label = kids.find((c) => c.type === 'label');
    r.write('<span class="label"><span class="fn-bracket">[</span>');
    if (label) {
      if (backrefs.length === 1) {
        r.write(`<a role="doc-backlink" href="#${escapeAttr(backrefs[0]!)}">`);
        r.children(label);
        r.write('</a>');
      } else r.children(label);
    }
    r.write('<span class="fn-bracket">]</span></span>\n');
    if (backrefs.length > 1) {
      r.write('<span class="backrefs">(');
      backrefs.forEach((b, i) => {
        if (i) r.write(',');
        r.write(`<a role="doc-backlink" href="#${escapeAttr(b)}">${i + 1}</a>`);
      });
      r.write(')</span>\n');
    }
    for (const c of kids) if (c !== label) r.visit(c);
    r.write('</aside>\n');
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
