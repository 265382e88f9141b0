/**
 * Which docs root `kdocs lint` works on when no `--root` is given, and where that root sits in the
 * kernel tree.
 *
 * Without `--root`, the root is found from the first path given, or the current directory:
 *  1. a `Documentation` directory the path is in (`~/linux/Documentation/filesystems/x.rst`);
 *  2. else the `Documentation/` of the nearest directory above it that has one, looking no
 *     higher than its git repository's top (a kernel tree, with or without git);
 *  3. else, inside this kdocs checkout, its embedded `docs-src/`;
 *  4. else nothing: the caller says so (never lints some other tree silently).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { detectKernelLayout } from '../project/index.js';

export interface RootChoice {
  root: string;
  /** How it was found, for the report's first line (undefined: given with --root). */
  how?: string;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The top of the git work tree `dir` is in, if any. */
export function gitTop(dir: string): string | undefined {
  try {
    const out = execFileSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out ? nodePath.resolve(out) : undefined;
  } catch {
    return undefined;
  }
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function inside(child: string, parent: string): boolean {
  const rel = nodePath.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}

/**
 * The docs root for `start` (a path given on the command line, or the current directory);
 * undefined when there is none. `packageRoot` is this kdocs checkout (docs-src's parent).
 */
export function findRoot(start: string, packageRoot: string): RootChoice | undefined {
  const abs = nodePath.resolve(start);
  const dir = isDir(abs) ? abs : nodePath.dirname(abs);
  const parts = dir.split(nodePath.sep);
  const i = parts.lastIndexOf('Documentation');
  if (i > 0) return { root: parts.slice(0, i + 1).join(nodePath.sep), how: `the Documentation/ directory ${start === '.' ? 'the current directory is' : `'${start}' is`} in` };
  const top = gitTop(dir);
  for (let d = dir; ; d = nodePath.dirname(d)) {
    const doc = nodePath.join(d, 'Documentation');
    if (isDir(doc)) return { root: doc, how: top !== undefined && real(d) === real(top) ? `the Documentation/ of the git repository ${d}` : `the Documentation/ of ${d}` };
    if (top !== undefined && real(d) === real(top)) break;
    if (nodePath.dirname(d) === d) break;
  }
  if (inside(real(dir), real(packageRoot)) && existsSync(nodePath.join(packageRoot, 'docs-src'))) {
    return { root: nodePath.join(packageRoot, 'docs-src'), how: 'the kdocs checkout\'s docs-src/' };
  }
  return undefined;
}

/**
 * The root's place in the kernel tree (`Documentation/`, `Documentation/filesystems/`): the
 * config's `settings.kernelPath` when set; else read from the root's path (a directory inside
 * `Documentation/`, or this repository's docs-src); else the root is the kernel's `Documentation/`,
 * whatever its directory is called.
 */
export function kernelPrefixOf(root: string, setting: unknown): string {
  if (typeof setting === 'string' && setting !== '') return setting.endsWith('/') ? setting : setting + '/';
  return detectKernelLayout(root).prefix ?? 'Documentation/';
}
