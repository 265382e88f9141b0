/**
 * The rules' README.md files as HTML for `kdocs/rules/<id>.html`. remark-parse gives the mdast;
 * this writes the node types the READMEs use (headings, paragraphs, lists, code, tables, links,
 * emphasis, inline code). Raw HTML in a README is written as text: nothing is passed through.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root, RootContent, PhrasingContent } from 'mdast';
import { esc } from './util.js';

const processor = unified().use(remarkParse);

type MdNode = Root | RootContent;

function children(n: { children?: MdNode[] }, linkOf: (url: string) => string): string {
  return (n.children ?? []).map((c) => node(c, linkOf)).join('');
}

function node(n: MdNode, linkOf: (url: string) => string): string {
  switch (n.type) {
    case 'root':
      return children(n, linkOf);
    case 'heading': {
      const text = plain(n);
      const id = 'md-' + text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      // the page title is the h1; README headings nest below it
      const level = Math.min(6, n.depth + 1);
      return `<h${level} id="${esc(id)}">${children(n, linkOf)}</h${level}>`;
    }
    case 'paragraph':
      return `<p>${children(n, linkOf)}</p>`;
    case 'text':
      return esc(n.value);
    case 'inlineCode':
      return `<code class="docutils literal notranslate">${esc(n.value)}</code>`;
    case 'code':
      return `<div class="highlight-${esc(n.lang ?? 'none')} notranslate"><div class="highlight"><pre>${esc(n.value)}</pre></div></div>`;
    case 'emphasis':
      return `<em>${children(n, linkOf)}</em>`;
    case 'strong':
      return `<strong>${children(n, linkOf)}</strong>`;
    case 'delete':
      return `<del>${children(n, linkOf)}</del>`;
    case 'link':
      return `<a class="reference external" href="${esc(linkOf(n.url))}">${children(n, linkOf)}</a>`;
    case 'list': {
      const tag = n.ordered ? 'ol' : 'ul';
      return `<${tag}>${n.children.map((li) => `<li>${li.children.map((c) => (c.type === 'paragraph' && !n.spread ? children(c, linkOf) : node(c, linkOf))).join('')}</li>`).join('')}</${tag}>`;
    }
    case 'blockquote':
      return `<blockquote>${children(n, linkOf)}</blockquote>`;
    case 'thematicBreak':
      return '<hr>';
    case 'break':
      return '<br>';
    case 'table': {
      const [head, ...body] = n.children;
      const row = (r: (typeof n.children)[number], cell: 'th' | 'td'): string =>
        `<tr>${r.children.map((c) => `<${cell}>${children(c, linkOf)}</${cell}>`).join('')}</tr>`;
      return `<table class="docutils align-default">${head ? `<thead>${row(head, 'th')}</thead>` : ''}<tbody>${body.map((r) => row(r, 'td')).join('')}</tbody></table>`;
    }
    case 'html':
      return `<p>${esc(n.value)}</p>`;
    case 'image':
      return esc(n.alt ?? '');
    default:
      return 'children' in n ? children(n as { children: MdNode[] }, linkOf) : 'value' in n ? esc(String((n as { value: unknown }).value)) : '';
  }
}

function plain(n: MdNode | PhrasingContent): string {
  if ('value' in n && typeof n.value === 'string') return n.value;
  if ('children' in n) return (n.children as MdNode[]).map(plain).join('');
  return '';
}

/** README markdown → HTML; `linkOf` rewrites link targets (e.g. `../x/README.md` → `x.html`). */
export function markdownToHtml(md: string, linkOf: (url: string) => string = (u) => u): { html: string; title: string } {
  const tree = processor.parse(md) as Root;
  let title = '';
  const first = tree.children[0];
  if (first && first.type === 'heading' && first.depth === 1) {
    title = plain(first);
    tree.children.shift();
  }
  return { html: node(tree, linkOf), title };
}
