/**
 * The highlighter's grammars with their expressions already converted, made by `npm run build`
 * (scripts/build-data.ts) into dist/data/.
 *
 * shiki's JavaScript engine turns each Oniguruma expression of a TextMate grammar into a
 * JavaScript RegExp (oniguruma-to-es) the first time its tokenizer needs it: parsing and
 * rewriting the expressions was ≈ 0.4–0.5 s of the 1.1 s a cold docs-src build spent
 * highlighting. What it turns an expression into depends only on the expression, the installed
 * packages and the JavaScript engine running them (oniguruma-to-es picks its output's features by
 * what V8 supports), so it is made once per kdocs build, not per site build: the build converts
 * every expression the listed languages' grammars hold (in every form the tokenizer asks for,
 * see `scannerSources`) with shiki's own converter and stores the RegExp it made (source, flags,
 * and the emulation options of oniguruma-to-es' EmulatedRegExp); the highlighter rebuilds the
 * same RegExp from that (`precompiledRegex`) and converts only what the file does not hold
 * (an `end` made from a `begin`'s captures, a language not listed).
 *
 * The file's name carries a stamp of everything the conversion depends on; a file of another
 * stamp (another shiki, another Node) is not read. KDOCS_BUILT_DATA=0 ignores the directory, as
 * for the contract explorations.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmulatedRegExp } from 'oniguruma-to-es';
import type { LanguageRegistration } from 'shiki';
import { textHash } from '../project/cache.js';
import { CUSTOM_GRAMMARS } from './grammars.js';
import { builtDataDir } from '../project/built-data.js';

/**
 * The shiki languages converted at build time: every language the kernel tree's lexer names map
 * to (code.ts ALIASES; c, bash/sh/shell, rust, yaml, rst, console, elisp, make, xml, java, json)
 * and the other common ones the alias table names. Each brings the languages its grammar embeds
 * (rst: cpp, python, javascript, …). Our own grammars (kconfig, dts) are converted too.
 */
export const PRECOMPILED_LANGUAGES: readonly string[] = ['c', 'cpp', 'shellscript', 'shellsession', 'rust', 'yaml', 'rst', 'emacs-lisp', 'make', 'xml', 'java', 'json', 'python', 'diff', 'javascript', 'ini', 'asm'];

/** The packages whose versions decide what an expression is converted to. */
const STAMPED_PACKAGES = ['shiki', '@shikijs/langs', '@shikijs/engine-javascript', '@shikijs/vscode-textmate', 'oniguruma-to-es', 'oniguruma-parser', 'regex'];

/** A converted expression: [source, flags] (a plain RegExp), [source, flags, options] (an
 *  EmulatedRegExp), or the message of the error the conversion threw. */
export type StoredRegex = [string, string] | [string, string, Record<string, unknown>] | { error: string };

interface GrammarFile {
  stamp: string;
  name: string;
  regex: Record<string, StoredRegex>;
}

/** Counters the tests read (work done, not time). */
export const grammarDataStats = { /** data files read */ filesRead: 0, /** expressions taken from the file */ fromData: 0, /** expressions converted by oniguruma-to-es while highlighting */ converted: 0 };

function installedVersion(name: string): string {
  try {
    let dir = nodePath.dirname(fileURLToPath(import.meta.resolve(name)));
    for (;;) {
      const pj = nodePath.join(dir, 'package.json');
      if (existsSync(pj)) {
        const j = JSON.parse(readFileSync(pj, 'utf8')) as { name?: string; version?: string };
        if (j.name === name) return j.version ?? '?';
      }
      const up = nodePath.dirname(dir);
      if (up === dir) return '?';
      dir = up;
    }
  } catch {
    return '?';
  }
}

let stampMemo: string | null | undefined;
/** What the conversion depends on: the packages' versions, V8's (oniguruma-to-es reads the
 *  engine's RegExp features), our grammars and this module (the list, the forms enumerated);
 *  undefined when one of them cannot be read (no data is written or read then: a stamp that
 *  left a package out would keep another version's conversions). */
export function grammarDataStamp(): string | undefined {
  if (stampMemo !== undefined) return stampMemo ?? undefined;
  const here = nodePath.dirname(fileURLToPath(import.meta.url));
  const own = ['grammar-data.js', 'grammars.js'].map((f) => {
    try {
      return readFileSync(nodePath.join(here, f), 'utf8');
    } catch {
      return undefined;
    }
  });
  const versions = STAMPED_PACKAGES.map((p) => installedVersion(p));
  if (own.includes(undefined) || versions.includes('?')) {
    stampMemo = null;
    return undefined;
  }
  const parts = [...STAMPED_PACKAGES.map((p, i) => `${p}@${versions[i]}`), `v8@${process.versions.v8}`, ...(own as string[])];
  return (stampMemo = textHash(parts.join('\u0000')).slice(0, 12));
}

/** The directory of this stamp's files, one per grammar (by its name: `c`, `cpp-macro`, …);
 *  undefined without a stamp. */
export function grammarDataDir(dir: string): string | undefined {
  const stamp = grammarDataStamp();
  return stamp ? nodePath.join(dir, `grammars-js-${stamp}`) : undefined;
}

/**
 * The strings shiki's tokenizer hands its regex engine for one expression of a grammar, as
 * vscode-textmate's RegExpSource makes them: `\z` rewritten, and an expression with `\A` or `\G`
 * in its four forms (each anchor kept, or replaced by U+FFFF where it cannot match).
 */
export function scannerSources(expr: string): string[] {
  let source = expr;
  let hasAnchor = false;
  const out: string[] = [];
  let last = 0;
  const parts: string[] = [];
  for (let pos = 0; pos < expr.length; pos++) {
    if (expr[pos] !== '\\' || pos + 1 >= expr.length) continue;
    const next = expr[pos + 1];
    if (next === 'z') {
      parts.push(expr.slice(last, pos), '$(?!\\n)(?<!\\n)');
      last = pos + 2;
    } else if (next === 'A' || next === 'G') hasAnchor = true;
    pos++;
  }
  if (last) {
    parts.push(expr.slice(last));
    source = parts.join('');
  }
  if (!hasAnchor) return [source];
  for (const [allowA, allowG] of [
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ] as const) {
    let s = '';
    for (let pos = 0; pos < source.length; pos++) {
      const ch = source[pos]!;
      s += ch;
      if (ch === '\\' && pos + 1 < source.length) {
        const next = source[pos + 1]!;
        s += (next === 'A' && !allowA) || (next === 'G' && !allowG) ? '\uFFFF' : next;
        pos++;
      }
    }
    out.push(s);
  }
  return out;
}

/** Every expression of a grammar (match, begin, end, while, at any depth: repository, captures,
 *  injections), in the forms the tokenizer asks for. */
function grammarSources(reg: LanguageRegistration, into: Set<string>): void {
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) {
      for (const x of o) walk(x);
      return;
    }
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (typeof v === 'string') {
        if (k === 'match' || k === 'begin' || k === 'end' || k === 'while') for (const s of scannerSources(v)) into.add(s);
      } else walk(v);
    }
  };
  walk(reg);
}

/** The registrations of the listed languages and of those they embed, and our own grammars. */
async function registrations(): Promise<LanguageRegistration[]> {
  const shiki = await import('shiki');
  const byName = new Map<string, LanguageRegistration>();
  for (const id of PRECOMPILED_LANGUAGES) {
    const load = (shiki.bundledLanguages as Record<string, () => Promise<{ default: LanguageRegistration[] }>>)[id];
    if (!load) throw new Error(`grammar-data: shiki has no language '${id}'`);
    for (const r of (await load()).default) byName.set(r.name, r);
  }
  for (const r of Object.values(CUSTOM_GRAMMARS)) byName.set(r.name, r);
  return [...byName.values()];
}

/** The RegExp shiki's JavaScript engine makes of `source`, as stored. */
function stored(convert: (p: string) => RegExp, source: string): StoredRegex {
  try {
    const re = convert(source);
    if (re instanceof EmulatedRegExp) return [re.source, re.flags, re.rawOptions as Record<string, unknown>];
    return [re.source, re.flags];
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Convert every expression of the listed languages with shiki's own converter and write one file
 * per grammar into `dir`'s stamped directory (a highlighter reads those of the grammars it
 * loads: C and shell for docs-src, not the 1.5 MB of Emacs Lisp); directories of other stamps
 * are removed. Nothing is converted when the directory is complete for this stamp.
 */
export async function writeGrammarData(dir: string): Promise<{ dir: string; grammars: number; expressions: number; written: boolean }> {
  const out = grammarDataDir(dir);
  const stamp = grammarDataStamp();
  if (!out || !stamp) return { dir: '(no stamp: a package version could not be read)', grammars: 0, expressions: 0, written: false };
  const regs = await registrations();
  const complete = regs.every((r) => {
    try {
      return (JSON.parse(readFileSync(nodePath.join(out, `${r.name}.json`), 'utf8')) as GrammarFile).stamp === stamp;
    } catch {
      return false;
    }
  });
  let expressions = 0;
  if (!complete) {
    const { defaultJavaScriptRegexConstructor } = await import('shiki/engine/javascript');
    // the engine's own default (createJavaScriptRegexEngine with no options): target 'auto'
    const convert = (p: string): RegExp => defaultJavaScriptRegexConstructor(p, { target: 'auto' });
    const done = new Map<string, StoredRegex>();
    mkdirSync(out, { recursive: true });
    for (const r of regs) {
      const sources = new Set<string>(['\uFFFF']);
      grammarSources(r, sources);
      const regex: Record<string, StoredRegex> = {};
      for (const s of [...sources].sort()) {
        let d = done.get(s);
        if (!d) done.set(s, (d = stored(convert, s)));
        regex[s] = d;
      }
      const file = nodePath.join(out, `${r.name}.json`);
      writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify({ stamp, name: r.name, regex } satisfies GrammarFile));
      renameSync(`${file}.${process.pid}.tmp`, file);
    }
    expressions = done.size;
  }
  for (const f of readdirSync(dir)) {
    if (f.startsWith('grammars-js-') && nodePath.join(dir, f) !== out) rmSync(nodePath.join(dir, f), { recursive: true, force: true });
  }
  return { dir: out, grammars: regs.length, expressions, written: !complete };
}

/** The converted expressions of the build's grammars, read grammar by grammar as the
 *  highlighter loads them. */
export class PrecompiledGrammars {
  private readonly regex = new Map<string, StoredRegex>();
  private readonly tried = new Set<string>();
  private constructor(private readonly dir: string) {}

  /** The build's grammars, or undefined when it made none for this stamp (or KDOCS_BUILT_DATA=0). */
  static open(dir: string | false = builtDataDir()): PrecompiledGrammars | undefined {
    if (dir === false) return undefined;
    const d = grammarDataDir(dir);
    return d && existsSync(d) ? new PrecompiledGrammars(d) : undefined;
  }

  /** Read the files of these grammars (names shiki lists as loaded; a name without a file, such
   *  as an alias, is skipped). */
  addGrammars(names: Iterable<string>): void {
    for (const name of names) {
      if (this.tried.has(name)) continue;
      this.tried.add(name);
      let d: GrammarFile;
      try {
        d = JSON.parse(readFileSync(nodePath.join(this.dir, `${name}.json`), 'utf8')) as GrammarFile;
      } catch {
        continue;
      }
      if (d.stamp !== grammarDataStamp() || !d.regex) continue;
      grammarDataStats.filesRead++;
      for (const k in d.regex) this.regex.set(k, d.regex[k]!);
    }
  }

  /** The RegExp shiki's converter makes of `source` (it throws what the converter threw), or
   *  undefined when the build did not convert it. */
  regExp(source: string): RegExp | undefined {
    const s = this.regex.get(source);
    if (!s) return undefined;
    grammarDataStats.fromData++;
    if (!Array.isArray(s)) throw new Error(s.error);
    return s.length === 3 ? new EmulatedRegExp(s[0], s[1], s[2]) : new RegExp(s[0], s[1]);
  }
}

/**
 * The regex constructor for shiki's JavaScript engine: the build's conversion of an expression
 * when it holds one, else shiki's own (counted).
 */
export function precompiledRegexConstructor(data: PrecompiledGrammars | undefined, convert: (p: string) => RegExp): (p: string) => RegExp {
  return (p) => {
    const re = data?.regExp(p);
    if (re) return re;
    grammarDataStats.converted++;
    return convert(p);
  };
}
