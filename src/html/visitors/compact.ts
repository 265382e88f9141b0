/**
 * docutils' compact lists: a bullet/enumerated list whose items are each one paragraph
 * (optionally followed by a nested simple list) gets class "simple" and its paragraphs are
 * written without <p> (HTML5 writer's is_compactable / SimpleListChecker /
 * should_be_compact_paragraph, with Sphinx's settings compact_lists = compact_field_lists = True).
 */
import type { RstNode } from '../../rst/nodes.js';
import type { Renderer } from '../render.js';

const INVISIBLE = new Set(['comment', 'substitution_definition', 'target', 'pending', 'system_message_invisible']);
const PASS = new Set(['bullet_list', 'enumerated_list', 'docinfo', 'field_list', 'field', 'field_body', 'option_list', 'option_list_item', 'description', 'definition_list', 'definition_list_item', 'definition']);
const IGNORE = new Set(['text', 'paragraph', 'field_name', 'option_group', 'term', 'classifier', 'comment', 'substitution_definition', 'target', 'pending']);

const memo = new WeakMap<RstNode, boolean>();

/** SimpleListChecker over the list's subtree (memoised per node: nested lists ask again). */
export function checkSimpleList(list: RstNode): boolean {
  const cls = (list.attributes?.classes as string[] | undefined) ?? [];
  if (cls.includes('compact')) return true;
  if (cls.includes('open')) return false;
  let hit = memo.get(list);
  if (hit === undefined) {
    hit = simple(list, true);
    memo.set(list, hit);
  }
  return hit;
}

function simple(n: RstNode, top: boolean): boolean {
  if (IGNORE.has(n.type)) return true;
  if (n.type === 'list_item') {
    const kids = (n.children ?? []).filter((c) => !INVISIBLE.has(c.type));
    if (kids.length && kids[0]!.type === 'paragraph') {
      const last = kids[kids.length - 1]!;
      if (kids.length > 1 && (last.type === 'bullet_list' || last.type === 'enumerated_list')) kids.pop();
    }
    if (kids.length > 1) return false;
    for (const c of n.children ?? []) if (!simple(c, false)) return false;
    return true;
  }
  if (PASS.has(n.type) || top) {
    for (const c of n.children ?? []) if (!simple(c, false)) return false;
    return true;
  }
  return false;
}

/** Whether docutils omits the <p> around this paragraph. */
export function isCompactParagraph(r: Renderer, p: RstNode): boolean {
  const parent = r.parent;
  if (!parent || parent.type === 'document' || parent.type === 'compound' || parent.type === 'section') return false;
  const a = p.attributes;
  if (a) {
    if ((a.ids as string[] | undefined)?.length) return false;
    const cls = (a.classes as string[] | undefined) ?? [];
    if (cls.some((c) => c !== 'first' && c !== 'last')) return false;
  }
  const ch = parent.children ?? [];
  const first = ch[0]?.type === 'label' ? 1 : 0;
  for (let i = first; i < ch.length; i++) {
    const c = ch[i]!;
    if (INVISIBLE.has(c.type)) continue;
    if (c === p) break;
    return false;
  }
  if (parent.type === 'list_item') return r.state.get('compactSimple') === true;
  if (parent.type === 'field_body') return r.state.get('compactField') === true;
  return false;
}
