/**
 * docutils' Footnotes transform (priority 620): numbers auto-numbered footnotes (`[#]`, `[#label]`),
 * gives symbols to `[*]` footnotes, and links footnotes/citations and their references both ways.
 */
import type { RstNode } from '../nodes.js';
import { addBackref, delAttr, getList, has, ids, names, type TransformContext } from './context.js';

/** docutils' footnote symbols (Chicago Manual of Style order, then card suits). */
export const FOOTNOTE_SYMBOLS = ['*', '\u2020', '\u2021', '\u00a7', '\u00b6', '#', '\u2660', '\u2665', '\u2666', '\u2663'];

const label = (text: string): RstNode => ({ type: 'label', children: [{ type: 'text', value: text }] });

export function footnotes(ctx: TransformContext): void {
  const { doc } = ctx;
  const autoLabels: string[] = [];

  // number the auto-numbered footnotes
  let startnum = doc.autofootnoteStart;
  for (const footnote of doc.autofootnotes) {
    let text: string;
    for (;;) {
      text = String(startnum);
      startnum++;
      if (!doc.nameids.has(text)) break;
    }
    ctx.insertChild(footnote, 0, label(text));
    for (const name of names(footnote)) {
      for (const ref of doc.footnoteRefs.get(name) ?? []) {
        ctx.appendChild(ref, { type: 'text', value: text });
        delAttr(ref, 'refname');
        ref.attributes!.refid = ids(footnote)[0];
        const rid = ids(ref)[0];
        if (rid !== undefined) addBackref(footnote, rid);
        doc.noteRefid(ref);
        ctx.resolved.add(ref);
      }
    }
    const dup = (footnote.attributes?.dupnames as string[] | undefined) ?? [];
    if (!names(footnote).length && !dup.length) {
      getList(footnote, 'names').push(text);
      doc.noteExplicitTarget(footnote, footnote);
      autoLabels.push(text);
    }
  }
  doc.autofootnoteStart = startnum;

  // number the auto-numbered references without a label
  let i = 0;
  const autoRefs = doc.autofootnoteRefs;
  for (const ref of autoRefs) {
    if (ctx.resolved.has(ref) || has(ref, 'refid')) continue;
    const text = autoLabels[i];
    if (text === undefined) {
      const msg = ctx.message(
        3,
        'too-many-autonumbered-footnote-references',
        `Too many autonumbered footnote references: only ${autoLabels.length} corresponding footnotes available.`,
        ref,
      );
      const msgid = doc.setId(msg);
      for (const r of autoRefs.slice(i)) {
        if (ctx.resolved.has(r) || has(r, 'refname')) continue;
        const prb = ctx.problematic(r, msgid);
        addBackref(msg, doc.setId(prb));
        ctx.replace(r, prb);
      }
      break;
    }
    ctx.appendChild(ref, { type: 'text', value: text });
    const id = doc.nameids.get(text);
    const footnote = id ? doc.ids.get(id) : undefined;
    if (id) ref.attributes!.refid = id;
    doc.noteRefid(ref);
    const rid = ids(ref)[0];
    if (footnote && rid !== undefined) addBackref(footnote, rid);
    ctx.resolved.add(ref);
    i++;
  }

  // symbol footnotes
  const labels: string[] = [];
  for (const footnote of doc.symbolFootnotes) {
    const n = FOOTNOTE_SYMBOLS.length;
    const reps = Math.floor(doc.symbolFootnoteStart / n);
    const index = doc.symbolFootnoteStart % n;
    const text = FOOTNOTE_SYMBOLS[index]!.repeat(reps + 1);
    labels.push(text);
    ctx.insertChild(footnote, 0, label(text));
    doc.symbolFootnoteStart++;
    doc.setId(footnote);
  }
  i = 0;
  const symRefs = doc.symbolFootnoteRefs;
  for (const ref of symRefs) {
    const text = labels[i];
    if (text === undefined) {
      const msg = ctx.message(
        3,
        'too-many-symbol-footnote-references',
        `Too many symbol footnote references: only ${labels.length} corresponding footnotes available.`,
        ref,
      );
      const msgid = doc.setId(msg);
      for (const r of symRefs.slice(i)) {
        if (ctx.resolved.has(r) || has(r, 'refid')) continue;
        const prb = ctx.problematic(r, msgid);
        addBackref(msg, doc.setId(prb));
        ctx.replace(r, prb);
      }
      break;
    }
    ctx.appendChild(ref, { type: 'text', value: text });
    const footnote = doc.symbolFootnotes[i]!;
    ref.attributes = ref.attributes ?? {};
    ref.attributes.refid = ids(footnote)[0];
    doc.noteRefid(ref);
    const rid = ids(ref)[0];
    if (rid !== undefined) addBackref(footnote, rid);
    i++;
  }

  // manually labelled footnotes and citations
  const resolve = (note: RstNode, reflist: RstNode[]): void => {
    const id = ids(note)[0];
    for (const ref of reflist) {
      if (ctx.resolved.has(ref)) continue;
      delAttr(ref, 'refname');
      (ref.attributes ??= {}).refid = id;
      const rid = ids(ref)[0];
      if (rid !== undefined) addBackref(note, rid);
      ctx.resolved.add(ref);
    }
    ctx.resolved.add(note);
  };
  for (const footnote of doc.footnotes) {
    for (const name of names(footnote)) {
      const reflist = doc.footnoteRefs.get(name);
      if (reflist) resolve(footnote, reflist);
    }
  }
  for (const citation of doc.citations) {
    for (const name of names(citation)) {
      const reflist = doc.citationRefs.get(name);
      if (reflist) resolve(citation, reflist);
    }
  }
}
