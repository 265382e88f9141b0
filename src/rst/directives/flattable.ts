/**
 * The kernel's `flat-table` (Documentation/sphinx/rstFlatTable.py) as a real table, for consumers
 * that render or inspect it. The `flat-table` placeholder node keeps the oracle's shape (the
 * nested-parsed bullet list as children); the table the kernel's directive would build is put in
 * `data.table` (a docutils table > tgroup > colspec / thead / tbody > row > entry tree whose cell
 * contents are the list items' elements, `:cspan:`/`:rspan:` removed from the first one), and a
 * problem the kernel's directive would report goes to `data.tableError` (not reported: Sphinx
 * builds never print it for the 6.12 tree, and the oracle has no such message).
 *
 * Semantics: rows are the first-level items, cells the second-level items; `:cspan:`N` / `:rspan:`N`
 * in a cell's first element add N columns / rows; spanned positions are skipped; a row shorter
 * than the widest is completed by widening its last cell (or, with `:fill-cells:`, by empty
 * cells); `:header-rows:`, `:stub-columns:`, `:widths:` as in docutils' list-table.
 */
import type { RstNode } from '../nodes.js';
import type { DirectiveContext } from '../registry.js';
import { el, inlineText, setLine } from './util.js';

interface FlatCell {
  cspan: number;
  rspan: number;
  elements: RstNode[];
  item?: RstNode;
}

const SKIP = new Set(['comment', 'system_message']);
const MAX_SPAN = 1000;

function spanOf(n: RstNode): number {
  const t = String(n.attributes?.text ?? (n.children ?? []).map((c) => c.value ?? '').join(''));
  const v = Number.parseInt(t.trim(), 10);
  return Number.isFinite(v) ? v : 0;
}

function parseCell(item: RstNode): FlatCell {
  const kids = item.children ?? [];
  if (!kids.length) return { cspan: 0, rspan: 0, elements: [], item };
  let cspan = 0;
  let rspan = 0;
  const first = kids[0]!;
  const kept: RstNode[] = [];
  for (const c of first.children ?? []) {
    if (c.type === 'cspan') cspan = spanOf(c);
    else if (c.type === 'rspan') rspan = spanOf(c);
    else kept.push(c);
  }
  const firstCopy: RstNode = { ...first, children: kept };
  return { cspan, rspan, elements: [firstCopy, ...kids.slice(1)], item };
}

export function buildFlatTable(ctx: DirectiveContext, node: RstNode): void {
  const data = (node.data ??= {});
  try {
    data.table = build(ctx, node);
  } catch (e) {
    if (e instanceof FlatTableError) data.tableError = e.message;
    else data.tableError = String((e as Error)?.message ?? e);
  }
}

class FlatTableError extends Error {}

function build(ctx: DirectiveContext, node: RstNode): RstNode {
  const body = node.children ?? [];
  if (body.length !== 1 || body[0]!.type !== 'bullet_list') {
    throw new FlatTableError(`Error parsing content block for the "${ctx.name}" directive: exactly one bullet list expected.`);
  }
  const rows: (FlatCell | null)[][] = [];
  const rowItems: RstNode[] = [];
  (body[0]!.children ?? []).forEach((rowItem, rowNum) => {
    let count = 0;
    let bad = false;
    let list: RstNode | undefined;
    let target: RstNode | undefined;
    for (const child of rowItem.children ?? []) {
      if (SKIP.has(child.type)) continue;
      if (child.type === 'target') target = child;
      else if (child.type === 'bullet_list') {
        count++;
        list = child;
      } else {
        bad = true;
        break;
      }
    }
    if (count !== 1 || bad || !list) {
      throw new FlatTableError(
        `Error parsing content block for the "${ctx.name}" directive: two-level bullet list expected, but row ${rowNum + 1} does not contain a second-level bullet list.`,
      );
    }
    const row: (FlatCell | null)[] = [];
    for (const cellItem of list.children ?? []) {
      const cell = parseCell(cellItem);
      if (target) cell.elements.unshift(target);
      row.push(cell);
    }
    rows.push(row);
    rowItems.push(rowItem);
  });
  // spanned positions become nulls (spans are capped: a huge :cspan: must not stall the parser)
  for (const row of rows) {
    for (const cell of row) {
      if (cell && (cell.cspan > MAX_SPAN || cell.rspan > MAX_SPAN || cell.cspan < 0 || cell.rspan < 0)) {
        throw new FlatTableError(`span out of range (${cell.cspan}, ${cell.rspan}) in "${ctx.name}" directive.`);
      }
    }
  }
  for (let y = 0; y < rows.length; y++) {
    for (let x = 0; x < rows[y]!.length; x++) {
      const cell = rows[y]![x];
      if (!cell) continue;
      for (let c = 0; c < cell.cspan; c++) insertAt(rows[y]!, x + c + 1, null);
      for (let r = 0; r < cell.rspan; r++) {
        const below = rows[y + r + 1];
        if (!below) continue;
        for (let c = 0; c <= cell.cspan; c++) insertAt(below, x + c, null);
      }
    }
  }
  let maxCols = 0;
  for (const row of rows) maxCols = Math.max(maxCols, row.length);
  const fill = 'fill-cells' in ctx.rawOptions;
  for (const row of rows) {
    const missing = maxCols - row.length;
    if (!missing) continue;
    if (!fill) {
      const last = row[row.length - 1];
      if (last === null || last === undefined) row.push({ cspan: missing - 1, rspan: 0, elements: [] });
      else last.cspan += missing;
    } else {
      for (let i = 0; i < missing; i++) row.push({ cspan: 0, rspan: 0, elements: [] });
    }
  }
  // column widths as docutils' Table.get_column_widths
  const rawWidths = ctx.rawOptions.widths;
  let colwidths: number[];
  if (rawWidths != null) {
    const ws = (rawWidths.includes(',') ? rawWidths.split(',') : rawWidths.trim().split(/\s+/)).map((w) => Number.parseInt(w, 10));
    if (ws.length !== maxCols) {
      throw new FlatTableError(`"${ctx.name}" widths do not match the number of columns in table (${maxCols}).`);
    }
    colwidths = ws;
  } else if (maxCols) colwidths = new Array<number>(maxCols).fill(Math.floor(100 / maxCols));
  else throw new FlatTableError('No table data detected in CSV file.');
  const headerRows = Number.parseInt(ctx.rawOptions['header-rows'] ?? '0', 10) || 0;
  let stubs = Number.parseInt(ctx.rawOptions['stub-columns'] ?? '0', 10) || 0;
  const tgroup = el('tgroup', { cols: colwidths.length });
  for (const w of colwidths) {
    const a: Record<string, unknown> = { colwidth: w };
    if (stubs) {
      a.stub = 1;
      stubs--;
    }
    tgroup.children!.push(el('colspec', a));
  }
  const rowNode = (row: (FlatCell | null)[], i: number): RstNode => {
    const r = el('row', undefined, [], rowItems[i]?.position);
    for (const cell of row) {
      if (!cell) continue;
      const a: Record<string, unknown> = {};
      if (cell.rspan) a.morerows = cell.rspan;
      if (cell.cspan) a.morecols = cell.cspan;
      r.children!.push(el('entry', a, cell.elements, cell.item?.position));
    }
    return r;
  };
  const all = rows.map(rowNode);
  if (headerRows) tgroup.children!.push(el('thead', undefined, all.slice(0, headerRows)));
  tgroup.children!.push(el('tbody', undefined, all.slice(headerRows)));
  const table = el('table', undefined, [tgroup], node.position);
  if (ctx.arguments.length) {
    const pos = ctx.argumentPositions[0];
    const r = inlineText(ctx, ctx.arguments[0]!, pos);
    const title = el('title', undefined, r.nodes, pos);
    setLine(title, ctx.lineno);
    table.children!.unshift(title);
  }
  return table;
}

/** Python list.insert (an index past the end appends). */
function insertAt<T>(list: T[], index: number, value: T): void {
  list.splice(Math.min(index, list.length), 0, value);
}
