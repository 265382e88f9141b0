/**
 * markdown-link: a Markdown link `[text](url)` in rst prose renders literally, brackets and all.
 * Reported when remark-parse reads it as a link (not inside an inline literal or a role).
 *
 * Fix, for absolute URLs: `` `text <url>`__ `` — an anonymous reference with an embedded URI, which
 * needs no target and, unlike `` `text <url>`_ ``, defines no name that a second link with the
 * same text would duplicate ("Duplicate explicit target name"). Relative targets get a suggestion
 * only (a kernel document is better named by its `Documentation/...` path).
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { blockOffset, inCode, mdNodes, parseMarkdownPieces, pieceToText, proseBlocks, rstEndOk, rstStartOk } from '../_shared/markdown.js';
import { edit, span } from '../_shared/util.js';

/** What a Markdown link target looks like: a URL, an absolute or relative path, a fragment, a file. */
const LINKISH = /^(?:[a-z][a-z0-9+.-]*:|\/|\.{1,2}\/|#)|\.(?:rst|html?|txt|md)(?:#|$)/i;

const rule: Rule = {
  meta: {
    id: 'markdown-link',
    description: 'Markdown `[text](url)` links render literally in reStructuredText; use `` `text <url>`__ ``.',
    defaultSeverity: 'warning',
    fixable: true,
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const { doc } = ctx;
    const raw = doc.source.raw;
    const out: Finding[] = [];
    for (const b of proseBlocks(doc, [']('])) {
      if (!b.text.includes('](')) continue;
      // (a paragraph of pathological length is parsed in pieces: remark is quadratic in it)
      for (const piece of parseMarkdownPieces(b.text))
      for (const l of mdNodes(piece.root, 'link')) {
        const p = l.position;
        if (!p) continue;
        const a = pieceToText(piece, p.start.line, p.start.column);
        const z = pieceToText(piece, p.end.line, p.end.column);
        const start = blockOffset(b, a.line, a.column);
        const end = blockOffset(b, z.line, z.column);
        const src = raw.slice(start, end);
        if (src[0] !== '[') continue; // autolinks and bare URLs
        if (inCode(b, start, end)) continue;
        const cut = src.lastIndexOf('](');
        if (cut <= 1) continue;
        const text = src.slice(1, cut).replace(/\s+/g, ' ').trim();
        const url = l.url;
        // `[s]()`, `[@<offset>](part-name)`: syntax descriptions, not links
        if (!text || !LINKISH.test(url)) continue;
        const repl = `\`${text} <${url}>\`__`;
        const f: Finding = {
          ruleId: 'markdown-link',
          message: `Markdown link '[${text}](${url})' renders literally in reStructuredText: use '${repl}'`,
          place: span(doc, start, end),
        };
        const fix = [edit(doc, start, end, repl)];
        const safe =
          /^[a-z][a-z0-9+.-]*:/i.test(url) &&
          !l.title &&
          !/[`<>\\]/.test(text) &&
          !/[\s<>`]/.test(url) &&
          rstStartOk(start > 0 ? raw[start - 1] : undefined) &&
          rstEndOk(raw[end]);
        if (safe) f.fix = fix;
        else f.suggestions = [{ message: `Use '${repl}'`, fix }];
        out.push(f);
      }
    }
    return out;
  },
};

export default rule;
