/**
 * docutils' DocInfo transform (priority 340): a field list that is the document's first element
 * (after comments, targets, substitution definitions, system messages, raw) becomes `docinfo`,
 * moved to the front; the English bibliographic fields (author, authors, organization, address,
 * contact, version, revision, status, date, copyright) become their own nodes, dedication and
 * abstract become topics, anything else stays a field with a class made from its name.
 */
import { fullyNormalizeName, makeId } from '../document.js';
import type { RstNode } from '../nodes.js';
import { toText } from '../nodes.js';
import { getList, type TransformContext } from './context.js';

/** docutils' PreBibliographic node classes (skipped when looking for the field list). */
const PRE_BIBLIOGRAPHIC = new Set([
  'title', 'subtitle', 'meta', 'decoration', 'header', 'footer', 'comment', 'substitution_definition',
  'target', 'pending', 'system_message', 'raw',
]);
/** Titular, Decorative and meta: docinfo goes after these. */
const BEFORE_DOCINFO = new Set(['title', 'subtitle', 'rubric', 'decoration', 'header', 'footer', 'meta']);

const TEXT_FIELDS = new Set([
  'author', 'organization', 'address', 'contact', 'version', 'revision', 'status', 'date', 'copyright',
]);
const LABELS: Record<string, string> = { dedication: 'Dedication', abstract: 'Abstract' };
const AUTHOR_SEPARATORS = [';', ','];

class NotBibliographic extends Error {}
/** Thrown for every non-extractable field: made once (an Error captures a stack when created). */
const NOT_BIBLIOGRAPHIC = new NotBibliographic();

const RCS_KEYWORDS: Array<[RegExp, string]> = [
  [/\$Date: (\d\d\d\d)[-/](\d\d)[-/](\d\d)[ T][\d:]+[^$]* \$/gi, '$1-$2-$3'],
  [/\$RCSfile: (.+),v \$/gi, '$1'],
  [/\$[a-zA-Z]+: (.+) \$/g, '$1'],
];

function cleanRcsKeywords(paragraph: RstNode | undefined): void {
  const kids = paragraph?.children;
  if (!kids || kids.length !== 1 || kids[0]!.type !== 'text') return;
  const t = kids[0]!;
  for (const [re, sub] of RCS_KEYWORDS) {
    re.lastIndex = 0;
    if (re.test(t.value ?? '')) {
      re.lastIndex = 0;
      t.value = (t.value ?? '').replace(re, sub);
      return;
    }
  }
}

export function docinfo(ctx: TransformContext): void {
  const tree = ctx.tree;
  const kids = tree.children;
  const index = kids.findIndex((n) => !PRE_BIBLIOGRAPHIC.has(n.type));
  if (index < 0) return;
  const candidate = kids[index]!;
  if (candidate.type !== 'field_list') return;
  let biblioindex = kids.findIndex((n) => !BEFORE_DOCINFO.has(n.type));
  if (biblioindex < 0) biblioindex = kids.length;
  const nodelist = extract(ctx, candidate);
  kids.splice(index, 1);
  kids.splice(biblioindex, 0, ...nodelist);
  ctx.changed(candidate);
  for (const n of nodelist) ctx.adopt(n, tree);
}

function extract(ctx: TransformContext, fieldList: RstNode): RstNode[] {
  const info: RstNode = { type: 'docinfo', children: [] };
  if (fieldList.position) info.position = fieldList.position;
  const topics: Record<string, RstNode | undefined> = {};
  const warn = (field: RstNode, text: string): void => {
    const body = field.children?.[field.children.length - 1];
    const msg = ctx.message(2, 'bibliographic-field', text, field);
    if (body) ctx.appendChild(body, msg);
  };
  for (const field of fieldList.children ?? []) {
    const fname = field.children?.[0];
    const first = fname?.children?.[0];
    const name = first ? toText(first) : '';
    const normed = fullyNormalizeName(name);
    const body = field.children?.[1];
    const bodyKids = body?.children ?? [];
    const isBiblio = field.children?.length === 2 && (TEXT_FIELDS.has(normed) || normed === 'authors' || normed in LABELS);
    if (!isBiblio) {
      // the usual case: no exception round trip
      keepField(ctx, info, field, normed);
      continue;
    }
    try {
      if (bodyKids.length < 1) {
        warn(field, `Cannot extract empty bibliographic field "${name}".`);
        throw NOT_BIBLIOGRAPHIC;
      }
      if (TEXT_FIELDS.has(normed)) {
        if (bodyKids.length > 1) {
          warn(field, `Cannot extract compound bibliographic field "${name}".`);
          throw NOT_BIBLIOGRAPHIC;
        }
        if (bodyKids[0]!.type !== 'paragraph') {
          warn(field, `Cannot extract bibliographic field "${name}" containing anything other than a single paragraph.`);
          throw NOT_BIBLIOGRAPHIC;
        }
        cleanRcsKeywords(bodyKids[0]);
        const node: RstNode = { type: normed, children: [...(bodyKids[0]!.children ?? [])] };
        if (normed === 'address') node.attributes = { 'xml:space': 'preserve' };
        if (field.position) node.position = field.position;
        if (field.data) node.data = { ...field.data };
        ctx.appendChild(info, node);
      } else if (normed === 'authors') {
        extractAuthors(ctx, field, name, info, warn);
      } else {
        if (topics[normed]) {
          warn(field, `There can only be one "${name}" field.`);
          throw NOT_BIBLIOGRAPHIC;
        }
        const topic: RstNode = {
          type: 'topic',
          attributes: { classes: [normed] },
          children: [{ type: 'title', children: [{ type: 'text', value: LABELS[normed]! }] }, ...bodyKids],
        };
        if (field.position) topic.position = field.position;
        topics[normed] = topic;
      }
    } catch (e) {
      if (!(e instanceof NotBibliographic)) throw e;
      keepField(ctx, info, field, normed);
    }
  }
  const out: RstNode[] = [];
  if (info.children!.length) out.push(info);
  for (const t of ['dedication', 'abstract']) if (topics[t]) out.push(topics[t]!);
  return out;
}

/** A field that is not extracted stays a field in docinfo, with a class made from its name. */
function keepField(ctx: TransformContext, info: RstNode, field: RstNode, normed: string): void {
  const last = field.children?.[field.children.length - 1];
  if (last?.children?.length === 1 && last.children[0]!.type === 'paragraph') cleanRcsKeywords(last.children[0]);
  const cls = makeId(normed);
  if (cls) getList(field, 'classes').push(cls);
  ctx.appendChild(info, field);
}

function extractAuthors(
  ctx: TransformContext,
  field: RstNode,
  name: string,
  info: RstNode,
  warn: (field: RstNode, text: string) => void,
): void {
  const body = field.children![1]!;
  const kids = body.children ?? [];
  try {
    let authors: RstNode[][];
    if (kids.length === 1) {
      if (kids[0]!.type === 'paragraph') {
        const text = textOf(body);
        if (!text) throw NOT_BIBLIOGRAPHIC;
        let parts: string[] = [text];
        for (const sep of AUTHOR_SEPARATORS) {
          parts = text.split(sep);
          if (parts.length > 1) break;
        }
        authors = parts
          .map((s) => s.replace(/^[\s\u001c-\u001f\u0085]+|[\s\u001c-\u001f\u0085]+$/gu, ''))
          .filter(Boolean)
          .map((s) => [{ type: 'text', value: s }]);
      } else if (kids[0]!.type === 'bullet_list') {
        authors = [];
        for (const item of kids[0]!.children ?? []) {
          if (item.type === 'comment') continue;
          const ik = item.children ?? [];
          if (ik.length !== 1 || ik[0]!.type !== 'paragraph') throw NOT_BIBLIOGRAPHIC;
          authors.push([...(ik[0]!.children ?? [])]);
        }
        if (!authors.length) throw NOT_BIBLIOGRAPHIC;
      } else {
        throw NOT_BIBLIOGRAPHIC;
      }
    } else {
      for (const item of kids) if (item.type !== 'paragraph' && item.type !== 'comment') throw NOT_BIBLIOGRAPHIC;
      authors = kids.filter((k) => k.type !== 'comment').map((k) => [...(k.children ?? [])]);
    }
    const authorNodes = authors.filter((a) => a.length).map((a): RstNode => ({ type: 'author', children: a }));
    if (!authorNodes.length) throw NOT_BIBLIOGRAPHIC;
    const node: RstNode = { type: 'authors', children: authorNodes };
    if (field.position) node.position = field.position;
    ctx.appendChild(info, node);
  } catch (e) {
    if (e instanceof NotBibliographic) {
      warn(
        field,
        `Bibliographic field "${name}" incompatible with extraction: it must contain either a single paragraph ` +
          `(with authors separated by one of "${AUTHOR_SEPARATORS.join('')}"), multiple paragraphs (one per author), ` +
          'or a bullet list with one paragraph (one author) per item.',
      );
    }
    throw e;
  }
}

/** Concatenated text leaves of a subtree (docutils joins the Text nodes). */
function textOf(node: RstNode): string {
  let out = '';
  const stack: RstNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out += n.value ?? '';
    else if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}
