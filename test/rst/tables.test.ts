import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASES } from './tables-fixtures.js';
import { runTables } from './tables-support.js';
import { toText, walk, type RstNode } from '../../src/rst/nodes.js';

for (const [name, { source, expected }] of Object.entries(CASES)) {
  test(`tables: ${name} matches docutils`, () => {
    const { summary } = runTables(source);
    assert.deepEqual(summary, expected);
  });
}

test('tables: cell lines map exactly back to the source', () => {
  for (const { source } of Object.values(CASES)) {
    const { cells, source: src } = runTables(source);
    for (const lines of cells.values()) {
      for (const l of lines) {
        assert.equal(src.lines[l.index]!.text.slice(l.col, l.col + l.text.length), l.text);
      }
    }
  }
});

test('tables: node shape and positions (grid with spans)', () => {
  const text = 'x\n\n+---+---+\n| a | b |\n+===+===+\n| c   d |\n+---+---+\n';
  const { tree } = runTables(text);
  const table = tree[0]!;
  assert.equal(table.type, 'table');
  assert.deepEqual(table.position, {
    start: { line: 3, column: 1, offset: 3 },
    end: { line: 7, column: 10, offset: 52 },
  });
  const tgroup = table.children![0]!;
  assert.equal(tgroup.type, 'tgroup');
  assert.deepEqual(tgroup.attributes, { cols: 2 });
  assert.deepEqual(
    tgroup.children!.map((c) => c.type),
    ['colspec', 'colspec', 'thead', 'tbody'],
  );
  const entries: RstNode[] = [];
  walk(table, (n) => {
    if (n.type === 'entry') entries.push(n);
  });
  assert.equal(entries.length, 3);
  assert.deepEqual(entries[2]!.attributes, { morecols: 1 });
  // the spanning cell's interior: line 6, columns 2..9
  assert.deepEqual(entries[2]!.position!.start, { line: 6, column: 2, offset: 34 });
  assert.deepEqual(entries[2]!.position!.end, { line: 6, column: 9, offset: 41 });
  assert.equal(toText(table), '');
});

test('tables: tabs and wide characters keep exact cell columns', () => {
  const text = '=====  =====\n中a     \tb\n=====  =====\n';
  const { cells, source } = runTables(text);
  const all = [...cells.values()].flat();
  assert.deepEqual(
    all.map((l) => l.text),
    ['中a', 'b'],
  );
  // 'b' sits after a tab: expanded column 8, source offset of the 'b'
  const b = all[1]!;
  assert.equal(source.offset(b.index, b.col), text.indexOf('b'));
});

test('tables: never throws on odd input', () => {
  const odd = ['+-+\n|\n', '+--+\n', '=== ===\n', '=== ===\n\n', '+---+\n| a |\n+---\n', '=  =\n-\n=  =\n', '+-+-+\n|a|b|\n+-+-+\n|c|\n+-+-+\n'];
  for (const s of odd) assert.doesNotThrow(() => runTables(s));
});

test('tables: random grid/simple blocks never throw, always progress, keep cells inside the source', async () => {
  const fc = (await import('fast-check')).default;
  const chars = fc.constantFrom('+', '-', '=', '|', ' ', 'a', '\t', '中', 'é', '\u0301');
  const line = fc.array(chars, { maxLength: 14 }).map((a) => a.join(''));
  const top = fc.constantFrom('+---+---+', '+--+', '===  ===', '= = =', '+-+-+-+', '=====');
  fc.assert(
    fc.property(top, fc.array(line, { maxLength: 8 }), (t, rest) => {
      const text = [t, ...rest].join('\n') + '\n';
      const { tree, source, cells } = runTables(text);
      for (const lines of cells.values()) {
        for (const l of lines) assert.equal(source.lines[l.index]!.text.slice(l.col, l.col + l.text.length), l.text);
      }
      walk({ type: 'root', children: tree }, (n) => {
        if (n.position) assert.ok(n.position.start.offset <= n.position.end.offset, `${n.type} range`);
      });
    }),
    { numRuns: 3000, seed: 42 },
  );
});
