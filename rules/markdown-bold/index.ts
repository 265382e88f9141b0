/**
 * markdown-bold: Markdown `__bold text__` in rst. reStructuredText reads `text__` as an anonymous
 * hyperlink reference, so Sphinx prints `Anonymous hyperlink mismatch: 1 references but 0 targets.`
 * (without a line number) and the text renders as a broken link. `__word__` without a space is
 * plain text in rst and usually a C identifier (`__init__`, `__attribute__`): not reported.
 *
 * Fix: `**bold text**`, when the rst inline-markup rules allow `**` at those places.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import { blockOffset, inCode, mdNodes, parseMarkdown, proseBlocks, rstEndOk, rstStartOk } from '../_shared/markdown.js';
import { edit, span } from '../_shared/util.js';
import { ofType } from '../_shared/facts.js';
import { toText } from '../../src/rst/nodes.js';

const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);

/** Cheap pre-filter: an opening `__` (not after a word character, not before a space) and a later
 *  closing `__` (not after a space, not before a word character) with a space between. Linear.
 *  Same answer on a paragraph's source as on its block text (they differ only in whitespace
 *  at line starts and in line breaks). */
export function hasSpacedDoubleUnderscore(text: string): boolean {
  let open = -1;
  for (let i = text.indexOf('__'); i >= 0; i = text.indexOf('__', i + 1)) {
    let j = i;
    while (text[j] === '_') j++; // the whole run of underscores
    const before = text[i - 1];
    const after = text[j];
    if (open >= 0 && !isSpace(before) && !isWord(after)) {
      if (/\s/.test(text.slice(open, i))) return true;
      open = -1;
    }
    if (!isWord(before) && !isSpace(after) && after !== '_') open = j;
    i = j - 1;
  }
  return false;
}

/** `__word__`: a lower-case word between double underscores that is not a known dunder name. */
const BOLD_WORD = /(?<![\p{L}\p{N}_])__([a-z]+)__(?![\p{L}\p{N}_])/gu;
function hasPlainBoldWord(text: string): boolean {
  BOLD_WORD.lastIndex = 0;
  for (let m = BOLD_WORD.exec(text); m; m = BOLD_WORD.exec(text)) if (!DUNDER_WORDS.has(m[1]!)) return true;
  return false;
}

/** Pre-filter of the paragraphs worth parsing as Markdown (same answer on source and block text). */
function mayHoldBold(text: string): boolean {
  return hasSpacedDoubleUnderscore(text) || hasPlainBoldWord(text);
}

/** Names C, GCC, the kernel, Python and devicetree spell with two leading and trailing
 *  underscores, as single lower-case words (`__attribute__`, `__func__`, `__init__`, `__fixups__`). */
const DUNDER_WORDS = new Set([
  'attribute', 'func', 'function', 'asm', 'volatile', 'pure', 'packed', 'typeof', 'fallthrough', 'inline', 'const',
  'restrict', 'signed', 'extension', 'builtin', 'label', 'alignof', 'init', 'exit', 'user', 'iomem', 'force',
  'fentry', 'weak', 'aligned', 'section', 'used', 'unused', 'cold', 'hot', 'noreturn', 'deprecated', 'visibility',
  'alias', 'naked', 'nonnull', 'malloc', 'format', 'mode', 'cleanup', 'noinline', 'percpu', 'rcu', 'bitwise',
  'nocast', 'kernel', 'private', 'acquires', 'releases', 'must_hold', 'safe', 'main', 'name', 'file', 'line',
  'date', 'time', 'doc', 'dict', 'class', 'module', 'all', 'slots', 'call', 'new', 'del', 'repr', 'str', 'len',
  'enter', 'iter', 'next', 'version', 'fixups', 'symbols', 'overlay', 'init_array', 'start', 'end', 'stop',
  'always_inline', 'gnu_inline', 'counted_by', 'designated_init', 'randomize_layout', 'noclone', 'optimize',
  'target', 'copy', 'error', 'warning', 'leaf', 'nothrow', 'returns_twice', 'sentinel', 'constructor', 'destructor',
]);

/** Is `__word__` an identifier rather than a word meant bold? Anything but a lower-case word
 *  (`__VA_ARGS__`, `__x86_64__`, `__local_fixups__`), a known dunder name, or a name this document
 *  also writes elsewhere (twice in prose, or in a literal or code block). */
function isIdentifier(word: string, raw: string, start: number, end: number, doc: Parameters<Rule['check']>[0]['doc']): boolean {
  if (!/^[a-z]+$/.test(word) || DUNDER_WORDS.has(word)) return true;
  const spelled = `__${word}__`;
  const first = raw.indexOf(spelled);
  if (first !== start || raw.indexOf(spelled, end) >= 0) return true;
  for (const t of ['literal', 'literal_block']) for (const n of ofType(doc, t)) if (toText(n).includes(spelled)) return true;
  return false;
}

const rule: Rule = {
  meta: {
    id: 'markdown-bold',
    description: "Markdown `__bold text__` is an anonymous hyperlink reference in rst (\"Anonymous hyperlink mismatch\"); use `**bold text**`.",
    defaultSeverity: 'error',
    fixable: true,
    // docutils reports the same `text__` as an anonymous reference without a target
    supersedes: [{ rule: 'docutils', message: 'Anonymous hyperlink mismatch' }],
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const { doc } = ctx;
    const raw = doc.source.raw;
    const out: Finding[] = [];
    for (const b of proseBlocks(doc, ['__'], mayHoldBold)) {
      if (!b.text.includes('__') || !mayHoldBold(b.text)) continue;
      const md = parseMarkdown(b.text);
      for (const s of mdNodes(md, 'strong')) {
        const p = s.position;
        if (!p) continue;
        const start = blockOffset(b, p.start.line, p.start.column);
        const end = blockOffset(b, p.end.line, p.end.column);
        if (raw.slice(start, start + 2) !== '__' || raw.slice(end - 2, end) !== '__') continue;
        // `` `text <url>`__ ``: the underscores close rst references
        if (raw[start - 1] === '`' || raw[end - 3] === '`') continue;
        const inner = raw.slice(start + 2, end - 2);
        if (inCode(b, start, end)) continue;
        if (!/\s/.test(inner)) {
          // `__word__` is plain text in rst: it renders with its underscores. Usually an
          // identifier (`__attribute__`, `__func__`, a devicetree `__fixups__` node); a plain
          // word (`__before__`) was meant bold
          if (isIdentifier(inner, raw, start, end, ctx.doc)) continue;
          out.push({
            ruleId: 'markdown-bold',
            message: `Markdown bold '__${inner}__' renders with its underscores in reStructuredText: use '**${inner}**'`,
            place: span(doc, start, end),
            severity: 'info',
            suggestions: [{ message: `Use '**${inner}**'`, fix: [edit(doc, start, start + 2, '**'), edit(doc, end - 2, end, '**')] }],
          });
          continue;
        }
        const shown = inner.replace(/\s+/g, ' ');
        const f: Finding = {
          ruleId: 'markdown-bold',
          message: `Markdown bold '__${shown}__' is an anonymous hyperlink reference in reStructuredText (Anonymous hyperlink mismatch): use '**${shown}**'`,
          place: span(doc, start, end),
        };
        const fix = [edit(doc, start, start + 2, '**'), edit(doc, end - 2, end, '**')];
        if (rstStartOk(start > 0 ? raw[start - 1] : undefined) && rstEndOk(raw[end]) && !inner.includes('*')) f.fix = fix;
        else f.suggestions = [{ message: `Use '**${shown}**'`, fix }];
        out.push(f);
      }
    }
    return out;
  },
};

export default rule;
