/**
 * docutils' hyperlink transforms (docutils/transforms/references.py), re-implemented over our
 * tree: PropagateTargets, AnonymousHyperlinks, IndirectHyperlinks, ExternalTargets,
 * InternalTargets and DanglingReferences (with its "not referenced" INFO messages).
 */
import type { RstNode } from '../nodes.js';
import {
  INVISIBLE_OR_TARGETABLE,
  addBackref,
  delAttr,
  getList,
  has,
  ids,
  isTextElement,
  names,
  type TransformContext,
} from './context.js';

/** docutils `next_node(ascend=True)` for a childless node (or skipping descendants). */
function nextNode(ctx: TransformContext, node: RstNode): RstNode | undefined {
  let n = node;
  for (;;) {
    const p = ctx.parent(n);
    if (!p || !p.children) return undefined;
    const i = p.children.indexOf(n);
    if (i >= 0 && i + 1 < p.children.length) return p.children[i + 1];
    n = p;
  }
}

/** PropagateTargets (priority 260): empty internal targets hand their ids/names to the next element. */
export function propagateTargets(ctx: TransformContext): void {
  const { doc } = ctx;
  for (const target of ctx.findAll('target')) {
    const parent = ctx.parent(target);
    if (parent && isTextElement(parent)) continue;
    if (has(target, 'refid') || has(target, 'refuri') || has(target, 'refname')) continue;
    let next = nextNode(ctx, target);
    while (next && next.type === 'system_message') next = nextNode(ctx, next);
    if (!next || (INVISIBLE_OR_TARGETABLE.has(next.type) && next.type !== 'target')) continue;
    if (next.type === 'text') continue;
    const tIds = ids(target);
    if (!tIds.length) continue;
    getList(next, 'ids').push(...tIds);
    const tNames = names(target);
    if (tNames.length) getList(next, 'names').push(...tNames);
    let byName = ctx.expectByName.get(next);
    if (!byName) ctx.expectByName.set(next, (byName = new Map()));
    let byId = ctx.expectById.get(next);
    if (!byId) ctx.expectById.set(next, (byId = new Map()));
    for (const id of tIds) {
      doc.ids.set(id, next);
      byId.set(id, target);
    }
    for (const name of tNames) byName.set(name, target);
    for (const [k, v] of ctx.expectByName.get(target) ?? []) byName.set(k, v);
    for (const [k, v] of ctx.expectById.get(target) ?? []) byId.set(k, v);
    target.attributes!.refid = tIds[0];
    delete target.attributes!.ids;
    delete target.attributes!.names;
    doc.noteRefid(target);
  }
}

/** AnonymousHyperlinks (440): pair anonymous references with anonymous targets, in order. */
export function anonymousHyperlinks(ctx: TransformContext): void {
  const { doc } = ctx;
  const refs = ctx.findAll('reference', (n) => !!n.attributes?.anonymous);
  const targets = ctx.findAll('target', (n) => !!n.attributes?.anonymous);
  if (refs.length !== targets.length) {
    const msg = ctx.message(
      3,
      'anonymous-hyperlink-mismatch',
      `Anonymous hyperlink mismatch: ${refs.length} references but ${targets.length} targets.\n` +
        'See "backrefs" attribute for IDs.',
    );
    const msgid = doc.setId(msg);
    for (const ref of refs) {
      const prb = ctx.problematic(ref, msgid);
      const prbid = doc.setId(prb);
      addBackref(msg, prbid);
      ctx.replace(ref, prb);
    }
    return;
  }
  refs.forEach((ref, i) => {
    let target: RstNode | undefined = targets[i]!;
    ctx.referenced.add(target);
    for (let guard = 0; target && guard < 10000; guard++) {
      if (has(target, 'refuri')) {
        ref.attributes!.refuri = target.attributes!.refuri;
        ctx.resolved.add(ref);
        break;
      }
      const tIds = ids(target);
      if (!tIds.length) {
        target = doc.ids.get(target.attributes?.refid as string);
        continue;
      }
      ref.attributes!.refid = tIds[0];
      doc.noteRefid(ref);
      break;
    }
  });
}

/** IndirectHyperlinks (460): `.. _a: b_` targets take b's URI or id, and so do their references. */
export function indirectHyperlinks(ctx: TransformContext): void {
  const multiply = new WeakSet<RstNode>();
  const { doc } = ctx;

  const error = (target: RstNode, explanation: string): void => {
    const tNames = names(target);
    const tIds = ids(target);
    let naming = tNames.length ? `"${tNames[0]}" ` : '';
    const reflist: RstNode[] = [];
    for (const name of tNames) reflist.push(...(doc.refnames.get(name) ?? []));
    for (const id of tIds) reflist.push(...(doc.refids.get(id) ?? []));
    if (tIds.length) naming += `(id="${tIds[0]}")`;
    const msg = ctx.message(
      3,
      'indirect-hyperlink-target',
      `Indirect hyperlink target ${naming} refers to target "${String(target.attributes?.refname)}", ${explanation}.`,
      target,
    );
    const msgid = doc.setId(msg);
    for (const ref of new Set(reflist)) {
      const prb = ctx.problematic(ref, msgid);
      const prbid = doc.setId(prb);
      addBackref(msg, prbid);
      ctx.replace(ref, prb);
    }
    ctx.resolved.add(target);
  };

  const nonexistent = (target: RstNode): void => {
    if (doc.nameids.has(target.attributes?.refname as string)) {
      error(target, 'which is a duplicate, and cannot be used as a unique reference');
    } else {
      error(target, 'which does not exist');
    }
  };

  const resolveTarget = (target: RstNode, depth: number): void => {
    const refname = target.attributes?.refname as string | undefined;
    let reftargetId: string | undefined;
    if (refname === undefined) {
      reftargetId = target.attributes?.refid as string | undefined;
    } else {
      reftargetId = doc.nameids.get(refname) ?? undefined;
      if (!reftargetId) {
        nonexistent(target);
        return;
      }
    }
    const reftarget = reftargetId !== undefined ? doc.ids.get(reftargetId) : undefined;
    if (!reftarget) {
      nonexistent(target);
      return;
    }
    ctx.noteReferencedBy(reftarget, undefined, reftargetId);
    if (reftarget.type === 'target' && !ctx.resolved.has(reftarget) && has(reftarget, 'refname')) {
      if (multiply.has(target) || depth > 1000) {
        error(target, 'forming a circular reference');
        return;
      }
      multiply.add(target);
      resolveTarget(reftarget, depth + 1);
      multiply.delete(target);
    }
    const a = target.attributes!;
    if (has(reftarget, 'refuri')) {
      a.refuri = reftarget.attributes!.refuri;
      delete a.refid;
    } else if (has(reftarget, 'refid')) {
      a.refid = reftarget.attributes!.refid;
      doc.noteRefid(target);
    } else if (ids(reftarget).length) {
      a.refid = reftargetId;
      doc.noteRefid(target);
    } else {
      nonexistent(target);
      return;
    }
    if (refname !== undefined) delete a.refname;
    ctx.resolved.add(target);
  };

  const resolveReferences = (target: RstNode, depth: number): void => {
    let attname: 'refid' | 'refuri';
    if (has(target, 'refid')) attname = 'refid';
    else if (has(target, 'refuri')) attname = 'refuri';
    else return;
    const attval = target.attributes![attname];
    const update = (ref: RstNode, remove: 'refname' | 'refid'): void => {
      delAttr(ref, remove);
      (ref.attributes ??= {})[attname] = attval;
      if (attname === 'refid') doc.noteRefid(ref);
      ctx.resolved.add(ref);
      if (ref.type === 'target' && depth < 1000) resolveReferences(ref, depth + 1);
    };
    for (const name of names(target)) {
      const reflist = doc.refnames.get(name) ?? [];
      if (reflist.length) ctx.noteReferencedBy(target, name);
      for (const ref of [...reflist]) {
        if (ctx.resolved.has(ref)) continue;
        update(ref, 'refname');
      }
    }
    for (const id of ids(target)) {
      const reflist = doc.refids.get(id) ?? [];
      if (reflist.length) ctx.noteReferencedBy(target, undefined, id);
      for (const ref of [...reflist]) {
        if (ctx.resolved.has(ref)) continue;
        update(ref, 'refid');
      }
    }
  };

  for (const target of [...doc.indirectTargets]) {
    if (!ctx.resolved.has(target)) resolveTarget(target, 0);
    resolveReferences(target, 0);
  }
}

/** ExternalTargets (640): references to a named target with a URI get the URI. */
export function externalTargets(ctx: TransformContext): void {
  const { doc } = ctx;
  for (const target of ctx.findAll('target')) {
    if (!has(target, 'refuri')) continue;
    const refuri = target.attributes!.refuri;
    for (const name of names(target)) {
      const reflist = doc.refnames.get(name) ?? [];
      if (reflist.length) ctx.noteReferencedBy(target, name);
      for (const ref of reflist) {
        if (ctx.resolved.has(ref)) continue;
        delAttr(ref, 'refname');
        (ref.attributes ??= {}).refuri = refuri;
        ctx.resolved.add(ref);
      }
    }
  }
}

/** InternalTargets (660): references to an internal target get its id. */
export function internalTargets(ctx: TransformContext): void {
  const { doc } = ctx;
  for (const target of ctx.findAll('target')) {
    if (has(target, 'refuri') || has(target, 'refid')) continue;
    for (const name of names(target)) {
      const refid = doc.nameids.get(name);
      const reflist = doc.refnames.get(name) ?? [];
      if (reflist.length) ctx.noteReferencedBy(target, name);
      for (const ref of reflist) {
        if (ctx.resolved.has(ref)) continue;
        if (refid) {
          delAttr(ref, 'refname');
          (ref.attributes ??= {}).refid = refid;
        }
        ctx.resolved.add(ref);
      }
    }
  }
}

const REFERENCE_TYPES = ['reference', 'footnote_reference', 'citation_reference'] as const;

/** DanglingReferences (850): unresolved names are errors; unreferenced targets are INFO. */
export function danglingReferences(ctx: TransformContext): void {
  const { doc } = ctx;
  for (const node of ctx.findAll(REFERENCE_TYPES)) {
    if (ctx.resolved.has(node) || !has(node, 'refname')) continue;
    const refname = node.attributes!.refname as string;
    const id = doc.nameids.get(refname);
    if (id === undefined || id === null) {
      const msg = doc.nameids.has(refname)
        ? ctx.message(
            3,
            'duplicate-target-name',
            `Duplicate target name, cannot be used as a unique reference: "${refname}".`,
            node,
          )
        : ctx.message(3, 'unknown-target-name', `Unknown target name: "${refname}".`, node);
      const msgid = doc.setId(msg);
      const prb = ctx.problematic(node, msgid);
      const prbid = ids(node)[0] ?? doc.setId(prb);
      addBackref(msg, prbid);
      ctx.replace(node, prb);
    } else {
      delete node.attributes!.refname;
      node.attributes!.refid = id;
      const t = doc.ids.get(id);
      if (t) ctx.noteReferencedBy(t, undefined, id);
      ctx.resolved.add(node);
    }
  }
  for (const target of ctx.findAll('target')) {
    if (ctx.referenced.has(target)) continue;
    if (target.attributes?.anonymous) continue;
    const naming = names(target)[0] ?? ids(target)[0] ?? String(target.attributes?.refid ?? '');
    ctx.message(1, 'hyperlink-target-not-referenced', `Hyperlink target "${naming}" is not referenced.`, target);
  }
}
