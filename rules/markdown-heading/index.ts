/**
 * markdown-heading: a Markdown ATX heading (`## How To Use`) in rst prose is just a paragraph
 * starting with `#` characters — Sphinx prints nothing. `##`..`######` lines are reported whenever
 * remark-parse reads them as headings; a single `#` only when the line is a paragraph of its own
 * that reads like a title (shell prompts such as `# echo 1 > /proc/...`, comments and `#define`
 * are left alone).
 *
 * Fix (when the line is a paragraph of its own): an rst title at the Markdown level, using the
 * adornment the document already uses at that depth, or the kernel's (`=`, `-`, `~` ...).
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { findHeadings, renderHeading, styleKey, type Heading } from '../_shared/headings.js';
import { blockOffset, mdNodes, parseMarkdown, proseBlocks } from '../_shared/markdown.js';
import { eolOf, sourceLines, span } from '../_shared/util.js';
import { KERNEL_ORDER } from '../heading-style/index.js';

const ATX = /^(#{1,6})[ \t]+(\S.*)$/;
/** A line of the paragraph's source that may be an ATX heading (its indentation kept). */
const MAYBE_ATX_LINE = /(?:^|[\n\r])[ \t]*#{1,6}[ \t]/;
const MAYBE_ATX = (source: string): boolean => MAYBE_ATX_LINE.test(source);

function titleLike(text: string): boolean {
  const t = text.trim();
  if (!/^[A-Z]/.test(t)) return false;
  if (/[/>|=$;:`*\\]/.test(t)) return false;
  if (/[.,]$/.test(t)) return false;
  return t.split(/\s+/).length <= 10;
}

const rule: Rule = {
  meta: {
    id: 'markdown-heading',
    description: 'Markdown `#` headings are plain paragraphs in reStructuredText; underline the title.',
    defaultSeverity: 'warning',
    fixable: true,
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const { doc } = ctx;
    const out: Finding[] = [];
    let styles: string[] | undefined;
    let headings: Heading[] | undefined;
    for (const b of proseBlocks(doc, ['#'], MAYBE_ATX)) {
      if (!b.text.includes('#')) continue;
      const lines = b.text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const m = ATX.exec(lines[i]!);
        if (!m) continue;
        const level = m[1]!.length;
        const alone = lines.length === 1;
        if (level === 1 && !(alone && titleLike(m[2]!))) continue;
        const md = parseMarkdown(lines[i]!);
        const h = mdNodes(md, 'heading')[0];
        if (!h) continue;
        const title = m[2]!.replace(/[ \t]+#+[ \t]*$/, '').trim();
        const start = blockOffset(b, i + 1, 1);
        const end = start + lines[i]!.length;
        const f: Finding = {
          ruleId: 'markdown-heading',
          message: `Markdown heading '${m[1]} ${title}' is a plain paragraph in reStructuredText: underline the title instead`,
          place: span(doc, start, end),
        };
        // a title is only allowed directly in a section or the document
        const placeOk = b.info.parentType === 'section' || b.info.parentType === 'document';
        if (alone && title && placeOk) {
          if (!styles) {
            styles = [];
            headings = findHeadings(doc);
            for (const x of headings) if (styles[x.depth - 1] === undefined) styles[x.depth - 1] = styleKey(x);
          }
          const current = b.info.sectionDepth;
          const depth = Math.max(1, Math.min(level, current + 1));
          let style = styles[depth - 1];
          // A heading already at that depth is the anchor of the style: its adornment goes into the
          // fix unchanged, so that a heading-style fix of the same heading cannot be applied in the
          // same pass (the groups overlap); the next pass then sees the document's final style.
          const anchor = style ? headings!.find((x) => x.depth === depth) : undefined;
          if (!style) {
            const k = KERNEL_ORDER[depth - 1];
            if (k && !styles.includes(k)) style = k;
          }
          if (style) {
            const edits = [{ range: span(doc, start, end), newText: renderHeading(title, style[0]!, style.length === 2, eolOf(doc)) }];
            if (anchor) {
              const ls = sourceLines(doc);
              const a = ls[anchor.overIndex ?? anchor.textIndex]!;
              const z = ls[anchor.underIndex]!;
              edits.push({ range: span(doc, a.start, z.end), newText: doc.source.raw.slice(a.start, z.end) });
            }
            if (depth === level) f.fix = edits;
            else f.suggestions = [{ message: `Make '${title}' a level-${depth} title`, fix: edits }];
          }
        }
        out.push(f);
      }
    }
    return out;
  },
};

export default rule;
