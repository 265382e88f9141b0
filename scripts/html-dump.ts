/**
 * Render every document of a docs root (default docs-src) through the project index, without
 * highlighting, and write each page's body, title and toc to OUT_DIR/<path>.html — so two
 * versions of the renderer can be compared byte for byte (`diff -r A B`) on a whole tree.
 *
 *   node dist/scripts/html-dump.js DOCS_DIR OUT_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { loadDefaultParser, ProjectIndex } from '../src/project/index.js';
import { renderDocumentSync } from '../src/html/index.js';

const [rootArg, outArg] = process.argv.slice(2);
if (!rootArg || !outArg) {
  process.stderr.write('usage: html-dump DOCS_DIR OUT_DIR\n');
  process.exit(2);
}
const root = nodePath.resolve(rootArg);
const out = nodePath.resolve(outArg);
const index = new ProjectIndex(root, await loadDefaultParser());
index.build();
let n = 0;
for (const path of index.documents()) {
  const doc = index.get(path);
  if (!doc) continue;
  const r = renderDocumentSync(doc, { index, docname: path.replace(/\.rst$/, '') });
  const file = nodePath.join(out, path.replace(/\.rst$/, '.html'));
  mkdirSync(nodePath.dirname(file), { recursive: true });
  writeFileSync(file, `${r.title}\n${r.titleHtml}\n${JSON.stringify(r.toc)}\n${JSON.stringify(r.links)}\n${r.body}`);
  n++;
}
process.stdout.write(`${n} pages written to ${out}\n`);
