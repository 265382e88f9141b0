/**
 * heading-style: the doc-guide's heading order (Documentation/doc-guide/sphinx.rst:251-273):
 *
 *   "Please stick to this order of heading adornments:
 *    1. ``=`` with overline for document title ... 2. ``=`` for chapters ...
 *    3. ``-`` for sections ... 4. ``~`` for subsections"
 *
 * docutils accepts any order (and reports only its own inconsistencies, via the `docutils` rule:
 * "Title level inconsistent", SEVERE, which aborts a kernel build, and "Title underline too
 * short."). This rule asks for the kernel's order; variants observed in the tree can be allowed
 * with `orders` (e.g. `["=", "-", "~"]`: the title without an overline, 697 files in 6.12).
 *
 * Only 47.8% of 6.12's files follow the order exactly, so by default the rule reports only on
 * documents a patch adds (`ctx.changed === 'added'`, set by the engine in patch mode): a heading
 * added to an existing document must follow that document's own style, which docutils enforces.
 * `scope: "changed"` also checks modified documents, `scope: "all"` every document.
 * Included fragments continue their parent's hierarchy, so documents pulled in by `.. include::`
 * are not checked on their own.
 *
 * Fix: every heading of the document rewritten to the expected style, adornments exactly as wide as
 * the title (East Asian wide characters count two columns).
 */
import type { Finding, Rule, TextEdit } from '../../src/lint/types.js';
import { findHeadings, renderHeading, styleKey, type Heading } from '../_shared/headings.js';
import { edit, eolOf, opt, sourceLines } from '../_shared/util.js';

export const KERNEL_ORDER = ['=o', '=', '-', '~'];
const FALLBACK = ['^', '"', "'", '`', '+', '*', '#', ':', '.', '_'];
const LEVEL_NAMES = ['document title', 'chapter', 'section', 'subsection'];

function shown(style: string, n: number): string {
  const c = style[0]!.repeat(n);
  return style.length === 2 ? `'${c}' above and below` : `'${c}' below it`;
}

/** The reviewers' words: "Kernel style is '=====' above and below the title instead of '####'". */
export function headingMessage(depth: number, expected: string, got: string): string {
  if (depth === 1 && expected === '=o') {
    const g = got.length === 2 ? `'${got[0]!.repeat(4)}'` : shown(got, 4);
    return `Kernel style is '=====' above and below the title instead of ${g}`;
  }
  const what = depth === 1 ? 'the document title' : `a ${LEVEL_NAMES[depth - 1] ?? `level-${depth}`} heading`;
  return `Kernel style for ${what} is ${shown(expected, 5)} instead of ${shown(got, 4)}`;
}

export interface HeadingStyleOptions {
  orders?: string[][];
  scope?: 'added' | 'changed' | 'all';
}

/** The styles the document uses, by depth (index 0 = depth 1). */
function styleList(headings: Heading[]): string[] {
  const s: string[] = [];
  for (const h of headings) if (s[h.depth - 1] === undefined) s[h.depth - 1] = styleKey(h);
  return s;
}

function conforms(styles: string[], order: string[]): boolean {
  for (let i = 0; i < styles.length && i < order.length; i++) if (styles[i] !== undefined && styles[i] !== order[i]) return false;
  return true;
}

/** Target style for every depth, avoiding clashes beyond the order's length. */
function targetStyles(styles: string[], order: string[]): string[] {
  const t: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < styles.length; i++) {
    let s = i < order.length ? order[i]! : styles[i]!;
    if (i >= order.length && s !== undefined && used.has(s)) s = FALLBACK.find((c) => !used.has(c)) ?? s;
    t[i] = s;
    if (s !== undefined) used.add(s);
  }
  return t;
}

export function headingEdits(
  doc: Parameters<Rule['check']>[0]['doc'],
  h: Heading,
  style: string,
): TextEdit[] {
  const lines = sourceLines(doc);
  const eol = eolOf(doc);
  const first = lines[h.overIndex ?? h.textIndex]!;
  const last = lines[h.underIndex]!;
  const newText = renderHeading(h.text, style[0]!, style.length === 2, eol);
  const old = doc.source.raw.slice(first.start, last.end);
  if (old === newText) return [];
  return [edit(doc, first.start, last.end, newText)];
}

const rule: Rule<HeadingStyleOptions> = {
  meta: {
    id: 'heading-style',
    description: "Headings follow the doc-guide order: '=' over and under for the title, then '=', '-', '~'.",
    defaultSeverity: 'warning',
    fixable: true,
    optionsSchema: {
      type: 'object',
      properties: {
        orders: {
          type: 'array',
          description: "Accepted orders of styles by depth; a style is a character, with 'o' appended for an overline ('=o').",
          items: { type: 'array', items: { type: 'string', pattern: '^[!-/:-@\\[-`{-~]o?$' }, minItems: 1 },
          minItems: 1,
        },
        scope: {
          enum: ['added', 'changed', 'all'],
          description: 'Documents checked: added by the patch (default), added or modified, or all.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { orders: [KERNEL_ORDER], scope: 'added' },
  },
  check(ctx) {
    return rule.prepare!(ctx)(ctx.index);
  },
  prepare(ctx) {
    const { path } = ctx;
    const out = headingFindings(ctx);
    // documents pulled into another by `include` are left alone (known once every document is in)
    return (index) => (out.length === 0 || (index.has(path) && index.isIncluded(path)) ? [] : out);
  },
};

function headingFindings(ctx: Parameters<Rule<HeadingStyleOptions>["check"]>[0]): Finding[] {
    const { doc } = ctx;
    const o = ctx.options as Record<string, unknown>;
    const changed = (ctx as { changed?: string }).changed;
    const scope = opt<string>(o, 'scope', 'added');
    if (scope === 'added' && changed !== 'added') return [];
    if (scope === 'changed' && changed === undefined) return [];
    const headings = findHeadings(doc);
    if (!headings.length) return [];
    const styles = styleList(headings);
    const orders = opt(o, 'orders', [KERNEL_ORDER]);
    if (orders.some((ord) => conforms(styles, ord))) return [];
    const order = orders[0] ?? KERNEL_ORDER;
    const target = targetStyles(styles, order);
    const out: Finding[] = [];
    for (const h of headings) {
      const want = target[h.depth - 1];
      const got = styleKey(h);
      if (!want || want === got) continue;
      const lines = sourceLines(doc);
      const first = lines[h.overIndex ?? h.textIndex]!;
      const last = lines[h.underIndex]!;
      const f: Finding = {
        ruleId: 'heading-style',
        message: headingMessage(h.depth, want, got),
        place: { start: doc.source.pointAt(first.start), end: doc.source.pointAt(last.end) },
      };
      const fix = headingEdits(doc, h, want);
      if (fix.length) f.fix = fix;
      out.push(f);
    }
    return out;
}

export default rule;
