/**
 * docutils' Substitutions transform (priority 220): every `|name|` is replaced by a copy of the
 * children of its `.. |name| ...` definition (exact name first, then case-insensitively), with the
 * definition's ltrim/rtrim/trim applied to the neighbouring text; undefined names and circular
 * definitions become errors with a problematic node.
 */
import type { RstNode } from '../nodes.js';
import { toText } from '../nodes.js';
import { addBackref, type TransformContext } from './context.js';

const LINE_LENGTH_LIMIT = 10000;

/** Python str.strip()'s whitespace (what rstrip/lstrip remove). */
const PY_WS = '[\\s\\u001c-\\u001f\\u0085]';
const RSTRIP = new RegExp(`${PY_WS}+$`, 'u');
const LSTRIP = new RegExp(`^${PY_WS}+`, 'u');

/** Deep copy of a subtree; copies keep their positions (they point at the definition) and are
 *  marked `data.copiedFrom = 'substitution'`. */
function deepCopy(node: RstNode): RstNode {
  const copy: RstNode = { type: node.type };
  if (node.attributes) copy.attributes = JSON.parse(JSON.stringify(node.attributes)) as RstNode['attributes'];
  if (node.value !== undefined) copy.value = node.value;
  if (node.position) copy.position = node.position;
  copy.data = { ...(node.data ?? {}), copiedFrom: 'substitution' };
  if (node.children) copy.children = node.children.map(deepCopy);
  return copy;
}

export function substitutions(ctx: TransformContext): void {
  const { doc } = ctx;
  const defs = doc.substitutionDefs;
  const normed = doc.substitutionNames;
  const nested = new Map<string, string[]>();
  /** nested references point back to the reference whose replacement contained them */
  const origin = new WeakMap<RstNode, RstNode>();
  const subrefs = ctx.findAll('substitution_reference');
  for (let k = 0; k < subrefs.length; k++) {
    const ref = subrefs[k]!;
    const refname = String(ref.attributes?.refname ?? '');
    const key = defs.has(refname) ? refname : normed.get(refname.toLowerCase());
    let msg: RstNode | undefined;
    const subdef = key !== undefined ? defs.get(key) : undefined;
    if (key === undefined || !subdef) {
      msg = ctx.message(3, 'undefined-substitution', `Undefined substitution referenced: "${refname}".`, ref);
    } else if (toText(subdef).length > LINE_LENGTH_LIMIT) {
      msg = ctx.message(3, 'substitution-too-long', `Substitution definition "${key}" exceeds the line-length-limit.`);
    }
    if (msg || !subdef || key === undefined) {
      if (msg) {
        const msgid = doc.setId(msg);
        const prb = ctx.problematic(ref, msgid);
        addBackref(msg, doc.setId(prb));
        ctx.replace(ref, prb);
      }
      continue;
    }
    const parent = ctx.parent(ref);
    if (!parent || !parent.children) continue;
    const index = parent.children.indexOf(ref);
    const sa = subdef.attributes ?? {};
    if ('ltrim' in sa || 'trim' in sa) {
      const prev = parent.children[index - 1];
      if (index > 0 && prev && prev.type === 'text') prev.value = (prev.value ?? '').replace(RSTRIP, '');
    }
    if ('rtrim' in sa || 'trim' in sa) {
      const next = parent.children[index + 1];
      if (next && next.type === 'text') next.value = (next.value ?? '').replace(LSTRIP, '');
    }
    const copy = deepCopy(subdef);
    ctx.adopt(copy, undefined);
    // nested substitution references in the copy
    let circular = false;
    const nestedRefs: RstNode[] = [];
    const stack: RstNode[] = [copy];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'substitution_reference') nestedRefs.push(n);
      if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
    for (const nref of nestedRefs) {
      const nestedName = normed.get(String(nref.attributes?.refname ?? '').toLowerCase());
      if (nestedName === undefined) {
        // docutils would stop with a KeyError here; leave it for the undefined-name error
        origin.set(nref, ref);
        subrefs.push(nref);
        continue;
      }
      let list = nested.get(nestedName);
      if (!list) nested.set(nestedName, (list = []));
      if (list.includes(nestedName)) {
        circular = true;
        break;
      }
      list.push(key);
      origin.set(nref, ref);
      subrefs.push(nref);
    }
    if (circular) {
      if (parent.type === 'substitution_definition') {
        const raw = ctx.rawsource(parent);
        const m = ctx.message(3, 'circular-substitution', 'Circular substitution definition detected:', parent);
        (m.children ??= []).push({
          type: 'literal_block',
          attributes: { 'xml:space': 'preserve' },
          children: [{ type: 'text', value: raw }],
        });
        ctx.replace(parent, m);
      } else {
        let first = ref;
        for (let o = origin.get(first); o; o = origin.get(first)) first = o;
        const m = ctx.message(3, 'circular-substitution', `Circular substitution definition referenced: "${refname}".`, first);
        const msgid = doc.setId(m);
        const prb = ctx.problematic(ref, msgid);
        addBackref(m, doc.setId(prb));
        ctx.replace(ref, prb);
      }
      continue;
    }
    const replacement = copy.children ?? [];
    ctx.replace(ref, replacement);
    for (const n of replacement) {
      if ((n.type === 'reference' || n.type === 'footnote_reference' || n.type === 'citation_reference') && n.attributes?.refname !== undefined) {
        doc.noteRefname(n);
      }
    }
  }
}
