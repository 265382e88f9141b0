/**
 * duplicate-label: a label defined twice — an explicit `.. _x:` target used elsewhere too, or (the
 * kernel enables autosectionlabel with prefix_document and maxdepth 2) two sections of a document
 * with the same title. Sphinx: `duplicate label a:duplicate, other instance in <file>`; a `:ref:`
 * to it then links to one of them arbitrarily.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import type { LabelDef } from '../../src/project/index.js';

const docname = (p: string): string => p.replace(/\.rst$/, '');
const byDocname = (a: LabelDef, b: LabelDef): number => {
  const x = docname(a.path);
  const y = docname(b.path);
  return x < y ? -1 : x > y ? 1 : 0;
};

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
      // What Sphinx 5.3 keeps in its `labels` table (std domain process_doc, autosectionlabel):
      // section titles, and explicit labels on something with a title (a section, a rubric, a
      // captioned figure/table/code-block or toctree). It warns when a definition's name is already
      // there. A label on anything else (an inline target _`x`, `.. _x:` before a paragraph) is
      // only an "anonymous label": never registered, so duplicates of it are never reported.
      const registered = (l: LabelDef): boolean => l.kind === 'section' || (l.title !== undefined && l.title !== '') || l.nodeType === 'rubric';
      for (const l of facts.labels) {
        if (l.fromInclude || !l.position) continue;
        // most labels are defined once: nothing to filter then
        const all = index.labelDefinitions(l.name);
        if (all.length < 2 || !isLabel(l)) continue;
        // a name given explicitly twice in one document becomes docutils' `dupnames` (docutils
        // reports it): Sphinx registers neither of them
        const explicitIn = new Map<string, number>();
        for (const d of all) if (d.kind === 'explicit' && isLabel(d)) explicitIn.set(d.path, (explicitIn.get(d.path) ?? 0) + 1);
        // Sphinx reads documents in docname order (stable: a document's own definitions keep theirs)
        const live = all.filter((d) => isLabel(d) && (d.kind === 'section' || (explicitIn.get(d.path) ?? 0) < 2)).sort(byDocname);
        const i = live.indexOf(l);
        if (i <= 0) continue;
        let earlier: LabelDef | undefined;
        for (let k = i - 1; k >= 0 && !earlier; k--) if (registered(live[k]!)) earlier = live[k];
        if (!earlier) continue;
        // the same definition seen twice (a document included twice) is not a duplicate
        if (earlier.path === l.path && earlier.position?.start.offset === l.position.start.offset) continue;
        const f: Finding = {
          ruleId: 'duplicate-label',
          message: `duplicate label ${l.name}, other instance in ${earlier.path}`,
          place: l.position,
        };
        if (earlier.position) f.related = [{ ...(earlier.path === path ? {} : { file: earlier.path }), place: earlier.position, message: `label ${l.name} first defined here` }];
        out.push(f);
      }
      return out;
    };
  },
};

export default rule;
