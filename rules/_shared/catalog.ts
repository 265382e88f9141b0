/**
 * The rules as Markdown, for the project README (generated from rules/, never written by hand):
 * a table of every rule, then each rule's README summary (its text up to the first `##`).
 * Pure: the caller reads the READMEs (e.g. `rules/<id>/README.md`) and passes their texts.
 */
import type { Rule } from '../../src/lint/types.js';

export function ruleCatalogMarkdown(rules: readonly Rule<any>[], readmes: ReadonlyMap<string, string> = new Map()): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['| rule | severity | fix | what it checks |', '|---|---|---|---|'];
  for (const r of rules) {
    const m = r.meta;
    lines.push(`| [\`${m.id}\`](rules/${m.id}/README.md) | ${m.defaultSeverity} | ${m.fixable ? 'yes' : ''} | ${esc(m.description)} |`);
  }
  return lines.join('\n') + '\n';
}

/** A README's summary: the paragraphs between its `# title` and its first `##` section. */
export function readmeSummary(readme: string): string {
  const body = readme.replace(/^# .*\n/, '');
  const cut = body.search(/^## /m);
  return (cut < 0 ? body : body.slice(0, cut)).trim();
}
