/**
 * code-block-lexer: the language of `code-block`, `sourcecode`, `code`, `highlight` (and
 * `literalinclude`'s `:language:`) must be a name Pygments knows, matched case-insensitively as
 * `pygments.lexers.get_lexer_by_name` does, or one of the names Sphinx handles itself (`none`,
 * `default`, `guess`, ...). Sphinx's html builder prints `Pygments lexer name 'Cw' is not known`
 * and renders the block unhighlighted.
 *
 * Did-you-mean: candidates by edit distance. A fix is offered only when one candidate is clearly
 * meant: exactly one name at the smallest distance among the names the kernel already uses (c,
 * bash, sh, rust, ...), or else exactly one alias of all Pygments at distance 1. Otherwise the
 * candidates (and `none`, which is what Sphinx falls back to) are suggestions only.
 */
import type { Finding, Rule } from '../../src/lint/types.js';
import type { Position, RstNode } from '../../src/rst/nodes.js';
import { docFacts } from '../_shared/facts.js';
import { editDistance, opt, sourceLines, span } from '../_shared/util.js';
import { PYGMENTS_2_14_ALIASES, PYGMENTS_2_20_ADDED, SPHINX_SPECIAL_NAMES } from './pygments.js';

const KNOWN_2_14 = new Set([...PYGMENTS_2_14_ALIASES, ...SPHINX_SPECIAL_NAMES]);
const KNOWN_NEWER = new Set(PYGMENTS_2_20_ADDED);
/** Languages the 6.12 tree uses (kernel-docs.md §2.3), preferred for did-you-mean. */
const KERNEL_USED = ['c', 'none', 'bash', 'sh', 'rust', 'yaml', 'rst', 'text', 'console', 'elisp', 'kconfig', 'shell', 'make', 'xml', 'dts', 'java', 'json'];
const ALL_NAMES = [...KNOWN_2_14];

const LANG_ARG = new Set(['code-block', 'sourcecode', 'code', 'highlight']);

export interface LexerOptions {
  pygments?: '2.14' | '2.20';
  extraLexers?: string[];
}

export function isKnownLexer(name: string, options: LexerOptions = {}): boolean {
  const n = name.toLowerCase();
  if (KNOWN_2_14.has(n)) return true;
  if (options.pygments === '2.20' && KNOWN_NEWER.has(n)) return true;
  return (options.extraLexers ?? []).some((x) => x.toLowerCase() === n);
}

/** Candidates for an unknown name, best first, and whether the first is a confident fix. */
export function lexerCandidates(name: string): { candidates: string[]; confident: boolean } {
  const n = name.toLowerCase();
  const score = (list: readonly string[], max: number) => {
    const scored: { name: string; d: number }[] = [];
    for (const a of list) {
      const d = editDistance(n, a, max);
      if (d <= max) scored.push({ name: a, d });
    }
    scored.sort((x, y) => x.d - y.d || x.name.localeCompare(y.name));
    return scored;
  };
  const maxD = n.length <= 3 ? 1 : 2;
  const kernel = score(KERNEL_USED, maxD);
  const all = score(ALL_NAMES, maxD);
  let confident = false;
  let first: string | undefined;
  if (kernel.length && (kernel.length === 1 || kernel[1]!.d > kernel[0]!.d)) {
    confident = true;
    first = kernel[0]!.name;
  } else if (all.length && all[0]!.d === 1 && (all.length === 1 || all[1]!.d > 1)) {
    confident = true;
    first = all[0]!.name;
  }
  const candidates: string[] = [];
  if (first) candidates.push(first);
  for (const s of [...kernel, ...all]) {
    if (candidates.length >= 3) break;
    if (!candidates.includes(s.name)) candidates.push(s.name);
  }
  return { candidates, confident };
}

interface LangUse {
  name: string;
  place: Position;
}

function languageOf(node: RstNode, ctxDoc: Parameters<Rule['check']>[0]['doc']): LangUse | undefined {
  const inv = node.data?.directive;
  if (!inv) return undefined;
  const dname = inv.name.toLowerCase();
  if (LANG_ARG.has(dname)) {
    const arg = inv.arguments[0];
    const place = inv.argumentPositions?.[0];
    if (!arg || !place) return undefined;
    return { name: arg.trim(), place };
  }
  if (dname === 'literalinclude') {
    const lang = inv.options['language'];
    if (!lang || !node.position) return undefined;
    // find the option line in the directive's source text
    const lines = sourceLines(ctxDoc);
    for (let l = node.position.start.line; l <= node.position.end.line && l <= lines.length; l++) {
      const line = lines[l - 1]!;
      const i = line.text.indexOf(':language:');
      if (i < 0) continue;
      const j = line.text.indexOf(lang, i + 10);
      if (j < 0) continue;
      return { name: lang.trim(), place: span(ctxDoc, line.start + j, line.start + j + lang.length) };
    }
  }
  return undefined;
}

const rule: Rule<LexerOptions> = {
  meta: {
    id: 'code-block-lexer',
    description: 'code-block/sourcecode/code/highlight languages must be Pygments lexer names (Sphinx: "Pygments lexer name \'x\' is not known").',
    defaultSeverity: 'warning',
    fixable: true,
    optionsSchema: {
      type: 'object',
      properties: {
        pygments: { enum: ['2.14', '2.20'], description: 'Pygments whose names are accepted (2.14: Debian 12; 2.20 adds 78 names).' },
        extraLexers: { type: 'array', items: { type: 'string' }, description: 'More accepted names (plugin lexers).' },
      },
      additionalProperties: false,
    },
    defaultOptions: { pygments: '2.14', extraLexers: [] },
  },
  check(ctx) {
    const { doc } = ctx;
    const options: LexerOptions = {
      pygments: opt(ctx.options as Record<string, unknown>, 'pygments', '2.14'),
      extraLexers: opt(ctx.options as Record<string, unknown>, 'extraLexers', [] as string[]),
    };
    const out: Finding[] = [];
    const seen = new Set<number>();
    for (const n of docFacts(doc).directives) {
      const use = languageOf(n, doc);
      if (use && !seen.has(use.place.start.offset)) {
        seen.add(use.place.start.offset);
        if (use.name && !isKnownLexer(use.name, options)) {
          const newer = KNOWN_NEWER.has(use.name.toLowerCase());
          const f: Finding = {
            ruleId: 'code-block-lexer',
            message: `Pygments lexer name '${use.name}' is not known`,
            place: use.place,
          };
          if (newer) {
            f.detail = `'${use.name}' is known to Pygments 2.20 but not to 2.14 (Debian 12), which the kernel does not pin.`;
          } else {
            const { candidates, confident } = lexerCandidates(use.name);
            const sugg = [...candidates, ...(candidates.includes('none') ? [] : ['none'])];
            if (confident && candidates[0]) f.fix = [{ range: use.place, newText: candidates[0] }];
            f.suggestions = sugg.map((c) => ({
              message: c === 'none' ? `Use 'none' (no highlighting, what Sphinx falls back to)` : `Did you mean '${c}'?`,
              fix: [{ range: use.place, newText: c }],
            }));
          }
          out.push(f);
        }
      }
    }
    return out;
  },
};

export default rule;
