/**
 * The visitor tables: node type → function writing its HTML. Filled by the modules under
 * visitors/ when they load (render.ts imports them all).
 *
 * Sphinx's and the kernel's directives and roles are nodes named after them (the parser's
 * placeholder convention, src/rst/directives/index.ts), and some names are both a docutils node
 * and a role or directive (`term`, `math`, `option`, `type`, ...): a node with a `role`
 * attribute is looked up among the roles, one with `arguments` among the directives, then among
 * the plain node types.
 */
import type { RstNode } from '../rst/nodes.js';
import type { Renderer } from './render.js';

export type Visitor = (r: Renderer, node: RstNode) => void;

export const VISITORS: Record<string, Visitor> = Object.create(null) as Record<string, Visitor>;
export const ROLE_VISITORS: Record<string, Visitor> = Object.create(null) as Record<string, Visitor>;
export const DIRECTIVE_VISITORS: Record<string, Visitor> = Object.create(null) as Record<string, Visitor>;

/** Is the node a Sphinx/kernel role placeholder? */
export function isRoleNode(n: RstNode): boolean {
  return typeof n.attributes?.role === 'string';
}

/** Is the node a Sphinx/kernel directive placeholder? */
export function isDirectiveNode(n: RstNode): boolean {
  const a = n.attributes;
  return !!a && typeof a.name === 'string' && Array.isArray(a.arguments);
}

export function visitorFor(n: RstNode): Visitor | undefined {
  if (isRoleNode(n)) return ROLE_VISITORS[n.type] ?? VISITORS[n.type];
  if (isDirectiveNode(n)) return DIRECTIVE_VISITORS[n.type] ?? VISITORS[n.type];
  return VISITORS[n.type];
}

/** Whether some visitor handles this node type (as a node, a role or a directive). */
export function hasVisitor(type: string, kind?: 'node' | 'role' | 'directive'): boolean {
  if (kind === 'role') return type in ROLE_VISITORS || type in VISITORS;
  if (kind === 'directive') return type in DIRECTIVE_VISITORS || type in VISITORS;
  return type in VISITORS || type in ROLE_VISITORS || type in DIRECTIVE_VISITORS;
}

function add(table: Record<string, Visitor>, types: string | readonly string[], visitor: Visitor): void {
  for (const t of typeof types === 'string' ? [types] : types) table[t] = visitor;
}

export function register(types: string | readonly string[], visitor: Visitor): void {
  add(VISITORS, types, visitor);
}

/** A node written as one element around its children, as docutils' simplest visit/depart pairs. */
export function element(tag: string, after = ''): Visitor {
  const end = `</${tag}>${after}`;
  return (r, n) => {
    r.starttag(n, tag);
    r.children(n);
    r.write(end);
  };
}

export function registerRole(types: string | readonly string[], visitor: Visitor): void {
  add(ROLE_VISITORS, types, visitor);
}

export function registerDirective(types: string | readonly string[], visitor: Visitor): void {
  add(DIRECTIVE_VISITORS, types, visitor);
}
