/**
 * Resolving document references against the whole kernel tree even when the docs root is a
 * subtree (a Sphinx SPHINXDIRS build reports false breaks for targets outside it; we must not).
 */
import type { ProjectIndex } from '../../src/project/index.js';
import { docnameJoin, normalizePath, stripSuffix } from '../../src/project/toctree.js';

export type Resolution = 'found' | 'missing' | 'unknown';

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Is the index's root a strict subtree of the kernel's Documentation/ (e.g. `Documentation/filesystems/`)? */
export function isSubtreeRoot(index: ProjectIndex): boolean {
  const p = index.kernelPrefix;
  return p !== undefined && p !== 'Documentation/' && p.startsWith('Documentation/');
}

/**
 * A document reference (`:doc:` target or toctree entry; `/x` from the Documentation root, else
 * relative to `fromPath`) → whether that document exists. When the target leaves a subtree root,
 * the kernel tree answers if known; otherwise 'unknown'.
 */
export function resolveDocRef(index: ProjectIndex, fromPath: string, target: string, stripRst = true): Resolution {
  const t = target.trim();
  if (index.resolveDoc(fromPath, t, { stripRst }) !== undefined) return 'found';
  if (!stripRst && t.endsWith('.rst')) return 'missing';
  const subtree = isSubtreeRoot(index);
  const docname = docnameJoin(stripSuffix(fromPath), stripSuffix(t));
  if (!subtree) return 'missing';
  // In a whole-tree build `/x` means Documentation/x; relative targets may climb out of the subtree.
  let kernel: string | null;
  if (t.startsWith('/')) kernel = normalizePath('Documentation/' + stripSuffix(t.slice(1)));
  else kernel = normalizePath(index.kernelPathOf(dirOf(fromPath)) + '/' + stripSuffix(t));
  if (kernel === null) return 'missing';
  const r = index.resolveKernelPath(kernel + '.rst');
  if (r.inRoot) return r.exists ? 'found' : docname !== null && index.hasDocname(docname) ? 'found' : 'missing';
  if (r.exists === true) return 'found';
  if (r.exists === false) return 'missing';
  return 'unknown';
}

/** Documents `make htmldocs` generates before Sphinx reads the tree (docname prefixes from the
 *  Documentation root): networking/netlink_spec/*.rst, from YAML (kernel-docs.md §1.4). */
export const GENERATED_DOCS = ['networking/netlink_spec/'];

/** Does a document reference point into generated documents? */
export function isGenerated(index: ProjectIndex, fromPath: string, target: string, generated: readonly string[] = GENERATED_DOCS): boolean {
  const t = stripSuffix(target.trim());
  const kernel = t.startsWith('/')
    ? normalizePath('Documentation/' + t.slice(1))
    : normalizePath(index.kernelPathOf(dirOf(fromPath)) + '/' + t);
  if (kernel === null) return false;
  const rel = kernel.replace(/^Documentation\//, '');
  return generated.some((g) => rel.startsWith(g));
}
