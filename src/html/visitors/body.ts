/**
 * docutils' body elements, as docutils 0.19's HTML5 writer (with Sphinx 5.3's HTML5Translator
 * overrides) writes them: sections and titles, paragraphs, lists, definition/field/option
 * lists, block quotes, line blocks, literal blocks, admonitions, topics, sidebars, rubrics,
 * transitions, comments, targets, system messages, footnotes and citations.
 */
import type { RstNode } from '../../rst/nodes.js';
import { toText } from '../../rst/nodes.js';
import { escapeAttr, escapeText } from '../escape.js';
import type { Renderer } from '../render.js';
import { element, register } from '../visitor.js';
import { writeCode } from '../code.js';
import { checkSimpleList } from './compact.js';
import { secnumbersOf } from '../toc.js';
import { sectionIdsOf } from '../ids.js';

const ids = (n: RstNode): string[] => (n.attributes?.ids as string[] | undefined) ?? [];
/** A section with Sphinx's SortIds applied to its ids. */
const sorted = (n: RstNode): RstNode => {
  const i = ids(n);
  const s = sectionIdsOf(i);
  return s === i ? n : { ...n, attributes: { ...n.attributes, ids: [...s] } };
};
const classes = (n: RstNode): string[] => (n.attributes?.classes as string[] | undefined) ?? [];

// ------------------------------------------------------------------------------ structure

register('document', (r, n) => r.children(n));

/** Sphinx's add_secnumber: the number of a section under a `:numbered:` toctree. */
function sectionNumber(r: Renderer, section: RstNode): string {
  const index = r.ctx.index;
  if (!index) return '';
  const nums = secnumbersOf(r, r.docname);
  if (!nums) return '';
  let anchor = '#' + (sectionIdsOf(ids(section))[0] ?? '');
  // a section not in the toc takes the number of the document's first heading
  if (!nums.has(anchor)) anchor = '';
  const n = nums.get(anchor);
  return n ? `<span class="section-number">${n.join('.')}. </span>` : '';
}

/** Plain text of a title for the toc (what Sphinx's toctree shows: the astext()). */
function tocEntry(r: Renderer, section: RstNode, title: RstNode): void {
  const level = r.sectionLevel;
  const id = sectionIdsOf(ids(section))[0] ?? '';
  r.plain++;
  r.inLink++;
  const titleHtml = r.capture(() => r.children(title));
  r.inLink--;
  r.plain--;
  const entry = {
    id,
    title: toText(title),
    titleHtml,
    level,
    children: [],
    ...(title.position ? { line: title.position.start.line } : {}),
    ...(r.currentSource && r.currentSource !== r.doc.path ? { source: r.currentSource } : {}),
  };
  while (r.tocStack.length && r.tocStack[r.tocStack.length - 1]!.level >= level) r.tocStack.pop();
  const parent = r.tocStack[r.tocStack.length - 1];
  if (parent) (parent.children as unknown[]).push(entry);
  else r.toc.push(entry);
  r.tocStack.push(entry);
  if (!r.title && level === 1) {
    r.title = entry.title;
    r.titleHtml = titleHtml;
  }
}

register('title', (r, n) => {
  // titles of sections, topics, admonitions, sidebars and tables are written by their parent's
  // visitor; one met elsewhere is written as docutils writes a title outside a section
  r.starttag(n, 'p', ['rubric']);
  r.children(n);
  r.write('</p>\n');
});

/** Section titles need their section (ids for the permalink): visited through this. */
export function sectionTitle(r: Renderer, section: RstNode, title: RstNode): void {
  r.parents.push(title);
  tocEntry(r, section, title);
  const level = Math.min(Math.max(r.sectionLevel, 1), 6);
  r.write(`<h${level}>`);
  const num = sectionNumber(r, section);
  const refid = title.attributes?.refid as string | undefined;
  if (refid && !r.plain) {
    // docutils: a title backlinking to the table of contents
    r.write(`<a class="toc-backref" href="#${escapeAttr(r.mapId(refid))}" role="doc-backlink">`);
    r.write(num);
    r.inLink++;
    r.children(title);
    r.inLink--;
    r.write('</a>');
  } else {
    r.write(num);
    r.children(title);
  }
  r.parents.pop();
  const id = sectionIdsOf(ids(section))[0];
  if (id) r.write(`<a class="headerlink" href="#${escapeAttr(id)}" title="Permalink to this heading">¶</a>`);
  r.write(`</h${level}>\n`);
}

register('section', (r, n) => {
  r.sectionLevel++;
  r.starttag(sorted(n), 'section', [], {}, { newline: true });
  for (const c of n.children ?? []) {
    if (c.type === 'title') sectionTitle(r, n, c);
    else r.visit(c);
  }
  r.write('</section>\n');
  r.sectionLevel--;
});

register('subtitle', (r, n) => {
  r.starttag(n, 'p', ['section-subtitle']);
  r.children(n);
  r.write('</p>\n');
});

register('transition', (r, n) => {
  r.starttag(n, 'hr', ['docutils'], {}, { empty: true });
  r.write('\n');
});

register('rubric', (r, n) => {
  r.starttag(n, 'p', ['rubric']);
  r.children(n);
  r.write('</p>\n');
});

// ------------------------------------------------------------------------------ paragraphs

register('paragraph', (r, n) => {
  // docutils' HTML5 writer (as Sphinx 5.3 uses it) always writes <p>, also in simple lists; no
  // newline after the only paragraph of a list item or table cell
  r.starttag(n, 'p');
  r.children(n);
  const p = r.parent;
  r.write((p?.type === 'list_item' || p?.type === 'entry') && p.children?.length === 1 ? '</p>' : '</p>\n');
});

register('compound', (r, n) => {
  r.starttag(n, 'div', ['compound']);
  r.write('\n');
  r.children(n);
  r.write('</div>\n');
});

register('container', (r, n) => {
  r.starttag(n, 'div', ['docutils', 'container']);
  r.write('\n');
  r.children(n);
  r.write('</div>\n');
});

register('block_quote', (r, n) => {
  // Sphinx's HTML5Translator wraps the content in a <div>
  r.starttag(n, 'blockquote');
  r.write('\n<div>');
  r.children(n);
  r.write('</div></blockquote>\n');
});

register('attribution', (r, n) => {
  r.starttag(n, 'p', ['attribution']);
  r.write('—');
  r.children(n);
  r.write('</p>\n');
});

register(['epigraph', 'highlights', 'pull-quote'], element('blockquote', '\n'));

register('line_block', (r, n) => {
  r.starttag(n, 'div', ['line-block']);
  r.write('\n');
  r.children(n);
  r.write('</div>\n');
});

register('line', (r, n) => {
  r.starttag(n, 'div', ['line']);
  if (!n.children?.length) r.write('<br />');
  else r.children(n);
  r.write('</div>\n');
});

// ------------------------------------------------------------------------------ lists

function listLike(tag: 'ul' | 'ol', extra: (n: RstNode) => Record<string, string | undefined>, cls: (n: RstNode) => string[]) {
  return (r: Renderer, n: RstNode): void => {
    const outer = r.state.get('compactSimple') as boolean | undefined;
    const simple = checkSimpleList(n);
    const c = cls(n);
    if (simple && !outer) c.push('simple');
    r.state.set('compactSimple', simple);
    r.starttag(n, tag, c, extra(n), { before: true });
    r.write('\n');
    r.children(n);
    r.write(`</${tag}>\n`);
    r.state.set('compactSimple', outer);
  };
}

register('bullet_list', listLike('ul', () => ({}), () => []));

const ENUM_CLASS: Record<string, string> = {
  arabic: 'arabic',
  loweralpha: 'loweralpha',
  upperalpha: 'upperalpha',
  lowerroman: 'lowerroman',
  upperroman: 'upperroman',
};

register(
  'enumerated_list',
  listLike(
    'ol',
    (n) => {
      const start = n.attributes?.start as number | undefined;
      return start !== undefined && start !== 1 ? { start: String(start) } : {};
    },
    (n) => {
      const e = n.attributes?.enumtype as string | undefined;
      return [ENUM_CLASS[e ?? 'arabic'] ?? 'arabic'];
    },
  ),
);

register('list_item', element('li', '\n'));

register('definition_list', (r, n) => {
  r.starttag(n, 'dl', checkSimpleList(n) ? ['simple'] : [], {}, { before: true });
  r.write('\n');
  r.children(n);
  r.write('</dl>\n');
});

register('definition_list_item', (r, n) => {
  // the item has no element of its own: <dt>term<classifiers></dt><dd>definition</dd>
  const kids = n.children ?? [];
  let open = false;
  for (const c of kids) {
    if (c.type === 'term') {
      if (open) r.write('</dt>');
      r.starttag({ ...c, attributes: { ...c.attributes, ids: [...ids(n), ...ids(c)], classes: [...classes(n), ...classes(c)] } }, 'dt');
      r.inner(c);
      open = true;
    } else if (c.type === 'classifier') {
      r.write('<span class="classifier-delimiter">:</span> <span class="classifier">');
      r.inner(c);
      r.write('</span>');
    } else {
      if (open) r.write('</dt>');
      open = false;
      r.visit(c);
    }
  }
  if (open) r.write('</dt>\n');
});

register('term', element('dt', '\n'));

register('classifier', (r, n) => {
  r.write('<span class="classifier">');
  r.children(n);
  r.write('</span>');
});

register('definition', element('dd', '\n'));

register(['field_list', 'docinfo'], (r, n) => {
  const cls = n.type === 'docinfo' ? ['docinfo'] : ['field-list'];
  if (checkSimpleList(n)) cls.push('simple');
  r.starttag(n, 'dl', cls, {}, { before: true });
  r.write('\n');
  const saved = r.state.get('fieldIndex');
  r.state.set('fieldIndex', 0);
  r.children(n);
  r.state.set('fieldIndex', saved);
  r.write('</dl>\n');
});

register('field', (r, n) => {
  const i = ((r.state.get('fieldIndex') as number | undefined) ?? 0) + 1;
  r.state.set('fieldIndex', i);
  const parity = i % 2 ? 'field-odd' : 'field-even';
  for (const c of n.children ?? []) {
    if (c.type === 'field_name') {
      r.starttag(c, 'dt', [parity]);
      r.inner(c);
      r.write('<span class="colon">:</span></dt>\n');
    } else if (c.type === 'field_body') {
      r.starttag(c, 'dd', [parity]);
      r.inner(c);
      r.write('</dd>\n');
    } else r.visit(c);
  }
});

register('field_name', (r, n) => {
  r.starttag(n, 'dt');
  r.children(n);
  r.write('<span class="colon">:</span></dt>\n');
});

register('field_body', element('dd', '\n'));

// docinfo's bibliographic fields (author, version, ...) as field-list rows
register(['author', 'authors', 'organization', 'address', 'contact', 'version', 'revision', 'status', 'date', 'copyright'], (r, n) => {
  r.write(`<dt class="${escapeAttr(n.type)}">${escapeText(n.type[0]!.toUpperCase() + n.type.slice(1))}<span class="colon">:</span></dt>\n<dd class="${escapeAttr(n.type)}">`);
  if (n.type === 'address') {
    r.write('<pre class="address">');
    r.children(n);
    r.write('</pre>');
  } else r.children(n);
  r.write('</dd>\n');
});

register('option_list', (r, n) => {
  r.starttag(n, 'dl', ['option-list'], {}, { before: true });
  r.write('\n');
  r.children(n);
  r.write('</dl>\n');
});

register('option_list_item', (r, n) => {
  for (const c of n.children ?? []) r.visit(c);
});

register('option_group', (r, n) => {
  r.write('<dt><kbd>');
  const opts = n.children ?? [];
  opts.forEach((o, i) => {
    if (i) r.write(', ');
    r.visit(o);
  });
  r.write('</kbd></dt>\n');
});

register('option', (r, n) => {
  r.write('<span class="option">');
  r.children(n);
  r.write('</span>');
});

register('option_string', (r, n) => r.children(n));

register('option_argument', (r, n) => {
  r.text((n.attributes?.delimiter as string | undefined) ?? ' ');
  r.write('<var>');
  r.children(n);
  r.write('</var>');
});

register('description', (r, n) => {
  r.starttag(n, 'dd');
  r.write('\n');
  r.children(n);
  r.write('</dd>\n');
});

// ------------------------------------------------------------------------------ literal blocks

register('literal_block', (r, n) => {
  const kids = n.children ?? [];
  // parsed-literal (inline markup inside) is not highlighted: docutils' <pre class="literal-block">
  const parsed = kids.some((c) => c.type !== 'text');
  if (parsed || classes(n).includes('code')) {
    r.starttag(n, 'pre', ['literal-block']);
    r.children(n);
    r.write('</pre>\n');
    return;
  }
  const lang = (n.attributes?.language as string | undefined) ?? r.highlightLang;
  const code = toText(n);
  const lines = code.split('\n').length;
  writeCode(r, n, lang, code, { linenos: lines > r.highlightLinenoThreshold });
});

register('doctest_block', (r, n) => {
  // Sphinx highlights doctest blocks with the default lexer, which picks pycon for `>>>`
  writeCode(r, n, 'default', toText(n));
});

// ------------------------------------------------------------------------------ admonitions

const ADMONITIONS: Record<string, string> = {
  attention: 'Attention',
  caution: 'Caution',
  danger: 'Danger',
  error: 'Error',
  hint: 'Hint',
  important: 'Important',
  note: 'Note',
  tip: 'Tip',
  warning: 'Warning',
  seealso: 'See also',
};

for (const [type, label] of Object.entries(ADMONITIONS)) {
  register(type, (r, n) => {
    r.starttag(n, 'div', ['admonition', type]);
    r.write(`\n<p class="admonition-title">${label}</p>\n`);
    r.children(n);
    r.write('</div>\n');
  });
}

register('admonition', (r, n) => {
  r.starttag(n, 'div', ['admonition']);
  r.write('\n');
  for (const c of n.children ?? []) {
    if (c.type === 'title') {
      r.write('<p class="admonition-title">');
      r.inner(c);
      r.write('</p>\n');
    } else r.visit(c);
  }
  r.write('</div>\n');
});

register('topic', (r, n) => {
  // docutils 0.19: the contents topic is a <nav> without the "topic" class
  const isContents = classes(n).includes('contents');
  if (isContents) r.starttag(n, 'nav', [], r.parent?.type === 'document' ? { role: 'doc-toc' } : {});
  else r.starttag(n, 'aside', ['topic']);
  r.write('\n');
  for (const c of n.children ?? []) {
    if (c.type === 'title') {
      r.write('<p class="topic-title">');
      r.inner(c);
      r.write('</p>\n');
    } else r.visit(c);
  }
  r.write(isContents ? '</nav>\n' : '</aside>\n');
});

register('sidebar', (r, n) => {
  r.starttag(n, 'aside', ['sidebar']);
  r.write('\n');
  for (const c of n.children ?? []) {
    if (c.type === 'title') {
      r.write('<p class="sidebar-title">');
      r.inner(c);
      r.write('</p>\n');
    } else if (c.type === 'subtitle') {
      r.write('<p class="sidebar-subtitle">');
      r.inner(c);
      r.write('</p>\n');
    } else r.visit(c);
  }
  r.write('</aside>\n');
});

// ------------------------------------------------------------------------------ invisible

register(['comment', 'substitution_definition', 'pending', 'decoration', 'header', 'footer', 'meta'], () => {
  // not rendered (docutils: Invisible / handled elsewhere)
});

register('target', (r, n) => {
  // a target with ids and no refuri/refid: an anchor in place (docutils writes an empty span)
  const a = n.attributes ?? {};
  if (a.refuri || a.refid || a.refname) return;
  const i = ids(n);
  if (!i.length || r.plain) return;
  for (const id of i) r.write(`<span id="${escapeAttr(id)}"></span>`);
});

register('system_message', (r, n) => {
  // Sphinx's FilterSystemMessages (keep_warnings off, as the kernel has it) removes docutils'
  // reports from the page; they are build warnings. The problematic text stays in place.
  const a = n.attributes ?? {};
  const level = (a.level as number | undefined) ?? 2;
  if (level < 2) return;
  const type = (a.type as string | undefined) ?? 'WARNING';
  r.warn('html-system-message', `${type}: ${toText(n).split('\n')[0]}`, n);
});

register('problematic', (r, n) => {
  const refid = n.attributes?.refid as string | undefined;
  if (refid && !r.inLink) {
    r.write(`<a href="#${escapeAttr(refid)}">`);
    r.starttag(n, 'span', ['problematic']);
    r.inLink++;
    r.children(n);
    r.inLink--;
    r.write('</span></a>');
  } else {
    r.starttag(n, 'span', ['problematic']);
    r.children(n);
    r.write('</span>');
  }
});

register('raw', (r, n) => {
  const format = String(n.attributes?.format ?? '').toLowerCase().split(/\s+/);
  if (!format.includes('html')) return;
  if (!r.options.allowRawHtml) {
    r.warn('html-raw-dropped', '`.. raw:: html` content left out (the site does not allow raw HTML; set "site": {"allowRawHtml": true} to keep it)', n);
    return;
  }
  r.write(toText(n));
});
