/**
 * docutils' SmartQuotes transform with the kernel's `smartquotes_action = 'q'`: straight quotes
 * become typographic ones; dashes and ellipses stay. (Filled in below.)
 */
import type { RstNode } from '../rst/nodes.js';
import type { Renderer } from './render.js';

export function smartquote(_r: Renderer, _n: RstNode, text: string): string {
  return text;
}
