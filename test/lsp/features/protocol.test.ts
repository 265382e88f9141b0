/**
 * The navigation features through the real server (`node bin/kdocs.js lsp --stdio`) and a
 * JSON-RPC client (vscode-languageserver-protocol), as an editor drives them: positions are LSP's
 * (UTF-16), documents are open or not, unsaved text wins.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type {
  CompletionList, DocumentLink, DocumentSymbol, FoldingRange, Hover, Location, SymbolInformation, WorkspaceEdit, TextDocumentEdit, Range, TextEdit,
} from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../client.js';
import { makeProject, type Project } from './project.js';
import { LineMap } from '../../../src/lsp/features/text.js';

let p: Project;
let c: LspClient;

before(async () => {
  p = await makeProject();
  c = new LspClient({ args: ['--no-cache'], env: { XDG_CACHE_HOME: mkdtempSync(nodePath.join(tmpdir(), 'kdocs-nav-cache-')) } });
  await c.initialize(p.dir);
  // the index is complete once the first diagnostics of an open document arrive
  await c.open(uri('sub/b.rst'), p.index.readRel('sub/b.rst')!);
  await c.diagnosticsFor(uri('sub/b.rst'));
});

after(async () => {
  await c?.shutdown();
  p?.cleanup();
});

function uri(path: string): string {
  return fileUri(nodePath.join(p.dir, path));
}

/** LSP position of the n-th occurrence of `needle` (+ delta) in a file of the project. */
function pos(path: string, needle: string, delta = 0): { line: number; character: number } {
  return new LineMap(p.index.readRel(path)!).positionAt(p.at(path, needle, delta));
}

function textAt(path: string, r: Range, text = p.index.readRel(path)!): string {
  const m = new LineMap(text);
  return text.slice(m.offsetAt(r.start), m.offsetAt(r.end));
}

function pathOf(u: string): string {
  return nodePath.relative(p.dir, new URL(u).pathname);
}

test('capabilities: every navigation feature is announced', () => {
  const caps = c.initializeResult!.capabilities;
  assert.equal(caps.hoverProvider, true);
  assert.equal(caps.definitionProvider, true);
  assert.equal(caps.referencesProvider, true);
  assert.deepEqual(caps.renameProvider, { prepareProvider: true });
  assert.equal(caps.documentSymbolProvider, true);
  assert.equal(caps.workspaceSymbolProvider, true);
  assert.ok(caps.documentLinkProvider);
  assert.equal(caps.foldingRangeProvider, true);
  assert.ok(caps.completionProvider?.triggerCharacters?.includes('`'));
  assert.ok(caps.workspace?.fileOperations?.willRename);
});

test('definition and references over the protocol, with UTF-16 ranges past non-ASCII text', async () => {
  // a document that is not open
  const defs = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: uri('index.rst') }, position: pos('index.rst', ':ref:`lab-b`', 7) });
  assert.equal(defs.length, 1);
  assert.equal(pathOf(defs[0]!.uri), 'sub/b.rst');
  assert.equal(textAt('sub/b.rst', defs[0]!.range), 'lab-b');
  // a :doc: leads to the title, past an emoji (UTF-16: 😀 is two units)
  const doc = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: uri('index.rst') }, position: pos('index.rst', ':doc:`sub/b`', 8) });
  assert.deepEqual(doc[0]!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 13 } });
  assert.equal(textAt('sub/b.rst', doc[0]!.range), 'Béta 😀 title');
  // a cursor after an emoji on the same line: the :ref: in sub/b.rst's first paragraph
  const refs = await c.request<Location[]>('textDocument/references', {
    textDocument: { uri: uri('sub/b.rst') },
    position: pos('sub/b.rst', 'Label <lab-b>', 8),
    context: { includeDeclaration: true },
  });
  const got = refs.map((r) => `${pathOf(r.uri)}:${r.range.start.line}:${r.range.start.character}:${textAt(pathOf(r.uri), r.range)}`).sort();
  // UTF-16 columns: the emoji before the second sub/b.rst reference counts two (37, not 36)
  assert.deepEqual(got, ['inc.txt:0:15:lab-b', 'index.rst:4:45:lab-b', 'sub/b.rst:0:4:lab-b', 'sub/b.rst:5:37:lab-b', 'sub/c.rst:3:10:lab-b']);
});

test('unsaved text wins: an edit in an open buffer is seen by definition and references', async () => {
  const u = uri('sub/c.rst');
  const text = p.index.readRel('sub/c.rst')!;
  await c.open(u, text, 1);
  // insert a second :ref: at the start of line 3 (0-based), unsaved
  await c.change(u, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'Also :ref:`lab-b`. ' }]);
  const refs = await c.request<Location[]>('textDocument/references', {
    textDocument: { uri: uri('index.rst') },
    position: pos('index.rst', ':ref:`lab-b`', 7),
    context: { includeDeclaration: false },
  });
  const inC = refs.filter((r) => pathOf(r.uri) === 'sub/c.rst').map((r) => r.range.start);
  assert.deepEqual(inC, [{ line: 3, character: 11 }, { line: 3, character: 29 }]);
  await c.close(u);
});

test('hover: a label target, a lexer, an mm API name', async () => {
  const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: uri('index.rst') }, position: pos('index.rst', ':ref:`lab-b`', 7) });
  assert.match((h.contents as { value: string }).value, /Béta 😀 title/);
  const api = await c.request<Hover>('textDocument/hover', { textDocument: { uri: uri('sub/b.rst') }, position: pos('sub/b.rst', 'desc->start', 8) });
  assert.match((api.contents as { value: string }).value, /struct vm_area_desc/);
  assert.equal(textAt('sub/b.rst', api.range!), 'start');
  const lexer = await c.request<Hover>('textDocument/hover', { textDocument: { uri: uri('sub/c.rst') }, position: pos('sub/c.rst', 'Cw', 1) });
  assert.match((lexer.contents as { value: string }).value, /No Pygments lexer/);
  const none = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri('sub/c.rst') }, position: pos('sub/c.rst', 'See', 1) });
  assert.equal(none, null);
});

test('rename a label over the protocol: a WorkspaceEdit touching every file, not open ones too', async () => {
  const prep = await c.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: uri('index.rst') }, position: pos('index.rst', ':ref:`lab-b`', 7) });
  assert.equal(prep.placeholder, 'lab-b');
  const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri('index.rst') }, position: pos('index.rst', ':ref:`lab-b`', 7), newName: 'beta' });
  const files = Object.keys(edit.changes!).map(pathOf).sort();
  assert.deepEqual(files, ['inc.txt', 'index.rst', 'sub/b.rst', 'sub/c.rst']);
  for (const [u, edits] of Object.entries(edit.changes!)) for (const e of edits) assert.equal(textAt(pathOf(u), e.range), 'lab-b');
  // nothing renameable: an error the editor shows
  await assert.rejects(c.request('textDocument/prepareRename', { textDocument: { uri: uri('sub/b.rst') }, position: pos('sub/b.rst', 'First para', 2) }), /Nothing to rename here/);
});

test('rename a document: text edits first, then the file move; willRenameFiles edits references', async () => {
  const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri('index.rst') }, position: pos('index.rst', '   sub/b\n', 4), newName: 'guide/beta' });
  const changes = edit.documentChanges!;
  const last = changes[changes.length - 1] as { kind: string; oldUri: string; newUri: string };
  assert.equal(last.kind, 'rename');
  assert.equal(pathOf(last.oldUri), 'sub/b.rst');
  assert.equal(pathOf(last.newUri), 'guide/beta.rst');
  const tdes = changes.slice(0, -1) as TextDocumentEdit[];
  const newTexts = tdes.flatMap((t) => t.edits.map((e) => (e as TextEdit).newText)).sort();
  assert.deepEqual(newTexts, ['../guide/beta', '../guide/beta.rst', 'Documentation/guide/beta.rst', 'guide/beta', 'guide/beta']);
  const will = await c.request<WorkspaceEdit>('workspace/willRenameFiles', { files: [{ oldUri: uri('sub/c.rst'), newUri: uri('c.rst') }] });
  const all = Object.entries(will.changes!).flatMap(([u, es]) => es.map((e) => `${pathOf(u)}:${textAt(pathOf(u), e.range)}→${e.newText}`)).sort();
  assert.deepEqual(all, ['index.rst:sub/c→c', 'sub/c.rst:../index.rst→index.rst', 'sub/c.rst:b.rst→sub/b.rst', 'sub/c.rst:b→sub/b']);
});

test('document symbols, workspace symbols, links, folding, completion', async () => {
  const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri('sub/b.rst') } });
  assert.equal(syms[0]!.name, 'Béta 😀 title');
  assert.deepEqual(syms[0]!.selectionRange, { start: { line: 2, character: 0 }, end: { line: 2, character: 13 } });
  assert.equal(syms[0]!.children![0]!.name, 'Sub section');
  const ws = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'gam' });
  assert.deepEqual(ws.map((s) => `${s.name}@${pathOf(s.location.uri)}`), ['Gamma@sub/c.rst']);
  const links = await c.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: uri('index.rst') } });
  assert.ok(links.some((l) => l.target === uri('sub/c.rst')));
  assert.ok(links.some((l) => l.target === uri('sub/b.rst') + '#L3'), 'a document link lands on the title line');
  assert.ok(links.some((l) => l.target === uri('inc.txt')));
  const folds = await c.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: uri('sub/b.rst') } });
  assert.ok(folds.some((f) => f.startLine === 2));
  // completion in an unsaved buffer
  const u = uri('sub/d.rst');
  await c.open(u, 'D\n=\n\n:ref:`la', 1);
  const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: u }, position: { line: 3, character: 8 } });
  assert.deepEqual(list.items.map((i) => i.label), ['lab-b']);
  assert.deepEqual((list.items[0]!.textEdit as TextEdit).range, { start: { line: 3, character: 6 }, end: { line: 3, character: 8 } });
  await c.close(u);
});

test('requests for unknown documents or positions answer empty, and the server stays up', async () => {
  const outside = await c.request<Location[] | null>('textDocument/definition', { textDocument: { uri: 'file:///nowhere/x.rst' }, position: { line: 0, character: 0 } });
  assert.equal(outside, null);
  const far = await c.request<Location[] | null>('textDocument/definition', { textDocument: { uri: uri('index.rst') }, position: { line: 999, character: 999 } });
  assert.deepEqual(far, []);
  const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri('index.rst') }, position: { line: 0, character: 0 } });
  assert.equal(h, null);
  assert.equal(c.exited, undefined);
});
