/**
 * Sphinx 5.3's roles (the parser's placeholders) as Sphinx writes them once resolved:
 * :ref:, :doc:, :term:, the C domain's roles (`c.<name>` anchors), the other domains' roles
 * (left unresolved: kdocs has no Python/C++/JS objects), and the generic ones (kbd, file, samp,
 * menuselection, guilabel, manpage, abbr, command, dfn, pep, rfc, download, math, ...).
 * An unresolved reference renders as Sphinx renders it (no link) and is listed in the page's
 * links as unresolved only through its absence: Sphinx warns, kdocs' lint reports it.
 */
import type { RstNode } from '../../rst/nodes.js';
import { toText } from '../../rst/nodes.js';
import { fullyNormalizeName } from '../../rst/document.js';
import { escapeAttr, escapeText } from '../escape.js';
import type { Renderer } from '../render.js';
import type { RenderContext } from '../types.js';
import type { ProjectIndex } from '../../project/index.js';
import { register, registerRole } from '../visitor.js';
import { docTitle } from '../toc.js';
import { collectTerms } from '../xref.js';
import { smartquoteString } from '../smartquotes.js';
import { writeLiteralText } from './inline.js';
import { renderMath } from '../math.js';
import { htmlFacts } from '../facts.js';

const roleText = (n: RstNode): string => String(n.attributes?.text ?? toText(n));
const roleTarget = (n: RstNode): string => String(n.attributes?.target ?? n.attributes?.text ?? toText(n));
const hasTitle = (n: RstNode): boolean => n.attributes?.title !== undefined;

/** Where a :ref: label points: document, id and the title Sphinx shows (from the target
 *  document's facts, never its tree); recorded as a dependency of the page. */
export function resolveLabel(r: Renderer, label: string): { docname: string; id: string; title: string | undefined } | undefined {
  const index = r.ctx.index;
  if (!index) return undefined;
  const res = labelTarget(r.ctx, index, label);
  r.depend(`label\0${label}`, () => (res ? `${res.docname}#${res.id}#${res.title ?? ''}` : ''));
  return res;
}

/** The answer a page records for a label (what `resolveLabel` gave). */
export function labelAnswer(ctx: RenderContext, index: ProjectIndex, label: string): string {
  const res = labelTarget(ctx, index, label);
  return res ? `${res.docname}#${res.id}#${res.title ?? ''}` : '';
}

function labelTarget(ctx: RenderContext, index: ProjectIndex, label: string): { docname: string; id: string; title: string | undefined } | undefined {
  const def = index.resolveLabel(label);
  if (!def) return undefined;
  const docname = def.path.replace(/\.rst$/, '');
  const name = fullyNormalizeName(label);
  let id = ctx.anchorOf?.(name, docname);
  const facts = id === undefined || def.title === undefined ? htmlFacts(index, def.path, ctx) : undefined;
  if (id === undefined) {
    if (!facts) return undefined;
    id = def.kind === 'explicit' ? facts.labelIds.get(name) : facts.sectionIds.get(fullyNormalizeName(def.title ?? ''));
  }
  if (!id) return undefined;
  let title = def.title;
  // Sphinx also titles labels of captioned figures, tables and code blocks (the kernel's
  // kernel-figure and kernel-render are figures)
  if (title === undefined) title = facts?.captions.get(id);
  return { docname, id, title };
}

function xrefLink(r: Renderer, n: RstNode, kind: 'ref' | 'doc' | 'term', docname: string, anchor: string | undefined, inner: () => void): void {
  if (r.inLink || r.plain) {
    inner();
    return;
  }
  const href = r.hrefTo(docname, anchor);
  r.write(`<a class="reference internal" href="${escapeAttr(href)}">`);
  r.inLink++;
  inner();
  r.inLink--;
  r.write('</a>');
  r.link(kind, href, n, docname, anchor);
}

function span(r: Renderer, cls: string, html: () => void): void {
  r.write(`<span class="${cls}">`);
  html();
  r.write('</span>');
}

registerRole(['ref', 'std:ref'], (r, n) => {
  const target = roleTarget(n);
  const res = resolveLabel(r, target);
  const explicit = hasTitle(n);
  if (!res || (!explicit && res.title === undefined)) {
    span(r, 'xref std std-ref', () => r.children(n));
    return;
  }
  xrefLink(r, n, 'ref', res.docname, res.id, () =>
    span(r, 'std std-ref', () => (explicit ? r.children(n) : r.text(smartquoteString(res.title ?? '')))),
  );
});

registerRole(['doc', 'std:doc'], (r, n) => {
  const index = r.ctx.index;
  const target = roleTarget(n).trim();
  const from = r.doc.path.replace(/\\/g, '/');
  const path = index?.resolveDoc(from, target, { stripRst: false });
  if (index) r.depend(`docref\0${from}\0${target}`, () => path ?? '');
  if (!index || !path) {
    span(r, 'xref std std-doc', () => r.children(n));
    return;
  }
  const docname = path.replace(/\.rst$/, '');
  const explicit = hasTitle(n);
  xrefLink(r, n, 'doc', docname, undefined, () =>
    span(r, 'doc', () => {
      if (explicit) r.children(n);
      else r.write(docTitle(index, docname, r)?.html ?? escapeText(target));
    }),
  );
});

registerRole(['term', 'std:term'], (r, n) => {
  const index = r.ctx.index;
  const target = roleTarget(n);
  const key = target.toLowerCase().replace(/\s+/g, ' ').trim();
  const t = index ? collectTerms(index).get(key) : r.ownTerms.get(key);
  if (index) r.depend(`term\0${key}`, () => (t ? `${t.docname}#${t.id}` : ''));
  if (!t) {
    span(r, 'xref std std-term', () => r.children(n));
    return;
  }
  xrefLink(r, n, 'term', t.docname, t.id, () => span(r, 'xref std std-term', () => r.children(n)));
});

// ------------------------------------------------------------------------------ C domain

const C_ROLES = ['func', 'macro', 'type', 'struct', 'union', 'enum', 'enumerator', 'member', 'var', 'data'];

/** The name a C xref looks up: `struct foo` → foo, `foo()` → foo, `a->b` as written. */
export function cTargetName(text: string): string {
  let t = text.trim();
  if (t.endsWith('()')) t = t.slice(0, -2).trim();
  t = t.replace(/^(struct|union|enum)\s+/, '');
  t = t.replace(/^[~!]/, '');
  return t;
}

function cRole(role: string) {
  return (r: Renderer, n: RstNode): void => {
    const explicit = hasTitle(n);
    let display = explicit ? toText(n) : roleText(n).replace(/^[~!]/, '');
    if (role === 'func' && !explicit && !display.endsWith(')')) display += '()';
    const name = cTargetName(roleTarget(n));
    const hit = r.lookupC(name);
    const code = (): void => {
      r.write(`<code class="xref c c-${role} docutils literal notranslate">`);
      writeLiteralText(r, display);
      r.write('</code>');
    };
    if (hit && !r.inLink && !r.plain) {
      const href = r.hrefTo(hit.docname, hit.id);
      r.write(`<a class="reference internal" href="${escapeAttr(href)}" title="${escapeAttr(name)}">`);
      r.inLink++;
      code();
      r.inLink--;
      r.write('</a>');
      r.link('c', href, n, hit.docname, hit.id);
      return;
    }
    const deco = !hit && !r.inLink && !r.plain ? r.ctx.decorateIdentifier?.(name) : undefined;
    if (deco) {
      r.write(`<a class="reference external kdocs-api" href="${escapeAttr(deco)}">`);
      r.inLink++;
      code();
      r.inLink--;
      r.write('</a>');
      r.link('external', deco, n);
      return;
    }
    code();
  };
}

for (const role of C_ROLES) {
  registerRole([`c:${role}`, role], cRole(role));
}

registerRole(['c:expr', 'c:texpr', 'expr', 'texpr'], (r, n) => {
  const inline = n.type.endsWith('texpr') ? 'c-texpr' : 'c-expr';
  r.write(`<code class="${inline} sig sig-inline c">`);
  writeLiteralText(r, roleText(n));
  r.write('</code>');
});

// other domains: Sphinx resolves them against objects kdocs does not have: unresolved literals
for (const [dom, roles] of Object.entries({
  cpp: ['any', 'class', 'concept', 'enum', 'enumerator', 'expr', 'func', 'member', 'struct', 'texpr', 'type', 'union', 'var'],
  js: ['attr', 'class', 'data', 'func', 'meth', 'mod'],
  py: ['attr', 'class', 'const', 'data', 'exc', 'func', 'meth', 'mod', 'obj'],
  rst: ['dir', 'role'],
  std: ['envvar', 'keyword', 'option', 'token'],
  math: ['numref'],
})) {
  for (const role of roles) {
    const types = [`${dom}:${role}`];
    if (dom === 'std') types.push(role);
    registerRole(types, (r, n) => {
      r.write(`<code class="xref ${dom} ${dom}-${role} docutils literal notranslate">`);
      writeLiteralText(r, toText(n));
      r.write('</code>');
    });
  }
}

registerRole(['numref', 'std:numref', 'eq', 'any'], (r, n) => {
  if (n.type === 'any') {
    // :any: tries labels first
    const res = resolveLabel(r, roleTarget(n));
    if (res) {
      xrefLink(r, n, 'ref', res.docname, res.id, () => span(r, 'std std-ref', () => (hasTitle(n) ? r.children(n) : r.text(smartquoteString(res.title ?? roleText(n))))));
      return;
    }
  }
  span(r, `xref std std-${n.type.replace(/^.*:/, '')}`, () => r.children(n));
});

// ------------------------------------------------------------------------------ generic roles

const KBD_SEP = /(-|\+|\^|\s+)/;

registerRole('kbd', (r, n) => {
  const text = roleText(n);
  const parts = text.split(KBD_SEP);
  // Sphinx's KeyboardTransform: a compound key (a separator between two keys) nests <kbd>s
  const compound = parts.length > 1 && parts.length % 2 === 1 && parts.every((p, i) => (i % 2 === 0 ? p !== '' : true));
  if (!compound) {
    r.write('<kbd class="kbd docutils literal notranslate">');
    r.text(text);
    r.write('</kbd>');
    return;
  }
  r.write('<kbd class="kbd compound docutils literal notranslate">');
  parts.forEach((p, i) => {
    if (i % 2) r.text(p);
    else {
      r.write('<kbd class="kbd docutils literal notranslate">');
      r.text(p);
      r.write('</kbd>');
    }
  });
  r.write('</kbd>');
});

/** :file: and :samp: — `{var}` parts are emphasised. */
function emphasisedLiteral(cls: string) {
  return (r: Renderer, n: RstNode): void => {
    const text = roleText(n);
    r.write(`<code class="${cls} docutils literal notranslate">`);
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf('{', i);
      const close = open >= 0 ? text.indexOf('}', open) : -1;
      if (open < 0 || close < 0) {
        writeLiteralText(r, text.slice(i));
        break;
      }
      writeLiteralText(r, text.slice(i, open));
      r.write('<em>');
      writeLiteralText(r, text.slice(open + 1, close));
      r.write('</em>');
      i = close + 1;
    }
    r.write('</code>');
  };
}
registerRole('file', emphasisedLiteral('file'));
registerRole('samp', emphasisedLiteral('samp'));

registerRole('menuselection', (r, n) => {
  r.write('<span class="menuselection">');
  r.text(roleText(n).replace(/-->/g, '\u2023'));
  r.write('</span>');
});

registerRole('guilabel', (r, n) => {
  r.write('<span class="guilabel">');
  const t = roleText(n);
  // `&X` marks the accelerator key; `&&` is a literal ampersand
  let i = 0;
  while (i < t.length) {
    const amp = t.indexOf('&', i);
    if (amp < 0 || amp === t.length - 1) {
      r.text(t.slice(i));
      break;
    }
    r.text(t.slice(i, amp));
    if (t[amp + 1] === '&') r.text('&');
    else r.write(`<span class="accelerator">${escapeText(t[amp + 1]!)}</span>`);
    i = amp + 2;
  }
  r.write('</span>');
});

registerRole('manpage', (r, n) => {
  r.write('<em class="manpage">');
  r.children(n);
  r.write('</em>');
});

registerRole('abbr', (r, n) => {
  const t = roleText(n);
  const m = /^(.+?)\s*\((.+)\)$/s.exec(t);
  if (m) r.write(`<abbr title="${escapeAttr(m[2]!)}">${escapeText(m[1]!)}</abbr>`);
  else r.write(`<abbr>${escapeText(t)}</abbr>`);
});

for (const [role, tag] of [
  ['command', 'strong'],
  ['program', 'strong'],
  ['makevar', 'strong'],
  ['dfn', 'em'],
  ['mailheader', 'em'],
  ['mimetype', 'em'],
  ['newsgroup', 'em'],
] as const) {
  registerRole(role, (r, n) => {
    r.write(`<${tag} class="${role}">`);
    r.children(n);
    r.write(`</${tag}>`);
  });
}

registerRole('regexp', (r, n) => {
  r.write('<code class="regexp docutils literal notranslate">');
  writeLiteralText(r, roleText(n));
  r.write('</code>');
});

registerRole(['pep', 'rfc'], (r, n) => {
  const t = roleTarget(n).trim();
  const [num, anchor] = t.split('#', 2) as [string, string | undefined];
  const href =
    n.type === 'pep'
      ? `https://peps.python.org/pep-${num.padStart(4, '0')}/${anchor ? '#' + anchor : ''}`
      : `https://datatracker.ietf.org/doc/html/rfc${num}.html${anchor ? '#' + anchor : ''}`;
  const label = hasTitle(n) ? toText(n) : `${n.type.toUpperCase()} ${num}${anchor ? '#' + anchor : ''}`;
  if (r.inLink || r.plain) {
    r.text(label);
    return;
  }
  r.write(`<a class="${n.type} reference external" href="${escapeAttr(href)}"><strong>${escapeText(label)}</strong></a>`);
  r.link('external', href, n);
});

registerRole('download', (r, n) => {
  const target = roleTarget(n).trim();
  const code = (): void => {
    r.write('<code class="xref download docutils literal notranslate">');
    writeLiteralText(r, toText(n));
    r.write('</code>');
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    r.write(`<a class="reference download external" href="${escapeAttr(target)}">`);
    code();
    r.write('</a>');
    r.link('external', target, n);
    return;
  }
  const src = r.imageSrc(target, n);
  r.write(`<a class="reference download internal" download="" href="${escapeAttr(src)}">`);
  code();
  r.write('</a>');
  r.link('download', src, n);
});

registerRole('math', (r, n) => {
  r.write('<span class="math notranslate nohighlight">');
  renderMath(r, roleText(n), false, n);
  r.write('</span>');
});

registerRole('index', (r, n) => {
  // `:index:` shows its text (the entry after an explicit title) with an index target before it
  r.write(`<span class="target" id="index-${r.nextIndexId()}"></span>`);
  r.children(n);
});

registerRole(['cspan', 'rspan'], () => {
  // consumed by flat-table; outside one, the kernel's roles produce nothing visible
});

// docutils' own math nodes (`.. role:: math` custom roles, `default-role:: math`, math_block)
register('math', (r, n) => {
  r.write('<span class="math notranslate nohighlight">');
  renderMath(r, toText(n), false, n);
  r.write('</span>');
});
register('math_block', (r, n) => {
  r.starttag(n, 'div', ['math', 'notranslate', 'nohighlight']);
  r.write('\n');
  renderMath(r, toText(n), true, n);
  r.write('</div>\n');
});
