/**
 * A persistent cache of each document's findings (what ESLint's `--cache` does, for rst), so that
 * linting the whole tree again after editing a few files re-checks only what the edits can change.
 *
 * A document's findings are replayed, without parsing it, when
 * - its text and the texts of the files it includes are unchanged (`ProjectIndex.documentKey`),
 * - every question its rules asked the project index (resolve this label, is this document in a
 *   toctree, does this file exist...) still gets the same answer. The rules see the index through
 *   an `IndexRecorder`, which notes each question and a hash of its answer; a renamed label or a
 *   new toctree entry elsewhere thus re-checks exactly the documents that asked about it.
 * The cache file is per docs root, the code and data findings depend on (lintStamp: parser,
 * index, engine, rules, contracts, model) and rule options;
 * an unreadable or stale file is ignored, and a write that fails leaves the run unaffected.
 */
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentStamp, defaultCacheDir, filesUnder, importClosureStamp, textHash, writeCacheFile } from '../project/cache.js';
import type { ProjectIndex } from '../project/index.js';
import type { ResolvedConfig } from './config.js';
import type { Finding } from './types.js';

/** Findings of one document, per rule id, as the rules returned them. */
export type RuleFindings = Record<string, Finding[]>;

interface Entry {
  /** documentKey of the document (and its patch status) when it was checked */
  k: string;
  /** rows of `answers` the findings rely on */
  q: number[];
  r: RuleFindings;
}

interface CacheFile {
  /** [question, hash of its answer] */
  answers: [string, string][];
  entries: Record<string, Entry>;
}

/** Hash of an index answer: its JSON, with Maps and Sets spelled out (no answer is cyclic); a
 *  short JSON (most answers: true, [], a path) stands for itself, marked by '=' (not base64url). */
function answerHash(value: unknown): string {
  if (value === undefined) return 'u';
  // plain JSON first (a replacer costs a call per key): a Map or Set anywhere in the value shows
  // as `{}` there, and only then is the value spelled out again (same text as before)
  let json = JSON.stringify(value);
  if (json !== undefined && json.includes('{}')) json = JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? { m: [...v] } : v instanceof Set ? { s: [...v] } : v));
  if (json === undefined) return 'u';
  return json.length <= 40 ? `=${json}` : textHash(json).slice(0, 16);
}

/** The key of a question: the method and its arguments (`.name` for a property read); undefined
 *  when an argument would not survive JSON (then the question cannot be asked again). */
function questionOf(method: string, args: readonly unknown[]): string | undefined {
  for (const a of args) if (a === undefined || typeof a === 'function' || typeof a === 'symbol' || typeof a === 'bigint') return undefined;
  return `${method}(${JSON.stringify(args)}`;
}

/** Ask the index a recorded question again; '!' when it cannot be asked any more. */
export function askAgain(index: ProjectIndex, question: string): string {
  try {
    if (question.startsWith('.')) return answerHash((index as unknown as Record<string, unknown>)[question.slice(1)]);
    const paren = question.indexOf('(');
    const fn = (index as unknown as Record<string, unknown>)[question.slice(0, paren)];
    if (typeof fn !== 'function') return '!';
    const args = JSON.parse(question.slice(paren + 1)) as unknown[];
    return answerHash((fn as (...a: unknown[]) => unknown).apply(index, args));
  } catch {
    return '!';
  }
}

/** Questions whose answer about the document itself is fixed by its text and includes (its facts
 *  are collected from its tree alone), hence by its key: not worth recording (its facts are the
 *  largest answers of all). */
const OWN_FACTS = new Set(['getFacts', 'toctrees', 'sourceText']);

/**
 * The project index as one document's rules see it: every question and a hash of its answer are
 * noted. `cacheable` turns false when a question cannot be replayed (a function argument, an
 * answer that is not plain data).
 */
export class IndexRecorder {
  readonly asked = new Map<string, string>();
  cacheable = true;
  readonly index: ProjectIndex;

  constructor(target: ProjectIndex, ownPath: string) {
    const wrappers = new Map<string, (...args: unknown[]) => unknown>();
    const note = (question: string | undefined, value: unknown): void => {
      if (question === undefined) {
        this.cacheable = false;
        return;
      }
      if (this.asked.has(question)) return;
      try {
        this.asked.set(question, answerHash(value));
      } catch {
        this.cacheable = false;
      }
    };
    this.index = new Proxy(target, {
      get: (t, prop) => {
        const value = Reflect.get(t, prop, t) as unknown;
        if (typeof prop !== 'string') return value;
        if (typeof value !== 'function') {
          note(`.${prop}`, value);
          return value;
        }
        let w = wrappers.get(prop);
        if (!w) {
          const method = value as (...args: unknown[]) => unknown;
          w = (...args: unknown[]): unknown => {
            const answer = method.apply(t, args);
            if (!(args.length === 1 && args[0] === ownPath && OWN_FACTS.has(prop))) note(questionOf(prop, args), answer);
            return answer;
          };
          wrappers.set(prop, w);
        }
        return w;
      },
    });
  }
}

/**
 * Identifies what findings depend on: the rules (their modules and data), the contracts, the
 * parser (all of it: it loads its parts by names the import scan does not see), and every module
 * the rules, the engine and the project index import, transitively — not the whole kdocs build:
 * a rebuild that changes only the site, the language server or the command line keeps the file
 * (the site's first build after such a change replays its lint instead of linting every document).
 */
let lintStampMemo: string | undefined;
export function lintStamp(dist?: string): string {
  if (dist === undefined) return (lintStampMemo ??= lintStamp(nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..'))); // dist/
  const rulesDir = nodePath.join(dist, 'rules');
  const data = contentStamp([rulesDir, nodePath.join(dist, '..', 'rules', 'contracts')], ['.json']) + contentStamp([nodePath.join(dist, 'src', 'rst')], ['.js']);
  const roots = [...filesUnder([rulesDir], ['.js']), ...['lint/engine.js', 'lint/findings-cache.js', 'lint/api.js', 'lint/config.js', 'project/index.js'].map((f) => nodePath.join(dist, 'src', f))];
  return textHash(`${data}\0${importClosureStamp(roots)}`).slice(0, 16);
}

/** What in the configuration changes a rule's findings: its options, and the shared settings. */
export function configDigest(config: ResolvedConfig): string {
  const rules = [...config.rules.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([id, r]) => [id, r.options]);
  return textHash(JSON.stringify({ rules, settings: config.settings })).slice(0, 12);
}

export class FindingsCache {
  readonly file: string;
  hits = 0;
  misses = 0;
  private answers: [string, string][] = [];
  private entries: Record<string, Entry> = {};
  /** `question\nhash` → row of `answers`; built on the first store (a run that only replays,
   *  as a patch run mostly does, never needs it). */
  private answerIdsMemo: Map<string, number> | undefined;
  private dirty = false;
  /** Answers of the current index, per question (cleared when the index changes). */
  private current = new Map<string, string>();
  private currentOf: { index: ProjectIndex; generation: number } | undefined;

  constructor(root: string, config: ResolvedConfig, dir = defaultCacheDir()) {
    const key = textHash(nodePath.resolve(root)).slice(0, 12);
    this.file = nodePath.join(dir, `findings-${key}-${lintStamp()}-${configDigest(config)}.json`);
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<CacheFile>;
      if (Array.isArray(data.answers) && data.entries && typeof data.entries === 'object') {
        this.answers = data.answers;
        this.entries = data.entries;
      }
    } catch {
      /* no cache yet, or an unreadable one */
    }
  }

  private get answerIds(): Map<string, number> {
    if (!this.answerIdsMemo) {
      this.answerIdsMemo = new Map();
      this.answers.forEach(([q, h], i) => this.answerIdsMemo!.set(`${q}\n${h}`, i));
    }
    return this.answerIdsMemo;
  }

  /** Does the entry of `path` still hold in the index as it is now: stored under `key`, and every
   *  question it recorded answered the same? (No hit or miss is counted.) */
  holds(path: string, key: string, index: ProjectIndex, only?: (question: string) => boolean): boolean {
    const e = this.entries[path];
    if (e === undefined || e.k !== key) return false;
    for (const id of e.q) {
      const row = this.answers[id];
      if (!row) return false;
      // a question the caller knows to be answered as when the entry last held
      if (only && !only(row[0])) continue;
      if (this.currentAnswer(index, row[0]) !== row[1]) return false;
    }
    return true;
  }

  /** The findings recorded for `path`, per rule (whether they still hold or not). */
  recorded(path: string): RuleFindings | undefined {
    return this.entries[path]?.r;
  }

  private currentAnswer(index: ProjectIndex, question: string): string {
    if (this.currentOf?.index !== index || this.currentOf.generation !== index.generation) {
      this.current = new Map();
      this.currentOf = { index, generation: index.generation };
    }
    let h = this.current.get(question);
    if (h === undefined) {
      h = askAgain(index, question);
      this.current.set(question, h);
    }
    return h;
  }

  /** The cached findings of `path` for every rule in `ruleIds`, if they still hold. */
  lookup(path: string, key: string, index: ProjectIndex, ruleIds: readonly string[]): RuleFindings | undefined {
    const e = this.entries[path];
    let ok = e !== undefined && e.k === key && ruleIds.every((id) => Array.isArray(e.r[id]));
    if (ok) {
      for (const id of e!.q) {
        const row = this.answers[id];
        if (!row || this.currentAnswer(index, row[0]) !== row[1]) {
          ok = false;
          break;
        }
      }
    }
    if (!ok) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return e!.r;
  }

  /** The questions (and answer hashes) the cached findings of `path` rely on: what a caller that
   *  replays them must watch (the language server re-checks a document when one changes). */
  questionsOf(path: string): [string, string][] {
    const e = this.entries[path];
    if (!e) return [];
    const out: [string, string][] = [];
    for (const id of e.q) {
      const row = this.answers[id];
      if (row) out.push(row);
    }
    return out;
  }

  store(path: string, key: string, recorder: IndexRecorder, found: RuleFindings): void {
    if (!recorder.cacheable) return;
    const q: number[] = [];
    for (const [question, hash] of recorder.asked) {
      const k = `${question}\n${hash}`;
      let id = this.answerIds.get(k);
      if (id === undefined) {
        id = this.answers.length;
        this.answers.push([question, hash]);
        this.answerIds.set(k, id);
      }
      q.push(id);
    }
    this.entries[path] = { k: key, q, r: found };
    this.dirty = true;
  }

  /** Forget the documents that are gone (a rename would otherwise leave its old entry forever). */
  retainOnly(paths: Iterable<string>): void {
    const keep = new Set(paths);
    for (const p of Object.keys(this.entries)) {
      if (keep.has(p)) continue;
      delete this.entries[p];
      this.dirty = true;
    }
  }

  /** Write the cache (atomically) if anything changed, keeping only the answers still relied on
   *  (and dropping this root's findings caches of other builds or configurations). */
  save(): void {
    if (!this.dirty) return;
    const rows: [string, string][] = [];
    const renumber = new Map<number, number>();
    const entries: Record<string, Entry> = {};
    for (const [path, e] of Object.entries(this.entries)) {
      const q = e.q.map((id) => {
        let n = renumber.get(id);
        if (n === undefined) {
          n = rows.length;
          rows.push(this.answers[id]!);
          renumber.set(id, n);
        }
        return n;
      });
      entries[path] = { ...e, q };
    }
    if (writeCacheFile(this.file, { answers: rows, entries } satisfies CacheFile)) this.dirty = false;
  }
}
