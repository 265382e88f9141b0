/**
 * trailing-whitespace: spaces or tabs at the end of a line (checkpatch.pl's
 * `ERROR: TRAILING_WHITESPACE`). Fix: delete them.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { edit, sourceLines, span } from '../_shared/util.js';

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
    for (const l of sourceLines(doc)) {
      let e = l.end;
      const raw = doc.source.raw;
      while (e > l.start) {
        const c = raw.charCodeAt(e - 1);
        if (c !== 0x20 && c !== 0x09) break;
        e--;
      }
      if (e === l.end) continue;
      out.push({
        ruleId: 'trailing-whitespace',
        message: 'trailing whitespace',
        place: span(doc, e, l.end),
        fix: [edit(doc, e, l.end, '')],
      });
    }
    return out;
  },
};

export default rule;
