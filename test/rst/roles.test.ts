import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Source, TextMap } from '../../src/rst/source.js';
import { Reporter } from '../../src/rst/reporter.js';
import { DocumentState } from '../../src/rst/document.js';
import { Registry, type ParserServices } from '../../src/rst/registry.js';
import { parseInline } from '../../src/rst/inline.js';
import type { RstNode } from '../../src/rst/nodes.js';
import {
  registerRoles, defineCustomRole, setDefaultRole, resolveRole, parseExplicitTitle, sphinxRoleNames,
} from '../../src/rst/roles/index.js';

function setup(sphinx = true): { registry: Registry; document: DocumentState; reporter: Reporter } {
  const registry = registerRoles(new Registry(), { sphinx });
  const reporter = new Reporter();
  const document = new DocumentState(reporter);
  return { registry, document, reporter };
}

function run(text: string, env = setup()): { nodes: RstNode[]; messages: RstNode[]; reporter: Reporter } {
  const source = new Source(text);
  const tm = new TextMap(source, source.lines);
  const services = { source, reporter: env.reporter, document: env.document } as unknown as ParserServices;
  const r = parseInline(tm, services, 3, { registry: env.registry });
  return { ...r, reporter: env.reporter };
}

const sm = (n: RstNode): string => n.children![0]!.children![0]!.value!;

test('docutils roles and aliases', () => {
  const r = run(':sub:`2` :sup:`3` :t:`t` :ab:`A` :ac:`B` :literal:`l` :Emphasis:`e` :strong:`s`');
  const types = r.nodes.filter((n) => n.type !== 'text').map((n) => n.type);
  assert.deepEqual(types, ['subscript', 'superscript', 'title_reference', 'abbreviation', 'acronym', 'literal', 'emphasis', 'strong']);
  assert.equal(r.messages.length, 0);
});

test('code, math and raw keep backslashes; raw needs a format', () => {
  const r = run(':code:`a\\b` :math:`\\alpha` :raw:`x`');
  const [code, , math, , prb] = r.nodes;
  assert.equal(code!.type, 'literal');
  assert.deepEqual(code!.attributes, { classes: ['code'] });
  assert.equal(code!.children![0]!.value, 'a\\b');
  assert.equal(math!.children![0]!.value, '\\alpha');
  assert.equal(prb!.type, 'problematic');
  assert.equal(
    sm(r.messages[0]!),
    'No format (Writer name) is associated with this role: "raw".\nThe "raw" role cannot be used directly.\n' +
      'Instead, use the "role" directive to create a new role with an associated format.',
  );
});

test('unknown role: INFO then ERROR, with docutils text; Sphinx roles unknown in plain mode', () => {
  const r = run(':ref:`x`', setup(false));
  assert.equal(r.messages.length, 2);
  assert.equal(r.messages[0]!.attributes!.type, 'INFO');
  assert.equal(
    sm(r.messages[0]!),
    'No role entry for "ref" in module "docutils.parsers.rst.languages.en".\nTrying "ref" as canonical role name.',
  );
  assert.equal(r.messages[1]!.attributes!.type, 'ERROR');
  assert.equal(sm(r.messages[1]!), 'Unknown interpreted text role "ref".');
  assert.equal(r.messages[1]!.attributes!.line, 3);
  assert.deepEqual(r.nodes[0]!.attributes, { refid: 'id1', ids: ['id2'] });
  assert.deepEqual(r.messages[1]!.attributes!.backrefs, ['id2']);
  const s = run(':ref:`x`');
  assert.equal(s.messages.length, 0);
  assert.equal(s.nodes[0]!.type, 'ref');
});

test('a canonical name reached without an alias: INFO the first time only', () => {
  const r = run(':restructuredtext-unimplemented-role:`a` :restructuredtext-unimplemented-role:`b`');
  const texts = r.messages.map((m) => `${m.attributes!.type} ${sm(m).split('\n')[0]}`);
  assert.deepEqual(texts, [
    'INFO No role entry for "restructuredtext-unimplemented-role" in module "docutils.parsers.rst.languages.en".',
    'ERROR Interpreted text role "restructuredtext-unimplemented-role" not implemented.',
    'ERROR Interpreted text role "restructuredtext-unimplemented-role" not implemented.',
  ]);
});

test('custom roles (the role directive) and the default role', () => {
  const env = setup(false);
  assert.deepEqual(defineCustomRole(env.document, env.registry, 'custom', undefined), { ok: true });
  assert.deepEqual(defineCustomRole(env.document, env.registry, 'html', 'raw', { format: 'html' }), { ok: true });
  assert.deepEqual(defineCustomRole(env.document, env.registry, 'pyc', 'code'), { ok: true });
  assert.deepEqual(defineCustomRole(env.document, env.registry, 'em2', 'emphasis', { class: 'c1 c2' }), { ok: true });
  const bad = defineCustomRole(env.document, env.registry, 'bad', 'nosuch');
  assert.equal(bad.ok, false);
  assert.match(bad.info!, /^No role entry for "nosuch"/);
  const r = run(':custom:`x` :html:`<b>x\\\\y</b>` :pyc:`a\\\\b` :em2:`q`', env);
  const els = r.nodes.filter((n) => n.type !== 'text');
  assert.deepEqual(
    els.map((n) => [n.type, n.attributes, n.children![0]!.value]),
    [
      ['inline', { classes: ['custom'] }, 'x'],
      ['raw', { classes: ['html'], format: 'html', 'xml:space': 'preserve' }, '<b>x\\\\y</b>'],
      ['literal', { classes: ['code', 'pyc'] }, 'a\\\\b'],
      ['emphasis', { classes: ['c1', 'c2'] }, 'q'],
    ],
  );
  assert.deepEqual(setDefaultRole(env.document, env.registry, 'literal'), { ok: true });
  const d = run('`x` and :t:`y`', env);
  assert.deepEqual(d.nodes.filter((n) => n.type !== 'text').map((n) => n.type), ['literal', 'title_reference']);
  setDefaultRole(env.document, env.registry, null);
  assert.equal(run('`x`', env).nodes[0]!.type, 'title_reference');
});

test('lookup: Sphinx placeholders shadow docutils names (pep, rfc, index) but not code or math', () => {
  const env = setup();
  assert.equal(resolveRole('pep', env.registry, env.document).canonical, undefined);
  assert.equal(resolveRole('PEP-Reference', env.registry, env.document).canonical, 'pep-reference');
  assert.equal(resolveRole('code', env.registry, env.document).canonical, 'code');
  assert.equal(resolveRole('i', env.registry, env.document).canonical, 'index');
  const names = sphinxRoleNames();
  for (const n of ['ref', 'doc', 'c:func', 'func', 'c:type', 'type', 'kbd', 'menuselection', 'manpage', 'file', 'term', 'cspan', 'rspan', 'download', 'numref', 'std:ref', 'cpp:func', 'py:func']) {
    assert.ok(names.includes(n), n);
  }
  assert.ok(!names.includes('cpp:ref'));
});

test('explicit titles (Sphinx explicit_title_re)', () => {
  assert.deepEqual(parseExplicitTitle('Title <target>'), { title: 'Title', target: 'target' });
  assert.deepEqual(parseExplicitTitle('a  <b> <c>'), { title: 'a', target: 'b> <c' });
  assert.deepEqual(parseExplicitTitle('multi\nline <t>'), { title: 'multi\nline', target: 't' });
  assert.equal(parseExplicitTitle('<t>'), null);
  assert.equal(parseExplicitTitle('no target'), null);
  assert.equal(parseExplicitTitle('esc \u0000<t>'), null);
  assert.deepEqual(parseExplicitTitle('x<>'), { title: 'x', target: '' });
});

test('Sphinx role node: exact positions of node and text', () => {
  const text = 'See :doc:`the guide </admin-guide/index>` now';
  const r = run(text);
  const doc = r.nodes[1]!;
  assert.equal(doc.type, 'doc');
  assert.deepEqual(doc.attributes, {
    role: 'doc', text: 'the guide </admin-guide/index>', title: 'the guide', target: '/admin-guide/index',
  });
  assert.equal(text.slice(doc.position!.start.offset, doc.position!.end.offset), ':doc:`the guide </admin-guide/index>`');
  const leaf = doc.children![0]!;
  assert.equal(text.slice(leaf.position!.start.offset, leaf.position!.end.offset), 'the guide');
  const tp = doc.data!.targetPosition as { start: { offset: number }; end: { offset: number } };
  assert.equal(text.slice(tp.start.offset, tp.end.offset), '/admin-guide/index');
  const plain = run(':ref:`label`').nodes[0]!;
  const pp = plain.data!.targetPosition as { start: { offset: number }; end: { offset: number } };
  assert.equal(':ref:`label`'.slice(pp.start.offset, pp.end.offset), 'label');
});
