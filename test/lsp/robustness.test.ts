/**
 * The server never exits and keeps answering: malformed JSON-RPC, unknown methods, requests for
 * documents nobody opened, binary text, a 10 MB document, 10,000 random edits (after which the
 * diagnostics still equal a batch lint of the final text), and `$/cancelRequest`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from './client.js';
import { batchLines, diagLine, project, uriOf } from './harness.js';
import { FILES } from './fixture.js';
import { tempDir } from '../tmp.js';

let client: LspClient;
let root: string;

before(async () => {
  root = project(FILES);
  client = new LspClient({ env: { XDG_CACHE_HOME: tempDir('kdocs-lsp-cache-') } });
  await client.initialize(root);
  await client.request('kdocs/idle', {});
});

after(async () => {
  await client.shutdown();
  assert.equal(client.exited, 0, 'exit after shutdown is clean');
});

async function alive(): Promise<void> {
  const status = await client.request<{ ready: boolean }>('kdocs/status', {});
  assert.equal(status.ready, true);
  assert.equal(client.exited, undefined, 'the server is running');
}

function raw(json: string): string {
  return `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;
}

test('malformed JSON-RPC and invalid messages are reported, not fatal', async () => {
  client.child.stdin!.write(raw('{"jsonrpc":"2.0","id":900,"method":'));
  client.child.stdin!.write(raw('{"not":"a message"}'));
  client.child.stdin!.write(raw('[1,2,3]'));
  client.child.stdin!.write(raw('{"jsonrpc":"2.0","id":901,"method":"textDocument/codeAction","params":{"bogus":true}}'));
  await alive();
});

test('unknown methods: a request gets MethodNotFound, a notification is ignored', async () => {
  await client.conn.sendNotification('kdocs/noSuchNotification', { x: 1 });
  await assert.rejects(client.request('kdocs/noSuchMethod', {}), (e: unknown) => e instanceof ResponseError && e.code === -32601);
  await alive();
});

test('requests and notifications for documents nobody opened, or outside the root, are harmless', async () => {
  const outside = 'file:///nonexistent/x.rst';
  for (const uri of [outside, 'untitled:Untitled-1', uriOf(root, 'nope.rst'), 'not a uri']) {
    const res = await client.request<unknown[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.deepEqual(res, []);
    await client.change(uri, 5, [{ text: 'x' }]);
    await client.close(uri);
  }
  // a document of the root that is not open: its actions come from the disk's text
  const guide = await client.request<{ title: string }[]>('textDocument/codeAction', {
    textDocument: { uri: uriOf(root, 'guide.rst') },
    range: { start: { line: 7, character: 0 }, end: { line: 7, character: 20 } },
    context: { diagnostics: [] },
  });
  assert.ok(guide.some((a) => a.title.includes('code-block-lexer')));
  await alive();
});

test('binary and invalid UTF-16 text is linted like any text', async () => {
  const uri = uriOf(root, 'binary.rst');
  const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  const text = `Title\n=====\n\n${bytes.toString('latin1')}\n\u0000\u0001\ud800 lone \udc00 surrogates\n\uffff\n`;
  await client.open(uri, text, 1);
  const got = await client.diagnosticsFor(uri, 1);
  assert.deepEqual(got.diagnostics.map(diagLine), (await batchLines(root, new Map([['binary.rst', text]]))).get('binary.rst') ?? []);
  await client.close(uri);
  await alive();
});

test('$/cancelRequest: a request cancelled before it ran is answered RequestCancelled', async () => {
  const uri = uriOf(root, 'guide.rst');
  const req = JSON.stringify({ jsonrpc: '2.0', id: 777, method: 'textDocument/codeAction', params: { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } } });
  const cancel = JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 777 } });
  const answer = new Promise<{ error?: { code: number } }>((resolve) => {
    let buf = '';
    const onData = (d: Buffer): void => {
      buf += d.toString('utf8');
      const i = buf.indexOf('"id":777');
      if (i < 0) return;
      client.child.stdout!.off('data', onData);
      const start = buf.lastIndexOf('{"jsonrpc"', i);
      const m = /\{"jsonrpc":"2\.0","id":777,"error":\{"code":(-?\d+)/.exec(buf.slice(start)) ?? /"error":\{"code":(-?\d+)/.exec(buf.slice(start));
      resolve(m ? { error: { code: Number(m[1]) } } : {});
    };
    client.child.stdout!.on('data', onData);
  });
  // one write: both messages are read together, the request still queued when the cancel comes
  client.child.stdin!.write(raw(req) + raw(cancel));
  assert.deepEqual(await answer, { error: { code: -32800 } });
  await alive();
});

test('a 10 MB document: diagnostics for its last version, edits made while it is linted coalesced', async () => {
  const uri = uriOf(root, 'huge.rst');
  const para = 'This paragraph is filler text for a very large document, with ``code``, *emphasis* and a `ref`_.\n\n';
  let text = 'Huge\n====\n\n.. _ref: https://example.org/\n\n';
  let n = 0;
  while (text.length < 10 * 2 ** 20) text += n++ % 400 === 0 ? `Section ${n}\n${'-'.repeat(String(n).length + 8)}\n\n` : para;
  const before = (await client.request<{ stats: { linted: number } }>('kdocs/status', {})).stats.linted;
  await client.open(uri, text, 1);
  // ten edits in one write (under PIPE_BUF, so read at once), made while the document is linted
  let batch = '';
  for (let v = 2; v <= 11; v++) {
    const change = { range: { start: { line: 4 + v, character: 0 }, end: { line: 4 + v, character: 0 } }, text: 'x' };
    batch += raw(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: v }, contentChanges: [change] } }));
  }
  assert.ok(Buffer.byteLength(batch) <= 4096);
  client.child.stdin!.write(batch);
  await alive();
  await client.request('kdocs/idle', {});
  const got = client.diagnostics.get(uri)!;
  assert.equal(got.version, 11);
  const after = (await client.request<{ stats: { linted: number } }>('kdocs/status', {})).stats.linted;
  // the opened text, then the edits, as many times as the transport delivered them in separate
  // reads (the exact count, edits handled in one turn costing one lint, is tested in process in
  // diagnostics.test.ts: here a loaded machine may split the write across reads)
  assert.ok(after - before < 11, `11 versions, ${after - before} lints`);
  await client.close(uri);
  await alive();
});

test('10,000 random edits: the server keeps up and ends with the diagnostics of the final text', async (t) => {
  const uri = uriOf(root, 'intro.rst');
  let doc = TextDocument.create(uri, 'rst', 1, FILES['intro.rst']!);
  await client.open(uri, doc.getText(), 1);
  const before = (await client.request<{ stats: { linted: number } }>('kdocs/status', {})).stats.linted;
  let seed = 12345;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = ['x', ' ', '\n', '`', '*', ':ref:`guide-label`', '.. _l:\n\n', '====', '\n\n', 'é', '\t', '::\n\n  '];
  let sent: Promise<void>[] = [];
  for (let v = 2; v <= 10001; v++) {
    const len = doc.getText().length;
    const at = rnd(len + 1);
    const del = len > 2000 ? 5 : rnd(3);
    const range = { start: doc.positionAt(at), end: doc.positionAt(Math.min(len, at + del)) };
    const change = { range, text: pieces[rnd(pieces.length)]! };
    doc = TextDocument.update(doc, [change], v);
    sent.push(client.change(uri, v, [change]));
    if (sent.length >= 500) {
      await Promise.all(sent);
      sent = [];
    }
  }
  await Promise.all(sent);
  await client.request('kdocs/idle', {});
  const got = client.diagnostics.get(uri)!;
  assert.equal(got.version, 10001);
  assert.deepEqual(got.diagnostics.map(diagLine), (await batchLines(root, new Map([['intro.rst', doc.getText()]]))).get('intro.rst') ?? []);
  const after = (await client.request<{ stats: { linted: number } }>('kdocs/status', {})).stats.linted;
  t.diagnostic(`10,000 edits, ${after - before} lints`);
  await client.close(uri);
  await alive();
});
