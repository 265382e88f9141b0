/**
 * Sphinx 5.3's directives (the parser's placeholders) as Sphinx's HTML5Translator writes what
 * they become: toctree, code-block / sourcecode / code, highlight, literalinclude, only,
 * ifconfig, glossary, versionadded / versionchanged / deprecated, seealso, hlist, centered,
 * rst-class, index, math, productionlist, object descriptions (C domain and others).
 */
import { readFileSync, realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { RstNode } from '../../rst/nodes.js';
import { toText } from '../../rst/nodes.js';
import { escapeAttr, escapeText } from '../escape.js';
import type { Renderer } from '../render.js';
import { registerDirective } from '../visitor.js';
import { writeCode } from '../code.js';
import { resolveToctree, type ResolvedEntry } from '../toc.js';
import { C_OBJECTS, cDeclName } from '../xref.js';
import { termId } from '../ids.js';
import { renderMath } from '../math.js';

const args = (n: RstNode): string[] => (n.attributes?.arguments as string[] | undefined) ?? [];
const opts = (n: RstNode): Record<string, string> => (n.attributes?.options as Record<string, string> | undefined) ?? {};

// ------------------------------------------------------------------------------ toctree

function writeEntries(r: Renderer, entries: readonly ResolvedEntry[]): void {
  r.write('<ul>\n');
  for (const e of entries) {
    r.write(`<li class="toctree-l${e.level}${e.current ? ' current' : ''}">`);
    r.write(`<a class="reference ${e.external ? 'external' : 'internal'}" href="${escapeAttr(e.href)}">${e.html}</a>`);
    if (e.external) r.link('external', e.href, undefined);
    else r.link('doc', e.href, undefined, e.docname, e.anchor);
    if (e.children.length) writeEntries(r, e.children);
    r.write('</li>\n');
  }
  r.write('</ul>\n');
}

registerDirective('toctree', (r, n) => {
  const o = opts(n);
  const ids = (n.attributes?.ids as string[] | undefined) ?? [];
  r.write(`<div class="toctree-wrapper compound"${ids[0] ? ` id="${escapeAttr(ids[0])}"` : ''}>\n`);
  if (!n.attributes?.hidden) {
    const entries = resolveToctree(r, n);
    if (entries.length) {
      if (o.caption) r.write(`<p class="caption" role="heading"><span class="caption-text">${escapeText(o.caption)}</span></p>\n`);
      writeEntries(r, entries);
    }
  }
  r.write('</div>\n');
});

// ------------------------------------------------------------------------------ code

/** `emphasize-lines` / `lines` syntax: "1,3-5,8-" (Sphinx's parselinenos). */
export function parseLineNumbers(spec: string, total: number): number[] | undefined {
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const p = part.trim();
    if (!p) continue;
    const m = /^(\d*)\s*-\s*(\d*)$/.exec(p);
    if (/^\d+$/.test(p)) out.push(Number(p));
    else if (m) {
      const a = m[1] ? Number(m[1]) : 1;
      const b = m[2] ? Number(m[2]) : total;
      if (a > b) return undefined;
      for (let i = a; i <= b && i - a < 100000; i++) out.push(i);
    } else return undefined;
  }
  return out;
}

function dedent(lines: string[], n: number | undefined): string[] {
  if (n === undefined) {
    let min = Infinity;
    for (const l of lines) if (l.trim()) min = Math.min(min, l.length - l.trimStart().length);
    n = Number.isFinite(min) ? min : 0;
  }
  return lines.map((l) => l.slice(Math.min(n!, l.length - l.trimStart().length)));
}

function codeBlockBody(r: Renderer, n: RstNode, lang: string, code: string): void {
  const o = opts(n);
  let lines = code.split('\n');
  if ('dedent' in o) {
    lines = dedent(lines, o.dedent ? Number(o.dedent) : undefined);
    code = lines.join('\n');
  }
  const hl = o['emphasize-lines'] ? parseLineNumbers(o['emphasize-lines'], lines.length) : undefined;
  if (o['emphasize-lines'] && !hl) r.warn('html-code-option', `invalid emphasize-lines '${o['emphasize-lines']}'`, n);
  const linenos = 'linenos' in o || 'lineno-start' in o || lines.length > r.highlightLinenoThreshold;
  const extra = o.class ? o.class.split(/\s+/).filter(Boolean) : [];
  const caption = o.caption;
  if (caption !== undefined) {
    const ids = r.enumerableIds_(n);
    const id = ids[0] ?? r.uniqueId('id');
    r.write(`<div class="literal-block-wrapper docutils container" id="${escapeAttr(r.mapId(id))}">${ids.slice(1).map((x) => `<span id="${escapeAttr(r.mapId(x))}"></span>`).join('')}\n<div class="code-block-caption"><span class="caption-text">`);
    r.inlineText(caption, n);
    r.write(`</span><a class="headerlink" href="#${escapeAttr(id)}" title="Permalink to this code">¶</a></div>\n`);
    writeCode(r, { ...n, attributes: {} }, lang, code, { linenos, ...(hl ? { hlLines: new Set(hl) } : {}), extraClasses: extra });
    r.write('</div>\n');
    return;
  }
  writeCode(r, n, lang, code, { linenos, ...(hl ? { hlLines: new Set(hl) } : {}), extraClasses: extra });
}

registerDirective(['code-block', 'sourcecode', 'code'], (r, n) => {
  const a = args(n);
  const lang = a[0]?.trim().split(/\s+/)[0] || r.highlightLang;
  codeBlockBody(r, n, lang, toText(n));
});

registerDirective('highlight', (r, n) => {
  const a = args(n);
  if (a[0]) r.highlightLang = a[0].trim().split(/\s+/)[0]!;
  const t = opts(n).linenothreshold;
  r.highlightLinenoThreshold = t !== undefined && /^\d+$/.test(t.trim()) ? Number(t) : Number.POSITIVE_INFINITY;
});

registerDirective('literalinclude', (r, n) => {
  const o = opts(n);
  const target = args(n)[0]?.trim() ?? '';
  const text = r.readIncluded(target, n);
  if (text === undefined) {
    r.errorBox(`literalinclude: cannot read '${target}'`, n);
    return;
  }
  let lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (o['start-after'] !== undefined) {
    const i = lines.findIndex((l) => l.includes(o['start-after']!));
    if (i >= 0) lines = lines.slice(i + 1);
  }
  if (o['start-at'] !== undefined) {
    const i = lines.findIndex((l) => l.includes(o['start-at']!));
    if (i >= 0) lines = lines.slice(i);
  }
  if (o['end-before'] !== undefined) {
    const i = lines.findIndex((l) => l.includes(o['end-before']!));
    if (i >= 0) lines = lines.slice(0, i);
  }
  if (o['end-at'] !== undefined) {
    const i = lines.findIndex((l) => l.includes(o['end-at']!));
    if (i >= 0) lines = lines.slice(0, i + 1);
  }
  if (o.lines) {
    const sel = parseLineNumbers(o.lines, lines.length);
    if (sel) lines = sel.filter((i) => i >= 1 && i <= lines.length).map((i) => lines[i - 1]!);
  }
  if (o.prepend !== undefined) lines.unshift(o.prepend);
  if (o.append !== undefined) lines.push(o.append);
  const lang = (n.attributes?.language as string | undefined) ?? r.highlightLang;
  codeBlockBody(r, n, lang, lines.join('\n'));
});

// ------------------------------------------------------------------------------ conditional content

registerDirective('only', (r, n) => {
  if (r.evalOnly(args(n)[0] ?? '')) r.children(n);
});

registerDirective('ifconfig', (r, n) => {
  if (r.evalIfconfig(args(n)[0] ?? '', n)) r.children(n);
});

// ------------------------------------------------------------------------------ glossary

registerDirective(['glossary', 'std:glossary'], (r, n) => {
  for (const c of n.children ?? []) {
    if (c.type !== 'definition_list') {
      r.visit(c);
      continue;
    }
    r.write('<dl class="glossary simple">\n');
    for (const item of c.children ?? []) {
      r.parents.push(c);
      r.parents.push(item);
      for (const k of item.children ?? []) {
        if (k.type === 'term') {
          const id = termId(toText(k));
          r.write(`<dt id="${escapeAttr(id)}">`);
          r.parents.push(k);
          r.children(k);
          r.parents.pop();
          r.write(`<a class="headerlink" href="#${escapeAttr(id)}" title="Permalink to this term">¶</a></dt>`);
        } else r.visit(k);
      }
      r.parents.pop();
      r.parents.pop();
    }
    r.write('</dl>\n');
  }
});

// ------------------------------------------------------------------------------ version notes

const VERSION_LABEL: Record<string, [string, string]> = {
  versionadded: ['added', 'New in version %s'],
  versionchanged: ['changed', 'Changed in version %s'],
  deprecated: ['deprecated', 'Deprecated since version %s'],
};

registerDirective(Object.keys(VERSION_LABEL), (r, n) => {
  const [cls, label] = VERSION_LABEL[n.type]!;
  // one required argument and one optional, the last taking the rest: split at the first run
  // of whitespace (a space on the directive's line or the line break), as docutils splits them
  const a = (args(n)[0] ?? '').trim();
  const ws = /\s/.exec(a);
  const version = ws ? a.slice(0, ws.index) : a;
  const rest = ws ? a.slice(ws.index).trim() : '';
  const text = label.replace('%s', version);
  const kids = n.children ?? [];
  r.write(`<div class="${n.type}">\n<p><span class="versionmodified ${cls}">`);
  if (!rest && !kids.length) {
    r.text(text + '.');
    r.write('</span></p>\n</div>\n');
    return;
  }
  r.text(text + ': ');
  r.write('</span>');
  if (rest) {
    r.inlineText(rest, n, 'paragraph');
    r.write('</p>\n');
    r.children(n);
  } else {
    // the first paragraph's text joins the label's paragraph
    const first = kids[0];
    if (first?.type === 'paragraph') {
      r.parents.push(first);
      r.children(first);
      r.parents.pop();
      r.write('</p>\n');
      for (const k of kids.slice(1)) r.visit(k);
    } else {
      r.write('</p>\n');
      r.children(n);
    }
  }
  r.write('</div>\n');
});

registerDirective('seealso', (r, n) => {
  r.write('<div class="admonition seealso">\n<p class="admonition-title">See also</p>\n');
  const a = args(n)[0];
  if (a) {
    r.write('<p>');
    r.inlineText(a, n, 'paragraph');
    r.write('</p>\n');
  }
  r.children(n);
  r.write('</div>\n');
});

registerDirective('hlist', (r, n) => {
  const cols = Math.max(1, Number.parseInt(opts(n).columns ?? '2', 10) || 2);
  const list = (n.children ?? []).find((c) => c.type === 'bullet_list' || c.type === 'enumerated_list');
  if (!list) {
    r.children(n);
    return;
  }
  const items = list.children ?? [];
  const per = Math.floor(items.length / cols);
  const extra = items.length % cols;
  r.write('<table class="hlist"><tr>');
  let i = 0;
  for (let c = 0; c < cols; c++) {
    const count = per + (c < extra ? 1 : 0);
    r.write('<td><ul>\n');
    r.parents.push(list);
    for (let k = 0; k < count; k++) r.visit(items[i++]!);
    r.parents.pop();
    r.write('</ul>\n</td>');
  }
  r.write('</tr></table>\n');
});

registerDirective('centered', (r, n) => {
  r.write('<p class="centered"><strong>');
  r.inlineText(args(n)[0] ?? toText(n), n, 'centered');
  r.write('</strong></p>\n');
});

registerDirective(['rst-class', 'cssclass'], (r, n) => {
  const cls = (args(n)[0] ?? '').split(/\s+/).filter(Boolean);
  if (!n.children?.length) return;
  r.write(`<div class="${escapeAttr(cls.join(' '))}">\n`);
  r.children(n);
  r.write('</div>\n');
});

registerDirective('index', (r) => {
  r.write(`<span class="target" id="index-${r.nextIndexId()}"></span>`);
});

// directives that write nothing in HTML (or only change state the renderer does not model)
registerDirective(
  ['tabularcolumns', 'default-domain', 'default-role', 'sectionauthor', 'moduleauthor', 'codeauthor', 'py:currentmodule', 'currentmodule', 'cpp:namespace', 'cpp:namespace-push', 'cpp:namespace-pop', 'c:alias', 'alias', 'cpp:alias'],
  () => {},
);

registerDirective(['c:namespace', 'namespace'], (r, n) => {
  const ns = (args(n)[0] ?? '').trim();
  r.state.set('cNamespace', ns === 'NULL' || ns === '0' ? [] : ns ? [ns] : []);
});
registerDirective(['c:namespace-push', 'namespace-push'], (r, n) => {
  const st = (r.state.get('cNamespace') as string[] | undefined) ?? [];
  r.state.set('cNamespace', [...st, (args(n)[0] ?? '').trim()]);
});
registerDirective(['c:namespace-pop', 'namespace-pop'], (r) => {
  const st = (r.state.get('cNamespace') as string[] | undefined) ?? [];
  r.state.set('cNamespace', st.slice(0, -1));
});

registerDirective('acks', (r, n) => {
  r.write('<div class="line-block">\n');
  r.children(n);
  r.write('</div>\n');
});

registerDirective(['productionlist', 'std:productionlist'], (r, n) => {
  r.write('<pre class="productionlist">');
  r.text(toText(n));
  r.write('</pre>\n');
});

registerDirective('math', (r, n) => {
  const tex = [args(n)[0] ?? '', toText(n)].filter((s) => s.trim()).join('\n\n');
  const o = opts(n);
  const id = o.label ? 'equation-' + o.label : undefined;
  r.write(`<div class="math notranslate nohighlight"${id ? ` id="${escapeAttr(id)}"` : ''}>\n`);
  renderMath(r, tex, true, n);
  r.write('</div>\n');
});

// ------------------------------------------------------------------------------ object descriptions

/** Sphinx's signature markup, simplified: keywords, the declared name, punctuation. */
const C_KEYWORDS = new Set(['struct', 'union', 'enum', 'const', 'volatile', 'static', 'inline', 'extern', 'unsigned', 'signed', 'typedef', 'restrict']);
const TYPE_OBJECTS = new Set(['struct', 'union', 'enum', 'type']);
const C_TYPES = new Set(['void', 'int', 'char', 'short', 'long', 'float', 'double', 'bool', '_Bool', 'size_t', 'ssize_t', 'loff_t', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'vm_fault_t']);

function writeSignature(r: Renderer, sig: string, name: string | undefined): void {
  let i = 0;
  let named = false;
  const n = sig.length;
  while (i < n) {
    const c = sig[i]!;
    if (/\s/.test(c)) {
      let j = i;
      while (j < n && /\s/.test(sig[j]!)) j++;
      r.write('<span class="w"> </span>');
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < n && /\w/.test(sig[j]!)) j++;
      const w = sig.slice(i, j);
      if (!named && w === name) {
        named = true;
        r.write(`<span class="sig-name descname"><span class="n"><span class="pre">${escapeText(w)}</span></span></span>`);
      } else {
        const cls = C_KEYWORDS.has(w) ? 'k' : C_TYPES.has(w) ? 'kt' : 'n';
        const word = `<span class="${cls}"><span class="pre">${escapeText(w)}</span></span>`;
        // Sphinx links the types a declaration names to their own declarations
        const t = cls === 'n' && !r.inLink && !r.plain ? r.lookupPlainC(w) : undefined;
        if (t && TYPE_OBJECTS.has(t.objtype)) {
          const href = r.hrefTo(t.docname, t.id);
          r.write(`<a class="reference internal" href="${escapeAttr(href)}" title="${escapeAttr(w)}">${word}</a>`);
          r.link('c', href, undefined, t.docname, t.id);
        } else r.write(word);
      }
      i = j;
    } else if (c === '(' || c === ')') {
      r.write(`<span class="sig-paren">${c}</span>`);
      i++;
    } else {
      r.write(`<span class="p"><span class="pre">${escapeText(c)}</span></span>`);
      i++;
    }
  }
}

for (const [dirType, objtype] of Object.entries(C_OBJECTS)) {
  registerDirective(dirType, (r, n) => {
    const sigs = (args(n)[0] ?? '').split('\n').filter((s) => s.trim());
    const ns = ((r.state.get('cNamespace') as string[] | undefined) ?? []).join('.');
    r.write(`<dl class="c ${objtype}">\n`);
    for (const sig of sigs) {
      const name = cDeclName(sig, objtype);
      const full = name ? (ns ? `${ns}.${name}` : name) : undefined;
      const id = full ? r.cAnchor(full, objtype) : undefined;
      r.write(`<dt class="sig sig-object c"${id ? ` id="${escapeAttr(id)}"` : ''}>\n`);
      writeSignature(r, sig.trim(), name);
      if (id) r.write(`<a class="headerlink" href="#${escapeAttr(id)}" title="Permalink to this definition">¶</a>`);
      r.write('<br /></dt>\n');
    }
    r.write('<dd>');
    r.children(n);
    r.write('</dd></dl>\n');
  });
}

// other domains' objects and describe/object: a generic description list
const OTHER_OBJECTS = ['describe', 'object'];
for (const dom of ['cpp', 'js', 'py', 'rst', 'std']) {
  for (const t of ['class', 'concept', 'enum', 'enum-class', 'enum-struct', 'enumerator', 'function', 'member', 'struct', 'type', 'union', 'var', 'attribute', 'data', 'method', 'module', 'classmethod', 'decorator', 'decoratormethod', 'exception', 'property', 'staticmethod', 'directive', 'directive:option', 'role', 'cmdoption', 'envvar', 'option', 'program']) {
    OTHER_OBJECTS.push(`${dom}:${t}`);
  }
}
OTHER_OBJECTS.push('cmdoption', 'envvar', 'option', 'program');

registerDirective(OTHER_OBJECTS, (r, n) => {
  const [dom, objtype] = n.type.includes(':') ? (n.type.split(':', 2) as [string, string]) : ['std', n.type];
  if (objtype === 'program') {
    r.state.set('program', (args(n)[0] ?? '').trim());
    return;
  }
  const sigs = (args(n)[0] ?? '').split('\n').filter((s) => s.trim());
  r.write(`<dl class="${escapeAttr(dom)} ${escapeAttr(objtype)}">\n`);
  for (const sig of sigs) {
    let id: string | undefined;
    if (objtype === 'envvar') id = r.uniqueId('envvar-' + sig.trim());
    else if (objtype === 'option' || objtype === 'cmdoption') {
      const prog = (r.state.get('program') as string | undefined) ?? '';
      const opt = sig.trim().split(/[\s=[]/)[0]!;
      id = r.uniqueId(['cmdoption', prog, opt].filter(Boolean).join('-'));
    }
    r.write(`<dt class="sig sig-object ${escapeAttr(dom)}"${id ? ` id="${escapeAttr(id)}"` : ''}>\n<span class="sig-name descname"><span class="pre">`);
    r.text(sig.trim());
    r.write('</span></span>');
    if (id) r.write(`<a class="headerlink" href="#${escapeAttr(id)}" title="Permalink to this definition">¶</a>`);
    r.write('</dt>\n');
  }
  r.write('<dd>');
  r.children(n);
  r.write('</dd></dl>\n');
});

// ------------------------------------------------------------------------------ files

/** Read a file named by a directive (relative to the document, `/x` from the root), inside the root only. */
export function readInsideRoot(r: Renderer, target: string): { abs: string; text: string } | undefined {
  const root = r.ctx.index?.root;
  if (!root || !target) return undefined;
  const docDir = nodePath.dirname(nodePath.join(root, r.doc.path));
  const abs = target.startsWith('/') ? nodePath.join(root, target) : nodePath.resolve(docDir, target);
  try {
    const real = realpathSync(abs);
    const rootReal = realpathSync(root);
    if (real !== rootReal && !real.startsWith(rootReal + nodePath.sep)) return undefined;
    return { abs: real, text: readFileSync(real, 'utf8') };
  } catch {
    return undefined;
  }
}
