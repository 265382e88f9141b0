/**
 * Directive invocation: docutils' `Body.directive`, `run_directive`, `parse_directive_block`,
 * `parse_directive_options`, `parse_directive_arguments`, `parse_extension_options` and
 * `unknown_directive`, with docutils' exact error texts.
 */
import type { DirectiveInvocation, Position, RstNode } from '../nodes.js';
import type { Line, Source } from '../source.js';
import type { DirectiveContext, DirectiveSpec } from '../registry.js';
import { OptionError } from '../registry.js';
import { isPySpace } from '../source.js';
import { pyRepr as pyStrRepr } from '../directives/options.js';
import { isBlankText, viewOf } from './machine.js';
import type { RSTState } from './states.js';
import { FIELD_MARKER_RE, nodeText } from './states.js';
import { StateServices } from './services.js';
import { joinLines, pySplitMax } from './util.js';
import { splitWhitespace } from '../document.js';

const LANGUAGE_MODULE = 'docutils.parsers.rst.languages.en';

class MarkupError {
  constructor(readonly message: string) {}
}

function lastNonBlank(lines: readonly Line[]): Line | undefined {
  for (let i = lines.length - 1; i >= 0; i--) if (!isBlankText(lines[i]!.text)) return lines[i];
  return undefined;
}

/** `Body.directive`: look the name up and run it (or report an unknown directive). */
export function runDirectiveMatch(
  state: RSTState,
  m: RegExpExecArray,
  typeName: string,
  presets?: Record<string, string>,
): [RstNode[], boolean] {
  const core = state.core;
  const spec = core.registry.directives.get(typeName.toLowerCase());
  if (!spec) {
    const cur = state.sm.cur!;
    const msg = core.msg(
      1,
      'no-directive-entry',
      `No directive entry for "${typeName}" in module "${LANGUAGE_MODULE}".\nTrying "${typeName}" as canonical directive name.`,
      { line: core.doc.currentLine, position: core.linesPos(cur) },
    );
    state.append(state.parent, msg);
    return unknownDirective(state, typeName);
  }
  return runDirective(state, spec, m, typeName, presets ?? {});
}

function unknownDirective(state: RSTState, typeName: string): [RstNode[], boolean] {
  const sm = state.sm;
  const core = state.core;
  const start = sm.cur!;
  const lineno = sm.absLineNumber();
  const { indented, blankFinish } = sm.getFirstKnownIndented(0, false, false);
  const text = joinLines(indented);
  const last = lastNonBlank(indented) ?? start;
  const nameAt = start.text.indexOf(typeName);
  const error = core.msg(3, 'unknown-directive', `Unknown directive type "${typeName}".`, {
    line: lineno,
    detail: text,
    position: nameAt >= 0
      ? core.span(start, nameAt, nameAt + typeName.length)
      : core.linesPos(start, last),
  });
  (error.data ??= {}).blockPosition = core.linesPos(start, last);
  return [[error], blankFinish];
}

interface ParsedBlock {
  arguments: string[];
  argumentPositions: Position[];
  options: Record<string, unknown>;
  rawOptions: Record<string, string | null>;
  content: Line[];
  contentOffset: number;
}

function runDirective(
  state: RSTState,
  spec: DirectiveSpec,
  m: RegExpExecArray,
  typeName: string,
  presets: Record<string, string>,
): [RstNode[], boolean] {
  const sm = state.sm;
  const core = state.core;
  const start = sm.cur!;
  const lineno = sm.absLineNumber();
  const initialLineOffset = sm.lineOffset;
  const r = sm.getFirstKnownIndented(m[0].length, false, true, false);
  const blockLines: Line[] = [];
  for (let i = initialLineOffset; i <= sm.lineOffset; i++) {
    const l = sm.lineAt(i);
    if (l) blockLines.push(l);
  }
  const blockText = joinLines(blockLines);
  const last = lastNonBlank(blockLines) ?? start;
  const position = core.linesPos(start, last);
  const nameAt = m[0].indexOf(typeName);
  const namePosition = core.span(start, nameAt, nameAt + typeName.length);
  let parsed: ParsedBlock;
  try {
    parsed = parseDirectiveBlock(state, r.indented, r.offset, spec, presets);
  } catch (e) {
    if (!(e instanceof MarkupError)) throw e;
    const error = core.msg(3, 'directive-error', `Error in "${typeName}" directive:\n${e.message}.`, {
      line: lineno,
      detail: blockText,
      position,
    });
    return [[error], r.blankFinish];
  }
  const invocation: DirectiveInvocation = {
    name: typeName,
    arguments: parsed.arguments,
    options: parsed.rawOptions,
    content: parsed.content.map((l) => l.text),
    namePosition,
    argumentPositions: parsed.argumentPositions,
  };
  const contentLast = lastNonBlank(parsed.content);
  if (parsed.content.length && contentLast) invocation.contentPosition = core.linesPos(parsed.content[0]!, contentLast);
  const ctx = new DirectiveCtx(state, typeName, parsed, lineno, blockText, position, namePosition) as DirectiveContext;
  let result: RstNode[];
  try {
    result = spec.run(ctx);
    if (!Array.isArray(result)) result = [];
  } catch (e) {
    const err = e as { level?: unknown; message?: unknown; msg?: unknown };
    if (typeof err?.level === 'number' && err.level >= 0 && err.level <= 4) {
      const text = String(err.msg ?? err.message ?? '');
      result = [core.msg(err.level as 0 | 1 | 2 | 3 | 4, 'directive-error', text, { line: lineno, detail: blockText, position })];
    } else {
      result = [
        core.msg(4, 'internal-error', `Internal error in "${typeName}" directive: ${String((e as Error)?.message ?? e)}`, {
          line: lineno,
          detail: blockText,
          position,
        }),
      ];
    }
  }
  for (const node of result) {
    const data = (node.data ??= {});
    data.directive = invocation;
    if (!node.position) node.position = position;
  }
  return [result, r.blankFinish || sm.isNextLineBlank()];
}

/** The context a directive's `run` gets (docutils' Directive instance attributes + services). */
class DirectiveCtx extends StateServices {
  declare name: string;
  declare arguments: string[];
  declare options: Record<string, unknown>;
  declare rawOptions: Record<string, string | null>;
  declare content: Line[];
  declare lineno: number;
  declare contentOffset: number;
  declare blockText: string;
  declare position: Position;
  declare namePosition: Position;
  declare argumentPositions: Position[];
  declare matchTitles: boolean;
  declare parentNode: RstNode;
  declare inSubstitutionDefinition: boolean;
  declare root: RstNode;
  constructor(
    state: RSTState,
    name: string,
    parsed: ParsedBlock,
    lineno: number,
    blockText: string,
    position: Position,
    namePosition: Position,
  ) {
    super(state);
    this.name = name;
    this.arguments = parsed.arguments;
    this.options = parsed.options;
    this.rawOptions = parsed.rawOptions;
    this.content = parsed.content;
    this.lineno = lineno;
    this.contentOffset = parsed.contentOffset;
    this.blockText = blockText;
    this.position = position;
    this.namePosition = namePosition;
    this.argumentPositions = parsed.argumentPositions;
    this.matchTitles = state.sm.matchTitles;
    this.parentNode = state.parent;
    this.inSubstitutionDefinition = state.name === 'SubstitutionDef';
    this.root = state.core.root;
  }
  private msg(level: 1 | 2 | 3 | 4, ruleId: string, message: string): RstNode {
    return this.state.core.msg(level, ruleId, message, { line: this.lineno, detail: this.blockText, position: this.position });
  }
  error(message: string): RstNode {
    return this.msg(3, 'directive-error', message);
  }
  warning(message: string): RstNode {
    return this.msg(2, 'directive-warning', message);
  }
  info(message: string): RstNode {
    return this.msg(1, 'directive-info', message);
  }
  severe(message: string): RstNode {
    return this.msg(4, 'directive-severe', message);
  }
  blockQuote(lines: readonly Line[]): RstNode[] {
    const st = this.state as unknown as { blockQuote(l: Line[], o: number): RstNode[] };
    return st.blockQuote([...lines], lines.length ? lines[0]!.index : this.state.sm.absLineOffset());
  }
  insertInput(source: Source, lines: readonly Line[], path: string): void {
    insertInput(this.state, source, lines, path);
  }
}

/** docutils `insert_input` as `include` uses it: padding, the lines, the end-of-inclusion trailer. */
function insertInput(state: RSTState, source: Source, lines: readonly Line[], path: string): void {
  const n = source.lineCount;
  const mk = (text: string, index: number): Line => ({ text, index, col: 0, src: source });
  const out: Line[] = [mk('', -1)];
  for (const l of lines) {
    const c: Line = { text: l.text, index: l.index, col: l.col, src: l.src ?? source };
    out.push(c);
  }
  out.push(mk('', n), mk(`.. end of inclusion from "${path}"`, n), mk('', n));
  state.sm.insertInput(out);
}

/** optionSpec -> has own keys (specs are never changed once registered; some are Proxies,
 *  whose key listing is slow). */
const optionSpecHasKeys = new WeakMap<object, boolean>();

function hasOptions(spec: DirectiveSpec): boolean {
  const o = spec.optionSpec;
  if (!o) return false;
  let has = optionSpecHasKeys.get(o);
  if (has === undefined) {
    has = Object.keys(o).length > 0;
    optionSpecHasKeys.set(o, has);
  }
  return has;
}

function parseDirectiveBlock(
  state: RSTState,
  indented: Line[],
  lineOffset: number,
  spec: DirectiveSpec,
  presets: Record<string, string>,
): ParsedBlock {
  const optionSpec = hasOptions(spec);
  const takesArgs = spec.requiredArguments > 0 || spec.optionalArguments > 0;
  let lines = indented;
  if (lines.length && isBlankText(lines[0]!.text)) {
    lines = lines.slice(1);
    lineOffset++;
  }
  let e = lines.length;
  while (e > 0 && isBlankText(lines[e - 1]!.text)) e--;
  if (e < lines.length) lines = lines.slice(0, e);
  let argBlock: Line[];
  let content: Line[];
  let contentOffset: number;
  let i = 0;
  if (lines.length && (takesArgs || optionSpec)) {
    for (i = 0; i < lines.length; i++) if (isBlankText(lines[i]!.text)) break;
    argBlock = lines.slice(0, i);
    content = lines.slice(i + 1);
    contentOffset = lineOffset + i + 1;
  } else {
    content = lines;
    contentOffset = lineOffset;
    argBlock = [];
  }
  let options: Record<string, unknown> = {};
  let rawOptions: Record<string, string | null> = {};
  if (optionSpec) {
    ({ options, rawOptions, argBlock } = parseDirectiveOptions(state, presets, spec, argBlock));
  }
  if (argBlock.length && !takesArgs) {
    content = [...argBlock, ...lines.slice(i)];
    contentOffset = lineOffset;
    argBlock = [];
  }
  while (content.length && isBlankText(content[0]!.text)) {
    content = content.slice(1);
    contentOffset++;
  }
  let args: string[] = [];
  let argumentPositions: Position[] = [];
  if (takesArgs) ({ args, argumentPositions } = parseDirectiveArguments(state, spec, argBlock));
  if (content.length && !spec.hasContent) throw new MarkupError('no content permitted');
  return { arguments: args, argumentPositions, options, rawOptions, content, contentOffset };
}

function parseDirectiveOptions(
  state: RSTState,
  presets: Record<string, string>,
  spec: DirectiveSpec,
  argBlock: Line[],
): { options: Record<string, unknown>; rawOptions: Record<string, string | null>; argBlock: Line[] } {
  const options: Record<string, unknown> = { ...presets };
  const rawOptions: Record<string, string | null> = { ...presets };
  let optBlock: Line[] = [];
  for (let i = 0; i < argBlock.length; i++) {
    if (FIELD_MARKER_RE.test(argBlock[i]!.text)) {
      optBlock = argBlock.slice(i);
      argBlock = argBlock.slice(0, i);
      break;
    }
  }
  if (optBlock.length) {
    const r = parseExtensionOptions(state, spec, optBlock);
    if (typeof r === 'string') throw new MarkupError(r);
    Object.assign(options, r.options);
    Object.assign(rawOptions, r.raw);
  }
  return { options, rawOptions, argBlock };
}

function parseExtensionOptions(
  state: RSTState,
  spec: DirectiveSpec,
  datalines: Line[],
): string | { options: Record<string, unknown>; raw: Record<string, string | null> } {
  const node: RstNode = { type: 'field_list', children: [] };
  const __t1 = state.nestedListParse(viewOf(datalines), 0, node, 'ExtensionOptions', true);
  const newOffset = __t1[0], blankFinish = __t1[1];
  if (newOffset !== datalines.length) return 'invalid option block';
  // utils.extract_extension_options
  const list: [string, string | null][] = [];
  for (const field of node.children ?? []) {
    const fname = field.children?.[0];
    const body = field.children?.[1];
    const nameText = fname ? nodeText(fname) : '';
    if (splitWhitespace(nameText).length !== 1) {
      return 'invalid option data: extension option field name may not contain multiple words';
    }
    const name = nameText.toLowerCase();
    const kids = body?.children ?? [];
    let data: string | null;
    if (!kids.length) data = null;
    else if (
      kids.length > 1 ||
      kids[0]!.type !== 'paragraph' ||
      (kids[0]!.children?.length ?? 0) !== 1 ||
      kids[0]!.children![0]!.type !== 'text'
    ) {
      return `invalid option data: extension option field body may contain\na single paragraph only (option "${name}")`;
    } else data = kids[0]!.children![0]!.value ?? '';
    list.push([name, data]);
  }
  const options: Record<string, unknown> = {};
  const raw: Record<string, string | null> = {};
  const optionSpec = spec.optionSpec ?? {};
  for (const [name, value] of list) {
    const conv = Object.prototype.hasOwnProperty.call(optionSpec, name) ? optionSpec[name] : undefined;
    if (!conv) return `unknown option: "${name}"`;
    if (Object.prototype.hasOwnProperty.call(options, name)) return `invalid option data: duplicate option "${name}"`;
    try {
      options[name] = conv(value);
      raw[name] = value;
    } catch (e) {
      const detail = e instanceof OptionError || e instanceof Error ? e.message : String(e);
      return `invalid option value: (option: "${name}"; value: ${pyRepr(value)})\n${detail}`;
    }
  }
  if (!blankFinish) return 'option data incompletely parsed';
  return { options, raw };
}

function parseDirectiveArguments(
  state: RSTState,
  spec: DirectiveSpec,
  argBlock: Line[],
): { args: string[]; argumentPositions: Position[] } {
  const required = spec.requiredArguments;
  const optional = spec.optionalArguments;
  const argText = joinLines(argBlock);
  let args = splitWhitespace(argText);
  // token positions
  const tokens: { line: Line; start: number; end: number }[] = [];
  for (const l of argBlock) {
    const t = l.text;
    let i = 0;
    while (i < t.length) {
      while (i < t.length && isPySpace(t.charCodeAt(i))) i++;
      if (i >= t.length) break;
      const s = i;
      while (i < t.length && !isPySpace(t.charCodeAt(i))) i++;
      tokens.push({ line: l, start: s, end: i });
    }
  }
  if (args.length < required) throw new MarkupError(`${required} argument(s) required, ${args.length} supplied`);
  if (args.length > required + optional) {
    if (spec.finalArgumentWhitespace) args = pySplitMax(argText, required + optional - 1);
    else throw new MarkupError(`maximum ${required + optional} argument(s) allowed, ${args.length} supplied`);
  }
  const positions: Position[] = [];
  for (let k = 0; k < args.length; k++) {
    const first = tokens[k];
    if (!first) break;
    const lastTok = k === args.length - 1 ? tokens[tokens.length - 1]! : first;
    const src = state.core.srcOf(first.line);
    positions.push(src.range(first.line.index, first.line.col + first.start, lastTok.line.index, lastTok.line.col + lastTok.end));
  }
  return { args, argumentPositions: positions };
}


/** Python repr() of a str or None. */
export function pyRepr(v: string | null): string {
  return v === null ? 'None' : pyStrRepr(v);
}
