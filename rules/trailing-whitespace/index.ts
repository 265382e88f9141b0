/**
 * trailing-whitespace: spaces or tabs at the end of a line (checkpatch.pl's
 * `ERROR: TRAILING_WHITESPACE`). Fix: delete them.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { edit, lineTable, span } from '../_shared/util.js';

const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;

/** Does a space or tab end some line? Lines end right before a CR or LF, or at the end. */
function hasTrailingWhitespace(raw: string): boolean {
  if (raw.length && isBlank(raw.charCodeAt(raw.length - 1))) return true;
  for (const brk of ['\n', '\r']) {
    for (let i = raw.indexOf(brk); i >= 0; i = raw.indexOf(brk, i + 1)) if (i > 0 && isBlank(raw.charCodeAt(i - 1))) return true;
  }
  return false;
}

const rule: Rule = {
  meta: {
    id: 'trailing-whitespace',
    description: 'Lines must not end with spaces or tabs (checkpatch.pl TRAILING_WHITESPACE).',
    defaultSeverity: 'error',
    fixable: true,
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const { doc } = ctx;
    const out: Finding[] = [];
    // trailing whitespace is a space or tab right before a line break or the end: most documents
    // have none, and their lines are never split
    if (!hasTrailingWhitespace(doc.source.raw)) return out;
    const lines = lineTable(doc);
    const raw = doc.source.raw;
    for (let k = 0; k < lines.count; k++) {
      const start = lines.start[k]!;
      const end = lines.end[k]!;
      let e = end;
      while (e > start) {
        const c = raw.charCodeAt(e - 1);
        if (c !== 0x20 && c !== 0x09) break;
        e--;
      }
      if (e === end) continue;
      out.push({
        ruleId: 'trailing-whitespace',
        message: 'trailing whitespace',
        place: span(doc, e, end),
        fix: [edit(doc, e, end, '')],
      });
    }
    return out;
  },
};

export default rule;
