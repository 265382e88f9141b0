/**
 * Findings of a rule kept across an edit instead of running the rule again (the language server's
 * edit path: a keystroke in a paragraph). The re-parse (src/rst/incremental.ts) proved that the
 * edit changed one paragraph's inline content and moved everything after it; a rule that declares
 * `meta.reuse` says when such an edit cannot change its findings. The engine then takes the
 * findings the rule gave on the previous text, with their positions moved, when
 *
 * - the rule's previous run was on exactly the previous tree, with the same config and patch status,
 * - that run asked the index nothing (its findings depend on this document alone),
 * - none of those findings (place, fixes, suggestions, related places) touches the paragraph,
 * - no finding names another document, and the rule's `reuse` check says yes.
 *
 * Moved positions are made by the new text's Source (`pointAt`), as a rule makes them.
 */
import type { ParsedDocument } from '../rst/parse.js';
import type { Point, Position } from '../rst/nodes.js';
import type { ResolvedConfig } from './config.js';
import type { EditedParagraph, Finding, RelatedLocation, Rule, RuleContext, TextEdit } from './types.js';

/** What a document's last lint left for its next one. */
export interface PreviousLint {
  /** The tree the findings are of. */
  doc: ParsedDocument;
  /** Findings per rule id, as the rules returned them. */
  found: Readonly<Record<string, readonly Finding[]>>;
  /** Rules that asked the index something in that run. */
  usedIndex: ReadonlySet<string>;
  config: ResolvedConfig;
  changed: 'added' | 'modified' | undefined;
  /** The edit that made the current tree from `doc` (src/rst/incremental.ts). */
  edit: EditedParagraph;
}

/** The rule's findings moved onto `edit.after`, or undefined when they must be computed. */
export function reusedFindings(rule: Rule, prev: PreviousLint, ctx: RuleContext, config: ResolvedConfig): Finding[] | undefined {
  const check = rule.meta.reuse;
  const id = rule.meta.id;
  const found = prev.found[id];
  const edit = prev.edit;
  if (!check || !found || prev.usedIndex.has(id) || prev.config !== config || prev.changed !== ctx.changed) return undefined;
  if (edit.before !== prev.doc || edit.after !== ctx.doc) return undefined;
  // (inclusive: a place ending where the paragraph starts may grow with it)
  const touches = (p: Position): boolean => p.start.offset <= edit.beforeEnd && p.end.offset >= edit.start;
  for (const f of found) {
    if (f.path !== undefined && f.path !== ctx.path) return undefined;
    if (touches(f.place)) return undefined;
    if (f.fix?.some((e) => touches(e.range))) return undefined;
    if (f.suggestions?.some((s) => s.fix.some((e) => touches(e.range)))) return undefined;
    if (f.related?.some((r) => (r.file === undefined || r.file === ctx.path) && touches(r.place))) return undefined;
  }
  let ok: boolean;
  try {
    ok = check(edit, ctx);
  } catch {
    ok = false;
  }
  if (!ok) return undefined;
  if (!found.length) return [];
  const mover = new Mover(edit);
  return found.map((f) => mover.finding(f, ctx.path));
}

class Mover {
  private readonly source;
  constructor(private readonly edit: EditedParagraph) {
    this.source = edit.after.source;
  }

  point(p: Point): Point {
    return p.offset < this.edit.editEnd ? p : this.source.pointAt(p.offset + this.edit.delta);
  }

  position(p: Position): Position {
    if (p.end.offset < this.edit.editEnd) return p;
    return { start: this.point(p.start), end: this.point(p.end) };
  }

  edits(list: TextEdit[]): TextEdit[] {
    return list.map((e) => ({ ...e, range: this.position(e.range) }));
  }

  finding(f: Finding, path: string): Finding {
    const out: Finding = { ...f, place: this.position(f.place) };
    if (f.fix) out.fix = this.edits(f.fix);
    if (f.suggestions) out.suggestions = f.suggestions.map((s) => ({ ...s, fix: this.edits(s.fix) }));
    if (f.related) out.related = f.related.map((r): RelatedLocation => (r.file === undefined || r.file === path ? { ...r, place: this.position(r.place) } : r));
    return out;
  }
}

/**
 * Does `test` give the same answer on the whole text before and after the edit? `local`: the test
 * is a search for words that cannot take in white space or a line break (literal alternatives, no
 * look-around), so a match cannot reach past the paragraph (whose text starts after white space
 * and ends before a line break): when neither the paragraph's old nor its new text matches, the
 * answer is the same without searching the whole text.
 */
export function sameMatch(test: RegExp | ((text: string) => boolean), edit: EditedParagraph, local: boolean): boolean {
  const t = typeof test === 'function' ? test : (s: string): boolean => test.test(s);
  const before = edit.before.source.raw;
  const after = edit.after.source.raw;
  if (local && !t(before.slice(edit.start, edit.beforeEnd)) && !t(after.slice(edit.start, edit.afterEnd))) return true;
  return t(before) === t(after);
}

/** The regions (src/contracts/doc/regions.ts, of `edit.after`) inside the edited paragraph. */
export function paragraphRegions<R extends { start: number; end: number }>(regions: readonly R[], edit: EditedParagraph): R[] {
  const out: R[] = [];
  for (const r of regions) if (r.start >= edit.start && r.end <= edit.afterEnd) out.push(r);
  return out;
}
