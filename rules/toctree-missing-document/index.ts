/**
 * toctree-missing-document: a toctree entry names a document that does not exist
 * (Sphinx: `toctree contains reference to nonexisting document 'x'`), or a `:glob:` pattern
 * matches nothing (`toctree glob pattern 'x' didn't match any documents`).
 *
 * Entries that leave a subtree root are checked against the kernel tree when one is known, and
 * are otherwise left alone (a SPHINXDIRS build would report them falsely).
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { GENERATED_DOCS, isGenerated, resolveDocRef } from '../_shared/resolve.js';
import { documentPlace, opt } from '../_shared/util.js';

/** networking/netlink_spec/*.rst are generated from YAML by `make htmldocs` (kernel-docs.md §1.4). */
export const GENERATED = GENERATED_DOCS;

const rule: Rule = {
  meta: {
    id: 'toctree-missing-document',
    description: "Toctree entries must name existing documents (Sphinx: \"toctree contains reference to nonexisting document 'x'\").",
    defaultSeverity: 'warning',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        generated: {
          type: 'array',
          items: { type: 'string' },
          description: 'Docname prefixes (from the Documentation root) that `make htmldocs` generates before reading, assumed to exist.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { generated: GENERATED },
  },
  check(ctx) {
    return rule.prepare!(ctx)(ctx.index);
  },
  prepare(ctx) {
    const { path, doc } = ctx;
    const docPlace = documentPlace(doc);
    const generated = opt(ctx.options, 'generated', GENERATED);
    return (index) => {
      const out: Finding[] = [];
      for (const t of index.toctrees(path)) {
        if (t.fromInclude) continue;
        for (const e of t.entries) {
          const place = e.position ?? t.position ?? docPlace;
          if (e.kind === 'doc') {
            const r = resolveDocRef(index, path, e.target);
            if (r !== 'missing') continue;
            if (isGenerated(index, path, e.target, generated)) continue;
            const shown = e.docname ?? e.target;
            const f: Finding = {
              ruleId: 'toctree-missing-document',
              message: `toctree contains reference to nonexisting document '${shown}'`,
              place,
            };
            if (t.position) f.related = [{ place: t.position, message: 'the toctree that names it' }];
            out.push(f);
          } else if (e.kind === 'glob') {
            if (index.globMatches(path, e).length) continue;
            const f: Finding = {
              ruleId: 'toctree-missing-document',
              message: `toctree glob pattern '${e.docname ?? e.target}' didn't match any documents`,
              place,
            };
            if (t.position) f.related = [{ place: t.position, message: 'the toctree that names it' }];
            out.push(f);
          }
        }
      }
      return out;
    };
  },
};

export default rule;
