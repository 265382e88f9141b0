/**
 * docutils' pending-node transforms created by directives (P3 puts `pending` nodes in the tree
 * with `data.transform` and `data.details`):
 *
 *   210 ClassAttribute (`.. class::` without content): classes go to the next suitable element;
 *   710 SectNum (`.. sectnum::`): section titles get a `generated` number;
 *   720 Contents (`.. contents::`): the table of contents as a bullet list of references, with
 *       back-links (title refid) as docutils' default toc_backlinks = "entry".
 */
import type { RstNode } from '../nodes.js';
import { getList, ids, type TransformContext } from './context.js';

function pendings(ctx: TransformContext, kind: string): RstNode[] {
  return ctx.findAll('pending', (n) => n.data?.transform === kind);
}

function details(node: RstNode): Record<string, unknown> {
  return (node.data?.details as Record<string, unknown> | undefined) ?? {};
}

function remove(ctx: TransformContext, node: RstNode): void {
  const p = ctx.parent(node);
  if (!p?.children) return;
  const i = p.children.indexOf(node);
  if (i >= 0) p.children.splice(i, 1);
  ctx.changed(node);
}

const INVISIBLE = new Set(['comment', 'substitution_definition', 'target', 'pending', 'system_message']);

/** misc.ClassAttribute (210). */
export function classAttribute(ctx: TransformContext): void {
  for (const pending of pendings(ctx, 'class')) {
    const d = details(pending);
    const classes = Array.isArray(d.class) ? (d.class as string[]) : d.class !== undefined ? [String(d.class)] : [];
    let child: RstNode = pending;
    let parent = ctx.parent(pending);
    let done = false;
    while (parent && !done) {
      const kids = parent.children ?? [];
      for (let i = kids.indexOf(child) + 1; i < kids.length; i++) {
        const el = kids[i]!;
        if (INVISIBLE.has(el.type)) continue;
        getList(el, 'classes').push(...classes);
        remove(ctx, pending);
        done = true;
        break;
      }
      if (!done) {
        child = parent;
        parent = ctx.parent(parent);
      }
    }
    if (done) continue;
    const raw = typeof pending.data?.rawsource === 'string' ? (pending.data.rawsource as string) : '';
    const line = pending.data?.docutilsLine;
    const err = ctx.reporter.error(
      'no-element-after-class',
      `No suitable element following "${String(d.directive ?? 'class')}" directive`,
      {
        ...(line !== undefined ? { line } : {}),
        ...(pending.position ? { position: pending.position } : {}),
        detail: raw,
      },
    );
    ctx.replace(pending, err);
  }
}

/** parts.SectNum (710). */
export function sectNum(ctx: TransformContext): void {
  for (const pending of pendings(ctx, 'sectnum')) {
    const d = details(pending);
    const maxdepth = typeof d.depth === 'number' ? d.depth : Infinity;
    const start = typeof d.start === 'number' ? d.start : 1;
    const prefix = typeof d.prefix === 'string' ? d.prefix : '';
    const suffix = typeof d.suffix === 'string' ? d.suffix : '';
    remove(ctx, pending);
    const update = (node: RstNode, numbers: string[], depth: number): void => {
      depth++;
      let n = numbers.length ? 1 : start;
      for (const child of node.children ?? []) {
        if (child.type !== 'section') continue;
        const nums = [...numbers, String(n)];
        const title = child.children?.[0];
        if (title) {
          ctx.insertChild(title, 0, {
            type: 'generated',
            attributes: { classes: ['sectnum'] },
            children: [{ type: 'text', value: prefix + nums.join('.') + suffix + '\u00a0\u00a0\u00a0' }],
          });
          (title.attributes ??= {}).auto = 1;
        }
        if (depth < maxdepth) update(child, nums, depth);
        n++;
      }
    };
    update(ctx.tree, [], 0);
  }
}

/** A copy of a title's children without references, targets, problematic wrappers, footnote and
 *  citation references; images become their alt text (docutils' ContentsFilter). */
function entryText(title: RstNode): RstNode[] {
  const copy = (nodes: RstNode[]): RstNode[] => {
    const out: RstNode[] = [];
    for (const n of nodes) {
      switch (n.type) {
        case 'citation_reference':
        case 'footnote_reference':
          break;
        case 'image':
          if (n.attributes?.alt !== undefined) out.push({ type: 'text', value: String(n.attributes.alt) });
          break;
        case 'problematic':
        case 'reference':
        case 'target':
          out.push(...copy(n.children ?? []));
          break;
        default: {
          const c: RstNode = { type: n.type };
          if (n.attributes) c.attributes = JSON.parse(JSON.stringify(n.attributes)) as RstNode['attributes'];
          if (n.value !== undefined) c.value = n.value;
          if (n.children) c.children = copy(n.children);
          out.push(c);
        }
      }
    }
    return out;
  };
  return copy(title.children ?? []);
}

function containsReference(node: RstNode): boolean {
  const stack = [...(node.children ?? [])];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'reference') return true;
    if (n.children) stack.push(...n.children);
  }
  return false;
}

/** parts.Contents (720). */
export function contents(ctx: TransformContext): void {
  const { doc } = ctx;
  for (const pending of pendings(ctx, 'contents')) {
    const d = details(pending);
    const topic = ctx.parent(pending);
    if (!topic) continue;
    let start: RstNode | undefined = ctx.tree;
    if ('local' in d) {
      start = ctx.parent(topic);
      while (start && start.type !== 'section' && start.type !== 'document') start = ctx.parent(start);
      start ??= ctx.tree;
    }
    const tocId = ids(topic)[0];
    const backlinks = 'backlinks' in d ? d.backlinks : 'entry';
    const depth = typeof d.depth === 'number' ? d.depth : Infinity;
    const build = (node: RstNode, level: number): RstNode | undefined => {
      level++;
      const items: RstNode[] = [];
      let auto: unknown;
      for (const section of node.children ?? []) {
        if (section.type !== 'section') continue;
        const title = section.children?.[0];
        if (!title) continue;
        auto = title.attributes?.auto;
        const reference: RstNode = {
          type: 'reference',
          attributes: { refid: ids(section)[0] },
          children: entryText(title),
        };
        const refId = doc.setId(reference, undefined, 'toc-entry');
        const item: RstNode = { type: 'list_item', children: [{ type: 'paragraph', children: [reference] }] };
        if ((backlinks === 'entry' || backlinks === 'top') && !containsReference(title)) {
          (title.attributes ??= {}).refid = backlinks === 'entry' ? refId : tocId;
        }
        if (level < depth) {
          const sub = build(section, level);
          if (sub) item.children!.push(sub);
        }
        items.push(item);
      }
      if (!items.length) return undefined;
      const list: RstNode = { type: 'bullet_list', children: items };
      if (auto) list.attributes = { classes: ['auto-toc'] };
      return list;
    };
    const list = build(start, 0);
    if (list) ctx.replace(pending, list);
    else remove(ctx, topic);
  }
}
