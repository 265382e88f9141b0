/**
 * relative-link: a hyperlink with a relative URL (`` `quota <quota>`__ ``,
 * `` `bpf.h <../../include/uapi/linux/bpf.h>`_ ``) that names nothing under the docs root, and a
 * `:download:` role whose file does not exist.
 *
 * Sphinx copies a relative URL into the HTML as it is. On the built site (docs.kernel.org) it
 * resolves against the page's directory: `x.html` must be the page of a document `x.rst`, any
 * other path a file Sphinx copies (none outside the root), so a path that names no document or
 * file, or that climbs out of the root, is a broken link there.
 */
import * as posix from 'node:path/posix';
import type { Finding, Rule } from '../../src/lint/types.js';
import { fullyNormalizeName } from '../../src/rst/document.js';
import { toText, type Position, type RstNode } from '../../src/rst/nodes.js';
import { docFacts } from '../_shared/facts.js';
import { documentPlace, fromInclude, opt } from '../_shared/util.js';

/** A URI scheme (`https:`, `mailto:`, `file:`): an absolute URL, never relative. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Written into the output by the build, not in the source: `make htmldocs` with CONFIG_RUST
 *  copies rustdoc's output to rust/rustdoc/ (rust/index.rst links it under `.. only:: rustdoc`). */
export const GENERATED = ['rust/rustdoc/'];

/** A relative URL: no scheme, not `#fragment`-only, not `/`-absolute. */
function isRelative(url: unknown): url is string {
  return typeof url === 'string' && url !== '' && !SCHEME.test(url) && !url.startsWith('#') && !url.startsWith('/');
}

/** A reference docutils made from a standalone URI or e-mail address in the text (it has no
 *  `name` and its text is the URL): never relative, but skipped by what it is, not by its form. */
function isStandalone(n: RstNode, refuri: string): boolean {
  if (n.attributes?.name !== undefined) return false;
  const text = toText(n);
  return refuri === text || refuri === 'mailto:' + text;
}

/** The path part of a URL, percent-decoded: without `#fragment` and `?query`. */
function pathPart(url: string): string {
  const cut = url.search(/[?#]/);
  const p = cut < 0 ? url : url.slice(0, cut);
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** The root-relative path `target` names from the document `path`, or null when it climbs out of
 *  the root. */
function resolveFrom(path: string, target: string): string | null {
  const joined = posix.normalize(posix.join(posix.dirname(path), target));
  if (joined === '..' || joined.startsWith('../')) return null;
  return joined;
}

const rule: Rule = {
  meta: {
    id: 'relative-link',
    description: 'Relative hyperlinks and :download: files must name a document or file under the docs root (Sphinx leaves relative URLs as they are).',
    defaultSeverity: 'warning',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        download: { type: 'boolean', description: 'Also report `:download:` roles whose file does not exist.' },
        generated: {
          type: 'array',
          items: { type: 'string' },
          description: 'Paths (from the Documentation root) that the build writes into the output, assumed to exist.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { download: true, generated: GENERATED },
  },
  check(ctx) {
    return rule.prepare!(ctx)(ctx.index);
  },
  prepare(ctx) {
    const { path, doc } = ctx;
    const docPlace = documentPlace(doc);
    const facts = docFacts(doc);
    const download = opt(ctx.options, 'download', true);
    const generated = opt(ctx.options, 'generated', GENERATED);
    // the links and roles come from the tree alone: collected before the index is asked anything
    const links: { node: RstNode; place: Position; url: string; target: string }[] = [];
    // a reference whose URL comes from a `.. _name: url` (or `.. __: url`) target is reported once,
    // at that target: the one place to fix however often it is used. Embedded `<url>` targets
    // lie inside their reference and are reported at the reference.
    const refs = facts.byType.get('reference') ?? [];
    const within = (t: RstNode, r: RstNode): boolean =>
      !!t.position && !!r.position && t.position.start.offset >= r.position.start.offset && t.position.end.offset <= r.position.end.offset;
    // each relative target, and the reference it is embedded in (none for a `.. _name: url` one)
    const targets = (facts.byType.get('target') ?? [])
      .filter((t) => isRelative(t.attributes?.refuri))
      .map((t) => ({ t, host: refs.find((r) => within(t, r)) }));
    // references that hold their own (embedded) relative target
    const hosts = new Set(targets.map((x) => x.host));
    const seen = new Set<RstNode>();
    for (const n of refs) {
      const url = n.attributes?.refuri;
      if (typeof url !== 'string' || fromInclude(n) || !isRelative(url) || isStandalone(n, url)) continue;
      const target = pathPart(url);
      if (target === '') continue;
      let at: RstNode = n;
      if (!hosts.has(n)) {
        const name = typeof n.attributes?.name === 'string' ? fullyNormalizeName(n.attributes.name) : undefined;
        const same = targets.filter((x) => x.t.attributes?.refuri === url);
        const named = same.find((x) => name !== undefined && Array.isArray(x.t.attributes?.names) && (x.t.attributes.names as string[]).includes(name));
        const from = named ?? same.find((x) => !x.host);
        if (from) at = from.host ?? from.t;
      }
      if (seen.has(at)) continue;
      seen.add(at);
      links.push({ node: at, place: at.position ?? n.position ?? docPlace, url, target });
    }
    const downloads: { node: RstNode; target: string }[] = [];
    if (download) {
      for (const n of facts.roles) {
        if (n.type !== 'download' || fromInclude(n) || facts.inDocinfo.has(n)) continue;
        // `:download:`file`` has no title: the text is the target
        const target = n.attributes?.target ?? n.attributes?.text;
        if (typeof target === 'string' && target !== '' && !SCHEME.test(target)) downloads.push({ node: n, target });
      }
    }
    return (index) => {
      const out: Finding[] = [];
      for (const { place, url, target } of links) {
        const resolved = resolveFrom(path, target);
        if (resolved === null) {
          out.push({ ruleId: 'relative-link', message: `relative link '${url}' leaves the docs root`, place });
          continue;
        }
        if (generated.some((g) => resolved === g.replace(/\/$/, '') || resolved.startsWith(g.endsWith('/') ? g : g + '/'))) continue;
        let exists: boolean;
        if (target.endsWith('/')) exists = index.has(posix.join(resolved, 'index.rst'));
        else if (resolved.endsWith('.html')) exists = index.has(resolved.slice(0, -'.html'.length) + '.rst');
        else exists = index.fileExists(resolved);
        if (!exists) out.push({ ruleId: 'relative-link', message: `relative link '${url}' names no document or file under the docs root`, place });
      }
      for (const { node, target } of downloads) {
        const place = node.position ?? docPlace;
        // Sphinx: a `/`-absolute download path is relative to the source directory
        const resolved = target.startsWith('/') ? posix.normalize(target.slice(1)) : resolveFrom(path, target);
        if (resolved === null || resolved === '..' || resolved.startsWith('../')) {
          out.push({ ruleId: 'relative-link', message: `download file '${target}' leaves the docs root`, place });
        } else if (!index.fileExists(resolved)) {
          out.push({ ruleId: 'relative-link', message: `download file '${target}' does not exist`, place });
        }
      }
      return out;
    };
  },
};

export default rule;
