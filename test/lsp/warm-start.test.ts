/**
 * First diagnostics on a warm facts cache: an opened document is linted against the cache's facts
 * before the build has read, hashed or parsed any other file; the build then verifies the cache,
 * and a file changed on disk since the cache was written corrects what was published. Cold, a
 * second thread parses from the back of the list while the server's parses from the front.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import * as nodePath from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { loadDefaultParser, ProjectIndex, type DerivedMaps, type ParseFn } from '../../src/project/index.js';
import { packageRoot } from '../../src/lint/api.js';
import { Diagnostics } from '../../src/lsp/diagnostics.js';
import { Workspace } from '../../src/lsp/workspace.js';
import { batchLines, diagLine, harness, project, publishedLines, rules, uriOf, writeFile } from './harness.js';
import { FILES } from './fixture.js';
import { tempDir } from '../tmp.js';

interface Seen {
  params: PublishDiagnosticsParams;
  ready: boolean;
  parses: number;
}

/** Paths parsed, in order (the build of a warm start). */
const parsedPaths: string[] = [];

async function warmServer(root: string, cacheDir: string, open: string): Promise<{ ws: Workspace; diags: Diagnostics; seen: Seen[]; published: Map<string, PublishDiagnosticsParams> }> {
  const seen: Seen[] = [];
  const published = new Map<string, PublishDiagnosticsParams>();
  const real = await loadDefaultParser();
  let parses = 0;
  parsedPaths.length = 0;
  const parse: ParseFn = (t, o) => {
    parses++;
    parsedPaths.push(o.path ?? '');
    return real(t, o);
  };
  let ws: Workspace | undefined;
  const conn = {
    sendDiagnostics(p: PublishDiagnosticsParams) {
      seen.push({ params: p, ready: ws!.isReady, parses });
      published.set(p.uri, p);
      return Promise.resolve();
    },
    console: { error: (m: string) => process.stderr.write(m + '\n'), log: () => undefined },
  } as unknown as Connection;
  ws = await Workspace.create({ root, rules: await rules(), parse, cache: true, cacheDir });
  const diags = new Diagnostics(conn, ws, { cache: true, cacheDir });
  ws.openDocument(uriOf(root, open), FILES[open]!, 1);
  diags.edited(open);
  await ws.build();
  diags.start();
  await diags.idle();
  return { ws, diags, seen, published };
}

test('warm facts cache: the opened document is published before the build reads the other files', async () => {
  // enough documents for the build to take several slices
  const extra: Record<string, string> = {};
  for (let i = 0; i < 150; i++) extra[`more/d${i}.rst`] = `:orphan:\n\nDocument ${i}\n===========\n\nSee :ref:\`guide-label\`.\n`;
  const root = project({ ...FILES, ...extra });
  const cacheDir = tempDir('kdocs-lsp-warm-');
  (await harness(root, { cacheDir })).diags.dispose();
  const { diags, seen, published } = await warmServer(root, cacheDir, 'guide.rst');
  const uri = uriOf(root, 'guide.rst');
  const first = seen.find((s) => s.params.uri === uri)!;
  assert.equal(first.ready, false, 'published before the index was complete');
  assert.equal(first.parses, 1, 'only the opened document was parsed');
  assert.equal(diags.stats.early, 1);
  // the build took every other document from the cache, and parsed the open one from its buffer
  // once in its slice and once when the buffers are laid over the complete index — not once per
  // slice of the build
  assert.deepEqual(parsedPaths, ['guide.rst', 'guide.rst', 'guide.rst']);
  const want = (await batchLines(root)).get('guide.rst')!;
  assert.deepEqual(first.params.diagnostics.map(diagLine), want);
  assert.deepEqual(publishedLines(root, published), await batchLines(root));
  diags.dispose();
});

test('warm facts cache, a file changed on disk since: the build corrects the early diagnostics', async () => {
  const root = project(FILES);
  const cacheDir = tempDir('kdocs-lsp-warm-');
  (await harness(root, { cacheDir })).diags.dispose();
  // guide.rst's label renamed while no server ran: intro.rst's :ref:`guide-label` breaks
  writeFile(root, 'guide.rst', FILES['guide.rst']!.replace('_guide-label:', '_guide-renamed:'));
  const { diags, seen, published } = await warmServer(root, cacheDir, 'intro.rst');
  const uri = uriOf(root, 'intro.rst');
  const mine = seen.filter((s) => s.params.uri === uri);
  assert.equal(mine[0]!.ready, false);
  assert.deepEqual(mine[0]!.params.diagnostics, [], 'the cache still had the label');
  const last = mine[mine.length - 1]!;
  assert.equal(last.ready, true);
  assert.deepEqual(
    last.params.diagnostics.map((d) => [d.code, d.message]),
    [['unresolved-reference', "undefined label: 'guide-label'"]],
  );
  assert.deepEqual(publishedLines(root, published), await batchLines(root));
  diags.dispose();
});

test('cold build with a second thread: the same facts, maps and diagnostics as one thread', async () => {
  const root = nodePath.join(packageRoot(), 'docs-src');
  const one = await ProjectIndex.build(root);
  const published = new Map<string, PublishDiagnosticsParams>();
  const conn = {
    sendDiagnostics(p: PublishDiagnosticsParams) {
      published.set(p.uri, p);
      return Promise.resolve();
    },
    console: { error: (m: string) => process.stderr.write(m + '\n'), log: () => undefined },
  } as unknown as Connection;
  // the facts cache it writes: the same entries (hashes of texts and includes) as one thread's
  const cacheOne = tempDir('kdocs-lsp-one-');
  const cacheTwo = tempDir('kdocs-lsp-two-');
  const single = await Workspace.create({ root, rules: await rules(), cache: true, cacheDir: cacheOne });
  single.buildThreads = 1;
  await single.build();
  const ws = await Workspace.create({ root, rules: await rules(), cache: true, cacheDir: cacheTwo });
  ws.parallelMin = 2;
  ws.buildThreads = 2;
  ws.waitForWorker = true;
  const diags = new Diagnostics(conn, ws, { cache: false });
  await ws.build();
  const files = ws.index.documents();
  // both threads parsed a share, and every document exactly once (a prefix here, a suffix there)
  assert.ok(ws.stats.workerFacts > 0 && ws.stats.ownFacts > 0, `${ws.stats.ownFacts} here, ${ws.stats.workerFacts} from the worker`);
  assert.equal(ws.stats.ownFacts + ws.stats.workerFacts, files.length);
  assert.deepEqual(files, one.documents());
  for (const p of files) assert.deepEqual(ws.index.getFacts(p), one.getFacts(p), p);
  const show = (m: DerivedMaps): string => JSON.stringify([[...m.labels].sort(), [...m.parents].sort(), [...m.included].sort(), [...m.includers].sort()]);
  assert.equal(show(ws.index.derivedMaps()), show(one.derivedMaps()));
  diags.start();
  await diags.idle();
  assert.deepEqual(publishedLines(root, published), await batchLines(root));
  diags.dispose();
  const entries = (dir: string): string => {
    const [file] = readdirSync(dir).filter((f) => f.startsWith('facts-'));
    assert.ok(file, `a facts cache in ${dir}`);
    return readFileSync(nodePath.join(dir, file), 'latin1');
  };
  assert.ok(entries(cacheOne).length > 1000);
  assert.equal(entries(cacheTwo), entries(cacheOne));
});
