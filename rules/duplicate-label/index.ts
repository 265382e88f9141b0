/**
 * duplicate-label: a label defined twice — an explicit `.. _x:` target used elsewhere too, or (the
 * kernel enables autosectionlabel with prefix_document and maxdepth 2) two sections of a document
 * with the same title. Sphinx: `duplicate label a:duplicate, other instance in <file>`; a `:ref:`
 * to it then links to one of them arbitrarily.
 */
import type { Finding, Rule } from '../../src/lint/types.js';

const rule: Rule = {
  meta: {
    id: 'duplicate-label',
    description: 'Labels (explicit targets and section titles under autosectionlabel) must be unique (Sphinx: "duplicate label x, other instance in y").',
    defaultSeverity: 'warning',
    fixable: false,
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    return rule.prepare!(ctx)(ctx.index);
  },
  prepare(ctx) {
    const { path } = ctx;
    const ownRaw = ctx.doc.source.raw;
    return (index) => {
      const facts = index.getFacts(path);
      if (!facts) return [];
      const out: Finding[] = [];
      // What Sphinx registers as a label: section titles (autosectionlabel) and `.. _x:` targets.
      // Names docutils makes for hyperlink references (`text <alias_>`_, `text <url>`_) are not labels.
      // (Another document's text is its source as parsed: read, not parsed again.)
      const isLabel = (l: { kind: string; position?: { start: { offset: number } }; path: string; fromInclude?: string }): boolean => {
        if (l.kind === 'section') return true;
        const raw = l.path === path ? ownRaw : index.sourceText(l.path);
        if (raw === undefined || l.position === undefined || l.fromInclude) return false;
        return raw.startsWith('.. _', l.position.start.offset) || raw.startsWith('_`', l.position.start.offset);
      };
      for (const l of facts.labels) {
        if (l.fromInclude || !l.position) continue;
        // most labels are defined once: nothing to filter then
        const all = index.labelDefinitions(l.name);
        if (all.length < 2 || !isLabel(l)) continue;
        const defs = all.filter(isLabel);
        if (defs.length < 2) continue;
        const first = defs[0]!;
        if (first === l) continue;
        // the same definition seen twice (a document included twice) is not a duplicate
        if (first.path === l.path && first.position?.start.offset === l.position.start.offset) continue;
        const f: Finding = {
          ruleId: 'duplicate-label',
          message: `duplicate label ${l.name}, other instance in ${first.path}`,
          place: l.position,
        };
        if (first.position) f.related = [{ path: first.path, place: first.position, message: `other instance of label ${l.name}` }];
        out.push(f);
      }
      return out;
    };
  },
};

export default rule;
