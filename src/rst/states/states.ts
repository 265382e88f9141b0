/**
 * The reStructuredText block parser: docutils' parsers/rst/states.py, state by state.
 *
 *   RSTState           shared helpers: nested parses, sections, paragraphs, inline text
 *   Body               first line of any body element (transitions in docutils' order)
 *   SpecializedBody    BulletList, EnumeratedList, FieldList, OptionList, LineBlock,
 *                      ExtensionOptions, Explicit, DefinitionList: second and later items
 *   SubstitutionDef    contents of `.. |name| directive::`
 *   Text               second line of a text block: paragraph, title, definition list
 *   Definition, Line   second line of a definition item / of an overlined title or transition
 *   QuotedLiteralBlock unindented `::` literal blocks
 *
 * Directives (`Body.directive`, `run_directive`, `parse_directive_block`) are in directive.ts.
 *
 * Performance note: tuple results are unpacked by index (`const __tN = f(); const a = __tN[0]`)
 * rather than with array destructuring, which costs measurably in these hot paths.
 */
import type { Position, RstNode } from '../nodes.js';
import type { Line } from '../source.js';
import { TextMap, isPySpace } from '../source.js';
import type { ParserServices } from '../registry.js';
import { fullyNormalizeName, whitespaceNormalizeName, splitWhitespace, attrs } from '../document.js';
import {
  Core,
  EOF,
  Machine,
  StateCorrection,
  TransitionCorrection,
  UnexpectedIndentation,
  isBlankText,
  lstripLen,
  setLine,
  viewOf,
} from './machine.js';
import type { LineView, Match, State } from './machine.js';
import {
  columnWidth,
  escape2null,
  fromRoman,
  joinLines,
  pyLen,
  rstrip,
  sliceLine,
  splitEscapedWhitespace,
  toRoman,
  trimLine,
  truncateLines,
  unescape,
} from './util.js';
import { runDirectiveMatch } from './directive.js';
import { StateServices } from './services.js';

// ---------------------------------------------------------------------------------------------
// Patterns (anchored; no nested ambiguous quantifiers)

export const SIMPLENAME = '(?:[\\p{L}\\p{N}])+(?:[-._+:][\\p{L}\\p{N}]+)*';
const ENUM = '(?:[0-9]+|[a-z]|[A-Z]|[ivxlcdm]+|[IVXLCDM]+|#)';
const ENUM_RE = new RegExp(`^(?:(?<parens>\\(${ENUM}\\))|(?<rparen>${ENUM}\\))|(?<period>${ENUM}\\.))(?: +|$)`);
export const FIELD_MARKER_RE = /^:(?![: ])(?:[^:\\]|\\.|:(?![ `]|$))*(?<! ):(?: +|$)/;
const OPTARG = '(?:[a-zA-Z][a-zA-Z0-9_-]*|<[^<>]+>)';
const SHORTOPT = `(?:-|\\+)[a-zA-Z0-9](?: ?${OPTARG})?`;
const LONGOPT = `(?:--|/)[a-zA-Z0-9][a-zA-Z0-9_-]*(?:[ =]${OPTARG})?`;
const OPTION = `(?:${SHORTOPT}|${LONGOPT})`;
const OPTION_MARKER_RE = new RegExp(`^${OPTION}(?:, ${OPTION})*(?:  +| ?$)`);
const BULLET_RE = /^[-+*\u2022\u2023\u2043](?: +|$)/;
const DOCTEST_RE = /^>>>(?: +|$)/;
const LINE_BLOCK_RE = /^\|( +|$)/;
const GRID_TOP_RE = /^\+-[-+]+-\+ *$/;
const SIMPLE_TOP_RE = /^=+(?: +=+)+ *$/;
const EXPLICIT_RE = /^\.\.(?: +|$)/;
const ANONYMOUS_RE = /^__(?: +|$)/;

const FOOTNOTE_RE = new RegExp(`^\\.\\. +\\[([0-9]+|#|#${SIMPLENAME}|\\*)\\](?: +|$)`, 'u');
const CITATION_RE = new RegExp(`^\\.\\. +\\[(${SIMPLENAME})\\](?: +|$)`, 'u');
const TARGET_START_RE = /^\.\. +_(?! |$)/;
const SUBST_START_RE = /^\.\. +\|(?! |$)/;
export const DIRECTIVE_RE = new RegExp(`^\\.\\. +(${SIMPLENAME}) ?::(?: +|$)`, 'u');
const EMBEDDED_DIRECTIVE_RE = new RegExp(`^(${SIMPLENAME})::(?: +|$)`, 'u');

const TARGET_RE = /^(?:_|(?!_)(?<quote>`?)(?![ `])(?<name>.+?)(?<![\s\x00])\k<quote>)(?<!(?<!\x00):)(?<![\s\x00]) ?:(?: +|$)/u;
const REFERENCE_RE = new RegExp(`^(?:(?<simple>${SIMPLENAME})_|\`(?! )(?<phrase>.+?)(?<![\\s\\x00])\`_)$`, 'u');
const SUBSTITUTION_RE = /^(?! )(?<name>.+?)(?<![\s\x00])\|(?: +|$)/u;
const EMAILC = "[-_!~*'{|}/#?^`&=+$%a-zA-Z0-9\\x00]";
const EMAIL_RE = new RegExp(`^${EMAILC}+(?:\\.${EMAILC}+)*(?<!\\x00)@${EMAILC}+(?:\\.${EMAILC}*)*[_~*/=+a-zA-Z0-9]$`);
const ATTRIBUTION_RE = /^(?:---?(?!-)|\u2014) *(?=[^ \n])/;

function reMatch(re: RegExp, text: string): Match | null {
  const m = re.exec(text);
  return m ? { string: text, end: m[0].length, re: m } : null;
}

/** docutils' "line" pattern: a run of one 7-bit punctuation character, then spaces. */
function isPunct7(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

export function matchLineMarker(text: string): Match | null {
  if (!text.length) return null;
  const c = text.charCodeAt(0);
  if (!isPunct7(c)) return null;
  let i = 1;
  while (i < text.length && text.charCodeAt(i) === c) i++;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  return i === text.length ? { string: text, end: i } : null;
}

/** The match of the `blank`, `indent` and `text` tests, the most frequent: one object refilled by
 *  each (not one per line), as the transitions they lead to read it, if at all, before they run
 *  anything else. */
const SHARED_MATCH: Match = { string: '', end: 0 };

function sharedMatch(text: string, end: number): Match {
  SHARED_MATCH.string = text;
  SHARED_MATCH.end = end;
  return SHARED_MATCH;
}

function matchBlank(text: string): Match | null {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 32) return null;
  return sharedMatch(text, text.length);
}

function matchIndent(text: string): Match | null {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  return i ? sharedMatch(text, i) : null;
}

const MATCHERS: Record<string, (text: string) => Match | null> = {
  blank: matchBlank,
  indent: matchIndent,
  bullet: (t) => (t.length && '-+*\u2022\u2023\u2043'.includes(t[0]!) ? reMatch(BULLET_RE, t) : null),
  enumerator: (t) => {
    const c = t.charCodeAt(0);
    // '(' '#' digits letters
    if (!(c === 40 || c === 35 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return null;
    return reMatch(ENUM_RE, t);
  },
  field_marker: (t) => (t.charCodeAt(0) === 58 ? reMatch(FIELD_MARKER_RE, t) : null),
  option_marker: (t) => (t.charCodeAt(0) === 45 || t.charCodeAt(0) === 43 || t.charCodeAt(0) === 47 ? reMatch(OPTION_MARKER_RE, t) : null),
  doctest: (t) => (t.charCodeAt(0) === 62 ? reMatch(DOCTEST_RE, t) : null),
  line_block: (t) => (t.charCodeAt(0) === 124 ? reMatch(LINE_BLOCK_RE, t) : null),
  grid_table_top: (t) => (t.charCodeAt(0) === 43 ? reMatch(GRID_TOP_RE, t) : null),
  simple_table_top: (t) => (t.charCodeAt(0) === 61 ? reMatch(SIMPLE_TOP_RE, t) : null),
  explicit_markup: (t) => (t.charCodeAt(0) === 46 ? reMatch(EXPLICIT_RE, t) : null),
  anonymous: (t) => (t.charCodeAt(0) === 95 ? reMatch(ANONYMOUS_RE, t) : null),
  line: matchLineMarker,
  underline: matchLineMarker,
  text: (t) => sharedMatch(t, 0),
  embedded_directive: (t) => reMatch(EMBEDDED_DIRECTIVE_RE, t),
};

const BODY_TRANSITIONS = [
  'blank',
  'indent',
  'bullet',
  'enumerator',
  'field_marker',
  'option_marker',
  'doctest',
  'line_block',
  'grid_table_top',
  'simple_table_top',
  'explicit_markup',
  'anonymous',
  'line',
  'text',
];

/**
 * The Body transition a line (in block coordinates) takes: the first of BODY_TRANSITIONS whose
 * pattern matches, as the state machine tries them. The incremental re-parse (src/rst/incremental.ts)
 * asks it about an edited line: a line that is `text` before and after an edit starts nothing new.
 */
export function bodyLineKind(text: string): string {
  for (const name of BODY_TRANSITIONS) if (MATCHERS[name]!(text)) return name;
  return 'text';
}

/** Could this line (in block coordinates) start a block quote's attribution (`-- name`)? */
export function looksLikeAttribution(text: string): boolean {
  return ATTRIBUTION_RE.test(text);
}

type Result = [Line[], string | null];

/** The one array every transition returns its result in (one per transition would be a short-lived
 *  array for nearly every line): its only reader, the machine's run loop, takes both parts out
 *  right away, before any other transition runs. */
const RESULT: Result = [[], null];

/** The empty context the transitions hand on when no lines are pending (docutils makes a new []
 *  each time). Only the Text, Line and QuotedLiteralBlock states add to their context, and theirs
 *  always comes from a transition that makes one; frozen, so a slip would fail loudly. */
const NO_CONTEXT = Object.freeze([]) as unknown as Line[];

function result(context: Line[], next: string | null): Result {
  RESULT[0] = context;
  RESULT[1] = next;
  return RESULT;
}
type TransitionMethod = (this: RSTState, m: Match, c: Line[], n: string) => Result;
interface Transition {
  name: string;
  test: (text: string) => Match | null;
  method: TransitionMethod;
  next: string;
}

interface Dispatch {
  order: string[];
  /** the state class it was built for (a subclass has its own) */
  cls: unknown;
  /** every transition, for lines that are empty or start with a non-ASCII character */
  full: Transition[];
  /** per ASCII first character: the transitions whose matcher can match such a line */
  ascii: Transition[][];
}

/** Can the matcher `name` match a line whose first character is the ASCII character `c`?
 *  (Mirrors the matchers' own first-character tests; unknown matchers: yes.) */
function canStartWith(name: string, c: number): boolean {
  switch (name) {
    case 'blank':
    case 'indent':
      return c === 32;
    case 'bullet':
      return c === 45 || c === 43 || c === 42;
    case 'enumerator':
      return c === 40 || c === 35 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    case 'field_marker':
      return c === 58;
    case 'option_marker':
      return c === 45 || c === 43 || c === 47;
    case 'doctest':
      return c === 62;
    case 'line_block':
      return c === 124;
    case 'grid_table_top':
      return c === 43;
    case 'simple_table_top':
      return c === 61;
    case 'explicit_markup':
      return c === 46;
    case 'anonymous':
      return c === 95;
    case 'line':
    case 'underline':
      return isPunct7(c);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Enumerators

const FORMATINFO: Record<string, { prefix: string; suffix: string; start: number; end: number }> = {
  parens: { prefix: '(', suffix: ')', start: 1, end: -1 },
  rparen: { prefix: '', suffix: ')', start: 0, end: -1 },
  period: { prefix: '', suffix: '.', start: 0, end: -1 },
};
const SEQUENCES = ['arabic', 'loweralpha', 'upperalpha', 'lowerroman', 'upperroman'];
const SEQUENCE_RES: Record<string, RegExp> = {
  arabic: /^[0-9]+$/,
  loweralpha: /^[a-z]$/,
  upperalpha: /^[A-Z]$/,
  lowerroman: /^[ivxlcdm]+$/,
  upperroman: /^[IVXLCDM]+$/,
};

function convertOrdinal(sequence: string, text: string): number | null {
  switch (sequence) {
    case 'arabic':
      return parseInt(text, 10);
    case 'loweralpha':
      return text.charCodeAt(0) - 0x61 + 1;
    case 'upperalpha':
      return text.charCodeAt(0) - 0x41 + 1;
    case 'lowerroman':
      return fromRoman(text.toUpperCase());
    case 'upperroman':
      return fromRoman(text);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

export type StateName =
  | 'Body'
  | 'BulletList'
  | 'DefinitionList'
  | 'EnumeratedList'
  | 'FieldList'
  | 'OptionList'
  | 'LineBlock'
  | 'ExtensionOptions'
  | 'Explicit'
  | 'Text'
  | 'Definition'
  | 'Line'
  | 'SubstitutionDef'
  | 'QuotedLiteralBlock';

export function createState(name: string, sm: Machine): State {
  switch (name) {
    case 'Body':
      return new Body(sm, name);
    case 'BulletList':
      return new BulletList(sm, name);
    case 'DefinitionList':
      return new DefinitionList(sm, name);
    case 'EnumeratedList':
      return new EnumeratedList(sm, name);
    case 'FieldList':
      return new FieldList(sm, name);
    case 'OptionList':
      return new OptionList(sm, name);
    case 'LineBlock':
      return new LineBlock(sm, name);
    case 'ExtensionOptions':
      return new ExtensionOptions(sm, name);
    case 'Explicit':
      return new Explicit(sm, name);
    case 'Text':
      return new Text(sm, name);
    case 'Definition':
      return new Definition(sm, name);
    case 'Line':
      return new LineState(sm, name);
    case 'SubstitutionDef':
      return new SubstitutionDef(sm, name);
    case 'QuotedLiteralBlock':
      return new QuotedLiteralBlock(sm, name);
  }
  return new Body(sm, 'Body');
}

/** Start a machine over `lines` (docutils NestedStateMachine.run) and return it after the run. */
export function runMachine(
  core: Core,
  lines: LineView,
  inputOffset: number,
  node: RstNode,
  matchTitles: boolean,
  initialState: string,
  setup?: (sm: Machine) => void,
): Machine {
  const sm = new Machine(core, createState, initialState);
  if (setup) setup(sm);
  sm.run(lines, inputOffset, node, matchTitles);
  return sm;
}

function pos(core: Core, first: Line, last: Line = first): Position {
  return core.linesPos(first, last);
}

function lastNonBlank(lines: readonly Line[]): Line | undefined {
  for (let i = lines.length - 1; i >= 0; i--) if (!isBlankText(lines[i]!.text)) return lines[i];
  return undefined;
}

/** Extend `node.position.end` to cover its last positioned child. System messages after it do not
 *  count as that child: they sit where docutils reports them (an inline problem inside the
 *  paragraph before), so the scan goes on to the last other positioned child. */
export function extendToChildren(node: RstNode): void {
  const kids = node.children;
  if (!kids || !node.position) return;
  for (let i = kids.length - 1; i >= 0; i--) {
    const kid = kids[i]!;
    const p = kid.position;
    if (p) {
      if (p.end.offset > node.position.end.offset) node.position = { start: node.position.start, end: p.end };
      if (kid.type !== 'system_message') return;
    }
  }
}

// ---------------------------------------------------------------------------------------------

export abstract class RSTState implements State {
  // Fields are declared and assigned in the constructor (no per-instance field definitions: a
  // nested state machine, and its states, is created for every list item, block quote, ...).
  declare blankFinish: boolean;
  declare parent: RstNode;
  /** transition names in order (docutils `transition_order`); set on prototypes below */
  declare protected order: string[];
  /** next-state names per transition when not this state (set on prototypes below) */
  declare protected nextStates: Record<string, string>;
  declare readonly core: Core;
  declare readonly sm: Machine;
  declare readonly name: string;
  declare private _services: ParserServices | undefined;
  /** on the prototypes only (set by `dispatch`) */
  declare private _dispatch: Dispatch | undefined;

  constructor(sm: Machine, name: string) {
    this.sm = sm;
    this.name = name;
    this.core = sm.core;
    this.blankFinish = true;
  }

  runtimeInit(): void {
    this.parent = this.sm.node;
  }

  bof(): Line[] {
    return NO_CONTEXT;
  }

  eof(_context: Line[]): void {}

  checkLine(context: Line[], only: string | undefined): Result {
    const text = this.sm.line;
    if (only) return this.tryTransition(only, text, context) ?? result(context, null);
    // the dispatch table lives on the state class's prototype (see `dispatch`)
    let d = this._dispatch;
    if (d === undefined || d.order !== this.order || d.cls !== this.constructor) d = this.dispatch();
    // only the transitions whose pattern can start with the line's first character, in order
    const c = text.length ? text.charCodeAt(0) : -1;
    const table = c >= 0 && c < 128 ? d.ascii[c]! : d.full;
    for (let i = 0; i < table.length; i++) {
      const t = table[i]!;
      const m = t.test(text);
      if (m) return t.method.call(this, m, context, t.next);
    }
    return result(context, null);
  }

  /** The transition table split by the line's first (ASCII) character, built once per state class. */
  private dispatch(): Dispatch {
    const proto = Object.getPrototypeOf(this) as { _dispatch?: Dispatch };
    const own = Object.prototype.hasOwnProperty.call(proto, '_dispatch') ? proto._dispatch : undefined;
    if (own && own.order === this.order && own.cls === this.constructor) return own;
    const full: Transition[] = [];
    for (const name of this.order) {
      const method = (this as unknown as Record<string, TransitionMethod>)[name];
      if (!method) continue;
      full.push({ name, test: MATCHERS[name]!, method, next: this.nextStates[name] ?? this.name });
    }
    const ascii: Transition[][] = [];
    for (let c = 0; c < 128; c++) ascii.push(full.filter((t) => canStartWith(t.name, c)));
    const d: Dispatch = { order: this.order, cls: this.constructor, full, ascii };
    if (Object.prototype.hasOwnProperty.call(this, 'order')) return d; // per-instance order
    proto._dispatch = d;
    return d;
  }

  private tryTransition(name: string, text: string, context: Line[]): Result | null {
    const m = MATCHERS[name]!(text);
    if (!m) return null;
    const next = this.nextStates[name] ?? this.name;
    const fn = (this as unknown as Record<string, (m: Match, c: Line[], n: string) => Result>)[name];
    if (!fn) return result(context, null);
    return fn.call(this, m, context, next);
  }

  // -- helpers --------------------------------------------------------------------------------

  append(parent: RstNode, child: RstNode | undefined | null): void {
    if (child) this.core.append(parent, child);
  }

  appendAll(parent: RstNode, children: readonly RstNode[]): void {
    for (const c of children) this.core.append(parent, c);
  }

  /** docutils nested_parse: returns the new absolute line offset. */
  nestedParse(block: readonly Line[] | LineView, inputOffset: number, node: RstNode, matchTitles = false): number {
    const view = Array.isArray(block) ? viewOf(block as Line[]) : (block as LineView);
    const sm = runMachine(this.core, view, inputOffset, node, matchTitles, 'Body');
    return sm.absLineOffset();
  }

  nestedListParse(
    block: LineView,
    inputOffset: number,
    node: RstNode,
    initialState: string,
    blankFinish: boolean,
    blankFinishState?: string,
    extra?: (s: State) => void,
    matchTitles = false,
  ): [number, boolean] {
    const bfState = blankFinishState ?? initialState;
    const sm = new Machine(this.core, createState, initialState);
    sm.getState(bfState).blankFinish = blankFinish;
    if (extra) extra(sm.getState(initialState));
    sm.run(block, inputOffset, node, matchTitles);
    return [sm.absLineOffset(), sm.getState(bfState).blankFinish];
  }

  services(): ParserServices {
    return (this._services ??= makeServices(this));
  }

  inlineText(lines: readonly Line[], lineno: number): { nodes: RstNode[]; messages: RstNode[] } {
    const core = this.core;
    if (!lines.length) return { nodes: [], messages: [] };
    const tm = new TextMap(core.srcOf(lines[0]!), lines);
    if (core.inline) {
      try {
        return core.inline(tm, this.services(), lineno, { parent: this.parent });
      } catch (e) {
        const msg = core.msg(4, 'internal-error', `Internal error in inline parser: ${(e as Error)?.message ?? e}`, {
          line: lineno,
        });
        return { nodes: [{ type: 'text', value: tm.text, position: tm.position(0, tm.text.length) }], messages: [msg] };
      }
    }
    if (!tm.text) return { nodes: [], messages: [] };
    return { nodes: [{ type: 'text', value: tm.text, position: tm.position(0, tm.text.length) }], messages: [] };
  }

  unindentWarning(nodeName: string): RstNode {
    const lineno = this.sm.absLineNumber() + 1;
    const l = this.sm.lineAt(this.sm.lineOffset + 1) ?? this.sm.cur;
    return this.core.msg(2, `${nodeName.toLowerCase().replace(/ /g, '-')}-unexpected-unindent`, `${nodeName} ends without a blank line; unexpected unindent.`, {
      line: lineno,
      position: l ? pos(this.core, l) : undefined,
    });
  }

  goto(absOffset: number): void {
    this.sm.gotoLineSafe(absOffset);
  }

  // -- sections -------------------------------------------------------------------------------

  section(titleLines: Line[], source: string, style: string, lineno: number, messages: RstNode[], start: Line): void {
    if (this.checkSubsection(source, style, lineno, start)) this.newSubsection(titleLines, lineno, messages, start);
  }

  checkSubsection(source: string, style: string, lineno: number, start: Line): boolean {
    const core = this.core;
    const styles = core.titleStyles;
    const mylevel = core.sectionLevel;
    const idx = styles.indexOf(style);
    if (idx < 0) {
      if (styles.length === core.sectionLevel) {
        styles.push(style);
        return true;
      }
      this.append(this.parent, this.titleInconsistent(source, lineno, start));
      return false;
    }
    const level = idx + 1;
    if (level <= mylevel) {
      core.sectionLevel = level;
      if (style.length === 2) core.sectionBubbleUpKludge = true;
      this.sm.previousLine(style.length + 1);
      throw EOF;
    }
    if (level === mylevel + 1) return true;
    this.append(this.parent, this.titleInconsistent(source, lineno, start));
    return false;
  }

  titleInconsistent(source: string, lineno: number, start: Line): RstNode {
    const cur = this.sm.cur ?? start;
    return this.core.msg(4, 'title-level-inconsistent', 'Title level inconsistent:', {
      line: lineno,
      detail: source,
      position: pos(this.core, start, cur),
    });
  }

  newSubsection(titleLines: Line[], lineno: number, messages: RstNode[], start: Line): void {
    const core = this.core;
    const mylevel = core.sectionLevel;
    core.sectionLevel++;
    const section: RstNode = { type: 'section', children: [] };
    const first = titleLines[0]!;
    const last = titleLines[titleLines.length - 1]!;
    section.position = core.linesPos(start, this.sm.cur!);
    this.append(this.parent, section);
    const { nodes, messages: titleMessages } = this.inlineText(titleLines, lineno);
    const title: RstNode = { type: 'title', children: nodes.slice(), position: pos(core, first, last) };
    core.adoptChildren(title);
    const name = fullyNormalizeName(nodesText(nodes));
    attrs(section).names = [name];
    this.append(section, title);
    this.appendAll(section, messages);
    this.appendAll(section, titleMessages);
    core.doc.noteImplicitTarget(section, section);
    const offset = this.sm.lineOffset + 1;
    const absoffset = this.sm.absLineOffset() + 1;
    const newabsoffset = this.nestedParse(this.sm.viewFrom(offset), absoffset, section, true);
    extendToChildren(section);
    this.goto(newabsoffset);
    if (core.sectionLevel <= mylevel) throw EOF;
    core.sectionLevel = mylevel;
  }

  /** Returns [nodes, literalnext]. */
  paragraph(lines: Line[], lineno: number): [RstNode[], boolean] {
    // data = rstrip(joinLines(lines)), read in place (not built)
    const total = joinedLength(lines);
    const dataLen = joinedRstripLen(lines, total, total);
    let textLen = dataLen;
    let literalnext = false;
    if (dataLen >= 2 && joinedCharCode(lines, dataLen - 1, total) === 58 && joinedCharCode(lines, dataLen - 2, total) === 58) {
      let bs = 0;
      for (let i = dataLen - 3; i >= 0 && joinedCharCode(lines, i, total) === 92; i--) bs++;
      if (bs % 2 === 0) {
        if (dataLen === 2) return [[], true];
        const c = joinedCharCode(lines, dataLen - 3, total);
        if (c === 32 || c === 10) textLen = joinedRstripLen(lines, dataLen - 3, total);
        else textLen = dataLen - 1;
        literalnext = true;
      }
    }
    const textLines = textLen === dataLen ? trimBlankTail(lines) : truncateLines(lines, textLen);
    const { nodes, messages } = this.inlineText(textLines, lineno);
    const last = lastNonBlank(lines) ?? lines[lines.length - 1]!;
    const p: RstNode = { type: 'paragraph', children: nodes.slice(), position: pos(this.core, lines[0]!, last) };
    this.core.adoptChildren(p);
    setLine(p, this.sm.srcLine(lineno));
    return [messages.length ? [p, ...messages] : [p], literalnext];
  }
}

/** joinLines(lines).length */
function joinedLength(lines: readonly Line[]): number {
  let n = lines.length ? lines.length - 1 : 0;
  for (let i = 0; i < lines.length; i++) n += lines[i]!.text.length;
  return n;
}

/** joinLines(lines).charCodeAt(q) for 0 <= q < total (= joinedLength(lines)); looks from the end. */
function joinedCharCode(lines: readonly Line[], q: number, total: number): number {
  let i = lines.length - 1;
  let start = total - lines[i]!.text.length;
  while (q < start) {
    i--;
    start -= lines[i]!.text.length + 1;
  }
  const t = lines[i]!.text;
  return q - start < t.length ? t.charCodeAt(q - start) : 10;
}

/** rstrip(joinLines(lines).slice(0, upto)).length */
function joinedRstripLen(lines: readonly Line[], upto: number, total: number): number {
  let p = upto;
  while (p > 0 && isPySpace(joinedCharCode(lines, p - 1, total))) p--;
  return p;
}

function trimBlankTail(lines: Line[]): Line[] {
  let e = lines.length;
  while (e > 0 && isBlankText(lines[e - 1]!.text)) e--;
  return e === lines.length ? lines : lines.slice(0, e);
}

export function nodesText(nodes: readonly RstNode[]): string {
  let s = '';
  for (const n of nodes) s += nodeText(n);
  return s;
}

export function nodeText(n: RstNode): string {
  if (n.type === 'text') return n.value ?? '';
  if (n.type === 'system_message') return '';
  if (!n.children) return n.value ?? '';
  return nodesText(n.children);
}

// ---------------------------------------------------------------------------------------------

export class Body extends RSTState {
  // StateWS.blank: nop
  blank(_m: Match, context: Line[], next: string): Result {
    return result(context, next);
  }

  indent(_m: Match, _context: Line[], next: string): Result {
    const { indented, offset, blankFinish } = this.sm.getIndented();
    const elements = this.blockQuote(indented, offset);
    this.appendAll(this.parent, elements);
    if (!blankFinish) this.append(this.parent, this.unindentWarning('Block quote'));
    return result(NO_CONTEXT, next);
  }

  blockQuote(indented: Line[] | null, lineOffset: number): RstNode[] {
    const elements: RstNode[] = [];
    const core = this.core;
    while (indented && indented.length) {
      const bq: RstNode = { type: 'block_quote', children: [] };
      setLine(bq, this.sm.srcLine(lineOffset + 1));
      const split = this.splitAttribution(indented, lineOffset);
      const bqLines = split.quote;
      const lastLine = lastNonBlank(bqLines) ?? bqLines[0] ?? indented[0]!;
      bq.position = pos(core, bqLines[0] ?? indented[0]!, lastLine);
      this.nestedParse(bqLines, lineOffset, bq);
      elements.push(bq);
      if (split.attribution) {
        const { node, messages } = this.parseAttribution(split.attribution, lineOffset + split.attributionOffset!);
        core.append(bq, node);
        elements.push(...messages);
        extendToChildren(bq);
      }
      indented = split.rest;
      lineOffset = split.restOffset ?? lineOffset;
      while (indented && indented.length && !indented[0]!.text) {
        indented = indented.slice(1);
        lineOffset++;
      }
    }
    return elements;
  }

  splitAttribution(
    indented: Line[],
    lineOffset: number,
  ): { quote: Line[]; attribution?: Line[]; attributionOffset?: number; rest: Line[] | null; restOffset?: number } {
    let blank: number | null = null;
    let nonblankSeen = false;
    for (let i = 0; i < indented.length; i++) {
      const line = rstrip(indented[i]!.text);
      if (line) {
        if (nonblankSeen && blank === i - 1) {
          const m = ATTRIBUTION_RE.exec(line);
          if (m) {
            const __t1 = this.checkAttribution(indented, i);
            const attributionEnd = __t1[0], indent = __t1[1];
            if (attributionEnd !== null) {
              const a = indented.slice(i, attributionEnd);
              a[0] = trimLine(a[0]!, m[0].length);
              for (let k = 1; k < a.length; k++) a[k] = trimLine(a[k]!, indent!);
              return {
                quote: indented.slice(0, i),
                attribution: a,
                attributionOffset: i,
                rest: indented.slice(attributionEnd),
                restOffset: lineOffset + attributionEnd,
              };
            }
          }
        }
        nonblankSeen = true;
      } else blank = i;
    }
    return { quote: indented, rest: null };
  }

  checkAttribution(indented: Line[], start: number): [number | null, number | null] {
    let indent: number | null = null;
    let i = start + 1;
    let broke = false;
    for (; i < indented.length; i++) {
      const line = rstrip(indented[i]!.text);
      if (!line) {
        broke = true;
        break;
      }
      const li = lstripLen(line);
      if (indent === null) indent = li;
      else if (li !== indent) return [null, null];
    }
    if (!broke) i = indented.length; // python's for/else: index after the last line
    return [i, indent ?? 0];
  }

  parseAttribution(lines: Line[], lineOffset: number): { node: RstNode; messages: RstNode[] } {
    const lineno = 1 + lineOffset;
    const textLines = trimBlankTail(lines);
    const { nodes, messages } = this.inlineText(textLines, lineno);
    const last = lastNonBlank(lines) ?? lines[0]!;
    const node: RstNode = { type: 'attribution', children: nodes.slice(), position: pos(this.core, lines[0]!, last) };
    this.core.adoptChildren(node);
    setLine(node, this.sm.srcLine(lineno));
    return { node, messages };
  }

  bullet(m: Match, _context: Line[], next: string): Result {
    const start = this.sm.cur!;
    const list: RstNode = { type: 'bullet_list', attributes: { bullet: m.string[0]! }, children: [], position: pos(this.core, start) };
    setLine(list, this.sm.srcLine());
    this.append(this.parent, list);
    const __t2 = this.listItem(m.end);
    const item = __t2[0], bf = __t2[1];
    this.append(list, item);
    const offset = this.sm.lineOffset + 1;
    const __t3 = this.nestedListParse(this.sm.viewFrom(offset), this.sm.absLineOffset() + 1, list, 'BulletList', bf);
    const newOffset = __t3[0], blankFinish = __t3[1];
    extendToChildren(list);
    this.goto(newOffset);
    if (!blankFinish) this.append(this.parent, this.unindentWarning('Bullet list'));
    return result(NO_CONTEXT, next);
  }

  listItem(indent: number): [RstNode, boolean] {
    const start = this.sm.cur!;
    let indented: Line[];
    let lineOffset: number;
    let blankFinish: boolean;
    if (this.sm.line.length > indent) {
      ({ indented, offset: lineOffset, blankFinish } = this.sm.getKnownIndented(indent));
    } else {
      ({ indented, offset: lineOffset, blankFinish } = this.sm.getFirstKnownIndented(indent));
    }
    const last = lastNonBlank(indented) ?? start;
    const item: RstNode = { type: 'list_item', children: [], position: pos(this.core, start, last) };
    item.position!.start = this.core.pointIn(start);
    if (indented.length) this.nestedParse(indented, lineOffset, item);
    return [item, blankFinish];
  }

  enumerator(m: Match, _context: Line[], next: string): Result {
    const { format, sequence, text, ordinal } = this.parseEnumerator(m);
    if (!this.isEnumeratedListItem(ordinal, sequence, format)) throw new TransitionCorrection('text');
    const start = this.sm.cur!;
    const list: RstNode = { type: 'enumerated_list', children: [], position: pos(this.core, start) };
    this.append(this.parent, list);
    const a = attrs(list);
    a.enumtype = sequence === '#' ? 'arabic' : sequence;
    a.prefix = FORMATINFO[format]!.prefix;
    a.suffix = FORMATINFO[format]!.suffix;
    if (ordinal !== 1) {
      a.start = ordinal;
      const msg = this.core.msg(1, 'enumerated-list-start-not-ordinal-1', `Enumerated list start value not ordinal-1: "${text}" (ordinal ${ordinal})`, {
        position: this.core.span(start, 0, m.end),
      });
      this.append(this.parent, msg);
    }
    const __t4 = this.listItem(m.end);
    const item = __t4[0], bf = __t4[1];
    this.append(list, item);
    const offset = this.sm.lineOffset + 1;
    const __t5 = this.nestedListParse(
      this.sm.viewFrom(offset),
      this.sm.absLineOffset() + 1,
      list,
      'EnumeratedList',
      bf,
      undefined,
      (s) => {
        const e = s as EnumeratedList;
        e.lastordinal = ordinal!;
        e.format = format;
        e.auto = sequence === '#';
      },
    );
    const newOffset = __t5[0], blankFinish = __t5[1];
    extendToChildren(list);
    this.goto(newOffset);
    if (!blankFinish) this.append(this.parent, this.unindentWarning('Enumerated list'));
    return result(NO_CONTEXT, next);
  }

  parseEnumerator(m: Match, expected?: string): { format: string; sequence: string; text: string; ordinal: number | null } {
    const g = m.re!.groups!;
    let format = 'period';
    for (const f of ['parens', 'rparen', 'period']) {
      if (g[f]) {
        format = f;
        break;
      }
    }
    const whole = g[format]!;
    const fi = FORMATINFO[format]!;
    const text = whole.slice(fi.start, whole.length + fi.end);
    let sequence = '';
    if (text === '#') sequence = '#';
    else if (expected) {
      if (SEQUENCE_RES[expected]?.test(text)) sequence = expected;
    } else if (text === 'i') sequence = 'lowerroman';
    else if (text === 'I') sequence = 'upperroman';
    if (!sequence) {
      for (const s of SEQUENCES) {
        sequence = s;
        if (SEQUENCE_RES[s]!.test(text)) break;
      }
    }
    const ordinal = sequence === '#' ? 1 : convertOrdinal(sequence, text);
    return { format, sequence, text, ordinal };
  }

  isEnumeratedListItem(ordinal: number | null, sequence: string, format: string): boolean {
    if (ordinal === null) return false;
    let nextLine: string;
    try {
      nextLine = this.sm.nextLine();
    } catch (e) {
      if (e !== EOF) throw e;
      this.sm.previousLine();
      return true;
    }
    this.sm.previousLine();
    if (!nextLine.length || nextLine.charCodeAt(0) === 32 || isBlankText(nextLine.slice(0, 1))) return true;
    const r = makeEnumerator(ordinal + 1, sequence, format);
    if (r && (nextLine.startsWith(r[0]) || nextLine.startsWith(r[1]))) return true;
    return false;
  }

  field_marker(m: Match, _context: Line[], next: string): Result {
    const list: RstNode = { type: 'field_list', children: [], position: pos(this.core, this.sm.cur!) };
    this.append(this.parent, list);
    const __t6 = this.field(m);
    const field = __t6[0], bf = __t6[1];
    this.append(list, field);
    const offset = this.sm.lineOffset + 1;
    const __t7 = this.nestedListParse(this.sm.viewFrom(offset), this.sm.absLineOffset() + 1, list, 'FieldList', bf);
    const newOffset = __t7[0], blankFinish = __t7[1];
    extendToChildren(list);
    this.goto(newOffset);
    if (!blankFinish) this.append(this.parent, this.unindentWarning('Field list'));
    return result(NO_CONTEXT, next);
  }

  field(m: Match): [RstNode, boolean] {
    const start = this.sm.cur!;
    const group = m.string.slice(0, m.end);
    const name = group.slice(1, group.lastIndexOf(':'));
    const nameLine = sliceLine(start, 1, 1 + name.length);
    const srcline = this.sm.srcLine();
    const lineno = this.sm.absLineNumber();
    const { indented, offset, blankFinish } = this.sm.getFirstKnownIndented(m.end);
    const last = lastNonBlank(indented) ?? start;
    const field: RstNode = { type: 'field', children: [], position: pos(this.core, start, last) };
    field.position!.start = this.core.pointIn(start);
    setLine(field, srcline);
    const { nodes, messages } = this.inlineText([nameLine], lineno);
    const fname: RstNode = { type: 'field_name', children: nodes.slice(), position: pos(this.core, nameLine) };
    this.core.adoptChildren(fname);
    this.core.append(field, fname);
    const body: RstNode = { type: 'field_body', children: [] };
    const firstBody = indented.find((l) => !isBlankText(l.text));
    if (firstBody && last) body.position = pos(this.core, firstBody, last);
    for (const msg of messages) this.core.append(body, msg);
    this.core.append(field, body);
    if (indented.length) this.parseFieldBody(indented, offset, body);
    return [field, blankFinish];
  }

  parseFieldBody(indented: Line[], offset: number, node: RstNode): void {
    this.nestedParse(indented, offset, node);
  }

  option_marker(m: Match, _context: Line[], next: string): Result {
    const list: RstNode = { type: 'option_list', children: [], position: pos(this.core, this.sm.cur!) };
    setLine(list, this.sm.srcLine());
    const r = this.optionListItem(m);
    if (!r) {
      // parse_option_marker failed: report and treat as a block quote
      const msg = this.core.msg(3, 'invalid-option-list-marker', 'Invalid option list marker: ' + this.optionError, {
        position: pos(this.core, this.sm.cur!),
      });
      this.append(this.parent, msg);
      const { indented, offset, blankFinish } = this.sm.getFirstKnownIndented(m.end);
      this.appendAll(this.parent, this.blockQuote(indented, offset));
      if (!blankFinish) this.append(this.parent, this.unindentWarning('Option list'));
      return result(NO_CONTEXT, next);
    }
    const __t8 = r;
    const item = __t8[0], bf = __t8[1];
    this.append(this.parent, list);
    this.append(list, item);
    const offset = this.sm.lineOffset + 1;
    const __t9 = this.nestedListParse(this.sm.viewFrom(offset), this.sm.absLineOffset() + 1, list, 'OptionList', bf);
    const newOffset = __t9[0], blankFinish = __t9[1];
    extendToChildren(list);
    this.goto(newOffset);
    if (!blankFinish) this.append(this.parent, this.unindentWarning('Option list'));
    return result(NO_CONTEXT, next);
  }

  declare protected optionError: string;

  /** Returns null on MarkupError; throws TransitionCorrection('text') when not an item. */
  optionListItem(m: Match): [RstNode, boolean] | null {
    const start = this.sm.cur!;
    const offset0 = this.sm.absLineOffset();
    const options = this.parseOptionMarker(m, start);
    if (!options) return null;
    const { indented, offset, blankFinish } = this.sm.getFirstKnownIndented(m.end);
    if (!indented.length) {
      this.goto(offset0);
      throw new TransitionCorrection('text');
    }
    const group: RstNode = {
      type: 'option_group',
      children: [],
      position: this.core.span(start, 0, rstrip(m.string.slice(0, m.end)).length),
    };
    for (const o of options) this.core.append(group, o);
    const last = lastNonBlank(indented) ?? start;
    const desc: RstNode = { type: 'description', children: [] };
    const firstDesc = indented.find((l) => !isBlankText(l.text));
    if (firstDesc) desc.position = pos(this.core, firstDesc, last);
    const item: RstNode = { type: 'option_list_item', children: [], position: pos(this.core, start, last) };
    item.position!.start = this.core.pointIn(start);
    this.core.append(item, group);
    this.core.append(item, desc);
    this.nestedParse(indented, offset, desc);
    return [item, blankFinish];
  }

  parseOptionMarker(m: Match, line: Line): RstNode[] | null {
    const optlist: RstNode[] = [];
    const whole = rstrip(m.string.slice(0, m.end));
    let at = 0;
    for (const optionstring of whole.split(', ')) {
      const optStart = whole.indexOf(optionstring, at);
      at = optStart + optionstring.length;
      let tokens = splitWhitespace(optionstring);
      let delimiter = ' ';
      const firstopt = splitOnce(tokens[0]!, '=');
      if (firstopt.length > 1) {
        tokens = [...firstopt, ...tokens.slice(1)];
        delimiter = '=';
      } else if (tokens[0]!.length > 2 && ((tokens[0]!.startsWith('-') && !tokens[0]!.startsWith('--')) || tokens[0]!.startsWith('+'))) {
        tokens = [tokens[0]!.slice(0, 2), tokens[0]!.slice(2), ...tokens.slice(1)];
        delimiter = '';
      }
      if (tokens.length > 1 && tokens[1]!.startsWith('<') && tokens[tokens.length - 1]!.endsWith('>')) {
        tokens = [tokens[0]!, tokens.slice(1).join(' ')];
      }
      if (tokens.length > 0 && tokens.length <= 2) {
        const src = this.core.srcOf(line);
        const option: RstNode = {
          type: 'option',
          children: [],
          position: src.range(line.index, line.col + optStart, line.index, line.col + optStart + optionstring.length),
        };
        const os: RstNode = {
          type: 'option_string',
          children: [{ type: 'text', value: tokens[0]! }],
          position: src.range(line.index, line.col + optStart, line.index, line.col + optStart + tokens[0]!.length),
        };
        this.core.append(option, os);
        if (tokens.length > 1) {
          const argAt = optionstring.lastIndexOf(tokens[1]!.split(' ')[0]!);
          const argStart = optStart + Math.max(tokens[0]!.length, argAt);
          const oa: RstNode = {
            type: 'option_argument',
            attributes: { delimiter },
            children: [{ type: 'text', value: tokens[1]! }],
            position: src.range(line.index, line.col + argStart, line.index, line.col + optStart + optionstring.length),
          };
          this.core.append(option, oa);
        }
        optlist.push(option);
      } else {
        this.optionError = `wrong number of option tokens (=${tokens.length}), should be 1 or 2: "${optionstring}"`;
        return null;
      }
    }
    return optlist;
  }

  doctest(_m: Match, _context: Line[], next: string): Result {
    const block = this.sm.getTextBlock();
    const data = joinLines(block);
    const node: RstNode = {
      type: 'doctest_block',
      attributes: { 'xml:space': 'preserve' },
      children: [{ type: 'text', value: data }],
      position: pos(this.core, block[0]!, block[block.length - 1]!),
    };
    node.children![0]!.position = node.position;
    this.append(this.parent, node);
    return result(NO_CONTEXT, next);
  }

  line_block(m: Match, _context: Line[], next: string): Result {
    const start = this.sm.cur!;
    const block: RstNode = { type: 'line_block', children: [], position: pos(this.core, start) };
    this.append(this.parent, block);
    const lineno = this.sm.absLineNumber();
    const __t10 = this.lineBlockLine(m, lineno);
    const line = __t10[0], messages = __t10[1], bf = __t10[2];
    this.append(block, line);
    this.appendAll(this.parent, messages);
    let blankFinish = bf;
    if (!blankFinish) {
      const offset = this.sm.lineOffset + 1;
      const __t11 = this.nestedListParse(this.sm.viewFrom(offset), this.sm.absLineOffset() + 1, block, 'LineBlock', false);
      const newOffset = __t11[0], b = __t11[1];
      blankFinish = b;
      this.goto(newOffset);
    }
    extendToChildren(block);
    if (!blankFinish) {
      this.append(
        this.parent,
        this.core.msg(2, 'line-block-unexpected-unindent', 'Line block ends without a blank line.', {
          line: lineno + 1,
          position: this.sm.lineAt(this.sm.lineOffset + 1) ? pos(this.core, this.sm.lineAt(this.sm.lineOffset + 1)!) : undefined,
        }),
      );
    }
    if (block.children!.length) {
      const first = block.children![0]!;
      if (this.core.lineIndent.get(first) === undefined) this.core.lineIndent.set(first, 0);
      this.nestLineBlockLines(block);
    }
    return result(NO_CONTEXT, next);
  }

  lineBlockLine(m: Match, lineno: number): [RstNode, RstNode[], boolean] {
    const start = this.sm.cur!;
    const { indented, blankFinish } = this.sm.getFirstKnownIndented(m.end, true);
    const textLines = trimBlankTail(indented);
    const { nodes, messages } = this.inlineText(textLines, lineno);
    const last = lastNonBlank(indented) ?? start;
    const line: RstNode = { type: 'line', children: nodes.slice(), position: pos(this.core, start, last) };
    line.position!.start = this.core.pointIn(start);
    if (textLines.length && textLines[0]!.text.length) line.position!.start = this.core.pointIn(textLines[0]!);
    this.core.adoptChildren(line);
    if (rstrip(m.string) !== '|') this.core.lineIndent.set(line, (m.re![1] ?? '').length - 1);
    return [line, messages, blankFinish];
  }

  nestLineBlockLines(block: RstNode): void {
    const kids = block.children!;
    for (let i = 1; i < kids.length; i++) {
      if (this.core.lineIndent.get(kids[i]!) === undefined) this.core.lineIndent.set(kids[i]!, this.core.lineIndent.get(kids[i - 1]!));
    }
    this.nestLineBlockSegment(block);
  }

  nestLineBlockSegment(block: RstNode): void {
    const kids = block.children!;
    const ind = (n: RstNode): number => this.core.lineIndent.get(n) ?? 0;
    let least = Infinity;
    for (const k of kids) least = Math.min(least, ind(k));
    const newItems: RstNode[] = [];
    let nb: RstNode = { type: 'line_block', children: [] };
    const flush = (): void => {
      if (nb.children!.length) {
        const first = nb.children![0]!;
        const last = nb.children![nb.children!.length - 1]!;
        if (first.position && last.position) nb.position = { start: first.position.start, end: last.position.end };
        this.core.lineIndent.set(nb, ind(first));
        this.nestLineBlockSegment(nb);
        newItems.push(nb);
        nb = { type: 'line_block', children: [] };
      }
    };
    for (const item of kids) {
      if (ind(item) > least) nb.children!.push(item);
      else {
        flush();
        newItems.push(item);
      }
    }
    flush();
    block.children = newItems;
  }

  grid_table_top(m: Match, context: Line[], next: string): Result {
    return this.tableTop('grid', m, context, next);
  }

  simple_table_top(m: Match, context: Line[], next: string): Result {
    return this.tableTop('simple', m, context, next);
  }

  tableTop(kind: 'grid' | 'simple', _m: Match, _context: Line[], next: string): Result {
    const core = this.core;
    if (!core.tables) throw new TransitionCorrection('text');
    const view = this.sm.lines;
    const lines = view.arr.slice(view.start, view.end);
    const start = this.sm.lineOffset;
    let res: { nodes: RstNode[]; next: number };
    try {
      res = core.tables(kind, lines, start, this.services());
    } catch (e) {
      const msg = core.msg(4, 'internal-error', `Internal error in table parser: ${(e as Error)?.message ?? e}`, {
        position: pos(core, this.sm.cur!),
      });
      this.append(this.parent, msg);
      this.sm.getTextBlock();
      return result(NO_CONTEXT, next);
    }
    const nextIdx = Math.max(start + 1, Math.min(res.next, lines.length));
    this.sm.lineOffset = nextIdx - 1;
    this.sm.gotoLineSafe(this.sm.absLineOffset());
    // docutils' isolate_grid_table can step back further than the table's bottom border (a table
    // followed by `|` lines without a blank line): the lines after the resume point are parsed
    // again, so the table's range ends with the last line the machine consumed.
    const lastUsed = lines[nextIdx - 1];
    if (lastUsed) {
      const end = core.pointIn(lastUsed, lastUsed.text.length);
      for (const n of res.nodes) {
        const p = n.position;
        if (n.type === 'table' && p && core.srcOf(lastUsed) === core.srcOf(lines[start]!) && end.offset < p.end.offset && end.offset >= p.start.offset)
          p.end = end;
      }
    }
    this.appendAll(this.parent, res.nodes);
    const after = lines[nextIdx];
    if (after && !isBlankText(after.text)) {
      this.append(
        this.parent,
        core.msg(2, 'table-blank-line-required', 'Blank line required after table.', {
          line: this.sm.absLineNumber() + 1,
          position: pos(core, after),
        }),
      );
    }
    return result(NO_CONTEXT, next);
  }

  // -- explicit markup ------------------------------------------------------------------------

  footnote(m: RegExpExecArray): [RstNode[], boolean] {
    const start = this.sm.cur!;
    const srcline = this.sm.srcLine();
    const { indented, offset, blankFinish } = this.sm.getFirstKnownIndented(m[0].length);
    const label = m[1]!;
    let name = fullyNormalizeName(label);
    const last = lastNonBlank(indented) ?? start;
    const footnote: RstNode = { type: 'footnote', children: [], position: pos(this.core, start, last) };
    footnote.position!.start = this.core.pointIn(start);
    setLine(footnote, srcline);
    const doc = this.core.doc;
    const a = attrs(footnote);
    if (name[0] === '#') {
      name = name.slice(1);
      a.auto = 1;
      if (name) a.names = [name];
      doc.noteAutofootnote(footnote);
    } else if (name === '*') {
      name = '';
      a.auto = '*';
      doc.noteSymbolFootnote(footnote);
    } else {
      const labelStart = start.text.indexOf('[') + 1;
      this.core.append(footnote, {
        type: 'label',
        children: [{ type: 'text', value: label }],
        position: this.core.span(start, labelStart, labelStart + label.length),
      });
      a.names = [name];
      doc.noteFootnote(footnote);
    }
    if (name) doc.noteExplicitTarget(footnote, footnote);
    else doc.setId(footnote, footnote);
    if (indented.length) this.nestedParse(indented, offset, footnote);
    return [[footnote], blankFinish];
  }

  citation(m: RegExpExecArray): [RstNode[], boolean] {
    const start = this.sm.cur!;
    const srcline = this.sm.srcLine();
    const { indented, offset, blankFinish } = this.sm.getFirstKnownIndented(m[0].length);
    const label = m[1]!;
    const name = fullyNormalizeName(label);
    const last = lastNonBlank(indented) ?? start;
    const citation: RstNode = { type: 'citation', children: [], position: pos(this.core, start, last) };
    citation.position!.start = this.core.pointIn(start);
    setLine(citation, srcline);
    const labelStart = start.text.indexOf('[') + 1;
    this.core.append(citation, {
      type: 'label',
      children: [{ type: 'text', value: label }],
      position: this.core.span(start, labelStart, labelStart + label.length),
    });
    attrs(citation).names = [name];
    this.core.doc.noteCitation(citation);
    this.core.doc.noteExplicitTarget(citation, citation);
    if (indented.length) this.nestedParse(indented, offset, citation);
    return [[citation], blankFinish];
  }

  hyperlinkTarget(m: RegExpExecArray): [RstNode[], boolean] | string {
    const start = this.sm.cur!;
    const lineno = this.sm.absLineNumber();
    const { indented: block0, blankFinish } = this.sm.getFirstKnownIndented(m[0].length, true, false);
    const blocktext = m.input.slice(0, m[0].length) + joinLines(block0);
    const escapedLines = block0.map((l) => escape2null(l.text));
    let escaped = escapedLines[0] ?? '';
    let blockindex = 0;
    let tm: RegExpExecArray | null;
    for (;;) {
      tm = TARGET_RE.exec(escaped);
      if (tm) break;
      blockindex++;
      if (blockindex >= escapedLines.length) return 'malformed hyperlink target.';
      escaped += escapedLines[blockindex];
    }
    const block = escapedLines.slice(blockindex);
    const s = block[0] + ' ';
    const k = tm[0].length - escaped.length - 1;
    block[0] = s.slice(Math.max(0, s.length + k)).trim();
    const last = lastNonBlank(block0) ?? start;
    const target = this.makeTarget(block, blocktext, lineno, tm.groups?.name ?? '', pos(this.core, start, last));
    if (target.position) target.position.start = this.core.pointIn(start);
    return [[target], blankFinish];
  }

  makeTarget(block: string[], blockText: string, lineno: number, targetName: string, position: Position): RstNode {
    const __t12 = this.parseTarget(block);
    const kind = __t12[0], data = __t12[1];
    void blockText;
    if (kind === 'refname') {
      const target: RstNode = { type: 'target', attributes: { refname: fullyNormalizeName(data) }, children: [], position };
      this.addTarget(targetName, '', target, lineno);
      this.core.doc.noteIndirectTarget(target);
      return target;
    }
    const target: RstNode = { type: 'target', children: [], position };
    this.addTarget(targetName, data, target, lineno);
    return target;
  }

  parseTarget(block: string[]): ['refname' | 'refuri', string] {
    if (block.length && block[block.length - 1]!.trim().endsWith('_')) {
      const reference = block.map((l) => pyStrip(l)).join(' ');
      const refname = this.isReference(reference);
      if (refname !== null) return ['refname', refname];
    }
    const parts = splitEscapedWhitespace(block.join(' '));
    const reference = parts.map((p) => splitWhitespace(unescape(p)).join('')).join(' ');
    return ['refuri', reference];
  }

  isReference(reference: string): string | null {
    const m = REFERENCE_RE.exec(whitespaceNormalizeName(reference));
    if (!m) return null;
    return unescape(m.groups?.simple ?? m.groups?.phrase ?? '');
  }

  addTarget(targetName: string, refuri: string, target: RstNode, lineno: number): void {
    // docutils sets target.line = lineno, an absolute line (included lines count); messages about
    // the target map it back while it has no source yet (DocumentState.lineOpt does that).
    setLine(target, lineno);
    const doc = this.core.doc;
    if (targetName) {
      const name = fullyNormalizeName(unescape(targetName));
      attrs(target).names = [name];
      if (refuri) attrs(target).refuri = adjustUri(refuri);
      doc.noteExplicitTarget(target, this.parent);
    } else {
      if (refuri) attrs(target).refuri = refuri;
      attrs(target).anonymous = 1;
      doc.noteAnonymousTarget(target);
    }
  }

  substitutionDef(m: RegExpExecArray): [RstNode[], boolean] | string {
    const core = this.core;
    const start = this.sm.cur!;
    const srcline = this.sm.srcLine();
    const r = this.sm.getFirstKnownIndented(m[0].length, false, false);
    let block = r.indented;
    let offset = r.offset;
    const blankFinish = r.blankFinish;
    const blocktext = m.input.slice(0, m[0].length) + joinLines(block);
    let escaped = escape2null(rstrip(block[0]?.text ?? ''));
    let blockindex = 0;
    let sm: RegExpExecArray | null;
    for (;;) {
      sm = SUBSTITUTION_RE.exec(escaped);
      if (sm) break;
      blockindex++;
      if (blockindex >= block.length) return 'malformed substitution definition.';
      escaped = escaped + ' ' + escape2null(pyStrip(block[blockindex]!.text));
    }
    block = block.slice(blockindex);
    const st = sm[0].length - escaped.length - 1;
    {
      const l0 = block[0]!;
      const ls = lstripLen(l0.text);
      const stripped = sliceLine(l0, ls, ls + pyStrip(l0.text).length);
      const sLen = stripped.text.length + 1;
      const from = Math.max(0, sLen + st);
      block[0] = sliceLine(stripped, Math.min(from, stripped.text.length));
    }
    if (!block[0]!.text) {
      block = block.slice(1);
      offset++;
    }
    while (block.length && isBlankText(block[block.length - 1]!.text)) block = block.slice(0, -1);
    const subname = sm.groups!.name!;
    const lastL = lastNonBlank(r.indented) ?? start;
    const position = pos(core, start, lastL);
    position.start = core.pointIn(start);
    const node: RstNode = { type: 'substitution_definition', children: [], position };
    setLine(node, srcline);
    if (!block.length) {
      const msg = core.msg(2, 'substitution-missing-contents', `Substitution definition "${subname}" missing contents.`, {
        at: start,
        detail: blocktext,
        position,
      });
      return [[msg], blankFinish];
    }
    {
      const l0 = block[0]!;
      const ls = lstripLen(l0.text);
      block[0] = sliceLine(l0, ls, ls + pyStrip(l0.text).length);
    }
    attrs(node).names = [whitespaceNormalizeName(subname)];
    const __t13 = this.nestedListParse(viewOf(block), offset, node, 'SubstitutionDef', blankFinish);
    const bf = __t13[1];
    const kids = node.children!;
    node.children = [];
    for (const k of kids) {
      if (isInlineNode(core, k)) node.children.push(k);
      else this.append(this.parent, k);
    }
    const bad = findDisallowed(node);
    if (bad) {
      const msg = core.msg(3, 'substitution-illegal-element', `Substitution definition contains illegal element <${bad.type}>:`, {
        at: start,
        detail: blocktext,
        position,
      });
      return [[msg], bf];
    }
    if (!node.children.length) {
      const msg = core.msg(2, 'substitution-empty-or-invalid', `Substitution definition "${subname}" empty or invalid.`, {
        at: start,
        detail: blocktext,
        position,
      });
      return [[msg], bf];
    }
    core.doc.noteSubstitutionDef(node, subname, this.parent);
    return [[node], bf];
  }

  directive(m: RegExpExecArray, presets?: Record<string, string>): [RstNode[], boolean] {
    return runDirectiveMatch(this, m, m[1]!, presets);
  }

  comment(m: Match): [RstNode[], boolean] {
    const start = this.sm.cur!;
    if (this.sm.isNextLineBlank()) {
      const first = m.string.slice(m.end);
      if (isBlankText(first)) {
        const c: RstNode = { type: 'comment', attributes: { 'xml:space': 'preserve' }, children: [], position: pos(this.core, start) };
        return [[c], true];
      }
      if (first.startsWith('end of inclusion from "')) {
        this.core.doc.includeLog.pop();
        return [[], true];
      }
    }
    const { indented, blankFinish } = this.sm.getFirstKnownIndented(m.end);
    const lines = trimBlankTail(indented);
    const text = joinLines(lines);
    const last = lastNonBlank(indented) ?? start;
    const position = pos(this.core, start, last);
    position.start = this.core.pointIn(start);
    const c: RstNode = { type: 'comment', attributes: { 'xml:space': 'preserve' }, children: [], position };
    if (text) {
      const first = lines.find((l) => l.text.length) ?? lines[0]!;
      c.children!.push({ type: 'text', value: text, position: pos(this.core, first, last) });
    }
    return [[c], blankFinish];
  }

  explicit_markup(m: Match, _context: Line[], next: string): Result {
    const __t14 = this.explicitConstruct(m);
    const nodes = __t14[0], bf = __t14[1];
    this.appendAll(this.parent, nodes);
    this.explicitList(bf);
    return result(NO_CONTEXT, next);
  }

  explicitConstruct(m: Match): [RstNode[], boolean] {
    const errors: RstNode[] = [];
    const text = m.string;
    const start = this.sm.cur!;
    const fail = (message: string): void => {
      errors.push(
        this.core.msg(2, 'malformed-explicit-markup', message, { line: this.sm.absLineNumber(), position: pos(this.core, start) }),
      );
    };
    let em: RegExpExecArray | null;
    let r: [RstNode[], boolean] | string | undefined;
    if ((em = FOOTNOTE_RE.exec(text))) r = this.footnote(em);
    else if ((em = CITATION_RE.exec(text))) r = this.citation(em);
    else if ((em = TARGET_START_RE.exec(text))) r = this.hyperlinkTarget(em);
    else if ((em = SUBST_START_RE.exec(text))) r = this.substitutionDef(em);
    else if ((em = DIRECTIVE_RE.exec(text))) r = this.directive(em);
    if (typeof r === 'string') {
      fail(r);
      // docutils continues with comment() from the line the construct ended on
    } else if (r) return r;
    const __t15 = this.comment(m);
    const nodes = __t15[0], bf = __t15[1];
    return [[...nodes, ...errors], bf];
  }

  explicitList(blankFinish: boolean): void {
    const offset = this.sm.lineOffset + 1;
    const __t16 = this.nestedListParse(
      this.sm.viewFrom(offset),
      this.sm.absLineOffset() + 1,
      this.parent,
      'Explicit',
      blankFinish,
      undefined,
      undefined,
      this.sm.matchTitles,
    );
    const newOffset = __t16[0], bf = __t16[1];
    this.goto(newOffset);
    if (!bf) this.append(this.parent, this.unindentWarning('Explicit markup'));
  }

  anonymous(m: Match, _context: Line[], next: string): Result {
    const __t17 = this.anonymousTarget(m);
    const nodes = __t17[0], bf = __t17[1];
    this.appendAll(this.parent, nodes);
    this.explicitList(bf);
    return result(NO_CONTEXT, next);
  }

  anonymousTarget(m: Match): [RstNode[], boolean] {
    const start = this.sm.cur!;
    const lineno = this.sm.absLineNumber();
    const { indented, blankFinish } = this.sm.getFirstKnownIndented(m.end, true);
    const blocktext = m.string.slice(0, m.end) + joinLines(indented);
    const block = indented.map((l) => escape2null(l.text));
    const last = lastNonBlank(indented) ?? start;
    const position = pos(this.core, start, last);
    position.start = this.core.pointIn(start);
    const target = this.makeTarget(block, blocktext, lineno, '', position);
    return [[target], blankFinish];
  }

  line(m: Match, _context: Line[], next: string): Result {
    const cur = this.sm.cur!;
    if (this.sm.matchTitles) return result([cur], 'Line');
    const s = m.string.trim();
    if (s === '::') throw new TransitionCorrection('text');
    if (s.length < 4) {
      this.append(
        this.parent,
        this.core.msg(
          1,
          'unexpected-possible-title-overline',
          "Unexpected possible title overline or transition.\nTreating it as ordinary text because it's so short.",
          { line: this.sm.absLineNumber(), position: pos(this.core, cur) },
        ),
      );
      throw new TransitionCorrection('text');
    }
    this.append(
      this.parent,
      this.core.msg(4, 'unexpected-section-title-or-transition', 'Unexpected section title or transition.', {
        line: this.sm.absLineNumber(),
        detail: this.sm.line,
        position: pos(this.core, cur),
      }),
    );
    return result(NO_CONTEXT, next);
  }

  text(_m: Match, _context: Line[], _next: string): Result {
    return result([this.sm.cur!], 'Text');
  }
}

function pyStrip(s: string): string {
  const a = lstripLen(s);
  return rstrip(s.slice(a));
}

function splitOnce(s: string, sep: string): string[] {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + sep.length)];
}

export function adjustUri(uri: string): string {
  return EMAIL_RE.test(uri) ? 'mailto:' + uri : uri;
}

function makeEnumerator(ordinal: number, sequence: string, format: string): [string, string] | null {
  let e: string;
  if (sequence === '#') e = '#';
  else if (sequence === 'arabic') e = String(ordinal);
  else {
    if (sequence.endsWith('alpha')) {
      if (ordinal > 26) return null;
      e = String.fromCharCode(ordinal + 0x61 - 1);
    } else {
      const r = toRoman(ordinal);
      if (r === null) return null;
      e = r;
    }
    e = sequence.startsWith('lower') ? e.toLowerCase() : e.toUpperCase();
  }
  const fi = FORMATINFO[format]!;
  return [fi.prefix + e + fi.suffix + ' ', fi.prefix + '#' + fi.suffix + ' '];
}

/** docutils element classes that are not `Inline` (what a substitution definition moves out). */
const BLOCK_TYPES = new Set([
  'paragraph', 'section', 'title', 'subtitle', 'transition', 'bullet_list', 'enumerated_list', 'list_item',
  'definition_list', 'definition_list_item', 'term', 'classifier', 'definition', 'field_list', 'field',
  'field_name', 'field_body', 'option_list', 'option_list_item', 'option_group', 'option', 'option_string',
  'option_argument', 'description', 'literal_block', 'doctest_block', 'math_block', 'line_block', 'line',
  'block_quote', 'attribution', 'attention', 'caution', 'danger', 'error', 'important', 'note', 'tip',
  'hint', 'warning', 'admonition', 'comment', 'substitution_definition', 'footnote', 'citation', 'label',
  'figure', 'caption', 'legend', 'table', 'tgroup', 'colspec', 'thead', 'tbody', 'row', 'entry',
  'system_message', 'pending', 'rubric', 'topic', 'sidebar', 'compound', 'container', 'docinfo', 'document',
  'decoration', 'header', 'footer', 'meta', 'Element',
]);

/** docutils `isinstance(node, (nodes.Inline, nodes.Text))`; unknown types produced by roles are inline,
 *  nodes named after a registered directive are not. */
/** docutils' Inline element classes (some share a name with a directive: image, raw). */
const INLINE_TYPES = new Set([
  'emphasis', 'strong', 'literal', 'reference', 'footnote_reference', 'citation_reference',
  'substitution_reference', 'title_reference', 'abbreviation', 'acronym', 'superscript', 'subscript',
  'math', 'image', 'inline', 'problematic', 'generated', 'target', 'raw',
]);

function isInlineNode(core: Core, n: RstNode): boolean {
  if (n.type === 'text' || INLINE_TYPES.has(n.type)) return true;
  if (BLOCK_TYPES.has(n.type)) return false;
  if (core.registry.roles.has(n.type)) return true;
  return !core.registry.directives.has(n.type);
}

function findDisallowed(node: RstNode): RstNode | undefined {
  let found: RstNode | undefined;
  const visit = (n: RstNode): void => {
    if (found || n.type === 'text') return;
    const a = n.attributes;
    if (
      ((a?.ids as string[] | undefined)?.length ?? 0) > 0 ||
      (n.type === 'reference' && a?.anonymous) ||
      (n.type === 'footnote_reference' && a?.auto)
    ) {
      found = n;
      return;
    }
    for (const c of n.children ?? []) visit(c);
  };
  visit(node);
  return found;
}

// ---------------------------------------------------------------------------------------------
// SpecializedBody and its subclasses

function invalidInput(this: RSTState): Result {
  this.sm.previousLine();
  throw EOF;
}

export class SpecializedBody extends Body {
  override indent(): Result {
    return invalidInput.call(this);
  }
  override bullet(_m: Match, _c: Line[], _n: string): Result {
    return invalidInput.call(this);
  }
  override enumerator(_m: Match, _c: Line[], _n: string): Result {
    return invalidInput.call(this);
  }
  override field_marker(_m: Match, _c: Line[], _n: string): Result {
    return invalidInput.call(this);
  }
  override option_marker(_m: Match, _c: Line[], _n: string): Result {
    return invalidInput.call(this);
  }
  override doctest(): Result {
    return invalidInput.call(this);
  }
  override line_block(_m: Match, _c: Line[], _n: string): Result {
    return invalidInput.call(this);
  }
  override grid_table_top(): Result {
    return invalidInput.call(this);
  }
  override simple_table_top(): Result {
    return invalidInput.call(this);
  }
  override explicit_markup(_m: Match, _c: Line[], _n: string): Result {
    return invalidInput.call(this);
  }
  override anonymous(_m: Match, _c: Line[], _n: string): Result {
    return invalidInput.call(this);
  }
  override line(): Result {
    return invalidInput.call(this);
  }
  override text(_m: Match, _c: Line[], _n: string): Result {
    return invalidInput.call(this);
  }
}

export class BulletList extends SpecializedBody {
  override bullet(m: Match, _context: Line[], next: string): Result {
    if (m.string[0] !== this.parent.attributes?.bullet) invalidInput.call(this);
    const __t18 = this.listItem(m.end);
    const item = __t18[0], bf = __t18[1];
    this.append(this.parent, item);
    this.blankFinish = bf;
    return result(NO_CONTEXT, next);
  }
}

export class DefinitionList extends SpecializedBody {
  override text(_m: Match, _context: Line[], _next: string): Result {
    return result([this.sm.cur!], 'Definition');
  }
}

export class EnumeratedList extends SpecializedBody {
  declare lastordinal: number;
  declare format: string;
  declare auto: boolean;
  override enumerator(m: Match, _context: Line[], next: string): Result {
    const { format, sequence, ordinal } = this.parseEnumerator(m, this.parent.attributes?.enumtype as string);
    if (
      format !== this.format ||
      (sequence !== '#' && (sequence !== this.parent.attributes?.enumtype || this.auto || ordinal !== this.lastordinal + 1)) ||
      !this.isEnumeratedListItem(ordinal, sequence, format)
    )
      invalidInput.call(this);
    if (sequence === '#') this.auto = true;
    const __t19 = this.listItem(m.end);
    const item = __t19[0], bf = __t19[1];
    this.append(this.parent, item);
    this.blankFinish = bf;
    this.lastordinal = ordinal!;
    return result(NO_CONTEXT, next);
  }
}

export class FieldList extends SpecializedBody {
  override field_marker(m: Match, _context: Line[], next: string): Result {
    const __t20 = this.field(m);
    const field = __t20[0], bf = __t20[1];
    this.append(this.parent, field);
    this.blankFinish = bf;
    return result(NO_CONTEXT, next);
  }
}

export class OptionList extends SpecializedBody {
  override option_marker(m: Match, _context: Line[], next: string): Result {
    const r = this.optionListItem(m);
    if (!r) invalidInput.call(this);
    const __t21 = r!;
    const item = __t21[0], bf = __t21[1];
    this.append(this.parent, item);
    this.blankFinish = bf;
    return result(NO_CONTEXT, next);
  }
}

export class ExtensionOptions extends FieldList {
  override parseFieldBody(indented: Line[], _offset: number, node: RstNode): void {
    let lines: Line[] = [];
    const flush = (): void => {
      const text = joinLines(lines);
      this.core.append(node, {
        type: 'paragraph',
        children: [{ type: 'text', value: text }],
        position: pos(this.core, lines[0]!, lines[lines.length - 1]!),
      });
      lines = [];
    };
    for (const l of indented) {
      if (!isBlankText(l.text)) lines.push(l);
      else if (lines.length) flush();
    }
    if (lines.length) flush();
  }
}

export class LineBlock extends SpecializedBody {
  override blank(): Result {
    return invalidInput.call(this);
  }
  override line_block(m: Match, _context: Line[], next: string): Result {
    const lineno = this.sm.absLineNumber();
    const __t22 = this.lineBlockLine(m, lineno);
    const line = __t22[0], messages = __t22[1], bf = __t22[2];
    this.append(this.parent, line);
    const grand = this.core.parentOf.get(this.parent);
    if (grand) this.appendAll(grand, messages);
    this.blankFinish = bf;
    return result(NO_CONTEXT, next);
  }
}

export class Explicit extends SpecializedBody {
  override explicit_markup(m: Match, _context: Line[], next: string): Result {
    const __t23 = this.explicitConstruct(m);
    const nodes = __t23[0], bf = __t23[1];
    this.appendAll(this.parent, nodes);
    this.blankFinish = bf;
    return result(NO_CONTEXT, next);
  }
  override anonymous(m: Match, _context: Line[], next: string): Result {
    const __t24 = this.anonymousTarget(m);
    const nodes = __t24[0], bf = __t24[1];
    this.appendAll(this.parent, nodes);
    this.blankFinish = bf;
    return result(NO_CONTEXT, next);
  }
  override blank(): Result {
    return invalidInput.call(this);
  }
}

export class SubstitutionDef extends Body {
  embedded_directive(m: Match): Result {
    const names = this.parent.attributes?.names as string[] | undefined;
    const __t25 = runDirectiveMatch(this, m.re!, m.re![1]!, { alt: names?.[0] ?? '' });
    const nodes = __t25[0], bf = __t25[1];
    this.appendAll(this.parent, nodes);
    if (!this.sm.atEof()) this.blankFinish = bf;
    throw EOF;
  }
  override text(): Result {
    if (!this.sm.atEof()) this.blankFinish = this.sm.isNextLineBlank();
    throw EOF;
  }
}

// ---------------------------------------------------------------------------------------------
// Text states

const CLASSIFIER_DELIM = / +: +/g;

export class Text extends RSTState {

  blank(_m: Match | null, context: Line[], _next: string | null): Result {
    const __t26 = this.paragraph(context, this.sm.absLineNumber() - 1);
    const para = __t26[0], literalnext = __t26[1];
    this.appendAll(this.parent, para);
    if (literalnext) this.appendAll(this.parent, this.literalBlock());
    return result(NO_CONTEXT, 'Body');
  }

  override eof(context: Line[]): void {
    if (context.length) this.blank(null, context, null);
  }

  indent(_m: Match, context: Line[], _next: string): Result {
    const dl: RstNode = { type: 'definition_list', children: [], position: pos(this.core, context[0]!) };
    const __t27 = this.definitionListItem(context);
    const item = __t27[0], bf = __t27[1];
    this.core.append(dl, item);
    this.append(this.parent, dl);
    const offset = this.sm.lineOffset + 1;
    const __t28 = this.nestedListParse(
      this.sm.viewFrom(offset),
      this.sm.absLineOffset() + 1,
      dl,
      'DefinitionList',
      bf,
      'Definition',
    );
    const newOffset = __t28[0], blankFinish = __t28[1];
    extendToChildren(dl);
    this.goto(newOffset);
    if (!blankFinish) this.append(this.parent, this.unindentWarning('Definition list'));
    return result(NO_CONTEXT, 'Body');
  }

  underline(m: Match, context: Line[], next: string): Result {
    const core = this.core;
    const lineno = this.sm.absLineNumber();
    const titleLine0 = context[0]!;
    const titleText = rstrip(titleLine0.text);
    const underline = rstrip(m.string);
    const source = titleText + '\n' + underline;
    const ulLine = this.sm.cur!;
    const messages: RstNode[] = [];
    if (columnWidth(titleText) > pyLen(underline)) {
      if (pyLen(underline) < 4) {
        if (this.sm.matchTitles) {
          this.append(
            this.parent,
            core.msg(1, 'title-underline-too-short-text', "Possible title underline, too short for the title.\nTreating it as ordinary text because it's so short.", {
              line: lineno,
              position: pos(core, ulLine),
            }),
          );
        }
        throw new TransitionCorrection('text');
      }
      const blocktext = titleLine0.text + '\n' + this.sm.line;
      messages.push(
        core.msg(2, 'title-underline-too-short', 'Title underline too short.', {
          line: lineno,
          detail: blocktext,
          position: pos(core, titleLine0, ulLine),
        }),
      );
    }
    if (!this.sm.matchTitles) {
      const blocktext = titleLine0.text + '\n' + this.sm.line;
      const msg = core.msg(4, 'unexpected-section-title', 'Unexpected section title.', {
        at: ulLine,
        detail: blocktext,
        position: pos(core, titleLine0, ulLine),
      });
      this.appendAll(this.parent, messages);
      this.append(this.parent, msg);
      return result(NO_CONTEXT, next);
    }
    const style = underline[0]!;
    while (context.length) context.pop();
    const titleLine = sliceLine(titleLine0, 0, titleText.length);
    this.section([titleLine], source, style, lineno - 1, messages, titleLine0);
    return result(NO_CONTEXT, next);
  }

  text(_m: Match, context: Line[], next: string): Result {
    const startline = this.sm.absLineNumber() - 1;
    let msg: RstNode | undefined;
    // the text block's lines go right after the context's (docutils: context + block)
    const lines = context;
    try {
      this.sm.getTextBlock(true, lines);
    } catch (e) {
      if (!(e instanceof UnexpectedIndentation)) throw e;
      msg = this.core.msg(3, 'unexpected-indentation', 'Unexpected indentation.', {
        at: e.line,
        position: pos(this.core, e.line),
      });
    }
    const __t29 = this.paragraph(lines, startline);
    const para = __t29[0], literalnext = __t29[1];
    this.appendAll(this.parent, para);
    if (msg) this.append(this.parent, msg);
    if (literalnext) {
      try {
        this.sm.nextLine();
      } catch (e) {
        if (e !== EOF) throw e;
      }
      this.appendAll(this.parent, this.literalBlock());
    }
    return result(NO_CONTEXT, next);
  }

  literalBlock(): RstNode[] {
    const { indented, offset, blankFinish } = this.sm.getIndented();
    const lines = trimBlankTail(indented);
    if (!lines.length) return this.quotedLiteralBlock();
    const data = joinLines(lines);
    const p = pos(this.core, lines[0]!, lines[lines.length - 1]!);
    // the block starts at the beginning of its first line's indentation removed text
    const lb: RstNode = {
      type: 'literal_block',
      attributes: { 'xml:space': 'preserve' },
      children: [{ type: 'text', value: data, position: p }],
      position: p,
    };
    setLine(lb, this.sm.srcLine(offset + 1));
    const out = [lb];
    if (!blankFinish) out.push(this.unindentWarning('Literal block'));
    return out;
  }

  quotedLiteralBlock(): RstNode[] {
    const absOffset = this.sm.absLineOffset();
    const offset = this.sm.lineOffset;
    const holder: RstNode = { type: 'Element', children: [] };
    const sm = runMachine(this.core, this.sm.viewFrom(offset), absOffset, holder, false, 'QuotedLiteralBlock');
    this.goto(sm.absLineOffset());
    return holder.children!;
  }

  definitionListItem(termline: Line[]): [RstNode, boolean] {
    const core = this.core;
    const { indented, offset, blankFinish } = this.sm.getIndented();
    const last = lastNonBlank(indented) ?? termline[0]!;
    const item: RstNode = { type: 'definition_list_item', children: [], position: pos(core, termline[0]!, last) };
    const lineno = this.sm.absLineNumber() - 1;
    setLine(item, this.sm.srcLine(lineno));
    const __t30 = this.term(termline, lineno);
    const termlist = __t30[0], messages = __t30[1];
    for (const t of termlist) core.append(item, t);
    const definition: RstNode = { type: 'definition', children: [] };
    const firstDef = indented.find((l) => !isBlankText(l.text));
    if (firstDef) definition.position = pos(core, firstDef, last);
    for (const msg of messages) core.append(definition, msg);
    core.append(item, definition);
    if (termline[0]!.text.endsWith('::')) {
      core.append(
        definition,
        core.msg(
          1,
          'definition-list-missing-blank-before-literal',
          'Blank line missing before literal block (after the "::")? Interpreted as a definition list item.',
          { line: lineno + 1, position: pos(core, termline[0]!) },
        ),
      );
    }
    this.nestedParse(indented, offset, definition);
    return [item, blankFinish];
  }

  term(lines: Line[], lineno: number): [RstNode[], RstNode[]] {
    const core = this.core;
    const termLine = lines[0]!;
    const { nodes, messages } = this.inlineText([termLine], lineno);
    const term: RstNode = { type: 'term', children: [], position: pos(core, termLine) };
    setLine(term, this.sm.srcLine(lineno));
    const list: RstNode[] = [term];
    for (const node of nodes) {
      if (node.type === 'text') {
        const value = node.value ?? '';
        CLASSIFIER_DELIM.lastIndex = 0;
        const parts: { text: string; at: number }[] = [];
        let last = 0;
        let mm: RegExpExecArray | null;
        while ((mm = CLASSIFIER_DELIM.exec(value))) {
          parts.push({ text: value.slice(last, mm.index), at: last });
          last = mm.index + mm[0].length;
        }
        parts.push({ text: value.slice(last), at: last });
        if (parts.length === 1) {
          core.append(list[list.length - 1]!, node);
        } else {
          const base = node.position?.start.offset;
          const tsrc = core.srcOf(termLine);
          const sub = (at: number, len: number): Position | undefined =>
            base === undefined ? undefined : { start: tsrc.pointAt(base + at), end: tsrc.pointAt(base + at + len) };
          const t0 = rstrip(parts[0]!.text);
          const tn: RstNode = { type: 'text', value: t0 };
          const p0 = sub(0, t0.length);
          if (p0) tn.position = p0;
          core.append(list[list.length - 1]!, tn);
          for (const part of parts.slice(1)) {
            const cl: RstNode = { type: 'classifier', children: [{ type: 'text', value: part.text }] };
            const p = sub(part.at, part.text.length);
            if (p) {
              cl.position = p;
              cl.children![0]!.position = p;
            }
            list.push(cl);
          }
        }
      } else core.append(list[list.length - 1]!, node);
    }
    if (list.length > 1) {
      // the term ends where the first classifier delimiter starts
      const firstCl = list[1]!.position;
      if (firstCl && term.position) {
        const lastKid = term.children?.[term.children.length - 1]?.position;
        if (lastKid) term.position = { start: term.position.start, end: lastKid.end };
      }
    }
    return [list, messages];
  }
}

export class SpecializedText extends Text {
  override eof(_context: Line[]): void {}
  override blank(): Result {
    throw EOF;
  }
  override indent(_m: Match, _c: Line[], _n: string): Result {
    throw EOF;
  }
  override underline(_m: Match, _c: Line[], _n: string): Result {
    throw EOF;
  }
  override text(_m: Match, _c: Line[], _n: string): Result {
    throw EOF;
  }
}

export class Definition extends SpecializedText {
  override eof(_context: Line[]): void {
    this.sm.previousLine(2);
  }
  override indent(_m: Match, context: Line[], _next: string): Result {
    const __t31 = this.definitionListItem(context);
    const item = __t31[0], bf = __t31[1];
    this.append(this.parent, item);
    this.blankFinish = bf;
    return result(NO_CONTEXT, 'DefinitionList');
  }
}

export class LineState extends SpecializedText {
  declare eofcheck: boolean;
  constructor(sm: Machine, name: string) {
    super(sm, name);
    this.eofcheck = true;
  }

  override eof(context: Line[]): void {
    const marker = context[0]!.text.trim();
    if (this.core.sectionBubbleUpKludge) this.core.sectionBubbleUpKludge = false;
    else if (marker.length < 4) this.stateCorrection(context);
    if (this.eofcheck) {
      const srcline = this.sm.srcLine();
      const t: RstNode = { type: 'transition', children: [], position: pos(this.core, context[0]!) };
      if (srcline !== undefined) setLine(t, srcline - 1);
      this.append(this.parent, t);
    }
    this.eofcheck = true;
  }

  override blank(_m?: Match, context?: Line[]): Result {
    const srcline = this.sm.srcLine();
    const marker = context![0]!.text.trim();
    if (marker.length < 4) this.stateCorrection(context!);
    const t: RstNode = { type: 'transition', children: [], position: pos(this.core, context![0]!) };
    if (srcline !== undefined) setLine(t, srcline - 1);
    this.append(this.parent, t);
    return result(NO_CONTEXT, 'Body');
  }

  override text(m: Match, context: Line[], _next: string): Result {
    const core = this.core;
    const lineno = this.sm.absLineNumber() - 1;
    const overlineL = context[0]!;
    const overline0 = overlineL.text;
    const titleL = this.sm.cur!;
    const title0 = m.string;
    let underline0 = '';
    let underlineL: Line | undefined;
    try {
      underline0 = this.sm.nextLine();
      underlineL = this.sm.cur;
    } catch (e) {
      if (e !== EOF) throw e;
      const blocktext = overline0 + '\n' + title0;
      if (rstrip(overline0).length < 4) this.shortOverline(context, blocktext, lineno, 2);
      else {
        this.append(
          this.parent,
          core.msg(4, 'incomplete-section-title', 'Incomplete section title.', {
            line: lineno,
            detail: blocktext,
            position: pos(core, overlineL, titleL),
          }),
        );
        return result(NO_CONTEXT, 'Body');
      }
    }
    const source = `${overline0}\n${title0}\n${underline0}`;
    const overline = rstrip(overline0);
    const underline = rstrip(underline0);
    const endL = underlineL ?? titleL;
    if (!matchLineMarker(underline)) {
      const blocktext = overline + '\n' + title0 + '\n' + underline;
      if (rstrip(overline).length < 4) this.shortOverline(context, blocktext, lineno, 2);
      else {
        this.append(
          this.parent,
          core.msg(4, 'missing-matching-underline', 'Missing matching underline for section title overline.', {
            line: lineno,
            detail: source,
            position: pos(core, overlineL, endL),
          }),
        );
        return result(NO_CONTEXT, 'Body');
      }
    } else if (overline !== underline) {
      const blocktext = overline + '\n' + title0 + '\n' + underline;
      if (rstrip(overline).length < 4) this.shortOverline(context, blocktext, lineno, 2);
      else {
        this.append(
          this.parent,
          core.msg(4, 'title-overline-underline-mismatch', 'Title overline & underline mismatch.', {
            line: lineno,
            detail: source,
            position: pos(core, overlineL, endL),
          }),
        );
        return result(NO_CONTEXT, 'Body');
      }
    }
    const title = rstrip(title0);
    const messages: RstNode[] = [];
    if (columnWidth(title) > pyLen(overline)) {
      const blocktext = overline + '\n' + title + '\n' + underline;
      if (rstrip(overline).length < 4) this.shortOverline(context, blocktext, lineno, 2);
      else {
        messages.push(
          core.msg(2, 'title-overline-too-short', 'Title overline too short.', {
            line: lineno,
            detail: source,
            position: pos(core, overlineL, endL),
          }),
        );
      }
    }
    const style = overline[0]! + underline[0]!;
    this.eofcheck = false;
    const ls = lstripLen(title);
    const titleLine = sliceLine(titleL, ls, title.length);
    this.section([titleLine], source, style, lineno + 1, messages, overlineL);
    this.eofcheck = true;
    return result(NO_CONTEXT, 'Body');
  }

  override indent(m: Match, context: Line[], next: string): Result {
    return this.text(m, context, next);
  }

  override underline(_m: Match, context: Line[], _next: string): Result {
    const overline = context[0]!.text;
    const blocktext = overline + '\n' + this.sm.line;
    const lineno = this.sm.absLineNumber() - 1;
    if (rstrip(overline).length < 4) this.shortOverline(context, blocktext, lineno, 1);
    this.append(
      this.parent,
      this.core.msg(3, 'invalid-section-title-or-transition', 'Invalid section title or transition marker.', {
        line: lineno,
        detail: blocktext,
        position: pos(this.core, context[0]!, this.sm.cur!),
      }),
    );
    return result(NO_CONTEXT, 'Body');
  }

  shortOverline(context: Line[], _blocktext: string, lineno: number, lines = 1): never {
    this.append(
      this.parent,
      this.core.msg(
        1,
        'possible-incomplete-section-title',
        "Possible incomplete section title.\nTreating the overline as ordinary text because it's so short.",
        { line: lineno, position: pos(this.core, context[0]!) },
      ),
    );
    this.stateCorrection(context, lines);
  }

  stateCorrection(context: Line[], lines = 1): never {
    this.sm.previousLine(lines);
    context.length = 0;
    throw new StateCorrection('Body', 'text');
  }
}

export class QuotedLiteralBlock extends RSTState {
  declare messages: RstNode[];
  declare initialLineno: number | undefined;
  declare quote: string | undefined;
  constructor(sm: Machine, name: string) {
    super(sm, name);
    this.messages = [];
  }

  /** This state collects the quoted lines in its context: a new one. */
  override bof(): Line[] {
    return [];
  }

  override checkLine(context: Line[], only: string | undefined): Result {
    const text = this.sm.line;
    const names = only ? [only] : this.order;
    for (const name of names) {
      let m: Match | null = null;
      if (name === 'initial_quoted') m = text.length && isPunct7(text.charCodeAt(0)) ? { string: text, end: 1 } : null;
      else if (name === 'quoted') m = this.quote !== undefined && text.startsWith(this.quote) ? { string: text, end: 1 } : null;
      else m = MATCHERS[name]!(text);
      if (m) {
        switch (name) {
          case 'blank':
            return this.blank(context);
          case 'indent':
            return this.indent(context);
          case 'initial_quoted':
            return this.initialQuoted(m);
          case 'quoted':
            context.push(this.sm.cur!);
            return result(context, this.name);
          default:
            return this.text(context);
        }
      }
    }
    return result(context, null);
  }

  blank(context: Line[]): Result {
    if (context.length) throw EOF;
    return result(context, this.name);
  }

  override eof(context: Line[]): void {
    const core = this.core;
    if (context.length) {
      const text = joinLines(context);
      const p = pos(core, context[0]!, context[context.length - 1]!);
      const lb: RstNode = {
        type: 'literal_block',
        attributes: { 'xml:space': 'preserve' },
        children: [{ type: 'text', value: text, position: p }],
        position: p,
      };
      setLine(lb, this.sm.srcLine(this.initialLineno));
      this.append(this.parent, lb);
    } else {
      const l = this.sm.cur;
      this.append(
        this.parent,
        core.msg(2, 'literal-block-expected', 'Literal block expected; none found.', {
          line: this.sm.absLineNumber(),
          position: l ? pos(core, l) : undefined,
        }),
      );
      this.sm.previousLine();
    }
    this.appendAll(this.parent, this.messages);
  }

  indent(_context: Line[]): Result {
    const l = this.sm.cur!;
    this.messages.push(
      this.core.msg(3, 'unexpected-indentation', 'Unexpected indentation.', { line: this.sm.absLineNumber(), position: pos(this.core, l) }),
    );
    this.sm.previousLine();
    throw EOF;
  }

  initialQuoted(m: Match): Result {
    (this as unknown as { order: string[] }).order = ['quoted', 'blank', 'indent', 'text'];
    this.quote = m.string[0]!;
    this.initialLineno = this.sm.absLineNumber();
    return result([this.sm.cur!], this.name);
  }

  text(context: Line[]): Result {
    if (context.length) {
      const l = this.sm.cur!;
      this.messages.push(
        this.core.msg(3, 'inconsistent-literal-block-quoting', 'Inconsistent literal block quoting.', {
          line: this.sm.absLineNumber(),
          position: pos(this.core, l),
        }),
      );
      this.sm.previousLine();
    }
    throw EOF;
  }
}

// transition tables on the prototypes (no per-instance allocation)
const protoSet = (cls: { prototype: object }, order: string[], nextStates: Record<string, string> = {}): void => {
  Object.assign(cls.prototype, { order, nextStates });
};
protoSet(RSTState, BODY_TRANSITIONS);
protoSet(SubstitutionDef, ['blank', 'indent', 'embedded_directive', 'text']);
protoSet(Text, ['blank', 'indent', 'underline', 'text'], { underline: 'Body', text: 'Body' });
protoSet(QuotedLiteralBlock, ['blank', 'indent', 'initial_quoted', 'text']);

// ---------------------------------------------------------------------------------------------
// Services offered to directives and roles

export function makeServices(state: RSTState): ParserServices {
  return new StateServices(state);
}

export { Core };
