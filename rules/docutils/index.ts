/**
 * docutils: docutils' own system messages (and the parser's Sphinx-equivalent ones) as findings,
 * with docutils' exact text. Severity follows the level: WARNING → warning, ERROR/SEVERE → error
 * (SEVERE aborts a kernel build: Documentation/docutils.conf sets `halt_level: severe`).
 * INFO messages are off by default, except the few that nearly always point at a real mistake
 * (`info` lists them; add or remove rule ids there). `disable` turns any message kind off.
 *
 * Positions: the parser's exact range when it has one; otherwise docutils' line. "Anonymous
 * hyperlink mismatch" has no line in docutils: it is placed on the first anonymous reference.
 * Fix: "Title underline too short." extends the adornment to the title's width.
 */
import type { Finding, RelatedLocation, Rule, Severity } from '../../src/lint/types.js';
import { toText, type Position, type RstNode } from '../../src/rst/nodes.js';
import type { SystemMessage } from '../../src/rst/reporter.js';
import { adornmentChar, findHeadings, renderHeading, styleKey } from '../_shared/headings.js';
import { documentPlace, edit, eolOf, lineAt, opt, sourceLines, span } from '../_shared/util.js';

/** INFO messages reported by default (matched on ruleId or on the start of the text). */
export const DEFAULT_INFO = [
  'Blank line missing before literal block',
  'Possible title underline, too short for the title.',
  'Possible incomplete section title.',
];

function matches(m: SystemMessage, list: readonly string[]): boolean {
  return list.some((x) => x === m.ruleId || m.message.startsWith(x));
}

function severityOf(level: number): Exclude<Severity, 'off'> {
  return level >= 3 ? 'error' : level === 2 ? 'warning' : 'info';
}

function firstAnonymousReference(tree: RstNode): Position | undefined {
  let found: Position | undefined;
  const go = (n: RstNode): void => {
    if (found) return;
    // before the transform: reference[anonymous]; after it: problematic `text__`
    const anon = n.type === 'reference' ? Boolean(n.attributes?.anonymous) : n.type === 'problematic' && /__$/.test(toText(n));
    if (anon && n.position && n.data?.source === undefined) {
      found = n.position;
      return;
    }
    for (const c of n.children ?? []) go(c);
  };
  go(tree);
  return found;
}

const rule: Rule = {
  meta: {
    id: 'docutils',
    description: "docutils' own messages (inline markup, hyperlinks, tables, sections, directives), with docutils' text.",
    defaultSeverity: 'error',
    fixable: true,
    optionsSchema: {
      type: 'object',
      properties: {
        info: { type: 'array', items: { type: 'string' }, description: 'INFO messages to report (ruleId or message start).' },
        disable: { type: 'array', items: { type: 'string' }, description: 'Messages not to report (ruleId or message start).' },
      },
      additionalProperties: false,
    },
    defaultOptions: { info: DEFAULT_INFO, disable: [] },
  },
  check(ctx) {
    const { doc } = ctx;
    const info = opt(ctx.options, 'info', DEFAULT_INFO);
    const disable = opt(ctx.options, 'disable', [] as string[]);
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const m of doc.messages) {
      if (m.source !== undefined && m.source !== ctx.path) continue; // from an included file
      if (m.level <= 0) continue;
      if (m.level === 1 && !matches(m, info)) continue;
      if (matches(m, disable)) continue;
      let place = m.position;
      // docutils gives this one no line: point at the reference
      if (m.message.startsWith('Anonymous hyperlink mismatch')) place = firstAnonymousReference(doc.tree) ?? place;
      if (!place && m.line !== undefined) {
        const l = lineAt(doc, m.line);
        if (l) place = span(doc, l.start, l.end);
      }
      const key = `${m.ruleId}\0${m.message}\0${place?.start.offset ?? -1}\0${m.line ?? ''}`;
      if (seen.has(key)) continue; // docutils prints "Title underline too short." twice for one title
      seen.add(key);
      const f: Finding = {
        ruleId: 'docutils',
        message: m.message,
        place: place ?? documentPlace(doc),
        severity: severityOf(m.level),
      };
      if (!place) f.wholeDocument = true;
      if (m.line !== undefined) f.docutilsLine = m.line;
      if (m.detail !== undefined && m.level >= 3) f.detail = m.detail;
      if (m.ruleId === 'title-level-inconsistent' && place) {
        const related = inconsistentCause(ctx.doc, place);
        if (related) f.related = [related];
      }
      if (m.message === 'Title underline too short.') {
        const fix = underlineFix(ctx.doc, m, place);
        if (fix) f.fix = fix;
      }
      out.push(f);
    }
    return out;
  },
};

/** How a style reads in a message: `'='` for an underline, `'=' over and under` with an overline. */
function styleName(key: string): string {
  return key.length === 2 ? `'${key[0]}' over and under` : `'${key}' underline`;
}

/**
 * "Title level inconsistent" names only the title docutils rejected; the cause is earlier: the
 * heading that gave its adornment style a level (the style is then one level too deep here), or,
 * for a style never used before, the heading that gave the next level its style (a new style can
 * only start a level below the deepest one so far). docutils' rules, read off the headings
 * before the rejected one.
 */
function inconsistentCause(doc: Parameters<Rule['check']>[0]['doc'], place: Position): RelatedLocation | undefined {
  const lines = sourceLines(doc);
  const i = place.start.line - 1;
  const first = lines[i];
  if (!first) return undefined;
  // the rejected title's style: an overline when its first line is an adornment, else the underline
  const over = adornmentChar(first.text);
  const under = over !== undefined ? adornmentChar(lines[i + 2]?.text ?? '') : adornmentChar(lines[i + 1]?.text ?? '');
  if (under === undefined) return undefined;
  const key = over !== undefined && over === under ? `${under}o` : under;
  const before = findHeadings(doc).filter((h) => h.title.position && h.title.position.start.offset < place.start.offset);
  if (!before.length) return undefined;
  const placeOf = (h: (typeof before)[number]): Position => {
    const a = lines[h.overIndex ?? h.textIndex]!;
    const b = lines[h.underIndex]!;
    return span(doc, a.start, b.end);
  };
  const same = before.find((h) => styleKey(h) === key);
  if (same) {
    return { place: placeOf(same), message: `${styleName(key)} was first used here, for a level-${same.depth} title; here it would skip a level` };
  }
  // a new style: the level right below the enclosing section already has a style
  const depth = before[before.length - 1]!.depth;
  const next = before.find((h) => h.depth === depth + 1) ?? before.find((h) => h.depth === depth);
  if (!next) return undefined;
  return { place: placeOf(next), message: `level-${next.depth} titles use ${styleName(styleKey(next))} (first used here); a new style can only start a deeper level` };
}

function underlineFix(doc: Parameters<Rule['check']>[0]['doc'], m: SystemMessage, place: Position | undefined) {
  const line = place ? place.start.line : m.line;
  if (line === undefined) return undefined;
  const lines = sourceLines(doc);
  const h = findHeadings(doc).find((x) => {
    const from = (x.overIndex ?? x.textIndex) + 1;
    const to = x.underIndex + 1;
    return (line >= from && line <= to) || (m.line !== undefined && m.line >= from && m.line <= to);
  });
  if (!h) return undefined;
  const first = lines[h.overIndex ?? h.textIndex]!;
  const last = lines[h.underIndex]!;
  // keep the title text exactly as written when it has an overline (it may be inset)
  const text = h.overline ? lines[h.textIndex]!.text.replace(/\s+$/, '') : h.text;
  return [edit(doc, first.start, last.end, renderHeading(text, h.char, h.overline, eolOf(doc)))];
}

export default rule;
