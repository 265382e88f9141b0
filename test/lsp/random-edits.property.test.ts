/**
 * Random-edit equivalence: over random small projects, a random sequence of editor and disk events
 * (documents opened, edited at random places with random text — markup that makes findings depend
 * on other documents, or plain characters —, closed; files written or deleted on disk), with the
 * server sometimes catching up in between and sometimes not, leaves published diagnostics equal to
 * a batch `kdocs lint` of the final texts (the open buffers laid over the disk).
 * KDOCS_LSP_PROPERTY_RUNS changes the number of runs, KDOCS_LSP_PROPERTY_SEED the seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { batchLines, harness, project, publishedLines, uriOf, writeFile } from './harness.js';

const RUNS = Number(process.env.KDOCS_LSP_PROPERTY_RUNS ?? 25);
const SEED = Number(process.env.KDOCS_LSP_PROPERTY_SEED ?? 20261205);
const DOCS = ['a.rst', 'b.rst', 'sub/c.rst', 'sub/d.rst'];
const LABELS = ['l1', 'l2', 'l3'];
/** What events touch: the generated documents and the root's toctree. */
const PATHS = [...DOCS, 'index.rst'];

const snippet = fc.oneof(
  fc.constantFrom(...LABELS).map((l) => `\n.. _${l}:\n\nSection ${l}\n----------\n\n`),
  fc.constantFrom(...LABELS).map((l) => ` :ref:\`${l}\` `),
  fc.constantFrom('a', '/sub/c', 'd', 'missing').map((d) => ` :doc:\`${d}\` `),
  fc.subarray(['a', 'b', 'sub/c', 'sub/d', 'nope'], { minLength: 1 }).map((es) => `\n\n.. toctree::\n\n${es.map((e) => `   /${e}`).join('\n')}\n\n`),
  fc.constantFrom('\n\n.. code-block:: Cw\n\n   x\n\n', '\n## How To\n', ' `f()` ', '**', '\n', '  ', '=====\n', '\n:orphan:\n'),
  fc.string({ maxLength: 6 }),
);

const docText = fc
  .record({ title: fc.constantFrom('Alpha', 'Beta'), blocks: fc.array(snippet, { maxLength: 4 }) })
  .map(({ title, blocks }) => `${title}\n${'='.repeat(title.length)}\n\nText. ${blocks.join('')}\n`);

type Event =
  | { kind: 'open'; path: string }
  | { kind: 'edit'; path: string; at: number; del: number; text: string }
  | { kind: 'close'; path: string }
  | { kind: 'disk'; path: string; text: string | null }
  | { kind: 'settle' };

const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), path: fc.constantFrom(...PATHS) }),
  fc.record({ kind: fc.constant('edit' as const), path: fc.constantFrom(...PATHS), at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat({ max: 12 }), text: snippet }),
  fc.record({ kind: fc.constant('edit' as const), path: fc.constantFrom(...PATHS), at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat({ max: 3 }), text: snippet }),
  fc.record({ kind: fc.constant('close' as const), path: fc.constantFrom(...DOCS) }),
  fc.record({ kind: fc.constant('disk' as const), path: fc.constantFrom(...DOCS), text: fc.option(docText, { nil: null }) }),
  fc.record({
    kind: fc.constant('disk' as const),
    path: fc.constant('index.rst'),
    text: fc.subarray(['a', 'b', 'sub/c', 'sub/d'], { minLength: 0 }).map((es) => `Top\n===\n\n.. toctree::\n\n${es.map((e) => `   ${e}`).join('\n')}\n`),
  }),
  fc.constant({ kind: 'settle' as const }),
);

test('after random edits, open/close and disk changes, the diagnostics equal a batch lint of the final texts', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...DOCS), docText), { minLength: 2, maxLength: 4 }), fc.array(event, { minLength: 1, maxLength: 14 }), async (initial, events) => {
      const files: Record<string, string> = { 'index.rst': 'Top\n===\n\n.. toctree::\n\n   a\n   sub/c\n' };
      for (const [p, t] of initial) files[p] = t;
      const root = project(files);
      const h = await harness(root);
      const open = new Map<string, { text: string; version: number }>();
      for (const e of events) {
        if (e.kind === 'settle') await h.diags.idle();
        else if (e.kind === 'open') {
          if (open.has(e.path)) continue;
          let text: string;
          try {
            text = readFileSync(nodePath.join(root, e.path), 'utf8');
          } catch {
            text = ''; // a new document, not on disk yet
          }
          open.set(e.path, { text, version: 1 });
          h.ws.openDocument(uriOf(root, e.path), text, 1);
          h.diags.edited(e.path);
        } else if (e.kind === 'edit') {
          const o = open.get(e.path);
          if (!o) continue;
          const at = Math.floor(e.at * o.text.length);
          const end = Math.min(o.text.length, at + e.del);
          const doc = h.ws.document(uriOf(root, e.path))!;
          const range = { start: doc.positionAt(at), end: doc.positionAt(end) };
          o.text = o.text.slice(0, at) + e.text + o.text.slice(end);
          o.version++;
          h.ws.changeDocument(uriOf(root, e.path), [{ range, text: e.text }], o.version);
          h.diags.edited(e.path);
        } else if (e.kind === 'close') {
          if (!open.delete(e.path)) continue;
          h.ws.closeDocument(uriOf(root, e.path));
        } else {
          const abs = nodePath.join(root, e.path);
          if (e.text === null) rmSync(abs, { force: true });
          else writeFile(root, e.path, e.text);
          h.ws.diskChanged(abs, e.text === null);
        }
      }
      await h.diags.idle();
      const overlay = new Map<string, string | null>([...open].map(([p, o]) => [p, o.text]));
      assert.deepEqual(publishedLines(root, h.published), await batchLines(root, overlay), JSON.stringify(events));
      // an open document's last publish is for its last version
      for (const [p, o] of open) assert.equal(h.published.get(uriOf(root, p))?.version, o.version, p);
      h.diags.dispose();
      rmSync(root, { recursive: true, force: true });
    }),
    { numRuns: RUNS, seed: SEED },
  );
});
