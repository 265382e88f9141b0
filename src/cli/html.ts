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

const HELP = `usage: kdocs html [--root DIR] [--no-highlight] [--allow-raw-html] [--json] FILE

Print the HTML body of FILE (a .rst document under the docs root).

  --root DIR         docs root (default: the Documentation/ above FILE, else docs-src)
  --no-highlight     leave code blocks unhighlighted (faster)
  --allow-raw-html   keep \`.. raw:: html\` content (left out with a warning by default)
  --json             print the whole rendered page (body, title, toc, warnings, assets, links)
`;

function defaultRoot(file: string): string {
  const parts = nodePath.resolve(file).split(nodePath.sep);
  const i = parts.lastIndexOf('Documentation');
  if (i >= 0) return parts.slice(0, i + 1).join(nodePath.sep);
  return 'docs-src';
}

export async function run(args: string[]): Promise<number> {
  let root: string | undefined;
  let file: string | undefined;
  let highlight = true;
  let allowRawHtml = false;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      process.stdout.write(HELP);
      return 0;
    } else if (a === '--root') {
      root = args[++i];
      if (!root) {
        process.stderr.write('kdocs html: --root needs a directory\n');
        return 2;
      }
    } else if (a === '--no-highlight') highlight = false;
    else if (a === '--allow-raw-html') allowRawHtml = true;
    else if (a === '--json') json = true;
    else if (a.startsWith('-')) {
      process.stderr.write(`kdocs html: unknown option ${a}\n${HELP}`);
      return 2;
    } else if (file) {
      process.stderr.write(`kdocs html: one FILE only (got '${file}' and '${a}')\n`);
      return 2;
    } else file = a;
  }
  if (!file) {
    process.stderr.write(HELP);
    return 2;
  }
  const rootAbs = nodePath.resolve(root ?? defaultRoot(file));
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
