/**
 * Property test: 10,000 generated documents (mutated docs-src snippets, rst-ish token soup with
 * tabs/CRLF/unicode, deep nesting) parse without throwing, within a per-document time bound, and
 * every node's position is consistent (start ≤ end, inside the source, line/column agree with the
 * offset, children inside their parent, siblings in order).
 *
 * Documents are generated with fast-check (fixed seed, reproducible) in this thread and parsed in a
 * worker (property.worker.ts), so a hang is caught: the batch times out and the document being
 * parsed is reported. Set KDOCS_PROPERTY_RUNS to change the count, KDOCS_PROPERTY_SEED the seed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import type { WorkerReply, WorkerRequest } from './property.worker.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..', '..', '..');
const RUNS = Number(process.env.KDOCS_PROPERTY_RUNS ?? 10000);
const SEED = Number(process.env.KDOCS_PROPERTY_SEED ?? 20261122);
/** Counted work (test/work.ts: regex scans, copies, splices) a document may cost per character.
 *  The 10,000 documents of the default seed cost at most 64 (2026-12-06); a parse gone quadratic
 *  on a document of a few thousand characters costs thousands. Counted, not timed: the machine is
 *  shared, and a 2000 ms bound elsewhere failed at load 10. */
const WORK_PER_CHAR = 1000;
const BATCH = 250;
const BATCH_TIMEOUT_MS = 60000;

// ---------------------------------------------------------------------------------------------
// generators

function snippetsFromDocsSrc(): string[] {
  const files = [
    'vfs.rst', 'proc.rst', 'ext4/blockgroup.rst', 'xfs/xfs-online-fsck-design.rst', 'f2fs.rst',
    'mmap_prepare.rst', 'porting.rst', 'fscrypt.rst', 'overlayfs.rst', 'squashfs.rst', 'ext2.rst',
    'locking.rst', 'path-lookup.rst', 'idmappings.rst', 'iomap/design.rst', 'netfs_library.rst',
  ];
  const out: string[] = [];
  for (const f of files) {
    try {
      out.push(readFileSync(path.join(REPO, 'docs-src', f), 'utf8'));
    } catch {
      /* file not there: skip */
    }
  }
  if (!out.length) out.push('Title\n=====\n\nSome *text* and ``code``.\n\n- item\n- item\n');
  return out;
}

const TOKENS = [
  '*', '**', '`', '``', '_', '__', '|', ':', '::', '.. ', '.. _x:', '.. _', '.. |x| replace:: y',
  '.. |x| image:: a.png', '|x|', '[#]_', '[#a]_', '[*]_', '[1]_', '[CIT]_', '.. [#] ', '.. [1] ',
  '.. [CIT] ', '- ', '* ', '+ ', '1. ', '#. ', '(a) ', 'i) ', 'A. ', '+---+---+', '| a | b |',
  '+===+===+', '====', '----', '~~~~', '=====  =====', '\n', '\n', '\n\n', '\n\n', '   ', '  ', ' ',
  '\t', '\r\n', '\r', 'word', 'words here', 'x', 'é', '漢字', '🙂', '\u200b', '\u00a0', '\u3000',
  '>>> ', ':role:`x`', ':c:func:`f()`', ':ref:`t <l>`', '`x <http://a.b/>`_', '`x`__', 'x_',
  'http://x.org/a', 'a@b.org', '.. note::', '.. code-block:: c', '.. only:: html', '.. toctree::',
  '.. contents::', '.. include:: x.rst', '.. table::', '.. list-table::', '.. flat-table::',
  '.. kernel-doc:: a.c', '.. math::', '.. raw:: html', '.. unknown-directive::', ':opt: v',
  ':field: body', '-a  opt', '--long=x  desc', '\\', '\\*', '<', '>', '"', "'", '(', ')', '[', ']',
  '--', '---', '...', '__ http://a', '.. __: http://a', '| line', '|', '::\n\n    lit',
];

const tokenSoup = fc
  .array(fc.constantFrom(...TOKENS), { minLength: 0, maxLength: 80 })
  .map((ts) => ts.join(''));

const deepNesting = fc
  .record({
    depth: fc.integer({ min: 1, max: 60 }),
    kind: fc.constantFrom('- ', '* ', '1. ', '#. ', '', '> ', ':f: ', 'term\n', '.. note::\n'),
    tab: fc.boolean(),
    blank: fc.boolean(),
  })
  .map(({ depth, kind, tab, blank }) => {
    const lines: string[] = [];
    let indent = '';
    for (let i = 0; i < depth; i++) {
      if (kind.endsWith('\n')) {
        const [head, ...rest] = kind.split('\n');
        lines.push(indent + head + (rest.join('') ? rest.join('') : ''));
      } else lines.push(indent + kind + `level ${i}`);
      if (blank) lines.push('');
      indent += tab && i % 3 === 2 ? '\t' : kind === '' ? '  ' : ' '.repeat(Math.max(2, kind.length));
    }
    return lines.join('\n') + '\n';
  });

function mutations(snippets: string[]): fc.Arbitrary<string> {
  const window = fc
    .record({ file: fc.nat(snippets.length - 1), start: fc.nat(), lines: fc.integer({ min: 1, max: 40 }) })
    .map(({ file, start, lines }) => {
      const all = snippets[file]!.split('\n');
      const s = start % all.length;
      return all.slice(s, s + lines).join('\n');
    });
  const mutation = fc.oneof(
    fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ op: fc.constant('insert' as const), at: fc.nat(), tok: fc.constantFrom(...TOKENS) }),
    fc.record({ op: fc.constant('dupline' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.constantFrom(' ', '  ', '\t', '    ') }),
    fc.record({ op: fc.constant('dedent' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('crlf' as const) }),
    fc.record({ op: fc.constant('tabs' as const) }),
    fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('unicode' as const), at: fc.nat(), s: fc.string({ unit: 'binary', maxLength: 4 }) }),
  );
  return fc.tuple(window, fc.array(mutation, { maxLength: 6 })).map(([text, ops]) => {
    let t = text;
    for (const m of ops) {
      const at = t.length ? ('at' in m ? m.at % (t.length + 1) : 0) : 0;
      switch (m.op) {
        case 'delete':
          t = t.slice(0, at) + t.slice(at + m.len);
          break;
        case 'insert':
          t = t.slice(0, at) + m.tok + t.slice(at);
          break;
        case 'unicode':
          t = t.slice(0, at) + m.s + t.slice(at);
          break;
        case 'truncate':
          t = t.slice(0, at);
          break;
        case 'crlf':
          t = t.replace(/\n/g, '\r\n');
          break;
        case 'tabs':
          t = t.replace(/^( {8})+/gm, (s) => '\t'.repeat(s.length / 8));
          break;
        case 'dupline':
        case 'indent':
        case 'dedent': {
          const lines = t.split('\n');
          const i = m.at % lines.length;
          if (m.op === 'dupline') lines.splice(i, 0, lines[i]!);
          else if (m.op === 'indent') lines[i] = m.by + lines[i]!;
          else lines[i] = lines[i]!.replace(/^\s{1,4}/, '');
          t = lines.join('\n');
          break;
        }
      }
    }
    return t;
  });
}

/** Position-invariant problems known on the committed seed (kind → count), see the assertion. */
const KNOWN_POSITION_ISSUES: Record<string, number> = {
  // none left on the committed seed: the grid table followed by `|` lines (table range now ends at
  // the resume point), sections ending before their last child (a trailing system message no
  // longer stops extendToChildren), table cells with start > end and the document-level role node
  // are fixed; positions.test.ts pins the ranges
};

// ---------------------------------------------------------------------------------------------

test('random and mutated documents: no throw, bounded work, consistent positions', { timeout: 300000 }, async (t) => {
  const snippets = snippetsFromDocsSrc();
  const nMut = Math.round(RUNS * 0.5);
  const nSoup = Math.round(RUNS * 0.4);
  const nDeep = RUNS - nMut - nSoup;
  const docs = [
    ...fc.sample(mutations(snippets), { numRuns: nMut, seed: SEED }),
    ...fc.sample(tokenSoup, { numRuns: nSoup, seed: SEED + 1 }),
    ...fc.sample(deepNesting, { numRuns: nDeep, seed: SEED + 2 }),
  ];
  assert.equal(docs.length, RUNS);

  const failures: Array<{ index: number; doc: string; problem: string }> = [];
  let maxWorkPerChar = 0;
  let worker: Worker | undefined;
  const workerUrl = new URL('./property.worker.js', import.meta.url);
  try {
    for (let base = 0; base < docs.length; base += BATCH) {
      const batch = docs.slice(base, base + BATCH);
      worker ??= new Worker(workerUrl);
      const w = worker;
      let current = base;
      const reply = await new Promise<WorkerReply | 'hang' | Error>((resolve) => {
        const timer = setTimeout(() => resolve('hang'), BATCH_TIMEOUT_MS);
        const onMsg = (m: WorkerReply): void => {
          if (m.kind === 'start') {
            current = m.index!;
            return;
          }
          clearTimeout(timer);
          w.off('message', onMsg);
          resolve(m);
        };
        w.on('message', onMsg);
        w.once('error', (e) => {
          clearTimeout(timer);
          resolve(e);
        });
        w.postMessage({ docs: batch, base, workPerChar: WORK_PER_CHAR } satisfies WorkerRequest);
      });
      if (reply === 'hang' || reply instanceof Error) {
        await w.terminate();
        worker = undefined;
        failures.push({
          index: current,
          doc: docs[current]!,
          problem: reply === 'hang' ? `hang (batch over ${BATCH_TIMEOUT_MS} ms)` : `worker died: ${reply.message}`,
        });
        // go on after the offending document
        base = current + 1 - BATCH;
        continue;
      }
      failures.push(...(reply.failures ?? []));
      maxWorkPerChar = Math.max(maxWorkPerChar, reply.maxWorkPerChar ?? 0);
    }
  } finally {
    if (worker) await worker.terminate();
  }
  t.diagnostic(`${docs.length} documents, most work per character ${maxWorkPerChar.toFixed(0)}, ${failures.length} failures`);
  // group by kind of problem (numbers and paths generalised), one example each
  const groups = new Map<string, { count: number; example: (typeof failures)[number] }>();
  for (const f of failures) {
    const kind = f.problem
      .split('\n')[0]!
      .replace(/\[\d+\]/g, '[]')
      .replace(/\d+/g, 'N');
    const g = groups.get(kind);
    if (g) g.count++;
    else groups.set(kind, { count: 1, example: f });
  }
  const show = [...groups.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .map(
      ([kind, g]) =>
        `${g.count}× ${kind}\n    e.g. #${g.example.index}: ${g.example.problem.split('\n')[0]}\n    input: ` +
        JSON.stringify(g.example.doc.length > 300 ? g.example.doc.slice(0, 300) + '…' : g.example.doc),
    );
  // Throws, hangs and documents over the work bound always fail. Position problems fail when a
  // kind is new or occurs more often than in KNOWN_POSITION_ISSUES (parser bugs reported to their
  // owners; lower the numbers as they get fixed).
  const fatal = [...groups.keys()].filter((k) => /^(threw|hang|work|worker died)/.test(k));
  const regressions = [...groups.entries()].filter(
    ([kind, g]) => !fatal.includes(kind) && g.count > (KNOWN_POSITION_ISSUES[kind] ?? 0),
  );
  for (const group of show) for (const line of group.split('\n')) t.diagnostic(line);
  assert.deepEqual(
    [...fatal, ...regressions.map(([k]) => k)],
    [],
    `property failures by kind:\n${show.join('\n')}`,
  );
});
