/**
 * The second half of `npm run build` (after tsc): data that is a function of kdocs' own code and
 * installed packages only, made once per build as the JavaScript is, into dist/data/.
 *
 * - The site's contract explorations of every profile (src/html/site/contracts.ts,
 *   `builtDataDir`): a first `kdocs site` with no cache reads them instead of running the model.
 * - The model's answer to every question contract-behaviour can ask (src/contracts/answers.ts): a
 *   lint reads them instead of loading the model.
 * - The highlighter's grammars with their expressions converted to JavaScript (src/html/grammar-data.ts):
 *   the highlighter rebuilds each RegExp from the file instead of converting the expression again.
 *   Written only when its stamp (packages, V8, our grammars) changed.
 * - The rules' pages (rules/<id>/README.md as HTML, src/html/site/rule-pages.ts).
 *
 *   node dist/scripts/build-data.js [--quiet]
 */
import { writeBuiltContracts } from '../src/html/site/contracts.js';
import { builtDataDir } from '../src/project/built-data.js';
import { writeBuiltAnswers } from '../src/contracts/claims.js';
import { contracts } from '../src/contracts/load.js';
import { PROFILE_NAMES } from '../src/model/index.js';
import { writeGrammarData } from '../src/html/grammar-data.js';
import { writeBuiltRulePages } from '../src/html/site/rule-pages.js';
import { packageRoot } from '../src/lint/api.js';
import * as nodePath from 'node:path';

async function main(argv: string[]): Promise<number> {
  const quiet = argv.includes('--quiet');
  const dir = builtDataDir();
  if (dir === false) {
    if (!quiet) process.stdout.write('build-data: KDOCS_BUILT_DATA=0, nothing written\n');
    return 0;
  }
  let t0 = performance.now();
  const files = writeBuiltContracts(dir);
  if (!quiet) process.stdout.write(`build-data: ${files.length} contract exploration files written in ${dir} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  t0 = performance.now();
  const answers = writeBuiltAnswers(dir, contracts(), PROFILE_NAMES);
  if (!quiet) process.stdout.write(`build-data: the lint's model answers ${answers ? `written to ${answers}` : 'up to date'} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  t0 = performance.now();
  const r = await writeBuiltRulePages(nodePath.join(packageRoot(), 'rules'), dir);
  if (!quiet) process.stdout.write(`build-data: ${r.pages} rule pages in ${r.file} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  t0 = performance.now();
  const g = await writeGrammarData(dir);
  if (!quiet) process.stdout.write(`build-data: ${g.grammars} grammars in ${g.dir}${g.written ? `, ${g.expressions} expressions converted` : ' (up to date)'} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
