import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../src/rst/parse.js';
import { canonicalJson, messageToJson, nodeToJson } from '../../src/rst/doctree-json.js';
import { walk, type RstNode } from '../../src/rst/nodes.js';
import { defaultRegistry, placeholderDirectiveNames, type ToctreeEntry } from '../../src/rst/directives/index.js';
import * as opt from '../../src/rst/directives/options.js';
import { OptionError } from '../../src/rst/registry.js';
import { DIRECTIVE_CASES, INCLUDED_FILES } from './directives-fixtures.js';

const ROOT = '/virtual-docs-root';
const noFiles = {
  root: ROOT,
  readFile: (abs: string): string | null => INCLUDED_FILES[abs.slice(ROOT.length + 1)] ?? null,
};

for (const [name, c] of Object.entries(DIRECTIVE_CASES)) {
  test(`directives: ${name} gives docutils' tree and messages`, () => {
    const doc = parse(c.source, { path: `${name}.rst`, ...noFiles });
    assert.equal(canonicalJson(nodeToJson(doc.tree)), canonicalJson(c.tree));
    assert.equal(canonicalJson(doc.messages.map(messageToJson)), canonicalJson(c.messages));
  });
}

function find(root: RstNode, type: string): RstNode[] {
  const out: RstNode[] = [];
  walk(root, (n) => {
    if (n.type === type) out.push(n);
  });
  return out;
}

test('directives: toctree entries are structured with exact positions', () => {
  const src = 'x\n\n.. toctree::\n   :maxdepth: 2\n   :numbered:\n   :glob:\n   :caption: Contents\n\n   intro.rst\n   Some Title <sub/doc>\n   https://kernel.org\n   self\n   api/*\n';
  const doc = parse(src, { path: 'index.rst', ...noFiles });
  const [toc] = find(doc.tree, 'toctree');
  assert.ok(toc);
  const a = toc.attributes!;
  assert.equal(a.maxdepth, 2);
  assert.equal(a.numbered, 999);
  assert.equal(a.glob, true);
  assert.equal(a.caption, 'Contents');
  assert.equal(a.includeSelf, true);
  const entries = a.entries as ToctreeEntry[];
  assert.deepEqual(
    entries.map((e) => [e.kind, e.title, e.target, e.docname]),
    [
      ['doc', undefined, 'intro.rst', 'intro'],
      ['doc', 'Some Title', 'sub/doc', 'sub/doc'],
      ['url', undefined, 'https://kernel.org', undefined],
      ['self', undefined, 'self', undefined],
      ['glob', undefined, 'api/*', undefined],
    ],
  );
  const e1 = entries[1]!;
  assert.equal(src.slice(e1.position.start.offset, e1.position.end.offset), 'Some Title <sub/doc>');
  assert.equal(src.slice(e1.targetPosition.start.offset, e1.targetPosition.end.offset), 'sub/doc');
  // verbatim content, as the oracle keeps it
  assert.equal(toc.children![0]!.value, 'intro.rst\nSome Title <sub/doc>\nhttps://kernel.org\nself\napi/*');
});

test('directives: code-block language and its position', () => {
  const src = '.. code-block:: C\n\n\tint x;\n\n.. highlight:: none\n\n.. code-block::\n\n   plain\n';
  const doc = parse(src, { path: 'a.rst', ...noFiles });
  const blocks = find(doc.tree, 'code-block');
  assert.equal(blocks.length, 2);
  const p = blocks[0]!.attributes!.languagePosition as { start: { offset: number }; end: { offset: number } };
  assert.equal(blocks[0]!.attributes!.language, 'C');
  assert.equal(src.slice(p.start.offset, p.end.offset), 'C');
  assert.equal(blocks[1]!.attributes!.language, undefined);
  assert.equal(find(doc.tree, 'highlight')[0]!.attributes!.language, 'none');
  // content text maps to the tab-indented source line
  const t = blocks[0]!.children![0]!;
  assert.equal(t.value, 'int x;');
  assert.equal(src.slice(t.position!.start.offset, t.position!.end.offset), 'int x;');
});

test('directives: capitalised admonitions and the isonum standard include', () => {
  const src = '.. include:: <isonum.txt>\n\n.. NOTE:: A\n\n.. Warning:: B\n\nx |copy| y\n';
  const doc = parse(src, { path: 'a.rst', ...noFiles });
  assert.equal(find(doc.tree, 'note').length, 1);
  assert.equal(find(doc.tree, 'warning').length, 1);
  assert.equal(doc.messages.filter((m) => m.level >= 2).length, 0);
  assert.ok(find(doc.tree, 'substitution_definition').length > 50);
});

test('directives: registry has docutils, Sphinx and kernel names, case-insensitively', () => {
  const reg = defaultRegistry();
  for (const n of ['note', 'list-table', 'csv-table', 'include', 'kernel-doc', 'flat-table', 'c:function', 'function', 'toctree', 'only', 'code-block']) {
    assert.ok(reg.directives.has(n), n);
  }
  assert.ok(reg.roles.has('cspan') && reg.roles.has('rspan'));
  assert.ok(placeholderDirectiveNames().includes('c:namespace-push'));
  const plain = defaultRegistry({ sphinx: false });
  assert.ok(!plain.directives.has('toctree'));
});

test('directives: option converters give docutils/Python error texts', () => {
  const msg = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof OptionError);
      return e.message;
    }
    return '';
  };
  assert.equal(msg(() => opt.nonnegativeInt('x')), "invalid literal for int() with base 10: 'x'");
  assert.equal(msg(() => opt.nonnegativeInt('-1')), 'negative value; must be positive or zero');
  assert.equal(msg(() => opt.flag('x')), 'no argument is allowed; "x" supplied');
  assert.equal(msg(() => opt.unchangedRequired(null)), 'argument required but none supplied');
  assert.equal(msg(() => opt.choice(['left', 'center', 'right'])('up')), '"up" unknown; choose from "left", "center", or "right"');
  assert.equal(
    msg(() => opt.lengthOrUnitless('3 furlongs')),
    'not a positive measure of one of the following units:\n"em" "ex" "px" "in" "cm" "mm" "pt" "pc" ""',
  );
  assert.deepEqual(opt.positiveIntList('1, 2,3'), [1, 2, 3]);
  assert.equal(opt.lengthOrPercentageOrUnitless('50 %'), '50%');
  assert.deepEqual(opt.classOption('Foo bar_Baz'), ['foo', 'bar-baz']);
  assert.equal(opt.uriValue('http://a\n  b.c'), 'http://ab.c');
});

test('directives: flat-table keeps the placeholder shape and builds the kernel table in data.table', () => {
  const src = '.. flat-table:: T\n   :header-rows: 1\n\n   * - a\n     - b\n     - c\n   * - :rspan:`1` d\n     - :cspan:`1` e\n   * - f\n';
  const doc = parse(src, { path: 'a.rst', ...noFiles });
  const [ft] = find(doc.tree, 'flat-table');
  assert.ok(ft);
  assert.equal(ft.children![0]!.type, 'bullet_list');
  const table = ft.data!.table as RstNode;
  assert.equal(table.type, 'table');
  assert.equal(table.children![0]!.type, 'title');
  const tgroup = table.children![1]!;
  assert.deepEqual(tgroup.attributes, { cols: 3 });
  const summary = (sec: RstNode): string[][] =>
    sec.children!.map((row) =>
      row.children!.map((e) => {
        const a = e.attributes ?? {};
        const text = (e.children ?? []).map((c) => (c.children ?? []).map((t) => t.value ?? '').join('')).join('').trim();
        return `${text}${a.morerows ? ` r${a.morerows}` : ''}${a.morecols ? ` c${a.morecols}` : ''}`;
      }),
    );
  const [, , , thead, tbody] = tgroup.children!;
  assert.deepEqual(summary(thead!), [['a', 'b', 'c']]);
  assert.deepEqual(summary(tbody!), [['d r1', 'e c1'], ['f c1']]);
  // the placeholder's own children still hold the cspan/rspan role nodes (oracle parity)
  assert.equal(find(ft, 'rspan').length, 1);
});

test("directives: plain docutils registry has docutils' own code and math", () => {
  const src = '.. math::\n   :name: eq\n\n   a^2\n\n   b^2\n\n.. code::\n   :class: x\n\n   plain text\n';
  const doc = parse(src, { path: 'plain.rst', registry: defaultRegistry({ sphinx: false }), ...noFiles });
  assert.equal(
    canonicalJson(nodeToJson(doc.tree)),
    canonicalJson({
      type: 'document',
      children: [
        { type: 'math_block', attributes: { 'xml:space': 'preserve', names: ['eq'], ids: ['eq'] }, children: [{ type: 'text', value: 'a^2' }] },
        { type: 'math_block', attributes: { 'xml:space': 'preserve' }, children: [{ type: 'text', value: 'b^2' }] },
        { type: 'literal_block', attributes: { 'xml:space': 'preserve', classes: ['code', 'x'] }, children: [{ type: 'text', value: 'plain text' }] },
      ],
    }),
  );
});
