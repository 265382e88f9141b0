/** ParserServices for directives and roles, bound to the state that is running them. */
import type { RstNode } from '../nodes.js';
import type { Line, Source, TextMap } from '../source.js';
import type { Reporter } from '../reporter.js';
import type { DocumentState } from '../document.js';
import type { ParserServices, ParseOptions as NestedOptions } from '../registry.js';
import type { RSTState } from './states.js';

/** ParserServices bound to a state (methods on the prototype: cheap to create). */
export class StateServices implements ParserServices {
  constructor(readonly state: RSTState) {}
  get source(): Source {
    return this.state.core.source;
  }
  get reporter(): Reporter {
    return this.state.core.reporter;
  }
  get document(): DocumentState {
    return this.state.core.doc;
  }
  get lineNumber(): number {
    return this.state.sm.absLineNumber();
  }
  nestedParse(lines: readonly Line[], parent: RstNode, options?: NestedOptions): void {
    const state = this.state;
    const core = state.core;
    // docutilsLineDelta is relative to Line.index (the caller accounts for included lines)
    const delta = options?.docutilsLineDelta;
    const offset = !lines.length
      ? state.sm.absLineOffset() + (delta ?? 0)
      : delta !== undefined
        ? lines[0]!.index + delta
        : core.absOffsetOf(lines[0]!);
    if (!options?.freshTitleStyles && !options?.sphinxOnly) {
      state.nestedParse(lines as Line[], offset, parent, options?.matchTitles ?? false);
      return;
    }
    // Sphinx's nested_parse_with_titles / Only: fresh title styles and section level
    const surroundingStyles = core.titleStyles;
    const surroundingLevel = core.sectionLevel;
    core.titleStyles = [];
    core.sectionLevel = 0;
    try {
      state.nestedParse(lines as Line[], offset, parent, true);
      if (options.sphinxOnly) hoistOnly(state, parent, surroundingStyles);
    } finally {
      core.titleStyles = surroundingStyles;
      core.sectionLevel = surroundingLevel;
    }
  }
  parseInline(text: TextMap): { nodes: RstNode[]; messages: RstNode[] } {
    const state = this.state;
    const core = state.core;
    const lineno = text.lines.length ? core.absOffsetOf(text.lines[0]!) + 1 : state.sm.absLineNumber();
    if (core.inline) return core.inline(text, this, lineno, { parent: state.parent });
    return { nodes: text.text ? [{ type: 'text', value: text.text, position: text.position(0, text.text.length) }] : [], messages: [] };
  }
  readFile(path: string): { path: string; text: string } | { error: string } {
    return this.state.core.readFile(path);
  }
}


/** Sphinx 5.3 `Only.run`: raise a body whose sections belong higher up to the section of that level. */
function hoistOnly(state: RSTState, node: RstNode, surroundingStyles: string[]): void {
  const core = state.core;
  const styles = core.titleStyles;
  const parent0 = state.parent;
  if (!surroundingStyles.length || !styles.length || !surroundingStyles.includes(styles[0]!) || !parent0) return;
  let depth = 0;
  for (let p: RstNode | undefined = parent0; p; p = core.parentOf.get(p)) depth++;
  depth -= 2;
  const nestedDepth = surroundingStyles.indexOf(styles[0]!);
  const n = depth - nestedDepth + 1;
  let target = parent0;
  for (let i = 0; i < n; i++) {
    const up = core.parentOf.get(target);
    if (up) target = up;
  }
  core.append(target, node);
  (node.data ??= {}).hoisted = true;
}

