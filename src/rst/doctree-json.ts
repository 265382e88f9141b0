/**
 * Our rst tree → the docutils-oracle JSON convention (scripts/oracle.py documents it; both sides
 * must apply exactly the same attribute filter and normalisation):
 *
 * - node: `{type, attributes?, children?}`; text leaves `{type: 'text', value}`;
 * - adjacent text leaves are merged, empty ones dropped, `children` omitted when empty;
 * - attributes: only the names in `COMPARED_ATTRIBUTES`; `level`/`type` only on system_message;
 *   empty lists, empty objects, null/undefined and '' dropped; `attributes` omitted when empty;
 * - messages: `{level, type, line?, text, source?, phase}` in report order.
 *
 * `canonicalJson` serialises with sorted object keys (what oracle.py's `sort_keys=True` does), so
 * two records are equal iff their canonical strings are.
 */
import type { RstNode } from './nodes.js';
import type { SystemMessage } from './reporter.js';

export const COMPARED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'ids', 'names', 'dupnames', 'backrefs', 'classes',
  'refuri', 'refname', 'refid', 'anonymous',
  'bullet', 'enumtype', 'prefix', 'suffix', 'start',
  'xml:space', 'format',
  'level', 'type',
  'morecols', 'morerows', 'colwidth', 'cols', 'stub', 'widths',
  'auto',
  'uri', 'alt', 'width', 'height', 'scale', 'align',
  'delimiter',
  'title', 'name', 'arguments', 'options', 'role', 'text', 'target',
]);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

export interface JsonNode {
  type: string;
  attributes?: Record<string, JsonValue>;
  children?: JsonNode[];
  value?: string;
}

export interface JsonMessage {
  level: number;
  type: string;
  line?: number;
  text: string;
  source?: string;
  phase: 'parse' | 'transform';
}

export interface DoctreeRecord {
  file: string;
  tree?: JsonNode;
  messages?: JsonMessage[];
  /** set when the parser threw (ours) or docutils crashed (oracle) */
  error?: string;
}

function jsonValue(v: unknown): JsonValue {
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : String(v);
    case 'object': {
      const out: Record<string, JsonValue> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = jsonValue(x);
      return out;
    }
    default:
      return String(v);
  }
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

/** Convert one of our nodes (and its subtree) to the JSON convention. Iterative: no recursion
 *  limit on deep trees. */
export function nodeToJson(root: RstNode): JsonNode {
  const convert = (node: RstNode): JsonNode => {
    if (node.type === 'text') return { type: 'text', value: node.value ?? '' };
    const out: JsonNode = { type: node.type };
    if (node.attributes) {
      const attrs: Record<string, JsonValue> = {};
      let any = false;
      for (const key of Object.keys(node.attributes)) {
        if (!COMPARED_ATTRIBUTES.has(key)) continue;
        if ((key === 'type' || key === 'level') && node.type !== 'system_message') continue;
        const v = node.attributes[key];
        if (isEmpty(v)) continue;
        attrs[key] = jsonValue(v);
        any = true;
      }
      if (any) out.attributes = attrs;
    }
    return out;
  };
  const top = convert(root);
  // explicit stack of (source node, json node) pairs whose children still need converting
  const stack: Array<[RstNode, JsonNode]> = [[root, top]];
  while (stack.length) {
    const [node, json] = stack.pop()!;
    if (json.type === 'text') continue;
    let kids = node.children;
    if (!kids && node.value !== undefined) kids = [{ type: 'text', value: node.value }];
    if (!kids || !kids.length) continue;
    const children: JsonNode[] = [];
    for (const child of kids) {
      const cj = convert(child);
      if (cj.type === 'text') {
        if (!cj.value) continue;
        const last = children[children.length - 1];
        if (last && last.type === 'text') {
          last.value += cj.value;
          continue;
        }
      } else {
        stack.push([child, cj]);
      }
      children.push(cj);
    }
    if (children.length) json.children = children;
  }
  return top;
}

export function messageToJson(m: SystemMessage): JsonMessage {
  const out: JsonMessage = { level: m.level, type: m.type, text: m.message, phase: m.phase };
  if (m.line !== undefined && m.line !== null) out.line = m.line;
  if (m.source !== undefined && m.source !== null) out.source = m.source;
  return out;
}

/** JSON with object keys sorted at every level (byte-comparable with oracle.py's output). */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  const go = (v: unknown): void => {
    if (v === null || v === undefined) {
      parts.push('null');
    } else if (Array.isArray(v)) {
      parts.push('[');
      v.forEach((x, i) => {
        if (i) parts.push(',');
        go(x);
      });
      parts.push(']');
    } else if (typeof v === 'object') {
      const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
      parts.push('{');
      keys.forEach((k, i) => {
        if (i) parts.push(',');
        parts.push(JSON.stringify(k), ':');
        go((v as Record<string, unknown>)[k]);
      });
      parts.push('}');
    } else {
      parts.push(JSON.stringify(v));
    }
  };
  go(value);
  return parts.join('');
}
