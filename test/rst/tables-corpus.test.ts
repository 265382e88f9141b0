/**
 * parseTableAt against docutils on every table of a docs tree (opt-in: it runs docutils).
 *
 *   KDOCS_TABLE_CORPUS=/path/to/Documentation node --test dist/test/rst/tables-corpus.test.js
 *
 * For each table docutils parses, the same input lines and start go through parseTableAt; the
 * column widths, head/body rows, spans, cell text lines and their source line indices, the
 * messages and the resume index must all be identical.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Source, type Line } from '../../src/rst/source.js';
import { Reporter } from '../../src/rst/reporter.js';
import type { ParserServices } from '../../src/rst/registry.js';
import type { RstNode } from '../../src/rst/nodes.js';
import { parseTableAt } from '../../src/rst/tables.js';

const root = process.env.KDOCS_TABLE_CORPUS;
const here = path.dirname(fileURLToPath(import.meta.url));
const oracle = path.resolve(here, '..', '..', '..', 'test', 'rst', 'tables-corpus-oracle.py');

function rstFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...rstFiles(dir, r));
    else if (e.name.endsWith('.rst')) out.push(r);
  }
  return out.sort();
}

interface Rec {
  kind: 'grid' | 'simple';
  start: number;
  lines: string[];
  idx: number[];
  srcs: number;
  absline: number;
  tables: unknown[];
  messages: { level: number; line: number | null; text: string }[];
  next: number;
}

test('tables: every table of the corpus as docutils parses it', { skip: !root && 'opt-in (runs docutils): set KDOCS_TABLE_CORPUS=/path/to/Documentation' }, () => {
  const files = rstFiles(root!).filter((f) => /^\s*(\+-[-+]+-\+ *|=+( +=+)+ *)$/m.test(readFileSync(path.join(root!, f), 'utf8')));
  const out = execFileSync('python3', ['-W', 'ignore', oracle, root!, ...files], { maxBuffer: 1 << 30 }).toString();
  let total = 0;
  const bad: string[] = [];
  for (const row of out.split('\n')) {
    if (!row) continue;
    const rec0 = JSON.parse(row) as { file: string; records?: Rec[] };
    if (!rec0.records) continue;
    const raw = readFileSync(path.join(root!, rec0.file), 'utf8');
    const source = new Source(raw, rec0.file);
    for (const rec of rec0.records) {
      if (rec.srcs !== 1) continue; // tables in included text
      total++;
      const lines: Line[] = rec.lines.map((t, i) => ({ text: t, index: rec.idx[i]!, col: 0 }));
      const reporter = new Reporter();
      const cells = new Map<RstNode, Line[]>();
      const services = {
        source,
        reporter,
        document: undefined as never,
        nestedParse(ls: readonly Line[], parent: RstNode) {
          cells.set(parent, [...ls]);
        },
        parseInline: () => ({ nodes: [], messages: [] }),
        readFile: () => ({ error: 'no files' }),
        lineNumber: rec.absline,
      } as unknown as ParserServices;
      const res = parseTableAt(rec.kind, lines, rec.start, services);
      const messages = reporter.messages.map((m) => ({ level: m.level, line: m.line ?? null, text: m.message }));
      if (!res.blankFinish) {
        messages.push({ level: 2, line: rec.idx[res.next - 1]! + 1 + (rec.absline - rec.idx[rec.start]! - 1) + 1, text: 'Blank line required after table.' });
      }
      const cs = (e: RstNode) => {
        const ls = cells.get(e) ?? [];
        return {
          morerows: Number(e.attributes?.morerows ?? 0),
          morecols: Number(e.attributes?.morecols ?? 0),
          lines: ls.map((l) => l.text),
          srclines: ls.map((l) => l.index),
        };
      };
      const tables = res.nodes
        .filter((n) => n.type === 'table')
        .map((n) => {
          const t = { colwidths: [] as number[], head: [] as unknown[], body: [] as unknown[] };
          for (const c of n.children![0]!.children!) {
            if (c.type === 'colspec') t.colwidths.push(Number(c.attributes!.colwidth));
            else if (c.type === 'thead') t.head = c.children!.map((r) => r.children!.map(cs));
            else if (c.type === 'tbody') t.body = c.children!.map((r) => r.children!.map(cs));
          }
          return t;
        });
      const got = JSON.stringify({ tables, messages, next: res.next });
      const exp = JSON.stringify({ tables: rec.tables, messages: rec.messages, next: rec.next });
      if (got !== exp) bad.push(`${rec0.file} (input line ${rec.start})`);
    }
  }
  console.log(`${total - bad.length}/${total} tables identical to docutils`);
  assert.deepEqual(bad.slice(0, 20), []);
});
