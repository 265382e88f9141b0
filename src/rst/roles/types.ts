/**
 * What our role functions get beyond the shared `RoleContext`: docutils hands role functions the
 * *escaped* text (escaping backslashes as NUL markers); some roles need it (code, math and raw
 * restore backslashes; Sphinx's explicit-title parser must not split at an escaped `<`).
 */
import type { Position, RstNode } from '../nodes.js';
import type { RoleContext } from '../registry.js';
import type { Level } from '../reporter.js';

export interface InlineRoleContext extends RoleContext {
  /** docutils' `text` argument: the interpreted text with NUL escape markers. */
  escaped: string;
  /** Source range of the interpreted text itself (between the backquotes). */
  textPosition: Position;
  /** Role options (from a `.. role::` customisation; {} otherwise). docutils names, `class` → `classes`. */
  options: Record<string, unknown>;
  /** Role content (custom roles; always [] for now). */
  content: string[];
  /** docutils `inliner.problematic(rawtext, rawtext, msg)`: a problematic node linked with `msg`. */
  problematic(rawtext: string, message: RstNode): RstNode;
  /** A text leaf holding `value` and covering the interpreted text's source range. */
  textNode(value: string): RstNode;
  /** A system message at the role's line (mapped as docutils' Reporter maps it) and range. */
  report(level: Level, ruleId: string, text: string): RstNode;
  /** Source range of `escaped[start:end]` (indices into the interpreted text). */
  textRange(start: number, end: number): Position;
  /** The element that will contain the nodes (docutils' inliner.parent), if known. */
  parent?: RstNode;
}
