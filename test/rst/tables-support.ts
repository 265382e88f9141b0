/**
 * Test support for tables: a stand-in for the block parser that finds tables at the top level
 * (after a blank line) and records each cell's lines instead of parsing them, so parseTableAt
 * can be compared with docutils' own cell blocks (see tables-fixtures.ts, generated with
 * docutils 0.19 by instrumenting `Body.build_table`).
 */
import { Source, type Line } from '../../src/rst/source.js';
import { Reporter } from '../../src/rst/reporter.js';
import type { ParserServices } from '../../src/rst/registry.js';
import type { RstNode } from '../../src/rst/nodes.js';
import { parseTableAt } from '../../src/rst/tables.js';

export interface CellSummary {
  morerows: number;
  morecols: number;
  lines: string[];
  srclines: number[];
}
export interface TableSummary {
  colwidths: number[];
  head: CellSummary[][];
  body: CellSummary[][];
}
export interface Summary {
  tables: TableSummary[];
  messages: { level: number; line: number | null; text: string }[];
}

const GRID_TOP = /^\+-[-+]+-\+ *$/;
const SIMPLE_TOP = /^=+( +=+)+ *$/;

export function fakeServices(source: Source, reporter: Reporter, state: { line: number }, cellLines: Map<RstNode, Line[]>): ParserServices {
  return {
    source,
    reporter,
    document: undefined as never,
    nestedParse(lines, parent) {
      cellLines.set(parent, [...lines]);
    },
    parseInline() {
      return { nodes: [], messages: [] };
    },
    readFile() {
      return { error: 'no files' };
    },
    get lineNumber() {
      return state.line;
    },
  };
}

export function runTables(text: string): { summary: Summary; tree: RstNode[]; source: Source; cells: Map<RstNode, Line[]> } {
  const source = new Source(text);
  const reporter = new Reporter();
  const state = { line: 1 };
  const cells = new Map<RstNode, Line[]>();
  const services = fakeServices(source, reporter, state, cells);
  const lines = source.lines;
  const tree: RstNode[] = [];
  let i = 0;
  let bodyState = true;
  while (i < lines.length) {
    const t = lines[i]!.text;
    if (bodyState && (GRID_TOP.test(t) || SIMPLE_TOP.test(t))) {
      state.line = i + 1;
      const res = parseTableAt(GRID_TOP.test(t) ? 'grid' : 'simple', lines, i, services);
      tree.push(...res.nodes);
      if (!res.blankFinish) {
        // what the block parser does (docutils' table_top)
        tree.push(reporter.warning('blank-line-after-table', 'Blank line required after table.', { line: res.next + 1 }));
      }
      i = res.next;
      bodyState = true;
      continue;
    }
    // approximations of docutils' Body state: after blank lines, line blocks and indented blocks
    bodyState = t.trim() === '' || t.startsWith('| ') || t.startsWith(' ');
    i++;
  }
  const summary: Summary = { tables: [], messages: [] };
  const cellSummary = (entry: RstNode): CellSummary => {
    const ls = cells.get(entry) ?? [];
    const rows = Number(entry.attributes?.morerows ?? 0);
    const cols = Number(entry.attributes?.morecols ?? 0);
    return { morerows: rows, morecols: cols, lines: ls.map((l) => l.text), srclines: ls.map((l) => l.index) };
  };
  for (const node of tree) {
    if (node.type !== 'table') continue;
    const tgroup = node.children![0]!;
    const t: TableSummary = { colwidths: [], head: [], body: [] };
    for (const c of tgroup.children!) {
      if (c.type === 'colspec') t.colwidths.push(Number(c.attributes!.colwidth));
      if (c.type === 'thead' || c.type === 'tbody') {
        const rows = c.children!.map((row) => row.children!.map(cellSummary));
        if (c.type === 'thead') t.head = rows;
        else t.body = rows;
      }
    }
    summary.tables.push(t);
  }
  for (const m of reporter.messages) {
    summary.messages.push({ level: m.level, line: m.line ?? null, text: m.message });
  }
  return { summary, tree, source, cells };
}
