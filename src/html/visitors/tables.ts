/**
 * Tables (grid, simple, `table`, `list-table`, `csv-table`, the kernel's `flat-table`) as Sphinx
 * 5.3's HTML5Translator writes them: `<table class="docutils align-default">`, a caption with a
 * permalink, `<colgroup>` only when widths were given, rows numbered `row-odd`/`row-even` across
 * head and body, `<th class="head">` in the head and `<th class="stub">` in stub columns, spans
 * as colspan/rowspan.
 */
import type { RstNode } from '../../rst/nodes.js';
import { escapeAttr } from '../escape.js';
import type { Renderer } from '../render.js';
import { register, registerDirective } from '../visitor.js';

interface TableState {
  rowIndex: number;
  stubs: boolean[];
  inHead: boolean;
  widthsGiven: boolean;
}

function tableState(r: Renderer): TableState[] {
  let s = r.state.get('tables') as TableState[] | undefined;
  if (!s) r.state.set('tables', (s = []));
  return s;
}

export function writeTable(r: Renderer, n: RstNode): void {
  const a = n.attributes ?? {};
  const classes = (a.classes as string[] | undefined) ?? [];
  const align = a.align as string | undefined;
  const cls = ['docutils', align ? `align-${align}` : 'align-default'];
  const st: TableState = { rowIndex: 0, stubs: [], inHead: false, widthsGiven: classes.includes('colwidths-given') };
  tableState(r).push(st);
  const auto = ((a.ids as string[] | undefined) ?? []).length ? undefined : r.enumerableId(n);
  if (auto) n = { ...n, attributes: { ...a, ids: [auto] } };
  const attrs: Record<string, string | undefined> = {};
  const width = a.width as string | undefined;
  if (width) attrs.style = `width: ${/^\d+(\.\d+)?$/.test(width) ? width + 'px' : width}`;
  r.starttag(n, 'table', cls, attrs, { before: true });
  r.write('\n');
  for (const c of n.children ?? []) {
    if (c.type === 'title') {
      r.write('<caption><span class="caption-text">');
      r.parents.push(c);
      r.children(c);
      r.parents.pop();
      r.write('</span>');
      const id = ((n.attributes?.ids as string[] | undefined) ?? [])[0];
      if (id && !r.plain) r.write(`<a class="headerlink" href="#${escapeAttr(r.mapId(id))}" title="Permalink to this table">¶</a>`);
      r.write('</caption>\n');
    } else r.visit(c);
  }
  r.write('</table>\n');
  tableState(r).pop();
}

register('table', writeTable);

register('tgroup', (r, n) => {
  const st = tableState(r).at(-1);
  const specs = (n.children ?? []).filter((c) => c.type === 'colspec');
  if (st) st.stubs = specs.map((s) => !!s.attributes?.stub);
  if (st?.widthsGiven && specs.length) {
    const total = specs.reduce((t, s) => t + Number(s.attributes?.colwidth ?? 1), 0) || 1;
    r.write('<colgroup>\n');
    for (const s of specs) {
      const w = Math.round((100 * Number(s.attributes?.colwidth ?? 1)) / total);
      r.write(`<col style="width: ${w}%" />\n`);
    }
    r.write('</colgroup>\n');
  }
  for (const c of n.children ?? []) if (c.type !== 'colspec') r.visit(c);
});

register('colspec', () => {
  // written by tgroup
});

register('thead', (r, n) => {
  const st = tableState(r).at(-1);
  if (st) st.inHead = true;
  r.starttag(n, 'thead');
  r.write('\n');
  r.children(n);
  r.write('</thead>\n');
  if (st) st.inHead = false;
});

register('tbody', (r, n) => {
  r.starttag(n, 'tbody');
  r.write('\n');
  r.children(n);
  r.write('</tbody>\n');
});

register('row', (r, n) => {
  const st = tableState(r).at(-1);
  const i = st ? ++st.rowIndex : 1;
  r.starttag(n, 'tr', [i % 2 ? 'row-odd' : 'row-even']);
  let col = 0;
  for (const e of n.children ?? []) {
    r.state.set('col', col);
    r.visit(e);
    col += 1 + Number(e.attributes?.morecols ?? 0);
  }
  r.write('</tr>\n');
});

register('entry', (r, n) => {
  const st = tableState(r).at(-1);
  const col = (r.state.get('col') as number | undefined) ?? 0;
  let tag = 'td';
  const cls: string[] = [];
  if (st?.inHead) {
    tag = 'th';
    cls.push('head');
  } else if (st?.stubs[col]) {
    tag = 'th';
    cls.push('stub');
  }
  const a = n.attributes ?? {};
  const attrs: Record<string, string | undefined> = {};
  if (a.morecols) attrs.colspan = String(Number(a.morecols) + 1);
  if (a.morerows) attrs.rowspan = String(Number(a.morerows) + 1);
  r.starttag(n, tag, cls, attrs);
  r.children(n);
  r.write(`</${tag}>\n`);
});

// The kernel's flat-table: the parser builds the table it would (data.table); a table the
// kernel's directive could not build shows the error and the raw list.
registerDirective('flat-table', (r, n) => {
  const table = n.data?.table as RstNode | undefined;
  if (!table) {
    const err = n.data?.tableError as string | undefined;
    r.warn('html-flat-table', `flat-table not built: ${err ?? 'no table'}`, n);
    r.errorBox(`flat-table: ${err ?? 'no table'}`, n, () => r.children(n));
    return;
  }
  const opts = (n.attributes?.options as Record<string, string> | undefined) ?? {};
  const classes = [...((table.attributes?.classes as string[] | undefined) ?? [])];
  if (opts.widths) classes.push('colwidths-given');
  if (opts.class) classes.push(...opts.class.split(/\s+/).filter(Boolean));
  const ids = (n.attributes?.ids as string[] | undefined) ?? [];
  const t: RstNode = { ...table, attributes: { ...table.attributes, classes, ...(ids.length ? { ids } : {}) } };
  r.parents.push(t);
  writeTable(r, t);
  r.parents.pop();
});
