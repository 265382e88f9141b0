/**
 * `kdocs doctree [--root DIR] [--files-from LIST] FILE...`
 *
 * Parses every file in one process and prints one JSON object per line,
 * `{"file", "tree", "messages"}` — the convention of scripts/oracle.py (docutils), so the two
 * outputs can be compared line by line (scripts/conformance.ts does that).
 * FILE paths are relative to --root (default: the current directory). A parser exception does not
 * stop the run: that file's line is `{"file", "error"}` and the exit code is 1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '../rst/parse.js';
import { canonicalJson, messageToJson, nodeToJson, type DoctreeRecord } from '../rst/doctree-json.js';
import { quietOnClosedStdout } from './epipe.js';
import { readArgs, UsageError } from './args.js';

/** Parse one file (relative to root) into a doctree record. Never throws. */
export function doctreeRecord(file: string, root: string, text?: string): DoctreeRecord {
  try {
    const raw = text ?? readFileSync(path.resolve(root, file), 'utf8');
    const doc = parse(raw, { path: file, root });
    return { file, tree: nodeToJson(doc.tree), messages: doc.messages.map(messageToJson) };
  } catch (e) {
    const err = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { file, error: err };
  }
}

const HELP = `usage: kdocs doctree [--root DIR] [--files-from LIST] FILE...

Print each file's parse tree and messages as one JSON line {"file","tree","messages"}
(the docutils-oracle convention of scripts/oracle.py).
`;

export async function run(args: string[]): Promise<number> {
  // also when called without main(): a closed pipe ends the run quietly
  quietOnClosedStdout();
  let root = process.cwd();
  const files: string[] = [];
  let help = false;
  try {
    readArgs(args, (arg, value, raw) => {
      if (arg === '--help' || arg === '-h') help = true;
      else if (arg === '--root') root = path.resolve(value());
      else if (arg === '--files-from') {
        const list = value();
        let text: string;
        try {
          text = readFileSync(list, 'utf8');
        } catch (e) {
          throw new UsageError(`--files-from ${list}: ${(e as Error).message}`);
        }
        for (const line of text.split('\n')) if (line.trim()) files.push(line.trim());
      } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${raw}`);
      else files.push(raw);
    });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`kdocs doctree: ${e.message}\n${HELP}`);
    return 2;
  }
  if (help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!files.length) {
    process.stderr.write(HELP);
    return 2;
  }
  let status = 0;
  const chunks: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (chunks.length) process.stdout.write(chunks.join(''));
    chunks.length = 0;
    size = 0;
  };
  for (const f of files) {
    const rec = doctreeRecord(f, root);
    if (rec.error) status = 1;
    const line = canonicalJson(rec) + '\n';
    chunks.push(line);
    size += line.length;
    if (size > 1 << 20) flush();
  }
  flush();
  return status;
}
