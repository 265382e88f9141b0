/**
 * Code blocks: the lexer Sphinx would use, the markup Sphinx writes around it, and highlighting
 * with shiki. The renderer writes a marker per block while it walks the tree; `fillPlain` or
 * `fillHighlighted` replaces the markers afterwards, so the walk itself stays synchronous.
 *
 * shiki is loaded once per process, with only the languages pages ask for (loading all of them
 * costs seconds); highlighted blocks are cached by (language, code).
 */
import type { Highlighter, ThemedToken } from 'shiki';
import type { RstNode } from '../rst/nodes.js';
import { escapeCode } from './escape.js';
import { CUSTOM_GRAMMARS } from './grammars.js';
import type { PendingCode, Renderer } from './render.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { textHash, writeCacheFile } from '../project/cache.js';

/** Pygments lexer names that shiki spells differently (the kernel tree's plus common ones). */
const ALIASES: Readonly<Record<string, string>> = {
  'c++': 'cpp',
  sh: 'shellscript',
  bash: 'shellscript',
  shell: 'shellscript',
  ksh: 'shellscript',
  zsh: 'shellscript',
  console: 'shellsession',
  'shell-session': 'shellsession',
  elisp: 'emacs-lisp',
  emacs: 'emacs-lisp',
  'emacs-lisp': 'emacs-lisp',
  make: 'make',
  makefile: 'make',
  mf: 'make',
  rest: 'rst',
  restructuredtext: 'rst',
  py: 'python',
  python3: 'python',
  py3: 'python',
  udiff: 'diff',
  patch: 'diff',
  js: 'javascript',
  cfg: 'ini',
  dosini: 'ini',
  nasm: 'asm',
  gas: 'asm',
  rs: 'rust',
  yml: 'yaml',
  dtsi: 'dts',
  devicetree: 'dts',
  kconfig: 'kconfig',
  'kernel-config': 'kconfig',
  menuconfig: 'kconfig',
  'config-kernel': 'kconfig',
};

/** Lexers that mean "no highlighting" to Sphinx. */
const PLAIN = new Set(['none', 'text', 'plain', 'plaintext', 'txt', 'raw', '']);

let bundled: Record<string, unknown> | undefined;
let shikiMod: typeof import('shiki') | undefined;

/** Longest shiki may tokenize one line (see fillHighlighted). */
const TOKENIZE_LINE_LIMIT_MS = 20_000;
let highlighterP: Promise<Highlighter> | undefined;
let grammarData: import('./grammar-data.js').PrecompiledGrammars | undefined;
const loaded = new Set<string>();
const cache = new Map<string, string>();
/** Counters the tests read (work done, not time). */
export const highlightStats = { highlighterCreated: 0, languagesLoaded: 0, blocksHighlighted: 0, cacheHits: 0, /** blocks read from the cache file */ storedHits: 0, /** milliseconds spent in fillHighlighted (shiki's load included) */ ms: 0 };

/**
 * The highlighted HTML of earlier runs (lexer as written + code → HTML, null for a block shiki
 * has no grammar for), read from and written to a cache file keyed by the highlighter's stamp
 * (shiki's version, this file, the hand-written grammars): a run whose blocks are all in it never
 * loads shiki.
 */
let stored: Map<string, string | null> | undefined;
let storedFile: string | undefined;
let storedAdded = 0;

function storedKey(p: PendingCode): string {
  return p.lang + '\u0000' + p.code;
}

function remember(p: PendingCode, html: string | null): void {
  const k = storedKey(p);
  if (stored!.get(k) !== html) {
    stored!.set(k, html);
    storedAdded++;
  }
}

/** Use the cache file `file` from now on (read it if it exists); the blocks it holds. */
export function openHighlightCache(file: string): number {
  if (storedFile === file && stored) return stored.size;
  storedFile = file;
  storedAdded = 0;
  stored = new Map();
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as [string, string | null][];
    if (Array.isArray(data)) stored = new Map(data);
  } catch {
    /* no cache yet, or an unreadable one */
  }
  return stored.size;
}

/** Write the cache file if blocks were added since it was read; stop using it. */
export function closeHighlightCache(): void {
  if (stored && storedFile && storedAdded) writeCacheFile(storedFile, [...stored]);
  stored = undefined;
  storedFile = undefined;
}

let stampMemo: string | undefined;
/** Identifies the highlighter's output: shiki's version, this module and the grammars. */
export function highlightStamp(): string {
  if (stampMemo) return stampMemo;
  const here = nodePath.dirname(fileURLToPath(import.meta.url));
  let shikiVersion = '';
  try {
    const req = createRequire(import.meta.url);
    shikiVersion = (JSON.parse(readFileSync(req.resolve('shiki/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    shikiVersion = '?';
  }
  const own = ['code.js', 'grammars.js'].map((f) => {
    try {
      return readFileSync(nodePath.join(here, f), 'utf8');
    } catch {
      return '?';
    }
  });
  return (stampMemo = textHash([shikiVersion, ...own].join('\u0000')).slice(0, 12));
}

/** shiki's language id for a Pygments lexer name, or undefined when there is none (plain). */
export async function shikiLanguage(lexer: string): Promise<string | undefined> {
  const l = lexer.trim().toLowerCase();
  if (PLAIN.has(l)) return undefined;
  const mapped = ALIASES[l] ?? l;
  if (CUSTOM_GRAMMARS[mapped]) return mapped;
  if (!bundled) {
    shikiMod ??= await import('shiki');
    bundled = shikiMod.bundledLanguages as Record<string, unknown>;
  }
  return mapped in bundled ? mapped : undefined;
}

/** Is the lexer one the renderer highlights (synchronous check for the known table). */
export function isPlainLexer(lexer: string): boolean {
  return PLAIN.has(lexer.trim().toLowerCase());
}

async function highlighter(langs: readonly string[]): Promise<Highlighter> {
  if (!highlighterP) {
    highlighterP = (async () => {
      shikiMod ??= await import('shiki');
      // shiki's JavaScript regular-expression engine rather than its default, Oniguruma compiled
      // to WebAssembly: no WebAssembly module to load (≈ 0.11 s), and blocks tokenize ≈ 35 %
      // faster once the grammars' expressions are compiled. Every block of the 6.12 tree (961
      // highlighted, 16 lexer names) and of docs-src comes out byte for byte as with Oniguruma
      // (2026-12-06; shiki 4.6.0).
      const { createJavaScriptRegexEngine, defaultJavaScriptRegexConstructor } = await import('shiki/engine/javascript');
      // the expressions `npm run build` converted (grammar-data.ts) are rebuilt from its file;
      // only the others go through the engine's own converter, as the engine itself would
      const { PrecompiledGrammars, precompiledRegexConstructor } = await import('./grammar-data.js');
      grammarData = PrecompiledGrammars.open();
      const regexConstructor = precompiledRegexConstructor(grammarData, (p) => defaultJavaScriptRegexConstructor(p, { target: 'auto' }));
      highlightStats.highlighterCreated++;
      return shikiMod.createHighlighter({ themes: ['github-light', 'github-dark'], langs: [], engine: createJavaScriptRegexEngine({ regexConstructor }) });
    })();
  }
  const h = await highlighterP;
  const missing = langs.filter((l) => !loaded.has(l));
  for (const l of missing) {
    loaded.add(l);
    const custom = CUSTOM_GRAMMARS[l];
    try {
      if (custom) await h.loadLanguage(custom);
      else await h.loadLanguage(l as never);
      highlightStats.languagesLoaded++;
    } catch {
      loaded.delete(l);
    }
  }
  // the converted expressions of the grammars just loaded (a language brings those it embeds)
  if (missing.length) grammarData?.addGrammars(h.getLoadedLanguages());
  return h;
}

function tokensToHtml(lines: ThemedToken[][]): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    if (i) out += '\n';
    for (const t of lines[i]!) {
      const st = t.htmlStyle;
      let style = '';
      if (st) {
        for (const [k, v] of Object.entries(st)) style += (style ? ';' : '') + `${k}:${v}`;
      } else if (t.color) style = `color:${t.color}`;
      out += style ? `<span style="${escapeCode(style)}">${escapeCode(t.content)}</span>` : escapeCode(t.content);
    }
  }
  return out;
}

function wrapLines(html: string, p: PendingCode): string {
  if (!p.linenos && !p.hlLines?.size) return html;
  // Sphinx 5.3 (html_codeblock_linenos_style 'inline', Pygments' HtmlFormatter): each line
  // starts with <span class="linenos">N</span>; emphasised lines are wrapped in
  // <span class="hll">. Lines are split on '\n' after highlighting: spans never cross lines.
  const lines = html.split('\n');
  const width = String(lines.length).length;
  let body = '';
  for (let i = 0; i < lines.length; i++) {
    let ln = lines[i]!;
    if (p.linenos) ln = `<span class="linenos">${String(i + 1).padStart(width)}</span>` + ln;
    const nl = i < lines.length - 1 ? '\n' : '';
    body += p.hlLines?.has(i + 1) ? `<span class="hll">${ln}${nl}</span>` : ln + nl;
  }
  return body;
}

const MARK = '\u0000K';

/** Write a code block (Sphinx's `<div class="highlight-LANG notranslate">` markup) and queue it. */
export function writeCode(r: Renderer, node: RstNode, lang: string, code: string, opts: { linenos?: boolean; hlLines?: ReadonlySet<number>; extraClasses?: readonly string[] } = {}): void {
  const n = r.pending.length;
  const p: PendingCode = { lang, code, linenos: !!opts.linenos, marker: `${MARK}${n}\u0000` };
  if (opts.hlLines) p.hlLines = opts.hlLines;
  // without highlighting the block is final now: no marker to replace afterwards
  const direct = r.options.highlight === false;
  if (direct) p.marker = wrapLines(escapeCode(code), p);
  else r.pending.push(p);
  const cls = [`highlight-${lang}`, 'notranslate', ...(opts.extraClasses ?? [])];
  const ids = (node.attributes?.ids as string[] | undefined) ?? [];
  r.write(`<div class="${escapeCode(cls.join(' '))}"${ids.length && !r.plain ? ` id="${escapeCode(ids[0]!)}"` : ''}>`);
  r.write(`<div class="highlight"><pre><span></span>${p.marker}</pre></div>\n</div>\n`);
  const block: { lang: string; highlighted: boolean; lines: number; position?: RstNode['position'] } = {
    lang: lang.toLowerCase(),
    highlighted: false,
    lines: code ? code.split('\n').length : 0,
  };
  if (node.position) block.position = node.position;
  r.codeBlocks.push(block);
}

function replaceMarkers(r: Renderer, htmlOf: (p: PendingCode, i: number) => string): void {
  if (!r.pending.length) return;
  const parts = r.out.split(MARK);
  let out = parts[0]!;
  for (let k = 1; k < parts.length; k++) {
    const part = parts[k]!;
    const end = part.indexOf('\u0000');
    const i = Number(part.slice(0, end));
    const p = r.pending[i];
    out += (p ? htmlOf(p, i) : '') + part.slice(end + 1);
  }
  r.out = out;
}

/** Fill every code block with its escaped text (no highlighting). */
export function fillPlain(r: Renderer): void {
  replaceMarkers(r, (p) => wrapLines(escapeCode(p.code), p));
}

/** Fill every code block, highlighted where shiki knows the lexer. */
export async function fillHighlighted(r: Renderer): Promise<void> {
  const t0 = performance.now();
  if (offThread) {
    // this thread's share only: the pages wait for the highlighting thread side by side
    const done = fillOffThread(r, offThread);
    highlightStats.ms += performance.now() - t0;
    return done;
  }
  try {
    await fill(r);
  } finally {
    highlightStats.ms += performance.now() - t0;
  }
}

/** A block's HTML from the cache of earlier builds (plain where it says so), or undefined when
 *  the block is not there. */
function storedHtml(r: Renderer, p: PendingCode, i: number): string | undefined {
  const was = stored?.get(storedKey(p));
  if (was === undefined) return undefined;
  if (was === null) return escapeCode(p.code);
  highlightStats.storedHits++;
  r.codeBlocks[i] && (r.codeBlocks[i]!.highlighted = true);
  return was;
}

/** A block's HTML through shiki, cached by language and code (this thread's blocks, or the
 *  highlighting thread's); the escaped code when shiki fails on it. */
function tokenized(h: Highlighter, lang: string, code: string): string {
  const key = lang + '\u0000' + code;
  let out = cache.get(key);
  if (out !== undefined) {
    highlightStats.cacheHits++;
    return out;
  }
  try {
    // shiki stops tokenizing a line after 500 ms by default and leaves the rest of it in the
    // state it reached: on a loaded machine the same block came out in other colours
    // (process/coding-style.rst's elisp, two builds of 6.12). A line's limit far above any
    // real one keeps the output the same whatever the load, and a pathological line finite.
    const res = h.codeToTokens(code, { lang: lang as never, themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: 'light', tokenizeTimeLimit: TOKENIZE_LINE_LIMIT_MS });
    out = tokensToHtml(res.tokens);
    highlightStats.blocksHighlighted++;
  } catch {
    out = escapeCode(code);
  }
  cache.set(key, out);
  return out;
}

async function fill(r: Renderer): Promise<void> {
  // every block answered by the cache of an earlier run: shiki is not even loaded
  if (stored && r.pending.every((p) => stored!.has(storedKey(p)))) {
    const html = r.pending.map((p, i) => storedHtml(r, p, i)!);
    replaceMarkers(r, (p, i) => wrapLines(html[i]!, p));
    return;
  }
  const langs = new Map<string, string | undefined>();
  for (const p of r.pending) if (!langs.has(p.lang)) langs.set(p.lang, await shikiLanguage(p.lang));
  const needed = [...new Set([...langs.values()].filter((l): l is string => !!l))];
  let h: Highlighter | undefined;
  if (needed.length) {
    try {
      h = await highlighter(needed);
    } catch (e) {
      r.warn('html-highlight', `highlighter unavailable: ${(e as Error).message}`, undefined);
    }
  }
  const html: string[] = [];
  for (let i = 0; i < r.pending.length; i++) {
    const p = r.pending[i]!;
    const lang = langs.get(p.lang);
    if (!h || !lang || !loaded.has(lang)) {
      html.push(escapeCode(p.code));
      // a lexer shiki has no grammar for (not a highlighter that failed to load) stays plain
      if (stored && (!lang || (h && !loaded.has(lang)))) remember(p, null);
      continue;
    }
    const out = tokenized(h, lang, p.code);
    r.codeBlocks[i] && (r.codeBlocks[i]!.highlighted = true);
    if (stored) remember(p, out);
    html.push(out);
  }
  replaceMarkers(r, (p, i) => wrapLines(html[i]!, p));
}

/**
 * What becomes of one code block (`highlightOne`, run by the highlighting thread): plain (no shiki
 * language for its lexer), no grammar (the language would not load), no highlighter at all, or
 * its HTML (the escaped code when shiki failed on it, as `fill` does).
 */
export type BlockOutcome = { kind: 'plain' } | { kind: 'nogrammar' } | { kind: 'unavailable'; message: string } | { kind: 'html'; html: string };

/** One block through shiki, as `fill` highlights each block of a page. */
export async function highlightOne(lexer: string, code: string): Promise<BlockOutcome> {
  const lang = await shikiLanguage(lexer);
  if (!lang) return { kind: 'plain' };
  let h: Highlighter;
  try {
    h = await highlighter([lang]);
  } catch (e) {
    return { kind: 'unavailable', message: (e as Error).message };
  }
  if (!loaded.has(lang)) return { kind: 'nogrammar' };
  return { kind: 'html', html: tokenized(h, lang, code) };
}

/** shiki and its themes loaded ahead of the first block (the highlighting thread's start). */
export async function preloadHighlighter(): Promise<void> {
  await highlighter([]);
}

/**
 * Highlighting on a thread of its own (src/html/highlight-worker.ts), for a build that finds no
 * highlighted blocks of earlier runs: shiki's start-up and its first blocks (loading the
 * grammars, compiling their expressions: ≈ 0.45 s of the docs-src build) leave the thread that
 * parses, lints and renders. A page waits for its blocks; the render pass goes on meanwhile.
 */
interface OffThread {
  worker: Worker;
  waiting: Map<number, (o: BlockOutcome) => void>;
  next: number;
  /** Outcomes by lexer and code (what `cache` is to `fill`). */
  done: Map<string, BlockOutcome>;
  statsWaiting?: (s: HighlightThreadStats) => void;
}
let offThread: OffThread | undefined;

/** Start the highlighting thread (shiki loads there at once); false when it cannot start. */
export function startHighlightThread(): boolean {
  if (offThread) return true;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./highlight-worker.js', import.meta.url));
  } catch {
    return false;
  }
  worker.unref();
  const st: OffThread = { worker, waiting: new Map(), next: 0, done: new Map() };
  worker.on('message', (m: { id: number; outcome: BlockOutcome } | { stats: HighlightThreadStats }) => {
    if ('stats' in m) {
      st.statsWaiting?.(m.stats);
      return;
    }
    const f = st.waiting.get(m.id);
    st.waiting.delete(m.id);
    f?.(m.outcome);
  });
  const ended = (err?: unknown): void => {
    if (offThread === st) offThread = undefined;
    const message = err instanceof Error ? err.message : 'the highlighting thread ended';
    for (const f of st.waiting.values()) f({ kind: 'unavailable', message });
    st.waiting.clear();
  };
  worker.on('error', ended);
  worker.on('exit', () => ended());
  offThread = st;
  return true;
}

/** What the highlighting thread did: its CPU time (NaN where /proc is missing) and where the
 *  converted expressions of its grammars came from (grammar-data.ts). */
export interface HighlightThreadStats {
  cpuSeconds: number;
  /** grammar files of the build read */
  grammarFiles: number;
  expressionsFromData: number;
  /** expressions converted by oniguruma-to-es on the thread */
  expressionsConverted: number;
}

/** Stop the highlighting thread (blocks are highlighted on this thread again); what it did, once
 *  every block asked of it is done (undefined when none was running or it did not answer). */
export async function stopHighlightThread(): Promise<HighlightThreadStats | undefined> {
  const st = offThread;
  offThread = undefined;
  if (!st) return undefined;
  const stats = await new Promise<HighlightThreadStats | undefined>((resolve) => {
    st.statsWaiting = resolve;
    st.worker.once('exit', () => resolve(undefined));
    st.worker.postMessage({ stats: true });
  });
  await st.worker.terminate();
  return stats;
}

function ask(st: OffThread, lexer: string, code: string): Promise<BlockOutcome> {
  const key = lexer + '\u0000' + code;
  const known = st.done.get(key);
  if (known) {
    highlightStats.cacheHits++;
    return Promise.resolve(known);
  }
  return new Promise((resolve) => {
    const id = st.next++;
    st.waiting.set(id, (o) => {
      if (o.kind !== 'unavailable') st.done.set(key, o);
      if (o.kind === 'html') highlightStats.blocksHighlighted++;
      resolve(o);
    });
    st.worker.postMessage({ id, lexer, code });
  });
}

async function fillOffThread(r: Renderer, st: OffThread): Promise<void> {
  let unavailable: string | undefined;
  const html = await Promise.all(
    r.pending.map(async (p, i): Promise<string> => {
      const was = storedHtml(r, p, i);
      if (was !== undefined) return was;
      const o = await ask(st, p.lang, p.code);
      switch (o.kind) {
        case 'html':
          r.codeBlocks[i] && (r.codeBlocks[i]!.highlighted = true);
          if (stored) remember(p, o.html);
          return o.html;
        case 'unavailable':
          unavailable ??= o.message;
          return escapeCode(p.code);
        default:
          // a lexer shiki has no grammar for (not a highlighter that failed to load) stays plain
          if (stored) remember(p, null);
          return escapeCode(p.code);
      }
    }),
  );
  if (unavailable !== undefined) r.warn('html-highlight', `highlighter unavailable: ${unavailable}`, undefined);
  replaceMarkers(r, (p, i) => wrapLines(html[i]!, p));
}
