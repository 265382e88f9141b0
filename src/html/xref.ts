/**
 * Cross-reference resolution for the renderer: C-domain targets, labels, documents.
 */
import type { RstNode } from '../rst/nodes.js';
import { toText } from '../rst/nodes.js';
import { termId } from './ids.js';
import type { ProjectIndex } from '../project/index.js';
import type { CTarget, CTargets } from './types.js';
import { htmlFacts, setDeclarationCollector } from './facts.js';

/** C-domain object directives (Sphinx 5.3's CObject subclasses) and the object type each declares. */
export const C_OBJECTS: Readonly<Record<string, string>> = {
  'c:function': 'function', function: 'function',
  'c:macro': 'macro', macro: 'macro',
  'c:struct': 'struct', struct: 'struct',
  'c:union': 'union', union: 'union',
  'c:enum': 'enum', enum: 'enum',
  'c:enumerator': 'enumerator', enumerator: 'enumerator',
  'c:type': 'type', type: 'type',
  'c:member': 'member', member: 'member',
  'c:var': 'var', var: 'var',
};

const cache = new WeakMap<ProjectIndex, { generation: number; targets: CTargets; terms: ReadonlyMap<string, GlossaryTerm> }>();

export interface GlossaryTerm {
  docname: string;
  id: string;
}

/**
 * The declared name of a C object directive's signature, as Sphinx's C parser finds it: for a
 * function `int foo(int a)` → `foo`; a macro `FOO(x)` → `FOO`; `struct foo` → `foo`;
 * a member `int bar` → `bar`. Linear scan: the identifier before the first `(` (functions,
 * macros) or the last identifier otherwise; function-pointer declarators `(*name)(...)` give name.
 */
export function cDeclName(signature: string, objtype: string): string | undefined {
  const sig = signature.split('\n')[0]!.trim();
  if (!sig) return undefined;
  let end = sig.length;
  if (objtype === 'function' || objtype === 'macro') {
    const paren = sig.indexOf('(');
    if (paren >= 0) {
      // `void (*fp)(int)`: the name is inside the first parentheses
      const inner = sig.slice(paren + 1).trimStart();
      if (inner.startsWith('*') && objtype === 'function') {
        const m = /^\*\s*([A-Za-z_]\w*)/.exec(inner);
        if (m) return m[1];
      }
      end = paren;
    }
  } else {
    const eq = sig.indexOf('=');
    if (eq >= 0) end = eq;
    const br = sig.indexOf('[');
    if (br >= 0 && br < end) end = br;
  }
  let j = end;
  while (j > 0 && /\s/.test(sig[j - 1]!)) j--;
  let i = j;
  while (i > 0 && /[\w]/.test(sig[i - 1]!)) i--;
  const name = sig.slice(i, j);
  return /^[A-Za-z_]\w*$/.test(name) ? name : undefined;
}

function collectAll(index: ProjectIndex): { targets: CTargets; terms: ReadonlyMap<string, GlossaryTerm> } {
  const hit = cache.get(index);
  if (hit && hit.generation === index.generation) return hit;
  const targets = new Map<string, CTarget>();
  const terms = new Map<string, GlossaryTerm>();
  // from each document's facts (computed once per parse; a document not in memory is parsed
  // for them and dropped again)
  for (const path of index.documents()) {
    const h = htmlFacts(index, path);
    if (!h) continue;
    for (const [k, v] of h.cTargets) if (!targets.has(k)) targets.set(k, v);
    for (const [k, v] of h.terms) if (!terms.has(k)) terms.set(k, v);
  }
  const entry = { generation: index.generation, targets, terms };
  cache.set(index, entry);
  return entry;
}

/** Every C object the project's documents declare (first declaration wins). */
export function collectCTargets(index: ProjectIndex): CTargets {
  return collectAll(index).targets;
}

/** Every glossary term of the project, by lower-cased text (Sphinx matches terms that way). */
export function collectTerms(index: ProjectIndex): ReadonlyMap<string, GlossaryTerm> {
  return collectAll(index).terms;
}

/** The C objects one tree declares (the walk stops at nodes that cannot hold directives). */
export function collectFrom(tree: RstNode, docname: string, into: Map<string, CTarget>, terms?: Map<string, GlossaryTerm>): void {
  const stack: RstNode[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    const objtype = Array.isArray(n.attributes?.arguments) ? C_OBJECTS[n.type] : undefined;
    if (terms && (n.type === 'glossary' || n.type === 'std:glossary') && Array.isArray(n.attributes?.arguments)) {
      for (const dl of n.children ?? []) {
        if (dl.type !== 'definition_list') continue;
        for (const item of dl.children ?? []) {
          for (const t of item.children ?? []) {
            if (t.type !== 'term') continue;
            const text = toText(t);
            const key = text.toLowerCase();
            if (!terms.has(key)) terms.set(key, { docname, id: termId(text) });
          }
        }
      }
    }
    if (objtype) {
      const args = (n.attributes?.arguments as string[] | undefined) ?? [];
      for (const sig of (args[0] ?? '').split('\n')) {
        const name = cDeclName(sig, objtype);
        if (name && !into.has(name)) into.set(name, { docname, id: cId(name), objtype });
      }
    }
    const ch = n.children;
    if (ch && n.type !== 'paragraph' && n.type !== 'literal_block' && n.type !== 'title') {
      for (let i = ch.length - 1; i >= 0; i--) if (ch[i]!.children) stack.push(ch[i]!);
    }
  }
}

/** Sphinx 5.3's C domain anchor: `c.` + the qualified name (the kernel declares no namespaces
 *  that change it for these pages; `c:namespace` prefixes are joined with a dot). */
export function cId(name: string): string {
  return 'c.' + name;
}

setDeclarationCollector((tree, docname, into, terms) => collectFrom(tree, docname, into, terms));
