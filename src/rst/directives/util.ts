/**
 * Helpers shared by the directive implementations: docutils' `Directive` methods (`error`,
 * `assert_has_content`, `add_name`, `set_classes`), inline parsing of arguments with exact
 * positions, and the `data.directive` invocation record.
 */
import type { DirectiveInvocation, Position, RstNode } from '../nodes.js';
import type { DirectiveContext, DirectiveSpec, OptionConverter } from '../registry.js';
import type { Level } from '../reporter.js';
import { TextMap, isPySpace, type Line, type Source } from '../source.js';
import { fullyNormalizeName } from '../document.js';

/** Thrown inside a directive's body to return docutils' `DirectiveError` message. */
export class DirectiveFailure {
  constructor(
    readonly level: Level,
    readonly message: string,
    readonly ruleId: string,
  ) {}
}

/** `raise self.error(msg)` & co.: a message at `level` with the block text as literal block. */
export function fail(level: Level, message: string, ruleId = 'directive-error'): never {
  throw new DirectiveFailure(level, message, ruleId);
}

/** The system message docutils builds for a `DirectiveError` (line = the directive's line). */
export function directiveMessage(ctx: DirectiveContext, level: Level, ruleId: string, message: string): RstNode {
  // prefer the block parser's own builders: they convert docutils' line numbers (includes)
  const builders = ctx as unknown as Record<string, ((m: string) => RstNode) | undefined>;
  const builder = level === 4 ? builders.severe : level === 3 ? builders.error : level === 2 ? builders.warning : level === 1 ? builders.info : undefined;
  if (typeof builder === 'function') {
    const node = builder.call(ctx, message);
    if (node) return node;
  }
  return ctx.reporter.system(level, ruleId, message, {
    line: ctx.lineno,
    detail: ctx.blockText,
    position: ctx.position,
  });
}

/** A message not tied to the block text (docutils' `reporter.xxx(msg, line=lineno)` without a literal block). */
export function plainMessage(ctx: DirectiveContext, level: Level, ruleId: string, message: string): RstNode {
  return ctx.reporter.system(level, ruleId, message, { line: ctx.lineno, position: ctx.position });
}

/** Wrap a directive's run so that `fail()` becomes docutils' message and nothing ever throws. */
export function guarded(run: (ctx: DirectiveContext) => RstNode[]): (ctx: DirectiveContext) => RstNode[] {
  return (ctx) => {
    try {
      return run(ctx);
    } catch (err) {
      if (err instanceof DirectiveFailure) return [directiveMessage(ctx, err.level, err.ruleId, err.message)];
      const text = err instanceof Error ? err.message : String(err);
      return [directiveMessage(ctx, 4, 'directive-internal-error', `Internal error in "${ctx.name}" directive: ${text}`)];
    }
  };
}

export function spec(
  partial: Partial<Omit<DirectiveSpec, 'run'>> & { run(ctx: DirectiveContext): RstNode[] },
): DirectiveSpec {
  return {
    requiredArguments: partial.requiredArguments ?? 0,
    optionalArguments: partial.optionalArguments ?? 0,
    finalArgumentWhitespace: partial.finalArgumentWhitespace ?? false,
    optionSpec: partial.optionSpec ?? null,
    hasContent: partial.hasContent ?? false,
    run: guarded(partial.run),
  };
}

export function assertHasContent(ctx: DirectiveContext): void {
  if (!ctx.content.length) {
    fail(3, `Content block expected for the "${ctx.name}" directive; none found.`, 'directive-content-expected');
  }
}

export function contentText(ctx: DirectiveContext): string {
  return ctx.content.map((l) => l.text).join('\n');
}

export function contentPosition(ctx: DirectiveContext): Position | undefined {
  return ctx.content.length ? sourceOf(ctx).linesRange(ctx.content) : undefined;
}

/** The Source of the directive's own text: an included file's when its lines came from one. */
export function sourceOf(ctx: DirectiveContext): Source {
  return ctx.directiveSource ?? ctx.content[0]?.src ?? ctx.source;
}

/** docutils `set_classes`: the `class` option becomes `classes`. */
export function classesOf(ctx: DirectiveContext, key = 'class'): string[] {
  const v = ctx.options[key];
  return Array.isArray(v) ? (v as string[]) : [];
}

/** docutils `Directive.add_name`. */
export function addName(ctx: DirectiveContext, node: RstNode): void {
  const name = ctx.options.name;
  if (typeof name !== 'string') return;
  const attrs = (node.attributes ??= {});
  (attrs.names ??= []).push(fullyNormalizeName(name));
  ctx.document.noteExplicitTarget(node, node);
}

/** The parse line holding a source offset, and the expanded column of that offset. */
export function lineAtOffset(source: Source, offset: number): { index: number; col: number } {
  let lo = 0;
  let hi = source.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (source.offset(mid, 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const text = source.lines[lo]?.text ?? '';
  let col = 0;
  while (col < text.length && source.offset(lo, col) < offset) col++;
  return { index: lo, col };
}

/**
 * Lines holding `text` (which may contain '\n') starting at source offset `start`: each later
 * line is looked up on the following parse lines (after their indentation), so that inline
 * markup in directive arguments gets exact positions.
 */
export function linesForText(source: Source, text: string, start: number | undefined): Line[] {
  const pieces = text.split('\n');
  if (start === undefined) return pieces.map((t) => ({ text: t, index: 0, col: 0 }));
  const first = lineAtOffset(source, start);
  const out: Line[] = [];
  pieces.forEach((t, k) => {
    if (k === 0) {
      out.push({ text: t, index: first.index, col: first.col });
      return;
    }
    const index = first.index + k;
    const full = source.lines[index]?.text ?? '';
    let col = full.indexOf(t);
    if (col < 0) {
      col = 0;
      while (col < full.length && isPySpace(full.charCodeAt(col))) col++;
    }
    out.push({ text: t, index, col });
  });
  return out;
}

/** docutils `state.inline_text(text, lineno)` for an argument (or option) whose text starts at `pos`. */
export function inlineText(
  ctx: DirectiveContext,
  text: string,
  pos: Position | undefined,
): { nodes: RstNode[]; messages: RstNode[] } {
  const src = sourceOf(ctx);
  const lines = linesForText(src, text, pos?.start.offset);
  if (src !== ctx.source) for (const l of lines) l.src = src;
  return ctx.parseInline(new TextMap(src, lines));
}

export function argumentPosition(ctx: DirectiveContext, i: number): Position | undefined {
  return ctx.argumentPositions[i];
}

/** The directive invocation record for `data.directive`. */
export function invocation(ctx: DirectiveContext): DirectiveInvocation {
  const inv: DirectiveInvocation = {
    name: ctx.name,
    arguments: [...ctx.arguments],
    options: { ...ctx.rawOptions },
    content: ctx.content.map((l) => l.text),
    namePosition: ctx.namePosition,
    argumentPositions: ctx.argumentPositions,
  };
  const cp = contentPosition(ctx);
  if (cp) inv.contentPosition = cp;
  return inv;
}

/** Mark a node as produced by this directive (position + data.directive), unless already set. */
export function stamp(ctx: DirectiveContext, node: RstNode, line?: number): RstNode {
  node.position ??= ctx.position;
  const data = (node.data ??= {});
  const own = sourceOf(ctx);
  if (own !== ctx.source) data.source ??= own.path;
  data.directive ??= invocation(ctx);
  if (line !== undefined) data.docutilsLine = line;
  return node;
}

export function setLine(node: RstNode, line: number | undefined): void {
  if (line !== undefined) (node.data ??= {}).docutilsLine = line;
}

export function el(type: string, attributes: Record<string, unknown> | undefined, children: RstNode[] = [], position?: Position): RstNode {
  const node: RstNode = { type, children };
  if (attributes && Object.keys(attributes).length) node.attributes = attributes;
  if (position) node.position = position;
  return node;
}

export function text(value: string, position?: Position): RstNode {
  return position ? { type: 'text', value, position } : { type: 'text', value };
}

/** Options with these converters are common to most docutils directives. */
export type OptionSpec = Record<string, OptionConverter>;
