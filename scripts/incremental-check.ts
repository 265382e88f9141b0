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
 */
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { parse } from '../src/rst/parse.js';
import { incrementalStats, reparseEdit, sameNodes } from '../src/rst/incremental.js';
import { listRst } from './conformance.js';

function main(argv: string[]): number {
  let root = '';
  let edits = 4;
  let seed = 20261205;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--edits') edits = Number(argv[++i]);
    else if (a === '--seed') seed = Number(argv[++i]);
    else root = nodePath.resolve(a);
  }
  if (!root) {
    process.stderr.write('usage: incremental-check DOCS_DIR [--edits N] [--seed S]\n');
    return 2;
  }
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

process.exitCode = main(process.argv.slice(2));
