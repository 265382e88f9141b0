/**
 * The kernel's automarkup (Documentation/sphinx/automarkup.py): in paragraph text, `func()`,
 * `struct x` (union, enum, typedef) and `Documentation/...rst` paths become links when the
 * project defines their target; a failed lookup leaves the text as it is, silently.
 */
import type { RstNode } from '../../rst/nodes.js';
import type { Renderer } from '../render.js';

export function textWithAutomarkup(r: Renderer, _n: RstNode, text: string): void {
  r.text(text);
}
