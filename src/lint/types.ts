/**
 * Shapes shared by the lint engine, the rules, the contract cross-check and (later) the LSP.
 *
 * A rule is a pure function of (document, project index, options) returning findings. It never
 * does I/O. The engine handles config, severities, inline disable comments, reporters and fixes.
 */
import type { Position } from '../rst/nodes.js';
import type { ParsedDocument } from '../rst/parse.js';
import type { ParagraphEdit } from '../rst/incremental.js';
import type { ProjectIndex } from '../project/index.js';

export type Severity = 'error' | 'warning' | 'info' | 'off';

/** An edit in the original source (the LSP TextEdit shape, with offsets kept for fast application). */
export interface TextEdit {
  range: Position;
  newText: string;
}

export interface Finding {
  ruleId: string;
  message: string;
  /** Exact range in the document's source. */
  place: Position;
  /** Filled in by the engine from config (a rule may suggest one with `severity`). */
  severity?: Severity;
  /** Safe fixes, applied by `--fix` and offered as LSP code actions. */
  fix?: TextEdit[];
  /** A suggestion that is not safe to apply automatically (did-you-mean). */
  suggestions?: { message: string; fix: TextEdit[] }[];
  /** For whole-document findings (e.g. not in any toctree): no meaningful line. */
  wholeDocument?: boolean;
  /** docutils' line number when the message mirrors a docutils/Sphinx one. */
  docutilsLine?: number;
  /** Extra text (e.g. a model counterexample trace). */
  detail?: string;
  /** Document the finding is about, when a project-scope rule reports on another document
   *  (root-relative path). Per-document findings leave it out. */
  path?: string;
  /** Other places that explain the finding (the heading whose style makes a later title
   *  inconsistent, the other definition of a label): SARIF `relatedLocations`, JSON `related`,
   *  a text `note:` line, LSP `relatedInformation`. */
  related?: RelatedLocation[];
}

export interface RelatedLocation {
  /** Root-relative path; the finding's own document when left out. */
  file?: string;
  place: Position;
  message: string;
}

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Exclude<Severity, 'off'>;
  fixable: boolean;
  /** JSON Schema of this rule's options (validated with ajv by the engine). */
  optionsSchema: object;
  /** Default option values. */
  defaultOptions?: Record<string, unknown>;
  /** 'document' rules run per file; 'project' rules see the whole index once. */
  scope?: 'document' | 'project';
  /** One construct, one finding: findings of these rules (whose message starts with `message`,
   *  when given) at the same place as a finding of this rule — overlapping or touching it — say
   *  less about the same defect. The engine keeps this rule's finding and moves the other into its
   *  `related` list. */
  supersedes?: { rule: string; message?: string }[];
  /**
   * Edits this rule cannot see (the language server's edit path, src/lint/reuse.ts). Called when
   * an edit changed the inline text of one paragraph only (the re-parse proved the rest of the tree
   * the same, moved); true claims that the rule's findings on `edit.after` are those it gave on
   * `edit.before`, moved with the text, provided none of them touches the paragraph (the engine
   * checks that, and that the rule asked the index nothing). `ctx` is the context the rule would
   * run with on `edit.after`. Checked against a fresh run by test/lint/reuse.property.test.ts.
   */
  reuse?: (edit: EditedParagraph, ctx: RuleContext) => boolean;
}

/** One edit inside one paragraph's inline text (src/rst/incremental.ts proved it so). Its `before`
 *  tree was moved to make `after`'s: read `before`'s source only (and what was computed from it). */
export type EditedParagraph = ParagraphEdit;

export interface RuleContext<O = Record<string, unknown>> {
  doc: ParsedDocument;
  index: ProjectIndex;
  options: O;
  /** Path of the document relative to the docs root (POSIX separators). */
  path: string;
  /** The config's top-level `settings` object (e.g. the kernel `profile`), shared by all rules. */
  settings?: Record<string, unknown>;
  /** The document is new or changed in the patch being checked (`--patch`/`--diff`); rules that
   *  only apply to new files (SPDX line, heading style) may look at it. Undefined outside patch mode. */
  changed?: 'added' | 'modified';
}

/** Context of a project-scope rule's `checkProject` (called once per run). */
export interface ProjectRuleContext<O = Record<string, unknown>> {
  index: ProjectIndex;
  options: O;
  settings?: Record<string, unknown>;
  /** Documents being linted (root-relative); findings about other documents are dropped. */
  paths: readonly string[];
}

export interface Rule<O = Record<string, unknown>> {
  meta: RuleMeta;
  check(ctx: RuleContext<O>): Finding[];
  /** Optional whole-project pass (scope 'project'): findings must set `path`. */
  checkProject?(ctx: ProjectRuleContext<O>): Finding[];
  /**
   * Two-phase form of `check`, for rules that ask the index about other documents. A whole-tree
   * run parses each document once and drops its tree right after: `prepare` runs while the tree is
   * at hand (other documents may not be indexed yet, so it must not ask the index about them) and
   * returns what finishes the check once every document's facts are in. The returned function must
   * not hold on to the tree. `check(ctx)` must equal `prepare(ctx)(ctx.index)`.
   *
   * Rules without `prepare` must not look at other documents (their `check` runs on the tree
   * alone, before the index is complete).
   */
  prepare?(ctx: RuleContext<O>): (index: ProjectIndex) => Finding[];
}
