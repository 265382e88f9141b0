/**
 * markdown-bold: Markdown `__bold text__` in rst. reStructuredText reads `text__` as an anonymous
 * hyperlink reference, so Sphinx prints `Anonymous hyperlink mismatch: 1 references but 0 targets.`
 * (without a line number) and the text renders as a broken link. `__word__` without a space is
 * plain text in rst and usually a C identifier (`__init__`, `__attribute__`): not reported.
 *
 * Fix: `**bold text**`, when the rst inline-markup rules allow `**` at those places.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { blockOffset, inCode, mdNodes, parseMarkdown, proseBlocks, rstEndOk, rstStartOk } from '../_shared/markdown.js';
import { edit, span } from '../_shared/util.js';

const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);

/** Cheap pre-filter: an opening `__` (not after a word character, not before a space) and a later
 *  closing `__` (not after a space, not before a word character) with a space between. Linear.
 *  Same answer on a paragraph's source as on its block text (they differ only in whitespace
 *  at line starts and in line breaks). */
export function hasSpacedDoubleUnderscore(text: string): boolean {
  let open = -1;
  for (let i = text.indexOf('__'); i >= 0; i = text.indexOf('__', i + 1)) {
    let j = i;
    while (text[j] === '_') j++; // the whole run of underscores
    const before = text[i - 1];
    const after = text[j];
    if (open >= 0 && !isSpace(before) && !isWord(after)) {
      if (/\s/.test(text.slice(open, i))) return true;
      open = -1;
    }
    if (!isWord(before) && !isSpace(after) && after !== '_') open = j;
    i = j - 1;
  }
  return false;
}

const rule: Rule = {
  meta: {
    id: 'markdown-bold',
    description: "Markdown `__bold text__` is an anonymous hyperlink reference in rst (\"Anonymous hyperlink mismatch\"); use `**bold text**`.",
    defaultSeverity: 'error',
    fixable: true,
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const { doc } = ctx;
    const raw = doc.source.raw;
    const out: Finding[] = [];
    for (const b of proseBlocks(doc, ['__'], hasSpacedDoubleUnderscore)) {
      if (!b.text.includes('__') || !hasSpacedDoubleUnderscore(b.text)) continue;
      const md = parseMarkdown(b.text);
      for (const s of mdNodes(md, 'strong')) {
        const p = s.position;
        if (!p) continue;
        const start = blockOffset(b, p.start.line, p.start.column);
        const end = blockOffset(b, p.end.line, p.end.column);
        if (raw.slice(start, start + 2) !== '__' || raw.slice(end - 2, end) !== '__') continue;
        // `` `text <url>`__ ``: the underscores close rst references
        if (raw[start - 1] === '`' || raw[end - 3] === '`') continue;
        const inner = raw.slice(start + 2, end - 2);
        if (!/\s/.test(inner)) continue; // `__word__` is plain text in rst
        if (inCode(b, start, end)) continue;
        const shown = inner.replace(/\s+/g, ' ');
        const f: Finding = {
          ruleId: 'markdown-bold',
          message: `Markdown bold '__${shown}__' is an anonymous hyperlink reference in reStructuredText (Anonymous hyperlink mismatch): use '**${shown}**'`,
          place: span(doc, start, end),
        };
        const fix = [edit(doc, start, start + 2, '**'), edit(doc, end - 2, end, '**')];
        if (rstStartOk(start > 0 ? raw[start - 1] : undefined) && rstEndOk(raw[end]) && !inner.includes('*')) f.fix = fix;
        else f.suggestions = [{ message: `Use '**${shown}**'`, fix }];
        out.push(f);
      }
    }
    return out;
  },
};

export default rule;
