/**
 * docutils' document bookkeeping (`docutils.nodes.document`): ids, names, targets, footnotes,
 * citations, substitutions, and the "current line" docutils uses to give nodes their `line`.
 *
 * The block parser (states/) and the inline parser fill it while parsing; the transforms
 * (transforms/) read and update it afterwards. Everything is plain data: Maps keyed by
 * docutils' names/ids whose values are the tree's nodes themselves.
 *
 * Attribute conventions on nodes (see nodes.ts): `attributes.ids`, `names`, `dupnames`,
 * `refname`, `refid`, `refuri`, ... as in docutils; list attributes are created on demand.
 */
import type { Attributes, RstNode } from './nodes.js';
import type { Reporter } from './reporter.js';
import { isPySpace } from './source.js';

/** docutils `fully_normalize_name`: lower case, whitespace runs collapsed. */
export function fullyNormalizeName(name: string): string {
  return whitespaceNormalizeName(name.toLowerCase());
}

/** docutils `whitespace_normalize_name`. */
export function whitespaceNormalizeName(name: string): string {
  // fast path: already normalised (single spaces, nothing at the ends)
  let ok = name.length > 0 && name.charCodeAt(0) !== 32 && name.charCodeAt(name.length - 1) !== 32;
  for (let i = 0; ok && i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 32) {
      if (name.charCodeAt(i + 1) === 32) ok = false;
    } else if (isPySpace(c)) ok = false;
  }
  return ok ? name : splitWhitespace(name).join(' ');
}

/** Python's `str.split()` (no argument): split on runs of whitespace, drop empties. */
export function splitWhitespace(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isPySpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isPySpace(s.charCodeAt(i))) i++;
    out.push(s.slice(start, i));
  }
  return out;
}


const ID_TRANSLATE: Record<string, string> = {
  '\u00f8': 'o', '\u0111': 'd', '\u0127': 'h', '\u0131': 'i', '\u0142': 'l', '\u0167': 't',
  '\u0180': 'b', '\u0183': 'b', '\u0188': 'c', '\u018c': 'd', '\u0192': 'f', '\u0199': 'k',
  '\u019a': 'l', '\u019e': 'n', '\u01a5': 'p', '\u01ab': 't', '\u01ad': 't', '\u01b4': 'y',
  '\u01b6': 'z', '\u01e5': 'g', '\u0225': 'z', '\u0234': 'l', '\u0235': 'n', '\u0236': 't',
  '\u0237': 'j', '\u023c': 'c', '\u023f': 's', '\u0240': 'z', '\u0247': 'e', '\u0249': 'j',
  '\u024b': 'q', '\u024d': 'r', '\u024f': 'y',
  // digraphs
  '\u00df': 'sz', '\u00e6': 'ae', '\u0153': 'oe', '\u0238': 'db', '\u0239': 'qp',
};

/**
 * docutils `make_id`: lower-case, transliterate a few letters, drop non-ASCII after NFKD,
 * collapse everything but [a-z0-9] into '-', strip leading digits/hyphens and trailing hyphens.
 */
export function makeId(text: string): string {
  let s = text.toLowerCase();
  let nonAscii = false;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      nonAscii = true;
      break;
    }
  }
  if (nonAscii) {
    let t = '';
    for (const ch of s) t += ID_TRANSLATE[ch] ?? ch;
    s = t.normalize('NFKD');
    // keep ASCII only
    let ascii = '';
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x80) ascii += s[i];
    s = ascii;
  }
  // [^a-z0-9]+ -> '-', copying the kept runs whole (not character by character)
  let out = '';
  let keptFrom = 0; // start of the current run of [a-z0-9]
  let inRun = false; // in a run of other characters
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (inRun) {
        keptFrom = i;
        inRun = false;
      }
    } else if (!inRun) {
      out += s.slice(keptFrom, i) + '-';
      inRun = true;
    }
  }
  if (!inRun) out += s.slice(keptFrom);
  // ^[-0-9]+ and -+$
  let a = 0;
  while (a < out.length && (out[a] === '-' || (out[a]! >= '0' && out[a]! <= '9'))) a++;
  let b = out.length;
  while (b > a && out[b - 1] === '-') b--;
  return out.slice(a, b);
}

export function attrs(node: RstNode): Attributes {
  return (node.attributes ??= {});
}

function list(node: RstNode, key: 'ids' | 'names' | 'dupnames' | 'classes' | 'backrefs'): string[] {
  const a = attrs(node);
  return (a[key] ??= []) as string[];
}

/** docutils `dupname`: move `name` from names to dupnames and mark the node referenced. */
export function dupname(node: RstNode, name: string, referenced?: WeakSet<RstNode>): void {
  list(node, 'dupnames').push(name);
  const names = list(node, 'names');
  const i = names.indexOf(name);
  if (i >= 0) names.splice(i, 1);
  if (!names.length) delete attrs(node).names;
  referenced?.add(node);
}

export interface DocumentSettings {
  idPrefix: string;
  /** Sphinx uses "id" (ids id1, id2, ...); docutils 0.19's default is "%". */
  autoIdPrefix: string;
}

/** A parser-side append hook: appending a message to `msgnode` (docutils `msgnode += msg`). */
export type AppendFn = (parent: RstNode, child: RstNode) => void;

/** What DocumentState asks of the parser running on it (see DocumentState.parser). */
export interface DocumentParser {
  append(parent: RstNode, child: RstNode): void;
  defaultLine(): number | undefined;
  mapLine(line: number): number | undefined;
}

export class DocumentState {
  readonly settings: DocumentSettings;
  /** id -> node */
  readonly ids = new Map<string, RstNode>();
  /** name -> id (null when the name became a duplicate) */
  readonly nameids = new Map<string, string | null>();
  /** name -> explicit? */
  readonly nametypes = new Map<string, boolean>();
  /** refname -> referencing nodes */
  readonly refnames = new Map<string, RstNode[]>();
  readonly refids = new Map<string, RstNode[]>();
  readonly indirectTargets: RstNode[] = [];
  /** whitespace-normalised name -> substitution_definition */
  readonly substitutionDefs = new Map<string, RstNode>();
  /** fully-normalised name -> whitespace-normalised name */
  readonly substitutionNames = new Map<string, string>();
  readonly footnoteRefs = new Map<string, RstNode[]>();
  readonly citationRefs = new Map<string, RstNode[]>();
  readonly autofootnotes: RstNode[] = [];
  readonly autofootnoteRefs: RstNode[] = [];
  readonly symbolFootnotes: RstNode[] = [];
  readonly symbolFootnoteRefs: RstNode[] = [];
  readonly footnotes: RstNode[] = [];
  readonly citations: RstNode[] = [];
  /** Anonymous targets and references, in document order (for the anonymous-hyperlinks transform). */
  readonly anonymousTargets: RstNode[] = [];
  readonly anonymousRefs: RstNode[] = [];
  autofootnoteStart = 1;
  symbolFootnoteStart = 0;
  readonly idCounter = new Map<string, number>();
  /** Nodes docutils flags `referenced = 1` (dupname does that). */
  readonly referenced = new WeakSet<RstNode>();
  /** docutils `document.current_line`: 1-based line of the line the state machine is on. */
  currentLine: number | undefined;
  currentSource: string | undefined;
  /** Files read by include-like directives (relative to root). */
  readonly includes: string[] = [];
  /** docutils `include_log`. */
  readonly includeLog: string[] = [];
  /** 'transform' once the parser is done (transforms see targets with a source: no mapping). */
  phase: 'parse' | 'transform' = 'parse';
  /**
   * The parser running on this document (set by it), which appends message nodes, knows the
   * default line and maps lines. An object with methods, not closures stored per document: V8's
   * scavenger keeps what a freshly made closure reaches alive until the next full collection,
   * so three closures per parse kept each parsed tree (≈ 40 % of a parse's allocation) alive
   * and copied twice after the parse was done.
   */
  parser: DocumentParser | undefined;

  /** Appends a message node into a "msgnode" (through the parser so lines are handled). */
  append(p: RstNode, c: RstNode): void {
    if (this.parser) this.parser.append(p, c);
    else (p.children ??= []).push(c);
  }

  /** Line for messages without one (docutils asks the top state machine). */
  defaultLine(): number | undefined {
    return this.parser ? this.parser.defaultLine() : this.currentLine;
  }

  constructor(
    readonly reporter: Reporter,
    settings: Partial<DocumentSettings> = {},
  ) {
    this.settings = { idPrefix: settings.idPrefix ?? '', autoIdPrefix: settings.autoIdPrefix ?? 'id' };
  }

  /** docutils `set_id`: give `node` an id (from its names, or auto "id<N>"). */
  setId(node: RstNode, msgnode?: RstNode, suggestedPrefix = ''): string {
    const a = attrs(node);
    const existing = a.ids as string[] | undefined;
    if (existing && existing.length) {
      let id = '';
      for (id of existing) {
        if (!this.ids.has(id)) this.ids.set(id, node);
        if (this.ids.get(id) !== node) {
          const msg = this.reporter.severe('duplicate-id', `Duplicate ID: "${id}".`, {
            ...this.lineOpt(node),
          });
          if (msgnode) this.append(msgnode, msg);
        }
      }
      return id;
    }
    const { idPrefix, autoIdPrefix } = this.settings;
    let baseId = '';
    let id = '';
    let found = false;
    for (const name of (a.names as string[] | undefined) ?? []) {
      baseId = idPrefix ? makeId('x' + name).slice(1) : makeId(name);
      id = idPrefix + baseId;
      if (baseId && !this.ids.has(id)) {
        found = true;
        break;
      }
    }
    if (!found) {
      let prefix: string;
      if (baseId && autoIdPrefix.endsWith('%')) prefix = id + '-';
      else {
        prefix = idPrefix + autoIdPrefix;
        if (prefix.endsWith('%')) prefix = `${prefix.slice(0, -1)}${suggestedPrefix || makeId(node.type)}-`;
      }
      for (;;) {
        const n = (this.idCounter.get(prefix) ?? 0) + 1;
        this.idCounter.set(prefix, n);
        id = `${prefix}${n}`;
        if (!this.ids.has(id)) break;
      }
    }
    list(node, 'ids').push(id);
    this.ids.set(id, node);
    return id;
  }

  /**
   * Maps an absolute line (counting lines spliced in by `include`) to the line docutils' reporter
   * prints (set by the parser; identity without includes).
   */
  mapLine(line: number): number | undefined {
    return this.parser ? this.parser.mapLine(line) : line;
  }

  /** Line options for a message about `node` (docutils `base_node`). */
  lineOpt(node: RstNode): { line?: number; position?: RstNode['position']; source?: string } {
    let line = node.data?.docutilsLine;
    // targets carry docutils' absolute `lineno` and, until appended, no source: the reporter then
    // maps the line through the top-level input
    if (line !== undefined && node.type === 'target' && this.phase === 'parse') line = this.mapLine(line);
    if (line === undefined) line = this.defaultLine();
    const out: { line?: number; position?: RstNode['position']; source?: string } = {};
    if (line !== undefined) out.line = line;
    const source = node.data?.source;
    if (typeof source === 'string') out.source = source;
    if (node.position) out.position = node.position;
    return out;
  }

  setNameIdMap(node: RstNode, id: string, msgnode: RstNode | undefined, explicit: boolean): void {
    const names = [...((node.attributes?.names as string[] | undefined) ?? [])];
    for (const name of names) {
      if (this.nameids.has(name)) this.setDuplicateNameId(node, id, name, msgnode, explicit);
      else {
        this.nameids.set(name, id);
        this.nametypes.set(name, explicit);
      }
    }
  }

  private setDuplicateNameId(
    node: RstNode,
    id: string,
    name: string,
    msgnode: RstNode | undefined,
    explicit: boolean,
  ): void {
    const oldId = this.nameids.get(name) ?? null;
    const oldExplicit = this.nametypes.get(name) ?? false;
    this.nametypes.set(name, oldExplicit || explicit);
    if (explicit) {
      if (oldExplicit) {
        let level: 1 | 2 = 2;
        if (oldId !== null) {
          const oldNode = this.ids.get(oldId)!;
          const refuri = node.attributes?.refuri;
          if (refuri !== undefined) {
            const oldNames = oldNode.attributes?.names as string[] | undefined;
            if (oldNames && oldNames.length && oldNode.attributes?.refuri === refuri) level = 1;
          }
          if (level > 1) {
            dupname(oldNode, name, this.referenced);
            this.nameids.set(name, null);
          }
        }
        const msg = this.reporter.system(
          level,
          'duplicate-explicit-target-name',
          `Duplicate explicit target name: "${name}".`,
          { ...this.lineOpt(node), backrefs: [id] },
        );
        if (msgnode) this.append(msgnode, msg);
        dupname(node, name, this.referenced);
      } else {
        this.nameids.set(name, id);
        if (oldId !== null) dupname(this.ids.get(oldId)!, name, this.referenced);
      }
    } else {
      if (oldId !== null && !oldExplicit) {
        this.nameids.set(name, null);
        dupname(this.ids.get(oldId)!, name, this.referenced);
      }
      dupname(node, name, this.referenced);
    }
    if (!explicit || (!oldExplicit && oldId !== null)) {
      const msg = this.reporter.info('duplicate-implicit-target-name', `Duplicate implicit target name: "${name}".`, {
        ...this.lineOpt(node),
        backrefs: [id],
      });
      if (msgnode) this.append(msgnode, msg);
    }
  }

  hasName(name: string): boolean {
    return this.nameids.has(name);
  }

  noteImplicitTarget(target: RstNode, msgnode?: RstNode): void {
    const id = this.setId(target, msgnode);
    this.setNameIdMap(target, id, msgnode, false);
  }

  noteExplicitTarget(target: RstNode, msgnode?: RstNode): void {
    const id = this.setId(target, msgnode);
    this.setNameIdMap(target, id, msgnode, true);
  }

  noteRefname(node: RstNode): void {
    const name = node.attributes?.refname as string;
    let l = this.refnames.get(name);
    if (!l) this.refnames.set(name, (l = []));
    l.push(node);
  }

  noteRefid(node: RstNode): void {
    const id = node.attributes?.refid as string;
    let l = this.refids.get(id);
    if (!l) this.refids.set(id, (l = []));
    l.push(node);
  }

  noteIndirectTarget(target: RstNode): void {
    this.indirectTargets.push(target);
    const names = target.attributes?.names as string[] | undefined;
    if (names && names.length) this.noteRefname(target);
  }

  noteAnonymousTarget(target: RstNode): void {
    this.setId(target);
    this.anonymousTargets.push(target);
  }

  noteAnonymousRef(ref: RstNode): void {
    this.anonymousRefs.push(ref);
  }

  noteAutofootnote(footnote: RstNode): void {
    this.setId(footnote);
    this.autofootnotes.push(footnote);
  }

  noteAutofootnoteRef(ref: RstNode): void {
    this.setId(ref);
    this.autofootnoteRefs.push(ref);
  }

  noteSymbolFootnote(footnote: RstNode): void {
    this.setId(footnote);
    this.symbolFootnotes.push(footnote);
  }

  noteSymbolFootnoteRef(ref: RstNode): void {
    this.setId(ref);
    this.symbolFootnoteRefs.push(ref);
  }

  noteFootnote(footnote: RstNode): void {
    this.setId(footnote);
    this.footnotes.push(footnote);
  }

  noteFootnoteRef(ref: RstNode): void {
    this.setId(ref);
    const name = ref.attributes?.refname as string;
    let l = this.footnoteRefs.get(name);
    if (!l) this.footnoteRefs.set(name, (l = []));
    l.push(ref);
    this.noteRefname(ref);
  }

  noteCitation(citation: RstNode): void {
    this.citations.push(citation);
  }

  noteCitationRef(ref: RstNode): void {
    this.setId(ref);
    const name = ref.attributes?.refname as string;
    let l = this.citationRefs.get(name);
    if (!l) this.citationRefs.set(name, (l = []));
    l.push(ref);
    this.noteRefname(ref);
  }

  noteSubstitutionDef(subdef: RstNode, defName: string, msgnode?: RstNode): void {
    const name = whitespaceNormalizeName(defName);
    const old = this.substitutionDefs.get(name);
    if (old) {
      const msg = this.reporter.error(
        'duplicate-substitution-definition-name',
        `Duplicate substitution definition name: "${name}".`,
        this.lineOpt(subdef),
      );
      if (msgnode) this.append(msgnode, msg);
      dupname(old, name, this.referenced);
    }
    this.substitutionDefs.set(name, subdef);
    this.substitutionNames.set(fullyNormalizeName(name), name);
  }

  noteSubstitutionRef(subref: RstNode, refname: string): void {
    attrs(subref).refname = whitespaceNormalizeName(refname);
  }
}
