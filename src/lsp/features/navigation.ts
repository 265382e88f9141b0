/**
 * Go to definition, find references, rename (labels and documents) and the edits a file move
 * needs. References come from the index's reverse maps (ProjectIndex.labelReferences /
 * fileReferences), built from every document's facts: nothing is parsed per request.
 */
import * as posix from 'node:path/posix';
import type { LabelDef, Reference } from '../../project/index.js';
import { normalizeName, stripSuffix } from '../../project/index.js';
import { docnameJoin, dirname } from '../../project/toctree.js';
import type { Edit, FeatureHost, Place } from './host.js';
import { findById, findSubstitution, hitAt, labelNameRange, type Hit } from './locate.js';

/** Where a label is defined: its name in `.. _name:`, or the section title. */
export function labelDefPlace(host: FeatureHost, def: LabelDef): Place | undefined {
  const file = def.fromInclude ?? def.path;
  if (!def.position) return { path: file, start: 0, end: 0 };
  const text = host.text(file);
  const r = text !== undefined && def.fromInclude === undefined ? labelNameRange(text, def) : undefined;
  return { path: file, start: r?.start ?? def.position.start.offset, end: r?.end ?? def.position.end.offset };
}

/** A document's title (or its start). */
export function documentPlace(host: FeatureHost, path: string): Place {
  const facts = host.index.getFacts(path);
  const title = facts?.sections.find((s) => s.fromInclude === undefined && s.position);
  if (title?.position) return { path, start: title.position.start.offset, end: title.position.end.offset };
  return { path, start: 0, end: 0 };
}

function referencePlace(host: FeatureHost, r: Reference): Place {
  if (r.kind !== 'include') return { path: r.file, start: r.start, end: r.end };
  // an include's reference is its whole directive: the argument is the place
  const text = host.text(r.file);
  const at = text !== undefined ? text.indexOf(r.target, text.indexOf('::', r.start)) : -1;
  return at >= 0 && at < r.end ? { path: r.file, start: at, end: at + r.target.length } : { path: r.file, start: r.start, end: r.end };
}

export function definition(host: FeatureHost, path: string, offset: number): Place[] {
  const hit = hitAt(host, path, offset);
  if (!hit) return [];
  switch (hit.kind) {
    case 'ref':
      return host.index.labelDefinitions(hit.label).map((d) => labelDefPlace(host, d)).filter((p): p is Place => p !== undefined);
    case 'label':
      return [labelDefPlace(host, hit.def)!];
    case 'doc':
    case 'toctree':
    case 'path':
    case 'include':
      if (hit.resolved === undefined) return [];
      return [host.index.has(hit.resolved) ? documentPlace(host, hit.resolved) : { path: hit.resolved, start: 0, end: 0 }];
    case 'substitution': {
      const doc = host.parsed(path);
      const text = host.text(path);
      const def = doc ? findSubstitution(doc, hit.name) : undefined;
      if (!def?.position || text === undefined) return [];
      const s = def.position.start.offset;
      const open = text.indexOf('|', s);
      const close = open >= 0 ? text.indexOf('|', open + 1) : -1;
      return [close > open ? { path, start: open + 1, end: close } : { path, start: s, end: def.position.end.offset }];
    }
    case 'footnote':
    case 'citation': {
      const doc = host.parsed(path);
      const text = host.text(path);
      const node = doc ? findById(doc, hit.refid) : undefined;
      if (!node?.position || text === undefined) return [];
      const s = node.position.start.offset;
      const open = text.indexOf('[', s);
      const close = open >= 0 ? text.indexOf(']', open) : -1;
      return [close > open ? { path, start: open + 1, end: close } : { path, start: s, end: s }];
    }
    default:
      return [];
  }
}

/** The label or file a hit is about, for references and rename. */
type Subject = { kind: 'label'; name: string } | { kind: 'file'; path: string };

function subjectOf(hit: Hit | undefined): Subject | undefined {
  if (!hit) return undefined;
  if (hit.kind === 'ref') return { kind: 'label', name: normalizeName(hit.label) };
  if (hit.kind === 'label') return { kind: 'label', name: hit.name };
  if (hit.kind === 'doc' || hit.kind === 'toctree' || hit.kind === 'path' || hit.kind === 'include') return hit.resolved !== undefined ? { kind: 'file', path: hit.resolved } : undefined;
  return undefined;
}

/** Is this section label the document's title (its first top-level section)? */
function isDocumentTitle(host: FeatureHost, def: LabelDef): boolean {
  const facts = host.index.getFacts(def.path);
  const first = facts?.sections.find((s) => s.fromInclude === undefined);
  return def.kind === 'section' && first?.depth === 1 && first.position?.start.offset === def.position?.start.offset;
}

export function references(host: FeatureHost, path: string, offset: number, includeDeclaration: boolean): Place[] {
  const hit = hitAt(host, path, offset);
  const subject = subjectOf(hit);
  if (!subject) return [];
  const out: Place[] = [];
  if (subject.kind === 'label') {
    const defs = host.index.labelDefinitions(subject.name);
    if (includeDeclaration) for (const d of defs) out.push(labelDefPlace(host, d)!);
    for (const r of host.index.labelReferences(subject.name)) out.push(referencePlace(host, r));
    // on a document's title: the document's references too
    const title = hit?.kind === 'label' && isDocumentTitle(host, hit.def) ? hit.def.path : undefined;
    if (title) for (const r of host.index.fileReferences(title)) out.push(referencePlace(host, r));
  } else {
    if (includeDeclaration && host.index.has(subject.path)) out.push(documentPlace(host, subject.path));
    for (const r of host.index.fileReferences(subject.path)) out.push(referencePlace(host, r));
  }
  return dedupe(out);
}

function dedupe<T extends Place>(list: T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const p of list) {
    const k = `${p.path}\0${p.start}\0${p.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.start - b.start));
}

// ---------------------------------------------------------------------------------------------
// Rename
// ---------------------------------------------------------------------------------------------

export class RenameError extends Error {}

export interface PrepareResult {
  start: number;
  end: number;
  placeholder: string;
}

/** What can be renamed at `offset`: a label (explicit), or a document named by a `:doc:`,
 *  toctree entry or automarkup path. Throws RenameError with the reason otherwise. */
export function prepareRename(host: FeatureHost, path: string, offset: number): PrepareResult {
  const hit = hitAt(host, path, offset);
  const text = host.text(path) ?? '';
  if (!hit) throw new RenameError('Nothing to rename here: put the cursor on a label, a :ref:, a :doc:, a toctree entry or a Documentation/ path.');
  if (hit.kind === 'ref' || hit.kind === 'label') {
    const name = hit.kind === 'ref' ? hit.label : hit.name;
    const defs = host.index.labelDefinitions(name);
    if (!defs.length) throw new RenameError(`undefined label: '${normalizeName(name)}'`);
    if (defs.some((d) => d.kind === 'section')) throw new RenameError(`'${normalizeName(name)}' is a section label (autosectionlabel): it follows the section's title.`);
    return { start: hit.start, end: hit.end, placeholder: text.slice(hit.start, hit.end) };
  }
  if (hit.kind === 'doc' || hit.kind === 'toctree' || hit.kind === 'path') {
    if (hit.resolved === undefined || !host.index.has(hit.resolved)) throw new RenameError(`'${hit.target}' names no document`);
    return { start: hit.start, end: hit.end, placeholder: text.slice(hit.start, hit.end) };
  }
  throw new RenameError('Only labels and documents can be renamed.');
}

export interface RenameResult {
  edits: Edit[];
  /** Files to move (a document rename). */
  moves: { from: string; to: string }[];
}

const BAD_LABEL = /[`<>\n\r]/;

export function rename(host: FeatureHost, path: string, offset: number, newName: string): RenameResult {
  prepareRename(host, path, offset);
  const hit = hitAt(host, path, offset)!;
  if (hit.kind === 'ref' || hit.kind === 'label') {
    return { edits: renameLabel(host, hit.kind === 'ref' ? hit.label : hit.name, newName), moves: [] };
  }
  const from = (hit as { resolved: string }).resolved;
  const name = newName.trim();
  let to: string | undefined;
  if (hit.kind === 'path') to = host.index.autoPathTarget(path, name.endsWith('.rst') || name.endsWith('.txt') ? name : name + '.rst');
  else {
    const d = docnameJoin(stripSuffix(path), stripSuffix(name));
    to = d === null ? undefined : d + '.rst';
  }
  if (!to || !name) throw new RenameError(`'${newName}' does not name a document under the docs root`);
  if (to === from) return { edits: [], moves: [] };
  if (host.index.has(to) || host.index.fileExists(to)) throw new RenameError(`'${to}' exists already`);
  return { edits: moveEdits(host, [{ from, to }]), moves: [{ from, to }] };
}

/** Every edit renaming a label: its definitions and every `:ref:` to it, whole tree. */
export function renameLabel(host: FeatureHost, label: string, newName: string): Edit[] {
  const name = newName.trim();
  if (!name || BAD_LABEL.test(name)) throw new RenameError(`'${newName}' cannot be a label name`);
  const key = normalizeName(label);
  const edits: Edit[] = [];
  for (const def of host.index.labelDefinitions(key)) {
    if (def.kind !== 'explicit') throw new RenameError(`'${key}' is a section label (autosectionlabel): it follows the section's title.`);
    const file = def.fromInclude ?? def.path;
    const text = host.text(file);
    const r = text !== undefined && def.fromInclude === undefined ? labelNameRange(text, def) : undefined;
    if (!r) throw new RenameError(`cannot find the definition of '${key}' in ${file}`);
    const quoted = text![r.start - 1] === '`';
    edits.push({ path: file, start: r.start, end: r.end, newText: !quoted && name.includes(':') ? '`' + name + '`' : name });
  }
  for (const ref of host.index.labelReferences(key)) edits.push({ path: ref.file, start: ref.start, end: ref.end, newText: name });
  return dedupe(edits);
}

/** Root-relative path of a (possibly moved) file after the moves. */
function movedTo(moves: Map<string, string>, path: string): string {
  return moves.get(path) ?? path;
}

/** The target text a reference must now have, written the way it was (absolute stays absolute,
 *  a `.rst` suffix stays). */
function newTarget(host: FeatureHost, r: Reference, fromDoc: string, target: string): string {
  const written = r.target.trim();
  const rel = (to: string): string => {
    const out = posix.relative('/' + dirname(fromDoc), '/' + to);
    return out || posix.basename(to);
  };
  switch (r.kind) {
    case 'toctree':
    case 'doc': {
      const suffix = written.endsWith('.rst') ? '.rst' : '';
      const t = stripSuffix(target);
      return (written.startsWith('/') ? '/' + t : rel(t)) + suffix;
    }
    case 'path': {
      if (written.startsWith('Documentation/')) return host.index.kernelPathOf(target);
      return rel(target);
    }
    default:
      return written.startsWith('/') ? '/' + target : rel(target);
  }
}

/**
 * The edits moving files needs (`workspace/willRenameFiles`, or a document renamed with
 * textDocument/rename): every toctree entry, `:doc:`, include and automarkup path that names a moved
 * file, and the relative references of the moved documents themselves when their directory changes.
 * Glob toctree entries are left as they are. Offsets are into the texts before the move.
 */
export function moveEdits(host: FeatureHost, list: { from: string; to: string }[]): Edit[] {
  const moves = new Map(list.map((m) => [m.from, m.to]));
  const edits: Edit[] = [];
  const push = (r: Reference, target: string): void => {
    if (r.kind === 'glob') return;
    const fromDoc = movedTo(moves, r.path);
    const place = referencePlace(host, r);
    const text = newTarget(host, r, fromDoc, target);
    const old = host.text(place.path)?.slice(place.start, place.end);
    if (old !== text) edits.push({ ...place, newText: text });
  };
  const done = new Set<string>();
  const key = (r: Reference): string => `${r.file}\0${r.start}`;
  for (const [from, to] of moves) {
    for (const r of host.index.fileReferences(from)) {
      done.add(key(r));
      push(r, to);
    }
  }
  // the moved documents' own relative references
  for (const [from, to] of moves) {
    if (dirname(from) === dirname(to)) continue;
    const facts = host.index.getFacts(from);
    if (!facts) continue;
    const own: Reference[] = [];
    for (const r of facts.refs ?? []) {
      if (r.fromInclude !== undefined) continue;
      if (r.kind === 'doc' && !r.target.trim().startsWith('/')) own.push({ path: from, file: from, kind: 'doc', target: r.target, start: r.start, end: r.end });
      else if (r.kind === 'path' && !r.target.startsWith('Documentation/')) own.push({ path: from, file: from, kind: 'path', target: r.target, start: r.start, end: r.end });
    }
    for (const t of facts.toctrees) {
      if (t.fromInclude !== undefined) continue;
      for (const e of t.entries) {
        if (e.kind !== 'doc' || !e.position || e.target.startsWith('/')) continue;
        const at = e.text.indexOf(e.target, e.title !== undefined ? e.text.lastIndexOf('<') + 1 : 0);
        const start = e.position.start.offset + Math.max(0, at);
        own.push({ path: from, file: from, kind: 'toctree', target: e.target, start, end: start + e.target.length });
      }
    }
    for (const inc of facts.includes) {
      if (inc.fromInclude !== undefined || !inc.position || inc.path === null || !inc.inRoot || inc.target.trim().startsWith('/')) continue;
      own.push({ path: from, file: from, kind: 'include', target: inc.target, start: inc.position.start.offset, end: inc.position.end.offset });
    }
    for (const r of own) {
      if (done.has(key(r))) continue;
      done.add(key(r));
      const target = ownTarget(host, from, r);
      if (target !== undefined) push(r, movedTo(moves, target));
    }
  }
  return dedupe(edits);
}

/** The root-relative file a reference of `from` names now (before the move). */
function ownTarget(host: FeatureHost, from: string, r: Reference): string | undefined {
  const t = r.target.trim();
  if (r.kind === 'path') return host.index.autoPathTarget(from, t);
  if (r.kind === 'include') {
    const j = posix.normalize(posix.join('/' + dirname(from), t));
    return j.startsWith('/../') ? undefined : j.slice(1);
  }
  const d = docnameJoin(stripSuffix(from), r.kind === 'toctree' ? stripSuffix(t) : t);
  return d === null ? undefined : d + '.rst';
}

/** Expand moved directories into the documents (and other indexed files) under them. */
export function expandMoves(host: FeatureHost, list: { from: string; to: string }[]): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const m of list) {
    if (host.index.has(m.from)) {
      out.push(m);
      continue;
    }
    const prefix = m.from.replace(/\/$/, '') + '/';
    // the documents under a moved directory, and the other files references name there (includes)
    const under = [...new Set([...host.index.documents(), ...host.index.referencedFiles()])].filter((d) => d.startsWith(prefix)).sort();
    if (!under.length) out.push(m);
    for (const d of under) out.push({ from: d, to: m.to.replace(/\/$/, '') + '/' + d.slice(prefix.length) });
  }
  return out;
}
