/**
 * markdown-emphasis reads a line of plain prose itself (`plainLineEmphasis`) instead of calling
 * remark on it: the answer must be remark's on every line it takes (generated lines, and every
 * line with a `_` of docs-src and the rule fixtures); and the rule then calls remark only on the
 * lines it does not take (counted, not timed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import emphasis, { plainLineEmphasis } from '../../rules/markdown-emphasis/index.js';
import { markdownStats, mdNodes, parseMarkdown } from '../../rules/_shared/markdown.js';
import { buildProject, runRule } from './harness.js';

const REPO = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** remark's emphasis spans of a line ([start, end), by UTF-16 offset in the line). */
function remarkSpans(line: string): [number, number][] {
  return mdNodes(parseMarkdown(line), 'emphasis')
    .filter((e) => e.position && e.position.start.line === 1 && e.position.end.line === 1)
    .map((e) => [e.position!.start.column - 1, e.position!.end.column - 1] as [number, number]);
}

function agrees(line: string): boolean {
  const mine = plainLineEmphasis(line);
  if (mine === undefined) return false;
  assert.deepEqual(mine, remarkSpans(line), JSON.stringify(line));
  return true;
}

test('plain lines: the same emphasis as remark on generated lines', () => {
  // letters and words, `_` alone or around words, punctuation and symbols of every kind, spaces
  // of other scripts, and the characters that make a line not plain (so both sides are tried)
  const atoms = [
    'a', 'Z', 'word', 'x1', '9', ' ', '  ', '_', '_', '_', '_a_', '_not_', 'snake_case', '.', ',', ';', ':', '!', '?', "'", '"', '(', ')',
    '-', '/', '#', '>', '=', '+', '~', '|', '{', '}', '$', '%', '^', '@', 'é', 'É', 'ß', '中', '—', '“', '”', '’', '\u00a0', '\u2003',
    '\u3000', '😀', '€', '©', '\u0301', '*', '`', '[', ']', '<', '&', '\\', '\t', '__',
  ];
  let taken = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...atoms), { minLength: 1, maxLength: 14 }), (parts) => {
      if (agrees(parts.join(''))) taken++;
    }),
    { numRuns: 4000, seed: 11 },
  );
  // a small alphabet, so that every arrangement of words, spaces, punctuation and `_` comes up
  const small = ['a', 'b', ' ', '_', '_', '.', '(', ')', 'é', '\u00a0', '—', '7'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...small), { minLength: 1, maxLength: 10 }), (parts) => {
      if (agrees(parts.join(''))) taken++;
    }),
    { numRuns: 6000, seed: 25 },
  );
  // most generated lines are plain: the comparison is not vacuous
  assert.ok(taken > 4000, `${taken} plain lines compared`);
});

test('plain lines: the same emphasis as remark on every short line over two small alphabets', () => {
  let taken = 0;
  const every = (alphabet: readonly string[], max: number): void => {
    let level = [''];
    for (let len = 1; len <= max; len++) {
      const next: string[] = [];
      for (const p of level) for (const a of alphabet) next.push(p + a);
      for (const line of next) if (line.includes('_') && agrees(line)) taken++;
      level = next;
    }
  };
  // a letter, whitespace, ASCII punctuation; then a letter, Unicode letter, punctuation, space
  every(['a', ' ', '_', '.'], 7);
  every(['a', '_', 'é', '—', '\u00a0'], 5);
  assert.ok(taken > 8000, `${taken} plain lines compared`);
});

test('plain lines: the same emphasis as remark on every line with a `_` of docs-src and the fixtures', () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = nodePath.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(rst|txt|md)$/.test(e.name)) files.push(p);
    }
  };
  for (const d of ['docs-src', 'test/rules/fixtures', 'rules']) walk(nodePath.join(REPO, d));
  let taken = 0;
  let withEmphasis = 0;
  for (const f of files) {
    for (const raw of readFileSync(f, 'utf8').split('\n')) {
      if (!raw.includes('_')) continue;
      // as the rule's blocks give them: without the paragraph's indentation
      const line = raw.trimStart();
      if (agrees(line)) {
        taken++;
        if (plainLineEmphasis(line)!.length) withEmphasis++;
      }
    }
  }
  assert.ok(taken > 500 && withEmphasis > 5, `${taken} lines compared, ${withEmphasis} with emphasis`);
});

test('markdown-emphasis calls remark only on the lines that are not plain', async () => {
  const text = 'Title\n=====\n\nThis _is_ plain, and _so_ is this.\n\nAnd _this_ line too.\n\nThis `code_x` and _that_ are not plain.\n';
  const index = await buildProject([{ path: 'index.rst', text }]);
  const before = markdownStats.parses;
  const words = runRule(emphasis, index, 'index.rst').map((f) => /'_(\w+)_'/.exec(f.message)?.[1]);
  assert.deepEqual(words, ['is', 'so', 'this', 'that']);
  assert.equal(markdownStats.parses - before, 1, 'one line parsed by remark');
});
