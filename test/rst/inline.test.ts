import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Source, TextMap, type Line } from '../../src/rst/source.js';
import { Reporter } from '../../src/rst/reporter.js';
import { DocumentState } from '../../src/rst/document.js';
import { parseInline, escape2null, unescape } from '../../src/rst/inline.js';
import type { RstNode } from '../../src/rst/nodes.js';
import type { ParserServices } from '../../src/rst/registry.js';
import { scaling } from '../work.js';
import { DOCUTILS_CASES, type DumpNode } from './inline-cases.data.js';

const KEEP = new Set([
  'ids', 'names', 'dupnames', 'refuri', 'refname', 'refid', 'anonymous', 'backrefs', 'classes', 'auto', 'role',
  'text', 'title', 'target', 'name', 'format', 'level',
]);

function dump(n: RstNode): DumpNode {
  if (n.type === 'text') return { type: 'text', value: n.value ?? '' };
  const out: DumpNode = { type: n.type };
  const at: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n.attributes ?? {})) {
    if (!KEEP.has(k) && !(k === 'type' && n.type === 'system_message')) continue;
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    at[k] = v;
  }
  if (n.type === 'system_message') {
    out.attributes = at;
    out.text = n.children![0]!.children![0]!.value!;
    return out;
  }
  if (Object.keys(at).length) out.attributes = at;
  const ch = (n.children ?? []).map(dump);
  if (ch.length) out.children = ch;
  return out;
}

interface Parsed {
  source: Source;
  nodes: RstNode[];
  messages: RstNode[];
  parent: RstNode;
  reporter: Reporter;
}

/** Parse `raw` as one text block; `indent` columns are cut off every line (as a nested block). */
function parse(raw: string, indent = 0): Parsed {
  const source = new Source(raw);
  const lines: Line[] = source.lines.map((l) => ({ text: l.text.slice(indent), index: l.index, col: indent }));
  const tm = new TextMap(source, lines);
  const reporter = new Reporter();
  const document = new DocumentState(reporter);
  const parent: RstNode = { type: 'paragraph', children: [] };
  const services = { source, reporter, document } as unknown as ParserServices;
  const r = parseInline(tm, services, 1, { parent });
  return { source, nodes: r.nodes, messages: r.messages, parent, reporter };
}

function leaves(nodes: RstNode[], out: RstNode[] = []): RstNode[] {
  for (const n of nodes) {
    if (n.type === 'text') out.push(n);
    else if (n.children) leaves(n.children, out);
  }
  return out;
}

function slice(p: Parsed, n: RstNode): string {
  return p.source.raw.slice(n.position!.start.offset, n.position!.end.offset);
}

test('matches docutils on the reference cases (trees, ids, messages)', () => {
  for (const c of DOCUTILS_CASES) {
    const p = parse(c.input);
    assert.deepEqual(
      { nodes: p.nodes.map(dump), messages: p.messages.map(dump), parent: p.parent.children!.map(dump) },
      { nodes: c.nodes, messages: c.messages, parent: c.parent },
      c.input,
    );
  }
});

test('every node has a position and text leaves slice the source to their raw text', () => {
  for (const c of DOCUTILS_CASES) {
    const p = parse(c.input);
    const walk = (ns: RstNode[]): void => {
      for (const n of ns) {
        assert.ok(n.position, `${n.type} without position in ${JSON.stringify(c.input)}`);
        if (n.children) walk(n.children);
      }
    };
    walk(p.nodes);
    for (const leaf of leaves(p.nodes)) {
      const raw = slice(p, leaf);
      if (!raw.includes('\n') && !raw.includes('\\')) {
        // without escapes or line breaks the leaf is its raw text (or, for generated text, part of the construct)
        if (raw === leaf.value) continue;
      }
      // otherwise: the raw slice, escapes processed, contains the leaf's text
      const processed = unescape(escape2null(raw));
      assert.ok(
        processed === leaf.value ||
          /^(PEP|RFC) /.test(leaf.value!) || processed.includes(leaf.value!) || raw.includes(leaf.value!) || leaf.value === '',
        `${JSON.stringify(leaf.value)} vs ${JSON.stringify(raw)} in ${JSON.stringify(c.input)}`,
      );
    }
  }
});

test('positions: exact ranges for emphasis, escapes and the text between', () => {
  const p = parse('a *b\\*c* d');
  const [t1, em, t2] = p.nodes;
  assert.equal(slice(p, t1!), 'a ');
  assert.equal(slice(p, em!), '*b\\*c*');
  const inner = em!.children![0]!;
  assert.equal(inner.value, 'b*c');
  assert.equal(slice(p, inner), 'b\\*c');
  assert.equal(slice(p, t2!), ' d');
  assert.deepEqual(em!.position!.start, { line: 1, column: 3, offset: 2 });
});

test('positions: across line breaks, with indentation and tabs', () => {
  // an indented block (as in a block quote): 4 columns cut, the second line starts with a tab
  const raw = '    see `multi\n\tline <http://a.b/\n    c>`_ end';
  const p = parse(raw, 4);
  const ref = p.nodes.find((n) => n.type === 'reference')!;
  assert.equal(slice(p, ref), '`multi\n\tline <http://a.b/\n    c>`_');
  assert.equal(ref.attributes!.refuri, 'http://a.b/c');
  const text = ref.children![0]!;
  assert.equal(text.value, 'multi\n    line');
  assert.equal(slice(p, text), 'multi\n\tline');
  const target = p.nodes.find((n) => n.type === 'target')!;
  assert.equal(slice(p, target), '<http://a.b/\n    c>');
  const last = p.nodes[p.nodes.length - 1]!;
  assert.equal(slice(p, last), ' end');
  assert.equal(last.position!.start.line, 3);
});

test('positions: tab inside a line maps back to the tab character', () => {
  const p = parse('x\t*y* z');
  const em = p.nodes.find((n) => n.type === 'emphasis')!;
  assert.equal(slice(p, em), '*y*');
  assert.equal(em.position!.start.column, 3);
  assert.equal(p.nodes[0]!.value, 'x       ');
  assert.equal(slice(p, p.nodes[0]!), 'x\t');
});

test('roles: Sphinx placeholders carry role, text, title and target', () => {
  const p = parse(':ref:`The title <some-label>` and :c:func:`kmalloc` and :Ref:`x`');
  const ref = p.nodes[0]!;
  assert.equal(ref.type, 'ref');
  assert.deepEqual(ref.attributes, { role: 'ref', text: 'The title <some-label>', title: 'The title', target: 'some-label' });
  assert.equal(ref.children![0]!.value, 'The title');
  assert.equal(slice(p, ref), ':ref:`The title <some-label>`');
  assert.equal(slice(p, ref.children![0]!), 'The title');
  const func = p.nodes.find((n) => n.type === 'c:func')!;
  assert.deepEqual(func.attributes, { role: 'c:func', text: 'kmalloc' });
  const mixed = p.nodes.find((n) => n.attributes?.role === 'Ref')!;
  assert.equal(mixed.type, 'ref');
  assert.equal(p.messages.length, 0);
});

test('messages carry docutils line and the true position', () => {
  const p = parse('text *open');
  assert.equal(p.reporter.messages.length, 1);
  const m = p.reporter.messages[0]!;
  assert.equal(m.message, 'Inline emphasis start-string without end-string.');
  assert.equal(m.line, 1);
  assert.equal(m.level, 2);
  assert.deepEqual(m.position, { start: { line: 1, column: 6, offset: 5 }, end: { line: 1, column: 7, offset: 6 } });
});

test('never throws on pathological input, and its work grows linearly (counted, not timed)', () => {
  // each input at n and 2n repetitions: the work (characters scanned by regexes and string
  // searches, characters copied, array elements moved) may at most about double
  const inputs: [string, (n: number) => string][] = [
    ['*a ', (n) => '*a '.repeat(n)],
    ['backticks', (n) => '`'.repeat(n)],
    ['a-..._', (n) => 'a-'.repeat(n) + '_'],
    [':a...`x`', (n) => ':a'.repeat(n) + '`x`'],
    ['uri', (n) => 'http://' + 'a/'.repeat(n)],
    ['x@', (n) => 'x@'.repeat(n)],
    ['|a ', (n) => '|a '.repeat(n)],
    ['[#', (n) => '[#'.repeat(n)],
    ['`a <', (n) => '`a <'.repeat(n) + '>`_'],
    ['backslashes', (n) => '\\'.repeat(n)],
  ];
  for (const [name, make] of inputs) {
    const s = scaling(5000, make, (text) => {
      const p = parse(text);
      assert.ok(Array.isArray(p.nodes));
    });
    assert.ok(s.ratio <= 2.2, `${name}: work ${s.small} at n=5000, ${s.large} at n=10000 (x${s.ratio.toFixed(2)})`);
  }
});

test('property: never throws; every node positioned, in order, covering the text', async () => {
  const fc = (await import('fast-check')).default;
  const toks = [
    '*', '**', '`', '``', '_', '__', '|', ':', '[', ']', '<', '>', '\\', ' ', '\n', 'a', 'b', '1', '#', '-', '.', '/',
    '@', '(', ')', '"', "'", 'http://e.org', 'x@y.org', ':ref:', '`_', '>`_', '|_', '_`', '[#]_', '[1]_', '[*]_',
    'é', '“', '”', '«', '»', '😀', '\u2014', 'foo:bar', '<a_>', '\\ ',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...toks), { minLength: 1, maxLength: 30 }), (parts) => {
      const text = parts
        .join('')
        .split('\n')
        .map((l) => l.replace(/\s+$/, ''))
        .filter((l) => l)
        .join('\n');
      if (!text) return;
      const p = parse(text);
      let prev = 0;
      let covered = 0;
      for (const n of p.nodes) {
        assert.ok(n.position, n.type);
        // an embedded-URI target sits inside the reference before it
        if (n.type === 'target' && (n.attributes?.refuri !== undefined || n.attributes?.refname !== undefined)) continue;
        assert.ok(n.position.start.offset >= prev, `order in ${JSON.stringify(text)}`);
        prev = n.position.end.offset;
        covered += n.position.end.offset - n.position.start.offset;
      }
      assert.equal(covered, text.length, `coverage in ${JSON.stringify(text)}`);
    }),
    { numRuns: 3000, seed: 42 },
  );
});
