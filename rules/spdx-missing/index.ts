/**
 * spdx-missing: the first line of a (new) .rst file must be `.. SPDX-License-Identifier: <expr>`
 * (process/license-rules.rst:63-67, checkpatch.pl SPDX_LICENSE_TAG). By default only new files are
 * checked, as checkpatch does: the engine says which documents a patch adds (`ctx.changed === 'added'`).
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { edit, eolOf, opt, sourceLines, span } from '../_shared/util.js';

const TAG = /^\.\. SPDX-License-Identifier: *\S/;

const rule: Rule = {
  meta: {
    id: 'spdx-missing',
    description: 'The first line of a new .rst file must be `.. SPDX-License-Identifier: <licence>`.',
    defaultSeverity: 'warning',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        onlyNewFiles: { type: 'boolean', description: 'Check only documents the patch adds (as checkpatch.pl).' },
        license: { type: 'string', description: 'Licence offered in the suggestion.' },
      },
      additionalProperties: false,
    },
    defaultOptions: { onlyNewFiles: true, license: 'GPL-2.0' },
  },
  check(ctx) {
    const { doc } = ctx;
    const onlyNew = opt(ctx.options, 'onlyNewFiles', true);
    const isNew = (ctx as { changed?: string }).changed === 'added';
    if (onlyNew && !isNew) return [];
    const lines = sourceLines(doc);
    const first = lines[0];
    if (!first) return [];
    // a BOM is not part of the text
    const firstText = first.text.charCodeAt(0) === 0xfeff ? first.text.slice(1) : first.text;
    if (TAG.test(firstText)) return [];
    const license = opt(ctx.options, 'license', 'GPL-2.0');
    const eol = eolOf(doc);
    const bom = first.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const out: Finding[] = [];
    const elsewhere = lines.findIndex((l, i) => i > 0 && i < 20 && TAG.test(l.text));
    if (elsewhere > 0) {
      const l = lines[elsewhere]!;
      out.push({
        ruleId: 'spdx-missing',
        message: 'SPDX-License-Identifier should be on the first line',
        place: span(doc, l.start, l.end),
        suggestions: [
          {
            message: 'Move the SPDX line to line 1',
            fix: [edit(doc, l.start, l.eolEnd, ''), edit(doc, bom, bom, l.text + eol + eol)],
          },
        ],
      });
      return out;
    }
    out.push({
      ruleId: 'spdx-missing',
      message: 'Missing or malformed SPDX-License-Identifier tag in line 1',
      place: span(doc, first.start, first.end),
      suggestions: [
        {
          message: `Add '.. SPDX-License-Identifier: ${license}'`,
          fix: [edit(doc, bom, bom, `.. SPDX-License-Identifier: ${license}${eol}${eol}`)],
        },
      ],
    });
    return out;
  },
};

export default rule;
