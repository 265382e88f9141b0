import { tempDir } from '../tmp.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ProjectIndex, detectKernelLayout } from '../../src/project/index.js';
import { docnameJoin, globToRegExp, parseTocEntries } from '../../src/project/toctree.js';
import { stubParse } from './stubparse.js';

const FIX = fileURLToPath(new URL('../../../test/project/fixtures/tree1/', import.meta.url));

function build(overlay?: Map<string, string | null>): ProjectIndex {
  const index = new ProjectIndex(FIX, stubParse, overlay ? { overlay } : {});
  index.build();
  return index;
}

test('lists documents, skipping output/', () => {
  const index = build();
  assert.deepEqual(index.documents(), ['a.rst', 'b.rst', 'd.rst', 'disc.rst', 'frag.rst', 'index.rst', 'orphan.rst', 'sub/index.rst', 'sub/x.rst', 'sub/y.rst']);
});

test('toctree entries: titles, self, urls, .rst suffix, missing documents', () => {
  const index = build();
  const [t] = index.toctrees('index.rst');
  assert.ok(t);
  assert.deepEqual(
    t.entries.map((e) => [e.kind, e.target, e.docname, e.title ?? null]),
    [
      ['doc', 'a', 'a', null],
      ['doc', 'sub/index', 'sub/index', 'Sub docs'],
      ['doc', 'missing-doc', 'missing-doc', null],
      ['self', 'self', null, null],
      ['url', 'https://example.com', null, null],
      ['doc', 'a.rst', 'a', null],
    ],
  );
  // positions point at the entry text
  const e = t.entries[1]!;
  assert.equal(e.position?.start.line, 9);
  assert.equal(e.position?.start.column, 4);
  assert.deepEqual(index.entryTargets(t, t.entries[2]!), []);
  assert.deepEqual(index.entryTargets(t, t.entries[0]!), ['a.rst']);
});

test('glob, hidden, absolute and relative entries', () => {
  const index = build();
  const [t] = index.toctrees('sub/index.rst');
  assert.ok(t && t.glob && t.hidden);
  assert.deepEqual(index.globMatches('sub/index.rst', t.entries[0]!), ['sub/x', 'sub/y']);
  assert.equal(t.entries[1]!.docname, 'b-does-not-exist');
  assert.equal(t.entries[2]!.docname, 'a');
  assert.ok(index.isInToctree('sub/x.rst'));
  assert.deepEqual(index.toctreeParents('a.rst').sort(), ['index.rst', 'sub/index.rst']);
});

test("Sphinx's toctree exemptions: root index, include, :orphan:, orphan inherited through a first include", () => {
  const index = build();
  assert.equal(index.tocStatus('b.rst').warn, true);
  assert.equal(index.tocStatus('index.rst').warn, false);
  assert.equal(index.tocStatus('frag.rst').included, true);
  assert.equal(index.tocStatus('frag.rst').warn, false);
  assert.equal(index.isOrphan('orphan.rst'), true);
  assert.equal(index.isOrphan('disc.rst'), true);
  assert.equal(index.isOrphan('d.rst'), true);
  assert.equal(index.tocStatus('d.rst').warn, false);
  assert.equal(index.isOrphan('a.rst'), false);
  assert.equal(index.tocStatus('a.rst').warn, false);
  const warned = index.documents().filter((p) => index.tocStatus(p).warn);
  assert.deepEqual(warned, ['b.rst']);
});

test('labels: explicit and autosectionlabel (prefix_document, maxdepth 2)', () => {
  const index = build();
  assert.equal(index.resolveLabel('a-label')?.path, 'a.rst');
  assert.equal(index.resolveLabel('a-label')?.title, 'A Title');
  assert.equal(index.resolveLabel('A-Label')?.path, 'a.rst');
  assert.equal(index.resolveLabel('para-label')?.nodeType, 'paragraph');
  assert.equal(index.resolveLabel('a:A Title')?.kind, 'section');
  assert.equal(index.resolveLabel('a:sub   section')?.kind, 'section');
  assert.equal(index.resolveLabel('a:Deep'), undefined);
  assert.equal(index.resolveLabel('nolabel'), undefined);
});

test('resolveDoc: relative, absolute, suffix', () => {
  const index = build();
  assert.equal(index.resolveDoc('sub/index.rst', '../a'), 'a.rst');
  assert.equal(index.resolveDoc('sub/index.rst', '/a'), 'a.rst');
  assert.equal(index.resolveDoc('sub/index.rst', 'x'), 'sub/x.rst');
  assert.equal(index.resolveDoc('index.rst', 'a.rst'), 'a.rst');
  assert.equal(index.resolveDoc('index.rst', 'a.rst', { stripRst: false }), undefined);
  assert.equal(index.resolveDoc('index.rst', '../../etc/passwd'), undefined);
});

test('update: one document at a time (the LSP path)', () => {
  const index = build();
  assert.equal(index.tocStatus('b.rst').warn, true);
  index.update('index.rst', '.. toctree::\n\n   a\n   b\n');
  assert.equal(index.tocStatus('b.rst').warn, false);
  assert.equal(index.isInToctree('sub/index.rst'), false);
  index.update('new.rst', 'New\n===\n\n.. _new-label:\n\nText.\n');
  assert.ok(index.has('new.rst'));
  assert.equal(index.resolveLabel('new-label')?.path, 'new.rst');
  index.update('new.rst', null);
  assert.equal(index.has('new.rst'), false);
  assert.equal(index.resolveLabel('new-label'), undefined);
});

test('overlay: a patched tree in memory', () => {
  const index = build(new Map([['c.rst', 'C\n=\n'], ['b.rst', null]]));
  assert.ok(index.has('c.rst'));
  assert.ok(!index.has('b.rst'));
  assert.equal(index.tocStatus('c.rst').warn, true);
});

test('a parser that throws becomes a document with one message', () => {
  const index = new ProjectIndex(FIX, () => {
    throw new Error('boom');
  });
  index.build(['a.rst']);
  const doc = index.get('a.rst');
  assert.equal(doc?.messages[0]?.ruleId, 'internal-parse-error');
  assert.match(doc?.messages[0]?.message ?? '', /boom/);
});

test('includes recorded from ParsedDocument.includes when the parser expands them', () => {
  const index = new ProjectIndex(FIX, (text, o) => ({ ...stubParse(text, o), includes: o.path === 'b.rst' ? ['sub/y.rst'] : [] }));
  index.build();
  assert.equal(index.isIncluded('sub/y.rst'), true);
});

test('helpers: docnameJoin, glob, entries', () => {
  assert.equal(docnameJoin('a/b', '../c'), 'c');
  assert.equal(docnameJoin('a/b', '/x/y'), 'x/y');
  assert.equal(docnameJoin('a', '../../x'), null);
  assert.ok(globToRegExp('sub/*').test('sub/x'));
  assert.ok(!globToRegExp('sub/*').test('sub/x/y'));
  assert.ok(globToRegExp('sub/**').test('sub/x/y'));
  assert.ok(globToRegExp('[!a]*').test('b'));
  const e = parseTocEntries(['Title <x>', '*', 'mailto:me@x'], true);
  assert.deepEqual(e.map((x) => x.kind), ['doc', 'glob', 'url']);
});

test('kernel layout detection', () => {
  assert.deepEqual(detectKernelLayout('/nonexistent/linux/Documentation/filesystems'), { prefix: 'Documentation/filesystems/', tree: null });
  assert.equal(detectKernelLayout('/x/docs-src').prefix, 'Documentation/filesystems/');
  const index = new ProjectIndex('/tmp/kernel/Documentation', stubParse);
  assert.equal(index.kernelPrefix, 'Documentation/');
  assert.deepEqual(index.resolveKernelPath('scripts/x.pl'), { inRoot: false, exists: undefined });
});

test('update of an included file re-parses its includers', () => {
  let parses: string[] = [];
  const index = new ProjectIndex(FIX, (text, o) => {
    parses.push(o.path ?? '');
    return stubParse(text, o);
  });
  index.build();
  assert.deepEqual(index.includers('frag.rst'), ['a.rst']);
  assert.deepEqual(index.includers('disc.rst'), ['d.rst']);
  parses = [];
  index.update('frag.rst', 'changed\n');
  assert.deepEqual(parses, ['frag.rst', 'a.rst']);
  parses = [];
  index.update('notes.txt', 'a text file');
  assert.deepEqual(parses, []);
  assert.equal(index.has('notes.txt'), false);
  assert.equal(index.fileExists('notes.txt'), true);
});

test('facts cache: unchanged documents are not parsed; text or include changes invalidate', async () => {
  const { FactsCache } = await import('../../src/project/cache.js');
  const { cpSync, writeFileSync } = await import('node:fs');
  const nodePath = await import('node:path');
  const dir = tempDir('kdocs-cache-');
  const root = nodePath.join(dir, 'root');
  cpSync(FIX, root, { recursive: true });
  const cacheDir = nodePath.join(dir, 'cache');
  let parsed: string[] = [];
  const parse = (text: string, o: Parameters<typeof stubParse>[1]) => {
    parsed.push(o?.path ?? '');
    return stubParse(text, o);
  };
  const run = () => {
    parsed = [];
    const cache = new FactsCache(root, cacheDir);
    const index = new ProjectIndex(root, parse, { cache });
    index.build();
    cache.save();
    return index;
  };
  const first = run();
  assert.equal(parsed.length, 10);
  const second = run();
  assert.deepEqual(parsed, []);
  assert.deepEqual(second.documents(), first.documents());
  assert.equal(second.tocStatus('b.rst').warn, true);
  assert.equal(second.resolveLabel('a-label')?.path, 'a.rst');
  // on-demand parse
  assert.ok(second.get('b.rst'));
  assert.deepEqual(parsed, ['b.rst']);
  writeFileSync(nodePath.join(root, 'b.rst'), 'B\n=\n\n.. _b-label:\n\nText.\n');
  writeFileSync(nodePath.join(root, 'disc.rst'), 'no longer orphan\n');
  const third = run();
  assert.deepEqual(parsed.sort(), ['b.rst', 'd.rst', 'disc.rst']); // d.rst includes disc.rst
  assert.equal(third.resolveLabel('b-label')?.path, 'b.rst');
  assert.equal(third.isOrphan('d.rst'), false);
});
