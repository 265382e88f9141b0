/**
 * `kdocs html [--root DIR] [--no-highlight] [--allow-raw-html] [--json] FILE`
 *
 * Renders one document of a docs root to HTML (the page body, as Sphinx writes it inside
 * `<div class="body">`) on stdout. The whole root is indexed first, so :ref:, :doc:, toctrees,
 * C-domain roles and automarkup resolve against every document. Renderer warnings go to stderr
 * as `FILE:LINE:COL: warning: message [id]`. With --json: the RenderedPage as JSON.
 */
import { existsSync, statSync } from 'node:fs';
import nodePath from 'node:path';
import { loadDefaultParser, ProjectIndex, toPosix } from '../project/index.js';
import { renderDocument } from '../html/index.js';
import { packageRoot } from '../lint/api.js';
import { readArgs, UsageError } from './args.js';
import { findRoot } from './root.js';

const HELP = `usage: kdocs html [--root DIR] [--no-highlight] [--allow-raw-html] [--json] FILE

Print the HTML body of FILE (a .rst document under the docs root).

  --root DIR         docs root (default: the Documentation/ FILE is in, else
                     the kdocs checkout's docs-src)
  --no-highlight     leave code blocks unhighlighted (faster)
  --allow-raw-html   keep \`.. raw:: html\` content (left out with a warning by default)
  --json             print the whole rendered page (body, title, toc, warnings, assets, links)
`;

interface HtmlArgs {
  root?: string;
  file?: string;
  highlight: boolean;
  allowRawHtml: boolean;
  json: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): HtmlArgs {
  const a: HtmlArgs = { highlight: true, allowRawHtml: false, json: false, help: false };
  readArgs(argv, (arg, value, raw) => {
    if (arg === '--help' || arg === '-h') a.help = true;
    else if (arg === '--root') a.root = value();
    else if (arg === '--no-highlight') a.highlight = false;
    else if (arg === '--allow-raw-html') a.allowRawHtml = true;
    else if (arg === '--json') a.json = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${raw}`);
    else if (a.file !== undefined) throw new UsageError(`one FILE only (got '${a.file}' and '${raw}')`);
    else a.file = raw;
  });
  return a;
}

export async function run(argv: string[]): Promise<number> {
  let args: HtmlArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`kdocs html: ${e.message}\n${HELP}`);
    return 2;
  }
  const { root, file, highlight, allowRawHtml, json } = args;
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!file) {
    process.stderr.write(HELP);
    return 2;
  }
  // the same root `kdocs lint` would take for FILE: its Documentation/, else the checkout's docs-src
  const found = root === undefined ? findRoot(file, packageRoot()) : undefined;
  if (root === undefined && !found) {
    process.stderr.write(`kdocs html: ${file}: not inside a Documentation/ directory; give the docs root with --root\n`);
    return 2;
  }
  const rootAbs = nodePath.resolve(root ?? found!.root);
  if (!existsSync(rootAbs) || !statSync(rootAbs).isDirectory()) {
    process.stderr.write(`kdocs html: root '${root ?? rootAbs}' is not a directory\n`);
    return 2;
  }
  // FILE as given, or relative to the root
  let abs = nodePath.resolve(file);
  if (!existsSync(abs) && existsSync(nodePath.join(rootAbs, file))) abs = nodePath.join(rootAbs, file);
  const rel = toPosix(nodePath.relative(rootAbs, abs));
  if (rel.startsWith('..') || nodePath.isAbsolute(rel)) {
    process.stderr.write(`kdocs html: ${file}: outside the root ${rootAbs}\n`);
    return 2;
  }
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    process.stderr.write(`kdocs html: ${file}: no such file\n`);
    return 2;
  }
  const index = new ProjectIndex(rootAbs, await loadDefaultParser());
  index.build();
  const doc = index.get(rel) ?? index.update(rel, index.readRel(rel));
  if (!doc) {
    process.stderr.write(`kdocs html: ${file}: cannot read\n`);
    return 2;
  }
  const page = await renderDocument(doc, { index, options: { highlight, allowRawHtml } });
  if (json) process.stdout.write(JSON.stringify(page, null, 1) + '\n');
  else process.stdout.write(page.body);
  const shown = toPosix(nodePath.relative(process.cwd(), abs));
  for (const w of page.warnings) {
    const p = w.position?.start;
    const where = w.source ? toPosix(nodePath.relative(process.cwd(), index.abs(w.source))) : shown;
    process.stderr.write(`${where}:${p ? `${p.line}:${p.column}` : '1:1'}: warning: ${w.message} [${w.ruleId}]\n`);
  }
  return 0;
}
