/**
 * Which documents' findings an index change can affect.
 *
 * While a document is linted, its rules' questions to the project index are recorded with a hash
 * of each answer (IndexRecorder). When a document's text changes, its facts (labels, toctrees,
 * includes, :orphan:) are compared with the facts it had; from the difference follow the questions
 * whose answers may have changed:
 * - a label defined, removed or moved in the document: the questions naming that label;
 * - toctrees, includes or :orphan: changed: every toctree/include/orphan question;
 * - a document or file appearing or going: every question;
 * - any change: the questions naming the document itself (its facts, its text).
 * Those are asked again; the documents that recorded a different answer are linted again. A
 * question of a kind not known here is asked again on every change, so a new index method used by
 * a rule is never missed, only slower.
 */
import { askAgain } from '../lint/findings-cache.js';
import { normalizeName, stripSuffix, type DocumentFacts, type ProjectIndex } from '../project/index.js';

/** Questions answered from labels only. */
const LABEL_METHODS = new Set(['resolveLabel', 'labelDefinitions']);
/** Questions whose answers follow from toctrees, includes and :orphan: of any document. */
const RELATION_METHODS = new Set(['isInToctree', 'toctreeParents', 'tocStatus', 'isIncluded', 'isOrphan', 'entryTargets', 'includers']);
/** Questions whose answers change only when documents or files appear or go (or name the
 *  changed document in their arguments). */
const EXISTENCE_METHODS = new Set(['hasDocname', 'resolveDoc', 'fileExists', 'resolveKernelPath', 'kernelFileExists', 'documents', 'has', 'globMatches', 'listFiles']);
/** Questions about one document's own facts or text (named in the arguments). `hasInvalidUtf8`
 *  answers from the named file's bytes, which change only when that file does. */
const OWN_METHODS = new Set(['getFacts', 'sourceText', 'documentKey', 'toctrees', 'readRel', 'loaded', 'hasInvalidUtf8']);
/** Answers that never change: pure path arithmetic. */
const PURE_METHODS = new Set(['kernelPathOf', 'abs', 'rel']);

export interface FactsChange {
  path: string;
  /** Label names (normalized) defined differently before and after. */
  labels: Set<string>;
  relations: boolean;
  existence: boolean;
}

/** What differs between a document's facts before and after a change. */
export function diffFacts(path: string, before: DocumentFacts | undefined, after: DocumentFacts | undefined, isDocument: boolean): FactsChange {
  const change: FactsChange = { path, labels: new Set(), relations: false, existence: false };
  if (!isDocument) {
    // an include target, an image, a literalinclude'd file: its existence or text may matter to
    // anything (includers are re-parsed by the index and diffed on their own)
    change.existence = true;
    return change;
  }
  if (!before !== !after) change.existence = true;
  const group = (f: DocumentFacts | undefined): Map<string, string> => {
    const m = new Map<string, string[]>();
    for (const l of f?.labels ?? []) {
      const list = m.get(l.name);
      const s = JSON.stringify(l);
      if (list) list.push(s);
      else m.set(l.name, [s]);
    }
    return new Map([...m].map(([k, v]) => [k, v.join('\n')]));
  };
  const a = group(before);
  const b = group(after);
  for (const [k, v] of a) if (b.get(k) !== v) change.labels.add(k);
  for (const k of b.keys()) if (!a.has(k)) change.labels.add(k);
  const rel = (f: DocumentFacts | undefined): string =>
    f
      ? JSON.stringify([
          f.toctrees.map((t) => [t.glob, t.hidden, t.fromInclude ?? '', t.entries.map((e) => [e.kind, e.docname, e.target])]),
          f.includes.map((i) => [i.kind, i.path, i.inRoot]),
          f.orphanField,
          f.firstInclude ?? '',
        ])
      : '';
  if (rel(before) !== rel(after)) change.relations = true;
  return change;
}

interface QuestionInfo {
  method: string;
  /** The string arguments (and, for label questions, their normalized form). */
  keys: string[];
}

function parseQuestion(q: string): QuestionInfo {
  if (q.startsWith('.')) return { method: q, keys: [] };
  const paren = q.indexOf('(');
  const method = q.slice(0, paren);
  const keys: string[] = [];
  try {
    const args = JSON.parse(q.slice(paren + 1)) as unknown[];
    const visit = (v: unknown): void => {
      if (typeof v === 'string') {
        keys.push(v);
        if (LABEL_METHODS.has(method)) keys.push(normalizeName(v));
      } else if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') Object.values(v).forEach(visit);
    };
    args.forEach(visit);
  } catch {
    /* an unparsable question is asked again on every change */
  }
  return { method, keys };
}

/** Recorded questions per document, with the reverse maps to find the affected ones. */
export class Dependencies {
  /** Per document: question → answer hash when it was linted. */
  private readonly asked = new Map<string, Map<string, string>>();
  /** Per question: the documents that asked it. */
  private readonly askers = new Map<string, Set<string>>();
  private readonly info = new Map<string, QuestionInfo>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byMethod = new Map<string, Set<string>>();
  /** Questions asked again by the last `affected` call (work counter for tests and the bench). */
  lastReasked = 0;
  reasked = 0;

  get size(): number {
    return this.askers.size;
  }

  record(path: string, asked: ReadonlyMap<string, string>): void {
    const old = this.asked.get(path);
    if (old) {
      // a re-lint after a keystroke mostly asks what it asked before: keep what stays
      for (const q of old.keys()) if (!asked.has(q)) this.dropAsker(q, path);
      this.asked.set(path, new Map(asked));
      for (const q of asked.keys()) if (!old.has(q)) this.addAsker(q, path);
      return;
    }
    this.asked.set(path, new Map(asked));
    for (const q of asked.keys()) this.addAsker(q, path);
  }

  private addAsker(q: string, path: string): void {
    let s = this.askers.get(q);
    if (!s) {
      this.askers.set(q, (s = new Set()));
      this.index(q);
    }
    s.add(path);
  }

  private dropAsker(q: string, path: string): void {
    const s = this.askers.get(q);
    if (!s) return;
    s.delete(path);
    if (!s.size) {
      this.askers.delete(q);
      this.unindex(q);
    }
  }

  forget(path: string): void {
    const old = this.asked.get(path);
    if (!old) return;
    for (const q of old.keys()) this.dropAsker(q, path);
    this.asked.delete(path);
  }

  clear(): void {
    this.asked.clear();
    this.askers.clear();
    this.info.clear();
    this.byKey.clear();
    this.byMethod.clear();
  }

  private index(q: string): void {
    const info = parseQuestion(q);
    this.info.set(q, info);
    add(this.byMethod, info.method, q);
    for (const k of info.keys) add(this.byKey, k, q);
  }

  private unindex(q: string): void {
    const info = this.info.get(q);
    if (!info) return;
    this.info.delete(q);
    del(this.byMethod, info.method, q);
    for (const k of info.keys) del(this.byKey, k, q);
  }

  /** The documents whose recorded answers differ from the current index's after `changes`. */
  affected(index: ProjectIndex, changes: readonly FactsChange[]): Set<string> {
    const questions = new Set<string>();
    const addAll = (set: Set<string> | undefined): void => {
      if (set) for (const q of set) questions.add(q);
    };
    let everything = false;
    let labelsChanged = false;
    let relations = false;
    for (const c of changes) {
      if (c.existence) everything = true;
      if (c.relations) relations = true;
      if (c.labels.size) labelsChanged = true;
      for (const l of c.labels) addAll(this.byKey.get(l));
      addAll(this.byKey.get(c.path));
      addAll(this.byKey.get(stripSuffix(c.path)));
    }
    if (everything) for (const q of this.askers.keys()) questions.add(q);
    else {
      for (const [method, qs] of this.byMethod) {
        if (method.startsWith('.')) continue;
        if (RELATION_METHODS.has(method)) {
          if (relations) addAll(qs);
        } else if (method === 'labels') {
          if (labelsChanged) addAll(qs);
        } else if (method === 'toctrees') {
          // toctrees() without a document: all of them
          if (relations) for (const q of qs) if (this.info.get(q)!.keys.length === 0) questions.add(q);
        } else if (!LABEL_METHODS.has(method) && !EXISTENCE_METHODS.has(method) && !OWN_METHODS.has(method) && !PURE_METHODS.has(method)) addAll(qs);
      }
    }
    const out = new Set<string>();
    this.lastReasked = questions.size;
    this.reasked += questions.size;
    for (const q of questions) {
      const now = askAgain(index, q);
      for (const d of this.askers.get(q) ?? []) if (this.asked.get(d)?.get(q) !== now) out.add(d);
    }
    return out;
  }
}

function add(m: Map<string, Set<string>>, k: string, v: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

function del(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(v);
  if (!s.size) m.delete(k);
}
