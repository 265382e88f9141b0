/**
 * `kdocs summary [DIR] [--no-transforms] [--json]`: parse every .rst file under DIR (default
 * docs-src) in one process and print files, bytes, nodes, messages by level and seconds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parserModules } from '../rst/parse.js';
import { LEVEL_NAMES } from '../rst/reporter.js';
import type { RstNode } from '../rst/nodes.js';

function listRst(root: string): string[] {
  const out: string[] = [];
  const go = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) go(rel);
      else if (e.isFile() && e.name.endsWith('.rst')) out.push(rel);
    }
  };
  go('');
  return out.sort();
}

function countNodes(root: RstNode): number {
  let n = 0;
  const stack: RstNode[] = [root];
  while (stack.length) {
    const x = stack.pop()!;
    n++;
    if (x.children) for (const c of x.children) stack.push(c);
  }
  return n;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write('usage: kdocs summary [DIR] [--no-transforms] [--json]\n');
    return 0;
  }
  const positional = args.filter((a) => !a.startsWith('--'));
  const dir = positional[0] ?? 'docs-src';
  const transforms = !args.includes('--no-transforms');
  const files = listRst(dir);
  if (!files.length) {
    process.stderr.write(`kdocs summary: no .rst files under ${dir}\n`);
    return 2;
  }
  let bytes = 0;
  let nodes = 0;
  const byLevel = [0, 0, 0, 0, 0];
  let failed = 0;
  let parseSeconds = 0;
  const t0 = process.hrtime.bigint();
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(path.join(dir, f), 'utf8');
    } catch {
      failed++;
      continue;
    }
    bytes += Buffer.byteLength(text);
    const s = process.hrtime.bigint();
    const doc = parse(text, { path: f, root: dir, transforms });
    parseSeconds += Number(process.hrtime.bigint() - s) / 1e9;
    nodes += countNodes(doc.tree);
    for (const m of doc.messages) byLevel[m.level] = (byLevel[m.level] ?? 0) + 1;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const levels: Record<string, number> = {};
  LEVEL_NAMES.forEach((name, i) => {
    if (i > 0 || byLevel[0]) levels[name] = byLevel[i] ?? 0;
  });
  if (args.includes('--json')) {
    process.stdout.write(
      JSON.stringify({ dir, files: files.length, bytes, nodes, messages: levels, seconds, parseSeconds, failed, modules: parserModules() }) + '\n',
    );
  } else {
    const lines = [
      `dir       ${dir}`,
      `files     ${files.length}${failed ? ` (${failed} unreadable)` : ''}`,
      `bytes     ${bytes}`,
      `nodes     ${nodes}`,
      `messages  ${Object.entries(levels).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `seconds   ${seconds.toFixed(3)} (parse ${parseSeconds.toFixed(3)})`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
  return 0;
}
