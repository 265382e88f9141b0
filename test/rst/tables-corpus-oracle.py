# docutils 0.19, instrumented: for every grid/simple table docutils parses (Body.table_top), the
# state machine's input lines, the start, what the table parser built (column widths, head/body
# rows, each cell's morerows/morecols, text lines and source line indices) and the messages.
# Files are read like docutils' FileInput (newlines normalised with splitlines()).
# Usage: python3 tables-corpus-oracle.py ROOT FILE... -> one JSON line per file: {file, records}
import sys, json, io
from docutils.parsers.rst import states, Parser
from docutils.frontend import OptionParser
from docutils.utils import new_document
import warnings; warnings.filterwarnings('ignore')
stack = []
records = []
orig_table_top = states.Body.table_top
orig_build_table = states.Body.build_table
orig_build_row = states.Body.build_table_row
def table_top(self, match, context, next_state, isolate_function, parser_class):
    sm = self.state_machine
    il = sm.input_lines
    rec = {'kind': 'grid' if isolate_function.__name__ == 'isolate_grid_table' else 'simple',
           'start': sm.line_offset, 'lines': list(il.data),
           'idx': [il.info(i)[1] for i in range(len(il))],
           'srcs': len(set(il.info(i)[0] for i in range(len(il)))),
           'absline': sm.abs_line_number(), 'tables': [], 'messages': []}
    records.append(rec)
    stack.append(rec)
    try:
        r = orig_table_top(self, match, context, next_state, isolate_function, parser_class)
        rec['next'] = sm.line_offset + 1
        return r
    finally:
        stack.pop()
def build_table(self, tabledata, tableline, stub_columns=0, widths=None):
    colwidths, head, body = tabledata
    def conv(rows):
        res = []
        for row in rows:
            r = []
            for cell in row:
                if cell is None: continue
                morerows, morecols, offset, block = cell
                empty = not ''.join(block)
                r.append({'morerows': morerows, 'morecols': morecols, 'lines': [] if empty else list(block),
                          'srclines': [] if empty else [block.info(i)[1] for i in range(len(block))]})
            res.append(r)
        return res
    if stack and stack[-1] is not None:
        stack[-1]['tables'].append({'colwidths': colwidths, 'head': conv(head), 'body': conv(body)})
    return orig_build_table(self, tabledata, tableline, stub_columns, widths)
def build_table_row(self, rowdata, tableline):
    stack.append(None)
    try:
        return orig_build_row(self, rowdata, tableline)
    finally:
        stack.pop()
states.Body.table_top = table_top
states.Body.build_table = build_table
states.Body.build_table_row = build_table_row
def observer(msg):
    if stack and stack[-1] is not None:
        text = msg.children[0].astext() if msg.children else ''
        stack[-1]['messages'].append({'level': msg['level'], 'line': msg.get('line'), 'text': text})
root = sys.argv[1]
opts = OptionParser(components=(Parser,)).get_default_values()
for k, v in {'report_level': 5, 'doctitle_xform': False, 'auto_id_prefix': 'id', 'halt_level': 5, 'warning_stream': io.StringIO(), 'file_insertion_enabled': False}.items():
    setattr(opts, k, v)
parser = Parser()
for f in sys.argv[2:]:
    records.clear()
    raw = open(root + '/' + f, encoding='utf-8-sig').read()
    src = '\n'.join(raw.splitlines() + [''])
    doc = new_document(f, opts)
    doc.reporter.attach_observer(observer)
    try:
        parser.parse(src, doc)
    except Exception as e:
        print(json.dumps({'file': f, 'error': str(e)})); continue
    print(json.dumps({'file': f, 'records': records}))
