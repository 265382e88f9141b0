/**
 * Site navigation from the project index's toctree graph: the global toctree (as Sphinx builds
 * it from the root document), the reading order for previous/next, each document's parent chain
 * for breadcrumbs, and the sidebar collapsed to the current page.
 *
 * Sphinx assigns a document to the first toctree that reaches it in a depth-first walk from the
 * root document (its `toctree` "parent"); later mentions of the same document are listed again in
 * their toctree but do not move it. Hidden toctrees count for the order (Sphinx's
 * `includehidden=True` for the sidebar, as the kernel's template uses).
 */
import type { ProjectIndex } from '../../project/index.js';
import { esc, relUrl } from './util.js';

export interface NavEntry {
  /** Document path (`ext4/index.rst`), or undefined for an external entry. */
  path?: string;
  /** External URL entries (`https://...`). */
  href?: string;
  title: string;
  /** Entries of this document's toctrees (only filled for the first place the document is reached). */
  groups: NavGroup[];
}

export interface NavGroup {
  caption?: string;
  entries: NavEntry[];
}

export interface Nav {
  rootPath: string;
  /** The root document's toctrees. */
  groups: NavGroup[];
  /** Documents in reading order (depth-first from the root). */
  order: string[];
  /** Document → the document whose toctree first reached it. */
  parent: Map<string, string>;
  /** Document → its entry (first place reached). */
  entries: Map<string, NavEntry>;
  titles: Map<string, string>;
}

/** The document's title as the index knows it (its first section), else its docname. */
export function docTitle(index: ProjectIndex, path: string): string {
  const f = index.getFacts(path);
  const s = f?.sections.find((x) => x.depth === 1 && !x.fromInclude) ?? f?.sections.find((x) => !x.fromInclude) ?? f?.sections[0];
  return s?.title ?? path.replace(/\.rst$/, '');
}

export function buildNav(index: ProjectIndex, rootPath = 'index.rst', titleOf: (path: string) => string = (p) => docTitle(index, p)): Nav {
  const titles = new Map<string, string>();
  const title = (p: string): string => {
    let t = titles.get(p);
    if (t === undefined) {
      t = titleOf(p);
      titles.set(p, t);
    }
    return t;
  };
  const order: string[] = [];
  const parent = new Map<string, string>();
  const entries = new Map<string, NavEntry>();
  const seen = new Set<string>();
  const groupsOf = (path: string): NavGroup[] => {
    const groups: NavGroup[] = [];
    for (const tt of index.toctrees(path)) {
      if (tt.path !== path) continue;
      const g: NavGroup = { entries: [] };
      const caption = tt.options['caption'];
      if (caption) g.caption = caption;
      for (const e of tt.entries) {
        if (e.kind === 'url') {
          g.entries.push({ href: e.target, title: e.title ?? e.target, groups: [] });
          continue;
        }
        for (const target of index.entryTargets(tt, e)) {
          if (target === path) continue;
          g.entries.push({ path: target, title: (e.kind === 'doc' && e.title) || title(target), groups: [] });
        }
      }
      if (g.entries.length) groups.push(g);
    }
    return groups;
  };
  // iterative depth-first walk (the kernel tree nests deeply; no recursion limits)
  const rootEntry: NavEntry = { path: rootPath, title: index.has(rootPath) ? title(rootPath) : rootPath, groups: [] };
  const stack: NavEntry[] = [];
  if (index.has(rootPath)) {
    seen.add(rootPath);
    stack.push(rootEntry);
  }
  while (stack.length) {
    const e = stack.pop()!;
    const p = e.path!;
    order.push(p);
    entries.set(p, e);
    e.groups = groupsOf(p);
    const next: NavEntry[] = [];
    for (const g of e.groups) {
      for (const child of g.entries) {
        if (!child.path || seen.has(child.path)) continue;
        seen.add(child.path);
        parent.set(child.path, p);
        next.push(child);
      }
    }
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  return { rootPath, groups: rootEntry.groups, order, parent, entries, titles };
}

/** Ancestors of a document from the root down (the document itself not included). */
export function ancestors(nav: Nav, path: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>([path]);
  let p = nav.parent.get(path);
  while (p !== undefined && !seen.has(p)) {
    out.unshift(p);
    seen.add(p);
    p = nav.parent.get(p);
  }
  return out;
}

export function prevNext(nav: Nav, orderIndex: Map<string, number>, path: string): { prev?: string; next?: string } {
  const i = orderIndex.get(path);
  if (i === undefined) return {};
  const out: { prev?: string; next?: string } = {};
  if (i > 0) out.prev = nav.order[i - 1]!;
  if (i + 1 < nav.order.length) out.next = nav.order[i + 1]!;
  return out;
}

/**
 * The documents whose page shows `path` in its navigation (sidebar, breadcrumbs, previous/next):
 * its parent, its toctree children, its siblings and its neighbours in reading order. An edit of
 * `path` that changes its title or toctree re-renders these pages.
 */
export function navDependents(nav: Nav, orderIndex: Map<string, number>, path: string): Set<string> {
  const out = new Set<string>();
  const par = nav.parent.get(path);
  if (par) {
    out.add(par);
    for (const g of nav.entries.get(par)?.groups ?? []) for (const e of g.entries) if (e.path) out.add(e.path);
  }
  const me = nav.entries.get(path);
  for (const g of me?.groups ?? []) for (const e of g.entries) if (e.path) out.add(e.path);
  const pn = prevNext(nav, orderIndex, path);
  if (pn.prev) out.add(pn.prev);
  if (pn.next) out.add(pn.next);
  // a top-level entry is in every page's sidebar
  if (par === nav.rootPath || path === nav.rootPath) for (const p of nav.order) out.add(p);
  out.delete(path);
  return out;
}

/**
 * The sidebar's global toctree as nested lists, collapsed to the current page: the root's entries,
 * and below them only the entries of the current page's ancestors and of the page itself, at most
 * `maxDepth` levels (the ancestor chain of a deeper page is always shown).
 */
export function sidebarHtml(nav: Nav, current: string, urlOf: (path: string) => string, fromUrl: string, maxDepth = 3): string {
  const chain = new Set([...ancestors(nav, current), current]);
  const render = (groups: NavGroup[], depth: number): string => {
    let out = '';
    for (const g of groups) {
      if (g.caption && depth === 1) out += `<p class="caption" role="heading" aria-level="2"><span class="caption-text">${esc(g.caption)}</span></p>`;
      out += `<ul${depth === 1 ? '' : ''}>`;
      for (const e of g.entries) {
        const isCurrent = e.path === current;
        const onChain = e.path !== undefined && chain.has(e.path);
        const cls = `toctree-l${depth}${isCurrent ? ' current' : onChain ? ' current-ancestor' : ''}`;
        const href = e.path ? relUrl(fromUrl, urlOf(e.path)) : e.href!;
        out += `<li class="${cls}"><a class="reference${e.path ? ' internal' : ' external'}" href="${esc(href)}"${isCurrent ? ' aria-current="page"' : ''}>${esc(e.title)}</a>`;
        // children of the first place a document is reached, when it is on the current chain
        const first = e.path !== undefined && nav.entries.get(e.path) === e;
        if (first && onChain && e.groups.length && (depth < maxDepth || chain.has(e.path!))) out += render(e.groups, depth + 1);
        out += '</li>';
      }
      out += '</ul>';
    }
    return out;
  };
  return render(nav.groups, 1);
}
