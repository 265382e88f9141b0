/**
 * toctree-missing: Sphinx's `check_consistency` — a document that no toctree lists warns
 * `document isn't included in any toctree`, unless it is the root `index`, is pulled into another
 * document by `.. include::` (env.included), or has `:orphan:` metadata (its own, or inherited from
 * an include that is its first element, as the translations' disclaimers do).
 */
import type { Rule } from '../../src/lint/types.js';
import { documentPlace } from '../_shared/util.js';

const rule: Rule = {
  meta: {
    id: 'toctree-missing',
    description: "Every document must be in a toctree, included, or `:orphan:` (Sphinx: \"document isn't included in any toctree\").",
    defaultSeverity: 'warning',
    fixable: false,
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    return rule.prepare!(ctx)(ctx.index);
  },
  prepare(ctx) {
    const { path, doc } = ctx;
    const place = documentPlace(doc);
    return (index) => {
      if (!index.has(path)) return [];
      const status = index.tocStatus(path);
      if (!status.warn) return [];
      return [
        {
          ruleId: 'toctree-missing',
          message: "document isn't included in any toctree",
          place,
          wholeDocument: true,
          detail:
            "List it in a toctree (usually the directory's index.rst), include it from another document, or mark it ':orphan:'.",
        },
      ];
    };
  },
};

export default rule;
