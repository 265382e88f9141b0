/**
 * docutils' table directives: `table` (a title and options around one grid/simple table),
 * `csv-table` (inline CSV only: file and url are refused) and `list-table`, with docutils'
 * exact error texts.
 */
import type { Position, RstNode } from '../nodes.js';
import type { DirectiveContext, OptionConverter } from '../registry.js';
import { Source, type Line } from '../source.js';
import * as opt from './options.js';
import {
  addName,
  argumentPosition,
  classesOf,
  directiveMessage,
  el,
  inlineText,
  lineAtOffset,
  setLine,
  sourceOf,
  spec,
  stamp,
} from './util.js';

class Propagate {
  constructor(readonly node: RstNode) {}
}

const align = opt.choice(['left', 'center', 'right']);

function makeTitle(ctx: DirectiveContext): { title: RstNode | undefined; messages: RstNode[] } {
  if (!ctx.arguments.length) return { title: undefined, messages: [] };
  const pos = argumentPosition(ctx, 0);
  const r = inlineText(ctx, ctx.arguments[0]!, pos);
  const title = el('title', undefined, r.nodes, pos);
  setLine(title, ctx.lineno);
  return { title, messages: r.messages };
}

function err(ctx: DirectiveContext, message: string, level: 2 | 3 | 4 = 3, ruleId = 'table-directive'): Propagate {
  return new Propagate(directiveMessage(ctx, level, ruleId, message));
}

function widthsOf(ctx: DirectiveContext): unknown {
  return ctx.options.widths ?? '';
}

function getColumnWidths(ctx: DirectiveContext, nCols: number): number[] {
  const widths = widthsOf(ctx);
  if (Array.isArray(widths)) {
    if (widths.length !== nCols) {
      throw err(ctx, `"${ctx.name}" widths do not match the number of columns in table (${nCols}).`);
    }
    return widths as number[];
  }
  if (nCols) return new Array<number>(nCols).fill(Math.floor(100 / nCols));
  throw err(ctx, 'No table data detected in CSV file.');
}

function checkTableDimensions(ctx: DirectiveContext, rows: unknown[][], headerRows: number, stubColumns: number): void {
  if (rows.length < headerRows) {
    throw err(ctx, `${headerRows} header row(s) specified but only ${rows.length} row(s) of data supplied ("${ctx.name}" directive).`);
  }
  if (rows.length === headerRows && headerRows > 0) {
    throw err(
      ctx,
      `Insufficient data supplied (${rows.length} row(s)); no data remaining for table body, required by "${ctx.name}" directive.`,
    );
  }
  for (const row of rows) {
    if (row.length < stubColumns) {
      throw err(
        ctx,
        `${stubColumns} stub column(s) specified but only ${row.length} columns(s) of data supplied ("${ctx.name}" directive).`,
      );
    }
    if (row.length === stubColumns && stubColumns > 0) {
      throw err(
        ctx,
        `Insufficient data supplied (${row.length} columns(s)); no data remaining for table body, required by "${ctx.name}" directive.`,
      );
    }
  }
}

function finishTable(ctx: DirectiveContext, table: RstNode, title: RstNode | undefined, messages: RstNode[]): RstNode[] {
  const a = (table.attributes ??= {});
  const classes = classesOf(ctx);
  if (classes.length) a.classes = [...((a.classes as string[] | undefined) ?? []), ...classes];
  if ('align' in ctx.options) a.align = ctx.options.align;
  if ('width' in ctx.options) a.width = ctx.options.width;
  addName(ctx, table);
  if (title) table.children!.unshift(title);
  if (!Object.keys(a).length) delete table.attributes;
  return [table, ...messages];
}

function widthClass(ctx: DirectiveContext, table: RstNode): void {
  const widths = widthsOf(ctx);
  const a = (table.attributes ??= {});
  const cls = (a.classes as string[] | undefined) ?? [];
  if (widths === 'auto') a.classes = [...cls, 'colwidths-auto'];
  else if (widths && !(Array.isArray(widths) && widths.length === 0)) a.classes = [...cls, 'colwidths-given'];
  if (!(a.classes as string[] | undefined)?.length) delete a.classes;
}

export const rstTable = spec({
  optionalArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: {
    class: opt.classOption,
    name: opt.unchanged,
    align,
    width: opt.lengthOrPercentageOrUnitless,
    widths: opt.valueOr(['auto', 'grid'], opt.positiveIntList),
  },
  hasContent: true,
  run(ctx) {
    if (!ctx.content.length) {
      return [directiveMessage(ctx, 2, 'directive-content-expected', `Content block expected for the "${ctx.name}" directive; none found.`)];
    }
    const { title, messages } = makeTitle(ctx);
    const holder = el('container', undefined);
    ctx.nestedParse(ctx.content, holder);
    const kids = holder.children!;
    if (kids.length !== 1 || kids[0]!.type !== 'table') {
      return [directiveMessage(ctx, 3, 'table-directive', `Error parsing content block for the "${ctx.name}" directive: exactly one table expected.`)];
    }
    const table = kids[0]!;
    const a = (table.attributes ??= {});
    const classes = classesOf(ctx);
    if (classes.length) a.classes = [...((a.classes as string[] | undefined) ?? []), ...classes];
    if ('width' in ctx.options) a.width = ctx.options.width;
    if ('align' in ctx.options) a.align = ctx.options.align;
    const widths = widthsOf(ctx);
    if (Array.isArray(widths)) {
      const tgroup = table.children!.find((c) => c.type === 'tgroup');
      const cols = Number(tgroup?.attributes?.cols ?? 0);
      let colWidths: number[];
      try {
        colWidths = getColumnWidths(ctx, cols);
      } catch (e) {
        if (e instanceof Propagate) return [e.node];
        throw e;
      }
      const colspecs = (tgroup?.children ?? []).filter((c) => c.type === 'colspec');
      colspecs.forEach((c, i) => {
        if (i < colWidths.length) (c.attributes ??= {}).colwidth = colWidths[i];
      });
    }
    if (widths === 'auto') a.classes = [...((a.classes as string[] | undefined) ?? []), 'colwidths-auto'];
    else if (widths) a.classes = [...((a.classes as string[] | undefined) ?? []), 'colwidths-given'];
    if (!Object.keys(a).length) delete table.attributes;
    stamp(ctx, table);
    addName(ctx, table);
    if (title) table.children!.unshift(title);
    return [table, ...messages];
  },
});

// ---------------------------------------------------------------------------------------------
// list-table

export const listTable = spec({
  optionalArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: {
    'header-rows': opt.nonnegativeInt,
    'stub-columns': opt.nonnegativeInt,
    width: opt.lengthOrPercentageOrUnitless,
    widths: opt.valueOr(['auto'], opt.positiveIntList),
    class: opt.classOption,
    name: opt.unchanged,
    align,
  },
  hasContent: true,
  run(ctx) {
    if (!ctx.content.length) {
      return [directiveMessage(ctx, 3, 'list-table', `The "${ctx.name}" directive is empty; content required.`)];
    }
    const { title, messages } = makeTitle(ctx);
    const holder = el('container', undefined);
    ctx.nestedParse(ctx.content, holder);
    const headerRows = Number(ctx.options['header-rows'] ?? 0);
    const stubColumns = Number(ctx.options['stub-columns'] ?? 0);
    let colWidths: number[];
    let data: RstNode[][][];
    let items: RstNode[][];
    try {
      const kids = holder.children!;
      if (kids.length !== 1 || kids[0]!.type !== 'bullet_list') {
        throw err(ctx, `Error parsing content block for the "${ctx.name}" directive: exactly one bullet list expected.`);
      }
      const list = kids[0]!;
      let numCols = 0;
      items = [];
      (list.children ?? []).forEach((item, i) => {
        const ik = item.children ?? [];
        if (ik.length !== 1 || ik[0]!.type !== 'bullet_list') {
          throw err(
            ctx,
            `Error parsing content block for the "${ctx.name}" directive: two-level bullet list expected, but row ${i + 1} does not contain a second-level bullet list.`,
          );
        }
        const n = (ik[0]!.children ?? []).length;
        if (i) {
          if (n !== numCols) {
            throw err(
              ctx,
              `Error parsing content block for the "${ctx.name}" directive: uniform two-level bullet list expected, but row ${i + 1} does not contain the same number of items as row 1 (${n} vs ${numCols}).`,
            );
          }
        } else numCols = n;
        items.push(ik[0]!.children ?? []);
      });
      colWidths = getColumnWidths(ctx, numCols);
      data = items.map((row) => row.map((item) => item.children ?? []));
      checkTableDimensions(ctx, data, headerRows, stubColumns);
    } catch (e) {
      if (e instanceof Propagate) return [e.node];
      throw e;
    }
    const { table, tgroup } = tableSkeleton(ctx, colWidths, stubColumns);
    const rows = data.map((row, r) => {
      const rowNode = el('row', undefined, []);
      row.forEach((cell, c) => {
        const item = items[r]![c]!;
        rowNode.children!.push(el('entry', undefined, cell, item.position));
      });
      const first = items[r]![0]?.position;
      const last = items[r]![items[r]!.length - 1]?.position;
      if (first && last) rowNode.position = { start: first.start, end: last.end };
      return rowNode;
    });
    if (headerRows) tgroup.children!.push(span(el('thead', undefined, rows.slice(0, headerRows))));
    tgroup.children!.push(span(el('tbody', undefined, rows.slice(headerRows))));
    table.position = ctx.position;
    tgroup.position = contentSpan(ctx);
    stamp(ctx, table);
    return finishTable(ctx, table, title, messages);
  },
});

/** Position covering the children's (those in the same file as the first positioned one). */
function span(node: RstNode): RstNode {
  const kids = (node.children ?? []).filter((k) => k.position);
  if (!kids.length) return node;
  const from = kids[0]!.data?.source;
  const same = kids.filter((k) => k.data?.source === from);
  let start = same[0]!.position!.start;
  let end = same[0]!.position!.end;
  for (const k of same) {
    if (k.position!.start.offset < start.offset) start = k.position!.start;
    if (k.position!.end.offset > end.offset) end = k.position!.end;
  }
  node.position = { start, end };
  if (from !== undefined) (node.data ??= {}).source = from;
  return node;
}

function contentSpan(ctx: DirectiveContext): Position | undefined {
  return ctx.content.length ? sourceOf(ctx).linesRange(ctx.content) : undefined;
}

// ---------------------------------------------------------------------------------------------
// csv-table

interface Dialect {
  delimiter: string;
  quotechar: string;
  doublequote: boolean;
  escapechar: string | null;
  skipinitialspace: boolean;
  strict: boolean;
}

interface CsvField {
  value: string;
  /** origin (content line, column in that line's text) of each character of value */
  origins: [number, number][];
  start: [number, number];
}

class CsvError {
  constructor(readonly message: string) {}
}

/** Python's csv.reader over `lines` (each gets '\n' appended), per _csv.c's state machine. */
function readCsv(lines: readonly string[], d: Dialect): CsvField[][] {
  const rows: CsvField[][] = [];
  type St = 'START_RECORD' | 'START_FIELD' | 'ESCAPED_CHAR' | 'IN_FIELD' | 'IN_QUOTED_FIELD' | 'ESCAPE_IN_QUOTED_FIELD' | 'QUOTE_IN_QUOTED_FIELD' | 'EAT_CRNL' | 'AFTER_ESCAPED_CRNL';
  let state: St = 'START_RECORD';
  let fields: CsvField[] = [];
  let field: CsvField = { value: '', origins: [], start: [0, 0] };
  let fieldLen = 0;
  let pos: [number, number] = [0, 0];
  const EOL = null;
  const newField = (): void => {
    field = { value: '', origins: [], start: pos };
    fieldLen = 0;
  };
  const add = (c: string): void => {
    if (!fieldLen) field.start = pos;
    field.value += c;
    field.origins.push(pos);
    fieldLen++;
  };
  const save = (): void => {
    fields.push(field);
    newField();
  };
  const isCRNL = (c: string | null): boolean => c === '\n' || c === '\r';
  const proc = (c: string | null): void => {
    switch (state) {
      case 'START_RECORD':
        if (c === EOL) return;
        if (isCRNL(c)) {
          state = 'EAT_CRNL';
          return;
        }
        state = 'START_FIELD';
        proc(c);
        return;
      case 'START_FIELD':
        if (isCRNL(c) || c === EOL) {
          save();
          state = c === EOL ? 'START_RECORD' : 'EAT_CRNL';
        } else if (c === d.quotechar) {
          field.start = pos;
          state = 'IN_QUOTED_FIELD';
        } else if (c === d.escapechar) state = 'ESCAPED_CHAR';
        else if (c === ' ' && d.skipinitialspace) {
          /* ignore */
        } else if (c === d.delimiter) save();
        else {
          add(c!);
          state = 'IN_FIELD';
        }
        return;
      case 'ESCAPED_CHAR':
        if (isCRNL(c)) {
          add(c!);
          state = 'AFTER_ESCAPED_CRNL';
          return;
        }
        add(c === EOL ? '\n' : c!);
        state = 'IN_FIELD';
        return;
      case 'AFTER_ESCAPED_CRNL':
        if (c === EOL) return;
        state = 'IN_FIELD';
        proc(c);
        return;
      case 'IN_FIELD':
        if (isCRNL(c) || c === EOL) {
          save();
          state = c === EOL ? 'START_RECORD' : 'EAT_CRNL';
        } else if (c === d.escapechar) state = 'ESCAPED_CHAR';
        else if (c === d.delimiter) {
          save();
          state = 'START_FIELD';
        } else add(c!);
        return;
      case 'IN_QUOTED_FIELD':
        if (c === EOL) return;
        if (c === d.escapechar) state = 'ESCAPE_IN_QUOTED_FIELD';
        else if (c === d.quotechar) state = d.doublequote ? 'QUOTE_IN_QUOTED_FIELD' : 'IN_FIELD';
        else add(c!);
        return;
      case 'ESCAPE_IN_QUOTED_FIELD':
        add(c === EOL ? '\n' : c!);
        state = 'IN_QUOTED_FIELD';
        return;
      case 'QUOTE_IN_QUOTED_FIELD':
        if (c === d.quotechar) {
          add(c);
          state = 'IN_QUOTED_FIELD';
        } else if (c === d.delimiter) {
          save();
          state = 'START_FIELD';
        } else if (isCRNL(c) || c === EOL) {
          save();
          state = c === EOL ? 'START_RECORD' : 'EAT_CRNL';
        } else if (!d.strict) {
          add(c!);
          state = 'IN_FIELD';
        } else {
          throw new CsvError(`'${d.delimiter}' expected after '${d.quotechar}'`);
        }
        return;
      case 'EAT_CRNL':
        if (isCRNL(c)) return;
        if (c === EOL) {
          state = 'START_RECORD';
          return;
        }
        throw new CsvError('new-line character seen in unquoted field - do you need to open the file with newline=\'\'?');
    }
  };
  let li = 0;
  while (li < lines.length) {
    fields = [];
    newField();
    do {
      if (li >= lines.length) {
        if (fieldLen !== 0 || (state as St) === 'IN_QUOTED_FIELD') {
          if (d.strict) throw new CsvError('unexpected end of data');
          save();
          break;
        }
        return rows;
      }
      const line = lines[li]! + '\n';
      for (let i = 0; i < line.length; i++) {
        pos = [li, i];
        if (line[i] === '\0') throw new CsvError('line contains NUL');
        proc(line[i]!);
      }
      pos = [li, line.length];
      proc(EOL);
      li++;
    } while (state !== 'START_RECORD');
    rows.push(fields);
  }
  return rows;
}

const csvOptions: Record<string, OptionConverter> = {
  'header-rows': opt.nonnegativeInt,
  'stub-columns': opt.nonnegativeInt,
  header: opt.unchanged,
  width: opt.lengthOrPercentageOrUnitless,
  widths: opt.valueOr(['auto'], opt.positiveIntList),
  file: opt.path,
  url: opt.uri,
  encoding: opt.encoding,
  class: opt.classOption,
  name: opt.unchanged,
  align,
  delim: opt.singleCharOrWhitespaceOrUnicode,
  keepspace: opt.flag,
  quote: opt.singleCharOrUnicode,
  escape: opt.singleCharOrUnicode,
};

interface CsvCell {
  lines: Line[];
  /** cells of the :header: option: their text has no recorded position */
  synthetic?: boolean;
}

export const csvTable = spec({
  optionalArguments: 1,
  finalArgumentWhitespace: true,
  optionSpec: csvOptions,
  hasContent: true,
  run(ctx) {
    const o = ctx.options;
    let title: RstNode | undefined;
    let messages: RstNode[] = [];
    let head: CsvCell[][] = [];
    let body: CsvCell[][];
    let colWidths: number[];
    const stubColumns = Number(o['stub-columns'] ?? 0);
    let fileLines: Line[] | undefined;
    try {
      ({ title, messages } = makeTitle(ctx));
      // csv data: inline content only
      if (ctx.content.length) {
        if ('file' in o || 'url' in o) {
          throw err(ctx, `"${ctx.name}" directive may not both specify an external file and have content.`);
        }
      } else if ('file' in o) {
        if ('url' in o) {
          throw err(ctx, `The "file" and "url" options may not be simultaneously specified for the "${ctx.name}" directive.`);
        }
        const r = ctx.readFile(String(o.file));
        if ('error' in r) {
          // docutils prints str(OSError) here, without io.error_string's class name
          throw err(ctx, `Problems with "${ctx.name}" directive path:\n${r.error.replace(/^\w+Error: /, '')}.`, 4, 'csv-file');
        }
        // the cells come from another file: their lines carry that file's Source
        const csvSource = new Source(r.text, r.path);
        fileLines = csvSource.lines.map((l) => ({ text: l.text, index: l.index, col: 0, src: csvSource }));
      } else if ('url' in o) {
        throw err(ctx, `Problems with "${ctx.name}" directive URL "${String(o.url)}":\n<urlopen error network access disabled>.`, 4, 'csv-url');
      } else {
        throw err(ctx, `The "${ctx.name}" directive requires content; none supplied.`, 2);
      }
      let maxHeaderCols = 0;
      if ('header' in o) {
        const headerLines = String(o.header).split('\n');
        const hrows = readCsv(headerLines, {
          delimiter: ',',
          quotechar: '"',
          escapechar: '\\',
          doublequote: false,
          skipinitialspace: true,
          strict: true,
        });
        // the option's own text has no recorded position: header cells sit at the directive's start
        const at = lineAtOffset(sourceOf(ctx), ctx.position.start.offset);
        const own = sourceOf(ctx) !== ctx.source ? sourceOf(ctx) : undefined;
        head = hrows.map((r) =>
          r.map((f) => ({
            synthetic: true,
            lines: pySplitlinesWithStarts(f.value).map(([t]) => {
              const l: Line = { text: t, index: at.index, col: at.col };
              if (own) l.src = own;
              return l;
            }),
          })),
        );
        maxHeaderCols = Math.max(0, ...hrows.map((r) => r.length));
      }
      const dialect: Dialect = {
        delimiter: 'delim' in o ? String(o.delim) : ',',
        quotechar: 'quote' in o ? String(o.quote) : '"',
        doublequote: !('escape' in o),
        escapechar: 'escape' in o ? String(o.escape) : null,
        skipinitialspace: !('keepspace' in o),
        strict: true,
      };
      const dataLines = fileLines ?? ctx.content;
      const rows = readCsv(
        dataLines.map((l) => l.text),
        dialect,
      );
      const maxCols = Math.max(maxHeaderCols, 0, ...rows.map((r) => r.length));
      const headerRows = Number(o['header-rows'] ?? 0);
      checkTableDimensions(ctx, rows, headerRows, stubColumns);
      const cells = rows.map((r) => r.map((f) => csvCellLines(dataLines, f)));
      head = [...head, ...cells.slice(0, headerRows)];
      body = cells.slice(headerRows);
      colWidths = getColumnWidths(ctx, maxCols);
      for (const part of [head, body]) for (const row of part) while (row.length < maxCols) row.push({ lines: [] });
    } catch (e) {
      if (e instanceof Propagate) return [e.node];
      if (e instanceof CsvError) {
        return [directiveMessage(ctx, 3, 'csv-table', `Error with CSV data in "${ctx.name}" directive:\n${e.message}`)];
      }
      throw e;
    }
    const { table, tgroup } = tableSkeleton(ctx, colWidths, stubColumns);
    // docutils parses the cells with input_offset = content_offset (its line numbers for cell
    // messages count from the first content line)
    const buildRow = (row: CsvCell[]): RstNode => {
      const rowNode = el('row', undefined, []);
      for (const cell of row) {
        const entry = el('entry', undefined, []);
        const real = cell.lines.filter((l) => l.index >= 0);
        if (real.length && !cell.synthetic) {
          const src = real[0]!.src ?? sourceOf(ctx);
          entry.position = src.linesRange(real);
          if (src !== ctx.source) entry.data = { source: src.path };
        }
        rowNode.children!.push(entry);
        if (cell.lines.map((l) => l.text).join('')) {
          const first = cell.lines[0]!;
          ctx.nestedParse(cell.lines, entry, { docutilsLineDelta: ctx.contentOffset - first.index });
        }
      }
      return span(rowNode);
    };
    if (head.length) tgroup.children!.push(span(el('thead', undefined, head.map(buildRow))));
    tgroup.children!.push(span(el('tbody', undefined, body.map(buildRow))));
    table.position = ctx.position;
    const cs = contentSpan(ctx);
    if (cs) tgroup.position = cs;
    else {
      // data from a :file: (or only the :header: option): the tgroup spans its parts
      const parts = tgroup.children!.filter((c) => c.type === 'thead' || c.type === 'tbody');
      const tmp = span(el('tgroup', undefined, parts));
      if (tmp.position) tgroup.position = tmp.position;
      if (tmp.data?.source) (tgroup.data ??= {}).source = tmp.data.source;
    }
    stamp(ctx, table);
    return finishTable(ctx, table, title, messages);
  },
});

/** The cell's value split into lines, each placed at the source of its first character. */
function csvCellLines(data: readonly Line[], f: CsvField): CsvCell {
  const parts = pySplitlinesWithStarts(f.value);
  const lines: Line[] = parts.map(([t, start]) => {
    const origin = f.origins[start] ?? f.start;
    const cl = data[origin[0]] ?? data[data.length - 1]!;
    const l: Line = { text: t, index: cl.index, col: cl.col + origin[1] };
    if (cl.src) l.src = cl.src;
    return l;
  });
  return { lines };
}

function pySplitlinesWithStarts(s: string): [string, number][] {
  const out: [string, number][] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\n' || c === '\r') {
      out.push([s.slice(start, i), start]);
      if (c === '\r' && s[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  if (start < s.length) out.push([s.slice(start), start]);
  return out;
}

/** `table > tgroup > colspec*` as list-table and csv-table build it (the first `stubColumns` are stubs). */
function tableSkeleton(ctx: DirectiveContext, colWidths: readonly unknown[], stubColumns: number): { table: RstNode; tgroup: RstNode } {
  const table = el('table', undefined, []);
  widthClass(ctx, table);
  const tgroup = el('tgroup', { cols: colWidths.length });
  table.children!.push(tgroup);
  colWidths.forEach((w, i) => {
    const attrs: Record<string, unknown> = { colwidth: w };
    if (i < stubColumns) attrs.stub = 1;
    tgroup.children!.push(el('colspec', attrs));
  });
  return { table, tgroup };
}
