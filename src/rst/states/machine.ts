/**
 * docutils' statemachine.py for the rst parser: a line-oriented state machine over `Line`s
 * (StateMachine + StateMachineWS + StringList's block extraction), plus the parse-wide shared
 * context (docutils' `memo`) and the node-appending helper that reproduces docutils' `node.line`
 * assignment (`Element.setup_child` + `document.current_line`).
 */
import type { Position, RstNode } from '../nodes.js';
import type { Line, Source } from '../source.js';
import type { Level, Reporter } from '../reporter.js';
import type { DocumentParser, DocumentState } from '../document.js';
import type { Registry, ParserServices } from '../registry.js';
import type { TextMap } from '../source.js';
import { isPySpace } from '../source.js';

/** Thrown (as a plain object: no stack capture) to end a state machine run. */
export const EOF = { eof: true } as const;

/** Most state machines running inside one another (see Machine.tooDeep). */
export const MAX_NESTING = 100;
export class TransitionCorrection {
  constructor(readonly transition: string) {}
}
export class StateCorrection {
  constructor(
    readonly state: string,
    readonly transition?: string,
  ) {}
}
export class UnexpectedIndentation {
  constructor(
    readonly block: Line[],
    readonly line: Line,
  ) {}
}

export interface Match {
  /** the line text matched against */
  string: string;
  /** index just past the match */
  end: number;
  re?: RegExpExecArray | null;
}

export type InlineParser = (
  text: TextMap,
  services: ParserServices,
  lineno: number,
  options?: { parent?: RstNode },
) => { nodes: RstNode[]; messages: RstNode[] };

export type TableParser = (
  kind: 'grid' | 'simple',
  lines: readonly Line[],
  start: number,
  services: ParserServices,
) => { nodes: RstNode[]; next: number };

/** Parse-wide state: docutils' `memo` plus what our services need. */
export class Core implements DocumentParser {
  titleStyles: string[] = [];
  sectionLevel = 0;
  sectionBubbleUpKludge = false;
  topMachine: Machine | undefined;
  /** child -> parent for nodes appended through `append` (to know what is attached). A Map, not
   *  a WeakMap: it lives as long as the parsed document and is much cheaper to fill. */
  readonly parentOf = new Map<RstNode, RstNode>();
  /** Machines currently running, outermost first (their line views grow when `include` splices
   *  lines in). Runs nest, so this is a stack. */
  readonly live: Machine[] = [];
  /** Set once `include` spliced lines into the input: absolute offsets then differ from indices. */
  inserted = false;
  /** Per Source of the top-level input's lines (undefined: the document's own), by line index + 1
   *  (`include` adds lines numbered -1 and lineCount around the included ones): 1 + the absolute
   *  offset of the line's first occurrence there (0: none). */
  private absIndex: Map<Source | undefined, Int32Array> | undefined;

  /**
   * docutils' absolute line offset of a line (its position in the top-level input, which
   * includes spliced-in included files). Without includes this is `line.index`.
   */
  absOffsetOf(line: Line): number {
    if (!this.inserted || !this.topMachine) return line.index;
    if (!this.absIndex) {
      const map = new Map<Source | undefined, Int32Array>();
      const v = this.topMachine.lines;
      let src: Source | undefined;
      let firsts: Int32Array | undefined;
      for (let i = v.start; i < v.end; i++) {
        const l = v.arr[i]!;
        // lines come in runs from one source: look the array up only when the source changes
        if (firsts === undefined || l.src !== src) {
          src = l.src;
          firsts = map.get(src);
          if (!firsts) map.set(src, (firsts = new Int32Array((src ?? this.source).lineCount + 2)));
        }
        if (firsts[l.index + 1] === 0) firsts[l.index + 1] = i - v.start + 1;
      }
      this.absIndex = map;
    }
    const first = this.absIndex.get(line.src === this.source ? undefined : line.src)?.[line.index + 1];
    return first ? first - 1 : line.index;
  }

  invalidateAbsIndex(): void {
    this.inserted = true;
    this.absIndex = undefined;
  }
  /** Line-block line indents (docutils `line.indent`). */
  readonly lineIndent = new WeakMap<RstNode, number | undefined>();
  readonly root: RstNode;
  constructor(
    readonly source: Source,
    readonly reporter: Reporter,
    readonly doc: DocumentState,
    readonly registry: Registry,
    readonly inline: InlineParser | undefined,
    readonly tables: TableParser | undefined,
    root: RstNode,
    readonly files: { read: ParserServices['readFile'] },
  ) {
    this.root = root;
    doc.parser = this;
  }

  /** A file an include-like directive names (confined to the docs root). */
  readFile(path: string): ReturnType<ParserServices['readFile']> {
    return this.files.read(path);
  }

  /** DocumentParser: the line of a message that names none. */
  defaultLine(): number | undefined {
    return this.topMachine?.srcLine();
  }

  /** DocumentParser: docutils' reporter's line for an absolute line. */
  mapLine(line: number): number | undefined {
    return this.topMachine ? this.topMachine.srcLine(line) : line;
  }

  /** Nodes known to hang under the document root (nodes are never detached again). */
  private readonly attached = new Set<RstNode>();

  isAttached(node: RstNode): boolean {
    let n: RstNode | undefined = node;
    for (let i = 0; n && i < 100000; i++) {
      if (n === this.root || this.attached.has(n)) {
        if (node !== n) this.attached.add(node);
        return true;
      }
      n = this.parentOf.get(n);
    }
    return false;
  }

  /** docutils `parent += child` (setup_child: inherit current_line when attached). */
  append(parent: RstNode, child: RstNode): void {
    (parent.children ??= []).push(child);
    this.setupChild(parent, child);
  }

  /** docutils `parent += child` for every child a new node was built with (its array made to
   *  size: an array pushed to from empty reserves room for 17). */
  adoptChildren(parent: RstNode): void {
    const kids = parent.children!;
    for (let i = 0; i < kids.length; i++) this.setupChild(parent, kids[i]!);
  }

  /** What `append` does besides adding `child` to `parent.children`. */
  private setupChild(parent: RstNode, child: RstNode): void {
    if (child.type === 'text') return;
    this.parentOf.set(child, parent);
    const doc = this.doc;
    if (this.isAttached(parent)) {
      // docutils setup_child: the child takes the document's current source and line
      if (child.data?.docutilsLine === undefined && doc.currentLine !== undefined) {
        (child.data ??= {}).docutilsLine = doc.currentLine;
      }
      if (doc.currentSource !== undefined && child.data?.source === undefined) (child.data ??= {}).source = doc.currentSource;
    } else if (child.type === 'target' && child.data?.docutilsLine !== undefined && child.data.source === undefined) {
      // a target that never gets a source keeps docutils' absolute line, which its reporter maps
      // through the top-level input whenever it reports about it (e.g. "not referenced")
      child.data.docutilsLine = doc.mapLine(child.data.docutilsLine);
    }
  }

  appendAll(parent: RstNode, children: readonly RstNode[]): void {
    for (const c of children) this.append(parent, c);
  }

  /** A system message, line converted the way docutils' reporter does (via the top machine). */
  msg(
    level: Level,
    ruleId: string,
    text: string,
    opts: { line?: number; position?: Position | undefined; detail?: string; noLine?: boolean; at?: Line } = {},
  ): RstNode {
    if (opts.at) {
      // docutils passes source= and line= itself: the line is the source's own, no conversion
      const o: { line?: number; position?: Position; detail?: string; source?: string } = { line: opts.at.index + 1 };
      if (opts.at.src) o.source = opts.at.src.path;
      if (opts.position) o.position = opts.position;
      if (opts.detail !== undefined) o.detail = opts.detail;
      return this.reporter.system(level, ruleId, text, o);
    }
    const line = opts.noLine ? undefined : this.topMachine ? this.topMachine.srcLine(opts.line) : opts.line;
    const o: { line?: number; position?: Position; detail?: string; source?: string } = {};
    if (line !== undefined) o.line = line;
    if (!opts.noLine && this.topMachine) {
      const l = this.topMachine.lineAt(opts.line === undefined ? this.topMachine.lineOffset : opts.line - this.topMachine.inputOffset - 1);
      if (l?.src) o.source = l.src.path;
    }
    if (opts.position) o.position = opts.position;
    if (opts.detail !== undefined) o.detail = opts.detail;
    return this.reporter.system(level, ruleId, text, o);
  }

  /** Position of whole lines (text start of the first to text end of the last). */
  linesPos(first: Line, last: Line = first): Position {
    const src = first.src ?? this.source;
    if ((last.src ?? this.source) !== src) last = first;
    return src.range(first.index, first.col, last.index, last.col + last.text.length);
  }

  /** The Source a line belongs to. */
  srcOf(line: Line): Source {
    return line.src ?? this.source;
  }

  /** Range within one line, columns relative to `line.text`. */
  span(line: Line, start: number, end: number): Position {
    return this.srcOf(line).range(line.index, line.col + start, line.index, line.col + end);
  }

  /** Point at column `c` of `line.text`. */
  pointIn(line: Line, c = 0): Position['start'] {
    return this.srcOf(line).point(line.index, line.col + c);
  }
}

export function setLine(node: RstNode, line: number | undefined): void {
  if (line !== undefined) (node.data ??= {}).docutilsLine = line;
}

/** A read-only window on an array of lines (docutils' StringList slices, without copying). */
export interface LineView {
  arr: readonly Line[];
  start: number;
  end: number;
}

/** A machine's lines before it runs. */
const NO_LINES: LineView = { arr: [], start: 0, end: 0 };

export function viewOf(lines: readonly Line[]): LineView {
  return { arr: lines, start: 0, end: lines.length };
}

export interface State {
  readonly name: string;
  blankFinish: boolean;
  runtimeInit(): void;
  /** docutils bof(context): the context to start with (docutils passes in a fresh [] for the
   *  state to hand back; here a state makes one only if it adds lines to it). */
  bof(): Line[];
  eof(context: Line[]): void;
  /** Try transitions in order; return the transition's result or null when none matched. */
  checkLine(context: Line[], only: string | undefined): [Line[], string | null];
}

export type StateFactory = (name: string, sm: Machine) => State;

/** What the last Machine.extractIndented found besides its block (read right after the call;
 *  not a result object: it runs for every nested block): the indent, whether a blank line ended
 *  the block, the number of lines consumed (blank top lines included) and of blank top lines
 *  dropped. */
let extractedIndent = 0;
let extractedBlankFinish = true;
let extractedCount = 0;
let extractedSkipped = 0;

/** docutils StateMachineWS. */
export class Machine {
  lines: LineView = NO_LINES;
  lineOffset = -1;
  inputOffset = 0;
  matchTitles = true;
  node!: RstNode;
  /** The states created so far, in creation order, under the names they were asked for. A machine
   *  runs per nested block and most make one or two states, so those two sit in fields (no arrays
   *  to allocate); any further ones go in arrays made when needed. */
  private name0: string | undefined = undefined;
  private state0: State | undefined = undefined;
  private name1: string | undefined = undefined;
  private state1: State | undefined = undefined;
  private moreNames: string[] | undefined = undefined;
  private moreStates: State[] | undefined = undefined;
  currentState: string;

  constructor(
    readonly core: Core,
    readonly factory: StateFactory,
    readonly initialState: string,
  ) {
    this.currentState = initialState;
  }

  get length(): number {
    return this.lines.end - this.lines.start;
  }

  lineAt(i: number): Line | undefined {
    if (i < 0 || i >= this.length) return undefined;
    return this.lines.arr[this.lines.start + i];
  }

  /** The current line (docutils `self.line`), or undefined. */
  get cur(): Line | undefined {
    return this.lineAt(this.lineOffset);
  }

  get line(): string {
    return this.cur?.text ?? '';
  }

  getState(name?: string): State {
    if (name) this.currentState = name;
    const cur = this.currentState;
    if (this.name0 === cur) return this.state0!;
    if (this.name1 === cur) return this.state1!;
    const names = this.moreNames;
    if (names) for (let i = 0; i < names.length; i++) if (names[i] === cur) return this.moreStates![i]!;
    const s = this.factory(cur, this);
    if (this.state0 === undefined) {
      this.name0 = cur;
      this.state0 = s;
    } else if (this.state1 === undefined) {
      this.name1 = cur;
      this.state1 = s;
    } else {
      (this.moreNames ??= []).push(cur);
      (this.moreStates ??= []).push(s);
    }
    s.runtimeInit();
    return s;
  }

  private notify(): void {
    const l = this.lineAt(this.lineOffset);
    const doc = this.core.doc;
    doc.currentLine = l ? l.index + 1 : undefined;
    doc.currentSource = l?.src?.path;
  }

  run(lines: LineView, inputOffset: number, node: RstNode, matchTitles: boolean): void {
    this.lines = lines;
    this.inputOffset = inputOffset;
    this.lineOffset = -1;
    this.node = node;
    this.matchTitles = matchTitles;
    this.currentState = this.initialState;
    this.state0?.runtimeInit();
    this.state1?.runtimeInit();
    const more = this.moreStates;
    if (more) for (let i = 0; i < more.length; i++) more[i]!.runtimeInit();
    const live = this.core.live;
    if (live.length >= MAX_NESTING) {
      this.tooDeep();
      return;
    }
    live.push(this);
    try {
      this.runLoop();
    } finally {
      if (live[live.length - 1] === this) live.pop();
      else {
        const i = live.lastIndexOf(this);
        if (i >= 0) live.splice(i, 1);
      }
    }
  }

  /**
   * Nested body elements deeper than MAX_NESTING machines (1000 nested block quotes or list
   * levels would overflow the stack: every level is a machine running inside the one above): the
   * lines of this block are kept as a literal block, with an error saying so, and count as read.
   * docutils has no such limit; no real document comes near it (the 6.12 tree nests at most a
   * dozen: 14, in filesystems/xfs/xfs-online-fsck-design.rst).
   */
  private tooDeep(): void {
    const v = this.lines;
    const n = v.end - v.start;
    this.lineOffset = n - 1;
    if (n <= 0) return;
    const first = v.arr[v.start]!;
    let lastIdx = v.end - 1;
    while (lastIdx > v.start && !v.arr[lastIdx]!.text.trim()) lastIdx--;
    const last = v.arr[lastIdx]!;
    const position = this.core.linesPos(first, last);
    const msg = this.core.msg(3, 'nesting-too-deep', `Nesting too deep: more than ${MAX_NESTING} levels of nested body elements; the rest of this block is not parsed (kept as literal text).`, {
      line: this.inputOffset + 1,
      position,
    });
    const lines: string[] = [];
    for (let i = v.start; i <= lastIdx; i++) lines.push(v.arr[i]!.text);
    const text = lines.join('\n');
    const block: RstNode = {
      type: 'literal_block',
      attributes: { 'xml:space': 'preserve' },
      children: [{ type: 'text', value: text, position }],
      position,
    };
    this.core.append(this.node!, msg);
    this.core.append(this.node!, block);
  }

  /**
   * docutils `StateMachine.insert_input` (as Include uses it): splice `lines` into the input right
   * after the current line. Every running machine reading the same line array sees them (docutils
   * propagates the insertion to parent lists the same way).
   */
  insertInput(lines: Line[]): void {
    const arr = this.lines.arr as Line[];
    const p = this.lines.start + this.lineOffset + 1;
    const n = lines.length;
    if (!n) return;
    // splice in chunks (spread argument limits)
    const tail = arr.splice(p);
    for (let i = 0; i < n; i += 10000) arr.push(...lines.slice(i, i + 10000));
    for (let i = 0; i < tail.length; i += 10000) arr.push(...tail.slice(i, i + 10000));
    const seen = new Set<LineView>();
    for (const m of this.core.live) {
      const v = m.lines;
      if (v.arr !== arr || seen.has(v)) continue;
      seen.add(v);
      if (v.start <= p && p <= v.end) v.end += n;
      else if (v.start > p) {
        v.start += n;
        v.end += n;
      }
    }
    if (!seen.has(this.lines)) this.lines.end += n;
    this.core.invalidateAbsIndex();
  }

  private runLoop(): void {
    let state = this.getState();
    let context = state.bof();
    let only: string | undefined;
    for (;;) {
      let nextState: string | null = null;
      try {
        let eof = false;
        try {
          // this.nextLine(), without throwing EOF at the end of the input (the usual way out)
          this.lineOffset++;
          this.notify();
          if (this.lineAt(this.lineOffset) === undefined) eof = true;
          else {
            const r = state.checkLine(context, only);
            context = r[0];
            nextState = r[1];
          }
        } catch (e) {
          if (e !== EOF) throw e;
          eof = true;
        }
        if (eof) {
          state.eof(context);
          break;
        }
        only = undefined;
      } catch (e) {
        if (e instanceof TransitionCorrection) {
          this.previousLine();
          only = e.transition;
          continue;
        }
        if (e instanceof StateCorrection) {
          this.previousLine();
          nextState = e.state;
          only = e.transition;
        } else throw e;
      }
      state = this.getState(nextState ?? undefined);
    }
  }

  nextLine(n = 1): string {
    this.lineOffset += n;
    this.notify();
    const l = this.lineAt(this.lineOffset);
    if (!l) throw EOF;
    return l.text;
  }

  previousLine(n = 1): string | undefined {
    this.lineOffset -= n;
    this.notify();
    return this.lineAt(this.lineOffset)?.text;
  }

  gotoLine(absOffset: number): string {
    this.lineOffset = absOffset - this.inputOffset;
    this.notify();
    const l = this.lineAt(this.lineOffset);
    if (!l) throw EOF;
    return l.text;
  }

  /** RSTState.goto_line: jump, ignoring jumps past the end. */
  gotoLineSafe(absOffset: number): void {
    try {
      this.gotoLine(absOffset);
    } catch (e) {
      if (e !== EOF) throw e;
    }
  }

  isNextLineBlank(): boolean {
    const l = this.lineAt(this.lineOffset + 1);
    return !l || isBlankText(l.text);
  }

  atEof(): boolean {
    return this.lineOffset >= this.length - 1;
  }

  atBof(): boolean {
    return this.lineOffset <= 0;
  }

  absLineOffset(): number {
    return this.lineOffset + this.inputOffset;
  }

  absLineNumber(): number {
    return this.lineOffset + this.inputOffset + 1;
  }

  /** docutils get_source_and_line()[1]: source line of the current or given absolute line number. */
  srcLine(lineno?: number): number | undefined {
    const offset = lineno === undefined ? this.lineOffset : lineno - this.inputOffset - 1;
    const l = this.lineAt(offset);
    if (l) return l.index + 1;
    if (offset === this.length && offset > 0) {
      const last = this.lineAt(offset - 1);
      return last ? last.index + 2 : undefined;
    }
    return undefined;
  }

  /** View from line offset `offset` (relative to this machine's lines) to the end. */
  viewFrom(offset: number): LineView {
    const start = Math.min(this.lines.start + Math.max(0, offset), this.lines.end);
    return { arr: this.lines.arr, start, end: this.lines.end };
  }

  /** docutils StateMachine.get_text_block, the lines appended to `block` (a new array by
   *  default; callers that join the text block to lines they hold pass their array). Throws
   *  UnexpectedIndentation (after advancing) with `block` holding the lines so far. */
  getTextBlock(flushLeft = false, block: Line[] = []): Line[] {
    const start = this.lineOffset;
    let end = start;
    const last = this.length;
    while (end < last) {
      const l = this.lineAt(end)!;
      if (isBlankText(l.text)) break;
      if (flushLeft && l.text.charCodeAt(0) === 32) {
        this.nextLine(end - start - 1);
        throw new UnexpectedIndentation(block, l);
      }
      block.push(l);
      end++;
    }
    this.nextLine(end - start - 1);
    return block;
  }

  /**
   * StringList.get_indented from the current line, indentation stripped, leading blank lines
   * dropped when `stripTop`. Builds only the lines it returns (one pass, no intermediate copy);
   * the rest of the result is left in the `extracted*` variables.
   */
  private extractIndented(
    untilBlank: boolean,
    stripIndent: boolean,
    blockIndent: number | undefined,
    firstIndent: number | undefined,
    stripTop: boolean,
  ): Line[] {
    const arr = this.lines.arr;
    const base = this.lines.start;
    const start = this.lineOffset;
    let indent = blockIndent;
    let end = start;
    if (blockIndent !== undefined && firstIndent === undefined) firstIndent = blockIndent;
    if (firstIndent !== undefined) end++;
    const last = this.length;
    let blankFinish = true;
    while (end < last) {
      const text = arr[base + end]!.text;
      if (
        text.length &&
        (text.charCodeAt(0) !== 32 || (blockIndent !== undefined && lstripLen(text) < Math.min(blockIndent, text.length)))
      ) {
        blankFinish = end > start && isBlankText(arr[base + end - 1]!.text);
        break;
      }
      const ls = lstripLen(text);
      if (ls === text.length) {
        if (untilBlank) {
          blankFinish = true;
          break;
        }
      } else if (blockIndent === undefined) {
        if (indent === undefined) indent = ls;
        else indent = Math.min(indent, ls);
      }
      end++;
    }
    const count = Math.max(0, end - start);
    // the first line loses `firstIndent` columns, the others `indent` (when stripping)
    const rest = indent && stripIndent ? indent : 0;
    let i = start;
    if (stripTop) {
      while (i < end && isBlankFrom(arr[base + i]!.text, i === start && firstIndent !== undefined ? firstIndent : rest)) i++;
    }
    const skipped = i - start;
    // sized once: most blocks are a few lines, and a pushed-to array reserves room for 17
    const block: Line[] = new Array<Line>(Math.max(0, end - i));
    for (let k = 0; i < end; i++, k++) {
      const l = arr[base + i]!;
      block[k] = trim(l, i === start && firstIndent !== undefined ? firstIndent : rest);
    }
    extractedIndent = indent ?? 0;
    extractedBlankFinish = blankFinish;
    extractedCount = count;
    extractedSkipped = skipped;
    return block;
  }

  /** StateMachineWS.get_indented */
  getIndented(untilBlank = false, stripIndent = true): { indented: Line[]; indent: number; offset: number; blankFinish: boolean } {
    const offset = this.absLineOffset();
    const block = this.extractIndented(untilBlank, stripIndent, undefined, undefined, true);
    if (extractedCount) this.nextLine(extractedCount - 1);
    return { indented: block, indent: extractedIndent, offset: offset + extractedSkipped, blankFinish: extractedBlankFinish };
  }

  /** StateMachineWS.get_known_indented */
  getKnownIndented(indent: number, untilBlank = false, stripIndent = true): { indented: Line[]; offset: number; blankFinish: boolean } {
    const offset = this.absLineOffset();
    const block = this.extractIndented(untilBlank, stripIndent, indent, undefined, true);
    this.nextLine(extractedCount - 1);
    return { indented: block, offset: offset + extractedSkipped, blankFinish: extractedBlankFinish };
  }

  /** StateMachineWS.get_first_known_indented */
  getFirstKnownIndented(
    indent: number,
    untilBlank = false,
    stripIndent = true,
    stripTop = true,
  ): { indented: Line[]; indent: number; offset: number; blankFinish: boolean } {
    const offset = this.absLineOffset();
    const block = this.extractIndented(untilBlank, stripIndent, undefined, indent, stripTop);
    this.nextLine(extractedCount - 1);
    return { indented: block, indent: extractedIndent, offset: offset + extractedSkipped, blankFinish: extractedBlankFinish };
  }
}

/** Is `text` blank from column `n` on (Python `not text[n:].strip()`)? */
function isBlankFrom(text: string, n: number): boolean {
  for (let i = n; i < text.length; i++) if (!isPySpace(text.charCodeAt(i))) return false;
  return true;
}

function trim(line: Line, n: number): Line {
  if (n <= 0) return line;
  const r: Line = { text: line.text.slice(n), index: line.index, col: line.col + n };
  if (line.src) r.src = line.src;
  return r;
}

/** Python `not s.strip()` */
export function isBlankText(s: string): boolean {
  return lstripLen(s) === s.length;
}

export function lstripLen(s: string): number {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isPySpace(c)) i++;
    else break;
  }
  return i;
}
