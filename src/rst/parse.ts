/**
 * Entry point of the rst parser: text in, docutils-shaped tree + system messages out.
 * (The block state machine lives in states/, inline markup in inline.ts, tables in tables.ts,
 * directives and roles in directives/ and roles/, docutils' transforms in transforms/.)
 */
import type { RstDocument } from './nodes.js';
import type { SystemMessage } from './reporter.js';
import type { Registry } from './registry.js';
import type { Source } from './source.js';

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
}

export function parse(_text: string, _options: ParseOptions = {}): ParsedDocument {
  throw new Error('parse(): not implemented yet');
}
