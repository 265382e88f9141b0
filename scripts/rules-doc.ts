/**
 * Generate the README's rules table from rules/index.ts (`allRules` metadata) and each
 * rules/<id>/README.md (its first paragraph).
 *
 *   node dist/scripts/rules-doc.js            print the Markdown table
 *   node dist/scripts/rules-doc.js --write    replace the block between
 *                                             <!-- rules:begin --> and <!-- rules:end --> in README.md
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rule } from '../src/lint/types.js';

const REPO = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** First paragraph of a rule README (after the `# id` heading), on one line. */
export function readmeSummary(markdown: string): string {
  const lines = markdown.split('\n');
  let i = 0;
  while (i < lines.length && (lines[i]!.startsWith('#') || !lines[i]!.trim())) i++;
  const para: string[] = [];
  while (i < lines.length && lines[i]!.trim() && !lines[i]!.startsWith('#') && !lines[i]!.startsWith('- ') && !lines[i]!.startsWith('```')) para.push(lines[i++]!.trim());
  return para.join(' ');
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function rulesTable(rules: readonly Rule[], repo = REPO): string {
  const rows = ['| rule | default | fix | what it checks |', '|---|---|---|---|'];
  for (const r of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    const readme = nodePath.join(repo, 'rules', r.meta.id, 'README.md');
    const summary = existsSync(readme) ? readmeSummary(readFileSync(readme, 'utf8')) : '';
    const text = summary || r.meta.description;
    const link = existsSync(readme) ? `[\`${r.meta.id}\`](rules/${r.meta.id}/README.md)` : `\`${r.meta.id}\``;
    rows.push(`| ${link} | ${r.meta.defaultSeverity} | ${r.meta.fixable ? 'yes' : ''} | ${cell(text)} |`);
  }
  return rows.join('\n') + '\n';
}

async function main(): Promise<void> {
  const { allRules } = (await import('../rules/index.js' as string)) as { allRules: Rule[] };
  const table = rulesTable(allRules);
  if (!process.argv.includes('--write')) {
    process.stdout.write(table);
    return;
  }
  const readmePath = nodePath.join(REPO, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const begin = '<!-- rules:begin -->';
  const end = '<!-- rules:end -->';
  const a = readme.indexOf(begin);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) {
    process.stderr.write(`rules-doc: README.md has no ${begin} ... ${end} block; printing instead\n`);
    process.stdout.write(table);
    process.exitCode = 2;
    return;
  }
  writeFileSync(readmePath, readme.slice(0, a + begin.length) + '\n' + table + readme.slice(b));
  process.stdout.write(`rules-doc: README.md rules table updated (${allRules.length} rules)\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === nodePath.resolve(process.argv[1])) {
  main().catch((err) => {
    process.stderr.write(`rules-doc: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  });
}
