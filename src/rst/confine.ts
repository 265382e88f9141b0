/**
 * Confinement of files read on a document's behalf (include, literalinclude, csv-table :file:) to
 * the docs root: by real path, so a symbolic link to a file or a directory cannot lead out of it.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';

const realRoots = new Map<string, string>();

/** Where `abs` really is, when that is outside the real path of `rootAbs`; undefined when it is
 *  inside, or does not exist on disk (in-memory texts are confined by their path alone). */
export function escapesRoot(rootAbs: string, abs: string): string | undefined {
  let realRoot = realRoots.get(rootAbs);
  if (realRoot === undefined) {
    try {
      realRoot = fs.realpathSync.native(rootAbs);
    } catch {
      realRoot = rootAbs;
    }
    if (realRoots.size > 64) realRoots.clear();
    realRoots.set(rootAbs, realRoot);
  }
  let real: string;
  try {
    // the C library's realpath: one call, where fs.realpathSync lstats every component of the
    // path in JavaScript (a kernel tree's include directives made that ≈ 1 % of a cold build)
    real = fs.realpathSync.native(abs);
  } catch {
    return undefined;
  }
  const rel = nodePath.relative(realRoot, real);
  return rel.startsWith('..') || nodePath.isAbsolute(rel) ? real : undefined;
}

