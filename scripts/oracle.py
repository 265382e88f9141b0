#!/usr/bin/env python3
"""kdocs' docutils oracle: docutils 0.19 run the way Sphinx 5.3 runs it for the kernel docs.

Usage:
  python3 scripts/oracle.py --root DOCS_DIR [--files-from LIST] [--tree final|none] [--out FILE] [FILE...]

For every file (a path relative to --root) it prints one JSON object per line:

  {"file": REL, "tree": NODE, "messages": [MSG...]}          (or {"file", "error"} if docutils crashed)

The JSON convention (src/rst/doctree-json.ts produces the same from our tree):

* NODE = {"type", "attributes"?, "children"?}; text leaves are {"type": "text", "value"}.
  - type is docutils' tag name (section, paragraph, literal_block, system_message, ...), or, for the
    Sphinx/kernel directives and roles registered below as placeholders, the directive/role name
    lower-cased ("code-block", "c:function", "ref", "c:func", "func").
  - Adjacent text leaves are merged and empty text leaves dropped; "children" is omitted when empty.
  - attributes keep only the names in ATTRIBUTES; empty lists, empty objects, None and "" are dropped and
    "attributes" is omitted when nothing is left. Values are strings, numbers, lists or (options)
    objects. Keys are sorted (json sort_keys) so the output is byte-stable.
* MSG = {"level", "type", "line"?, "text", "source"?, "phase"} in the order docutils reported them
  (reporter observer). text is the message paragraph (no detail block); source is given only for
  messages from another file (relative to --root); phase is "parse" or "transform".

Which tree: the FINAL tree, after the transforms docutils' standalone reader (as used by Sphinx)
runs: Substitutions, PropagateTargets, DocTitle/SectionSubTitle (both off: Sphinx's settings), DocInfo,
AnonymousHyperlinks, IndirectHyperlinks, Footnotes, ExternalTargets, InternalTargets,
DanglingReferences, Transitions, plus pending transforms (contents, sectnum, class, ...).
Not run: universal.Messages/FilterMessages (Sphinx's writer is unfiltered, so transform-phase
messages are not inserted in the tree), SmartQuotes (off in docutils' defaults) and Sphinx's own
post-transforms (domains, toctree, i18n, FilterSystemMessages ...).

Settings = Sphinx 5.3's default_settings: doctitle_xform and sectsubtitle_xform off,
auto_id_prefix "id", input_encoding utf-8-sig, halt_level 5, file_insertion_enabled; report_level
stays 2 (higher levels change what the code directive reports) and the stream goes nowhere: the
messages come from an observer, INFO included.

Placeholders ("registered mode"): every directive and role Sphinx 5.3 registers (with the C domain
both qualified and unqualified, since the kernel sets primary_domain = 'c', and the std domain
unqualified as Sphinx does) plus the kernel extensions' ones are registered as generic placeholders:
  directive -> node of type = name lower-cased, attributes {name: as written, arguments: [..],
      options: {name: value}}; a directive accepts 0..1 argument (the whole argument text, internal
      newlines kept) and any option (value as written, "" for a flag).
      Body: VERBATIM directives get one text child = the content lines joined with "\n" (none when
      there is no content); `only` is parsed like Sphinx's Only (titles allowed, fresh title styles,
      sections raised to their level); ifconfig and object descriptions (c:function, option, ...) are
      nested-parsed with titles allowed and fresh title styles (Sphinx's nested_parse_with_titles, but
      with the real content offset); all others are nested-parsed into the node.
  role -> node of type = role name lower-cased, attributes {role: as written, text: the interpreted
      text with backslash-escapes removed, title?, target?}; title/target only with the explicit
      title syntax `title <target>` (Sphinx's explicit_title_re); one text child = title or text.
docutils' own directives that Sphinx overrides with the same tree (include, csv-table, figure, meta)
keep docutils' implementation; code, code-block, sourcecode and math are placeholders.
"""
import argparse
import io
import json
import os
import re
import sys
import time

import docutils
from docutils import frontend, io as dio, nodes, utils
from docutils.parsers import rst
from docutils.parsers.rst import Directive, directives, roles
from docutils.readers import standalone

# --------------------------------------------------------------------------------------------
# Names (collected from Sphinx 5.3 by introspecting a Sphinx app with sphinx.ext.ifconfig and
# sphinx.ext.autosectionlabel; kernel ones from Documentation/sphinx/*.py, see kernel-docs.md §3.2)

SPHINX_DIRECTIVES = [
    'acks', 'centered', 'code', 'code-block', 'codeauthor', 'cssclass', 'default-domain',
    'default-role', 'deprecated', 'describe', 'highlight', 'hlist', 'ifconfig', 'index',
    'literalinclude', 'math', 'moduleauthor', 'object', 'only', 'rst-class', 'sectionauthor',
    'seealso', 'sourcecode', 'tabularcolumns', 'toctree', 'versionadded', 'versionchanged',
]
DOMAIN_DIRECTIVES = {
    'c': ['alias', 'enum', 'enumerator', 'function', 'macro', 'member', 'namespace', 'namespace-pop',
          'namespace-push', 'struct', 'type', 'union', 'var'],
    'cpp': ['alias', 'class', 'concept', 'enum', 'enum-class', 'enum-struct', 'enumerator', 'function',
            'member', 'namespace', 'namespace-pop', 'namespace-push', 'struct', 'type', 'union', 'var'],
    'js': ['attribute', 'class', 'data', 'function', 'method', 'module'],
    'py': ['attribute', 'class', 'classmethod', 'currentmodule', 'data', 'decorator', 'decoratormethod',
           'exception', 'function', 'method', 'module', 'property', 'staticmethod'],
    'rst': ['directive', 'directive:option', 'role'],
    'std': ['cmdoption', 'envvar', 'glossary', 'option', 'productionlist', 'program'],
}
KERNEL_DIRECTIVES = [
    'kernel-doc', 'flat-table', 'kernel-include', 'kernel-image', 'kernel-figure', 'kernel-render',
    'kernel-feat', 'kernel-abi', 'maintainers-include',
]
SPHINX_ROLES = [
    'abbr', 'any', 'command', 'dfn', 'download', 'eq', 'file', 'guilabel', 'index', 'kbd', 'mailheader',
    'makevar', 'manpage', 'menuselection', 'mimetype', 'newsgroup', 'pep', 'program', 'regexp', 'rfc',
    'samp',
]
DOMAIN_ROLES = {
    'c': ['data', 'enum', 'enumerator', 'expr', 'func', 'macro', 'member', 'struct', 'texpr', 'type',
          'union', 'var'],
    'cpp': ['any', 'class', 'concept', 'enum', 'enumerator', 'expr', 'func', 'member', 'struct', 'texpr',
            'type', 'union', 'var'],
    'js': ['attr', 'class', 'data', 'func', 'meth', 'mod'],
    'math': ['numref'],
    'py': ['attr', 'class', 'const', 'data', 'exc', 'func', 'meth', 'mod', 'obj'],
    'rst': ['dir', 'role'],
    'std': ['doc', 'envvar', 'keyword', 'numref', 'option', 'ref', 'term', 'token'],
}
KERNEL_ROLES = ['cspan', 'rspan']
# unqualified domains: std (always) and c (primary_domain)
UNQUALIFIED_DOMAINS = ['std', 'c']


def all_directive_names():
    names = list(SPHINX_DIRECTIVES) + list(KERNEL_DIRECTIVES)
    for dom, ds in DOMAIN_DIRECTIVES.items():
        names += ['%s:%s' % (dom, d) for d in ds]
        if dom in UNQUALIFIED_DOMAINS:
            names += ds
    return sorted(set(names))


def all_role_names():
    names = list(SPHINX_ROLES) + list(KERNEL_ROLES)
    for dom, rs in DOMAIN_ROLES.items():
        names += ['%s:%s' % (dom, r) for r in rs]
        if dom in UNQUALIFIED_DOMAINS:
            names += rs
    return sorted(set(names))


# content kept verbatim (one text child)
VERBATIM = {
    'code', 'code-block', 'sourcecode', 'toctree', 'kernel-doc', 'kernel-render', 'math', 'highlight',
    'literalinclude', 'productionlist', 'std:productionlist', 'index', 'tabularcolumns',
    'default-domain', 'default-role', 'sectionauthor', 'moduleauthor', 'codeauthor', 'centered',
    'kernel-include', 'kernel-feat', 'kernel-abi', 'maintainers-include',
    'c:namespace', 'c:namespace-push', 'c:namespace-pop', 'namespace', 'namespace-push', 'namespace-pop',
    'cpp:namespace', 'cpp:namespace-push', 'cpp:namespace-pop', 'py:currentmodule', 'program',
    'std:program', 'c:alias', 'alias', 'cpp:alias',
}
# object descriptions and ifconfig: nested_parse_with_titles (titles allowed, fresh title styles)
_OBJECTS = {
    'c': ['enum', 'enumerator', 'function', 'macro', 'member', 'struct', 'type', 'union', 'var'],
    'cpp': ['class', 'concept', 'enum', 'enum-class', 'enum-struct', 'enumerator', 'function', 'member',
            'struct', 'type', 'union', 'var'],
    'js': ['attribute', 'class', 'data', 'function', 'method', 'module'],
    'py': ['attribute', 'class', 'classmethod', 'data', 'decorator', 'decoratormethod', 'exception',
           'function', 'method', 'module', 'property', 'staticmethod'],
    'rst': ['directive', 'directive:option', 'role'],
    'std': ['cmdoption', 'envvar', 'option'],
}
WITH_TITLES = {'ifconfig', 'describe', 'object'}
for _dom, _names in _OBJECTS.items():
    WITH_TITLES.update('%s:%s' % (_dom, n) for n in _names)
    if _dom in UNQUALIFIED_DOMAINS:
        WITH_TITLES.update(_names)

# --------------------------------------------------------------------------------------------
# Placeholder node classes: one class per name (class attribute tagname = the name), registered
# with docutils' visitors so transforms walking the tree accept them.

_CLASSES = {}


def _copy_keep_attributes(self):
    obj = self.__class__(self.rawsource)
    obj.attributes = {k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
                      for k, v in self.attributes.items()}
    obj._document = self._document
    obj.source = self.source
    obj.line = self.line
    return obj


def _class_for(name, inline):
    key = (name, inline)
    cls = _CLASSES.get(key)
    if cls is None:
        pyname = 'kdocs_%s_%s' % ('r' if inline else 'd', re.sub(r'[^A-Za-z0-9_]', '_', name))
        # several names can sanitise alike (c:type / c_type): make the Python name unique
        while any(c.__name__ == pyname for c in _CLASSES.values()):
            pyname += '_'
        bases = (nodes.Inline, nodes.TextElement) if inline else (nodes.General, nodes.Element)
        # Element.copy() passes the attributes as keyword arguments, and TextElement takes `text`
        # as its text argument: a copied role placeholder (e.g. inside a substitution) would lose
        # its `text` attribute. Copy the attributes as they are.
        cls = type(pyname, bases, {'tagname': name, 'copy': _copy_keep_attributes})
        nodes._add_node_class_names([pyname])
        _CLASSES[key] = cls
    return cls


class _AnyOptions(dict):
    """An option_spec accepting every option name, value unchanged."""

    def __getitem__(self, key):
        return directives.unchanged

    def __contains__(self, key):
        return True

    def __bool__(self):
        return True

    def __len__(self):
        return 1


def _make_directive(registered_name):
    lname = registered_name.lower()

    class Placeholder(Directive):
        required_arguments = 0
        optional_arguments = 1
        final_argument_whitespace = True
        option_spec = _AnyOptions()
        has_content = True

        def run(self):
            node = _class_for(lname, False)()
            node['name'] = self.name
            node['arguments'] = list(self.arguments)
            node['options'] = dict(self.options)
            node.source, node.line = self.state_machine.get_source_and_line(self.lineno)
            if lname in VERBATIM:
                if self.content:
                    node.append(nodes.Text('\n'.join(self.content)))
                return [node]
            if lname == 'only':
                return self._only(node)
            if lname in WITH_TITLES:
                self._nested_with_titles(node)
                return [node]
            if self.content:
                self.state.nested_parse(self.content, self.content_offset, node)
            return [node]

        def _nested_with_titles(self, node):
            memo = self.state.memo
            styles, level = memo.title_styles, memo.section_level
            memo.title_styles, memo.section_level = [], 0
            try:
                self.state.nested_parse(self.content, self.content_offset, node, match_titles=True)
            finally:
                memo.title_styles, memo.section_level = styles, level

        def _only(self, node):
            # Sphinx 5.3's Only: titles allowed with fresh styles; sections that continue the
            # surrounding hierarchy are moved up to their level.
            memo = self.state.memo
            surrounding_styles, surrounding_level = memo.title_styles, memo.section_level
            memo.title_styles, memo.section_level = [], 0
            try:
                self.state.nested_parse(self.content, self.content_offset, node, match_titles=True)
                styles = memo.title_styles
                if (not surrounding_styles or not styles or styles[0] not in surrounding_styles
                        or not self.state.parent):
                    return [node]
                depth = 0
                parent = self.state.parent
                while parent:
                    depth += 1
                    parent = parent.parent
                depth -= 2
                nested_depth = surrounding_styles.index(styles[0])
                parent = self.state.parent
                for _ in range(depth - nested_depth + 1):
                    if parent.parent:
                        parent = parent.parent
                parent.append(node)
                return []
            finally:
                memo.title_styles, memo.section_level = surrounding_styles, surrounding_level

    Placeholder.__name__ = 'Placeholder_' + re.sub(r'\W', '_', lname)
    return Placeholder


_EXPLICIT_TITLE = re.compile(r'^(.+?)\s*(?<!\x00)<(.*?)>$', re.DOTALL)


def _make_role(registered_name):
    lname = registered_name.lower()

    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        node = _class_for(lname, True)(rawtext)
        node['role'] = name
        node['text'] = utils.unescape(text)
        m = _EXPLICIT_TITLE.match(text)
        if m:
            node['title'] = utils.unescape(m.group(1))
            node['target'] = utils.unescape(m.group(2))
            node.append(nodes.Text(node['title']))
        else:
            node.append(nodes.Text(node['text']))
        return [node], []

    return role


def register_placeholders():
    for name in all_directive_names():
        directives.register_directive(name, _make_directive(name))
    for name in all_role_names():
        roles.register_local_role(name, _make_role(name))


# --------------------------------------------------------------------------------------------
# JSON convention

ATTRIBUTES = {
    # common
    'ids', 'names', 'dupnames', 'backrefs', 'classes',
    # references & targets
    'refuri', 'refname', 'refid', 'anonymous',
    # lists
    'bullet', 'enumtype', 'prefix', 'suffix', 'start',
    # literal & raw
    'xml:space', 'format',
    # system_message
    'level', 'type',
    # tables
    'morecols', 'morerows', 'colwidth', 'cols', 'stub', 'widths',
    # footnotes
    'auto',
    # images
    'uri', 'alt', 'width', 'height', 'scale', 'align',
    # option lists
    'delimiter',
    # document / placeholders
    'title', 'name', 'arguments', 'options', 'role', 'text', 'target',
}


def _json_value(v):
    if isinstance(v, (list, tuple)):
        return [_json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _json_value(x) for k, x in v.items()}
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def node_json(node):
    if isinstance(node, nodes.Text):
        return {'type': 'text', 'value': node.astext()}
    out = {'type': node.tagname}
    attrs = {}
    for k, v in node.attributes.items():
        if k not in ATTRIBUTES:
            continue
        if v is None or v == [] or v == {} or v == '':
            continue
        if k == 'type' and node.tagname != 'system_message':
            continue
        if k == 'level' and node.tagname != 'system_message':
            continue
        attrs[k] = _json_value(v)
    if attrs:
        out['attributes'] = attrs
    children = []
    for child in node.children:
        cj = node_json(child)
        if cj['type'] == 'text':
            if cj['value'] == '':
                continue
            if children and children[-1]['type'] == 'text':
                children[-1]['value'] += cj['value']
                continue
        children.append(cj)
    if children:
        out['children'] = children
    return out


# --------------------------------------------------------------------------------------------

SETTINGS = {
    'auto_id_prefix': 'id',
    'doctitle_xform': False,
    'sectsubtitle_xform': False,
    'input_encoding': 'utf-8-sig',
    'halt_level': 5,
    'report_level': 2,
    'file_insertion_enabled': True,
    'raw_enabled': True,
    'pep_references': None,
    'rfc_references': None,
    'cloak_email_addresses': True,
    'language_code': 'en',
    'smartquotes_locales': [],
    'tab_width': 8,
}


def make_settings():
    settings = frontend.get_default_settings(rst.Parser, standalone.Reader)
    for k, v in SETTINGS.items():
        setattr(settings, k, v)
    settings.warning_stream = io.StringIO()
    return settings


STANDARD_INCLUDES = os.path.join(os.path.dirname(rst.__file__), 'include')


def rel_source(source, main, root):
    if source is None or source == main:
        return None
    src = str(source)
    if src.startswith(STANDARD_INCLUDES):
        return '<docutils>/' + os.path.relpath(src, STANDARD_INCLUDES)
    return os.path.relpath(os.path.abspath(src), root)


def process(rel, root, tree_mode):
    path = os.path.join(root, rel)
    settings = make_settings()
    messages = []
    phase = ['parse']

    def observer(msg):
        entry = {'level': msg['level'], 'type': msg['type']}
        if msg.get('line') is not None:
            entry['line'] = msg['line']
        entry['text'] = msg.children[0].astext() if msg.children else ''
        src = rel_source(msg.get('source'), path, root)
        if src is not None:
            entry['source'] = src
        entry['phase'] = phase[0]
        messages.append(entry)

    inp = dio.FileInput(source_path=path, encoding='utf-8-sig', error_handler='strict')
    text = inp.read()
    parser = rst.Parser()
    reader = standalone.Reader(parser=parser)
    document = utils.new_document(path, settings)
    document.reporter.attach_observer(observer)
    parser.parse(text, document)
    phase[0] = 'transform'
    document.transformer.populate_from_components((inp, reader, parser))
    document.transformer.apply_transforms()
    out = {'file': rel}
    if tree_mode != 'none':
        out['tree'] = node_json(document)
    out['messages'] = messages
    return out


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--root', required=True)
    ap.add_argument('--files-from')
    ap.add_argument('--tree', choices=['final', 'none'], default='final')
    ap.add_argument('--out')
    ap.add_argument('--timing', action='store_true', help='print timing summary to stderr')
    ap.add_argument('files', nargs='*')
    args = ap.parse_args(argv)
    files = list(args.files)
    if args.files_from:
        with open(args.files_from, encoding='utf-8') as f:
            files += [line.strip() for line in f if line.strip()]
    root = os.path.abspath(args.root)
    register_placeholders()
    sys.setrecursionlimit(20000)
    out = open(args.out, 'w', encoding='utf-8') if args.out else sys.stdout
    t0 = time.perf_counter()
    c0 = time.process_time()
    nbytes = 0
    for rel in files:
        try:
            nbytes += os.path.getsize(os.path.join(root, rel))
        except OSError:
            pass
        try:
            res = process(rel, root, args.tree)
        except Exception as e:  # docutils crashed: record it, go on
            res = {'file': rel, 'error': '%s: %s' % (type(e).__name__, e)}
        out.write(json.dumps(res, ensure_ascii=False, sort_keys=True, separators=(',', ':')) + '\n')
    out.flush()
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    if args.timing:
        sys.stderr.write(json.dumps({'files': len(files), 'bytes': nbytes, 'seconds': dt, 'cpu': cpu}) + '\n')
    if args.out:
        out.close()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
