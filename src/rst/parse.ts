/**
 * Entry point of the rst parser: text in, docutils-shaped tree + system messages out.
 * (The block state machine lives in states/, inline markup in inline.ts, tables in tables.ts,
 * directives and roles in directives/ and roles/, docutils' transforms in transforms/.)
 *
 * The inline parser, the table parser, the default registry and the transforms are other
 * modules; they are loaded once, dynamically, so that parse() degrades gracefully (plain text,
 * no tables, no transforms) while one of them is missing or broken.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { RstDocument, RstNode } from './nodes.js';
import type { SystemMessage } from './reporter.js';
import { Reporter } from './reporter.js';
import { Registry } from './registry.js';
import { Source } from './source.js';
import { DocumentState } from './document.js';
import { Core, Machine, viewOf } from './states/machine.js';
import type { InlineParser, TableParser } from './states/machine.js';
import { createState } from './states/states.js';
import { escapesRoot } from './confine.js';

export interface ParseOptions {
  /** Path of the file, relative to the docs root when there is one (used in messages). */
  path?: string;
  /** Docs root on disk; `include` never reads outside it. Without it, includes are refused. */
  root?: string;
  /** Directive/role registry; defaults to docutils' + Sphinx's + the kernel's. */
  registry?: Registry;
  /** Override file reading (tests, the LSP's unsaved buffers, patch mode). Return null if missing. */
  readFile?: (absolutePath: string) => string | null;
  /** Run docutils' reader transforms (reference resolution etc.). Default true. */
  transforms?: boolean;
}

export interface ParsedDocument {
  path: string;
  source: Source;
  tree: RstDocument;
  /** Every system message, in the order docutils reports them. */
  messages: SystemMessage[];
  /** Files read through include-like directives (relative to root), for the project index. */
  includes: string[];
  /** docutils' document bookkeeping (ids, names, targets...) after parsing and transforms. */
  document?: DocumentState;
}

type AnyFn = (...args: never[]) => unknown;

interface Modules {
  inline?: InlineParser;
  tables?: TableParser;
  defaultRegistry?: () => Registry;
  applyTransforms?: (doc: DocumentState, tree: RstDocument, reporter: Reporter, options?: { source?: Source }) => void;
}

async function tryImport(spec: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(spec)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function fn<T>(mod: Record<string, unknown> | undefined, name: string): T | undefined {
  const f = mod?.[name];
  return typeof f === 'function' ? (f as AnyFn as T) : undefined;
}

const INLINE = './inline.js';
const TABLES = './tables.js';
const DIRECTIVES = './directives/index.js';
const TRANSFORMS = './transforms/index.js';

const modules: Modules = {};
{
  const [inline, tables, directives, transforms] = await Promise.all([
    tryImport(INLINE),
    tryImport(TABLES),
    tryImport(DIRECTIVES),
    tryImport(TRANSFORMS),
  ]);
  const pi = fn<InlineParser>(inline, 'parseInline');
  if (pi) modules.inline = pi;
  const pt = fn<TableParser>(tables, 'parseTableAt');
  if (pt) modules.tables = pt;
  const dr = fn<() => Registry>(directives, 'defaultRegistry');
  if (dr) modules.defaultRegistry = dr;
  const at = fn<Modules['applyTransforms']>(transforms, 'applyTransforms');
  if (at) modules.applyTransforms = at;
}

let cachedRegistry: Registry | undefined;

/** docutils' + Sphinx's + the kernel's directives and roles (P3's registry), or an empty one. */
export function defaultRegistry(): Registry {
  if (!cachedRegistry) {
    try {
      cachedRegistry = modules.defaultRegistry ? modules.defaultRegistry() : new Registry();
    } catch {
      cachedRegistry = new Registry();
    }
  }
  return cachedRegistry;
}

/** Which optional modules were found (for `kdocs summary` and tests). */
export function parserModules(): Record<keyof Modules, boolean> {
  return {
    inline: !!modules.inline,
    tables: !!modules.tables,
    defaultRegistry: !!modules.defaultRegistry,
    applyTransforms: !!modules.applyTransforms,
  };
}

/**
 * Reads the files include-like directives name, confined to the docs root. A class, not a closure
 * made per parse: the young-generation collector keeps what a fresh closure reaches alive until a
 * full collection (see DocumentState.parser).
 */
class IncludeReader {
  constructor(
    private readonly options: ParseOptions,
    private readonly docPath: string,
    private readonly includes: string[],
  ) {}

  read(path: string): { path: string; text: string } | { error: string } {
    const { options, docPath, includes } = this;
    const root = options.root;
    const shown = `'${path}'`;
    if (!root) return { error: `InputError: [Errno 2] No such file or directory: ${shown}` };
    const rootAbs = nodePath.resolve(root);
    const baseDir = nodePath.dirname(nodePath.resolve(rootAbs, docPath));
    const abs = nodePath.resolve(baseDir, path);
    const rel = nodePath.relative(rootAbs, abs);
    if (rel.startsWith('..') || nodePath.isAbsolute(rel)) {
      return { error: `InputError: refused to read ${shown}: outside the docs root` };
    }
    // the path is under the root as written; where it really leads (symbolic links to a file or
    // through a directory) must be under the root's real path too
    const outside = escapesRoot(rootAbs, abs);
    if (outside) return { error: `InputError: refused to read ${shown}: outside the docs root (a symbolic link leads to ${outside})` };
    try {
      let text = options.readFile ? options.readFile(abs) : fs.readFileSync(abs, 'utf8');
      if (text === null || text === undefined) return { error: `InputError: [Errno 2] No such file or directory: ${shown}` };
      const relPath = rel.split(nodePath.sep).join('/');
      text = fileInputText(text);
      if (!includes.includes(relPath)) includes.push(relPath);
      return { path: relPath, text };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code;
      if (code === 'EISDIR') return { error: `InputError: [Errno 21] Is a directory: ${shown}` };
      if (code === 'EACCES') return { error: `InputError: [Errno 13] Permission denied: ${shown}` };
      return { error: `InputError: [Errno 2] No such file or directory: ${shown}` };
    }
  }
}

/**
 * What docutils' FileInput.read() returns: a leading BOM dropped (utf-8-sig) and every Python line
 * boundary (\r\n, \r, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029) made '\n', with a final '\n'.
 */
export function fileInputText(text: string): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out = text.replace(/\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g, '\n');
  if (!out.length) return '';
  return out.endsWith('\n') ? out : out + '\n';
}

/** Parse one rst document like docutils 0.19 with Sphinx's settings. Never throws. */
export function parse(text: string, options: ParseOptions = {}): ParsedDocument {
  const path = options.path ?? '<string>';
  const source = new Source(typeof text === 'string' ? text : String(text ?? ''), path);
  const reporter = new Reporter();
  const doc = new DocumentState(reporter);
  const registry = options.registry ?? defaultRegistry();
  const end = source.pointAt(source.raw.length);
  const tree: RstDocument = {
    type: 'document',
    attributes: { source: path },
    children: [],
    position: { start: { line: 1, column: 1, offset: 0 }, end },
  };
  const core = new Core(source, reporter, doc, registry, modules.inline, modules.tables, tree, new IncludeReader(options, path, doc.includes));
  const sm = new Machine(core, createState, 'Body');
  core.topMachine = sm;
  try {
    sm.run(viewOf(source.lines.slice()), 0, tree, true);
  } catch (e) {
    reportInternal(reporter, tree, e);
  }
  if (options.transforms !== false && modules.applyTransforms) {
    reporter.phase = 'transform';
    doc.phase = 'transform';
    try {
      modules.applyTransforms(doc, tree, reporter, { source });
    } catch (e) {
      reportInternal(reporter, tree, e);
    }
    reporter.phase = 'parse';
  }
  return { path, source, tree, messages: reporter.messages, includes: doc.includes, document: doc };
}

function reportInternal(reporter: Reporter, tree: RstNode, e: unknown): void {
  const msg = reporter.severe('internal-error', `Internal error: ${String((e as Error)?.stack ?? e)}`);
  (tree.children ??= []).push(msg);
}
