#!/usr/bin/python3
"""Build a docs tree with Debian's Sphinx 5.3 the way the kernel's conf.py does, with the kernel's
extensions replaced by stand-ins, for kdocs' HTML structure goldens (scripts/sphinx-structure.ts
reads the HTML this writes).

Usage:
  /usr/bin/python3 scripts/sphinx-structure.py --root DOCS_DIR --out HTML_DIR [--kernel-prefix filesystems/]
                                               [--doctrees DIR] [-j N]

Settings as Documentation/conf.py (6.12): primary_domain c, highlight_language none,
sphinx.ext.ifconfig + sphinx.ext.autosectionlabel (prefix_document, maxdepth 2),
smartquotes_action 'q', exclude_patterns ['output'], the kernel's c_id_attributes.

Stand-ins for the kernel's extensions (their sources are not in the docs tree):
  kernel-doc, kernel-feat, kernel-abi, maintainers-include: produce nothing (they need a kernel
      source tree; kdocs renders a box naming what would be included — no sections, code, tables
      or links, so the structure compared is the same);
  kernel-include: docutils' include with $VARIABLES expanded from the environment;
  kernel-figure / kernel-image: docutils' figure / image; kernel-render: the source as a literal block;
  flat-table + :cspan: / :rspan:: a table built as the kernel's rstFlatTable builds it
      (rows = first-level items, cells = second-level items, spans, auto-span of a short row's
      last cell or :fill-cells:, header-rows, stub-columns, widths);
  automarkup: on doctree-resolved, text in paragraphs (not directly in a literal, not under a
      reference) gets `func()` -> C function, `struct|union|enum|typedef NAME` -> C type,
      `[Documentation/]path.rst|txt` -> document, `commit <hex>` -> git.kernel.org, when the
      target resolves (silently left as text otherwise). A Documentation/ path is mapped onto
      the root through --kernel-prefix (where the root sits in the kernel tree), so that a
      subtree builds the links a whole-tree build makes.
"""
import argparse
import os
import re
import sys
import tempfile

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.parsers.rst.directives.images import Figure, Image
from docutils.parsers.rst.directives.misc import Include
from docutils.parsers.rst.directives.tables import Table

# the oracle's option_spec that takes any option (this file is also loaded by path from conf.py)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import _AnyOptions  # noqa: E402

KERNEL_PREFIX = os.environ.get('KDOCS_KERNEL_PREFIX', '')

C_ID_ATTRIBUTES = [
    '__att_', '__iomem', '__user', '__rcu', '__percpu', '__force', '__must_check', '__init',
    '__exit', '__cold', '__pure', '__always_unused', '__maybe_unused', '__read_mostly',
    '__ro_after_init', '__weak', '__packed', '__aligned', '__deprecated', '__printf', '__noreturn',
    '__sched', '__latent_entropy', '__nocfi', '__bpf_kfunc', '__visible', '__used', 'noinline',
    'notrace', 'asmlinkage', '__kprobes', '__init_or_module', '__meminit', '__cpuinit',
    '__ref', '__rcu_read_lock', '__acquires', '__releases', '__must_hold', '__cond_lock',
    '__attribute_const__', 'inline', '__always_inline', '__flatten', '__fastpath_inline',
    '__sum16', '__wsum',
]


class Nothing(Directive):
    """kernel-doc & co.: need a kernel source tree; produce nothing here."""
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = _AnyOptions()

    def run(self):
        return []


class KernelInclude(Include):
    def run(self):
        self.arguments[0] = os.path.expandvars(self.arguments[0])
        return super().run()


class KernelRender(Directive):
    """As kfigure's kernel-render: a figure when there is a caption (an image when dot(1) can draw
    it, else the source as a literal block)."""
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    has_content = True
    option_spec = _AnyOptions()

    def run(self):
        import shutil
        text = '\n'.join(self.content)
        lang = self.arguments[0].strip().upper()
        if (lang == 'DOT' and shutil.which('dot')) or lang == 'SVG':
            body = nodes.image(uri='kernel-render.svg', alt=self.options.get('alt', ''))
        else:
            body = nodes.literal_block(text, text)
        caption = self.options.get('caption')
        if not caption:
            return [body]
        fig = nodes.figure('', body)
        parsed, _ = self.state.inline_text(caption, self.lineno)
        fig += nodes.caption(caption, '', *parsed)
        return [fig]


class colspan(nodes.General, nodes.Inline, nodes.Element):
    pass


class rowspan(nodes.General, nodes.Inline, nodes.Element):
    pass


def c_span(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [colspan(span=int(text))], []


def r_span(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [rowspan(span=int(text))], []


class FlatTable(Table):
    option_spec = {
        'name': directives.unchanged,
        'class': directives.class_option,
        'header-rows': directives.nonnegative_int,
        'stub-columns': directives.nonnegative_int,
        'widths': directives.positive_int_list,
        'fill-cells': directives.flag,
    }

    def run(self):
        if not self.content:
            return [self.state_machine.reporter.error('The "%s" directive is empty; content required.' % self.name,
                                                      nodes.literal_block(self.block_text, self.block_text), line=self.lineno)]
        title, messages = self.make_title()
        node = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, node)
        if len(node) != 1 or not isinstance(node[0], nodes.bullet_list):
            return [self.state_machine.reporter.error('flat-table: exactly one bullet list expected', line=self.lineno)]
        rows = []
        for item in node[0]:
            lists = [c for c in item if isinstance(c, nodes.bullet_list)]
            if len(lists) != 1:
                return [self.state_machine.reporter.error('flat-table: two-level bullet list expected', line=self.lineno)]
            row = []
            for cell_item in lists[0]:
                cspan = rspan = 0
                content = list(cell_item.children)
                if content and len(content[0]):
                    first = content[0]
                    for sub in list(first.children):
                        if isinstance(sub, colspan):
                            cspan = sub['span']
                            first.remove(sub)
                        elif isinstance(sub, rowspan):
                            rspan = sub['span']
                            first.remove(sub)
                row.append([cspan, rspan, content])
            rows.append(row)
        # spanned slots become None
        for y, row in enumerate(rows):
            x = 0
            while x < len(row):
                cell = row[x]
                if cell is not None:
                    cspan, rspan = cell[0], cell[1]
                    for c in range(cspan):
                        row.insert(x + c + 1, None)
                    for r in range(rspan):
                        if y + r + 1 < len(rows):
                            for c in range(cspan + 1):
                                rows[y + r + 1].insert(x + c, None)
                x += 1
        max_cols = max((len(r) for r in rows), default=0)
        fill = 'fill-cells' in self.options
        for row in rows:
            missing = max_cols - len(row)
            if not missing:
                continue
            if fill:
                row.extend([[0, 0, []] for _ in range(missing)])
            elif row and row[-1] is not None:
                row[-1][0] += missing
            else:
                row.append([missing - 1, 0, []])
        widths = self.options.get('widths') or [100 // max_cols] * max_cols
        if len(widths) != max_cols:
            widths = [100 // max_cols] * max_cols
        table = nodes.table()
        tgroup = nodes.tgroup(cols=max_cols)
        table += tgroup
        stubs = self.options.get('stub-columns', 0)
        for w in widths:
            spec = nodes.colspec(colwidth=w)
            if stubs:
                spec['stub'] = 1
                stubs -= 1
            tgroup += spec
        header_rows = self.options.get('header-rows', 0)

        def make_row(row):
            r = nodes.row()
            for cell in row:
                if cell is None:
                    continue
                e = nodes.entry()
                if cell[0]:
                    e['morecols'] = cell[0]
                if cell[1]:
                    e['morerows'] = cell[1]
                e.extend(cell[2])
                r += e
            return r

        all_rows = [make_row(r) for r in rows]
        if header_rows:
            thead = nodes.thead()
            thead.extend(all_rows[:header_rows])
            tgroup += thead
        tbody = nodes.tbody()
        tbody.extend(all_rows[header_rows:])
        tgroup += tbody
        if title:
            table.insert(0, title)
        table['classes'] += self.options.get('class', [])
        self.add_name(table)
        return [table] + messages


# ------------------------------------------------------------------------------ automarkup

RE_FUNCTION = re.compile(r'\b(([a-zA-Z_]\w+)\(\))', flags=re.ASCII)
RE_TYPE = re.compile(r'\b(struct|union|enum|typedef)\s+([a-zA-Z_]\w+)', flags=re.ASCII)
RE_DOC = re.compile(r'(\bDocumentation/)?((\.\./)*[\w\-/]+)\.(rst|txt)')
RE_GIT = re.compile(r'commit\s+(?P<rev>[0-9a-f]{12,40})(?:\s+\(".*?"\))?', flags=re.IGNORECASE | re.DOTALL)
SKIPNAMES = {'for', 'if', 'register', 'sizeof', 'struct', 'unsigned'}
SKIPFUNCS = {'open', 'close', 'read', 'write', 'fcntl', 'mmap', 'select', 'poll', 'fork', 'execve',
             'clone', 'ioctl', 'socket'}
TYPE_ROLE = {'struct': 'struct', 'union': 'union', 'enum': 'enum', 'typedef': 'type'}
TYPE_CLASS = {'struct': 'c-struct', 'union': 'c-union', 'enum': 'c-enum', 'typedef': 'c-type'}


def _resolve_c(app, docname, role, name, text, cls):
    from sphinx import addnodes
    from sphinx.errors import NoUri
    cdom = app.env.domains['c']
    lit = nodes.literal(classes=['xref', 'c', cls])
    lit += nodes.Text(text)
    px = addnodes.pending_xref('', refdomain='c', reftype=role, reftarget=name, modname=None, classname=None)
    try:
        return cdom.resolve_xref(app.env, docname, app.builder, role, name, px, lit)
    except NoUri:
        return None


def _resolve_doc(app, docname, m):
    from sphinx import addnodes
    std = app.env.domains['std']
    target = m.group(2)
    if m.group(1):
        if KERNEL_PREFIX and target.startswith(KERNEL_PREFIX):
            target = '/' + target[len(KERNEL_PREFIX):]
        elif KERNEL_PREFIX:
            return None
        else:
            target = '/' + target
    px = addnodes.pending_xref('', refdomain='std', reftype='doc', reftarget=target, modname=None,
                               classname=None, refexplicit=False)
    return std.resolve_xref(app.env, docname, app.builder, 'doc', target, px, None)


def markup_text(app, docname, text):
    matches = []
    for regex in (RE_FUNCTION, RE_TYPE, RE_DOC, RE_GIT):
        for m in regex.finditer(text):
            matches.append((m.start(), regex, m))
    matches.sort(key=lambda t: t[0])
    out = []
    pos = 0
    for start, regex, m in matches:
        if start < pos:
            continue
        node = None
        if regex is RE_FUNCTION:
            name = m.group(2)
            if name not in SKIPNAMES and name not in SKIPFUNCS:
                node = _resolve_c(app, docname, 'function', name, m.group(0), 'c-func')
        elif regex is RE_TYPE:
            name = m.group(2)
            if name not in SKIPNAMES:
                node = _resolve_c(app, docname, TYPE_ROLE[m.group(1)], name, m.group(0), TYPE_CLASS[m.group(1)])
        elif regex is RE_DOC:
            node = _resolve_doc(app, docname, m)
        else:
            node = nodes.reference('', '', nodes.Text(m.group(0)),
                                   refuri='https://git.kernel.org/torvalds/c/%s' % m.group('rev'))
        if node is None:
            continue
        if start > pos:
            out.append(nodes.Text(text[pos:start]))
        out.append(node)
        pos = m.end()
    if not out:
        return None
    if pos < len(text):
        out.append(nodes.Text(text[pos:]))
    return out


def auto_markup(app, doctree, docname):
    def wanted(node):
        if not isinstance(node, nodes.Text) or isinstance(node.parent, nodes.literal):
            return False
        p = node.parent
        while p is not None:
            if isinstance(p, nodes.Referential):
                return False
            p = p.parent
        return True

    for para in list(doctree.findall(nodes.paragraph)):
        for node in list(para.findall(condition=wanted)):
            repl = markup_text(app, docname, str(node))
            if repl:
                parent = node.parent
                i = parent.index(node)
                parent.remove(node)
                for k, r in enumerate(repl):
                    parent.insert(i + k, r)


def setup(app):
    for name in ('kernel-doc', 'kernel-feat', 'kernel-abi', 'maintainers-include'):
        app.add_directive(name, Nothing)
    app.add_directive('kernel-include', KernelInclude)
    app.add_directive('kernel-figure', Figure)
    app.add_directive('kernel-image', Image)
    app.add_directive('kernel-render', KernelRender)
    app.add_directive('flat-table', FlatTable)
    app.add_role('cspan', c_span)
    app.add_role('rspan', r_span)
    app.connect('doctree-resolved', auto_markup)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}


CONF = '''
import importlib.util, sys
_spec = importlib.util.spec_from_file_location('kdocs_sphinx_standins', %(helper)r)
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
project = 'kdocs'
extensions = ['sphinx.ext.ifconfig', 'sphinx.ext.autosectionlabel']
autosectionlabel_prefix_document = True
autosectionlabel_maxdepth = 2
primary_domain = 'c'
highlight_language = 'none'
smartquotes_action = 'q'
exclude_patterns = ['output']
master_doc = 'index'
source_suffix = '.rst'
language = 'en'
pygments_style = 'sphinx'
html_theme = 'basic'
html_use_index = False
html_copy_source = False
c_id_attributes = %(attrs)r
def setup(app):
    return _mod.setup(app)
'''


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--doctrees')
    ap.add_argument('--kernel-prefix', default='')
    ap.add_argument('-j', default='1')
    a = ap.parse_args(argv)
    os.environ['KDOCS_KERNEL_PREFIX'] = a.kernel_prefix
    confdir = tempfile.mkdtemp(prefix='kdocs-sphinx-conf-')
    with open(os.path.join(confdir, 'conf.py'), 'w') as f:
        f.write(CONF % {'helper': os.path.abspath(__file__), 'attrs': C_ID_ATTRIBUTES})
    doctrees = a.doctrees or tempfile.mkdtemp(prefix='kdocs-sphinx-doctrees-')
    from sphinx.cmd.build import build_main
    return build_main(['-b', 'html', '-q', '-E', '-j', a.j, '-c', confdir, '-d', doctrees, a.root, a.out])


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
