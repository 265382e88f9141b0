/**
 * Structural goldens of the HTML renderer against Sphinx 5.3.
 *
 *   node dist/scripts/sphinx-structure.js generate [--root docs-src] [--html DIR] [--kernel-prefix P]
 *       runs Debian's Sphinx over the root with the kernel's extensions replaced by stand-ins
 *       (scripts/sphinx-structure.py; needs /usr/bin/python3 with python3-sphinx 5.3), extracts
 *       each page's structure (src/html/structure.ts) and writes test/html/sphinx-structure.json;
 *       with --html DIR, reads an existing build instead of running Sphinx;
 *   node dist/scripts/sphinx-structure.js compare [--root docs-src] [--write-passing] [--verbose] [--page DOC]
 *       renders every page with kdocs, compares with the goldens, prints the pages that differ
 *       grouped by category; --write-passing writes test/html/sphinx-passing.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefaultParser, ProjectIndex } from '../src/project/index.js';
import { renderDocumentSync } from '../src/html/index.js';
import { compareStructure, extractStructure, type PageStructure } from '../src/html/structure.js';

const here = nodePath.dirname(fileURLToPath(import.meta.url));
const repo = nodePath.resolve(here, '..', '..');
export const GOLDEN = nodePath.join(repo, 'test', 'html', 'sphinx-structure.json');
export const PASSING = nodePath.join(repo, 'test', 'html', 'sphinx-passing.json');

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function generate(args: string[]): Promise<void> {
  const root = nodePath.resolve(arg(args, '--root') ?? nodePath.join(repo, 'docs-src'));
  let html = arg(args, '--html');
  if (!html) {
    html = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-sphinx-html-'));
    const prefix = arg(args, '--kernel-prefix') ?? 'filesystems/';
    process.stderr.write(`running Sphinx 5.3 over ${root} into ${html} ...\n`);
    execFileSync('/usr/bin/python3', [nodePath.join(repo, 'scripts', 'sphinx-structure.py'), '--root', root, '--out', html, '--kernel-prefix', prefix], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const index = new ProjectIndex(root, await loadDefaultParser());
  const out: Record<string, PageStructure> = {};
  for (const path of index.listFiles()) {
    const docname = path.replace(/\.rst$/, '');
    const file = nodePath.join(html, docname + '.html');
    if (!existsSync(file)) continue;
    out[docname] = extractStructure(readFileSync(file, 'utf8'), { sphinxPage: true });
  }
  writeFileSync(GOLDEN, JSON.stringify(out, null, 0).replace(/\},"/g, '},\n"') + '\n');
  process.stderr.write(`${Object.keys(out).length} pages written to ${nodePath.relative(process.cwd(), GOLDEN)}\n`);
}

export interface Comparison {
  equal: string[];
  differ: Map<string, string[]>;
  missing: string[];
}

/** Render every golden page and compare (used by the test too). */
export async function compareAll(root: string, golden: Record<string, PageStructure>, pages?: string[]): Promise<{ result: Comparison; ours: Map<string, PageStructure> }> {
  const index = new ProjectIndex(root, await loadDefaultParser());
  index.build();
  const result: Comparison = { equal: [], differ: new Map(), missing: [] };
  const ours = new Map<string, PageStructure>();
  for (const docname of pages ?? Object.keys(golden).sort()) {
    const doc = index.get(docname + '.rst');
    if (!doc) {
      result.missing.push(docname);
      continue;
    }
    const page = renderDocumentSync(doc, { index });
    const s = extractStructure(page.body);
    ours.set(docname, s);
    const diff = compareStructure(s, golden[docname]!);
    if (diff.length) result.differ.set(docname, diff);
    else result.equal.push(docname);
  }
  return { result, ours };
}

function firstDifference(a: unknown[], b: unknown[]): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = JSON.stringify(a[i]);
    const y = JSON.stringify(b[i]);
    if (x !== y) return `#${i}: ours ${x} / sphinx ${y}`;
  }
  return '';
}

async function compare(args: string[]): Promise<void> {
  const root = nodePath.resolve(arg(args, '--root') ?? nodePath.join(repo, 'docs-src'));
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, PageStructure>;
  const page = arg(args, '--page');
  const { result, ours } = await compareAll(root, golden, page ? [page] : undefined);
  const total = result.equal.length + result.differ.size + result.missing.length;
  const byCat = new Map<string, string[]>();
  for (const [d, cats] of result.differ) for (const c of cats) (byCat.get(c) ?? byCat.set(c, []).get(c)!).push(d);
  process.stdout.write(`${result.equal.length}/${total} pages structurally equal (${((100 * result.equal.length) / Math.max(1, total)).toFixed(1)} %)\n`);
  for (const [c, ds] of byCat) {
    process.stdout.write(`  ${c}: ${ds.length} pages\n`);
    if (args.includes('--verbose')) {
      for (const d of ds) {
        const k = c as keyof PageStructure;
        process.stdout.write(`    ${d}: ${firstDifference(ours.get(d)![k] as unknown[], golden[d]![k] as unknown[])}\n`);
      }
    }
  }
  if (result.missing.length) process.stdout.write(`  not rendered: ${result.missing.join(', ')}\n`);
  if (args.includes('--write-passing')) {
    writeFileSync(PASSING, JSON.stringify(result.equal.sort(), null, 1) + '\n');
    process.stderr.write(`${result.equal.length} pages written to ${nodePath.relative(process.cwd(), PASSING)}\n`);
  }
}

const [cmd, ...rest] = process.argv.slice(2);
if (process.argv[1] && fileURLToPath(import.meta.url) === nodePath.resolve(process.argv[1])) {
  if (cmd === 'generate') await generate(rest);
  else if (cmd === 'compare') await compare(rest);
  else {
    process.stderr.write('usage: sphinx-structure.js generate|compare [options]\n');
    process.exitCode = 2;
  }
}
