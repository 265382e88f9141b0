/**
 * Parse a whole tree several times in one process, each tree dropped once parsed, and print wall
 * and CPU seconds per pass: pass 0 pays V8's JIT warm-up (what one `kdocs` run pays), later passes
 * show the steady state. Files are read before the first pass (I/O is not parsing). V8 runs with
 * the CLI's settings (src/cli/v8-flags.ts) unless `--v8-defaults` is given.
 *
 *   node dist/scripts/parse-passes.js DOCS_DIR [PASSES] [--v8-defaults]   (default 2 passes)
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '../src/rst/parse.js';
import { listRst } from './conformance.js';
import { tuneV8ForOneShotRun } from '../src/cli/v8-flags.js';

function main(args: string[]): number {
  const argv = args.filter((a) => a !== '--v8-defaults');
  if (argv.length === args.length) tuneV8ForOneShotRun();
  const root = argv[0];
  if (!root) {
    process.stderr.write('usage: node dist/scripts/parse-passes.js DOCS_DIR [PASSES] [--v8-defaults]\n');
    return 2;
  }
  const passes = Number(argv[1] ?? 2);
  const files = listRst(root);
  const texts = files.map((f) => readFileSync(path.join(root, f), 'utf8'));
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < files.length; i++) parse(texts[i]!, { path: files[i]!, root });
    const c = process.cpuUsage(c0);
    process.stdout.write(`pass ${p}: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${((c.user + c.system) / 1e6).toFixed(2)} s CPU (${files.length} files)\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
