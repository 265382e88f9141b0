/**
 * `npm run bench:html -- [DOCS_DIR] [--passes N] [--no-highlight]`
 *
 * Renders every document of a docs root (default docs-src) to HTML and reports each phase:
 * parse + index (the project index, once), C targets (one walk), render (the visitors, no
 * highlighting), highlight (shiki: load + tokenise, cached by code text across pages), and peak
 * RSS. Wall and CPU time per phase; N passes of the render phase (the index is reused) show the
 * warm figure. Work counters (pages, HTML bytes, code blocks, blocks highlighted, cache hits)
 * come with the times, so runs on a loaded machine can be compared by work done.
 */
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefaultParser, ProjectIndex } from '../src/project/index.js';
import { collectCTargets, renderDocument, renderDocumentSync } from '../src/html/index.js';
import { highlightStats } from '../src/html/code.js';

const here = nodePath.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const passesArg = args.indexOf('--passes');
const passes = passesArg >= 0 ? Number(args[passesArg + 1]) || 1 : 1;
const highlight = !args.includes('--no-highlight');
const root = nodePath.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--passes') ?? nodePath.join(here, '..', '..', 'docs-src'));

function phase<T>(name: string, fn: () => T): T {
  const w = performance.now();
  const c = process.cpuUsage();
  const out = fn();
  const cpu = process.cpuUsage(c);
  report(name, performance.now() - w, (cpu.user + cpu.system) / 1000);
  return out;
}

async function phaseAsync<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const w = performance.now();
  const c = process.cpuUsage();
  const out = await fn();
  const cpu = process.cpuUsage(c);
  report(name, performance.now() - w, (cpu.user + cpu.system) / 1000);
  return out;
}

function report(name: string, wall: number, cpu: number): void {
  process.stdout.write(`${name.padEnd(26)} ${(wall / 1000).toFixed(2).padStart(7)} s wall ${(cpu / 1000).toFixed(2).padStart(7)} s cpu\n`);
}

const parse = await loadDefaultParser();
const index = new ProjectIndex(root, parse);
phase('parse + index', () => index.build());
const docs = index.documents();
const cTargets = phase('C targets + glossary', () => collectCTargets(index));
let bytes = 0;
let blocks = 0;
let warnings = 0;
for (let p = 1; p <= passes; p++) {
  bytes = 0;
  blocks = 0;
  warnings = 0;
  phase(`render (pass ${p})`, () => {
    for (const d of docs) {
      const page = renderDocumentSync(index.get(d)!, { index, cTargets });
      bytes += page.body.length;
      blocks += page.codeBlocks.length;
      warnings += page.warnings.length;
    }
  });
}
if (highlight) {
  await phaseAsync('render + highlight', async () => {
    for (const d of docs) await renderDocument(index.get(d)!, { index, cTargets });
  });
}
process.stdout.write(
  `${docs.length} pages, ${(bytes / 1e6).toFixed(1)} MB of HTML, ${blocks} code blocks (${highlightStats.blocksHighlighted} highlighted, ${highlightStats.cacheHits} from the cache, ${highlightStats.languagesLoaded} languages loaded), ${warnings} warnings; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
);
