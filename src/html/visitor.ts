/**
 * The visitor table: node type → function writing its HTML. Filled by the modules under
 * visitors/ when they load (render.ts imports them all).
 */
import type { RstNode } from '../rst/nodes.js';
import type { Renderer } from './render.js';

export type Visitor = (r: Renderer, node: RstNode) => void;

export const VISITORS: Record<string, Visitor> = Object.create(null) as Record<string, Visitor>;

export function hasVisitor(type: string): boolean {
  return type in VISITORS;
}

export function register(types: string | readonly string[], visitor: Visitor): void {
  for (const t of typeof types === 'string' ? [types] : types) VISITORS[t] = visitor;
}
