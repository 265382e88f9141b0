import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Source } from '../../src/rst/source.js';
import { parse } from '../../src/rst/parse.js';
import type { ParsedDocument } from '../../src/rst/parse.js';
import type { Finding, Rule } from '../../src/lint/types.js';

/** Repository root (works from test/ and dist/test/). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      readFileSync(join(dir, 'package.json'));
      return dir;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error('no repo root');
}

export let parserAvailable = true;

/** Parse with the real parser; until it works, a tree-less document (rules then scan the source). */
export function docFrom(text: string, path = 'x.rst'): ParsedDocument {
  try {
    return parse(text, { path });
  } catch {
    parserAvailable = false;
    return { path, source: new Source(text, path), tree: { type: 'document', children: [] }, messages: [], includes: [] };
  }
}

export function docFile(rel: string): ParsedDocument {
  return docFrom(readFileSync(join(repoRoot(), rel), 'utf8'), rel);
}

export function runRule(rule: Rule, doc: ParsedDocument, options: Record<string, unknown> = {}): Finding[] {
  return rule.check({ doc, index: undefined as never, options, path: doc.path });
}

export function brief(fs: Finding[]): string[] {
  return fs.map((f) => `${f.place.start.line}:${f.place.start.column} ${f.message}`);
}
