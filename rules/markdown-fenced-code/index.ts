/**
 * markdown-fenced-code: a Markdown fence (```` ```c ```` ... ```` ``` ````) in rst prose becomes a
 * paragraph of odd inline literals — Sphinx prints nothing. A fence is reported when its opening
 * line is prose (not inside a literal block, comment or code directive), a closing fence follows,
 * and remark-parse reads the lines as fenced code. `` ````literal```` `` on one line is valid rst
 * and is not a fence.
 *
 * Fix: `.. code-block:: <lang>` when the info string is a Pygments name, otherwise a `::`
 * literal block, with the content indented and blank lines around it.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { mdNodes, parseMarkdown, proseBlocks } from '../_shared/markdown.js';
import { edit, eolOf, sourceLines } from '../_shared/util.js';
import { isKnownLexer } from '../code-block-lexer/index.js';

const OPEN = /^([ \t]*)(`{3,}|~{3,})[ \t]*([^`\s]*)[ \t]*$/;
const CLOSE = /^([ \t]*)(`{3,}|~{3,})[ \t]*$/;

const rule: Rule = {
  meta: {
    id: 'markdown-fenced-code',
    description: 'Markdown ``` fences are not code blocks in reStructuredText; use `.. code-block::` or `::`.',
    defaultSeverity: 'warning',
    fixable: true,
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const { doc } = ctx;
    const prose = new Set<number>();
    for (const b of proseBlocks(doc, ['```', '~~~'])) if (b.text.includes('```') || b.text.includes('~~~')) for (const i of b.lineIndices) prose.add(i);
    if (!prose.size) return [];
    const lines = sourceLines(doc);
    const out: Finding[] = [];
    const eol = eolOf(doc);
    const starts = [...prose].sort((a, b) => a - b);
    let after = -1;
    for (const i of starts) {
      if (i <= after) continue;
      const m = OPEN.exec(lines[i]!.text);
      if (!m) continue;
      const indent = m[1]!;
      const fence = m[2]!;
      let k = i + 1;
      for (; k < lines.length; k++) {
        const c = CLOSE.exec(lines[k]!.text);
        if (c && c[2]![0] === fence[0] && c[2]!.length >= fence.length) break;
      }
      if (k >= lines.length) continue;
      const block = lines.slice(i, k + 1).map((l) => (l.text.startsWith(indent) ? l.text.slice(indent.length) : l.text.trimStart()));
      const md = parseMarkdown(block.join('\n'));
      const code = mdNodes(md, 'code')[0];
      if (!code || md.children[0] !== code) continue;
      after = k;
      const lang = m[3]!;
      const f: Finding = {
        ruleId: 'markdown-fenced-code',
        message: `Markdown fenced code block is not a code block in reStructuredText: use ${lang ? `'.. code-block:: ${lang}'` : "'::'"} and indent the code`,
        place: { start: doc.source.pointAt(lines[i]!.start), end: doc.source.pointAt(lines[k]!.end) },
      };
      const body = block.slice(1, -1).map((l) => (l.trim() ? `${indent}    ${l}` : ''));
      const head = lang && isKnownLexer(lang) ? `${indent}.. code-block:: ${lang}` : `${indent}::`;
      let text = [head, '', ...body].join(eol);
      if (i > 0 && lines[i - 1]!.text.trim() !== '') text = eol + text;
      if (k + 1 < lines.length && lines[k + 1]!.text.trim() !== '') text += eol;
      if (body.some((l) => l)) f.fix = [edit(doc, lines[i]!.start, lines[k]!.end, text)];
      out.push(f);
    }
    return out;
  },
};

export default rule;
