/**
 * unresolved-reference: references that will not resolve in a whole-tree `make htmldocs`:
 * - `:ref:` labels (explicit targets and autosectionlabel `doc:Title`) — Sphinx: `undefined label: 'x'`;
 * - `:doc:` documents — Sphinx: `unknown document: 'x'`;
 * - `Documentation/....rst|txt` paths in prose, which the kernel's automarkup turns into links (a
 *   path that names no document stays plain text, silently);
 * - `literalinclude` / `include` / `kernel-include` targets that do not exist;
 * - `kernel-doc` source paths, when the index knows the kernel tree.
 *
 * Labels and paths outside a subtree root are checked against the kernel tree when one is known and
 * are otherwise not reported (Sphinx's SPHINXDIRS builds report them falsely).
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import type { Position, RstNode } from '../../src/rst/nodes.js';
import type { ProjectIndex } from '../../src/project/index.js';
import { isGenerated, isSubtreeRoot, resolveDocRef } from '../_shared/resolve.js';
import { docFacts } from '../_shared/facts.js';
import { documentPlace, opt, span } from '../_shared/util.js';

// the scanner of automarkup's path pattern is the project index's (it collects the same
// references as facts)
export { findAutoPaths, type AutoPath } from '../../src/project/refs.js';
import { autoPathsScanned, findAutoPaths, type AutoPath } from '../../src/project/refs.js';

/** The `Documentation/` form only (kept for callers that want just those). */
export function findDocPaths(text: string): { start: number; end: number; path: string }[] {
  return findAutoPaths(text).filter((p) => p.absolute);
}

/** Labels defined in documents `make htmldocs` generates: tools/net/ynl/ynl-gen-rst.py writes
 *  `.. _specs:` at the top of networking/netlink_spec/index.rst. */
export const GENERATED_LABELS = ['specs'];

/** Labels Sphinx's std domain defines itself. */
const SPHINX_LABELS = new Set(['genindex', 'modindex', 'search', 'py-modindex']);

function roleTarget(n: RstNode): string {
  const a = n.attributes ?? {};
  const t = typeof a.target === 'string' ? a.target : typeof a.text === 'string' ? a.text : '';
  return t;
}

function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

/** Documents whose file name matches (for did-you-mean on broken paths). */
function sameName(index: ProjectIndex, file: string): string[] {
  const b = basename(file).replace(/\.(rst|txt)$/, '.rst');
  const out: string[] = [];
  for (const d of index.documents()) if (basename(d) === b) out.push(index.kernelPathOf(d));
  return out.slice(0, 5);
}

const rule: Rule = {
  meta: {
    id: 'unresolved-reference',
    description: ':ref: labels, :doc: documents, Documentation/ paths, include and kernel-doc targets must exist.',
    defaultSeverity: 'warning',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        labels: { type: 'boolean' },
        docs: { type: 'boolean' },
        paths: { type: 'boolean', description: 'Documentation/... paths in prose (automarkup).' },
        txtPaths: { type: 'boolean', description: 'Also report .txt paths that name neither a document nor a file.' },
        includes: { type: 'boolean' },
        kernelDoc: { type: 'boolean', description: 'kernel-doc source paths (needs the kernel tree).' },
        generatedLabels: { type: 'array', items: { type: 'string' }, description: 'Labels defined in generated documents (lower case).' },
      },
      additionalProperties: false,
    },
    defaultOptions: { labels: true, docs: true, paths: true, txtPaths: true, includes: true, kernelDoc: true, generatedLabels: GENERATED_LABELS },
  },
  check(ctx) {
    return rule.prepare!(ctx)(ctx.index);
  },
  // The tree is read here (roles, kernel-doc directives, automarkup paths in prose, what docutils
  // reported); the index is asked once every document is in (the returned function).
  prepare(ctx) {
    const { doc, path } = ctx;
    const o = ctx.options;
    const raw = doc.source.raw;
    const docPlace = documentPlace(doc);
    const facts = docFacts(doc);

    const roles: { kind: 'ref' | 'doc'; target: string; place: Position }[] = [];
    const labelsOn = opt(o, 'labels', true);
    const docsOn = opt(o, 'docs', true);
    for (const n of facts.roles) {
      if (!n.position || facts.inDocinfo.has(n)) continue;
      const r = String(n.attributes!.role).toLowerCase();
      if ((r === 'ref' || r === 'std:ref') && labelsOn) roles.push({ kind: 'ref', target: roleTarget(n), place: n.position });
      else if ((r === 'doc' || r === 'std:doc') && docsOn) roles.push({ kind: 'doc', target: roleTarget(n), place: n.position });
    }
    const kernelDocs: { arg: string; place: Position }[] = [];
    if (opt(o, 'kernelDoc', true)) {
      for (const n of facts.directives) {
        if (n.data!.directive!.name.toLowerCase() !== 'kernel-doc') continue;
        const arg = n.data!.directive!.arguments[0];
        if (!arg) continue;
        kernelDocs.push({ arg, place: n.data!.directive!.argumentPositions?.[0] ?? n.position ?? docPlace });
      }
    }
    const paths: { m: AutoPath; place: Position; glued: number; gluedPlace?: Position }[] = [];
    if (opt(o, 'paths', true)) {
      for (const t of facts.texts) {
        const n = t.node;
        if (!t.inParagraph || t.inMarkup || !n.value || !n.position) continue;
        const v = n.value;
        if (!v.includes('.rst') && !v.includes('.txt')) continue;
        const rawText = raw.slice(n.position.start.offset, n.position.end.offset);
        let cursor = 0;
        // (the project index scanned this paragraph text for its references already)
        for (const m of autoPathsScanned.get(n) ?? findAutoPaths(v)) {
          const at = rawText.indexOf(m.path, cursor);
          if (at < 0) continue;
          cursor = at + m.path.length;
          const start = n.position.start.offset + at;
          const place = span(doc, start, start + m.path.length);
          let glued = -1;
          if (!m.absolute && m.path.endsWith('.rst') && m.before !== '.' && m.before !== '/') {
            for (let k = m.path.length - 1; k >= 0; k--) if (m.path.charCodeAt(k) > 0x7f) { glued = k + 1; break; }
          }
          const item: (typeof paths)[number] = { m, place, glued };
          if (glued > 0) item.gluedPlace = span(doc, start + glued, start + glued);
          paths.push(item);
        }
      }
    }
    // `Documentation/...` paths automarkup does not link but a reader follows: in inline literals
    // (``Documentation/x.rst``) and `<file:Documentation/...>` links (a standalone URI)
    const quoted: { path: string; place: Position; how: 'literal' | 'file' }[] = [];
    if (opt(o, 'paths', true)) {
      for (const t of facts.texts) {
        const n = t.node;
        if (!t.inMarkup || !n.value || !n.position || !n.value.includes('Documentation/')) continue;
        const parent = t.parent;
        if (parent.type === 'literal') {
          const rawText = raw.slice(n.position.start.offset, n.position.end.offset);
          let cursor = 0;
          for (const m of findAutoPaths(n.value)) {
            if (!m.absolute) continue;
            const at = rawText.indexOf(m.path, cursor);
            if (at < 0) continue;
            cursor = at + m.path.length;
            const start = n.position.start.offset + at;
            quoted.push({ path: m.path, place: span(doc, start, start + m.path.length), how: 'literal' });
          }
        } else if (parent.type === 'reference') {
          const uri = parent.attributes?.refuri;
          if (typeof uri !== 'string' || !uri.startsWith('file:Documentation/') || n.value !== uri) continue;
          const at = raw.indexOf(uri, n.position.start.offset);
          if (at < 0 || at > n.position.end.offset) continue;
          quoted.push({ path: uri.slice('file:'.length).replace(/\/+$/, ''), place: span(doc, at + 5, at + uri.length), how: 'file' });
        }
      }
    }
    const includesOn = opt(o, 'includes', true);
    // what docutils reported at level 3 or more (a missing `include` is already SEVERE)
    const reportedAt: [number, number][] = [];
    if (includesOn) for (const m of doc.messages) if (m.position && m.level >= 3) reportedAt.push([m.position.start.offset, m.position.end.offset]);

    return (index) => {
      const out: Finding[] = [];
      const subtree = isSubtreeRoot(index);
      for (const { kind, target, place } of roles) {
        if (kind === 'ref') {
          const generatedLabels = opt(o, 'generatedLabels', GENERATED_LABELS);
          if (target && !SPHINX_LABELS.has(target.toLowerCase()) && !generatedLabels.includes(target.toLowerCase()) && !index.resolveLabel(target) && !subtree) {
            out.push({
              ruleId: 'unresolved-reference',
              message: `undefined label: '${target.toLowerCase().split(/\s+/).filter(Boolean).join(' ')}'`,
              place,
            });
          }
        } else {
          if (target && resolveDocRef(index, path, target, false) === 'missing' && !isGenerated(index, path, target)) {
            out.push({ ruleId: 'unresolved-reference', message: `unknown document: '${target}'`, place });
          }
        }
      }
      for (const { arg, place } of kernelDocs) {
        if (index.kernelFileExists(arg) === false) {
          out.push({ ruleId: 'unresolved-reference', message: `kernel-doc source file '${arg}' does not exist`, place });
        }
      }
      for (const { m, place, glued, gluedPlace } of paths) {
        const isRst = m.path.endsWith('.rst');
        if (m.absolute) {
          if (index.resolveKernelPath(m.path.slice(0, -4) + '.rst').exists !== false) continue;
          if (!isRst) {
            if (!opt(o, 'txtPaths', true)) continue;
            if (index.resolveKernelPath(m.path).exists !== false) continue; // a plain text file: no link, but not broken
          }
          const f: Finding = { ruleId: 'unresolved-reference', message: `'${m.path}' names no document: automarkup will not link it`, place };
          const alts = sameName(index, m.path).filter((p) => p !== m.path);
          if (alts.length) f.suggestions = alts.map((p) => ({ message: `Did you mean '${p}'?`, fix: [{ range: place, newText: p }] }));
          out.push(f);
          continue;
        }
        // relative paths: only `.rst` (a `.txt` name is as often a plain file as a document)
        if (!isRst || m.before === '.' || m.before === '/') continue;
        if (resolveDocRef(index, path, m.path.slice(0, -4), true) !== 'missing') continue;
        if (isGenerated(index, path, m.path)) continue;
        // glued to a word in another script (`参见Documentation/x.rst`, `请阅读quick-start.rst`):
        // automarkup's \b is Unicode-aware, so it reads the whole run as one relative name
        if (glued > 0) {
          const real = m.path.slice(glued);
          const ok = real.startsWith('Documentation/')
            ? index.resolveKernelPath(real).exists === true
            : resolveDocRef(index, path, real.slice(0, -4), true) === 'found';
          if (!ok) continue;
          out.push({
            ruleId: 'unresolved-reference',
            message: `'${real}' is glued to the text before it: automarkup reads '${m.path}' and will not link it`,
            place,
            suggestions: [{ message: 'Insert a space before the path', fix: [{ range: gluedPlace!, newText: ' ' }] }],
          });
          continue;
        }
        const abs = 'Documentation/' + m.path;
        const f: Finding = {
          ruleId: 'unresolved-reference',
          message: `'${m.path}' names no document relative to this one: automarkup will not link it`,
          place,
        };
        if (!m.path.startsWith('../') && index.resolveKernelPath(abs).exists === true) {
          f.suggestions = [{ message: `Did you mean '${abs}'?`, fix: [{ range: place, newText: abs }] }];
        } else {
          const alts = sameName(index, m.path);
          if (alts.length) f.suggestions = alts.map((p) => ({ message: `Did you mean '${p}'?`, fix: [{ range: place, newText: p }] }));
        }
        // in a subtree, a relative path may point outside it: only report what we can decide
        if (subtree && m.path.startsWith('../')) continue;
        out.push(f);
      }

      for (const q of quoted) {
        if (index.resolveKernelPath(q.path).exists !== false) continue;
        const f: Finding = {
          ruleId: 'unresolved-reference',
          message: q.how === 'file' ? `file: link to '${q.path}', which does not exist` : `'${q.path}' in this literal does not exist`,
          place: q.place,
        };
        const alts = q.path.endsWith('.rst') || q.path.endsWith('.txt') ? sameName(index, q.path).filter((p) => p !== q.path) : [];
        if (alts.length) f.suggestions = alts.map((p) => ({ message: `Did you mean '${p}'?`, fix: [{ range: q.place, newText: p }] }));
        out.push(f);
      }

      if (includesOn) {
        const facts = index.getFacts(path);
        for (const inc of facts?.includes ?? []) {
          if (inc.fromInclude || inc.path === null || !inc.inRoot) continue;
          if (index.fileExists(inc.path)) continue;
          const place = inc.position ?? docPlace;
          // docutils already reports a missing `include` (SEVERE "Problems with "include" directive path")
          const at = place.start.offset;
          if (reportedAt.some(([s, e]) => s <= at && e >= at)) continue;
          const message =
            inc.kind === 'literalinclude'
              ? `Include file '${inc.target}' not found or reading it failed`
              : `${inc.kind} target '${inc.target}' does not exist`;
          out.push({ ruleId: 'unresolved-reference', message, place });
        }
      }
      return out;
    };
  },
};

export default rule;
