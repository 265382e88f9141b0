/**
 * docutils' Transitions transform (priority 830): complains about transitions that begin a
 * document or section or follow another transition, and moves a transition that ends a section
 * up behind that section (a transition ending the document stays, with an error).
 * Its messages are inserted in the tree (before the transition, or after it at the end).
 */
import type { RstNode } from '../nodes.js';
import type { TransformContext } from './context.js';

export function transitions(ctx: TransformContext): void {
  for (const node of ctx.findAll('transition')) {
    const parent = ctx.parent(node);
    if (!parent || !parent.children) continue;
    let index = parent.children.indexOf(node);
    if (index < 0) continue;
    const siblings = parent.children;
    const line = node.data?.docutilsLine;
    const source = node.data?.source;
    const err = (text: string, ruleId: string): RstNode => {
      const opts: { line?: number; source?: string; position?: RstNode['position'] } = {};
      if (line !== undefined) opts.line = line;
      if (source !== undefined) opts.source = source;
      if (node.position) opts.position = node.position;
      return ctx.reporter.system(3, ruleId, text, opts);
    };
    let error: RstNode | undefined;
    if (
      index === 0 ||
      (siblings[0]!.type === 'title' && (index === 1 || (siblings[1]!.type === 'subtitle' && index === 2)))
    ) {
      error = err('Document or section may not begin with a transition.', 'transition-at-start');
    } else if (siblings[index - 1]!.type === 'transition') {
      error = err(
        'At least one body element must separate transitions; adjacent transitions are not allowed.',
        'adjacent-transitions',
      );
    }
    if (error) {
      ctx.insertChild(parent, index, error);
      index++;
    }
    if (index !== siblings.length - 1) continue;
    // move it behind the innermost ancestor that is not the last child of its parent
    let sibling: RstNode = node;
    let sparent: RstNode | undefined = parent;
    let guard = 0;
    while (sparent && index === (sparent.children?.length ?? 0) - 1 && guard++ < 10000) {
      sibling = sparent;
      sparent = ctx.parent(sibling);
      if (!sparent) {
        const e = ctx.reporter.system(3, 'transition-at-end', 'Document may not end with a transition.', {
          ...(line !== undefined ? { line } : {}),
          ...(node.position ? { position: node.position } : {}),
        });
        const p = ctx.parent(node)!;
        ctx.insertChild(p, p.children!.indexOf(node) + 1, e);
        break;
      }
      index = sparent.children!.indexOf(sibling);
    }
    if (!sparent) continue;
    const p = ctx.parent(node)!;
    p.children!.splice(p.children!.indexOf(node), 1);
    ctx.insertChild(sparent, index + 1, node); // (tells the context the transition moved)
  }
}
