/**
 * One walk per document, shared by every rule and by the contract regions (the tree is walked
 * once, not once per rule): the lint engine's per-document facts. Rules read them through
 * rules/_shared/facts.ts; the contract regions (src/contracts/doc/regions.ts) are collected in the
 * same walk and handed to `regionsOf`.
 */
import type { RstNode } from '../rst/nodes.js';
import type { ParsedDocument } from '../rst/parse.js';
import { primeRegions, regionStep, regionStepPasses, useSharedWalk, type TreeRegions } from '../contracts/doc/regions.js';
import { startFacts, type FactsWalk } from '../project/collect.js';
import type { DocumentFacts, ProjectIndex } from '../project/index.js';
import { docCache } from './doc-caches.js';

/** Node types whose content is never prose (docutils text of these is not rst markup). */
export const VERBATIM = new Set([
  'literal_block',
  'doctest_block',
  'comment',
  'raw',
  'math_block',
  'code-block',
  'sourcecode',
  'code',
  'literalinclude',
  'highlight',
  'toctree',
  'kernel-doc',
  'kernel-render',
  'kernel-abi',
  'kernel-feat',
  'maintainers-include',
  'math',
  'tabularcolumns',
  'substitution_definition',
  'system_message',
  'problematic',
]);


export interface ParagraphInfo {
  node: RstNode;
  /** number of enclosing sections */
  sectionDepth: number;
  parentType: string;
}

export interface TextInfo {
  node: RstNode;
  parent: RstNode;
  /** index in parent.children */
  index: number;
  /** inside a paragraph (automarkup looks only there) */
  inParagraph: boolean;
  /** under a literal, reference, target, role... (not prose for automarkup) */
  inMarkup: boolean;
}

export interface SectionInfo {
  node: RstNode;
  depth: number;
}

export interface DocFacts {
  /** Nodes by type, in document order, outside included files (only the types in `KEPT_TYPES`). */
  byType: Map<string, RstNode[]>;
  /** Nodes a directive produced (`data.directive`). */
  directives: RstNode[];
  /** Sphinx/kernel role nodes (`attributes.role`). */
  roles: RstNode[];
  /** `title_reference` nodes whose source length must not change: inside a section title (the
   *  adornment must stay as long as the title) or inside a grid/simple table (the columns must stay
   *  aligned). (Only the nodes rules ask about are kept: a set of every node under every table and
   *  title costs more than the rest of the walk.) */
  fixedWidth: Set<RstNode>;
  /** Role nodes inside `docinfo` (Sphinx drops the docinfo from the doctree: its references never
   *  resolve or warn). */
  inDocinfo: Set<RstNode>;
  /** Paragraphs outside verbatim content. */
  paragraphs: ParagraphInfo[];
  /** Text leaves outside verbatim content that may hold a role name or a document path (their
   *  value contains ':' or '.rst' / '.txt'); the others are not kept (millions in a whole tree). */
  texts: TextInfo[];
  sections: SectionInfo[];
}

const cache = docCache<DocFacts>();
/** Node types `byType` keeps. */
export const KEPT_TYPES = new Set(['title_reference', 'literal_block', 'reference', 'problematic', 'target', 'comment']);
const MARKUP = new Set(['literal', 'reference', 'target', 'substitution_reference', 'footnote_reference', 'citation_reference', 'problematic', 'math']);

/** What the walk needs to know of a node type, in one look-up per node (a string-keyed look-up
 *  in each of three sets cost more than the rest of a text leaf's visit). */
const KEPT = 1;
const IS_VERBATIM = 2;
const IS_MARKUP = 4;
/** the contract regions' step keeps nothing at this type and goes on (`regionStepPasses`): not
 *  called for it (a call, a string search and a set look-up per node otherwise) */
const REGION_PASSES = 8;
const TYPE_FLAGS = new Map<string, number>();

/** The flags of a node type, worked out when the walk first meets it (a few hundred types). */
function typeFlags(t: string): number {
  let f = TYPE_FLAGS.get(t);
  if (f !== undefined) return f;
  f = (KEPT_TYPES.has(t) ? KEPT : 0) | (VERBATIM.has(t) ? IS_VERBATIM : 0) | (MARKUP.has(t) ? IS_MARKUP : 0) | (regionStepPasses(t) ? REGION_PASSES : 0);
  // (a directive's name is its node's type: a tree of made-up directives must not fill memory)
  if (TYPE_FLAGS.size < 10_000) TYPE_FLAGS.set(t, f);
  return f;
}

/** How many times a tree was walked for its facts (once per document and tree: the test of the
 *  lint engine counts them). */
export const factsWalks = { count: 0 };

export function docFacts(doc: ParsedDocument): DocFacts {
  return cache.get(doc.tree) ?? walk(doc, undefined);
}

/**
 * The shared walk of a document that also takes the project index's walk along (the index's facts
 * of the document come from `index.finish()` afterwards): one walk of the tree for both. The lint
 * gives this to `ProjectIndex.build` for the documents it lints.
 */
export function docFactsWithIndex(doc: ParsedDocument, index: FactsWalk): DocFacts {
  const hit = cache.get(doc.tree);
  if (hit) {
    index.visit(doc.tree, 0, undefined);
    return hit;
  }
  return walk(doc, index);
}

/** `collectFacts` (the index's facts of a document) through the shared walk: the rules' facts of
 *  the same tree are cached on the way (the lint's build and the language server's edits). */
export function collectFactsShared(doc: ParsedDocument, path: string, index: ProjectIndex): DocumentFacts {
  const ix = startFacts(doc, path, index);
  docFactsWithIndex(doc, ix);
  return ix.finish();
}

function walk(doc: ParsedDocument, ix: FactsWalk | undefined): DocFacts {
  factsWalks.count++;
  const f: DocFacts = { byType: new Map(), directives: [], roles: [], fixedWidth: new Set(), inDocinfo: new Set(), paragraphs: [], texts: [], sections: [] };
  // the contract regions, collected in the same walk (regionStep says which subtrees hold none)
  const raw: string | undefined = doc.source?.raw;
  const regions: TreeRegions = { nodes: [], sawError: false };
  let regionsFailed = raw === undefined;
  // ixDepth: the index's section depth at a node both walks visit, -1 where only this walk goes
  // (inline content, leaves, or without the index)
  const go = (n: RstNode, parent: RstNode | undefined, index: number, verbatim: boolean, para: boolean, markup: boolean, depth: number, docinfo: boolean, fixed: boolean, rg: boolean, ixDepth: number): void => {
    const d = n.data;
    if (d !== undefined && d.source !== undefined) return;
    const type = n.type;
    if (type === 'text' && d === undefined && n.attributes === undefined && n.children === undefined) {
      // most nodes are plain text leaves: of everything below, only `texts` may want them (and
      // they are no contract region)
      if (!verbatim && parent) {
        const val = n.value;
        if (val !== undefined && (val.includes(':') || val.includes('.rst') || val.includes('.txt'))) {
          f.texts.push({ node: n, parent, index, inParagraph: para, inMarkup: markup });
        }
      }
      return;
    }
    // the index's step here (its children's depth, or -1: it does not walk them)
    const ixKids = ixDepth >= 0 ? ix!.enter(n, ixDepth) : -1;
    const tf = typeFlags(type);
    let rgKids = false;
    if (rg && !regionsFailed) {
      if ((tf & REGION_PASSES) !== 0) rgKids = true;
      else {
        try {
          rgKids = regionStep(raw!, n, regions);
        } catch {
          regionsFailed = true;
        }
      }
    }
    if ((tf & KEPT) !== 0) {
      let list = f.byType.get(type);
      if (!list) f.byType.set(type, (list = []));
      list.push(n);
    }
    if (d !== undefined && d.directive !== undefined) f.directives.push(n);
    const a = n.attributes;
    const isRole = a !== undefined && typeof a.role === 'string';
    if (isRole) f.roles.push(n);
    const di = docinfo || type === 'docinfo';
    if (di && isRole) f.inDocinfo.add(n);
    // a table drawn in the source (grid or simple), not one a directive built from a list or CSV
    const fx = fixed || type === 'title' || (type === 'table' && (d === undefined || d.directive === undefined));
    if (fx && type === 'title_reference') f.fixedWidth.add(n);
    const v = verbatim || (tf & IS_VERBATIM) !== 0;
    if (!v) {
      if (type === 'paragraph') f.paragraphs.push({ node: n, sectionDepth: depth, parentType: parent?.type ?? '' });
      else if (type === 'text' && parent) {
        const val = n.value;
        if (val !== undefined && (val.includes(':') || val.includes('.rst') || val.includes('.txt'))) {
          f.texts.push({ node: n, parent, index, inParagraph: para, inMarkup: markup });
        }
      }
    }
    let dep = depth;
    if (type === 'section') {
      dep = depth + 1;
      f.sections.push({ node: n, depth: dep });
    }
    const ch = n.children;
    if (!ch) return;
    const p = para || type === 'paragraph';
    const m = markup || isRole || (tf & IS_MARKUP) !== 0;
    if (ixKids < 0) {
      for (let i = 0; i < ch.length; i++) go(ch[i]!, n, i, v, p, m, dep, di, fx, rgKids, -1);
      return;
    }
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i]!;
      if (!ix!.child(ch, i)) go(c, n, i, v, p, m, dep, di, fx, rgKids, -1);
      else if (c.data !== undefined && c.data.source !== undefined) ix!.visit(c, ixKids, undefined); // included content: the index's only
      else go(c, n, i, v, p, m, dep, di, fx, rgKids, ixKids);
    }
  };
  go(doc.tree, undefined, 0, false, false, false, 0, false, false, true, ix ? 0 : -1);
  if (raw !== undefined) primeRegions(doc.tree, regionsFailed ? null : regions);
  cache.set(doc.tree, f);
  return f;
}

export function ofType(doc: ParsedDocument, type: string): RstNode[] {
  return docFacts(doc).byType.get(type) ?? [];
}

// regionsOf (src/contracts/doc/regions.ts) takes its tree regions from this walk
useSharedWalk((doc) => void docFacts(doc));
