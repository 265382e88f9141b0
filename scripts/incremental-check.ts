/**
 * The incremental re-parse against a fresh parse over a whole docs tree:
 *
 *   node dist/scripts/incremental-check.js DOCS_DIR [--edits N] [--seed S]
 *
 * For every .rst file, N one-character edits (a letter typed or a character deleted, at
 * pseudo-random places, each on the text the previous one left): when `reparseEdit` applies, its
 * result must equal `parse()` of the new text (tree with positions, data and ids, messages). Prints
 * how many edits were re-parsed, how many fell back (by reason) and every mismatch; exit status 1
 * on a mismatch.
 *
 * `--lint`: the same edits through a project index of the whole tree (as the language server makes
 * them), and after every edit re-parsed incrementally the document is linted twice: with the
 * previous lint's findings offered for reuse (src/lint/reuse.ts) and from a fresh parse of the new
 * text with nothing to reuse. The finding lists must be equal.
 */
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { parse } from '../src/rst/parse.js';
import { incrementalStats, reparseEdit, sameNodes } from '../src/rst/incremental.js';
import { listRst } from './conformance.js';
import { loadRules } from '../src/lint/api.js';
import { findConfig, loadConfigFile, resolveConfig } from '../src/lint/config.js';
import { lintIndex, type LintRun } from '../src/lint/engine.js';
import type { PreviousLint } from '../src/lint/reuse.js';
import { loadDefaultParser, ProjectIndex } from '../src/project/index.js';
import { paragraphEditOf } from '../src/rst/incremental.js';

async function main(argv: string[]): Promise<number> {
  let root = '';
  let edits = 4;
  let seed = 20261205;
  let lint = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--edits') edits = Number(argv[++i]);
    else if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--lint') lint = true;
    else root = nodePath.resolve(a);
  }
  if (!root) {
    process.stderr.write('usage: incremental-check DOCS_DIR [--edits N] [--seed S] [--lint]\n');
    return 2;
  }
  if (lint) return lintCheck(root, edits, seed);
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const reasons = new Map<string, number>();
  let applied = 0;
  let mismatches = 0;
  let documents = 0;
  for (const rel of listRst(root)) {
    let text: string;
    try {
      text = readFileSync(nodePath.join(root, rel), 'utf8');
    } catch {
      continue;
    }
    documents++;
    const options = { path: rel, root };
    let prev = parse(text, options);
    for (let k = 0; k < edits && text.length > 1; k++) {
      const at = Math.floor(rnd() * text.length);
      const insert = rnd() < 0.6;
      const next = insert ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
      const inc = reparseEdit(prev, next, insert ? { start: at, end: at, text: 'x' } : { start: at, end: at + 1, text: '' });
      const fresh = parse(next, options);
      if (inc) {
        applied++;
        if (!sameNodes([inc.tree], [fresh.tree]) || JSON.stringify(inc.messages) !== JSON.stringify(fresh.messages)) {
          mismatches++;
          process.stdout.write(`MISMATCH ${rel} at offset ${at} (${insert ? 'insert' : 'delete'})\n`);
        }
        prev = inc;
      } else {
        reasons.set(incrementalStats.lastReason, (reasons.get(incrementalStats.lastReason) ?? 0) + 1);
        prev = fresh;
      }
      text = next;
    }
  }
  const fell = [...reasons].sort((a, b) => b[1] - a[1]);
  process.stdout.write(`${documents} documents, ${documents * edits} edits: ${applied} re-parsed incrementally (all equal to a fresh parse: ${mismatches === 0 ? 'yes' : `no, ${mismatches} differ`}), ${fell.reduce((n, [, c]) => n + c, 0)} parsed whole\n`);
  for (const [r, c] of fell) process.stdout.write(`  ${c}\t${r}\n`);
  return mismatches ? 1 : 0;
}

/** `--lint`: findings kept across the edits against a fresh lint (see the file comment). */
async function lintCheck(root: string, edits: number, seed: number): Promise<number> {
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rules = (await loadRules()).rules;
  const configPath = findConfig(root);
  const config = resolveConfig(rules, configPath ? loadConfigFile(configPath, rules) : {}, {}, configPath);
  const index = new ProjectIndex(root, await loadDefaultParser(), { reparse: (p, t, e) => reparseEdit(p, t, e) });
  index.build(undefined, () => true);
  let last: Omit<PreviousLint, 'edit'> | undefined;
  const lintOf = (rel: string, previous?: Map<string, PreviousLint>): LintRun =>
    lintIndex(index, config, {
      paths: [rel],
      ...(previous ? { previous } : {}),
      onRuleFindings: (_p, doc, found, usedIndex) => (last = { doc, found, usedIndex, config, changed: undefined }),
    });
  let applied = 0;
  let reused = 0;
  let mismatches = 0;
  let documents = 0;
  for (const rel of listRst(root)) {
    if (config.isIgnored(rel) || !index.has(rel)) continue;
    const read = index.readRel(rel);
    if (read === null) continue;
    let text: string = read;
    documents++;
    last = undefined;
    lintOf(rel);
    for (let k = 0; k < edits && text.length > 1; k++) {
      const at = Math.floor(rnd() * text.length);
      const insert = rnd() < 0.6;
      const next: string = insert ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
      const before = last as Omit<PreviousLint, 'edit'> | undefined;
      index.update(rel, next, insert ? { start: at, end: at, text: 'x' } : { start: at, end: at + 1, text: '' });
      const pe = paragraphEditOf(index.get(rel)!);
      text = next;
      if (!pe || !before || pe.before !== before.doc) {
        lintOf(rel);
        continue;
      }
      applied++;
      const got = lintOf(rel, new Map([[rel, { ...before, edit: pe }]]));
      reused += got.reused ?? 0;
      // the same text again: parsed whole (the re-parse declines an unchanged text)
      index.update(rel, next);
      const want = lintOf(rel);
      if (JSON.stringify(got.files[0]?.findings) !== JSON.stringify(want.files[0]?.findings)) {
        mismatches++;
        process.stdout.write(`MISMATCH ${rel} after an edit at offset ${at} (${insert ? 'insert' : 'delete'})\n`);
      }
    }
    index.release(rel);
  }
  process.stdout.write(`${documents} documents linted; ${applied} edits re-parsed incrementally and linted with the previous findings offered: ${reused} rule runs replaced, findings equal to a fresh lint: ${mismatches === 0 ? 'yes' : `no, ${mismatches} differ`}\n`);
  return mismatches ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`incremental-check: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
