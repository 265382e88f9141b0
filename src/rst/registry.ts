/**
 * Directive and role registries (docutils' `directives._directives` / `roles._roles`).
 *
 * A directive is declared like a docutils Directive class: argument counts, option spec, whether
 * it has content, and a `run` that returns nodes. The block parser (states) parses the invocation
 * (`.. name:: args` + options + content) exactly as docutils' `parse_directive_block` does,
 * reports docutils' errors for bad invocations, and calls `run` with a context.
 */
import type { Position, RstNode } from './nodes.js';
import type { Line, Source, TextMap } from './source.js';
import type { Reporter } from './reporter.js';
import type { DocumentState } from './document.js';

/** docutils option converters: return the converted value or throw `OptionError` with docutils' text. */
export type OptionConverter = (value: string | null) => unknown;

export class OptionError extends Error {}

export interface DirectiveSpec {
  requiredArguments: number;
  optionalArguments: number;
  finalArgumentWhitespace: boolean;
  /** null: the directive takes no options (docutils: option_spec = None). */
  optionSpec: Record<string, OptionConverter> | null;
  hasContent: boolean;
  run(ctx: DirectiveContext): RstNode[];
}

export interface ParseOptions {
  /** allow section titles inside (docutils `match_titles`; true for `only`/`ifconfig` bodies). */
  matchTitles?: boolean;
  /** Sphinx's `nested_parse_with_titles`: title styles and section level start afresh inside the
   *  body and are restored afterwards (ifconfig, c:* object descriptions). Implies matchTitles. */
  freshTitleStyles?: boolean;
  /**
   * Sphinx 5.3's `Only` directive body: titles allowed with fresh styles; afterwards, if the
   * body's first title style is one of the surrounding styles (and there is a parent), the block
   * parser moves `parent` (the `only` node) up to the section of that level itself and sets
   * `parent.data.hoisted = true`; the directive then returns no nodes.
   */
  sphinxOnly?: boolean;
  /** docutils' message line numbers inside this nested parse are `Line.index + 1 + docutilsLineDelta`
   *  (default 0). Table cells need it: docutils parses them with an `input_offset` one too large. */
  docutilsLineDelta?: number;
}

/** What the block parser offers a directive or role while it runs. */
export interface ParserServices {
  readonly source: Source;
  readonly reporter: Reporter;
  readonly document: DocumentState;
  /** Parse `lines` as body elements and append the results to `parent.children`
   *  (docutils `state.nested_parse(content, offset, node)`). */
  nestedParse(lines: readonly Line[], parent: RstNode, options?: ParseOptions): void;
  /** Parse text as inline markup (docutils `state.inline_text`): nodes plus messages to insert after. */
  parseInline(text: TextMap): { nodes: RstNode[]; messages: RstNode[] };
  /** Read a file relative to the current document for `include` & co. On failure `error` is
   *  docutils' `io.error_string(err)` text, e.g. `InputError: [Errno 2] No such file or directory: 'x.rst'`
   *  (the directive wraps it: `Problems with "include" directive path:\n<error>.`). `path` is the
   *  docs-root-relative path of the file read. */
  readFile(path: string): { path: string; text: string } | { error: string };
  /** docutils' line number currently being parsed (1-based), for messages. */
  readonly lineNumber: number;
}

export interface DirectiveContext extends ParserServices {
  name: string;
  arguments: string[];
  /** Converted option values. */
  options: Record<string, unknown>;
  /** Raw option strings as written. */
  rawOptions: Record<string, string | null>;
  content: Line[];
  /** docutils `lineno`: the line of `.. name::`. */
  lineno: number;
  /** docutils `content_offset`: 0-based parse-line index of the first content line. */
  contentOffset: number;
  /** The whole directive block's text (docutils `block_text`). */
  blockText: string;
  /** Source range of the whole directive. */
  position: Position;
  namePosition: Position;
  argumentPositions: Position[];
  /** Build docutils' "Error in "name" directive:" style messages. */
  error(message: string): RstNode;
  warning(message: string): RstNode;
  info(message: string): RstNode;

  // --- Optional context some directives need (docutils reaches into its state machine for these).
  // --- The directives work without them, degrading as noted.
  /** docutils `state_machine.match_titles` (topic, sidebar, contents refuse to run without it). Default true. */
  readonly matchTitles?: boolean;
  /** docutils `state_machine.node`: the node the results go into (sidebar-in-sidebar check; the
   *  substitution_definition for `unicode`'s trim options). */
  readonly parentNode?: RstNode;
  /** True when the directive is a substitution definition's body (replace, unicode, date need it). */
  readonly inSubstitutionDefinition?: boolean;
  /** The Source holding the directive's own lines when they were spliced in by `include`
   *  (relative includes inside included files resolve against it; positions use it). */
  readonly directiveSource?: Source;
  /** The document root node (title, meta, header, footer write into it). */
  readonly root?: RstNode;
  /** docutils `state.block_quote(content, offset)` (epigraph, highlights, pull-quote: attributions).
   *  Without it, the content is nested-parsed into a plain block_quote. */
  blockQuote?(lines: readonly Line[]): RstNode[];
  /**
   * docutils `state_machine.insert_input(lines, path)` (include): splice `lines` — parse lines of
   * `source`, the included file, already clipped by start-line/end-line/start-after/end-before —
   * into the input right after the directive, followed by docutils' trailer lines
   * `''` and `'.. end of inclusion from "<path>"'` (the block parser adds those). `path` is the
   * docs-root-relative path (messages from the included text carry it as `source`).
   * Without it, include parses nothing and reports nothing.
   */
  insertInput?(source: Source, lines: readonly Line[], path: string): void;
}

export interface RoleContext extends ParserServices {
  /** Role name as written (e.g. `c:func`, or '' for the default role). */
  name: string;
  /** The interpreted text, backslash-escapes already processed (docutils `text`). */
  text: string;
  /** The raw source of the whole role (docutils `rawtext`). */
  rawtext: string;
  /** Source range of the whole interpreted text including the role. */
  position: Position;
  /** docutils lineno */
  lineno: number;
}

export interface RoleSpec {
  /** Returns nodes and system messages, like a docutils role function. */
  run(ctx: RoleContext): { nodes: RstNode[]; messages: RstNode[] };
}

export class Registry {
  readonly directives = new Map<string, DirectiveSpec>();
  readonly roles = new Map<string, RoleSpec>();

  directive(name: string, spec: DirectiveSpec): this {
    this.directives.set(name.toLowerCase(), spec);
    return this;
  }

  role(name: string, spec: RoleSpec): this {
    this.roles.set(name.toLowerCase(), spec);
    return this;
  }
}
