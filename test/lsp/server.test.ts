/**
 * The language server through a real JSON-RPC client (vscode-languageserver-protocol over the
 * stdio of `kdocs lsp --stdio`, as an editor runs it): initialize and progress, pushed diagnostics
 * for an open buffer, quick fixes, the disable comment, fix-all, watched files and configuration.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './client.js';
import { batchLines, diagLine, project, uriOf, writeFile } from './harness.js';
import { FILES, SPDX } from './fixture.js';
import { tempDir } from '../tmp.js';

let client: LspClient;
let root: string;

before(async () => {
  root = project(FILES);
  client = new LspClient({ env: { XDG_CACHE_HOME: tempDir('kdocs-lsp-cache-') } });
  await client.initialize(root);
});

after(async () => {
  await client.shutdown();
});

/** Apply LSP text edits to a text (as an editor does). */
function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'rst', 0, text), edits);
}

async function actions(uri: string, diag: Diagnostic | undefined, only?: string[]): Promise<CodeAction[]> {
  const range = diag?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics: diag ? [diag] : [], ...(only ? { only } : {}) },
  });
}

test('initialize: incremental sync, code actions, server info; the index is built with workDoneProgress', async () => {
  const caps = client.initializeResult!.capabilities;
  assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
  assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.kdocs']);
  assert.equal(client.initializeResult!.serverInfo?.name, 'kdocs');
  await client.request('kdocs/idle', {});
  assert.ok(client.serverRequests.includes('window/workDoneProgress/create'));
  const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
  assert.equal(kinds[0], 'begin');
  assert.equal(kinds[kinds.length - 1], 'end');
  assert.ok(client.serverRequests.includes('client/registerCapability'), 'watched files registered');
});

test('an open document gets the CLI\'s diagnostics for its version; quick fixes, disable comments and fix-all edit it', async () => {
  const uri = uriOf(root, 'guide.rst');
  let text = FILES['guide.rst']!;
  let version = 1;
  await client.open(uri, text, version);
  let got = await client.diagnosticsFor(uri, version);
  assert.deepEqual(got.diagnostics.map(diagLine), (await batchLines(root)).get('guide.rst'));
  assert.deepEqual(got.diagnostics.map((d) => d.code), ['code-block-lexer', 'markdown-heading', 'unresolved-reference']);

  // the lexer's quick fix (preferred) and its did-you-mean alternatives
  const lexer = got.diagnostics[0]!;
  const acts = await actions(uri, lexer);
  const fix = acts.find((a) => a.isPreferred)!;
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.title, "Fix: Pygments lexer name 'Cw' is not known (code-block-lexer)");
  assert.deepEqual(fix.diagnostics?.map((d) => d.code), ['code-block-lexer']);
  assert.ok(acts.some((a) => a.title === "Did you mean 'c#'?" && !a.isPreferred));
  assert.deepEqual(applyEdits(text, fix.edit!.changes![uri]!), text.replace('code-block:: Cw', 'code-block:: c'));

  // source.fixAll.kdocs: every safe fix at once, as one incremental edit
  const all = await actions(uri, undefined, ['source.fixAll.kdocs']);
  assert.deepEqual(all.map((a) => a.kind), ['source.fixAll.kdocs']);
  const edits = all[0]!.edit!.changes![uri]!;
  text = applyEdits(text, edits);
  assert.equal(text, FILES['guide.rst']!.replace('code-block:: Cw', 'code-block:: c'));
  await client.change(uri, ++version, [{ range: edits[0]!.range, text: edits[0]!.newText }]);
  got = await client.diagnosticsFor(uri, version);
  assert.deepEqual(got.diagnostics.map((d) => d.code), ['markdown-heading', 'unresolved-reference']);

  // "disable <rule> for this line", for both
  for (const code of ['unresolved-reference', 'markdown-heading']) {
    const d = got.diagnostics.find((x) => x.code === code)!;
    const disable = (await actions(uri, d)).find((a) => a.title === `Disable ${code} for this line`)!;
    text = applyEdits(text, disable.edit!.changes![uri]!);
    assert.ok(text.includes(`\n.. kdocs-disable-next-line: ${code}\n\n`));
    await client.change(uri, ++version, [{ text }]);
    got = await client.diagnosticsFor(uri, version);
    assert.ok(!got.diagnostics.some((x) => x.code === code));
  }
  assert.deepEqual(got.diagnostics, []);
  assert.deepEqual((await batchLines(root, new Map([['guide.rst', text]]))).get('guide.rst'), undefined);
  // no fix left: fix-all offers nothing
  assert.deepEqual(await actions(uri, undefined, ['source.fixAll.kdocs']), []);
  await client.close(uri);
});

test('"disable <rule> for this paragraph": a finding inside a paragraph gets a disable/enable pair around it', async () => {
  const uri = uriOf(root, 'para.rst');
  // the second :ref: is on the last line of a file without a final newline
  let text = `${SPDX}:orphan:\n\nPara\n====\n\nFirst line of text\nand :ref:\`nowhere-one\` here,\nthen more.\n\nAnother paragraph\nsees :ref:\`nowhere-two\``;
  let version = 1;
  await client.open(uri, text, version);
  let got = await client.diagnosticsFor(uri, version);
  assert.deepEqual(got.diagnostics.map((d) => d.code), ['unresolved-reference', 'unresolved-reference']);
  for (const label of ['nowhere-one', 'nowhere-two']) {
    const d = got.diagnostics.find((x) => String(x.message).includes(label))!;
    const acts = await actions(uri, d);
    assert.ok(!acts.some((a) => a.title === 'Disable unresolved-reference for this line'), 'not a line of its own');
    const disable = acts.find((a) => a.title === 'Disable unresolved-reference for this paragraph')!;
    assert.equal(disable.edit!.changes![uri]!.length, 2);
    text = applyEdits(text, disable.edit!.changes![uri]!);
    await client.change(uri, ++version, [{ text }]);
    got = await client.diagnosticsFor(uri, version);
    assert.ok(!got.diagnostics.some((x) => String(x.message).includes(label)), `${label} disabled`);
  }
  assert.equal(
    text,
    `${SPDX}:orphan:\n\nPara\n====\n\n.. kdocs-disable: unresolved-reference\n\nFirst line of text\nand :ref:\`nowhere-one\` here,\nthen more.\n\n.. kdocs-enable: unresolved-reference\n\n` +
      `.. kdocs-disable: unresolved-reference\n\nAnother paragraph\nsees :ref:\`nowhere-two\`\n\n.. kdocs-enable: unresolved-reference\n`,
  );
  // nothing else appeared (no "explicit markup ends without a blank line"), as the CLI sees it
  assert.deepEqual(got.diagnostics, []);
  assert.equal((await batchLines(root, new Map([['para.rst', text]]))).get('para.rst'), undefined);
  await client.close(uri);
});

test('watched-file events: a new document on disk resolves a :ref: in an open buffer; a config file change applies', async () => {
  const uri = uriOf(root, 'guide.rst');
  await client.open(uri, FILES['guide.rst']!, 10);
  let got = await client.diagnosticsFor(uri, 10);
  assert.ok(got.diagnostics.some((d) => d.code === 'unresolved-reference'));
  writeFile(root, 'labels.rst', `${SPDX}:orphan:\n\n.. _missing-label:\n\nHere\n====\n`);
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'labels.rst'), type: 1 }] });
  got = await client.waitFor((p) => p.uri === uri && !p.diagnostics.some((d) => d.code === 'unresolved-reference'), 60000, false);

  writeFile(root, 'kdocs.config.json', JSON.stringify({ rules: { 'markdown-heading': 'error' } }));
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'kdocs.config.json'), type: 1 }] });
  got = await client.waitFor((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'markdown-heading' && d.severity === 1), 60000, false);

  // workspace/didChangeConfiguration: the client's `kdocs` settings laid over the file
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { kdocs: { rules: { 'code-block-lexer': 'off' } } } });
  got = await client.waitFor((p) => p.uri === uri && !p.diagnostics.some((d) => d.code === 'code-block-lexer'), 60000, false);
  assert.equal(got.diagnostics.find((d) => d.code === 'markdown-heading')?.severity, 1, 'the file still applies');
  await client.close(uri);
});
