/**
 * Golden docutils outputs for docs-src and the list of files we already match.
 *
 *   node dist/scripts/golden.js oracle            regenerate test/conformance/golden/*.jsonl
 *                                                 (runs scripts/oracle.py: needs python3 + docutils 0.19)
 *   node dist/scripts/golden.js passing [--allow-drop]
 *                                                 recompute test/conformance/passing.json from our
 *                                                 parser: files whose tree / messages are identical.
 *                                                 Refuses to drop a file that passed before unless
 *                                                 --allow-drop (a regression must be fixed, not hidden).
 *
 * Golden files are grouped by the first path component of the docs-src file
 * (`_top.jsonl` for files directly in docs-src).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { doctreeRecord } from '../src/cli/doctree.js';
import type { DoctreeRecord } from '../src/rst/doctree-json.js';
import { compareRecords } from './conformance-diff.js';
import { listRst, ORACLE, REPO_ROOT } from './conformance.js';

export const DOCS_SRC = path.join(REPO_ROOT, 'docs-src');
export const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'conformance', 'golden');
export const PASSING_FILE = path.join(REPO_ROOT, 'test', 'conformance', 'passing.json');

export interface PassingList {
  note: string;
  /** files whose tree is identical to docutils' */
  trees: string[];
  /** files whose messages are identical to docutils' */
  messages: string[];
}

export function groupOf(file: string): string {
  const i = file.indexOf('/');
  return i < 0 ? '_top' : file.slice(0, i);
}

export function readGolden(dir = GOLDEN_DIR): Map<string, DoctreeRecord> {
  const out = new Map<string, DoctreeRecord>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.jsonl')) continue;
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line) continue;
      const rec = JSON.parse(line) as DoctreeRecord;
      out.set(rec.file, rec);
    }
  }
  return out;
}

function regenerateOracle(): void {
  const files = listRst(DOCS_SRC);
  const tmp = path.join(REPO_ROOT, 'dist', 'golden-tmp');
  mkdirSync(tmp, { recursive: true });
  const list = path.join(tmp, 'files.txt');
  const out = path.join(tmp, 'out.jsonl');
  writeFileSync(list, files.join('\n') + '\n');
  const r = spawnSync(process.env.KDOCS_PYTHON ?? 'python3', [ORACLE, '--root', DOCS_SRC, '--files-from', list, '--out', out], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('oracle.py failed');
  const groups = new Map<string, string[]>();
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    if (!line) continue;
    const rec = JSON.parse(line) as DoctreeRecord;
    const g = groupOf(rec.file);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(line);
  }
  rmSync(GOLDEN_DIR, { recursive: true, force: true });
  mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const [g, lines] of groups) writeFileSync(path.join(GOLDEN_DIR, `${g}.jsonl`), lines.join('\n') + '\n');
  process.stdout.write(`wrote ${files.length} records in ${groups.size} files under ${GOLDEN_DIR}\n`);
}

export function computePassing(golden: Map<string, DoctreeRecord>): { trees: string[]; messages: string[] } {
  const trees: string[] = [];
  const messages: string[] = [];
  for (const [file, want] of golden) {
    const got = doctreeRecord(file, DOCS_SRC);
    const c = compareRecords(got, want);
    if (c.treeSame) trees.push(file);
    if (c.messagesSame) messages.push(file);
  }
  return { trees: trees.sort(), messages: messages.sort() };
}

function regeneratePassing(allowDrop: boolean): number {
  const golden = readGolden();
  const now = computePassing(golden);
  const before: PassingList = existsSync(PASSING_FILE)
    ? (JSON.parse(readFileSync(PASSING_FILE, 'utf8')) as PassingList)
    : { note: '', trees: [], messages: [] };
  const droppedTrees = before.trees.filter((f) => !now.trees.includes(f));
  const droppedMsgs = before.messages.filter((f) => !now.messages.includes(f));
  if ((droppedTrees.length || droppedMsgs.length) && !allowDrop) {
    process.stderr.write(
      `regression: no longer identical: trees ${droppedTrees.join(', ') || '-'}; messages ${droppedMsgs.join(', ') || '-'}\n` +
        'fix it, or rerun with --allow-drop if the golden output changed on purpose\n',
    );
    return 1;
  }
  const list: PassingList = {
    note: 'docs-src files whose doctree JSON equals docutils\' (test/conformance/golden). Regenerate with `npm run build && node dist/scripts/golden.js passing`; conformance.test.ts fails if one of them regresses.',
    trees: now.trees,
    messages: now.messages,
  };
  writeFileSync(PASSING_FILE, JSON.stringify(list, null, 1) + '\n');
  process.stdout.write(
    `${now.trees.length}/${golden.size} trees and ${now.messages.length}/${golden.size} message lists identical ` +
      `(before: ${before.trees.length} / ${before.messages.length})\n`,
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'oracle') regenerateOracle();
  else if (cmd === 'passing') process.exit(regeneratePassing(rest.includes('--allow-drop')));
  else {
    process.stderr.write('usage: node dist/scripts/golden.js oracle | passing [--allow-drop]\n');
    process.exit(2);
  }
}
