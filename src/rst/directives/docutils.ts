/**
 * docutils 0.19's standard directives (docutils.parsers.rst.directives.*), building the nodes
 * docutils builds and reporting docutils' messages with their exact texts.
 */
import type { RstNode } from '../nodes.js';
import type { DirectiveContext, DirectiveSpec } from '../registry.js';
import { Registry } from '../registry.js';
import { TextMap, Source, type Line } from '../source.js';
import { fullyNormalizeName, makeId, whitespaceNormalizeName } from '../document.js';
import * as opt from './options.js';
import {
  addName,
  argumentPosition,
  assertHasContent,
  classesOf,
  contentPosition,
  contentText,
  directiveMessage,
  el,
  fail,
  inlineText,
  plainMessage,
  setLine,
  sourceOf,
  spec,
  stamp,
  text,
} from './util.js';
import { ISONUM_TXT } from './isonum.js';
import { defineCustomRole } from '../roles/lookup.js';
import { csvTable, listTable, rstTable } from './tables.js';

const classAndName = { class: opt.classOption, name: opt.unchanged };

// ---------------------------------------------------------------------------------------------
// Admonitions

const ADMONITIONS = ['attention', 'caution', 'danger', 'error', 'hint', 'important', 'note', 'tip', 'warning'];

function admonitionSpec(nodeType: string): DirectiveSpec {
  const generic = nodeType === 'admonition';
  return spec({
    requiredArguments: generic ? 1 : 0,
    finalArgumentWhitespace: true,
    optionSpec: { ...classAndName },
    hasContent: true,
    run(ctx) {
      assertHasContent(ctx);
      const attributes: Record<string, unknown> = {};
      const classes = classesOf(ctx);
      if ('class' in ctx.options) attributes.classes = [...classes];
      const node = el(nodeType, attributes);
      stamp(ctx, node);
      addName(ctx, node);
      if (generic) {
        const titleText = ctx.arguments[0] ?? '';
        const pos = argumentPosition(ctx, 0);
        const { nodes, messages } = inlineText(ctx, titleText, pos);
        const title = el('title', undefined, nodes, pos);
        setLine(title, ctx.lineno);
        node.children!.push(title, ...messages);
        if (!('class' in ctx.options)) {
          const a = (node.attributes ??= {});
          a.classes = [...((a.classes as string[] | undefined) ?? []), 'admonition-' + makeId(titleText)];
        }
      }
      ctx.nestedParse(ctx.content, node);
      return [node];
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Body elements

function pseudoSection(nodeType: 'topic' | 'sidebar'): DirectiveSpec {
  const sidebar = nodeType === 'sidebar';
  return spec({
    requiredArguments: sidebar ? 0 : 1,
    optionalArguments: sidebar ? 1 : 0,
    finalArgumentWhitespace: true,
    optionSpec: sidebar ? { ...classAndName, subtitle: opt.unchangedRequired } : { ...classAndName },
    hasContent: true,
    run(ctx) {
      const parentIsSidebar = ctx.parentNode?.type === 'sidebar';
      if (sidebar) {
        if (parentIsSidebar) fail(3, `The "${ctx.name}" directive may not be used within a sidebar element.`);
        if ('subtitle' in ctx.options && !ctx.arguments.length) {
          fail(3, 'The "subtitle" option may not be used without a title.');
        }
      }
      if (!((ctx.matchTitles ?? true) || parentIsSidebar)) {
        fail(3, `The "${ctx.name}" directive may not be used within topics or body elements.`);
      }
      assertHasContent(ctx);
      const children: RstNode[] = [];
      const messages: RstNode[] = [];
      if (ctx.arguments.length) {
        const pos = argumentPosition(ctx, 0);
        const r = inlineText(ctx, ctx.arguments[0]!, pos);
        children.push(el('title', undefined, r.nodes, pos));
        messages.push(...r.messages);
        if ('subtitle' in ctx.options) {
          const sub = String(ctx.options.subtitle);
          const r2 = inlineText(ctx, sub, undefined);
          children.push(el('subtitle', undefined, r2.nodes));
          messages.push(...r2.messages);
        }
      }
      const node = el(nodeType, undefined, [...children, ...messages]);
      const classes = classesOf(ctx);
      if (classes.length) node.attributes = { classes: [...classes] };
      stamp(ctx, node);
      addName(ctx, node);
      if (contentText(ctx)) ctx.nestedParse(ctx.content, node);
      return [node];
    },
  });
}

const lineBlock = spec({
  optionSpec: { ...classAndName },
  hasContent: true,
  run(ctx) {
    assertHasContent(ctx);
    const block = el('line_block', { classes: [...classesOf(ctx)] });
    stamp(ctx, block);
    addName(ctx, block);
    const out: RstNode[] = [block];
    const indents = new Map<RstNode, number | undefined>();
    for (const line of ctx.content) {
      const stripped = line.text.trim();
      const lead = line.text.length - line.text.trimStart().length;
      const lineOnly: Line = { text: stripped, index: line.index, col: line.col + lead };
      const src = line.src ?? ctx.source;
      if (line.src) lineOnly.src = line.src;
      const r = ctx.parseInline(new TextMap(src, [lineOnly]));
      const node = el('line', undefined, r.nodes, src.linesRange([line]));
      indents.set(node, stripped ? lead : undefined);
      block.children!.push(node);
      out.push(...r.messages);
    }
    nestLineBlockLines(block, indents);
    return out;
  },
});

/** docutils `nest_line_block_lines` / `nest_line_block_segment`. */
function nestLineBlockLines(block: RstNode, indents: Map<RstNode, number | undefined>): void {
  const kids = block.children!;
  for (let i = 1; i < kids.length; i++) {
    if (indents.get(kids[i]!) === undefined) indents.set(kids[i]!, indents.get(kids[i - 1]!));
  }
  nestSegment(block, indents);
}

function nestSegment(block: RstNode, indents: Map<RstNode, number | undefined>): void {
  const items = block.children!;
  if (!items.length) return;
  const ind = (n: RstNode): number => indents.get(n) ?? 0;
  const least = Math.min(...items.map(ind));
  const out: RstNode[] = [];
  let sub: RstNode = el('line_block', undefined);
  const flush = (): void => {
    if (sub.children!.length) {
      nestSegment(sub, indents);
      const first = sub.children![0]!;
      const last = sub.children![sub.children!.length - 1]!;
      if (first.position && last.position) sub.position = { start: first.position.start, end: last.position.end };
      indents.set(sub, least + 1);
      out.push(sub);
      sub = el('line_block', undefined);
    }
  };
  for (const item of items) {
    if (ind(item) > least) sub.children!.push(item);
    else {
      flush();
      out.push(item);
    }
  }
  flush();
  block.children = out;
}

const parsedLiteral = spec({
  optionSpec: { ...classAndName },
  hasContent: true,
  run(ctx) {
    assertHasContent(ctx);
    const r = ctx.parseInline(new TextMap(sourceOf(ctx), ctx.content));
    const attributes: Record<string, unknown> = { 'xml:space': 'preserve' };
    if ('class' in ctx.options) attributes.classes = [...classesOf(ctx)];
    const node = el('literal_block', attributes, r.nodes);
    stamp(ctx, node, ctx.contentOffset + 1);
    addName(ctx, node);
    return [node, ...r.messages];
  },
});

const rubric = spec({
  requiredArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: { ...classAndName },
  run(ctx) {
    const pos = argumentPosition(ctx, 0);
    const r = inlineText(ctx, ctx.arguments[0] ?? '', pos);
    const attributes: Record<string, unknown> = {};
    if ('class' in ctx.options) attributes.classes = [...classesOf(ctx)];
    const node = el('rubric', attributes, r.nodes);
    stamp(ctx, node);
    addName(ctx, node);
    return [node, ...r.messages];
  },
});

function blockQuoteSpec(klass: string): DirectiveSpec {
  return spec({
    hasContent: true,
    run(ctx) {
      assertHasContent(ctx);
      let elements: RstNode[];
      if (ctx.blockQuote) elements = ctx.blockQuote(ctx.content);
      else {
        const bq = el('block_quote', undefined, [], contentPosition(ctx));
        ctx.nestedParse(ctx.content, bq);
        elements = [bq];
      }
      for (const e of elements) {
        if (e.type !== 'block_quote') continue;
        const a = (e.attributes ??= {});
        a.classes = [...((a.classes as string[] | undefined) ?? []), klass];
        stamp(ctx, e);
      }
      return elements;
    },
  });
}

const compound = spec({
  optionSpec: { ...classAndName },
  hasContent: true,
  run(ctx) {
    assertHasContent(ctx);
    const node = el('compound', undefined);
    const classes = classesOf(ctx);
    if (classes.length) node.attributes = { classes: [...classes] };
    stamp(ctx, node);
    addName(ctx, node);
    ctx.nestedParse(ctx.content, node);
    return [node];
  },
});

const container = spec({
  optionalArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: { name: opt.unchanged },
  hasContent: true,
  run(ctx) {
    assertHasContent(ctx);
    let classes: string[] = [];
    if (ctx.arguments.length) {
      try {
        classes = opt.classOption(ctx.arguments[0]!) as string[];
      } catch {
        fail(3, `Invalid class attribute value for "${ctx.name}" directive: "${ctx.arguments[0]}".`);
      }
    }
    const node = el('container', classes.length ? { classes } : undefined);
    stamp(ctx, node);
    addName(ctx, node);
    ctx.nestedParse(ctx.content, node);
    return [node];
  },
});

// ---------------------------------------------------------------------------------------------
// Images

const ALIGN_H = ['left', 'center', 'right'];
const ALIGN_V = ['top', 'middle', 'bottom'];
const imageOptions = {
  alt: opt.unchanged,
  height: opt.lengthOrUnitless,
  width: opt.lengthOrPercentageOrUnitless,
  scale: opt.percentage,
  align: opt.choice([...ALIGN_V, ...ALIGN_H]),
  target: opt.unchangedRequired,
  ...classAndName,
};

/** docutils' Image.run, returning [messages..., image or reference>image]. */
function runImage(ctx: DirectiveContext): RstNode[] {
  const o = ctx.options;
  if ('align' in o) {
    const align = String(o.align);
    if (ctx.inSubstitutionDefinition) {
      if (!ALIGN_V.includes(align)) {
        fail(
          3,
          `Error in "${ctx.name}" directive: "${align}" is not a valid value for the "align" option within a substitution definition.  Valid values for "align" are: "${ALIGN_V.join('", "')}".`,
        );
      }
    } else if (!ALIGN_H.includes(align)) {
      fail(
        3,
        `Error in "${ctx.name}" directive: "${align}" is not a valid value for the "align" option.  Valid values for "align" are: "${ALIGN_H.join('", "')}".`,
      );
    }
  }
  const attributes: Record<string, unknown> = {};
  for (const k of ['alt', 'height', 'width', 'scale', 'align']) if (k in o) attributes[k] = o[k];
  attributes.uri = opt.uriValue(ctx.arguments[0] ?? '');
  if ('class' in o) attributes.classes = [...classesOf(ctx)];
  let reference: RstNode | undefined;
  if ('target' in o) {
    const target = String(o.target);
    const joined = target.split('\n').map((s) => s.trim()).join(' ');
    const m = /^(?:`(.+)`|(\S+))_$/s.exec(joined.trim());
    if (m && !joined.endsWith('\\_')) {
      const data = m[1] ?? m[2]!;
      reference = el('reference', { refname: fullyNormalizeName(data), name: whitespaceNormalizeName(data) });
      ctx.document.noteRefname(reference);
    } else {
      reference = el('reference', { refuri: opt.uriValue(target) });
    }
  }
  const image = el('image', attributes);
  stamp(ctx, image);
  addName(ctx, image);
  if (reference) {
    reference.children!.push(image);
    stamp(ctx, reference);
    return [reference];
  }
  return [image];
}

const image = spec({
  requiredArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: imageOptions,
  run: runImage,
});

const figure = spec({
  requiredArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: {
    ...imageOptions,
    align: opt.choice(ALIGN_H),
    figwidth: (v) => (v !== null && v.toLowerCase() === 'image' ? 'image' : opt.lengthOrPercentageOrUnitlessDefault(v, 'px')),
    figclass: opt.classOption,
  },
  hasContent: true,
  run(ctx) {
    const figwidth = ctx.options.figwidth;
    const figclasses = ctx.options.figclass as string[] | undefined;
    const align = ctx.options.align;
    const imageOpts = { ...ctx.options };
    delete imageOpts.figwidth;
    delete imageOpts.figclass;
    delete imageOpts.align;
    const imgNodes = runImage(Object.assign(Object.create(ctx) as DirectiveContext, { options: imageOpts }));
    const imageNode = imgNodes[imgNodes.length - 1]!;
    const fig = el('figure', undefined, [imageNode]);
    stamp(ctx, fig);
    const attributes: Record<string, unknown> = {};
    if (figwidth !== undefined && figwidth !== 'image') attributes.width = figwidth;
    if (figclasses?.length) attributes.classes = [...figclasses];
    if (align !== undefined) attributes.align = align;
    if (Object.keys(attributes).length) fig.attributes = attributes;
    if (ctx.content.length) {
      const holder = el('container', undefined);
      ctx.nestedParse(ctx.content, holder);
      const kids = holder.children!;
      const first = kids[0];
      if (first && first.type === 'paragraph') {
        const caption = el('caption', undefined, first.children ?? [], first.position);
        if (first.data?.docutilsLine !== undefined) setLine(caption, first.data.docutilsLine);
        fig.children!.push(caption);
      } else if (first && !(first.type === 'comment' && !(first.children ?? []).length)) {
        const err = directiveMessage(ctx, 3, 'figure-caption', 'Figure caption must be a paragraph or empty comment.');
        return [fig, err];
      }
      if (kids.length > 1) {
        const rest = kids.slice(1);
        const legend = el('legend', undefined, rest);
        const a = rest[0]!.position;
        const b = rest[rest.length - 1]!.position;
        if (a && b) legend.position = { start: a.start, end: b.end };
        fig.children!.push(legend);
      }
    }
    return [fig];
  },
});

// ---------------------------------------------------------------------------------------------
// Parts: contents, sectnum, header, footer

const contents = spec({
  optionalArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: {
    depth: opt.nonnegativeInt,
    local: opt.flag,
    backlinks: (v) => {
      const value = opt.choice(['top', 'entry', 'none'])(v);
      return value === 'none' ? null : value;
    },
    class: opt.classOption,
  },
  run(ctx) {
    if (!((ctx.matchTitles ?? true) || ctx.parentNode?.type === 'sidebar')) {
      fail(3, `The "${ctx.name}" directive may not be used within topics or body elements.`);
    }
    let title: RstNode | undefined;
    let messages: RstNode[] = [];
    if (ctx.arguments.length) {
      const pos = argumentPosition(ctx, 0);
      const r = inlineText(ctx, ctx.arguments[0]!, pos);
      title = el('title', undefined, r.nodes, pos);
      messages = r.messages;
    } else if (!('local' in ctx.options)) {
      title = el('title', undefined, [text('Contents')]);
    }
    const classes = ['contents', ...classesOf(ctx)];
    if ('local' in ctx.options) classes.push('local');
    const topic = el('topic', { classes });
    stamp(ctx, topic, ctx.lineNumber - 1);
    let name: string;
    if (title) {
      topic.children!.push(title);
      name = textOf(title);
    } else name = 'Contents';
    name = fullyNormalizeName(name);
    if (!ctx.document.hasName(name)) (topic.attributes!.names ??= []).push(name);
    ctx.document.noteImplicitTarget(topic);
    const details: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(ctx.options)) details[k] = v;
    const pending = el('pending', undefined, [], ctx.position);
    pending.data = { transform: 'contents', details, rawsource: ctx.blockText };
    topic.children!.push(pending);
    return [topic, ...messages];
  },
});

function textOf(node: RstNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

const sectnum = spec({
  optionSpec: { depth: opt.int, start: opt.int, prefix: opt.unchangedRequired, suffix: opt.unchangedRequired },
  run(ctx) {
    const pending = el('pending', undefined, [], ctx.position);
    pending.data = { transform: 'sectnum', details: { ...ctx.options } };
    stamp(ctx, pending);
    return [pending];
  },
});

function decorationPart(kind: 'header' | 'footer'): DirectiveSpec {
  return spec({
    hasContent: true,
    run(ctx) {
      assertHasContent(ctx);
      const root = ctx.root;
      const holder = el(kind, undefined);
      if (root) {
        const kids = (root.children ??= []);
        let decoration = kids.find((k) => k.type === 'decoration');
        if (!decoration) {
          decoration = el('decoration', undefined);
          kids.unshift(decoration);
        }
        const dk = decoration.children!;
        let part = dk.find((k) => k.type === kind);
        if (!part) {
          part = holder;
          if (kind === 'header') dk.unshift(part);
          else dk.push(part);
        }
        ctx.nestedParse(ctx.content, part);
      } else {
        ctx.nestedParse(ctx.content, holder);
      }
      return [];
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Misc: include, raw, replace, unicode, date, class, role, title, meta

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function normalizePosix(p: string): string[] {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out;
}

/**
 * readFile resolves against the main document; docutils resolves against the file holding the
 * directive. For a directive spliced in from an included file, rewrite the path accordingly.
 */
function relativeToIncluder(ctx: DirectiveContext, arg: string): string {
  const own = ctx.directiveSource;
  if (!own || own === ctx.source || arg.startsWith('/')) return arg;
  const target = normalizePosix(`${dirname(own.path)}/${arg}`);
  const base = normalizePosix(dirname(ctx.source.path));
  let i = 0;
  while (i < base.length && i < target.length - 1 && base[i] === target[i]) i++;
  return [...new Array<string>(base.length - i).fill('..'), ...target.slice(i)].join('/');
}

const include = spec({
  requiredArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: {
    literal: opt.flag,
    code: opt.unchanged,
    encoding: opt.encoding,
    parser: opt.parserName,
    'tab-width': opt.int,
    'start-line': opt.int,
    'end-line': opt.int,
    'start-after': opt.unchangedRequired,
    'end-before': opt.unchangedRequired,
    'number-lines': opt.unchanged,
    ...classAndName,
  },
  run(ctx) {
    const arg = opt.path(ctx.arguments[0] ?? '') as string;
    let file: { path: string; text: string };
    if (arg.startsWith('<') && arg.endsWith('>')) {
      const std = arg.slice(1, -1);
      if (std !== 'isonum.txt') {
        // other docutils standard substitution sets: not bundled; accepted silently
        return [];
      }
      file = { path: '<docutils>/isonum.txt', text: ISONUM_TXT };
    } else {
      const r = ctx.readFile(relativeToIncluder(ctx, arg));
      if ('error' in r) fail(4, `Problems with "${ctx.name}" directive path:\n${r.error}.`, 'include-path');
      file = r;
    }
    const o = ctx.options;
    const tabWidth = typeof o['tab-width'] === 'number' ? (o['tab-width'] as number) : 8;
    const startline = o['start-line'] as number | undefined;
    const endline = o['end-line'] as number | undefined;
    // keep track of where the clipped text starts in the file, for exact positions
    let raw = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
    let rawStart = file.text.length - raw.length;
    if (startline || endline !== undefined) {
      const lines = splitKeepEnds(raw);
      const n = lines.length;
      const norm = (i: number | undefined, dflt: number): number =>
        i === undefined ? dflt : i < 0 ? Math.max(0, n + i) : Math.min(i, n);
      const a = norm(startline || undefined, 0);
      const b = Math.max(a, norm(endline, n));
      const before = lines.slice(0, a).join('');
      raw = lines.slice(a, b).join('');
      rawStart += before.length;
    }
    const after = o['start-after'] as string | undefined;
    if (after) {
      const i = raw.indexOf(after);
      if (i < 0) fail(4, `Problem with "start-after" option of "${ctx.name}" directive:\nText not found.`, 'include-text-not-found');
      raw = raw.slice(i + after.length);
      rawStart += i + after.length;
    }
    const before = o['end-before'] as string | undefined;
    if (before) {
      const i = raw.indexOf(before);
      if (i < 0) fail(4, `Problem with "end-before" option of "${ctx.name}" directive:\nText not found.`, 'include-text-not-found');
      raw = raw.slice(0, i);
    }
    if ('literal' in o) {
      const value = tabWidth >= 0 ? expandTabs(raw, tabWidth) : raw;
      const attributes: Record<string, unknown> = { 'xml:space': 'preserve', source: file.path };
      if ('class' in o) attributes.classes = [...classesOf(ctx)];
      const lb = el('literal_block', attributes, value ? [text(value)] : []);
      stamp(ctx, lb, 1);
      lb.data!.source = file.path;
      addName(ctx, lb);
      return [lb];
    }
    if ('code' in o) {
      const language = String(o.code ?? '');
      const classes = ['code'];
      if (language) classes.push(...language.split(/\s+/).filter(Boolean));
      classes.push(...classesOf(ctx));
      const value = (tabWidth >= 0 ? expandTabs(raw, tabWidth) : raw).replace(/\n$/, '');
      const lb = el('literal_block', { 'xml:space': 'preserve', classes, source: file.path }, value ? [text(value)] : []);
      stamp(ctx, lb);
      lb.data!.source = file.path;
      lb.data!.language = language;
      addName(ctx, lb);
      return [lb];
    }
    // docutils' include_log: (path, clip options) of the files being included, innermost last
    // (the block parser pops an entry at each "end of inclusion" comment)
    const log = ctx.document.includeLog;
    const clipKey = (p: string, clip: unknown[]): string => `${p}\u0000${JSON.stringify(clip)}`;
    if (!log.length) log.push(clipKey(ctx.source.path, [null, null, null, null]));
    const key = clipKey(file.path, [startline ?? null, endline ?? null, before ?? null, after ?? null]);
    if (log.includes(key) || log.length > 200) {
      const chain = [file.path, ...[...log].reverse().map((e) => e.slice(0, e.indexOf('\u0000')))].join('\n> ');
      fail(2, `circular inclusion in "${ctx.name}" directive:\n${chain}`, 'include-circular');
    }
    if (!ctx.insertInput) {
      // the block parser cannot splice input: the standard set is built directly (it holds only
      // comments and one-line `unicode` substitution definitions); other files are skipped
      return file.path === '<docutils>/isonum.txt' ? standardSubstitutions(ctx, file.text, file.path) : [];
    }
    // the clipped text as its own Source, keeping true offsets into the file
    const source = new Source(file.text, file.path);
    const all = source.lines;
    const from = rawStart;
    const to = rawStart + raw.length;
    const lines: Line[] = [];
    for (const l of all) {
      const off = source.offset(l.index, 0);
      const end = source.lineEndOffset(l.index);
      if (end < from && !(end === from && off === from)) continue;
      if (off >= to && !(off === to && to === from)) break;
      if (off < from) {
        // a line cut by start-after: keep its tail
        let col = 0;
        while (col < l.text.length && source.offset(l.index, col) < from) col++;
        lines.push({ text: l.text.slice(col), index: l.index, col });
      } else if (end > to) {
        let col = 0;
        while (col < l.text.length && source.offset(l.index, col) < to) col++;
        lines.push({ text: l.text.slice(0, col).replace(/\s+$/, ''), index: l.index, col: 0 });
      } else lines.push(l);
    }
    ctx.insertInput(source, lines, file.path);
    log.push(key);
    return [];
  },
});

/** Nodes of a docutils standard substitution file (comments + `.. |x| unicode:: U+XXXX .. NAME`). */
function standardSubstitutions(ctx: DirectiveContext, data: string, path: string): RstNode[] {
  const out: RstNode[] = [];
  const lines = data.split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const sub = /^\.\. \|([^|]+)\|\s+unicode::\s+(.*)$/.exec(line);
    if (sub) {
      const name = sub[1]!;
      const arg = sub[2]!;
      const m = /( |\n|^)\.\. /.exec(arg);
      const chars = opt.pySplit(m ? arg.slice(0, m.index) : arg).map((c) => opt.unicodeCode(c));
      const node = el('substitution_definition', { names: [whitespaceNormalizeName(name)] }, [text(chars.join(''))]);
      node.data = { source: path };
      ctx.document.noteSubstitutionDef(node, name, node);
      out.push(node);
      i++;
      continue;
    }
    if (line.startsWith('.. ')) {
      const body = [line.slice(3)];
      i++;
      while (i < lines.length && /^\s+\S/.test(lines[i]!)) body.push(lines[i++]!.trim());
      const node = el('comment', { 'xml:space': 'preserve' }, [text(body.join('\n'))]);
      node.data = { source: path };
      out.push(node);
      continue;
    }
    i++;
  }
  return out;
}

function splitKeepEnds(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      out.push(s.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

function expandTabs(s: string, width: number): string {
  if (!s.includes('\t')) return s;
  // columns count code points (Python str.expandtabs); text between tabs is copied in slices
  let out = '';
  let col = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9) {
      const n = width > 0 ? width - (col % width) : 0;
      out += s.slice(from, i) + ' '.repeat(n);
      from = i + 1;
      col += n;
    } else if (c === 10 || c === 13) {
      col = 0;
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      col++;
    }
  }
  return out + s.slice(from);
}

const raw = spec({
  requiredArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: { file: opt.path, url: opt.uri, encoding: opt.encoding, class: opt.classOption },
  hasContent: true,
  run(ctx) {
    const attributes: Record<string, unknown> = {
      format: opt.pySplit((ctx.arguments[0] ?? '').toLowerCase()).join(' '),
      'xml:space': 'preserve',
    };
    const o = ctx.options;
    let value: string;
    if (ctx.content.length) {
      if ('file' in o || 'url' in o) {
        fail(3, `"${ctx.name}" directive may not both specify an external file and have content.`);
      }
      value = contentText(ctx);
    } else if ('file' in o) {
      if ('url' in o) fail(3, `The "file" and "url" options may not be simultaneously specified for the "${ctx.name}" directive.`);
      const r = ctx.readFile(String(o.file));
      if ('error' in r) fail(4, `Problems with "${ctx.name}" directive path:\n${r.error}.`, 'raw-path');
      value = r.text;
      attributes.source = r.path;
    } else if ('url' in o) {
      fail(4, `Problems with "${ctx.name}" directive URL "${String(o.url)}":\n<urlopen error network access disabled>.`, 'raw-url');
    } else {
      assertHasContent(ctx);
      value = '';
    }
    if ('class' in o) attributes.classes = [...classesOf(ctx)];
    const node = el('raw', attributes, value ? [text(value, contentPosition(ctx))] : []);
    stamp(ctx, node, ctx.lineno);
    return [node];
  },
});

function needSubstitution(ctx: DirectiveContext): void {
  if (ctx.inSubstitutionDefinition === false) {
    fail(3, `Invalid context: the "${ctx.name}" directive can only be used within a substitution definition.`);
  }
}

const replace = spec({
  hasContent: true,
  run(ctx) {
    needSubstitution(ctx);
    assertHasContent(ctx);
    const holder = el('container', undefined);
    ctx.nestedParse(ctx.content, holder);
    let para: RstNode | undefined;
    const messages: RstNode[] = [];
    for (const e of holder.children!) {
      if (!para && e.type === 'paragraph') para = e;
      else if (e.type === 'system_message') {
        if (e.attributes) e.attributes.backrefs = [];
        messages.push(e);
      } else {
        return [plainMessage(ctx, 3, 'replace-single-paragraph', `Error in "${ctx.name}" directive: may contain a single paragraph only.`)];
      }
    }
    return para ? [...messages, ...(para.children ?? [])] : messages;
  },
});

const unicode = spec({
  requiredArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: { trim: opt.flag, ltrim: opt.flag, rtrim: opt.flag },
  run(ctx) {
    needSubstitution(ctx);
    const subdef = ctx.parentNode;
    if (subdef && subdef.type === 'substitution_definition') {
      const a = (subdef.attributes ??= {});
      if ('trim' in ctx.options) {
        a.ltrim = 1;
        a.rtrim = 1;
      }
      if ('ltrim' in ctx.options) a.ltrim = 1;
      if ('rtrim' in ctx.options) a.rtrim = 1;
    }
    const arg = ctx.arguments[0] ?? '';
    const m = /( |\n|^)\.\. /.exec(arg);
    const codes = opt.pySplit(m ? arg.slice(0, m.index) : arg);
    const out: RstNode[] = [];
    for (const code of codes) {
      let decoded: string;
      try {
        decoded = opt.unicodeCode(code);
      } catch (err) {
        fail(3, `Invalid character code: ${code}\nValueError: ${(err as Error).message}`);
      }
      out.push(text(decoded));
    }
    return out;
  },
});

const date = spec({
  hasContent: true,
  run(ctx) {
    needSubstitution(ctx);
    const format = contentText(ctx) || '%Y-%m-%d';
    return [text(strftime(format, new Date()))];
  },
});

function strftime(format: string, d: Date): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return format.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
    switch (c) {
      case 'Y': return String(d.getFullYear());
      case 'y': return pad(d.getFullYear() % 100);
      case 'm': return pad(d.getMonth() + 1);
      case 'd': return pad(d.getDate());
      case 'H': return pad(d.getHours());
      case 'M': return pad(d.getMinutes());
      case 'S': return pad(d.getSeconds());
      case 'A': return days[d.getDay()]!;
      case 'a': return days[d.getDay()]!.slice(0, 3);
      case 'B': return months[d.getMonth()]!;
      case 'b': return months[d.getMonth()]!.slice(0, 3);
      case 'j': return pad(Math.floor((d.getTime() - new Date(d.getFullYear(), 0, 1).getTime()) / 86400000) + 1, 3);
      case '%': return '%';
      default: return '%' + c;
    }
  });
}

const klass = spec({
  requiredArguments: 1,
  finalArgumentWhitespace: true,
  hasContent: true,
  run(ctx) {
    let value: string[];
    try {
      value = opt.classOption(ctx.arguments[0] ?? '') as string[];
    } catch {
      fail(3, `Invalid class attribute value for "${ctx.name}" directive: "${ctx.arguments[0]}".`);
    }
    if (ctx.content.length) {
      const holder = el('container', undefined);
      ctx.nestedParse(ctx.content, holder);
      for (const n of holder.children!) {
        if (n.type === 'text') continue;
        const a = (n.attributes ??= {});
        a.classes = [...((a.classes as string[] | undefined) ?? []), ...value];
      }
      return holder.children!;
    }
    const pending = el('pending', undefined, [], ctx.position);
    pending.data = { transform: 'class', details: { class: value, directive: ctx.name }, rawsource: ctx.blockText };
    stamp(ctx, pending);
    return [pending];
  },
});

const SIMPLENAME = '(?:(?!_)\\w)+(?:[-._+:](?:(?!_)\\w)+)*';
const ROLE_ARGS = new RegExp(`^(${SIMPLENAME})\\s*(\\(\\s*(${SIMPLENAME})\\s*\\)\\s*)?$`, 'u');

/** `.. role:: new(base)` with its option lines: registers a document-local custom role (P2's lookup). */
function roleDirective(registry: Registry): DirectiveSpec {
  return spec({
    hasContent: true,
    run(ctx) {
      if (ctx.contentOffset > ctx.lineno || !ctx.content.length) {
        fail(3, `"${ctx.name}" directive requires arguments on the first line.`);
      }
      const args = ctx.content[0]!.text;
      const m = ROLE_ARGS.exec(args);
      if (!m) fail(3, `"${ctx.name}" directive arguments not valid role names: "${args}".`);
      const newName = m[1]!;
      const baseName = m[3];
      // the remaining lines are the base role's options (docutils parses them as a directive block)
      const base = baseName?.toLowerCase();
      const allowed: Record<string, (v: string | null) => unknown> = { class: opt.classOption };
      if (base === 'raw') allowed.format = opt.unchanged;
      if (base === 'code') allowed.language = opt.unchanged;
      const options: Record<string, unknown> = {};
      for (const line of ctx.content.slice(1)) {
        if (!line.text.trim()) continue;
        const om = /^:([^:]+):(?:\s+(.*))?$/.exec(line.text.trim());
        if (!om) continue;
        const conv = allowed[om[1]!];
        if (!conv) return [directiveMessage(ctx, 3, 'directive-error', `Error in "${ctx.name}" directive:\nunknown option: "${om[1]}".`)];
        try {
          options[om[1]!] = conv(om[2] ?? null);
        } catch (e) {
          return [directiveMessage(ctx, 3, 'directive-error', `Error in "${ctx.name}" directive:\ninvalid option value: (option: "${om[1]}"; value: ${opt.pyRepr(om[2] ?? '')})\n${(e as Error).message}.`)];
        }
      }
      const out: RstNode[] = [];
      const r = defineCustomRole(ctx.document, registry, newName, baseName, options);
      if (r.info !== undefined) out.push(plainMessage(ctx, 1, 'role-lookup', r.info));
      if (!r.ok) {
        if (r.classError !== undefined) {
          out.push(directiveMessage(ctx, 3, 'role-directive', `Invalid argument for "${ctx.name}" directive:\n${r.classError}.`));
        } else {
          out.push(directiveMessage(ctx, 3, 'unknown-role', `Unknown interpreted text role "${baseName}".`));
        }
      }
      return out;
    },
  });
}


const title = spec({
  requiredArguments: 1,
  finalArgumentWhitespace: true,
  run(ctx) {
    if (ctx.root) (ctx.root.attributes ??= {}).title = ctx.arguments[0];
    return [];
  },
});

const meta = spec({
  hasContent: true,
  run(ctx) {
    assertHasContent(ctx);
    const metas: RstNode[] = [];
    let i = 0;
    const lines = ctx.content;
    const bad = (): RstNode[] => [directiveMessage(ctx, 3, 'invalid-meta', 'Invalid meta directive.')];
    while (i < lines.length) {
      const line = lines[i]!;
      if (!line.text.trim()) {
        i++;
        continue;
      }
      const m = /^:((?:[^:\\]|\\.)+):( +|$)/.exec(line.text);
      if (!m) return metas.length ? [...insertMetas(ctx, metas), ...bad()] : bad();
      const body: string[] = [line.text.slice(m[0].length)];
      i++;
      while (i < lines.length && (lines[i]!.text.startsWith(' ') || !lines[i]!.text.trim())) {
        if (lines[i]!.text.trim()) body.push(lines[i]!.text.trim());
        i++;
      }
      const content = body.map((s) => s.trim()).filter(Boolean).join(' ');
      const name = m[1]!.replace(/\\(.)/g, '$1');
      if (!content) {
        metas.push(ctx.reporter.info('meta-no-content', `No content for meta tag "${name}".`, { detail: line.text }));
        continue;
      }
      const node = el('meta', { content }, [], ctx.source.linesRange([line]));
      const tokens = opt.pySplit(name);
      const kv = /^([^=]+)=(.*)$/.exec(tokens[0] ?? '');
      if (kv) node.attributes![kv[1]!.toLowerCase()] = kv[2];
      else node.attributes!.name = tokens[0];
      for (const tok of tokens.slice(1)) {
        const kv2 = /^([^=]+)=(.*)$/.exec(tok);
        if (!kv2) {
          metas.push(ctx.reporter.error('meta-attribute', `Error parsing meta tag attribute "${tok}": missing "=".`, { detail: line.text }));
          break;
        }
        node.attributes![kv2[1]!.toLowerCase()] = kv2[2];
      }
      metas.push(node);
    }
    return insertMetas(ctx, metas);
  },
});

function insertMetas(ctx: DirectiveContext, metas: RstNode[]): RstNode[] {
  const root = ctx.root;
  if (!root) return [];
  const kids = (root.children ??= []);
  let index = kids.findIndex((k) => !['title', 'subtitle', 'meta'].includes(k.type));
  if (index < 0) index = 0;
  kids.splice(index, 0, ...metas);
  return [];
}

// ---------------------------------------------------------------------------------------------
// docutils' own `code` and `math` (registered only without Sphinx: Sphinx replaces both)

/** docutils' CodeBlock, without Pygments: the text is one child (docutils would add token
 *  `inline`s when Pygments knows the language). */
const code = spec({
  optionalArguments: 1,
  optionSpec: { ...classAndName, 'number-lines': opt.unchanged },
  hasContent: true,
  run(ctx) {
    assertHasContent(ctx);
    const language = ctx.arguments[0] ?? '';
    const classes = ['code'];
    if (language) classes.push(language);
    classes.push(...classesOf(ctx));
    if ('number-lines' in ctx.options) {
      const v = String(ctx.options['number-lines'] ?? '');
      if (v && !/^\s*[+-]?\d+\s*$/.test(v)) fail(3, ':number-lines: with non-integer start value');
    }
    const value = contentText(ctx);
    const node = el('literal_block', { 'xml:space': 'preserve', classes }, value ? [text(value, contentPosition(ctx))] : []);
    stamp(ctx, node);
    (node.attributes ??= {}).language = language;
    addName(ctx, node);
    return [node];
  },
});

const mathBlock = spec({
  optionSpec: { ...classAndName },
  hasContent: true,
  run(ctx) {
    assertHasContent(ctx);
    const out: RstNode[] = [];
    for (const block of contentText(ctx).split('\n\n')) {
      if (!block) continue;
      const attributes: Record<string, unknown> = { 'xml:space': 'preserve' };
      if ('class' in ctx.options) attributes.classes = [...classesOf(ctx)];
      const node = el('math_block', attributes, [text(block)]);
      stamp(ctx, node, ctx.contentOffset + 1);
      addName(ctx, node);
      // docutils pops the name at the first add_name: only the first block gets it
      delete ctx.options.name;
      out.push(node);
    }
    return out;
  },
});

/** Directives that exist only in plain docutils (Sphinx registers its own under these names). */
export function registerPlainDocutilsDirectives(registry: Registry): void {
  registry.directive('code', code);
  registry.directive('code-block', code);
  registry.directive('sourcecode', code);
  registry.directive('math', mathBlock);
}

export function registerDocutilsDirectives(registry: Registry): void {
  for (const name of ADMONITIONS) registry.directive(name, admonitionSpec(name));
  registry.directive('admonition', admonitionSpec('admonition'));
  registry.directive('topic', pseudoSection('topic'));
  registry.directive('sidebar', pseudoSection('sidebar'));
  registry.directive('line-block', lineBlock);
  registry.directive('parsed-literal', parsedLiteral);
  registry.directive('rubric', rubric);
  registry.directive('epigraph', blockQuoteSpec('epigraph'));
  registry.directive('highlights', blockQuoteSpec('highlights'));
  registry.directive('pull-quote', blockQuoteSpec('pull-quote'));
  registry.directive('compound', compound);
  registry.directive('container', container);
  registry.directive('image', image);
  registry.directive('figure', figure);
  registry.directive('contents', contents);
  registry.directive('sectnum', sectnum);
  registry.directive('section-numbering', sectnum);
  registry.directive('header', decorationPart('header'));
  registry.directive('footer', decorationPart('footer'));
  registry.directive('include', include);
  registry.directive('raw', raw);
  registry.directive('replace', replace);
  registry.directive('unicode', unicode);
  registry.directive('date', date);
  registry.directive('class', klass);
  registry.directive('role', roleDirective(registry));
  registry.directive('title', title);
  registry.directive('meta', meta);
  registry.directive('table', rstTable);
  registry.directive('csv-table', csvTable);
  registry.directive('list-table', listTable);
}
