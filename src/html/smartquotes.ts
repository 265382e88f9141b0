/**
 * docutils' SmartQuotes transform as Sphinx runs it for the kernel (`smartquotes_action = 'q'`:
 * quotes only, no dashes or ellipses; language en): straight quotes become “ ” ‘ ’.
 *
 * As in docutils, each text block (a paragraph, title, term, ... not nested in another one) is
 * one unit: its text nodes are educated in order, the last character of the previous one (also of
 * literal text, which itself is left alone) deciding whether a leading quote opens or closes.
 * Text inside literals, math, images, raw and problematic nodes — and Sphinx's nodes that are not
 * smart-quotable (xref literals, kbd, file, samp, command, ...) — is not changed.
 *
 * The quote rules are SmartyPants' educateQuotes as docutils 0.19 has them; every pattern is a
 * fixed-width look-around or a single character class, so each step is linear.
 */
import type { RstNode } from '../rst/nodes.js';
import type { Renderer } from './render.js';

/** Text blocks (docutils TextElements that are not inline). */
const BLOCKS = new Set(['paragraph', 'title', 'subtitle', 'rubric', 'term', 'line', 'caption', 'attribution', 'field_name', 'label', 'author', 'organization', 'contact', 'version', 'revision', 'status', 'date', 'copyright']);

/** Nodes whose text is not educated (docutils' literal_nodes, Sphinx's NON_SMARTQUOTABLE_PARENT_NODES
 *  and the roles Sphinx renders as literal or not_smartquotable nodes). */
const LITERAL = new Set([
  'literal', 'math', 'image', 'raw', 'problematic', 'literal_block', 'doctest_block', 'math_block', 'comment', 'option_string',
  'kbd', 'file', 'samp', 'regexp', 'command', 'program', 'makevar', 'mailheader', 'mimetype', 'newsgroup', 'envvar', 'option', 'token', 'keyword', 'download',
]);

/** Role placeholders whose text Sphinx writes in a literal (C domain and other xrefs to code). */
function isLiteralRole(n: RstNode): boolean {
  if (typeof n.attributes?.role !== 'string') return false;
  const t = n.type;
  if (LITERAL.has(t)) return true;
  if (t === 'ref' || t === 'std:ref' || t === 'doc' || t === 'std:doc' || t === 'term' || t === 'std:term' || t === 'numref' || t === 'std:numref' || t === 'abbr' || t === 'manpage' || t === 'guilabel' || t === 'menuselection' || t === 'dfn' || t === 'pep' || t === 'rfc' || t === 'index' || t === 'any') return false;
  return true;
}

const OPQUOTE = '\u201c';
const CPQUOTE = '\u201d';
const OSQUOTE = '\u2018';
const CSQUOTE = '\u2019';
const APOSTROPHE = '\u2019';

const PUNCT = '[!"#$%\'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]';
const CLOSE = String.raw`[^ \t\r\n\[{(\-]`;
const DEC_DASHES = '&#8211;|&#8212;';

const R = {
  firstSingle: new RegExp(String.raw`^'(?=${PUNCT}\B)`, 'u'),
  firstDouble: new RegExp(String.raw`^"(?=${PUNCT}\B)`, 'u'),
  doubleSingle: /"'(?=[\p{L}\p{N}_])/gu,
  singleDouble: /'"(?=[\p{L}\p{N}_])/gu,
  decade: /'(?=\d{2}s)/gu,
  openSingle: new RegExp(String.raw`(\s|&nbsp;|--|&[mn]dash;|${DEC_DASHES}|&#x201[34];)'(?=[\p{L}\p{N}_]|${PUNCT})`, 'gu'),
  closeSingle1: new RegExp(String.raw`(${CLOSE})'(?!\s|s\b|\d)`, 'gu'),
  closeSingle2: new RegExp(String.raw`(${CLOSE})'(\s|s\b)`, 'gu'),
  openDouble: new RegExp(String.raw`(\s|&nbsp;|--|&[mn]dash;|${DEC_DASHES}|&#x201[34];)"(?=[\p{L}\p{N}_]|${PUNCT})`, 'gu'),
  closeDouble1: /"(?=\s)/gu,
  closeDouble2: new RegExp(String.raw`(${CLOSE})"`, 'gu'),
};

/** SmartyPants' educateQuotes (docutils 0.19, language en). */
export function educateQuotes(text: string): string {
  if (!text.includes("'") && !text.includes('"')) return text;
  let t = text;
  t = t.replace(R.firstSingle, CSQUOTE);
  t = t.replace(R.firstDouble, CPQUOTE);
  t = t.replace(R.doubleSingle, OPQUOTE + OSQUOTE);
  t = t.replace(R.singleDouble, OSQUOTE + OPQUOTE);
  t = t.replace(R.decade, APOSTROPHE);
  t = t.replace(R.openSingle, `$1${OSQUOTE}`);
  t = t.replace(R.closeSingle1, `$1${CSQUOTE}`);
  t = t.replace(R.closeSingle2, `$1${CSQUOTE}$2`);
  t = t.replace(/'/g, OSQUOTE);
  t = t.replace(R.openDouble, `$1${OPQUOTE}`);
  t = t.replace(R.closeDouble1, CPQUOTE);
  t = t.replace(R.closeDouble2, `$1${CPQUOTE}`);
  t = t.replace(/"/g, OPQUOTE);
  return t;
}

/** educate_tokens: each plain token with the previous token's last character as context. */
export function educateTokens(tokens: readonly { literal: boolean; text: string }[]): string[] {
  let prev = ' ';
  const out: string[] = [];
  for (const tok of tokens) {
    if (!tok.text) {
      out.push(tok.text);
      continue;
    }
    if (tok.literal) {
      prev = tok.text.slice(-1);
      out.push(tok.text);
      continue;
    }
    const last = tok.text.slice(-1);
    out.push(educateQuotes(prev + tok.text).slice(1));
    prev = last;
  }
  return out;
}

const blocks = new WeakMap<RstNode, Map<RstNode, string>>();

function educateBlock(block: RstNode): Map<RstNode, string> {
  const texts: RstNode[] = [];
  const tokens: { literal: boolean; text: string }[] = [];
  const walk = (n: RstNode, literal: boolean, parent: RstNode | undefined): void => {
    if (n.type === 'text') {
      if (parent?.type === 'option_string') return;
      texts.push(n);
      tokens.push({ literal, text: n.value ?? '' });
      return;
    }
    const lit = literal || LITERAL.has(n.type) && typeof n.attributes?.role !== 'string' || isLiteralRole(n);
    for (const c of n.children ?? []) walk(c, lit, n);
  };
  for (const c of block.children ?? []) walk(c, false, block);
  const educated = educateTokens(tokens);
  const m = new Map<RstNode, string>();
  texts.forEach((t, i) => m.set(t, educated[i]!));
  return m;
}

/** The educated text of a text node being rendered (its ancestors are on `r.parents`). */
export function smartquote(r: Renderer, n: RstNode, text: string): string {
  if (!text.includes("'") && !text.includes('"')) return text;
  const q = r.parents;
  let block: RstNode | undefined;
  for (let i = 0; i < q.length - 1; i++) {
    const p = q[i]!;
    if (BLOCKS.has(p.type) && typeof p.attributes?.role !== 'string') {
      block = p;
      break;
    }
  }
  if (!block) return text;
  for (let i = q.length - 2; i >= 0 && q[i] !== block; i--) if (LITERAL.has(q[i]!.type) || isLiteralRole(q[i]!)) return text;
  let m = blocks.get(block);
  if (!m) {
    m = educateBlock(block);
    blocks.set(block, m);
  }
  return m.get(n) ?? text;
}

/** A standalone string (a caption given as an option) educated on its own. */
export function smartquoteString(text: string): string {
  return educateQuotes(' ' + text).slice(1);
}
